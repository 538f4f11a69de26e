#!/bin/sh
# podcasts: show notes, transcripts and chapters fetched once during refresh,
# searched and cited to the moment; failures and robots.txt
. tests/e2e/lib.sh
mkdir -p "$T/www"
cp -R feeds/sample/. "$T/www/"
start_server "$T/www"
rewrite_host "$T/www"

# the lines of the server log after line $mark that match $1
mark=0
since() { tail -n +$((mark + 1)) "$LOG" | grep -c -e "$1"; }
same() { [ "$1" = "$2" ] || { echo "got '$1', want '$2'"; return 1; }; }

for f in feeds/sample/transcripts/*; do
	check "parse --transcript $(basename "$f")" ev parse --transcript "$f"
done

check "add the podcast" ev sources add "$BASE/podcast.xml"
ev refresh >"$T/r1" 2>"$T/r1.err"
check_status "refresh exits 0" 0 test $? -eq 0
check_grep "summary counts 4 transcripts on one line" \
	"^refresh: 1 fetched, 0 unchanged, 0 failed; 6 new, 0 updated documents, 4 transcripts[,( ]" "$T/r1"
check "summary is one line" same "$(grep -c . "$T/r1")" 1

# each known phrase: that episode, at that moment
i=0
for row in \
	"glutamate surge rebuilds synapses|How ketamine works|754.000|12:34|754" \
	"maintenance infusions every three weeks|Living on maintenance|307.250|5:07|307" \
	"the default mode network quiets down|Brain networks after ketamine|754.500|12:34|754" \
	"nasal spray under supervision in the clinic|Esketamine in the clinic|1265.000|21:05|1265"
do
	i=$((i + 1))
	phrase=${row%%|*}; rest=${row#*|}
	title=${rest%%|*}; rest=${rest#*|}
	start=${rest%%|*}; rest=${rest#*|}
	clock=${rest%%|*}; secs=${rest#*|}
	ev search "\"$phrase\"" --format json >"$T/j$i"
	head -1 "$T/j$i" >"$T/j$i.1"
	check_grep "'$phrase': first hit is the episode" "\"title\":\"$title" "$T/j$i.1"
	check_grep "'$phrase': start_s $start" "\"start_s\":$start," "$T/j$i.1"
	check_grep "'$phrase': JSON link to the moment" "\"url\":\"$BASE/podcast/ep[0-9]#t=$secs\"" "$T/j$i.1"
	check_grep "'$phrase': JSON citation at $clock" "\"citation\":\"[^\"]*at $clock\"" "$T/j$i.1"
	ev search "\"$phrase\"" -n 1 >"$T/s$i"
	check_grep "'$phrase': text says (at $clock)" "(at $clock)\$" "$T/s$i"
	check_grep "'$phrase': text cites at $clock" "^   .*, at $clock\$" "$T/s$i"
	check_grep "'$phrase': link ends with #t=$secs" "#t=$secs\$" "$T/s$i"
done

# show lists the timed passages: transcript, chapters, show notes
id=$(sed -n 's/^{"id":\([0-9]*\),.*/\1/p' "$T/j1.1")
ev show "$id" >"$T/show1"
check_grep "show: a timed transcript passage" "^\[12:34\] Idris Holloway: Here's the picture" "$T/show1"
check_grep "show: a timed chapter" "^\[12:34\] Chapter: How ketamine resets the depressive loop" "$T/show1"
check_grep "show: a timed show-note line" "^\[19:40\] Why the effect fades" "$T/show1"
check_grep "show: the show notes' prose stays" "^\[1\] Fictional neuroscientist Idris Holloway" "$T/show1"
ev show "$id" --format json >"$T/show1.json"
check_grep "show JSON: start_s of passages" '"start_s":754.000' "$T/show1.json"

# chapters are searchable and timed
ev search '"From anesthetic to antidepressant"' --format json >"$T/c1"
check_grep "chapter title: ep1 at 3:05" '"title":"How ketamine works.*"start_s":185.000' "$T/c1"
# show-note timestamps of an episode with no transcript or chapters
ev search '"memory effects versus dissociation"' --format json >"$T/n1"
check_grep "show-note line: ep5 at 19:20" '"title":"Ketamine or ECT.*"start_s":1160.000' "$T/n1"
ev search '"memory effects versus dissociation"' -n 1 >"$T/n1.txt"
check_grep "show-note line: text says (at 19:20)" "(at 19:20)" "$T/n1.txt"

