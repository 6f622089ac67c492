"""Model files: split GGUF parts are joined once, verified, and refused when damaged."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from rag.errors import ModelError
from rag.models import files as models


@pytest.fixture
def fake_parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Three importable part packages holding 'part01.bin'..'part03.bin'."""
    site = tmp_path / "site"
    blobs = [b"GGUF" + bytes([n]) * 1000 for n in range(1, 4)]
    for n, blob in enumerate(blobs, start=1):
        package = site / f"fake_model_part{n}"
        (package / "data").mkdir(parents=True)
        (package / "__init__.py").write_text("")
        (package / "data" / f"part{n:02d}.bin").write_bytes(blob)
    monkeypatch.syspath_prepend(str(site))
    whole = b"".join(blobs)
    spec = models.SplitModel(
        file_name="fake.gguf",
        distribution="fake-model-part",
        version="1.0",
        parts=3,
        size=len(whole),
        sha256=hashlib.sha256(whole).hexdigest(),
    )
    return spec, whole, site


def test_parts_are_joined_once_and_reused(fake_parts, tmp_path: Path) -> None:
    spec, whole, _ = fake_parts
    path = models.assemble(spec, tmp_path / "cache")
    assert path.read_bytes() == whole
    mtime = path.stat().st_mtime_ns
    assert models.assemble(spec, tmp_path / "cache") == path
    assert path.stat().st_mtime_ns == mtime, "a verified file is not rebuilt"
    assert list((tmp_path / "cache").glob("*.partial")) == []


def test_damaged_part_is_refused_naming_the_packages(fake_parts, tmp_path: Path) -> None:
    spec, _, site = fake_parts
    (site / "fake_model_part2" / "data" / "part02.bin").write_bytes(b"corrupted")
    with pytest.raises(ModelError, match=r"damaged.*fake-model-part1 \.\.\. fake-model-part3"):
        models.assemble(spec, tmp_path / "cache")
    assert not (tmp_path / "cache" / "fake.gguf").exists()


def test_missing_part_is_refused(fake_parts, tmp_path: Path) -> None:
    spec, _, _ = fake_parts
    bigger = models.SplitModel(**{**spec.__dict__, "parts": 4})
    with pytest.raises(ModelError, match="part 4 .* missing"):
        models.assemble(bigger, tmp_path / "cache")


def test_a_cached_file_changed_on_disk_is_rebuilt(fake_parts, tmp_path: Path) -> None:
    spec, whole, _ = fake_parts
    path = models.assemble(spec, tmp_path / "cache")
    path.write_bytes(b"tampered")
    assert models.assemble(spec, tmp_path / "cache").read_bytes() == whole


def test_llm_names_and_paths_resolve(tmp_path: Path) -> None:
    assert models.resolve_llm_path("smollm2-135m", tmp_path).name.endswith(".gguf")
    with pytest.raises(ModelError, match="Unknown LLM model 'gpt-9'"):
        models.resolve_llm_path("gpt-9", tmp_path)
    with pytest.raises(ModelError, match="GGUF file not found"):
        models.resolve_llm_path(str(tmp_path / "x.gguf"), tmp_path)


def test_the_embedding_model_ships_in_its_package() -> None:
    assert (models.embedding_model_dir() / "config.json").is_file()
    assert "qwen2.5-coder-1.5b" in models.installed_llms()


def test_bfloat16_only_where_the_cpu_does_it_natively(tmp_path):
    from rag.models.embedding import cpu_has_native_bf16

    native = tmp_path / "native"
    native.write_text("processor\t: 0\nflags\t\t: fpu sse2 avx512f avx512_bf16 amx_tile\n")
    emulated = tmp_path / "emulated"
    emulated.write_text("processor\t: 0\nflags\t\t: fpu sse2 avx2 avx512f\n")
    assert cpu_has_native_bf16(native)
    assert not cpu_has_native_bf16(emulated)
    assert not cpu_has_native_bf16(tmp_path / "missing")
