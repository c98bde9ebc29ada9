#!/usr/bin/env bash
# spark-submits the analogsweep driver (client mode) to a master, default the local cluster.
#   deploy/submit.sh run sweeps/quickstart.yaml --out results/quickstart-cluster
#   MASTER=yarn deploy/submit.sh run ...            (any master URL spark-submit accepts)
# Extra spark-submit settings go in SUBMIT_OPTS, for example
#   SUBMIT_OPTS="--conf spark.executor.memory=6g --conf spark.task.cpus=2"
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
build_app_jar
master="${MASTER:-$MASTER_URL}"
# shellcheck disable=SC2086
exec_opts="-Dai.djl.offline=true ${EXECUTOR_JAVA_OPTS:-}"
terminal=false
[ -t 2 ] && terminal=true
# The driver's web UI: read-only (spark.ui.killEnabled=false); on the local cluster it listens
# on 127.0.0.1 like everything else (SPARK_LOCAL_IP, common.sh); SPARK_UI=false turns it off.
if [ "$master" != "$MASTER_URL" ] && [ "${SPARK_LOCAL_IP:-}" = "$MASTER_HOST" ] && [ "$MASTER_HOST" = 127.0.0.1 ]; then
  unset SPARK_LOCAL_IP  # a remote master's executors must reach this driver
fi
spark_submit --master "$master" --deploy-mode client --class analogsweep.driver.Main \
  --conf spark.ui.enabled="${SPARK_UI:-true}" --conf spark.ui.killEnabled=false \
  --conf spark.ui.showConsoleProgress=false \
  --conf spark.executor.memory="${EXECUTOR_MEMORY:-2g}" \
  --conf spark.executor.memoryOverhead="${EXECUTOR_MEMORY_OVERHEAD:-1g}" \
  --conf spark.task.cpus="${TASK_CPUS:-1}" \
  --conf spark.speculation=false \
  --conf spark.executor.extraJavaOptions="$exec_opts" \
  --driver-java-options "-Dai.djl.offline=true -Djava.awt.headless=true -Danalogsweep.terminal=$terminal" \
  ${SUBMIT_OPTS:-} "$APP_JAR" "$@"
