"""The seed story (../shared/data/seed/) yields every field DESIGN.md section 1 lists.

Expectations come from DESIGN.md (countries, people, products, the dated event, dateline, agency,
credits) and from public facts about the people named there (their offices); the story text is
read at run time, never copied here. The publication date is a parameter: the event date must
follow it, so the same story dated a year earlier resolves "May 30" to the earlier year.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from newswire.trade.extract import extract_fields
from schemas import load

# Published on a Friday, the day of the third round of talks it reports on.
PUBLISHED = datetime(2025, 5, 23, 6, 30, tzinfo=timezone.utc)

PEOPLE = {  # name -> (words the title must contain, ISO code of the affiliation)
    "Ryosei Akazawa": ("negotiator", "JP"),
    "Scott Bessent": ("Treasury Secretary", "US"),
    "Howard Lutnick": ("Commerce Secretary", "US"),
    "Jamieson Greer": ("Trade Representative", "US"),
    "Shigeru Ishiba": ("Prime Minister", "JP"),
    "Donald Trump": ("President", "US"),
}
PRODUCTS = {"autos": 87, "steel": 72, "shipbuilding": 89, "corn": 10, "soybeans": 12}


def _seed(shared_data: Path) -> tuple[str, str]:
    files = sorted((shared_data / "seed").glob("*.txt"))
    assert files, f"no seed story in {shared_data / 'seed'}"
    title, _, body = files[0].read_text(encoding="utf-8").partition("\n")
    return title.strip(), body


@pytest.fixture(scope="module")
def fields(shared_data: Path) -> dict[str, Any]:
    title, body = _seed(shared_data)
    return extract_fields(title, body, PUBLISHED).to_dict()


def test_fields_match_the_story_schema(fields: dict[str, Any]) -> None:
    schema = load("story")
    validator = Draft202012Validator({"$defs": schema["$defs"], **schema["properties"]["fields"]},
                                     format_checker=FormatChecker())
    assert [e.message for e in validator.iter_errors(fields)] == []


def test_countries_are_japan_united_states_and_canada(fields: dict[str, Any]) -> None:
    codes = {c["code"]: c for c in fields["countries"]}
    assert set(codes) == {"JP", "US", "CA"}
    assert "negotiating" in codes["JP"]["roles"]
    assert "negotiating" in codes["US"]["roles"]
    assert codes["CA"]["roles"] == ["venue"]  # the G7 summit is held there
    assert codes["JP"]["name"] == "Japan" and codes["US"]["name"] == "United States"


def test_people_have_titles_and_affiliations(fields: dict[str, Any]) -> None:
    people = {p["name"]: p for p in fields["people"]}
    for name, (title_words, country) in PEOPLE.items():
        assert name in people, f"{name} missing from {sorted(people)}"
        assert title_words in (people[name]["title"] or ""), people[name]
        assert people[name]["country"] == country, people[name]
    # surname-only mentions are folded into the full name, not listed as extra people
    surnames = {name.split()[-1] for name in PEOPLE}
    assert not surnames & set(people)
    assert people["Ryosei Akazawa"]["mentions"] > 1


def test_products_map_to_hs_chapters(fields: dict[str, Any]) -> None:
    products = {p["name"]: p["hs_chapter"] for p in fields["products"]}
    for name, chapter in PRODUCTS.items():
        assert products.get(name) == chapter, f"{name}: {products}"


def test_fourth_round_of_talks_is_dated_from_publication(fields: dict[str, Any]) -> None:
    talks = [e for e in fields["events"] if "fourth round" in e["text"]]
    assert len(talks) == 1, fields["events"]
    assert talks[0]["date"] == date(PUBLISHED.year, 5, 30).isoformat()
    assert talks[0]["kind"] == "talks"


def test_event_year_follows_publication_year(shared_data: Path) -> None:
    title, body = _seed(shared_data)
    earlier = PUBLISHED.replace(year=PUBLISHED.year - 1)
    events = extract_fields(title, body, earlier).to_dict()["events"]
    talks = [e for e in events if "fourth round" in e["text"]]
    assert [e["date"] for e in talks] == [date(earlier.year, 5, 30).isoformat()]


def test_dateline_agency_and_credits(shared_data: Path, fields: dict[str, Any]) -> None:
    _, body = _seed(shared_data)
    assert fields["dateline"] == "Tokyo"
    assert fields["agency"] == "Reuters"
    assert len(fields["bylines"]) == 2 and len(fields["editors"]) == 2
    assert not set(fields["bylines"]) & set(fields["editors"])
    for name in fields["bylines"] + fields["editors"]:
        assert name in body and len(name.split()) >= 2
    reporters = set(fields["bylines"]) | set(fields["editors"])
    assert not reporters & {p["name"] for p in fields["people"]}


def test_actions_and_organisations(fields: dict[str, Any]) -> None:
    assert {"negotiate", "eliminate", "cut"} <= set(fields["actions"])
    assert "Group of Seven" in {o["name"] for o in fields["organisations"]}
