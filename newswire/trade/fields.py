"""The key fields of a story (frozen records); ``KeyFields.to_dict()`` is the "fields" object of
schemas/story.v1.json."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Country:
    """A country (ISO 3166-1 alpha-2), its roles in the story and how often it is mentioned."""

    code: str
    name: str
    roles: tuple[str, ...] = ()
    mentions: int = 1


@dataclass(frozen=True, slots=True)
class Person:
    """A person in the news (not a reporter), with title and affiliation when the text gives them."""

    name: str
    title: str | None = None
    affiliation: str | None = None
    country: str | None = None
    mentions: int = 1


@dataclass(frozen=True, slots=True)
class Organisation:
    """An organisation: canonical name, kind (bloc, government, forum...) and ISO country if national."""

    name: str
    kind: str | None = None
    country: str | None = None


@dataclass(frozen=True, slots=True)
class TariffRate:
    """A tariff rate in percent, with the previous rate when the text gives a change."""

    rate: float
    from_rate: float | None
    text: str


@dataclass(frozen=True, slots=True)
class Money:
    """An amount in units of an ISO 4217 currency."""

    amount: float
    currency: str
    text: str


@dataclass(frozen=True, slots=True)
class Product:
    """A product or sector with its Harmonized System chapter (null when it spans many)."""

    name: str
    hs_chapter: int | None


@dataclass(frozen=True, slots=True)
class Event:
    """A dated event; ``date`` is ISO (first day of the week/month/year when ``precision`` is coarser)."""

    text: str
    date: str | None
    kind: str | None = None
    precision: str | None = None


@dataclass(frozen=True, slots=True)
class KeyFields:
    """Everything the extractor pulls out of one story."""

    countries: tuple[Country, ...] = ()
    people: tuple[Person, ...] = ()
    organisations: tuple[Organisation, ...] = ()
    tariff_rates: tuple[TariffRate, ...] = ()
    money: tuple[Money, ...] = ()
    products: tuple[Product, ...] = ()
    actions: tuple[str, ...] = ()
    events: tuple[Event, ...] = ()
    dateline: str | None = None
    agency: str | None = None
    bylines: tuple[str, ...] = field(default=())
    editors: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """The "fields" object of story.v1 (lists instead of tuples)."""
        return {
            "countries": [{"code": c.code, "name": c.name, "roles": list(c.roles), "mentions": c.mentions}
                          for c in self.countries],
            "people": [{"name": p.name, "title": p.title, "affiliation": p.affiliation, "country": p.country,
                        "mentions": p.mentions} for p in self.people],
            "organisations": [{"name": o.name, "kind": o.kind, "country": o.country}
                              for o in self.organisations],
            "tariff_rates": [{"rate": r.rate, "from_rate": r.from_rate, "text": r.text}
                             for r in self.tariff_rates],
            "money": [{"amount": m.amount, "currency": m.currency, "text": m.text} for m in self.money],
            "products": [{"name": p.name, "hs_chapter": p.hs_chapter} for p in self.products],
            "actions": list(self.actions),
            "events": [{"text": e.text, "date": e.date, "kind": e.kind, "precision": e.precision}
                       for e in self.events],
            "dateline": self.dateline,
            "agency": self.agency,
            "bylines": list(self.bylines),
            "editors": list(self.editors),
        }
