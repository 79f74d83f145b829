"""Reuters-21578 SGML reader: parsing on a hand-written sample, ModApte counts on the real data."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from newswire.trade import reuters

# Three invented documents in the corpus's SGML layout: a normal story, a title-only brief,
# an unprocessed text, plus one outside the ModApte split (TOPICS="NO").
SAMPLE = """<!DOCTYPE lewis SYSTEM "lewis.dtd">
<REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="1" NEWID="7">
<DATE> 3-MAR-1987 09:15:02.11</DATE>
<TOPICS><D>trade</D><D>grain</D></TOPICS>
<PLACES><D>usa</D></PLACES>
<TEXT>&#2;
<TITLE>FICTIONAL MINISTER &lt;SEES&gt; GRAIN TALKS &amp; QUOTAS</TITLE>
<DATELINE>    LISBON, March 3 - </DATELINE><BODY>An invented minister said talks on grain
quotas would resume.&#3;
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
<REUTERS TOPICS="YES" LEWISSPLIT="TEST" CGISPLIT="PUBLISHED-TESTSET" OLDID="2" NEWID="8">
<DATE>31-MAR-1987 23:59:59.00</DATE>
<TOPICS></TOPICS>
<TEXT TYPE="BRIEF">&#2;
<TITLE>MADE-UP COMPANY RAISES DIVIDEND</TITLE>
&#3;</TEXT>
</REUTERS>
<REUTERS TOPICS="YES" LEWISSPLIT="TEST" CGISPLIT="PUBLISHED-TESTSET" OLDID="3" NEWID="9">
<DATE>1-APR-1987 00:00:01.00</DATE>
<TOPICS><D>ship</D></TOPICS>
<TEXT TYPE="UNPROC">&#2;
an unprocessed line about a harbour caf\xe9
&#3;</TEXT>
</REUTERS>
<REUTERS TOPICS="NO" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="4" NEWID="10">
<DATE>garbled</DATE>
<TOPICS></TOPICS>
<TEXT>&#2;
<TITLE>OUTSIDE THE SPLIT</TITLE>
<BODY>Nothing.</BODY></TEXT>
</REUTERS>
"""


def test_parse_sgml_fields() -> None:
    docs = list(reuters.parse_sgml(SAMPLE))
    assert [d.id for d in docs] == [7, 8, 9, 10]
    story = docs[0]
    assert story.split == reuters.TRAIN
    assert story.topics == ("trade", "grain")
    assert story.title == "FICTIONAL MINISTER <SEES> GRAIN TALKS & QUOTAS"
    assert story.dateline == "LISBON, March 3"
    assert story.body == "An invented minister said talks on grain\nquotas would resume."
    assert story.date == datetime(1987, 3, 3, 9, 15, 2, tzinfo=timezone.utc)


def test_brief_unprocessed_and_unused_documents() -> None:
    brief, unproc, unused = list(reuters.parse_sgml(SAMPLE))[1:]
    assert (brief.split, brief.topics, brief.body) == (reuters.TEST, (), "")
    assert brief.text == brief.title == "MADE-UP COMPANY RAISES DIVIDEND"
    assert unproc.body == "an unprocessed line about a harbour caf\xe9"
    assert unused.split == reuters.UNUSED
    assert unused.date is None


def test_modapte_filters_by_split_and_topics() -> None:
    docs = list(reuters.parse_sgml(SAMPLE))
    assert [d.id for d in reuters.modapte(docs, reuters.TEST)] == [9]
    assert [d.id for d in reuters.modapte(docs, reuters.TEST, with_topics=False)] == [8, 9]


def test_load_decodes_latin1_bytes(tmp_path: Path) -> None:
    (tmp_path / "reut2-000.sgm").write_bytes(SAMPLE.encode("latin-1"))
    docs = reuters.load(tmp_path)
    assert docs[2].body.endswith("caf\xe9")


def test_load_without_files_raises(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        reuters.load(tmp_path)


@pytest.mark.shared_data
def test_modapte_counts_on_the_real_corpus(shared_data: Path) -> None:
    docs = reuters.load(shared_data / "reuters21578")
    assert len(docs) == 21578
    counts = {}
    for split in (reuters.TRAIN, reuters.TEST):
        with_topics = reuters.modapte(docs, split)
        counts[split] = (
            len(reuters.modapte(docs, split, with_topics=False)),
            len(with_topics),
            sum("trade" in d.topics for d in with_topics),
        )
    assert counts == {reuters.TRAIN: (9603, 7775, 369), reuters.TEST: (3299, 3019, 117)}
    modapte = [d for d in docs if d.split != reuters.UNUSED]
    assert all(d.date is not None and d.date.tzinfo is not None for d in modapte)
    # one unused story carries a garbled time ("605:12:19"); it parses as no date, not an error
    assert sum(d.date is None for d in docs) <= 1
