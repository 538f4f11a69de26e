#!/bin/sh
# refresh against a loopback server: conditional GET, updates, bad feeds
. tests/e2e/lib.sh
F=tests/fixtures/e2e
mkdir -p "$T/www"
cp $F/feed.xml $F/atom.xml $F/notafeed.html $F/broken.xml "$T/www/"
cat >"$T/routes.json" <<JSON
{"/gone.xml": {"status": 410},
 "/old.xml": {"status": 301, "redirect": "/atom.xml"},
 "/busy.xml": {"status": 429, "headers": {"Retry-After": "120"}}}
JSON
start_server "$T/www" "$T/routes.json"

check "add feed" ev sources add "$BASE/feed.xml"
check "add atom via a permanent redirect" ev sources add "$BASE/old.xml"
ev refresh >"$T/r1" 2>"$T/r1.err"
check_status "refresh exits 0" 0 test $? -eq 0
check_grep "one summary line" "^refresh: 2 fetched, 0 unchanged, 0 failed; 4 new, 0 updated documents" "$T/r1"
ev sources list >"$T/l1"
check_grep "301 updated the stored URL" "$BASE/atom.xml" "$T/l1"
check_grep "an untitled source takes its feed's title" "Fixture Psychiatry Notes" "$T/l1"
ev search "suicidal ideation" >"$T/s1"
check_grep "search finds the feed's full content" "Esketamine spray and suicidal thoughts" "$T/s1"
ev search "electroconvulsive" --format json >"$T/s2"
check_grep "atom entry with resolved xml:base link" "http://example.com/journal/articles/a1" "$T/s2"

check "second refresh (forced)" sh -c "$EVIDEX_BIN --db $DB refresh --force >$T/r2"
check_grep "second refresh: all unchanged" "^refresh: 0 fetched, 2 unchanged, 0 failed" "$T/r2"
check_grep "If-None-Match was sent" '"path": "/feed.xml".*"if_none_match": "\\"' "$LOG"
check_grep "server answered 304" '"path": "/feed.xml".*"status": 304' "$LOG"

check "refresh without --force visits nothing due" sh -c "$EVIDEX_BIN --db $DB refresh >$T/r3"
check_grep "nothing due" "^refresh: 0 fetched, 0 unchanged, 0 failed" "$T/r3"

cp $F/feed2.xml "$T/www/feed.xml"
ev refresh --force >"$T/r4"
check_grep "changed feed: 1 new, 1 updated" "1 new, 1 updated" "$T/r4"

# bad inputs never lose what is there
ev sources add "$BASE/broken.xml" >/dev/null
ev sources add "$BASE/notafeed.html" >/dev/null
ev sources add "$BASE/gone.xml" >/dev/null
ev sources add "$BASE/busy.xml" >/dev/null
ev sources add "http://127.0.0.1:1/refused.xml" >/dev/null
before=$(ev stats | grep -c .)
ev refresh --force >"$T/r5" 2>"$T/r5.err"
check_status "refresh with failing sources still exits 0" 0 test $? -eq 0
check_grep "failures counted" "4 failed" "$T/r5"
check_grep "gone counted" "1 gone" "$T/r5"
check_grep "malformed feed named" "broken.xml" "$T/r5.err"
check_grep "non-feed named" "notafeed.html" "$T/r5.err"
ev sources list >"$T/l5"
check_grep "410 retires the source" "gone.xml" "$T/l5"
ev search "zebrafish" >"$T/s5"
check_grep "documents survive failing sources" "Zebrafish" "$T/s5"
ev sources list --format json >"$T/l5.json"
check_grep "error recorded on the source" '"last_error":"HTTP 429' "$T/l5.json"

# cron runs with -q: silent when all is well, but failures still speak
"$EVIDEX_BIN" -q --db "$DB" refresh --force >"$T/q.out" 2>"$T/q.err"
check_grep "-q still names a failing source" "busy.xml: HTTP 429" "$T/q.err"
check_grep "-q still prints the summary when something failed" "^refresh: .* failed" "$T/q.out"
"$EVIDEX_BIN" --db "$T/quiet.db" sources add "$BASE/atom.xml" >/dev/null
"$EVIDEX_BIN" -q --db "$T/quiet.db" refresh >"$T/q2.out" 2>"$T/q2.err"
check "-q with nothing failing prints nothing" sh -c "test ! -s $T/q2.out && test ! -s $T/q2.err"

# a second refresh while one runs is refused
python3 - "$DB.lock" <<'PY' &
import fcntl, sys, time
f = open(sys.argv[1], "w"); fcntl.flock(f, fcntl.LOCK_EX); time.sleep(3)
PY
holder=$!
sleep 0.5
check_status "overlapping refresh is refused" 1 ev refresh
wait $holder
check "refresh --help" ev refresh --help
done_testing
