"""The training script's parts on a tiny invented corpus (the real run uses Reuters TRAIN)."""

from __future__ import annotations

import json
import math
from collections import Counter

import pytest

from newswire.trade import train
from newswire.trade.classify import Knowledge, contributions, mask_contexts, term_frequencies, tokens

HAND_DATA = {
    "bias": 0.0,
    "threshold": 0.5,
    "rules": {"export controls": 2.0},
    "curated": {"tariff": 1.0, "wto": 1.5},
    "negative_contexts": [{"name": "trade union", "weight": -0.5, "pattern": r"\btrade unions?\b"}],
}
HAND = Knowledge.from_dict(HAND_DATA)

TRADE = [
    ("Talks on car tariffs resume", "Negotiators met to discuss tariffs on cars and the trade deficit."),
    ("Deficit widens", "The trade deficit widened as imports of machinery rose."),
    ("Quota talks", "Officials held trade talks on textile quotas and tariffs."),
    ("Exports slump", "Exports fell and the trade gap grew, the ministry said."),
    ("Tariff row", "The ministry said new tariffs on steel imports would start soon."),
]
OTHER = [
    ("Strike at plant", "The trade union called a strike over wages at the car plant."),
    ("Rates held", "The central bank held interest rates and the currency rose."),
    ("Harvest", "Farmers expect a large wheat harvest after heavy rain."),
    ("Profit up", "The company reported higher profit and raised its dividend."),
    ("Bank rates", "The bank said rates would rise as the currency fell."),
]


def test_analyzer_gives_the_terms_classify_counts() -> None:
    analyse = train.analyzer(HAND, title_repeat=3, excluded=frozenset({"car"}))
    title, text = "Car tariffs", "Tariffs on cars; the trade union strikes in March."
    got = Counter(analyse((title, text)))
    assert got["tariff"] == 3 + 1  # title three times, text once
    assert got["car tariff"] == 0 and got["car"] == 0  # excluded word
    assert got["march"] == 0  # date words are never terms
    assert got["trade"] == 0 and got["union"] == 0  # masked look-alike context
    expected = term_frequencies(tokens(mask_contexts(title, HAND)[0]),
                                tokens(mask_contexts(text, HAND)[0]), 3)
    assert got["tariff on"] == expected[("tariff", "on")] == 1


def test_hand_offset_adds_rules_always_and_curated_only_where_not_learned() -> None:
    match = train.hand_match("WTO ruling", "New export controls and a tariff; the trade union objected.",
                             HAND)
    assert match.context_weight == -0.5
    rules = HAND.rules
    curated: dict[tuple[str, ...], float] = {("tariff",): 1.0, ("wto",): 1.5}
    assert train.hand_offset(match, rules, curated, learned=set()) == pytest.approx(2.0 + 1.0 + 1.5 - 0.5)
    assert train.hand_offset(match, rules, curated, learned={("tariff",)}) == pytest.approx(2.0 + 1.5 - 0.5)


def test_best_threshold_maximises_f1() -> None:
    scores = [3.0, 2.0, 1.0, 0.0, -1.0]
    labels = [True, True, False, True, False]
    threshold, f1 = train.best_threshold(scores, labels)
    assert f1 == pytest.approx(2 * 3 / (2 * 3 + 1))  # all three positives, one false positive
    assert -1.0 < threshold < 0.0


def test_written_terms_reproduce_the_fitted_model() -> None:
    pytest.importorskip("sklearn")
    import numpy as np
    from sklearn.feature_extraction.text import CountVectorizer

    docs = TRADE + OTHER
    labels = np.array([True] * len(TRADE) + [False] * len(OTHER))
    vectorizer = CountVectorizer(analyzer=train.analyzer(HAND, 2))
    counts = vectorizer.fit_transform(docs).tocsr()
    model = train.fit(counts, labels, min_df=1, keep=20, c=1.0)
    assert len(model.columns) == 20
    decision = model.decision(counts)
    assert all((decision > 0) == labels)  # separable toy corpus
    scale, threshold = 2.0, 0.25
    bias, terms = train.learned_sections(model, vectorizer.get_feature_names_out(), scale, threshold)
    weights = [abs(w) for _, w in terms.values()]
    assert weights == sorted(weights, reverse=True)
    kb = Knowledge.from_dict({"bias": bias, "threshold": 0.5, "title_repeat": 2, "terms": terms,
                              "negative_contexts": HAND_DATA["negative_contexts"]})
    for (title, text), z_model in zip(docs, decision, strict=True):
        z, parts = contributions(title, text, kb)
        learned = sum(w for name, w in parts if not name.startswith("not: "))
        assert kb.bias + learned == pytest.approx(scale * z_model - threshold, abs=1e-3)
        assert not math.isnan(z)


