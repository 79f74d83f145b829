"""Render the demo's sample wire feeds and expected.json from catalog.py.

The stories live in catalog.py (written for this project; every person, firm and quote is
invented). This script turns them into feed files in five formats plus one broken feed, a
second revision of one feed (feeds/rev2/), and expected.json, the ground truth that the
pipeline's demo and tests check against. Output is deterministic: run it after editing the
catalog and commit the result.

    python deploy/demo/build_feeds.py           # rewrite deploy/demo/feeds/ and expected.json
    python deploy/demo/build_feeds.py --check   # exit 1 if the files differ from the catalog
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import re
import sys
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import catalog  # noqa: E402  (the story data, next to this script)
from catalog import Edit, Story  # noqa: E402

BUILT_AT = datetime(2026, 6, 5, 0, 0, tzinfo=timezone.utc)  # lastBuildDate / updated of the feeds


@dataclass(frozen=True)
class Feed:
    """One feed file of the demo and what feeds.toml says about it."""

    name: str
    path: str  # relative to deploy/demo/feeds/
    format: str  # the raw item's source.format
    title: str
    publisher: str
    agency: str
    domain: str
    section: str
    encoding: str = "utf-8"
    broken: str | None = None  # why the connector must reject it


FEEDS = {f.name: f for f in [
    Feed("harbor-ledger", "harbor-ledger.rss", "rss20", "Harbor Ledger - World and Business", "Harbor Ledger",
         "Wirewatch", "harborledger.example", "world"),
    Feed("northgate-times", "northgate-times.rss", "rss20", "Northgate Times: Latest", "Northgate Times",
         "Meridian Press", "northgatetimes.example", "news"),
    Feed("capital-bulletin", "capital-bulletin.atom", "atom10", "Capital Bulletin", "Capital Bulletin",
         "Continental News Service", "capitalbulletin.example", "wire"),
    Feed("pacific-digest", "pacific-digest.json", "jsonfeed", "Pacific Wire Digest", "Pacific Wire Digest",
         "Pacific Newsline", "pacificwiredigest.example", "stories"),
    Feed("wirewatch", "wirewatch.ninjs.json", "ninjs", "Wirewatch agency service", "Wirewatch", "Wirewatch",
         "wirewatch.example", "item"),
    Feed("iberia-review", "iberia-review.rss", "rss20", "Iberia Business Review (English edition)",
         "Iberia Business Review", "Continental News Service", "iberiareview.example", "en",
         encoding="iso-8859-1"),
    Feed("midland-courier", "midland-courier.rss", "rss20", "Midland Courier", "Midland Courier", "Wirewatch",
         "midlandcourier.example", "news", broken="not_a_feed: an HTML maintenance page is served instead"),
]}
REV2_FEED = "harbor-ledger"


@dataclass
class Item:
    """One entry of one feed file, fully resolved."""

    feed: str
    guid: str
    url: str
    title: str
    paragraphs: list[str]
    published: datetime
    authors: list[str]
    category: str
    kind: str  # original, exact_duplicate, near_duplicate, version, kill, revision
    group: str
    version: int
    trade: bool
    subtopics: tuple[str, ...]
    story: str
    how: str | None = None  # exact_duplicate: guid / url / content; version: UPDATE 1, REFILE...
    updated: datetime | None = None
    pubstatus: str = "usable"
    hard_negative: str | None = None
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def summary(self) -> str:
        first = self.paragraphs[0]
        return first if len(first) <= 300 else first[: first.rfind(" ", 0, 297)] + "..."

    @property
    def html(self) -> str:
        return "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in self.paragraphs)


# --- resolving the catalog into items ----------------------------------------------------------


def _when(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"catalog time without a time zone: {text}")
    return moment


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:70]


def _url(feed: Feed, when: datetime, title: str) -> str:
    return f"https://{feed.domain}/{feed.section}/{when:%Y/%m/%d}/{_slug(title)}"


def _guid(feed: Feed, when: datetime, key: str) -> str:
    return f"tag:{feed.domain},{when:%Y-%m-%d}:{key}"


def _reporters(byline: str | None) -> list[str]:
    """Authors from a wire byline: "Reporting by A and B; Editing by C" -> [A, B]."""
    if not byline:
        return []
    match = re.match(r"Reporting by ([^;]+)", byline)
    if not match:
        return []
    return [name.strip() for name in re.split(r",| and ", match.group(1)) if name.strip()]


def _story_paragraphs(story: Story) -> list[str]:
    when = _when(story.at)
    paragraphs = [p.strip().replace("\n", " ") for p in story.body.strip().split("\n\n")]
    paragraphs = [re.sub(r"\s+", " ", p) for p in paragraphs]
    paragraphs[0] = f"{story.dateline}, {when:%B} {when.day} ({story.agency}) - {paragraphs[0]}"
    if story.by:
        paragraphs.append(f"({story.by})")
    return paragraphs


def apply_edits(paragraphs: list[str], edits: tuple[Edit, ...]) -> list[str]:
    """The paragraphs after a copy editor's changes (see catalog.Edit)."""
    out = list(paragraphs)
    for edit in edits:
        if edit.op == "replace":
            hits = [i for i, p in enumerate(out) if edit.old in p]
            if len(hits) != 1:
                raise ValueError(f"edit {edit} matches {len(hits)} paragraphs")
            out[hits[0]] = out[hits[0]].replace(edit.old, edit.new, 1)
        elif edit.op == "insert":
            out.insert(edit.index if edit.index >= 0 else len(out) + edit.index, edit.new)
        elif edit.op == "append":
            out[edit.index] = f"{out[edit.index]} {edit.new}"
        elif edit.op == "trim":  # drop the last text paragraph, keep the byline
            del out[-2 if out[-1].startswith("(") else -1]
        else:
            raise ValueError(f"unknown edit {edit.op}")
    return out


