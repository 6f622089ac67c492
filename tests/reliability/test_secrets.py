"""The login secret never shows up in the server's log, its pages or its error messages."""

from __future__ import annotations

import secrets
import subprocess
import urllib.error
import urllib.parse
import urllib.request

import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError

from tests.conftest import SAMPLE_ARTICLES
from tests.live import STARTUP_SECONDS, _env, _free_port, _newsqa
from tests.servers import stop, wait_until_up

pytestmark = [pytest.mark.reliability, pytest.mark.slow]


def _fetch(url: str, data: dict | None = None) -> str:
    body = urllib.parse.urlencode(data).encode() if data else None
    try:
        with urllib.request.urlopen(url, data=body, timeout=30) as response:
            return response.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.read().decode(errors="replace")


# tests/unit/test_settings.py reads secrets from the environment only and never reports
# their value, in every make test
@pytest.mark.long
def test_the_login_secret_stays_secret(tmp_path, record) -> None:
    password = "pw-" + secrets.token_hex(12)
    env = _env(tmp_path / "data") | {"NEWSQA_AUTH": f"admin:{password}"}
    ingest = subprocess.run(
        _newsqa("ingest", str(SAMPLE_ARTICLES)), env=env, capture_output=True, text=True
    )
    assert ingest.returncode == 0 and password not in ingest.stdout + ingest.stderr
    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    log = tmp_path / "serve.log"
    command = _newsqa("-vv", "serve", "--port", str(port), "--llm-model", "smollm2-135m")
    with log.open("w") as out:
        server = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_until_up(url, server, log, STARTUP_SECONDS)
        pages = [
            _fetch(url),
            _fetch(url + "config"),
            _fetch(url + "login", {"username": "admin", "password": "wrong"}),
            _fetch(url + "gradio_api/info"),
            _fetch(url + "v1/articles"),  # the HTTP API without the login
            _fetch(url + "openapi.json"),
        ]
        client = Client(url, auth=("admin", password), verbose=False)
        reply = client.predict("Who is Sergey Ryabkov?", api_name="/ask")
        pages.append(str(reply))
        with pytest.raises(AppError) as error:
            client.predict("  ", api_name="/ask")
        pages.append(str(error.value))
        pages.append(str(client.view_api(print_info=False, return_format="dict")))
    finally:
        stop(server)
    leaks = [i for i, page in enumerate(pages) if password in page]
    logged = password in log.read_text()
    assert leaks == [] and not logged
    record(
        "login password set in NEWSQA_AUTH; pages, API replies, errors and a -vv log searched",
        len(pages) + 1,
        {"responses_containing_it": len(leaks), "in_log": logged},
    )
