#!/usr/bin/env bash
# Trains this project's points for the cross-check (./analogsweep train, one thread, CPU) and
# writes one JSON per run: OUT/MODEL_iI_pP_epE_seedS.json. Usage:
#   [PRECISION=P] scripts/crosscheck/run_project.sh OUT MODEL "SEEDS" "INTERPOLATIONS" "EPS" TRAIN_LIMIT TEST_LIMIT EPOCHS
# PRECISION (default 16) sets --precision and the file name's pP; EXTRA adds flags to every run
# (VGG-A on Fashion-MNIST: EXTRA="--normalization per-channel --early-stopping false"). e.g.
#   scripts/crosscheck/run_project.sh /tmp/xc linear "1 2 3 4 5" "1 0" "0 0.5" 2000 1000 2
#   PRECISION=64 scripts/crosscheck/run_project.sh /tmp/xc convnet "1 2 3 4 5" "1" "0.5" 2000 500 4
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
out=$1 model=$2 seeds=$3 interps=$4 eps=$5 ntrain=$6 ntest=$7 epochs=$8
data=${DATA:-/usr/share/datasets/fashion-mnist}
batch=${BATCH:-128} # the script's default; the project's recipe would take its own
read -r -a extra <<< "${EXTRA:-}"
precision=${PRECISION:-16}
mkdir -p "$out"
for i in $interps; do for ep in $eps; do for s in $seeds; do
  f="$out/${model}_i${i}_p${precision}_ep${ep}_seed${s}.json"
  [ -s "$f" ] && continue
  "$here/analogsweep" train --model "$model" --data "$data" --family relu-gelu \
    --interpolation "$i" --precision "$precision" --error-probability "$ep" --epochs "$epochs" \
    --train-limit "$ntrain" --test-limit "$ntest" --batch-size "$batch" --seed "$s" \
    --threads 1 --device cpu "${extra[@]}" \
    > "$f.tmp" 2> "$f.err" && mv "$f.tmp" "$f"
done; done; done
