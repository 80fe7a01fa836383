"""The built-in registry is big, varied and sourced; a user's file is validated with one-line errors."""

from datetime import date
from pathlib import Path

import pytest

from manysides.outlets.registry import FACTS, KINDS, OWNERSHIP, RegistryError, load_registry

pytestmark = pytest.mark.fast  # pure rules on records built by hand: `make test-fast`

ENTRY = """
outlets:
  - name: Kestria Morning Star
    aliases: [KMS]
    domains: [kms.example]
    kind: newspaper
    country: GB
    languages: [en]
    ownership: private
    owner: A family trust
    source: https://example.org/about-kms
    checked: 2026-11-01
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "my-outlets.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_built_in_registry_is_big_and_varied():
    registry = load_registry()
    outlets = registry.outlets
    assert len(outlets) >= 150
    assert len({o.country for o in outlets}) >= 30
    assert len({language for o in outlets for language in o.languages}) >= 8
    assert sum(o.kind == "wire-agency" for o in outlets) >= 20
    assert {o.ownership for o in outlets} == set(OWNERSHIP)
    assert {o.kind for o in outlets} == set(KINDS)


def test_every_fact_of_every_built_in_outlet_has_a_checkable_source():
    for outlet in load_registry().outlets:
        assert set(outlet.sources) == set(FACTS), outlet.name
        for fact, source in outlet.sources.items():
            assert source.reference.startswith("https://"), (outlet.name, fact)
            assert date(2025, 1, 1) <= source.checked <= date.today(), (outlet.name, fact)


def test_a_user_file_adds_outlets_and_overrides_built_in_ones(tmp_path):
    override = ENTRY + """
  - {name: Reuters, domains: [reuters.com], kind: wire-agency, country: GB, languages: [en],
     ownership: private, owner: Someone else, source: "https://example.org/reuters", checked: 2026-11-02}
"""
    registry = load_registry(write(tmp_path, override))
    assert registry.resolve("KMS").outlet.name == "Kestria Morning Star"
    assert registry.resolve("Reuters").outlet.owner == "Someone else"
    assert len(registry.outlets) == len(load_registry().outlets) + 1


def test_groups_name_outlets_by_any_of_their_names(tmp_path):
    registry = load_registry(write(tmp_path, ENTRY + "groups:\n  lean:\n    left: [The Guardian, KMS]\n    right: [Daily Mail]\n"))
    assert registry.groups["lean"] == {"left": ("the-guardian", "kestria-morning-star"), "right": ("daily-mail",)}
    assert registry.group_of(registry.resolve("Guardian").outlet, "lean") == "left"
    assert registry.group_of(registry.resolve("BBC").outlet, "lean") is None
    assert "lean" in registry.dimensions


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("    source: https://example.org/about-kms\n    checked: 2026-11-01\n", ""), "missing source for 'kind'"),
        (("    source: https://example.org/about-kms\n", ""), "missing 'source': a URL or citation a reader can check"),
        (("ownership: private", "ownership: independent"), "ownership 'independent' is not in the vocabulary"),
        (("kind: newspaper", "kind: blog"), "kind 'blog' is not in the vocabulary"),
        (("country: GB", "country: XX"), "country 'XX' is not a code listed under 'countries'"),
        (("languages: [en]", "languages: [english]"), "language 'english' is not a code"),
        (("domains: [kms.example]", "domains: [bbc.co.uk]"), "duplicate domain 'bbc.co.uk': already belongs to 'BBC News'"),
        (("aliases: [KMS]", "aliases: [WaPo]"), "duplicate name or alias 'wapo': already names 'The Washington Post'"),
        (("domains: [kms.example]", "domains: [www.kms.example]"), "expected a bare host name"),
        (("checked: 2026-11-01", "checked: last week"), "'checked' must be a date"),
        (("    owner: A family trust\n", ""), "missing 'owner'"),
        (("    owner: A family trust\n", "    owner: A family trust\n    lean: left\n"), "unknown field 'lean'"),
    ],
)
def test_a_bad_entry_is_one_clear_line_naming_the_file_and_the_entry(tmp_path, change, message):
    path = write(tmp_path, ENTRY.replace(*change))
    with pytest.raises(RegistryError) as error:
        load_registry(path)
    text = str(error.value)
    assert message in text and "\n" not in text
    assert text.startswith(f"{path}: outlets[0] (Kestria Morning Star)") or text.startswith(f"{path}: Kestria Morning Star")


def test_a_per_fact_source_can_stand_in_for_the_entry_source(tmp_path):
    per_fact = "".join(f"      {fact}: {{source: 'https://example.org/{fact}', checked: 2026-11-03}}\n" for fact in FACTS)
    text = ENTRY.replace("    source: https://example.org/about-kms\n    checked: 2026-11-01\n", "    sources:\n" + per_fact)
    outlet = load_registry(write(tmp_path, text)).resolve("KMS").outlet
    assert outlet.sources["owner"].reference == "https://example.org/owner"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("outlets: [\n", "my-outlets.yaml:2: not valid YAML"),
        ("- just a list\n", "expected a mapping with 'outlets'"),
        ("outlet: []\n", "unknown section 'outlet'"),
        ("countries:\n  NO: Norway\n", "is a YAML boolean: quote codes"),
        (ENTRY + "groups:\n  lean:\n    left: [Not An Outlet]\n", "groups.lean.left: 'Not An Outlet' is not an outlet of the registry"),
        (ENTRY + "groups:\n  country:\n    x: [KMS]\n", "this name is built in"),
        (ENTRY + ENTRY.replace("outlets:\n", ""), "outlet 'Kestria Morning Star' is listed twice"),
    ],
)
def test_a_bad_file_is_one_clear_line(tmp_path, text, message):
    with pytest.raises(RegistryError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_registry(write(tmp_path, text))


def test_an_unreadable_file_says_so(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("outlets: []\n# caf\xe9\n".encode("latin-1"))
    with pytest.raises(RegistryError, match="latin1.yaml: cannot read"):
        load_registry(path)
