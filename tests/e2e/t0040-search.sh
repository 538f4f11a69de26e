#!/bin/sh
# search and show: ranking, snippets, filters, formats, hostile queries
. tests/e2e/lib.sh
F=tests/fixtures/e2e
ev import $F/docs.jsonl 2>/dev/null
cat >"$T/more.jsonl" <<'JSON'
{"id": "M1", "kind": "article", "title": "Blog: my esketamine story", "text": "I was afraid of the nasal spray. Suicidal ideation had followed me for years. Esketamine changed the first week.", "published": "2024-05-01"}
{"id": "M2", "kind": "paper", "title": "Ketamine and esketamine for depression: a meta-analysis", "pubtypes": ["Journal Article", "Meta-Analysis"], "text": "Pooled invented trials show esketamine lowers suicidal ideation in the first day.", "published": "2022-01-01"}
{"id": "M3", "kind": "episode", "title": "Episode 7: spray clinics", "text": "A conversation about esketamine and suicidal ideation in clinics.", "published": "2023-09-05", "container": "Fixture Show"}
JSON
ev import "$T/more.jsonl" 2>/dev/null

ev search "esketamine suicidal ideation" >"$T/text"
check_grep "text output numbers results" "^1\. " "$T/text"
check_grep "snippet marks matched words" '\*\*[Ee]sketamine\*\*' "$T/text"
check_grep "PMID shown" "PMID 90000001" "$T/text"
check_grep "DOI shown" "doi:10.5555/fixture.1" "$T/text"
ev search "esketamine suicidal ideation" --format json >"$T/json"
check "json lines parse, with every field" python3 - "$T/json" <<'PY'
import json, sys
need = "id ext_id rank score kind title authors container published url doi pmid snippet citation".split()
rows = [json.loads(l) for l in open(sys.argv[1])]
assert rows, "no rows"
for r in rows:
    missing = [k for k in need if k not in r]
    assert not missing, missing
PY
check "papers rank above the blog and the episode" python3 - "$T/json" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
ids = [r["ext_id"] for r in rows]
assert ids.index("M2") < ids.index("M1"), ids   # meta-analysis above the blog post
assert ids.index("M2") < ids.index("M3"), ids   # ... and above the podcast
PY
ev search "esketamine suicidal ideation" --sort evidence --format json >"$T/ev.json"
check "--sort evidence puts the meta-analysis first" python3 -c "import json; r=[json.loads(l) for l in open('$T/ev.json')]; assert r[0]['ext_id']=='M2', r[0]"
ev search "esketamine" --evidence meta-analysis --format json >"$T/meta.json"
check "--evidence meta-analysis keeps only it" python3 -c "import json; r=[json.loads(l) for l in open('$T/meta.json')]; assert [x['ext_id'] for x in r]==['M2'], r"
check_grep "absent values are null" '"doi":null' "$T/json"
ev search esketamine --kind episode --format json >"$T/ep"
check "--kind keeps episodes only" sh -c "test \$(grep -c . $T/ep) -eq 1 && grep -q '\"kind\":\"episode\"' $T/ep"
ev search esketamine --since 2023 --format json >"$T/since"
check_no_grep "--since drops older" '"ext_id":"M2"' "$T/since"
ev search esketamine --until 2022-06 --format json >"$T/until"
check_grep "--until keeps older" '"ext_id":"M2"' "$T/until"
check_no_grep "--until drops newer" '"ext_id":"M1"' "$T/until"
ev search esketamine -n 1 --format json >"$T/n1"
check "-n 1 gives one" test "$(grep -c . "$T/n1")" -eq 1
ev search esketamine -n 1 --offset 1 --format json >"$T/off"
check "--offset pages" sh -c "! cmp -s $T/n1 $T/off && grep -q '\"rank\":2' $T/off"
ev search 'esketamine -spray' --format json >"$T/not"
check_no_grep "-word excludes" '"ext_id":"M1"' "$T/not"
ev search '-spray esketamine' --format json >"$T/lead"
check_no_grep "a query may start with an excluded word" '"ext_id":"M1"' "$T/lead"
check_grep "... and still finds the rest" '"ext_id":"M2"' "$T/lead"
ev search '"nasal spray"' --format json >"$T/phrase"
check_grep "phrase search" '"ext_id":"M1"' "$T/phrase"
ev search 'esket*' --format json >"$T/prefix"
check_grep "prefix search" '"ext_id":"M2"' "$T/prefix"
ev search 'zinc OR recliners' --format json >"$T/or"
check "OR finds either" sh -c "grep -q D2 $T/or && grep -q D3 $T/or"

