/*
 * evidex: a knowledge index of the literature and podcasts on ketamine
 * for depression. main() reads the global options and hands the rest to
 * one subcommand from the table below.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <libxml/parser.h>

#include "cmd/cmd.h"
#include "core/db.h"
#include "core/log.h"
#include "core/version.h"

static const struct cmd {
	const char *name;
	int (*fn)(int, char **);
	const char *what;
} cmds[] = {
	{ "sources", cmd_sources, "add, list, remove, import and export sources" },
	{ "refresh", cmd_refresh, "fetch due sources and index what changed" },
	{ "add", cmd_add, "fetch one web page now and index its article" },
	{ "import", cmd_import, "load documents from JSON Lines" },
	{ "search", cmd_search, "ranked, cited results for a query" },
	{ "show", cmd_show, "one document whole" },
	{ "cite", cmd_cite, "citations for chosen documents" },
	{ "stats", cmd_stats, "what the index holds" },
	{ "parse", cmd_parse, "parse a feed or transcript file offline" },
	{ "extract", cmd_extract, "extract the article from a web page" },
};

/* libxml2 reports recoverable trouble in hostile input on its own; the
 * parsers say what matters through error(). */
static void xml_quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static const char usage[] =
	"usage: evidex [--db PATH] [-q | -v] COMMAND [ARGS]\n";

static int help(FILE *out)
{
	fputs(usage, out);
	fputs("\nA knowledge index of the literature and podcasts on ketamine for depression.\n\n"
		"commands:\n", out);
	for (size_t i = 0; i < sizeof(cmds) / sizeof(*cmds); i++)
		fprintf(out, "  %-9s %s\n", cmds[i].name, cmds[i].what);
	fputs("\noptions:\n"
		"  --db PATH    database file (default $EVIDEX_DB, else\n"
		"               $XDG_DATA_HOME/evidex/evidex.db)\n"
		"  -q, --quiet  errors only\n"
		"  -v, --verbose  say more\n"
		"  --version    print the version\n"
		"\n'evidex COMMAND --help' describes a command; 'man evidex' all of them.\n", out);
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int c, rc;

	/* stop at the first non-option: the rest belongs to the command */
	while ((c = getopt_long(argc, argv, "+qvh", opts, NULL)) != -1) {
		switch (c) {
		case 'd': opt_db = optarg; break;
		case 'q': log_level = 0; break;
		case 'v': log_level = 2; break;
		case 'h': help(stdout); return cmd_flush();
		case 'V': printf("evidex %s\n", EVIDEX_VERSION); return cmd_flush();
		default: fputs(usage, stderr); return 2;
		}
	}
	if (optind >= argc) {
		help(stderr);
		return 2;
	}
	for (size_t i = 0; i < sizeof(cmds) / sizeof(*cmds); i++) {
		char **sub = argv + optind;
		int subc = argc - optind;

		if (strcmp(sub[0], cmds[i].name))
			continue;
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0)
			return error("cannot initialise libcurl"), 1;
		xmlInitParser();
		xmlSetGenericErrorFunc(NULL, xml_quiet);
		optind = 0;   /* glibc: each command runs getopt afresh */
		rc = cmds[i].fn(subc, sub);
		if (cmd_flush() && rc == 0)
			rc = 1;
		xmlCleanupParser();
		curl_global_cleanup();
		return rc;
	}
	fprintf(stderr, "evidex: '%s' is not an evidex command (see 'evidex --help')\n", argv[optind]);
	return 2;
}
