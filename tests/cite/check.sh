#!/bin/sh
# Citation output against real consumers: pandoc --citeproc must render
# our CSL-JSON and BibTeX without a warning, and bibtool must parse the
# BibTeX cleanly. Prints TAP; "# skip:" when a tool is not installed.
# Needs: cc, pkg-config; optional: pandoc (2.11+), bibtool.
cd "$(dirname "$0")/../.." || exit 2
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
n=0 failed=0

ok() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		failed=1
		[ -s "$tmp/err" ] && sed 's/^/#   /' "$tmp/err" | head -20
	fi
}

skip() {
	n=$((n + 1))
	echo "ok $n # SKIP $1"
	echo "# skip: $1"
}

PKGS="libcurl libxml-2.0 sqlite3"
# shellcheck disable=SC2046
if ! ${CC:-cc} -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -I. \
	$(pkg-config --cflags $PKGS) -o "$tmp/driver" tests/cite/driver.c \
	query/cite.c core/buf.c core/log.c core/doc.c core/text.c core/date.c \
	core/json.c $(pkg-config --libs $PKGS) -lm 2>"$tmp/err"; then
	ok 1 "driver builds"
	echo "1..$n"
	exit 1
fi
ok 0 "driver builds"

"$tmp/driver" csljson >"$tmp/refs.json" 2>"$tmp/err"; ok $? "driver writes csljson"
"$tmp/driver" bibtex >"$tmp/refs.bib" 2>"$tmp/err"; ok $? "driver writes bibtex"
"$tmp/driver" ris >"$tmp/refs.ris" 2>"$tmp/err"; ok $? "driver writes ris"

# RIS: every record TY ... ER, every line "XX  - ", no CR.
awk '/^$/ { next } !/^[A-Z][A-Z0-9]  - / { bad = 1 } /\r/ { bad = 1 }
	/^TY  - / { starts++ } /^ER  - / { ends++ }
	END { exit (bad || starts != 4 || ends != 4) }' "$tmp/refs.ris" 2>"$tmp/err"
ok $? "ris: 4 records, well-formed lines"

cat >"$tmp/doc.md" <<'MD'
Ketamine acted fast [@zarate2006randomized], though see [@muller2019ketamine],
a clinic visit [@vandijk2023ketamine] and a podcast [@rivera2022ketamine].
MD

if command -v pandoc >/dev/null 2>&1; then
	for fmt in json bib; do
		pandoc --citeproc --bibliography="$tmp/refs.$fmt" -t plain \
			"$tmp/doc.md" -o "$tmp/out.$fmt.txt" 2>"$tmp/err"
		rc=$?
		[ $rc -eq 0 ] && [ ! -s "$tmp/err" ]
		ok $? "pandoc --citeproc reads refs.$fmt without warnings"
		for want in Zarate Dijk Rivera "Mood Lab" "ller"; do
			grep -q "$want" "$tmp/out.$fmt.txt" 2>"$tmp/err"
			ok $? "pandoc refs.$fmt: bibliography names '$want'"
		done
		! grep -q '???' "$tmp/out.$fmt.txt"
		ok $? "pandoc refs.$fmt: every citation resolved"
	done
else
	skip "pandoc not installed (apt-get install pandoc)"
fi

if command -v bibtool >/dev/null 2>&1; then
	# @online is biblatex's; classic BibTeX styles read it as @misc.
	bibtool -q -- 'new.entry.type{online}' -i "$tmp/refs.bib" -o "$tmp/bibtool.bib" 2>"$tmp/err"
	rc=$?
	[ $rc -eq 0 ] && [ ! -s "$tmp/err" ]
	ok $? "bibtool parses refs.bib without complaint"
	c=$(grep -c '^@' "$tmp/bibtool.bib")
	[ "$c" -eq 4 ]
	ok $? "bibtool keeps 4 entries (got $c)"
else
	skip "bibtool not installed (apt-get install bibtool)"
fi

echo "1..$n"
exit $failed
