#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "db.h"
#include "log.h"

#define TOKENIZE "tokenize='porter unicode61 remove_diacritics 2'"

/* Migrations: entry i brings user_version from i to i + 1. Never edit one
 * that has shipped; add another. */
static const char *const migrations[] = {
	/* 0 -> 1: the first schema */
	"CREATE TABLE sources ("
	" id INTEGER PRIMARY KEY,"
	" url TEXT NOT NULL UNIQUE,"
	" kind TEXT NOT NULL DEFAULT 'feed',"
	" title TEXT,"
	" every_s INTEGER NOT NULL DEFAULT 21600,"
	" fetch_pages INTEGER NOT NULL DEFAULT 1,"
	" etag TEXT, last_modified TEXT,"
	" status TEXT NOT NULL DEFAULT 'active',"
	" added_at INTEGER NOT NULL,"
	" last_fetch_at INTEGER, last_ok_at INTEGER,"
	" next_fetch_at INTEGER NOT NULL DEFAULT 0,"
	" failures INTEGER NOT NULL DEFAULT 0,"
	" last_error TEXT,"
	" state TEXT NOT NULL DEFAULT '{}');"
	"CREATE TABLE documents ("
	" id INTEGER PRIMARY KEY,"
	" source_id INTEGER REFERENCES sources(id) ON DELETE SET NULL,"
	" kind TEXT NOT NULL,"
	" key TEXT NOT NULL UNIQUE,"
	" ext_id TEXT, guid TEXT,"
	" title TEXT NOT NULL DEFAULT '',"
	" authors TEXT NOT NULL DEFAULT '[]',"
	" container TEXT, published TEXT, url TEXT, doi TEXT, pmid TEXT,"
	" summary TEXT,"
	" body TEXT NOT NULL DEFAULT '',"
	" mesh TEXT NOT NULL DEFAULT '',"
	" evidence INTEGER NOT NULL DEFAULT 0,"
	" retracted INTEGER NOT NULL DEFAULT 0,"
	" meta TEXT NOT NULL DEFAULT '{}',"
	" hash TEXT,"
	" added_at INTEGER NOT NULL,"
	" updated_at INTEGER NOT NULL);"
	"CREATE INDEX documents_doi ON documents(doi);"
	"CREATE INDEX documents_pmid ON documents(pmid);"
	"CREATE INDEX documents_url ON documents(url);"
	"CREATE INDEX documents_guid ON documents(guid);"
	"CREATE INDEX documents_ext ON documents(ext_id);"
	"CREATE INDEX documents_source ON documents(source_id);"
	"CREATE TABLE passages ("
	" id INTEGER PRIMARY KEY,"
	" doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
	" origin TEXT NOT NULL DEFAULT 'body',"
	" seq INTEGER NOT NULL,"
	" label TEXT, speaker TEXT,"
	" text TEXT NOT NULL,"
	" start_s REAL, end_s REAL);"
	"CREATE INDEX passages_doc ON passages(doc_id, origin, seq);"
	"CREATE VIRTUAL TABLE doc_fts USING fts5(title, body, mesh,"
	" content='documents', content_rowid='id', " TOKENIZE ");"
	"CREATE VIRTUAL TABLE passage_fts USING fts5(label, text,"
	" content='passages', content_rowid='id', " TOKENIZE ");"
	"CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN"
	" INSERT INTO doc_fts(rowid, title, body, mesh) VALUES (new.id, new.title, new.body, new.mesh);"
	" END;"
	"CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN"
	" INSERT INTO doc_fts(doc_fts, rowid, title, body, mesh) VALUES ('delete', old.id, old.title, old.body, old.mesh);"
	" END;"
	"CREATE TRIGGER documents_au AFTER UPDATE OF title, body, mesh ON documents BEGIN"
	" INSERT INTO doc_fts(doc_fts, rowid, title, body, mesh) VALUES ('delete', old.id, old.title, old.body, old.mesh);"
	" INSERT INTO doc_fts(rowid, title, body, mesh) VALUES (new.id, new.title, new.body, new.mesh);"
	" END;"
	"CREATE TRIGGER passages_ai AFTER INSERT ON passages BEGIN"
	" INSERT INTO passage_fts(rowid, label, text) VALUES (new.id, new.label, new.text);"
	" END;"
	"CREATE TRIGGER passages_ad AFTER DELETE ON passages BEGIN"
	" INSERT INTO passage_fts(passage_fts, rowid, label, text) VALUES ('delete', old.id, old.label, old.text);"
	" END;"
	"CREATE TABLE fetched ("
	" url TEXT PRIMARY KEY,"
	" fetched_at INTEGER NOT NULL,"
	" status INTEGER NOT NULL,"
	" doc_id INTEGER REFERENCES documents(id) ON DELETE SET NULL);"
	"CREATE TABLE robots ("
	" origin TEXT PRIMARY KEY,"
	" fetched_at INTEGER NOT NULL,"
	" status INTEGER NOT NULL,"
	" body TEXT);"
	"CREATE TABLE runs ("
	" id INTEGER PRIMARY KEY,"
	" started_at INTEGER NOT NULL,"
	" finished_at INTEGER,"
	" summary TEXT);",
};

