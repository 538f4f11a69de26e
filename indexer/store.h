#ifndef EVIDEX_STORE_H
#define EVIDEX_STORE_H

#include <sqlite3.h>

#include "core/doc.h"

/*
 * The store writes documents and their passages, and reads them back.
 * A document's identity is its PMID, DOI, feed GUID (within its source),
 * outside key (ext_id) or canonical URL, looked up in that order: the same
 * paper found by two sources is one row. Statements are prepared once per
 * store. The caller brackets many puts in one transaction (store_begin /
 * store_commit) so a batch lands whole or not at all.
 */
struct store;

/* What store_put() did. */
enum store_result {
	STORE_UNCHANGED = 0,
	STORE_NEW = 1,
	STORE_UPDATED = 2,
};

/* Returns a store on 'db' (not owned), or NULL after printing an error. */
struct store *store_new(sqlite3 *db);
void store_free(struct store *s);

int store_begin(struct store *s);
int store_commit(struct store *s);
void store_rollback(struct store *s);

/*
 * Inserts or updates 'd', found by 'source_id' (0 for none). Sets *id to
 * the document's row id when 'id' is not NULL. Returns an enum
 * store_result, or -1 after printing an error. A document with no title
 * and no text is refused with -1.
 */
int store_put(struct store *s, long long source_id, const struct doc *d, long long *id);

/*
 * Attaches passages that came from elsewhere than the document's own
 * source (origin "page" for a linked article page, "transcript",
 * "chapters") to document 'id', replacing those of the same origin.
 * They stay when store_put() later updates the document, and their text
 * is indexed with it. Returns 0, or -1 after printing an error.
 */
int store_attach(struct store *s, long long id, const char *origin,
	const struct passage *v, size_t n);

/*
 * The 'fetched' table: pages, transcripts and chapters fetched once for a
 * document. store_fetched() records a visit of 'url' ending with HTTP
 * 'status' (0 or below: no answer) for document 'doc_id' (0: none);
 * 0 or -1 after printing an error. store_fetched_get() finds the last
 * visit: 1 with *status, *fetched_at and *doc_id (0 when none) set,
 * 0 when never visited, -1 on error.
 */
int store_fetched(struct store *s, const char *url, long status, long long doc_id);
int store_fetched_get(struct store *s, const char *url, long *status,
	long long *fetched_at, long long *doc_id);

/*
 * Loads document 'id' into 'd' (doc_init'ed by the caller), with its
 * passages when 'passages' is set. Returns 1 found, 0 not found, -1 error.
 */
int store_get(struct store *s, long long id, struct doc *d, int passages);

/* The identity key store_put() would use for 'd' (free() it). */
char *store_key(long long source_id, const struct doc *d);

#endif
