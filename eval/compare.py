"""Comparison quality on our own labelled example corpus (examples/corpus/expected.yaml).

No public data set labels facts shared across outlets or contradictions between them, so we wrote our
own: invented stories with the shared facts (evidence per outlet) and the contradictions (kind, both
evidence quotes) a correct comparison must find — examples/corpus (8 stories), eval/data/compare-dev
(78) and the held-out eval/data/compare-holdout (6). Printed:
- alignment: recall of the gold sentence pairs (two outlets' evidence of one shared fact), and precision
  over the predicted pairs that touch a gold fact's sentence (a pair joining such a sentence to a
  sentence outside that fact is wrong; pairs between sentences the file says nothing about are not
  counted); `--sweep` prints both for each similarity threshold (how ALIGN_THRESHOLD was chosen);
- agreements: a listed shared fact is found when one agreement holds the sentences of two or more of
  its listed outlets; unique facts: a listed one is found when its sentence is among that outlet's
  unique facts; dates: a listed time expression (outlet, text, value) is found with that value (its day
  for a part of a day or a time on a day: "Saturday afternoon" and "6.30 a.m. on Saturday" are the listed "on Saturday");
- contradictions: recall of the listed ones (kind, one sentence, and the other sentence's article must
  match: the labels give one example pair where an article says it several times); precision counts a
  found contradiction right when it is listed or shares a listed one's kind and one of its sentences
  (the file lists one example pair per contradiction). Negation and denial count as one kind here (X
  against not-X; they differ in who says the "not", which is drawn differently when both sides are
  quoted); how many were found under their exact listed kind is printed beside the recall.

    python eval/compare.py [--data DIR]... [--sweep] [--json] [--verbose]   (DIR laid out like examples/corpus;
    default: examples/corpus/, eval/data/compare-dev/, and the held-out eval/data/compare-holdout/)

Those are invented stories: unit-level examples that overstate quality. The measure is real coverage:

    python eval/compare.py --real [--abp DIR] [--all-contradictions] [--sheets DIR] [--fit]

scores the findings on real multi-outlet news (../shared/data/abp) against our labels judged by reading
(eval/data/compare-real-dev, and the held-out eval/data/compare-real-holdout; see eval/real.py), per kind:
listed, judged true, judged false, unjudged (counted wrong until judged), precision and recall. `--sheets DIR`
writes a labelling sheet per story (article text: keep it out of the repository) to judge what is unjudged;
`--fit` fits the contradiction confidence (compare/confidence.py) on compare-real-dev and our own stories.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from itertools import combinations
from pathlib import Path

import yaml
import real
from common import Counts, report

from manysides import jobs
from manysides.compare.align import ALIGN_THRESHOLD, Source, aligned_pairs, facts
from manysides.compare.comparison import compare_story
from manysides.compare.contradictions import find_contradictions
from manysides.ingest import expand
from manysides.model import Claim
from manysides.nlp.embeddings import from_bytes
from manysides.nlp.time import day_named
from manysides.store import Store

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"
LABELS = Path(__file__).resolve().parent / "data"
Key = tuple[str, int]
VERBOSE = False


def load(folder: Path) -> tuple[list[dict], dict[tuple[str, str], Source]]:
    """The expected stories and every article as a comparison source, by (outlet, title)."""
    with tempfile.TemporaryDirectory() as tmp, Store(str(Path(tmp) / "corpus.db")) as store:
        jobs.ingest_all(expand([str(folder)]).sources, store)
        sources = {}
        for article in store.articles():
            analysis, vectors = store.get_analysis(article.id), store.get_sentence_vectors(article.id)
            assert analysis is not None and vectors is not None
            source = Source(article, analysis, from_bytes(vectors), store.copy_of(article.id))
            sources[(article.outlet, article.title or "")] = source
    expected = yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8"))["stories"]
    return expected, sources


def sentence_of(source: Source, quote: str) -> Key:
    start = source.article.text.index(quote)
    for sentence in source.analysis.sentences:
        if sentence.start <= start < sentence.end:
            return (source.article.id, sentence.index)
    raise ValueError(f"{quote!r} is in no analysed sentence of {source.article.outlet}")


def story_sources(story: dict, sources: dict[tuple[str, str], Source]) -> list[Source]:
    return [sources[(a["outlet"], a["title"])] for a in story["articles"]]


def by_outlet(members: list[Source]) -> dict[str, Source]:
    return {source.article.outlet: source for source in members}


def alignment_counts(expected: list[dict], sources: dict[tuple[str, str], Source], threshold: float) -> Counts:
    counts = Counts()
    for story in expected:
        members = story_sources(story, sources)
        outlets = by_outlet(members)
        gold_facts = [{sentence_of(outlets[e["outlet"]], e["quote"]) for e in fact["evidence"]} for fact in story["shared_facts"]]
        gold_pairs = {frozenset(p) for fact in gold_facts for p in combinations(fact, 2)}
        facts_of: dict[Key, set[int]] = {}
        for n, fact in enumerate(gold_facts):
            for key in fact:
                facts_of.setdefault(key, set()).add(n)
        predicted = {frozenset(p) for group in facts(aligned_pairs(members, threshold)) for p in combinations(group, 2)}
        counts.fn += len(gold_pairs - predicted)
        counts.tp += len(gold_pairs & predicted)
        for first, second in (tuple(pair) for pair in predicted - gold_pairs):
            if (first in facts_of or second in facts_of) and not facts_of.get(first, set()) & facts_of.get(second, set()):
                counts.fp += 1  # one of them states a listed fact, the other does not state it
    return counts


def contradiction_counts(expected: list[dict], sources: dict[tuple[str, str], Source]) -> tuple[Counts, Counts, int]:
    """(precision counts, recall counts, how many of the listed ones found were found under their own kind):
    see the module docstring for what counts as right."""
    precision, recall, same_kind = Counts(), Counts(), 0
    for story in expected:
        members = story_sources(story, sources)
        outlets = by_outlet(members)
        keyed = {source.article.id: source for source in members}
        exact = set(_listed(story, outlets))
        gold = {(_family(kind), pair) for kind, pair in exact}
        gold_sides = {(kind, key) for kind, pair in gold for key in pair}

        def right(kind: str, pair: frozenset[Key]) -> bool:
            return (kind, pair) in gold or any((kind, key) in gold_sides for key in pair)

        predicted, predicted_exact = set(), set()
        for found in find_contradictions(members, aligned_pairs(members)):
            keys = frozenset(_sentence_of_claim(keyed, claim) for claim in (found.first, found.second))
            predicted.add((_family(found.kind), keys))
            predicted_exact.add((found.kind, keys))
            if VERBOSE and not right(_family(found.kind), keys):
                print(f"  wrong? {found.kind}: {found.explanation}")
        for kind, pair in predicted:
            is_right = right(kind, pair)
            precision.tp += is_right
            precision.fp += not is_right
        missed = {listed for listed in gold if not any(_matches(listed, found) for found in predicted)}
        recall.tp += len(gold) - len(missed)
        recall.fn += len(missed)
        same_kind += sum(any(_matches(listed, found) for found in predicted_exact) for listed in exact)
        if VERBOSE:
            for kind, pair in missed:
                print(f"  missed {kind}: " + " || ".join(keyed[a].analysis.sentences[i].text[:80] for a, i in pair))
    return precision, recall, same_kind


def _listed(story: dict, outlets: dict[str, Source]) -> list[tuple[str, frozenset[Key]]]:
    return [
        (c["kind"], frozenset((sentence_of(outlets[c["a"]["outlet"]], c["a"]["quote"]),
                               sentence_of(outlets[c["b"]["outlet"]], c["b"]["quote"]))))
        for c in story["contradictions"]
    ]  # fmt: skip


def _family(kind: str) -> str:
    """Negation and denial are one family: both are X against not-X, and differ only in who says the "not"
    — the article ("negation") or someone it quotes ("denial") — which labellers and rules draw differently
    when both sides are quoted. The exact kind is counted apart."""
    return "negation or denial" if kind in ("negation", "denial") else kind


def _matches(listed: tuple[str, frozenset[Key]], found: tuple[str, frozenset[Key]]) -> bool:
    """Same kind, one sentence the same and the other from the same article: the labels give one example
    pair ("Northline has not commented" against one of three sentences quoting Northline)."""
    if listed[0] != found[0]:
        return False
    for shared in listed[1] & found[1]:
        (other_listed,) = listed[1] - {shared} or {shared}
        (other_found,) = found[1] - {shared} or {shared}
        if other_listed[0] == other_found[0]:
            return True
    return False


def _sentence_of_claim(keyed: dict[str, Source], claim: Claim) -> Key:
    source = keyed[claim.evidence.article_id]
    return sentence_of(source, source.article.text[claim.evidence.start : claim.evidence.end])


def finding_counts(expected: list[dict], sources: dict[tuple[str, str], Source]) -> dict[str, Counts]:
    """Recall of the listed agreements and unique facts, and accuracy of the listed dates (as recall)."""
    counts = {"agreements": Counts(), "unique": Counts(), "dates": Counts()}
    for story in expected:
        members = story_sources(story, sources)
        outlets = by_outlet(members)
        comparison = compare_story("eval", members)
        groups = [{(e.article_id, e.start) for e in a.evidence} for a in comparison.agreements]
        for fact in story["shared_facts"]:
            keys = {_start_of(outlets[e["outlet"]], e["quote"]) for e in fact["evidence"]}
            found = any(len(keys & group) >= 2 for group in groups)
            counts["agreements"].tp += found
            counts["agreements"].fn += not found
            if VERBOSE and not found:
                print(f"  missed agreement: {fact['fact']}")
        unique = {(u.evidence.article_id, u.evidence.start) for u in comparison.unique}
        for fact in story.get("unique_facts", []):
            found = _start_of(outlets[fact["outlet"]], fact["quote"]) in unique
            counts["unique"].tp += found
            counts["unique"].fn += not found
            if VERBOSE and not found:
                print(f"  missed unique: {fact['outlet']}: {fact['quote']}")
        for listed in story.get("dates", []):
            times = outlets[listed["outlet"]].analysis.times
            words = _time_words(listed["text"])  # "on Saturday" is found as "Saturday afternoon" (= 2025-08-09TAF)
            found = any(str(listed["value"]) in (t.value, day_named(t)) and words & _time_words(t.text) for t in times)
            counts["dates"].tp += found
            counts["dates"].fn += not found
            if VERBOSE and not found:
                ours = [f"{t.text}={t.value}" for t in times if words & _time_words(t.text)]
                print(f"  missed date: {listed['outlet']}: {listed['text']!r} = {listed['value']} (ours: {ours or 'none'})")
    return counts


def _time_words(text: str) -> set[str]:
    """The words of a time expression, possessives aside ("Thursday's by-election" is dated by "Thursday")."""
    words = {word.removesuffix("'s").removesuffix("’s") for word in text.casefold().split()}
    return words - {"on", "by", "at", "in", "the", "since", "until"}


def _start_of(source: Source, quote: str) -> tuple[str, int]:
    article_id, index = sentence_of(source, quote)
    return article_id, source.analysis.sentences[index].start


def evaluate(folder: Path, sweep: bool) -> tuple[list[tuple[str, float, str]], dict]:
    expected, sources = load(folder)
    if sweep:
        for step in range(40, 86, 5):
            c = alignment_counts(expected, sources, step / 100)
            print(f"threshold {step / 100:.2f}: P {100 * c.precision:5.1f}  R {100 * c.recall:5.1f}  F1 {100 * c.f1:5.1f}")
        return [], {}
    alignment = alignment_counts(expected, sources, ALIGN_THRESHOLD)
    found, listed, same_kind = contradiction_counts(expected, sources)
    findings = finding_counts(expected, sources)

    def of(counts: Counts) -> str:
        return f"{counts.tp} of {counts.tp + counts.fn}"

    rows = [
        ("alignment precision", 100 * alignment.precision, f"threshold {ALIGN_THRESHOLD}"),
        ("alignment recall", 100 * alignment.recall, ""),
        ("agreement recall", 100 * findings["agreements"].recall, f"target ≥ 90 ({of(findings['agreements'])})"),
        ("unique-fact recall", 100 * findings["unique"].recall, f"target ≥ 90 ({of(findings['unique'])})"),
        ("date accuracy", 100 * findings["dates"].recall, f"target ≥ 95 ({of(findings['dates'])})"),
        ("contradiction precision", 100 * found.precision, f"target ≥ 95 ({found.tp} of {found.tp + found.fp} found)"),
        ("contradiction recall", 100 * listed.recall, f"target ≥ 80 ({of(listed)} listed; {same_kind} under the listed kind)"),
    ]
    result = {
        **{name: counts.as_dict() for name, counts in findings.items()},
        "alignment": alignment.as_dict(),
        "contradictions": {"precision": found.as_dict()["precision"], "recall": listed.as_dict()["recall"],
                           "found_right": found.tp, "found_wrong": found.fp, "listed_found": listed.tp, "listed_missed": listed.fn,
                           "listed_found_same_kind": same_kind},
    }  # fmt: skip
    return rows, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", action="append", help="a folder laid out like examples/corpus (repeatable); "
                        "default: examples/corpus, eval/data/compare-dev and eval/data/compare-holdout")
    parser.add_argument("--sweep", action="store_true", help="alignment P/R/F1 per similarity threshold")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--real", action="store_true", help="score on real coverage (abp) against our reading labels")
    parser.add_argument("--abp", type=Path, help="the abp folder (default ../shared/data/abp)")
    parser.add_argument("--all-contradictions", action="store_true", help="with --real: score the possible ones too")
    parser.add_argument("--fit", action="store_true", help="with --real: fit the contradiction confidence on compare-real-dev")
    parser.add_argument("--sheets", type=Path, help="with --real: write labelling sheets to this folder")
    parser.add_argument("--verbose", action="store_true", help="print the findings missed and the contradictions the labels do not list (for the held-out set only when it is named with --data)")
    args = parser.parse_args()
    global VERBOSE
    if args.real and args.fit:
        judged = real.judged_features("compare-real-dev", args.abp, Path("out") / "eval" / "compare-real-dev.db")
        real.print_fit(*judged, real.synthetic_features([CORPUS, LABELS / "compare-dev"], Path("out") / "eval"))
        return
    if args.real:
        real_results = {}
        for label_set in real.SETS:
            sheets = args.sheets / label_set if args.sheets else None
            cache = Path("out") / "eval" / f"{label_set}.db"
            real_results[label_set] = result = real.evaluate(label_set, args.abp, cache, args.all_contradictions, sheets)
            if not args.json:
                real.print_result(label_set, result)
        if args.json:
            print(json.dumps(real_results, indent=2, default=lambda t: t.as_dict()))
        return
    folders = [Path(d) for d in args.data] if args.data else [CORPUS, LABELS / "compare-dev", LABELS / "compare-holdout"]
    results = {}
    for folder in folders:
        # the held-out set's misses are printed only when asked for by name: reading them is tuning on them
        VERBOSE = args.verbose and (folder.name != "compare-holdout" or bool(args.data))
        rows, result = evaluate(folder, args.sweep)
        results[folder.name] = result
        if rows and not args.json:
            held_out = " — HELD OUT: never tune on it" if folder.name == "compare-holdout" else ""
            report(f"Comparison on {folder} (our own labels{held_out})", rows, result, False)
    if args.json:
        print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
