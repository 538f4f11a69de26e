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

#endif
