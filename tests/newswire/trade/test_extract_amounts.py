"""Tariff rates (%, percent, pct, changes) and money with currencies."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from newswire.trade.extract import extract_fields

WHEN = datetime(2026, 3, 4, 12, 0, tzinfo=timezone.utc)


def rates(text: str) -> list[tuple[float, float | None]]:
    return [(r.rate, r.from_rate) for r in extract_fields("", text, WHEN).tariff_rates]


def money(text: str) -> list[tuple[float, str]]:
    return [(m.amount, m.currency) for m in extract_fields("", text, WHEN).money]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The tariff on bicycles is 25%.", [(25.0, None)]),
    ("Ottawa set a 15 percent duty on imported cheese.", [(15.0, None)]),
    ("The levy rises to 7.5 per cent next year.", [(7.5, None)]),
    ("Washington raised tariffs on pumps from 10% to 25%.", [(25.0, 10.0)]),
    ("The duty was cut from 20 to 12.5 percent.", [(12.5, 20.0)]),
    ("Tariffs on tyres climb to 40% from 30% in June.", [(40.0, 30.0)]),
    ("Anti-dumping margins of 48.3 pct were found.", [(48.3, None)]),
])
def test_tariff_rates(sentence: str, expected: list[tuple[float, float | None]]) -> None:
    assert rates(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "Exports grew 4% in the quarter, the statistics office said.",
    "Tariffs now cover 60% of imports.",
    "The central bank raised its rate by 0.25 percentage point.",
    "Tariffs were raised by 10% on Monday.",
    "The tariff row deepened. Unemployment fell to 3.9% in a separate report on the labour market "
    "that came out the same morning.",
])
def test_percentages_that_are_not_tariff_rates(sentence: str) -> None:
    assert rates(sentence) == []


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Tokyo pledged $550 billion in investment.", [(550e9, "USD")]),
    ("The fund holds 1.2 trillion yen.", [(1.2e12, "JPY")]),
    ("Brussels listed 21 billion euros of goods and €3.5bn more.", [(21e9, "EUR"), (3.5e9, "EUR")]),
    ("Sales reached 300 mln dlrs last year.", [(300e6, "USD")]),
    ("Seoul offered 2 trillion won and 1,500 yuan.", [(2e12, "KRW"), (1500.0, "CNY")]),
    ("The mill booked 40 million Canadian dollars and US$1.5 million.", [(40e6, "CAD"), (1.5e6, "USD")]),
    ("London paid £20m for 5 million pounds of beef.", [(20e6, "GBP")]),
])
def test_money(sentence: str, expected: list[tuple[float, str]]) -> None:
    assert money(sentence) == expected


def test_shared_currency_words_follow_the_story_country() -> None:
    paris = extract_fields("", "PARIS, March 2 - The surplus reached 25 billion francs.", WHEN).money
    geneva = extract_fields("", "GENEVA, March 2 - Switzerland booked 3 billion francs.", WHEN).money
    assert [m.currency for m in paris] == ["FRF"]
    assert [m.currency for m in geneva] == ["CHF"]


def test_old_wire_abbreviations() -> None:
    assert money("Exports were 119.1 mln N.Z. Dlrs and 2.5 billion Canadian dlrs.") == [
        (119.1e6, "NZD"), (2.5e9, "CAD")]
