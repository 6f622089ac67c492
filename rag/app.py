"""The composition root: every part of newsqa built from the settings, in one place.

The CLI, the web UI, the HTTP API and the evaluation all start here. Parts are
built on first use and shared, so one process loads each model and opens each
index once, whatever its clients ask for:

    settings -> IndexConnection -> store, catalog, keyword index, stories
             -> embedder, tokenizer, chat models (loaded on first use)
             -> AnswerService (reads), IndexWriter (writes)
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from rag.answer.copies import Copies
from rag.dates import article_day
from rag.index.catalog import Catalog
from rag.index.connection import IndexConnection
from rag.index.embedding_check import CheckedEmbedder
from rag.index.keyword import KeywordSearch
from rag.index.store import ChromaStore
from rag.index.stories import StoryIndex
from rag.index.writer import IndexWriter
from rag.language.parser import Parser
from rag.models.chat import ChatModel
from rag.models.embedding import Embedder, Tokenizer, WordPieceTokenizer, load_embedder
from rag.models.llm import ChatModels, load_chat_model
from rag.settings import Settings
from rag.timeline import Event, timeline
from rag.types import ArticleRef, AskOptions, StoryView

if TYPE_CHECKING:  # the answer path loads llama-index: commands that only write or list do not
    from rag.answer.retriever import NewsRetriever, PassageSearch
    from rag.answer.service import AnswerService

TIMELINE_PASSAGES = 20  # passages a timeline reads: enough for a story's reports


class Newsqa:
    """One collection and the models that serve it, shared by every client of a process.

    ``embedder``, ``tokenizer`` and ``chat_model`` replace the real models (tests
    pass fakes); each is called at most once, when first needed. ``connection``
    replaces where the collection lives.
    """

    def __init__(
        self,
        settings: Settings,
        embedder: Callable[[], Embedder] | None = None,
        tokenizer: Callable[[], Tokenizer] | None = None,
        chat_model: Callable[[Settings, str], ChatModel] | None = None,
        connection: IndexConnection | None = None,
        parser: Callable[[], Parser] | None = None,
    ) -> None:
        self.settings = settings
        self.connection = connection or IndexConnection(settings)
        self._make_embedder = embedder or (lambda: load_embedder(settings))
        self._make_tokenizer = tokenizer or WordPieceTokenizer
        self.chat_models = ChatModels(settings, chat_model or load_chat_model)
        self._lock = threading.RLock()
        self._make_parser = parser or Parser
        self._embedder: Embedder | None = None
        self._tokenizer: Tokenizer | None = None
        self._parser: Parser | None = None
        self._parts: dict[str, Any] = {}
        self.ready = False  # set once warm_up has loaded everything
        self._newest: tuple[int, date | None] | None = None  # (catalog generation, day)

    def embedder(self) -> Embedder:
        """The embedder ``embed_backend`` names, checked against the collection at first use."""
        with self._lock:
            if self._embedder is None:
                made = self._make_embedder()
                self._embedder = CheckedEmbedder(made, self.catalog, lambda: self.store.sample())
            return self._embedder

    def tokenizer(self) -> Tokenizer:
        with self._lock:
            if self._tokenizer is None:
                self._tokenizer = self._make_tokenizer()
            return self._tokenizer

    def parser(self) -> Parser:
        """The English pipeline the question analysis and the answer checks read."""
        with self._lock:
            if self._parser is None:
                self._parser = self._make_parser()
            return self._parser

    def newest_day(self) -> date | None:
        """The newest article's day: what "now" means for the collection's questions."""
        generation = self.catalog.generation()
        if self._newest is None or self._newest[0] != generation:
            days = [day for record in self.catalog.all() if (day := article_day(record.date))]
            self._newest = (generation, max(days, default=None))
        return self._newest[1]

    def _part(self, name: str, build: Callable[[], Any]) -> Any:
        """Build a shared part once, even when several threads ask for it together."""
        with self._lock:
            if name not in self._parts:
                self._parts[name] = build()
            return self._parts[name]

    @property
    def store(self) -> ChromaStore:
        return self._part("store", self.connection.open_store)

    @property
    def catalog(self) -> Catalog:
        return self._part("catalog", self.connection.open_catalog)

    @property
    def keyword(self) -> KeywordSearch:
        return self._part(
            "keyword", lambda: self.connection.open_keyword_search(self.store, self.catalog)
        )

    @property
    def stories(self) -> StoryIndex:
        return self._part(
            "stories",
            lambda: self.connection.open_stories(self.store, self.catalog, self.embedder),
        )

    @property
    def search(self) -> PassageSearch:
        from rag.answer.retriever import PassageSearch

        return self._part(
            "search",
            lambda: PassageSearch(
                self.store, self.keyword, self.catalog, self.embedder, self.stories
            ),
        )

    @property
    def answers(self) -> AnswerService:
        from rag.answer.service import AnswerService
        from rag.answer.stages import default_stages

        def build() -> AnswerService:
            stages = default_stages(self.settings, self.search, self.embedder, self.parser)
            copies = Copies(self.stories, self.catalog)
            return AnswerService(
                self.settings, stages, self.chat_models, self.parser, self.newest_day, copies
            )

        return self._part("answers", build)

    @property
    def writer(self) -> IndexWriter:
        settings = self.settings
        return self._part(
            "writer",
            lambda: IndexWriter(
                store=self.store,
                catalog=self.catalog,
                keyword=self.keyword,
                stories=self.stories,
                tokenizer=self.tokenizer,
                embedder=self.embedder,
                embedder_name=settings.embed_model,
                passage_size=settings.chunk_size,
                passage_overlap=settings.chunk_overlap,
                batch_size=settings.embed_batch_size,
                lock=self.connection.open_write_lock(self.catalog),
            ),
        )

    def warm_up(self) -> None:
        """Load the models and the keyword index, and evaluate the fixed instructions once.

        llama.cpp keeps them (``LlamaCppLLM.keep_prefix``), so every question, the first
        and a chat's follow-ups too, pays only for its own sources and words.
        """
        from rag.answer.prompt import OPEN_SYSTEM_PROMPT, SYSTEM_PROMPT

        llm = self.chat_models.get().llm
        if hasattr(llm, "keep_prefix"):  # llama.cpp in this process
            for instructions in (SYSTEM_PROMPT, OPEN_SYSTEM_PROMPT):
                llm.keep_prefix(instructions)
        self.embedder().embed(["warm-up"])
        self.parser()("Warm up the parser.")
        self.keyword.current()
        self.stories.up_to_date()  # after another process's writes; questions only read them
        self.ready = True

    def story_views(self, min_size: int = 2) -> list[StoryView]:
        """The stories of at least ``min_size`` articles, largest first, oldest article first."""
        views = []
        for story in self.stories.current().stories(min_size):
            refs = [
                ArticleRef(article_id=a, title=r.title, source=r.source, date=r.date)
                for a in story.article_ids
                if (r := self.catalog.get(a)) is not None
            ]
            refs.sort(key=lambda ref: ref.date or "9999")  # stable: undated keep their order
            if len(refs) >= min_size:
                views.append(StoryView(id=story.id, articles=refs))
        return views

    def timeline(self, topic: str, options: AskOptions | None = None) -> list[Event]:
        """The dated events about ``topic``, oldest first (see ``rag.timeline``)."""
        options = replace(options or AskOptions(), top_k=TIMELINE_PASSAGES)
        return timeline(topic, self.answers.retrieve(topic, options)[:TIMELINE_PASSAGES])

    def retriever(self, options: AskOptions | None = None) -> NewsRetriever:
        """A llama-index retriever over the collection, for llama-index's own engines."""
        from rag.answer.stages import retriever_for

        options = options or AskOptions()
        top_k = options.top_k or self.settings.top_k
        depth = max(self.settings.retrieval_depth, 3 * top_k)
        return retriever_for(self.search, self.settings, options, depth, top_k)
