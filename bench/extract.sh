#!/bin/sh
# Extraction throughput beside libxml2's bare parse, on the benchmark pages.
# Usage: bench/extract.sh [ROUNDS]   (from the repository root)
set -eu
shared=${EVIDEX_SHARED:-../shared}
src=$shared/data/extraction/dev/html
if [ ! -d "$src" ]; then
	echo "# skip: no extraction pages in $src"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
for f in "$src"/*.html.gz; do
	gunzip -c "$f" > "$tmp/$(basename "$f" .gz)"
done
[ -x bench/bench-extract ] || make -s bench/bench-extract
bench/bench-extract "$tmp" "${1:-5}"
