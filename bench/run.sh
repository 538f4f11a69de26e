#!/bin/sh
# make bench: each figure is a ratio to a baseline measured in the same
# run on the same machine, never an absolute time.
cd "$(dirname "$0")/.." || exit 1
echo "== extraction throughput vs libxml2's bare HTML parse =="
sh bench/extract.sh "${BENCH_ROUNDS:-5}"
