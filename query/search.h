#ifndef EVIDEX_SEARCH_H
#define EVIDEX_SEARCH_H

#include <sqlite3.h>

#include "core/buf.h"
#include "query/query.h"

/*
 * Search: the user's query as a safe FTS5 expression over doc_fts, ranked
 * by bm25 with the title weighted above the body, then by evidence level
 * (a meta-analysis above an RCT above ... above a blog post or podcast),
 * a retracted paper never first; each hit carries its best passage, the
 * sentence around the match with the matched words marked, and where
 * that passage is (paragraph N, or seconds into an episode).
 */
enum search_sort {
	SORT_RELEVANCE = 0,
	SORT_EVIDENCE,
	SORT_DATE,
};

struct search_opts {
	int limit, offset;
	int kind;              /* enum doc_kind, or -1 for any */
	int min_evidence;      /* enum evidence, or -1 for any; > 0 keeps papers only */
	const char *since;     /* ISO date prefix, or NULL */
	const char *until;
	enum search_sort sort;
	const char *mark_open, *mark_close; /* around matched words in snippets */
};

struct search_hit {
	long long id;
	double score;          /* higher is better */
	double bm25;           /* FTS5's, lower is better */
	int evidence;
	int retracted;
	char *snippet;         /* sentence with matches marked; may be NULL */
	int paragraph;         /* 1-based passage number, or 0 */
	double start_s;        /* start of the cited passage, or -1 */
	char *label;           /* the passage's label (abstract section, chapter) */
};

struct search_result {
	struct search_hit *hits;
	size_t n;
	long long total;       /* candidates found before paging */
};

/* Sets 'o' to the defaults: 10 results, any kind, relevance order. */
void search_opts_init(struct search_opts *o);

/*
 * Runs query 'q' on 'db'. Fills 'res' (search_result_release() it).
 * Returns 0 (res->n may be 0: nothing matched), QUERY_EMPTY when the
 * query holds nothing to search for, -1 after printing an error.
 */
int search_run(sqlite3 *db, const struct query *q, const struct search_opts *o,
	struct search_result *res);

void search_result_release(struct search_result *res);

#endif
