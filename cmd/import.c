/*
 * evidex import FILE.jsonl: bulk-load documents, one JSON object a line.
 * One transaction, statements prepared once; a bad line is reported with
 * its number and skipped, the good ones land.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/db.h"
#include "core/doc.h"
#include "core/json.h"
#include "core/limits.h"
#include "core/log.h"
#include "core/text.h"
#include "indexer/store.h"

static const char usage[] = "evidex import FILE.jsonl | -\n";

/* Fields read from each line, in this order. */
static const char fields_sql[] =
	"SELECT json_type(?1),"
	" json_extract(?1, '$.title'), json_extract(?1, '$.text'),"
	" json_extract(?1, '$.id'), json_extract(?1, '$.url'),"
	" json_extract(?1, '$.kind'), json_extract(?1, '$.published'),"
	" json_extract(?1, '$.container'), json_extract(?1, '$.doi'),"
	" json_extract(?1, '$.pmid'), json_type(?1, '$.authors'),"
	" json_extract(?1, '$.summary'),"
	" json_type(?1, '$.title'), json_type(?1, '$.text'), json_type(?1, '$.id'),"
	" json_type(?1, '$.retracted')";

/* A copy of column 'i' as sanitized UTF-8, or NULL. */
static char *column(sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);
	struct buf b = BUF_INIT_MAX(LIMIT_TEXT_BYTES);

	if (!s)
		return NULL;
	utf8_sanitize(&b, s, (size_t)sqlite3_column_bytes(st, i));
	buf_trim(&b);
	if (!b.len) {
		buf_release(&b);
		return NULL;
	}
	return buf_detach(&b, NULL);
}

/* String members of the array '$.<?2>' (authors, pubtypes, mesh). */
static const char list_sql[] =
	"SELECT value FROM json_each(?1, '$.' || ?2) WHERE type = 'text'";

/* Appends the strings of array 'name' of the line to 'out'. */
static void read_list(sqlite3_stmt *st, const char *line, size_t len,
	const char *name, struct strlist *out, size_t max)
{
	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, line, (int)len, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW && out->n < max) {
		char *a = column(st, 0);
		strlist_add(out, a);
		free(a);
	}
	sqlite3_reset(st);
}

/* Fills 'd' from one line; -1 with a message naming the problem. */
static int read_line(sqlite3_stmt *fields, sqlite3_stmt *lists,
	const char *line, size_t len, struct doc *d, const char **why)
{
	const char *type;
	char *kind;
	int k;

	sqlite3_reset(fields);
	sqlite3_bind_text(fields, 1, line, (int)len, SQLITE_STATIC);
	if (sqlite3_step(fields) != SQLITE_ROW) {
		*why = "not valid JSON";
		sqlite3_reset(fields);
		return -1;
	}
	type = (const char *)sqlite3_column_text(fields, 0);
	if (!type || strcmp(type, "object")) {
		*why = "not a JSON object";
		sqlite3_reset(fields);
		return -1;
	}
	for (int i = 12; i <= 14; i++) {
		static const char *const names[] = { "title", "text", "id" };
		const char *t = (const char *)sqlite3_column_text(fields, i);

		if (t && strcmp(t, "text") && !(i == 14 && !strcmp(t, "integer"))) {
			static char msg[64];
			snprintf(msg, sizeof(msg), "'%s' is not a string", names[i - 12]);
			*why = msg;
			sqlite3_reset(fields);
			return -1;
		}
	}
	d->title = column(fields, 1);
	d->content = column(fields, 2);
	d->ext_id = column(fields, 3);
	d->url = column(fields, 4);
	kind = column(fields, 5);
	{
		char *p = column(fields, 6);
		d->published = date_iso(p);
		free(p);
	}
	d->container = column(fields, 7);
	d->doi = column(fields, 8);
	d->pmid = column(fields, 9);
	d->summary = column(fields, 11);
	{
		const char *t = (const char *)sqlite3_column_text(fields, 15);
		d->retracted = t && !strcmp(t, "true");
	}
	type = (const char *)sqlite3_column_text(fields, 10);
	if (type && strcmp(type, "array")) {
		*why = "'authors' is not an array";
		free(kind);
		sqlite3_reset(fields);
		return -1;
	}
	sqlite3_reset(fields);
	if (kind) {
		k = doc_kind_parse(kind);
		free(kind);
		if (k < 0) {
			*why = "'kind' is not paper, article or episode";
			return -1;
		}
		d->kind = (enum doc_kind)k;
	}
	if (!d->title && !d->content) {
		*why = "no 'title' and no 'text'";
		return -1;
	}
	read_list(lists, line, len, "authors", &d->authors, LIMIT_AUTHORS);
	read_list(lists, line, len, "pubtypes", &d->pubtypes, LIMIT_AUTHORS);
	read_list(lists, line, len, "mesh", &d->mesh, LIMIT_AUTHORS);
	if (d->kind == DOC_PAPER)
		d->evidence = evidence_from_pubtypes(&d->pubtypes);
	return 0;
}

int cmd_import(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	sqlite3 *db = NULL;
	struct store *store = NULL;
	sqlite3_stmt *fields = NULL, *lists = NULL;
	FILE *in = NULL;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	long lineno = 0, counts[3] = { 0, 0, 0 }, bad = 0;
	int c, rc = 1;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (c == 'h')
			return cmd_help(usage);
		return cmd_usage_error(usage);
	}
	if (argc - optind != 1)
		return cmd_usage_error(usage);
	if (!strcmp(argv[optind], "-")) {
		in = stdin;
	} else if (!(in = fopen(argv[optind], "r"))) {
		error("cannot open '%s': %s", argv[optind], strerror(errno));
		return 1;
	}
	if (!(db = cmd_open_db(1)) || !(store = store_new(db)) ||
	    !(fields = db_prepare(db, fields_sql)) || !(lists = db_prepare(db, list_sql)) ||
	    store_begin(store) < 0)
		goto out;
	while ((n = getline(&line, &cap, in)) != -1) {
		struct doc d;
		const char *why = NULL;
		int r;

		lineno++;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (!n || strspn(line, " \t") == (size_t)n)
			continue;
		if ((size_t)n > LIMIT_JSON_LINE_BYTES) {
			error("%s:%ld: line longer than %zu bytes, skipped", argv[optind], lineno,
				LIMIT_JSON_LINE_BYTES);
			bad++;
			continue;
		}
		doc_init(&d);
		if (read_line(fields, lists, line, (size_t)n, &d, &why) < 0) {
			error("%s:%ld: %s, skipped", argv[optind], lineno, why);
			bad++;
		} else if ((r = store_put(store, 0, &d, NULL)) < 0) {
			error("%s:%ld: not stored", argv[optind], lineno);
			bad++;
		} else {
			counts[r]++;
		}
		doc_release(&d);
	}
	if (ferror(in)) {
		error("cannot read '%s': %s", argv[optind], strerror(errno));
		store_rollback(store);
		goto out;
	}
	if (store_commit(store) < 0)
		goto out;
	notef("imported %ld new, %ld updated, %ld unchanged, %ld bad lines",
		counts[STORE_NEW], counts[STORE_UPDATED], counts[STORE_UNCHANGED], bad);
	rc = bad ? 1 : 0;
out:
	free(line);
	if (in && in != stdin)
		fclose(in);
	sqlite3_finalize(fields);
	sqlite3_finalize(lists);
	if (store)
		store_rollback(store);
	store_free(store);
	db_close(db);
	return rc;
}
