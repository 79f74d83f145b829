"""Datelines of several agencies, agency hints, by-lines and editor credits."""

from __future__ import annotations

import pytest

from newswire.trade.extract import extract_fields
from newswire.trade.wire import split_wire


@pytest.mark.parametrize(("body", "place", "agency"), [
    ("SEOUL, March 3 (Reuters) - South Korea said on Tuesday it would appeal.", "Seoul", "Reuters"),
    ("WASHINGTON (AP) — The Senate voted late Monday to keep the quota.", "Washington", "AP"),
    ("Nairobi (AFP) - Kenya will lift a ban on maize imports, officials said.", "Nairobi", "AFP"),
    ("NEW DELHI, Jan 9 (Reuters) – India cut duties on almonds.", "New Delhi", "Reuters"),
    ("SAO PAULO, Brazil (AP) — Coffee exporters cheered the deal.", "Sao Paulo", "AP"),
    ("OTTAWA, March 3 - Canada's trade surplus narrowed in January.\nReuter", "Ottawa", "Reuters"),
    ("BRUSSELS/BEIJING (Reuters) - The two sides met again.", "Brussels/Beijing", "Reuters"),
])
def test_datelines(body: str, place: str, agency: str) -> None:
    fields = extract_fields("", body, None)
    assert (fields.dateline, fields.agency) == (place, agency)


def test_bloomberg_opening_has_agency_but_no_place() -> None:
    fields = extract_fields("", "(Bloomberg) -- Copper rose after Chile cut exports.", None)
    assert (fields.dateline, fields.agency) == (None, "Bloomberg")


def test_text_that_only_looks_like_a_dateline() -> None:
    fields = extract_fields("", "US-China talks resumed - with low hopes - on Monday.", None)
    assert fields.dateline is None and fields.agency is None


def test_agency_hint_fills_in_and_is_normalised() -> None:
    assert extract_fields("", "Tariffs went up.", None, agency_hint="Associated Press").agency == "AP"
    assert extract_fields("", "Tariffs went up.", None, agency_hint="Kyodo News").agency == "Kyodo"
    assert extract_fields("", "LIMA (Reuters) - Tariffs went up.", None, agency_hint="AP").agency == "Reuters"


def test_reuters_credits() -> None:
    body = ("Steel prices rose.\n\n(Reporting by Ana Pereira in Lisbon and Jonas Weber in Berlin; "
            "Additional reporting by Mei Lin; Writing by Sam Doyle; Editing by Kate Marsh and Ian Price)")
    parts = split_wire(body)
    assert parts.bylines == ("Ana Pereira", "Jonas Weber", "Mei Lin", "Sam Doyle")
    assert parts.editors == ("Kate Marsh", "Ian Price")
    assert parts.body == "Steel prices rose."


def test_by_line_at_the_top_and_ap_contributors() -> None:
    body = ("By RUTH OKONJO and Dev Patel\n\nLAGOS, Nigeria (AP) — Port fees doubled.\n\n"
            "Associated Press writer Lucia Gomez in Mexico City contributed to this report.")
    parts = split_wire(body)
    assert parts.bylines == ("Ruth Okonjo", "Dev Patel", "Lucia Gomez")
    assert (parts.dateline, parts.agency) == ("Lagos", "AP")
    assert parts.body == "Port fees doubled."
