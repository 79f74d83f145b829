"""Byte ranges of JSONL files: every line read exactly once wherever the ranges are cut."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest

from pipeline.files import FileRange, files_run_id, match_files, plan_file_ranges, read_lines, read_range

TEXT = b'{"id": "a"}\n\n{"id": "bb"}\r\n  \n{"id": "ccc", "note": "long enough to span a cut"}\n{"id": "d"}'


def expected_lines(text: bytes) -> list[tuple[int, bytes]]:
    offset, lines = 0, []
    for raw in text.splitlines(keepends=True):
        lines.append((offset, raw.removesuffix(b"\n").removesuffix(b"\r")))
        offset += len(raw)
    return lines


@pytest.mark.parametrize("text", [TEXT, TEXT + b"\n", b"\n" + TEXT, b"", b"\n\n"])
def test_ranges_cut_anywhere_read_every_line_once(text: bytes) -> None:
    whole = list(read_lines(io.BytesIO(text), 0, -1))
    assert whole == expected_lines(text)
    for cut in range(len(text) + 1):
        halves = [*read_lines(io.BytesIO(text), 0, cut), *read_lines(io.BytesIO(text), cut, len(text))]
        assert halves == whole, cut
    for size in (1, 2, 5, 13):
        pieces = [line for start in range(0, len(text), size)
                  for line in read_lines(io.BytesIO(text), start, min(start + size, len(text)))]
        assert pieces == whole, size


def test_plan_covers_every_matched_file_in_path_order(tmp_path: Path) -> None:
    (tmp_path / "b.jsonl").write_bytes(TEXT)
    (tmp_path / "a.jsonl").write_bytes(b'{"id": "x"}\n')
    (tmp_path / "empty.jsonl").write_bytes(b"")
    (tmp_path / "c.jsonl.gz").write_bytes(gzip.compress(TEXT))
    ranges = plan_file_ranges(str(tmp_path / "*.jsonl*"), range_bytes=16)
    a, b, gz = (str(tmp_path / name) for name in ("a.jsonl", "b.jsonl", "c.jsonl.gz"))
    assert ranges[0] == FileRange(a, 0, 12)
    assert [r for r in ranges if r.path == b] == [FileRange(b, start, min(start + 16, len(TEXT)))
                                                 for start in range(0, len(TEXT), 16)]
    assert ranges[-1] == FileRange(gz, 0, -1) and ranges[-1].whole  # compressed: one range, read whole
    lines = [line for r in ranges for _, line in read_range(r)]
    assert lines == [b'{"id": "x"}', *[line for _, line in expected_lines(TEXT)] * 2]


def test_a_pattern_without_files_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no file matches"):
        plan_file_ranges(str(tmp_path / "missing-*.jsonl"))
    with pytest.raises(ValueError):
        plan_file_ranges(str(tmp_path), range_bytes=0)


def test_run_id_changes_with_the_files_and_not_with_the_directory(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text("{}\n")
    first = files_run_id(match_files(str(path)))
    monkeypatch.chdir(tmp_path)
    assert files_run_id(match_files("a.jsonl")) == first
    expected = [FileRange("a.jsonl", 0, 3)]
    assert plan_file_ranges(match_files("a.jsonl")) == plan_file_ranges("a.jsonl") == expected
    path.write_text("{}\n{}\n")
    assert files_run_id(match_files(str(path))) != first
    (tmp_path / "b.jsonl").write_text("{}\n")
    assert files_run_id(match_files(str(tmp_path / "*.jsonl"))) != files_run_id(match_files(str(path)))
