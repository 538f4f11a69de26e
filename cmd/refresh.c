/*
 * evidex refresh: fetch the due sources (conditional GET), parse them,
 * store what changed, and say in one line what happened. Each source's
 * documents land in one transaction, so a kill, a network failure or a
 * garbage feed never leaves half a source or loses what was there. A
 * lock file keeps two runs from overlapping.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "core/buf.h"
#include "core/db.h"
#include "core/doc.h"
#include "core/log.h"
#include "core/url.h"
#include "indexer/eutils.h"
#include "indexer/feed.h"
#include "indexer/fetch.h"
#include "indexer/pages.h"
#include "indexer/podcast.h"
#include "indexer/store.h"

static const char usage[] = "evidex refresh [--force] [SOURCE...]\n";

/* Longest wait between tries of a failing source. */
#define BACKOFF_MAX (7 * 86400L)

struct run;

struct source {
	struct run *run;
	long long id;
	char *url, *title, *kind, *etag, *last_modified, *state;
	long long every;
	int failures;
};

struct run {
	sqlite3 *db;
	struct store *store;
	struct source *v;
	size_t n;
	time_t now;
	int fetched, unchanged, failed, unsupported, gone;
	long docs_new, docs_updated;
	int tty, visited;          /* progress on a terminal */
	struct podcast *podcast;   /* episodes' transcripts and chapters */
	struct pages *pages;       /* article pages behind teaser items */
};

static const char *name_of(const struct source *s)
{
	return s->title && *s->title ? s->title : s->url;
}

static void source_release(struct source *s)
{
	free(s->url);
	free(s->title);
	free(s->kind);
	free(s->etag);
	free(s->last_modified);
	free(s->state);
}

static char *col(sqlite3_stmt *st, int i)
{
	return xstrdup_or_null((const char *)sqlite3_column_text(st, i));
}

/* Loads the sources to visit: the named ones, or all due (all with --force). */
static int load_sources(struct run *r, char **names, int nnames, int force)
{
	sqlite3_stmt *st = db_prepare(r->db,
		"SELECT id, url, title, kind, etag, last_modified, every_s, failures, status,"
		" next_fetch_at, state FROM sources ORDER BY id");
	int rc;

	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(st, 0);
		const char *url = (const char *)sqlite3_column_text(st, 1);
		const char *status = (const char *)sqlite3_column_text(st, 8);
		int wanted = 0;
		struct source *s;

		if (nnames) {
			for (int i = 0; i < nnames; i++) {
				if ((cmd_number(names[i]) == id) || !strcmp(names[i], url)) {
					wanted = 1;
					names[i] = (char *)"";   /* found */
				}
			}
		} else {
			wanted = !strcmp(status, "active") &&
				(force || sqlite3_column_int64(st, 9) <= (long long)r->now);
		}
		if (!wanted)
			continue;
		r->v = xrealloc(r->v, (r->n + 1) * sizeof(*r->v));
		s = &r->v[r->n++];
		s->id = id;
		s->url = col(st, 1);
		s->title = col(st, 2);
		s->kind = col(st, 3);
		s->etag = col(st, 4);
		s->last_modified = col(st, 5);
		s->every = sqlite3_column_int64(st, 6);
		s->failures = sqlite3_column_int(st, 7);
		s->state = col(st, 10);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return error("database: %s", sqlite3_errmsg(r->db));
	for (int i = 0; i < nnames; i++)
		if (*names[i])
			return error("no source '%s' (see 'evidex sources list')", names[i]);
	return 0;
}

/* On a terminal, how many sources are done, rewritten in place on stderr. */
static void progress(struct run *r)
{
	r->visited++;
	if (r->tty)
		fprintf(stderr, "\rrefresh: %d/%zu sources", r->visited, r->n);
}

