#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>

#include "../core/buf.h"
#include "../core/limits.h"
#include "../core/log.h"
#include "../core/url.h"
#include "fetch.h"
#include "robots.h"

enum { ROBOTS_NONE, ROBOTS_FETCHING, ROBOTS_READY };

/* A queued request, with its own copies of every string. */
struct req {
	struct req *next;
	char *url, *etag, *last_modified, *post;
	char *path;             /* path?query, for robots.txt matching */
	int robots;
	int is_robots;          /* our own fetch of an origin's robots.txt */
	size_t max_bytes;
	fetch_done_fn *done;
	void *data;
	struct host *host;      /* NULL for a URL we cannot fetch */
	enum fetch_err err;     /* set when finished without a transfer */
	char *error;
};

/* Everything we know about one origin (scheme://host:port). */
struct host {
	struct host *next;
	char *origin;
	long interval_ms;
	long long last_start;   /* now_us() of the last start; -1 none */
	long long hold_until;   /* Retry-After: no start before this (us) */
	int busy;               /* a transfer is in flight */
	struct req *head, *tail;
	int robots_state;
	struct robots *robots;  /* NULL when unreachable (ROBOTS_READY) */
	char *stale_text;       /* an old stored copy, for when unreachable */
	size_t stale_len;
	long stale_status;
	int have_stale;
	int store_asked;        /* robots_store.load() was called */
};

/* A running transfer. */
struct xfer {
	struct xfer *next;
	CURL *easy;
	struct req *req;
	struct fetch_result res;
	struct curl_slist *headers;
	size_t header_bytes;
	long cur_status;        /* status of the response being read */
	int all_permanent;      /* every earlier response was 301/308 */
	int too_large;          /* 1 body, 2 headers */
	char errbuf[CURL_ERROR_SIZE];
};

struct fetcher {
	CURLM *multi;
	int max_parallel, running;
	long default_interval;
	struct host *hosts;
	struct xfer *xfers;
	struct req *failed, *failed_tail;   /* finished without a transfer */
	struct fetch_robots_store store;
	int have_store;
};

/* Monotonic time in microseconds. */
static long long now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

const char *fetch_err_name(enum fetch_err err)
{
	switch (err) {
	case FETCH_OK: return "ok";
	case FETCH_ERR_URL: return "bad URL";
	case FETCH_ERR_NETWORK: return "network error";
	case FETCH_ERR_TOO_LARGE: return "too large";
	case FETCH_ERR_ROBOTS: return "disallowed by robots.txt";
	case FETCH_ERR_ROBOTS_NOW: return "robots.txt unreachable, not now";
	case FETCH_ERR_HELD: return "server asked to wait (Retry-After)";
	}
	return "unknown error";
}

int fetch_global_init(void)
{
	if (curl_global_init(CURL_GLOBAL_DEFAULT))
		return error("cannot initialise libcurl");
	return 0;
}

void fetch_global_cleanup(void)
{
	curl_global_cleanup();
}

void fetch_result_release(struct fetch_result *res)
{
	free(res->url);
	free(res->final_url);
	free(res->etag);
	free(res->last_modified);
	free(res->content_type);
	free(res->error);
	buf_release(&res->body);
	memset(res, 0, sizeof(*res));
	buf_init(&res->body, LIMIT_BODY_BYTES);
	res->retry_after = -1;
}

static char *lower_dup(const char *s)
{
	char *d = xstrdup(s), *p;

	for (p = d; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return d;
}

/*
 * Splits an http(s) URL into its origin and its path?query (both new
 * strings). Returns 0, or -1 with *why set (a new string).
 */
static int url_split(const char *url, char **origin, char **path, char **why)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *host = NULL, *port = NULL, *p = NULL, *q = NULL;
	struct buf b = BUF_INIT;
	int rc = -1;

	*origin = *path = *why = NULL;
	if (!u)
		die("out of memory parsing a URL");
	if (curl_url_set(u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME) ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0)) {
		buf_printf(&b, "cannot parse URL '%s'", url);
		*why = buf_detach(&b, NULL);
		goto out;
	}
	if (strcasecmp(scheme, "http") && strcasecmp(scheme, "https")) {
		buf_printf(&b, "unsupported scheme '%s' in '%s' (only http, https)",
			   scheme, url);
		*why = buf_detach(&b, NULL);
		goto out;
	}
	if (curl_url_get(u, CURLUPART_HOST, &host, 0) ||
	    curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) ||
	    curl_url_get(u, CURLUPART_PATH, &p, 0)) {
		buf_printf(&b, "cannot parse URL '%s'", url);
		*why = buf_detach(&b, NULL);
		goto out;
	}
	if (curl_url_get(u, CURLUPART_QUERY, &q, 0))
		q = NULL;
	buf_printf(&b, "%s://%s:%s", scheme, host, port);
	{
		char *o = buf_detach(&b, NULL);

		*origin = lower_dup(o);
		free(o);
	}
	buf_printf(&b, "%s%s%s", p && *p ? p : "/", q ? "?" : "", q ? q : "");
	*path = buf_detach(&b, NULL);
	rc = 0;
