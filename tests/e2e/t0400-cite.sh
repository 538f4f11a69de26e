#!/bin/sh
# cite and search --format: citation styles a person can paste, accepted by
# pandoc's citeproc and bibtool; evidence filters and order; retractions
. tests/e2e/lib.sh
cat >"$T/papers.jsonl" <<'JSON'
{"id": "P1", "kind": "paper", "title": "Esketamine nasal spray for rapid reduction of suicidal ideation: a randomized controlled trial", "text": "Invented abstract. Esketamine lowered suicidal ideation at 24 hours.", "authors": ["Fictional AB", "Madeup C", "Ozturk-Å D"], "published": "2020-05-01", "container": "Journal of Invented Psychiatry", "doi": "10.5555/fix.rct", "pmid": "91000001", "pubtypes": ["Journal Article", "Randomized Controlled Trial"], "mesh": ["Ketamine*", "Suicidal Ideation"]}
{"id": "P2", "kind": "paper", "title": "Ketamine and esketamine for suicidal ideation: a systematic review & meta-analysis", "text": "Invented pooled analysis of esketamine and suicidal ideation {with braces} and 50% effects.", "authors": ["Zarate Q", "Nguyen T"], "published": "2022-02-03", "container": "Invented Reviews", "doi": "10.5555/fix.meta", "pmid": "91000002", "pubtypes": ["Journal Article", "Meta-Analysis"]}
{"id": "P3", "kind": "paper", "title": "Esketamine and suicidal ideation: a retracted meta-analysis", "text": "Invented retracted analysis of esketamine and suicidal ideation, esketamine again and again suicidal ideation.", "authors": ["Withdrawn W"], "published": "2021-01-01", "container": "Invented Reviews", "doi": "10.5555/fix.retracted", "pmid": "91000003", "pubtypes": ["Journal Article", "Meta-Analysis", "Retracted Publication"], "retracted": true}
{"id": "P4", "kind": "paper", "title": "Esketamine and suicidal ideation: a case report", "text": "One invented patient; esketamine; suicidal ideation resolved.", "authors": ["Single S"], "published": "2023-01-01", "container": "Invented Cases", "pubtypes": ["Case Reports"]}
{"id": "A1", "kind": "article", "title": "A clinic blog on esketamine and suicidal ideation", "text": "Our invented clinic writes about esketamine and suicidal ideation.", "url": "http://example.org/blog/esketamine", "container": "Example Clinic Blog", "published": "2024-03-03", "authors": ["Blogger B"]}
JSON
ev import "$T/papers.jsonl" 2>/dev/null
check "import the papers" test $? -eq 0

ev search "esketamine suicidal ideation" --format json >"$T/rel.json"
check "a retracted paper never ranks first" python3 -c "import json; r=[json.loads(l) for l in open('$T/rel.json')]; assert r[0]['ext_id']!='P3', r[0]; assert any(x['ext_id']=='P3' and x['retracted'] for x in r)"
ev search "esketamine suicidal ideation" >"$T/rel.txt"
check_grep "RETRACTED shown in text output" "RETRACTED" "$T/rel.txt"
ev search "esketamine suicidal ideation" --sort evidence --format json >"$T/ev.json"
check "--sort evidence: meta-analysis, RCT, case report, blog" python3 - "$T/ev.json" <<'PY'
import json, sys
ids = [json.loads(l)["ext_id"] for l in open(sys.argv[1])]
order = [i for i in ids if i != "P3"]
assert order == ["P2", "P1", "P4", "A1"], ids
PY
ev search "esketamine suicidal ideation" --evidence rct --format json >"$T/rct.json"
check "--evidence rct keeps RCTs and stronger" python3 -c "import json; ids=sorted(json.loads(l)['ext_id'] for l in open('$T/rct.json')); assert ids==['P1','P2','P3'], ids"
ev search "esketamine suicidal ideation" --evidence meta-analysis --format json >"$T/meta.json"
check "--evidence meta-analysis" python3 -c "import json; ids=sorted(json.loads(l)['ext_id'] for l in open('$T/meta.json')); assert ids==['P2','P3'], ids"
ev search 'mesh:"Suicidal Ideation"' --format json >"$T/mesh.json"
check "mesh: field search" python3 -c "import json; ids=[json.loads(l)['ext_id'] for l in open('$T/mesh.json')]; assert ids==['P1'], ids"

