"""Finding inputs and refusing bad ones with one clear line each."""

from manysides.errors import InputError
from manysides.ingest import ReadOptions, expand, read, sources
from tests.conftest import FIXTURES


def test_folders_are_walked_recursively_for_known_extensions_only(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    for name in ("a/one.txt", "a/b/two.jsonl", "a/notes.yaml", "a/.hidden.txt", "a/b/three.HTML"):
        (tmp_path / name).write_text("x")
    found = expand([str(tmp_path)])
    assert [p.removeprefix(str(tmp_path)) for p in found.sources] == ["/a/one.txt", "/a/b/three.HTML", "/a/b/two.jsonl"]
    assert found.failures == []


def test_globs_urls_and_missing_paths(tmp_path):
    (tmp_path / "x.rss").write_text("x")
    (tmp_path / "y.rss").write_text("y")
    found = expand([f"{tmp_path}/*.rss", "https://example.org/feed", f"{tmp_path}/none-*.txt", f"{tmp_path}/missing.txt"])
    assert found.sources == [f"{tmp_path}/x.rss", f"{tmp_path}/y.rss", "https://example.org/feed"]
    assert [str(f) for f in found.failures] == [
        f"{tmp_path}/none-*.txt: no files match this pattern",
        f"{tmp_path}/missing.txt: no such file or directory",
    ]


def read_one(path, **options):
    [item] = list(read(str(path), ReadOptions(**options)))
    return item


def test_oversized_file_is_refused_with_the_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("word " * 400)
    item = read_one(path, max_file_bytes=1000)
    assert isinstance(item, InputError)
    assert str(item) == f"{path}: too large: 2,000 bytes over the limit of 1,000 (see --max-file-size)"


def test_oversized_jsonl_line_fails_alone(tmp_path):
    path = tmp_path / "lines.jsonl"
    path.write_text('{"outlet": "A", "text": "' + "x" * 2000 + '"}\n{"outlet": "A", "text": "small"}\n')
    big, small = read(str(path), ReadOptions(max_file_bytes=1000))
    assert str(big).startswith(f"{path}:1: line too large: 2,")
    assert small.text == "small"


def test_empty_and_whitespace_files(tmp_path):
    empty, blank = tmp_path / "empty.txt", tmp_path / "blank.html"
    empty.write_bytes(b"")
    blank.write_text("  \n\n ")
    assert str(read_one(empty)) == f"{empty}: empty file"
    assert str(read_one(blank)) == f"{blank}: empty file"


def test_binary_and_undecodable_files(tmp_path):
    image, garbage = tmp_path / "photo.txt", tmp_path / "mangled.txt"
    image.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01")
    garbage.write_bytes(b"Bay Times\n\nThe inquiry \x81\x8d opened.")
    assert str(read_one(image)) == f"{image}: binary file, not text"
    assert str(read_one(garbage)) == f"{garbage}: undecodable bytes: neither UTF-8 nor cp1252 (byte 0x81 at offset 23)"


def test_cp1252_and_utf16_files_are_read(tmp_path):
    windows, utf16 = tmp_path / "windows.txt", tmp_path / "utf16.txt"
    windows.write_bytes("outlet: Bay Times\n\nThe mayor said: “We will rebuild.”".encode("cp1252"))
    utf16.write_bytes("outlet: Bay Times\n\nKyiv – Odesa".encode("utf-16"))
    assert read_one(windows).text == "The mayor said: “We will rebuild.”"
    assert read_one(utf16).text == "Kyiv – Odesa"


def test_outlet_falls_back_to_the_parent_folder_then_the_file_stem(tmp_path):
    (tmp_path / "Island Radio").mkdir()
    in_folder = tmp_path / "Island Radio" / "story.txt"
    in_folder.write_text("The ferry ran aground.")
    assert read_one(in_folder).outlet == "Island Radio"
    assert read_one(FIXTURES / "ferry" / "harbour-herald.txt", outlet="Override").outlet == "Override"


def test_a_progress_bar_counts_the_articles_of_each_source(tmp_path, monkeypatch):
    """JSONL lines and feed entries, counted across the reading blocks; one for any other file or a URL."""
    monkeypatch.setattr(sources, "_BLOCK", 7)  # tags and lines cut by block boundaries
    lines = tmp_path / "wire.jsonl"
    lines.write_text('{"text": "a"}\n{"text": "b"}\n{"text": "c"}', encoding="utf-8")
    feed = tmp_path / "radio.rss"
    feed.write_text("<rss><channel>" + "<item><title>t</title></item>" * 4 + "</channel></rss>", encoding="utf-8")
    atom = tmp_path / "post.atom"
    atom.write_text('<feed xmlns="http://www.w3.org/2005/Atom">' + "<entry><title>t</title></entry>" * 2 + "</feed>", encoding="utf-8")
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>One story.</p></body></html>", encoding="utf-8")
    assert [sources.expected_items(str(p)) for p in (lines, feed, atom, page)] == [3, 4, 2, 1]
    assert sources.expected_items("https://example.org/story") == 1
    assert sources.expected_items(str(tmp_path / "missing.jsonl")) == 1  # reading it says why it failed
