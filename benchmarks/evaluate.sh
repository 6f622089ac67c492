#!/usr/bin/env bash
# Runs the evaluations whose figures docs/EVALUATION.md reports, and copies each
# run's metrics.json and report.md into docs/runs/NAME/.
#   benchmarks/evaluate.sh retrieval   # dense retrieval, newsqa vs llama-index default, both datasets
#   benchmarks/evaluate.sh answers     # 50-question samples, default LLM, both pipelines
# DATASETS (default ../shared/datasets) and RUNS (default .cache/eval-runs) can be overridden.
set -euo pipefail
cd "$(dirname "$0")/.."
DATASETS=${DATASETS:-../shared/datasets}
RUNS=${RUNS:-.cache/eval-runs}
export NEWSQA_DATA_DIR=${NEWSQA_DATA_DIR:-.cache/eval-data}
NEWSQA=${NEWSQA:-.venv/bin/newsqa}
SAMPLE=${SAMPLE:-50}
SEED=${SEED:-1}

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
      run "$dataset-retrieval-${TAG:-newsqa}" "$dataset" --retrieval-only "${@:2}"
      [ -n "${TAG:-}" ] || run "$dataset-retrieval-llamaindex" "$dataset" --retrieval-only \
        --baseline llamaindex-default
    done ;;
  answers)
    for dataset in rgb-en-fact squad2-dev-500; do
      run "$dataset-answers-${TAG:-newsqa}" "$dataset" --sample "$SAMPLE" --seed "$SEED" "${@:2}"
      [ -n "${TAG:-}" ] || run "$dataset-answers-llamaindex" "$dataset" --sample "$SAMPLE" \
        --seed "$SEED" --baseline llamaindex-default
    done ;;
  *) echo "usage: $0 retrieval|answers [extra newsqa eval options]" >&2; exit 2 ;;
esac
