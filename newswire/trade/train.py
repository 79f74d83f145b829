"""Learn the trade classifier's term weights on Reuters-21578 ModApte TRAIN (never TEST).

    python -m newswire.trade.train [--data DIR] [--out newswire/trade/knowledge.json]

Steps (details in docs/trade-classifier.md): tokenise title and body exactly as ``classify``
does (look-alike contexts masked); count word n-grams (1 to 3); keep the learnable ones (in at
least ``--min-df`` TRAIN stories, no function word at either end, no number, no date word, no
country or people name) ranked by chi-square against the ``trade`` topic; fit an L2 logistic
regression on ``1 + ln(count)`` features anywhere plus binary title and lead features, with the
hand-set ``rules``, ``negative_contexts`` and the ``curated`` terms TRAIN cannot weight as a fixed
offset (rule words may not get negative weights); choose the threshold that maximises F1 on the
out-of-fold predictions of a cross-validation on TRAIN with contiguous folds; write ``terms``,
``title_terms``, ``lead_terms``, ``bias``, ``threshold`` and ``training`` back into the knowledge
file, keeping the hand-edited sections. Deterministic. Needs numpy (installed with Apache Beam),
pycountry and countryinfo; ``classify`` itself needs none of them.
"""
from __future__ import annotations

import argparse
import json
import logging
import math
import sys
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from newswire.trade import reuters
from newswire.trade.classify import Knowledge, find_terms, mask_contexts, tokens

log = logging.getLogger(__name__)

KNOWLEDGE_PATH = Path(__file__).with_name("knowledge.json")
TOPIC = "trade"
Feature = tuple[str, tuple[str, ...]]  # ("any" | "title" | "lead", n-gram)
LEAD = 40  # words of the body that count as its lead
SUBLINEAR = True
# Function words: a term may not be one, nor start or end with one ("of the", "japan s").
_FUNCTION_WORDS = """
a about after also an and any are as at be been before being but by can could did do does
for from had has have he her his i if in into is it its may might more most my no not of on
one or other our s she should so some such than that the their them then there these they
this those to too under up was we were what when where which while who will with would you
"""  # not "us": the tokeniser turns "U.S." into "us"
STOPWORDS = frozenset(_FUNCTION_WORDS.split())
# Dates say when, not what: stories of any month must be judged alike, so no term contains one.
_TIME_WORDS = """
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow
"""
TIME_WORDS = frozenset(_TIME_WORDS.split())
# Words of long country names that are ordinary words ("United States", "Czech Republic").
_GENERIC_NAME = """
united state republic kingdom democratic people islamic federal federation island new south north
east west central saint great plurinational bolivarian arab emirate union city guinea part point
see holy port western northern southern eastern bond land coast channel lake mount fort sea bay
"""
_GENERIC_NAME_WORDS = frozenset(_GENERIC_NAME.split())


@dataclass(frozen=True)
class Example:
    """A training document as binary features, the fixed hand-set offset, and its label."""

    features: dict[Feature, float]
    offset: float
    label: bool


def ngrams(words: Sequence[str], longest: int) -> set[tuple[str, ...]]:
    """All word n-grams of ``words`` up to length ``longest``."""
    found: set[tuple[str, ...]] = set()
    for n in range(1, longest + 1):
        found.update(tuple(words[i : i + n]) for i in range(len(words) - n + 1))
    return found


def hand_offset(title: str, text: str, kb: Knowledge) -> float:
    """The contribution of the hand-set knowledge (curated terms, negative contexts)."""
    title_masked, title_hits = mask_contexts(title, kb)
    text_masked, text_hits = mask_contexts(text, kb)
    terms = find_terms(tokens(title_masked), kb) | find_terms(tokens(text_masked), kb)
    names = {c.name: c.weight for c in (*title_hits, *text_hits)}
    return sum(kb.curated.get(t, 0.0) for t in terms) + sum(names.values())


