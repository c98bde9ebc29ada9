#!/usr/bin/env bash
# Stops the master, the workers and their executors started by deploy/start-cluster.sh.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
stopped=0
for pidfile in "$STATE"/pids/*.pid; do
  [ -f "$pidfile" ] || continue
  pid="$(cat "$pidfile")"
  # each daemon leads its own process group, which holds the executors a worker started
  kill -TERM -- "-$pid" 2>/dev/null && stopped=$((stopped + 1)) || true
  rm -f "$pidfile"
done
sleep 1
pkill -KILL -f "$STATE/work/" 2>/dev/null || true
echo "deploy: stopped $stopped process group(s)"
