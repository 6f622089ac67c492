"""Fetching feeds and pages politely and safely.

Polite: robots.txt is honoured, the User-Agent names newsqa, and at most
``per_host`` requests go to one host at a time. Safe: every request has
time-outs (per read and in all), a size cap (``max_file_mb``, also on the
decompressed body, so a small gzip bomb cannot fill memory), a redirect limit
and a content-type check; addresses from the web are only fetched from public
networks (``netguard``). Conditional GETs (ETag, Last-Modified) let an
unchanged feed cost one request and no body.
"""

from __future__ import annotations

import threading
import time
import zlib
from dataclasses import dataclass, field
from importlib.metadata import version
from urllib.parse import urljoin, urlsplit

import urllib3

from ingest.netguard import resolve
from ingest.robots import RobotsCache, RobotsRules
from rag.errors import FetchError
from rag.settings import Settings

USER_AGENT = f"newsqa/{version('newsqa')} (a personal news archive; honours robots.txt)"
PAGE_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = (*PAGE_TYPES, "application/rss+xml", "application/atom+xml", "application/rdf+xml")
FEED_TYPES += ("application/xml", "text/xml", "application/feed+json", "application/json")
FEED_TYPES += ("text/plain",)  # feeds are often served as plain text
_REDIRECTS = (301, 302, 303, 307, 308)
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class Fetched:
    """One answer: where it ended up after redirects, its status, headers and body."""

    url: str
    status: int
    headers: dict[str, str] = field(default_factory=dict)  # lower-cased names
    body: bytes = b""

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


@dataclass(frozen=True)
class FetchLimits:
    max_bytes: int = 100_000_000
    timeout: float = 20.0  # seconds for each connect and read, and for the whole answer
    max_redirects: int = 5
    per_host: int = 2
    allow_private: bool = False  # fetch web-added addresses from private networks too


def fetch_limits(settings: Settings) -> FetchLimits:
    return FetchLimits(
        max_bytes=int(settings.max_file_mb * 1_000_000),
        timeout=settings.fetch_timeout,
        max_redirects=settings.fetch_max_redirects,
        per_host=settings.fetch_per_host,
        allow_private=settings.fetch_allow_private,
    )


