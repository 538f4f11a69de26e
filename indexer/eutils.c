/*
 * The E-utilities client: ESearch (History server), EFetch in batches,
 * date windows for incremental runs and for PubMed's 10,000-record
 * limit, paced retries. See eutils.h.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/buf.h"
#include "../core/doc.h"
#include "../core/config.h"
#include "../core/json.h"
#include "../core/limits.h"
#include "../core/log.h"
#include "../core/url.h"
#include "../core/text.h"
#include "eutils.h"
#include "pubmed.h"

#define EUTILS_FIRST_YEAR 1800  /* an undated search split: from here */

enum step { STEP_ESEARCH, STEP_EFETCH };

/* A range of Entrez dates, in days since 1970-01-01, both ends included. */
struct window {
	long lo, hi;
	int dated;              /* 0: no date limits at all */
};

struct eutils {
	struct fetcher *f;
	struct store *store;
	long long source_id;
	char *base;             /* ".../eutils/" */
	struct pubmed_query q;  /* the source's query, identity set, no dates */
	eutils_done_fn *done;
	void *data;
	long today, cap, batch, interval_ms;

	struct window *stack;   /* windows still to search, last on top */
	size_t nstack, alloc;
	struct window cur;

	long long count;        /* matches in cur */
	long want, next;        /* records of cur to fetch; next to ask for */
	char *webenv, *query_key;
	struct strlist ids;     /* without History: the PMIDs of cur */

	enum step step;
	long retstart;          /* of the ESearch in flight */
	long asked;             /* records asked for by the EFetch in flight */
	char *url, *post;       /* the request in flight, for retries */
	int tries;              /* retries of the request in flight */
	int delayed;            /* the origin's interval is stretched */
	long last_retry_after;
	long requests;
	struct eutils_outcome out;
};

static void esearch(struct eutils *e, long retstart);
static void next_window(struct eutils *e);

/* ---- days ---- */

