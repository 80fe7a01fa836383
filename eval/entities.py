"""Cross-document entity linking on MEANTIME: do mentions of one real thing get one entity id?

For every gold named entity mention (MEANTIME CAT XML, syntactic type NAM) that our NER also finds
(spans overlap), the gold
cluster is the cross-document instance it refers to and our cluster is the entity id the nlp stage
gives it. B³ precision/recall/F1 over those mentions, pooled over all topic folders, against a
baseline measured in the same run: exact surface string (case-folded) as the entity id, and beside
the ids each article gives on its own. Each corpus_* topic folder is linked as one collection (as a
story is in the product: nlp/linking.py). Also prints
how many gold named mentions the NER finds at all.

Second, canonical linking on our own labelled variant set (eval/data/variants.tsv: transliterations,
diacritics, short forms, acronyms, typos, and look-alike names of different things side by side).
`--sweep` prints its F1 for each fuzzy threshold: how nlp/linking.py's FUZZY_THRESHOLD was chosen.

    python eval/entities.py [--data DIR] [--variants TSV] [--sweep] [--json]
    (DIR holds corpus_* folders; default ../shared/data/meantime)
"""

from __future__ import annotations

import argparse
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from common import data_dir, report

from manysides.model import Article
from manysides.nlp.entities import RawMention, link_within_article
from manysides.nlp.linking import FUZZY_THRESHOLD, link_across
from manysides.nlp.pipeline import Pipeline

TARGET_B3_F1 = 0.80
TARGET_VARIANTS_F1 = 0.95
VARIANTS = Path(__file__).parent / "data" / "variants.tsv"


@dataclass(frozen=True)
class GoldMention:
    doc: str
    start: int
    end: int
    cluster: str
    named: bool


def load(path: Path) -> tuple[str, list[GoldMention]]:
    root = ET.parse(path).getroot()
    offsets: dict[str, tuple[int, int]] = {}
    lines: list[list[str]] = []
    position, sentence = 0, None
    for token in root.iter("token"):
        if token.get("sentence") != sentence:
            if sentence is not None:
                position += 1  # the newline between sentences
            sentence = token.get("sentence")
            lines.append([])
        elif lines[-1]:
            position += 1  # the space between tokens
        word = token.text or ""
        offsets[token.get("t_id", "")] = (position, position + len(word))
        lines[-1].append(word)
        position += len(word)
    text = "\n".join(" ".join(words) for words in lines)
    markables = root.find("Markables")
    spans, named = {}, {}
    instances: dict[str, str] = {}
    for element in markables if markables is not None else []:
        if element.tag == "ENTITY_MENTION":
            anchors = [offsets[a.get("t_id", "")] for a in element.findall("token_anchor")]
            if anchors:
                spans[element.get("m_id")] = (min(a[0] for a in anchors), max(a[1] for a in anchors))
                named[element.get("m_id")] = element.get("syntactic_type") == "NAM"
        elif element.tag == "ENTITY":
            instances[element.get("m_id", "")] = element.get("instance_id") or f"{path.stem}:{element.get('m_id')}"
    mentions = []
    relations = root.find("Relations")
    for relation in relations.iter("REFERS_TO") if relations is not None else []:
        target = relation.find("target")
        cluster = instances.get(target.get("m_id", "")) if target is not None else None
        for source in relation.findall("source"):
            m_id = source.get("m_id")
            if cluster and m_id in spans:
                mentions.append(GoldMention(path.stem, *spans[m_id], cluster, named[m_id]))
    return text, mentions


