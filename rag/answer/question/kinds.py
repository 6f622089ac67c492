"""What kind of question it is, read from its parse: a fact, an account, a list, a brief,
a comparison; and for a fact, the kind of answer it wants (a number, a date, a name).

- fact: who, when, where, how many, which one ("Who led the delegation?")
- account: what happened, what did X say or want, how did X react, why
- list: who took part, which countries, name the officials
- brief: summarize, brief me on X, what's the latest, what's new since Monday
- comparison: how do the reports differ, compare what A and B said
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


class QuestionKind(StrEnum):
    FACT = "fact"
    ACCOUNT = "account"
    LIST = "list"
    BRIEF = "brief"
    COMPARISON = "comparison"


class AnswerType(StrEnum):
    """What a fact question's answer must give."""

    NUMBER = "number"
    DURATION = "duration"
    DATE = "date"
    PLACE = "place"
    PERSON = "person"
    NAME = "name"  # "what is the name of", "what did they name it" (not "called": a term)


# Verbs whose object is what someone said, wanted or did: "what did Lavrov say?"
_ACCOUNT_VERBS = frozenset(
    "say tell announce claim argue warn propose demand want ask do agree decide offer think "
    "mean plan suggest promise seek expect insist reveal call accuse respond reply react "
    "discuss hope fear believe threaten urge order admit deny explain describe cause".split()
)
# Nouns that ask for an account: "what was Ukraine's reaction?"
_ACCOUNT_NOUNS = frozenset(
    "reaction response position stance view reason reasons cause causes outcome result "
    "results impact consequence consequences role plan plans goal goals purpose significance "
    "message point argument concern concerns demand demands".split()
)
# Verbs of taking part: "who attended the talks?" asks for everyone who did.
_PARTICIPATION = frozenset("attend participate join sit gather accompany be".split())
# Nouns a "which X" question counts or sizes rather than lists.
_COUNTED = frozenset("percentage share number amount proportion".split())
_OPENERS = {
    "summarize": QuestionKind.BRIEF,
    "summarise": QuestionKind.BRIEF,
    "brief": QuestionKind.BRIEF,
    "recap": QuestionKind.BRIEF,
    "outline": QuestionKind.BRIEF,
    "update": QuestionKind.BRIEF,
    "catch": QuestionKind.BRIEF,
    "list": QuestionKind.LIST,
    "name": QuestionKind.LIST,
    "enumerate": QuestionKind.LIST,
    "compare": QuestionKind.COMPARISON,
    "contrast": QuestionKind.COMPARISON,
    "explain": QuestionKind.ACCOUNT,
    "describe": QuestionKind.ACCOUNT,
}
_COMPARING = frozenset("differ difference compare comparison disagree contrast versus".split())
# Words that ask what is new: "what's the latest", "any news on", "what is going on".
_NEWS_WORDS = frozenset("latest news new happening going developments update updates".split())
_SUMMARY_NOUNS = frozenset("summary overview recap rundown briefing headlines".split())
# Words that say how to answer, not what about: "give me a rundown of the Varnhagen case".
REQUEST_WORDS = frozenset(_OPENERS) | _NEWS_WORDS | _SUMMARY_NOUNS

# The kind of answer a fact question wants, by its opening words.
_NOUNS = {
    AnswerType.NUMBER: "number|percentage|share|amount|price|revenue|cost|population|score"
    "|total|magnitude|toll|budget|rate|salary|turnout",
    AnswerType.DATE: "year|day|date|month|time",
    AnswerType.PLACE: "city|country|state|town|place|venue|region|location|nation",
    AnswerType.PERSON: "person|man|woman|official|minister|leader|player|president|ceo|actor"
    "|actress|director|team",
}


def _asked_noun(kind: AnswerType) -> str:
    """ "what year", "in which city", "what is the release date", "what was the final score"."""
    return (
        r"(?:in |at )?(?:what|which) (?:(?:is|was|are|were) the )?(?:[a-z-]+ )?"
        rf"(?:{_NOUNS[kind]})\b"
    )


