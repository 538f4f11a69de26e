#ifndef EVIDEX_EUTILS_H
#define EVIDEX_EUTILS_H

#include "fetch.h"
#include "store.h"

/*
 * The NCBI E-utilities client behind PubMed sources: ESearch on the
 * History server, then EFetch in batches, each batch stored in one
 * transaction. Asynchronous on a shared struct fetcher: every request is
 * chained from the previous one's callback, nothing blocks.
 *
 * A run:
 *   - first run (state "{}"): the source's query as it is (its own
 *     mindate/maxdate/reldate, read as Entrez dates, if any);
 *   - later runs: only records entered since the last successful run,
 *     datetype=edat, mindate = that run's day minus one (a day of
 *     overlap), maxdate = today (UTC);
 *   - a window matching more than PubMed's 10,000-record ESearch limit is
 *     split (at year boundaries while it spans several years, then in
 *     halves of days) until every part fits, and each part is fetched;
 *   - EFetch by query_key+WebEnv+retstart/retmax when ESearch gave a
 *     WebEnv, else by POSTed id lists; at most EUTILS_BATCH records each;
 *   - tool=evidex, email from $EVIDEX_EMAIL (a warning once per process
 *     when unset), api_key from $EVIDEX_NCBI_API_KEY; the origin's
 *     interval is set to EUTILS_INTERVAL_MS (or _KEY_MS), retries included;
 *   - HTTP 429, 5xx, network errors, a rate-limit JSON body or an
 *     E-utilities error body get up to EUTILS_RETRIES paced retries
 *     (Retry-After when given, else 1 s, 2 s, 4 s), then the run fails.
 *     A failed run never advances the state, so the next run asks for
 *     the same window again; batches stored before the failure stay.
 *
 * Test knobs (not for users): $EVIDEX_EUTILS_CAP replaces the 10,000
 * limit and $EVIDEX_EUTILS_BATCH the batch size (both 1..their default).
 */

#define EUTILS_TOOL           "evidex"
#define EUTILS_BATCH          200     /* records per EFetch */
#define EUTILS_CAP            10000   /* PubMed: ESearch reaches no further */
#define EUTILS_RETRIES        3       /* per request, after the first try */
/*
 * NCBI allows 3 requests per second (10 with an API key), as its servers
 * see them. Spacing our starts exactly 334 ms apart lets network and
 * connection-setup jitter bring two arrivals closer than that (2 ms was
 * measured on loopback), so the starts keep a margin.
 */
#define EUTILS_INTERVAL_MS    360     /* under 3 requests per second ... */
#define EUTILS_INTERVAL_KEY_MS 120    /* ... under 10 with an API key */
#define EUTILS_MAX_REQUESTS   5000    /* per run: a guard against loops */

struct eutils_outcome {
	int ok;               /* 1 when the whole run completed */
	long records;         /* records fetched and stored */
	long docs_new, docs_updated;
	char *state;          /* new state JSON for the source (malloc'd), only when ok */
	char *error;          /* why, when !ok (malloc'd) */
	long retry_after;     /* seconds the server asked us to wait, or -1 */
};

/* Called once at the end of a run; the client frees 'o' after it returns
 * (take o->state or o->error by setting the field to NULL). */
typedef void eutils_done_fn(void *data, struct eutils_outcome *o);

/*
 * Starts refreshing PubMed source 'url' (an ESearch URL, whose base
 * names the E-utilities server) with its stored 'state' JSON ("{}" or
 * NULL the first time; unreadable state counts as a first run). The
 * documents go to 'store' under 'source_id', one transaction per EFetch
 * batch. The requests run on 'f' during fetcher_run(); done() is called
 * exactly once, possibly before this returns when the run cannot begin.
 * Returns 0, or -1 (after an error message, done() not called) when
 * 'url' is not a PubMed source URL.
 */
int eutils_refresh_start(struct fetcher *f, struct store *store,
	long long source_id, const char *url, const char *state,
	eutils_done_fn *done, void *data);

#endif
