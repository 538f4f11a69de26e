/*
 * Import and search cost beside a bare SQLite FTS5 table, in the same
 * run on the same documents and queries: the figures are ratios.
 *
 * usage: bench-search DOCS.jsonl QUERIES.tsv ROUNDS
 * The bare baseline: one FTS5 table (title, text, porter unicode61),
 * filled in one transaction, queried with the words OR-ed, top 10 by
 * bm25. evidex: 'evidex import' into a fresh database, then search_run
 * (query parsing, AND-then-OR candidates, evidence blend, best passage
 * and snippet for each of the top 10).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "core/buf.h"
#include "core/db.h"
#include "core/log.h"
#include "query/query.h"
#include "query/search.h"

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

struct queries {
	char **v;
	size_t n;
};

static void read_queries(const char *path, struct queries *q)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	if (!f)
		die("cannot open '%s'", path);
	while ((n = getline(&line, &cap, f)) > 0) {
		char *tab = strchr(line, '\t');

		if (!tab)
			continue;
		line[n - 1] = line[n - 1] == '\n' ? '\0' : line[n - 1];
		q->v = xrealloc(q->v, (q->n + 1) * sizeof(*q->v));
		q->v[q->n++] = xstrdup(tab + 1);
	}
	free(line);
	fclose(f);
}

/* The bare baseline: FTS5 with no evidex around it. */
static void bare(const char *docs, const struct queries *q, int rounds,
	double *t_import, double *t_query)
{
	sqlite3 *db;
	sqlite3_stmt *ins, *sel;
	FILE *f = fopen(docs, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	double t0;

	if (!f || sqlite3_open(":memory:", &db) != SQLITE_OK)
		die("bare baseline: cannot start");
	t0 = now();
	db_exec(db, "CREATE VIRTUAL TABLE t USING fts5(title, text, tokenize='porter unicode61');"
		"BEGIN");
	ins = db_prepare(db, "INSERT INTO t SELECT json_extract(?1, '$.title'),"
		" json_extract(?1, '$.text')");
	while ((n = getline(&line, &cap, f)) > 0) {
		sqlite3_bind_text(ins, 1, line, (int)n, SQLITE_STATIC);
		sqlite3_step(ins);
		sqlite3_reset(ins);
	}
	db_exec(db, "COMMIT");
	*t_import = now() - t0;
	sqlite3_finalize(ins);
	free(line);
	fclose(f);

	sel = db_prepare(db, "SELECT rowid FROM t WHERE t MATCH ?1 ORDER BY bm25(t) LIMIT 10");
	t0 = now();
	for (int r = 0; r < rounds; r++) {
		for (size_t i = 0; i < q->n; i++) {
			struct buf expr = BUF_INIT;
			const char *p = q->v[i];

			/* words OR-ed, each quoted, like the eval's baseline */
			while (*p) {
				size_t len = 0;

				while (p[len] && (p[len] == ' ' || ((unsigned char)p[len] < 128 &&
				       !(p[len] >= 'a' && p[len] <= 'z') && !(p[len] >= 'A' && p[len] <= 'Z') &&
				       !(p[len] >= '0' && p[len] <= '9'))))
					p++;
				while (p[len] && ((p[len] >= 'a' && p[len] <= 'z') || (p[len] >= 'A' && p[len] <= 'Z') ||
				       (p[len] >= '0' && p[len] <= '9') || (unsigned char)p[len] >= 128))
					len++;
				if (len) {
					buf_printf(&expr, "%s\"%.*s\"", expr.len ? " OR " : "", (int)len, p);
					p += len;
				}
			}
			sqlite3_bind_text(sel, 1, expr.data, -1, SQLITE_TRANSIENT);
			while (sqlite3_step(sel) == SQLITE_ROW)
				;
			sqlite3_reset(sel);
			buf_release(&expr);
		}
	}
	*t_query = now() - t0;
	sqlite3_finalize(sel);
	sqlite3_close(db);
}

static void ours(const char *docs, const struct queries *q, int rounds,
	double *t_import, double *t_query)
{
	char path[] = "/tmp/evidex-bench-XXXXXX";
	char *argv[] = { (char *)"import", (char *)docs, NULL };
	int fd = mkstemp(path);
	struct synonyms *syn = synonyms_new();
	struct search_opts o;
	sqlite3 *db;
	double t0;

	close(fd);
	unlink(path);
	opt_db = path;
	log_level = 0;
	t0 = now();
	if (cmd_import(2, argv) != 0)
		die("evidex import failed");
	*t_import = now() - t0;
	db = db_open(path, 0);
	search_opts_init(&o);
	t0 = now();
	for (int r = 0; r < rounds; r++) {
		for (size_t i = 0; i < q->n; i++) {
			struct query *qq = query_parse(q->v[i], syn);
			struct search_result res;

			if (search_run(db, qq, &o, &res) == 0)
				search_result_release(&res);
			query_free(qq);
		}
	}
	*t_query = now() - t0;
	db_close(db);
	synonyms_free(syn);
	unlink(path);
	{
		char aux[64];
		snprintf(aux, sizeof(aux), "%s-wal", path);
		unlink(aux);
		snprintf(aux, sizeof(aux), "%s-shm", path);
		unlink(aux);
	}
}

int main(int argc, char **argv)
{
	struct queries q = { NULL, 0 };
	double bi, bq, ei, eq;
	int rounds = argc > 3 ? atoi(argv[3]) : 20;

	if (argc < 3)
		die("usage: bench-search DOCS.jsonl QUERIES.tsv [ROUNDS]");
	read_queries(argv[2], &q);
	bare(argv[1], &q, rounds, &bi, &bq);
	ours(argv[1], &q, rounds, &ei, &eq);
	printf("queries=%zu rounds=%d\n", q.n, rounds);
	printf("import  bare %.3f s  evidex %.3f s  ratio %.2f\n", bi, ei, ei / bi);
	printf("search  bare %.2f ms/query  evidex %.2f ms/query  ratio %.2f\n",
		bq * 1000 / (double)(q.n * (size_t)rounds), eq * 1000 / (double)(q.n * (size_t)rounds), eq / bq);
	for (size_t i = 0; i < q.n; i++)
		free(q.v[i]);
	free(q.v);
	return 0;
}