# a second refresh fetches no transcript or chapters again, even with --force
ev refresh --force >"$T/r2" 2>"$T/r2.err"
check_status "second refresh exits 0" 0 test $? -eq 0
check_no_grep "second refresh: no transcripts" "transcripts" "$T/r2"
for p in transcripts/ep1.vtt transcripts/ep2.srt transcripts/ep3.json transcripts/ep4.html chapters/ep1.json; do
	check "/$p requested once" same "$(requests "\"path\": \"/$p\"")" 1
done
ev search '"glutamate surge rebuilds synapses"' --format json >"$T/j1b"
check_grep "transcript passages survive a refresh" '"start_s":754.000' "$T/j1b"

# a changed show: the item is updated, the transcript stays attached
sed 's/Fictional neuroscientist Idris Holloway explains/Fictional neuroscientist Idris Holloway (updated) explains/' \
	"$T/www/podcast.xml" >"$T/p.xml" && mv "$T/p.xml" "$T/www/podcast.xml"
ev refresh --force >"$T/r3" 2>"$T/r3.err"
check_grep "changed episode updated" "0 new, 1 updated documents" "$T/r3"
check "still no transcript fetched again" same "$(requests '"path": "/transcripts/ep1.vtt"')" 1
ev search '"glutamate surge rebuilds synapses"' --format json >"$T/j1c"
check_grep "transcript kept through the update" '"start_s":754.000' "$T/j1c"

# a transcript that 404s fails neither the feed nor the run, and is retried
DB="$T/db2.db"
mark=$(wc -l <"$LOG")
mv "$T/www/transcripts/ep2.srt" "$T/ep2.srt"
ev sources add "$BASE/podcast.xml" >/dev/null
ev refresh >"$T/r4" 2>"$T/r4.err"
check_status "404 transcript: refresh exits 0" 0 test $? -eq 0
check_grep "404 transcript: the feed counts as fetched, 6 new" "^refresh: 1 fetched, 0 unchanged, 0 failed; 6 new" "$T/r4"
check_grep "404 transcript: 3 transcripts, 1 failed" ", 3 transcripts, 1 transcripts or chapters failed" "$T/r4"
check_grep "404 transcript: named in a warning" "ep2.srt: HTTP 404" "$T/r4.err"
ev search '"maintenance infusions every three weeks"' --format json >"$T/j5"
check "404 transcript: its text is not there" same "$(grep -c . "$T/j5")" 0
ev search '"Living on maintenance"' --format json >"$T/j5b"
check_grep "404 transcript: the episode is there" '"title":"Living on maintenance' "$T/j5b"
mv "$T/ep2.srt" "$T/www/transcripts/ep2.srt"
ev refresh --force >"$T/r5" 2>"$T/r5.err"
check_grep "retry: feed unchanged, 1 transcript" "^refresh: 0 fetched, 1 unchanged, 0 failed; 0 new, 0 updated documents, 1 transcripts[,( ]" "$T/r5"
check "retry: ep2.srt requested twice in all" same "$(since '"path": "/transcripts/ep2.srt"')" 2
check "retry: ep1.vtt not again" same "$(since '"path": "/transcripts/ep1.vtt"')" 1
ev search '"maintenance infusions every three weeks"' --format json >"$T/j6"
check_grep "retry: the transcript is searchable at 5:07" '"start_s":307.250' "$T/j6"

# robots.txt disallowing /transcripts/ is honoured (chapters are allowed)
DB="$T/db3.db"
mark=$(wc -l <"$LOG")
printf 'User-agent: *\nDisallow: /transcripts/\n' >"$T/www/robots.txt"
ev sources add "$BASE/podcast.xml" >/dev/null
ev refresh >"$T/r7" 2>"$T/r7.err"
check_status "robots: refresh exits 0" 0 test $? -eq 0
check "robots: no transcript requested" same "$(since '"path": "/transcripts/')" 0
check "robots: robots.txt was read" same "$(since '"path": "/robots.txt"')" 1
check "robots: chapters fetched" same "$(since '"path": "/chapters/ep1.json"')" 1
check_grep "robots: disallowed named" "ep1.vtt: .*robots" "$T/r7.err"
ev search '"glutamate surge rebuilds synapses"' --format json >"$T/j7"
check "robots: no transcript text" same "$(grep -c . "$T/j7")" 0
done_testing
