"""Whether a text names someone or something: forgiving about form, strict about who.

"Romanian" matches "Romania", "Lavrov" matches "Sergei Lavrov", "Zelenskiy"
matches "Zelenskyy", an acronym matches the words it abbreviates and the other way
round ("LSU" and "Louisiana State University", "RUSADA" and "Russian Anti-Doping
Agency"); "Donald Trump" does not match "Melania Trump".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz.distance import Levenshtein

from rag.language.calendar_names import is_calendar_word

# Small words inside names ("Bank of England") and titles before them ("Mr Lavrov").
_PARTICLES = frozenset("of de la von van al the and".split())
_TITLES = frozenset(
    "mr mrs ms dr sir lord lady president minister secretary senator sen governor gov rep "
    "chancellor premier prime foreign deputy general gen judge justice king queen prince "
    "princess pope coach spokesperson spokesman spokeswoman ambassador envoy officer "
    "commissioner mayor adviser advisor aide chief director the".split()
)
_SMALL_WORDS = _PARTICLES | {"for", "on"}  # may give no letter to an acronym
MIN_STEM = 5  # "Romanian" ~ "Romania": words this long may differ in their last letters


def plain(word: str) -> str:
    return re.sub(r"['’]s$|[.'’]", "", word).lower()


def _words(text: str) -> list[str]:
    """The words of ``text``; a hyphened one also as its parts ("US-Russia", "Russia")."""
    whole = re.findall(r"[\w'’.&-]+", text)
    parts = [p for w in whole if "-" in w for p in w.split("-") if p]
    return [plain(w) for w in whole + parts]


def same_word(a: str, b: str) -> bool:
    """Two spellings of one word: equal, one a form of the other, or one letter apart."""
    if a == b:
        return True
    shorter = min(len(a), len(b))
    if shorter < MIN_STEM:
        return False
    cut = max(MIN_STEM, shorter - 2)
    return a[:cut] == b[:cut] or Levenshtein.distance(a, b) <= 1


def name_in(name: str, text: str) -> bool:
    """Every word of ``name`` (but small ones) is in ``text``."""
    have = _words(text)
    words = name.split()
    for position, word in enumerate(words):
        word_plain = plain(word)
        if len(word_plain) <= 2 or word_plain in _PARTICLES:
            continue
        if any(same_word(word_plain, h) for h in have):
            continue
        if position == 0 and len(words) > 1 and _surname_alone(words[-1], text):
            continue
        if _is_acronym(word) and any(abbreviates(word, run) for run in _capitalised_runs(text)):
            continue
        return _abbreviated_in(name, text)
    return True


def _surname_alone(surname: str, text: str) -> bool:
    """``text`` names this surname, but never with a given name ("Lavrov", "Mr Lavrov").

    A reply may add the given name a source leaves out ("Sergei Lavrov" for "Lavrov");
    it may not swap one ("Donald Trump" where the source says "Melania Trump").
    """
    surname = re.sub(r"['’]s$", "", surname)
    found = False
    for match in re.finditer(rf"(?:(\S+)\s+)?\b{re.escape(surname)}\b", text):
        found = True
        before = match.group(1) or ""
        given = before[:1].isupper() and not re.search(r"[.,;:!?\"”)]$", before)
        if given and plain(before) not in _TITLES:
            return False
    return found


def _is_acronym(word: str) -> bool:
    letters = re.sub(r"[.'’]|['’]s$", "", word)
    return 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()


def abbreviates(acronym: str, words: list[str]) -> bool:
    """``acronym`` is built from the starts of ``words``, in order, each giving at least
    its first letter ("CAS": Court of Arbitration for Sport; "RUSADA": Russian Anti Doping
    Agency); small words ("of", "for") may give none."""
    letters = re.sub(r"[^a-z]", "", acronym.lower())
    significant = [re.sub(r"[^a-z]", "", w.lower()) for w in words]

    def fits(rest: str, index: int) -> bool:
        if index == len(significant):
            return not rest
        word = significant[index]
        if word in _SMALL_WORDS and fits(rest, index + 1):
            return True
        return any(
            rest[:size] == word[:size] and fits(rest[size:], index + 1)
            for size in range(1, min(len(word), len(rest)) + 1)
        )

    return len(significant) >= 2 and fits(letters, 0)


_RUN_WORD = r"(?:[A-Z][\w-]*[a-z][\w-]*|(?:[A-Z]\.){2,})"  # "Anti-Doping", "U.S."
_RUN = rf"\b(?:{_RUN_WORD}(?:\s+(?:of|and|for|the|on)\s+|\s+)){{1,6}}{_RUN_WORD}"


def _capitalised_runs(text: str) -> list[list[str]]:
    """Each run of capitalised words, split at hyphens, and every shorter run inside it:
    "the U.S. Anti-Doping Agency's" gives [U.S., Anti, Doping, Agency], [Anti, Doping] ..."""
    runs = []
    for match in re.finditer(_RUN, text):
        words = [p for w in match.group().split() for p in w.split("-") if p]
        for i in range(len(words)):
            for j in range(i + 2, len(words) + 1):
                if words[i][0].isupper() and words[j - 1][0].isupper():
                    runs.append(words[i:j])
    return runs


def names_of(text: str) -> set[str]:
    """The several-word names a text writes out, in lower case: "ostley coachlines",
    "transit workers guild local"; days and months are no part of a name ("On Sunday")."""
    found = set()
    for match in re.finditer(_RUN, text):
        words = [w for w in match.group().split() if not is_calendar_word(w)]
        while words and words[0].lower() in _SMALL_WORDS | {"on", "in", "at", "a", "an"}:
            words = words[1:]
        if len(words) >= 2:
            found.add(" ".join(words).lower())
    return found


# An all-capital word that is not part of a headline in capitals ("RUSSIA RAISES NEW DEMANDS").
_LONE_CAPITALS = r"(?<![A-Z][A-Z] )\b[A-Z][A-Z.]+\b(?! [A-Z][A-Z])"


def _abbreviated_in(name: str, text: str) -> bool:
    """``text`` writes the several-word ``name`` by its acronym ("the ROC" for the Russian
    Olympic Committee)."""
    words = [p for w in name.split() for p in w.split("-") if p]
    if len(words) < 2 or not all(w[0].isupper() or w.lower() in _SMALL_WORDS for w in words):
        return False
    return any(
        _is_acronym(token) and abbreviates(token, words)
        for token in re.findall(_LONE_CAPITALS, text)
    )


def share_named(wanted: Iterable[str], terms: set[str]) -> float:
    """Share of the ``wanted`` terms found among ``terms`` ("russian" counts "russia")."""
    wanted = list(wanted)
    found = [w for w in wanted if w in terms or any(same_word(w, t) for t in terms)]
    return len(found) / (len(wanted) or 1)
