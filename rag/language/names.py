"""Whether a text names someone or something: forgiving about form, strict about who.

"Romanian" matches "Romania", "Lavrov" matches "Sergei Lavrov", "Zelenskiy"
matches "Zelenskyy", an acronym matches the words it abbreviates ("LSU" in
"Louisiana State University"); "Donald Trump" does not match "Melania Trump".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz.distance import Levenshtein

# Small words inside names ("Bank of England") and titles before them ("Mr Lavrov").
_PARTICLES = frozenset("of de la von van al the and".split())
_TITLES = frozenset(
    "mr mrs ms dr sir lord lady president minister secretary senator sen governor gov rep "
    "chancellor premier prime foreign deputy general gen judge justice king queen prince "
    "princess pope coach spokesperson spokesman spokeswoman ambassador envoy officer "
    "commissioner mayor adviser advisor aide chief director the".split()
)
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
    initials = None
    words = name.split()
    for position, word in enumerate(words):
        word_plain = plain(word)
        if len(word_plain) <= 2 or word_plain in _PARTICLES:
            continue
        if any(same_word(word_plain, h) for h in have):
            continue
        if position == 0 and len(words) > 1 and _surname_alone(words[-1], text):
            continue
        acronym = re.sub(r"[.'’]", "", word)
        if acronym.isupper() and len(acronym) >= 2:
            initials = initials if initials is not None else _initials(text)
            if acronym in initials:
                continue
        return False
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


def _initials(text: str) -> set[str]:
    """Acronyms of runs of capitalised words: "Louisiana State University" gives "LSU"."""
    found = set()
    for match in re.finditer(
        r"(?:\b[A-Z][a-z]+(?:\s+(?:of|and|for|the)\s+|\s+)){1,5}[A-Z][a-z]+", text
    ):
        words = [w for w in match.group().split() if w[0].isupper()]
        for i in range(len(words)):
            for j in range(i + 2, len(words) + 1):
                found.add("".join(w[0] for w in words[i:j]))
    return found


def share_named(wanted: Iterable[str], terms: set[str]) -> float:
    """Share of the ``wanted`` terms found among ``terms`` ("russian" counts "russia")."""
    wanted = list(wanted)
    found = [w for w in wanted if w in terms or any(same_word(w, t) for t in terms)]
    return len(found) / (len(wanted) or 1)
