/*
 * The fetcher against tests/server.py on 127.0.0.1 (three instances, so
 * three origins): bodies, conditional GET, gzip, redirects, limits,
 * schemes, robots.txt, per-origin pacing and serialisation, Retry-After,
 * concurrency. What was sent is read back from the servers' JSON logs.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "../../core/buf.h"
#include "../../core/json.h"
#include "../../core/log.h"
#include "../../indexer/fetch.h"
#include "test.h"

struct server {
	pid_t pid;
	int port;
	char dir[256], log[300];
};

static char tmp[] = "/tmp/evidex-test-fetch-XXXXXX";
static struct server A, B, C;   /* robots.txt: rules, 404, 500 */

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fp = fopen(path, "w");
	if (!fp)
		die("cannot write '%s'", path);
	fputs(text, fp);
	fclose(fp);
}

/* The server's log so far ("" before it exists). */
static char *read_log(const char *path)
{
	char *s = slurp(path, NULL);

	return s ? s : xstrdup("");
}

/* Starts tests/server.py for 'name' under tmp (see server_wait()). */
static int server_spawn(struct server *s, const char *name, const char *routes)
{
	char root[300], portfile[300], routefile[300];

	snprintf(s->dir, sizeof(s->dir), "%s/%s", tmp, name);
	snprintf(root, sizeof(root), "%s/root", s->dir);
	snprintf(portfile, sizeof(portfile), "%s/port", s->dir);
	snprintf(routefile, sizeof(routefile), "%s/routes.json", s->dir);
	snprintf(s->log, sizeof(s->log), "%s/log", s->dir);
	mkdir(s->dir, 0700);
	mkdir(root, 0700);
	write_file(s->dir, "routes.json", routes ? routes : "{}");
	s->pid = fork();
	if (s->pid < 0)
		return -1;
	if (s->pid == 0) {
		execlp("python3", "python3", "tests/server.py", "--root", root,
		       "--port", "0", "--port-file", portfile, "--log", s->log,
		       "--routes", routefile, "--timeout", "60", (char *)NULL);
		_exit(127);
	}
	return 0;
}

/* Waits (up to 10 s) for the server to listen; 0 or -1. */
static int server_wait(struct server *s)
{
	char portfile[300];
	int i;

	snprintf(portfile, sizeof(portfile), "%s/port", s->dir);
	for (i = 0; s->pid > 0 && i < 1000; i++) {
		FILE *fp = fopen(portfile, "r");

		if (fp) {
			int ok = fscanf(fp, "%d", &s->port) == 1;

			fclose(fp);
			if (ok)
				return 0;
		}
		if (waitpid(s->pid, NULL, WNOHANG) == s->pid) {
			s->pid = 0;
			return -1;
		}
		usleep(10000);
	}
	return -1;
}

/* Stops the servers: SIGTERM to all, then waits for each. */
static void servers_stop(struct server **s, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (s[i]->pid > 0)
			kill(s[i]->pid, SIGTERM);
	for (i = 0; i < n; i++)
		if (s[i]->pid > 0) {
			waitpid(s[i]->pid, NULL, 0);
			s[i]->pid = 0;
		}
}

static char *url(const struct server *s, const char *path)
{
	struct buf b = BUF_INIT;

	buf_printf(&b, "http://127.0.0.1:%d%s", s->port, path);
	return buf_detach(&b, NULL);
}

/* --- reading the server log (JSON Lines) through SQLite ------------- */

struct entry {
	char *path, *method, *inm, *ims, *ua, *ae, *body, *enc;
	double t, t_end;
	long status;
};

static char *col(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	return s ? xstrdup((const char *)s) : NULL;
}

/* Reads the log of 's' into a new array (*n entries). */
static struct entry *log_read(const struct server *s, size_t *n)
{
	char *text = read_log(s->log), *line, *save = NULL;
	struct entry *v = NULL;
	sqlite3_stmt *st;
	sqlite3 *db = json_db();

	*n = 0;
	if (!db || sqlite3_prepare_v2(db, "SELECT json_extract(?1, '$.path'), "
		"json_extract(?1, '$.method'), json_extract(?1, '$.if_none_match'), "
		"json_extract(?1, '$.if_modified_since'), json_extract(?1, '$.user_agent'), "
		"json_extract(?1, '$.accept_encoding'), json_extract(?1, '$.body'), "
		"json_extract(?1, '$.content_encoding'), json_extract(?1, '$.t'), "
		"json_extract(?1, '$.t_end'), json_extract(?1, '$.status')",
		-1, &st, NULL) != SQLITE_OK)
		die("cannot read the server log");
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		struct entry *e;

