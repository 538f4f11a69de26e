/*
 * evidex sources: the list of feeds, PubMed searches and pages that
 * refresh visits. add, list, remove, import (OPML), export (OPML).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmd.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/db.h"
#include "core/limits.h"
#include "core/log.h"
#include "core/text.h"
#include "core/url.h"
#include "indexer/opml.h"
#include "indexer/pubmed.h"

static const char usage[] =
	"evidex sources add URL [--title T] [--every DURATION] [--no-pages]\n"
	"       evidex sources add --pubmed QUERY [--title T] [--every DURATION]\n"
	"       evidex sources list [--format text|json]\n"
	"       evidex sources remove ID|URL\n"
	"       evidex sources import FILE.opml\n"
	"       evidex sources export\n";

/* The default interval between two fetches of a source: six hours. */
#define DEFAULT_EVERY (6 * 3600)

/*
 * Adds (or, when the URL is known, updates) one source; returns its id, or
 * -1. 'every' and 'pages' below 0 mean "not given": a new source takes
 * the defaults, a known one keeps its own.
 */
static long long add_source(sqlite3 *db, const char *url, const char *title,
	long long every, int pages)
{
	sqlite3_stmt *st;
	const char *kind = pubmed_is_source_url(url) ? "pubmed" : "feed";
	long long id = -1;

	st = db_prepare(db,
		"INSERT INTO sources (url, kind, title, every_s, fetch_pages, added_at)"
		" VALUES (?1, ?2, ?3, CASE WHEN ?4 > 0 THEN ?4 ELSE ?7 END,"
		" CASE WHEN ?5 >= 0 THEN ?5 ELSE 1 END, ?6)"
		" ON CONFLICT(url) DO UPDATE SET title = coalesce(?3, title),"
		" every_s = CASE WHEN ?4 > 0 THEN ?4 ELSE every_s END,"
		" fetch_pages = CASE WHEN ?5 >= 0 THEN ?5 ELSE fetch_pages END,"
		" status = 'active'"
		" RETURNING id");
	if (!st)
		return -1;
	db_bind_text(st, 1, url);
	db_bind_text(st, 2, kind);
	db_bind_text(st, 3, title);
	sqlite3_bind_int64(st, 4, every);
	sqlite3_bind_int(st, 5, pages);
	sqlite3_bind_int64(st, 6, (long long)time(NULL));
	sqlite3_bind_int64(st, 7, DEFAULT_EVERY);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	else
		error("cannot add '%s': %s", url, sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return id;
}

static int sources_add(sqlite3 *db, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "title", required_argument, NULL, 't' },
		{ "every", required_argument, NULL, 'e' },
		{ "pubmed", required_argument, NULL, 'p' },
		{ "no-pages", no_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *title = NULL, *term = NULL;
	long long every = -1, id;
	struct buf url = BUF_INIT;
	int c, pages = -1;

	while ((c = getopt_long(argc, argv, "t:e:p:nh", opts, NULL)) != -1) {
		switch (c) {
		case 't': title = optarg; break;
		case 'p': term = optarg; break;
		case 'n': pages = 0; break;
		case 'e':
			if ((every = duration_parse(optarg)) <= 0) {
				error("'%s' is not a duration (like 30m, 6h, 1d)", optarg);
				return 2;
			}
			break;
		case 'h': return cmd_help(usage);
		default: return cmd_usage_error(usage);
		}
	}
	if (argc - optind != (term ? 0 : 1))
		return cmd_usage_error(usage);
	if (term) {
		struct pubmed_query q;

		pubmed_query_init(&q);
		q.term = xstrdup(term);
		if (pubmed_esearch_url(&url, NULL, &q) < 0) {
			pubmed_query_release(&q);
			return 1;
		}
		pubmed_query_release(&q);
		if (!title)
			title = term;
	} else {
		char *u = url_resolve(NULL, argv[optind]);

		if (!u) {
			error("'%s' is not an http or https URL", argv[optind]);
			return 1;
		}
		buf_adds(&url, u);
		free(u);
	}
	id = add_source(db, url.data, title, every, pages);
	if (id > 0)
		printf("%lld\t%s\n", id, url.data);
	buf_release(&url);
	return id > 0 ? 0 : 1;
}

static int sources_list(sqlite3 *db, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	sqlite3_stmt *st;
	int c, json = 0, rc;

	while ((c = getopt_long(argc, argv, "f:h", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (!strcmp(optarg, "json"))
				json = 1;
			else if (strcmp(optarg, "text"))
				return cmd_usage_error(usage);
			break;
		case 'h': return cmd_help(usage);
		default: return cmd_usage_error(usage);
		}
	}
	if (optind != argc)
		return cmd_usage_error(usage);
	st = db_prepare(db,
		"SELECT s.id, s.url, s.kind, s.title, s.every_s, s.status, s.last_ok_at,"
		" s.failures, s.last_error, s.fetch_pages,"
		" (SELECT count(*) FROM documents d WHERE d.source_id = s.id)"
		" FROM sources s ORDER BY s.id");
	if (!st)
		return 1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *title = (const char *)sqlite3_column_text(st, 3);
		const char *err = (const char *)sqlite3_column_text(st, 8);
		char when[21] = "never";

		if (sqlite3_column_type(st, 6) != SQLITE_NULL)
			date_format((time_t)sqlite3_column_int64(st, 6), when);
		if (json) {
			struct buf b = BUF_INIT;

			buf_printf(&b, "{\"id\":%lld,\"url\":", sqlite3_column_int64(st, 0));
			json_str(&b, (const char *)sqlite3_column_text(st, 1));
			buf_adds(&b, ",\"kind\":");
			json_str(&b, (const char *)sqlite3_column_text(st, 2));
			buf_adds(&b, ",\"title\":");
			json_str(&b, title);
			buf_printf(&b, ",\"every_s\":%lld,\"status\":", sqlite3_column_int64(st, 4));
			json_str(&b, (const char *)sqlite3_column_text(st, 5));
			buf_adds(&b, ",\"last_ok\":");
			json_str(&b, sqlite3_column_type(st, 6) == SQLITE_NULL ? NULL : when);
			buf_printf(&b, ",\"failures\":%d,\"last_error\":", sqlite3_column_int(st, 7));
			json_str(&b, err);
			buf_printf(&b, ",\"fetch_pages\":%s,\"documents\":%lld}",
				sqlite3_column_int(st, 9) ? "true" : "false",
				sqlite3_column_int64(st, 10));
			puts(b.data);
			buf_release(&b);
		} else {
			printf("%lld\t%s\t%s\t%s\t%lld docs\tlast ok %s%s%s%s\n",
				sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 2),
				(const char *)sqlite3_column_text(st, 1), title ? title : "-",
				sqlite3_column_int64(st, 10), when,
				sqlite3_column_int(st, 9) ? "" : "\tno pages",
				err ? "\terror: " : "", err ? err : "");
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : 1;
}

static int sources_remove(sqlite3 *db, int argc, char **argv)
{
	sqlite3_stmt *st;
	int changed;

	if (argc != 2)
		return cmd_usage_error(usage);
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
		return cmd_help(usage);
	st = db_prepare(db, "DELETE FROM sources WHERE id = ?1 OR url = ?2");
	if (!st)
		return 1;
	sqlite3_bind_int64(st, 1, cmd_number(argv[1]));
	db_bind_text(st, 2, argv[1]);
	if (sqlite3_step(st) != SQLITE_DONE) {
		sqlite3_finalize(st);
		return error("cannot remove '%s': %s", argv[1], sqlite3_errmsg(db)), 1;
	}
	sqlite3_finalize(st);
	changed = sqlite3_changes(db);
	if (!changed)
		return error("no source '%s'", argv[1]), 1;
	notef("removed source %s (its documents stay in the index)", argv[1]);
	return 0;
}

static int sources_import(sqlite3 *db, int argc, char **argv)
{
	struct opml opml = OPML_INIT;
	struct buf text = BUF_INIT_MAX(LIMIT_BODY_BYTES);
	size_t added = 0;
	int rc = 1;

	if (argc != 2)
		return cmd_usage_error(usage);
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
		return cmd_help(usage);
	if (buf_read_file(&text, argv[1]) < 0 ||
	    opml_parse(text.data, text.len, &opml) < 0) {
		buf_release(&text);
		return 1;
	}
	buf_release(&text);
	if (db_exec(db, "BEGIN IMMEDIATE") < 0)
		goto out;
	for (size_t i = 0; i < opml.n; i++) {
		char *u = url_resolve(NULL, opml.v[i].url);

		if (!u) {
			warnf("%s: skipping '%s': not an http or https URL", argv[1], opml.v[i].url);
			continue;
		}
		if (add_source(db, u, opml.v[i].title, -1, -1) < 0) {
			free(u);
			db_exec(db, "ROLLBACK");
			goto out;
		}
		free(u);
		added++;
	}
	if (db_exec(db, "COMMIT") < 0)
		goto out;
	notef("imported %zu sources from '%s'", added, argv[1]);
	rc = 0;
out:
	opml_release(&opml);
	return rc;
}

static int sources_export(sqlite3 *db, int argc, char **argv)
{
	struct opml opml = OPML_INIT;
	struct buf out = BUF_INIT;
	sqlite3_stmt *st;
	int rc = 1;

	if (argc != 1)
		return argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) ?
			cmd_help(usage) : cmd_usage_error(usage);
	st = db_prepare(db, "SELECT url, title FROM sources ORDER BY id");
	if (!st)
		return 1;
	while (sqlite3_step(st) == SQLITE_ROW)
		opml_add(&opml, (const char *)sqlite3_column_text(st, 0),
			(const char *)sqlite3_column_text(st, 1), NULL, NULL);
	sqlite3_finalize(st);
	if (opml_write(&opml, "evidex sources", &out) == 0) {
		fwrite(out.data, 1, out.len, stdout);
		rc = 0;
	}
	buf_release(&out);
	opml_release(&opml);
	return rc;
}

int cmd_sources(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*fn)(sqlite3 *, int, char **);
		int create;
	} subs[] = {
		{ "add", sources_add, 1 },
		{ "list", sources_list, 0 },
		{ "remove", sources_remove, 0 },
		{ "import", sources_import, 1 },
		{ "export", sources_export, 0 },
	};
	sqlite3 *db;
	int rc;

	if (argc < 2)
		return cmd_usage_error(usage);
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
		return cmd_help(usage);
	for (size_t i = 0; i < sizeof(subs) / sizeof(*subs); i++) {
		if (strcmp(argv[1], subs[i].name))
			continue;
		if (!(db = cmd_open_db(subs[i].create)))
			return 1;
		optind = 0;
		rc = subs[i].fn(db, argc - 1, argv + 1);
		db_close(db);
		return rc;
	}
	error("'%s' is not a sources command (add, list, remove, import, export)", argv[1]);
	return 2;
}
