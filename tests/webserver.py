"""A real HTTP server on 127.0.0.1 for the feed and page tests (pytest-httpserver, threaded)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer


@pytest.fixture
def web() -> Iterator[HTTPServer]:
    """A fresh server per test; handles requests in threads, so slow answers overlap."""
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.no_handler_status_code = 404  # a path the test did not set up is not there
    server.start()
    try:
        yield server
    finally:
        server.clear()
        if server.is_running():
            server.stop()
