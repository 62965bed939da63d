"""A local HTTP server that answers like arXiv, Crossref and web pages, from the files in fixtures/metadata/."""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

FIXTURES = Path(__file__).parent / "fixtures" / "metadata"
ATOM = "application/atom+xml; charset=utf-8"
JSON = "application/json"
HTML = "text/html; charset=utf-8"


@dataclass
class Answer:
    """What the server sends for one route."""

    body: bytes
    content_type: str = HTML
    status: int = 200
    delay: float = 0.0  # seconds before answering, to make a client time out


def fixture(name: str, content_type: str, status: int = 200) -> Answer:
    """An answer whose body is the file fixtures/metadata/NAME."""
    return Answer((FIXTURES / name).read_bytes(), content_type, status)


def route(path: str, **params: str) -> str:
    """The route key of a request: its path and its query parameters in sorted order."""
    return path + ("?" + urlencode(sorted(params.items())) if params else "")


def arxiv_route(*ids: str) -> str:
    """The route of an arXiv API request for these ids, as kb asks for them."""
    return route("/arxiv/api/query", id_list=",".join(ids), max_results=str(len(ids)))


@dataclass
class MetadataServer:
    """Routes to answers; every request is recorded as (route, headers)."""

    routes: dict = field(default_factory=dict)
    requests: list = field(default_factory=list)
    url: str = ""

    def environment(self, **extra: str) -> dict:
        """The variables that point kb at this server, with no pause between arXiv requests."""
        return {"KB_ARXIV_API": f"{self.url}/arxiv/api/query", "KB_CROSSREF_API": f"{self.url}/crossref",
                "KB_ARXIV_INTERVAL": "0", "KB_HTTP_TIMEOUT": "5", "NO_PROXY": "127.0.0.1", **extra}

    def routes_asked(self) -> list:
        return [asked for asked, _headers in self.requests]


def serve(server_state: MetadataServer):
    """Start the server on a free port of 127.0.0.1; return the http.server object (call shutdown())."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            parts = urlsplit(self.path)
            asked = route(parts.path, **dict(parse_qsl(parts.query)))
            server_state.requests.append((asked, dict(self.headers)))
            answer = server_state.routes.get(asked, Answer(b"Resource not found.", "text/plain", 404))
            time.sleep(answer.delay)
            try:
                self.send_response(answer.status)
                self.send_header("Content-Type", answer.content_type)
                self.send_header("Content-Length", str(len(answer.body)))
                self.end_headers()
                self.wfile.write(answer.body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up waiting (the timeout test)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    server_state.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    # shutdown() waits for the loop's next poll: a short interval keeps each test's teardown short.
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return httpd
