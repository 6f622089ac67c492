"""Loading every supported format, and refusing unusable files with a clear reason."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from ingest.clean import html_to_text
from ingest.decode import decode_bytes
from ingest.loaders import SUPPORTED_SUFFIXES, LoadResult, load_file
from rag.dates import parse_date
from rag.errors import InputFileError

SHARED_DATASETS = Path(__file__).resolve().parents[3] / "shared" / "datasets"


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def load_one(path: Path) -> LoadResult:
    result = load_file(path)
    assert len(result.articles) == 1
    assert result.problems == []
    return result


def make_pdf(pages: list[list[str]], title: str | None = None) -> bytes:
    """A minimal valid PDF whose pages show the given lines in Helvetica."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(len(pages)))
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>")
    objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for i, lines in enumerate(pages):
        stream = "BT /F1 12 Tf 72 720 Td " + "".join(f"({ln}) Tj 0 -16 Td " for ln in lines) + "ET"
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {5 + 2 * i} 0 R "
            "/Resources << /Font << /F1 3 0 R >> >> >>"
        )
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
    info = ""
    if title is not None:
        objects.append(f"<< /Title ({title}) >>")
        info = f" /Info {len(objects)} 0 R"
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    trailer = (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R{info} >>\nstartxref\n{xref}\n%%EOF\n"
    )
    return bytes(out + trailer.encode())


# --- plain text -----------------------------------------------------------------------------


def test_text_file_title_source_and_cleaning(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "story.txt",
        "Talks end in Riyadh\n\nThe delegations met for four hours.\n\nShare this article\n",
    )
    article = load_one(path).articles[0]
    assert article.title == "Talks end in Riyadh"
    assert article.text == "Talks end in Riyadh\n\nThe delegations met for four hours."
    assert article.source == "story.txt", "the file name, never a server path"
    assert (article.id, article.url, article.date) == (None, None, None)


def test_sample_article_loads_without_boilerplate(sample_articles: Path) -> None:
    article = load_one(sample_articles / "001_767c62ebf6c862b6.txt").articles[0]
    assert article.title.startswith("The USA and Russia agree to “put the foundations”")
    assert "Leave a Reply" not in article.text
    assert "Source link" not in article.text


def test_long_first_line_title_is_trimmed_at_a_word_boundary(tmp_path: Path) -> None:
    first = "Officials said " + "the talks would continue " * 20
    article = load_one(write(tmp_path, "long.txt", first + "\nMore text.")).articles[0]
    assert len(article.title) <= 100
    assert article.title.endswith("…")
    assert first.startswith(article.title[:-1])
    assert first[len(article.title) - 1] == " "


def test_suffix_is_matched_case_insensitively(tmp_path: Path) -> None:
    article = load_one(write(tmp_path, "UPPER.TXT", "Headline\nBody.")).articles[0]
    assert article.title == "Headline"


# --- encodings ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"Caf\xe9 \x93quoted\x94", "Café “quoted”"),  # CP-1252 smart quotes
        (b"Na\xefve caf\xe9 in Z\xfcrich", "Naïve café in Zürich"),  # Latin-1
        (b"Stra\xdfe \x81ok", "Straße ok"),  # not CP-1252 (0x81): Latin-1, control dropped
        ("Zürich “quoted” – ok".encode(), "Zürich “quoted” – ok"),
        (codecs.BOM_UTF8 + "Café".encode(), "Café"),
        (codecs.BOM_UTF16_LE + "Café “x”".encode("utf-16-le"), "Café “x”"),
        (codecs.BOM_UTF16_BE + "Café “x”".encode("utf-16-be"), "Café “x”"),
        (b"one\r\ntwo\rthree", "one\ntwo\nthree"),
        ("Cafe\u0301".encode(), "Café"),  # NFC: combining accent composed
        (b"bell\x07 and\x1b escape", "bell and escape"),
    ],
)
def test_decode_bytes(data: bytes, expected: str) -> None:
    assert decode_bytes(data) == expected


