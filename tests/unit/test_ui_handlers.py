"""The web UI handlers and HTML, with fake models on a temp index; the app is built, not run."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from rag.answer.prompt import ABSTAIN_TEXT
from rag.app import Newsqa
from rag.errors import NewsqaError
from rag.settings import Settings
from rag.types import (
    Answer,
    ArticleRef,
    AskOptions,
    Citation,
    Claim,
    Disagreement,
    Passage,
    Sentence,
    StoryView,
)
from tests.fakes import ScriptedChatModel
from tests.harness import fake_app
from ui.handlers import ChatState, answer_payload, answer_stream, ask_options
from ui.library import delete_article, ingest_uploads, library_rows, library_stats, safe_name
from ui.views import answer_html, render_article_html, render_sources_html, render_stories_html

PAYLOAD = "<script>alert(1)</script> <img src=x onerror=alert(1)>"
ARTICLE = json.dumps(
    {
        "title": "Talks in Riyadh",
        "source": "Example News",
        "date": "2025-02-18",
        "text": "The talks in Riyadh lasted four and a half hours. Sergey Ryabkov is a deputy "
        "foreign minister of Russia. The delegations agreed to meet again soon.",
    }
)


@pytest.fixture
def model() -> ScriptedChatModel:
    return ScriptedChatModel()


@pytest.fixture
def backend(settings: Settings, model: ScriptedChatModel) -> Newsqa:
    return fake_app(settings, model=model)


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text)
    return path


def citation(text: str, support: tuple[int, int] | None, url: str | None = None) -> Citation:
    passage = Passage(
        passage_id="a#0",
        article_id="a",
        index=0,
        title=f"Title {PAYLOAD}",
        source="Src <b>",
        url=url,
        date="2025-02-18",
        text=text,
        start=10,
        end=10 + len(text),
    )
    return Citation.of(1, passage, support)


def test_sources_html_escapes_article_text_and_marks_the_support() -> None:
    text = f"Ryabkov spoke. {PAYLOAD} was in the page."
    cited = citation(text, (10, 10 + len("Ryabkov spoke.")), url="javascript:alert(1)")
    answer = Answer(
        question="q",
        answer="Ryabkov spoke [1]. He flew <home> [1].",
        abstained=False,
        citations=[cited],
        sentences=[
            Sentence(text="Ryabkov spoke [1].", citations=[1], supported=True),
            Sentence(text="He flew <home> [1].", citations=[1], supported=False),
        ],
    )
    html = render_sources_html(answer)
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<mark>Ryabkov spoke.</mark>" in html
    assert 'href="javascript' not in html  # a javascript: URL is never a link
    assert "not supported" in html
    chat = answer_html(answer)
    assert '<span class="cite">1</span>' in chat and "&lt;home&gt;" in chat
    assert 'class="unsupported"' in chat


def test_disagreements_open_side_by_side_and_copies_are_named() -> None:
    first = citation("Twelve died <b>.", None)
    first.also_in = [ArticleRef(article_id="c", title="Copy <i>", source="Coast Daily", date=None)]
    second = first.model_copy(update={"n": 2, "also_in": [], "source": "Talvik Herald"})
    claims = [Claim(text="12 died.", citation=1), Claim(text="At least 15 <died>.", citation=2)]
    answer = Answer(
        question="q",
        answer="12 died [1]. Another report gives another figure: “At least 15” [2].",
        abstained=False,
        citations=[first, second],
        sentences=[Sentence(text="12 died [1].", citations=[1], supported=True)],
        disagreements=[Disagreement(about="How many died?", claims=claims)],
    )
    html = render_sources_html(answer)
    assert html.startswith('<details class="differ">') and "sources differ" in html
    assert "At least 15 &lt;died&gt;." in html and "Talvik Herald" in html
    assert "also in 1 other article: <span" in html and "Coast Daily" in html
    assert "<i>" not in html
    assert "sources differ" in answer_html(answer)
    stories = render_stories_html(
        [StoryView(id="w", articles=[ArticleRef(article_id="w", title="Wire <x>", source="NW")])]
    )
    assert "1 versions" not in stories and "Wire &lt;x&gt;" in stories


def test_safe_links_are_kept() -> None:
    html = render_sources_html(
        Answer(
            question="q",
            answer="x [1].",
            abstained=False,
            citations=[citation("x", None, url='https://example.com/a?b=1&c="2"')],
        )
    )
    assert 'href="https://example.com/a?b=1&amp;c=&quot;2&quot;"' in html


def test_abstention_lists_related_passages() -> None:
    related = citation(f"Nearby {PAYLOAD}", None)
    passage = Passage(**related.model_dump(exclude={"n", "support_start", "support_end"}), index=0)
    answer = Answer(question="q", answer=ABSTAIN_TEXT, abstained=True, related=[passage])
    html = render_sources_html(answer)
    assert "The articles do not contain the answer" in html
    assert "Related passages" in html and "Nearby &lt;script&gt;" in html
    assert "<script" not in html and 'class="cite"' not in html


def test_uploads_accept_refuse_and_report_each_file(backend: Newsqa, tmp_path: Path) -> None:
    incoming = tmp_path / "incoming"
    good = write(incoming, "riyadh.json", ARTICLE)
    script = write(incoming, "evil.sh", "rm -rf /")
    empty = write(incoming, "empty.md", "   ")
    big = write(incoming, "big.txt", "word " * 400)
    uploads = backend.settings.uploads_dir
    rows = ingest_uploads([good, script, empty, big], backend, uploads, 1000)
    outcomes = {row.name: (row.outcome, row.reason) for row in rows}
    assert outcomes["riyadh.json"][0] == "added"
    assert outcomes["evil.sh"][0] == "failed" and "unsupported" in outcomes["evil.sh"][1]
    assert outcomes["empty.md"] == ("failed", "empty file")
    assert outcomes["big.txt"][0] == "failed" and "too large" in outcomes["big.txt"][1]
    assert sorted(p.name for p in uploads.iterdir()) == ["riyadh.json"]
    again = ingest_uploads([good], backend, uploads, 1000)
    assert again[0].outcome == "unchanged"
    edited = write(incoming / "v2", "riyadh.json", ARTICLE.replace("soon", "in March"))
    assert ingest_uploads([edited], backend, uploads, 1000)[0].outcome == "updated"
    assert library_stats(backend.catalog)[0] == 1


def test_upload_names_cannot_leave_the_upload_folder(backend: Newsqa, tmp_path: Path) -> None:
    source = write(tmp_path / "incoming", "upload.json", ARTICLE)
    uploads = backend.settings.uploads_dir
    names = ["../../x.json"]
    [row] = ingest_uploads([source], backend, uploads, 10_000, names=names)
    assert row.name == "x.json" and row.outcome == "added"
    assert (uploads / "x.json").is_file()
    assert not (uploads.parent.parent / "x.json").exists()
    assert safe_name("..\\..\\win.txt") == "win.txt"
    assert safe_name("/etc/passwd") == "passwd"
    assert safe_name("..") == "upload"
    assert safe_name(".hidden.txt") == "hidden.txt"


def test_library_rows_and_delete(backend: Newsqa, tmp_path: Path) -> None:
    source = write(tmp_path / "incoming", "riyadh.json", ARTICLE)
    ingest_uploads([source], backend, backend.settings.uploads_dir, 10_000)
    [row] = library_rows(backend.catalog)
    title, src, date, chunks, article_id = row
    assert (title, src, date) == ("Talks in Riyadh", "Example News", "2025-02-18")
    assert chunks >= 1
    article = render_article_html(backend.catalog, article_id, 0, 20)
    assert "<mark>" in article and "Talks in Riyadh" in article
    assert "Deleted" in delete_article(backend.writer, article_id)
    assert library_rows(backend.catalog) == [] and library_stats(backend.catalog) == (0, 0)
    with pytest.raises(NewsqaError):
        delete_article(backend.writer, article_id)


def test_a_chat_turn_streams_and_updates_history(
    backend: Newsqa, model: ScriptedChatModel, tmp_path: Path
) -> None:
    source = write(tmp_path / "incoming", "riyadh.json", ARTICLE)
    ingest_uploads([source], backend, backend.settings.uploads_dir, 10_000)
    model.enqueue(
        "Sergey Ryabkov is a deputy foreign minister of Russia [1]. "
        "He led the Russian delegation in Riyadh [1]."
    )
    state = ChatState()
    options = AskOptions(top_k=3, retriever="hybrid")
    events = list(answer_stream("Who is Sergey Ryabkov?", state, backend, options))
    partials = [[s.text for s in checked] for checked, answer, _ in events if answer is None]
    assert partials[0] == ["Sergey Ryabkov is a deputy foreign minister of Russia [1]."]
    checked, answer, points = events[-1]
    assert not points, "a fact is answered in sentences, not points"
    assert answer is not None and not answer.abstained
    assert [t.question for t in state.turns] == ["Who is Sergey Ryabkov?"]
    assert state.last is answer and " ".join(s.text for s in checked) == answer.answer
    assert answer.citations[0].title == "Talks in Riyadh"
    payload = answer_payload(answer)
    assert payload["answer"] == answer.answer and payload["citations"][0]["n"] == 1


def test_failed_question_leaves_history_alone(backend: Newsqa) -> None:
    state = ChatState()
    with pytest.raises(NewsqaError):
        list(answer_stream("   ", state, backend, AskOptions()))
    assert state.turns == [] and state.last is None


def test_options_validate_dates_and_build_filters() -> None:
    assert not ask_options().filters
    filters = ask_options(source=" Reuters ", since="2025-01-01").filters
    assert (filters.source, filters.since, filters.until) == ("Reuters", date(2025, 1, 1), None)
    for bad in ("yesterday", "2025-13-45", "2025-02-30", "2025-2-3"):
        with pytest.raises(NewsqaError, match="YYYY-MM-DD"):
            ask_options(until=bad)
    options = ask_options(top_k=4.0, retriever="bm25")
    assert (options.top_k, options.retriever, options.llm_model) == (4, "bm25", None)


def test_build_app_constructs(settings: Settings, backend: Newsqa) -> None:
    from ui.app import build_app

    demo = build_app(settings, backend)
    api_names = {d.api_name for d in demo.fns.values()}
    assert "ask" in api_names
    assert demo.analytics_enabled is False


def test_auth_setting_and_loopback_check() -> None:
    from rag.settings import load_settings
    from ui.server import is_loopback

    assert load_settings(auth="me:pa:ss").auth_pair == ("me", "pa:ss")
    assert load_settings().auth_pair is None
    assert "pa:ss" not in repr(load_settings(auth="me:pa:ss"))
    for bad in ("nopassword", ":x", "me:"):
        with pytest.raises(NewsqaError):
            load_settings(auth=bad)
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("example.org")


def test_only_files_in_the_staging_folder_are_accepted(backend: Newsqa, tmp_path: Path) -> None:
    staging = tmp_path / "incoming"
    inside = write(staging / "abc123", "upload.json", ARTICLE)
    secret = write(tmp_path / "private", "secrets.txt", "The server's private notes.")
    rows = ingest_uploads(
        [inside, secret, staging / ".." / "private" / "secrets.txt"],
        backend,
        backend.settings.uploads_dir,
        10_000,
        staging_dir=staging,
    )
    assert [row.outcome for row in rows] == ["added", "failed", "failed"]
    assert rows[1].reason == rows[2].reason == "not an uploaded file"
