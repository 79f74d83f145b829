"""The trade classifier on sentences written for these tests: look-alikes must not pass,
trade stories without the obvious words must."""

from __future__ import annotations

import math
import random
import re
import string
import sys

import numpy as np
import pytest
from jsonschema import Draft202012Validator

import schemas
from newswire.trade.classify import (
    _ABBREVIATION,
    _ABBREVIATION_REST,
    _TOKEN,
    CASE_EXCEPTIONS,
    SUBTOPICS,
    Caseless,
    Knowledge,
    TradeLabel,
    _counted,
    _evidence,
    _joined_numbers,
    _long_phrases,
    _long_phrases_at,
    _stem,
    branches,
    classify,
    contributions,
    hand_phrases,
    knowledge,
    learned_parts,
    lowered,
    mask_contexts,
    term_counts,
    term_frequencies,
    tfidf,
    tokens,
    words_of,
)

HARD_NEGATIVES = {
    "player acquired in trade for": (
        "Comets acquire left-handed reliever from Harbor Kings in trade for two prospects",
        "The Comets acquired a left-handed reliever from the Harbor Kings on Monday in trade for two "
        "minor-league prospects. The reliever posted a 2.91 earned run average over 40 appearances.",
    ),
    "skilled trades": (
        "Trade courses fill up as school leavers pick apprenticeships",
        "Enrolments in trade training courses rose 12% this year as more school leavers chose "
        "apprenticeships in plumbing and carpentry, and providers said a shortage of builders had "
        "made the skilled trades more attractive.",
    ),
    "trade winds": (
        "Trade winds push solo sailor to record ocean crossing",
        "Steady trade winds carried a solo sailor across the ocean in nine days, beating the record "
        "set four years ago. She crossed the finish line off the island before dawn on Sunday.",
    ),
    "player traded": (
        "Hawks send veteran guard to Denver",
        "The Hawks traded their veteran point guard to the Nuggets on Thursday for two second-round "
        "draft picks, hours before the league's trade deadline. The guard averaged 14 points a game "
        "this season and will join the roster before the weekend's road trip.",
    ),
    "player traded, headline": (
        "Sharks trade All-Star goalie Pelletier to Wolves for two draft picks",
        "The Sharks traded All-Star goalie Remy Pelletier to the Wolves on Monday for a first-round pick "
        "and a conditional second-rounder. Pelletier, 31, had asked for a trade after the Sharks missed "
        "the playoffs again, and the Wolves sent a young winger back to balance the salaries.",
    ),
    "equity trading": (
        "Bank's equity trading revenue jumps",
        "The bank said revenue from equity trading rose 18% in the quarter as clients repositioned "
        "portfolios. Its shares traded 2% higher in early trading, and the fixed income desk also "
        "beat analysts' forecasts on strong bond trading volumes.",
    ),
    "trade-union strike": (
        "Dock workers walk out",
        "Members of the transport trade union began a 48-hour strike at the city's container "
        "terminal on Monday over pay and shift patterns. Union leaders said talks with the port "
        "operator had broken down and further walkouts were planned for next month.",
    ),
    "trade fair": (
        "Robot makers flock to Hanover trade fair",
        "More than 4,000 exhibitors are showing factory robots and sensors at this year's trade "
        "fair in Hanover, the organisers said. Visitor numbers at the five-day show are expected to "
        "return to pre-pandemic levels, and hotel prices in the city have doubled.",
    ),
    "trademark": (
        "Sneaker maker wins trademark case",
        "A court ruled that a rival brand infringed the sneaker maker's registered trademark by "
        "using a similar three-stripe logo. The judge ordered the rival to withdraw the shoes from "
        "shops and pay damages, and the company said it would defend its trademarks worldwide.",
    ),
    "fair trade coffee": (
        "Cafe chain switches to fair trade coffee",
        "The cafe chain said all its espresso will use fair trade coffee from cooperatives in "
        "Honduras and Peru by next spring. Customers will pay 10 cents more a cup, and the chain "
        "will also sell Fairtrade chocolate bars at its counters.",
    ),
}

