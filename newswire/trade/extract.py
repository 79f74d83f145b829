"""Extract the key fields of a story: countries, people, organisations, tariff rates, money, products,
actions, dated events, dateline, agency, bylines and editors (plain Python, no Beam).

>>> fields = extract_fields(title, body, published_at)
>>> fields.to_dict()["countries"]
[{"code": "JP", "name": "Japan", "roles": ["negotiating"], "mentions": 4}, ...]

Each field type lives in its own module (countries, people, organisations, amounts, products,
dates, wire); this module only runs them in order over one tokenisation of the story.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import datetime, timezone

from newswire.trade._text import fold, key, sentence_starts, tokenize
from newswire.trade.amounts import find_money, find_tariff_rates
from newswire.trade.countries import country_mentions, find_countries
from newswire.trade.dates import event_sentences, find_dates, find_events
from newswire.trade.fields import KeyFields, Money, TariffRate
from newswire.trade.gazetteer import Match, find_matches, gazetteer
from newswire.trade.organisations import find_organisations
from newswire.trade.people import find_people
from newswire.trade.products import find_actions, find_products
from newswire.trade.wire import split_wire

__all__ = ["KeyFields", "extract_fields", "publication_time"]

_INITIALS = re.compile(r"^(?:[A-Z]\.)+$")


def _calm(title: str) -> str:
    """An all-capitals headline in ordinary capitalisation ("JAPAN'S U.S. TALKS" -> "Japan's U.S. Talks")."""
    if not title or any(map(str.islower, title)):
        return title
    return " ".join(w if "." in w and _INITIALS.match(w) else w[:1] + w[1:].lower() for w in title.split(" "))


def _unique_rates(rates: list[TariffRate]) -> tuple[TariffRate, ...]:
    seen: dict[tuple[float, float | None], TariffRate] = {}
    for rate in rates:
        seen.setdefault((rate.rate, rate.from_rate), rate)
    return tuple(seen.values())


def _unique_money(amounts: list[Money]) -> tuple[Money, ...]:
    seen: dict[tuple[float, str], Money] = {}
    for money in amounts:
        seen.setdefault((money.amount, money.currency), money)
    return tuple(seen.values())


def publication_time(value: datetime | str | None) -> datetime | None:
    """``published_at`` as an aware datetime: ISO 8601 text is parsed (no offset means UTC, as in the
    raw-item schema); a naive datetime is refused."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"published_at is not an ISO 8601 time: {value!r}") from None
        return moment if moment.utcoffset() is not None else moment.replace(tzinfo=timezone.utc)
    if value.utcoffset() is None:
        raise ValueError("published_at must be timezone-aware")
    return value


def extract_fields(title: str, text: str, published_at: datetime | str | None, *,
                   agency_hint: str | None = None) -> KeyFields:
    """Key fields of one story; relative dates resolve against the local date of ``published_at``
    (an aware datetime or ISO 8601 text)."""
    published_at = publication_time(published_at)
    wire = split_wire(text or "", agency_hint=agency_hint)
    shouting = bool(title) and not any(map(str.islower, title))
    headline = _calm(title or "")
    combined = f"{headline}\n\n{wire.body}" if headline else wire.body
    starts = sentence_starts(combined)
    tokens = tokenize(combined, starts)
    matches = find_matches(tokens)
    mentions = country_mentions(tokens, matches)

    # people and organisations need real capitalisation: skip an all-capitals headline
    entity_tokens, entity_matches = tokens, matches
    if shouting:
        skip = bisect_left(tokens.starts, len(headline) + 2)  # the first token of the body
        entity_tokens = tokens.since(skip)
        entity_matches = [Match(m.first - skip, m.last - skip, m.entry) for m in matches if m.first >= skip]
    people, used = find_people(combined, entity_tokens, entity_matches)
    organisations = find_organisations(combined, entity_tokens, entity_matches, used)

    spans = list(zip(starts, [*starts[1:], len(combined)], strict=True))
    anchor = published_at.date() if published_at is not None else None
    folded = fold(combined)
    dates = find_dates(combined, tokens, spans, anchor, folded, event_sentences(tokens))
    countries = find_countries(tokens, mentions)
    context = [c.code for c in countries]
    home = gazetteer().get(key(wire.dateline.split("/")[0])) if wire.dateline else None
    if home is not None and home.code:
        context.insert(0, home.code)
    return KeyFields(
        countries=tuple(countries),
        people=tuple(people),
        organisations=tuple(organisations),
        tariff_rates=_unique_rates(find_tariff_rates(combined, spans, folded)),
        money=_unique_money(find_money(combined, tokens, context)),
        products=tuple(find_products(tokens)),
        actions=tuple(find_actions(tokens)),
        events=tuple(find_events(combined, tokens, dates)),
        dateline=wire.dateline,
        agency=wire.agency,
        bylines=wire.bylines,
        editors=wire.editors,
    )
