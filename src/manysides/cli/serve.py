"""`manysides serve`: the web app on this machine, or beyond it with a token."""

from __future__ import annotations

import os

import click

from manysides.cli.context import AppContext, pass_app
from manysides.cli.options import db_option, outlets_option
from manysides.cli.progress import stderr
from manysides.config import redact
from manysides.store import Store


@click.command("serve")
@db_option
@outlets_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (127.0.0.1: this machine only).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--allowed-host", "allowed_hosts", multiple=True, metavar="NAME",
    help="A host name users reach the server by (repeatable); requests for any other host are refused. "
    "localhost, 127.0.0.1 and --host are always allowed.",
)  # fmt: skip
@click.option("--no-auth", is_flag=True, help="Beyond loopback, let anyone who reaches the server add coverage (no token).")
@click.option(
    "--allow-private-urls", is_flag=True,
    help="Let the Add page fetch URLs on private and loopback addresses (an intranet newsroom); never files.",
)  # fmt: skip
@pass_app
def serve_command(
    app: AppContext, host: str, port: int, allowed_hosts: tuple[str, ...], no_auth: bool, allow_private_urls: bool
) -> None:
    """Serve the web app: stories, each story side by side with its findings, articles, a JSON API.

    Binds to 127.0.0.1 unless told otherwise; the API is documented at /api/docs. On any other
    address, adding coverage needs the token in $MANYSIDES_TOKEN (the server refuses to start
    without it unless given --no-auth): as `Authorization: Bearer TOKEN` or through /login.
    The Add page fetches only public http(s) URLs unless given --allow-private-urls.

    \b
    Example:
        manysides serve --db team.db --port 8080
        MANYSIDES_TOKEN=… manysides serve --host 0.0.0.0 --allowed-host news.example.org
    """
    import uvicorn  # imported here: the other commands never need a server

    from manysides.web.app import create_app
    from manysides.web.security import is_loopback, serve_settings

    registry = app.registry
    web = serve_settings(host, allowed_hosts, os.environ.get("MANYSIDES_TOKEN"), no_auth, allow_private_urls)
    Store(app.settings.db_url).close()  # a bad URL or outlets file fails here, as one line, not inside the server (which opens its own)
    if not is_loopback(host):
        stderr.print(
            f"Warning: serving on {host}, reachable from other machines"
            + (" — and anyone who reaches it may add coverage (--no-auth)." if no_auth else "; adding coverage needs the token."),
            highlight=False,
        )  # fmt: skip
    stderr.print(f"Serving {redact(app.settings.db_url)} on http://{host}:{port}/ (Ctrl-C stops)", highlight=False)
    uvicorn.run(create_app(app.settings.db_url, registry, web), host=host, port=port, log_level="warning")