static long days_from_civil(long y, long m, long d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static int digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/*
 * "YYYY", "YYYY/MM" or "YYYY/MM/DD" ('-' too) as a day number: the first
 * day of the period, or its last when 'end' is set. -1 when invalid.
 */
static int parse_day(const char *s, int end, long *out)
{
	size_t n = s ? strlen(s) : 0;
	int y, m = end ? 12 : 1, d = 1;

	if ((n != 4 && n != 7 && n != 10) || (y = digits(s, 4)) < 1000)
		return -1;
	if (n >= 7 && ((s[4] != '/' && s[4] != '-') || (m = digits(s + 5, 2)) < 1 || m > 12))
		return -1;
	if (n == 10) {
		long last = days_from_civil(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) -
			days_from_civil(y, m, 1);

		if ((s[7] != '/' && s[7] != '-') || (d = digits(s + 8, 2)) < 1 || d > last)
			return -1;
		*out = days_from_civil(y, m, d);
		return 0;
	}
	if (end)	/* the day before the next period starts */
		*out = n == 4 ? days_from_civil(y + 1, 1, 1) - 1 :
			days_from_civil(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) - 1;
	else
		*out = days_from_civil(y, m, 1);
	return 0;
}

/* 'day' as "YYYY/MM/DD" into 'out' (11 bytes). */
static void format_day(long day, char out[11])
{
	int y, m, d;

	civil_from_days(day, &y, &m, &d);
	if (y < 0 || y > 9999)
		y = y < 0 ? 0 : 9999;
	snprintf(out, 11, "%04d/%02d/%02d", y, m, d);
}

/* ---- setup ---- */

/* A positive number from the environment at most 'max', else 'def'. */
static long env_long(const char *name, long def, long max)
{
	const char *s = getenv(name);
	char *end;
	long v;

	if (!s || !*s)
		return def;
	v = strtol(s, &end, 10);
	if (*end || v < 1 || v > max)
		return def;
	return v;
}

static void set_identity(struct pubmed_query *q)
{
	static int warned;
	const char *email = config_get("email", "EVIDEX_EMAIL");
	const char *key = config_get("ncbi_api_key", "EVIDEX_NCBI_API_KEY");

	free(q->tool);
	q->tool = xstrdup(EUTILS_TOOL);
	if (email && *email) {
		free(q->email);
		q->email = xstrdup(email);
	}
	if (key && *key) {
		free(q->api_key);
		q->api_key = xstrdup(key);
	}
	if (!q->email && !warned) {
		warned = 1;
		warnf("set EVIDEX_EMAIL, or 'email = ...' in ~/.config/evidex/config, to "
			"your e-mail address: NCBI asks every E-utilities user for one "
			"(running without it)");
	}
}

/* The day of the last successful run in 'state', or -1. */
static long state_last_run(const char *state)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	long day = -1;

	if (!state || !*state || !json_check(state, strlen(state)) || !(db = json_db()))
		return -1;
	if (sqlite3_prepare_v2(db, "SELECT json_valid(?1),"
	    " CASE WHEN json_valid(?1) THEN json_extract(?1, '$.last_run') END",
	    -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, state, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *s = (const char *)sqlite3_column_text(st, 1);

		if (!sqlite3_column_int(st, 0))
			warnf("pubmed: unreadable source state; fetching as on a first run");
		else if (s && parse_day(s, 0, &day) < 0)
			day = -1;
	}
	sqlite3_finalize(st);
	return day;
}

static void push(struct eutils *e, struct window w)
{
	if (e->nstack == e->alloc) {
		e->alloc = e->alloc ? e->alloc * 2 : 8;
		e->stack = xrealloc(e->stack, e->alloc * sizeof(*e->stack));
	}
	e->stack[e->nstack++] = w;
}

/*
 * The first window of this run: since the last run (a day of overlap)
 * within the source's own dates; everything on a first run. 0, or 1
 * when there is nothing to ask for.
 */
static int first_window(struct eutils *e, long last_run)
{
	struct pubmed_query *q = &e->q;
	struct window w = { 0, 0, 0 };
	long smin = -1, smax = -1, day;
	int have_min = 0, have_max = 0;

	if (q->mindate && parse_day(q->mindate, 0, &day) == 0) {
		smin = day;
		have_min = 1;
	}
	if (q->maxdate && parse_day(q->maxdate, 1, &day) == 0) {
		smax = day;
		have_max = 1;
	}
	if (!have_min && !have_max && q->reldate >= 0) {
		smin = e->today - q->reldate;
		have_min = 1;
	}
	if (last_run >= 0 || have_min || have_max) {
		w.dated = 1;
		w.lo = have_min ? smin : days_from_civil(EUTILS_FIRST_YEAR, 1, 1);
		w.hi = have_max ? smax : e->today;
		if (last_run >= 0) {
			if (last_run - 1 > w.lo)
				w.lo = last_run - 1;
			if (e->today < w.hi)
				w.hi = e->today;
		}
		if (w.lo > w.hi)
			return 1;
	}
	free(q->mindate);
	free(q->maxdate);
	q->mindate = q->maxdate = NULL;
	q->reldate = -1;
	q->retstart = 0;
	q->retmax = -1;
	push(e, w);
	return 0;
}

static void eutils_free(struct eutils *e)
{
	free(e->base);
	pubmed_query_release(&e->q);
	free(e->stack);
	free(e->webenv);
	free(e->query_key);
	strlist_release(&e->ids);
	free(e->url);
	free(e->post);
	free(e->out.state);
	free(e->out.error);
	free(e);
}

/* Ends the run: done() once, then everything is freed. */
static void finish(struct eutils *e, int ok)
{
	if (ok) {
		struct buf b = BUF_INIT;
		char today[11];

		format_day(e->today, today);
		buf_adds(&b, "{\"last_run\":");
		json_str(&b, today);
		buf_adds(&b, "}");
		e->out.state = buf_detach(&b, NULL);
		free(e->out.error);
		e->out.error = NULL;
	} else if (!e->out.error) {
		e->out.error = xstrdup("pubmed: the run failed");
	}
	e->out.ok = ok;
	e->done(e->data, &e->out);
	eutils_free(e);
}

static void fail(struct eutils *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void fail(struct eutils *e, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	free(e->out.error);
	e->out.error = buf_detach(&b, NULL);
	finish(e, 0);
}

/* ---- requests ---- */

static void on_response(struct fetcher *f, struct fetch_result *res, void *data);

/* Sends e->url (POSTing e->post when set); 'delay_ms' > 0 stretches the
 * origin's interval so the request starts that much after the last. */
static void request_send(struct eutils *e, long delay_ms)
{
	struct fetch_request rq = { 0 };

	if (++e->requests > EUTILS_MAX_REQUESTS) {
		fail(e, "pubmed: more than %d requests in one run; stopped",
			EUTILS_MAX_REQUESTS);
		return;
	}
	rq.url = e->url;
	rq.post = e->post;
	rq.done = on_response;
	rq.data = e;
	if (delay_ms > e->interval_ms) {
		rq.interval_ms = delay_ms;
		e->delayed = 1;
	}
	if (log_level > 1) {
		char *u = url_redact(e->url), *p = e->post ? url_redact(e->post) : NULL;

		verbosef("pubmed: %s %s%s%s", p ? "POST" : "GET", u, p ? " " : "", p ? p : "");
		free(u);
		free(p);
	}
	fetcher_add(e->f, &rq);
}

static void set_request(struct eutils *e, enum step step, struct buf *url, struct buf *post)
{
	free(e->url);
	free(e->post);
	e->url = buf_detach(url, NULL);
	e->post = post ? buf_detach(post, NULL) : NULL;
	e->step = step;
	e->tries = 0;
}

/* Asks again after a pause, or gives up after EUTILS_RETRIES retries. */
static void retry(struct eutils *e, const struct fetch_result *res, const char *why)
{
	const char *what = e->step == STEP_ESEARCH ? "esearch" : "efetch";
	long wait;

	if (res->retry_after >= 0)
		e->last_retry_after = res->retry_after;
	if (e->tries >= EUTILS_RETRIES) {
		e->out.retry_after = res->retry_after;
		fail(e, "pubmed %s: %s (gave up after %d retries)", what, why, e->tries);
		return;
	}
	wait = res->retry_after >= 0 ? res->retry_after : 1L << e->tries;
	if (wait > FETCH_HOLD_MAX_SECONDS) {
		e->out.retry_after = wait;
		fail(e, "pubmed %s: %s; the server asked to wait %ld s", what, why, wait);
		return;
	}
	e->tries++;
	notef("pubmed %s: %s; retry %d of %d in %ld s", what, why, e->tries,
		EUTILS_RETRIES, wait);
	request_send(e, wait * 1000 + (long)(res->seconds * 1000));
}

/* ---- windows ---- */

/* Splits e->cur in two (years first, then days); 0 when it cannot be. */
static int split(struct eutils *e)
{
	struct window w = e->cur, a, b;
	int y1, y2, m, d;

	if (!w.dated) {
		w.dated = 1;
		w.lo = days_from_civil(EUTILS_FIRST_YEAR, 1, 1);
		w.hi = e->today;
	}
	if (w.lo >= w.hi)
		return 0;
	a = b = w;
	civil_from_days(w.lo, &y1, &m, &d);
	civil_from_days(w.hi, &y2, &m, &d);
	if (y1 != y2) {
		int ym = y1 + (y2 - y1) / 2;

		a.hi = days_from_civil(ym + 1, 1, 1) - 1;
		b.lo = a.hi + 1;
	} else {
		a.hi = w.lo + (w.hi - w.lo) / 2;
		b.lo = a.hi + 1;
	}
	push(e, b);
	push(e, a);
	return 1;
}

static void window_name(const struct window *w, char out[32])
{
	char lo[11], hi[11];

	if (!w->dated) {
		snprintf(out, 32, "all dates");
		return;
	}
	format_day(w->lo, lo);
	format_day(w->hi, hi);
	snprintf(out, 32, "%s-%s", lo, hi);
}

static void next_window(struct eutils *e)
{
	if (!e->nstack) {
		finish(e, 1);
		return;
	}
	e->cur = e->stack[--e->nstack];
	free(e->webenv);
	free(e->query_key);
	e->webenv = e->query_key = NULL;
	strlist_release(&e->ids);
	e->count = 0;
	e->want = e->next = 0;
	esearch(e, 0);
}

static void esearch(struct eutils *e, long retstart)
{
	static char edat[] = "edat";
	struct pubmed_query q = e->q;
	struct buf url = BUF_INIT;
	char lo[11], hi[11];

	q.retstart = retstart;
	q.retmax = e->cap - retstart;
	if (e->cur.dated) {
		format_day(e->cur.lo, lo);
		format_day(e->cur.hi, hi);
		q.datetype = edat;
		q.mindate = lo;
		q.maxdate = hi;
	}
	if (pubmed_esearch_url(&url, e->base, &q) < 0) {
		buf_release(&url);
		fail(e, "pubmed: cannot build the esearch URL");
		return;
	}
	e->retstart = retstart;
	set_request(e, STEP_ESEARCH, &url, NULL);
	request_send(e, 0);
}

static void efetch_next(struct eutils *e)
{
	struct buf url = BUF_INIT, post = BUF_INIT;
	long n;

	if (e->next >= e->want) {
		next_window(e);
		return;
	}
	n = e->want - e->next < e->batch ? e->want - e->next : e->batch;
	if (e->webenv) {
		if (pubmed_efetch_url(&url, e->base, e->webenv, e->query_key,
		    e->next, n, &e->q) < 0)
			goto bad;
		e->asked = n;
		set_request(e, STEP_EFETCH, &url, NULL);
	} else {
		struct strlist slice;

		slice.v = e->ids.v + e->next;
		slice.n = (size_t)n;
		if (pubmed_efetch_post_url(&url, e->base) < 0 ||
		    pubmed_efetch_post_body(&post, &slice, &e->q) < 0)
			goto bad;
		e->asked = n;
		set_request(e, STEP_EFETCH, &url, &post);
	}
	request_send(e, 0);
	return;
bad:
	buf_release(&url);
	buf_release(&post);
	fail(e, "pubmed: cannot build the efetch request");
}

/* An ESearch answer for e->cur (or a further page of its ids). */
static void search_done(struct eutils *e, struct esearch_result *r)
{
	char name[32];

	window_name(&e->cur, name);
	if (e->retstart > 0) {          /* another page of ids */
		size_t before = e->ids.n;

		for (size_t i = 0; i < r->ids.n; i++)
			strlist_add(&e->ids, r->ids.v[i]);
		if ((long)e->ids.n < e->want && e->ids.n > before) {
			esearch(e, (long)e->ids.n);
			return;
		}
		goto fetch;
	}
	e->count = r->count;
	verbosef("pubmed: %s: %lld records", name, r->count);
	if (r->count > e->cap) {
		if (split(e)) {
			next_window(e);
			return;
		}
		warnf("pubmed: %lld records entered on %s; PubMed gives only the first %ld",
			r->count, name, e->cap);
	}
	e->want = r->count > e->cap ? e->cap : (long)r->count;
	e->next = 0;
	if (!e->want) {
		next_window(e);
		return;
	}
	if (r->webenv && *r->webenv && r->query_key && *r->query_key) {
		e->webenv = r->webenv;
		e->query_key = r->query_key;
		r->webenv = r->query_key = NULL;
		efetch_next(e);
		return;
	}
	e->ids = r->ids;
	memset(&r->ids, 0, sizeof(r->ids));
	if ((long)e->ids.n < e->want && e->ids.n > 0) {
		esearch(e, (long)e->ids.n);
		return;
	}
fetch:
	if ((long)e->ids.n < e->want) {
		warnf("pubmed: %s: the server listed %zu of %ld records", name,
			e->ids.n, e->want);
		e->want = (long)e->ids.n;
	}
	efetch_next(e);
}

/* Stores one EFetch batch in one transaction; -1 when it did not land. */
static int store_batch(struct eutils *e, struct doc *docs, size_t n)
{
	long counts[3] = { 0, 0, 0 }, stored = 0;

	if (store_begin(e->store) < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		int rc = store_put(e->store, e->source_id, &docs[i], NULL);

		if (rc < 0)
			continue;       /* one bad record is skipped */
		counts[rc]++;
		stored++;
	}
	if (store_commit(e->store) < 0) {
		store_rollback(e->store);
		return -1;
	}
	e->out.records += stored;
	e->out.docs_new += counts[STORE_NEW];
	e->out.docs_updated += counts[STORE_UPDATED];
	return 0;
}

/*
 * The text of an <ERROR> element in 'body' (the E-utilities error form),
 * squeezed and cut, as a new string; NULL when there is none. Only for
 * messages: the body was already refused by the parser.
 */
static char *error_text(const char *body, size_t len)
{
	const char *p, *q, *end = body + len;
	struct buf raw = BUF_INIT_MAX(256), clean = BUF_INIT_MAX(512);
	char *s;

	for (p = body; p + 7 <= end && memcmp(p, "<ERROR>", 7); p++)
		;
	if (p + 7 > end)
		return NULL;
	p += 7;
	for (q = p; q + 8 <= end && memcmp(q, "</ERROR>", 8); q++)
		;
	if (q + 8 > end)
		return NULL;
	if (q - p > 200)
		q = p + 200;
	utf8_sanitize(&raw, p, (size_t)(q - p));
	text_squeeze(&clean, raw.data);
	buf_release(&raw);
	if (!clean.len) {
		buf_release(&clean);
		return NULL;
	}
	s = buf_detach(&clean, NULL);
	return s;
}

static void fetch_done(struct eutils *e, const struct fetch_result *res)
{
	const char *body = res->body.data;
	size_t len = res->body.len, i = 0;
	struct doc *docs = NULL;
	size_t n = 0;

	while (i < len && (body[i] == ' ' || body[i] == '\n' || body[i] == '\r' || body[i] == '\t'))
		i++;
	if (i < len && body[i] == '{') {        /* a JSON error body */
		struct esearch_result r;
		struct buf why = BUF_INIT;

		esearch_parse(body, len, &r);
		buf_printf(&why, "%s", r.error ? r.error : "a JSON answer, not records");
		esearch_result_release(&r);
		retry(e, res, why.data);
		buf_release(&why);
		return;
	}
	if (pubmed_parse(body, len, &docs, &n) < 0) {
		char *msg = error_text(body, len);

		retry(e, res, msg ? msg : "the answer is not a PubmedArticleSet");
		free(msg);
		return;
	}
	if (!n) {
		retry(e, res, "no records in the answer");
		return;
	}
	if (store_batch(e, docs, n) < 0) {
		pubmed_docs_free(docs, n);
		fail(e, "pubmed: cannot store the records (this batch was not kept)");
		return;
	}
	pubmed_docs_free(docs, n);
	e->next += e->asked;
	efetch_next(e);
}

static void on_response(struct fetcher *f, struct fetch_result *res, void *data)
{
	struct eutils *e = data;
	char why[64];

	if (e->delayed) {
		fetcher_set_interval(f, e->base, e->interval_ms);
		e->delayed = 0;
	}
	if (res->err != FETCH_OK) {
		char *msg = url_redact(res->error ? res->error : fetch_err_name(res->err));

		if (res->err == FETCH_ERR_NETWORK) {
			retry(e, res, msg);
		} else {
			e->out.retry_after = res->err == FETCH_ERR_HELD ? e->last_retry_after : -1;
			fail(e, "pubmed: %s", msg);
		}
		free(msg);
		return;
	}
	if (res->status == 429 || res->status >= 500) {
		snprintf(why, sizeof(why), "HTTP %ld", res->status);
		retry(e, res, why);
		return;
	}
	if (res->status < 200 || res->status > 299) {
		fail(e, "pubmed %s: HTTP %ld", e->step == STEP_ESEARCH ? "esearch" : "efetch",
			res->status);
		return;
	}
	if (e->step == STEP_ESEARCH) {
		struct esearch_result r;

		if (esearch_parse(res->body.data, res->body.len, &r) < 0) {
			struct buf msg = BUF_INIT;

			buf_printf(&msg, "%s", r.error ? r.error : "unreadable answer");
			esearch_result_release(&r);
			retry(e, res, msg.data);
			buf_release(&msg);
			return;
		}
		search_done(e, &r);
		esearch_result_release(&r);
		return;
	}
	fetch_done(e, res);
}

int eutils_refresh_start(struct fetcher *f, struct store *store,
	long long source_id, const char *url, const char *state,
	eutils_done_fn *done, void *data)
{
	struct eutils *e;
	long last_run;

	if (!pubmed_is_source_url(url))
		return error("'%s' is not a PubMed source (an esearch.fcgi URL)", url ? url : "");
	e = xcalloc(1, sizeof(*e));
	if (pubmed_source_parse(url, &e->base, &e->q) < 0) {
		free(e->base);
		pubmed_query_release(&e->q);
		free(e);
		return -1;
	}
	e->f = f;
	e->store = store;
	e->source_id = source_id;
	e->done = done;
	e->data = data;
	e->out.retry_after = -1;
	e->last_retry_after = -1;
	e->today = (long)(time(NULL) / 86400);
	e->cap = env_long("EVIDEX_EUTILS_CAP", EUTILS_CAP, EUTILS_CAP);
	e->batch = env_long("EVIDEX_EUTILS_BATCH", EUTILS_BATCH, EUTILS_BATCH);
	set_identity(&e->q);
	e->interval_ms = e->q.api_key ? EUTILS_INTERVAL_KEY_MS : EUTILS_INTERVAL_MS;
	fetcher_set_interval(f, e->base, e->interval_ms);
	last_run = state_last_run(state);
	if (first_window(e, last_run)) {
		verbosef("pubmed: nothing to ask for since the last run");
		finish(e, 1);
		return 0;
	}
	next_window(e);
	return 0;
}
