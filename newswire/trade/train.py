"""Learn the trade classifier's term weights on Reuters-21578 ModApte TRAIN (never TEST).

    python -m newswire.trade.train [--data DIR] [--out newswire/trade/knowledge.json]

Needs the ``train`` extra (scikit-learn; ``make train-classifier`` installs it); ``classify``
itself is plain Python. Steps (details in docs/trade-classifier.md):

1. Features: ``classify``'s own tokeniser and look-alike masking, passed to scikit-learn as the
   ``analyzer``: words and word pairs of the title (counted ``--title-repeat`` times) and of the
   text; no term with a date word or a country or people name (``--keep-names`` allows them).
2. Terms in at least ``--min-df`` TRAIN stories; sublinear TF-IDF (``1 + ln tf`` times smooth
   idf), L2-normalised per story; a linear SVM (``--C``).
3. Pruning: the ``--keep`` terms with the largest absolute weights are kept and the SVM refit on
   them alone, so the written file holds every term of its own normalisation.
4. Competing topics (``--competitors``, off by default; e.g. money-fx,bop,grain): one SVM per
   topic over the same terms and TF-IDF; a logistic second stage over the trade decision value
   and each topic's ``max(0, decision value)``, fitted on ``--folds``-fold out-of-fold values of
   the rows fitted on, gives log-odds (``--competitors ''``: the trade SVM alone, its log-odds
   scale from a one-feature logistic fit on the hold-out).
5. Temporal hold-out: steps 2-4 on the earliest TRAIN stories by date, scored on the latest
   ``--holdout`` share; with the hand-set ``rules``, ``curated`` terms and ``negative_contexts``
   added in log-odds, the threshold that maximises F1 there. ``--folds``-fold stratified
   cross-validation is reported next to it; ``--check`` runs the procedure one hold-out back.
6. The models refit on all of TRAIN are written into the knowledge file as ``terms``
   (``[idf, weight, weight per competing topic...]``, largest trade weight first),
   ``competitors``, ``bias`` (the threshold folded in), ``threshold`` 0.5, ``title_repeat`` and
   ``training``; the hand-edited sections are kept. Deterministic.
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from newswire.trade import reuters
from newswire.trade.classify import (
    Knowledge,
    Term,
    hand_phrases,
    mask_contexts,
    term_counts,
    term_frequencies,
    term_key,
    tokens,
)

log = logging.getLogger(__name__)

KNOWLEDGE_PATH = Path(__file__).with_name("knowledge.json")
TOPIC = "trade"
# Dates say when, not what: stories of any month must be judged alike, so no term contains one.
_TIME_WORDS = """
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow
"""
TIME_WORDS = frozenset(_TIME_WORDS.split())
_STOPWORDS = frozenset(
    ["a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"]
)
# Words of long country names that are ordinary words ("United States", "Czech Republic").
_GENERIC_NAME = """
united state republic kingdom democratic people islamic federal federation island new south north
east west central saint great plurinational bolivarian arab emirate union city guinea part point
see holy port western northern southern eastern bond land coast channel lake mount fort sea bay
"""
_GENERIC_NAME_WORDS = frozenset(_GENERIC_NAME.split())
# Topics the editors gave to stories that discuss trade without being labelled ``trade``
# (docs/trade-classifier.md: the cross-validation's false positives on TRAIN).
COMPETITORS = ""  # off: the grain model vetoed trade remedies on farm goods (docs/trade-classifier.md)
MISSING_DATE = datetime(1900, 1, 1, tzinfo=timezone.utc)  # undated stories sort first


def analyzer(hand: Knowledge, title_repeat: int, excluded: Collection[str] = frozenset(),
             max_words: int = 2) -> Callable[[tuple[str, str]], list[str]]:
    """scikit-learn ``analyzer``: a (title, text) pair -> its terms, each as often as it counts,
    made exactly as ``classify`` makes them (same tokeniser, masking and title repetition);
    ``max_words`` 1 keeps single words only."""

    def analyse(doc: tuple[str, str]) -> list[str]:
        title, text = doc
        counts = term_frequencies(tokens(mask_contexts(title, hand)[0]),
                                  tokens(mask_contexts(text, hand)[0]), title_repeat)
        out: list[str] = []
        for key, count in counts.items():
            if len(key) <= max_words and not any(w in excluded or w in TIME_WORDS for w in key):
                out.extend([" ".join(key)] * count)
        return out

    return analyse


@dataclass(frozen=True)
class HandMatch:
    """The hand-set phrases and look-alike contexts found in one story."""

    terms: frozenset[Term]
    context_weight: float


def hand_match(title: str, text: str, hand: Knowledge) -> HandMatch:
    """Which hand-set phrases a story contains (once each) and its contexts' total weight."""
    title_masked, title_hits = mask_contexts(title, hand)
    text_masked, text_hits = mask_contexts(text, hand)
    title_words, text_words = tokens(title_masked), tokens(text_masked)
    present, _ = term_counts(title_words, text_words, hand)
    found = hand_phrases(title_words, text_words, present, hand)
    contexts = {c.name: c.weight for c in (*title_hits, *text_hits)}
    return HandMatch(frozenset(found), sum(contexts.values()))


