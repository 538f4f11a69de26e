#!/bin/sh
# web article pages: 'evidex add URL', teaser items' pages fetched once
# during refresh, robots.txt honoured and kept across runs
. tests/e2e/lib.sh
F=tests/fixtures/pages
mkdir -p "$T/www/pages" "$T/www/mirror" "$T/www/private"
cp -R feeds/sample/. "$T/www/"
cp $F/night-shift-infusions.html $F/ferry-volunteers.html $F/orchard-garden.html $F/notes.txt "$T/www/pages/"
cp $F/robots.txt $F/desk.xml "$T/www/"
cp $F/notes.txt "$T/www/notes-add.txt"
# the same page under another address (same canonical URL), and a private one
cp $F/night-shift-infusions.html "$T/www/mirror/night-shift.html"
cp $F/night-shift-infusions.html "$T/www/private/night-shift.html"
cp "$T/www/teasers.xml" "$T/www/nopages.xml"
cat >"$T/routes.json" <<JSON
{"/short/ferry": {"status": 301, "redirect": "/pages/ferry-volunteers.html"}}
JSON
start_server "$T/www" "$T/routes.json"
rewrite_host "$T/www"

# --- evidex add ---
ev add --format json "$BASE/pages/night-shift-infusions.html" >"$T/a1" 2>"$T/a1.err"
check_status "add exits 0" 0 test $? -eq 0
check_grep "add prints the new id" '"id":1,"status":"new","kind":"article"' "$T/a1"
check_grep "add prints the title" '"title":"What the night shift sees at a ketamine infusion unit"' "$T/a1"
ev search "brass bell beside the recovery chairs" >"$T/s1"
check_grep "search finds a page-only sentence" "What the night shift sees" "$T/s1"
check_grep "cited as an article" "\[article\]" "$T/s1"
check_grep "cited with its paragraph" '(paragraph [0-9][0-9]*)$' "$T/s1"
check_grep "cited with its site" "Okonkwo-Vale (2024) Harbour Wellbeing Weekly" "$T/s1"

ev add "$BASE/pages/night-shift-infusions.html" >"$T/a2" 2>"$T/a2.err"
check_grep "adding again: same document" "^1	What the night shift sees" "$T/a2"
ev add "$BASE/mirror/night-shift.html" >"$T/a3" 2>"$T/a3.err"
check_grep "another URL, same canonical: same document" "^1	What the night shift sees" "$T/a3"
ev search "brass bell beside the recovery chairs" --format json >"$T/s2"
check "no duplicate after three adds" test "$(grep -c '"id"' "$T/s2")" -eq 1

ev add --format json "$BASE/short/ferry" >"$T/a4" 2>"$T/a4.err"
check_grep "redirected page: the final URL is its address" "\"url\":\"$BASE/pages/ferry-volunteers.html\"" "$T/a4"
ev add --format json "$BASE/pages/ferry-volunteers.html" >"$T/a5" 2>"$T/a5.err"
check_grep "the final URL again: same document" '"id":2,"status":"unchanged"' "$T/a5"

check_status "robots.txt disallows /private/: exit 1" 1 ev add "$BASE/private/night-shift.html"
check_grep "robots.txt named in the error" "disallowed by robots.txt" "$T/.out"
check "the private page was never requested" test "$(requests '"/private/')" -eq 0
check_status "a 404 page: exit 1" 1 ev add "$BASE/pages/nothing-here.html"
check_grep "HTTP status named" "HTTP 404" "$T/.out"
check_status "not HTML: exit 1" 1 ev add "$BASE/notes-add.txt"
check_grep "not HTML named" "not an HTML page" "$T/.out"
check_status "not a URL: exit 1" 1 ev add "ftp://example.org/x.html"
check_status "no URL: usage, exit 2" 2 ev add
check "add --help" ev add --help

# --- teaser items during refresh ---
ev sources add --no-pages "$BASE/nopages.xml" >/dev/null
ev sources list --format json >"$T/l0"
check_grep "sources list shows fetch_pages off" '"fetch_pages":false' "$T/l0"
check "refresh a --no-pages source" ev refresh
check "--no-pages: no page fetched" test "$(requests '"/pages/[a-z-]*-\(home\|program\|logging\)')" -eq 0

ev sources add "$BASE/teasers.xml" >/dev/null
ev sources add "$BASE/desk.xml" >/dev/null
ev refresh >"$T/r1" 2>"$T/r1.err"
check_status "refresh with teasers exits 0" 0 test $? -eq 0
check_grep "pages counted on the summary line" "4 pages, 2 pages failed" "$T/r1"
check_grep "the feeds themselves did not fail" "^refresh: 2 fetched, 0 unchanged, 0 failed" "$T/r1"
for q in "clinic logged every dissociative episode on a tablet" \
	"quiet library of donated paperback westerns" \
	"pharmacist in the port town counted lozenges by hand every Friday" \
	"volunteers pressed apple juice for patients"; do
	ev search "$q" >"$T/sq"
	check_grep "page-only sentence found: $q" "(paragraph [0-9]*)" "$T/sq"
done
ev search "volunteers pressed apple juice" >"$T/sq"
check_grep "the page's author fills what the feed lacked" "Abernathy-Sato (2024) Harbour Wellbeing Weekly" "$T/sq"
ev search "lozenges by hand every Friday" --format json >"$T/sq"
check "teaser page attached to the feed item, not a new document" test "$(grep -c '"title":"Ketamine lozenges at home' "$T/sq")" -eq 1
check "the full-content item's page is not fetched" test "$(requests '"/pages/full-story')" -eq 0

# a changed feed and a forced refresh: no page is fetched again
sed -i 's#</channel>#<item><title>One more</title><guid>desk-more</guid><description>An extra item with a long enough text of its own to need no page: ketamine, esketamine and the slow work of aftercare, described at length by invented clinicians who have run services for a decade and who insist that the first month of treatment decides more than any single infusion does, because it is then that routines, lifts home and check-in calls either settle or fall away for good.</description></item></channel>#' "$T/www/desk.xml"
ev refresh --force >"$T/r2" 2>"$T/r2.err"
check_grep "second refresh re-read a feed" "1 new" "$T/r2"
check_no_grep "second refresh fetched no page" "pages" "$T/r2"
for p in ketamine-lozenges-at-home veterans-esketamine-program rural-clinic-tablet-logging orchard-garden missing-story notes.txt; do
	check "$p fetched exactly once" test "$(requests "\"/pages/$p")" -eq 1
done
check "robots.txt requested once per origin across all runs" test "$(requests '"/robots.txt"')" -eq 1
check_grep "pages sent an honest User-Agent" '"path": "/pages/orchard-garden.html".*"user_agent": "evidex/' "$LOG"

# 'add' of a page a feed item links to joins that item, no duplicate text
ev add --format json "$BASE/pages/ketamine-lozenges-at-home.html" >"$T/a6" 2>"$T/a6.err"
check_grep "add of a feed item's page attaches to it" '"status":"attached"' "$T/a6"
id=$(sed 's/^{"id":\([0-9]*\).*/\1/' "$T/a6")
ev show "$id" >"$T/show6"
check "the page's text once in the item" test "$(grep -c 'counted lozenges by hand' "$T/show6")" -eq 1
check_grep "the item keeps its feed title" "^Ketamine lozenges at home" "$T/show6"
done_testing
