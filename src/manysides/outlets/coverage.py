"""Who covered a story, seen through the registry: coverage by country, ownership, language, kind or a
user's own grouping; how widely a fact is reported across those groups; and blindspots — stories that
only, or mostly, one group covered.

Pure functions over outlet names, URLs and a Registry; nothing here reads the store.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from manysides.outlets.registry import Registry, RegistryError, Resolution

BLINDSPOT_SHARE = 0.8  # the largest group holds at least this share of a story's known outlets
BLINDSPOT_MIN_OUTLETS = 2  # a story one outlet covered says nothing about who else ignored it
_PLURAL_COUNTRIES = {"Netherlands", "Philippines"}  # read with 'the', like the United Kingdom
_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


@dataclass(frozen=True, slots=True)
class GroupCoverage:
    """One group's part in a story's coverage: its outlets (as the articles name them) and their articles."""

    group: str
    label: str
    outlets: tuple[str, ...]
    articles: int


@dataclass(frozen=True, slots=True)
class Blindspot:
    """A story that `group` covered alone or nearly alone: `share` of its `known` outlets are in it."""

    story_id: str
    label: str
    dimension: str
    group: str
    group_label: str
    share: float
    outlets: tuple[str, ...]  # the group's outlets
    others: tuple[str, ...]  # known outlets outside the group
    unknown: tuple[str, ...]  # outlets the registry does not know (not counted)


def resolve_outlets(outlet_hosts: Mapping[str, Iterable[str]], registry: Registry) -> dict[str, Resolution]:
    """Each outlet name as articles give it → what it resolves to, using its articles' URL hosts too."""
    return {name: registry.resolve(name, sorted(hosts)) for name, hosts in outlet_hosts.items()}


def coverage(
    article_outlets: Sequence[str], resolutions: Mapping[str, Resolution], registry: Registry, dimension: str
) -> list[GroupCoverage]:
    """Articles (given by their outlet names) grouped along one dimension, largest group first.

    Outlets the registry does not know, or that the user's grouping leaves out, form the group "unknown".
    """
    outlets: dict[str, set[str]] = defaultdict(set)
    articles: Counter[str] = Counter()
    for name in article_outlets:
        group = _group(name, resolutions, registry, dimension) or "unknown"
        outlets[group].add(name)
        articles[group] += 1
    return sorted(
        (
            GroupCoverage(group, "unknown" if group == "unknown" else registry.label(dimension, group),
                          tuple(sorted(outlets[group], key=str.casefold)), articles[group])
            for group in outlets
        ),
        key=lambda g: (g.group == "unknown", -len(g.outlets), -g.articles, g.label),
    )  # fmt: skip


def spread(outlets: Iterable[str], resolutions: Mapping[str, Resolution], registry: Registry) -> str:
    """How widely a fact is reported, in words: 'two state-funded outlets from two countries (Germany,
    Qatar) and one private outlet from the United Kingdom', or for one country 'three outlets from the
    United Kingdom (one non-profit, one private, one public-service)'."""
    by_ownership: dict[str, list[str]] = defaultdict(list)
    unknown = 0
    for name in sorted(set(outlets)):
        resolved = resolutions.get(name)
        if resolved is None or resolved.outlet is None:
            unknown += 1
        else:
            by_ownership[resolved.outlet.ownership].append(resolved.outlet.country)
    groups = sorted(by_ownership.items(), key=lambda item: (-len(item[1]), item[0]))
    countries = {code for _, codes in groups for code in codes}
    parts = []
    if len(countries) == 1 and len(groups) > 1:
        known = sum(len(codes) for _, codes in groups)
        kinds = ", ".join(f"{_number(len(codes))} {ownership}" for ownership, codes in groups)
        parts.append(f"{_number(known)} outlets from {_country(registry, countries.pop())} ({kinds})")
    else:
        for ownership, codes in groups:
            names = sorted({_country(registry, code) for code in codes})
            where = names[0] if len(names) == 1 else f"{_number(len(names))} countries ({', '.join(names)})"
            parts.append(f"{_number(len(codes))} {ownership} {_plural('outlet', len(codes))} from {where}")
    if unknown:
        parts.append(f"{_number(unknown)} {_plural('outlet', unknown)} not in the registry")
    return _join(parts)


def blindspots(
    stories: Iterable[tuple[str, str, Sequence[str]]],
    resolutions: Mapping[str, Resolution],
    registry: Registry,
    dimension: str,
    share: float = BLINDSPOT_SHARE,
    min_outlets: int = BLINDSPOT_MIN_OUTLETS,
) -> list[Blindspot]:
    """Stories (id, label, outlet names) whose known outlets fall mostly in one group of `dimension`.

    A story counts when at least `min_outlets` of its outlets are known (in the registry and, for a user
    grouping, placed in a group) and the largest group holds at least `share` of them. Outlets the
    registry does not know are listed but never counted: an unknown outlet is not evidence either way.
    """
    if dimension not in registry.dimensions:
        raise RegistryError("--by", f"no grouping {dimension!r}: use one of {', '.join(registry.dimensions)}")
    found = []
    for story_id, label, names in stories:
        grouped: dict[str, list[str]] = defaultdict(list)
        unknown = []
        for name in sorted(set(names), key=str.casefold):
            group = _group(name, resolutions, registry, dimension)
            if group is None:
                unknown.append(name)
            else:
                grouped[group].append(name)
        known = sum(len(members) for members in grouped.values())
        if known < min_outlets:
            continue
        group, members = max(grouped.items(), key=lambda item: (len(item[1]), item[0]))
        if len(members) / known >= share:
            others = tuple(name for other, names_ in grouped.items() if other != group for name in names_)
            found.append(Blindspot(
                story_id, label, dimension, group, registry.label(dimension, group), round(len(members) / known, 3),
                tuple(members), others, tuple(unknown),
            ))  # fmt: skip
    return sorted(found, key=lambda b: (-len(b.outlets), -b.share, b.story_id))


def _group(name: str, resolutions: Mapping[str, Resolution], registry: Registry, dimension: str) -> str | None:
    resolved = resolutions.get(name)
    if resolved is None or resolved.outlet is None:
        return None
    return registry.group_of(resolved.outlet, dimension)


def _country(registry: Registry, code: str) -> str:
    """A country's name as it reads after 'from': 'the United Kingdom', 'Germany'."""
    name = registry.label("country", code)
    return f"the {name}" if name.startswith("United ") or name in _PLURAL_COUNTRIES else name


def _number(count: int) -> str:
    return _NUMBERS[count] if count < len(_NUMBERS) else str(count)


def _plural(word: str, count: int) -> str:
    return word if count == 1 else f"{word}s"


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} and {parts[-1]}"