def hand_offset(match: HandMatch, rules: Mapping[Term, float], curated: Mapping[Term, float],
                learned: Collection[Term]) -> float:
    """The hand-set log-odds of a story: rules always, curated terms only where nothing was
    learned for them, and the negative contexts (as ``classify`` adds them)."""
    total = match.context_weight
    for key in match.terms:
        total += rules.get(key, 0.0)
        if key not in learned:
            total += curated.get(key, 0.0)
    return total


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
        if distinctive := [w for w in found if len(w) > 2 and w not in _STOPWORDS]:
            # single-word names whole; in longer names only the distinctive words
            words.update(distinctive if len(found) > 1 else found)
    words.update(("us", "uk"))  # "U.S.", "U.K." after tokenising
    return frozenset(words - _GENERIC_NAME_WORDS)


@dataclass
class LinearModel:
    """A linear model over L2-normalised sublinear TF-IDF of a subset of the count columns."""

    columns: Any  # indices into the count matrix's vocabulary
    idf: Any
    weights: Any
    bias: float

    def decision(self, counts: Any) -> Any:
        """The decision values (SVM margin or logistic log-odds) of the rows of a count matrix."""
        return tfidf_rows(counts[:, self.columns], self.idf) @ self.weights + self.bias


@dataclass(frozen=True)
class Learner:
    """How the weights are learned: ``svm`` (LinearSVC) or ``logreg`` (logistic regression)."""

    kind: str = "svm"
    c: float = 1.0
    positive_weight: float = 1.0  # class weight of the ``trade`` stories (1: unweighted)

    def estimator(self) -> Any:
        from sklearn.linear_model import LogisticRegression
        from sklearn.svm import LinearSVC

        weights = {True: self.positive_weight, False: 1.0} if self.positive_weight != 1 else None
        if self.kind == "svm":
            return LinearSVC(C=self.c, class_weight=weights, random_state=0)
        if self.kind == "logreg":
            return LogisticRegression(C=self.c, class_weight=weights, solver="liblinear",
                                      random_state=0)
        raise ValueError(f"unknown learner {self.kind!r}")

    def fit_rows(self, x: Any, labels: Any) -> tuple[Any, float]:
        """Weights and bias over the rows ``x`` (TF-IDF). ``nbsvm``: an SVM over the features
        scaled by their naive-Bayes log-count ratios (Wang and Manning 2012), the ratios folded
        into the weights so that they apply to ``x`` itself."""
        if self.kind != "nbsvm":
            model = self.estimator().fit(x, labels)
            return model.coef_[0].copy(), float(model.intercept_[0])
        ratios = nb_ratios(x, labels)
        svm = Learner("svm", self.c, self.positive_weight).estimator()
        model = svm.fit(x.multiply(ratios).tocsr(), labels)
        return model.coef_[0] * ratios, float(model.intercept_[0])


def nb_ratios(x: Any, labels: Any, alpha: float = 1.0) -> Any:
    """Log-count ratio of each feature: log of its smoothed share of the positive rows' features
    over its share of the negative rows' (binarised features)."""
    import numpy as np

    present = (x > 0).astype(float)
    positive = np.asarray(present[labels].sum(axis=0)).ravel() + alpha
    negative = np.asarray(present[~labels].sum(axis=0)).ravel() + alpha
    return np.log((positive / positive.sum()) / (negative / negative.sum()))


def tfidf_rows(counts: Any, idf: Any) -> Any:
    """Sublinear TF-IDF, L2-normalised per row (the same arithmetic as ``classify.tfidf``)."""
    from sklearn.preprocessing import normalize

    x = counts.astype(float).tocsr(copy=True)
    x.data = 1.0 + __import__("numpy").log(x.data)
    return normalize(x.multiply(idf).tocsr())


