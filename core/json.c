#include <stdlib.h>

#include "json.h"
#include "log.h"

static sqlite3 *db;

static void json_db_close(void)
{
	sqlite3_close(db);
	db = NULL;
}

sqlite3 *json_db(void)
{
	if (db)
		return db;
	if (sqlite3_open(":memory:", &db) != SQLITE_OK) {
		error("cannot open an in-memory database: %s", sqlite3_errmsg(db));
		sqlite3_close(db);
		db = NULL;
		return NULL;
	}
	atexit(json_db_close);
	return db;
}
