"""The training script's parts on a tiny invented corpus (the real run uses Reuters TRAIN)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newswire.trade import train
from newswire.trade.classify import Knowledge, contributions

HAND = Knowledge.from_dict({
    "bias": 0.0,
    "threshold": 0.5,
    "curated": {"export controls": 1.0},  # in no toy story below: a fixed offset, never learned
    "negative_contexts": [{"name": "trade union", "weight": -0.5, "pattern": r"\btrade unions?\b"}],
})

TRADE = [
    ("Talks on car tariffs resume", "Negotiators met to discuss tariffs on cars and the trade deficit."),
    ("Deficit widens", "The trade deficit widened as imports of machinery rose."),
    ("Quota talks", "Officials held trade talks on textile quotas and tariffs."),
    ("Exports slump", "Exports fell and the trade gap grew, the ministry said."),
]
OTHER = [
    ("Strike at plant", "The trade union called a strike over wages at the car plant."),
    ("Rates held", "The central bank held interest rates and the currency rose."),
    ("Harvest", "Farmers expect a large wheat harvest after heavy rain."),
    ("Profit up", "The company reported higher profit and raised its dividend."),
]


def _examples() -> list[train.Example]:
    return [train.example(t, x, True, HAND, 2) for t, x in TRADE] + [
        train.example(t, x, False, HAND, 2) for t, x in OTHER
    ]


def test_example_features_and_hand_offset() -> None:
    ex = train.example("Strike at plant", "The trade union called a strike over export controls.", False,
                       HAND, 2)
    assert ("title", ("strike",)) in ex.features
    assert ("lead", ("strike",)) in ex.features
    assert ("any", ("trade",)) not in ex.features  # masked by the trade-union context
    assert ex.offset == pytest.approx(1.0 - 0.5)


def test_rule_words_are_every_part_of_every_rule() -> None:
    kb = Knowledge.from_dict({"bias": 0.0, "threshold": 0.5, "rules": {"anti-dumping duties": 2.0}})
    assert train.rule_words(kb) == {
        ("anti",), ("dumping",), ("duty",), ("anti", "dumping"), ("dumping", "duty"),
        ("anti", "dumping", "duty"),
    }


def test_protected_words_never_get_negative_weights() -> None:
    examples = _examples()
    vocabulary = train.select_features(examples, 1, 200)
    model = train.LogisticModel(vocabulary, l2=1e-3, epochs=200, nonnegative={("strike",), ("rate",)})
    model.fit(examples)
    weight = dict(zip(model.vocabulary, model.weights, strict=True))
    assert weight[("any", ("strike",))] >= 0.0
    assert weight[("any", ("rate",))] >= 0.0
    assert weight[("any", ("wage",))] < 0.0  # unprotected words of non-trade stories go negative


def test_usable_rejects_function_word_edges_and_numbers() -> None:
    assert train.usable(("trade", "deficit"))
    assert train.usable(("us",))  # "U.S." after tokenising
    assert not train.usable(("of", "the"))
    assert not train.usable(("japan", "s"))
    assert not train.usable(("1987",))
    assert not train.usable(("april",))
    assert not train.usable(("trade", "in", "march"))


def test_select_features_prefers_discriminating_terms() -> None:
    chosen = train.select_features(_examples(), min_df=2, keep=3)
    assert ("any", ("trade",)) in chosen or ("any", ("deficit",)) in chosen
    assert all(train.usable(gram) for _, gram in chosen)


def test_logistic_model_separates_the_toy_corpus() -> None:
    examples = _examples()
    model = train.LogisticModel(train.select_features(examples, 1, 200), l2=1e-3, epochs=200)
    z = model.fit(examples).decision(examples)
    threshold, f1 = train.best_threshold([float(v) for v in z], [e.label for e in examples])
    assert f1 == 1.0
    assert train.f1_at([float(v) for v in z], [e.label for e in examples], threshold) == 1.0
    assert min(z[:4]) > max(z[4:])
    assert train.f1_at([0.9, 0.1], [True, False], threshold=0.5) == 1.0


def test_written_knowledge_reproduces_the_model(tmp_path: Path) -> None:
    examples = _examples()
    model = train.LogisticModel(train.select_features(examples, 1, 200), l2=1e-3, epochs=200)
    model.fit(examples)
    path = tmp_path / "knowledge.json"
    data = {"bias": 0.0, "threshold": 0.5, "curated": {"export controls": 1.0},
            "negative_contexts": [{"name": "trade union", "weight": -0.5, "pattern": r"\btrade unions?\b"}]}
    meta = {"lead": train.LEAD, "sublinear": train.SUBLINEAR}
    train.write_knowledge(path, data, model, threshold_z=0.25, meta=meta, min_weight=0.0)
    written = json.loads(path.read_text(encoding="utf-8"))
    assert written["curated"] == {"export controls": 1.0}  # hand-edited sections survive
    kb = Knowledge.from_dict(written)
    decision = model.decision(examples)
    for (title, text), expected in zip(TRADE + OTHER, decision, strict=True):
        z, _ = contributions(title, text, kb)
        assert z == pytest.approx(float(expected) - 0.25, abs=0.05)


def test_average_of_fold_models_is_their_mean_decision() -> None:
    examples = _examples()
    first = train.LogisticModel(train.select_features(examples[::2], 1, 200), 1e-3, 100).fit(examples[::2])
    second = train.LogisticModel(train.select_features(examples[1::2], 1, 200), 1e-3, 100).fit(examples[1::2])
    merged = train.average([first, second])
    expected = (first.decision(examples) + second.decision(examples)) / 2
    assert [float(z) for z in merged.decision(examples)] == pytest.approx([float(z) for z in expected])
