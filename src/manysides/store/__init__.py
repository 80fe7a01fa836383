"""The store: one schema for SQLite and PostgreSQL; `Store` is the only code that writes SQL."""

from manysides.store.repository import AddResult, Claim, Store

__all__ = ["AddResult", "Claim", "Store"]