/* Records the outcome of a visit on the source row. */
static void record(struct run *r, const struct source *s, const char *err,
	long long next, const char *etag, const char *last_modified,
	const char *status, int ok)
{
	sqlite3_stmt *st = db_prepare(r->db,
		"UPDATE sources SET last_fetch_at = ?2,"
		" last_ok_at = CASE WHEN ?7 THEN ?2 ELSE last_ok_at END,"
		" failures = CASE WHEN ?7 THEN 0 ELSE failures + 1 END,"
		" last_error = ?3, next_fetch_at = ?4,"
		" etag = CASE WHEN ?7 THEN ?5 ELSE etag END,"
		" last_modified = CASE WHEN ?7 THEN ?6 ELSE last_modified END,"
		" status = coalesce(?8, status) WHERE id = ?1");

	progress(r);
	if (!st)
		return;
	sqlite3_bind_int64(st, 1, s->id);
	sqlite3_bind_int64(st, 2, (long long)r->now);
	db_bind_text(st, 3, err);
	sqlite3_bind_int64(st, 4, next);
	db_bind_text(st, 5, etag);
	db_bind_text(st, 6, last_modified);
	sqlite3_bind_int(st, 7, ok);
	db_bind_text(st, 8, status);
	if (sqlite3_step(st) != SQLITE_DONE)
		error("cannot record the visit of '%s': %s", name_of(s), sqlite3_errmsg(r->db));
	sqlite3_finalize(st);
}

/* A failed visit: the next try waits every * 2^failures, at most a week. */
static void failed(struct run *r, struct source *s, long retry_after, const char *fmt, const char *what)
{
	struct buf msg = BUF_INIT;
	long long wait = s->every > 0 ? s->every : 3600;

	for (int i = 0; i < s->failures && wait < BACKOFF_MAX; i++)
		wait *= 2;
	if (wait > BACKOFF_MAX)
		wait = BACKOFF_MAX;
	if (retry_after > wait)
		wait = retry_after;
	buf_printf(&msg, fmt, what);
	if (r->tty)
		fputs("\r\033[K", stderr);   /* the progress line */
	/* printed even with -q: a cron job stays quiet unless something fails */
	error("%s: %s", name_of(s), msg.data);
	record(r, s, msg.data, (long long)r->now + wait, NULL, NULL, NULL, 0);
	buf_release(&msg);
	r->failed++;
}

/* Gives an untitled source the title its feed carries. */
static void name_source(struct run *r, struct source *s, const char *title)
{
	sqlite3_stmt *st = db_prepare(r->db,
		"UPDATE sources SET title = ?2 WHERE id = ?1 AND title IS NULL");

	if (!st)
		return;
	sqlite3_bind_int64(st, 1, s->id);
	db_bind_text(st, 2, title);
	sqlite3_step(st);
	sqlite3_finalize(st);
}

/* Moves a source to 'url' (a permanent redirect, itunes:new-feed-url). */
static void move_source(struct run *r, struct source *s, const char *url)
{
	sqlite3_stmt *st;

	if (!url_is_http(url) || !strcmp(url, s->url))
		return;
	st = db_prepare(r->db, "UPDATE OR IGNORE sources SET url = ?2 WHERE id = ?1");
	if (!st)
		return;
	sqlite3_bind_int64(st, 1, s->id);
	db_bind_text(st, 2, url);
	if (sqlite3_step(st) == SQLITE_DONE && sqlite3_changes(r->db))
		notef("%s: moved permanently to %s", name_of(s), url);
	sqlite3_finalize(st);
}

/*
 * Stores a parsed feed's items in one transaction; -1 leaves all as it
 * was. Then queues on 'fetcher' the transcripts and chapters its
 * episodes still need.
 */
static int store_feed(struct run *r, struct source *s, struct feed *f,
	struct fetcher *fetcher)
{
	long counts[3] = { 0, 0, 0 };
	long long *ids = xcalloc(f->nitems + 1, sizeof(*ids));

	if (store_begin(r->store) < 0) {
		free(ids);
		return -1;
	}
	for (size_t i = 0; i < f->nitems; i++) {
		struct doc *d = &f->items[i];
		int rc;

		if (!d->container && (f->title || s->title))
			d->container = xstrdup(f->title ? f->title : s->title);
		podcast_shownotes(d);
		rc = store_put(r->store, s->id, d, &ids[i]);
		if (rc < 0) {
			/* one bad item is skipped; the database failing is fatal */
			ids[i] = 0;
			if (sqlite3_get_autocommit(r->db)) {
				free(ids);
				return -1;
			}
			continue;
		}
		counts[rc]++;
	}
	if (store_commit(r->store) < 0) {
		store_rollback(r->store);
		free(ids);
		return -1;
	}
	for (size_t i = 0; i < f->nitems && r->podcast; i++)
		podcast_queue(r->podcast, fetcher, ids[i], &f->items[i]);
	for (size_t i = 0; i < f->nitems; i++)
		pages_note(r->pages, s->id, &f->items[i], ids[i]);
	pages_submit(r->pages);
	free(ids);
	r->docs_new += counts[STORE_NEW];
	r->docs_updated += counts[STORE_UPDATED];
	verbosef("%s: %zu items, %ld new, %ld updated", name_of(s), f->nitems,
		counts[STORE_NEW], counts[STORE_UPDATED]);
	return 0;
}

