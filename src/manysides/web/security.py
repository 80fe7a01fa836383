"""What makes the web app safe to run for a team: known hosts only, same-origin forms, a token for writes.

- **Hosts.** A request whose Host header is not one this server answers to is refused: DNS rebinding
  would otherwise let any web page talk to a server on 127.0.0.1 as if it were its own origin.
- **Cross-site forms.** Every POST must come from this origin (its Origin, or else its Referer, header)
  and carry a CSRF token: an HMAC, under a secret of this process, of a random cookie that only this
  origin can read (SameSite=Strict, HttpOnly). A page elsewhere can post a form here but can know neither.
  A request with a valid `Authorization: Bearer` token is a script, not a browser, and needs no CSRF token.
- **Writes.** When a token is configured (required by `manysides serve` beyond loopback), adding
  coverage needs it: as `Authorization: Bearer TOKEN`, or once through the sign-in form, which sets a
  cookie. Every comparison is constant-time.
- **Headers.** Every response, errors included, carries `SECURITY_HEADERS`: a Content-Security-Policy
  that allows scripts only from this server's /static/ (article text can never run a script even if it
  slipped past the escaping), no sniffing, no framing.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
from dataclasses import dataclass
from urllib.parse import urlsplit

from starlette.requests import Request

from manysides.errors import ConfigError

CSRF_COOKIE = "manysides_csrf"
AUTH_COOKIE = "manysides_auth"
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
SECURITY_HEADERS = {  # on every response, errors included: scripts only from this server's /static/
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",  # not no-referrer: under it a browser sends `Origin: null` with its own forms
    "X-Frame-Options": "DENY",
}


@dataclass(frozen=True, slots=True)
class WebSettings:
    """How the app guards itself. `host` is the address served on; `allowed_hosts` adds names users
    reach it by; `token` (None: none needed) guards writes; `allow_private_urls` lets the Add page fetch
    intranet addresses (never files)."""

    host: str = "127.0.0.1"
    allowed_hosts: tuple[str, ...] = ()
    token: str | None = None
    allow_private_urls: bool = False

    @property
    def hosts(self) -> frozenset[str]:
        return frozenset(h.strip("[]").lower() for h in (*LOOPBACK_HOSTS, self.host, *self.allowed_hosts))


def serve_settings(
    host: str, allowed_hosts: tuple[str, ...], token: str | None, no_auth: bool, allow_private_urls: bool
) -> WebSettings:
    """The settings `manysides serve` runs with; beyond loopback a token is required unless `no_auth`."""
    if not is_loopback(host) and not no_auth and not token:
        raise ConfigError(
            f"--host {host}: serving beyond this machine needs a token for adding coverage: "
            "set MANYSIDES_TOKEN (or pass --no-auth to let anyone who can reach it add coverage)"
        )
    return WebSettings(host, allowed_hosts, None if no_auth else token or None, allow_private_urls)


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class Guard:
    """The checks of one app, under a secret that lives as long as the process."""

    def __init__(self, settings: WebSettings) -> None:
        self.settings = settings
        self._secret = secrets.token_bytes(32)

    def refusal(self, request: Request) -> tuple[int, str] | None:
        """(status, reason) when the request must not be served at all: unknown host, cross-origin write."""
        host_header = request.headers.get("host", "")
        if _hostname(host_header) not in self.settings.hosts:
            return 400, f"unknown host {host_header!r}: this server answers to {', '.join(sorted(self.settings.hosts))}"
        if request.method in UNSAFE_METHODS:
            origin = request.headers.get("origin") or _origin_of(request.headers.get("referer"))
            if origin is not None and origin != f"{request.url.scheme}://{host_header}":
                return 403, f"cross-site request refused: it came from {origin}"
        return None

    def csrf_token(self, cookie: str) -> str:
        return self._sign("csrf", cookie)

    def csrf_valid(self, cookie: str | None, token: str) -> bool:
        return bool(cookie) and hmac.compare_digest(self.csrf_token(cookie or ""), token)

    def bearer(self, request: Request) -> bool:
        """Whether the request carries the configured token as `Authorization: Bearer`."""
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        expected = self.settings.token
        return bool(expected) and scheme.lower() == "bearer" and hmac.compare_digest(given.strip(), expected or "")

    def may_write(self, request: Request) -> bool:
        """No token configured, or the request has it (bearer header or the sign-in cookie)."""
        if not self.settings.token:
            return True
        cookie = request.cookies.get(AUTH_COOKIE, "")
        return self.bearer(request) or hmac.compare_digest(cookie, self.auth_cookie())

    def token_matches(self, given: str) -> bool:
        return bool(self.settings.token) and hmac.compare_digest(given.strip(), self.settings.token or "")

    def auth_cookie(self) -> str:
        return self._sign("auth", self.settings.token or "")

    def _sign(self, purpose: str, value: str) -> str:
        return hmac.new(self._secret, f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()


def new_cookie() -> str:
    return secrets.token_urlsafe(32)


def _hostname(host_header: str) -> str:
    """'example.org:8000' → 'example.org'; '[::1]:8000' → '::1'."""
    try:
        return (urlsplit(f"//{host_header}").hostname or "").lower()
    except ValueError:
        return ""


def _origin_of(referer: str | None) -> str | None:
    if not referer:
        return None
    parts = urlsplit(referer)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else "null"
