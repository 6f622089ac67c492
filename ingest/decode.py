"""Bytes to clean Unicode text, accepting the encodings news files really come in.

Scraped articles arrive as UTF-8, as UTF-16 saved by Windows tools, or as legacy
Windows-1252/Latin-1 pages. Rejecting those would lose real articles, so invalid
UTF-8 falls back to CP-1252 (or Latin-1) instead of failing. Binary files, which
would index as noise, are refused with a message the user can act on.
"""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata

from rag.errors import InputFileError

logger = logging.getLogger(__name__)

BINARY_MESSAGE = "binary file (not text)"
UNDECODABLE_MESSAGE = "not valid UTF-8, Latin-1 or UTF-16 text"

# Above this share of control characters a "text" file is really binary data.
# (A handful of stray control bytes in a short text is junk to strip, not a binary file.)
_MAX_CONTROL_SHARE = 0.05
_MIN_CONTROLS = 8
# control characters (Unicode category Cc) but newline and tab
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Carriage returns, page breaks and vertical tabs become plain line breaks.
_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c]")


def decode_bytes(data: bytes, check_binary: bool = True) -> str:
    """Decode file bytes to normalised text, or raise InputFileError.

    Order: UTF-32/UTF-16 with a byte-order mark, UTF-8 (BOM stripped), then
    CP-1252 when every byte maps, else Latin-1, which accepts any byte.
    ``check_binary=False`` is for formats that check each record themselves (JSONL):
    one line of junk must not cost the good lines.
    """
    text = _decode(data)
    if check_binary and _looks_binary(text):
        raise InputFileError(BINARY_MESSAGE)
    return normalize_text(text)


def normalize_text(text: str) -> str:
    """Unify line endings, drop control characters except newline and tab, apply NFC.

    Used for every piece of text that enters the index, whatever its source, so
    that equal articles compare equal and stray control bytes never reach a model.
    """
    text = _LINE_BREAKS.sub("\n", text).replace("\ufeff", "")
    text = _CONTROLS.sub("", text)
    return unicodedata.normalize("NFC", text)


def _decode(data: bytes) -> str:
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise InputFileError(UNDECODABLE_MESSAGE) from exc
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
        logger.debug("not UTF-8; decoded as CP-1252")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
        logger.debug("not UTF-8 or CP-1252; decoded as Latin-1")
    return text


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    if not text:
        return False
    controls = sum(
        1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\t\r\x0b\x0c"
    )
    return controls > _MIN_CONTROLS and controls / len(text) > _MAX_CONTROL_SHARE
