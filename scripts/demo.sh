#!/bin/sh
# make demo: serve the bundled sample corpus (invented sample data) on
# 127.0.0.1, add its feeds to a fresh database, refresh, and search.
set -eu
cd "$(dirname "$0")/.."
BIN=$(pwd)/evidex
T=$(mktemp -d "${TMPDIR:-/tmp}/evidex-demo.XXXXXX")
SERVER_PID=
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; rm -rf "$T"; }
trap cleanup EXIT INT TERM

cp -R feeds/sample "$T/www"
python3 tests/server.py --root "$T/www" --port 0 --port-file "$T/port" --timeout 600 2>"$T/server.err" &
SERVER_PID=$!
i=0
while [ ! -s "$T/port" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
[ -s "$T/port" ] || { cat "$T/server.err"; echo "demo: the local server did not start" >&2; exit 1; }
BASE="http://127.0.0.1:$(cat "$T/port")"
find "$T/www" -type f -exec sed -i "s#http://sample.invalid#$BASE#g" {} +

DB="$T/demo.db"
# shows each command as it can be pasted, then runs it
ev() {
	printf '$ evidex'
	for a in "$@"; do
		case "$a" in *[\ \"]*) printf " '%s'" "$a" ;; *) printf ' %s' "$a" ;; esac
	done
	echo
	"$BIN" --db "$DB" "$@"
	echo
}
# NCBI asks for a contact address with every E-utilities request; the demo's
# PubMed answers come from the local server, so a placeholder will do
EVIDEX_EMAIL=${EVIDEX_EMAIL:-demo@example.org}
export EVIDEX_EMAIL

echo "== evidex demo: an invented sample corpus served on $BASE =="
echo
ev sources import "$T/www/sample.opml"
ev sources list
ev refresh
ev stats
ev search "esketamine suicidal ideation" -n 5
ev search "esketamine suicidal ideation" --evidence rct --sort evidence -n 3
ev search "ketamine maintenance infusions" -n 3
ev search "dissociation side effects" -n 3 --format json
echo "(the database was $DB; it is removed now. See README.md for real use.)"
