"""The pipeline, checked in the import graph: data flows forward only, and no package needs one that
needs it back.

Every module under src/manysides is parsed with `ast` (nothing is imported), and each `import` — at the
top, inside a function, or under `TYPE_CHECKING` — is an arrow to the package it names. Ranks, earliest
first; a module may import its own rank or an earlier one, never a later one:

0. records: `model`, `errors`, `config`, `plain`, `urls` — shared by every stage. `outlets/registry.py`
   ranks here too: the outlet registry is reference data loaded like the settings and passed to the
   stages that need it (compare/sourcing.py asks it whether a name is a news organisation), while the
   rest of `outlets/` (coverage, a story's outlets) is the analysis stage after compare.
1. `store`: a service layer, the only code that speaks SQL. Today it imports records only (model,
   errors, config, plain, urls), so it ranks right after them; the pure stages below never touch it (a
   separate check), the top layer reads and writes through it.
2. `ingest` → 3. `nlp` → 4. `stories` → 5. `compare` → 6. `outlets` → 7. `report`
8. the top: `cli`, `web`, `jobs`, `pipeline`, `__main__`.

A module that is in none of these fails the test until it is given a rank here.
"""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

SOURCE = Path(__file__).parents[1] / "src" / "manysides"
RANKS = {
    "__init__": 0, "model": 0, "errors": 0, "config": 0, "plain": 0, "urls": 0, "wordlists": 0, "outlets.registry": 0,
    "store": 1, "ingest": 2, "nlp": 3, "stories": 4, "compare": 5, "outlets": 6, "report": 7,
    "cli": 8, "web": 8, "jobs": 8, "pipeline": 8, "__main__": 8,
}  # fmt: skip
PURE = ("ingest", "nlp", "stories", "compare", "outlets")  # analysis: no database (I/O at the edges)
# The only call of `default_registry()` inside compare/ and report/: `compare_story(..., registry=None)` on
# sources built by hand (tests) reads the built-in registry; every product path (jobs, cli, web, eval, bench)
# passes the user's. This set may only shrink.
DEFAULT_REGISTRY_CALLERS = {"compare.sourcing"}

Arrow = tuple[str, str, int]  # importing module, imported module (both without "manysides."), line


def modules(root: Path) -> dict[str, ast.Module]:
    """Every module under `root` by its dotted name inside the package: "ingest.origin", "model", "__init__"."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" and len(parts) > 1 else parts)
        found[name] = ast.parse(path.read_text(encoding="utf-8"), str(path))
    return found


def arrows(found: dict[str, ast.Module], package: str = "manysides") -> list[Arrow]:
    """(importer, imported, line) for each import of a module of the package, relative ones resolved."""
    result = []
    for name, tree in found.items():
        is_package = name == "__init__" or any(other.startswith(f"{name}.") for other in found)
        here = [] if name == "__init__" else name.split(".")
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                targets = _from_targets(node, here if is_package else here[:-1], package, found)
            else:
                continue
            for target in targets:
                if target == package or target.startswith(f"{package}."):
                    result.append((name, target.removeprefix(package).removeprefix(".") or "__init__", node.lineno))
    return result


def _from_targets(node: ast.ImportFrom, base: list[str], package: str, found: dict[str, ast.Module]) -> list[str]:
    """The modules a `from … import …` reaches: `from manysides import model` reaches manysides.model."""
    if node.level:
        parent = base[: len(base) - node.level + 1]
        module = ".".join([package, *parent, *([node.module] if node.module else [])])
    else:
        module = node.module or ""
    inside = module.removeprefix(package).removeprefix(".")
    submodules = [f"{module}.{a.name}" for a in node.names if ".".join(filter(None, [inside, a.name])) in found]
    return submodules or [module]


def rank_of(module: str) -> int | None:
    """The rank of a module: its own entry ("outlets.registry") if it has one, else its package's."""
    return RANKS.get(module, RANKS.get(module.split(".")[0]))


def back_arrows(found_arrows: list[Arrow]) -> list[str]:
    return [
        f"{importer} (rank {rank_of(importer)}) imports {imported} (rank {rank_of(imported)}), line {line}"
        for importer, imported, line in found_arrows
        if (rank_of(importer) or 0) < (rank_of(imported) or 0)
    ]


def package_cycle(found_arrows: list[Arrow]) -> list[str] | None:
    """A cycle between top-level packages (a package's own modules importing each other do not count)."""
    graph: dict[str, set[str]] = {}
    for importer, imported, _ in found_arrows:
        source, target = importer.split(".")[0], imported.split(".")[0]
        graph.setdefault(source, set())
        if source != target:
            graph[source].add(target)
    try:
        tuple(TopologicalSorter(graph).static_order())
    except CycleError as error:
        return list(error.args[1])
    return None


@pytest.fixture(scope="module")
def tree() -> dict[str, ast.Module]:
    return modules(SOURCE)


@pytest.fixture(scope="module")
def graph(tree) -> list[Arrow]:
    return arrows(tree)


def test_every_module_has_a_rank(tree):
    assert [name for name in tree if rank_of(name) is None] == []


def test_no_import_goes_from_a_later_stage_to_an_earlier_one(graph):
    assert back_arrows(graph) == []


def test_store_and_report_never_import_ingest(graph):
    assert [(a, b, line) for a, b, line in graph if a.split(".")[0] in ("store", "report") and b.split(".")[0] == "ingest"] == []


def test_the_pure_stages_never_import_the_store(graph):
    assert [(a, b, line) for a, b, line in graph if a.split(".")[0] in PURE and b.split(".")[0] == "store"] == []


def test_no_cycle_between_packages(graph):
    assert package_cycle(graph) is None


def test_compare_and_report_take_the_registry_they_are_given(tree):
    calling = {
        name for name, module in tree.items() if name.split(".")[0] in ("compare", "report")
        for node in ast.walk(module)
        if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "default_registry"
    }  # fmt: skip
    assert calling <= DEFAULT_REGISTRY_CALLERS


def test_the_checks_catch_a_planted_back_arrow_and_a_cycle(tmp_path):
    """The checks above on a made-up package: a store module that imports ingest, written three ways, and
    ingest importing compare back."""
    files = {
        "model.py": "",
        "store/__init__.py": "from . import codec\n",
        "store/codec.py": "def f():\n    from manysides.ingest.origin import domain_of\n",
        "store/repository.py": "from ..ingest import origin\nimport manysides.ingest\n",
        "ingest/__init__.py": "",
        "ingest/origin.py": "from manysides import model\nfrom manysides.compare import align\n",
        "compare/__init__.py": "",
        "compare/align.py": "from manysides.ingest.origin import Origin\n",
    }
    for path, text in files.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")
    planted = arrows(modules(tmp_path))
    assert back_arrows(planted) == [
        "ingest.origin (rank 2) imports compare.align (rank 5), line 2",
        "store.codec (rank 1) imports ingest.origin (rank 2), line 2",
        "store.repository (rank 1) imports ingest.origin (rank 2), line 1",
        "store.repository (rank 1) imports ingest (rank 2), line 2",
    ]
    assert ("store", "store.codec", 1) in planted and ("ingest.origin", "model", 1) in planted
    assert set(package_cycle(planted) or []) == {"compare", "ingest"}