HARD_POSITIVES = {
    "export controls on chips": (
        "Washington tightens curbs on advanced chips to China",
        "The Commerce Department added 28 Chinese companies to its entity list and widened export "
        "controls on advanced semiconductors and chipmaking equipment, officials said on Monday. "
        "Firms will need a licence to ship the chips, and allies in the Netherlands and Japan are "
        "expected to adopt similar restrictions.",
        "export_controls",
    ),
    "anti-dumping duties on steel": (
        "EU slaps duties on steel from three countries",
        "The European Commission imposed provisional anti-dumping duties of between 12% and 31% on "
        "hot-rolled steel imports from three Asian producers after finding that they sold below "
        "cost and hurt European mills. The duties apply for six months.",
        "trade_remedies",
    ),
    "anti-dumping duties on a farm good": (
        "EU imposes anti-dumping duties on wheat from the Black Sea",
        "The European Commission imposed provisional anti-dumping duties on wheat and maize imports "
        "from two Black Sea exporters after growers in central Europe complained that cheap grain "
        "was undercutting local harvests.",
        "trade_remedies",
    ),
    "steel safeguard": (
        "Ankara extends steel safeguard as mills warn of glut",
        "Turkey will keep its safeguard measure on flat-rolled steel for two more years, with quotas "
        "above which imports pay an extra 20% levy, the economy ministry said on Friday after local mills "
        "complained of a glut of cheap coil.",
        "trade_remedies",
    ),
    "trade deficit figure": (
        "US deficit narrows in March",
        "The United States trade deficit narrowed to $61.6 billion in March from $68.9 billion in "
        "February as exports of aircraft and soybeans rose and imports of consumer goods fell, the "
        "Commerce Department said.",
        "trade_data",
    ),
    "restrictions on metal exports": (
        "Beijing to curb exports of two chipmaking metals",
        "China will restrict exports of gallium and germanium, two metals used to make semiconductors, "
        "from August, requiring exporters to apply for licences, the commerce ministry said on Monday.",
        "export_controls",
    ),
    "free trade agreement talks": (
        "Brussels and New Delhi near a deal",
        "Negotiators from the European Union and India said they were close to concluding a free trade "
        "agreement after a tenth round of talks, which would cut duties on cars, wine and textiles.",
        "negotiations",
    ),
    "tariffs": (
        "Ottawa hits back with levies on US goods",
        "Canada said it would impose 25% tariffs on C$30 billion of U.S. goods, including orange "
        "juice, motorcycles and appliances, in retaliation for American tariffs on Canadian steel "
        "and aluminium. The finance minister said the counter-tariffs take effect next week.",
        "tariffs",
    ),
}


@pytest.mark.parametrize("name", sorted(HARD_NEGATIVES))
def test_hard_negatives_do_not_pass(name: str) -> None:
    title, text = HARD_NEGATIVES[name]
    label = classify(title, text)
    assert not label.is_trade, (name, label)
    assert label.subtopics == ()


@pytest.mark.parametrize("name", sorted(HARD_POSITIVES))
def test_hard_positives_pass_with_their_subtopic(name: str) -> None:
    title, text, subtopic = HARD_POSITIVES[name]
    label = classify(title, text)
    assert label.is_trade, (name, label)
    assert subtopic in label.subtopics
    assert label.evidence


def test_partnership_agreement_is_a_negotiation() -> None:
    label = classify("Kenya and Japan sign economic partnership agreement",
                     "The two governments signed an economic partnership agreement that removes tariffs on "
                     "most Kenyan tea and flowers and phases out duties on Japanese vehicles over ten years.")
    assert label.is_trade and "negotiations" in label.subtopics, label


def test_chip_controls_pass_without_the_word_trade() -> None:
    title, text, _ = HARD_POSITIVES["export controls on chips"]
    assert "trade" not in (title + text).lower()
    assert classify(title, text).is_trade


def test_negative_context_is_named_in_the_evidence() -> None:
    label = classify(*HARD_NEGATIVES["trade-union strike"])
    assert "not: trade union" in label.evidence


