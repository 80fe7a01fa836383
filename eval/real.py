"""Comparison quality on real multi-outlet coverage, judged by careful reading (not a script: eval/compare.py --real).

The articles are Article-Bias-Prediction's (../shared/data/abp/<month>.jsonl, never copied here). Our labels
(eval/data/compare-real-dev for 2019-10, eval/data/compare-real-holdout for 2020-04) are one YAML file per
story: the abp ids of its articles, and findings judged by a reader, each side named `ID@OFFSET` (a character
offset inside the sentence, into the article text as manysides stores it) with our own words for why:

    contradictions:   every one the tool listed when the story was labelled (real: true/false), and the real
                      ones a reader found that it did not list (by: reader)
    agreements:       a sample of the tool's agreements: right, partly (the `odd` members do not state the
                      fact the others share) or wrong
    unique:           a sample of the tool's unique facts: right (told by that outlet only) or wrong

Scoring a run: a contradiction the tool shows is true or false by the label whose two sides fall in its two
sentences; unjudged ones count as wrong until judged. Recall is over the real ones (judged true, or found
by the reader). An agreement is wrong when two of its sentences were judged not to state one fact, right
when all of its sentences were judged to state it, and unjudged otherwise; a unique fact is judged by its
sentence.
"""

from __future__ import annotations

import json
import random
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import numpy as np
import yaml
from common import SHARED_DATA

from manysides import jobs, pipeline
from manysides.compare import confidence
from manysides.compare.align import Source, aligned_pairs
from manysides.compare.comparison import canonical_entities
from manysides.compare.contradictions import find_contradictions
from manysides.ingest import ReadOptions, expand
from manysides.nlp.embeddings import default_encoder, from_bytes
from manysides.nlp.pipeline import default_pipeline
from manysides.model import Agreement, Comparison, Contradiction, Evidence, UniqueFact
from manysides.outlets.registry import default_registry
from manysides.store import Store

LABELS = Path(__file__).resolve().parent / "data"
SETS = {"compare-real-dev": "2019-10", "compare-real-holdout": "2020-04"}
SAMPLE = 6  # agreements and unique facts judged per story
Side = tuple[str, int]  # (abp id, character offset inside the sentence)


@dataclass
class Tally:
    """Judged findings of one kind: listed (shown by the tool), judged true or false, unjudged; and recall
    counts over the real ones."""

    listed: int = 0
    true: int = 0
    false: int = 0
    real: int = 0
    found: int = 0

    @property
    def unjudged(self) -> int:
        return self.listed - self.true - self.false

    sampled: bool = False  # only a sample is judged: precision over the judged ones

    @property
    def precision(self) -> float:
        judged = self.true + self.false if self.sampled else self.listed
        return 100 * self.true / judged if judged else 0.0

    @property
    def recall(self) -> float:
        return 100 * self.found / self.real if self.real else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"listed": self.listed, "true": self.true, "false": self.false, "unjudged": self.unjudged,
                "precision": round(self.precision, 1), "real": self.real, "found": self.found,
                "recall": round(self.recall, 1)}  # fmt: skip


def side(text: str) -> Side:
    article, _, offset = text.partition("@")
    return article, int(offset)


def stories(label_set: str) -> list[dict]:
    folder = LABELS / label_set
    return [yaml.safe_load(path.read_text(encoding="utf-8")) | {"name": path.stem} for path in sorted(folder.glob("*.yaml"))]


def month_records(month: str, data: Path | None = None) -> dict[str, dict]:
    path = (data or SHARED_DATA / "abp") / f"{month}.jsonl"
    if not path.is_file():
        raise SystemExit(f"{path}: no such file; the real-coverage evaluation reads ../shared/data/abp (pass --abp DIR)")
    with path.open(encoding="utf-8") as lines:
        return {record["id"]: record for record in map(json.loads, lines)}