# hostile queries: never an FTS5 error, never a crash
for q in '"unbalanced' 'AND' 'OR OR' 'NEAR(' '*' '(((' ':' '-' '"' "'; DROP TABLE documents; --" 'title:' 'mesh:"' '^esketamine' 'a:b:c'; do
	ev search "$q" >"$T/h" 2>"$T/h.err"
	st=$?
	if [ $st -eq 0 ] && ! grep -qi "fts5\|syntax" "$T/h.err"; then ok "hostile query [$q]"; else not_ok "hostile query [$q] (exit $st)"; sed 's/^/#   /' "$T/h.err"; fi
done
head -c 10240 /dev/urandom | tr -d '\000' >"$T/garbage"
check "10 KB of garbage" sh -c "$EVIDEX_BIN --db $DB search \"\$(cat $T/garbage)\" >/dev/null 2>$T/g.err; test \$? -eq 0 && ! grep -qi fts5 $T/g.err"
check "documents table intact after injection attempt" sh -c "$EVIDEX_BIN --db $DB search zinc | grep -q Zinc"
ev search 'xylophone' >"$T/none" 2>"$T/none.err"
check_status "no match exits 0" 0 ev search xylophone
check_grep "no match says so" "no results" "$T/none.err"
check_status "punctuation only exits 0" 0 ev search '?!.,;'

# synonyms: the words of an abbreviation find it, and the other way round
printf '%s\n' '{"id": "S1", "title": "Outcomes in TRD clinics", "text": "An invented audit of TRD patients given infusions."}' \
	'{"id": "S2", "title": "Another audit", "text": "Invented notes on treatment-resistant depression in a day unit."}' | ev import - 2>/dev/null
ev search 'treatment resistant depression' --format json >"$T/syn1"
check_grep "unquoted words find the abbreviation" '"ext_id":"S1"' "$T/syn1"
check_grep "and the words themselves" '"ext_id":"S2"' "$T/syn1"
ev search 'TRD' --format json >"$T/syn2"
check_grep "the abbreviation finds the words" '"ext_id":"S2"' "$T/syn2"
mkdir -p "$XDG_CONFIG_HOME/evidex"
echo 'audit = chart review' >"$XDG_CONFIG_HOME/evidex/synonyms"
printf '%s\n' '{"id": "S3", "title": "A chart review", "text": "Invented."}' | ev import - 2>/dev/null
ev search 'audit' --format json >"$T/syn3"
check_grep "the user's synonyms file extends the table" '"ext_id":"S3"' "$T/syn3"

# batch mode
printf 'zinc\nrecliners\n' | ev search - --format json >"$T/batch"
check_grep "batch answers first" '"query":"zinc"' "$T/batch"
check_grep "batch answers second" '"query":"recliners"' "$T/batch"

# show
id=$(grep '"ext_id":"D1"' "$T/json" | python3 -c "import json,sys; print(json.loads(sys.stdin.readline())['id'])")
ev show "$id" >"$T/show"
check_grep "show prints the title" "Esketamine for suicidal ideation" "$T/show"
check_grep "show prints the passage" "Intranasal esketamine reduced" "$T/show"
ev show "$id" --format json >"$T/show.json"
check "show json parses" python3 -c "import json; d=json.load(open('$T/show.json')); assert d['pmid']=='90000001' and d['passages']"
check_status "show unknown id fails" 1 ev show 999999
check_status "show non-number is a usage error" 2 ev show abc
check_status "bad --kind is a usage error" 2 ev search x --kind video
check_status "bad --sort is a usage error" 2 ev search x --sort random
ev stats >"$T/stats"
check_grep "stats counts kinds" "paper" "$T/stats"
check "search --help" ev search --help
done_testing
