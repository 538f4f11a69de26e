#ifndef EVIDEX_JSONL_H
#define EVIDEX_JSONL_H

#include <sqlite3.h>
#include <stddef.h>

#include "core/doc.h"

/*
 * Reads documents from JSON Lines, one object a line: "title", "text"
 * (one of them required), and optional "id" (kept as ext_id), "url",
 * "kind" (paper, article, episode), "authors", "pubtypes", "mesh"
 * (arrays of strings), "published", "container", "doi", "pmid",
 * "summary", "retracted" (true/false). Strings are made valid UTF-8;
 * a paper's evidence level comes from its pubtypes.
 */
struct jsonl;

/* A reader whose statements run on 'db' (any connection; json_db() will
 * do). NULL after printing an error. */
struct jsonl *jsonl_new(sqlite3 *db);
void jsonl_free(struct jsonl *j);

/*
 * Fills 'd' (doc_init'ed by the caller, doc_release'd by the caller in
 * any case) from 'len' bytes of one line. Returns 0, or -1 with *why
 * naming the problem ("not valid JSON", "'title' is not a string", ...;
 * valid until the next call).
 */
int jsonl_doc(struct jsonl *j, const char *line, size_t len, struct doc *d,
	const char **why);

#endif
