"""Hostile uploads through the browser: nothing is written outside the upload folder.

Sent as a browser would send them, with names chosen by an attacker: path
traversal, markup in the name, an archive, a file over the size cap and an
HTML tag bomb.
"""

from __future__ import annotations

import io
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.live import Server
from tests.ui.test_browser import shown

pytestmark = [pytest.mark.reliability, pytest.mark.slow, pytest.mark.browser]

MARK = "Quillfeather"  # a word in every hostile file, to find where any of them went


def _zip_bomb() -> bytes:
    """100 MB of zeros that compress to about 100 KB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("inner.txt", f"{MARK} ".encode() + b"\0" * 100_000_000)
    return buffer.getvalue()


def _files() -> list[dict[str, Any]]:
    story = f"{MARK} harbour report\n\nThe {MARK} harbour reopened on Monday, officials said.\n"
    return [
        {"name": "../../../escaped.txt", "mimeType": "text/plain", "buffer": story.encode()},
        {
            "name": "..%2F..%2Fencoded.txt",
            "mimeType": "text/plain",
            "buffer": story.replace("harbour", "pier").encode(),
        },
        {
            "name": "<img src=x onerror=window.__pwned=1>.txt",
            "mimeType": "text/plain",
            "buffer": story.replace("harbour", "quay").encode(),
        },
        {
            "name": "tags.html",
            "mimeType": "text/html",
            "buffer": (b"<div>" * 3_000_000) + f"<p>{MARK} tag bomb text.</p>".encode(),
        },
        {"name": "huge.txt", "mimeType": "text/plain", "buffer": b"word " * 4_400_000},
    ]


def _written_outside(root: Path, *allowed: Path) -> list[Path]:
    """Files under ``root`` that mention MARK or carry a hostile name, outside ``allowed``."""
    found = []
    for path in root.rglob("*"):
        if not path.is_file() or any(folder in path.parents for folder in allowed):
            continue
        hostile_name = path.name.endswith(("escaped.txt", "encoded.txt")) or "onerror" in path.name
        readable = path.suffix in (".txt", ".html", ".zip")
        if hostile_name or (readable and MARK.encode() in path.read_bytes()[:200]):
            found.append(path)
    return found


# tests/unit/test_ui_handlers.py keeps upload names in the upload folder and
# tests/ui/test_browser.py uploads through the browser, in every make test
@pytest.mark.long
def test_hostile_uploads_are_refused_or_contained(page: Any, server: Server, record) -> None:  # noqa: F811
    page.get_by_role("tab", name="Library").click()
    began = time.perf_counter()
    page.locator("input[type=file][accept*='.json']").set_input_files(_files())
    page.get_by_role("button", name="Add to library").click()
    results = page.get_by_role("grid", name="Upload results")
    shown(results, "escaped.txt").wait_for(timeout=120_000)
    seconds = time.perf_counter() - began
    rows = [
        [cell.strip() for cell in row.get_by_role("gridcell").all_inner_texts()]
        for row in results.get_by_role("row").all()[1:]  # the first row holds the headings
    ]
    uploads, staging = server.data_dir / "uploads", server.data_dir / "incoming"
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert _written_outside(server.data_dir.parent, uploads, staging) == []
    assert _written_outside(Path(tempfile.gettempdir()) / "gradio", uploads, staging) == []
    staged = [p.relative_to(staging) for p in staging.rglob("*") if p.is_file()]
    assert all(".." not in p.parts for p in staged)
    outcomes = {cells[0]: cells[1] for cells in rows}
    assert outcomes["escaped.txt"] == "added" and outcomes["_2F.._2Fencoded.txt"] == "added"
    assert outcomes["tags.html"] == "added", "a tag bomb is read by stripping its tags"
    assert outcomes["huge.txt"] == "failed"
    page.locator("input[type=file][accept*='.json']").set_input_files(
        [{"name": "bomb.zip", "mimeType": "application/zip", "buffer": _zip_bomb()}]
    )
    page.get_by_role("button", name="Add to library").click()
    page.wait_for_timeout(5000)
    assert not any(p.name == "inner.txt" for p in server.data_dir.parent.rglob("*")), "unzipped"
    assert _written_outside(server.data_dir.parent, uploads, staging) == []
    kept = sorted(p.name for p in uploads.iterdir())
    assert all(name not in (".", "..") and "/" not in name and "<" not in name for name in kept)
    assert "bomb.zip" not in kept and "huge.txt" not in kept
    record(
        "browser uploads: traversal names, markup name, 15 MB tag bomb, 22 MB file, zip bomb",
        len(_files()) + 1,
        {
            "seconds_to_results": round(seconds, 1),
            "kept_in_upload_folder": kept,
            "result_rows": [" | ".join(cells)[:100] for cells in rows],
            "written_outside_upload_folder": 0,
            "script_ran": False,
        },
    )
