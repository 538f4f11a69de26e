#!/bin/sh
# PubMed sources: ESearch + EFetch against a loopback E-utilities emulation
# (tests/eutils_server.py): first and incremental runs, History server and
# POSTed id lists, 429, rate-limit and error bodies with paced retries, the
# request rate, and PubMed's 10,000-record limit (emulated as 5) split into
# date windows.
. tests/e2e/lib.sh
F=tests/fixtures/pubmed-e2e
REC="$T/records"
mkdir -p "$REC"
cp $F/records/*.xml "$REC/"
unset EVIDEX_EMAIL EVIDEX_NCBI_API_KEY EVIDEX_EUTILS_CAP EVIDEX_EUTILS_BATCH
TODAY=$(date -u +%Y/%m/%d)
export TODAY

LOG="$T/eutils.log"
python3 "$TOP/tests/eutils_server.py" --records "$REC" --port 0 --port-file "$T/port" \
	--log "$LOG" --timeout 120 2>"$T/server.err" &
SERVER_PID=$!
i=0
while [ ! -s "$T/port" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
if [ ! -s "$T/port" ]; then
	echo "Bail out! the E-utilities server did not start"; cat "$T/server.err"; exit 1
fi
CTL="http://127.0.0.1:$(cat "$T/port")"
BASE="$CTL/entrez/eutils"
: >"$LOG"
: >"$LOG.runs"

# mode QUERY: sets the server's modes (see tests/eutils_server.py)
mode() {
	python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1]).read()' "$CTL/__mode?$1"
}

# sql SQL: runs SQL on $DB (python3: the sqlite3 shell is not a dependency)
sql() {
	python3 -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
for r in c.execute(sys.argv[2]):
    print(*r)
c.commit()' "$DB" "$1"
}

# refresh NAME [ENV=VALUE...]: 'evidex refresh --force' on $DB, stdout in
# $T/NAME, stderr in $T/NAME.err; notes which logged requests it made
refresh() {
	name=$1; shift
	from=$(wc -l <"$LOG" | tr -d ' ')
	env "$@" "$EVIDEX_BIN" --db "$DB" refresh --force >"$T/$name" 2>"$T/$name.err"
	status=$?
	echo "$name $from $(wc -l <"$LOG" | tr -d ' ') $status" >>"$LOG.runs"
}

# add_today PMID: puts a record from $F/new on the server, entered today
add_today() {
	y=${TODAY%%/*} md=${TODAY#*/}
	sed "s#@EDAT@#<Year>$y</Year><Month>${md%/*}</Month><Day>${md#*/}</Day>#" \
		"$F/new/$1.xml" >"$REC/$1.xml"
}

# verify RUN <<'PY' ...: Python checks on the requests of refresh RUN
# ('reqs', 'es' and 'ef' for its esearch and efetch requests, each a dict
# from the server log), on the database ('db(SQL)': the first value) and
# on its output ('out', 'err'); check(DESC, COND, DETAIL) becomes one test
verify() {
	python3 -c '
import json, os, sqlite3, sys
name, dbpath, logpath, tmp = sys.argv[1:5]
rows = [json.loads(l) for l in open(logpath).read().splitlines()]
runs = {}
for l in open(logpath + ".runs"):
    n, a, b, st = l.split()
    runs[n] = (rows[int(a):int(b)], int(st))
reqs, status = runs.get(name, ([], -1))
es = [r for r in reqs if r["endpoint"] == "esearch"]
ef = [r for r in reqs if r["endpoint"] == "efetch"]
out = open(os.path.join(tmp, name)).read() if name in runs else ""
err = open(os.path.join(tmp, name + ".err")).read() if name in runs else ""
TODAY = os.environ["TODAY"]
def gaps(rs): return [round(b["t"] - a["t"], 3) for a, b in zip(rs, rs[1:])]
def db(sql, *args):
    c = sqlite3.connect(dbpath)
    r = c.execute(sql, args).fetchone()
    c.close()
    return r[0] if r else None
def show(r): return "%s %s %s -> %s %s" % (r["method"], r["path"], r["body"] or "", r["answer"], r.get("pmids") or "")
def check(desc, cond, detail=""):
    print("%s\t%s" % ("ok" if cond else "not ok", desc))
    if not cond:
        for l in str(detail).splitlines() + [show(r) for r in reqs]:
            print("#\t" + l)
exec(sys.stdin.read())
' "$1" "$DB" "$LOG" "$T" >"$T/.verify" 2>&1
	while IFS='	' read -r verdict desc; do
		case $verdict in
		ok) ok "$desc" ;;
		"not ok") not_ok "$desc" ;;
		*) echo "#   $desc" ;;
		esac
	done <"$T/.verify"
	grep -q '^\(ok\|not ok\)	' "$T/.verify" || { not_ok "verify $1 ran"; sed 's/^/#   /' "$T/.verify"; }
}