def gram_counts(words: Sequence[str], longest: int) -> Counter[tuple[str, ...]]:
    """How often each word n-gram (up to ``longest`` words) occurs."""
    counts: Counter[tuple[str, ...]] = Counter()
    for n in range(1, longest + 1):
        counts.update(tuple(words[i : i + n]) for i in range(len(words) - n + 1))
    return counts


def example(title: str, text: str, label: bool, hand: Knowledge, longest: int, lead: int = LEAD,
            sublinear: bool = SUBLINEAR) -> Example:
    """Features of one story, built with the same tokeniser and masking as ``classify``."""
    title_words = tokens(mask_contexts(title, hand)[0])
    text_words = tokens(mask_contexts(text, hand)[0])
    features: dict[Feature, float] = {}
    for gram, count in gram_counts([*title_words, "|", *text_words], longest).items():
        if "|" not in gram:
            features[("any", gram)] = 1.0 + math.log(count) if sublinear else 1.0
    for gram in ngrams(title_words, longest):
        features[("title", gram)] = 1.0
    if lead:
        for gram in ngrams(text_words[:lead], longest):
            features[("lead", gram)] = 1.0
    return Example(features, hand_offset(title, text, hand), label)


def usable(gram: tuple[str, ...], excluded: Collection[str] = frozenset()) -> bool:
    """A term worth learning: not a number, no date word, not starting or ending with a function word."""
    return not (gram[0] in STOPWORDS or gram[-1] in STOPWORDS or gram[-1].isdigit()
                or any(word in TIME_WORDS or word in excluded for word in gram))


def rule_words(kb: Knowledge) -> set[tuple[str, ...]]:
    """Every contiguous part of every rule phrase: training may not weight them negatively."""
    return {key[i:j] for key in kb.rules for i in range(len(key)) for j in range(i + 1, len(key) + 1)}


def name_words(reuters_dir: Path) -> frozenset[str]:
    """Words of country names, demonyms and capitals (pycountry, countryinfo, the corpus's place
    list) and of the corpus's people list: a story is not about trade because it names Japan or
    a minister, so these words are not learned (the period's news would make them look so)."""
    import pycountry
    from countryinfo import CountryInfo

    names: set[str] = {"us", "usa", "uk", "britain", "american", "america", "washington"}
    for country in pycountry.countries:
        names.update(getattr(country, attr, "") for attr in ("name", "common_name"))
    for info in CountryInfo.all().values():
        names.update(str(v) for v in (info.get("name"), info.get("demonym"), info.get("capital")) if v)
    for list_name in ("all-places-strings.lc.txt", "all-people-strings.lc.txt"):
        path = reuters_dir / list_name
        if path.exists():
            entries = path.read_text(encoding="latin-1").split()
            names.update(e.replace("-", " ") for e in entries)
    words: set[str] = set()
    for name in names:
        found = tokens(name)
        if list_name_words := [w for w in found if len(w) > 2 and w not in STOPWORDS]:
            # single-word names whole; in longer names only the distinctive words
            words.update(list_name_words if len(found) > 1 else found)
    words.update(("us", "uk"))  # "U.S.", "U.K." after tokenising
    return frozenset(words - _GENERIC_NAME_WORDS)


def learnable(examples: Sequence[Example], min_df: int,
              excluded: Collection[str] = frozenset()) -> set[tuple[str, ...]]:
    """The n-grams that training can weight: usable and in at least ``min_df`` documents."""
    df: Counter[tuple[str, ...]] = Counter(g for ex in examples for where, g in ex.features if where == "any")
    return {g for g, count in df.items() if count >= min_df and usable(g, excluded)}


