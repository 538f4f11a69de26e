#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/doc.h"
#include "core/log.h"
#include "core/text.h"
#include "search.h"

/* bm25 column weights: title, body, mesh */
#define BM25 "bm25(doc_fts, 8.0, 1.0, 2.0)"

/* Candidates ranked by relevance are taken from this many best by bm25. */
#define POOL 500

/* Longest snippet kept whole; longer sentences are cut around the match. */
#define SNIPPET_MAX 360

static const char candidates_sql[] =
	"SELECT d.id, " BM25 ", d.evidence, d.retracted"
	" FROM doc_fts JOIN documents d ON d.id = doc_fts.rowid"
	" WHERE doc_fts MATCH ?1"
	" AND (?2 < 0 OR d.kind = CASE ?2 WHEN 0 THEN 'article' WHEN 1 THEN 'paper' ELSE 'episode' END)"
	" AND (?3 IS NULL OR d.published >= ?3)"
	" AND (?4 IS NULL OR substr(d.published, 1, length(?4)) <= ?4)"
	" AND (?5 < 0 OR (d.kind = 'paper' AND d.evidence >= ?5))"
	" ORDER BY %s LIMIT ?6";

static const char passage_sql[] =
	"SELECT p.seq, p.start_s, p.label, highlight(passage_fts, 1, char(1), char(2))"
	" FROM passage_fts JOIN passages p ON p.id = passage_fts.rowid"
	" WHERE passage_fts MATCH ?1 AND passage_fts.rowid BETWEEN ?2 AND ?3"
	" AND p.doc_id = ?4"
	" ORDER BY bm25(passage_fts, 2.0, 1.0) LIMIT 1";

static const char range_sql[] =
	"SELECT min(id), max(id) FROM passages WHERE doc_id = ?1";

static const char doc_snippet_sql[] =
	"SELECT snippet(doc_fts, 1, char(1), char(2), '…', 40),"
	" (SELECT summary FROM documents WHERE id = ?2)"
	" FROM doc_fts WHERE doc_fts MATCH ?1 AND rowid = ?2";

void search_opts_init(struct search_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->limit = 10;
	o->kind = -1;
	o->min_evidence = -1;
	o->mark_open = "**";
	o->mark_close = "**";
}

void search_result_release(struct search_result *res)
{
	for (size_t i = 0; i < res->n; i++) {
		free(res->hits[i].snippet);
		free(res->hits[i].label);
	}
	free(res->hits);
	memset(res, 0, sizeof(*res));
}

struct cand {
	long long id;
	double bm25, score;
	int evidence, retracted, group;
};

