#!/bin/sh
# parse and extract: the parsers on files, offline, as a user runs them
. tests/e2e/lib.sh
S=feeds/sample

ev parse $S/podcast.xml --format json >"$T/pod.json"
check "parse a podcast feed, options after the file" python3 - "$T/pod.json" <<'PY'
import json, sys
f = json.load(open(sys.argv[1]))
for k in ("format", "title", "link", "description", "author", "items"):
    assert k in f, k
it = f["items"][0]
for k in ("guid", "title", "link", "published", "authors", "summary", "content", "duration_s",
          "episode", "season", "episode_type", "enclosures", "transcripts", "chapters_url", "persons"):
    assert k in it, k
assert f["format"] == "rss" and len(f["items"]) == 6
assert any(i["transcripts"] for i in f["items"])
assert all(isinstance(i["duration_s"], (int, float)) for i in f["items"])
PY
check "parse --format json reads an Atom feed" sh -c "$EVIDEX_BIN parse --format json $S/journal.atom | python3 -c 'import json,sys; assert json.load(sys.stdin)[\"format\"]==\"atom\"'"
check "parse an RDF feed (text)" sh -c "$EVIDEX_BIN parse $S/blog.rdf | grep -q ."
check_status "parse of a non-feed fails" 1 ev parse tests/fixtures/feeds/not-a-feed.html
check_status "parse of a missing file fails" 1 ev parse "$T/none.xml"
for f in $S/transcripts/*; do
	check "parse --transcript $(basename "$f")" sh -c "$EVIDEX_BIN parse --transcript $f --format json | python3 -c 'import json,sys; s=json.load(sys.stdin)[\"segments\"]; assert len(s) > 10 and any(x[\"start_s\"] is not None for x in s)'"
done
ev parse --transcript $S/transcripts/ep1.vtt --format json >"$T/ep1.json"
check "the VTT cue at 12:34 is there" python3 -c "import json; s=json.load(open('$T/ep1.json'))['segments']; assert any(abs(x['start_s']-754)<0.001 and 'glutamate surge' in x['text'] for x in s)"

ev extract $S/pages/rural-clinic-tablet-logging.html --url http://example.org/x --format json >"$T/page.json"
check "extract a page, options after the file" python3 - "$T/page.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for k in ("title", "authors", "published", "site", "url", "doi", "lang", "description", "text"):
    assert k in d, k
assert "dissociative episode on a tablet" in d["text"], d["text"][:200]
assert "cookie" not in d["text"].lower()
assert d["title"] and d["authors"]
PY
ev extract $S/pages/rural-clinic-tablet-logging.html >"$T/page.txt"
check_grep "extract text output has the article" "tablet" "$T/page.txt"
check_status "extract of a missing file fails" 1 ev extract "$T/none.html"
check_status "extract with a bad format is a usage error" 2 ev extract x.html --format xml
check "extract --help" ev extract --help
check "parse --help" ev parse --help
done_testing
