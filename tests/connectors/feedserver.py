"""A real HTTP server on 127.0.0.1 for connector tests: static feeds with validators plus
scripted misbehaviour (status codes, Retry-After, redirects, slow, reset, oversize, gzip)."""

from __future__ import annotations

import gzip
import hashlib
import socket
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    """What the server answers on one path."""

    body: bytes = b""
    content_type: str = "application/rss+xml; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    validators: bool = True  # send ETag / Last-Modified and answer 304 when they match
    last_modified: float = 1_700_000_000.0
    gzip: bool = False
    delay: float = 0.0  # seconds before answering
    gate: threading.Event | None = None  # answer only once this is set
    reset: bool = False  # close the connection with a TCP reset instead of answering
    drip: float = 0.0  # seconds between chunks of 16 bytes
    declared_length: int | None = None  # lie about Content-Length
    hook: Callable[[], None] | None = None  # called before answering


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        """Clients that hang up early (size limits, timeouts) are expected here."""


@dataclass
class Hit:
    path: str
    headers: dict[str, str]


class FeedServer:
    """``with FeedServer() as server: server.route("/a.xml", Route(body)); server.url("/a.xml")``."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: list[Hit] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # quiet
                return

            def do_GET(self) -> None:
                server._answer(self)

        self.httpd = _QuietServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), name="feedserver",
                                       daemon=True)

    @property
    def port(self) -> int:
        return int(self.httpd.server_address[1])

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def route(self, path: str, route: Route) -> str:
        with self._lock:
            self.routes[path] = route
        return self.url(path)

    def hits_for(self, path: str) -> list[Hit]:
        with self._lock:
            return [h for h in self.hits if h.path == path]

    def __enter__(self) -> FeedServer:
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        for route in self.routes.values():
            if route.gate is not None:
                route.gate.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        with self._lock:
            self.hits.append(Hit(handler.path, {k.lower(): v for k, v in handler.headers.items()}))
            route = self.routes.get(handler.path)
        if route is None:
            self._send(handler, 404, b"not found", {"Content-Type": "text/plain"})
            return
        if route.hook:
            route.hook()
        if route.gate is not None:
            route.gate.wait(60)
        if route.delay:
            time.sleep(route.delay)
        if route.reset:
            handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            handler.connection.close()
            handler.close_connection = True
            return
        headers = {"Content-Type": route.content_type, **route.headers}
        body = route.body
        if route.validators and route.status == 200:
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            modified = formatdate(route.last_modified, usegmt=True)
            headers.update({"ETag": etag, "Last-Modified": modified})
            asked_etag = handler.headers.get("If-None-Match")
            asked_date = handler.headers.get("If-Modified-Since")
            if asked_etag == etag or (not asked_etag and asked_date == modified):
                self._send(handler, 304, b"", {"ETag": etag, "Last-Modified": modified})
                return
        if route.gzip and "gzip" in (handler.headers.get("Accept-Encoding") or ""):
            body = gzip.compress(body)
            headers["Content-Encoding"] = "gzip"
        self._send(handler, route.status, body, headers, route.drip, route.declared_length)

    @staticmethod
    def _send(handler: BaseHTTPRequestHandler, status: int, body: bytes, headers: dict[str, str],
              drip: float = 0.0, declared: int | None = None) -> None:
        try:
            handler.send_response(status)
            for name, value in headers.items():
                handler.send_header(name, value)
            handler.send_header("Content-Length", str(declared if declared is not None else len(body)))
            handler.end_headers()
            if drip:
                for start in range(0, len(body), 16):
                    handler.wfile.write(body[start:start + 16])
                    handler.wfile.flush()
                    time.sleep(drip)
            elif status != 304:
                handler.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            handler.close_connection = True