out:
	buf_release(&b);
	curl_free(scheme);
	curl_free(host);
	curl_free(port);
	curl_free(p);
	curl_free(q);
	curl_url_cleanup(u);
	return rc;
}

static struct host *host_get(struct fetcher *f, const char *origin)
{
	struct host *h, **tail = &f->hosts;

	for (h = f->hosts; h; h = h->next) {
		if (!strcmp(h->origin, origin))
			return h;
		tail = &h->next;
	}
	h = xcalloc(1, sizeof(*h));
	h->origin = xstrdup(origin);
	h->interval_ms = f->default_interval;
	h->last_start = -1;
	*tail = h;
	return h;
}

static void req_free(struct req *r)
{
	if (!r)
		return;
	free(r->url);
	free(r->etag);
	free(r->last_modified);
	free(r->post);
	free(r->path);
	free(r->error);
	free(r);
}

static void host_free(struct host *h)
{
	struct req *r, *next;

	for (r = h->head; r; r = next) {
		next = r->next;
		req_free(r);
	}
	robots_free(h->robots);
	free(h->stale_text);
	free(h->origin);
	free(h);
}

struct fetcher *fetcher_new(int max_parallel)
{
	struct fetcher *f = xcalloc(1, sizeof(*f));

	f->max_parallel = max_parallel < 1 ? 8 : max_parallel;
	f->default_interval = FETCH_DEFAULT_INTERVAL_MS;
	f->multi = curl_multi_init();
	if (!f->multi)
		die("cannot create a libcurl multi handle");
	curl_multi_setopt(f->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)f->max_parallel);
	curl_multi_setopt(f->multi, CURLMOPT_MAX_HOST_CONNECTIONS, 1L);
	return f;
}

static void xfer_free(struct fetcher *f, struct xfer *x)
{
	if (x->easy) {
		curl_multi_remove_handle(f->multi, x->easy);
		curl_easy_cleanup(x->easy);
	}
	curl_slist_free_all(x->headers);
	fetch_result_release(&x->res);
	req_free(x->req);
	free(x);
}

void fetcher_free(struct fetcher *f)
{
	struct host *h, *hn;
	struct xfer *x, *xn;
	struct req *r, *rn;

	if (!f)
		return;
	for (x = f->xfers; x; x = xn) {
		xn = x->next;
		xfer_free(f, x);
	}
	for (h = f->hosts; h; h = hn) {
		hn = h->next;
		host_free(h);
	}
	for (r = f->failed; r; r = rn) {
		rn = r->next;
		req_free(r);
	}
	curl_multi_cleanup(f->multi);
	free(f);
}

void fetcher_set_default_interval(struct fetcher *f, long ms)
{
	struct host *h;

	for (h = f->hosts; h; h = h->next)
		if (h->interval_ms == f->default_interval)
			h->interval_ms = ms < 0 ? 0 : ms;
	f->default_interval = ms < 0 ? 0 : ms;
}

int fetcher_set_interval(struct fetcher *f, const char *url, long ms)
{
	char *origin, *path, *why;

	if (url_split(url, &origin, &path, &why) < 0) {
		error("%s", why);
		free(why);
		return -1;
	}
	host_get(f, origin)->interval_ms = ms < 0 ? 0 : ms;
	free(origin);
	free(path);
	return 0;
}

void fetcher_set_robots_store(struct fetcher *f, const struct fetch_robots_store *s)
{
	f->have_store = s != NULL;
	if (s)
		f->store = *s;
}

static void fail_later(struct fetcher *f, struct req *r, enum fetch_err err, char *why)
{
	r->err = err;
	free(r->error);
	r->error = why;
	r->next = NULL;
	if (f->failed_tail)
		f->failed_tail->next = r;
	else
		f->failed = r;
	f->failed_tail = r;
}

