"""Prompt-lookup (n-gram) speculative decoding: does it speed up newsqa's answers?

    .venv/bin/python -m benchmarks.prompt_lookup [--questions N]

Answers copy phrases from their sources, so the next tokens can often be
guessed from the prompt itself. This asks the same questions on the sample
articles (data/articles) with the default model, loaded twice: plainly, and
with llama-cpp-python's ``LlamaPromptLookupDecoding`` as draft model. It prints
the generation time (first token to last), the tokens generated and whether the
two answers are identical (temperature 0: they must be).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.common import banner
from ingest.planner import ingest_files
from rag.app import Newsqa
from rag.models.files import resolve_llm_path
from rag.settings import load_settings

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = [
    "Which country's presidential office said Russia asked the U.S. to withdraw NATO forces "
    "from eastern Europe?",
    "Who is Sergey Ryabkov?",
    "Who did Zelenskyy visit in Turkey while the talks took place?",
    "How long did the talks in Riyadh last?",
    "Where did the US and Russian delegations meet?",
    "What did Marco Rubio say after the talks?",
]


def prompts(count: int) -> list[list[dict[str, str]]]:
    """The chat messages newsqa sends for each question (evidence chosen as usual)."""
    with tempfile.TemporaryDirectory() as data_dir:
        app = Newsqa(load_settings(data_dir=Path(data_dir)))
        ingest_files(app, [ROOT / "data" / "articles"])
        service, model = app.answers, app.chat_models.get()
        captured = []
        generate = service.stages.generate

        def capture(question, sources, chat_model):
            from rag.answer.prompt import build_messages

            captured.append(build_messages(question, sources))
            return generate(question, sources, chat_model)

        service.stages.generate = capture
        for question in QUESTIONS[:count]:
            service.ask(question)
        del model
        return captured


def run(messages: list[list[dict[str, str]]], draft) -> list[tuple[float, int, str]]:
    from llama_cpp import Llama

    settings = load_settings()
    llama = Llama(
        model_path=str(resolve_llm_path(settings.llm_model, settings.models_dir)),
        n_ctx=settings.llm_context_window,
        n_threads=2,
        n_threads_batch=2,
        n_batch=512,
        seed=0,
        verbose=False,
        draft_model=draft,
        logits_all=draft is not None,  # drafts are checked against every position
    )
    results = []
    for chat in messages:
        stream = llama.create_chat_completion(
            messages=chat, max_tokens=256, temperature=0.0, top_k=1, seed=0, stream=True
        )
        first, text, chunks = None, "", 0
        for chunk in stream:
            piece = chunk["choices"][0]["delta"].get("content")
            if piece:
                first = first or time.perf_counter()
                text += piece
                chunks += 1
        tokens = len(llama.tokenize(text.encode(), add_bos=False, special=False))
        results.append((time.perf_counter() - (first or time.perf_counter()), tokens, text))
    return results


def measure(count: int = len(QUESTIONS)) -> dict:
    """Generation time and speed with and without prompt lookup, over the same prompts."""
    from llama_cpp.llama_speculative import LlamaPromptLookupDecoding

    messages = prompts(count)
    results = {"plain": run(messages, None)}
    results["prompt lookup"] = run(messages, LlamaPromptLookupDecoding(num_pred_tokens=10))
    summary = {}
    for name, rows in results.items():
        seconds = [s for s, _, _ in rows]
        tokens = sum(t for _, t, _ in rows)
        summary[name] = {
            "generation_p50": statistics.median(seconds),
            "tokens_per_s": tokens / sum(seconds),
            "tokens": tokens,
        }
    pairs = zip(results["plain"], results["prompt lookup"], strict=True)
    summary["identical"] = sum(a[2] == b[2] for a, b in pairs)
    summary["questions"] = len(messages)
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=len(QUESTIONS))
    args = parser.parse_args()
    banner()
    summary = measure(args.questions)
    for name in ("plain", "prompt lookup"):
        s = summary[name]
        print(
            f"{name:>14}: generation p50 {s['generation_p50']:.2f} s, "
            f"{s['tokens_per_s']:.1f} tokens/s over {s['tokens']} tokens"
        )
    print(f"identical answers: {summary['identical']}/{summary['questions']}")


if __name__ == "__main__":
    main()