def select_features(examples: Sequence[Example], min_df: int, keep: int,
                    excluded: Collection[str] = frozenset()) -> list[Feature]:
    """The ``keep`` features with the highest chi-square against the label (df >= ``min_df``)."""
    df: Counter[Feature] = Counter()
    pos: Counter[Feature] = Counter()
    for ex in examples:
        df.update(ex.features)
        if ex.label:
            pos.update(ex.features)
    n = len(examples)
    n_pos = sum(ex.label for ex in examples)

    def chi2(feature: Feature) -> float:
        a = pos[feature]  # present, positive
        b = df[feature] - a  # present, negative
        c = n_pos - a
        d = n - n_pos - b
        denominator = (a + b) * (c + d) * (a + c) * (b + d)
        return n * (a * d - b * c) ** 2 / denominator if denominator else 0.0

    candidates = [f for f, count in df.items() if count >= min_df and usable(f[1], excluded)]
    candidates.sort(key=lambda f: (-chi2(f), f))
    return candidates[:keep]


class LogisticModel:
    """L2-regularised logistic regression over sparse binary features (numpy, full batch)."""

    def __init__(self, vocabulary: Sequence[Feature], l2: float, epochs: int = 300,
                 nonnegative: Collection[tuple[str, ...]] = ()) -> None:
        self.vocabulary = list(vocabulary)
        self.index = {f: i for i, f in enumerate(self.vocabulary)}
        self.l2 = l2
        self.epochs = epochs
        # n-grams whose weight may not go below zero (the words of the hand-set rules)
        self.nonnegative = [i for i, (_, gram) in enumerate(self.vocabulary) if gram in set(nonnegative)]
        self.weights: Any = None
        self.bias = 0.0

    def _matrix(self, examples: Sequence[Example]) -> tuple[Any, Any, Any, Any]:
        import numpy as np

        rows, cols, values = [], [], []
        for r, ex in enumerate(examples):
            for f, value in ex.features.items():
                i = self.index.get(f)
                if i is not None:
                    rows.append(r)
                    cols.append(i)
                    values.append(value)
        offsets = np.array([ex.offset for ex in examples], dtype=np.float64)
        return (np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64),
                np.array(values, dtype=np.float64), offsets)

    def prune(self, min_weight: float) -> None:
        """Zero the weights smaller than ``min_weight`` (they are not written out)."""
        self.weights[abs(self.weights) < min_weight] = 0.0

    def decision(self, examples: Sequence[Example]) -> Any:
        import numpy as np

        rows, cols, values, offsets = self._matrix(examples)
        z = np.bincount(rows, weights=self.weights[cols] * values, minlength=len(examples))
        return z + offsets + self.bias

    def fit(self, examples: Sequence[Example]) -> LogisticModel:
        """Adam on the mean log-loss plus ``l2/2 * |w|^2``, deterministic."""
        import numpy as np

        rows, cols, values, offsets = self._matrix(examples)
        y = np.array([ex.label for ex in examples], dtype=np.float64)
        n, v = len(examples), len(self.vocabulary)
        w: Any = np.zeros(v)
        b = math.log(max(y.mean(), 1e-6) / max(1 - y.mean(), 1e-6))
        m_w: Any = np.zeros(v)
        s_w: Any = np.zeros(v)
        m_b, s_b = 0.0, 0.0
        rate, beta1, beta2, eps = 0.05, 0.9, 0.999, 1e-8
        for step in range(1, self.epochs + 1):
            z = np.bincount(rows, weights=w[cols] * values, minlength=n) + offsets + b
            p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
            g = (p - y) / n
            grad_w = np.bincount(cols, weights=g[rows] * values, minlength=v) + self.l2 * w
            grad_b = float(g.sum())
            m_w = beta1 * m_w + (1 - beta1) * grad_w
            s_w = beta2 * s_w + (1 - beta2) * grad_w**2
            m_b = beta1 * m_b + (1 - beta1) * grad_b
            s_b = beta2 * s_b + (1 - beta2) * grad_b**2
            correction1, correction2 = 1 - beta1**step, 1 - beta2**step
            w -= rate * (m_w / correction1) / (np.sqrt(s_w / correction2) + eps)
            b -= rate * (m_b / correction1) / (math.sqrt(s_b / correction2) + eps)
            if self.nonnegative:
                w[self.nonnegative] = np.maximum(w[self.nonnegative], 0.0)
        self.weights, self.bias = w, b
        return self


