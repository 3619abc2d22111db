"""The limits of Brug's own web server (webhook, ``/healthz``, dashboard): what a stranger can make it hold.

Tornado's defaults suit a trusted network: bodies up to 100 MB buffered before any handler looks at them, an
hour to finish sending headers, no cap on open connections, and ``xheaders`` believing ``X-Forwarded-For``
from anyone. Brug's web server is set up tighter, mostly with tornado's own knobs:

- ``HTTPServer(max_body_size=..., max_header_size=..., idle_connection_timeout=..., body_timeout=...)``; a
  request whose headers are not in within the header timeout is closed (tornado uses one timeout for "idle
  between requests" and "headers not yet complete");
- a body limit per part, checked once the headers are in and before tornado reads the body
  (``BodyLimitedApplication``): a declared ``Content-Length`` over the limit is answered 413 at once, and
  ``HTTP1Connection.set_max_body_size`` makes tornado stop a chunked body at the limit (tornado answers 400);
- a cap on open connections (``GuardedHTTPServer``): tornado has none, so the server counts the connections
  it serves and closes any beyond the cap the moment it is accepted — before the process runs out of file
  descriptors, which is what made the server deaf (and its log flood) under ~1,000 half-open connections;
- ``X-Forwarded-For`` / ``X-Real-Ip`` only from a configured proxy: tornado's ``xheaders`` trusts every peer,
  so the server turns them on per request, only when the peer is in ``BRUG_TRUSTED_PROXIES``;
- the loggers a stranger can make write are rate-limited (``bot.road.logs.RateLimit``).
"""

from __future__ import annotations

import ipaddress
import logging
import resource
from collections.abc import Iterable
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any, cast

import tornado.httpserver
import tornado.iostream
import tornado.web
from tornado.http1connection import HTTP1Connection, HTTP1ServerConnection
from tornado.httputil import HTTPConnection, HTTPServerRequest

from bot.domain.understanding import is_digits
from bot.config import Settings
from bot.road.logs import RateLimit

log = logging.getLogger(__name__)

# Telegram's and a browser's headers fit easily; tornado's default is 64 KB.
MAX_HEADER_BYTES = 16 * 1024
# File descriptors kept free for everything that is not an incoming connection: the database pool,
# Telegram's HTTP client, log files, the listening sockets.
SPARE_FILE_DESCRIPTORS = 128
# The loggers a request from outside can make write: Brug's web parts and tornado's.
WEB_LOGGERS = (
    "bot.road.webhook",
    "bot.road.web_limits",
    "bot.dashboard.web",
    "tornado.access",
    "tornado.general",
    "tornado.application",
)

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@dataclass(frozen=True)
class TrustedProxies:
    """The reverse proxies allowed to name the client in ``X-Forwarded-For`` / ``X-Real-Ip``."""

    networks: tuple[Network, ...] = ()

    @classmethod
    def parse(cls, entries: Iterable[str]) -> TrustedProxies:
        """``["127.0.0.1", "10.0.0.0/8", "::1"]``; raises ValueError on anything else."""
        return cls(tuple(ipaddress.ip_network(e.strip(), strict=False) for e in entries if e.strip()))

    def __bool__(self) -> bool:
        return bool(self.networks)

    def trusts(self, ip: str | None) -> bool:
        try:
            address = ipaddress.ip_address(ip or "")
        except ValueError:
            return False
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
            address = address.ipv4_mapped  # a dual-stack socket reports IPv4 peers as ::ffff:a.b.c.d
        return any(address in network for network in self.networks)

    def addresses(self) -> list[str]:
        """The single addresses, for tornado's ``trusted_downstream``: the proxy hops it skips, from the
        right, in ``X-Forwarded-For`` (compared as exact strings, so ranges cannot be listed there)."""
        return [str(n.network_address) for n in self.networks if n.num_addresses == 1]


@dataclass(frozen=True)
class ServerLimits:
    """Everything that bounds one web server; ``from_settings`` gives the operator's choice."""

    max_body_bytes: int = 64 * 1024
    max_header_bytes: int = MAX_HEADER_BYTES
    header_timeout: float = 10.0
    body_timeout: float = 10.0
    max_connections: int = 256
    trusted_proxies: TrustedProxies = field(default_factory=TrustedProxies)
    log_lines_per_minute: int = 10

    @classmethod
    def from_settings(cls, settings: Settings) -> ServerLimits:
        return cls(
            max_body_bytes=settings.webhook_max_body_bytes,
            header_timeout=settings.web_header_timeout_seconds,
            body_timeout=settings.web_body_timeout_seconds,
            max_connections=settings.web_max_connections,
            trusted_proxies=TrustedProxies.parse(settings.trusted_proxies),
            log_lines_per_minute=settings.web_log_lines_per_minute,
        )