/* Appends the candidates for 'expr' not already in 'v'; -1 on error. */
static int collect(sqlite3 *db, const char *expr, const struct search_opts *o,
	int group, int pool, struct cand **v, size_t *n)
{
	struct buf sql = BUF_INIT;
	sqlite3_stmt *st;
	const char *order;
	int rc;

	switch (o->sort) {
	case SORT_DATE: order = "d.published IS NULL, d.published DESC, 2"; break;
	case SORT_EVIDENCE: order = "d.retracted, d.evidence DESC, 2"; break;
	default: order = "2"; break;
	}
	buf_printf(&sql, candidates_sql, order);
	st = db_prepare(db, sql.data);
	buf_release(&sql);
	if (!st)
		return -1;
	db_bind_text(st, 1, expr);
	sqlite3_bind_int(st, 2, o->kind);
	db_bind_text(st, 3, o->since);
	db_bind_text(st, 4, o->until);
	sqlite3_bind_int(st, 5, o->min_evidence);
	sqlite3_bind_int(st, 6, pool);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(st, 0);
		size_t i;

		for (i = 0; i < *n && (*v)[i].id != id; i++)
			;
		if (i < *n)
			continue;
		*v = xrealloc(*v, (*n + 1) * sizeof(**v));
		(*v)[*n].id = id;
		(*v)[*n].bm25 = sqlite3_column_double(st, 1);
		(*v)[*n].evidence = sqlite3_column_int(st, 2);
		(*v)[*n].retracted = sqlite3_column_int(st, 3);
		(*v)[*n].group = group;
		(*n)++;
	}
	if (rc != SQLITE_DONE)
		error("search: %s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int by_score(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	if (x->group != y->group)
		return x->group - y->group;
	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/*
 * Relevance blended with evidence: bm25 (negated, so higher is better)
 * scaled by 1 + level/4: a web article or episode 1, a paper of unknown
 * design 1.5, an RCT 2.75, a meta-analysis 3; a retracted paper halved.
 */
static void score(struct cand *c)
{
	c->score = -c->bm25 * (1.0 + 0.25 * c->evidence);
	if (c->retracted)
		c->score *= 0.5;
}

/* Keeps a retracted paper out of first place when anything else is there. */
static void demote_retracted(struct cand *v, size_t n)
{
	size_t i;

	if (n < 2 || !v[0].retracted)
		return;
	for (i = 1; i < n && v[i].retracted; i++)
		;
	if (i < n) {
		struct cand keep = v[i];

		memmove(v + 1, v, i * sizeof(*v));
		v[0] = keep;
	}
}

static int is_end(const char *p)
{
	return (p[0] == '.' || p[0] == '?' || p[0] == '!') &&
		(p[1] == ' ' || p[1] == '\n' || p[1] == '\0');
}

/*
 * From text with matches between \1 and \2, the sentence holding the
 * most matches, cut to SNIPPET_MAX around its first match, with the
 * marks replaced by the caller's.
 */
static char *best_sentence(const char *text, const char *open, const char *close)
{
	const char *best = NULL, *best_end = NULL, *s = text;
	int best_marks = -1;
	struct buf out = BUF_INIT, flat = BUF_INIT;

	while (*s) {
		const char *e = s;
		int marks = 0;

		while (*e && !is_end(e) && *e != '\n') {
			if (*e == '\1')
				marks++;
			e++;
		}
		if (*e && *e != '\n')
			e++;    /* keep the full stop */
		if (marks > best_marks) {
			best_marks = marks;
			best = s;
			best_end = e;
		}
		s = e;
		while (*s == ' ' || *s == '\n')
			s++;
	}
	if (!best)
		return NULL;
	if (best_end - best > SNIPPET_MAX) {
		const char *m = memchr(best, '\1', (size_t)(best_end - best));
		const char *from = m && m - best > SNIPPET_MAX / 3 ? m - SNIPPET_MAX / 3 : best;
		const char *to = from + SNIPPET_MAX < best_end ? from + SNIPPET_MAX : best_end;

		/* whole words only, and whole UTF-8 characters */
		while (from > best && from[-1] != ' ')
			from--;
		while (to < best_end && *to != ' ')
			to++;
		if (from > best)
			buf_adds(&out, "…");
		buf_add(&out, from, (size_t)(to - from));
		if (to < best_end)
			buf_adds(&out, "…");
	} else {
		buf_add(&out, best, (size_t)(best_end - best));
	}
	/* a mark cut off by the window would leave a half pair: close it */
	{
		int open_marks = 0;

		for (const char *p = out.data; *p; p++) {
			if (*p == '\1') {
				buf_adds(&flat, open);
				open_marks = 1;
			} else if (*p == '\2') {
				if (open_marks)
					buf_adds(&flat, close);
				open_marks = 0;
			} else {
				buf_addc(&flat, *p);
			}
		}
		if (open_marks)
			buf_adds(&flat, close);
	}
	buf_release(&out);
	buf_trim(&flat);
	return flat.len ? buf_detach(&flat, NULL) : (buf_release(&flat), NULL);
}

/* The statements locate() runs for each hit, prepared once a search. */
struct locator {
	sqlite3_stmt *range, *passage, *doc_snippet;
};

static int locator_init(struct locator *l, sqlite3 *db)
{
	l->range = db_prepare(db, range_sql);
	l->passage = db_prepare(db, passage_sql);
	l->doc_snippet = db_prepare(db, doc_snippet_sql);
	return l->range && l->passage && l->doc_snippet ? 0 : -1;
}

static void locator_release(struct locator *l)
{
	sqlite3_finalize(l->range);
	sqlite3_finalize(l->passage);
	sqlite3_finalize(l->doc_snippet);
}

/* Fills the snippet and location of 'h' from its best passage. */
static void locate(struct locator *l, const char *expr, struct search_hit *h,
	const struct search_opts *o)
{
	sqlite3_stmt *st = l->range;
	long long lo = 0, hi = -1;

	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, h->id);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
		lo = sqlite3_column_int64(st, 0);
		hi = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	if (hi >= lo) {
		st = l->passage;
		sqlite3_reset(st);
		db_bind_text(st, 1, expr);
		sqlite3_bind_int64(st, 2, lo);
		sqlite3_bind_int64(st, 3, hi);
		sqlite3_bind_int64(st, 4, h->id);
		if (sqlite3_step(st) == SQLITE_ROW) {
			h->paragraph = sqlite3_column_int(st, 0);
			h->start_s = sqlite3_column_type(st, 1) == SQLITE_NULL ? -1 :
				sqlite3_column_double(st, 1);
			h->label = xstrdup_or_null((const char *)sqlite3_column_text(st, 2));
			h->snippet = best_sentence((const char *)sqlite3_column_text(st, 3),
				o->mark_open, o->mark_close);
		}
		sqlite3_reset(st);
	}
	if (h->snippet)
		return;
	/* the match was in the title or MeSH terms: show the body's start */
	st = l->doc_snippet;
	sqlite3_reset(st);
	db_bind_text(st, 1, expr);
	sqlite3_bind_int64(st, 2, h->id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *snip = (const char *)sqlite3_column_text(st, 0);

		if (snip && strchr(snip, '\1'))
			h->snippet = best_sentence(snip, o->mark_open, o->mark_close);
		else if (sqlite3_column_text(st, 1))
			h->snippet = best_sentence((const char *)sqlite3_column_text(st, 1), "", "");
		else if (snip)
			h->snippet = best_sentence(snip, "", "");
	}
	sqlite3_reset(st);
}