def test_evidence_is_strongest_first() -> None:
    title, text, _ = HARD_POSITIVES["tariffs"]
    _, parts = contributions(title, text)
    weight = {name: w for name, w in parts}
    evidence = classify(title, text).evidence
    assert [weight[e] for e in evidence] == sorted((weight[e] for e in evidence), reverse=True)


def test_label_matches_the_story_schema() -> None:
    story = schemas.load("story")
    trade_schema = {"$defs": story.get("$defs", {}), **story["properties"]["trade"]}
    title, text, _ = HARD_POSITIVES["anti-dumping duties on steel"]
    for label in (classify(title, text), classify(*HARD_NEGATIVES["trademark"]), classify("", "")):
        errors = list(Draft202012Validator(trade_schema).iter_errors(label.to_dict()))
        assert errors == [], errors
        assert set(label.to_dict()) == {"is_trade", "score", "subtopics", "evidence"}


def test_empty_story_is_not_trade() -> None:
    label = classify("", "")
    assert isinstance(label, TradeLabel)
    assert not label.is_trade
    assert 0.0 <= label.score < knowledge().threshold


def test_score_is_a_probability_consistent_with_the_decision() -> None:
    for title, text, _ in HARD_POSITIVES.values():
        label = classify(title, text)
        assert knowledge().threshold <= label.score <= 1.0


def test_tokens_fold_abbreviations_and_plurals() -> None:
    assert tokens("U.S. tariffs on E.U. cars, duties and policies") == [
        "us", "tariff", "on", "eu", "car", "duty", "and", "policy",
    ]
    assert tokens("Progress in the talks") == ["progress", "in", "the", "talk"]


def _toy(**extra: object) -> Knowledge:
    data: dict[str, object] = {
        "bias": -2.0,
        "threshold": 0.5,
        "title_repeat": 3,
        "terms": {"tariff": [2.0, 1.0], "trade deficit": [1.0, 2.0]},
        "curated": {"export controls": 3.0, "trade deficit": 5.0},  # learned "trade deficit" wins
        "negative_contexts": [{"name": "trade union", "weight": -1.0, "pattern": r"\btrade union\b"}],
        "subtopics": {"tariffs": [r"\btariffs?\b"]},
    }
    data.update(extra)
    return Knowledge.from_dict(data)


def _hand(kb: Knowledge, title: str, text: str) -> set[tuple[str, ...]]:
    title_words, text_words = tokens(title), tokens(text)
    return hand_phrases(title_words, text_words, term_counts(title_words, text_words, kb)[0], kb)


def test_hand_phrases_finds_each_hand_set_phrase_once() -> None:
    kb = _toy(curated={"export controls": 3.0, "bureau of industry and security": 2.0, "wto": 1.0})
    text = "Tariffs and a trade deficit; more tariffs, then export controls, export controls."
    assert _hand(kb, "", text) == {("export", "control")}
    text = "The WTO and the Bureau of Industry and Security; the bureau of industry."
    bis = ("bureau", "of", "industry", "and", "security")
    assert _hand(kb, "", text) == {("wto",), bis}
    assert _hand(kb, "Bureau of Industry and Security", "") == {bis}
    assert _hand(kb, "new export", "controls") == set()  # not across the title and the text


@pytest.mark.parametrize("title, text", [
    ("Tariffs on cars", "The trade deficit widened as tariffs on cars rose; U.S. officials said."),
    ("", "Exports of wheat fell while the trade surplus with Japan grew."),
    ("Trade deficit", ""),
    ("Shares traded higher", "In early trading the trade union's trade fair shares rose."),
])
def test_learned_parts_are_the_tfidf_of_the_term_frequencies(title: str, text: str) -> None:
    kb = knowledge()
    title_words, text_words = tokens(mask_contexts(title, kb)[0]), tokens(mask_contexts(text, kb)[0])
    counts = term_frequencies(title_words, text_words, kb.title_repeat)
    expected = {" ".join(key): kb.terms[key][1] * value for key, value in tfidf(counts, kb).items()}
    assert expected  # the packaged model knows some of these words
    got = learned_parts(*term_counts(title_words, text_words, kb), kb)
    assert len(got) == len(expected)
    assert dict(got) == pytest.approx(expected, rel=1e-12)


