#!/usr/bin/env bash
# Resident memory of an embedded-Spark run from one training to the next: runs SWEEP into a new
# folder OUT on local[1] (one training at a time, one executor JVM), samples the JVM's resident
# set every 2 s and prints it at each stored task, then the peak (VmHWM). Usage:
#   scripts/memory_between_tasks.sh SWEEP OUT [LAUNCHER]
# e.g. scripts/memory_between_tasks.sh sweeps/memory-vgg-a.yaml /tmp/mem-new
# LAUNCHER (default ./analogsweep) lets another build run the same sweep side by side.
set -euo pipefail
sweep=$1 out=$2 launcher=${3:-./analogsweep}
[ -e "$out" ] && { echo "memory_between_tasks: $out exists; give a new folder" >&2; exit 2; }
log=$(mktemp)
"$launcher" run "$sweep" --out "$out" --master 'local[1]' > "$log" 2>&1 &
run=$!
pid="" peak=0 last=-1
while kill -0 "$run" 2>/dev/null; do
  # the launcher execs java (a build's first run may run mvn before)
  [ -z "$pid" ] && [ "$(cat "/proc/$run/comm" 2>/dev/null)" = java ] && pid=$run
  if [ -n "$pid" ] && [ -r "/proc/$pid/status" ]; then
    hwm=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
    rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
    [ "${hwm:-0}" -gt "$peak" ] && peak=$hwm
    done_=$(grep -o '[0-9]*/[0-9]* done' "$log" | tail -1 | cut -d/ -f1 || true)
    if [ -n "$done_" ] && [ "$done_" != "$last" ]; then
      printf 'tasks stored %3s  resident %6.2f GB  peak so far %6.2f GB\n' "$done_" \
        "$(echo "$rss / 1048576" | bc -l)" "$(echo "$peak / 1048576" | bc -l)"
      last=$done_
    fi
  fi
  sleep 2
done
wait "$run" || { echo "memory_between_tasks: the run failed, see $log" >&2; exit 1; }
printf 'peak resident (VmHWM) %.2f GB\n' "$(echo "$peak / 1048576" | bc -l)"