def analysed(records: list[dict], db_path: Path) -> Store:
    """A store holding these abp records, analysed by the current pipeline (not placed: the labels say which
    articles are one story). The store file is kept: a second run analyses only what the pipeline redoes."""
    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "articles.jsonl"
        feed.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
        store = Store(str(db_path))
        for event in jobs.ingest([str(feed)], store, ReadOptions()):
            if event.kind == "failed":
                raise SystemExit(f"cannot ingest an abp record: {event.error}")
        for _ in pipeline.analyse(store, default_pipeline(), default_encoder()):
            pass
    return store


def compare_labelled(store: Store, story: dict) -> tuple[Comparison, dict[str, str]]:
    """The comparison of the story's articles (by abp id), and our article id → abp id."""
    by_external = {article.external_id: article.id for article in store.articles() if article.external_id}
    ids = [by_external[external] for external in story["articles"]]
    return jobs.compare_articles(store, ids, story["name"], default_registry()), {ours: external for external, ours in by_external.items()}


def _covers(evidence: Evidence, external: dict[str, str], wanted: Side) -> bool:
    return external[evidence.article_id] == wanted[0] and evidence.start <= wanted[1] < evidence.end


def _sentence_of(comparison: Comparison, article_id: str, start: int, end: int) -> Evidence:
    article = next(a for a in comparison.articles if a.id == article_id)
    return Evidence(article.id, article.outlet, start, end, article.text[start:end])


def contradiction_sides(found: Contradiction, comparison: Comparison) -> tuple[Evidence, Evidence]:
    return tuple(_sentence_of(comparison, c.evidence.article_id, c.evidence.start, c.evidence.end) for c in (found.first, found.second))  # type: ignore[return-value]


def _pair_matches(label: dict, sides: tuple[Evidence, Evidence], external: dict[str, str]) -> bool:
    a, b = side(label["a"]), side(label["b"])
    first, second = sides
    return (_covers(first, external, a) and _covers(second, external, b)) or (_covers(first, external, b) and _covers(second, external, a))


def score_contradictions(story: dict, comparison: Comparison, external: dict[str, str], shown: list[Contradiction]) -> dict[str, Tally]:
    """Per kind (and "all"): the shown contradictions judged against the story's labels."""
    tallies: dict[str, Tally] = defaultdict(Tally)
    labels = story.get("contradictions") or []
    matched_real: set[int] = set()
    for found in shown:
        sides = contradiction_sides(found, comparison)
        verdicts = [(n, label) for n, label in enumerate(labels) if _pair_matches(label, sides, external)]
        for kind in (found.kind, "all"):
            tally = tallies[kind]
            tally.listed += 1
            if verdicts:
                is_real = any(label["real"] for _, label in verdicts)
                tally.true += is_real
                tally.false += not is_real
        matched_real.update(n for n, label in verdicts if label["real"])
    for n, label in enumerate(labels):
        if label["real"]:
            for kind in (label["kind"], "all"):
                tallies[kind].real += 1
                tallies[kind].found += n in matched_real
    return tallies


def score_agreements(story: dict, comparison: Comparison, external: dict[str, str]) -> Tally:
    """Listed agreements right (all pairs judged one fact), wrong (a pair judged two facts) or unjudged."""
    judged = _judged_pairs(story)
    return _tally(_agreement_verdict(agreement, judged, external) for agreement in comparison.agreements)


def _tally(verdicts: Iterable[bool | None]) -> Tally:
    """Sampled findings counted: each listed, judged right (True), wrong (False) or not judged (None)."""
    tally = Tally(sampled=True)
    for verdict in verdicts:
        tally.listed += 1
        tally.true += verdict is True
        tally.false += verdict is False
    return tally


def _judged_pairs(story: dict) -> tuple[set[frozenset[Side]], set[frozenset[Side]]]:
    """The labelled pairs of sentences judged to state one fact (good) and two (bad)."""
    good: set[frozenset[Side]] = set()
    bad: set[frozenset[Side]] = set()
    for label in story.get("agreements") or []:
        members = [side(e) for e in label["evidence"]]
        odd = {side(e) for e in label.get("odd") or []}
        core = [m for m in members if m not in odd]
        if label["verdict"] == "wrong":
            bad.update(frozenset(p) for p in combinations(members, 2))
            continue
        good.update(frozenset(p) for p in combinations(core, 2))
        bad.update(frozenset((o, c)) for o in odd for c in core)
    return good, bad


