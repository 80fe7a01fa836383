"""The outlet registry: where an outlet is based, who owns or funds it, what it publishes in — each fact
with a source a reader can check — and the rules that find an article's outlet in it.

The built-in registry is outlets/data/outlets.yaml (docs/OUTLETS.md explains every field). A user's own
file is read on top of it: an entry with the name of a built-in one replaces it, other entries are
added, and `groups` define the user's own groupings (say a left/right list) for coverage and blindspots.

Resolution never guesses: an article's outlet is found by its exact name or alias, by a domain (its own
URL's, or a name that is a domain), or by a fuzzy match that is both close (≥ 90 of 100) and clearly
better than the next outlet. Anything else stays unknown and is reported as unknown.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz, process

from manysides.errors import ManysidesError

# The vocabulary: small on purpose, defined for readers in docs/OUTLETS.md.
OWNERSHIP = {
    "state-controlled": "owned by the state, with the government appointing or directing its editorial leadership",
    "state-funded": "funded mainly by the state, with a statute or charter meant to keep it editorially independent",
    "public-service": "a public broadcaster or agency funded by a licence fee or public levy under an independent board",
    "private": "owned by a company, a family, investors or a publishers' cooperative",
    "non-profit": "owned by a non-profit organisation, foundation, trust or members' cooperative",
}
KINDS = {
    "wire-agency": "sells news to other outlets (news agency)",
    "newspaper": "a daily or weekly paper and its website",
    "broadcaster": "television or radio and its website",
    "magazine": "a weekly or monthly magazine and its website",
    "digital": "publishes online only",
}
FACTS = ("kind", "country", "languages", "ownership", "owner")  # each needs a source and a checked date
DIMENSIONS = ("country", "ownership", "language", "kind")  # the groupings every outlet belongs to
FUZZY_MIN_SCORE = 90.0
FUZZY_MIN_MARGIN = 5.0
FUZZY_MIN_LENGTH = 8  # shorter names (AP, BBC, The Sun) must match exactly: one letter changes the outlet

BUILT_IN = "outlets.yaml"
_ENTRY_KEYS = {"name", "aliases", "domains", "source", "checked", "sources", *FACTS}
_DOMAIN = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BRACKETED = re.compile(r"\s*\([^)]*\)\s*$")


class RegistryError(ManysidesError):
    """An outlets file that cannot be used: `location` is the file and, when known, the entry."""

    def __init__(self, location: str, reason: str) -> None:
        super().__init__(f"{location}: {reason}")
        self.location = location
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Source:
    """Where a fact is stated (a URL or a citation a reader can look up) and when it was last checked."""

    reference: str
    checked: date


@dataclass(frozen=True, slots=True)
class Outlet:
    """One registry entry. `sources` maps every fact in FACTS to where it is stated."""

    name: str
    aliases: tuple[str, ...]
    domains: tuple[str, ...]
    kind: str
    country: str
    languages: tuple[str, ...]
    ownership: str
    owner: str
    sources: Mapping[str, Source]

    @property
    def id(self) -> str:
        return slug(self.name)


@dataclass(frozen=True, slots=True)
class Resolution:
    """What an outlet name (and its articles' URLs) resolved to; `outlet` None means unknown.

    `by`: "name" (exact name or alias), "domain" (the name is a domain), "url" (an article's URL),
    "fuzzy" (a close spelling; `score` says how close), or "unknown".
    """

    given: str
    outlet: Outlet | None
    by: str
    score: float | None = None


class Registry:
    """The outlets, the code tables their facts use, and the user's groupings; indexes for resolution."""

    def __init__(
        self,
        outlets: tuple[Outlet, ...],
        countries: Mapping[str, str],
        languages: Mapping[str, str],
        groups: Mapping[str, Mapping[str, tuple[str, ...]]],
    ) -> None:
        self.outlets = outlets
        self.countries = countries  # ISO 3166-1 alpha-2 code → name
        self.languages = languages  # ISO 639-1 code → name
        self.groups = groups  # grouping → group → outlet ids (user-defined)
        self._by_id = {outlet.id: outlet for outlet in outlets}
        self._by_name = {normalise(name): outlet for outlet in outlets for name in (outlet.name, *outlet.aliases)}
        self._by_domain = {domain: outlet for outlet in outlets for domain in outlet.domains}
        spaced: dict[str, set[str]] = {}  # 'aljazeera' → ids of outlets named 'al jazeera' (or 'alja zeera')
        for key, outlet in self._by_name.items():
            spaced.setdefault(key.replace(" ", ""), set()).add(outlet.id)
        self._by_compact = {key: self._by_id[ids.pop()] for key, ids in spaced.items() if len(ids) == 1}

    def get(self, outlet_id: str) -> Outlet | None:
        return self._by_id.get(outlet_id)

    def resolve(self, given: str, hosts: Iterable[str] = ()) -> Resolution:
        """Find the outlet an article names (`given`) or whose URL's host it has; unknown rather than a guess.

        In order: the name or an alias, spaces aside ('AlJazeera') or without a trailing note in
        brackets ('Deutsche Welle (DW)'); the name as a domain; the host of an article's URL; a close spelling.
        """
        for name in dict.fromkeys((given, _BRACKETED.sub("", given))):
            key = normalise(name)
            if found := self._by_name.get(key) or self._by_compact.get(key.replace(" ", "")):
                return Resolution(given, found, "name")
        if " " not in given.strip() and (found := self.by_domain(given.strip())):
            return Resolution(given, found, "domain")
        for host in hosts:
            if found := self.by_domain(host):
                return Resolution(given, found, "url")
        return self._fuzzy(given)

    def by_domain(self, host: str) -> Outlet | None:
        """The outlet of a host name or any domain it lies under (edition.cnn.com → cnn.com)."""
        labels = host.strip().lower().rstrip(".").removeprefix("www.").split(".")
        for start in range(len(labels) - 1):
            if found := self._by_domain.get(".".join(labels[start:])):
                return found
        return None

    def _fuzzy(self, given: str) -> Resolution:
        key = normalise(given)
        if len(key) < FUZZY_MIN_LENGTH:
            return Resolution(given, None, "unknown")
        best: dict[str, float] = {}
        for name, score, _ in process.extract(key, list(self._by_name), scorer=fuzz.ratio, limit=10):
            outlet_id = self._by_name[name].id
            best[outlet_id] = max(best.get(outlet_id, 0.0), score)
        ranked = sorted(best.items(), key=lambda item: -item[1])
        if ranked and ranked[0][1] >= FUZZY_MIN_SCORE:
            runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
            if ranked[0][1] - runner_up >= FUZZY_MIN_MARGIN:
                return Resolution(given, self.get(ranked[0][0]), "fuzzy", round(ranked[0][1], 1))
        return Resolution(given, None, "unknown")

    def group_of(self, outlet: Outlet, dimension: str) -> str | None:
        """The outlet's group along one dimension: its country, ownership, kind, main (first) language,
        or its group in one of the user's groupings (None when the user did not place it)."""
        if dimension == "country":
            return outlet.country
        if dimension == "ownership":
            return outlet.ownership
        if dimension == "kind":
            return outlet.kind
        if dimension == "language":
            return outlet.languages[0]
        groups = self.groups.get(dimension)
        if groups is None:
            raise RegistryError("outlets", f"no grouping {dimension!r}: use one of {', '.join(self.dimensions)}")
        return next((group for group, members in groups.items() if outlet.id in members), None)

    @property
    def dimensions(self) -> tuple[str, ...]:
        return (*DIMENSIONS, *self.groups)

    def label(self, dimension: str, group: str) -> str:
        """A group's name for readers: the country's or language's name, else the group itself."""
        if dimension == "country":
            return self.countries.get(group, group)
        if dimension == "language":
            return self.languages.get(group, group)
        return group


def facts(outlet: Outlet, registry: Registry) -> dict[str, Any]:
    """An outlet's facts as plain data, each with its source: what reports and `outlets --json` show."""
    return {
        "id": outlet.id, "name": outlet.name, "kind": outlet.kind, "country": outlet.country,
        "country_name": registry.label("country", outlet.country), "languages": list(outlet.languages),
        "ownership": outlet.ownership, "owner": outlet.owner,
        "sources": {fact: {"source": s.reference, "checked": s.checked.isoformat()} for fact, s in outlet.sources.items()},
    }  # fmt: skip


def normalise(name: str) -> str:
    """'The Washington Post' → 'washington post'; 'Al-Jazeera' → 'al jazeera'; 'Clarín' → 'clarin'.

    Accents go, other scripts stay: 'Российская газета' → 'российская газета'.
    """
    decomposed = unicodedata.normalize("NFKD", name.replace("&", " and "))
    text = "".join(char for char in decomposed if unicodedata.category(char) != "Mn").casefold()
    text = re.sub(r"[\W_]+", " ", text).strip()
    return text.removeprefix("the ")


def slug(name: str) -> str:
    """A stable id for an outlet: 'Deutsche Welle' → 'deutsche-welle'."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").casefold()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


@cache
def default_registry() -> Registry:
    """The built-in registry alone."""
    return load_registry()


def load_registry(user_file: Path | None = None) -> Registry:
    """The built-in registry, with a user's file on top when given. Raises RegistryError on any problem."""
    text = (resources.files("manysides.outlets") / "data" / BUILT_IN).read_text(encoding="utf-8")
    data = [(BUILT_IN, _parse(text, BUILT_IN))]
    if user_file is not None:
        try:
            user_text = user_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise RegistryError(str(user_file), f"cannot read: {getattr(exc, 'strerror', None) or exc}") from exc
        data.append((str(user_file), _parse(user_text, str(user_file))))
    return build_registry(data)


def build_registry(files: list[tuple[str, dict[str, Any]]]) -> Registry:
    """Validate parsed outlets files (later ones override earlier ones by name) into a Registry."""
    countries: dict[str, str] = {}
    languages: dict[str, str] = {}
    for location, data in files:
        countries |= _code_table(data, "countries", _COUNTRY, location)
        languages |= _code_table(data, "languages", _LANGUAGE, location)
    outlets: dict[str, Outlet] = {}
    origin: dict[str, str] = {}  # outlet id → the file it came from
    for location, data in files:
        entries = data.get("outlets", [])
        if not isinstance(entries, list):
            raise RegistryError(location, "'outlets' must be a list of entries")
        seen_here: set[str] = set()
        for index, entry in enumerate(entries):
            outlet = _outlet(entry, f"{location}: outlets[{index}]", countries, languages)
            if outlet.id in seen_here:
                raise RegistryError(f"{location}: outlets[{index}]", f"outlet {outlet.name!r} is listed twice")
            seen_here.add(outlet.id)
            outlets[outlet.id] = outlet
            origin[outlet.id] = location
    _check_unique(list(outlets.values()), origin)
    groups: dict[str, dict[str, tuple[str, ...]]] = {}
    for location, data in files:
        groups |= _groups(data.get("groups", {}), location, outlets)
    return Registry(tuple(outlets.values()), countries, languages, groups)


def _parse(text: str, location: str) -> dict[str, Any]:
    try:
        data = yaml.load(text, Loader=_LOADER)  # noqa: S506 — a safe loader: libyaml's when built (≈ 8× faster)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{location}:{mark.line + 1}" if mark else location
        raise RegistryError(where, f"not valid YAML ({getattr(exc, 'problem', None) or exc})") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise RegistryError(location, "expected a mapping with 'outlets' (and optionally 'countries', 'languages', 'groups')")
    unknown = set(data) - {"outlets", "countries", "languages", "groups"}
    if unknown:
        raise RegistryError(location, f"unknown section {sorted(unknown)[0]!r} (sections: outlets, countries, languages, groups)")
    return data


def _code_table(data: dict[str, Any], section: str, pattern: re.Pattern[str], location: str) -> dict[str, str]:
    table = data.get(section, {}) or {}
    if not isinstance(table, dict):
        raise RegistryError(location, f"'{section}' must map codes to names")
    for code, name in table.items():
        if isinstance(code, bool):
            raise RegistryError(f"{location}: {section}", f"{code!r} is a YAML boolean: quote codes such as \"NO\" and \"no\"")
        if not isinstance(code, str) or not pattern.match(code) or not isinstance(name, str) or not name.strip():
            raise RegistryError(f"{location}: {section}", f"{code!r}: expected a code ({pattern.pattern}) and a name")
    return dict(table)


def _outlet(entry: Any, location: str, countries: Mapping[str, str], languages: Mapping[str, str]) -> Outlet:
    if not isinstance(entry, dict):
        raise RegistryError(location, "an outlet entry must be a mapping")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise RegistryError(location, "missing 'name'")
    location = f"{location} ({name})"
    unknown = set(entry) - _ENTRY_KEYS
    if unknown:
        raise RegistryError(location, f"unknown field {sorted(unknown)[0]!r} (fields: {', '.join(sorted(_ENTRY_KEYS))})")
    for field in FACTS:
        if entry.get(field) in (None, "", []):
            raise RegistryError(location, f"missing {field!r}")
    kind, ownership, country = entry["kind"], entry["ownership"], entry["country"]
    if kind not in KINDS:
        raise RegistryError(location, f"kind {kind!r} is not in the vocabulary ({', '.join(KINDS)})")
    if ownership not in OWNERSHIP:
        raise RegistryError(location, f"ownership {ownership!r} is not in the vocabulary ({', '.join(OWNERSHIP)})")
    if country not in countries:
        raise RegistryError(location, f"country {country!r} is not a code listed under 'countries'")
    spoken = _strings(entry, "languages", location)
    for language in spoken:
        if language not in languages:
            raise RegistryError(location, f"language {language!r} is not a code listed under 'languages'")
    domains = tuple(domain.lower() for domain in _strings(entry, "domains", location))
    for domain in domains:
        if not _DOMAIN.match(domain) or domain.startswith("www."):
            raise RegistryError(location, f"domain {domain!r}: expected a bare host name such as example.com (no www., no path)")
    return Outlet(
        name=" ".join(name.split()),
        aliases=_strings(entry, "aliases", location),
        domains=domains,
        kind=kind,
        country=country,
        languages=spoken,
        ownership=ownership,
        owner=str(entry["owner"]).strip(),
        sources=_sources(entry, location),
    )


def _strings(entry: dict[str, Any], field: str, location: str) -> tuple[str, ...]:
    value = entry.get(field, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise RegistryError(location, f"'{field}' must be a list of non-empty strings")
    return tuple(item.strip() for item in value)


def _sources(entry: dict[str, Any], location: str) -> dict[str, Source]:
    """Every fact's source: the entry's `source`/`checked`, or a per-fact one under `sources`."""
    default = _source(entry, location) if "source" in entry or "checked" in entry else None
    overrides = entry.get("sources", {}) or {}
    if not isinstance(overrides, dict):
        raise RegistryError(location, "'sources' must map fact names to {source, checked}")
    found: dict[str, Source] = {}
    for field in FACTS:
        if field in overrides:
            if not isinstance(overrides[field], dict):
                raise RegistryError(location, f"sources.{field} must be a mapping with 'source' and 'checked'")
            found[field] = _source(overrides[field], f"{location} sources.{field}")
        elif default is not None:
            found[field] = default
        else:
            raise RegistryError(location, f"missing source for {field!r}: give 'source' and 'checked' (or sources.{field})")
    extra = set(overrides) - set(FACTS)
    if extra:
        raise RegistryError(location, f"sources.{sorted(extra)[0]}: not a fact ({', '.join(FACTS)})")
    return found


def _source(mapping: dict[str, Any], location: str) -> Source:
    reference, checked = mapping.get("source"), mapping.get("checked")
    if not isinstance(reference, str) or not reference.strip():
        raise RegistryError(location, "missing 'source': a URL or citation a reader can check")
    if isinstance(checked, str):
        try:
            checked = date.fromisoformat(checked)
        except ValueError:
            pass
    if not isinstance(checked, date):
        raise RegistryError(location, f"'checked' must be a date (YYYY-MM-DD), not {checked!r}")
    return Source(reference.strip(), checked)


def _check_unique(outlets: list[Outlet], origin: Mapping[str, str]) -> None:
    """No domain, name or alias may point at two outlets: resolution would have to guess."""
    domains: dict[str, Outlet] = {}
    names: dict[str, Outlet] = {}
    for outlet in outlets:
        where = f"{origin[outlet.id]}: {outlet.name}"
        for domain in outlet.domains:
            other = domains.setdefault(domain, outlet)
            if other is not outlet:
                raise RegistryError(where, f"duplicate domain {domain!r}: already belongs to {other.name!r}")
        for name in {normalise(n) for n in (outlet.name, *outlet.aliases)}:
            if not name:
                raise RegistryError(where, "a name or alias has no letters or digits")
            other = names.setdefault(name, outlet)
            if other is not outlet:
                raise RegistryError(where, f"duplicate name or alias {name!r}: already names {other.name!r}")


def _groups(section: Any, location: str, outlets: Mapping[str, Outlet]) -> dict[str, dict[str, tuple[str, ...]]]:
    """`groups: {lean: {left: [Outlet, …], right: [...]}}` → grouping → group → outlet ids."""
    if not isinstance(section, dict):
        raise RegistryError(location, "'groups' must map a grouping name to its groups")
    if not section:
        return {}
    registry = Registry(tuple(outlets.values()), {}, {}, {})
    found: dict[str, dict[str, tuple[str, ...]]] = {}
    for grouping, groups in section.items():
        if grouping in DIMENSIONS:
            raise RegistryError(f"{location}: groups.{grouping}", "this name is built in; choose another")
        if not isinstance(groups, dict):
            raise RegistryError(f"{location}: groups.{grouping}", "must map group names to lists of outlets")
        found[str(grouping)] = {}
        for group, members in groups.items():
            ids = []
            for member in _strings({"members": members}, "members", f"{location}: groups.{grouping}.{group}"):
                resolved = registry.resolve(member)
                if resolved.outlet is None or resolved.by == "fuzzy":
                    raise RegistryError(f"{location}: groups.{grouping}.{group}", f"{member!r} is not an outlet of the registry")
                ids.append(resolved.outlet.id)
            found[str(grouping)][str(group)] = tuple(ids)
    return found
