#!/bin/sh
# A refresh killed in the middle (cron's timeout, a reboot) leaves a
# database that opens, passes SQLite's integrity checks, keeps what it
# had, and a next refresh completes.
. tests/e2e/lib.sh
F=tests/fixtures/e2e
mkdir -p "$T/www"
cp $F/feed.xml $F/atom.xml "$T/www/"
for i in 1 2 3 4 5 6; do cp $F/feed2.xml "$T/www/slow$i.xml"; done
cat >"$T/routes.json" <<JSON
{"/slow1.xml": {"delay": 1.5, "file": "slow1.xml"}, "/slow2.xml": {"delay": 1.5, "file": "slow2.xml"},
 "/slow3.xml": {"delay": 1.5, "file": "slow3.xml"}, "/slow4.xml": {"delay": 1.5, "file": "slow4.xml"},
 "/slow5.xml": {"delay": 1.5, "file": "slow5.xml"}, "/slow6.xml": {"delay": 1.5, "file": "slow6.xml"}}
JSON
start_server "$T/www" "$T/routes.json"
ev sources add "$BASE/feed.xml" >/dev/null
ev sources add "$BASE/atom.xml" >/dev/null
ev refresh >/dev/null 2>&1
check "a first refresh fills the index" sh -c "$EVIDEX_BIN --db $DB search zebrafish >/dev/null; $EVIDEX_BIN --db $DB search electroconvulsive | grep -q pooled"
for i in 1 2 3 4 5 6; do ev sources add "$BASE/slow$i.xml" >/dev/null; done

# kill -9 while the slow feeds are being fetched and stored
"$EVIDEX_BIN" --db "$DB" refresh --force >/dev/null 2>&1 &
pid=$!
sleep 2.5
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
check "the database passes integrity checks" python3 - "$DB" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
db.execute("insert into doc_fts(doc_fts) values ('integrity-check')")
db.execute("insert into passage_fts(passage_fts) values ('integrity-check')")
PY
check "what was there is still there" sh -c "$EVIDEX_BIN --db $DB search electroconvulsive | grep -q pooled"
check "the lock was released with the process" sh -c "$EVIDEX_BIN --db $DB refresh >$T/after 2>&1"
check_grep "the next refresh completes" "^refresh: " "$T/after"
ev sources list --format json >"$T/sources.json"
check "every source was visited in the end" python3 -c "import json; r=[json.loads(l) for l in open('$T/sources.json')]; assert len(r)==8 and all(x['last_ok'] for x in r), r"
check "stats works after a kill" ev stats
done_testing
