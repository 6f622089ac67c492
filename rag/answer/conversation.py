"""Follow-up questions: rewritten into standalone ones before retrieval.

"What did he say next?" retrieves nothing useful; "What did Sergey Lavrov say
after the talks?" does. Only questions that look like follow-ups are rewritten
(a rewrite costs a short extra model call), and only the last few turns are sent.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

from rag.answer.citations import strip_markers
from rag.answer.prompt import CHAT_TEMPLATE_TOKENS
from rag.language.facts import Facts, facts_of, missing_facts
from rag.language.names import name_in
from rag.language.parser import Parser
from rag.models.chat import ChatModel

_FOLLOW_UP = re.compile(
    r"\b(he|she|it|they|him|her|them|his|hers|its|their|theirs|this|that|these|those|there|then"
    r"|the same|the other|former|latter|also|else|more)\b|^(and|but|so|what about|how about|why"
    r"|when|where)\b",
    re.IGNORECASE,
)
REWRITE_PROMPT = (
    "Rewrite the last question so that it can be understood without the conversation: "
    "replace pronouns and vague references with the names they refer to, and fill in "
    "what a short question leaves out. Keep it a question; never answer it. "
    "Reply with the rewritten question only."
)
_WH = re.compile(r"\b(who|whom|whose|what|which|when|where|why|how)\b", re.IGNORECASE)
_PERSON_PRONOUN = re.compile(r"\b(he|she|him|her|his|hers)\b", re.IGNORECASE)
MAX_TURN_CHARS = 300
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Turn:
    question: str
    answer: str


def _shortened(text: str) -> str:
    """History is bounded: each question and answer sent is at most MAX_TURN_CHARS long."""
    if len(text) <= MAX_TURN_CHARS:
        return text
    return text[:MAX_TURN_CHARS].rsplit(" ", 1)[0] + " …"


def looks_like_follow_up(question: str) -> bool:
    return bool(_FOLLOW_UP.search(question)) or len(question.split()) <= 3


def standalone_question(
    question: str,
    history: Sequence[Turn],
    model: ChatModel,
    parser: Parser,
    max_turns: int,
    budget: int,
) -> str:
    """The question made self-contained using the last ``max_turns`` turns (or as it was).

    The rewrite prompt stays within ``budget`` tokens: older turns are left out
    first; the rewritten question may be no longer than a quarter of it.
    """
    recent = list(history)[-max_turns:] if max_turns > 0 else []
    if not recent or not looks_like_follow_up(question):
        return question
    last = f"\n\nLast question: {question}"
    room = budget - CHAT_TEMPLATE_TOKENS - model.count_tokens(REWRITE_PROMPT + last)
    lines: list[str] = []
    for turn in reversed(recent):
        pair = [
            f"Q: {_shortened(turn.question)}",
            f"A: {_shortened(strip_markers(turn.answer))}",
        ]
        if model.count_tokens("\n".join(pair + lines)) > room:
            break
        lines = pair + lines
    if not lines:
        return question
    messages = [
        {"role": "system", "content": REWRITE_PROMPT},
        {"role": "user", "content": "\n".join(lines) + last},
    ]
    rewritten = model.generate(messages, max_tokens=60).read().strip().strip('"').strip()
    rewritten = re.sub(r"^(rewritten question|question)\s*:\s*", "", rewritten, flags=re.IGNORECASE)
    usable = (
        3 <= len(rewritten) <= 4 * len(question) + 200
        and "\n" not in rewritten
        and model.count_tokens(rewritten) <= budget // 4
        and is_faithful_rewrite(rewritten, question, " ".join(lines), parser)
    )
    if usable:
        return rewritten
    fallback = with_person_named(question, recent[-1], parser)
    logger.info("Follow-up rewrite %r refused; asking %r", rewritten, fallback)
    return fallback


def with_person_named(question: str, turn: Turn, parser: Parser) -> str:
    """ "What did he say?" with "he" replaced by the person the last turn named.

    Used when the model's rewrite is refused: a person's pronoun is the common case,
    and the full name of the last person or organisation asked about (or else
    answered) is a safe bet. Only a name the parser recognises as a person's or an
    organisation's is used: never a phrase like "Which Romanian".
    """
    pronoun = _PERSON_PRONOUN.search(question)
    if not pronoun:
        return question
    people = [
        ent.text
        for text in (turn.question, strip_markers(turn.answer))
        for ent in parser(text).ents
        if ent.label_ in ("PERSON", "ORG") and len(ent.text.split()) >= 2
    ]
    if not people:
        return question
    word = pronoun.group()
    named = f"{people[0]}'s" if word.lower() in ("his", "hers") else people[0]
    return f"{question[: pronoun.start()]}{named}{question[pronoun.end() :]}"


def is_faithful_rewrite(rewritten: str, question: str, history: str, parser: Parser) -> bool:
    """A question still, asking what the user asked, naming only what was already said.

    A small model sometimes "rewrites" a follow-up into its answer ("The treaty was
    signed in Geneva."), which retrieval would then happily confirm; or swaps the
    question word; or brings in a name nobody mentioned.
    """
    if not rewritten.rstrip().endswith("?"):
        return False
    asked = {w.lower() for w in _WH.findall(question)}
    if asked and not asked & {w.lower() for w in _WH.findall(rewritten)}:
        return False
    known = f"{history} {question}"
    facts = facts_of(parser(rewritten))
    if any(not name_in(name, known) for name in facts.names):
        return False
    figures = Facts(facts.numbers, facts.months, ())
    return not missing_facts(figures, known, facts_of(parser(known)))
