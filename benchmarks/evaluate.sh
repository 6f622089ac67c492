#!/usr/bin/env bash
# Runs the evaluations whose figures docs/EVALUATION.md reports, and copies each
# run's metrics.json and report.md into docs/runs/NAME/.
#   benchmarks/evaluate.sh retrieval        # dense / bm25 / hybrid / llama-index default, retrieval only
#   benchmarks/evaluate.sh answers          # 100-question samples, default LLM, newsqa and llama-index
#   benchmarks/evaluate.sh budget           # rgb-en-fact 50-question sample: evidence budget vs whole passages
#   benchmarks/evaluate.sh rtqa             # rtqa-feb2024, all 120 questions, newsqa and llama-index
#   benchmarks/evaluate.sh budget-curve     # 100-question samples at evidence budgets 280, 400, 520
#   benchmarks/evaluate.sh precision        # retrieval with float32 and bfloat16 embeddings
#   benchmarks/evaluate.sh open             # the open questions (benchmarks/data/open), newsqa
#                                           # and the llama-index default, one set after the other
#                                           # (PIPELINES=newsqa: newsqa only; SUFFIX=NAME: runs
#                                           # named open-SET-PIPELINE-NAME)
#   SUFFIX=NAME benchmarks/evaluate.sh yardsticks   # the short-fact yardsticks, newsqa: rgb-en-fact
#                                           # and squad2-dev-500 (SAMPLE, SEED) and all of rtqa-feb2024,
#                                           # named DATASET-answers100-NAME (rtqa: -answers-NAME)
# DATASETS (default ../shared/datasets), RUNS (default .cache/eval-runs), SAMPLE and SEED can be set.
set -euo pipefail
cd "$(dirname "$0")/.."
DATASETS=${DATASETS:-../shared/datasets}
RUNS=${RUNS:-.cache/eval-runs}
export NEWSQA_DATA_DIR=${NEWSQA_DATA_DIR:-.cache/eval-data}
NEWSQA=${NEWSQA:-.venv/bin/newsqa}
SAMPLE=${SAMPLE:-100}
SEED=${SEED:-1}

OPEN=benchmarks/data/open

open_run() {  # name, corpus, questions, extra args...
  local name=$1 corpus=$2 questions=$3; shift 3
  echo "== $name"
  $NEWSQA eval --corpus "$corpus" --questions "$questions" --out "$RUNS/$name" --use-titles "$@"
  mkdir -p "docs/runs/$name"
  cp "$RUNS/$name/metrics.json" "$RUNS/$name/report.md" "docs/runs/$name/"
  case $name in  # the answers quote their passages: kept only where the articles may be shared
    open-rtqa-*) ;;
    *) cp "$RUNS/$name/results.jsonl" "docs/runs/$name/" ;;
  esac
}

run() {  # name, dataset, extra args...
  local name=$1 dataset=$2; shift 2
  echo "== $name"
  $NEWSQA eval --corpus "$DATASETS/$dataset/corpus.jsonl" \
    --questions "$DATASETS/$dataset/questions.jsonl" --out "$RUNS/$name" "$@"
  mkdir -p "docs/runs/$name"
  cp "$RUNS/$name/metrics.json" "$RUNS/$name/report.md" "docs/runs/$name/"
}

case "${1:-}" in
  retrieval)
    for dataset in squad2-dev-500 rgb-en-fact; do
      for mode in dense bm25 hybrid; do
        run "$dataset-retrieval-$mode" "$dataset" --retrieval-only --retriever "$mode"
      done
      run "$dataset-retrieval-llamaindex" "$dataset" --retrieval-only --baseline llamaindex-default
    done ;;
  answers)
    for dataset in rgb-en-fact squad2-dev-500; do
      run "$dataset-answers$SAMPLE-newsqa" "$dataset" --sample "$SAMPLE" --seed "$SEED"
      run "$dataset-answers$SAMPLE-llamaindex" "$dataset" --sample "$SAMPLE" --seed "$SEED" \
        --baseline llamaindex-default
    done ;;
  budget)
    run "rgb-en-fact-answers50-sentences" rgb-en-fact --sample 50 --seed "$SEED"
    NEWSQA_EVIDENCE=passages run "rgb-en-fact-answers50-passages" rgb-en-fact --sample 50 --seed "$SEED" ;;
  budget-curve)
    for dataset in rgb-en-fact squad2-dev-500; do
      for budget in ${BUDGETS:-280 400 520}; do
        NEWSQA_PROMPT_BUDGET=$budget run "$dataset-answers$SAMPLE-budget$budget" "$dataset" \
          --sample "$SAMPLE" --seed "$SEED"
      done
    done ;;
  precision)
    for precision in float32 bfloat16; do
      for dataset in squad2-dev-500 rgb-en-fact; do
        NEWSQA_EMBED_PRECISION=$precision NEWSQA_DATA_DIR=$NEWSQA_DATA_DIR-$precision \
          run "$dataset-retrieval-$precision" "$dataset" --retrieval-only
      done
    done ;;
  rtqa)
    run "rtqa-feb2024-answers-newsqa" rtqa-feb2024
    run "rtqa-feb2024-answers-llamaindex" rtqa-feb2024 --baseline llamaindex-default ;;
  open)
    for pipeline in ${PIPELINES:-newsqa llamaindex}; do
      extra=()
      [ "$pipeline" = llamaindex ] && extra=(--baseline llamaindex-default)
      tag=$pipeline${SUFFIX:+-$SUFFIX}
      open_run "open-sample-$tag" data/articles "$OPEN/sample.jsonl" "${extra[@]}"
      open_run "open-dated-$tag" "$OPEN/dated-corpus.jsonl" "$OPEN/dated.jsonl" "${extra[@]}"
      open_run "open-rtqa-$tag" "$DATASETS/rtqa-feb2024/corpus.jsonl" "$OPEN/rtqa.jsonl" \
        "${extra[@]}"
    done ;;
  yardsticks)
    suffix=${SUFFIX:?"set SUFFIX: the runs are named DATASET-answers100-SUFFIX"}
    for dataset in rgb-en-fact squad2-dev-500; do
      run "$dataset-answers$SAMPLE-$suffix" "$dataset" --sample "$SAMPLE" --seed "$SEED"
    done
    run "rtqa-feb2024-answers-$suffix" rtqa-feb2024 ;;
  *) echo "usage: $0 retrieval|answers|budget|budget-curve|precision|rtqa|open|yardsticks" >&2
     exit 2 ;;
esac