		sqlite3_bind_text(st, 1, line, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_ROW) {
			sqlite3_reset(st);
			continue;
		}
		v = xrealloc(v, (*n + 1) * sizeof(*v));
		e = &v[(*n)++];
		e->path = col(st, 0);
		e->method = col(st, 1);
		e->inm = col(st, 2);
		e->ims = col(st, 3);
		e->ua = col(st, 4);
		e->ae = col(st, 5);
		e->body = col(st, 6);
		e->enc = col(st, 7);
		e->t = sqlite3_column_double(st, 8);
		e->t_end = sqlite3_column_double(st, 9);
		e->status = sqlite3_column_int(st, 10);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	free(text);
	return v;
}

static void log_free(struct entry *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].path);
		free(v[i].method);
		free(v[i].inm);
		free(v[i].ims);
		free(v[i].ua);
		free(v[i].ae);
		free(v[i].body);
		free(v[i].enc);
	}
	free(v);
}

/* The last entry whose path is 'path', or NULL. */
static const struct entry *log_find(const struct entry *v, size_t n, const char *path)
{
	while (n--)
		if (v[n].path && !strcmp(v[n].path, path))
			return &v[n];
	return NULL;
}

static size_t log_count(const struct entry *v, size_t n, const char *prefix)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		if (v[i].path && !strncmp(v[i].path, prefix, strlen(prefix)))
			c++;
	return c;
}

/* --- collecting results --------------------------------------------- */

struct got {
	const char *name;
	int calls;
	struct fetch_result res;
	struct buf *more;           /* add this URL when done (callback test) */
	double at;                  /* when the callback ran */
};

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static struct got *chained;

static void collect(struct fetcher *f, struct fetch_result *res, void *data)
{
	struct got *g = data;

	g->calls++;
	g->at = now_s();
	if (g->calls == 1) {
		g->res = *res; /* take everything */
		memset(res, 0, sizeof(*res));
		buf_init(&res->body, 0);
	}
	if (g->more && chained) {
		struct fetch_request rq = { .url = g->more->data, .done = collect,
					    .data = chained };

		fetcher_add(f, &rq);
		g->more = NULL;
	}
}

static void add(struct fetcher *f, struct got *g, const char *u, int robots,
		size_t max, const char *post)
{
	struct fetch_request rq = { .url = u, .robots = robots, .max_bytes = max,
				    .post = post, .done = collect, .data = g };

	fetch_result_release(&g->res);
	g->calls = 0;
	fetcher_add(f, &rq);
}

static int ends_with(const char *s, const char *suffix)
{
	size_t a = s ? strlen(s) : 0, b = strlen(suffix);

	return a >= b && !strcmp(s + a - b, suffix);
}

static char hello[] = "Ketamine, an NMDA receptor antagonist, lifted mood within hours in "
	"several small trials of treatment-resistant depression.\n";
static struct buf feed = BUF_INIT;

