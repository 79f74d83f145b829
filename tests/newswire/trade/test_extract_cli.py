"""`newswire extract FILE`: plain text, raw-item JSON with HTML, stdin, and clear errors."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from newswire.cli import main
from schemas import load

STORY = ("Chile to cut copper export levy as talks with Korea advance\n"
         "\n"
         "SANTIAGO, April 9 (Reuters) - Chile will cut its copper export levy from 8% to 5% on April 15, "
         "Mining Minister Rocio Vargas said on Thursday, ahead of a second round of trade talks with "
         "South Korea next week.\n"
         "\n"
         "(Reporting by Tomas Rivera; Editing by Ellen Shaw)\n")


def run_extract(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict, str]:
    code = main(["extract", *args])
    captured = capsys.readouterr()
    return code, (json.loads(captured.out) if code == 0 else {}), captured.err


def test_plain_text_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    code, out, _ = run_extract(capsys, str(path), "--published-at", "2026-04-09T14:00:00Z")
    assert code == 0
    assert set(out) == {"trade", "fields"}
    assert set(out["trade"]) >= {"is_trade", "score", "subtopics", "evidence"}
    fields = out["fields"]
    assert set(fields) == set(load("story")["properties"]["fields"]["required"])
    assert {c["code"] for c in fields["countries"]} == {"CL", "KR"}
    assert fields["tariff_rates"] == [{"rate": 5.0, "from_rate": 8.0, "text": "from 8% to 5%"}]
    assert {"text": "second round of trade talks", "date": "2026-04-13", "kind": "talks",
            "precision": "week"} in fields["events"]
    assert fields["people"][0]["name"] == "Rocio Vargas"
    assert (fields["dateline"], fields["agency"]) == ("Santiago", "Reuters")
    assert (fields["bylines"], fields["editors"]) == (["Tomas Rivera"], ["Ellen Shaw"])


def test_raw_item_json_with_html(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    item = {
        "title": "Kenya lifts maize import ban",
        "content": "<p>Kenya lifted a ban on maize imports from Tanzania on Monday.</p>"
                   "<p>The ban had raised flour prices by a third.</p>",
        "published_at": "2026-02-11T09:00:00Z",
        "source": {"feed_url": "http://127.0.0.1/feed", "name": "wire", "publisher": None,
                   "agency": "AFP", "format": "rss20"},
    }
    path = tmp_path / "item.json"
    path.write_text(json.dumps(item), encoding="utf-8")
    code, out, _ = run_extract(capsys, str(path))
    assert code == 0
    fields = out["fields"]
    assert fields["agency"] == "AFP"
    assert {c["code"] for c in fields["countries"]} == {"KE", "TZ"}
    assert [p["name"] for p in fields["products"]] == ["corn"]
    assert "eliminate" in fields["actions"]


def test_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(STORY))
    code, out, _ = run_extract(capsys, "-")
    assert code == 0
    assert out["fields"]["dateline"] == "Santiago"


def test_bad_json_and_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"title": "x", ', encoding="utf-8")
    code, _, err = run_extract(capsys, str(bad))
    assert code == 1 and "not valid JSON" in err
    code, _, err = run_extract(capsys, str(tmp_path / "missing.txt"))
    assert code == 1 and "cannot read" in err
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n", encoding="utf-8")
    code, _, err = run_extract(capsys, str(empty))
    assert code == 1 and "no text" in err


def test_bad_publication_time(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    code, _, err = run_extract(capsys, str(path), "--published-at", "last Tuesday")
    assert code == 1 and "not an ISO 8601 time" in err


def test_title_less_body_is_recognised(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    body = STORY.split("\n", 2)[2]  # starts with the dateline
    path = tmp_path / "body.txt"
    path.write_text(body, encoding="utf-8")
    code, out, _ = run_extract(capsys, str(path))
    assert code == 0
    assert out["fields"]["dateline"] == "Santiago"
