#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "log.h"
#include "text.h"

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

struct jscan {
	const unsigned char *p, *end;
	int depth;
};

static void ws(struct jscan *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r'))
		j->p++;
}

static int lit(struct jscan *j, const char *word)
{
	size_t n = strlen(word);

	if ((size_t)(j->end - j->p) < n || memcmp(j->p, word, n))
		return 0;
	j->p += n;
	return 1;
}

static int digits(struct jscan *j)
{
	const unsigned char *start = j->p;

	while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
		j->p++;
	return j->p > start;
}

static int number(struct jscan *j)
{
	if (j->p < j->end && *j->p == '-')
		j->p++;
	if (j->p < j->end && *j->p == '0')
		j->p++;
	else if (!digits(j))
		return 0;
	if (j->p < j->end && *j->p == '.') {
		j->p++;
		if (!digits(j))
			return 0;
	}
	if (j->p < j->end && (*j->p == 'e' || *j->p == 'E')) {
		j->p++;
		if (j->p < j->end && (*j->p == '+' || *j->p == '-'))
			j->p++;
		if (!digits(j))
			return 0;
	}
	return 1;
}

static int string(struct jscan *j)
{
	if (j->p >= j->end || *j->p != '"')
		return 0;
	for (j->p++; j->p < j->end; j->p++) {
		if (*j->p == '"') {
			j->p++;
			return 1;
		}
		if (*j->p < 0x20)
			return 0;
		if (*j->p == '\\') {
			if (++j->p >= j->end)
				return 0;
			if (*j->p == 'u') {
				for (int i = 0; i < 4; i++) {
					if (++j->p >= j->end || hex_value(*j->p) < 0)
						return 0;
				}
			} else if (!strchr("\"\\/bfnrt", *j->p) || !*j->p) {
				return 0;
			}
		}
	}
	return 0;
}

static int value(struct jscan *j)
{
	int ok = 0;

	ws(j);
	if (j->p >= j->end)
		return 0;
	switch (*j->p) {
	case '{':
	case '[': {
		unsigned char close = *j->p == '{' ? '}' : ']';
		int object = close == '}';

		if (++j->depth > JSON_MAX_DEPTH)
			return 0;
		j->p++;
		ws(j);
		if (j->p < j->end && *j->p == close) {
			j->p++;
			j->depth--;
			return 1;
		}
		for (;;) {
			if (object) {
				ws(j);
				if (!string(j))
					return 0;
				ws(j);
				if (j->p >= j->end || *j->p++ != ':')
					return 0;
			}
			if (!value(j))
				return 0;
			ws(j);
			if (j->p >= j->end)
				return 0;
			if (*j->p == ',') {
				j->p++;
				continue;
			}
			if (*j->p++ != close)
				return 0;
			j->depth--;
			return 1;
		}
	}
	case '"': ok = string(j); break;
	case 't': ok = lit(j, "true"); break;
	case 'f': ok = lit(j, "false"); break;
	case 'n': ok = lit(j, "null"); break;
	default: ok = number(j); break;
	}
	return ok;
}

int json_check(const char *s, size_t len)
{
	struct jscan j = { (const unsigned char *)s, (const unsigned char *)s + len, 0 };

	if (!s || !value(&j))
		return 0;
	ws(&j);
	return j.p == j.end;
}
