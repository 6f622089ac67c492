"""Self-attention as two matrix products, for the embedding model under bfloat16.

PyTorch's fused attention kernel on the CPU is slow at this model's small heads
(12 heads of 32 dimensions): measured on 600 news passages of about 150 word
pieces, it took 40% of the model's time, as much as all its linear layers.
Written as ``softmax(QKᵀ·scale + mask)·V`` in bfloat16 the same model embeds the
passages 16% faster, with vectors at cosine ≥ 0.9999 to float32's, as the fused
kernel's under bfloat16 are (``python -m benchmarks.embedding``). Scaling the
query instead of the scores, and adding the mask in place, spares two passes
over the largest tensor (length × length per head): 141 and 139 passages a
second against 132 and 126 on 800 passages (``benchmarks.embedding --passages
800``, run in turn before and after), the vectors unchanged.
"""

from __future__ import annotations

from typing import Any

NAME = "newsqa_matmul"


def matmul_attention(
    module: Any,
    query: Any,
    key: Any,
    value: Any,
    attention_mask: Any,
    dropout: float = 0.0,
    scaling: float | None = None,
    **_: Any,
) -> tuple[Any, None]:
    """Attention of ``query`` (batch, heads, length, head size) over ``key`` and ``value``.

    ``attention_mask`` is additive: 0 where a word piece may be attended to, the
    lowest float where it is padding.
    """
    import torch

    scale = scaling if scaling is not None else query.shape[-1] ** -0.5
    scores = torch.matmul(query * scale, key.transpose(-1, -2))  # scaled: the smaller tensor
    if attention_mask is not None:
        scores.add_(attention_mask.to(scores.dtype))
    weights = torch.softmax(scores, dim=-1, dtype=scores.dtype)
    return torch.matmul(weights.to(value.dtype), value).transpose(1, 2).contiguous(), None


def use_matmul_attention(transformer: Any) -> bool:
    """Switch a Hugging Face model to ``matmul_attention``; False when it cannot be."""
    try:
        from transformers import AttentionInterface
        from transformers.masking_utils import AttentionMaskInterface, eager_mask
    except ImportError:  # pragma: no cover - an older transformers: keep its attention
        return False
    AttentionInterface.register(NAME, matmul_attention)
    AttentionMaskInterface.register(NAME, eager_mask)  # the additive mask the products take
    transformer.set_attn_implementation(NAME)
    return True
