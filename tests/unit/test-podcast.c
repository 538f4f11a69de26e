/*
 * Podcast episodes: show-note timestamps into timed passages, the choice
 * of transcript, and the sample transcripts and chapters into passages
 * that start at the moments the sample data promises.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/doc.h"
#include "core/log.h"
#include "indexer/podcast.h"
#include "test.h"

#define SAMPLE "feeds/sample/"

/* The passage of 'd' holding 'phrase', or NULL. */
static const struct passage *find(const struct doc *d, const char *phrase)
{
	for (size_t i = 0; i < d->npassages; i++)
		if (strstr(d->passages[i].text, phrase))
			return &d->passages[i];
	return NULL;
}

static void test_shownotes(void)
{
	static const struct {
		const char *what, *content, *summary;
		int kind;
		int timed;              /* podcast_shownotes() result */
		size_t npassages;
		const char *phrase;     /* a passage holding this ... */
		double start_s, end_s;  /* ... has these times */
	} cases[] = {
		{ "paragraphs and timestamp paragraphs",
		  "Intro paragraph about ketamine.\n\n00:00 Introduction\n\n"
		  "03:05 From anesthetic to antidepressant\n\n12:34 How ketamine resets the loop",
		  NULL, DOC_EPISODE, 3, 4, "resets the loop", 754, -1 },
		{ "single-newline description, end is the next start",
		  NULL, "About the episode.\nSecond line of it.\n00:00 Intro\n05:07 Maintenance\n12:00 Side effects",
		  DOC_EPISODE, 3, 4, "Maintenance", 307, 720 },
		{ "the paragraph before the times is one untimed passage",
		  NULL, "About the episode.\nSecond line of it.\n00:00 Intro\n05:07 Maintenance",
		  DOC_EPISODE, 2, 3, "Second line", -1, -1 },
		{ "text after the times stays",
		  "- 1:02:03 Late topic\n\nThanks to our listeners.", NULL,
		  DOC_EPISODE, 1, 2, "Late topic", 3723, -1 },
		{ "no timestamps: untouched", "Just prose about esketamine.\n\nMore.", NULL,
		  DOC_EPISODE, 0, 0, NULL, 0, 0 },
		{ "a schedule (times going back) is not chapters",
		  "10:30 Doors open\n09:00 Breakfast", NULL, DOC_EPISODE, 0, 0, NULL, 0, 0 },
		{ "not an episode: untouched", "00:00 Intro\n01:00 Next", NULL,
		  DOC_ARTICLE, 0, 0, NULL, 0, 0 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct doc d;
		char what[160];
		int rc;

		doc_init(&d);
		d.kind = cases[i].kind;
		d.content = xstrdup_or_null(cases[i].content);
		d.summary = xstrdup_or_null(cases[i].summary);
		rc = podcast_shownotes(&d);
		snprintf(what, sizeof(what), "shownotes: %s: timed", cases[i].what);
		check_int(what, rc, cases[i].timed);
		snprintf(what, sizeof(what), "shownotes: %s: passages", cases[i].what);
		check_int(what, d.npassages, cases[i].npassages);
		if (cases[i].phrase) {
			const struct passage *p = find(&d, cases[i].phrase);

			snprintf(what, sizeof(what), "shownotes: %s: times", cases[i].what);
			check(what, p && p->start_s == cases[i].start_s && p->end_s == cases[i].end_s);
			if (p && p->start_s >= 0) {
				snprintf(what, sizeof(what), "shownotes: %s: topic without the time",
					cases[i].what);
				check(what, !strchr(p->text, ':'));
			}
		}
		doc_release(&d);
	}

	/* a document with passages of its own keeps them */
	{
		struct doc d;

		doc_init(&d);
		d.kind = DOC_EPISODE;
		d.content = xstrdup("00:00 Intro\n01:00 Next");
		doc_add_passage(&d, NULL, "own", -1, -1, NULL);
		check_int("shownotes: own passages kept", podcast_shownotes(&d), 0);
		check_int("shownotes: own passages kept: count", d.npassages, 1);
		doc_release(&d);
	}
}

static void test_pick(void)
{
	static const struct {
		const char *what;
		const char *refs[4][2];   /* url, type */
		int want;                 /* index, or -1 */
	} cases[] = {
		{ "json first", { { "http://x/a.srt", "application/x-subrip" },
		  { "http://x/a.vtt", "text/vtt" }, { "http://x/a.json", "application/json" },
		  { "http://x/a.html", "text/html" } }, 2 },
		{ "vtt before srt", { { "http://x/a.srt", NULL }, { "http://x/a.vtt", NULL } }, 1 },
		{ "html before text", { { "http://x/a.txt", "text/plain" },
		  { "http://x/a", "text/html" } }, 1 },
		{ "unknown still taken", { { "http://x/a", "application/octet-stream" } }, 0 },
		{ "no URL is no transcript", { { "", "text/vtt" } }, -1 },
		{ "none", { { NULL, NULL } }, -1 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct doc d;
		const struct transcript_ref *t;
		struct transcript_ref *v = NULL;
		size_t n = 0;

		doc_init(&d);
		for (size_t k = 0; k < 4 && cases[i].refs[k][0]; k++) {
			v = xrealloc(v, (n + 1) * sizeof(*v));
			memset(&v[n], 0, sizeof(*v));
			v[n].url = xstrdup(cases[i].refs[k][0]);
			v[n].type = xstrdup_or_null(cases[i].refs[k][1]);
			n++;
		}
		d.transcripts = v;
		d.ntranscripts = n;
		t = podcast_pick_transcript(&d);
		check_int(cases[i].what, t ? (long long)(t - d.transcripts) : -1, cases[i].want);
		doc_release(&d);
	}
}

static void test_samples(void)
{
	static const struct {
		const char *file, *type, *phrase;
		double start_s;
	} cases[] = {
		{ "transcripts/ep1.vtt", "text/vtt", "glutamate surge rebuilds synapses", 754 },
		{ "transcripts/ep2.srt", "application/x-subrip", "maintenance infusions every three weeks", 307.25 },
		{ "transcripts/ep3.json", "application/json", "the default mode network quiets down", 754.5 },
		{ "transcripts/ep4.html", "text/html", "nasal spray under supervision in the clinic", 1265 },
		/* no type: the extension, else the bytes, say what it is */
		{ "transcripts/ep1.vtt", NULL, "glutamate surge rebuilds synapses", 754 },
		{ "transcripts/ep3.json", NULL, "the default mode network quiets down", 754.5 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char path[256], what[200];
		size_t len = 0;
		char *data;
		struct doc d;
		const struct passage *p;
		int n, big = 0;

		snprintf(path, sizeof(path), SAMPLE "%s", cases[i].file);
		data = slurp(path, &len);
		check(path, data != NULL);
		doc_init(&d);
		n = data ? podcast_transcript_passages(data, len, cases[i].type, path, &d) : -1;
		snprintf(what, sizeof(what), "%s (%s): passages", cases[i].file,
			cases[i].type ? cases[i].type : "no type");
		check(what, n > 3 && (size_t)n == d.npassages);
		p = find(&d, cases[i].phrase);
		snprintf(what, sizeof(what), "%s: '%s' at %.2f s", cases[i].file,
			cases[i].phrase, cases[i].start_s);
		check(what, p && fabs(p->start_s - cases[i].start_s) < 0.001);
		if (!(p && fabs(p->start_s - cases[i].start_s) < 0.001) && p)
			printf("#   got %.3f\n", p->start_s);
		for (size_t k = 0; k < d.npassages; k++) {
			const struct passage *q = &d.passages[k];

			/* the sample's cues are all shorter than a passage */
			if (strlen(q->text) > PODCAST_PASSAGE_BYTES)
				big = 1;
		}
		snprintf(what, sizeof(what), "%s: passages within %d bytes", cases[i].file,
			PODCAST_PASSAGE_BYTES);
		check(what, !big);
		doc_release(&d);
		free(data);
	}

	/* one speaker's short cues merge; a change of speaker does not */
	{
		static const char vtt[] =
			"WEBVTT\n\n00:00.000 --> 00:05.000\n<v A>one\n\n"
			"00:05.000 --> 00:10.000\n<v A>two\n\n"
			"00:10.000 --> 00:15.000\n<v B>three\n\n"
			"00:15.000 --> 01:30.000\n<v B>four\n";
		struct doc d;
		int n;

		doc_init(&d);
		n = podcast_transcript_passages(vtt, sizeof(vtt) - 1, "text/vtt", NULL, &d);
		check_int("merge: three passages", n, 3);
		check("merge: 'one two' by A", d.npassages > 0 && !strcmp(d.passages[0].text, "one two") &&
			d.passages[0].speaker && !strcmp(d.passages[0].speaker, "A"));
		check("merge: over 60 s apart stays apart", d.npassages == 3 &&
			d.passages[2].start_s == 15);
		doc_release(&d);
	}
	{
		struct doc d;

		doc_init(&d);
		check_int("not JSON: error", podcast_transcript_passages("{oops", 5,
			"application/json", NULL, &d), -1);
		check_int("not JSON: no passages", d.npassages, 0);
		doc_release(&d);
	}
}

static void test_chapters(void)
{
	size_t len = 0;
	char *data = slurp(SAMPLE "chapters/ep1.json", &len);
	const struct passage *p;
	struct doc d;
	int n;

	doc_init(&d);
	check("chapters: sample read", data != NULL);
	n = data ? podcast_chapter_passages(data, len, &d) : -1;
	check_int("chapters: five", n, 5);
	p = find(&d, "resets the depressive loop");
	check("chapters: timed 754 to 1510", p && p->start_s == 754 && p->end_s == 1510);
	check_str("chapters: the title is the text", p ? p->text : NULL,
		"How ketamine resets the depressive loop");
	check_str("chapters: labelled", p ? p->label : NULL, PODCAST_CHAPTER_LABEL);
	check_int("chapters: not chapters JSON", podcast_chapter_passages("[]", 2, &d), -1);
	doc_release(&d);
	free(data);
}

int main(void)
{
	test_shownotes();
	test_pick();
	test_samples();
	test_chapters();
	return test_done();
}
