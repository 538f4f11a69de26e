#ifndef EVIDEX_CMD_H
#define EVIDEX_CMD_H

#include <sqlite3.h>

/*
 * Subcommands. Each takes its own argv (argv[0] is the command's name)
 * and returns the exit status: 0 ok, 1 failure, 2 usage.
 */
int cmd_sources(int argc, char **argv);
int cmd_refresh(int argc, char **argv);
int cmd_add(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_cite(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_extract(int argc, char **argv);
int cmd_parse(int argc, char **argv);

/* Global options, set by main(). */
extern const char *opt_db;

/*
 * Opens the database chosen by --db / EVIDEX_DB / the default path,
 * creating it when 'create' is set. NULL after printing an error.
 */
sqlite3 *cmd_open_db(int create);

/* Prints "usage: ..." to stderr and returns 2. */
int cmd_usage_error(const char *usage);

/* Prints 'help' to stdout and returns 0. */
int cmd_help(const char *help);

/* Parses a whole non-negative number; -1 on anything else. */
long cmd_number(const char *s);

/* Flushes stdout and returns 1 if writing failed (full disk, closed pipe). */
int cmd_flush(void);

#endif