def b_cubed(pairs: list[tuple[str, str]]) -> tuple[float, float, float]:
    """B³ over items given as (gold cluster, system cluster)."""
    gold_members: dict[str, list[int]] = defaultdict(list)
    system_members: dict[str, list[int]] = defaultdict(list)
    for index, (gold, system) in enumerate(pairs):
        gold_members[gold].append(index)
        system_members[system].append(index)
    precision = recall = 0.0
    for gold, system in pairs:
        shared = len(set(gold_members[gold]) & set(system_members[system]))
        precision += shared / len(system_members[system])
        recall += shared / len(gold_members[gold])
    n = len(pairs) or 1
    p, r = precision / n, recall / n
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(folder: Path) -> dict:
    """Score each topic folder as one collection: the product links entities across a story's articles."""
    pipeline = Pipeline()
    linked: list[tuple[str, str]] = []
    per_article: list[tuple[str, str]] = []
    baseline: list[tuple[str, str]] = []
    named_total = named_found = documents = 0
    for topic in sorted(folder.glob("corpus_*")):
        loaded = [load(path) for path in sorted(topic.glob("*.xml"))]
        documents += len(loaded)
        # Article.create cleans the text; MEANTIME's joined tokens have nothing it changes.
        analyses = list(pipeline.analyse(Article.create(outlet="meantime", text=text) for text, _ in loaded))
        mapping = link_across(Counter(m.entity_id for analysis in analyses for m in analysis.mentions))
        for (_, gold), analysis in zip(loaded, analyses, strict=True):
            for mention in (m for m in gold if m.named):  # names are what the nlp stage links
                named_total += 1
                overlapping = [m for m in analysis.mentions if m.start < mention.end and mention.start < m.end]
                if not overlapping:
                    continue
                named_found += 1
                best = max(overlapping, key=lambda m: min(m.end, mention.end) - max(m.start, mention.start))
                linked.append((mention.cluster, mapping[best.entity_id]))
                per_article.append((mention.cluster, best.entity_id))
                baseline.append((mention.cluster, best.surface.casefold()))
    return {
        "documents": documents,
        "gold_mentions_scored": len(linked),
        "named_mentions_found_by_ner": round(100 * named_found / named_total, 1) if named_total else 0.0,
        "b3": _scores(linked),
        "per_article_ids_b3": _scores(per_article),
        "baseline_exact_string_b3": _scores(baseline),
        "target_b3_f1": TARGET_B3_F1,
    }


def _scores(pairs: list[tuple[str, str]]) -> dict[str, float]:
    p, r, f = b_cubed(pairs)
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}


def evaluate_variants(path: Path, fuzzy_threshold: float = FUZZY_THRESHOLD) -> dict[str, float]:
    """B³ over our own labelled variants: each collection is linked as one story's mentions are."""
    collections: dict[str, list[tuple[str, str]]] = defaultdict(list)  # collection → (entity id, gold)
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            collection, label, surface, gold = line.split("\t")
            mention = RawMention(0, len(surface), surface, label)
            collections[collection].append((link_within_article([mention], surface)[0], gold))
    pairs: list[tuple[str, str]] = []
    for collection, mentions in collections.items():
        mapping = link_across(Counter(entity for entity, _ in mentions), fuzzy_threshold)
        pairs.extend((f"{collection}/{gold}", mapping[entity]) for entity, gold in mentions)
    return {"mentions": len(pairs), "entities": len({gold for gold, _ in pairs}), **_scores(pairs)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", help="folder of corpus_* topic folders (MEANTIME CAT XML)")
    parser.add_argument("--variants", type=Path, default=VARIANTS, help="own labelled variant set (TSV)")
    parser.add_argument("--sweep", action="store_true", help="print variant-set F1 for each fuzzy threshold and stop")
    parser.add_argument("--json", action="store_true", help="print the metrics as one JSON object")
    args = parser.parse_args()
    if args.sweep:
        for threshold in range(70, 101, 2):
            scores = evaluate_variants(args.variants, threshold)
            print(f"fuzzy threshold {threshold:3d}: P {100 * scores['precision']:5.1f}  R {100 * scores['recall']:5.1f}  F1 {100 * scores['f1']:5.1f}")
        return
    folder = data_dir(args.data, "meantime")
    result = evaluate(folder)
    result["variants"] = variants = evaluate_variants(args.variants)
    result["target_variants_f1"] = TARGET_VARIANTS_F1
    baseline, per_article = result["baseline_exact_string_b3"], result["per_article_ids_b3"]
    rows = [
        (f"B³ {label}", 100 * result["b3"][metric],
         f"per-article ids {100 * per_article[metric]:.1f}; exact-string baseline {100 * baseline[metric]:.1f}")
        for metric, label in (("precision", "precision"), ("recall", "recall"), ("f1", "F1"))
    ] + [
        ("target B³ F1", 100 * TARGET_B3_F1, "(published MEANTIME cross-document figures are for events, not entities)"),
        ("named mentions found by NER", result["named_mentions_found_by_ner"], "(mentions not found are not scored)"),
        ("own variant set B³ F1", 100 * variants["f1"],
         f"P {100 * variants['precision']:.1f} R {100 * variants['recall']:.1f}; {variants['mentions']} mentions of "
         f"{variants['entities']} entities; target ≥ {100 * TARGET_VARIANTS_F1:.0f}"),
    ]
    title = f"Cross-document entities on MEANTIME, {result['documents']} documents, {result['gold_mentions_scored']} mentions scored"
    report(title, rows, result, args.json)


if __name__ == "__main__":
    main()
