/* evidex stats: what the index holds, by kind and source, and how fresh. */
#include <getopt.h>
#include <stdio.h>
#include <sys/stat.h>
#include <time.h>

#include "cmd.h"
#include "core/date.h"
#include "core/db.h"
#include "core/log.h"

static const char usage[] = "evidex stats\n";

static int print_rows(sqlite3 *db, const char *title, const char *sql)
{
	sqlite3_stmt *st = db_prepare(db, sql);
	int rc;

	if (!st)
		return -1;
	printf("%s\n", title);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		printf("  %-60.60s %8lld\n", (const char *)sqlite3_column_text(st, 0),
			sqlite3_column_int64(st, 1));
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : error("database: %s", sqlite3_errmsg(db));
}

int cmd_stats(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	sqlite3 *db;
	sqlite3_stmt *st;
	struct stat sb;
	int c, rc = 1;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1)
		return c == 'h' ? cmd_help(usage) : cmd_usage_error(usage);
	if (optind != argc)
		return cmd_usage_error(usage);
	if (!(db = cmd_open_db(0)))
		return 1;
	printf("database  %s", sqlite3_db_filename(db, "main"));
	if (stat(sqlite3_db_filename(db, "main"), &sb) == 0)
		printf(" (%.1f MB)", (double)sb.st_size / 1e6);
	printf("\n");
	if (print_rows(db, "documents by kind",
		"SELECT kind, count(*) FROM documents GROUP BY kind ORDER BY kind") < 0 ||
	    print_rows(db, "papers by evidence level",
		"SELECT CASE evidence WHEN 8 THEN 'meta-analysis' WHEN 7 THEN 'rct'"
		" WHEN 6 THEN 'trial' WHEN 5 THEN 'observational' WHEN 4 THEN 'case-report'"
		" WHEN 3 THEN 'review' WHEN 2 THEN 'paper' WHEN 1 THEN 'editorial' ELSE 'none' END"
		" || CASE WHEN retracted THEN ' (retracted)' ELSE '' END, count(*)"
		" FROM documents WHERE kind = 'paper' GROUP BY evidence, retracted"
		" ORDER BY evidence DESC") < 0 ||
	    print_rows(db, "documents by source",
		"SELECT coalesce(s.title, s.url, '(imported or added)'), count(d.id)"
		" FROM documents d LEFT JOIN sources s ON s.id = d.source_id"
		" GROUP BY d.source_id ORDER BY 2 DESC") < 0 ||
	    print_rows(db, "passages",
		"SELECT 'all', count(*) FROM passages UNION ALL"
		" SELECT 'timed (transcripts, chapters)', count(*) FROM passages"
		" WHERE start_s IS NOT NULL") < 0)
		goto out;
	st = db_prepare(db, "SELECT started_at, finished_at, summary FROM runs"
		" ORDER BY id DESC LIMIT 1");
	if (!st)
		goto out;
	if (sqlite3_step(st) == SQLITE_ROW) {
		char when[21];

		date_format((time_t)sqlite3_column_int64(st, 0), when);
		printf("last refresh  %s%s %s\n", when,
			sqlite3_column_type(st, 1) == SQLITE_NULL ? " (did not finish)" : "",
			sqlite3_column_text(st, 2) ? (const char *)sqlite3_column_text(st, 2) : "");
	} else {
		printf("last refresh  never\n");
	}
	sqlite3_finalize(st);
	rc = 0;
out:
	db_close(db);
	return rc;
}
