"""HTTP for `kb add` and `kb refresh`: one client with a timeout, a descriptive User-Agent and per-service pacing.

Only these commands touch the network; the site build never does, so it stays offline and reproducible.
"""
from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version

import httpx

ARXIV_API = "https://export.arxiv.org/api/query"
CROSSREF_API = "https://api.crossref.org"
# arXiv's terms of use for its API: "no more than one request every three seconds".
ARXIV_INTERVAL = 3.0
TIMEOUT = 20.0


class FetchError(Exception):
    """A look-up failed; the message is one line saying why. `status` is the HTTP status, if any."""

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.status = status


class RateLimiter:
    """Spaces calls at least `interval` seconds apart (clock and sleep injectable for tests)."""

    def __init__(self, interval: float, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep):
        self.interval = interval
        self.clock = clock
        self.sleep = sleep
        self._last: float | None = None

    def wait(self) -> None:
        """Return when the next call may start, sleeping if the previous one was too recent."""
        now = self.clock()
        if self._last is not None and now < self._last + self.interval:
            self.sleep(self._last + self.interval - now)
            now = self.clock()
        self._last = now


@dataclass(frozen=True)
class Services:
    """Where the metadata services are and how to call them; each can be overridden by an environment variable."""

    arxiv_api: str = ARXIV_API
    crossref_api: str = CROSSREF_API
    arxiv_interval: float = ARXIV_INTERVAL
    timeout: float = TIMEOUT
    mailto: str = ""

    @classmethod
    def from_environment(cls, environ=os.environ) -> Services:
        """KB_ARXIV_API, KB_CROSSREF_API, KB_ARXIV_INTERVAL (seconds), KB_HTTP_TIMEOUT (seconds), KB_MAILTO."""
        return cls(arxiv_api=environ.get("KB_ARXIV_API") or ARXIV_API,
                   crossref_api=(environ.get("KB_CROSSREF_API") or CROSSREF_API).rstrip("/"),
                   arxiv_interval=_seconds(environ, "KB_ARXIV_INTERVAL", ARXIV_INTERVAL),
                   timeout=_seconds(environ, "KB_HTTP_TIMEOUT", TIMEOUT),
                   mailto=environ.get("KB_MAILTO", "").strip())


def _seconds(environ, name: str, default: float) -> float:
    value = environ.get(name)
    if not value:
        return default
    try:
        seconds = float(value)
    except ValueError:
        raise FetchError(f"{name} must be a number of seconds (got {value!r})") from None
    if seconds < 0:
        raise FetchError(f"{name} must not be negative (got {value!r})")
    return seconds


def user_agent(mailto: str = "") -> str:
    """`kbsite/0.1.0 (AI-safety knowledge base; kb add/refresh; mailto:...) python-httpx/0.28.1`.

    Crossref asks clients to name themselves and give a contact (`mailto:`), and serves those
    from a more reliable pool; arXiv asks for a descriptive User-Agent too.
    """
    try:
        own = version("kbsite")
    except PackageNotFoundError:
        own = "dev"
    contact = f"; mailto:{mailto}" if mailto else ""
    return f"kbsite/{own} (AI-safety knowledge base; kb add/refresh{contact}) python-httpx/{httpx.__version__}"


class Fetcher:
    """GET requests with the project's User-Agent and timeout; failures become one-line FetchErrors."""

    def __init__(self, services: Services, client: httpx.Client | None = None):
        self.services = services
        self.client = client or httpx.Client(timeout=services.timeout, follow_redirects=True,
                                             headers={"User-Agent": user_agent(services.mailto)})
        self.arxiv_pace = RateLimiter(services.arxiv_interval)

    def close(self) -> None:
        """Close the connections."""
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def get(self, url: str, params: dict | None = None, accept: str = "*/*",
            pace: RateLimiter | None = None) -> httpx.Response:
        """The response to GET `url`, or FetchError (timeout, unreachable, HTTP status 400 and above)."""
        if pace is not None:
            pace.wait()
        try:
            host = httpx.URL(url).host or url
            response = self.client.get(url, params=params, headers={"Accept": accept})
        except httpx.InvalidURL as error:
            raise FetchError(f"cannot fetch {url}: {error}") from None
        except httpx.TimeoutException:
            raise FetchError(f"{host} did not answer within {self.services.timeout:g} s") from None
        except httpx.HTTPError as error:
            raise FetchError(f"cannot reach {host}: {error or type(error).__name__}") from None
        if response.status_code >= 400:
            raise FetchError(f"{host} answered HTTP {response.status_code} {response.reason_phrase}".rstrip(),
                             response.status_code)
        return response