ids=$(python3 -c "import json; print(' '.join(str(json.loads(l)['id']) for l in open('$T/rel.json')))")
for f in apa vancouver bibtex ris csljson; do
	check "cite --format $f" sh -c "$EVIDEX_BIN --db $DB cite $ids --format $f >$T/cite.$f"
done
# pandoc tells bibliography formats by the file name's extension
cp "$T/cite.csljson" "$T/refs.json"
cp "$T/cite.bibtex" "$T/refs.bib"
check_grep "vancouver has the PMID" "PMID: 91000001" "$T/cite.vancouver"
check_grep "apa has the DOI link" "https://doi.org/10.5555/fix.rct" "$T/cite.apa"
check_grep "apa marks the retraction" "RETRACTED" "$T/cite.apa"
check "csljson is one JSON array" python3 -c "import json; a=json.load(open('$T/cite.csljson')); assert isinstance(a, list) and len(a)==5"
check "bibtex keys are unique" sh -c "test \$(grep -c '^@' $T/cite.bibtex) -eq \$(grep '^@' $T/cite.bibtex | sort -u | wc -l)"
check_grep "bibtex escapes &" 'review \\& meta' "$T/cite.bibtex"
check_grep "ris ends records" "^ER  -" "$T/cite.ris"
ev search "esketamine suicidal ideation" --format bibtex >"$T/search.bib"
check "search --format bibtex gives every result" test "$(grep -c '^@' "$T/search.bib")" -eq 5
check_status "cite of an unknown id fails" 1 ev cite 99999
check_status "cite with a bad format is a usage error" 2 ev cite 1 --format mla

if command -v pandoc >/dev/null 2>&1; then
	keys=$(python3 -c "import json; print('; '.join('@'+x['id'] for x in json.load(open('$T/cite.csljson'))))")
	printf -- '---\ntitle: test\n---\n\nEvidence [%s].\n' "$keys" >"$T/doc.md"
	pandoc --citeproc --bibliography="$T/refs.json" -t plain "$T/doc.md" -o "$T/out.txt" 2>"$T/pandoc.err"
	check "pandoc --citeproc renders evidex's CSL-JSON" test $? -eq 0
	check "no pandoc warnings for CSL-JSON" test ! -s "$T/pandoc.err"
	check_grep "the bibliography names an author" "Fictional" "$T/out.txt"
	bkeys=$(grep '^@' "$T/cite.bibtex" | sed 's/^@[a-z]*{\([^,]*\),.*/@\1/' | paste -sd';' -)
	printf -- 'Evidence [%s].\n' "$bkeys" >"$T/doc2.md"
	pandoc --citeproc --bibliography="$T/refs.bib" -t plain "$T/doc2.md" -o "$T/out2.txt" 2>"$T/pandoc2.err"
	check "pandoc --citeproc renders evidex's BibTeX" test $? -eq 0
	check "no pandoc warnings for BibTeX" test ! -s "$T/pandoc2.err"
else
	echo "# skip: pandoc is not installed (apt-get install pandoc)"
fi
if command -v bibtool >/dev/null 2>&1; then
	bibtool -q -- 'new.entry.type{online}' -i "$T/cite.bibtex" -o "$T/bt.bib" 2>"$T/bibtool.err"
	check "bibtool parses evidex's BibTeX" test ! -s "$T/bibtool.err"
else
	echo "# skip: bibtool is not installed (apt-get install bibtool)"
fi
done_testing
