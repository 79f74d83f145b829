"""Countries: names, short forms, demonyms, capitals used for governments, roles; look-alikes."""

from __future__ import annotations

from datetime import datetime, timezone

from newswire.trade.extract import extract_fields

WHEN = datetime(2026, 3, 4, 12, 0, tzinfo=timezone.utc)


def countries(text: str, title: str = "") -> dict[str, list[str]]:
    return {c.code: list(c.roles) for c in extract_fields(title, text, WHEN).countries}


def test_short_forms_and_demonyms() -> None:
    found = countries("Britain and South Korea signed a pact while Chinese and Dutch exporters waited for "
                      "the U.S. to decide.")
    assert set(found) == {"GB", "KR", "CN", "NL", "US"}


def test_capitals_stand_for_governments() -> None:
    found = countries("Relations between Beijing and Washington cooled, and Ottawa stayed silent.")
    assert set(found) == {"CN", "US", "CA"}


def test_capital_inside_a_longer_name_is_not_the_government() -> None:
    found = countries("TV Tokyo and the Washington Post both carried the interview with a Canadian minister.")
    assert set(found) == {"CA"}


def test_brussels_is_the_eu_not_belgium() -> None:
    fields = extract_fields("", "Brussels said it would answer any new levy within days.", WHEN)
    assert [c.code for c in fields.countries] == []
    assert [o.name for o in fields.organisations] == ["European Union"]


def test_look_alikes_are_not_countries() -> None:
    found = countries("Latin American buyers in New Mexico ordered French fries and Georgia peaches.")
    assert found == {}


def test_imposing_and_targeted_roles() -> None:
    found = countries("Canada imposed 25% tariffs on Chinese electric vehicles on Tuesday.")
    assert "imposing" in found["CA"]
    assert found["CN"] == ["targeted"]


def test_possessive_measure_marks_the_imposer() -> None:
    found = countries("Mexico's retaliatory tariffs hit American pork, and Washington's duties on steel "
                      "from Brazil stay.")
    assert "imposing" in found["MX"]
    assert "imposing" in found["US"]
    assert found["BR"] == ["targeted"]


def test_negotiating_and_venue_roles() -> None:
    found = countries("Indian and Australian negotiators resumed trade talks. Ministers will gather at a "
                      "summit in Singapore next month.")
    assert "negotiating" in found["IN"] and "negotiating" in found["AU"]
    assert found["SG"] == ["venue"]


def test_mentions_are_counted() -> None:
    fields = extract_fields("", "Vietnam sells shoes. Vietnamese factories run hot. Hanoi is pleased.", WHEN)
    assert [(c.code, c.mentions) for c in fields.countries] == [("VN", 3)]


def test_all_capitals_headline_still_names_countries() -> None:
    found = countries("The ministry gave no figure.", title="JAPAN TO CUT TARIFFS ON U.S. BEEF")
    assert {"JP", "US"} <= set(found)


def test_measure_after_a_preposition_is_not_the_country_s_own() -> None:
    found = countries("Ghana held talks with Nigeria over import quotas.")
    assert "imposing" not in found["NG"]
    assert "negotiating" in found["NG"] and "negotiating" in found["GH"]