static void feed_done(struct fetcher *fetcher, struct fetch_result *res, void *data)
{
	struct source *s = data;
	struct run *r = s->run;
	struct feed f;

	if (res->err != FETCH_OK) {
		failed(r, s, res->retry_after, "%s", res->error ? res->error : fetch_err_name(res->err));
		return;
	}
	if (res->status == 304) {
		r->unchanged++;
		if (r->podcast)
			podcast_retry(r->podcast, fetcher, s->id);
		record(r, s, NULL, (long long)r->now + s->every, s->etag, s->last_modified, NULL, 1);
		return;
	}
	if (res->status == 410) {
		r->gone++;
		warnf("%s: gone (HTTP 410); it will not be fetched again", name_of(s));
		record(r, s, "gone (HTTP 410)", (long long)r->now + s->every, NULL, NULL, "gone", 0);
		return;
	}
	if (res->status == 429 || res->status == 503) {
		failed(r, s, res->retry_after > 3600 ? res->retry_after : 3600,
			"%s", res->status == 429 ? "HTTP 429 (too many requests)" : "HTTP 503 (unavailable)");
		return;
	}
	if (res->status < 200 || res->status > 299) {
		char what[32];

		snprintf(what, sizeof(what), "HTTP %ld", res->status);
		failed(r, s, -1, "%s", what);
		return;
	}
	if (feed_parse(res->body.data, res->body.len, res->final_url, &f) < 0) {
		failed(r, s, -1, "%s", "not a feed evidex can read (nothing changed)");
		return;
	}
	if (store_feed(r, s, &f, fetcher) < 0) {
		feed_release(&f);
		failed(r, s, -1, "%s", "could not store its items (nothing changed)");
		return;
	}
	r->fetched++;
	record(r, s, NULL, (long long)r->now + s->every, res->etag, res->last_modified, NULL, 1);
	if (!s->title && f.title)
		name_source(r, s, f.title);
	if (res->permanent)
		move_source(r, s, res->final_url);
	if (f.new_feed_url)
		move_source(r, s, f.new_feed_url);
	feed_release(&f);
}

/* A PubMed source's run ended: record it, and its new state when it completed. */
static void pubmed_done(void *data, struct eutils_outcome *o)
{
	struct source *s = data;
	struct run *r = s->run;
	sqlite3_stmt *st;

	if (!o->ok) {
		failed(r, s, o->retry_after, "%s", o->error);
		return;
	}
	r->fetched++;
	r->docs_new += o->docs_new;
	r->docs_updated += o->docs_updated;
	verbosef("%s: %ld records, %ld new, %ld updated", name_of(s), o->records,
		o->docs_new, o->docs_updated);
	record(r, s, NULL, (long long)r->now + s->every, NULL, NULL, NULL, 1);
	if ((st = db_prepare(r->db, "UPDATE sources SET state = ?2 WHERE id = ?1"))) {
		sqlite3_bind_int64(st, 1, s->id);
		db_bind_text(st, 2, o->state);
		if (sqlite3_step(st) != SQLITE_DONE)
			error("cannot record the state of '%s': %s", name_of(s), sqlite3_errmsg(r->db));
		sqlite3_finalize(st);
	}
}

/* Holds the lock for the database 'path' until the process exits. */
static int take_lock(const char *path)
{
	struct buf lock = BUF_INIT;
	int fd;

	buf_printf(&lock, "%s.lock", path);
	fd = open(lock.data, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		error("cannot open lock file '%s': %s", lock.data, strerror(errno));
		buf_release(&lock);
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		error("another refresh is running on '%s'; not starting a second", path);
		close(fd);
		buf_release(&lock);
		return -1;
	}
	buf_release(&lock);
	return fd;
}

static long long run_start(struct run *r)
{
	sqlite3_stmt *st = db_prepare(r->db, "INSERT INTO runs (started_at) VALUES (?1)");
	long long id = 0;

	if (st) {
		sqlite3_bind_int64(st, 1, (long long)r->now);
		if (sqlite3_step(st) == SQLITE_DONE)
			id = sqlite3_last_insert_rowid(r->db);
		sqlite3_finalize(st);
	}
	return id;
}