/* Everything one fetcher does in one run. */
static void test_basic(void)
{
	struct fetcher *f = fetcher_new(8);
	enum { HELLO, FEED, MOVED, TEMP, MIXED, P308, HUGE, ENDLESS, FILEURL, FTP,
	       TOFTP, PRIV, PUB, B404, C500, CNOROBOTS, POST, CHAIN, NG };
	struct got g[NG];
	struct buf more = BUF_INIT;
	char *u[NG];
	struct entry *log;
	const struct entry *e;
	size_t n, robots_before;
	int i;

	memset(g, 0, sizeof(g));
	for (i = 0; i < NG; i++)
		fetch_result_release(&g[i].res);
	fetcher_set_default_interval(f, 0);
	u[HELLO] = url(&A, "/hello.txt");
	u[FEED] = url(&A, "/feed.xml");
	u[MOVED] = url(&A, "/moved");
	u[TEMP] = url(&A, "/temp1");
	u[MIXED] = url(&A, "/moved2");
	u[P308] = url(&A, "/perm308");
	u[HUGE] = url(&A, "/huge");
	u[ENDLESS] = url(&A, "/endless");
	u[FILEURL] = xstrdup("file:///etc/passwd");
	u[FTP] = xstrdup("ftp://127.0.0.1/pub/x");
	u[TOFTP] = url(&A, "/to-ftp");
	u[PRIV] = url(&A, "/private/notes.txt");
	u[PUB] = url(&A, "/hello.txt?robots=1");
	u[B404] = url(&B, "/hello.txt");
	u[C500] = url(&C, "/hello.txt");
	u[CNOROBOTS] = url(&C, "/hello.txt?norobots=1");
	u[POST] = url(&A, "/hello.txt?post=1");
	u[CHAIN] = url(&B, "/feed.xml?chained=1");

	add(f, &g[HELLO], u[HELLO], 0, 0, NULL);
	add(f, &g[FEED], u[FEED], 0, 0, NULL);
	add(f, &g[MOVED], u[MOVED], 0, 0, NULL);
	add(f, &g[TEMP], u[TEMP], 0, 0, NULL);
	add(f, &g[MIXED], u[MIXED], 0, 0, NULL);
	add(f, &g[P308], u[P308], 0, 0, NULL);
	add(f, &g[HUGE], u[HUGE], 0, 50000, NULL);
	add(f, &g[ENDLESS], u[ENDLESS], 0, 100000, NULL);
	add(f, &g[FILEURL], u[FILEURL], 0, 0, NULL);
	add(f, &g[FTP], u[FTP], 0, 0, NULL);
	add(f, &g[TOFTP], u[TOFTP], 0, 0, NULL);
	add(f, &g[PRIV], u[PRIV], 1, 0, NULL);
	add(f, &g[PUB], u[PUB], 1, 0, NULL);
	add(f, &g[B404], u[B404], 1, 0, NULL);
	add(f, &g[C500], u[C500], 1, 0, NULL);
	add(f, &g[CNOROBOTS], u[CNOROBOTS], 0, 0, NULL);
	add(f, &g[POST], u[POST], 0, 0, "db=pubmed&id=111%2C222");
	buf_adds(&more, u[CHAIN]);
	g[HELLO].more = &more;
	chained = &g[CHAIN];
	fetch_result_release(&g[CHAIN].res);
	log = log_read(&A, &n);
	robots_before = log_count(log, n, "/robots.txt");
	log_free(log, n);

	check_int("run returns 0", fetcher_run(f), 0);
	for (i = 0; i < NG; i++) {
		char what[64];

		snprintf(what, sizeof(what), "callback once for request %d", i);
		check_int(what, g[i].calls, 1);
	}

	check_int("200: err", g[HELLO].res.err, FETCH_OK);
	check_int("200: status", g[HELLO].res.status, 200);
	check_str("200: body", g[HELLO].res.body.data, hello);
	check("200: content type", g[HELLO].res.content_type &&
	      !strncmp(g[HELLO].res.content_type, "text/plain", 10));
	check("200: etag quoted", g[HELLO].res.etag && g[HELLO].res.etag[0] == '"');
	check("200: last-modified", g[HELLO].res.last_modified &&
	      strstr(g[HELLO].res.last_modified, "GMT"));
	check_int("200: no redirects", g[HELLO].res.redirects, 0);
	check_str("200: final url", g[HELLO].res.final_url, u[HELLO]);
	check_int("200: retry-after absent", g[HELLO].res.retry_after, -1);

	check_int("gzip: status", g[FEED].res.status, 200);
	check("gzip: body decoded", g[FEED].res.body.len == feed.len &&
	      !memcmp(g[FEED].res.body.data, feed.data, feed.len));

	check_int("301: status", g[MOVED].res.status, 200);
	check("301: final url", ends_with(g[MOVED].res.final_url, "/hello.txt"));
	check_int("301: redirects", g[MOVED].res.redirects, 1);
	check_int("301: permanent", g[MOVED].res.permanent, 1);
	check_str("301: body", g[MOVED].res.body.data, hello);
	check_int("302: permanent 0", g[TEMP].res.permanent, 0);
	check_int("302: redirects", g[TEMP].res.redirects, 1);
	check_int("301+302: redirects", g[MIXED].res.redirects, 2);
	check_int("301+302: permanent 0", g[MIXED].res.permanent, 0);
	check("301+302: final url", ends_with(g[MIXED].res.final_url, "/hello.txt"));
	check_int("308: permanent", g[P308].res.permanent, 1);
	check_int("308: status", g[P308].res.status, 200);

	check_int("cap: too large", g[HUGE].res.err, FETCH_ERR_TOO_LARGE);
	check("cap: message", g[HUGE].res.error && strstr(g[HUGE].res.error, "too large"));
	check("cap: body bounded", g[HUGE].res.body.len <= 50000);
	check_int("endless: too large", g[ENDLESS].res.err, FETCH_ERR_TOO_LARGE);

	check_int("file:// refused", g[FILEURL].res.err, FETCH_ERR_URL);
	check("file:// message", g[FILEURL].res.error &&
	      strstr(g[FILEURL].res.error, "unsupported scheme"));
	check_int("ftp:// refused", g[FTP].res.err, FETCH_ERR_URL);
	check_int("redirect to ftp refused", g[TOFTP].res.err, FETCH_ERR_URL);

	check_int("robots: disallowed", g[PRIV].res.err, FETCH_ERR_ROBOTS);
	check_int("robots: disallowed status 0", g[PRIV].res.status, 0);
	check("robots: message", g[PRIV].res.error &&
	      strstr(g[PRIV].res.error, "disallowed by robots.txt"));
	check_int("robots: allowed", g[PUB].res.err, FETCH_OK);
	check_int("robots: allowed status", g[PUB].res.status, 200);
	check_int("robots 404: allowed", g[B404].res.status, 200);
	check_int("robots 500: not now", g[C500].res.err, FETCH_ERR_ROBOTS_NOW);
	check_int("robots 500: status 0", g[C500].res.status, 0);
	check_int("robots off: fetched", g[CNOROBOTS].res.status, 200);
	check_int("post: status", g[POST].res.status, 200);
	check_int("callback added request", g[CHAIN].res.status, 200);

	log = log_read(&A, &n);
	check_int("robots.txt fetched once", log_count(log, n, "/robots.txt") - robots_before, 1);
	check("private never requested", !log_find(log, n, "/private/notes.txt"));
	e = log_find(log, n, "/hello.txt");
	check_str("user agent", e ? e->ua : NULL, FETCH_USER_AGENT);
	e = log_find(log, n, "/feed.xml");
	check("accept-encoding sent", e && e->ae && strstr(e->ae, "gzip"));
	check_str("server answered gzip", e ? e->enc : NULL, "gzip");
	e = log_find(log, n, "/hello.txt?post=1");
	check_str("post: method", e ? e->method : NULL, "POST");
	check_str("post: body sent", e ? e->body : NULL, "db=pubmed&id=111%2C222");
	log_free(log, n);
	log = log_read(&C, &n);
	check("robots 500: page not requested", !log_find(log, n, "/hello.txt"));
	log_free(log, n);

	/* Conditional GET with the validators just received. */
	{
		struct fetch_request rq = { .url = u[HELLO], .etag = g[HELLO].res.etag };
		struct fetch_result r;

		check_int("etag: fetch_one", fetch_one(&rq, &r), 0);
		check_int("etag: 304", r.status, 304);
		check_int("etag: empty body", r.body.len, 0);
		fetch_result_release(&r);
		log = log_read(&A, &n);
		e = &log[n - 1];
		check_str("etag: If-None-Match sent", e->inm, g[HELLO].res.etag);
		log_free(log, n);

		rq.etag = NULL;
		rq.last_modified = g[HELLO].res.last_modified;
		fetch_one(&rq, &r);
		check_int("last-modified: 304", r.status, 304);
		fetch_result_release(&r);
		log = log_read(&A, &n);
		e = &log[n - 1];
		check_str("If-Modified-Since sent", e->ims, g[HELLO].res.last_modified);
		check("no If-None-Match then", e->inm == NULL);
		log_free(log, n);

		rq.last_modified = NULL;
		rq.etag = "\"stale\"";
		fetch_one(&rq, &r);
		check_int("stale etag: 200", r.status, 200);
		fetch_result_release(&r);

		rq.etag = "x\r\nX-Injected: 1";
		fetch_one(&rq, &r);
		check_int("CR/LF in etag not sent", r.status, 200);
		fetch_result_release(&r);
		rq.url = "gopher://127.0.0.1/";
		rq.etag = NULL;
		check_int("fetch_one: bad scheme -1", fetch_one(&rq, &r), -1);
		check_int("fetch_one: FETCH_ERR_URL", r.err, FETCH_ERR_URL);
		fetch_result_release(&r);
	}

	for (i = 0; i < NG; i++) {
		fetch_result_release(&g[i].res);
		free(u[i]);
	}
	buf_release(&more);
	fetcher_free(f);
}

