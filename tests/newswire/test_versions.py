"""Wire headline prefixes -> version markers."""

from __future__ import annotations

import random

import pytest

from newswire.versions import KILL, is_kill_notice, parse_headline, referenced_headline


@pytest.mark.parametrize(
    ("headline", "title", "label", "kind", "number"),
    [
        ("UPDATE 2-Japan envoy heads to Washington", "Japan envoy heads to Washington", "UPDATE 2", "update",
         2),
        ("UPDATE-Port strike ends", "Port strike ends", "UPDATE", "update", None),
        ("REFILE-UPDATE 1-Steel duty raised", "Steel duty raised", "REFILE-UPDATE 1", "update", 1),
        ("CORRECTED-Grain exports fall", "Grain exports fall", "CORRECTED", "correction", None),
        ("CORRECTED-UPDATE 3-Grain exports fall", "Grain exports fall", "CORRECTED-UPDATE 3", "correction",
         3),
        ("REFILE-Chip curbs widened", "Chip curbs widened", "REFILE", "refile", None),
        ("RPT-Chip curbs widened", "Chip curbs widened", "RPT", "refile", None),
        ("(LEAD) S. Korea, Chile sign trade pact", "S. Korea, Chile sign trade pact", "LEAD", "lead", None),
        ("(2nd LD) S. Korea, Chile sign trade pact", "S. Korea, Chile sign trade pact", "LEAD 2", "lead", 2),
        ("WRAPUP 1-Markets slide on tariff fears", "Markets slide on tariff fears", "WRAPUP 1", "wrapup", 1),
        ("KILL - Story on port strike", "Story on port strike", "KILL", "kill", None),
        ("Withdrawn: Story on port strike", "Story on port strike", "WITHDRAWN", "kill", None),
        ("Rice import quota cut - UPDATED", "Rice import quota cut", "UPDATED", "update", None),
    ],
)
def test_parse_headline(headline: str, title: str, label: str, kind: str, number: int | None) -> None:
    stripped, marker = parse_headline(headline)
    assert stripped == title
    assert marker is not None
    assert (marker.label, marker.kind, marker.number) == (label, kind, number)


@pytest.mark.parametrize(
    "headline",
    ["Update on trade talks due Friday", "Corrected figures show exports rose", "Lead negotiator resigns",
     "Withdrawn troops return home", "UPDATE"],
)
def test_ordinary_headlines_have_no_marker(headline: str) -> None:
    assert parse_headline(headline) == (headline, None)


@pytest.mark.parametrize(("kind", "status"), [("UPDATE 1-", "update"), ("CORRECTED-", "correction"),
                                              ("KILL-", "retraction"), ("REFILE-", "update")])
def test_marker_status(kind: str, status: str) -> None:
    marker = parse_headline(f"{kind}Some headline")[1]
    assert marker is not None and marker.status == status


def test_kill_notices_by_headline_or_body() -> None:
    assert is_kill_notice("KILL - Port story", "")
    assert is_kill_notice("Port story", "The story headlined 'Port strike ends' has been withdrawn.")
    assert is_kill_notice("Editors", "Please delete the story from your files.")
    assert not is_kill_notice("Rebels killed in clash", "Three rebels were killed, officials said.")
    assert not is_kill_notice("Tariff bill withdrawn", "The senator withdrew the bill on Monday.")


def test_a_parsed_headline_holds_no_kill_marker_the_first_parse_missed() -> None:
    # normalise_item asks only the body (is_kill_text) once the headline's markers are parsed
    parts = ["UPDATE 2-", "REFILE-", "CORRECTED-", "(LEAD)", "KILL - ", "Kill: ", "WITHDRAWN-", "WRAPUP 1-",
             "(UPDATE 1)", " - UPDATED", " (CORRECTED)", "Port", " story", "KILL", "-", " ", "("]
    rnd = random.Random(11)
    for _ in range(5000):
        headline = "".join(rnd.choice(parts) for _ in range(rnd.randint(0, 6)))
        title, marker = parse_headline(headline)
        if marker is None or marker.kind != KILL:
            again = parse_headline(title)[1]
            assert again is None or again.kind != KILL, headline


def test_referenced_headline() -> None:
    notice = "KILL - Wirewatch story headlined 'Port strike ends after two weeks' is withdrawn"
    assert referenced_headline(notice, "") == "Port strike ends after two weeks"
    quoted = "Story titled \u201cSteel duty raised\u201d withdrawn."
    assert referenced_headline("KILL", quoted) == "Steel duty raised"
    assert referenced_headline("KILL - no quote", "nothing here") is None
