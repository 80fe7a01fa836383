"""The web app's stories: report documents cached per membership, and the story list's counts.

A story's comparison takes from a fraction of a second to tens of seconds (a 50-article story: ≈ 0.4 s
on a quiet machine, 19 s on a loaded one), and the list showed every listed story's agreement and
contradiction counts by computing its comparison in the request: 77 s for the first view of a
10,000-article database. Now the list never waits for a comparison. Counts already known (a story page
viewed, or computed before) are shown; the others are computed by one background thread and shown from
the next view. The coverage bar needs only the members' outlets, read with the membership.
"""

from __future__ import annotations

import threading
from collections import Counter, OrderedDict
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from manysides.jobs import compare_story_in, report_document
from manysides.outlets.registry import Registry
from manysides.report.comparison import without_possible
from manysides.store import Store

DOCUMENT_CACHE = 64  # stories whose report document is kept in memory
COUNTS_CACHE = 10_000  # stories whose counts (two numbers each) are kept in memory

Key = tuple[str, ...]


class StoryDocuments:
    """Report documents computed once per (story, label, member ids): a warm page does not recompute the
    comparison, and a new article, merge, split or relabelling changes the key."""

    def __init__(self, store: Store, registry: Registry) -> None:
        self._store, self._registry = store, registry
        self._documents: OrderedDict[Key, dict[str, Any]] = OrderedDict()
        self._counts: OrderedDict[Key, dict[str, int]] = OrderedDict()
        self._pending: set[Key] = set()
        self._lock = threading.Lock()  # sync routes run in a thread pool
        self._counting = ThreadPoolExecutor(max_workers=1, thread_name_prefix="manysides-counts")

    def document(self, story_id: str) -> dict[str, Any]:
        return self._document(self._members(story_id)[0])

    def row(self, story_id: str) -> dict[str, Any]:
        """What the list shows of a story: `outlets` (its articles per outlet, most first) and `found`
        (its agreement and contradiction counts, or None while they are computed in the background)."""
        key, outlets = self._members(story_id)
        with self._lock:
            found = self._counts.get(key)
            start = found is None and key not in self._pending
            if start:
                self._pending.add(key)
        if start:
            self._counting.submit(self._count, key)
        return {"outlets": Counter(outlets).most_common(), "found": found}

    def close(self) -> None:
        self._counting.shutdown(wait=False, cancel_futures=True)

    def _members(self, story_id: str) -> tuple[Key, list[str]]:
        story_id = self._store.resolve_story(story_id)
        members = self._store.story_members(story_id)
        key = (story_id, self._store.story_label(story_id), *sorted(a.id for a, _ in members))
        return key, [a.outlet for a, _ in members]

    def _document(self, key: Key) -> dict[str, Any]:
        with self._lock:
            if key in self._documents:
                self._documents.move_to_end(key)
                return self._documents[key]
        comparison, label = compare_story_in(self._store, key[0], self._registry)
        document = report_document(comparison, label, self._registry, all_contradictions=True)
        shown = without_possible(document)["contradictions"]
        counts = {"agreements": len(document["agreements"]), "contradictions": len(shown)}
        with self._lock:
            self._documents[key] = document
            self._counts[key] = counts
            for cache, limit in ((self._documents, DOCUMENT_CACHE), (self._counts, COUNTS_CACHE)):
                while len(cache) > limit:
                    cache.popitem(last=False)
        return document

    def _count(self, key: Key) -> None:
        try:
            self._document(key)
        finally:
            with self._lock:
                self._pending.discard(key)
