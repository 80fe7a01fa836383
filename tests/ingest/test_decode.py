import codecs

import pytest

from manysides.ingest.decode import DecodeError, decode

pytestmark = pytest.mark.fast  # pure rules on records built by hand: `make test-fast`


def test_utf8_with_and_without_bom():
    assert decode("Zelenskyy in Kyiv".encode()) == "Zelenskyy in Kyiv"
    assert decode(codecs.BOM_UTF8 + "Odesa – port".encode()) == "Odesa – port"


def test_utf16_with_bom():
    assert decode("Kharkiv".encode("utf-16")) == "Kharkiv"


def test_windows_text_falls_back_to_cp1252():
    assert decode("“Curly quotes” – café".encode("cp1252")) == "“Curly quotes” – café"


def test_binary_content_is_refused():
    with pytest.raises(DecodeError, match="binary file"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


def test_bytes_that_are_neither_utf8_nor_cp1252_are_refused_with_the_offset():
    with pytest.raises(DecodeError, match=r"neither UTF-8 nor cp1252 \(byte 0x81 at offset 6\)"):
        decode(b"abcdef\x81\x8d\x8f")
