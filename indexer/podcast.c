#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/buf.h"
#include "core/db.h"
#include "core/limits.h"
#include "core/log.h"
#include "core/text.h"
#include "indexer/podcast.h"
#include "indexer/transcript.h"

/* ---- show notes ---- */

/* Adds the paragraph gathered in 'para' (if any) as an untimed passage. */
static void flush_paragraph(struct doc *d, struct buf *para)
{
	char *text;

	if (!para->len)
		return;
	text = text_squeezed(para->data);
	if (text && *text)
		doc_add_passage(d, NULL, text, -1, -1, NULL);
	free(text);
	buf_reset(para);
}

int podcast_shownotes(struct doc *d)
{
	struct transcript all = TRANSCRIPT_INIT;
	struct buf para = BUF_INIT_MAX(LIMIT_TEXT_BYTES);
	const char *text = d->content && *d->content ? d->content : d->summary;
	size_t j = 0;

	if (d->kind != DOC_EPISODE || d->npassages || !text)
		return 0;
	if (shownotes_timestamps(text, &all) < 0 || !all.n) {
		transcript_release(&all);
		return 0;
	}
	/*
	 * The times are found line by line, in order: a line that is a
	 * timestamp by itself is the next of them (the whole text decided
	 * that they ascend, and where each ends).
	 */
	for (const char *p = text; *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		char *line = xstrndup(p, n);
		struct transcript one = TRANSCRIPT_INIT;

		shownotes_timestamps(line, &one);
		if (one.n == 1) {
			const struct segment *s = j < all.n ? &all.v[j++] : &one.v[0];

			flush_paragraph(d, &para);
			doc_add_passage(d, NULL, s->text, s->start_s, s->end_s, NULL);
		} else if (strspn(line, " \t\r") == n) {
			flush_paragraph(d, &para);
		} else {
			if (para.len)
				buf_addc(&para, '\n');
			buf_adds(&para, line);
		}
		transcript_release(&one);
		free(line);
		p += n;
		if (*p == '\n')
			p++;
	}
	flush_paragraph(d, &para);
	buf_release(&para);
	transcript_release(&all);
	return (int)j;
}

/* ---- transcripts and chapters into passages ---- */

/* Preference among transcript formats, lower is better. */
static int rank_of(enum transcript_format fmt)
{
	switch (fmt) {
	case TRANSCRIPT_JSON: return 0;
	case TRANSCRIPT_VTT: return 1;
	case TRANSCRIPT_SRT: return 2;
	case TRANSCRIPT_HTML: return 3;
	case TRANSCRIPT_TEXT: return 4;
	default: return 5;
	}
}

const struct transcript_ref *podcast_pick_transcript(const struct doc *d)
{
	const struct transcript_ref *best = NULL;
	int best_rank = 0;

	for (size_t i = 0; i < d->ntranscripts; i++) {
		const struct transcript_ref *t = &d->transcripts[i];
		int rank;

		if (!t->url || !*t->url)
			continue;
		rank = rank_of(transcript_format_of(t->type, t->url, NULL, 0));
		if (!best || rank < best_rank) {
			best = t;
			best_rank = rank;
		}
	}
	return best;
}

int podcast_transcript_passages(const char *data, size_t len,
	const char *mime_type, const char *url, struct doc *out)
{
	struct transcript t = TRANSCRIPT_INIT, merged = TRANSCRIPT_INIT;
	enum transcript_format fmt = transcript_format_of(mime_type, url, data, len);
	int added = 0;

	if (transcript_parse(data, len, fmt, &t) < 0) {
		transcript_release(&t);
		return -1;
	}
	/* a cut-off merge keeps what fit: still worth indexing */
	transcript_merge(&t, PODCAST_PASSAGE_SECONDS, PODCAST_PASSAGE_BYTES, &merged);
	for (size_t i = 0; i < merged.n; i++) {
		const struct segment *s = &merged.v[i];

		if (!doc_add_passage(out, NULL, s->text, s->start_s, s->end_s, s->speaker))
			break;
		added++;
	}
	transcript_release(&t);
	transcript_release(&merged);
	return added;
}

int podcast_chapter_passages(const char *data, size_t len, struct doc *out)
{
	struct transcript t = TRANSCRIPT_INIT;
	int added = 0;

	if (chapters_parse(data, len, &t) < 0) {
		transcript_release(&t);
		return -1;
	}
	for (size_t i = 0; i < t.n; i++) {
		const struct segment *s = &t.v[i];

		if (!doc_add_passage(out, PODCAST_CHAPTER_LABEL, s->text, s->start_s,
		    s->end_s, NULL))
			break;
		added++;
	}
	transcript_release(&t);
	return added;
}

/* ---- fetching during a refresh ---- */

/* One queued fetch; kept until podcast_free() (the fetcher may drop it). */
struct job {
	struct podcast *p;
	long long doc_id;
	char *url;
	char *type;       /* the transcript's MIME type, or NULL */
	int chapters;     /* 1: podcast:chapters JSON, 0: a transcript */
	struct job *next;
};

struct podcast {
	sqlite3 *db;
	struct store *store;
	sqlite3_stmt *failed;    /* failed fetches still worth a retry */
	struct job *jobs;
	struct podcast_stats stats;
};

struct podcast *podcast_new(sqlite3 *db, struct store *store)
{
	struct podcast *p = xcalloc(1, sizeof(*p));

