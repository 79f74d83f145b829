"""Every supported format, encodings and hostile input, parsed from the fixture files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from connectors.formats import FeedError, decode_body, parse_feed
from connectors.normalise import Source, canonical_url, item_id
from schemas import errors

FETCHED = "2025-06-10T12:00:00Z"


def parse(fixtures: Path, name: str, feed_url: str | None = None):
    source = Source(feed_url or f"https://feeds.example/{name}", name, "Publisher", "Agency", ("t",))
    return parse_feed((fixtures / name).read_bytes(), source, fetched_at=FETCHED)


@pytest.mark.parametrize(
    ("name", "feed_format", "count"),
    [
        ("rss20.xml", "rss20", 3),
        ("rss10.rdf", "rss10", 2),
        ("rss091.xml", "rss09x", 2),
        ("rss092.xml", "rss09x", 1),
        ("atom10.xml", "atom10", 2),
        ("atom03.xml", "atom03", 1),
        ("jsonfeed.json", "jsonfeed", 3),
        ("ninjs.json", "ninjs", 2),
        ("latin1.xml", "rss20", 1),
    ],
)
def test_every_format_gives_schema_valid_records(
    fixtures: Path, name: str, feed_format: str, count: int
) -> None:
    parsed = parse(fixtures, name)
    assert parsed.format == feed_format
    assert len(parsed.items) == count
    for record in parsed.items:
        assert errors("raw_item", record) == []
        assert record["source"] == {"feed_url": f"https://feeds.example/{name}", "name": name,
                                    "publisher": "Publisher", "agency": "Agency", "format": feed_format,
                                    "tags": ["t"]}
        assert record["fetched_at"] == FETCHED
    assert len({r["id"] for r in parsed.items}) == count


def test_rss20_fields(fixtures: Path) -> None:
    items = {r["guid"]: r for r in parse(fixtures, "rss20.xml").items if r["guid"]}
    first = items["harbour-wire:trade:20250602:0001"]
    assert first["url"] == "https://wire.example.org/trade/2025/06/02/bicycle-duties?id=7"
    assert first["published_at"] == "2025-06-02T06:30:00Z"
    assert first["updated_at"] is None
    assert first["authors"] == ["Mira Olsen"]
    assert first["categories"] == ["Tariffs", "Northland"]
    assert first["language"] == "en-gb"
    assert first["content"].startswith("<p>OSTRAVIK, June 2")
    assert first["summary"].startswith("The finance ministry")
    assert first["id"] == item_id("harbour-wire:trade:20250602:0001", None)


def test_script_is_carried_as_data(fixtures: Path) -> None:
    strike = next(r for r in parse(fixtures, "rss20.xml").items if "Port strike" in r["title"])
    assert strike["title"] == '<script>alert("title")</script> Port strike halts grain exports'
    assert '<script>document.title="x"</script>' in strike["summary"]
    assert strike["url"] == "https://wire.example.org/trade/2025/06/01/port-strike"  # fragment dropped


def test_item_without_guid_is_keyed_by_canonical_url(fixtures: Path) -> None:
    undated = next(r for r in parse(fixtures, "rss20.xml").items if r["guid"] is None)
    assert undated["url"] == "https://wire.example.org/trade/notices/export-licences?page=2"
    assert undated["id"] == item_id(None, undated["url"])
    assert undated["published_at"] is None and undated["updated_at"] is None  # never invented


def test_rss09x_canonical_links(fixtures: Path) -> None:
    urls = [r["url"] for r in parse(fixtures, "rss091.xml").items]
    assert "http://olddesk.example.com/story/shipping-rates?a=1&b=2" in urls


def test_rss10_dates_and_update_period(fixtures: Path) -> None:
    parsed = parse(fixtures, "rss10.rdf")
    assert parsed.interval_hint == 86400 / 4
    first = parsed.items[0]
    assert first["published_at"] == "2025-06-03T07:15:00Z"
    assert first["authors"] == ["Zollamt Süd"]
    assert first["title"] == "Zollsätze für Stahlrohre angepasst"


def test_atom10_fields(fixtures: Path) -> None:
    items = parse(fixtures, "atom10.xml").items
    steel = items[0]
    assert steel["url"] == "https://depeches.example.fr/commerce/2025/06/acier-geneve"  # xml:base
    assert steel["published_at"] == "2025-06-04T04:45:00Z"
    assert steel["updated_at"] == "2025-06-04T06:10:00Z"
    assert steel["authors"] == ["Claire Vasseur", "Paul Ndiaye"]
    assert steel["categories"] == ["acier", "OMC"]
    assert steel["language"] == "fr"
    assert steel["summary"] == "Les délégations se retrouvent lundi."
    provisional = items[1]
    assert provisional["summary"] is None  # feedparser's copy of <content> is not a summary
    assert provisional["published_at"] is None
    assert provisional["url"] == "https://depeches.example.fr/commerce/2025/06/accord-provisoire"
    assert provisional["language"] == "fr-ca"


def test_atom03_dates(fixtures: Path) -> None:
    (item,) = parse(fixtures, "atom03.xml").items
    assert item["published_at"] == "2025-05-30T04:30:00Z"
    assert item["updated_at"] == "2025-05-30T11:00:00Z"
    assert item["content"] == "<p>The ban will run until the end of August.</p>"


def test_jsonfeed_fields_and_bad_items(fixtures: Path) -> None:
    parsed = parse(fixtures, "jsonfeed.json")
    first, numeric, untitled = parsed.items
    assert first["url"] == "https://quayside.example.com/brief/lumber-quota?ref=home"
    assert first["published_at"] == "2025-06-01T18:00:00Z"
    assert first["updated_at"] == "2025-06-01T20:30:00Z"
    assert first["language"] == "en-ca"
    assert first["categories"] == ["lumber", "quotas"]
    assert numeric["guid"] == "20250602"
    assert numeric["authors"] == ["Quayside Desk"]  # feed-level authors
    assert numeric["content"] == "Fertiliser exporters welcomed the lower levy."
    assert untitled["guid"] is None and untitled["url"] is None
    (rejected,) = parsed.rejected
    assert rejected.reason == "bad_item" and rejected.stage == "connector"
    assert errors("dead_letter", rejected.to_dict()) == []


def test_ninjs_both_generations(fixtures: Path) -> None:
    v2, v1 = parse(fixtures, "ninjs.json").items
    assert v2["title"] == "Ministers agree to cut tariffs on medical gloves"
    assert v2["summary"] == "A regional pact removes duties on gloves."
    assert v2["url"] == "https://agency.example/stories/wire-0042"
    assert v2["authors"] == ["Ana Ruiz"]
    assert v2["categories"] == ["tariffs", "medtop:20000349"]
    assert (v2["published_at"], v2["updated_at"]) == ("2025-06-05T06:00:00Z", "2025-06-05T06:20:00Z")
    assert v1["title"].startswith("Chip export curbs")
    assert v1["authors"] == ["Lee Harmon"]
    assert v1["published_at"] is None and v1["updated_at"] == "2025-06-05T06:00:00Z"


def test_single_ninjs_object_and_wrappers() -> None:
    source = Source("https://feeds.example/n", "n")
    item = b'{"uri": "urn:x:1", "type": "text", "headline": "H"}'
    assert len(parse_feed(item, source, fetched_at=FETCHED).items) == 1
    wrapped = b'{"data": {"items": [{"item": {"uri": "urn:x:2", "type": "text", "headline": "H2"}}]}}'
    assert parse_feed(wrapped, source, fetched_at=FETCHED).items[0]["guid"] == "urn:x:2"


@pytest.mark.parametrize(
    ("name", "word"),
    [("latin1.xml", "Exportações de cortiça"), ("latin1-undeclared.xml", "Exportações de azeite"),
     ("utf8-declared-latin1.xml", "Exportações de calçado")],
)
def test_encodings(fixtures: Path, name: str, word: str) -> None:
    (item,) = parse(fixtures, name).items
    assert item["title"].startswith(word)
    assert "\ufffd" not in item["title"] and "Ã" not in item["title"]


def test_decode_body_rules() -> None:
    text = "Zoll für Käse"
    assert decode_body(text.encode("utf-8"))[0] == text
    assert decode_body(text.encode("latin-1"), "text/xml; charset=ISO-8859-1")[0] == text
    assert decode_body(text.encode("cp1252"))[1] == "windows-1252"
    assert decode_body("\ufeff<rss/>".encode("utf-16"))[0].endswith("<rss/>")


def test_ill_formed_xml_recovers_what_it_can(fixtures: Path) -> None:
    parsed = parse(fixtures, "broken.xml")
    assert [r["guid"] for r in parsed.items] == ["careless-0001"]
    assert parsed.items[0]["title"] == "Tariffs & quotas: an unescaped ampersand"
    assert any("ill-formed" in w for w in parsed.warnings)
    assert all(d.reason == "no_identity" for d in parsed.rejected)


@pytest.mark.parametrize(
    ("name", "reason"),
    [("garbage.xml", "bad_xml"), ("page.html", "not_a_feed"), ("notfeed.json", "not_a_feed")],
)
def test_not_a_feed(fixtures: Path, name: str, reason: str) -> None:
    with pytest.raises(FeedError) as caught:
        parse(fixtures, name)
    assert caught.value.reason == reason


@pytest.mark.parametrize(("body", "reason"), [(b"", "empty_body"), (b"  \n", "empty_body"),
                                              (b"{oops", "bad_json"), (b"<rss", "bad_xml")])
def test_bad_bodies(body: bytes, reason: str) -> None:
    with pytest.raises(FeedError) as caught:
        parse_feed(body, Source("https://feeds.example/x", "x"), fetched_at=FETCHED)
    assert caught.value.reason == reason


def test_a_body_naming_a_file_is_not_opened(fixtures: Path) -> None:
    # feedparser opens a *string* argument as a path or URL; we only ever hand it a byte stream
    path = str(fixtures / "rss20.xml").encode()
    with pytest.raises(FeedError):
        parse_feed(path, Source("https://feeds.example/x", "x"), fetched_at=FETCHED)


def test_external_entities_are_not_resolved(fixtures: Path, tmp_path: Path, feed_server) -> None:
    secret = tmp_path / "secret.txt"
    marker = "SECRET-" + tmp_path.name
    secret.write_text(marker)
    template = (fixtures / "xxe.xml.tmpl").read_text()
    body = template.replace("{file_uri}", secret.as_uri()).replace("{http_uri}", feed_server.url("/entity"))
    parsed = parse_feed(body.encode(), Source("https://feeds.example/x", "x"), fetched_at=FETCHED)
    text = repr(parsed)
    assert marker not in text
    assert feed_server.hits_for("/entity") == []
    assert [r["guid"] for r in parsed.items] == ["trap-0001"]
    assert parsed.items[0]["url"] is None  # a non-URL guid is not a link


def test_canonical_urls_of_every_fixture_are_fixed_points(fixtures: Path) -> None:
    for name in ("rss20.xml", "atom10.xml", "jsonfeed.json", "ninjs.json"):
        for record in parse(fixtures, name).items:
            if record["url"]:
                assert canonical_url(record["url"]) == record["url"]
                assert not re.search(r"[?&](utm_|fbclid|gclid|mc_cid)", record["url"])
