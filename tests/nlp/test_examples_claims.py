"""The example corpus' hedges and denials (examples/corpus/expected.yaml) come out of the claims as such."""

from pathlib import Path

import pytest
import yaml

from manysides.ingest import ReadOptions, expand, read
from manysides.model import Article, Claim
from manysides.nlp.pipeline import default_pipeline

CORPUS = Path(__file__).parents[2] / "examples" / "corpus"


@pytest.fixture(scope="module")
def claims_by_article() -> dict[tuple[str, str], tuple[Article, tuple[Claim, ...]]]:
    articles = [item for source in expand([str(CORPUS)]).sources for item in read(source, ReadOptions())]
    analyses = default_pipeline().analyse(articles)  # type: ignore[arg-type]
    return {(a.outlet, a.title or ""): (a, analysis.claims) for a, analysis in zip(articles, analyses, strict=True)}


@pytest.fixture(scope="module")
def stories() -> list[dict]:
    return yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))["stories"]


def claims_quoting(claims_by_article, outlet: str, quote: str) -> list[Claim]:
    """The claims of the outlet's article whose evidence contains the quote."""
    found = []
    for (name, _), (article, claims) in claims_by_article.items():
        if name == outlet and quote in article.text:
            start = article.text.index(quote)
            found += [c for c in claims if c.evidence.start <= start < c.evidence.end]
    return found


def test_every_hedge_is_a_hedged_or_alleged_claim(claims_by_article, stories):
    hedges = [hedge for story in stories for hedge in story.get("hedges", [])]
    assert hedges
    for hedge in hedges:
        modalities = {c.modality for c in claims_quoting(claims_by_article, hedge["outlet"], hedge["quote"])}
        assert modalities & {"hedged", "alleged"}, hedge


def test_the_denying_side_of_every_denial_is_denied_or_negated(claims_by_article, stories):
    denials = [c for story in stories for c in story["contradictions"] if c["kind"] == "denial"]
    assert len(denials) >= 3
    for denial in denials:
        claims = claims_quoting(claims_by_article, denial["b"]["outlet"], denial["b"]["quote"])
        assert any(c.modality == "denied" or c.polarity == "negated" for c in claims), denial