def fit(counts: Any, labels: Any, min_df: int, keep: int, c: float = 1.0,
        learner: Learner | None = None) -> LinearModel:
    """Fit on terms in at least ``min_df`` rows, then refit on the ``keep`` strongest."""
    import numpy as np

    learner = learner or Learner(c=c)
    n = counts.shape[0]
    df = np.asarray((counts > 0).sum(axis=0)).ravel()
    columns = np.flatnonzero(df >= min_df)
    idf = np.log((1 + n) / (1 + df)) + 1  # smooth idf, as scikit-learn's TfidfTransformer
    weights, bias = learner.fit_rows(tfidf_rows(counts[:, columns], idf[columns]), labels)
    if keep and keep < len(columns):
        strongest = np.sort(np.argsort(-np.abs(weights), kind="stable")[:keep])
        columns = columns[strongest]
        weights, bias = learner.fit_rows(tfidf_rows(counts[:, columns], idf[columns]), labels)
    return LinearModel(columns, idf[columns], weights, bias)


def fit_like(model: LinearModel, counts: Any, labels: Any, learner: Learner) -> LinearModel:
    """Another topic's model over ``model``'s own terms and TF-IDF (one more weight column)."""
    weights, bias = learner.fit_rows(tfidf_rows(counts[:, model.columns], model.idf), labels)
    return LinearModel(model.columns, model.idf, weights, bias)


def stage_features(trade: Any, competitors: Sequence[Any]) -> Any:
    """The second stage's inputs: the trade decision value and, per competing topic,
    ``max(0, decision value)`` (a topic counts only where its model claims the story)."""
    import numpy as np

    return np.column_stack([trade, *(np.maximum(0.0, d) for d in competitors)])


@dataclass
class Stacked:
    """The trade model, one model per competing topic on its terms, and a logistic second stage
    over their decision values (log-odds)."""

    trade: LinearModel
    competitors: list[LinearModel]
    coef: Any  # of :func:`stage_features`
    intercept: float

    def log_odds(self, counts: Any) -> Any:
        trade = self.trade.decision(counts)
        return stage_features(trade, [m.decision(counts) for m in self.competitors]) @ self.coef \
            + self.intercept


