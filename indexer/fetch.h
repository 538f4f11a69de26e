#ifndef EVIDEX_FETCH_H
#define EVIDEX_FETCH_H

#include <stddef.h>
#include <time.h>

#include "../core/buf.h"
#include "../core/version.h"

/*
 * HTTP(S) fetching on libcurl's multi interface: many requests at once,
 * at most one transfer in flight per origin (scheme+host+port), a minimum
 * interval between request starts per origin, a cap on transfers in
 * parallel, and robots.txt (RFC 9309) checked per origin when a request
 * asks for it. Only http and https, for requests and redirects; bodies
 * decoded (gzip, deflate, br, zstd as libcurl supports) and capped.
 *
 * Usage:
 *   fetch_global_init();                 once, before any thread exists
 *   struct fetcher *f = fetcher_new(8);
 *   struct fetch_request rq = { .url = u, .robots = 1, .done = cb, .data = p };
 *   fetcher_add(f, &rq);                 also from inside callbacks
 *   fetcher_run(f);                      returns when nothing is left
 *   fetcher_free(f);
 *   fetch_global_cleanup();
 *
 * Pacing: an origin's next request starts no sooner than its interval
 * after the previous start (robots.txt fetches count), nor before a
 * Retry-After from a 429 or 503 has passed; when that is more than
 * FETCH_HOLD_MAX_SECONDS away, its queued requests finish at once with
 * FETCH_ERR_HELD. A robots.txt Crawl-delay (up to FETCH_HOLD_MAX_SECONDS)
 * raises the origin's interval. The fetcher never retries by itself.
 * Redirects are followed inside one transfer (up to LIMIT_REDIRECTS), so
 * pacing and robots.txt apply to the origin of the requested URL.
 */

#define FETCH_USER_AGENT EVIDEX_USER_AGENT  /* core/version.h */

#define FETCH_DEFAULT_INTERVAL_MS 1000L  /* between starts, per origin */
#define FETCH_HOLD_MAX_SECONDS    60L    /* longest Retry-After we wait out */
#define FETCH_ROBOTS_MAX_AGE      86400L /* RFC 9309 §2.4: 24 hours */

/* What became of a request (fetch_result.err). */
enum fetch_err {
	FETCH_OK = 0,          /* a response arrived: see status (any code) */
	FETCH_ERR_URL,         /* not an http(s) URL we can fetch */
	FETCH_ERR_NETWORK,     /* DNS, connect, TLS, timeout ...: see error */
	FETCH_ERR_TOO_LARGE,   /* body or headers passed their limit */
	FETCH_ERR_ROBOTS,      /* disallowed by robots.txt: do not retry */
	FETCH_ERR_ROBOTS_NOW,  /* robots.txt unreachable (5xx, 429, network):
			          all disallowed for now, retry later */
	FETCH_ERR_HELD,        /* the origin asked us (Retry-After) to wait
				  longer than FETCH_HOLD_MAX_SECONDS */
};

/*
 * The outcome of one request. All strings are NUL-terminated and owned
 * by the result; in a callback, take any of them by setting the field to
 * NULL (or the body with buf_detach(&res->body, &len)) and the fetcher
 * frees the rest after the callback returns.
 */
struct fetch_result {
	enum fetch_err err;
	long status;          /* HTTP status of the last response; 0 if none */
	char *url;            /* as requested */
	char *final_url;      /* after redirects (== url when none) */
	int redirects;        /* redirect hops followed */
	int permanent;        /* 1 when redirects > 0 and every hop was a
				 301 or 308: the caller may store final_url */
	char *etag;           /* validators of the last response, exactly as */
	char *last_modified;  /* received; NULL when absent */
	char *content_type;
	long retry_after;     /* seconds from now (Retry-After as seconds or an
				 HTTP-date, not negative); -1 when absent */
	struct buf body;      /* decoded body, at most max_bytes */
	char *error;          /* when err != FETCH_OK, a message saying why */
	double seconds;       /* total transfer time */
};