def resolve() -> tuple[list[Item], list[Item]]:
    """All items of the first pass, and the changed items of the second pass (feeds/rev2/)."""
    stories = {s.key: s for s in catalog.STORIES}
    if len(stories) != len(catalog.STORIES):
        raise ValueError("duplicate story keys in the catalog")
    if set(catalog.FIELDS) - set(stories):
        raise ValueError(f"FIELDS for unknown stories: {sorted(set(catalog.FIELDS) - set(stories))}")
    items: list[Item] = []
    originals: dict[str, Item] = {}
    for story in catalog.STORIES:
        feed = FEEDS[story.home]
        when = _when(story.at)
        item = Item(feed.name, _guid(feed, when, story.key), _url(feed, when, story.title), story.title,
                    _story_paragraphs(story), when, _reporters(story.by), story.category, "original",
                    story.key, 1, bool(story.topics), story.topics, story.key,
                    hard_negative=story.hard_negative)
        originals[story.key] = item
        items.append(item)
    latest: dict[str, Item] = dict(originals)
    for spec in catalog.VERSIONS:
        prev = latest[spec.of]
        feed = FEEDS[prev.feed]
        when = _when(spec.at)
        base_title = originals[spec.of].title
        title = f"{spec.label}-{spec.title or base_title}" if spec.label != "(LEAD)" else \
            f"(LEAD) {spec.title or base_title}"
        item = replace(prev, guid=_guid(feed, when, f"{spec.of}-v{prev.version + 1}"),
                       url=_url(feed, when, title), title=title,
                       paragraphs=apply_edits(prev.paragraphs, spec.edits), published=when,
                       kind="version", version=prev.version + 1, how=spec.label, extra={})
        latest[spec.of] = item
        items.append(item)
    for spec in catalog.KILLS:
        prev = latest[spec.of]
        feed = FEEDS[prev.feed]
        when = _when(spec.at)
        title = f"WITHDRAWN-{originals[spec.of].title}"
        item = replace(prev, guid=_guid(feed, when, f"{spec.of}-kill"), url=_url(feed, when, title),
                       title=title, paragraphs=[p.strip() for p in spec.body.strip().split("\n\n")],
                       published=when, kind="kill", version=prev.version + 1, how="WITHDRAWN",
                       pubstatus="withdrawn", extra={})
        items.append(item)
    for spec in catalog.COPIES:
        src = originals[spec.of]
        feed = FEEDS[spec.feed]
        when = src.published + timedelta(minutes=spec.minutes)
        title = spec.title or src.title
        paragraphs = apply_edits(src.paragraphs, spec.edits)
        if paragraphs == src.paragraphs:
            raise ValueError(f"near-duplicate copy of {spec.of} in {spec.feed} has an unchanged body")
        item = replace(src, feed=feed.name, guid=_guid(feed, when, spec.of), url=_url(feed, when, title),
                       title=title, paragraphs=paragraphs, published=when, kind="near_duplicate", extra={})
        item.extra["jaccard_5_shingles_vs_original"] = round(_jaccard(item.paragraphs, src.paragraphs), 3)
        items.append(item)
    for spec in catalog.DUPLICATES:
        src = originals[spec.of]
        feed = FEEDS[spec.feed]
        if spec.how == "guid":  # the very same item carried by a second feed
            item = replace(src, feed=feed.name, kind="exact_duplicate", how="guid", extra={})
        elif spec.how == "url":  # new guid, same link plus tracking parameters
            when = src.published + timedelta(minutes=spec.minutes)
            item = replace(src, feed=feed.name, guid=_guid(feed, when, f"{spec.of}-dup"),
                           url=src.url + "?utm_source=rss&utm_medium=feed&utm_campaign=wire",
                           published=when, kind="exact_duplicate", how="url", extra={})
        elif spec.how == "content":  # new guid and link, identical title and body
            when = src.published + timedelta(minutes=spec.minutes)
            item = replace(src, feed=feed.name, guid=_guid(feed, when, spec.of),
                           url=_url(feed, when, src.title), published=when, kind="exact_duplicate",
                           how="content", extra={})
        else:
            raise ValueError(f"unknown duplicate kind {spec.how}")
        items.append(item)
    second: list[Item] = []
    for spec in catalog.REVISIONS:
        src = originals[spec.of]
        if src.feed != REV2_FEED:
            raise ValueError("revisions are only rendered for the rev2 feed")
        item = replace(src, paragraphs=apply_edits(src.paragraphs, spec.edits), kind="revision",
                       version=latest[spec.of].version + 1, how="same guid, content changed",
                       updated=_when(spec.at), extra={})
        second.append(item)
    return items, second


