"""Fetching articles and feeds over HTTP(S) with a real client, a size limit and a timeout."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from manysides import __version__
from manysides.errors import InputError

USER_AGENT = f"manysides/{__version__} (+news coverage comparison)"


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str
    content: bytes
    content_type: str


def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def fetch(url: str, max_bytes: int, timeout: float = 20.0) -> Fetched:
    try:
        with httpx.stream(
            "GET", url, follow_redirects=True, timeout=timeout, headers={"User-Agent": USER_AGENT}
        ) as response:
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
    except httpx.TimeoutException as exc:
        raise InputError(url, f"unreachable: timed out after {timeout:g} s") from exc
    except httpx.HTTPError as exc:
        raise InputError(url, f"unreachable: {exc or type(exc).__name__}") from exc


def too_large(size: int, limit: int) -> str:
    return f"too large: {size:,} bytes over the limit of {limit:,} (see --max-file-size)"