struct fetcher;

/*
 * Called once per request when it is finished, whatever happened. May
 * call fetcher_add() (on 'f'); must not free 'f'.
 */
typedef void fetch_done_fn(struct fetcher *f, struct fetch_result *res, void *data);

/* One request; fetcher_add() copies what it needs, all strings included. */
struct fetch_request {
	const char *url;
	const char *etag;           /* sent as If-None-Match when not NULL */
	const char *last_modified;  /* sent as If-Modified-Since when not NULL */
	const char *post;           /* POST this x-www-form-urlencoded body */
	int robots;                 /* 1: check the origin's robots.txt first */
	long interval_ms;           /* > 0: the origin's minimum interval between
				       request starts from now on */
	size_t max_bytes;           /* body cap; 0: LIMIT_BODY_BYTES */
	fetch_done_fn *done;        /* may be NULL */
	void *data;                 /* handed to done() */
};

/*
 * Optional persistence of robots.txt across runs (e.g. in the database).
 * load() is asked once per origin before fetching its robots.txt: it
 * returns 1 and fills *text (malloc'd; the fetcher frees it), *len, the
 * HTTP *status it came with and the *fetched time, or 0 when it has none.
 * A copy younger than FETCH_ROBOTS_MAX_AGE is used as is; an older one
 * only if a fresh fetch finds robots.txt unreachable. save() is called
 * after each fetch of a robots.txt that answered 2xx or 4xx.
 */
struct fetch_robots_store {
	int (*load)(void *data, const char *origin, char **text, size_t *len,
		    long *status, time_t *fetched);
	void (*save)(void *data, const char *origin, const char *text,
		     size_t len, long status, time_t fetched);
	void *data;
};

/* Sets up libcurl; call once before any other fetch function. 0 or -1. */
int fetch_global_init(void);
void fetch_global_cleanup(void);

/*
 * A new fetcher running at most 'max_parallel' transfers at once (< 1
 * means 8). Dies only on out-of-memory. Free with fetcher_free().
 */
struct fetcher *fetcher_new(int max_parallel);

/* Frees 'f'; requests never run are dropped without a callback. */
void fetcher_free(struct fetcher *f);

/* The interval between starts for origins not otherwise set (ms). */
void fetcher_set_default_interval(struct fetcher *f, long ms);

/*
 * The minimum interval between request starts for the origin of 'url'
 * (any URL on it). Returns 0, or -1 (with an error) for a bad URL.
 */
int fetcher_set_interval(struct fetcher *f, const char *url, long ms);

/* Installs robots.txt persistence hooks (copied); NULL removes them. */
void fetcher_set_robots_store(struct fetcher *f, const struct fetch_robots_store *s);

/*
 * Queues a request. Always 0: a URL that cannot be fetched is reported
 * through done() (FETCH_ERR_URL) during fetcher_run().
 */
int fetcher_add(struct fetcher *f, const struct fetch_request *req);

/*
 * Runs until every request, including those added by callbacks, is
 * finished and its callback called. Returns 0, or -1 (error printed) when
 * libcurl itself failed; unfinished requests are then dropped without a
 * callback by fetcher_free().
 */
int fetcher_run(struct fetcher *f);

/*
 * Fetches one request and waits for it (its 'done' and 'data' are
 * ignored). Fills *res (release it with fetch_result_release()) and
 * returns 0 when a response arrived (any HTTP status), -1 when not
 * (res->err and res->error say why; nothing printed).
 */
int fetch_one(const struct fetch_request *req, struct fetch_result *res);

/*
 * Frees what a result holds and leaves it empty (NULL strings, an empty
 * body, retry_after -1); also sets up a result never used.
 */
void fetch_result_release(struct fetch_result *res);

/* A short English name of an error code ("disallowed by robots.txt"). */
const char *fetch_err_name(enum fetch_err err);

#endif
