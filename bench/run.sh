#!/bin/sh
# make bench: each figure is a ratio to a baseline measured in the same
# run on the same machine, never an absolute time.
cd "$(dirname "$0")/.." || exit 1
echo "== extraction throughput vs libxml2's bare HTML parse =="
sh bench/extract.sh "${BENCH_ROUNDS:-5}"
echo
echo "== import and search vs a bare SQLite FTS5 table =="
docs=${EVIDEX_SHARED:-../shared}/data/ir-med
if [ -f "$docs/docs.jsonl" ]; then
	[ -x bench/bench-search ] || make -s bench/bench-search
	bench/bench-search "$docs/docs.jsonl" "$docs/queries-dev.tsv" "${BENCH_ROUNDS:-20}"
else
	echo "# skip: no test collection in $docs"
fi