class Fetcher:
    """Fetches addresses; ``robots`` keeps each site's robots.txt for a day (else one update)."""

    def __init__(
        self, limits: FetchLimits | None = None, robots: RobotsCache | None = None
    ) -> None:
        self.limits = limits or FetchLimits()
        self.requests = 0  # every request sent, robots.txt included
        self._hosts: dict[str, threading.BoundedSemaphore] = {}
        self._lock = threading.Lock()
        self.robots = RobotsRules(robots)

    def get(
        self,
        url: str,
        *,
        accept: tuple[str, ...] = PAGE_TYPES,
        guarded: bool = True,
        etag: str | None = None,
        modified: str | None = None,
    ) -> Fetched:
        """GET ``url`` (following redirects); raises FetchError with the reason a user can act on.

        ``guarded`` addresses (from the web) must be on public networks, unless
        the settings allow private ones. A 304 is returned, not raised.
        """
        conditional = {"If-None-Match": etag, "If-Modified-Since": modified}
        headers = {name: value for name, value in conditional.items() if value}
        guarded = guarded and not self.limits.allow_private
        answer = self._follow(url, headers, guarded, check_robots=True)
        if answer.status >= 400:
            raise FetchError(f"HTTP {answer.status}")
        kind = answer.content_type
        if answer.status == 200 and kind and kind not in accept:
            if kind in FEED_TYPES:  # a feed given where a page was expected
                raise FetchError(f"a feed ({kind}), not a page: follow it with `newsqa feeds add`")
            raise FetchError(f"not a news page or feed (content type {kind})")
        return answer

    def _follow(
        self, url: str, headers: dict[str, str], guarded: bool, *, check_robots: bool
    ) -> Fetched:
        def read_robots(address: str) -> tuple[int, bytes]:
            answer = self._follow(address, {}, guarded, check_robots=False)
            return answer.status, answer.body

        for _ in range(self.limits.max_redirects + 1):
            _check_scheme(url)
            if guarded:  # a refused address is refused as such, before its robots.txt is asked
                parts = urlsplit(url)
                resolve(parts.hostname or "", parts.port or 80, guarded=True)
            if check_robots and (refusal := self.robots.refusal(url, read_robots)):
                raise FetchError(f"not fetched: {refusal}")
            answer = self._request(url, headers, guarded)
            location = answer.headers.get("location")
            if answer.status not in _REDIRECTS or not location:
                return answer
            url = urljoin(url, location.strip())
        raise FetchError(f"too many redirects (more than {self.limits.max_redirects})")

    def _request(self, url: str, headers: dict[str, str], guarded: bool) -> Fetched:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = parts.port or (443 if parts.scheme == "https" else 80)
        with self._host_slot(host):
            address = resolve(host, port, guarded=guarded)
            self.requests += 1
            try:
                return self._exchange(url, address, headers)
            except urllib3.exceptions.HTTPError as exc:
                raise FetchError(_network_reason(exc, self.limits.timeout)) from exc

    def _exchange(self, url: str, address: str, headers: dict[str, str]) -> Fetched:
        parts = urlsplit(url)
        timeout = urllib3.Timeout(connect=self.limits.timeout, read=self.limits.timeout)
        if parts.scheme == "https":
            pool: urllib3.HTTPConnectionPool = urllib3.HTTPSConnectionPool(
                address,
                parts.port or 443,
                timeout=timeout,
                retries=False,
                assert_hostname=parts.hostname,
                server_hostname=parts.hostname,
            )
        else:
            pool = urllib3.HTTPConnectionPool(
                address, parts.port or 80, timeout=timeout, retries=False
            )
        sent = {
            "Host": parts.netloc.rpartition("@")[2],
            "User-Agent": USER_AGENT,
            "Accept-Encoding": "gzip, deflate",
            **headers,
        }
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        with pool:
            response = pool.urlopen(
                "GET",
                path,
                headers=sent,
                redirect=False,
                retries=False,
                preload_content=False,
                decode_content=False,
            )
            try:
                received = {name.lower(): value for name, value in response.headers.items()}
                bodiless = response.status in (304, *_REDIRECTS) or response.status >= 400
                body = b"" if bodiless else self._body(response)
            finally:
                response.release_conn()
        return Fetched(url, response.status, received, body)

    def _body(self, response) -> bytes:
        """The body, decompressed, within the size cap and the overall time-out."""
        limit = self.limits.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(_too_large(int(declared), limit))
        encoding = response.headers.get("content-encoding", "identity").strip().lower()
        if encoding not in ("identity", "", "gzip", "x-gzip", "deflate"):
            raise FetchError(f"unsupported content encoding {encoding!r}")
        inflater = zlib.decompressobj(47) if encoding not in ("identity", "") else None
        deadline = time.monotonic() + self.limits.timeout
        parts: list[bytes] = []
        size = 0
        for chunk in response.stream(_CHUNK, decode_content=False):
            if time.monotonic() > deadline:
                raise FetchError(f"too slow: no complete answer in {self.limits.timeout:g} s")
            pieces = [chunk] if inflater is None else _inflate(inflater, chunk, limit - size + 1)
            for piece in pieces:
                size += len(piece)
                if size > limit:
                    raise FetchError(_too_large(size, limit))
                parts.append(piece)
        return b"".join(parts)

    def _host_slot(self, host: str) -> threading.BoundedSemaphore:
        with self._lock:
            if host not in self._hosts:
                self._hosts[host] = threading.BoundedSemaphore(self.limits.per_host)
            return self._hosts[host]


def _inflate(inflater, chunk: bytes, room: int) -> list[bytes]:
    """Decompress ``chunk`` in bounded steps: never more than ``room`` bytes past the cap."""
    try:
        out = [inflater.decompress(chunk, room)]
        while inflater.unconsumed_tail and (left := room - sum(map(len, out))) > 0:
            out.append(inflater.decompress(inflater.unconsumed_tail, left))
    except zlib.error as exc:
        raise FetchError("the compressed answer is damaged") from exc
    return out


def _check_scheme(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"not a web address: {url!r} (http:// or https:// expected)")


def _too_large(size: int, limit: int) -> str:
    return (
        f"too large ({size / 1e6:.1f} MB or more; the limit is {limit / 1e6:g} MB, "
        "setting max_file_mb)"
    )


def _network_reason(exc: Exception, timeout: float) -> str:
    text = str(exc).lower()
    if isinstance(exc, urllib3.exceptions.TimeoutError) or "timed out" in text:
        return f"the host did not answer in {timeout:g} s"
    if "refused" in text:
        return "the connection was refused"
    if isinstance(exc, urllib3.exceptions.SSLError):
        return "its secure connection (TLS) could not be verified"
    return f"the host could not be reached ({type(exc).__name__})"
