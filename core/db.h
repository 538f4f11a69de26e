#ifndef EVIDEX_DB_H
#define EVIDEX_DB_H

#include <sqlite3.h>

/*
 * The database: one SQLite file in WAL mode with a busy timeout, foreign
 * keys on, schema versioned by PRAGMA user_version and migrated in code.
 *
 * Tables: sources, documents, passages, fetched (pages and transcripts
 * already fetched), robots (robots.txt cache), runs (refresh history),
 * and two FTS5 indexes with external content kept in step by triggers:
 * doc_fts(title, body, mesh) over documents and passage_fts(label, text)
 * over passages.
 */

/*
 * The path to use: 'opt' (from --db) if given, else $EVIDEX_DB, else
 * $XDG_DATA_HOME/evidex/evidex.db, else ~/.local/share/evidex/evidex.db.
 * Returns a new string (free() it).
 */
char *db_default_path(const char *opt);

/*
 * Opens (creating the file and its directory when 'create' is set) and
 * migrates the database at 'path'. Returns the connection, or NULL after
 * printing an error (a file that is not an evidex database, one from a
 * newer evidex, no FTS5, ...).
 */
sqlite3 *db_open(const char *path, int create);

/* The schema version this evidex writes. */
int db_schema_version(void);

/* Closes 'db', finishing any statements left; NULL is fine. */
void db_close(sqlite3 *db);

/* Runs 'sql' (no results expected); -1 with the error printed. */
int db_exec(sqlite3 *db, const char *sql);

/* Prepares 'sql'; NULL with the error printed. */
sqlite3_stmt *db_prepare(sqlite3 *db, const char *sql);

/* Binds 's' as text, or NULL when 's' is NULL. */
int db_bind_text(sqlite3_stmt *st, int i, const char *s);

#endif
