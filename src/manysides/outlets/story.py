"""Who covered one story, seen through a registry: each outlet's entry, coverage by every grouping, the
blindspots, and how widely each agreement is reported — computed here, rendered by report/comparison.py.

The registry is always passed in (the built-in one with the user's `--outlets` file on top, as the
caller loaded it): a report must describe outlets with the registry the user chose, not a default.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from manysides.model import Comparison
from manysides.outlets.coverage import Blindspot, GroupCoverage, blindspots, coverage, resolve_outlets, spread
from manysides.outlets.registry import Registry, Resolution, facts
from manysides.urls import domain_of


@dataclass(frozen=True, slots=True)
class StoryOutlet:
    """An outlet as the story's articles name it, what it resolved to, and its registry facts with their
    sources (`facts` of outlets/registry.py; None: the registry does not know it)."""

    resolution: Resolution
    facts: dict[str, Any] | None


@dataclass(frozen=True, slots=True)
class StoryOutlets:
    """One story's outlets through a registry. `coverage`: grouping → its groups, in the registry's order
    of groupings; `spreads`: one sentence per agreement of the comparison, in its order."""

    outlets: tuple[StoryOutlet, ...]
    coverage: dict[str, tuple[GroupCoverage, ...]]
    blindspots: tuple[Blindspot, ...]
    spreads: tuple[str, ...]


def story_outlets(comparison: Comparison, registry: Registry, label: str = "") -> StoryOutlets:
    """Resolve the story's outlets (by name, and by their articles' URL hosts) and group them along every
    grouping of `registry`; `label` names the story in its blindspots."""
    hosts: dict[str, set[str]] = defaultdict(set)
    for article in comparison.articles:
        hosts[article.outlet].update(filter(None, [domain_of(article.url)]))
    resolutions = resolve_outlets(hosts, registry)
    article_outlets = [article.outlet for article in comparison.articles]
    story = [(comparison.story_id, label, article_outlets)]
    return StoryOutlets(
        outlets=tuple(
            StoryOutlet(found, facts(found.outlet, registry) if found.outlet is not None else None)
            for found in (resolutions[name] for name in sorted(resolutions, key=str.casefold))
        ),
        coverage={
            dimension: tuple(coverage(article_outlets, resolutions, registry, dimension)) for dimension in registry.dimensions
        },
        blindspots=tuple(b for dimension in registry.dimensions for b in blindspots(story, resolutions, registry, dimension)),
        spreads=tuple(spread((e.outlet for e in a.evidence), resolutions, registry) for a in comparison.agreements),
    )
