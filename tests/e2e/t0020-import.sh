#!/bin/sh
# import: JSON Lines in, bad lines reported by number, re-import updates
. tests/e2e/lib.sh
F=tests/fixtures/e2e

check_status "import with bad lines exits 1" 1 ev import $F/docs.jsonl
ev import $F/docs.jsonl 2>"$T/err"
check_grep "line 4 reported" "docs.jsonl:4:" "$T/err"
check_grep "line 5 reported" "docs.jsonl:5:" "$T/err"
check_grep "line 6 reported (bad kind)" "docs.jsonl:6:" "$T/err"
check_grep "second import changes nothing" "0 new, 0 updated, 3 unchanged" "$T/err"
ev search "esketamine" --format json >"$T/s.json"
check_grep "good lines landed" '"ext_id":"D1"' "$T/s.json"
check "one result per document" test "$(grep -c '"ext_id":"D1"' "$T/s.json")" -eq 1
# the same id with new text updates the row
printf '{"id": "D1", "kind": "paper", "title": "Esketamine for suicidal ideation in major depression", "text": "A revised invented abstract mentioning psilocybin."}\n' | ev import - 2>"$T/err2"
check_grep "re-import updates" "0 new, 1 updated" "$T/err2"
ev search psilocybin --format json >"$T/s2.json"
check_grep "updated text is searchable" '"ext_id":"D1"' "$T/s2.json"
ev search "placebo" --format json >"$T/s3.json"
check_no_grep "old text is gone from the index" '"ext_id":"D1"' "$T/s3.json"
check "import from stdin" sh -c "printf '%s\n' '{\"title\": \"Stdin doc about ketamine\", \"text\": \"Body\"}' | $EVIDEX_BIN --db $DB import -"
check_status "missing file" 1 ev import "$T/none.jsonl"
check_status "no argument is a usage error" 2 ev import
done_testing
