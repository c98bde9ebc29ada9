#!/usr/bin/env bash
# For testing GPU scheduling on a machine without GPUs: announces FAKE_GPUS (default 2) GPUs with
# addresses 0..N-1. Spark then assigns them to tasks as if they were real.
n="${FAKE_GPUS:-2}"
printf '{"name": "gpu", "addresses": ['
for ((i = 0; i < n; i++)); do
  [ "$i" -gt 0 ] && printf ', '
  printf '"%d"' "$i"
done
printf ']}\n'
