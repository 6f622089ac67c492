"""What a question asks for: its kind of answer, its subject, its options, how many items.

Read from the words alone, offline and in microseconds; the prompt and the
verifier both use it: a "when" question needs a date in its answer, a
multiple-choice question an option, a "name two" question two items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rag.text import Analyzer

# The kind of answer a question wants, by its opening words.
_NOUNS = {
    "number": "number|percentage|share|amount|price|revenue|cost|population|score|total"
    "|magnitude|toll|budget|rate|salary|turnout",
    "date": "year|day|date|month|time",
    "place": "city|country|state|town|place|venue|region|location|nation",
    "person": "person|man|woman|official|minister|leader|player|president|ceo|actor|actress"
    "|director|team",
}
_KINDS = (
    (
        "number",
        rf"how (?:many|much|old|far|big|large|tall|high)"
        rf"|what (?:(?:is|was|are|were) the )?(?:{_NOUNS['number']})\b",
    ),
    ("duration", r"how long\b"),
    ("date", rf"when\b|(?:in )?(?:what|which) (?:{_NOUNS['date']})\b"),
    ("place", rf"where\b|(?:in |at )?(?:what|which) (?:{_NOUNS['place']})\b"),
    ("person", rf"who(?:m|se)?\b|(?:what|which) (?:{_NOUNS['person']})\b"),
)
_KIND_PATTERNS = [
    (kind, re.compile(rf"^\W*(?:{pattern})", re.IGNORECASE)) for kind, pattern in _KINDS
]
_ANYWHERE = [
    (kind, re.compile(rf"(?:^|[,;:]\s*|\.\s+)(?:{pattern})", re.IGNORECASE))
    for kind, pattern in _KINDS
]
_OPTIONS = re.compile(r"\boptions?\s*:\s*(?P<list>.+?)\s*$", re.IGNORECASE | re.DOTALL)
_OPTION_LABEL = re.compile(r"^\s*(?:\(?[A-Da-d][.):]\s+)")
_COUNTS = "two|three|four|five"
_SEVERAL = re.compile(
    rf"\b(?:name|list|give|which|what) (?:{_COUNTS}|several|some|all|the \w+ (?:two|three))\b"
    r"|\b(?:two|three|four|five) (?:of|things|people|countries|names|reasons|ways)\b"
    r"|\bcompare\b|\bdifference between\b|\bboth\b|\bwhat (?:were|are) the\b",
    re.IGNORECASE,
)
_WH_WORDS = frozenset(
    [
        "who",
        "whom",
        "whose",
        "what",
        "which",
        "when",
        "where",
        "why",
        "how",
        "did",
        "does",
        "do",
        "is",
        "are",
        "was",
        "were",
        "will",
        "would",
        "can",
        "could",
        "should",
        "has",
        "have",
        "had",
    ]
)


@dataclass(frozen=True)
class Question:
    text: str
    kind: str | None  # number, duration, date, place, person, or None (open)
    options: tuple[str, ...] = ()
    several: bool = False  # asks for more than one item, or a comparison
    subject_terms: frozenset[str] = field(default_factory=frozenset)  # stemmed content words

    @property
    def stem(self) -> str:
        """The question without its list of options."""
        match = _OPTIONS.search(self.text)
        return self.text[: match.start()].strip() if match else self.text


def read_question(text: str, analyzer: Analyzer | None = None) -> Question:
    analyzer = analyzer or Analyzer()
    options = parse_options(text)
    stem = text[: _OPTIONS.search(text).start()] if options else text
    kind = next((k for k, p in _KIND_PATTERNS if p.search(stem)), None)
    if kind is None:  # "The game was where?" / "In which city did ..." inside the sentence
        last = re.split(r"[.!]\s+", stem.strip())[-1]
        kind = next((k for k, p in _ANYWHERE if p.search(last)), None)
    words = [w for w in re.findall(r"[\w'’-]+", stem) if w.lower() not in _WH_WORDS]
    terms = frozenset(analyzer.terms(" ".join(words)))
    return Question(text, kind, options, bool(_SEVERAL.search(stem)), terms)


_ASKED_NOUN = re.compile(
    r"\b(?:what|which)\s+(city|town|country|state|region|year|month|day|team|company|party)\b",
    re.IGNORECASE,
)


def asked_noun(text: str) -> str | None:
    """The noun a "which city ..." question names: its answer must be one of those."""
    match = _ASKED_NOUN.search(text)
    return match.group(1).lower() if match else None


_WH_PHRASE = re.compile(r"^\W*(?:whose|which|what)\s+(?P<rest>.+)$", re.IGNORECASE | re.DOTALL)
_DETERMINER = re.compile(r"^\W*(?:the|this|that|these|those|its|their|a|an)\s+", re.IGNORECASE)


def restates(question: str, sentence: str) -> bool:
    """The sentence repeats a "whose / which / what X ..." question with "the X ...", the
    asked-for part left out: "Whose official said ...?" -> "The official said ..."."""
    match = _WH_PHRASE.match(question)
    if not match or not _DETERMINER.match(sentence):
        return False
    asked = _words(match.group("rest")).split()[:2]
    return len(asked) == 2 and _words(_DETERMINER.sub("", sentence)).split()[:2] == asked


def parse_options(text: str) -> tuple[str, ...]:
    """The choices of a multiple-choice question ("... Options: A; B; C; D.")."""
    match = _OPTIONS.search(text)
    if not match:
        return ()
    listed = match.group("list").strip().rstrip(".")
    parts = [p for p in re.split(r"\s*;\s*|\s*\n\s*", listed) if p.strip()]
    if len(parts) < 2:
        return ()
    return tuple(_OPTION_LABEL.sub("", p).strip().rstrip(".") for p in parts)


def chosen_options(options: tuple[str, ...], text: str) -> list[str]:
    """The options ``text`` names: written out, or by the words that set one apart.

    "$7 million" is named by "$7 million" (not by "million", which every option
    shares); "William, Prince of Wales" by "Prince William".
    """
    said = _words(text)
    named = [o for o in options if _words(o) and f" {_words(o)} " in f" {said} "]
    if named:  # "Category 5" inside "Category 50" does not name it twice
        return [o for o in named if not any(o != p and _words(o) in _words(p) for p in named)]
    words = [set(_words(o).split()) for o in options]
    named = []
    for option, own in zip(options, words, strict=True):
        others = set().union(*(w for w in words if w is not own))
        apart = {w for w in own - others if len(w) > 2}
        if apart and apart <= set(said.split()):
            named.append(option)
    return named


def _words(text: str) -> str:
    return " ".join(re.findall(r"[\w$%]+", text.lower()))