static void enqueue(struct host *h, struct req *r)
{
	r->next = NULL;
	if (h->tail)
		h->tail->next = r;
	else
		h->head = r;
	h->tail = r;
}

static struct req *dequeue(struct host *h)
{
	struct req *r = h->head;

	h->head = r->next;
	if (!h->head)
		h->tail = NULL;
	r->next = NULL;
	return r;
}

int fetcher_add(struct fetcher *f, const struct fetch_request *rq)
{
	struct req *r = xcalloc(1, sizeof(*r));
	char *origin, *why;

	r->url = xstrdup(rq->url ? rq->url : "");
	r->etag = xstrdup_or_null(rq->etag);
	r->last_modified = xstrdup_or_null(rq->last_modified);
	r->post = xstrdup_or_null(rq->post);
	r->robots = rq->robots;
	r->max_bytes = rq->max_bytes ? rq->max_bytes : LIMIT_BODY_BYTES;
	r->done = rq->done;
	r->data = rq->data;
	if (url_split(r->url, &origin, &r->path, &why) < 0) {
		fail_later(f, r, FETCH_ERR_URL, why);
		return 0;
	}
	r->host = host_get(f, origin);
	free(origin);
	if (rq->interval_ms > 0)
		r->host->interval_ms = rq->interval_ms;
	enqueue(r->host, r);
	return 0;
}

/* --- one transfer ------------------------------------------------------ */

static size_t on_body(char *data, size_t size, size_t n, void *p)
{
	struct xfer *x = p;
	struct buf *b = &x->res.body;
	size_t len = size * n, room = b->max - b->len;

	if (len > room) {
		buf_add(b, data, room); /* what fits, for robots.txt */
		x->too_large = 1;
		return 0;
	}
	if (buf_add(b, data, len) < 0) {
		x->too_large = 1;
		return 0;
	}
	return len;
}

static char *header_value(const char *v, size_t n)
{
	while (n && (*v == ' ' || *v == '\t')) {
		v++;
		n--;
	}
	while (n && (v[n - 1] == ' ' || v[n - 1] == '\t' || v[n - 1] == '\r' ||
		     v[n - 1] == '\n'))
		n--;
	return xstrndup(v, n);
}

/* Retry-After as seconds from now: delta-seconds or an HTTP-date. */
static long parse_retry_after(const char *v)
{
	if (*v >= '0' && *v <= '9') {
		long s = 0;

		for (; *v >= '0' && *v <= '9'; v++)
			s = s > 86400L * 365 ? s : s * 10 + (*v - '0');
		return *v ? -1 : s;
	} else {
		time_t t = curl_getdate(v, NULL), now = time(NULL);

		if (t == (time_t)-1)
			return -1;
		return t > now ? (long)(t - now) : 0;
	}
}

static int is_header(const char *line, size_t n, const char *name, size_t *vstart)
{
	size_t k = strlen(name);

	if (n <= k || line[k] != ':' || strncasecmp(line, name, k))
		return 0;
	*vstart = k + 1;
	return 1;
}

static size_t on_header(char *line, size_t size, size_t n, void *p)
{
	struct xfer *x = p;
	struct fetch_result *res = &x->res;
	size_t len = size * n, v;

	x->header_bytes += len;
	if (x->header_bytes > LIMIT_HEADER_BYTES) {
		x->too_large = 2;
		return 0;
	}
	if (len > 5 && !strncmp(line, "HTTP/", 5)) {
		const char *sp = memchr(line, ' ', len);
		long code = sp ? strtol(sp + 1, NULL, 10) : 0;

		if (code >= 100 && code < 200)
			return len; /* 100 Continue and friends */
		if (x->cur_status && x->cur_status != 301 && x->cur_status != 308)
			x->all_permanent = 0;
		x->cur_status = code;
		/* a new response: forget the headers of the one before */
		free(res->etag);
		free(res->last_modified);
		free(res->content_type);
		res->etag = res->last_modified = res->content_type = NULL;
		res->retry_after = -1;
		return len;
	}
	if (is_header(line, len, "etag", &v)) {
		free(res->etag);
		res->etag = header_value(line + v, len - v);
	} else if (is_header(line, len, "last-modified", &v)) {
		free(res->last_modified);
		res->last_modified = header_value(line + v, len - v);
	} else if (is_header(line, len, "content-type", &v)) {
		free(res->content_type);
		res->content_type = header_value(line + v, len - v);
	} else if (is_header(line, len, "retry-after", &v)) {
		char *s = header_value(line + v, len - v);

		res->retry_after = parse_retry_after(s);
		free(s);
	}
	return len;
}