check "add the PubMed search as a source" \
	ev sources add "$BASE/esearch.fcgi?db=pubmed&term=ketamine+AND+depression"

# --- 1: first run: History server, no date limits, no EVIDEX_EMAIL
refresh r1
verify r1 <<'PY'
check("first refresh exits 0", status == 0, err)
check("first run: 12 new papers", out.startswith("refresh: 1 fetched, 0 unchanged, 0 failed; 12 new, 0 updated"), out)
check("email warning exactly once", err.count("set EVIDEX_EMAIL") == 1, err)
check("one esearch with usehistory=y and no dates", len(es) == 1 and es[0]["params"].get("usehistory") == "y"
      and not any(k in es[0]["params"] for k in ("mindate", "maxdate", "datetype")))
check("efetch from the History server, retmode=xml", ef and all(r["params"].get("WebEnv") and
      r["params"].get("query_key") and r["params"].get("retmode") == "xml" for r in ef))
check("tool=evidex on every request, no email without EVIDEX_EMAIL",
      all(r["params"].get("tool") == "evidex" and "email" not in r["params"] for r in reqs))
check("every record stored once", db("SELECT count(*) || '/' || count(DISTINCT pmid) FROM documents") == "12/12")
check("the state records the run's day", db("SELECT json_extract(state, '$.last_run') FROM sources") == TODAY,
      db("SELECT state FROM sources"))
PY
ev stats >"$T/stats1"
check_grep "stats: 12 papers" "paper *12" "$T/stats1"
id=$(sql "SELECT id FROM documents WHERE pmid = '99100003'")
ev show "$id" --format json >"$T/show3"
check_grep "show: PMID" '"pmid":"99100003"' "$T/show3"
check_grep "show: DOI" '"doi":"10.5555/evx.003"' "$T/show3"
check_grep "show: evidence level" '"evidence":"meta-analysis"' "$T/show3"
check_grep "show: MeSH, major topics starred" \
	'"mesh":\["Ketamine\*","Depressive Disorder, Treatment-Resistant\*","Meta-Analysis as Topic"\]' "$T/show3"
ev search "sparrow pooling" >"$T/search1" 2>&1
check_grep "search finds a PubMed abstract" "Sparrow pooling" "$T/search1"

# --- 2: incremental run, id lists POSTed (the server gives no WebEnv)
export EVIDEX_EMAIL=evidex-tests@example.invalid
add_today 99100013
mode "history=0"
refresh r2
verify r2 <<'PY'
import datetime
y, m, d = map(int, TODAY.split("/"))
yesterday = (datetime.date(y, m, d) - datetime.timedelta(days=1)).strftime("%Y/%m/%d")
check("second run: only the new record", out.startswith("refresh: 1 fetched, 0 unchanged, 0 failed; 1 new, 0 updated"), out)
check("no email warning with EVIDEX_EMAIL set", "EVIDEX_EMAIL" not in err, err)
p = es[0]["params"] if es else {}
check("asks for edat from the last run's day minus one to today",
      (p.get("datetype"), p.get("mindate"), p.get("maxdate")) == ("edat", yesterday, TODAY), p)
check("email on every request", all(r["params"].get("email") == "evidex-tests@example.invalid" for r in reqs))
check("POSTs the new id only: old records are not refetched", len(ef) == 1 and ef[0]["method"] == "POST"
      and ef[0]["params"].get("id") == "99100013" and "retmode=xml" in ef[0]["body"]
      and "tool=evidex" in ef[0]["body"])
check("13 documents, each once", db("SELECT count(*) || '/' || count(DISTINCT pmid) FROM documents") == "13/13")
PY

# --- 3: HTTP 429 on the first request: retried after Retry-After
mode "history=1&retry_after=1&esearch=429"
refresh r3
verify r3 <<'PY'
check("a 429 is retried and the run completes", out.startswith("refresh: 1 fetched, 0 unchanged, 0 failed"), out + err)
check("the retry waited for Retry-After (1 s)", [r["answer"] for r in es] == ["429", "ok"]
      and gaps(es)[0] >= 1.0, gaps(es))
