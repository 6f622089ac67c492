"""The [n] markers in an answer: which sources a sentence cites, and the text without them.

A number that matches no source in the prompt is never shown as a citation
(verification keeps only the numbers of sources it was given).
"""

from __future__ import annotations

import re

MARKER = r"\[\s*(\d+(?:\s*[,;]\s*\d+)*)\s*\]"  # "[2]", "[1, 3]"
_MARKER = re.compile(MARKER)
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([.,;:!?])")


_LOOSE_MARKER = re.compile(
    r"\(\s*(?:sources?:?\s*)?\[?(\d{1,2})\]?\s*\)(?=[ \t]*(?:[.!?](?:\s|$)|\n|$))", re.IGNORECASE
)


_OPTION_NUMBER = re.compile(r"\s*\((?:option|choice|answer)\s*[\w]{1,2}\)", re.IGNORECASE)


def normalize_markers(text: str) -> str:
    """Other ways models cite at the end of a sentence, "(2)" or "(Source: [1])", become "[2]".

    A multiple-choice reply's "(option 4)" is dropped: it names no source.
    """
    text = _OPTION_NUMBER.sub("", text)
    return _LOOSE_MARKER.sub(lambda m: f"[{m.group(1)}]", text)


def cited_numbers(text: str) -> list[int]:
    """Every number cited, in order of first appearance, without repeats."""
    numbers: list[int] = []
    for match in _MARKER.finditer(text):
        for part in re.split(r"[,;]", match.group(1)):
            n = int(part)
            if n not in numbers:
                numbers.append(n)
    return numbers


def strip_markers(text: str) -> str:
    """The text without any [n] markers."""
    return _SPACE_BEFORE_PUNCT.sub(r"\1", _MARKER.sub("", text)).strip()


# "According to source [2], X." / "The newest report is from source [1], which states that X."
_SOURCE_TALK = re.compile(
    r"^(?P<dash>\s*-\s*)?(?:"
    r"(?:according to|as (?:stated|reported|said) in|in) (?:the )?(?:\w+ )?"
    r"(?:source|report|article) \[(?P<a>\d+)\],?"
    r"|(?:the )?(?:\w+ )?(?:source|report|article) (?:is )?(?:from )?(?:source )?\[(?P<b>\d+)\],?"
    r" (?:which )?(?:states|says|reports|notes|mentions|shows)(?: that)?,?"
    r"|(?:the |both |all )?(?:(?:first|second|third|other|newest|latest|older|earlier) )?"
    r"(?:sources?|reports?|articles?) (?:also )?(?:reports?|says?|states?|notes?|mentions?)"
    r" that"
    r")\s+(?P<claim>\S.*)$",
    re.IGNORECASE | re.DOTALL,
)
_AS_PER = re.compile(r",? (?:as per|according to|per) (?:the )?source \[(\d+)\](?=[.!?]?$)", re.I)


def without_source_talk(sentence: str) -> str:
    """The claim of a sentence that talks about its source, cited the usual way.

    "According to source [2], the bridge will cost $3.9 million." and "Source [2]
    says that the bridge ..." become "The bridge will cost $3.9 million [2].";
    "..., as per source [2]." becomes "... [2].". Checked and shown like any other
    sentence, the claim is what is judged, not the words about where it is from.
    """
    talk = _SOURCE_TALK.match(sentence)
    if talk:
        claim = talk["claim"].strip()
        claim = claim[0].upper() + claim[1:]
        number = talk["a"] or talk["b"]  # none in "The sources also report that X."
        if number and not cited_numbers(claim):
            body = claim.rstrip(".!? ")
            claim = f"{body} [{number}]{claim[len(body) :].strip() or '.'}"
        sentence = (talk["dash"] or "") + claim
    return _AS_PER.sub(lambda m: f" [{m.group(1)}]", sentence)


# A source's header ("(title; 2025-04-02) ", see ``prompt.source_header``) copied into a
# reply's sentence: "The new footbridge contract awarded; 2025-04-02) Ostley County ..."
_COPIED_HEADER = re.compile(
    r"^(?P<dash>\s*-\s*)?\(?[^()\[\]]{0,300}?\b\d{4}-\d{2}-\d{2}\)\s+(?=\S)"
)


def without_copied_header(sentence: str) -> str:
    """The sentence without a source header the model copied in front of it."""
    return _COPIED_HEADER.sub(lambda m: m["dash"] or "", sentence, count=1)