def test_written_competitors_reproduce_the_second_stage() -> None:
    pytest.importorskip("sklearn")
    import numpy as np
    from sklearn.feature_extraction.text import CountVectorizer

    docs = TRADE + OTHER
    labels = np.array([True] * len(TRADE) + [False] * len(OTHER))
    # an invented competing topic: the currency stories (and the deficit story, as in Reuters'
    # bop stories that are also trade)
    currency = np.array([False, True, False, False, False, False, True, False, False, True])
    vectorizer = CountVectorizer(analyzer=train.analyzer(HAND, 2))
    counts = vectorizer.fit_transform(docs).tocsr()
    stacked = train.fit_stacked(counts, labels, [currency], min_df=1, keep=20,
                                learner=train.Learner(c=1.0), folds=3)
    assert len(stacked.competitors) == 1 and len(stacked.coef) == 2
    threshold = 0.25
    bias, terms, competitors = train.stacked_sections(stacked, vectorizer.get_feature_names_out(),
                                                      ["currency"], threshold)
    assert all(len(row) == 3 for row in terms.values())  # idf, trade weight, currency weight
    assert competitors[0]["topic"] == "currency"
    kb = Knowledge.from_dict({"bias": bias, "threshold": 0.5, "title_repeat": 2, "terms": terms,
                              "competitors": competitors,
                              "negative_contexts": HAND_DATA["negative_contexts"]})
    claimed = 0
    for (title, text), z_model in zip(docs, stacked.log_odds(counts), strict=True):
        _, parts = contributions(title, text, kb)
        learned = sum(w for name, w in parts if not name.startswith("not: "))
        assert kb.bias + learned == pytest.approx(z_model - threshold, abs=1e-3)
        claimed += any(name.endswith("topic: currency") for name, _ in parts)
    decisions = stacked.competitors[0].decision(counts)
    assert claimed == int((decisions > 0).sum())  # named only where its model claims the story


def test_knowledge_rejects_terms_without_a_weight_per_competitor() -> None:
    data = {"bias": 0.0, "threshold": 0.5, "terms": {"tariff": [1.0, 2.0]},
            "competitors": [{"topic": "money-fx", "weight": -1.0, "bias": -1.0}]}
    with pytest.raises(ValueError, match="topic weights"):
        Knowledge.from_dict(data)


@pytest.mark.parametrize("terms", [{}, {"trade": [3.25, 28.0, -0.5], "trade deficit": [5.1, 7.1, 0.07]}])
def test_knowledge_text_is_the_json_with_one_term_per_line(terms: dict[str, list[float]]) -> None:
    data = {"version": "2", "about": "Ünïcode kept", "bias": -3.5, "terms": terms, "title_repeat": 5}
    text = train.knowledge_text(data)
    assert json.loads(text) == data
    assert "Ünïcode" in text and text.endswith("}\n")
    assert list(json.loads(text)) == ["version", "about", "bias", "title_repeat", "terms"]
    lines = [line.rstrip(",") for line in text.splitlines()]
    assert all(f'  "{term}": {json.dumps(row)}' in lines for term, row in terms.items())


def test_temporal_split_holds_out_the_latest_stories() -> None:
    from datetime import datetime, timedelta, timezone

    start = datetime(1987, 3, 1, tzinfo=timezone.utc)
    dates = [start + timedelta(days=d) for d in (5, 1, 9, 3, 9, 0, 7, 2)]
    ids = [10, 11, 12, 13, 14, 15, 16, 17]
    early, late = train.temporal_split(dates, ids, 0.25)
    assert late == [2, 4]  # the two stories of the latest day
    assert early == [0, 1, 3, 5, 6, 7]
    early, late = train.temporal_split(dates, ids, 0.125)
    assert late == [4]  # same date: the larger id is later


def test_figures_at_a_threshold() -> None:
    figures = train.figures_at([3.0, 2.0, 1.0, 0.0], [True, False, True, False], threshold=1.5)
    assert (figures.precision, figures.recall) == (0.5, 0.5)
    assert figures.f1 == pytest.approx(0.5)


@pytest.mark.parametrize("kind", ["svm", "logreg", "nbsvm"])
def test_every_learner_separates_the_toy_corpus(kind: str) -> None:
    pytest.importorskip("sklearn")
    import numpy as np
    from sklearn.feature_extraction.text import CountVectorizer

    docs = TRADE + OTHER
    labels = np.array([True] * len(TRADE) + [False] * len(OTHER))
    counts = CountVectorizer(analyzer=train.analyzer(HAND, 2)).fit_transform(docs).tocsr()
    model = train.fit(counts, labels, min_df=1, keep=0, learner=train.Learner(kind, c=10.0))
    assert all((model.decision(counts) > 0) == labels)


def test_nb_ratios_favour_features_of_the_positive_rows_and_fold_into_the_weights() -> None:
    pytest.importorskip("sklearn")
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.svm import LinearSVC

    x = csr_matrix(np.array([[1.0, 0.0, 0.5], [0.8, 0.0, 0.0], [0.0, 1.0, 0.5], [0.0, 0.7, 0.0]]))
    labels = np.array([True, True, False, False])
    ratios = train.nb_ratios(x, labels)
    # smoothed shares: feature 0 in both positives (3/6 vs 1/6), feature 2 once on each side
    assert ratios == pytest.approx([math.log(3), -math.log(3), 0.0])
    weights, bias = train.Learner("nbsvm", c=1.0).fit_rows(x, labels)
    scaled = LinearSVC(C=1.0, random_state=0).fit(x.multiply(ratios).tocsr(), labels)
    assert x @ weights + bias == pytest.approx(scaled.decision_function(x.multiply(ratios).tocsr()))
