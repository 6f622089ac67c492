"""The local chat model: a GGUF file run in this process by llama.cpp, as a llama-index LLM.

Each GGUF file carries its own chat template; llama-cpp-python's chat
completion applies it, so the prompt is exactly what the model was trained on.
llama.cpp must not run two generations at once in one process, so every reply
is written under a lock (a plain Lock: a web server may step a generator on a
different thread each time).

llama.cpp keeps the tokens of the last prompt and evaluates only what a new
prompt adds to their common start. A chat's follow-up is first rewritten with
other instructions, which would make the next answer evaluate its instructions
again: ``keep_prefix`` keeps a copy of the instructions' evaluated state, and a
prompt that starts with them resumes from that copy.
"""

from __future__ import annotations

import ctypes
import logging
import threading
from collections.abc import Iterator
from contextlib import redirect_stderr
from io import StringIO
from pathlib import Path
from typing import Any

from llama_index.core.llms import ChatResponse, LLMMetadata
from pydantic import PrivateAttr

from rag.errors import ModelError
from rag.models.streaming_llm import StreamingChatLLM, assistant
from rag.models.token_odds import OddsRecorder

logger = logging.getLogger(__name__)


class LlamaCppLLM(StreamingChatLLM):
    """A llama.cpp model; the last streamed response's ``raw`` holds the token usage and,
    with ``record_odds``, the log-probability of each token written."""

    model_path: str
    threads: int = 2
    context_window: int = 4096
    max_tokens: int = 256
    temperature: float = 0.0
    record_odds: bool = False
    _llama: Any = PrivateAttr()
    _lock: Any = PrivateAttr()
    _prefixes: dict[str, tuple[list[int], bytes]] = PrivateAttr(default_factory=dict)

    def __init__(self, **data: Any) -> None:
        super().__init__(**data)
        try:
            from llama_cpp import Llama
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise ModelError("llama-cpp-python is not installed: run `make install`.") from exc
        logger.info("Loading %s", self.model_path)
        try:
            with redirect_stderr(StringIO()):
                self._llama = Llama(
                    model_path=self.model_path,
                    n_ctx=self.context_window,
                    n_threads=self.threads,
                    n_threads_batch=self.threads,
                    n_batch=512,
                    # llama.cpp repacks the weights for this CPU's kernels; reading the
                    # file instead of mapping it keeps only that copy (600 MB less RSS).
                    use_mmap=False,
                    seed=0,
                    verbose=False,
                )
        except (ValueError, RuntimeError) as exc:
            raise ModelError(f"llama.cpp could not load {self.model_path}: {exc}") from exc
        self._lock = threading.Lock()

    @classmethod
    def class_name(cls) -> str:
        return "newsqa_llama_cpp"

    @property
    def metadata(self) -> LLMMetadata:
        return LLMMetadata(
            context_window=self.context_window,
            num_output=self.max_tokens,
            is_chat_model=True,
            model_name=Path(self.model_path).name,
        )

    def count_tokens(self, text: str) -> int:
        return len(self._llama.tokenize(text.encode(), add_bos=False, special=False))

    def keep_prefix(self, system: str) -> int:
        """Evaluate the start every prompt with this system message shares and keep its
        state (a few MB); returns its length in tokens."""
        import llama_cpp

        with self._lock:
            prompts = []
            for probe in ("x", "y"):  # the common start of two prompts is the shared prefix
                messages = [
                    {"role": "system", "content": system},
                    {"role": "user", "content": probe},
                ]
                self._llama.create_chat_completion(messages=messages, max_tokens=1, seed=0)
                prompts.append(list(self._llama._input_ids))
            length = _common_start(*prompts)
            self._llama._ctx.kv_cache_seq_rm(0, length, -1)
            self._llama.n_tokens = length
            context = self._llama._ctx.ctx
            size = llama_cpp.llama_state_seq_get_size(context, 0)
            state = (ctypes.c_uint8 * size)()
            written = llama_cpp.llama_state_seq_get_data(context, state, size, 0)
            self._prefixes[system] = (prompts[1][:length], bytes(state)[:written])
            return length

    def _resume_prefix(self, messages: list[dict[str, str]]) -> None:
        """Put a kept prefix back when the last prompt started otherwise (under the lock)."""
        import llama_cpp

        if not messages or messages[0]["role"] != "system":
            return
        kept = self._prefixes.get(messages[0]["content"])
        if kept is None:
            return
        tokens, state = kept
        if _common_start(list(self._llama._input_ids), tokens) >= len(tokens):
            return
        self._llama._ctx.kv_cache_seq_rm(0, 0, -1)
        buffer = (ctypes.c_uint8 * len(state)).from_buffer_copy(state)
        if not llama_cpp.llama_state_seq_set_data(self._llama._ctx.ctx, buffer, len(state), 0):
            self._llama.reset()  # could not restore: evaluate the whole prompt as before
            return
        self._llama.input_ids[: len(tokens)] = tokens
        self._llama.n_tokens = len(tokens)
        self._llama._requires_eval = True

    def counters(self) -> dict[str, float]:
        """llama.cpp's counts since ``reset_counters``: prompt tokens it evaluated (a prefix
        kept from the previous prompt is not evaluated again), tokens generated, and the
        milliseconds each took."""
        import llama_cpp

        data = llama_cpp.llama_perf_context(self._llama._ctx.ctx)
        return {
            "prompt_tokens": data.n_p_eval,
            "prompt_ms": data.t_p_eval_ms,
            "generated_tokens": data.n_eval,
            "generation_ms": data.t_eval_ms,
        }

    def reset_counters(self) -> None:
        import llama_cpp

        llama_cpp.llama_perf_context_reset(self._llama._ctx.ctx)

    def forget_prompt(self) -> None:
        """Drop the last prompt and every kept prefix: the next prompt is evaluated whole
        (for measurements; ``keep_prefix`` keeps one again)."""
        with self._lock:
            self._prefixes.clear()
            self._llama.reset()

    def _stream(self, messages: list[dict[str, str]]) -> Iterator[ChatResponse]:
        from llama_cpp import LogitsProcessorList

        text, pieces = "", 0
        recorder = OddsRecorder(self._llama.detokenize)
        with self._lock:
            self._resume_prefix(messages)
            stream = self._llama.create_chat_completion(
                messages=messages,
                max_tokens=self.max_tokens,
                temperature=self.temperature,
                top_k=1 if self.temperature == 0 else 40,
                seed=0,
                stream=True,
                logits_processor=LogitsProcessorList([recorder]) if self.record_odds else None,
            )
            for chunk in stream:
                piece = chunk["choices"][0]["delta"].get("content")
                if piece:
                    pieces += 1
                    text += piece
                    yield ChatResponse(message=assistant(text), delta=piece)
            # llama.cpp keeps prompt + generated tokens in its context after a call.
            prompt = max(0, self._llama.n_tokens - pieces)
        usage = {"prompt_tokens": prompt, "completion_tokens": pieces}
        raw = {"usage": usage, "odds": recorder.odds}
        yield ChatResponse(message=assistant(text), delta="", raw=raw)


def _common_start(a: list[int], b: list[int]) -> int:
    length = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        length += 1
    return length