int search_run(sqlite3 *db, const struct query *q, const struct search_opts *o,
	struct search_result *res)
{
	struct buf and_expr = BUF_INIT, or_expr = BUF_INIT;
	struct locator loc = { NULL, NULL, NULL };
	struct cand *v = NULL;
	size_t n = 0;
	int rc = -1, want = o->offset + o->limit;
	int pool = o->sort == SORT_RELEVANCE ? (want > POOL ? want : POOL) : want;

	memset(res, 0, sizeof(*res));
	rc = query_build(q, QUERY_AND, &and_expr);
	if (rc == 0)
		rc = query_build(q, QUERY_OR, &or_expr);
	if (rc != 0) {
		if (rc < 0)
			error("the query is too long");
		goto out;
	}
	rc = -1;
	/* every word first; then, if that is not enough, any word */
	if (collect(db, and_expr.data, o, 0, pool, &v, &n) < 0)
		goto out;
	if ((int)n < want && strcmp(and_expr.data, or_expr.data) &&
	    collect(db, or_expr.data, o, 1, pool, &v, &n) < 0)
		goto out;
	if (o->sort == SORT_RELEVANCE) {
		for (size_t i = 0; i < n; i++)
			score(&v[i]);
		if (n > 1)
			qsort(v, n, sizeof(*v), by_score);
		demote_retracted(v, n);
	} else {
		for (size_t i = 0; i < n; i++)
			v[i].score = -v[i].bm25;
	}
	res->total = (long long)n;
	if (n > (size_t)o->offset && locator_init(&loc, db) < 0)
		goto out;
	for (size_t i = (size_t)o->offset; i < n && (int)res->n < o->limit; i++) {
		struct search_hit *h;

		res->hits = xrealloc(res->hits, (res->n + 1) * sizeof(*h));
		h = &res->hits[res->n++];
		memset(h, 0, sizeof(*h));
		h->id = v[i].id;
		h->score = v[i].score;
		h->bm25 = v[i].bm25;
		h->evidence = v[i].evidence;
		h->retracted = v[i].retracted;
		h->start_s = -1;
		locate(&loc, or_expr.data, h, o);
	}
	rc = 0;
out:
	locator_release(&loc);
	if (rc < 0 && res->hits)
		search_result_release(res);
	free(v);
	buf_release(&and_expr);
	buf_release(&or_expr);
	return rc;
}
