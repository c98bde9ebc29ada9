#!/usr/bin/env bash
# Training throughput (samples/s, training steps only, as the runs table's samples_per_second) of
# each model on this machine, without the analog chain (precision none) and with it (p = 64,
# EP = 0.5, the model's own placement): one epoch over the first TRAIN images of Fashion-MNIST
# (28x28x1; VGG-A pads them to 32x32), batch 128, THREADS PyTorch threads, ReLU-GELU at i = 0.5.
#   scripts/throughput.sh [TRAIN=1024] [THREADS=2]
# Prints one line per model and chain. Timings are only comparable on a machine that is otherwise
# idle; the ratio of the two columns is the chain's cost.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
train="${1:-1024}"
threads="${2:-2}"
data="${DATA:-/usr/share/datasets/fashion-mnist}"
printf "%-22s %14s %14s\n" "model" "clean (s/s)" "chain (s/s)"
for model in "convnet" "vgg-a" "resnet-18" "vit --vit-depth 1" "vit --vit-depth 4"; do
  rates=()
  for chain in "--precision none" "--precision 64 --error-probability 0.5"; do
    # shellcheck disable=SC2086
    rate=$("$here/analogsweep" train --model $model $chain --family relu-gelu --interpolation 0.5 \
        --data "$data" --epochs 1 --train-limit "$train" --test-limit 256 --batch-size 128 \
        --device cpu --threads "$threads" 2>/dev/null \
      | python3 -c 'import json,sys; r=json.load(sys.stdin); print("%.1f" % r["samplesPerSecond"] if r["status"] == "OK" else r["status"])')
    rates+=("$rate")
  done
  printf "%-22s %14s %14s\n" "$model" "${rates[0]}" "${rates[1]}"
done
