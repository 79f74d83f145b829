"""Products mapped to HS chapters, trade actions, organisations."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from newswire.trade.extract import extract_fields

WHEN = datetime(2026, 3, 4, 12, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Duties on cars and auto parts rise.", {"autos": 87}),
    ("Curbs on aluminum and steel stay.", {"aluminium": 76, "steel": 72}),
    ("Export controls target advanced chips and chipmaking equipment.",
     {"semiconductors": 85, "chipmaking equipment": 84}),
    ("Buyers cancelled soybean and corn cargoes but kept wheat.", {"soybeans": 12, "corn": 10, "wheat": 10}),
    ("The yard builds ships; shipbuilding orders doubled.", {"ships": 89, "shipbuilding": 89}),
    ("Palm oil and crude oil both fell.", {"vegetable oils": 15, "energy": 27}),
    ("Textiles and rare earths were listed.", {"textiles": None, "rare earths": 28}),
])
def test_products(sentence: str, expected: dict[str, int | None]) -> None:
    found = {p.name: p.hs_chapter for p in extract_fields("", sentence, WHEN).products}
    assert found == expected


def test_look_alike_phrases_are_not_products() -> None:
    text = "Blue chips rallied and the minister did chip in with a gold medal joke."
    fields = extract_fields("", text, WHEN)
    assert fields.products == ()


def test_actions_need_a_trade_measure_except_negotiation() -> None:
    fields = extract_fields("", "The firm will cut jobs. Seoul threatened retaliatory tariffs and later "
                            "suspended the duties, but negotiators kept talking.", WHEN)
    assert fields.actions == ("threaten", "retaliate", "suspend", "negotiate")


def test_action_word_forms() -> None:
    fields = extract_fields("", "Washington slapped tariffs on bikes. It hiked duties, then scrapped the "
                            "quota and granted an exemption.", WHEN)
    assert fields.actions == ("impose", "raise", "eliminate", "exempt")


def test_organisations_known_and_generic() -> None:
    fields = extract_fields("", "The WTO and the European Commission heard from Japan's Finance Ministry, "
                            "USTR and Hyundai Motor Co.", WHEN)
    found = {o.name: (o.kind, o.country) for o in fields.organisations}
    assert found["World Trade Organization"] == ("intergovernmental", None)
    assert found["European Commission"][1] is None
    assert found["Finance Ministry"] == ("government", "JP")
    assert found["Office of the U.S. Trade Representative"] == ("government", "US")
    assert found["Hyundai Motor Co"][0] == "company"