def test_cp1252_text_file_is_decoded_not_rejected(tmp_path: Path) -> None:
    article = load_one(write(tmp_path, "legacy.txt", b"Caf\xe9 \x93quoted\x94\n")).articles[0]
    assert article.text == "Café “quoted”"


def test_utf16_file_with_bom_loads(tmp_path: Path) -> None:
    data = codecs.BOM_UTF16_LE + "Headline\r\n\r\nBody text.".encode("utf-16-le")
    article = load_one(write(tmp_path, "wide.txt", data)).articles[0]
    assert (article.title, article.text) == ("Headline", "Headline\n\nBody text.")


def test_utf8_bom_does_not_leak_into_the_title(tmp_path: Path) -> None:
    article = load_one(write(tmp_path, "bom.txt", codecs.BOM_UTF8 + b"Title\nBody")).articles[0]
    assert article.title == "Title"


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
        bytes(range(1, 32)) * 20 + b"some text",
    ],
)
def test_binary_data_in_a_text_file_is_refused(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(InputFileError, match=r"^binary file \(not text\)$"):
        load_file(write(tmp_path, "image.txt", data))


def test_truncated_utf16_is_reported_as_undecodable(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="not valid UTF-8, Latin-1 or UTF-16 text"):
        load_file(write(tmp_path, "odd.txt", codecs.BOM_UTF16_LE + b"a\x00\x00\xdc"))


# --- unusable files -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["empty.txt", "empty.md", "empty.html", "empty.json", "e.jsonl"])
@pytest.mark.parametrize("content", [b"", b"  \n\n\t  \n"])
def test_empty_file(tmp_path: Path, name: str, content: bytes) -> None:
    with pytest.raises(InputFileError, match="^empty file$"):
        load_file(write(tmp_path, name, content))


def test_file_with_only_boilerplate_has_no_article_text(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="no article text"):
        load_file(write(tmp_path, "junk.txt", "Share this article\nAdvertisement\n)\n"))


def test_html_without_text_has_no_article_text(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="no article text"):
        load_file(write(tmp_path, "blank.html", "<html><body><script>var x;</script></body>"))


@pytest.mark.parametrize(("name", "suffix"), [("report.docx", "'.docx'"), ("notes", "(no ext")])
def test_unsupported_file_type(tmp_path: Path, name: str, suffix: str) -> None:
    with pytest.raises(
        InputFileError, match=f"^unsupported file type {suffix}".replace("(", r"\(")
    ):
        load_file(write(tmp_path, name, "Some text."))


def test_directory_and_missing_file(tmp_path: Path) -> None:
    (tmp_path / "folder.txt").mkdir()
    with pytest.raises(InputFileError, match="is a directory"):
        load_file(tmp_path / "folder.txt")
    with pytest.raises(InputFileError, match="file not found"):
        load_file(tmp_path / "missing.txt")


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "secret.txt", "text")

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(InputFileError, match="permission denied"):
        load_file(path)


def test_supported_suffixes() -> None:
    assert {".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl", ".pdf"} == set(
        SUPPORTED_SUFFIXES
    )


# --- Markdown -------------------------------------------------------------------------------

MARKDOWN = """---
title: "US and Russia agree to more talks"
date: 2025-02-18
url: https://example.com/us-russia-talks
source: Example News
tags: [ukraine]
---

# A heading that is not the title

Officials met in **Riyadh** for *four* hours, [according to Reuters](https://reuters.com/x).

![A photo of the delegations](photo.jpg)

- first point
- second point

```
code stays as text
```
"""


def test_markdown_front_matter_and_syntax(tmp_path: Path) -> None:
    article = load_one(write(tmp_path, "talks.md", MARKDOWN)).articles[0]
    assert article.title == "US and Russia agree to more talks"
    assert article.date == "2025-02-18"
    assert article.url == "https://example.com/us-russia-talks"
    assert article.source == "Example News"
    assert "Officials met in Riyadh for four hours, according to Reuters." in article.text
    assert "first point\nsecond point" in article.text
    assert "code stays as text" in article.text
    assert "A photo of the delegations" not in article.text
    for markup in ("**", "](", "photo.jpg", "# ", "title:", "---", "tags:", "- first"):
        assert markup not in article.text


