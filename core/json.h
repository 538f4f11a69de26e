#ifndef EVIDEX_JSON_H
#define EVIDEX_JSON_H

#include <sqlite3.h>

/*
 * JSON is read with SQLite's JSON functions (json_valid, json_extract,
 * json_each, json_tree) rather than another library. json_db() returns a
 * process-wide in-memory connection for that, opened on first use; never
 * close it. Bind the JSON text as a parameter, never paste it into SQL.
 * Returns NULL (after printing an error) if SQLite cannot open it.
 */
sqlite3 *json_db(void);

/*
 * 1 when 'len' bytes of 's' are one well-formed JSON text (RFC 8259,
 * nesting at most JSON_MAX_DEPTH), else 0. Run it on outside JSON BEFORE
 * handing it to SQLite: Debian 12's SQLite 3.40 takes some malformed
 * texts (an object as an object's key: {{"a":1}:2}) as valid and then
 * reads out of bounds (found by fuzz-jsonl).
 */
#define JSON_MAX_DEPTH 256
int json_check(const char *s, size_t len);

#endif
