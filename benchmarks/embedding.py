"""Embedding throughput: the ways to run all-MiniLM-L6-v2 on this CPU, and how close they stay.

    .venv/bin/python -m benchmarks.embedding [--passages 600]

Real passages (rtqa-feb2024 articles cut as newsqa cuts them) embedded by:
torch float32 (the library default), torch under bfloat16 autocast (newsqa's
choice where the CPU has bfloat16 in hardware), the same with attention written
as two matrix products (``rag.models.attention``, what newsqa runs), and ONNX Runtime, float32 and
int8 (dynamic quantisation of the weight matrices, per channel), exported from
the packaged weights into a temporary folder (needs the ``onnx`` package, a dev
dependency). Also: batches of 32 as the passages come, against windows of 256
that the model sorts by length. Reported: passages and word pieces per second,
and the cosine of each vector to the float32 one (min and mean).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Callable
from contextlib import nullcontext
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.common import ROOT, banner, table

CORPUS = ROOT.parent / "shared" / "datasets" / "rtqa-feb2024" / "corpus.jsonl"


def real_passages(count: int) -> list[str]:
    from rag.index.passages import cut_passages
    from rag.models.embedding import WordPieceTokenizer

    tokenizer, passages = WordPieceTokenizer(), []
    for line in CORPUS.open():
        text = json.loads(line)["text"]
        passages += [cut.text for cut in cut_passages(text, tokenizer, 160, 32)]
        if len(passages) >= count:
            return passages[:count]
    return passages


def _torch(model, bfloat16: bool, batches_of: int) -> Callable[[list[str]], np.ndarray]:
    import torch

    def embed(texts: list[str]) -> np.ndarray:
        context = torch.autocast("cpu", dtype=torch.bfloat16) if bfloat16 else nullcontext()
        out = []
        with context:
            for i in range(0, len(texts), batches_of):
                out.append(
                    model.encode(
                        texts[i : i + batches_of], batch_size=32, normalize_embeddings=True
                    )
                )
        return np.concatenate(out)

    return embed


def _onnx_files(folder: Path, model_dir: Path) -> dict[str, Path]:
    """Export the packaged model to ONNX and quantise it to int8; the paths of both."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModel

    bert = AutoModel.from_pretrained(str(model_dir)).eval()

    class Hidden(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.bert(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    names = ["input_ids", "attention_mask", "token_type_ids"]
    ids = torch.ones(2, 16, dtype=torch.long)
    fp32, int8 = folder / "model.onnx", folder / "model-int8.onnx"
    torch.onnx.export(
        Hidden(),
        (ids, torch.ones_like(ids), torch.zeros_like(ids)),
        str(fp32),
        input_names=names,
        output_names=["hidden"],
        dynamic_axes={n: {0: "batch", 1: "length"} for n in [*names, "hidden"]},
        opset_version=17,
        dynamo=False,
    )
    quantize_dynamic(
        str(fp32),
        str(int8),
        weight_type=QuantType.QInt8,
        per_channel=True,
        extra_options={"MatMulConstBOnly": True},
    )
    return {"onnx float32": fp32, "onnx int8": int8}


def _onnx(path: Path, model_dir: Path) -> Callable[[list[str]], np.ndarray]:
    import onnxruntime as ort
    from tokenizers import Tokenizer

    options = ort.SessionOptions()
    options.intra_op_num_threads = 2
    session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    tokenizer.enable_truncation(256)
    tokenizer.no_padding()

    def embed(texts: list[str]) -> np.ndarray:
        vectors = [None] * len(texts)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), 32):
            batch = order[start : start + 32]
            encodings = tokenizer.encode_batch([texts[i] for i in batch])
            width = max(len(e.ids) for e in encodings)
            ids = np.zeros((len(batch), width), np.int64)
            mask = np.zeros_like(ids)
            for row, e in enumerate(encodings):
                ids[row, : len(e.ids)], mask[row, : len(e.ids)] = e.ids, 1
            feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            hidden = session.run(None, feed)[0]
            pooled = (hidden * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
            pooled /= np.linalg.norm(pooled, axis=1, keepdims=True)
            for row, i in enumerate(batch):
                vectors[i] = pooled[row]
        return np.array(vectors)

    return embed


def run(count: int = 600) -> dict[str, Any]:
    from sentence_transformers import SentenceTransformer

    from rag.models.attention import use_matmul_attention
    from rag.models.embedding import WordPieceTokenizer
    from rag.models.files import embedding_model_dir

    model_dir = embedding_model_dir()
    passages = real_passages(count)
    pieces = sum(WordPieceTokenizer(model_dir).count(p) for p in passages)
    model = SentenceTransformer(str(model_dir), device="cpu")
    matmul = SentenceTransformer(str(model_dir), device="cpu")
    use_matmul_attention(matmul[0].auto_model)
    ways = {
        "torch float32, batches of 32 as they come": _torch(model, False, 32),
        "torch float32, windows of 256 sorted by length": _torch(model, False, 256),
        "torch bfloat16, windows of 256 sorted by length": _torch(model, True, 256),
        "torch bfloat16, attention as matrix products (newsqa)": _torch(matmul, True, 256),
    }
    with tempfile.TemporaryDirectory() as folder:
        try:
            files = _onnx_files(Path(folder), model_dir)
        except ImportError as exc:
            print(f"ONNX rows skipped: {exc}")
            files = {}
        for name, path in files.items():
            ways[name] = _onnx(path, model_dir)
        reference, results = None, {}
        for name, embed in ways.items():
            embed(passages[:16])  # warm
            began = time.perf_counter()
            vectors = embed(passages)
            seconds = time.perf_counter() - began
            reference = vectors if reference is None else reference
            cosines = (vectors * reference).sum(axis=1)
            results[name] = {
                "seconds": seconds,
                "passages_per_s": len(passages) / seconds,
                "pieces_per_s": pieces / seconds,
                "cosine_min": float(cosines.min()),
                "cosine_mean": float(cosines.mean()),
            }
    return {"passages": len(passages), "word_pieces": pieces, "ways": results}


def markdown(results: dict[str, Any]) -> str:
    ways = results["ways"]
    base = next(iter(ways.values()))["seconds"]
    rows = [
        [
            name,
            f"{r['passages_per_s']:.0f}",
            f"{r['pieces_per_s']:,.0f}",
            f"{base / r['seconds']:.2f}x",
            f"{r['cosine_min']:.4f} / {r['cosine_mean']:.4f}",
        ]
        for name, r in ways.items()
    ]
    headers = ["way", "passages/s", "word pieces/s", "speed", "cosine to float32 min / mean"]
    return (
        f"{results['passages']} real passages, {results['word_pieces']:,} word pieces.\n\n"
        + table(headers, rows)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=600)
    args = parser.parse_args()
    banner()
    print(markdown(run(args.passages)))


if __name__ == "__main__":
    main()