def test_markdown_title_is_the_first_level_one_heading(tmp_path: Path) -> None:
    text = "Intro line.\n\n## Background\n\n# Ceasefire _talks_ begin #\n\nBody text.\n"
    article = load_one(write(tmp_path, "plain.markdown", text)).articles[0]
    assert article.title == "Ceasefire talks begin"
    assert article.text == "Intro line.\n\nBackground\n\nCeasefire talks begin\n\nBody text."
    assert article.source == "plain.markdown"


def test_markdown_opening_with_a_rule_is_not_front_matter(tmp_path: Path) -> None:
    text = "---\nOpening paragraph of the story.\n---\n\nSecond paragraph.\n"
    article = load_one(write(tmp_path, "rule.md", text)).articles[0]
    assert article.text == "Opening paragraph of the story.\n\nSecond paragraph."


def test_markdown_without_headings_takes_the_first_line(tmp_path: Path) -> None:
    article = load_one(write(tmp_path, "n.md", "Plain *first* line\nsecond")).articles[0]
    assert article.title == "Plain first line"


# --- HTML -----------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head>
  <title>Talks in Riyadh | Example News</title>
  <meta property="og:title" content="OG title">
  <link rel="canonical" href="https://example.com/riyadh-talks">
  <meta property="article:published_time" content="2025-02-18T10:00:00+00:00">
  <style>body { color: red; }</style>
  <script>var tracking = "SECRET_SCRIPT_TEXT";</script>
</head><body>
  <header><a href="/">Example News home</a></header>
  <nav><ul><li>World</li><li>Politics</li></ul></nav>
  <div class="sidebar-teaser">Unrelated sidebar teaser</div>
  <article>
    <h1>Talks in Riyadh</h1>
    <p>The delegations met
       for four hours&nbsp;on Tuesday.</p>
    <div class="share-buttons"><a>Facebook</a><a>Twitter</a></div>
    <p>Russia asked for <b>guarantees</b>.<br>A second line.</p>
    <script>document.write("INLINE_SCRIPT_TEXT")</script>
    <ul><li>Point one</li><li>Point two</li></ul>
    <section id="comments"><p>Great article! Commenter text.</p></section>
    <aside>Related: Another story</aside>
  </article>
  <footer>Copyright footer text</footer>