def test_contributions_are_normalised_tfidf_plus_hand_weights() -> None:
    kb = _toy()
    z, parts = contributions("", "tariffs, tariffs and export controls", kb)
    # the only learned term present: its L2-normalised TF-IDF value is 1, times its weight 1.0
    assert dict(parts) == pytest.approx({"tariff": 1.0, "export control": 3.0})
    assert z == pytest.approx(-2.0 + 4.0)


def test_title_counts_title_repeat_times() -> None:
    kb = _toy()
    _, parts = contributions("Tariffs", "The trade deficit", kb)
    tariff = (1 + math.log(3)) * 2.0  # three times: the title is repeated
    deficit = 1.0 * 1.0
    norm = math.hypot(tariff, deficit)
    expected = {"tariff": tariff / norm * 1.0, "trade deficit": deficit / norm * 2.0}
    assert dict(parts) == pytest.approx(expected)


def test_a_competing_topic_counts_only_where_its_model_claims_the_story() -> None:
    terms = {"tariff": [2.0, 1.0, 0.0], "trade deficit": [1.0, 2.0, 0.5], "dollar": [1.0, 0.0, 3.0]}
    kb = _toy(terms=terms, competitors=[{"topic": "money-fx", "weight": -2.0, "bias": -1.0}])
    z, parts = contributions("", "The trade deficit", kb)  # money-fx: -1 + 0.5 < 0, not counted
    assert dict(parts) == pytest.approx({"trade deficit": 2.0})
    z, parts = contributions("", "The trade deficit and the dollar", kb)
    x = 1 / math.sqrt(2)  # both terms once, idf 1: each TF-IDF value is 1/sqrt(2)
    claim = -1.0 + 0.5 * x + 3.0 * x
    assert dict(parts) == pytest.approx({"trade deficit": 2.0 * x, "competing topic: money-fx": -2.0 * claim})
    assert z == pytest.approx(-2.0 + 2.0 * x - 2.0 * claim)
    assert _evidence(parts, positive=False) == ("competing topic: money-fx",)


def test_tfidf_of_a_story_without_learned_terms_is_empty() -> None:
    assert tfidf({("cocoa",): 2}, _toy()) == {}


def test_evidence_ties_are_ordered_by_name() -> None:
    parts = [("b", 1.0), ("c", 2.0), ("a", 1.0), ("d", -3.0)]
    assert _evidence(parts, positive=True) == ("c", "a", "b")
    assert _evidence(list(reversed(parts)), positive=True) == ("c", "a", "b")
    assert _evidence(parts, positive=False) == ("d",)


def test_masked_context_does_not_count_as_evidence() -> None:
    kb = _toy()
    masked, hits = mask_contexts("The trade union and the trade deficit", kb)
    assert [h.name for h in hits] == ["trade union"]
    assert ("trade", "union") not in term_frequencies([], tokens(masked), 1)
    _, parts = contributions("", "The trade union and the trade deficit", kb)
    assert set(dict(parts)) == {"trade deficit", "not: trade union"}


def test_unknown_subtopic_in_knowledge_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown subtopics"):
        _toy(subtopics={"shipping": ["ship"]})


def test_packaged_knowledge_covers_every_subtopic() -> None:
    assert [name for name, _ in knowledge().subtopics] == list(SUBTOPICS)


def test_lowered_text_and_ignorecase_agree_except_on_the_listed_characters() -> None:
    """Outside CASE_EXCEPTIONS, no ASCII letter matches a non-ASCII character with IGNORECASE
    (so lowering only the ASCII letters is enough for the twins) and no non-ASCII character
    lowers to anything holding an ASCII character (so its words are those of ``str.lower()``);
    each listed character breaks one of the two."""
    letters = string.ascii_lowercase
    for code in range(0x80, sys.maxunicode + 1):
        char = chr(code)
        matched = any(re.fullmatch(letter, char, re.IGNORECASE) for letter in letters)
        ascii_lower = any(c.isascii() for c in char.lower())
        assert (matched or ascii_lower) == (char in CASE_EXCEPTIONS), hex(code)


