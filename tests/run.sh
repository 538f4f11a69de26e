#!/bin/sh
# Runs every C unit test (tests/unit/test-*) and every end-to-end script
# (tests/e2e/t*.sh); each prints TAP. Ends with "N passed, N failed".
# EVIDEX_SHARED points at the shared data (default ../shared); tests that
# need it skip with a message when it is absent.
cd "$(dirname "$0")/.." || exit 2
: "${EVIDEX_SHARED:=../shared}"
export EVIDEX_SHARED
EVIDEX_BIN="$(pwd)/evidex"
export EVIDEX_BIN
mkdir -p tests/out
pass=0 fail=0 skipped=0 broken=""

run_one() {
	name=$1; shift
	log="tests/out/$(basename "$name").log"
	"$@" >"$log" 2>&1
	status=$?
	p=$(grep -c '^ok ' "$log" | tr -d ' ')
	s=$(grep -c '^ok .*# SKIP' "$log" | tr -d ' ')
	f=$(grep -c '^not ok ' "$log" | tr -d ' ')
	p=$((p - s))
	if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
		echo "not ok - $name exited $status" >>"$log"
	fi
	pass=$((pass + p)); fail=$((fail + f)); skipped=$((skipped + s))
	if [ "$f" -gt 0 ]; then
		broken="$broken $name"
		printf '%-44s %3d passed, %d FAILED\n' "$name" "$p" "$f"
		grep -E '^(not ok|#)' "$log" | head -40 | sed 's/^/    /'
	else
		printf '%-44s %3d passed%s\n' "$name" "$p" "$([ "$s" -gt 0 ] && echo ", $s skipped")"
	fi
	grep -h '^# skip:' "$log" | sed 's/^/    /'
}

for t in tests/unit/test-*; do
	case "$t" in *.c|*.d|*.o) continue ;; esac
	[ -x "$t" ] || continue
	run_one "$t" "./$t"
done
run_one tests/cite/check.sh sh tests/cite/check.sh
for t in tests/e2e/t*.sh; do
	[ -f "$t" ] || continue
	run_one "$t" sh "$t"
done

[ -n "$broken" ] && echo "failing:$broken"
echo "$pass passed, $fail failed, $skipped skipped"
[ "$fail" -eq 0 ]
