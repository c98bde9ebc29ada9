#!/usr/bin/env bash
# On a machine with GPUs: the figures that decide how to run sweeps there, side by side.
#   deploy/gpu-bench.sh [OUT_DIR=results/gpu-bench]
# 1. `analogsweep bench --device gpu`: matmul peak, the linear model and the ConvNet clean and
#    with the analog chain (samples/s, fraction of the peak), packed training for K = 1..16.
# 2. A real sweep (ConvNet on Fashion-MNIST, 16 grid points) on a local standalone cluster with
#    the GPUs announced to Spark, three ways: one task per GPU, four tasks sharing each GPU
#    (spark.task.resource.gpu.amount=0.25), and one task per GPU training packs of 8 points
#    (run --pack 8); each with its wall time and aggregate training samples per second.
# Environment: WAYS (default "one-task-per-gpu four-tasks-per-gpu packs": which of the three to
# run), PACK (points per pack, default 8), GPUS (default: the count nvidia-smi lists), DATA (default
# /usr/share/datasets/fashion-mnist), TRAIN_LIMIT (images per grid point, default 20000),
# BENCH_OPTS (more options for step 1, such as --quick), ANALOGSWEEP_PROFILES (default cuda: the
# CUDA 12.4 libtorch), DEVICE (default gpu). With DEVICE=cpu ANALOGSWEEP_PROFILES= GPUS=2
# GPU_DISCOVERY_SCRIPT=deploy/fake-gpu-discovery.sh it runs on a machine without GPUs (the tasks
# then train on the CPU: a check of the script, not GPU figures).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
out="${1:-$ROOT/results/gpu-bench}"
device="${DEVICE:-gpu}"
data="${DATA:-/usr/share/datasets/fashion-mnist}"
export ANALOGSWEEP_PROFILES="${ANALOGSWEEP_PROFILES-cuda}"
if [ -z "${GPUS:-}" ]; then
  GPUS="$(nvidia-smi -L 2>/dev/null | grep -c '^GPU' || true)"
  GPUS="${GPUS:-${FAKE_GPUS:-0}}"
fi
[ "${GPUS:-0}" -ge 1 ] || { echo "deploy: no GPU found (nvidia-smi); set GPUS, or DEVICE=cpu with FAKE_GPUS for a check" >&2; exit 1; }
[ -d "$data" ] || { echo "deploy: no data at $data (apt-get install dataset-fashion-mnist, or set DATA)" >&2; exit 1; }
mkdir -p "$out"

# 1. The model figures, on the first GPU (the application jar carries DJL and libtorch; Spark's
#    jars come from the assembled Spark home).
build_app_jar
home="$(spark_home)"
java "${JAVA_OPENS[@]}" -Xmx8g -Dai.djl.offline=true -Djava.awt.headless=true \
  -cp "$APP_JAR:$home/jars/*" analogsweep.driver.Main bench --device "$device" \
  --threads "${TASK_CPUS:-2}" --json "$out/bench.json" --sweep-tasks 0 --scheduling-slots 0 \
  ${BENCH_OPTS:-} | tee "$out/bench.txt"

# 2. One sweep, three ways, on a local cluster of one worker holding every GPU.
sweep="$out/gpu-bench.yaml"
cat > "$sweep" <<EOF
name: gpu-bench
description: ConvNet on Fashion-MNIST, 16 grid points for deploy/gpu-bench.sh.
data:
  path: $data
  train_limit: ${TRAIN_LIMIT:-20000}
  test_limit: 2000
model:
  kind: convnet
analog:
  precision: 16
  error_probability: 0.5
training:
  batch_size: 256
  max_epochs: 2
  early_stopping: false
seeds: [1, 2, 3, 4]
grid:
  interpolation: [0, 0.25, 0.75, 1]
EOF
cores=$((GPUS * 4))
GPUS_PER_WORKER="$GPUS" GPU_DISCOVERY_SCRIPT="${GPU_DISCOVERY_SCRIPT:-$ROOT/deploy/gpu-discovery.sh}" \
  "$ROOT/deploy/start-cluster.sh" 1 "$cores" "${WORKER_MEMORY:-24g}"
trap '"$ROOT/deploy/stop-cluster.sh"' EXIT
fallback=()
[ "$device" = cpu ] && fallback=(--gpu-fallback cpu)
summary="$out/ways.tsv"
printf 'way\tseconds\ttrain_samples_per_second\n' > "$summary"
way() {  # name, gpu share per task, pack, executor cores
  local name="$1" share="$2" pack="$3" execores="$4"
  rm -rf "$out/$name"
  local t0=$SECONDS
  SUBMIT_OPTS="--conf spark.executor.cores=$execores --conf spark.executor.resource.gpu.amount=$GPUS \
    --conf spark.task.resource.gpu.amount=$share --conf spark.executor.memory=${EXECUTOR_MEMORY:-16g}" \
    "$ROOT/deploy/submit.sh" run "$sweep" --out "$out/$name" --pack "$pack" --no-report \
    "${fallback[@]}" > "$out/$name.log" 2>&1 || {
    # one way failing (a pack too large for the memory, say) leaves the others to be measured
    printf '%s\t%s\t%s\n' "$name" "failed" "see $out/$name.log" | tee -a "$summary"
    failed=1
    return 0
  }
  local seconds=$((SECONDS - t0))
  # the sweep's 16 points x 2 epochs x TRAIN_LIMIT images, over the wall time of the run
  local rate=$((16 * 2 * ${TRAIN_LIMIT:-20000} / (seconds > 0 ? seconds : 1)))
  printf '%s\t%s\t%s\n' "$name" "$seconds" "$rate" | tee -a "$summary"
}
failed=0
pack="${PACK:-8}"
for w in ${WAYS:-one-task-per-gpu four-tasks-per-gpu packs}; do
  case "$w" in
    one-task-per-gpu) way one-task-per-gpu 1 1 "$GPUS" ;;
    four-tasks-per-gpu) way four-tasks-per-gpu 0.25 1 "$cores" ;;
    packs) way "packs-of-$pack" 1 "$pack" "$GPUS" ;;
    *) echo "deploy: unknown way '$w' in WAYS (one-task-per-gpu, four-tasks-per-gpu, packs)" >&2; exit 2 ;;
  esac
done
echo "figures: $out/bench.json, $summary"
exit "$failed"
