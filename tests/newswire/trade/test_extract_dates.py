"""Dated events: explicit and relative dates resolved from the publication time."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from newswire.trade.extract import extract_fields
from newswire.trade.fields import Event


def events(text: str, published: datetime | str | None) -> list[Event]:
    return list(extract_fields("", text, published).events)


def only(text: str, published: datetime | str | None) -> Event:
    found = events(text, published)
    assert len(found) == 1, found
    return found[0]


def at(y: int, m: int, d: int, hour: int = 12) -> datetime:
    return datetime(y, m, d, hour, tzinfo=timezone.utc)


def test_month_and_day_take_the_publication_year() -> None:
    event = only("Negotiators meet for a fifth round of trade talks on July 14.", at(2026, 7, 1))
    assert (event.text, event.date, event.kind, event.precision) == (
        "fifth round of trade talks", "2026-07-14", "talks", "day")


def test_day_month_order_and_explicit_year() -> None:
    assert only("The deadline is 30 June.", at(2026, 6, 2)).date == "2026-06-30"
    assert only("The deadline is Aug. 1, 2027.", at(2026, 6, 2)).date == "2027-08-01"
    assert only("The deadline is 2026-09-15.", at(2026, 6, 2)).date == "2026-09-15"


def test_bare_date_crosses_the_year_boundary_both_ways() -> None:
    assert only("A summit is planned for Jan. 3.", at(2026, 12, 28)).date == "2027-01-03"
    assert only("The last meeting took place on Dec. 30.", at(2027, 1, 2)).date == "2026-12-30"


def test_next_week_and_next_month_are_periods() -> None:
    published = at(2026, 12, 17)  # a Thursday
    week = only("Officials will visit next week.", published)
    assert (week.date, week.precision) == ("2026-12-21", "week")
    month = only("A summit is due next month.", published)
    assert (month.date, month.precision) == ("2027-01-01", "month")


def test_last_month_in_january_is_december_of_the_previous_year() -> None:
    assert only("The vote last month went badly.", at(2027, 1, 9)).date == "2026-12-01"


def test_weekdays_follow_the_tense() -> None:
    published = at(2026, 3, 4)  # a Wednesday
    assert published.weekday() == 2
    coming = only("The ministers will hold a meeting on Friday.", published)
    assert coming.date == "2026-03-06"
    past = only("The ministers held a meeting on Monday.", published)
    assert past.date == "2026-03-02"
    possessive = only("Officials met ahead of Thursday's ministerial meeting.", published)
    assert possessive.date == "2026-03-05"


def test_weekday_of_a_report_is_not_an_event() -> None:
    assert events("A trip is planned, the ministry said on Tuesday.", at(2026, 3, 4)) == []


def test_relative_days_and_counts() -> None:
    published = at(2026, 2, 27)
    assert only("The tariffs take effect tomorrow.", published).date == "2026-02-28"
    assert only("Tariffs took effect yesterday.", published).date == "2026-02-26"
    assert only("A hearing is set in two weeks.", published).date == (published.date()
                                                                        + timedelta(weeks=2)).isoformat()
    assert only("A deadline falls in 90 days.", published).date == (date(2026, 2, 27)
                                                                    + timedelta(days=90)).isoformat()


def test_this_weekend_and_month_names() -> None:
    published = at(2026, 5, 29)  # a Friday
    assert only("A visit this weekend is planned.", published).date == "2026-05-30"
    june = only("A summit in June will settle it.", published)
    assert (june.date, june.precision) == ("2026-06-01", "month")


def test_published_at_as_text_and_missing() -> None:
    assert only("The deadline is tomorrow.", "2026-04-30T23:00:00Z").date == "2026-05-01"
    # the local date of the publication time counts
    assert only("The deadline is tomorrow.", "2026-05-01T08:00:00+09:00").date == "2026-05-02"
    assert events("The deadline is tomorrow.", None) == []
    assert only("The deadline is May 4, 2026.", None).date == "2026-05-04"


def test_naive_publication_time_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        extract_fields("", "The deadline is tomorrow.", datetime(2026, 5, 1))


def test_event_kinds() -> None:
    found = events("Leaders met at the G20 summit on Sunday, after a phone call on Saturday. New duties "
                   "take effect on March 12 and both sides will sign a trade deal on March 20.",
                   at(2026, 3, 9))
    kinds = {(e.kind, e.date) for e in found}
    assert ("summit", "2026-03-08") in kinds
    assert ("call", "2026-03-07") in kinds
    assert ("effective", "2026-03-12") in kinds
    assert ("signing", "2026-03-20") in kinds


def test_count_words_with_look_alike_letters() -> None:
    # the case-blind pattern lets the long s through: it is folded to "six", and a count word
    # that folds to no known number gives a mention without a date instead of an error
    assert only("Talks resume in ſix weeks.", at(2026, 5, 1)).date == "2026-06-12"
    fields = extract_fields("Talks", "Officials said talks would resume in fİve weeks.", at(2026, 5, 1))
    assert fields.events == ()  # raised ValueError before