def _words(paragraphs: list[str]) -> list[str]:
    return re.findall(r"\w+", " ".join(paragraphs).lower())


def _jaccard(a: list[str], b: list[str], n: int = 5) -> float:
    wa, wb = _words(a), _words(b)
    sa = {tuple(wa[i:i + n]) for i in range(len(wa) - n + 1)}
    sb = {tuple(wb[i:i + n]) for i in range(len(wb) - n + 1)}
    return len(sa & sb) / len(sa | sb)


# --- renderers ---------------------------------------------------------------------------------


def _iso(moment: datetime) -> str:
    return moment.isoformat()


def _utc(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


def _cdata(text: str) -> str:
    if "]]>" in text:
        raise ValueError("CDATA end marker in content")
    return f"<![CDATA[{text}]]>"


def render_rss(feed: Feed, items: list[Item]) -> bytes:
    lines = [
        f'<?xml version="1.0" encoding="{feed.encoding.upper()}"?>',
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/">',
        "<channel>",
        f"  <title>{escape(feed.title)}</title>",
        f"  <link>https://{feed.domain}/{feed.section}/</link>",
        f"  <description>{escape(feed.publisher)}: stories from {escape(feed.agency)} and our own "
        "correspondents.</description>",
        "  <language>en</language>",
        f"  <lastBuildDate>{format_datetime(BUILT_AT)}</lastBuildDate>",
        "  <ttl>5</ttl>",
    ]
    for item in sorted(items, key=lambda i: i.published, reverse=True):
        lines += [
            "  <item>",
            f"    <title>{escape(item.title)}</title>",
            f"    <link>{escape(item.url)}</link>",
            f'    <guid isPermaLink="false">{escape(item.guid)}</guid>',
            f"    <pubDate>{format_datetime(item.published)}</pubDate>",
            *[f"    <dc:creator>{escape(a)}</dc:creator>" for a in item.authors],
            f"    <category>{escape(item.category)}</category>",
            f"    <description>{escape(item.summary)}</description>",
            f"    <content:encoded>{_cdata(item.html)}</content:encoded>",
            "  </item>",
        ]
    lines += ["</channel>", "</rss>", ""]
    return "\n".join(lines).encode(feed.encoding)  # strict: a character outside the charset fails here


def render_atom(feed: Feed, items: list[Item]) -> bytes:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">',
        f"  <title>{escape(feed.title)}</title>",
        f"  <id>tag:{feed.domain},2026:feed</id>",
        f"  <updated>{_iso(BUILT_AT)}</updated>",
        f'  <link rel="alternate" href="https://{feed.domain}/{feed.section}/"/>',
        f"  <author><name>{escape(feed.publisher)}</name></author>",
    ]
    for item in sorted(items, key=lambda i: i.published, reverse=True):
        lines += [
            "  <entry>",
            f"    <id>{escape(item.guid)}</id>",
            f"    <title>{escape(item.title)}</title>",
            f"    <link rel=\"alternate\" href={quoteattr(item.url)}/>",
            f"    <published>{_iso(item.published)}</published>",
            f"    <updated>{_iso(item.updated or item.published)}</updated>",
            *[f"    <author><name>{escape(a)}</name></author>" for a in item.authors],
            f"    <category term={quoteattr(item.category)}/>",
            f"    <summary>{escape(item.summary)}</summary>",
            f'    <content type="html">{escape(item.html)}</content>',
            "  </entry>",
        ]
    lines += ["</feed>", ""]
    return "\n".join(lines).encode("utf-8")


