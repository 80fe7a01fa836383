"""Entity mentions → canonical entity ids, across spellings, transliterations and short forms.

An entity id is `CLASS:key`, where the key is the name folded to plain lower-case ASCII (unidecode),
with curated variants mapped to one spelling (data/aliases.tsv) and a leading "the" and trailing
possessive dropped. So "Tomás Reyna" and "Tomas Reyna", "Kiev" and "Kyiv", "São Teodoro" and
"Sao Teodoro" share an id in every article. Within one article a surname ("Reyna") joins the full
name introduced before it, and an acronym given in brackets ("Northvale Water Authority (NWA)")
joins its organisation. Every mention keeps its own surface form for framing analysis.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from unidecode import unidecode

ENTITY_CLASSES = {
    "PERSON": "person",
    "ORG": "org",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
    "PRODUCT": "thing",
    "EVENT": "event",
    "WORK_OF_ART": "thing",
    "LAW": "law",
}
_POSSESSIVE = re.compile(r"['’]s?$")
_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")


@cache
def aliases() -> dict[str, str]:
    """Folded variant word → canonical word, from data/aliases.tsv."""
    table: dict[str, str] = {}
    text = resources.files("manysides.nlp").joinpath("data/aliases.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            variant, canonical = line.split("\t")
            table[variant.strip()] = canonical.strip()
    return table


@cache
def demonyms() -> dict[str, str]:
    """Folded nationality adjective or demonym → the entity id of its country, from data/demonyms.tsv."""
    table: dict[str, str] = {}
    text = resources.files("manysides.nlp").joinpath("data/demonyms.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            form, country = line.split("\t")
            table[form.strip()] = f"place:{fold(country)}"
    return table


def country_of(surface: str) -> str | None:
    """The country a nationality word names ("Ukrainians" → place:ukraine), or None."""
    key = fold(surface)
    table = demonyms()
    return table.get(key) or (table.get(key[:-1]) if key.endswith("s") else None)


def fold(name: str) -> str:
    """Plain lower-case ASCII words, variants mapped: "Kiev's" → "kyiv", "U.S." → "us"."""
    plain = unidecode(_POSSESSIVE.sub("", name.strip())).lower().replace(".", "")
    words = _WORD.findall(plain)
    if words and words[0] == "the":
        words = words[1:]
    table = aliases()
    key = " ".join(fold_word(table.get(word, word)) for word in words)
    return fold_word(table.get(key, key))  # whole-name variants: "united states of america"


def fold_word(word: str) -> str:
    return unidecode(word).lower()


@dataclass(frozen=True, slots=True)
class RawMention:
    start: int
    end: int
    surface: str
    label: str


def link_within_article(mentions: list[RawMention], text: str) -> list[str]:
    """The entity id of each mention, in order, with surnames and bracketed acronyms joined to their names."""
    ids: list[str] = []
    surnames: dict[str, str] = {}  # folded last word of a full person name → its id
    acronyms: dict[str, str] = {}  # "nwa" → id of "Northvale Water Authority"
    for mention in mentions:
        klass = ENTITY_CLASSES.get(mention.label, "thing")
        key = fold(mention.surface)
        words = key.split()
        if klass == "person" and len(words) == 1 and words[0] in surnames:
            entity = surnames[words[0]]
        elif len(words) == 1 and words[0] in acronyms:
            entity = acronyms[words[0]]
        else:
            entity = f"{klass}:{key}"
        ids.append(entity)
        if klass == "person" and len(words) > 1:
            surnames.setdefault(words[-1], entity)
        if len(words) > 1 and (acronym := _bracketed_acronym(text, mention.end)):
            if acronym == "".join(word[0] for word in words if word not in ("of", "and", "for")):
                acronyms[acronym] = entity
    return ids


def _bracketed_acronym(text: str, end: int) -> str | None:
    match = re.match(r"\s*\(([A-Z]{2,6})\)", text[end : end + 12])
    return match.group(1).lower() if match else None