def _agreement_verdict(agreement: Agreement, judged: tuple[set, set], external: dict[str, str]) -> bool | None:
    good, bad = judged
    keys = [_key(e, external) for e in agreement.evidence]
    pairs = [frozenset(p) for p in combinations(keys, 2)]
    if any(_judged(p, bad) for p in pairs):
        return False
    return True if pairs and all(_judged(p, good) for p in pairs) else None


def _key(evidence: Evidence, external: dict[str, str]) -> tuple[str, int, int]:
    return (external[evidence.article_id], evidence.start, evidence.end)


def _judged(pair: frozenset, judged: set[frozenset[Side]]) -> bool:
    """A pair of listed sentences (abp id, start, end) judged by a labelled pair of sides inside them."""
    first, second = tuple(pair) if len(pair) == 2 else (next(iter(pair)),) * 2
    for labelled in judged:
        a, b = tuple(labelled) if len(labelled) == 2 else (next(iter(labelled)),) * 2
        if (_inside(a, first) and _inside(b, second)) or (_inside(a, second) and _inside(b, first)):
            return True
    return False


def _inside(wanted: Side, sentence: tuple[str, int, int]) -> bool:
    return wanted[0] == sentence[0] and sentence[1] <= wanted[1] < sentence[2]


def score_unique(story: dict, comparison: Comparison, external: dict[str, str]) -> Tally:
    return _tally(_unique_verdict(story, fact, external) for fact in comparison.unique)


def _unique_verdict(story: dict, fact: UniqueFact, external: dict[str, str]) -> bool | None:
    sentence = _key(fact.evidence, external)
    return next((label["verdict"] == "right" for label in story.get("unique") or [] if _inside(side(label["at"]), sentence)), None)


def sample(items: list, name: str) -> list:
    """The same few items of a story every time (seeded by its name): what a labeller judges."""
    if len(items) <= SAMPLE:
        return items
    return random.Random(name).sample(items, SAMPLE)


def sheet(store: Store, story: dict, comparison: Comparison, external: dict[str, str], shown: list[Contradiction]) -> Iterator[str]:
    """A labelling sheet (kept out of the repository: it holds article text): every article sentence by
    sentence with its offset (a blank line between paragraphs), then the findings to judge, each side as
    ID@OFFSET; a finding already judged in the story's labels is marked so."""
    name = story["name"]
    yield f"STORY {name}: {len(comparison.articles)} articles"
    for article in comparison.articles:
        yield f"\n== {external[article.id]}  outlet={article.outlet}  published={article.published}  title={article.title}"
        analysis = store.get_analysis(article.id)
        previous_end = 0
        for sentence in analysis.sentences if analysis else ():
            if "\n\n" in article.text[previous_end : sentence.start]:
                yield ""
            yield f"[{external[article.id]}@{sentence.start}] {sentence.text}"
            previous_end = sentence.end
    yield f"\n== CONTRADICTIONS listed ({len(shown)})"
    for n, found in enumerate(shown, 1):
        first, second = contradiction_sides(found, comparison)
        yield f"C{n} kind={found.kind}  a={external[first.article_id]}@{first.start}  b={external[second.article_id]}@{second.start}"
        yield f"    why listed: {found.explanation}"
        yield f"    A ({first.outlet}): {first.text}"
        yield f"    B ({second.outlet}): {second.text}"
    yield f"\n== AGREEMENTS (sample of {min(SAMPLE, len(comparison.agreements))} of {len(comparison.agreements)})"
    for n, agreement in enumerate(sample(list(comparison.agreements), name), 1):
        mark = "" if _agreement_verdict(agreement, _judged_pairs(story), external) is None else "  (already judged)"
        yield f"G{n}: " + "  ".join(f"{external[e.article_id]}@{e.start}" for e in agreement.evidence) + mark
        for e in agreement.evidence:
            yield f"    ({e.outlet}) {e.text}"
    yield f"\n== UNIQUE FACTS (sample of {min(SAMPLE, len(comparison.unique))} of {len(comparison.unique)})"
    for n, fact in enumerate(sample(list(comparison.unique), name), 1):
        mark = "" if _unique_verdict(story, fact, external) is None else "  (already judged)"
        yield f"U{n}: {external[fact.evidence.article_id]}@{fact.evidence.start}  details={list(fact.details)}{mark}"
        yield f"    ({fact.evidence.outlet}) {fact.evidence.text}"