def f1_at(scores: Sequence[float], labels: Sequence[bool], threshold: float) -> float:
    """F1 of ``score >= threshold`` against ``labels``."""
    tp = sum(1 for s, y in zip(scores, labels, strict=True) if s >= threshold and y)
    fp = sum(1 for s, y in zip(scores, labels, strict=True) if s >= threshold and not y)
    fn = sum(1 for s, y in zip(scores, labels, strict=True) if s < threshold and y)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def best_threshold(scores: Sequence[float], labels: Sequence[bool]) -> tuple[float, float]:
    """The decision value (on the ``z`` scale) that maximises F1, and that F1."""
    candidates = sorted(set(round(s, 2) for s in scores))
    best = max(candidates, key=lambda t: (f1_at(scores, labels, t), -abs(t)))
    return best, f1_at(scores, labels, best)


def out_of_fold(examples: Sequence[Example], folds: int, min_df: int, keep: int, l2: float,
                epochs: int, min_weight: float = 0.0,
                nonnegative: Collection[tuple[str, ...]] = (),
                excluded: Collection[str] = frozenset(),
                models: list[LogisticModel] | None = None) -> list[float]:
    """Decision values of each TRAIN example from a (pruned) model trained on the other
    contiguous blocks (stories are in time order, so near-repeats do not leak across folds).
    The fold models are appended to ``models`` when it is given."""
    n = len(examples)
    fold = [i * folds // n for i in range(n)]  # contiguous blocks: repeated stories stay together
    scores = [0.0] * n
    for k in range(folds):
        train = [ex for i, ex in enumerate(examples) if fold[i] != k]
        held = [i for i in range(n) if fold[i] == k]
        vocabulary = select_features(train, min_df, keep, excluded)
        model = LogisticModel(vocabulary, l2, epochs, nonnegative).fit(train)
        model.prune(min_weight)
        if models is not None:
            models.append(model)
        for i, z in zip(held, model.decision([examples[i] for i in held]), strict=True):
            scores[i] = float(z)
    return scores


def average(models: Sequence[LogisticModel]) -> LogisticModel:
    """One linear model whose weights and bias are the means of ``models`` (a feature missing
    from a model's vocabulary counts as weight 0 there)."""
    import numpy as np

    total: dict[Feature, float] = {}
    for model in models:
        for feature, weight in zip(model.vocabulary, model.weights, strict=True):
            total[feature] = total.get(feature, 0.0) + float(weight) / len(models)
    first = models[0]
    merged = LogisticModel(list(total), first.l2, first.epochs)
    merged.weights = np.array(list(total.values()))
    merged.bias = sum(m.bias for m in models) / len(models)
    return merged


def write_knowledge(path: Path, data: dict[str, Any], model: LogisticModel, threshold_z: float,
                    meta: dict[str, Any], min_weight: float,
                    keep: set[tuple[str, ...]] | None = None) -> None:
    """Replace the learned sections of the knowledge file, keeping the hand-edited ones.

    Learned weights below ``min_weight`` are left out, except for the n-grams in ``keep``
    (curated terms that TRAIN weighted: their presence in ``terms`` overrides the curated weight).
    """
    keep = keep or set()
    sections: dict[str, dict[str, float]] = {"any": {}, "title": {}, "lead": {}}
    order = sorted(range(len(model.vocabulary)), key=lambda i: -abs(model.weights[i]))
    for i in order:
        weight = round(float(model.weights[i]), 3)
        where, gram = model.vocabulary[i]
        if abs(weight) < min_weight and not (where == "any" and gram in keep):
            continue
        sections[where][" ".join(gram)] = weight
    # classify thresholds the probability; the bias absorbs the decision value's threshold
    data.update(bias=round(model.bias - threshold_z, 4), threshold=0.5, lead_words=meta["lead"],
                sublinear=meta["sublinear"], training=meta, terms=sections["any"],
                title_terms=sections["title"], lead_terms=sections["lead"])
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newswire.trade.train", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=None,
                        help="folder of reut2-*.sgm (default: <NEWSWIRE_DATA>/reuters21578)")
    parser.add_argument("--out", type=Path, default=KNOWLEDGE_PATH, help="knowledge file to update")
    parser.add_argument("--min-df", type=int, default=3, help="minimum TRAIN document frequency")
    parser.add_argument("--keep", type=int, default=60000, help="features kept after chi-square ranking")
    parser.add_argument("--l2", type=float, default=1e-4, help="L2 penalty")
    parser.add_argument("--lead", type=int, default=LEAD, help="words of the body that form its lead")
    parser.add_argument("--final", choices=["average", "refit"], default="average",
                        help="written model: the mean of the cross-validation fold models (whose "
                        "out-of-fold decisions set the threshold), or one refit on all of TRAIN")
    parser.add_argument("--keep-names", action="store_true",
                        help="let country and people names be learned (default: excluded)")
    parser.add_argument("--binary", action="store_true", help="presence instead of 1 + ln(count)")
    parser.add_argument("--epochs", type=int, default=300, help="full-batch optimiser steps")
    parser.add_argument("--folds", type=int, default=5, help="cross-validation folds on TRAIN")
    parser.add_argument("--longest", type=int, default=3, help="longest n-gram")
    parser.add_argument("--min-weight", type=float, default=0.02, help="drop smaller learned weights")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")

    data = json.loads(args.out.read_text(encoding="utf-8"))
    hand = Knowledge.from_dict({**data, "terms": {}, "title_terms": {}, "lead_terms": {}})
    reuters_dir = args.data if args.data is not None else reuters.default_dir()
    docs = reuters.modapte(reuters.load(reuters_dir), reuters.TRAIN)  # TRAIN only, by construction
    examples = [example(d.title, d.text, TOPIC in d.topics, hand, args.longest, args.lead, not args.binary)
                for d in docs]
    # curated terms that TRAIN can weight are learned instead; the others stay a fixed offset
    excluded = frozenset() if args.keep_names else name_words(reuters_dir)
    learned_curated = sorted(set(hand.curated) & learnable(examples, args.min_df, excluded))
    fallback = Knowledge.from_dict({**data, "terms": {" ".join(g): 0.0 for g in learned_curated},
                                    "title_terms": {}, "lead_terms": {}})
    examples = [replace(e, offset=hand_offset(d.title, d.text, fallback))
                for e, d in zip(examples, docs, strict=True)]
    log.info("TRAIN: %d documents with a topic, %d about %s", len(examples),
             sum(e.label for e in examples), TOPIC)

    protected = rule_words(hand)
    fold_models: list[LogisticModel] = []
    oof = out_of_fold(examples, args.folds, args.min_df, args.keep, args.l2, args.epochs, args.min_weight,
                      protected, excluded, fold_models)
    threshold_z, cv_f1 = best_threshold(oof, [e.label for e in examples])
    log.info("%d-fold cross-validation on TRAIN: best F1 %.4f at decision value %.2f",
             args.folds, cv_f1, threshold_z)

    if args.final == "average":  # the threshold was chosen on exactly these models' decisions
        model = average(fold_models)
    else:
        model = LogisticModel(select_features(examples, args.min_df, args.keep, excluded), args.l2,
                              args.epochs, protected)
        model.fit(examples)
    model.prune(args.min_weight)
    meta = {"data": "Reuters-21578 ModApte TRAIN, documents with at least one topic", "topic": TOPIC,
            "documents": len(examples), "positives": sum(e.label for e in examples),
            "min_df": args.min_df, "keep": args.keep, "l2": args.l2, "epochs": args.epochs,
            "longest": args.longest, "lead": args.lead, "sublinear": not args.binary,
            "folds": args.folds, "names_excluded": not args.keep_names,
            "final": args.final, "cv_f1": round(cv_f1, 4),
            "cv_threshold_z": threshold_z}
    write_knowledge(args.out, data, model, threshold_z, meta, args.min_weight, keep=set(learned_curated))
    log.info("wrote %s", args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
