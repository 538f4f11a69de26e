# Shared by the end-to-end tests: TAP output, a scratch directory, the
# loopback server, and 'ev' to run the real binary on a scratch database.
# Each test is run from the repo root as: sh tests/e2e/tNNNN-name.sh
set -u
: "${EVIDEX_BIN:=$(pwd)/evidex}"
: "${EVIDEX_SHARED:=../shared}"
TOP=$(pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/evidex-e2e.XXXXXX")
export XDG_DATA_HOME="$T/data" XDG_CONFIG_HOME="$T/config" HOME="$T"
unset EVIDEX_DB
DB="$T/evidex.db"
n=0
failed=0
SERVER_PID=

cleanup() {
	[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT INT TERM

ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; }

# check DESC CMD...: passes when CMD exits 0
check() {
	desc=$1; shift
	if "$@" >"$T/.out" 2>&1; then ok "$desc"; else not_ok "$desc"; sed 's/^/#   /' "$T/.out" | head -20; fi
}

# check_fails DESC STATUS CMD...: passes when CMD exits with STATUS
check_status() {
	desc=$1 want=$2; shift 2
	"$@" >"$T/.out" 2>&1
	got=$?
	if [ "$got" -eq "$want" ]; then ok "$desc"; else not_ok "$desc (exit $got, want $want)"; sed 's/^/#   /' "$T/.out" | head -20; fi
}

# check_grep DESC PATTERN FILE: passes when FILE has a line matching PATTERN
check_grep() {
	if grep -q -e "$2" "$3"; then ok "$1"; else not_ok "$1"; echo "#   no '$2' in:"; sed 's/^/#   /' "$3" | head -20; fi
}

check_no_grep() {
	if grep -q -e "$2" "$3"; then not_ok "$1"; echo "#   unexpected '$2' in:"; grep -e "$2" "$3" | sed 's/^/#   /' | head -10; else ok "$1"; fi
}

# ev ARGS...: the real binary on the scratch database
ev() { "$EVIDEX_BIN" --db "$DB" "$@"; }

# start_server ROOT [ROUTES.json]: serves ROOT on 127.0.0.1; sets BASE and LOG
start_server() {
	LOG="$T/server.log"
	rm -f "$T/port"
	set -- --root "$1" --port 0 --port-file "$T/port" --log "$LOG" --timeout 300 ${2:+--routes "$2"}
	python3 "$TOP/tests/server.py" "$@" 2>"$T/server.err" &
	SERVER_PID=$!
	i=0
	while [ ! -s "$T/port" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
	if [ ! -s "$T/port" ]; then
		echo "Bail out! the test server did not start"; cat "$T/server.err"; exit 1
	fi
	PORT=$(cat "$T/port")
	BASE="http://127.0.0.1:$PORT"
}

# serve_sample DIR: copies feeds/sample to DIR with the sample host
# replaced by the server's address (call after start_server on DIR)
rewrite_host() {
	find "$1" -type f \( -name '*.xml' -o -name '*.atom' -o -name '*.rdf' -o -name '*.opml' -o -name '*.html' -o -name '*.json' \) \
		-exec sed -i "s#http://sample.invalid#$BASE#g" {} +
}

# requests PATH-PATTERN: how many logged requests match
requests() { grep -c -e "$1" "$LOG" 2>/dev/null || true; }

done_testing() {
	echo "1..$n"
	[ "$failed" -eq 0 ]
}
