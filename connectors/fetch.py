"""Polite HTTP fetching of feeds with httpx.

Connect/read timeouts plus an overall deadline per fetch, a streamed body-size limit (the
limit applies to the decoded bytes, so a gzip bomb stops at the limit too), gzip/deflate,
redirects followed by hand (at most ``max_redirects``, http and https only), a User-Agent
that names the product, conditional GET (If-None-Match / If-Modified-Since), and
``Retry-After`` read on 429 and 503. Transport failures come back as a :class:`FetchResult`
with a short ``error`` reason instead of an exception, so a caller can treat them as data.
"""

from __future__ import annotations

import errno
import socket
import time
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpx

from newswire import __version__

USER_AGENT = f"newswire/{__version__} (feed connector; polite polling with conditional GET)"
ACCEPT = ("application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, "
          "application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5")
MAX_BYTES = 10 * 1024 * 1024
REDIRECTS = (301, 302, 303, 307, 308)
PERMANENT = (301, 308)


@dataclass(frozen=True)
class FetchResult:
    """What one fetch gave: a status and body, or an ``error`` reason (``timeout``, ``dns``...)."""

    url: str
    status: int | None = None
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None
    content_language: str | None = None
    retry_after: float | None = None  # seconds the server asked us to wait
    permanent_url: str | None = None  # where a chain of permanent redirects ended
    error: str | None = None
    detail: str = ""
    elapsed: float = 0.0

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """``Retry-After`` as seconds from now (delta-seconds or an HTTP date); None when absent/bad."""
    if not value or not value.strip():
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())


def classify_error(exc: BaseException) -> str:
    """A short, stable reason for a transport failure."""
    chain: list[BaseException] = []
    seen: BaseException | None = exc
    while seen is not None and seen not in chain and len(chain) < 10:
        chain.append(seen)
        seen = seen.__cause__ or seen.__context__
    for item in chain:
        if isinstance(item, socket.gaierror):
            return "dns"
        if isinstance(item, ConnectionResetError) or getattr(item, "errno", None) == errno.ECONNRESET:
            return "connection_reset"
        if isinstance(item, ConnectionRefusedError):
            return "connection_refused"
    text = " ".join(str(item) for item in chain).lower()
    if isinstance(exc, httpx.TimeoutException):
        return "timeout"
    if "name or service not known" in text or "name resolution" in text or "nodename nor servname" in text:
        return "dns"
    if "reset" in text:
        return "connection_reset"
    if isinstance(exc, httpx.RemoteProtocolError):
        return "protocol_error"  # e.g. server closed the connection without a response
    if isinstance(exc, httpx.DecodingError):
        return "bad_content_encoding"
    if isinstance(exc, (httpx.UnsupportedProtocol, httpx.InvalidURL)):
        return "bad_url"
    if isinstance(exc, httpx.ConnectError):
        return "connect_error"
    return "transport_error"


class Fetcher:
    """A shared, thread-safe HTTP client for many feeds (one connection pool)."""

    def __init__(
        self,
        *,
        user_agent: str = USER_AGENT,
        connect_timeout: float = 5.0,
        read_timeout: float = 15.0,
        deadline: float = 30.0,
        max_bytes: int = MAX_BYTES,
        max_redirects: int = 5,
        max_connections: int = 64,
    ) -> None:
        self.deadline = deadline
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.client = httpx.Client(
            follow_redirects=False,
            timeout=httpx.Timeout(read_timeout, connect=connect_timeout),
            headers={"User-Agent": user_agent, "Accept": ACCEPT, "Accept-Encoding": "gzip, deflate"},
            limits=httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_connections),
            trust_env=False,
        )

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> FetchResult:
        """GET ``url`` (conditionally when validators are given); never raises for network trouble."""
        started = time.monotonic()
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current, permanent = url, True
        try:
            for _hop in range(self.max_redirects + 1):
                result = self._get(current, headers, started)
                if result.status not in REDIRECTS:
                    moved = current if permanent and current != url else None
                    return replace(result, url=url, permanent_url=moved, elapsed=time.monotonic() - started)
                location = result.detail
                target = urljoin(current, location)
                if urlsplit(target).scheme not in ("http", "https"):
                    return FetchResult(url, result.status, error="bad_redirect",
                                       detail=f"redirect to a non-http(s) address: {target[:200]}",
                                       elapsed=time.monotonic() - started)
                permanent = permanent and result.status in PERMANENT
                current = target
            return FetchResult(url, error="too_many_redirects",
                               detail=f"more than {self.max_redirects} redirects (last {current[:200]})",
                               elapsed=time.monotonic() - started)
        except httpx.HTTPError as exc:
            return FetchResult(url, error=classify_error(exc), detail=f"{type(exc).__name__}: {exc}",
                               elapsed=time.monotonic() - started)

    def _get(self, url: str, headers: dict[str, str], started: float) -> FetchResult:
        with self.client.stream("GET", url, headers=headers) as response:
            status = response.status_code
            if status in REDIRECTS:
                location = response.headers.get("location")
                if not location:
                    return FetchResult(url, status, error=f"http_{status}",
                                       detail="redirect without Location")
                return FetchResult(url, status, detail=location)
            meta = {
                "etag": response.headers.get("etag"),
                "last_modified": response.headers.get("last-modified"),
                "content_type": response.headers.get("content-type"),
                "content_language": response.headers.get("content-language"),
                "retry_after": retry_after_seconds(response.headers.get("retry-after"))
                if status in (429, 503) else None,
            }
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > self.max_bytes:
                return FetchResult(url, status, error="too_large",
                                   detail=f"Content-Length {declared} exceeds {self.max_bytes} bytes", **meta)
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > self.max_bytes:
                    return FetchResult(url, status, body=b"".join(chunks)[: 64 * 1024], error="too_large",
                                       detail=f"body exceeds {self.max_bytes} bytes", **meta)
                if time.monotonic() - started > self.deadline:
                    return FetchResult(url, status, error="timeout",
                                       detail=f"body not complete after the {self.deadline:.0f} s deadline",
                                       **meta)
                chunks.append(chunk)
            body = b"".join(chunks)
            if status == 304 or 200 <= status < 300:
                return FetchResult(url, status, body=body, **meta)
            return FetchResult(url, status, body=body[: 64 * 1024], error=f"http_{status}",
                               detail=f"HTTP {status} {response.reason_phrase}", **meta)

