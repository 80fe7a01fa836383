"""`manysides outlets` (with show, unknown and check): the outlet registry and how the stored outlets resolve."""

from __future__ import annotations

from pathlib import Path

import click
from rich.markup import escape

from manysides.cli.context import AppContext, pass_app
from manysides.cli.options import db_option, json_option, outlets_option
from manysides.cli.progress import CleanTable, stderr, stdout
from manysides.jobs import outlet_resolutions
from manysides.outlets.registry import FACTS, KINDS, OWNERSHIP, Registry, RegistryError, facts, load_registry
from manysides.report.display import neutralise
from manysides.report.json import to_json
from manysides.urls import domain_of


@click.group("outlets", invoke_without_command=True)
@click.option("--country", help="Only outlets based in this country (ISO code such as GB, or its name).")
@click.option("--type", "ownership", type=click.Choice(list(OWNERSHIP)), help="Only outlets of this ownership type.")
@click.option("--kind", type=click.Choice(list(KINDS)), help="Only wire agencies, newspapers, broadcasters, …")
@click.option("--language", help="Only outlets publishing in this language (ISO code such as de).")
@outlets_option
@json_option
@click.pass_context
@pass_app
def outlets_command(
    app: AppContext, ctx: click.Context, country: str | None, ownership: str | None, kind: str | None,
    language: str | None, as_json: bool,
) -> None:  # fmt: skip
    """List the outlet registry: where each outlet is based, who owns or funds it, its languages.

    Every fact has a source a reader can check (`outlets show NAME` prints them). The built-in
    registry covers wire agencies, newspapers and broadcasters of many countries; add or correct
    outlets, and define your own groupings, in a file given with --outlets (docs/OUTLETS.md).

    \b
    Example:
        manysides outlets --country DE --type public-service
        manysides outlets show "Deutsche Welle"
        manysides outlets unknown --db team.db
    """
    if ctx.invoked_subcommand is not None:
        return
    registry = app.registry
    wanted_country = _country_code(registry, country) if country else None
    found = [
        o for o in registry.outlets
        if (wanted_country is None or o.country == wanted_country) and (ownership is None or o.ownership == ownership)
        and (kind is None or o.kind == kind) and (language is None or language.casefold() in o.languages)
    ]  # fmt: skip
    if as_json:
        click.echo(to_json([facts(o, registry) | {'aliases': list(o.aliases), 'domains': list(o.domains)} for o in found]))
        return
    table = CleanTable("outlet", "country", "ownership", "kind", "languages", "owner", title=f"{len(found)} outlets")
    for o in sorted(found, key=lambda o: (o.country, o.name.casefold())):
        table.add_row(o.name, registry.label("country", o.country), o.ownership, o.kind, ", ".join(o.languages), o.owner)
    stdout.print(table)


@outlets_command.command("show")
@click.argument("name", metavar="NAME")
@outlets_option
@json_option
@pass_app
def outlets_show_command(app: AppContext, name: str, as_json: bool) -> None:
    """Show one outlet, found by its name, an alias, a domain or a URL, with the source of every fact.

    \b
    Example:
        manysides outlets show WaPo
        manysides outlets show https://www.dw.com/en/some-article
    """
    registry = app.registry
    host = domain_of(name) if "://" in name else None
    resolved = registry.resolve(name, [host] if host else [])
    if resolved.outlet is None:
        raise click.ClickException(f"{name!r} is not in the outlet registry (add it with --outlets FILE, see docs/OUTLETS.md)")
    outlet = resolved.outlet
    if as_json:
        click.echo(to_json(facts(outlet, registry) | {'aliases': list(outlet.aliases), 'domains': list(outlet.domains), "resolved_by": resolved.by, "score": resolved.score}))
        return
    how = "" if resolved.by == "name" else f" (found by {resolved.by}" + (f", similarity {resolved.score})" if resolved.score else ")")
    stdout.print(f"[bold]{escape(outlet.name)}[/bold]{escape(how)}", highlight=False)
    table = CleanTable("fact", "value", "source", "checked", show_header=True)
    values = {
        "kind": outlet.kind, "country": f"{registry.label('country', outlet.country)} ({outlet.country})",
        "languages": ", ".join(registry.label("language", code) for code in outlet.languages),
        "ownership": outlet.ownership, "owner": outlet.owner,
    }  # fmt: skip
    for fact in FACTS:
        table.add_row(fact, escape(values[fact]), escape(outlet.sources[fact].reference), str(outlet.sources[fact].checked))
    stdout.print(table)
    stdout.print(f"aliases: {escape(', '.join(outlet.aliases) or '—')}\ndomains: {', '.join(outlet.domains)}", highlight=False)


@outlets_command.command("unknown")
@db_option
@outlets_option
@json_option
@pass_app
def outlets_unknown_command(app: AppContext, as_json: bool) -> None:
    """List the outlets in the database that the registry does not know, and how each known one was found.

    Unknown outlets are never guessed: they count as "unknown" in coverage and blindspots until you
    add them to your --outlets file.
    """
    registry = app.registry  # a bad outlets file fails before the database is opened
    resolutions = outlet_resolutions(app.store, registry)
    counts = app.store.outlet_counts()
    unknown = sorted((name for name, r in resolutions.items() if r.outlet is None), key=str.casefold)
    fuzzy = {name: r for name, r in resolutions.items() if r.by == "fuzzy"}
    if as_json:
        click.echo(to_json({
            "unknown": [{"outlet": name, "articles": counts[name]} for name in unknown],
            "resolved": [{"outlet": name, "registry": r.outlet.name, "by": r.by, "score": r.score}
                         for name, r in sorted(resolutions.items()) if r.outlet is not None],
        }))  # fmt: skip
        return
    table = CleanTable("outlet", "articles", title=f"{len(unknown)} of {len(resolutions)} outlets are not in the registry")
    for name in unknown:
        table.add_row(escape(name), str(counts[name]))
    stdout.print(table)
    for name, r in sorted(fuzzy.items()):
        assert r.outlet is not None
        stderr.print(f"{escape(neutralise(name))!r} was taken for {escape(r.outlet.name)!r} (similarity {r.score}); add it as an alias if right.")


@outlets_command.command("check")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def outlets_check_command(file: Path) -> None:
    """Check an outlets FILE (with the built-in registry under it) and say what it adds or replaces.

    \b
    Example:
        manysides outlets check my-outlets.yaml
    """
    built_in = load_registry()
    registry = load_registry(file)
    names = {o.id for o in built_in.outlets}
    changed = [o for o in registry.outlets if o.id not in names or o != built_in.get(o.id)]
    added = sum(o.id not in names for o in changed)
    groupings = ", ".join(f"{name} ({len(groups)} groups)" for name, groups in registry.groups.items()) or "none"
    stdout.print(f"{file}: valid — {added} outlets added, {len(changed) - added} replaced; groupings: {groupings}", highlight=False)


def _country_code(registry: Registry, given: str) -> str:
    """'GB', 'gb' or 'United Kingdom' → 'GB'."""
    for code, name in registry.countries.items():
        if given.casefold() in (code.casefold(), name.casefold()):
            return code
    raise RegistryError("--country", f"{given!r} is not a country of the registry (use an ISO code such as GB)")