def fit_stacked(counts: Any, labels: Any, topics: Sequence[Any], min_df: int, keep: int,
                learner: Learner, folds: int = 5) -> Stacked:
    """Fit the trade and competing-topic models on all rows; the second stage on their
    ``folds``-fold out-of-fold decision values over the same rows."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    def models(rows: Any) -> tuple[LinearModel, list[LinearModel]]:
        trade = fit(counts[rows], labels[rows], min_df, keep, learner=learner)
        return trade, [fit_like(trade, counts[rows], y[rows], learner) for y in topics]

    oof = np.zeros((counts.shape[0], 1 + len(topics)))
    splitter = StratifiedKFold(folds, shuffle=True, random_state=0)
    for inner, held in splitter.split(np.zeros(len(labels)), labels):
        trade, others = models(inner)
        oof[held] = stage_features(trade.decision(counts[held]),
                                   [m.decision(counts[held]) for m in others])
    stage = LogisticRegression(C=1e4).fit(oof, labels)
    trade, others = models(np.arange(len(labels)))
    return Stacked(trade, others, stage.coef_[0].copy(), float(stage.intercept_[0]))


def learned_sections(model: LinearModel, vocabulary: Sequence[str], scale: float,
                     threshold: float) -> tuple[float, dict[str, list[float]]]:
    """The knowledge file's ``bias`` and ``terms`` (``[idf, weight]``, largest weight first):
    weights in log-odds (times ``scale``), the threshold folded into the bias."""
    terms = {vocabulary[col]: [round(float(idf), 4), round(float(scale * w), 5)]
             for col, idf, w in zip(model.columns, model.idf, model.weights, strict=True)}
    ordered = dict(sorted(terms.items(), key=lambda kv: (-abs(kv[1][1]), kv[0])))
    return round(scale * model.bias - threshold, 5), ordered


def stacked_sections(stacked: Stacked, vocabulary: Sequence[str], topics: Sequence[str],
                     threshold: float) -> tuple[float, dict[str, list[float]], list[dict[str, Any]]]:
    """The knowledge file's ``bias``, ``terms`` (``[idf, weight, weight per competing topic...]``,
    the trade weights in log-odds, largest first) and ``competitors`` (topic, log-odds weight of
    its positive decision values, its model's bias), the threshold folded into the bias."""
    model, scale = stacked.trade, float(stacked.coef[0])
    bias, terms = learned_sections(model, vocabulary, scale, threshold - stacked.intercept)
    for position, col in enumerate(model.columns):
        terms[vocabulary[col]].extend(round(float(m.weights[position]), 5)
                                      for m in stacked.competitors)
    competitors = [{"topic": topic, "weight": round(float(weight), 5), "bias": round(m.bias, 5)}
                   for topic, weight, m in zip(topics, stacked.coef[1:], stacked.competitors,
                                               strict=True)]
    return bias, terms, competitors


def knowledge_text(data: Mapping[str, Any]) -> str:
    """The knowledge file's text: indented JSON, ``terms`` last with one term per line."""
    head = json.dumps({k: v for k, v in data.items() if k != "terms"}, indent=1, ensure_ascii=False)
    rows = ",\n".join(f"  {json.dumps(term, ensure_ascii=False)}: {json.dumps(row)}"
                      for term, row in data.get("terms", {}).items())
    terms = f"{{\n{rows}\n }}" if rows else "{}"
    return f'{head.removesuffix("}").rstrip()},\n "terms": {terms}\n}}\n'


def temporal_split(dates: Sequence[datetime], ids: Sequence[int],
                   fraction: float) -> tuple[list[int], list[int]]:
    """Row numbers of the earliest stories and of the latest ``fraction`` (by date, then id),
    each in row order."""
    order = sorted(range(len(dates)), key=lambda i: (dates[i], ids[i]))
    cut = len(order) - round(fraction * len(order))
    return sorted(order[:cut]), sorted(order[cut:])


@dataclass(frozen=True)
class Figures:
    """Precision, recall and F1 of ``score >= threshold``."""

    threshold: float
    precision: float
    recall: float
    f1: float

    def __str__(self) -> str:
        return f"P {self.precision:.3f} R {self.recall:.3f} F1 {self.f1:.3f} (threshold {self.threshold:.3f})"


def figures_at(scores: Sequence[float], labels: Sequence[bool], threshold: float) -> Figures:
    """The figures of the decision ``score >= threshold``."""
    tp = sum(1 for s, y in zip(scores, labels, strict=True) if s >= threshold and y)
    predicted = sum(1 for s in scores if s >= threshold)
    positives = sum(labels)
    precision = tp / predicted if predicted else 0.0
    recall = tp / positives if positives else 0.0
    f1 = 2 * tp / (predicted + positives) if tp else 0.0
    return Figures(threshold, precision, recall, f1)


def best_threshold(scores: Sequence[float], labels: Sequence[bool]) -> tuple[float, float]:
    """The threshold (midway between two sorted scores) that maximises F1, and that F1."""
    pairs = sorted(zip(scores, labels, strict=True), reverse=True)
    positives = sum(labels)
    best, best_f1, tp = pairs[0][0] + 1.0, 0.0, 0
    for i, (score, label) in enumerate(pairs):
        tp += label
        f1 = 2 * tp / (i + 1 + positives)
        nxt = pairs[i + 1][0] if i + 1 < len(pairs) else score - 1.0
        if f1 > best_f1 and nxt < score:
            best, best_f1 = (score + nxt) / 2, f1
    return best, best_f1


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newswire.trade.train", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=None,
                        help="folder of reut2-*.sgm (default: <NEWSWIRE_DATA>/reuters21578)")
    parser.add_argument("--out", type=Path, default=KNOWLEDGE_PATH, help="knowledge file to update")
    parser.add_argument("--min-df", type=int, default=2, help="minimum TRAIN document frequency")
    parser.add_argument("--keep", type=int, default=15000, help="terms kept (0: all)")
    parser.add_argument("--model", choices=("svm", "logreg", "nbsvm"), default="svm",
                        help="linear SVM, logistic regression, or an SVM over naive-Bayes scaled features")
    parser.add_argument("--C", type=float, default=1.0, help="regularisation (larger: less)")
    parser.add_argument("--positive-weight", type=float, default=1.0,
                        help="class weight of the trade stories (1: unweighted)")
    parser.add_argument("--title-repeat", type=int, default=5, help="times the title counts")
    parser.add_argument("--max-words", type=int, choices=(1, 2), default=2,
                        help="terms of one word, or of one or two words (default)")
    parser.add_argument("--keep-names", action="store_true",
                        help="let country and people names be learned (default: excluded)")
    parser.add_argument("--hand-scale", type=float, default=1.0,
                        help="multiply the hand-set weights (comparison only; 0: learned terms only)")
    parser.add_argument("--no-masks", action="store_true",
                        help="do not mask look-alike contexts (comparison only)")
    parser.add_argument("--holdout", type=float, default=0.25,
                        help="share of TRAIN, the latest by date, held out to choose the threshold")
    parser.add_argument("--folds", type=int, default=5, help="stratified cross-validation folds")
    parser.add_argument("--check", action="store_true",
                        help="also run the whole procedure one hold-out back in time (slower)")
    parser.add_argument("--competitors", default=COMPETITORS,
                        help="comma-separated competing topics whose models' scores enter a "
                        "second stage ('': the trade model alone)")
    parser.add_argument("--dry-run", action="store_true", help="measure only, write nothing")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    comparison_only = args.hand_scale != 1.0 or args.no_masks
    if comparison_only and not args.dry_run:
        parser.error("--hand-scale and --no-masks are for comparison: use them with --dry-run")

    import numpy as np
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    data = json.loads(args.out.read_text(encoding="utf-8"))
    hand = Knowledge.from_dict({**data, "terms": {},
                                **({"negative_contexts": []} if args.no_masks else {})})
    rules = {key: args.hand_scale * w for key, w in hand.rules.items()}
    curated = {term_key(p): args.hand_scale * float(w)
               for p, w in data.get("curated", {}).items() if term_key(p)}
    reuters_dir = args.data if args.data is not None else reuters.default_dir()
    docs = reuters.modapte(reuters.load(reuters_dir), reuters.TRAIN)  # TRAIN only, by construction
    labels = np.array([TOPIC in d.topics for d in docs])
    log.info("TRAIN: %d documents with a topic, %d about %s", len(docs), labels.sum(), TOPIC)
    excluded = frozenset() if args.keep_names else name_words(reuters_dir)
    vectorizer = CountVectorizer(analyzer=analyzer(hand, args.title_repeat, excluded, args.max_words))
    counts = vectorizer.fit_transform([(d.title, d.text) for d in docs]).tocsr()
    vocabulary = vectorizer.get_feature_names_out()
    matches = [hand_match(d.title, d.text, hand) for d in docs]
    learner = Learner(args.model, args.C, args.positive_weight)

    competing = [t for t in args.competitors.split(",") if t]
    topics = [np.array([t in d.topics for d in docs]) for t in competing]
    for topic, y in zip(competing, topics, strict=True):
        log.info("competing topic %s: %d TRAIN stories, %d also %s", topic, y.sum(),
                 (y & labels).sum(), TOPIC)

    def held_out(train_rows: Any, held: Any) -> tuple[Any, Any]:
        """Decision values and hand-set offsets of ``held`` from a model fitted on ``train_rows``
        (with competing topics: the second stage's log-odds, scaled by 1)."""
        if competing:
            stacked = fit_stacked(counts[train_rows], labels[train_rows],
                                  [y[train_rows] for y in topics], args.min_df, args.keep,
                                  learner, args.folds)
            log.info("second stage: intercept %.3f, trade %.3f, %s", stacked.intercept,
                     stacked.coef[0], ", ".join(f"{t} {c:.3f}"
                                                for t, c in zip(competing, stacked.coef[1:], strict=True)))
            model = stacked.trade
        else:
            model = fit(counts[train_rows], labels[train_rows], args.min_df, args.keep,
                        learner=learner)
        learned = {tuple(vocabulary[i].split()) for i in model.columns}
        offsets = [args.hand_scale * matches[i].context_weight
                   + hand_offset(HandMatch(matches[i].terms, 0.0), rules, curated, learned)
                   for i in held]
        decision = stacked.log_odds(counts[held]) if competing else model.decision(counts[held])
        return decision, np.array(offsets)

    def log_odds_scale(decision: Any, gold: Any) -> float:
        if competing:  # already log-odds
            return 1.0
        return float(LogisticRegression(C=1e4).fit(decision.reshape(-1, 1), gold).coef_[0, 0])

    def check_procedure(early: list[int], late: list[int]) -> Figures:
        """The whole procedure one step back in time: the threshold is chosen on the latest
        share of ``early`` (model fitted on the rest of it), then a model fitted on all of
        ``early`` is applied with it to ``late``, as the written model will be to later news."""
        dates = [docs[i].date or MISSING_DATE for i in early]
        inner_early, inner_late = temporal_split(dates, [docs[i].id for i in early], args.holdout)
        first = np.array([early[i] for i in inner_early])
        second = np.array([early[i] for i in inner_late])
        decision, offsets = held_out(first, second)
        inner_scale = log_odds_scale(decision, labels[second])
        inner_threshold, _ = best_threshold(list(inner_scale * decision + offsets),
                                            list(labels[second]))
        decision, offsets = held_out(np.array(early), np.array(late))
        return figures_at(list(inner_scale * decision + offsets), list(labels[late]), inner_threshold)

    # the criterion: the latest share of TRAIN by date, scored by a model fitted on the rest
    early, late = temporal_split([d.date or MISSING_DATE for d in docs], [d.id for d in docs],
                                 args.holdout)
    late_decision, late_offsets = held_out(np.array(early), np.array(late))
    scale = log_odds_scale(late_decision, labels[late])
    late_scores, late_labels = list(scale * late_decision + late_offsets), list(labels[late])
    threshold, _ = best_threshold(late_scores, late_labels)
    holdout = figures_at(late_scores, late_labels, threshold)
    log.info("temporal hold-out (latest %d of TRAIN, %d about %s): %s", len(late),
             sum(late_labels), TOPIC, holdout)

    # second opinion: stratified cross-validation, threshold chosen on its own out-of-fold scores
    oof, oof_offsets = np.zeros(len(docs)), np.zeros(len(docs))
    splitter = StratifiedKFold(args.folds, shuffle=True, random_state=0)
    for train_rows, held in splitter.split(np.zeros(len(docs)), labels):
        oof[held], oof_offsets[held] = held_out(train_rows, held)
    cv_scale = log_odds_scale(oof, labels)
    cv_scores = list(cv_scale * oof + oof_offsets)
    cv = figures_at(cv_scores, list(labels), best_threshold(cv_scores, list(labels))[0])
    log.info("%d-fold stratified CV on TRAIN: %s", args.folds, cv)
    holdout_at_cv = figures_at(list(cv_scale * late_decision + late_offsets), late_labels,
                               cv.threshold)
    log.info("temporal hold-out at the CV threshold: %s", holdout_at_cv)
    if args.check:
        log.info("procedure check on the latest %d of TRAIN: %s", len(late),
                 check_procedure(early, late))
    if args.dry_run:
        return 0

    competitors: list[dict[str, Any]] = []
    if competing:
        stacked = fit_stacked(counts, labels, topics, args.min_df, args.keep, learner, args.folds)
        bias, terms, competitors = stacked_sections(stacked, vocabulary, competing, threshold)
        scale = float(stacked.coef[0])
    else:
        model = fit(counts, labels, args.min_df, args.keep, learner=learner)
        bias, terms = learned_sections(model, vocabulary, scale, threshold)
    meta = {"data": "Reuters-21578 ModApte TRAIN, documents with at least one topic", "topic": TOPIC,
            "documents": len(docs), "positives": int(labels.sum()),
            "model": ("linear SVM" if args.model == "svm" else "logistic regression")
            + " over L2-normalised sublinear TF-IDF of words and word pairs",
            "max_words": args.max_words, "min_df": args.min_df, "keep": args.keep, "C": args.C,
            "positive_weight": args.positive_weight, "title_repeat": args.title_repeat,
            "names_excluded": not args.keep_names,
            "competitors": competing,
            "second_stage": "logistic regression over the trade decision value and each competing "
                            f"topic's max(0, decision value), fitted on {args.folds}-fold out-of-fold "
                            "values of TRAIN" if competing else "none",
            "threshold_from": f"temporal hold-out: latest {args.holdout:.0%} of TRAIN by date",
            "scale": round(scale, 4), "holdout_threshold": round(threshold, 4),
            "holdout_f1": round(holdout.f1, 4), "holdout_precision": round(holdout.precision, 4),
            "holdout_recall": round(holdout.recall, 4), "folds": args.folds,
            "cv_f1": round(cv.f1, 4), "cv_precision": round(cv.precision, 4),
            "cv_recall": round(cv.recall, 4)}
    data.update(bias=bias, threshold=0.5, title_repeat=args.title_repeat, training=meta,
                competitors=competitors, terms=terms)
    args.out.write_text(knowledge_text(data), encoding="utf-8")
    log.info("wrote %s (%d terms)", args.out, len(terms))
    return 0


if __name__ == "__main__":
    sys.exit(main())
