/*
 * libFuzzer target for query/query.c: any bytes are parsed, built in
 * both modes and run against an in-memory FTS5 table; an SQLite error
 * (an expression FTS5 rejects) or a non-empty "empty" result aborts.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "core/buf.h"
#include "query/query.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static sqlite3 *db;
static sqlite3_stmt *st;
static struct synonyms *syn;

static void setup(void)
{
	if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
	    sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(title, body, mesh,"
		" tokenize='porter unicode61 remove_diacritics 2');"
		"INSERT INTO t VALUES('Ketamine and sleep', 'an infusion of esketamine"
		" for treatment resistant depression', 'Depression')", 0, 0, 0) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT rowid, bm25(t) FROM t WHERE t MATCH ?",
		-1, &st, NULL) != SQLITE_OK)
		abort();
	syn = synonyms_new();
	synonyms_add(syn, "sleep = insomnia; \"slow wave\"; REM");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	struct query *q;
	int mode;

	if (!db)
		setup();
	memcpy(text, data, size);
	text[size] = '\0';
	q = query_parse(text, syn);
	for (mode = QUERY_AND; mode <= QUERY_OR; mode++) {
		struct buf b = BUF_INIT;
		int rc = query_build(q, (enum query_mode)mode, &b);
		if (rc == QUERY_EMPTY) {
			if (b.len || !query_is_empty(q))
				abort();
		} else if (rc != 0) {
			abort();
		} else {
			sqlite3_bind_text(st, 1, b.data, (int)b.len, SQLITE_TRANSIENT);
			while ((rc = sqlite3_step(st)) == SQLITE_ROW)
				;
			sqlite3_reset(st);
			if (rc != SQLITE_DONE)
				abort();
		}
		buf_release(&b);
	}
	query_free(q);
	free(text);
	return 0;
}
