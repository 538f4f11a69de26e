/*
 * Transcripts, chapters and show-note timestamps: our fixtures for each
 * quirk, then every real transcript in $EVIDEX_SHARED/data/podcasts/
 * transcripts/ against its expected segments, then the spec examples.
 */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "core/buf.h"
#include "core/json.h"
#include "core/limits.h"
#include "core/log.h"
#include "core/text.h"
#include "indexer/transcript.h"
#include "test.h"

#define FIXTURES "tests/fixtures/transcripts/"

static int fopen_probe(const char *path)
{
	FILE *f = fopen(path, "rb");

	if (!f)
		return 0;
	fclose(f);
	return 1;
}

static long long ms(double s)
{
	return s < 0 ? -1 : llround(s * 1000);
}

/* Parses a fixture file; -2 when it cannot be read. */
static int parse_file(const char *path, enum transcript_format fmt,
	struct transcript *t)
{
	size_t len;
	char *data = slurp(path, &len);
	int rc;

	if (!data) {
		t->v = NULL;
		t->n = 0;
		return -2;
	}
	rc = transcript_parse(data, len, fmt, t);
	free(data);
	return rc;
}

static const char *speaker_of(const struct transcript *t, size_t i)
{
	return i < t->n ? t->v[i].speaker : "(missing)";
}

static const char *text_of(const struct transcript *t, size_t i)
{
	return i < t->n ? t->v[i].text : "(missing)";
}

static double start_of(const struct transcript *t, size_t i)
{
	return i < t->n ? t->v[i].start_s : -99;
}

static double end_of(const struct transcript *t, size_t i)
{
	return i < t->n ? t->v[i].end_s : -99;
}

static void test_format_of(void)
{
	static const struct {
		const char *mime, *url, *data;
		enum transcript_format want;
	} cases[] = {
		{ "text/vtt", NULL, NULL, TRANSCRIPT_VTT },
		{ "TEXT/VTT; charset=utf-8", NULL, NULL, TRANSCRIPT_VTT },
		{ "application/x-subrip", NULL, NULL, TRANSCRIPT_SRT },
		{ "application/srt", NULL, NULL, TRANSCRIPT_SRT },
		{ "text/srt", NULL, NULL, TRANSCRIPT_SRT },
		{ "application/json", NULL, NULL, TRANSCRIPT_JSON },
		{ "text/html", NULL, NULL, TRANSCRIPT_HTML },
		{ "text/plain", "https://x.org/t.vtt", NULL, TRANSCRIPT_TEXT },
		{ "application/octet-stream", "https://x.org/ep1.SRT?x=1", NULL, TRANSCRIPT_SRT },
		{ NULL, "https://x.org/ep1/transcript.json#t", NULL, TRANSCRIPT_JSON },
		{ NULL, "https://x.org/ep.htm", NULL, TRANSCRIPT_HTML },
		{ NULL, "https://x.org/ep.txt", NULL, TRANSCRIPT_TEXT },
		{ NULL, "https://x.org/transcript", "\xEF\xBB\xBFWEBVTT\n\n", TRANSCRIPT_VTT },
		{ NULL, "https://x.vtt/transcript", "  {\"segments\":[]}", TRANSCRIPT_JSON },
		{ NULL, NULL, "1\n00:00:01,000 --> 00:00:02,000\nhi\n", TRANSCRIPT_SRT },
		{ NULL, NULL, "<html><p>hi</p>", TRANSCRIPT_HTML },
		{ NULL, NULL, "Just words.", TRANSCRIPT_TEXT },
		{ NULL, NULL, NULL, TRANSCRIPT_UNKNOWN },
		{ NULL, NULL, "", TRANSCRIPT_UNKNOWN },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char what[160];
		const char *d = cases[i].data;

		snprintf(what, sizeof(what), "format_of(%s, %s, data %zu)",
			cases[i].mime ? cases[i].mime : "NULL",
			cases[i].url ? cases[i].url : "NULL", d ? strlen(d) : 0);
		check_str(what, transcript_format_name(transcript_format_of(cases[i].mime,
			cases[i].url, d, d ? strlen(d) : 0)),
			transcript_format_name(cases[i].want));
	}
}

/* One expected segment of a fixture. */
struct want {
	double start, end;
	const char *speaker, *text;
};

static void check_segments(const char *name, const struct transcript *t,
	const struct want *w, size_t n)
{
	char what[200];

	snprintf(what, sizeof(what), "%s: segment count", name);
	check_int(what, t->n, n);
	for (size_t i = 0; i < n; i++) {
		snprintf(what, sizeof(what), "%s[%zu] start", name, i);
		check_int(what, ms(start_of(t, i)), ms(w[i].start));
		snprintf(what, sizeof(what), "%s[%zu] end", name, i);
		check_int(what, ms(end_of(t, i)), ms(w[i].end));
		snprintf(what, sizeof(what), "%s[%zu] speaker", name, i);
		check_str(what, speaker_of(t, i), w[i].speaker);
		snprintf(what, sizeof(what), "%s[%zu] text", name, i);
		check_str(what, text_of(t, i), w[i].text);
	}
}

