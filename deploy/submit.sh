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
spark_submit --master "$master" --deploy-mode client --class analogsweep.driver.Main \
  --conf spark.executor.memory="${EXECUTOR_MEMORY:-2g}" \
  --conf spark.executor.memoryOverhead="${EXECUTOR_MEMORY_OVERHEAD:-1g}" \
  --conf spark.task.cpus="${TASK_CPUS:-1}" \
  --conf spark.speculation=false \
  --conf spark.executor.extraJavaOptions="$exec_opts" \
  --driver-java-options "-Dai.djl.offline=true -Djava.awt.headless=true" \
  ${SUBMIT_OPTS:-} "$APP_JAR" "$@"
