"""The HTTP API served beside the web UI: OpenAI-compatible chat with sources, and the library.

- ``POST /v1/chat/completions``: an OpenAI chat completion request; the last user
  message is the question, earlier user/assistant pairs are the conversation. The
  reply is an OpenAI chat completion (or its stream of chunks) whose extra field
  ``newsqa`` holds the verified answer: citations, sentence verdicts, abstention.
- ``GET /v1/models``, ``GET /v1/articles``, ``DELETE /v1/articles/{id}``,
  ``POST /v1/ingest`` (multipart files), ``GET /healthz``; the feeds (``feeds_api``).

Errors are JSON ``{"error": {"message", "type"}}`` with a 4xx status when the
request is at fault. With a login set (``NEWSQA_AUTH``), every route but
``/healthz`` needs it: HTTP Basic, or ``Authorization: Bearer <password>``.
"""

from __future__ import annotations

import base64
import secrets
import shutil
import uuid
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, File, HTTPException, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response, StreamingResponse

from ingest.feed_service import FeedService
from rag.answer.conversation import Turn
from rag.app import Newsqa
from rag.dates import parse_day
from rag.errors import NewsqaError
from rag.models.llm import model_choices
from rag.settings import Settings
from rag.types import AskOptions, Filters, StoryView
from ui.api_models import (
    ArticleOut,
    ChatCompletion,
    ChatRequest,
    ErrorReply,
    Health,
    Message,
    ModelList,
    ModelOut,
    NewsqaOptions,
    UploadOut,
)
from ui.completions import completion, completion_stream
from ui.feeds_api import add_feed_routes
from ui.library import delete_article, ingest_uploads, safe_name, upload_limit

REFUSALS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorReply, "description": "Log in (when NEWSQA_AUTH is set)"},
    422: {"model": ErrorReply, "description": "The request does not have the documented shape"},
}


def build_api(settings: Settings, app: Newsqa, feeds: FeedService | None = None) -> FastAPI:
    api = FastAPI(
        title="newsqa",
        version="1",
        description="Answers from news articles, with the passages they come from.",
    )
    login = _login_check(settings)
    # The whole body of an upload is received before the route sees it: cap it up front.
    max_request = upload_limit(2 * settings.upload_max_mb)

    @api.middleware("http")
    async def _limit_uploads(request: Request, call_next):
        if request.url.path == "/v1/ingest" and request.method == "POST":
            length = request.headers.get("content-length", "")
            if not length.isdigit():
                return _error(411, "Send the upload with a Content-Length.")
            if int(length) > max_request:
                return _error(
                    413,
                    f"Upload too large ({int(length) / 1e6:.1f} MB in one request; "
                    f"the limit is {max_request / 1e6:.1f} MB): send fewer files at a time.",
                )
        return await call_next(request)

    @api.exception_handler(NewsqaError)
    async def _user_error(request: Request, exc: NewsqaError) -> JSONResponse:
        return _error(400, str(exc))

    @api.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        unknown = [str(e["loc"][-1]) for e in exc.errors() if e["type"] == "extra_forbidden"]
        if unknown:
            return _error(400, f"Not supported by newsqa: {', '.join(unknown)}.")
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()
        )
        return _error(422, f"Invalid request: {problems}")

    @api.exception_handler(HTTPException)
    async def _http(request: Request, exc: HTTPException) -> JSONResponse:
        return _error(exc.status_code, str(exc.detail), exc.headers)

    @api.get("/healthz", tags=["service"])
    def healthz() -> Health:
        """Up, how many articles the index holds, and whether the models are loaded."""
        return Health(articles=len(app.catalog.all()), ready=app.ready)

    @api.get("/v1/models", tags=["chat"], dependencies=[Depends(login)], responses=REFUSALS)
    def models() -> ModelList:
        """The models a chat request may name."""
        return ModelList(data=[ModelOut(id=name) for name in model_choices(settings)])

    @api.post(
        "/v1/chat/completions",
        tags=["chat"],
        dependencies=[Depends(login)],
        response_model=ChatCompletion,
        responses={
            **REFUSALS,
            200: {
                "description": "A completion, or with ``stream`` server-sent events, each a "
                "ChatCompletionChunk (a checked sentence; the last one carries the answer).",
                "content": {"text/event-stream": {"schema": {"type": "string"}}},
            },
            400: {"model": ErrorReply, "description": "A request newsqa cannot take"},
            404: {"model": ErrorReply, "description": "No such model"},
        },
    )
    def chat_completions(request: ChatRequest) -> Any:
        """Answer the last user message from the articles, with citations in ``newsqa``."""
        refusal = request.refusal()
        if refusal:
            raise HTTPException(400, refusal)
        question, history = _conversation(request.messages)
        options = _options(settings, request)
        stream = app.answers.stream(question, history, options)  # a refusal is a 400 here
        if request.stream:
            return StreamingResponse(
                completion_stream(stream, options.llm_model or settings.llm_model),
                media_type="text/event-stream",
            )
        return completion(stream.answer, options.llm_model or settings.llm_model)

    @api.get("/v1/articles", tags=["library"], dependencies=[Depends(login)], responses=REFUSALS)
    def articles() -> list[ArticleOut]:
        """Every article in the index."""
        return [
            ArticleOut(
                id=r.id, title=r.title, source=r.source, url=r.url, date=r.date, passages=r.passages
            )
            for r in app.catalog.all()
        ]

    @api.get("/v1/stories", tags=["library"], dependencies=[Depends(login)], responses=REFUSALS)
    def stories() -> list[StoryView]:
        """Articles that are copies or rewrites of one report, grouped; largest first."""
        return app.story_views()

    @api.delete(
        "/v1/articles/{article_id}",
        tags=["library"],
        status_code=204,
        dependencies=[Depends(login)],
        responses={**REFUSALS, 404: {"model": ErrorReply, "description": "No such article"}},
    )
    def delete(article_id: str) -> Response:
        """Remove an article and its passages."""
        if app.catalog.get(article_id) is None:
            raise HTTPException(404, f"No article with id {article_id!r}.")
        delete_article(app.writer, article_id)
        return Response(status_code=204)

    @api.post(
        "/v1/ingest",
        tags=["library"],
        dependencies=[Depends(login)],
        responses={
            **REFUSALS,
            411: {"model": ErrorReply, "description": "No Content-Length"},
            413: {"model": ErrorReply, "description": "Upload too large"},
        },
    )
    def ingest(files: list[UploadFile] = File(...)) -> list[UploadOut]:  # noqa: B008
        """Add articles: one outcome per file, as in the web UI's Library tab."""
        staging = settings.incoming_dir / f"api-{uuid.uuid4().hex}"
        staging.mkdir(parents=True)
        try:
            limit = upload_limit(settings.upload_max_mb)
            paths, names = [], []
            for n, upload in enumerate(files):
                name = safe_name(upload.filename or "upload")
                path = staging / f"{n}-{name}"
                _save(upload, path, limit)
                paths.append(path)
                names.append(name)
            rows = ingest_uploads(paths, app, settings.uploads_dir, limit, names, staging)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        return [UploadOut(file=r.name, outcome=r.outcome, details=r.reason) for r in rows]

    add_feed_routes(api, feeds or FeedService(app), login, REFUSALS)
    return api