</body></html>"""


def test_html_article_text_title_url_and_date(tmp_path: Path) -> None:
    article = load_one(write(tmp_path, "page.html", PAGE)).articles[0]
    assert article.title == "OG title", "the headline the page gives, without the site's name"
    assert article.url == "https://example.com/riyadh-talks"
    assert article.date == "2025-02-18", "the publication day, as an ISO date"
    assert article.text == (
        "Talks in Riyadh\n\n"
        "The delegations met for four hours on Tuesday.\n\n"
        "Russia asked for guarantees.\n\nA second line.\n\n"
        "Point one\n\nPoint two"
    ), "trafilatura's blocks, share buttons, comments and asides left out"


def test_html_scripts_never_reach_the_text(tmp_path: Path) -> None:
    for name in ("page.html", "page.htm"):
        text = load_one(write(tmp_path, name, PAGE)).articles[0].text
        for leaked in ("SECRET_SCRIPT_TEXT", "INLINE_SCRIPT_TEXT", "color: red", "tracking"):
            assert leaked not in text


def test_html_furniture_and_widgets_are_dropped() -> None:
    _title, text, _meta = html_to_text(
        PAGE.replace("<article>", "<div>").replace("</article>", "</div>")
    )
    for furniture in (
        "Example News home",
        "Politics",
        "Facebook",
        "Commenter text",
        "Another story",
        "Copyright footer",
    ):
        assert furniture not in text
    assert "The delegations met for four hours" in text


def test_html_prefers_main_and_falls_back_to_og_title_then_h1() -> None:
    html = (
        '<meta property="og:title" content="OG headline">'
        "<div>Outside</div><main><p>Inside</p></main>"
    )
    assert html_to_text(html)[:2] == ("OG headline", "Inside")
    assert (
        html_to_text("<body><h1>First <i>heading</i></h1><p>Body</p></body>")[0] == "First heading"
    )
    assert html_to_text("<p>No title anywhere</p>")[0] is None


def test_html_date_and_url_from_other_tags(tmp_path: Path) -> None:
    html = (
        '<meta property="og:url" content="https://example.com/a">'
        "<p>Officials met in Riyadh for a long day of talks on the war.</p>"
        '<p>Published <time datetime="2025-02-18">18 February</time></p>'
    )
    _title, _text, meta = html_to_text(html)
    assert meta == {"url": "https://example.com/a"}
    article = load_one(write(tmp_path, "page.html", html)).articles[0]
    assert (article.url, article.date) == ("https://example.com/a", "2025-02-18")


def test_text_articles_take_their_dateline_and_never_the_file_time(tmp_path: Path) -> None:
    dated = "MOSCOW, February 18, 2025 (AP) — Officials met in Riyadh on Tuesday for talks."
    assert load_one(write(tmp_path, "dated.txt", dated)).articles[0].date == "2025-02-18"
    undated = "Officials met in Riyadh on Tuesday for talks that lasted hours."
    assert load_one(write(tmp_path, "undated.txt", undated)).articles[0].date is None


def test_html_keeps_preformatted_line_breaks() -> None:
    assert html_to_text("<pre>line one\n  line two</pre>")[1] == "line one\n  line two"


def test_deeply_nested_html_does_not_crash(tmp_path: Path) -> None:
    html = "<html><body>" + "<div>" * 5000 + "<p>deep text</p>" + "</div>" * 5000 + "</body></html>"
    assert html_to_text(html)[1] == "deep text"
    article = load_one(write(tmp_path, "deep.html", html)).articles[0]
    assert article.text == "deep text"
    unclosed = "<div>" * 5000 + "<p>still <b>here"
    assert html_to_text(unclosed)[1] == "still here"


@pytest.mark.parametrize(
    "broken",
    ["<p>unclosed <b>bold <div>text", "</div></p><p>>< <<>> text", "<html><body><p>a</html></p>b"],
)
def test_broken_html_never_raises(broken: str) -> None:
    _title, text, _meta = html_to_text(broken)
    assert "text" in text or text.endswith("b")


# --- JSON and JSONL -------------------------------------------------------------------------


def test_json_object_with_all_fields(tmp_path: Path) -> None:
    record = {
        "id": 7,
        "title": "  Given   title ",
        "text": "Body of the story.\n\nAdvertisement\n\nSecond paragraph.",
        "date": "February 18, 2025",
        "url": "https://example.com/7",
        "source": "Wire service",
        "extra": {"ignored": True},
    }
    article = load_one(write(tmp_path, "one.json", json.dumps(record))).articles[0]
    assert article.id == "7"
    assert article.title == "Given title"
    assert article.text == "Body of the story.\n\nSecond paragraph."
    assert (article.date, article.url, article.source) == (
        "2025-02-18",
        "https://example.com/7",
        "Wire service",
    )


def test_json_list_with_a_bad_item_keeps_the_good_ones(tmp_path: Path) -> None:
    records = [
        {"id": "a", "text": "First story."},
        {"id": "b", "title": "No text here"},
        {"id": "c", "text": "Third story.", "date": "not a date"},
        "just a string",
        {"id": "e", "text": 42},
        {"id": "f", "text": " \n "},
        {"id": "a", "text": "Duplicate of a."},
    ]
    result = load_file(write(tmp_path, "many.json", json.dumps(records)))
    assert [a.id for a in result.articles] == ["a", "c"]
    assert result.articles[1].date is None
    assert result.articles[0].title == "First story."
    assert result.articles[0].source == "many.json"
    assert result.problems == [
        "record 2: no 'text' field",
        "record 4: not a JSON object",
        "record 5: 'text' is not a string",
        "record 6: 'text' is empty",
        "record 7: duplicate id 'a' (also in record 1); skipped",
    ]


def test_json_record_with_html_text_is_converted(tmp_path: Path) -> None:
    html = (
        "<html><head><title>HTML title</title></head><body><p>Para one.</p>"
        "<script>BAD()</script><p>Para two.</p></body></html>"
    )
    article = load_one(write(tmp_path, "h.json", json.dumps({"text": html}))).articles[0]
    assert article.text == "Para one.\n\nPara two."
    assert article.title == "HTML title"


def test_json_text_that_merely_mentions_a_tag_is_left_alone(tmp_path: Path) -> None:
    text = "Use <b> for bold, the guide says."
    article = load_one(write(tmp_path, "t.json", json.dumps({"text": text}))).articles[0]
    assert article.text == text


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"text": "unterminated', r"^invalid JSON \(Unterminated string"),
        ("[1, 2", r"^invalid JSON"),
        ('"a string"', "must be an object or a list of objects"),
        ("[]", "no articles in the file"),
        (
            '[{"title": "x"}, {"text": ""}]',
            r"no usable records \(record 1: no 'text' field; record 2",
        ),
        ('{"title": "only a title"}', r"^no 'text' field$"),
        ('{"text": "x", "id": [1]}', "'id' must be a string or a number"),
    ],
)
def test_unusable_json_files(tmp_path: Path, content: str, message: str) -> None:
    with pytest.raises(InputFileError, match=message):
        load_file(write(tmp_path, "bad.json", content))


def test_jsonl_bad_lines_are_reported_and_good_lines_kept(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "1", "text": "First story.", "date": "2025-02-18 10:00"}),
        "{not json",
        "",
        json.dumps({"id": 2, "text": "Second story.", "url": "https://example.com/2"}),
        json.dumps({"title": "missing text"}),
        "   ",
        json.dumps({"id": "3", "text": "Third\u2028story with a line separator."}),
    ]
    result = load_file(write(tmp_path, "feed.jsonl", "\n".join(lines) + "\n"))
    assert [a.id for a in result.articles] == ["1", "2", "3"]
    assert result.articles[0].date == "2025-02-18T10:00:00"
    assert result.articles[1].url == "https://example.com/2"
    assert result.articles[2].text == "Third\nstory with a line separator."
    assert len(result.problems) == 2
    assert result.problems[0].startswith("line 2: invalid JSON (")
    assert result.problems[1] == "line 5: no 'text' field"


def test_jsonl_with_no_good_line_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="no usable records.*line 1: invalid JSON.*line 2"):
        load_file(write(tmp_path, "bad.jsonl", "{oops\n[1, 2]\n"))


def test_jsonl_with_windows_line_endings(tmp_path: Path) -> None:
    data = b'{"text": "One."}\r\n{"text": "Two."}\r\n'
    result = load_file(write(tmp_path, "crlf.jsonl", data))
    assert [a.text for a in result.articles] == ["One.", "Two."]
    assert result.problems == []


def test_record_that_is_entirely_boilerplate_is_kept_as_given(tmp_path: Path) -> None:
    text = "We use cookies to enhance your experience, improve site performance ..."
    article = load_one(write(tmp_path, "c.jsonl", json.dumps({"text": text}))).articles[0]
    assert article.text == text


@pytest.mark.parametrize(("folder", "count"), [("squad2-dev-500", 411), ("rgb-en-fact", 856)])
def test_shared_corpus_files_ingest_cleanly(folder: str, count: int) -> None:
    path = SHARED_DATASETS / folder / "corpus.jsonl"
    if not path.exists():
        pytest.skip(f"{path} is not present")
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    result = load_file(path)
    assert result.problems == []
    assert len(result.articles) == count == len(records)
    for record, article in zip(records, result.articles, strict=True):
        assert article.id == record["id"]
        assert article.title == record["title"]
        assert article.source == record["source"]
        # Every word kept; only stray byte-order marks inside the text are dropped.
        assert article.text.split() == record["text"].replace("\ufeff", "").split()


# --- PDF ------------------------------------------------------------------------------------


def test_pdf_pages_are_joined_with_blank_lines(tmp_path: Path) -> None:
    data = make_pdf([["Hello PDF world.", "Second line here."], ["Page two text."]])
    article = load_one(write(tmp_path, "doc.pdf", data)).articles[0]
    assert article.text == "Hello PDF world.\nSecond line here.\n\nPage two text."
    assert article.title == "Hello PDF world."


def test_pdf_title_from_metadata(tmp_path: Path) -> None:
    data = make_pdf([["Body text."]], title="Riyadh talks report")
    assert load_one(write(tmp_path, "t.pdf", data)).articles[0].title == "Riyadh talks report"


def test_pdf_without_text(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="^no text could be extracted from the PDF"):
        load_file(write(tmp_path, "scan.pdf", make_pdf([[]])))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.4\nthis is not really a pdf\n%%EOF", "the PDF cannot be opened"),
        (make_pdf([["Cut off"]])[:60], "the PDF cannot be opened"),
        (b"Plain text saved with a .pdf name", "not a PDF file"),
    ],
)
def test_damaged_pdf_is_refused_with_a_reason(tmp_path: Path, data: bytes, message: str) -> None:
    with pytest.raises(InputFileError, match=message):
        load_file(write(tmp_path, "broken.pdf", data))


# --- dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-02-18", "2025-02-18"),
        ("2025-02-18T10:00:00+00:00", "2025-02-18T10:00:00+00:00"),
        ("2025-02-18T10:00:00Z", "2025-02-18T10:00:00+00:00"),
        ("2025-02-18 10:00", "2025-02-18T10:00:00"),
        ("18 February 2025", "2025-02-18"),
        ("18th Feb 2025", "2025-02-18"),
        ("February 18, 2025", "2025-02-18"),
        ("Feb. 18, 2025", "2025-02-18"),
        ("Tuesday, February 18, 2025", "2025-02-18"),
        ("Tue, 18 Feb 2025 10:00:00 GMT", "2025-02-18T10:00:00+00:00"),
        ("2025/02/18", "2025-02-18"),
        ("  2025-02-18  ", "2025-02-18"),
        ("yesterday", None),
        ("2025-13-45", None),
        ("", None),
        (None, None),
        (20250218.5, None),
    ],
)
def test_parse_date(value: object, expected: str | None) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize("content", ["[" * 100_000 + "]" * 100_000, '{"text": ' + "9" * 5000 + "}"])
def test_pathological_json_is_refused_not_crashing(tmp_path: Path, content: str) -> None:
    with pytest.raises(InputFileError, match="^invalid JSON"):
        load_file(write(tmp_path, "odd.json", content))
    result = load_file(write(tmp_path, "odd.jsonl", '{"text": "Fine."}\n' + content))
    assert [a.text for a in result.articles] == ["Fine."]
    assert result.problems[0].startswith("line 2: invalid JSON (")


try:
    from hypothesis import given, settings
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover - hypothesis is a dev dependency
    given = None

if given is not None:

    @settings(max_examples=200, deadline=None)
    @given(
        data=st.binary(max_size=200) | st.text(max_size=200).map(str.encode),
        suffix=st.sampled_from(sorted(SUPPORTED_SUFFIXES)),
    )
    def test_any_bytes_load_or_fail_with_a_reason(
        tmp_path_factory: pytest.TempPathFactory, data: bytes, suffix: str
    ) -> None:
        path = tmp_path_factory.mktemp("fuzz") / f"input{suffix}"
        path.write_bytes(data)
        try:
            result = load_file(path)
        except InputFileError as exc:
            assert str(exc)
            return
        for article in result.articles:
            assert article.text == article.text.strip() != ""
            assert article.title
