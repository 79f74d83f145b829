"""Feed connectors: fetch wire feeds politely over HTTP, normalise items, publish to news.raw."""