static void test_fixture(const char *file, enum transcript_format fmt,
	const struct want *w, size_t n)
{
	struct transcript t;
	char path[256], what[200];
	int rc;

	snprintf(path, sizeof(path), FIXTURES "%s", file);
	rc = parse_file(path, fmt, &t);
	snprintf(what, sizeof(what), "%s parses", file);
	check_int(what, rc, 0);
	check_segments(file, &t, w, n);
	for (size_t i = 0; i < t.n; i++)
		if (!utf8_valid(t.v[i].text, strlen(t.v[i].text)) || !*t.v[i].text) {
			snprintf(what, sizeof(what), "%s[%zu] text valid UTF-8, not empty", file, i);
			check(what, 0);
		}
	transcript_release(&t);
}

static void test_fixtures(void)
{
	static const struct want vtt[] = {
		{ 1.5, 4.25, "Dr. Rivera", "Ketamine acts on NMDA receptors." },
		{ 4.25, 7, "Dr. Rivera", "Within hours, some patients\nfeel relief & calm." },
		{ 8, 10.5, "Sam", "Is that <always> true?" },
		{ 10.5, 12, "Sam", "No, not always." },
		{ 3600, 3602, "Sam", "One hour in." },
	};
	static const struct want srt[] = {
		{ 0.5, 3, "Maya", "Esketamine is given as\na nasal spray." },
		{ 3, 5.75, "Maya", "It is taken in a clinic." },
		{ 5.75, 8, "Jon Ellis", "And the dose?" },
		{ 8, 10, "Jon Ellis", "Usually twice a week\nat first." },
		{ 11, 12.5, "Ratio", "3:1 is not a speaker line" },
		{ 12.5, 14, "Ratio", "Say after me:" },
	};
	static const struct want json[] = {
		{ 0.25, 0.5, "Ana", "Ketamine" },
		{ 0.5, 0.9, "Ana", "lifts" },
		{ 1.2, 1.6, "Ana", "mood" },
		{ 1.6, 1.6, "Ana", "." },
		{ 2, 3.5, "Ben", "How fast?\nVery fast." },
		{ 4, -1, NULL, "Untagged line" },
		{ -1, -1, "Ben", "Bad times" },
	};
	static const struct want subtitles[] = {
		{ 1, 2.5, "Narrator", "Ketamine was first an anaesthetic." },
		{ 2.5, 4, "Narrator", "Later, a treatment\nfor depression." },
	};
	static const struct want html[] = {
		{ -1, -1, NULL, "Show intro without a speaker." },
		{ 5, -1, "Dr. Rivera", "Ketamine blocks NMDA receptors & boosts glutamate." },
		{ 5, 3723, "Dr. Rivera", "It also acts on AMPA signalling." },
		{ 3723, -1, "Sam", "Caf\xC3\xA9 talk: what about esketamine?" },
	};
	static const struct want text[] = {
		{ -1, -1, NULL, "Ketamine and depression, a plain transcript. "
			"Second line of the first paragraph." },
		{ -1, -1, NULL, "Second paragraph here." },
		{ -1, -1, NULL, "Third \xEF\xBF\xBD paragraph." },
	};
	test_fixture("quirks.vtt", TRANSCRIPT_VTT, vtt, sizeof(vtt) / sizeof(vtt[0]));
	test_fixture("quirks.vtt", TRANSCRIPT_UNKNOWN, vtt, sizeof(vtt) / sizeof(vtt[0]));
	test_fixture("quirks.srt", TRANSCRIPT_SRT, srt, sizeof(srt) / sizeof(srt[0]));
	test_fixture("transcript.json", TRANSCRIPT_JSON, json, sizeof(json) / sizeof(json[0]));
	test_fixture("subtitles.json", TRANSCRIPT_JSON, subtitles,
		sizeof(subtitles) / sizeof(subtitles[0]));
	test_fixture("transcript.html", TRANSCRIPT_HTML, html, sizeof(html) / sizeof(html[0]));
	test_fixture("transcript.txt", TRANSCRIPT_TEXT, text, sizeof(text) / sizeof(text[0]));
}

