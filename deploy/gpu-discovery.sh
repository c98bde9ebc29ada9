#!/usr/bin/env bash
# Spark resource discovery for NVIDIA GPUs: prints {"name":"gpu","addresses":["0","1",...]}.
# Point spark.worker.resource.gpu.discoveryScript (standalone) or
# spark.executor.resource.gpu.discoveryScript (YARN, Kubernetes) at this file.
set -euo pipefail
addresses=$(nvidia-smi --query-gpu=index --format=csv,noheader | sed 's/ //g' | paste -sd, - | sed 's/,/","/g')
echo "{\"name\": \"gpu\", \"addresses\": [\"$addresses\"]}"
