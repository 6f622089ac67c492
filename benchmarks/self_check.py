"""Can the answer model check its own answer? A yes/no turn on the verifier's labelled cases.

    .venv/bin/python -m benchmarks.self_check [--wording short|relation]

Each case is put to the default model as an answer would be (system prompt,
the passage as source [1] and the question, the case's sentence as the model's
reply), followed by a check question. A useful self-check says "no" to the
unsupported sentences; the report counts, by kind of case, how often its
verdict matches the label.
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict

from benchmarks.verification import load_cases
from rag.answer.prompt import SYSTEM_PROMPT
from rag.app import Newsqa
from rag.settings import load_settings

WORDINGS = {
    "short": "Is that answer stated by source [1]? Reply yes or no.",
    "relation": "Read source [1] again. Does it support your answer to the question, with the "
    "same facts in the same relation? Reply yes or no.",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wording", choices=sorted(WORDINGS), default="short")
    args = parser.parse_args()
    model = Newsqa(load_settings()).chat_models.get()
    right: dict[str, list[bool]] = defaultdict(list)
    said_yes = 0
    began = time.perf_counter()
    for case in load_cases():
        messages = [
            {"role": "system", "content": SYSTEM_PROMPT},
            {
                "role": "user",
                "content": f"Sources:\n\n[1] {case['passage']}\n\nQuestion: {case['question']}",
            },
            {"role": "assistant", "content": case["claim"]},
            {"role": "user", "content": WORDINGS[args.wording]},
        ]
        generation = model.generate(messages, max_tokens=3)
        reply = "".join(generation).strip().lower()
        yes = reply.startswith("yes")
        said_yes += yes
        right[case["kind"]].append(yes == case["supported"])
    cases = sum(len(v) for v in right.values())
    correct = sum(sum(v) for v in right.values())
    print(
        f"{cases} cases, wording {args.wording!r}: {correct} judged right, {said_yes} answered yes"
    )
    print("by kind: " + ", ".join(f"{k} {sum(v)}/{len(v)}" for k, v in sorted(right.items())))
    seconds = (time.perf_counter() - began) / cases
    print(f"{seconds:.2f} s a case (each case is a new prompt: nothing cached)")


if __name__ == "__main__":
    main()