_WANTS = (
    (
        AnswerType.NUMBER,
        rf"how (?:many|much|old|far|big|large|tall|high)|{_asked_noun(AnswerType.NUMBER)}",
    ),
    (AnswerType.DURATION, r"how long\b"),
    (AnswerType.DATE, rf"when\b|{_asked_noun(AnswerType.DATE)}"),
    (AnswerType.PLACE, rf"where\b|{_asked_noun(AnswerType.PLACE)}"),
    (AnswerType.PERSON, rf"who(?:m|se)?\b|{_asked_noun(AnswerType.PERSON)}"),
    (
        AnswerType.NAME,
        r"what(?:'s| is| was| are| were) (?:the |its |their |his |her )?names?\b"
        r"|what did [\w\s'’-]+ name\b",
    ),
)
_AT_START = [(kind, re.compile(rf"^\W*(?:{pattern})", re.IGNORECASE)) for kind, pattern in _WANTS]
_INSIDE = [
    (kind, re.compile(rf"(?:^|[,;:]\s*|\.\s+)(?:{pattern})", re.IGNORECASE))
    for kind, pattern in _WANTS
]


def answer_type(stem: str) -> AnswerType | None:
    """The kind of answer a question's words ask for, or None for an open question."""
    found = next((kind for kind, pattern in _AT_START if pattern.search(stem)), None)
    if found is None:  # "The game was where?" / "In which city did ..." inside the sentence
        last = re.split(r"[.!]\s+", stem.strip())[-1]
        found = next((kind for kind, pattern in _INSIDE if pattern.search(last)), None)
    return found


def question_kind(doc: Doc) -> QuestionKind:
    """The kind of a question, from its parse (the question's last sentence decides)."""
    sentences = list(doc.sents)
    words = [t for t in sentences[-1] if not t.is_punct and not t.is_space] if sentences else []
    if not words:
        return QuestionKind.BRIEF
    lemmas = {t.lemma_.lower() for t in words}
    if lemmas & _COMPARING or _each_or_across(words):
        return QuestionKind.COMPARISON
    opener = _imperative(words)
    if opener is not None:
        return opener
    if lemmas & _SUMMARY_NOUNS or _asks_for_news(words):
        return QuestionKind.BRIEF
    wh = next((t for t in words if t.tag_ in ("WDT", "WP", "WP$", "WRB")), None)
    if wh is None:
        has_verb = any(t.pos_ in ("VERB", "AUX") for t in words)
        return QuestionKind.FACT if has_verb else QuestionKind.BRIEF  # "riyadh talks"
    return _by_wh_word(wh, words)


def _each_or_across(words: list[Token]) -> bool:
    """ "What did A and B each say?", "How do the articles describe X?"."""
    if any(t.lower_ == "each" for t in words):
        return True
    texts = [t.lower_ for t in words]
    return (
        texts[:1] == ["how"]
        and bool({"articles", "reports", "outlets"} & set(texts))
        and (bool({"describe", "portray", "cover", "report"} & {t.lemma_ for t in words}))
    )


def _imperative(words: list[Token]) -> QuestionKind | None:
    """ "Summarize ...", "List ...", "Tell me about X" / "Tell me why ..."."""
    first = words[0]
    lemma = first.lower_ if first.lower_ in _OPENERS else first.lemma_.lower()
    if first.tag_ not in ("VB", "VBP", "NN", "NNP") or lemma not in {*_OPENERS, "tell", "give"}:
        return None
    if lemma in _OPENERS:
        return _OPENERS[lemma]
    rest = [t for t in words[1:] if t.lower_ not in ("me", "us")]
    if rest and rest[0].lower_ in ("why", "how", "what", "who", "which"):
        return _by_wh_word(rest[0], rest)
    return QuestionKind.BRIEF  # "tell me about the strike", "give me the news"


def _asks_for_news(words: list[Token]) -> bool:
    """ "What's the latest on X", "any news about Y", "what is new", "what's going on"."""
    for token in words:
        if token.lower_ in (
            "latest",
            "news",
            "developments",
            "updates",
            "story",
        ) and token.pos_ in (
            "NOUN",
            "ADJ",
            "PROPN",
        ):
            return token.dep_ in ("nsubj", "attr", "dobj", "ROOT", "pobj", "npadvmod", "appos")
        before = token.nbor(-1).lower_ if token.i > 0 else ""
        asks_what = words[0].lower_ in ("what", "whats") and token.dep_ != "amod"
        if token.lower_ == "new" and (asks_what or before in ("anything", "something")):
            return True  # "what is new", "whats new", "anything new"
        going_on = token.lower_ == "happening" or (
            token.lower_ == "going" and token.i + 1 < len(token.doc) and token.nbor().lower_ == "on"
        )
        if going_on and _with_be(token):
            return True  # "what is happening", "what's going on"
        if token.lower_ == "about" and token.dep_ == "prep" and _with_be(token.head):
            return words[0].lower_ == "what"  # "what are the articles about?"
    return False