static int safe_header_value(const char *s)
{
	return s && *s && !strpbrk(s, "\r\n");
}

static void start_xfer(struct fetcher *f, struct host *h, struct req *r)
{
	struct xfer *x = xcalloc(1, sizeof(*x));
	struct buf hb = BUF_INIT;
	CURL *e;

	x->req = r;
	x->all_permanent = 1;
	fetch_result_release(&x->res);
	buf_init(&x->res.body, r->max_bytes);
	x->easy = e = curl_easy_init();
	if (!e)
		die("cannot create a libcurl handle");
	curl_easy_setopt(e, CURLOPT_URL, r->url);
	curl_easy_setopt(e, CURLOPT_PRIVATE, x);
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(e, CURLOPT_MAXREDIRS, (long)LIMIT_REDIRECTS);
	curl_easy_setopt(e, CURLOPT_TIMEOUT, LIMIT_FETCH_SECONDS);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, LIMIT_CONNECT_SECONDS);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, LIMIT_LOW_SPEED_BYTES);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, LIMIT_LOW_SPEED_SECONDS);
	curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(e, CURLOPT_USERAGENT, FETCH_USER_AGENT);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, x->errbuf);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, x);
	if (!r->is_robots)
		curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)r->max_bytes);
	if (safe_header_value(r->etag)) {
		buf_printf(&hb, "If-None-Match: %s", r->etag);
		x->headers = curl_slist_append(x->headers, hb.data);
		buf_reset(&hb);
	}
	if (safe_header_value(r->last_modified)) {
		buf_printf(&hb, "If-Modified-Since: %s", r->last_modified);
		x->headers = curl_slist_append(x->headers, hb.data);
	}
	buf_release(&hb);
	if (x->headers)
		curl_easy_setopt(e, CURLOPT_HTTPHEADER, x->headers);
	if (r->post)
		curl_easy_setopt(e, CURLOPT_COPYPOSTFIELDS, r->post);

	if (curl_multi_add_handle(f->multi, e) != CURLM_OK)
		die("cannot add a libcurl handle");
	x->next = f->xfers;
	f->xfers = x;
	f->running++;
	h->busy = 1;
	h->last_start = now_us();
	if (log_level > 1) {
		char *shown = url_redact(r->url);

		verbosef("fetch %s", shown);
		free(shown);
	}
}

/* Starts the fetch of h's robots.txt (or takes a stored copy). */
static void robots_apply(struct host *h, long status, const char *text, size_t len)
{
	robots_free(h->robots);
	h->robots = NULL;
	if (status >= 200 && status < 300)
		h->robots = robots_parse(text, len, ROBOTS_AGENT);
	else if (status >= 300 && status < 500 && status != 429)
		h->robots = robots_allow_all(); /* unavailable: no rules */
	/* else unreachable: h->robots stays NULL, all disallowed for now */
	h->robots_state = ROBOTS_READY;
	if (h->robots) {
		long cd = robots_crawl_delay_ms(h->robots);

		if (cd > FETCH_HOLD_MAX_SECONDS * 1000)
			cd = FETCH_HOLD_MAX_SECONDS * 1000;
		if (cd > h->interval_ms)
			h->interval_ms = cd;
	}
}

static int robots_from_store(struct fetcher *f, struct host *h)
{
	char *text = NULL;
	size_t len = 0;
	long status = 0;
	time_t fetched = 0;

	if (h->store_asked)
		return 0;
	h->store_asked = 1;
	if (!f->have_store || !f->store.load ||
	    f->store.load(f->store.data, h->origin, &text, &len, &status, &fetched) != 1)
		return 0;
	if (time(NULL) - fetched < FETCH_ROBOTS_MAX_AGE && time(NULL) >= fetched) {
		robots_apply(h, status, text, len);
		free(text);
		return 1;
	}
	free(h->stale_text);
	h->stale_text = text;
	h->stale_len = len;
	h->stale_status = status;
	h->have_stale = 1;
	return 0;
}

static void robots_start(struct fetcher *f, struct host *h)
{
	struct req *r = xcalloc(1, sizeof(*r));
	struct buf b = BUF_INIT;

	buf_printf(&b, "%s/robots.txt", h->origin);
	r->url = buf_detach(&b, NULL);
	r->path = xstrdup("/robots.txt");
	r->is_robots = 1;
	r->max_bytes = LIMIT_ROBOTS_BYTES;
	r->host = h;
	h->robots_state = ROBOTS_FETCHING;
	start_xfer(f, h, r);
}