/* Pacing: 5 starts 200 ms apart on each of two origins, in parallel. */
static void test_rate(void)
{
	struct fetcher *f = fetcher_new(8);
	struct got g[10];
	struct entry *log;
	size_t n, i, k;
	double t0 = now_s(), prev = 0, first = 0, min_gap = 1e9;
	char path[64];

	memset(g, 0, sizeof(g));
	fetcher_set_default_interval(f, 0);
	for (i = 0; i < 10; i++) {
		struct fetch_request rq = { .interval_ms = 200, .done = collect, .data = &g[i] };
		char *u;

		snprintf(path, sizeof(path), "/hello.txt?rate=%zu", i % 5);
		u = url(i < 5 ? &A : &B, path);
		rq.url = u;
		fetch_result_release(&g[i].res);
		fetcher_add(f, &rq);
		free(u);
	}
	fetcher_run(f);
	t0 = now_s() - t0;
	for (i = 0; i < 10; i++) {
		check_int("rate: 200", g[i].res.status, 200);
		fetch_result_release(&g[i].res);
	}
	log = log_read(&A, &n);
	for (k = 0; k < 5; k++) {
		const struct entry *e;

		snprintf(path, sizeof(path), "/hello.txt?rate=%zu", k);
		e = log_find(log, n, path);
		if (!e)
			continue;
		if (k == 0)
			first = e->t;
		else if (e->t - prev < min_gap)
			min_gap = e->t - prev;
		prev = e->t;
	}
	printf("# 5 requests, 200 ms interval: span %.3f s, smallest gap %.3f s; "
	       "two origins in %.3f s\n", prev - first, min_gap, t0);
	check("rate: span >= 800 ms (server-side, 30 ms jitter allowed)", prev - first >= 0.8 - 0.03);
	check("rate: every gap >= 200 ms (server-side, 30 ms jitter allowed)", min_gap >= 0.2 - 0.03);
	check("rate: origins in parallel", t0 < 1.5);
	log_free(log, n);
	fetcher_free(f);
}