def evaluate(label_set: str, abp: Path | None, cache: Path, all_contradictions: bool, sheets: Path | None) -> dict:
    """Score one labelled set; with `sheets`, also write a labelling sheet per story marking what is unjudged."""
    labelled = stories(label_set)
    if not labelled:
        raise SystemExit(f"{LABELS / label_set}: no labelled stories")
    records = month_records(SETS[label_set], abp)
    wanted = [records[external] for story in labelled for external in story["articles"]]
    cache.parent.mkdir(parents=True, exist_ok=True)
    contradictions: dict[str, Tally] = defaultdict(Tally)
    agreements, unique = Tally(sampled=True), Tally(sampled=True)
    with analysed(wanted, cache) as store:
        for story in labelled:
            comparison, external = compare_labelled(store, story)
            shown = list(comparison.contradictions) + (list(comparison.possible) if all_contradictions else [])
            for kind, tally in score_contradictions(story, comparison, external, shown).items():
                _add(contradictions[kind], tally)
            _add(agreements, score_agreements(story, comparison, external))
            _add(unique, score_unique(story, comparison, external))
            if sheets is not None:
                sheets.mkdir(parents=True, exist_ok=True)
                (sheets / f"{story['name']}.txt").write_text("\n".join(sheet(store, story, comparison, external, shown)) + "\n", encoding="utf-8")
    return {"stories": len(labelled), "contradictions": {k: t for k, t in sorted(contradictions.items())},
            "agreements": agreements, "unique": unique}  # fmt: skip


def _add(total: Tally, part: Tally) -> None:
    total.listed += part.listed
    total.true += part.true
    total.false += part.false
    total.real += part.real
    total.found += part.found


def print_result(label_set: str, result: dict) -> None:
    held_out = " — HELD OUT: never tune on it" if label_set.endswith("holdout") else ""
    print(f"Real coverage, {label_set} ({result['stories']} stories of abp {SETS[label_set]}; judged by reading){held_out}")
    print(f"  {'finding':<22}{'listed':>7}{'true':>6}{'false':>6}{'unjudged':>9}{'precision':>10}{'real':>6}{'found':>6}{'recall':>8}")
    rows = [(f"contradiction: {kind}", t) for kind, t in result["contradictions"].items() if kind != "all"]
    rows += [("contradictions, all", result["contradictions"].get("all", Tally()))]
    rows += [("agreements (sampled)", result["agreements"]), ("unique facts (sampled)", result["unique"])]
    for name, t in rows:
        recall = f"{t.recall:8.1f}" if t.real else f"{'':>8}"
        real, found = (f"{t.real:>6}", f"{t.found:>6}") if t.real else (f"{'':>6}", f"{'':>6}")
        print(f"  {name:<22}{t.listed:>7}{t.true:>6}{t.false:>6}{t.unjudged:>9}{t.precision:10.1f}{real}{found}{recall}")
    print("  targets: contradictions P ≥ 90 (unjudged count as wrong), R ≥ 50; agreements and unique facts ≥ 90 correct "
          "(precision over the judged sample)")