static void robots_done(struct fetcher *f, struct host *h,
			struct fetch_result *res, CURLcode rc)
{
	long status = res->status;

	if (res->err == FETCH_ERR_TOO_LARGE && status >= 200 && status < 300)
		res->err = FETCH_OK; /* parse what fits (RFC 9309 §2.5) */
	if (rc == CURLE_TOO_MANY_REDIRECTS) {
		status = 404; /* more than five: unavailable (§2.3.1.2) */
		res->err = FETCH_OK;
	}
	if (res->err != FETCH_OK)
		status = 0;
	if ((status == 0 || status == 429 || status >= 500) && h->have_stale) {
		robots_apply(h, h->stale_status, h->stale_text, h->stale_len);
		verbosef("robots.txt of %s unreachable, using the stored copy", h->origin);
		return;
	}
	robots_apply(h, status, res->body.data, res->body.len);
	if (f->have_store && f->store.save && status >= 200 && status < 500 &&
	    status != 429)
		f->store.save(f->store.data, h->origin, res->body.data,
			      res->body.len, status, time(NULL));
	verbosef("robots.txt of %s: %ld, %zu rules", h->origin, status,
		 robots_rule_count(h->robots));
}

static void finish_xfer(struct fetcher *f, struct xfer *x, CURLcode rc)
{
	struct fetch_result *res = &x->res;
	struct req *r = x->req;
	struct host *h = r->host;
	struct xfer **pp;
	char *eff = NULL;
	long redirects = 0;
	struct buf b = BUF_INIT;

	for (pp = &f->xfers; *pp; pp = &(*pp)->next)
		if (*pp == x) {
			*pp = x->next;
			break;
		}
	f->running--;
	h->busy = 0;

	curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &res->status);
	curl_easy_getinfo(x->easy, CURLINFO_EFFECTIVE_URL, &eff);
	curl_easy_getinfo(x->easy, CURLINFO_REDIRECT_COUNT, &redirects);
	curl_easy_getinfo(x->easy, CURLINFO_TOTAL_TIME, &res->seconds);
	res->url = xstrdup(r->url);
	res->final_url = xstrdup(eff ? eff : r->url);
	res->redirects = (int)redirects;
	res->permanent = redirects > 0 && x->all_permanent;

	if (x->too_large == 2 || (rc == CURLE_WRITE_ERROR && x->too_large) ||
	    rc == CURLE_FILESIZE_EXCEEDED) {
		res->err = FETCH_ERR_TOO_LARGE;
		buf_printf(&b, "%s from '%s' too large (over %zu bytes)",
			   x->too_large == 2 ? "headers" : "response", r->url,
			   x->too_large == 2 ? LIMIT_HEADER_BYTES : r->max_bytes);
	} else if (rc == CURLE_UNSUPPORTED_PROTOCOL) {
		res->err = FETCH_ERR_URL;
		buf_printf(&b, "'%s': %s", r->url, x->errbuf[0] ? x->errbuf :
			   curl_easy_strerror(rc));
	} else if (rc != CURLE_OK) {
		res->err = FETCH_ERR_NETWORK;
		buf_printf(&b, "'%s': %s", r->url, x->errbuf[0] ? x->errbuf :
			   curl_easy_strerror(rc));
	}
	if (res->err != FETCH_OK)
		res->error = buf_detach(&b, NULL);
	buf_release(&b);

	if ((res->status == 429 || res->status == 503) && res->retry_after >= 0)
		h->hold_until = now_us() + (long long)res->retry_after * 1000000;
	if (log_level > 1) {
		char *shown = url_redact(r->url);

		verbosef("%s: %ld %s (%.2f s)", shown, res->status,
			res->err ? res->error : "", res->seconds);
		free(shown);
	}

	if (r->is_robots)
		robots_done(f, h, res, rc);
	else if (r->done)
		r->done(f, res, r->data);
	xfer_free(f, x);
}

/* Calls back the requests finished without a transfer. */
static int report_failed(struct fetcher *f)
{
	int n = 0;

	while (f->failed) {
		struct req *r = f->failed;
		struct fetch_result res;

		f->failed = r->next;
		if (!f->failed)
			f->failed_tail = NULL;
		memset(&res, 0, sizeof(res));
		fetch_result_release(&res);
		res.err = r->err;
		res.url = xstrdup(r->url);
		res.final_url = xstrdup(r->url);
		res.error = r->error;
		r->error = NULL;
		if (r->done)
			r->done(f, &res, r->data);
		fetch_result_release(&res);
		req_free(r);
		n++;
	}
	return n;
}