/* Small inline cases: one cue each, checked for start, speaker, text. */
static void test_cue_quirks(void)
{
	static const struct {
		const char *what, *data;
		enum transcript_format fmt;
		double start, end;
		const char *speaker, *text;
	} cases[] = {
		{ "srt dot millis", "1\n00:00:01.250 --> 00:00:02.500\nhi\n", TRANSCRIPT_SRT, 1.25, 2.5, NULL, "hi" },
		{ "vtt comma millis", "WEBVTT\n\n00:01,250 --> 00:02,500\nhi\n", TRANSCRIPT_VTT, 1.25, 2.5, NULL, "hi" },
		{ "seconds only", "WEBVTT\n\n0.860 --> 7.380\n<v S1>hi\n", TRANSCRIPT_VTT, 0.86, 7.38, "S1", "hi" },
		{ "no millis", "1\n00:01:02 --> 00:01:03\nhi\n", TRANSCRIPT_SRT, 62, 63, NULL, "hi" },
		{ "short millis", "WEBVTT\n\n00:01.5 --> 00:02.25\nhi\n", TRANSCRIPT_VTT, 1.5, 2.25, NULL, "hi" },
		{ "CR only", "WEBVTT\r\r00:01.000 --> 00:02.000\rone\rtwo\r", TRANSCRIPT_VTT, 1, 2, NULL, "one\ntwo" },
		{ "no final newline", "1\n00:00:01,000 --> 00:00:02,000\nend", TRANSCRIPT_SRT, 1, 2, NULL, "end" },
		{ "missing blank lines", "1\n00:00:01,000 --> 00:00:02,000\na\n2\n00:00:03,000 --> 00:00:04,000\nb\n", TRANSCRIPT_SRT, 1, 2, NULL, "a" },
		{ "voice closed", "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ana Lee>Hello</v> there\n", TRANSCRIPT_VTT, 1, 2, "Ana Lee", "Hello there" },
		{ "voice class", "WEBVTT\n\n00:01.000 --> 00:02.000\n<v.first.loud Esme>Yes\n", TRANSCRIPT_VTT, 1, 2, "Esme", "Yes" },
		{ "entities", "WEBVTT\n\n00:01.000 --> 00:02.000\nQ&amp;A &#233;&#x2014; &lrm;x &bogus; a & b\n", TRANSCRIPT_VTT, 1, 2, NULL, "Q&A \xC3\xA9\xE2\x80\x94 \xE2\x80\x8Ex &bogus; a & b" },
		{ "lone angle", "1\n00:00:01,000 --> 00:00:02,000\n2 < 3 and 5 > 4\n", TRANSCRIPT_SRT, 1, 2, NULL, "2 < 3 and 5 > 4" },
		{ "url not speaker", "1\n00:00:01,000 --> 00:00:02,000\nhttps://example.org: see\n", TRANSCRIPT_SRT, 1, 2, NULL, "https://example.org: see" },
		{ "speaker own line", "1\n00:00:01,000 --> 00:00:02,000\nDr. Kim:\nIt works.\n", TRANSCRIPT_SRT, 1, 2, "Dr. Kim", "It works." },
		{ "invalid utf8", "1\n00:00:01,000 --> 00:00:02,000\nbad \xC3\x28 byte\n", TRANSCRIPT_SRT, 1, 2, NULL, "bad \xEF\xBF\xBD( byte" },
		{ "nul byte", "1\n00:00:01,000 --> 00:00:02,000\na\0b\n", TRANSCRIPT_SRT, 1, 2, NULL, "a b" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct transcript t;
		char what[160];
		size_t len = strlen(cases[i].data);
		int rc;

		if (!strcmp(cases[i].what, "nul byte"))
			len = strlen(cases[i].data) + 3; /* "\0b\n" */
		rc = transcript_parse(cases[i].data, len, cases[i].fmt, &t);
		snprintf(what, sizeof(what), "cue %s: parses", cases[i].what);
		check(what, rc == 0 && t.n >= 1);
		snprintf(what, sizeof(what), "cue %s: start", cases[i].what);
		check_int(what, ms(start_of(&t, 0)), ms(cases[i].start));
		snprintf(what, sizeof(what), "cue %s: end", cases[i].what);
		check_int(what, ms(end_of(&t, 0)), ms(cases[i].end));
		snprintf(what, sizeof(what), "cue %s: speaker", cases[i].what);
		check_str(what, speaker_of(&t, 0), cases[i].speaker);
		snprintf(what, sizeof(what), "cue %s: text", cases[i].what);
		check_str(what, text_of(&t, 0), cases[i].text);
		transcript_release(&t);
	}
}

static void test_garbage(void)
{
	static const struct {
		const char *data;
		enum transcript_format fmt;
		int rc;
	} cases[] = {
		{ "", TRANSCRIPT_VTT, 0 },
		{ "WEBVTT\n\n", TRANSCRIPT_VTT, 0 },
		{ "99:99:99.999 --> 1\nx\n", TRANSCRIPT_SRT, 0 },
		{ "--> --> -->\n\n", TRANSCRIPT_SRT, 0 },
		{ "00:00:01.000 -->\nx\n", TRANSCRIPT_VTT, 0 },
		{ "{\"segments\": ", TRANSCRIPT_JSON, -1 },
		{ "{\"segments\": {\"a\": 1}}", TRANSCRIPT_JSON, -1 },
		{ "{\"nothing\": []}", TRANSCRIPT_JSON, -1 },
		{ "[1, 2, \"x\", null]", TRANSCRIPT_JSON, 0 },
		{ "not json", TRANSCRIPT_JSON, -1 },
		{ "<html><body><script>x</script></body></html>", TRANSCRIPT_HTML, 0 },
		{ "\xEF\xBB\xBF", TRANSCRIPT_TEXT, 0 },
		{ "   \n\n  ", TRANSCRIPT_TEXT, 0 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct transcript t;
		char what[160];
		int save = log_level;
		int rc;

		log_level = -1; /* the errors are expected */
		rc = transcript_parse(cases[i].data, strlen(cases[i].data), cases[i].fmt, &t);
		log_level = save;
		snprintf(what, sizeof(what), "garbage %zu (%s) gives %d and no segments",
			i, transcript_format_name(cases[i].fmt), cases[i].rc);
		check(what, rc == cases[i].rc && t.n == 0);
		transcript_release(&t);
	}
}

static void test_chapters(void)
{
	static const struct want w[] = {
		{ 0, 95.5, NULL, "Intro" },
		{ 95.5, 300, NULL, "How ketamine works" },
		{ 300, 420, NULL, "Esketamine nasal spray" },
		{ 600, -1, NULL, "Risks and side effects" },
	};
	struct transcript t;
	size_t len;
	char *data = slurp(FIXTURES "chapters.json", &len);
	int save = log_level;

	check_int("chapters.json parses", data ? chapters_parse(data, len, &t) : -2, 0);
	check_segments("chapters.json", &t, w, sizeof(w) / sizeof(w[0]));
	transcript_release(&t);
	free(data);

	log_level = -1;
	check_int("chapters: invalid json", chapters_parse("{", 1, &t), -1);
	transcript_release(&t);
	check_int("chapters: no array", chapters_parse("{\"chapters\":3}", 14, &t), -1);
	transcript_release(&t);
	log_level = save;
	check_int("chapters: empty array", chapters_parse("{\"chapters\":[]}", 15, &t), 0);
	check_int("chapters: empty array, no segments", t.n, 0);
	transcript_release(&t);
}

static void test_shownotes(void)
{
	static const struct want w[] = {
		{ 0, 125, NULL, "Intro" },
		{ 125, 307, NULL, "How ketamine works" },
		{ 307, 754, NULL, "Esketamine and the nasal spray" },
		{ 754, 2710, NULL, "Ketamine and the default mode network" },
		{ 2710, 3723, NULL, "Side effects and dissociation" },
		{ 3723, -1, NULL, "Listener questions" },
	};
	static const struct {
		const char *text;
		size_t n;
		double first;
	} cases[] = {
		{ "12:34 Ketamine and the default mode network", 1, 754 },
		{ "(01:02:03) Topic", 1, 3723 },
		{ "[5:07] - Topic", 1, 307 },
		{ "00:12:34 \xE2\x80\x93 Topic", 1, 754 },
		{ "\xE2\x80\xA2 3:00 Bulleted", 1, 180 },
		{ "We mixed it 3:1 ratio with saline", 0, 0 },
		{ "3:1 ratio at the start of a line", 0, 0 },
		{ "10:30 am doors open", 0, 0 },
		{ "10:30pm late show", 0, 0 },
		{ "2023-09-05 recorded", 0, 0 },
		{ "05.09.2023 recorded", 0, 0 },
		{ "Listen at 12:34 for the study", 0, 0 },
		{ "12:34", 0, 0 },
		{ "12:34 - 56", 0, 0 },
		{ "1:2:3 Bad form", 0, 0 },
		{ "12:60 Bad seconds", 0, 0 },
		{ "(12:34 Unclosed", 0, 0 },
		{ "John 3:16 For God so loved", 0, 0 },
		{ "9:00 Opening\n8:00 Breakfast", 0, 0 },
		{ "", 0, 0 },
	};
	struct transcript t;
	size_t len;
	char *data = slurp(FIXTURES "shownotes.txt", &len);

	check_int("shownotes.txt", data ? shownotes_timestamps(data, &t) : -2, 0);
	check_segments("shownotes.txt", &t, w, sizeof(w) / sizeof(w[0]));
	transcript_release(&t);
	free(data);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char what[200];

		shownotes_timestamps(cases[i].text, &t);
		snprintf(what, sizeof(what), "shownotes case %zu: %zu found", i, cases[i].n);
		check_int(what, t.n, cases[i].n);
		if (cases[i].n && t.n) {
			snprintf(what, sizeof(what), "shownotes case %zu: start", i);
			check_int(what, ms(t.v[0].start_s), ms(cases[i].first));
		}
		transcript_release(&t);
	}
	check_int("shownotes NULL", shownotes_timestamps(NULL, &t), -1);
}

static void add_seg(struct transcript *t, double start, double end,
	const char *speaker, const char *text)
{
	t->v = xrealloc(t->v, (t->n + 1) * sizeof(*t->v));
	t->v[t->n].start_s = start;
	t->v[t->n].end_s = end;
	t->v[t->n].speaker = xstrdup_or_null(speaker);
	t->v[t->n].text = xstrdup(text);
	t->n++;
}

static void test_merge(void)
{
	struct transcript in = TRANSCRIPT_INIT, out;
	struct buf json = BUF_INIT;

	add_seg(&in, 0, 1, "A", "Ketamine");
	add_seg(&in, 1, 2, "A", "works");
	add_seg(&in, 2, 3, "A", ",");
	add_seg(&in, 3, 4, "A", "fast.");
	add_seg(&in, 4, 5, "B", "Really?");
	add_seg(&in, 5, 9, "B", "Yes");
	add_seg(&in, 5, 9, "B", "really.");
	add_seg(&in, -1, -1, NULL, "untimed one");
	add_seg(&in, -1, -1, NULL, "untimed two");

	transcript_merge(&in, DBL_MAX, SIZE_MAX, &out);
	check_int("merge by speaker: passages", out.n, 3);
	check_str("merge by speaker: text", text_of(&out, 0), "Ketamine works, fast.");
	check_int("merge by speaker: first start kept", ms(start_of(&out, 1)), 4000);
	check_int("merge by speaker: last end", ms(end_of(&out, 1)), 9000);
	check_str("merge by speaker: text 2", text_of(&out, 1), "Really? Yes really.");
	check_str("merge by speaker: untimed", text_of(&out, 2), "untimed one untimed two");
	check_str("merge by speaker: NULL speaker", speaker_of(&out, 2), NULL);
	transcript_release(&out);

	transcript_merge(&in, 2, SIZE_MAX, &out);
	check_int("merge 2 s: passages", out.n, 5);
	check_str("merge 2 s: text", text_of(&out, 0), "Ketamine works");
	check_str("merge 2 s: equal start times join", text_of(&out, 3), "Yes really.");
	transcript_release(&out);

	transcript_merge(&in, DBL_MAX, 15, &out);
	check_str("merge 15 chars: text", text_of(&out, 0), "Ketamine works,");
	check_str("merge 15 chars: next", text_of(&out, 1), "fast.");
	transcript_release(&out);

	transcript_merge(&in, 0, 0, &out);
	check_int("merge 0/0: only equal starts", out.n, 8);
	transcript_release(&out);

	transcript_to_json(&in, &json);
	{
		const char *head = "{\"segments\":[{\"start_s\":0.000,\"end_s\":1.000,"
			"\"speaker\":\"A\",\"text\":\"Ketamine\"},{";

		check("to_json: starts", !strncmp(json.data, head, strlen(head)));
	}
	check("to_json: nulls", strstr(json.data,
		"{\"start_s\":null,\"end_s\":null,\"speaker\":null,\"text\":\"untimed two\"}]}") != NULL);
	buf_release(&json);
	transcript_release(&in);
	check_int("merge of nothing", transcript_merge(&in, 1, 1, &out), 0);
	check_int("merge of nothing: empty", out.n, 0);
	transcript_release(&out);
}

/* ---- the shared real-world transcripts ---- */

struct expected {
	double start, end;
	char *speaker, *body;
};

/* Reads a transcriptator "<name>_parsed.json"; -1 when unreadable. */
static int read_expected(const char *path, struct expected **v, size_t *n)
{
	sqlite3 *db = json_db();
	sqlite3_stmt *st = NULL;
	size_t len;
	char *data = slurp(path, &len);

	*v = NULL;
	*n = 0;
	if (!data || !db)
		return free(data), -1;
	if (sqlite3_prepare_v2(db, "SELECT json_extract(value, '$.startTime'),"
	    " json_extract(value, '$.endTime'), json_extract(value, '$.speaker'),"
	    " json_extract(value, '$.body') FROM json_each(?1, CASE json_type(?1)"
	    " WHEN 'array' THEN '$' ELSE '$.segments' END)",
	    -1, &st, NULL) != SQLITE_OK)
		return free(data), -1;
	sqlite3_bind_text(st, 1, data, (int)len, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *sp = (const char *)sqlite3_column_text(st, 2);
		const char *body = (const char *)sqlite3_column_text(st, 3);

		*v = xrealloc(*v, (*n + 1) * sizeof(**v));
		(*v)[*n].start = sqlite3_column_double(st, 0);
		(*v)[*n].end = sqlite3_column_double(st, 1);
		(*v)[*n].speaker = sp && *sp ? xstrdup(sp) : NULL;
		(*v)[*n].body = xstrdup(body ? body : "");
		(*n)++;
	}
	sqlite3_finalize(st);
	free(data);
	return 0;
}

/*
 * The expected body as we write it: upstream keeps <i> and other cue
 * tags, we strip them; with 'squeeze' white space is folded too.
 */
enum {
	F_SQUEEZE = 1,    /* compare with white space folded */
	F_NO_SPEAKER = 2, /* upstream's speakers are wrong */
	F_ENTITIES = 4,   /* upstream leaves HTML entities in the text */
	F_TEXT_ONLY = 8,  /* compare only the whole text, white space folded */
};

static char *expected_text(const char *body, int flags)
{
	static const char *const ents[][2] = {
		{ "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" },
		{ "&#39;", "'" },
	};
	struct buf b = BUF_INIT;
	char *s, *q;
	int squeeze = flags & (F_SQUEEZE | F_TEXT_ONLY);

	for (const char *p = body; *p; p++) {
		size_t e = 0;

		while ((flags & F_ENTITIES) && e < sizeof(ents) / sizeof(ents[0]) &&
		       strncmp(p, ents[e][0], strlen(ents[e][0])))
			e++;
		if ((flags & F_ENTITIES) && e < sizeof(ents) / sizeof(ents[0])) {
			buf_adds(&b, ents[e][1]);
			p += strlen(ents[e][0]) - 1;
			continue;
		}
		if (*p == '<' && (p[1] == '/' || (p[1] >= 'a' && p[1] <= 'z')) &&
		    (q = strchr(p, '>')) != NULL) {
			p = q;
			continue;
		}
		buf_addc(&b, *p);
	}
	s = buf_detach(&b, NULL);
	if (squeeze) {
		q = text_squeezed(s);
		free(s);
		s = q ? q : xstrdup("");
	}
	return s;
}

enum merge_mode { NO_MERGE, MERGE_EQUAL_TIME, MERGE_SPEAKER, MERGE_CHARS };

static const struct real_case {
	const char *input, *expected;
	enum merge_mode merge;
	size_t chars;
	int flags;
	const char *why; /* of any option or exception */
} real_cases[] = {
	{ "LaLaLand.json", "LaLaLand_json_parsed.json", NO_MERGE, 0, 0, NULL },
	{ "LaLaLand.vtt", "LaLaLand_vtt_parsed.json", NO_MERGE, 0, 0, NULL },
	{ "buzzcast.html", "buzzcast_html_parsed.json", NO_MERGE, 0, F_SQUEEZE | F_ENTITIES,
	  "HTML white space folded, entities decoded" },
	{ "buzzcast.json", "buzzcast_json_parsed.json", NO_MERGE, 0, 0, NULL },
	{ "buzzcast.srt", "buzzcast_srt_parsed.json", NO_MERGE, 0, 0, NULL },
	{ "how_to_start_a_podcast.json", "how_to_start_a_podcast_json_parsed.json", NO_MERGE, 0, 0, NULL },
	{ "kde_express-16_kde_en_telegram.vtt", "kde_express-16_kde_en_telegram_vtt_parsed.json", NO_MERGE, 0, 0, NULL },
	{ "podcasting_20_episode_124.srt", "podcasting_20_episode_124_srt_parsed.json", NO_MERGE, 0, 0, NULL },
	{ "podnews_daily_2024-01-25.vtt", "podnews_daily_2024-01-25_vtt_parsed.json", NO_MERGE, 0, 0, NULL },
	{ "podnews_weekly_review_2023-03-17.html", "podnews_weekly_review_2023-03-17_html_parsed.json", NO_MERGE, 0,
	  F_SQUEEZE | F_ENTITIES | F_NO_SPEAKER,
	  "upstream shifts the speakers by one when the first <p> has no <cite>" },
	{ "podnews_weekly_review_2023-05-05.json", "podnews_weekly_review_2023-05-05_json_parsed.json", NO_MERGE, 0, F_TEXT_ONLY,
	  "whole text only: upstream merged with options its own way" },
	{ "podnews_weekly_review_2023-06-02.json", "podnews_weekly_review_2023-06-02_json_parsed.json", MERGE_SPEAKER, 0, 0,
	  "expected output was made with speaker-change merging" },
	{ "podnews_weekly_review_2024-01-19.vtt", "podnews_weekly_review_2024-01-19_vtt_parsed.json", NO_MERGE, 0, 0, NULL },
	{ "one_word_segments.json", "one_word_segments_parsed_32.json", MERGE_CHARS, 32, 0, "merged to 32 characters" },
};

static const struct real_case variant_cases[] = {
	{ "one_word_segments.json", "one_word_segments_parsed_50.json", MERGE_CHARS, 50, 0, NULL },
	{ "buzzcast.json", "buzzcast_json_combine_equal_time_space_parsed.json", MERGE_EQUAL_TIME, 0, 0, NULL },
	{ "buzzcast.json", "buzzcast_json_combine_equal_time_parsed.json", MERGE_EQUAL_TIME, 0, F_SQUEEZE, NULL },
	{ "buzzcast.srt", "buzzcast_srt_combined_segments_128_parsed.json", MERGE_CHARS, 128, 0, NULL },
	{ "podnews_weekly_review_2023-05-05.json", "podnews_weekly_review_2023-05-05_combine_speaker_json_parsed.json", MERGE_SPEAKER, 0, 0, NULL },
};

/* Shows where two texts part. */
static void print_diff(const char *name, size_t i, const char *got, const char *want)
{
	size_t at = 0;

	while (got[at] && got[at] == want[at])
		at++;
	at = at > 30 ? at - 30 : 0;
	printf("# %s[%zu] text differs at byte %zu:\n#   got:  \"%.70s\"\n#   want: \"%.70s\"\n",
		name, i, at, got + at, want + at);
}

/* Compares one file; prints up to three differences. 1 when it matches. */
static int compare_real(const char *dir, const struct real_case *c)
{
	char path[1024];
	size_t len, nexp = 0, bad = 0;
	char *data;
	struct transcript t = TRANSCRIPT_INIT, merged;
	struct expected *exp = NULL;
	int rc;

	snprintf(path, sizeof(path), "%s/%s", dir, c->input);
	data = slurp(path, &len);
	if (!data) {
		printf("# %s: cannot read\n", path);
		return 0;
	}
	rc = transcript_parse(data, len, transcript_format_of(NULL, c->input, data, len), &t);
	free(data);
	if (c->merge != NO_MERGE) {
		transcript_merge(&t, c->merge == MERGE_EQUAL_TIME ? 0 : DBL_MAX,
			c->merge == MERGE_EQUAL_TIME ? 0 : c->merge == MERGE_CHARS ? c->chars : SIZE_MAX,
			&merged);
		transcript_release(&t);
		t = merged;
	}
	snprintf(path, sizeof(path), "%s/%s", dir, c->expected);
	if (rc || read_expected(path, &exp, &nexp) < 0) {
		printf("# %s: parse %d, expected file unreadable or parse failed\n", c->input, rc);
		bad = 1;
	} else if (c->flags & F_TEXT_ONLY) {
		struct buf g = BUF_INIT, w = BUF_INIT;
		char *gs, *ws;

		for (size_t i = 0; i < t.n; i++) {
			buf_adds(&g, t.v[i].text);
			buf_addc(&g, ' ');
		}
		for (size_t i = 0; i < nexp; i++) {
			buf_adds(&w, exp[i].body);
			buf_addc(&w, ' ');
		}
		gs = text_squeezed(g.data);
		ws = expected_text(w.data, c->flags);
		bad = !gs || strcmp(gs, ws);
		if (bad)
			print_diff(c->input, 0, gs ? gs : "", ws);
		free(gs);
		free(ws);
		buf_release(&g);
		buf_release(&w);
	} else if (nexp != t.n) {
		printf("# %s: %zu segments, want %zu\n", c->input, t.n, nexp);
		bad = 1;
	}
	for (size_t i = 0; !bad && !(c->flags & F_TEXT_ONLY) && i < nexp; i++) {
		struct segment *s = &t.v[i];
		char *want = expected_text(exp[i].body, c->flags);
		char *got = c->flags & F_SQUEEZE ? text_squeezed(s->text) : xstrdup(s->text);
		int end_ok = s->end_s < 0 ? exp[i].end == 0 : ms(s->end_s) == ms(exp[i].end);
		int text_ok = got && !strcmp(got, want);
		int ok = ms(s->start_s) == ms(exp[i].start) && end_ok && text_ok &&
			((c->flags & F_NO_SPEAKER) || !strcmp(s->speaker ? s->speaker : "",
				exp[i].speaker ? exp[i].speaker : ""));

		if (!ok && ++bad <= 3) {
			printf("# %s[%zu]: got %.3f-%.3f %s, want %.3f-%.3f %s\n",
				c->input, i, s->start_s, s->end_s, s->speaker ? s->speaker : "-",
				exp[i].start, exp[i].end, exp[i].speaker ? exp[i].speaker : "-");
			if (!text_ok)
				print_diff(c->input, i, got ? got : "", want);
		}
		free(want);
		free(got);
	}
	for (size_t i = 0; i < nexp; i++) {
		free(exp[i].speaker);
		free(exp[i].body);
	}
	free(exp);
	transcript_release(&t);
	return bad == 0;
}

static void test_real(const char *shared)
{
	char dir[1024], what[600];
	size_t n = sizeof(real_cases) / sizeof(real_cases[0]);
	size_t nv = sizeof(variant_cases) / sizeof(variant_cases[0]);
	size_t matched = 0, vmatched = 0;
	char probe[1100];

	snprintf(dir, sizeof(dir), "%s/data/podcasts/transcripts/test/test_files", shared);
	snprintf(probe, sizeof(probe), "%s/LaLaLand.vtt", dir);
	if (!fopen_probe(probe)) {
		printf("# skip: no shared transcripts in %s\n", dir);
		skip((int)(n + nv) + 3, "shared transcripts absent");
		return;
	}
	for (size_t i = 0; i < n; i++) {
		int ok = compare_real(dir, &real_cases[i]);

		matched += ok;
		snprintf(what, sizeof(what), "real %s matches %s%s%s%s", real_cases[i].input,
			real_cases[i].expected, real_cases[i].why ? " (" : "",
			real_cases[i].why ? real_cases[i].why : "", real_cases[i].why ? ")" : "");
		check(what, ok);
	}
	for (size_t i = 0; i < nv; i++) {
		int ok = compare_real(dir, &variant_cases[i]);

		vmatched += ok;
		snprintf(what, sizeof(what), "merge %s matches %s", variant_cases[i].input,
			variant_cases[i].expected);
		check(what, ok);
	}
	{
		/* our speakers where upstream's are shifted: the first <p> has none */
		struct transcript t;
		size_t len;
		char *data;

		snprintf(probe, sizeof(probe), "%s/podnews_weekly_review_2023-03-17.html", dir);
		data = slurp(probe, &len);
		check_int("podnews html parses", data ?
			transcript_parse(data, len, TRANSCRIPT_HTML, &t) : -2, 0);
		check_str("podnews html: first <p> has no speaker", speaker_of(&t, 0), NULL);
		check_str("podnews html: second is the first <cite>", speaker_of(&t, 1),
			"Norma-Jean Belenky");
		free(data);
		transcript_release(&t);
	}
	printf("# real transcripts matched: %zu/%zu; merge variants matched: %zu/%zu\n",
		matched, n, vmatched, nv);
}

static void test_spec_examples(const char *shared)
{
	static const struct {
		const char *file;
		size_t min;
		const char *speaker;
		double start;
		const char *text_start;
	} cases[] = {
		{ "transcripts/example.srt", 10, "Travis", 0.179, "When you first get" },
		{ "transcripts/example.vtt", 7, "Sarah", 0, "In today's episode" },
		{ "transcripts/example.json", 5, "Darth Vader", 0.5, "I" },
		{ "transcripts/example.html", 2, "Travis", 0, "When you first get started" },
	};
	char dir[1024], path[1200], what[1400];

	snprintf(dir, sizeof(dir), "%s/data/podcasts/podcast-namespace/docs/examples", shared);
	snprintf(path, sizeof(path), "%s/transcripts/example.vtt", dir);
	if (!fopen_probe(path)) {
		printf("# skip: no podcast-namespace examples in %s\n", dir);
		skip((int)(sizeof(cases) / sizeof(cases[0])) * 4 + 4, "podcast-namespace examples absent");
		return;
	}
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct transcript t;
		size_t len;
		char *data;
		int rc;

		snprintf(path, sizeof(path), "%s/%s", dir, cases[i].file);
		data = slurp(path, &len);
		rc = data ? transcript_parse(data, len,
			transcript_format_of(NULL, cases[i].file, data, len), &t) : -2;
		free(data);
		snprintf(what, sizeof(what), "spec %s parses to >= %zu segments", cases[i].file,
			cases[i].min);
		check(what, rc == 0 && t.n >= cases[i].min);
		snprintf(what, sizeof(what), "spec %s first speaker", cases[i].file);
		check_str(what, speaker_of(&t, 0), cases[i].speaker);
		snprintf(what, sizeof(what), "spec %s first start", cases[i].file);
		check_int(what, ms(start_of(&t, 0)), ms(cases[i].start));
		snprintf(what, sizeof(what), "spec %s first text", cases[i].file);
		check(what, t.n && !strncmp(t.v[0].text, cases[i].text_start,
			strlen(cases[i].text_start)));
		if (rc == 0)
			transcript_release(&t);
	}
	{
		static const struct {
			const char *file;
			size_t n;
			double last_start;
		} ch[] = {
			{ "chapters/example.json", 0, -1 },
			{ "chapters/exampleComplex.json", 10, 6089 },
		};
		for (size_t i = 0; i < 2; i++) {
			struct transcript t;
			size_t len;
			char *data;
			int rc;

			snprintf(path, sizeof(path), "%s/%s", dir, ch[i].file);
			data = slurp(path, &len);
			rc = data ? chapters_parse(data, len, &t) : -2;
			free(data);
			snprintf(what, sizeof(what), "spec %s parses", ch[i].file);
			check_int(what, rc, 0);
			if (ch[i].n) {
				snprintf(what, sizeof(what), "spec %s: chapters without toc:false", ch[i].file);
				check_int(what, t.n, ch[i].n);
			} else {
				snprintf(what, sizeof(what), "spec %s: some chapters", ch[i].file);
				check(what, t.n > 0);
			}
			transcript_release(&t);
		}
	}
}

int main(void)
{
	const char *shared = getenv("EVIDEX_SHARED");

	if (!shared || !*shared)
		shared = "../shared";
	test_format_of();
	test_fixtures();
	test_cue_quirks();
	test_garbage();
	test_chapters();
	test_shownotes();
	test_merge();
	test_real(shared);
	test_spec_examples(shared);
	return test_done();
}
