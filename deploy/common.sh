# Shared by the deploy scripts: paths, the JVM options Spark needs on Java 17, and the build of
# the application jar and of a Spark home assembled from the jars Maven resolves.
# shellcheck shell=bash
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="${ANALOGSWEEP_CLUSTER_DIR:-$ROOT/deploy/.cluster}"
APP_JAR="$ROOT/driver/target/analogsweep-dist.jar"
MASTER_HOST="${MASTER_HOST:-127.0.0.1}"
MASTER_PORT="${MASTER_PORT:-7077}"
MASTER_URL="spark://$MASTER_HOST:$MASTER_PORT"
JAVA_OPENS=(--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false
  -Dio.netty.tryReflectionSetAccessible=true)

# The application jar for spark-submit (worker, DJL, libtorch; no Spark), rebuilt when a source or
# pom is newer. ANALOGSWEEP_PROFILES=cuda builds it with the CUDA 12.4 libtorch instead.
build_app_jar() {
  if [ ! -f "$APP_JAR" ] || [ -n "$(find "$ROOT/pom.xml" "$ROOT/worker/pom.xml" "$ROOT/driver/pom.xml" \
      "$ROOT/worker/src/main" "$ROOT/driver/src/main" -newer "$APP_JAR" -type f | head -n 1)" ]; then
    echo "deploy: building $APP_JAR (mvn -Pdist install) ..." >&2
    local profiles="dist${ANALOGSWEEP_PROFILES:+,$ANALOGSWEEP_PROFILES}"
    mkdir -p "$STATE"
    (cd "$ROOT" && mvn -q -B -Dstyle.color=never -DskipTests -P"$profiles" install) \
      > "$STATE/build.log" 2>&1 || { cat "$STATE/build.log" >&2; exit 1; }
  fi
}

# SPARK_HOME: the one given, or deploy/.cluster/spark-home with jars/ linking to the Spark jars
# of the project's own Maven build (nothing downloaded but from Maven Central).
spark_home() {
  if [ -n "${SPARK_HOME:-}" ]; then
    [ -d "$SPARK_HOME/jars" ] || { echo "deploy: SPARK_HOME=$SPARK_HOME has no jars/" >&2; exit 1; }
    echo "$SPARK_HOME"
    return
  fi
  # one home per build profile (spark35 resolves other Spark jars)
  local home="${ANALOGSWEEP_SPARK_HOME:-$ROOT/deploy/.spark-home${ANALOGSWEEP_PROFILES:+-${ANALOGSWEEP_PROFILES//,/-}}}"
  # reassembled when the poms change (a new Spark version must not meet a home of the old one)
  local poms
  poms="$(cat "$ROOT/pom.xml" "$ROOT/driver/pom.xml" | cksum)"
  if [ ! -f "$home/jars/.complete" ] || [ "$(cat "$home/jars/.complete")" != "$poms" ]; then
    echo "deploy: assembling $home from the Maven-resolved Spark jars ..." >&2
    rm -rf "$home" && mkdir -p "$home/jars" "$home/conf"
    # compile in the same reactor, so that the driver's dependency on the worker resolves to the
    # worker's classes (nothing needs to be installed first); they are excluded from the list
    (cd "$ROOT" && mvn -q -B -Dstyle.color=never ${ANALOGSWEEP_PROFILES:+-P"$ANALOGSWEEP_PROFILES"} \
        compile dependency:build-classpath -pl driver -am \
        -Dmdep.includeScope=compile -Dmdep.outputFile="$home/classpath.txt" \
        -DexcludeGroupIds=ai.djl,ai.djl.pytorch,info.picocli,org.knowm.xchart,io.analogsweep,org.duckdb) \
      > "$home/build.log" 2>&1 || { cat "$home/build.log" >&2; exit 1; }
    tr ':' '\n' < "$home/classpath.txt" | while read -r jar; do
      case "$jar" in *.jar) [ -f "$jar" ] && ln -sf "$jar" "$home/jars/" ;; esac
    done
    cp "$ROOT/driver/src/main/resources/log4j2.properties" "$home/conf/"
    # the daemons' own registration and executor lines, for their logs and the scripts' checks
    # (a file of their own: drivers submitted here print only what their user can act on)
    cp "$ROOT/driver/src/main/resources/log4j2.properties" "$home/conf/log4j2-daemons.properties"
    printf 'logger.deploy.name = org.apache.spark.deploy\nlogger.deploy.level = info\n' \
      >> "$home/conf/log4j2-daemons.properties"
    # Spark's launcher treats a home with a RELEASE file as a binary distribution (jars/)
    echo "Spark assembled by analogsweep from Maven Central" > "$home/RELEASE"
    echo "$poms" > "$home/jars/.complete"
  fi
  echo "$home"
}

# spark-submit: $SPARK_HOME/bin/spark-submit where there is one, else SparkSubmit on the jars.
spark_submit() {
  local home
  home="$(spark_home)"
  if [ -x "$home/bin/spark-submit" ]; then
    "$home/bin/spark-submit" "$@"
  else
    java "${JAVA_OPENS[@]}" -Xmx2g -cp "$home/conf:$home/jars/*" org.apache.spark.deploy.SparkSubmit "$@"
  fi
}

# Daemons, drivers and executors of the local cluster bind their sockets and web UIs to this
# address (Spark's web UIs listen on SPARK_LOCAL_IP, else on every interface).
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-$MASTER_HOST}"

port_open() {
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}
