"""Feed connectors: fetch wire feeds politely over HTTP, normalise items, publish to news.raw.

Modules: ``normalise`` (canonical URLs, ids, revisions, dates, the raw record - pure, reused by
the pipeline), ``formats`` (RSS/Atom via feedparser, JSON Feed and ninjs via orjson), ``fetch``
(httpx with timeouts, size limit, redirects, conditional GET), ``source`` (the polling contract
and the HTTP feed source), ``state`` (per-feed state on the compacted state topic), ``runner``
(threads, scheduling, publish-ack-commit), ``config`` (the TOML feeds file), ``cli``
(``newswire connect``) and ``replay`` (``newswire replay``). See docs/connectors.md.
"""