def _error(status: int, message: str, headers: dict | None = None) -> JSONResponse:
    kind = "invalid_request_error" if status < 500 else "server_error"
    return JSONResponse({"error": {"message": message, "type": kind}}, status, headers=headers)


def _login_check(settings: Settings):
    """A dependency that refuses requests without the login, when one is set."""
    pair = settings.auth_pair

    def check(request: Request) -> None:
        if pair is None:
            return
        header = request.headers.get("authorization", "")
        scheme, _, value = header.partition(" ")
        given: tuple[str, str] | None = None
        if scheme.lower() == "bearer":
            given = (pair[0], value.strip())
        elif scheme.lower() == "basic":
            try:
                user, _, password = base64.b64decode(value).decode().partition(":")
                given = (user, password)
            except ValueError:
                given = None
        if given is None or not all(
            secrets.compare_digest(a.encode(), b.encode()) for a, b in zip(given, pair, strict=True)
        ):
            raise HTTPException(
                401,
                "Log in: HTTP Basic with the NEWSQA_AUTH user and password, "
                "or Authorization: Bearer <password>.",
                {"WWW-Authenticate": 'Basic realm="newsqa"'},
            )

    return check


def _options(settings: Settings, request: ChatRequest) -> AskOptions:
    if request.model and request.model not in model_choices(settings):
        raise HTTPException(404, f"No model {request.model!r}; see GET /v1/models.")
    given = request.newsqa or NewsqaOptions()
    return AskOptions(
        top_k=given.top_k,
        retriever=given.retriever,
        llm_model=request.model,
        filters=Filters(given.source or None, parse_day(given.since), parse_day(given.until)),
        as_of=parse_day(given.as_of),
    )


def _conversation(said: list[Message]) -> tuple[str, list[Turn]]:
    """The question (the last message, from the user) and the turns before it."""
    if not said or said[-1].role != "user":
        raise HTTPException(422, "The last message must be the user's question.")
    history = [
        Turn(asked.content, answered.content)
        for asked, answered in zip(said[:-1], said[1:-1], strict=False)
        if asked.role == "user" and answered.role == "assistant"
    ]
    return said[-1].content, history


def _save(upload: UploadFile, path: Path, limit: int) -> None:
    """Copy an upload to ``path``, stopping just past the limit (the library refuses it then)."""
    written = 0
    with path.open("wb") as out:
        while written <= limit and (block := upload.file.read(1 << 20)):
            out.write(block)
            written += len(block)
