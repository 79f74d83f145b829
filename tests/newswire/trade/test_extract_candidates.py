"""Date and money expressions are tried only at tokens where they can start: the filters that skip
the other tokens must never skip a match. Checked against trying the pattern at every opening token
(the plain rule), on sentences written for the purpose."""

from __future__ import annotations

from datetime import date

import pytest

from newswire.trade import amounts, dates
from newswire.trade._text import Tokens, sentence_starts, tokenize

SENTENCES = [
    "Talks resume next week-long session in mid-June; in June-July; in a week; a week ago.",
    "In two weeks from now, by - June, end of June, start of July 2026 and 5th May.",
    "On Monday, next Friday, this weekend, coming month, past year's data, in 3 days.",
    "Dated 2026-05-30 and 30 Sept. 2026 and Sept. 30, 2026; Mayor met may-be voters in May.",
    "A 10 day-long fair, a month later, one year later, ten days ago, nine weeks from now.",
    "ten dayſ ago, next weeK, İn June, within twelve months, in the week of June 3.",
    "Prices: $550 billion, 1.2 trillion yen, 300 mln dlrs, 40 billion-dollar plan, 5bn euros.",
    "US$ 20 million, 15 Hong Kong dollars, 7 South Korean won, 3 pounds sterling, 2 pounds of rice.",
    "About 1,250 tonnes, 25%, 30 percent and 4 Swiss francs; 9 U.S. dollars; 12 DLRS; 8 dollars-worth.",
    "The 2026 budget; 100 Mexican pesos; 2 ſhekels; 5 μ; 6 ²; 7",
]


def plain_dates(text: str, tokens: Tokens) -> list[tuple[int, int]]:
    """Spans of date matches, trying the pattern at every anchor word and number."""
    found, covered = [], -1
    for i, word in enumerate(tokens.words):
        start = tokens.starts[i]
        if start < covered or not (word.lower() in dates._ANCHORS or word[0].isdigit()):
            continue
        m = dates._DATE.match(text, start)
        if m is None or (m.group("weekday") and not m.group("weekday")[0].isupper()):
            continue
        if (m.group("month") or m.group("month2") or m.group("month3") or "")[:1].islower():
            continue
        found.append(m.span())
        covered = m.end()
    return found


def plain_money(text: str, tokens: Tokens) -> list[tuple[int, int]]:
    """Spans of money matches, trying the pattern at every number and currency sign."""
    found, covered = [], -1
    for i, word in enumerate(tokens.words):
        start = tokens.starts[i]
        if start < covered or not (word[0].isdigit() or word in amounts._MONEY_OPENERS):
            continue
        m = amounts._MONEY.match(text, start)
        if m is not None:
            found.append(m.span())
            covered = m.end()
    return found


@pytest.mark.parametrize("text", SENTENCES)
def test_date_filter_keeps_every_match(text: str) -> None:
    starts = sentence_starts(text)
    tokens = tokenize(text, starts)
    spans = list(zip(starts, [*starts[1:], len(text)], strict=True))
    found = dates.find_dates(text, tokens, spans, date(2026, 5, 27))
    assert [(d.start, d.end) for d in found] == plain_dates(text, tokens)


@pytest.mark.parametrize("text", SENTENCES)
def test_money_filter_keeps_every_match(text: str) -> None:
    tokens = tokenize(text)
    found = amounts.find_money(text, tokens)
    expected = plain_money(text, tokens)
    assert [m.text for m in found] == [" ".join(text[a:b].split()) for a, b in expected]


def test_the_sentences_do_contain_dates_and_amounts() -> None:
    # guards the two tests above against passing on sentences where nothing matches
    total_dates = sum(len(plain_dates(t, tokenize(t))) for t in SENTENCES)
    total_money = sum(len(plain_money(t, tokenize(t))) for t in SENTENCES)
    assert total_dates >= 20
    assert total_money >= 10


def test_dates_of_some_sentences_are_those_of_all_dates_in_them() -> None:
    text = "\n\n".join(SENTENCES)
    starts = sentence_starts(text)
    tokens = tokenize(text, starts)
    spans = list(zip(starts, [*starts[1:], len(text)], strict=True))
    every = dates.find_dates(text, tokens, spans, date(2026, 5, 27))
    assert len({d.sentence for d in every}) >= 5
    for wanted in ({0}, {1, 4}, set(range(0, len(starts), 2)), set()):
        some = dates.find_dates(text, tokens, spans, date(2026, 5, 27), within=wanted)
        assert some == [d for d in every if d.sentence in wanted]