def judged_features(label_set: str, abp: Path | None, cache: Path) -> tuple[np.ndarray, np.ndarray]:
    """Each judged candidate contradiction of the set (shown or possible, never the impossible ones) as the
    confidence's inputs, and whether it was judged real."""
    rows, verdicts = [], []
    records = month_records(SETS[label_set], abp)
    labelled = stories(label_set)
    with analysed([records[e] for story in labelled for e in story["articles"]], cache) as store:
        for story in labelled:
            comparison, external = compare_labelled(store, story)
            sources = [Source(a, store.get_analysis(a.id), from_bytes(store.get_sentence_vectors(a.id)), store.copy_of(a.id)) for a in comparison.articles]  # type: ignore[arg-type]
            by_id = {s.article.id: s for s in sources}
            pairs = {frozenset((p.first, p.second)) for p in aligned_pairs(sources)}
            canonical = canonical_entities(s.analysis for s in sources)
            for found in comparison.contradictions + comparison.possible:
                sides = contradiction_sides(found, comparison)
                judged = [label["real"] for label in story.get("contradictions") or [] if _pair_matches(label, sides, external)]
                if judged:
                    first, second = by_id[found.first.evidence.article_id], by_id[found.second.evidence.article_id]
                    rows.append(confidence.features(found.kind, confidence.evidence_for(found, first, second, canonical, pairs)))
                    verdicts.append(float(any(judged)))
    return np.array(rows), np.array(verdicts)


def synthetic_features(folders: list[Path], cache: Path) -> np.ndarray:
    """The confidence's inputs for every contradiction the rules find in our own written stories (that
    `never` allows): eval/compare.py scores them 99.5–100 % right, so all count as real here."""
    rows = []
    for folder in folders:
        with Store(str(cache / f"{folder.name}.db")) as store:
            if store.count_articles() == 0:
                jobs.ingest_all(expand([str(folder)]).sources, store)
            by_title = {(a.outlet, a.title or ""): a for a in store.articles()}
            for story in yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8"))["stories"]:
                articles = [by_title[(a["outlet"], a["title"])] for a in story["articles"]]
                sources = [Source(a, store.get_analysis(a.id), from_bytes(store.get_sentence_vectors(a.id)), store.copy_of(a.id)) for a in articles]  # type: ignore[arg-type]
                pairs = aligned_pairs(sources)
                aligned = {frozenset((p.first, p.second)) for p in pairs}
                canonical = canonical_entities(s.analysis for s in sources)
                by_id = {s.article.id: s for s in sources}
                for found in find_contradictions(sources, pairs):
                    first, second = by_id[found.first.evidence.article_id], by_id[found.second.evidence.article_id]
                    if confidence.never(found, first, second) is None:
                        rows.append(confidence.features(found.kind, confidence.evidence_for(found, first, second, canonical, aligned)))
    return np.array(rows)


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 20000) -> tuple[np.ndarray, float]:
    """Logistic regression by gradient descent with an L2 penalty (few judged items: keep the weights small)."""
    weights, bias = np.zeros(x.shape[1]), 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(x @ weights + bias)))
        weights -= 0.1 * (x.T @ (p - y) / len(y) + l2 * weights / len(y))
        bias -= 0.1 * float(np.mean(p - y))
    return weights, bias


def print_fit(real_x: np.ndarray, real_y: np.ndarray, synthetic_x: np.ndarray) -> None:
    """Fit on the judged real candidates and our own stories' findings together; print the weights and, per
    threshold, what would be shown of each (the threshold is chosen for precision ≥ 90 % on the real ones)."""
    x, y = np.vstack([real_x, synthetic_x]), np.concatenate([real_y, np.ones(len(synthetic_x))])
    weights, bias = fit(x, y)
    score = lambda rows: 1 / (1 + np.exp(-(rows @ weights + bias)))  # noqa: E731
    real_scores, synthetic_scores = score(real_x), score(synthetic_x)
    print(f"real: {len(real_y)} judged candidates, {int(real_y.sum())} real; our own stories: {len(synthetic_x)} findings")
    print("WEIGHTS = (" + ", ".join(f"{w:.2f}" for w in weights) + f")\nBIAS = {bias:.2f}")
    for threshold in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95):
        shown = real_scores >= threshold
        precision = f"{100 * real_y[shown].mean():.0f}" if shown.any() else "-"
        print(f"  ≥ {threshold:.2f}: real shown {int(shown.sum())} (true {int(real_y[shown].sum())}, precision {precision}); "
              f"own stories shown {int((synthetic_scores >= threshold).sum())} of {len(synthetic_x)}")
