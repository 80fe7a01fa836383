"""Entity ids of many articles → one canonical id per real-world thing, across the collection.

Each article links its own mentions (entities.py); spellings and transliterations already share an
id there. What one article cannot know is that another one's "GM" is its "General Motors", that a
bare "Ford" elsewhere is "Ford Motor Company", that "Chrylser" is a typo of "Chrysler", or that
the NER called "Ryanair" a person in one article and an organisation in the next. Those links need
the whole story, so they are made here, over a collection of ids with their mention counts:

1. one key, one thing: ids that differ only in entity class join (the class the most mentions
   have wins);
2. a corporate designator is not part of the name: "general motors corporation" is "general motors";
3. near-identical spellings of one class join when each word's similarity (rapidfuzz ratio) to
   its counterpart is at least FUZZY_THRESHOLD, a figure measured on eval/data/variants.tsv, not
   guessed ("dmitri peskov" / "dmitriy peskov"; "marta okonjo" stays apart from "martin okonjo");
4. an acronym joins the only multi-word name of its own class whose initials it spells ("gm"), and is
   then no prefix of a longer name ("GM Europe");
5. an organisation named by its first words joins the only longer organisation they begin ("ford"
   → "ford motor company"; not when two different ones share the prefix: "united" stays apart
   from both "united nations" and "united airlines"); one named by its last words joins the only
   organisation they end ("the post" → "washington post", "the commission");
6. a lone person surname joins the only person in the collection whose full name ends with it.

Pure: the same counts give the same mapping. The canonical id of a group is the multi-word name
with the most mentions (a full name reads better than an acronym), else the id with the most.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping

from rapidfuzz import fuzz, process

FUZZY_THRESHOLD = 80.0  # middle of the best plateau (76–82) of eval/entities.py --sweep on eval/data/variants.tsv
FUZZY_MIN_LENGTH = 6  # shorter keys differ by one letter too easily (Iran / Iraq)
CORPORATE_DESIGNATORS = frozenset(
    "ag co corp corporation company inc incorporated llc ltd limited nv plc sa spa gmbh holdings".split()
)
_INITIALS_SKIP = frozenset(("of", "and", "for", "the", "&"))
_CLASS_PRIORITY = ("person", "org", "place", "group", "event", "law", "thing")


def link_across(counts: Mapping[str, int], fuzzy_threshold: float = FUZZY_THRESHOLD) -> dict[str, str]:
    """Entity id → canonical id for every id in `counts` (id → number of mentions)."""
    parent = {entity: entity for entity in counts}

    def find(entity: str) -> str:
        while parent[entity] != entity:
            parent[entity] = parent[parent[entity]]
            entity = parent[entity]
        return entity

    def union(a: str, b: str) -> None:
        root_a, root_b = find(a), find(b)
        if root_a != root_b:
            parent[max(root_a, root_b)] = min(root_a, root_b)

    keys = {entity: _key(entity) for entity in counts}
    classes = {entity: entity.partition(":")[0] for entity in counts}
    by_key: dict[str, list[str]] = defaultdict(list)
    for entity, key in keys.items():
        by_key[key].append(entity)
    for members in by_key.values():
        for other in members[1:]:
            union(members[0], other)

    for klass in _CLASS_PRIORITY:
        candidates = sorted({keys[e] for e in counts if classes[e] == klass and len(keys[e]) >= FUZZY_MIN_LENGTH})
        for index, key in enumerate(candidates):
            later = candidates[index + 1 :]
            for match, _score, position in process.extract(
                key, later, scorer=fuzz.ratio, score_cutoff=fuzzy_threshold - 15, limit=None
            ):
                if _same_spelling(key, match, fuzzy_threshold):
                    union(by_key[key][0], by_key[later[position]][0])

    # Acronyms after spellings, so "general motor" and "general motors" count as one expansion of "gm";
    # an acronym expands only to a name of one of its own classes ("GM" the company, not the Grand Marquis).
    by_initials: dict[tuple[str, str], set[str]] = defaultdict(set)
    for entity, key in keys.items():
        if len(key.split()) > 1:
            by_initials[(classes[entity], _initials(key))].add(find(entity))
    acronyms: set[str] = set()
    for key, members in by_key.items():
        if len(key.split()) == 1 and 2 <= len(key) <= 6:
            expansions = {root for entity in members for root in by_initials.get((classes[entity], key), ())}
            if len(expansions) == 1:
                union(members[0], expansions.pop())
                acronyms.add(key)

    org_keys = sorted({keys[e] for e in counts if classes[e] == "org"})
    for key in org_keys:
        if key in acronyms:
            continue  # "GM" is General Motors, not the GM Europe that begins with it
        longer = {find(by_key[other][0]) for other in org_keys if other.startswith(key + " ")}
        if len(longer) == 1:
            union(by_key[key][0], longer.pop())
        else:  # "the Post" after "The Washington Post", "the Commission" after "the European Commission"
            ending = {find(by_key[other][0]) for other in org_keys if other.endswith(" " + key)}
            if not longer and len(ending) == 1:
                union(by_key[key][0], ending.pop())

    person_keys = sorted({keys[e] for e in counts if classes[e] == "person"})
    full_names_by_surname: dict[str, set[str]] = defaultdict(set)
    for key in person_keys:
        if len(words := key.split()) > 1:
            full_names_by_surname[words[-1]].add(key)
    for key in by_key:
        if len(key.split()) == 1 and key in full_names_by_surname:
            people = {find(by_key[full_name][0]) for full_name in full_names_by_surname[key]}
            if len(people) == 1:
                union(by_key[key][0], people.pop())

    groups: dict[str, list[str]] = defaultdict(list)
    for entity in counts:
        groups[find(entity)].append(entity)
    mapping: dict[str, str] = {}
    for members in groups.values():
        canonical = _canonical(members, counts, keys, classes)
        for entity in members:
            mapping[entity] = canonical
    return mapping


def _key(entity: str) -> str:
    klass, _, key = entity.partition(":")
    words = key.split()
    if klass == "org":
        while len(words) > 1 and words[-1] in CORPORATE_DESIGNATORS:
            words.pop()
    return " ".join(words)


def _same_spelling(a: str, b: str, threshold: float) -> bool:
    """Word by word when the word counts agree ("marta okonjo" is not "martin okonjo"), else as one string."""
    words_a, words_b = a.split(), b.split()
    if len(words_a) == len(words_b):
        return all(x == y or fuzz.ratio(x, y) >= threshold for x, y in zip(words_a, words_b, strict=True))
    return fuzz.ratio(a.replace(" ", ""), b.replace(" ", "")) >= threshold


def _initials(key: str) -> str:
    return "".join(word[0] for word in key.split() if word not in _INITIALS_SKIP)


def _canonical(members: list[str], counts: Mapping[str, int], keys: dict[str, str], classes: dict[str, str]) -> str:
    class_mentions: Counter[str] = Counter()
    for entity in members:
        class_mentions[classes[entity]] += counts[entity]
    klass = min(class_mentions, key=lambda c: (-class_mentions[c], _CLASS_PRIORITY.index(c) if c in _CLASS_PRIORITY else 99))
    key_mentions: Counter[str] = Counter()
    for entity in members:
        key_mentions[keys[entity]] += counts[entity]
    multiword = [key for key in key_mentions if len(key.split()) > 1]
    pool = multiword or list(key_mentions)
    key = min(pool, key=lambda k: (-key_mentions[k], -len(k), k))
    return f"{klass}:{key}"
