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
#include "core/db.h"
#include "core/doc.h"
#include "core/limits.h"
#include "core/log.h"
#include "indexer/jsonl.h"
#include "indexer/store.h"

static const char usage[] = "evidex import FILE.jsonl | -\n";

int cmd_import(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	sqlite3 *db = NULL;
	struct store *store = NULL;
	struct jsonl *reader = NULL;
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
	    !(reader = jsonl_new(db)) ||
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
		if (jsonl_doc(reader, line, (size_t)n, &d, &why) < 0) {
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
	jsonl_free(reader);
	if (store)
		store_rollback(store);
	store_free(store);
	db_close(db);
	return rc;
}
