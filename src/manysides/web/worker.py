"""The web app's one background worker: analyses and places in stories what the Add page stored.

Analysis loads the language models (≈ 6 s the first time) and takes seconds per batch; run inside a
request it held the event loop, so every other page, even a stylesheet, waited for it. The Add page
now only stores the articles (fast) and wakes this thread, one per server, which runs the same job
as the CLI (pipeline.process_new: analyse, place in stories, date from stories) and keeps a status the Add page shows.
Stopping the server stops it between two articles: each one is stored whole or not at all.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Literal

from manysides.config import Settings
from manysides.nlp.pipeline import PIPELINE_VERSION
from manysides.pipeline import process_new
from manysides.store import Store

State = Literal["idle", "waiting", "analysing", "done", "failed"]


@dataclass(frozen=True, slots=True)
class WorkerStatus:
    """What the worker is doing; `waiting`: stored articles not analysed yet; `reason`: why it failed."""

    state: State
    waiting: int
    reason: str | None = None


class AnalysisWorker:
    """Analyses and places stored articles in a daemon thread, woken by `submit`."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._wake = threading.Event()
        self._lock = threading.Lock()
        self._state: State = "idle"
        self._reason: str | None = None
        self._stopping = False
        self._thread: threading.Thread | None = None

    def submit(self) -> None:
        """Ask for a run (started at once if the worker is idle, else right after the current one)."""
        with self._lock:
            if self._state != "analysing":
                self._state, self._reason = "waiting", None
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._loop, name="manysides-analysis", daemon=True)
                self._thread.start()
        self._wake.set()

    def status(self) -> WorkerStatus:
        with self._lock:
            state, reason = self._state, self._reason
        return WorkerStatus(state, self._store.count_to_analyse(PIPELINE_VERSION), reason)

    def stop(self, timeout: float = 30.0) -> None:
        """End the thread after the article it is on (the rest wait for the next server's worker)."""
        self._stopping = True
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _loop(self) -> None:
        while True:
            self._wake.wait()
            self._wake.clear()
            if self._stopping:
                return
            self._set("analysing")
            try:
                self._run()
            except Exception as exc:  # noqa: BLE001 - whatever went wrong is shown on the Add page, the server goes on
                self._set("failed", f"{type(exc).__name__}: {exc}")
            else:
                self._set("waiting" if self._wake.is_set() else "done")

    def _run(self) -> None:
        process_new(self._store, Settings.load(self._store.url), stop=lambda: self._stopping)

    def _set(self, state: State, reason: str | None = None) -> None:
        with self._lock:
            self._state, self._reason = state, reason
