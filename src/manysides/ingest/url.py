"""Fetching articles and feeds over HTTP(S) with a real client, a size limit and a timeout.

The CLI fetches whatever URL its user names. A server that fetches URLs on behalf of others (the web
app's Add page) must not become a way into the machine's own network, so `fetch(…, allow_private=False)`
only talks to public addresses: every connection, including each redirect hop, goes through
`_PublicOnly`, which resolves the name itself, refuses the whole name if any of its addresses is not
public, and then connects to the address it checked (so a second, different DNS answer — rebinding —
never reaches a socket). Redirects are followed here, hop by hop, so each one is seen and bounded.
"""

from __future__ import annotations

import ipaddress
import socket
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpcore
import httpx

from manysides import __version__
from manysides.errors import InputError

USER_AGENT = f"manysides/{__version__} (+news coverage comparison)"
MAX_REDIRECTS = 5
_REDIRECTS = {301, 302, 303, 307, 308}
_Address = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str
    content: bytes
    content_type: str


class NotPublic(httpcore.ConnectError):
    """A host that resolves to an address a public-only fetch must not reach (loopback, private, …)."""


def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def fetch(url: str, max_bytes: int, timeout: float = 20.0, allow_private: bool = True) -> Fetched:
    """GET `url` (following at most MAX_REDIRECTS redirects); with `allow_private` False only public
    addresses are contacted, on every hop."""
    transport = httpx.HTTPTransport() if allow_private else _public_transport()
    headers = {"User-Agent": USER_AGENT}
    try:
        with httpx.Client(transport=transport, timeout=timeout, headers=headers, trust_env=allow_private) as client:
            return _follow(client, url, max_bytes)
    except httpx.TimeoutException as exc:
        raise InputError(url, f"unreachable: timed out after {timeout:g} s") from exc
    except httpx.HTTPError as exc:
        if isinstance(exc.__cause__, NotPublic):
            raise InputError(url, f"refused: {exc.__cause__}") from exc
        raise InputError(url, f"unreachable: {exc or type(exc).__name__}") from exc


def _follow(client: httpx.Client, url: str, max_bytes: int) -> Fetched:
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        if not is_url(current):
            raise InputError(url, f"refused: redirected to {current!r}, not an http(s) URL")
        with client.stream("GET", current) as response:
            if response.status_code in _REDIRECTS and "location" in response.headers:
                current = str(response.url.join(response.headers["location"]))
                continue
            return _body(url, response, max_bytes)
    raise InputError(url, f"unreachable: more than {MAX_REDIRECTS} redirects")


def _body(url: str, response: httpx.Response, max_bytes: int) -> Fetched:
    if response.status_code >= 400:
        raise InputError(url, f"HTTP {response.status_code} {response.reason_phrase}")
    declared = int(response.headers.get("content-length") or 0)
    if declared > max_bytes:
        raise InputError(url, too_large(declared, max_bytes))
    body = bytearray()
    for chunk in response.iter_bytes():
        body.extend(chunk)
        if len(body) > max_bytes:
            raise InputError(url, too_large(len(body), max_bytes))
    content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    return Fetched(url=str(response.url), content=bytes(body), content_type=content_type)


def too_large(size: int, limit: int) -> str:
    return f"too large: {size:,} bytes over the limit of {limit:,} (see --max-file-size)"


def check_public_url(url: str) -> None:
    """Refuse (InputError) anything but an http(s) URL whose host resolves only to public addresses: the
    early, readable check of a public-only fetch (the connection is checked again, see `_PublicOnly`)."""
    if not is_url(url):
        raise InputError(url, "refused: only http(s) URLs can be added from the web")
    host = urlsplit(url).hostname
    if not host:
        raise InputError(url, "refused: the URL names no host")
    try:
        public_addresses(host, urlsplit(url).port or 443)
    except NotPublic as exc:
        raise InputError(url, f"refused: {exc}") from exc
    except OSError as exc:
        raise InputError(url, f"unreachable: cannot resolve {host}: {exc.strerror or exc}") from exc


def public_addresses(host: str, port: int) -> list[str]:
    """Every address `host` resolves to, or NotPublic if any of them is not a public one."""
    found = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM)
    addresses = list(dict.fromkeys(str(info[4][0]).split("%")[0] for info in found))
    for text in addresses:
        if (why := _not_public(ipaddress.ip_address(text))) is not None:
            raise NotPublic(f"{host} is {text}, {why} (the web app fetches only public addresses)")
    return addresses


def _not_public(address: _Address) -> str | None:
    """Why an address is off limits, or None for a public one; an IPv4-mapped IPv6 address is judged
    as the IPv4 address it carries."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    for why, test in (
        ("a loopback address", address.is_loopback),
        ("a link-local address", address.is_link_local),
        ("a multicast address", address.is_multicast),
        ("an unspecified address", address.is_unspecified),
        ("a reserved address", address.is_reserved),
        ("a private address", address.is_private or not address.is_global),
    ):
        if test:
            return why
    return None


class _PublicOnly(httpcore.SyncBackend):
    """A network backend that connects only to public addresses, and to the very address it checked."""

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: typing.Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        try:
            address = public_addresses(host, port)[0]
        except socket.gaierror as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc.strerror or exc}") from exc
        return super().connect_tcp(address, port, timeout, local_address, socket_options)


def _public_transport() -> httpx.HTTPTransport:
    """httpx's own transport over a public-only connection pool (TLS still verifies the URL's host name:
    httpcore takes the server name from the request, not from the address connected to)."""
    transport = httpx.HTTPTransport()
    transport._pool = httpcore.ConnectionPool(  # noqa: SLF001 - httpx offers no public way to set the backend
        ssl_context=httpx.create_ssl_context(), network_backend=_PublicOnly()
    )
    return transport
