#!/bin/sh
# sources: add, list, remove, OPML import and export round trip, bad input
. tests/e2e/lib.sh
F=tests/fixtures/e2e

check "add a feed" ev sources add http://example.org/feed.xml --title "Example" --every 2h
ev sources list >"$T/list"
check_grep "list shows it" "http://example.org/feed.xml" "$T/list"
ev sources list --format json >"$T/list.json"
check "list --format json is JSON" python3 -c "import json,sys; [json.loads(l) for l in open('$T/list.json')]"
check_grep "json has every_s 7200" '"every_s":7200' "$T/list.json"
check "add again updates, no duplicate" ev sources add http://example.org/feed.xml --title "Renamed"
ev sources list --format json >"$T/keep.json"
check_grep "adding again without --every keeps the interval" '"every_s":7200' "$T/keep.json"
check "still one source" test "$(ev sources list | wc -l)" -eq 1
check_grep "renamed" "Renamed" "$(ev sources list >"$T/l2"; echo "$T/l2")"
check_status "a bad URL fails" 1 ev sources add "ftp://example.org/x"
check_status "a bad duration is a usage error" 2 ev sources add http://example.org/y --every soon
check "add --pubmed builds an ESearch URL" ev sources add --pubmed 'ketamine AND "depression"'
ev sources list >"$T/l3"
check_grep "pubmed source kind" "pubmed.*esearch.fcgi?db=pubmed&term=ketamine+AND+%22depression%22" "$T/l3"

check "import OPML" ev sources import $F/sources.opml
ev sources list >"$T/l4"
check_grep "imported nested outline" "http://example.org/one.xml" "$T/l4"
check_grep "imported escaped URL" "two.xml?x=1&y=2" "$T/l4"
check_no_grep "skipped non-http URL" "ftp://" "$T/l4"
ev sources export >"$T/out.opml"
check "export is well-formed XML" python3 -c "import xml.dom.minidom; xml.dom.minidom.parse('$T/out.opml')"
check_grep "export escapes &" 'x=1&amp;y=2' "$T/out.opml"
# round trip: a fresh database importing the export has the same URLs
check "re-import export" "$EVIDEX_BIN" --db "$T/second.db" sources import "$T/out.opml"
ev sources list | cut -f3 | sort >"$T/a"
"$EVIDEX_BIN" --db "$T/second.db" sources list | cut -f3 | sort >"$T/b"
check "round trip keeps every URL" cmp "$T/a" "$T/b"

check "remove by URL" ev sources remove http://example.org/one.xml
check_status "remove unknown fails" 1 ev sources remove http://example.org/none.xml
id=$(ev sources list | head -1 | cut -f1)
check "remove by id" ev sources remove "$id"
check_status "import of a missing file fails" 1 ev sources import "$T/nope.opml"
printf 'not xml at all' >"$T/bad.opml"
check_status "import of garbage fails" 1 ev sources import "$T/bad.opml"
check_status "unknown subcommand is a usage error" 2 ev sources frobnicate
check "sources --help" ev sources --help
DB="$T/default.db"
check "the default sources import" ev sources import feeds/ketamine-depression.opml
ev sources list >"$T/defaults"
check "every default source is listed" test "$(grep -c . "$T/defaults")" -eq "$(grep -c 'xmlUrl=' feeds/ketamine-depression.opml)"
check_grep "PubMed searches are PubMed sources" "^[0-9]*	pubmed	https://eutils.ncbi.nlm.nih.gov/entrez/eutils/esearch.fcgi" "$T/defaults"
done_testing
