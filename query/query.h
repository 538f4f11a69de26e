#ifndef EVIDEX_QUERY_H
#define EVIDEX_QUERY_H

#include <stddef.h>

#include "core/buf.h"
#include "core/doc.h"

/*
 * The user's search words, parsed and rebuilt as a safe FTS5 MATCH
 * expression. The syntax the user may write:
 *
 *   word  "quoted phrase"  -word  -"phrase"  NOT word  a OR b  prefix*
 *   mesh:Term  mesh:"Multi Word"  title:word  (AND is implied)
 *
 * Only uppercase OR, AND and NOT are operators; parentheses are ignored.
 * Every term is emitted as an FTS5 string ("..."), holding only the
 * tokens FTS5's unicode61 tokenizer would make of it, so no input can
 * raise an FTS5 syntax error or reach SQL: "5-HT2A" becomes the phrase
 * "5 HT2A", punctuation alone disappears. Input beyond LIMIT_QUERY_BYTES
 * or LIMIT_QUERY_TERMS terms is cut off. The only column names used are
 * "mesh" and "title" (for the field filters).
 */

struct synonyms;
struct query;

/*
 * A new synonym table holding the built-in medical abbreviations
 * (TRD, MDD, ECT, SSRI, esketamine/Spravato ...). Free with
 * synonyms_free(). Never NULL.
 */
struct synonyms *synonyms_new(void);

/*
 * Adds one line of the synonyms file format to 'syn':
 *
 *   TERM = alternative; alternative   # comment
 *
 * All names on a line are equivalent (a query for any one finds them
 * all); a line naming a term already in the table extends its group.
 * A name written in capitals and at most two letters long ("SI", "IV")
 * only matches when the user types it in capitals; any other name
 * matches in any ASCII case. Returns 0 when added, 1 for a blank or
 * comment line, -1 when malformed or over the table's bounds (nothing
 * printed; the caller reports it).
 */
int synonyms_add(struct synonyms *syn, const char *line);

/*
 * Reads a synonyms file (format above) into 'syn'. Returns 0 when read,
 * 1 when 'path' does not exist, -1 (after error()) when it cannot be
 * read; malformed lines are skipped with a warning naming the line.
 * Bounded: the first 1 MiB and a fixed number of groups and names.
 */
int synonyms_load(struct synonyms *syn, const char *path);

/*
 * The default user file, $XDG_CONFIG_HOME/evidex/synonyms or
 * $HOME/.config/evidex/synonyms; free() it. NULL when neither is set.
 */
char *synonyms_default_path(void);

void synonyms_free(struct synonyms *syn);

/*
 * Parses 'text' (any bytes; NULL counts as "") into a query, expanding
 * terms found in 'syn' (may be NULL). The query keeps no pointer to
 * 'text' or 'syn'. Never NULL; free with query_free().
 */
struct query *query_parse(const char *text, const struct synonyms *syn);

void query_free(struct query *q);

enum query_mode {
	QUERY_AND = 0, /* every positive term (or one of its OR group) */
	QUERY_OR,      /* any positive term: for ranking by bm25 */
};

/* query_build() result when nothing positive is left to search for. */
#define QUERY_EMPTY 1

/*
 * Appends the FTS5 MATCH expression for 'q' in 'mode' to 'out'.
 * Unquoted stopwords ("the", "of" ...) are left out unless the query
 * holds nothing else. Exclusions are appended as NOT (...). Returns 0
 * when an expression was appended, QUERY_EMPTY (nothing appended) when
 * no positive term is left (only exclusions or punctuation), -1 when
 * 'out' reached its limit (out is then left as it was).
 */
int query_build(const struct query *q, enum query_mode mode, struct buf *out);

/* 1 when query_build() would return QUERY_EMPTY, else 0. */
int query_is_empty(const struct query *q);

/*
 * The distinct positive tokens, for highlighting and passage choice:
 * ASCII-lowercased, stopwords left out (as query_build() does), the
 * tokens of synonym alternatives included, a prefix token ending in
 * '*'. Owned by 'q'.
 */
const struct strlist *query_words(const struct query *q);

/* Number of terms kept (positive and excluded, before stopwords). */
size_t query_nterms(const struct query *q);

#endif
