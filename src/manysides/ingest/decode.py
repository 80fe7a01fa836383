"""Bytes → text, or a clear reason why not.

Order: a byte-order mark decides (UTF-8/16/32); NUL bytes or many control characters mean a
binary file; then strict UTF-8; then cp1252, the usual encoding of text saved on Windows.
Latin-1 is never used as a fallback because it accepts any bytes and would hide garbage.
"""

from __future__ import annotations

import codecs

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_TEXT_CONTROLS = {9, 10, 12, 13, 27}


class DecodeError(ValueError):
    """Raised with the reason as its message; the caller adds the location."""


def decode(data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"undecodable bytes: broken {encoding.upper()} at byte {exc.start}") from exc
    if looks_binary(data):
        raise DecodeError("binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            byte = data[utf8_error.start]
            raise DecodeError(
                f"undecodable bytes: neither UTF-8 nor cp1252 (byte 0x{byte:02x} at offset {utf8_error.start})"
            ) from utf8_error


def looks_binary(data: bytes, window: int = 8192) -> bool:
    head = data[:window]
    if b"\x00" in head:
        return True
    controls = sum(1 for byte in head if byte < 32 and byte not in _TEXT_CONTROLS)
    return bool(head) and controls / len(head) > 0.05