static void run_finish(struct run *r, long long id, const char *summary)
{
	sqlite3_stmt *st = db_prepare(r->db,
		"UPDATE runs SET finished_at = ?2, summary = ?3 WHERE id = ?1");

	if (st) {
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, (long long)time(NULL));
		db_bind_text(st, 3, summary);
		sqlite3_step(st);
		sqlite3_finalize(st);
	}
}

int cmd_refresh(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "force", no_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct run r;
	struct fetcher *fetcher = NULL;
	struct fetch_robots_store robots;
	long pages_ok, pages_failed;
	struct buf summary = BUF_INIT;
	char *path;
	struct timespec t0, t1;
	long long run_id;
	int c, force = 0, lock = -1, rc = 1;

	while ((c = getopt_long(argc, argv, "fh", opts, NULL)) != -1) {
		switch (c) {
		case 'f': force = 1; break;
		case 'h': return cmd_help(usage);
		default: return cmd_usage_error(usage);
		}
	}
	memset(&r, 0, sizeof(r));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	r.now = time(NULL);
	path = db_default_path(opt_db);
	if ((lock = take_lock(path)) < 0)
		goto out;
	if (!(r.db = db_open(path, 1)) || !(r.store = store_new(r.db)) ||
	    load_sources(&r, argv + optind, argc - optind, force) < 0)
		goto out;
	run_id = run_start(&r);
	fetcher = fetcher_new(8);
	r.podcast = podcast_new(r.db, r.store);
	r.pages = pages_new(r.db, r.store, fetcher);
	pages_robots_store(&robots, r.db);
	fetcher_set_robots_store(fetcher, &robots);
	for (size_t i = 0; i < r.n; i++) {
		struct source *s = &r.v[i];
		struct fetch_request rq = { 0 };

		s->run = &r;
		if (!strcmp(s->kind, "pubmed")) {
			if (eutils_refresh_start(fetcher, r.store, s->id, s->url,
			    s->state ? s->state : "{}", pubmed_done, s) < 0)
				failed(&r, s, -1, "%s", "not a PubMed search URL");
			continue;
		}
		if (strcmp(s->kind, "feed")) {
			notef("%s: %s sources are not supported yet; skipped", name_of(s), s->kind);
			r.unsupported++;
			continue;
		}
		rq.url = s->url;
		rq.etag = s->etag;
		rq.last_modified = s->last_modified;
		rq.done = feed_done;
		rq.data = s;
		fetcher_add(fetcher, &rq);
	}
	r.tty = log_level > 0 && isatty(STDERR_FILENO);
	if (fetcher_run(fetcher) < 0)
		warnf("the network layer failed; some sources were not visited");
	if (r.tty && r.visited)
		fputs("\r\033[K", stderr);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	buf_printf(&summary, "%d fetched, %d unchanged, %d failed", r.fetched, r.unchanged, r.failed);
	if (r.unsupported)
		buf_printf(&summary, ", %d not supported yet", r.unsupported);
	if (r.gone)
		buf_printf(&summary, ", %d gone", r.gone);
	buf_printf(&summary, "; %ld new, %ld updated documents", r.docs_new, r.docs_updated);
	if (r.podcast) {
		struct podcast_stats ps;

		podcast_stats(r.podcast, &ps);
		if (ps.transcripts)
			buf_printf(&summary, ", %d transcripts", ps.transcripts);
		if (ps.failed)
			buf_printf(&summary, ", %d transcripts or chapters failed", ps.failed);
	}
	pages_counts(r.pages, &pages_ok, &pages_failed);
	if (pages_ok)
		buf_printf(&summary, ", %ld pages", pages_ok);
	if (pages_failed)
		buf_printf(&summary, ", %ld pages failed", pages_failed);
	buf_printf(&summary, " (%.1f s)", (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	run_finish(&r, run_id, summary.data);
	if (log_level > 0 || r.failed)
		printf("refresh: %s\n", summary.data);
	rc = 0;
out:
	fetcher_free(fetcher);
	podcast_free(r.podcast);
	pages_free(r.pages);
	for (size_t i = 0; i < r.n; i++)
		source_release(&r.v[i]);
	free(r.v);
	store_free(r.store);
	db_close(r.db);
	if (lock >= 0)
		close(lock);
	free(path);
	buf_release(&summary);
	return rc;
}
