#ifndef EVIDEX_PAGES_H
#define EVIDEX_PAGES_H

#include <stddef.h>

#include <sqlite3.h>

#include "core/buf.h"
#include "core/doc.h"
#include "indexer/fetch.h"
#include "indexer/store.h"

/*
 * Web article pages: the full text behind a feed item that carries only
 * a teaser, fetched once during refresh and attached to the item's
 * document (passages of origin "page"); the checks 'evidex add' shares
 * with it; and robots.txt kept in the database across runs.
 *
 * During refresh:
 *   struct pages *p = pages_new(db, store, fetcher);
 *   after a source's items are committed, for each stored item:
 *       pages_note(p, source_id, item, doc_id);
 *   then pages_submit(p);
 *   fetcher_run() fetches the pages, each callback stores one page in
 *   its own transaction and records the visit in table 'fetched';
 *   pages_free(p) after fetcher_run() (and after fetcher_free()).
 */

/* A feed item with no content and a summary shorter than this is a teaser. */
#define PAGE_TEASER_CHARS 400
/* A page that failed for a passing reason (network, 5xx, 429, robots.txt
 * unreachable) is tried again no sooner than this after the last try. */
#define PAGE_RETRY_SECONDS 86400L

/*
 * 1 when feed item 'd' is an article (not an episode or a paper) with an
 * http(s) link and no text of its own worth indexing: no content and a
 * summary shorter than PAGE_TEASER_CHARS characters, or content or
 * summary ending in a "read more", "continue reading" or "..." link.
 * Else 0.
 */
int page_is_teaser(const struct doc *d);

/*
 * 1 when a body of type 'content_type' (may be NULL: then the first
 * bytes of 'body' decide) is an HTML page, else 0.
 */
int page_is_html(const char *content_type, const char *body, size_t len);

/*
 * Extracts the article of a fetched page into 'out' (doc_init'ed by the
 * caller, who doc_release()s it in every case), resolving links against
 * the URL after redirects; when the page names no canonical URL, that
 * URL becomes the document's. Returns 0, or -1 with the reason why the
 * page gives no article (not fetched, robots.txt, HTTP status, not HTML,
 * no text) appended to 'why'; only extract_html() may print, when the
 * bytes cannot be parsed as HTML at all.
 */
int page_extract(const struct fetch_result *res, struct doc *out,
	struct buf *why);

/*
 * The status recorded in table 'fetched' for a result: the HTTP status
 * when a response arrived, else minus its enum fetch_err.
 */
long page_status(const struct fetch_result *res);

/* Page fetching for one refresh run. */
struct pages;

/*
 * A new page fetcher on 'db', 'store' and 'f' (none owned; all must
 * outlive it). Dies only on out-of-memory. Free with pages_free().
 */
struct pages *pages_new(sqlite3 *db, struct store *store, struct fetcher *f);

/* Frees 'p' and every page it noted or queued; NULL is fine. */
void pages_free(struct pages *p);

/*
 * Notes that feed item 'd', stored as document 'id' of source
 * 'source_id', needs its page: when it is a teaser, the source's
 * fetch_pages is on, and its link was not fetched before (nor noted in
 * this run). Returns 1 noted, 0 not wanted, -1 on a database error
 * (printed; the item is skipped).
 */
int pages_note(struct pages *p, long long source_id, const struct doc *d,
	long long id);

/* Queues the pages noted since the last submit on the fetcher. */
void pages_submit(struct pages *p);

/* Pages attached so far, and pages that gave nothing (recorded too). */
void pages_counts(const struct pages *p, long *attached, long *failed);

/*
 * Fills 's' with hooks that load and save robots.txt copies in table
 * 'robots' of 'db' (which must outlive the fetcher they are installed
 * on); hand it to fetcher_set_robots_store().
 */
void pages_robots_store(struct fetch_robots_store *s, sqlite3 *db);

#endif
