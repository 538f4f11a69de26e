/*
 * One document from one line of JSON Lines, read with SQLite's JSON
 * functions: the format of 'evidex import' (title, text, id, url, kind,
 * authors, published, container, doi, pmid, summary, pubtypes, mesh,
 * retracted).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/date.h"
#include "core/db.h"
#include "core/limits.h"
#include "core/json.h"
#include "core/log.h"
#include "core/text.h"
#include "jsonl.h"

struct jsonl {
	sqlite3_stmt *fields, *lists;
	char why[64];
};

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

int jsonl_doc(struct jsonl *j, const char *line, size_t len, struct doc *d,
	const char **why)
{
	sqlite3_stmt *fields = j->fields, *lists = j->lists;

	if (!json_check(line, len)) {
		*why = "not valid JSON";
		return -1;
	}
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
			snprintf(j->why, sizeof(j->why), "'%s' is not a string", names[i - 12]);
			*why = j->why;
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

struct jsonl *jsonl_new(sqlite3 *db)
{
	struct jsonl *j = xcalloc(1, sizeof(*j));

	if (!(j->fields = db_prepare(db, fields_sql)) || !(j->lists = db_prepare(db, list_sql))) {
		jsonl_free(j);
		return NULL;
	}
	return j;
}

void jsonl_free(struct jsonl *j)
{
	if (!j)
		return;
	sqlite3_finalize(j->fields);
	sqlite3_finalize(j->lists);
	free(j);
}