#define NMIGRATIONS ((int)(sizeof(migrations) / sizeof(*migrations)))

int db_schema_version(void)
{
	return NMIGRATIONS;
}

char *db_default_path(const char *opt)
{
	const char *env = getenv("EVIDEX_DB"), *xdg, *home;
	struct buf b = BUF_INIT;

	if (opt && *opt)
		return xstrdup(opt);
	if (env && *env)
		return xstrdup(env);
	xdg = getenv("XDG_DATA_HOME");
	if (xdg && *xdg == '/') {
		buf_printf(&b, "%s/evidex/evidex.db", xdg);
	} else {
		home = getenv("HOME");
		buf_printf(&b, "%s/.local/share/evidex/evidex.db", home && *home ? home : ".");
	}
	return buf_detach(&b, NULL);
}

/* mkdir -p for the directory part of 'path'. */
static int make_parent_dirs(const char *path)
{
	char *dir = xstrdup(path);
	int rc = 0;

	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) < 0 && errno != EEXIST) {
			rc = error("cannot create directory '%s': %s", dir, strerror(errno));
			break;
		}
		*p = '/';
	}
	free(dir);
	return rc;
}

int db_exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		error("database: %s", msg ? msg : sqlite3_errmsg(db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

sqlite3_stmt *db_prepare(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
		error("database: %s", sqlite3_errmsg(db));
		return NULL;
	}
	return st;
}

int db_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (!s)
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

static int user_version(sqlite3 *db)
{
	sqlite3_stmt *st = db_prepare(db, "PRAGMA user_version");
	int v = -1;

	if (st && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

static int migrate(sqlite3 *db, const char *path)
{
	int v = user_version(db);

	if (v < 0)
		return error("'%s' is not a database evidex can read", path);
	if (v > NMIGRATIONS)
		return error("'%s' was written by a newer evidex (schema %d, this one knows %d)",
			path, v, NMIGRATIONS);
	if (v == NMIGRATIONS)
		return 0;
	if (v == 0) {
		/* a non-empty file at version 0 is someone else's database */
		sqlite3_stmt *st = db_prepare(db, "SELECT count(*) FROM sqlite_master");
		int n = st && sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;

		sqlite3_finalize(st);
		if (n != 0)
			return error("'%s' is not an evidex database", path);
	}
	if (db_exec(db, "BEGIN IMMEDIATE") < 0)
		return -1;
	v = user_version(db);   /* another process may have migrated meanwhile */
	for (; v >= 0 && v < NMIGRATIONS; v++) {
		struct buf sql = BUF_INIT;

		if (db_exec(db, migrations[v]) < 0) {
			db_exec(db, "ROLLBACK");
			return error("cannot bring '%s' to schema %d", path, v + 1);
		}
		buf_printf(&sql, "PRAGMA user_version = %d", v + 1);
		db_exec(db, sql.data);
		buf_release(&sql);
	}
	return db_exec(db, "COMMIT");
}

sqlite3 *db_open(const char *path, int create)
{
	sqlite3 *db = NULL;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
	struct stat stt;

	if (create) {
		flags |= SQLITE_OPEN_CREATE;
		if (make_parent_dirs(path) < 0)
			return NULL;
	} else if (stat(path, &stt) < 0) {
		error("no database at '%s' (add a source or import documents first)", path);
		return NULL;
	}
	if (sqlite3_open_v2(path, &db, flags, NULL) != SQLITE_OK) {
		error("cannot open database '%s': %s", path, db ? sqlite3_errmsg(db) : "out of memory");
		sqlite3_close(db);
		return NULL;
	}
	sqlite3_extended_result_codes(db, 1);
	sqlite3_busy_timeout(db, 10000);
	if (db_exec(db, "PRAGMA journal_mode = WAL") < 0 ||
	    db_exec(db, "PRAGMA synchronous = NORMAL") < 0 ||
	    db_exec(db, "PRAGMA foreign_keys = ON") < 0 ||
	    migrate(db, path) < 0) {
		sqlite3_close(db);
		return NULL;
	}
	return db;
}

void db_close(sqlite3 *db)
{
	if (db)
		sqlite3_close_v2(db);
}