/* One transfer at a time per origin, even with no interval. */
static void test_serial(void)
{
	struct fetcher *f = fetcher_new(8);
	struct got g[4];
	struct entry *log;
	size_t n, i;
	double prev_end = 0;
	int overlap = 0, seen = 0;
	char path[64];

	memset(g, 0, sizeof(g));
	fetcher_set_default_interval(f, 0);
	for (i = 0; i < 4; i++) {
		char *u;

		snprintf(path, sizeof(path), "/slow?n=%zu", i);
		u = url(&A, path);
		add(f, &g[i], u, 0, 0, NULL);
		free(u);
	}
	fetcher_run(f);
	log = log_read(&A, &n);
	for (i = 0; i < n; i++) {
		if (!log[i].path || strncmp(log[i].path, "/slow?n=", 8))
			continue;
		if (seen && log[i].t < prev_end - 0.005)
			overlap = 1;
		prev_end = log[i].t_end;
		seen++;
	}
	check_int("serial: all answered", seen, 4);
	check("serial: never two at once on one origin", !overlap);
	for (i = 0; i < 4; i++) {
		check_int("serial: 200", g[i].res.status, 200);
		fetch_result_release(&g[i].res);
	}
	log_free(log, n);
	fetcher_free(f);
}

/* 429 with Retry-After: 1, then the retry waits it out; a far date holds. */
static void retry_done(struct fetcher *f, struct fetch_result *res, void *data)
{
	struct got *g = data;

	if (g->calls++ == 0) {
		struct fetch_request rq = { .url = res->url, .done = retry_done, .data = g };

		g->res = *res;
		memset(res, 0, sizeof(*res));
		buf_init(&res->body, 0);
		fetcher_add(f, &rq); /* retry at once: the fetcher must wait */
	} else {
		g->more = NULL;
		g->at = res->status * 1000.0 + res->err; /* status and err of the retry */
	}
}