def _plural_asked(wh: Token, words: list[Token]) -> bool:
    """ "Which tech CEOs ...": a plural noun between the wh-word and its verb."""
    for token in words[words.index(wh) + 1 : words.index(wh) + 4]:
        if token.pos_ in ("VERB", "AUX") or token.tag_ in ("VBD", "VBZ", "VBP"):
            return False
        if token.tag_ in ("NNS", "NNPS"):
            lemma = token.lemma_.lower()
            return lemma not in _COUNTED and lemma not in _ACCOUNT_NOUNS
    return False


def _with_be(token: Token) -> bool:
    """The token is, or hangs on, a form of "be" ("'s going", "are ... about")."""
    return (
        token.lemma_ == "be"
        or token.head.lemma_ == "be"
        or any(child.lemma_ == "be" for child in token.children)
    )


def _by_wh_word(wh: Token, words: list[Token]) -> QuestionKind:
    word = wh.lower_
    verb = wh.head if wh.head.pos_ in ("VERB", "AUX") else wh.head.head
    root = next((t for t in words if t.dep_ == "ROOT"), verb)
    if word == "why" or (word == "where" and root.lemma_ == "stand"):
        return QuestionKind.ACCOUNT  # why; where does the case stand
    if word in ("what", "which") and _plural_asked(wh, words):
        return QuestionKind.LIST  # which countries, what officials (however it parses)
    asked_by_do = any(
        c.dep_ == "aux" and c.lemma_ in ("do", "will", "would") for c in root.children
    )
    if word == "what" and root.lemma_.lower() in _ACCOUNT_VERBS and asked_by_do:
        return QuestionKind.ACCOUNT  # what did (X's lawyer) argue, whatever the parse
    if word == "who" and root.lemma_ == "be" and root.lower_ in ("were", "are"):
        return QuestionKind.LIST  # who were the key people
    alone = not any(c.dep_ in ("attr", "nsubj") and c.i != wh.i for c in root.children)
    if (
        word == "who"
        and root.lemma_ == "be"
        and alone
        and any(t.dep_ == "prep" and t.lower_ in ("in", "on", "at", "among") for t in root.children)
    ):
        return QuestionKind.LIST  # who was in the contest, who is on the team
    if word == "how":
        following = words[words.index(wh) + 1] if words.index(wh) + 1 < len(words) else None
        if following is not None and following.pos_ in ("ADJ", "ADV") and following.dep_ != "ROOT":
            return QuestionKind.FACT  # how many, how long, how old
        return QuestionKind.ACCOUNT  # how did Ukraine react
    if word in ("what", "which") and wh.dep_ == "det":
        noun = wh.head
        if noun.lemma_.lower() in _ACCOUNT_NOUNS and noun.tag_ == "NNS":
            return (
                QuestionKind.LIST
                if noun.lemma_.lower() in ("demand", "plan")
                else (QuestionKind.ACCOUNT)
            )
        if noun.tag_ in ("NNS", "NNPS") and noun.lemma_.lower() not in _COUNTED:
            return QuestionKind.LIST  # which countries, what officials
        return QuestionKind.FACT
    if word == "what":
        if verb.lemma_ in ("happen", "occur"):
            return QuestionKind.ACCOUNT
        if wh.dep_ in ("dobj", "pobj", "ccomp", "xcomp") and verb.lemma_ in _ACCOUNT_VERBS:
            return QuestionKind.ACCOUNT
        if any(t.lemma_.lower() in _ACCOUNT_NOUNS for t in words if t.dep_ in ("nsubj", "attr")):
            return QuestionKind.ACCOUNT  # what was Ukraine's reaction
        return QuestionKind.FACT
    if word == "who" and wh.dep_ == "nsubj":
        plural = any(t.lower_ in ("were", "are", "have") for t in words[:3])
        took_part = verb.lemma_ == "take" and any(t.lower_ == "part" for t in verb.children)
        if took_part or (verb.lemma_ in _PARTICIPATION and (verb.lemma_ != "be" or plural)):
            return QuestionKind.LIST  # who took part, who attended, who were there
    return QuestionKind.FACT