def render_jsonfeed(feed: Feed, items: list[Item]) -> bytes:
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": feed.title,
        "home_page_url": f"https://{feed.domain}/",
        "description": f"Stories from {feed.agency}",
        "language": "en",
        "authors": [{"name": feed.publisher}],
        "items": [
            {
                "id": item.guid,
                "url": item.url,
                "title": item.title,
                "summary": item.summary,
                "content_html": item.html,
                "date_published": _iso(item.published),
                **({"date_modified": _iso(item.updated)} if item.updated else {}),
                "authors": [{"name": a} for a in item.authors],
                "tags": [item.category],
            }
            for item in sorted(items, key=lambda i: i.published, reverse=True)
        ],
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def render_ninjs(feed: Feed, items: list[Item]) -> bytes:
    """A JSON array of IPTC ninjs 2.0 items (the agency's outgoing service)."""
    docs = []
    for item in sorted(items, key=lambda i: i.published, reverse=True):
        byline = " and ".join(item.authors) or None
        docs.append({
            "uri": item.guid,
            "type": "text",
            "version": "1",
            "firstcreated": _iso(item.published),
            "versioncreated": _iso(item.updated or item.published),
            "pubstatus": item.pubstatus,
            "language": "en",
            "headlines": [{"role": "main", "value": item.title}],
            "descriptions": [{"role": "summary", "contenttype": "text/plain", "value": item.summary}],
            "bodies": [{"role": "main", "contenttype": "text/html", "value": item.html}],
            **({"by": byline} if byline else {}),
            "subject": [{"name": item.category}],
            "links": [{"rel": "canonical", "href": item.url, "contenttype": "text/html"}],
        })
    return (json.dumps(docs, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


BROKEN_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Midland Courier - We'll be right back</title>
</head>
<body>
<h1>We'll be right back</h1>
<p>The Midland Courier website is undergoing scheduled maintenance. News feeds will return shortly.</p>
<p><a href="https://midlandcourier.example/">Return to the front page</a></p>
</body>
</html>
"""

RENDERERS = {"rss20": render_rss, "atom10": render_atom, "jsonfeed": render_jsonfeed, "ninjs": render_ninjs}


def render_feed(feed: Feed, items: list[Item]) -> bytes:
    if feed.broken:
        return BROKEN_PAGE.encode("utf-8")
    return RENDERERS[feed.format](feed, items)


# --- expected.json -----------------------------------------------------------------------------


def _item_record(item: Item) -> dict[str, object]:
    return {
        "feed": item.feed,
        "guid": item.guid,
        "url": item.url,
        "title": item.title,
        "published_at": _utc(item.published),
        "dt": item.published.astimezone(timezone.utc).strftime("%Y-%m-%d"),
        "kind": item.kind,
        **({"how": item.how} if item.how else {}),
        "group": item.group,
        "version": item.version,
        "trade": item.trade,
        "subtopics": list(item.subtopics),
        **({"hard_negative": item.hard_negative} if item.hard_negative else {}),
        "content_sha1": hashlib.sha1(item.html.encode()).hexdigest(),
        "trade_word": "trade" in (item.title + " " + item.html).lower(),
        **item.extra,
    }


def expected(items: list[Item], second: list[Item]) -> dict[str, object]:
    groups: dict[str, dict[str, object]] = {}
    for item in [*items, *second]:
        group = groups.setdefault(item.group, {
            "trade": item.trade, "subtopics": list(item.subtopics), "items": [], "latest_version": 1,
            "withdrawn": False, "dt": None})
        group["items"].append({"feed": item.feed, "guid": item.guid, "kind": item.kind,
                               "version": item.version, **({"pass": 2} if item in second else {})})
        if item.kind == "kill":
            group["withdrawn"] = True
        elif item.version > group["latest_version"]:
            group["latest_version"] = item.version
        if item.kind == "original":
            group["dt"] = item.published.astimezone(timezone.utc).strftime("%Y-%m-%d")
            if item.group in catalog.FIELDS:
                group["fields"] = catalog.FIELDS[item.group]
    kinds = {k: sum(1 for i in items if i.kind == k) for k in
             ("original", "exact_duplicate", "near_duplicate", "version", "kill")}
    near_groups = {i.group for i in items if i.kind == "near_duplicate"}
    chains = {i.group for i in [*items, *second] if i.kind in ("version", "revision")}
    trade_groups = [g for g in groups.values() if g["trade"]]
    per_feed = {
        f.name: {"file": f"feeds/{f.path}", "format": f.format, "encoding": f.encoding,
                 "items": sum(1 for i in items if i.feed == f.name),
                 **({"broken": f.broken} if f.broken else {})}
        for f in FEEDS.values()
    }
    dts: dict[str, int] = {}
    for g in groups.values():
        dts[str(g["dt"])] = dts.get(str(g["dt"]), 0) + 1
    labels: dict[str, dict[str, object]] = {}
    for item in [*items, *second]:
        labels[item.guid] = {"trade": item.trade, "group": item.group}
    return {
        "about": "Ground truth for deploy/demo/feeds, generated by build_feeds.py from catalog.py "
                 "(see EXPECTED.md)",
        "feeds": per_feed,
        "second_pass": {
            "feed": REV2_FEED,
            "file": f"feeds/rev2/{FEEDS[REV2_FEED].path}",
            "serve_at": f"/{FEEDS[REV2_FEED].path}",
            "changed_guids": [i.guid for i in second],
            "new_raw_items": len(second),
        },
        "counts": {
            "items_first_pass": len(items),
            "items_second_pass_changed": len(second),
            "well_formed_feeds": sum(1 for f in FEEDS.values() if not f.broken),
            "broken_feeds": sum(1 for f in FEEDS.values() if f.broken),
            "dead_letters_connector": sum(1 for f in FEEDS.values() if f.broken),
            "originals": kinds["original"],
            "exact_duplicates": kinds["exact_duplicate"],
            "exact_duplicates_by": {h: sum(1 for i in items if i.kind == "exact_duplicate" and i.how == h)
                                    for h in ("guid", "url", "content")},
            "near_duplicates": kinds["near_duplicate"],
            "near_duplicate_groups": len(near_groups),
            "versions": kinds["version"],
            "revisions_same_guid": len(second),
            "version_chains": len(chains),
            "withdrawn": kinds["kill"],
            "stories": len(groups),
            "trade_stories": len(trade_groups),
            "non_trade_stories": len(groups) - len(trade_groups),
            "trade_items_first_pass": sum(1 for i in items if i.trade),
            "non_trade_items_first_pass": sum(1 for i in items if not i.trade),
            "stories_per_dt_of_original": dict(sorted(dts.items())),
            "items_per_dt": {d: sum(1 for i in items if _utc(i.published)[:10] == d)
                             for d in sorted({_utc(i.published)[:10] for i in items})},
        },
        "labels": dict(sorted(labels.items())),
        "groups": dict(sorted(groups.items())),
        "items": [_item_record(i) for i in items],
        "second_pass_items": [_item_record(i) for i in second],
    }


# --- EXPECTED.md -------------------------------------------------------------------------------

EXPECTED_INTRO = """\
# What the demo should find

Generated by `deploy/demo/build_feeds.py` from `catalog.py` (do not edit by hand); the same facts
are in machine-readable form in `expected.json`. All stories, people, firms and quotes are invented
for this project; countries, cities and institutions are real so the extractor has work to do.

## How the demo uses these files

1. Serve `deploy/demo/feeds/` over a local HTTP server; replace `{port}` in `feeds.toml` with its
   port; run the connectors once (`newswire connect --feeds ... --once`).
2. Second pass: serve `feeds/rev2/harbor-ledger.rss` at the same path `/harbor-ledger.rss` and poll
   again. Only one item changed (same guid, new content): it must come back as one new revision.
3. Drain the pipeline and compare with the tables below.

Identity: every guid is a tag URI `tag:<publisher domain>,<date>:<story key>[-v2|-kill|-dup]`, so
the connectors' item id (SHA-256 of the guid) does not depend on the feed. The same guid in two
feeds is the same item (exact duplicate); for those the two copies have identical publication
times, so either one may be kept as the story's first item. `group` in expected.json is the
story: all items of a group must end up under one `story_id`.
"""


def _table(header: list[str], rows: list[list[object]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c).replace("|", "\\|") for c in row) + " |" for row in rows]
    return lines


def _without_trade(items: list[dict]) -> int:
    return sum(1 for i in items if i["kind"] == "original" and "export_controls" in i["subtopics"]
               and not i["trade_word"])


def expected_md(exp: dict) -> bytes:
    counts = exp["counts"]
    items = exp["items"]
    out = [EXPECTED_INTRO, "## Counts", ""]
    rows = [
        ["raw items published, first pass (well-formed feeds)", counts["items_first_pass"]],
        ["raw items published, second pass (changed content, same guid)",
         counts["items_second_pass_changed"]],
        ["feeds / broken feeds (dead letter at the connector)",
         f"{len(exp['feeds'])} / {counts['broken_feeds']}"],
        ["stories (distinct groups, = originals)", counts["stories"]],
        ["trade stories / non-trade stories", f"{counts['trade_stories']} / {counts['non_trade_stories']}"],
        ["exact duplicates dropped (same guid / URL with utm_* / identical text)",
         f"{counts['exact_duplicates']} ({counts['exact_duplicates_by']['guid']} / "
         f"{counts['exact_duplicates_by']['url']} / {counts['exact_duplicates_by']['content']})"],
        ["near-duplicate copies / stories that have copies",
         f"{counts['near_duplicates']} / {counts['near_duplicate_groups']}"],
        ["version items (UPDATE n-, (LEAD), REFILE-, CORRECTED-), first pass", counts["versions"]],
        ["withdrawal notices (retract a story)", counts["withdrawn"]],
        ["stories with more than one version (incl. the rev2 revision)", counts["version_chains"]],
        ["items per UTC date (published_at)",
         ", ".join(f"{d}: {n}" for d, n in counts["items_per_dt"].items())],
        ["stories per UTC date of their first item",
         ", ".join(f"{d}: {n}" for d, n in counts["stories_per_dt_of_original"].items())],
    ]
    out += _table(["what", "expected"], rows)
    out += ["", "## Feeds", ""]
    out += _table(["name", "file", "format", "encoding", "items", "note"],
                  [[n, f["file"], f["format"], f["encoding"], f["items"], f.get("broken", "")]
                   for n, f in exp["feeds"].items()])

    def members(kinds: tuple[str, ...]) -> list[list[object]]:
        rows = []
        for group in exp["groups"]:
            chosen = [i for i in items if i["group"] == group and i["kind"] in kinds]
            if not chosen:
                continue
            original = next(i for i in items if i["group"] == group and i["kind"] == "original")
            for i in chosen:
                rows.append([group, original["feed"], i["feed"], i.get("how", ""), i["title"],
                             i.get("jaccard_5_shingles_vs_original", "")])
        return rows

    out += ["", "## Exact duplicates (dropped, counted)", ""]
    out += _table(["group", "original in", "duplicate in", "how", "title", ""],
                  [[*r[:5], ""] for r in members(("exact_duplicate",))])
    out += ["", "## Near-duplicate copies (one story, copies listed)", "",
            "Copies of an agency story by other publishers with small edits. The last column is the",
            "Jaccard similarity of 5-word shingles of the body text to the original.", ""]
    out += _table(["group", "original in", "copy in", "", "copy title", "jaccard"],
                  members(("near_duplicate",)))
    out += ["", "## Versions and the withdrawal (same story_id, version + 1)", ""]
    rows = []
    for group in exp["groups"]:
        chain = [i for i in [*items, *exp["second_pass_items"]]
                 if i["group"] == group and i["kind"] in ("version", "kill", "revision")]
        for i in chain:
            rows.append([group, i["version"], i["kind"], i.get("how", ""), i["feed"], i["title"]])
    out += _table(["group", "version", "kind", "marker", "feed", "title"], rows)
    out += ["", "## Stories", "",
            "`trade` is the label the classifier should give; `trap` names the keyword trap in a",
            "non-trade story.", ""]
    rows = []
    for group, g in exp["groups"].items():
        original = next(i for i in items if i["group"] == group and i["kind"] == "original")
        rows.append([group, "yes" if g["trade"] else "no", ", ".join(g["subtopics"]),
                     original.get("hard_negative", ""), len(g["items"]), original["dt"], original["title"]])
    rows.sort(key=lambda r: (r[1] != "yes", r[0]))
    out += _table(["group", "trade", "subtopics", "trap", "items", "dt", "title"], rows)
    out += ["", "## Details worth testing", "",
            "- `iberia-review.rss` is ISO-8859-1 (declared in the XML prolog); names such as "
            "José Ángel Muñoz must decode correctly.",
            "- `pacific-digest.json` spells one name in decomposed Unicode (NFD: `Luci\\u0301a`); "
            "normalisation to NFC should make it `Lucía`.",
            "- `wirewatch.ninjs.json` marks the withdrawal notice `pubstatus: withdrawn`; the raw item "
            "has no such field, so the `WITHDRAWN-` headline prefix is what the pipeline sees.",
            "- The REFILE and CORRECTED versions start with an editor's note in parentheses; the "
            "CORRECTED one also changes a figure in the headline (14% -> 11%).",
            "- UPDATE 2 of `ww-japan-us-talks` extends the headline; it still belongs to the same story.",
            f"- {_without_trade(items)} export-control stories never use the word \"trade\" "
            "(they are still trade stories).",
            "- Publication times carry the dateline's UTC offset (+09:00, -04:00, +05:30, +12:00...).",
            f"- {sum(1 for g in exp['groups'].values() if 'fields' in g)} trade stories list in "
            "`expected.json` (`groups.<story>.fields`) key fields the extractor must find at least: "
            "countries (ISO codes), people with titles, tariff rates, HS chapters, dated events, "
            "dateline, agency, bylines and editors.",
            ""]
    return "\n".join(out).encode("utf-8")


# --- output ------------------------------------------------------------------------------------


FEEDS_TOML_HEAD = """\
# Feeds of the demo (deploy/demo/feeds/), for `newswire connect --feeds`. Generated by build_feeds.py.
#
# Format (connectors/config.py loads it): one [[feeds]] table per feed with
#   url        http(s) address of the feed (required, unique)
#   name       short name, copied into every raw item's source.name
#   publisher  who publishes the feed
#   agency     the news agency behind most of its items (a story's dateline names the real one)
#   interval   polling interval: seconds, or "90s", "5m", "1h"
#   tags       free labels copied into source.tags
#
# {port} is a placeholder: the demo serves deploy/demo/feeds/ over a local HTTP server and
# replaces it with that server's port before loading this file, e.g.
#   sed "s/{port}/8765/" deploy/demo/feeds.toml > var/demo/feeds.toml
# Second pass (same guid, changed content): serve deploy/demo/feeds/rev2/harbor-ledger.rss at
# the same address /harbor-ledger.rss and poll again; exactly one item comes back as a new revision.
# midland-courier serves an HTML page instead of a feed: the connector must dead-letter it.
"""


def feeds_toml() -> bytes:
    lines = [FEEDS_TOML_HEAD]
    for feed in FEEDS.values():
        tags = [feed.format, "demo", *(["broken"] if feed.broken else [])]
        lines += [
            "[[feeds]]",
            f'url = "http://127.0.0.1:{{port}}/{feed.path}"',
            f'name = "{feed.name}"',
            f'publisher = "{feed.publisher}"',
            f'agency = "{feed.agency}"',
            'interval = "1m"',
            "tags = [" + ", ".join(f'"{t}"' for t in tags) + "]",
            "",
        ]
    return "\n".join(lines).encode("utf-8")


def outputs() -> dict[Path, bytes]:
    items, second = resolve()
    files: dict[Path, bytes] = {}
    for feed in FEEDS.values():
        files[HERE / "feeds" / feed.path] = render_feed(feed, [i for i in items if i.feed == feed.name])
    rev2 = FEEDS[REV2_FEED]
    changed = {i.guid: i for i in second}
    files[HERE / "feeds" / "rev2" / rev2.path] = render_feed(
        rev2, [changed.get(i.guid, i) for i in items if i.feed == rev2.name])
    files[HERE / "feeds.toml"] = feeds_toml()
    exp = expected(items, second)
    files[HERE / "expected.json"] = (json.dumps(exp, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    files[HERE / "EXPECTED.md"] = expected_md(exp)
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare; exit 1 when a file differs")
    args = parser.parse_args(argv)
    stale = []
    for path, data in outputs().items():
        if path.exists() and path.read_bytes() == data:
            continue
        stale.append(path.relative_to(HERE))
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    verb = "differ from the catalog" if args.check else "written"
    print(f"{len(stale)} file(s) {verb}" + "".join(f"\n  {p}" for p in stale))
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
