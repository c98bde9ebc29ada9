#!/usr/bin/env bash
# Starts a Spark standalone master and N workers on this machine as separate JVM processes.
#   deploy/start-cluster.sh [WORKERS=2] [CORES_PER_WORKER=1] [MEMORY_PER_WORKER=4g]
# Environment: SPARK_HOME (use an installed Spark instead of the Maven-resolved jars),
# MASTER_HOST/MASTER_PORT (127.0.0.1:7077), GPUS_PER_WORKER and GPU_DISCOVERY_SCRIPT (announce
# GPUs to Spark, see deploy/README.md), ANALOGSWEEP_CLUSTER_DIR (state, logs: deploy/.cluster),
# SPARK_LOCAL_IP (where daemons and web UIs listen: MASTER_HOST, 127.0.0.1 by default).
# Builds what it needs from a clean checkout (the Spark home and the application jar).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
workers="${1:-2}"
cores="${2:-1}"
memory="${3:-4g}"
home="$(spark_home)"
build_app_jar
mkdir -p "$STATE/logs" "$STATE/pids" "$STATE/work"

if [ -f "$STATE/pids/master.pid" ] && kill -0 "$(cat "$STATE/pids/master.pid")" 2>/dev/null; then
  echo "deploy: a cluster is already running (deploy/stop-cluster.sh stops it)" >&2
  exit 1
fi
# The web UIs: read-only (no kill links) unless asked; the REST submission server stays off.
printf 'spark.ui.killEnabled %s\nspark.master.rest.enabled false\n' "${UI_KILL_ENABLED:-false}" \
  > "$STATE/master.conf"
if port_open "$MASTER_HOST" "$MASTER_PORT"; then
  echo "deploy: port $MASTER_PORT on $MASTER_HOST is taken by another process" >&2
  exit 1
fi

daemon() {  # name, then the java main class and its arguments; own process group for stop
  local name="$1"; shift
  SPARK_HOME="$home" SPARK_SCALA_VERSION=2.13 SPARK_LOG_DIR="$STATE/logs" setsid java "${JAVA_OPENS[@]}" -Xmx1g \
    -Dlog4j2.configurationFile="$home/conf/log4j2-daemons.properties" \
    -cp "$home/conf:$home/jars/*" "$@" > "$STATE/logs/$name.log" 2>&1 < /dev/null &
  echo $! > "$STATE/pids/$name.pid"
}

daemon master org.apache.spark.deploy.master.Master --host "$MASTER_HOST" --port "$MASTER_PORT" \
  --webui-port "${MASTER_WEBUI_PORT:-8080}" --properties-file "$STATE/master.conf"
for _ in $(seq 1 60); do port_open "$MASTER_HOST" "$MASTER_PORT" && break; sleep 0.5; done
port_open "$MASTER_HOST" "$MASTER_PORT" || { echo "deploy: master did not start, see $STATE/logs/master.log" >&2; exit 1; }

props="$STATE/worker.conf"
printf 'spark.ui.killEnabled %s\n' "${UI_KILL_ENABLED:-false}" > "$props"
if [ -n "${GPUS_PER_WORKER:-}" ]; then
  script="${GPU_DISCOVERY_SCRIPT:-$ROOT/deploy/gpu-discovery.sh}"
  echo "spark.worker.resource.gpu.amount $GPUS_PER_WORKER" >> "$props"
  echo "spark.worker.resource.gpu.discoveryScript $script" >> "$props"
fi
for i in $(seq 1 "$workers"); do
  mkdir -p "$STATE/work/worker-$i"
  daemon "worker-$i" org.apache.spark.deploy.worker.Worker "$MASTER_URL" --host "$MASTER_HOST" \
    --cores "$cores" --memory "$memory" --work-dir "$STATE/work/worker-$i" --webui-port 0 \
    --properties-file "$props"
done
# Wait until every worker has registered with the master.
for _ in $(seq 1 120); do
  registered=$(grep -c "Registering worker" "$STATE/logs/master.log" 2>/dev/null || true)
  [ "$registered" -ge "$workers" ] && break
  sleep 0.5
done
[ "${registered:-0}" -ge "$workers" ] || { echo "deploy: only ${registered:-0} of $workers workers registered, see $STATE/logs" >&2; exit 1; }
echo "deploy: master $MASTER_URL with $workers worker(s) of $cores core(s) and $memory; logs in $STATE/logs"
