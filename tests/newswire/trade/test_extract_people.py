"""People: titles before the name, appositions, "X said", surname-only mentions, reporters left out."""

from __future__ import annotations

from datetime import datetime, timezone

from newswire.trade.extract import extract_fields
from newswire.trade.fields import Person

WHEN = datetime(2026, 3, 4, 12, 0, tzinfo=timezone.utc)


def people(text: str) -> dict[str, Person]:
    return {p.name: p for p in extract_fields("", text, WHEN).people}


def test_affiliation_and_title_before_the_name() -> None:
    found = people("Brazilian Finance Minister Rosa Almeida met Canada's chief trade negotiator "
                   "Omar Lindqvist and European Commission President Greta Vandersteen on Monday.")
    assert found["Rosa Almeida"].title == "Finance Minister"
    assert found["Rosa Almeida"].country == "BR"
    assert found["Rosa Almeida"].affiliation == "Brazil"
    assert found["Omar Lindqvist"].title == "chief trade negotiator"
    assert found["Omar Lindqvist"].country == "CA"
    assert found["Greta Vandersteen"].affiliation == "European Commission"
    assert found["Greta Vandersteen"].country is None


def test_surname_only_mentions_resolve_to_the_full_name() -> None:
    found = people("Trade Minister Hana Kowalczyk arrived late. Kowalczyk said the offer was fair. "
                   "Minister Kowalczyk later left.")
    assert list(found) == ["Hana Kowalczyk"]
    assert found["Hana Kowalczyk"].mentions == 3
    assert found["Hana Kowalczyk"].title == "Trade Minister"


def test_apposition_gives_the_title() -> None:
    found = people("Idris Mwangi, Kenya's trade secretary, said the quota would stay.")
    assert found["Idris Mwangi"].title == "trade secretary"
    assert found["Idris Mwangi"].country == "KE"


def test_title_with_of_before_the_name() -> None:
    found = people("Secretary of State Lena Okafor will travel to Seoul.")
    assert found["Lena Okafor"].title == "Secretary of State"


def test_name_with_particle() -> None:
    found = people("Dutch Trade Minister Pieter van der Berg opened the fair.")
    assert "Pieter van der Berg" in found
    assert found["Pieter van der Berg"].country == "NL"


def test_speaker_without_title() -> None:
    found = people("\"We will not blink,\" said Marta Ruiz, adding that talks would go on. Tomasz Brandt "
                   "said he agreed.")
    assert {"Marta Ruiz", "Tomasz Brandt"} <= set(found)
    assert found["Tomasz Brandt"].title is None


def test_companies_and_places_are_not_people() -> None:
    found = people("General Motors and Prime Minister Aiko Tanabe discussed quotas in New Delhi.")
    assert list(found) == ["Aiko Tanabe"]


def test_reporters_are_credits_not_people() -> None:
    fields = extract_fields("", "Commerce Minister Ravi Menon said exports rose.\n\n"
                            "(Reporting by Julia Stern; Editing by Paul Okoro)", WHEN)
    assert [p.name for p in fields.people] == ["Ravi Menon"]
    assert fields.bylines == ("Julia Stern",) and fields.editors == ("Paul Okoro",)


def test_abbreviated_titles() -> None:
    found = people("An amendment by Sen. Dora Whitfield failed.")
    assert found["Dora Whitfield"].title == "Sen."


def test_trade_rounds_are_not_their_host_countries() -> None:
    fields = extract_fields("", "Talks in the Uruguay Round stalled over farm subsidies.", WHEN)
    assert fields.countries == ()
    assert [o.name for o in fields.organisations] == ["Uruguay Round"]


def test_hyphenated_title_and_treaty_names() -> None:
    found = people("Lin Mei-Hua, vice-chairman of the planning council, spoke as the General Agreement of "
                   "Tariffs and Trade met.")
    assert found["Lin Mei-Hua"].title == "vice-chairman"
    assert list(found) == ["Lin Mei-Hua"]


def test_words_of_a_longer_title_are_not_a_person() -> None:
    found = people("The visiting team was led by Deputy Trade Representative Corinne Vasquez, while "
                   "Deputy Prime Minister Olaf Brenner stayed home.")
    assert list(found) == ["Corinne Vasquez", "Olaf Brenner"]
    assert found["Corinne Vasquez"].title == "Deputy Trade Representative"
    assert found["Olaf Brenner"].title == "Deputy Prime Minister"


def test_portfolio_after_of_belongs_to_the_title() -> None:
    found = people("Norway's Minister of International Development Ingrid Solheimsen said on Tuesday that "
                   "Chancellor of the Exchequer Rupert Ashdown and Minister of Social Affairs Joost van Dijk "
                   "would attend.")
    assert list(found) == ["Ingrid Solheimsen", "Rupert Ashdown", "Joost van Dijk"]
    assert found["Ingrid Solheimsen"].title == "Minister of International Development"
    assert found["Ingrid Solheimsen"].country == "NO"
    assert found["Rupert Ashdown"].title == "Chancellor of the Exchequer"
    assert found["Joost van Dijk"].title == "Minister of Social Affairs"


def test_bodies_that_speak_are_not_people() -> None:
    found = people("The Federal Office for Economic Affairs said on Monday that exports rose, the chairman "
                   "of the Regional Dairy Board said the quota was too low, and a buyer at Verity Plastics "
                   "said little.")
    assert found == {}


def test_portfolio_after_for_and_joined_by_and() -> None:
    found = people("Under Secretary for Industry and Security Noor Haddad said the rule was final. A "
                   "spokesman for Chancellor Edda Falk declined to comment, and Secretary of State Ivo Marsh "
                   "and Undersecretary of State Lea Brandt flew to Rome.")
    assert list(found) == ["Noor Haddad", "Edda Falk", "Ivo Marsh", "Lea Brandt"]
    assert found["Noor Haddad"].title == "Under Secretary for Industry and Security"
    assert found["Edda Falk"].title == "Chancellor"
    assert found["Ivo Marsh"].title == "Secretary of State"
    assert found["Lea Brandt"].title == "Undersecretary of State"


def test_a_later_mention_without_the_first_name_joins_the_full_name() -> None:
    found = people("Trade Minister Karel van Houten signed the order. Van Houten told reporters it was "
                   "overdue, and Energy Minister Luis Ortega Salgado agreed. Ortega Salgado said more "
                   "would follow.")
    assert list(found) == ["Karel van Houten", "Luis Ortega Salgado"]
    assert found["Karel van Houten"].mentions == 2
    assert found["Luis Ortega Salgado"].mentions == 2


def test_companies_named_after_a_company_word_are_not_speakers() -> None:
    found = people("Chipmaker Fenwick Micro said orders fell, and equipment maker Harlow Systems said "
                   "it would cut jobs, but central bank policymaker Ruth Keller said demand held up.")
    assert list(found) == ["Ruth Keller"]