static void test_retry_after(void)
{
	struct fetcher *f = fetcher_new(8);
	struct got g[2];
	char *u1 = url(&A, "/busy"), *u2 = url(&B, "/busy-date");
	struct fetch_request r1 = { .url = u1, .done = retry_done, .data = &g[0] };
	struct fetch_request r2 = { .url = u2, .done = retry_done, .data = &g[1] };
	struct entry *log;
	size_t n, i;
	double t[2] = { 0, 0 };
	int k = 0;

	memset(g, 0, sizeof(g));
	fetch_result_release(&g[0].res);
	fetch_result_release(&g[1].res);
	fetcher_set_default_interval(f, 0);
	fetcher_add(f, &r1);
	fetcher_add(f, &r2);
	fetcher_run(f);
	check_int("429: status", g[0].res.status, 429);
	check_int("429: retry-after seconds", g[0].res.retry_after, 1);
	check_int("429: retried and got 200", (long)g[0].at, 200 * 1000 + FETCH_OK);
	check_int("503: status", g[1].res.status, 503);
	check("503: retry-after date parsed", g[1].res.retry_after >= 95 &&
	      g[1].res.retry_after <= 101);
	check_int("503: retry held", (long)g[1].at, 0 * 1000 + FETCH_ERR_HELD);
	log = log_read(&A, &n);
	for (i = 0; i < n && k < 2; i++)
		if (log[i].path && !strcmp(log[i].path, "/busy"))
			t[k++] = log[i].t;
	printf("# retry after 429 came %.3f s later\n", t[1] - t[0]);
	check("429: retry waited >= 1 s", k == 2 && t[1] - t[0] >= 0.985);
	log_free(log, n);
	log = log_read(&B, &n);
	check_int("503: retry never sent", log_count(log, n, "/busy-date"), 1);
	log_free(log, n);
	fetch_result_release(&g[0].res);
	fetch_result_release(&g[1].res);
	free(u1);
	free(u2);
	fetcher_free(f);
}

/* robots.txt persistence hooks: a stored copy is used, a fetched one saved. */
struct store_log {
	int loads, saves;
	long saved_status;
	char origin_b[128];
	char saved[256];
};

static int store_load(void *data, const char *origin, char **text, size_t *len,
		      long *status, time_t *fetched)
{
	struct store_log *sl = data;

	sl->loads++;
	if (strcmp(origin, sl->origin_b))
		return 0;
	*text = xstrdup("User-agent: evidex\nDisallow: /hello\n");
	*len = strlen(*text);
	*status = 200;
	*fetched = time(NULL) - 60;
	return 1;
}

static void store_save(void *data, const char *origin, const char *text,
		       size_t len, long status, time_t fetched)
{
	struct store_log *sl = data;

	sl->saves++;
	sl->saved_status = status;
	snprintf(sl->saved, sizeof(sl->saved), "%.*s", (int)len, text);
}

static void test_store(void)
{
	struct fetcher *f = fetcher_new(8);
	struct store_log sl;
	struct fetch_robots_store st = { store_load, store_save, &sl };
	struct got g[3];
	char *ua = url(&A, "/hello.txt?store=1"), *ub = url(&B, "/hello.txt?store=1");
	char *ub2 = url(&B, "/feed.xml?store=1");
	struct entry *log;
	size_t n, before;

	memset(&sl, 0, sizeof(sl));
	memset(g, 0, sizeof(g));
	snprintf(sl.origin_b, sizeof(sl.origin_b), "http://127.0.0.1:%d", B.port);
	log = log_read(&B, &n);
	before = log_count(log, n, "/robots.txt");
	log_free(log, n);
	fetcher_set_default_interval(f, 0);
	fetcher_set_robots_store(f, &st);
	add(f, &g[0], ua, 1, 0, NULL);
	add(f, &g[1], ub, 1, 0, NULL);
	add(f, &g[2], ub2, 1, 0, NULL);
	fetcher_run(f);
	check_int("store: loads once per origin", sl.loads, 2);
	check_int("store: stored rules used", g[1].res.err, FETCH_ERR_ROBOTS);
	check_int("store: stored rules allow", g[2].res.status, 200);
	log = log_read(&B, &n);
	check_int("store: no robots.txt fetch", log_count(log, n, "/robots.txt"), before);
	log_free(log, n);
	check_int("store: fetched copy saved", sl.saves, 1);
	check_int("store: saved status", sl.saved_status, 200);
	check("store: saved text", strstr(sl.saved, "Disallow: /private") != NULL);
	check_int("store: A fetched", g[0].res.status, 200);
	for (n = 0; n < 3; n++)
		fetch_result_release(&g[n].res);
	free(ua);
	free(ub);
	free(ub2);
	fetcher_free(f);
}