@pytest.mark.parametrize("text", [
    "Trade \u201cTALKS\u201d \u00c9TATS-UNIS \u00c0 Z\u00dcRICH U.S.-\u00c9.U. tariffs",
    "\u0394\u0399\u0395\u0398\u039d\u0397\u03a3 \u00c5NGSTR\u00d6M \ud800 DUTY",
    "plain ASCII TRADE deficit",
])
def test_lowered_keeps_positions_and_the_words_of_str_lower(text: str) -> None:
    lower = lowered(text)
    assert lower is not None and len(lower) == len(text)
    assert lower.isascii() == text.isascii()
    assert words_of(lower) == words_of(text.lower())
    assert all(a == b or (a.isascii() and a == b.lower()) for a, b in zip(lower, text, strict=True))


@pytest.mark.parametrize("text", [
    "The Trade Union met; TRADE talks, trade-ins and Fairtrade COFFEE.",
    "Stocks Traded Higher in Early Trading as the İstanbul ſ exchange opened",
    "naïve Café owners in Zürich discussed the trade deficit",
])
def test_caseless_patterns_find_the_same_matches_on_the_lowered_text(text: str) -> None:
    kb = knowledge()
    lower = lowered(text)
    patterns = [kb.trigger, *(c.pattern for c in kb.contexts), *(p for _, ps in kb.subtopics for p in ps)]
    assert all(p.twin is not None for p in patterns)  # the packaged patterns are all lower case
    for pattern in patterns:
        expected = [m.span() for m in pattern.exact.finditer(text)]
        assert [m.span() for m in pattern.finditer(text, lower)] == expected
        assert [m.span() for m in pattern.finditer(text, lower, 10, 40)] == [
            m.span() for m in pattern.exact.finditer(text, 10, 40)]
        assert pattern.search(text, lower) == bool(expected)
    assert Caseless.compile(r"\bTrade\b").twin is None  # upper case: only the exact pattern


def test_a_leading_word_boundary_becomes_a_literal_start() -> None:
    twin = Caseless.compile(r"\btariffs?\b|\bduty").twin
    assert twin is not None and twin.pattern == r"tariff(?<=\btariff)s?\b|duty(?<=\bduty)"
    text = "tariffs, subtariff, tariff; the tariffs_x, duty, subduty"
    assert [m.span() for m in twin.finditer(text)] == [
        m.span() for m in re.finditer(r"\btariffs?\b|\bduty", text)]



@pytest.mark.parametrize(("pattern", "twin"), [
    (r"\b(?:wto|gatt)\b", r"wto(?<=\bwto)\b|gatt(?<=\bgatt)\b"),  # spread, then literal starts
    (r"\b(?:exports?|imports?) rose|x", r"export(?<=\bexport)s? rose|import(?<=\bimport)s? rose|x"),
    (r"\b(wto|gatt)\b", r"\b(wto|gatt)\b"),  # a capturing group: left as written
    (r"\b(?:ab|c)+d", r"\b(?:ab|c)+d"),  # a repeated group: left as written
])
def test_a_leading_group_is_spread_into_alternatives(pattern: str, twin: str) -> None:
    compiled = Caseless.compile(pattern).twin
    assert compiled is not None and compiled.pattern == twin
    text = "wto, gatt; exports rose, imports rose, ximports rose; abcabd cd (wto) subgatt x"
    assert [m.span() for m in compiled.finditer(text)] == [m.span() for m in re.finditer(pattern, text)]


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"a|(b|c)d", ["a", "(b|c)d"]),
    (r"\|x|[|]|[]|]|[^]|]|[\]|]", [r"\|x", "[|]", "[]|]", "[^]|]", r"[\]|]"]),
    (r"(?:x|y)", ["(?:x|y)"]),
    ("", [""]),
])
def test_branches_split_only_top_level_bars(pattern: str, expected: list[str]) -> None:
    assert branches(pattern) == expected
    assert "|".join(branches(pattern)) == pattern