def declared_length(request: HTTPServerRequest) -> int | None:
    """The body size the client announced; None when it did not (or not as a number: tornado refuses that)."""
    value = request.headers.get("Content-Length", "").split(",")[0].strip()
    return int(value) if is_digits(value) else None


@tornado.web.stream_request_body
class PayloadTooLarge(tornado.web.ErrorHandler):
    """413 as soon as the headers are in. Streaming, so tornado calls ``prepare`` (which raises the 413)
    before reading the body; the answer closes the connection, and the body is never read."""

    def initialize(self, status_code: int = HTTPStatus.REQUEST_ENTITY_TOO_LARGE) -> None:
        super().initialize(status_code)

    def set_default_headers(self) -> None:
        # Tornado closes the connection after answering a request whose body it did not read; say so.
        self.set_header("Connection", "close")

    def data_received(self, chunk: bytes) -> None:
        return None


class BodyLimitedApplication(tornado.web.Application):
    """A tornado Application whose requests carry at most ``max_body_bytes``, checked when the headers are in.

    ``find_handler`` runs when the request's headers have been read and before its body is (tornado's router
    picks the handler first), so it is the one place that can refuse any route — buffered handlers included —
    without reading the body. Nested Applications (the dashboard) apply their own, smaller limit after this.
    """

    def __init__(self, *args: Any, max_body_bytes: int, **settings: Any) -> None:
        super().__init__(*args, **settings)
        self.max_body_bytes = max_body_bytes

    def find_handler(self, request: HTTPServerRequest, **kwargs: Any) -> Any:
        length = declared_length(request)
        if length is not None and length > self.max_body_bytes:
            return self.get_handler_delegate(request, PayloadTooLarge)
        if isinstance(request.connection, HTTP1Connection):
            # For this request only (tornado resets it for the next one on the connection): a chunked body,
            # which declares no length, is cut off here.
            request.connection.set_max_body_size(self.max_body_bytes)
        return super().find_handler(request, **kwargs)


def effective_max_connections(wanted: int) -> int:
    """The connection cap, lowered when the process may not open that many files (``ulimit -n``): running out
    of file descriptors is what the cap is there to prevent."""
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY or wanted + SPARE_FILE_DESCRIPTORS <= soft:
        return wanted
    possible = max(1, soft - SPARE_FILE_DESCRIPTORS)
    log.warning(
        "BRUG_WEB_MAX_CONNECTIONS=%s is more than this process may open (ulimit -n %s); using %s",
        wanted, soft, possible,
    )
    return possible


class GuardedHTTPServer(tornado.httpserver.HTTPServer):
    """Tornado's HTTPServer with ``ServerLimits``: tornado's own limits and timeouts, plus a cap on open
    connections and forwarded headers believed only from a trusted proxy."""

    # HTTPServer is a tornado Configurable: construction arguments arrive in ``initialize``.
    def initialize(  # type: ignore[override]
        self, request_callback: Any, limits: ServerLimits, **kwargs: Any
    ) -> None:
        super().initialize(
            request_callback,
            xheaders=bool(limits.trusted_proxies),
            trusted_downstream=limits.trusted_proxies.addresses(),
            max_body_size=limits.max_body_bytes,
            max_header_size=limits.max_header_bytes,
            idle_connection_timeout=limits.header_timeout,
            body_timeout=limits.body_timeout,
            **kwargs,
        )
        self.limits = limits
        self.max_connections = effective_max_connections(limits.max_connections)
        self.open_connections = 0
        self.refused_connections = 0

    def handle_stream(self, stream: tornado.iostream.IOStream, address: tuple) -> None:
        if self.open_connections >= self.max_connections:
            # Closed before a byte is read: it costs an accept and a close, never a file descriptor for long.
            self.refused_connections += 1
            log.warning(
                "connection refused: %s connections open (BRUG_WEB_MAX_CONNECTIONS)", self.open_connections
            )
            stream.close()
            return
        self.open_connections += 1
        super().handle_stream(stream, address)

    def on_close(self, server_conn: object) -> None:
        self.open_connections -= 1
        super().on_close(server_conn)

    def start_request(self, server_conn: object, request_conn: HTTPConnection) -> Any:
        # Tornado applies xheaders to every request when on; this server decides per request, from the peer's
        # own address, so only a trusted proxy may say who the client is.
        context = cast(HTTP1ServerConnection, server_conn).context
        address = getattr(context, "address", None)
        peer = address[0] if isinstance(address, tuple) and address else None
        self.xheaders = self.limits.trusted_proxies.trusts(peer)
        return super().start_request(server_conn, request_conn)


def limit_web_logs(per_minute: int) -> RateLimit:
    """One ``RateLimit`` on every logger a request from outside can make write (replacing an earlier one)."""
    limit = RateLimit(per_minute)
    for name in WEB_LOGGERS:
        logger = logging.getLogger(name)
        for old in [f for f in logger.filters if isinstance(f, RateLimit)]:
            logger.removeFilter(old)
        logger.addFilter(limit)
    return limit