/*
 * Starts whatever may start now. Returns the milliseconds until the next
 * start could be possible, or -1 when nothing waits on time.
 */
static long dispatch(struct fetcher *f)
{
	long long now = now_us(), wait = -1;
	struct host *h;

	for (h = f->hosts; h; h = h->next) {
		while (!h->busy && h->head && f->running < f->max_parallel) {
			struct req *r = h->head;
			long long next;
			struct buf b = BUF_INIT;

			if (r->robots && h->robots_state == ROBOTS_NONE &&
			    robots_from_store(f, h))
				continue;
			if (r->robots && h->robots_state == ROBOTS_READY) {
				if (!h->robots) {
					buf_printf(&b, "'%s': robots.txt of %s unreachable, not now",
						   r->url, h->origin);
					fail_later(f, dequeue(h), FETCH_ERR_ROBOTS_NOW,
						   buf_detach(&b, NULL));
					continue;
				}
				if (!robots_allowed(h->robots, r->path)) {
					buf_printf(&b, "'%s': disallowed by robots.txt", r->url);
					fail_later(f, dequeue(h), FETCH_ERR_ROBOTS,
						   buf_detach(&b, NULL));
					continue;
				}
			}
			if (h->hold_until - now > FETCH_HOLD_MAX_SECONDS * 1000000) {
				buf_printf(&b, "'%s': %s asked to wait %lld s",
					   r->url, h->origin,
					   (h->hold_until - now) / 1000000);
				fail_later(f, dequeue(h), FETCH_ERR_HELD,
					   buf_detach(&b, NULL));
				continue;
			}
			next = h->last_start < 0 ? now :
				h->last_start + (long long)h->interval_ms * 1000;
			if (h->hold_until > next)
				next = h->hold_until;
			if (next > now) {
				if (wait < 0 || next - now < wait)
					wait = next - now;
				break;
			}
			if (r->robots && h->robots_state == ROBOTS_NONE)
				robots_start(f, h);
			else
				start_xfer(f, h, dequeue(h));
		}
	}
	return wait < 0 ? -1 : (long)((wait + 999) / 1000); /* round up */
}

static int pending(struct fetcher *f)
{
	struct host *h;

	if (f->running || f->failed)
		return 1;
	for (h = f->hosts; h; h = h->next)
		if (h->head)
			return 1;
	return 0;
}

int fetcher_run(struct fetcher *f)
{
	for (;;) {
		int still = 0, left, done = 0;
		long wait;
		CURLMsg *m;
		CURLMcode mc;

		done += report_failed(f);
		wait = dispatch(f);
		done += report_failed(f);
		if (!pending(f))
			return 0;
		if (done)
			continue;
		mc = curl_multi_perform(f->multi, &still);
		if (mc != CURLM_OK)
			return error("libcurl: %s", curl_multi_strerror(mc));
		while ((m = curl_multi_info_read(f->multi, &left))) {
			char *priv = NULL;

			if (m->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, &priv);
			finish_xfer(f, (struct xfer *)priv, m->data.result);
			done++;
		}
		if (done)
			continue;
		if (wait < 0 || wait > 1000)
			wait = 1000;
		mc = curl_multi_poll(f->multi, NULL, 0, (int)wait, NULL);
		if (mc != CURLM_OK)
			return error("libcurl: %s", curl_multi_strerror(mc));
	}
}

static void one_done(struct fetcher *f, struct fetch_result *res, void *data)
{
	struct fetch_result *out = data;

	*out = *res;
	memset(res, 0, sizeof(*res));
	buf_init(&res->body, 0);
}

int fetch_one(const struct fetch_request *req, struct fetch_result *res)
{
	struct fetcher *f = fetcher_new(1);
	struct fetch_request rq = *req;

	memset(res, 0, sizeof(*res));
	fetch_result_release(res);
	rq.done = one_done;
	rq.data = res;
	fetcher_set_default_interval(f, 0);
	fetcher_add(f, &rq);
	if (fetcher_run(f) < 0 && !res->url) {
		res->err = FETCH_ERR_NETWORK;
		res->error = xstrdup("libcurl failed");
	}
	fetcher_free(f);
	return res->err == FETCH_OK ? 0 : -1;
}