	p->db = db;
	p->store = store;
	/* failures whose URL the episode still names as transcript or chapters */
	p->failed = db_prepare(db,
		"SELECT f.url, f.doc_id, f.url = json_extract(d.meta, '$.chapters_url'),"
		" (SELECT json_extract(j.value, '$.type') FROM json_each(d.meta, '$.transcripts') j"
		"  WHERE json_extract(j.value, '$.url') = f.url LIMIT 1),"
		" EXISTS (SELECT 1 FROM json_each(d.meta, '$.transcripts') j"
		"  WHERE json_extract(j.value, '$.url') = f.url)"
		" FROM fetched f JOIN documents d ON d.id = f.doc_id"
		" WHERE d.source_id = ?1 AND d.kind = 'episode'"
		" AND NOT (f.status BETWEEN 200 AND 299) ORDER BY f.doc_id");
	if (!p->failed) {
		podcast_free(p);
		return NULL;
	}
	return p;
}

void podcast_free(struct podcast *p)
{
	if (!p)
		return;
	while (p->jobs) {
		struct job *j = p->jobs;

		p->jobs = j->next;
		free(j->url);
		free(j->type);
		free(j);
	}
	sqlite3_finalize(p->failed);
	free(p);
}

void podcast_stats(const struct podcast *p, struct podcast_stats *s)
{
	*s = p->stats;
}

/* 1 when 'url' was fetched with success for document 'id' already. */
static int fetched_before(struct podcast *p, const char *url, long long id)
{
	long status;
	long long when, doc;

	return store_fetched_get(p->store, url, &status, &when, &doc) == 1 &&
		status >= 200 && status <= 299 && doc == id;
}

/* Records a fetch of 'j' that ended with 'status' (0: no answer). */
static int record(struct podcast *p, const struct job *j, long status)
{
	return store_fetched(p->store, j->url, status, j->doc_id);
}

/* Parses and attaches what 'j' fetched, with its record, in one transaction. */
static int attach(struct podcast *p, const struct job *j, const struct buf *body, long status)
{
	struct doc d;
	int n, rc = -1;

	doc_init(&d);
	n = j->chapters ? podcast_chapter_passages(body->data, body->len, &d) :
		podcast_transcript_passages(body->data, body->len, j->type, j->url, &d);
	if (n < 0) {
		/* the same bytes would not parse next time either */
		record(p, j, status);
		goto out;
	}
	if (store_begin(p->store) < 0)
		goto out;
	if (store_attach(p->store, j->doc_id, j->chapters ? "chapters" : "transcript",
	    d.passages, d.npassages) < 0 || record(p, j, status) < 0 ||
	    store_commit(p->store) < 0) {
		store_rollback(p->store);
		goto out;
	}
	verbosef("%s: %d %s passages", j->url, n, j->chapters ? "chapter" : "transcript");
	rc = 0;
out:
	doc_release(&d);
	return rc;
}

static void job_done(struct fetcher *f, struct fetch_result *res, void *data)
{
	struct job *j = data;
	struct podcast *p = j->p;
	const char *what = j->chapters ? "chapters" : "transcript";

	(void)f;
	if (res->err != FETCH_OK) {
		warnf("%s %s: %s (will retry)", what, j->url,
			res->error ? res->error : fetch_err_name(res->err));
		record(p, j, 0);
		p->stats.failed++;
		return;
	}
	if (res->status < 200 || res->status > 299) {
		warnf("%s %s: HTTP %ld (will retry)", what, j->url, res->status);
		record(p, j, res->status);
		p->stats.failed++;
		return;
	}
	if (attach(p, j, &res->body, res->status) < 0) {
		warnf("%s %s: not stored", what, j->url);
		p->stats.failed++;
		return;
	}
	if (j->chapters)
		p->stats.chapters++;
	else
		p->stats.transcripts++;
}

/* Queues one fetch unless done before or already queued; 1 queued, else 0. */
static int queue_one(struct podcast *p, struct fetcher *f, long long doc_id,
	const char *url, const char *type, int chapters)
{
	struct fetch_request rq = { 0 };
	struct job *j;

	if (!url || !*url || fetched_before(p, url, doc_id))
		return 0;
	for (j = p->jobs; j; j = j->next)
		if (j->doc_id == doc_id && !strcmp(j->url, url))
			return 0;
	j = xcalloc(1, sizeof(*j));
	j->p = p;
	j->doc_id = doc_id;
	j->url = xstrdup(url);
	j->type = xstrdup_or_null(type);
	j->chapters = chapters;
	j->next = p->jobs;
	p->jobs = j;
	rq.url = j->url;
	rq.robots = 1;
	rq.done = job_done;
	rq.data = j;
	fetcher_add(f, &rq);
	p->stats.queued++;
	return 1;
}

int podcast_queue(struct podcast *p, struct fetcher *f, long long doc_id,
	const struct doc *d)
{
	const struct transcript_ref *t;
	int n = 0;

	if (d->kind != DOC_EPISODE || doc_id <= 0)
		return 0;
	if ((t = podcast_pick_transcript(d)))
		n += queue_one(p, f, doc_id, t->url, t->type, 0);
	n += queue_one(p, f, doc_id, d->chapters_url, NULL, 1);
	return n;
}

int podcast_retry(struct podcast *p, struct fetcher *f, long long source_id)
{
	sqlite3_stmt *st = p->failed;
	int n = 0, rc;

	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, source_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *url = (const char *)sqlite3_column_text(st, 0);
		long long doc_id = sqlite3_column_int64(st, 1);

		if (sqlite3_column_int(st, 2))
			n += queue_one(p, f, doc_id, url, NULL, 1);
		else if (sqlite3_column_int(st, 4))
			n += queue_one(p, f, doc_id, url,
				(const char *)sqlite3_column_text(st, 3), 0);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return error("database: %s", sqlite3_errmsg(p->db));
	return n;
}
