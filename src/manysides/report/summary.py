"""What the store holds, outlet by outlet: the report `make demo` writes until stories exist.

Pure: takes articles, returns a `CorpusSummary`; the renderers turn it into text.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from manysides.model import Article

HEADLINE_CHARS = 90


@dataclass(frozen=True, slots=True)
class ArticleLine:
    id: str
    headline: str
    published: date | None
    words: int
    source: str


@dataclass(frozen=True, slots=True)
class OutletCoverage:
    outlet: str
    articles: tuple[ArticleLine, ...]

    @property
    def words(self) -> int:
        return sum(line.words for line in self.articles)


@dataclass(frozen=True, slots=True)
class CorpusSummary:
    article_count: int
    undated: int
    first: date | None
    last: date | None
    outlets: tuple[OutletCoverage, ...]


def summarise(articles: Iterable[Article]) -> CorpusSummary:
    by_outlet: dict[str, list[ArticleLine]] = defaultdict(list)
    for article in articles:
        by_outlet[article.outlet].append(
            ArticleLine(article.id, headline(article), article.published, article.word_count, article.source)
        )
    lines = [line for group in by_outlet.values() for line in group]
    dates = sorted(line.published for line in lines if line.published)
    outlets = tuple(
        OutletCoverage(outlet, tuple(sorted(group, key=lambda line: (line.published or date.max, line.headline))))
        for outlet, group in sorted(by_outlet.items(), key=lambda item: (-len(item[1]), item[0].casefold()))
    )
    return CorpusSummary(
        article_count=len(lines),
        undated=len(lines) - len(dates),
        first=dates[0] if dates else None,
        last=dates[-1] if dates else None,
        outlets=outlets,
    )


def headline(article: Article) -> str:
    """The title, or the first words of the text when the article has none."""
    if article.title:
        return article.title
    first = " ".join(article.text.split("\n", 1)[0].split())
    return first if len(first) <= HEADLINE_CHARS else first[: HEADLINE_CHARS - 1].rstrip() + "…"