/* Many requests over three origins, four transfers at most. */
static void test_many(void)
{
	enum { N = 90 };
	struct fetcher *f = fetcher_new(4);
	struct got *g = xcalloc(N, sizeof(*g));
	const struct server *s[3] = { &A, &B, &C };
	int i, ok = 0;
	double t0 = now_s();

	fetcher_set_default_interval(f, 0);
	for (i = 0; i < N; i++) {
		char path[64], *u;

		snprintf(path, sizeof(path), "/feed.xml?many=%d", i);
		u = url(s[i % 3], path);
		add(f, &g[i], u, 0, 0, NULL);
		free(u);
	}
	check_int("many: run", fetcher_run(f), 0);
	for (i = 0; i < N; i++) {
		ok += g[i].calls == 1 && g[i].res.status == 200 &&
			g[i].res.body.len == feed.len;
		fetch_result_release(&g[i].res);
	}
	printf("# %d requests over 3 origins in %.3f s\n", N, now_s() - t0);
	check_int("many: all complete", ok, N);
	free(g);
	fetcher_free(f);
}

int main(void)
{
	char routes[2048], date[64], dir[300];
	time_t later = time(NULL) + 100;
	struct server *all[3] = { &A, &B, &C };
	int i;

	if (system("command -v python3 >/dev/null 2>&1") != 0) {
		printf("# skip: python3 not found, cannot start tests/server.py\n");
		skip(1, "python3 missing");
		return test_done();
	}
	if (!mkdtemp(tmp))
		die("cannot make a temporary directory");
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S GMT", gmtime(&later));
	snprintf(routes, sizeof(routes), "{\"/busy-date\": {\"status\": 503, "
		 "\"headers\": {\"Retry-After\": \"%s\"}}}", date);
	/* python3 may take a second to start: start all three at once */
	if (server_spawn(&A, "a", "{"
		"\"/moved\": {\"status\": 301, \"redirect\": \"/hello.txt\"},"
		"\"/temp1\": {\"status\": 302, \"redirect\": \"/hello.txt\"},"
		"\"/moved2\": {\"status\": 301, \"redirect\": \"/temp1\"},"
		"\"/perm308\": {\"status\": 308, \"redirect\": \"/hello.txt\"},"
		"\"/to-ftp\": {\"status\": 302, \"redirect\": \"ftp://127.0.0.1/x\"},"
		"\"/huge\": {\"size\": 200000},"
		"\"/endless\": {\"endless\": true},"
		"\"/slow\": {\"delay\": 0.15, \"body\": \"slow\"},"
		"\"/busy\": {\"times\": 1, \"status\": 429, \"headers\": {\"Retry-After\": \"1\"}, \"body\": \"wait\"}"
		"}") < 0 ||
	    server_spawn(&B, "b", routes) < 0 ||
	    server_spawn(&C, "c", "{\"/robots.txt\": {\"status\": 500, \"body\": \"oops\"}}") < 0 ||
	    server_wait(&A) < 0 || server_wait(&B) < 0 || server_wait(&C) < 0) {
		printf("# skip: tests/server.py did not start\n");
		skip(1, "no test server");
		servers_stop(all, 3);
		return test_done();
	}
	for (i = 0; i < 400; i++)
		buf_printf(&feed, "<item><title>Esketamine nasal spray, week %d</title></item>\n", i);
	for (i = 0; i < 3; i++) {
		struct server *s = i == 0 ? &A : i == 1 ? &B : &C;

		snprintf(dir, sizeof(dir), "%s/root", s->dir);
		write_file(dir, "hello.txt", hello);
		write_file(dir, "feed.xml", feed.data);
	}
	snprintf(dir, sizeof(dir), "%s/root", A.dir);
	write_file(dir, "busy", "calm again\n");
	write_file(dir, "robots.txt", "# test rules\nUser-agent: *\nDisallow: /private\n");
	mkdir(strcat(dir, "/private"), 0700);
	write_file(dir, "notes.txt", "secret");

	fetch_global_init();
	test_basic();
	test_rate();
	test_serial();
	test_retry_after();
	test_many();
	test_store();
	fetch_global_cleanup();

	servers_stop(all, 3);
	buf_release(&feed);
	snprintf(routes, sizeof(routes), "rm -rf '%s'", tmp);
	if (system(routes) != 0)
		printf("# could not remove %s\n", tmp);
	return test_done();
}