PY

# --- 4: failures outlasting the retries fail the run and keep the state
sql "UPDATE sources SET state = '{\"last_run\":\"2024/06/10\"}'"
add_today 99100014
mode "efetch=ok,ratelimit,error,error,error"
refresh r4 EVIDEX_EUTILS_BATCH=1
verify r4 <<'PY'
check("a failed source does not fail the refresh", status == 0)
check("the run failed", out.startswith("refresh: 0 fetched, 0 unchanged, 1 failed; 0 new"), out)
check("the error is named", "gave up after 3 retries" in err, err)
check("the state was not advanced", db("SELECT state FROM sources") == '{"last_run":"2024/06/10"}',
      db("SELECT state FROM sources"))
check("the error is recorded on the source", "efetch" in (db("SELECT last_error FROM sources") or ""))
check("the batch stored before the failure stays", db("SELECT count(*) FROM documents WHERE pmid = '99100014'") == 1)
p = es[0]["params"] if es else {}
check("the window starts a day before the stored last run",
      (p.get("mindate"), p.get("maxdate")) == ("2024/06/09", TODAY), p)
check("a rate-limit body and error bodies are retried, 3 times at most",
      [r["answer"] for r in ef] == ["ok", "ratelimit", "error", "error", "error"])
check("each retry asks for the same batch", len({r["params"].get("retstart") for r in ef[1:]}) == 1)
g = gaps(ef)[1:]
print("#\tbackoff gaps between tries: %s s" % g)
check("retries back off 1 s, 2 s, 4 s", len(g) == 3 and g[0] >= 1.0 and g[1] >= 2.0 and g[2] >= 4.0, g)
PY

# --- 5: the next run asks for the same window again
refresh r5
verify r5 <<'PY'
check("the next run completes", out.startswith("refresh: 1 fetched, 0 unchanged, 0 failed"), out + err)
p = es[0]["params"] if es else {}
check("it asks again for the window of the failed run", (p.get("mindate"), p.get("maxdate")) == ("2024/06/09", TODAY), p)
check("and fetches its three records", sorted(i for r in ef for i in r["pmids"]) == ["99100012", "99100013", "99100014"])
check("now the state is advanced", db("SELECT json_extract(state, '$.last_run') FROM sources") == TODAY)
check("14 documents, each once", db("SELECT count(*) || '/' || count(DISTINCT pmid) FROM documents") == "14/14")
PY

# the rate, over the runs without an API key
verify all <<'PY'
g = []
for n in ("r1", "r2", "r3", "r4", "r5"):
    g += gaps(runs[n][0])
print("#\t%d gaps between requests in one run; smallest %.3f s" % (len(g), min(g)))
check("no two requests of a run closer than 334 ms (3 per second)", min(g) >= 0.334, g)
PY

# --- 6: more matches than the limit (emulated: 5): date windows; API key
DB="$T/capped.db"
ev sources add "$BASE/esearch.fcgi?db=pubmed&term=ketamine" >/dev/null
mode "cap=5"
refresh r6 EVIDEX_EUTILS_CAP=5 EVIDEX_NCBI_API_KEY=test-key
verify r6 <<'PY'
check("capped search: all 14 records, each new once", out.startswith("refresh: 1 fetched, 0 unchanged, 0 failed; 14 new, 0 updated"), out + err)
check("each record fetched once", sorted(i for r in ef for i in r["pmids"]) == ["991000%02d" % i for i in range(1, 15)])
count = {r.get("webenv"): r["count"] for r in es}
check("the search was split: only windows of at most 5 fetched", max(r["count"] for r in es) == 14
      and all(count.get(r["params"].get("WebEnv"), 99) <= 5 for r in ef))
check("windows are edat ranges", all(r["params"].get("datetype") == "edat" for r in es[1:]))
check("every record stored once", db("SELECT count(*) || '/' || count(DISTINCT pmid) FROM documents") == "14/14")
check("api_key on every request", all(r["params"].get("api_key") == "test-key" for r in reqs))
g = gaps(reqs)
print("#\t%d esearch and %d efetch requests; smallest gap with a key %.3f s" % (len(es), len(ef), min(g)))
check("with a key, no two requests closer than 100 ms (10 per second)", min(g) >= 0.100, g)
PY
done_testing
