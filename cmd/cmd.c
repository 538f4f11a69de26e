#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "core/db.h"
#include "core/log.h"

const char *opt_db;

sqlite3 *cmd_open_db(int create)
{
	char *path = db_default_path(opt_db);
	sqlite3 *db = db_open(path, create);

	free(path);
	return db;
}

int cmd_usage_error(const char *usage)
{
	fprintf(stderr, "usage: %s", usage);
	return 2;
}

int cmd_help(const char *help)
{
	fputs("usage: ", stdout);
	fputs(help, stdout);
	return 0;
}

long cmd_number(const char *s)
{
	char *end;
	long v;

	if (!s || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end)
		return -1;
	return v;
}

int cmd_flush(void)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		if (errno != EPIPE)
			error("cannot write output");
		return 1;
	}
	return 0;
}