def test_tokens_join_abbreviations_as_deleting_their_dots_does() -> None:
    assert tokens("u.s.-made U.S.A. x.y.z1 ab.c.d. _u.s. e.u.s") == [
        "us", "made", "usa", "xyz1", "ab", "cd", "u", "s", "eus",
    ]
    tricky = ["u.s.a.b", "éu.s. and ab.u.s.", "the u.s.", "1.5 u.s.1 a.b", "İu.s. ſ.s. x.u.s.trade", "U.S.'s"]
    for text in tricky:  # the definition: delete the abbreviations' dots, find the words, fold
        undotted = _ABBREVIATION.sub(lambda m: m.group(1).replace(".", ""), text.lower())
        assert tokens(text) == [_stem(word) for word in _TOKEN.findall(undotted)], text


@pytest.mark.parametrize(("title", "text"), [
    ("U.S. tariffs on steel", "The U.S. raised tariffs on steel; anti-dumping duties follow. Quokka tariffs"),
    ("", "trade deficit trade deficit"),
    ("Export controls", ""),
])
def test_words_as_bytes_are_counted_as_their_tokens(title: str, text: str) -> None:
    kb = knowledge()
    present, counts = term_counts(tokens(title), tokens(text), kb)
    joined = _counted(_joined_numbers(words_of(title.lower()), words_of(text.lower()), kb), kb)
    assert present.tolist() == joined[0].tolist() and counts.tolist() == joined[1].tolist()
    assert [_stem(word.decode()) for word in words_of(text.lower())] == tokens(text)


def test_counting_equals_numpy_unique_with_counts() -> None:
    kb = knowledge()
    rng = np.random.default_rng(5)
    words = len(kb.index.ids.vocabulary) + 1
    for size in (1, 2, 3, 50, 700):
        for _ in range(40):
            numbers = rng.integers(0, rng.choice([3, 40, words]), size=size) % words
            present, counts = _counted(numbers, kb)
            expected = np.unique(kb.index.features(numbers), return_counts=True)
            assert present.tolist() == expected[0].tolist() and counts.tolist() == expected[1].tolist()
            assert present.dtype == expected[0].dtype and counts.dtype == expected[1].dtype


def test_longer_phrases_found_at_their_first_words_are_those_of_every_position() -> None:
    kb = knowledge()
    rng = random.Random(8)
    vocabulary = sorted({word for key in kb.hand_long for word in key} | {"duties", "imports", "the", "of"})
    for _ in range(3000):
        title = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(0, 8)))
        text = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(0, 40)))
        title_words, text_words = words_of(title), words_of(text)
        numbers = _joined_numbers(title_words, text_words, kb)
        stems = [_stem(w.decode()) for w in title_words], [_stem(w.decode()) for w in text_words]
        expected = _long_phrases(stems, kb)
        assert _long_phrases_at(numbers, title_words, text_words, kb) == expected, (title, text)


def test_a_search_looks_for_the_starting_words_first() -> None:
    pattern = Caseless.compile(r"\bcocom\b|\bdual[- ]use\b")
    assert pattern.starts == ("cocom", "dual")
    assert Caseless.compile(r"\b(?:wto|gatt)|x+").starts is None  # "x+": not a plain word
    for text in ("CoCom rules", "xcocom, dual-use", "dualuse; subcocom", "the dual use goods", "none"):
        assert pattern.search(text, lowered(text)) == (pattern.exact.search(text) is not None), text


def test_abbreviations_found_from_their_first_dot_are_the_abbreviations() -> None:
    pieces = ["a", "b", "u", "1", ".", ".", " ", "_", "\u00e9"]
    texts = ["".join(random.Random(seed).choices(pieces, k=seed % 17)) for seed in range(20_000)]
    for text in texts:
        whole = _ABBREVIATION.sub(lambda m: m.group(1).replace(".", ""), text)
        assert _ABBREVIATION_REST.sub(lambda m: m.group().replace(".", ""), text) == whole, text
