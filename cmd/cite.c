/* evidex cite ID...: citations for chosen documents, in one style. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cmd.h"
#include "core/buf.h"
#include "core/db.h"
#include "core/doc.h"
#include "core/log.h"
#include "indexer/store.h"
#include "query/cite.h"

static const char usage[] =
	"evidex cite ID... [--format apa|vancouver|bibtex|ris|csljson] [--at SECONDS]\n";

int cmd_cite(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "at", required_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int style = CITE_APA, c, rc = 1;
	double at = -1;
	sqlite3 *db = NULL;
	struct store *store = NULL;
	struct cite_list *list = NULL;
	struct buf out = BUF_INIT;
	char today[11];
	time_t now = time(NULL);
	struct tm tm;

	while ((c = getopt_long(argc, argv, "f:a:h", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if ((style = cite_style_parse(optarg)) < 0 || style == CITE_SHORT) {
				error("unknown citation format '%s'", optarg);
				return cmd_usage_error(usage);
			}
			break;
		case 'a':
			if (cmd_number(optarg) < 0) {
				error("--at takes whole seconds, not '%s'", optarg);
				return cmd_usage_error(usage);
			}
			at = (double)cmd_number(optarg);
			break;
		case 'h': return cmd_help(usage);
		default: return cmd_usage_error(usage);
		}
	}
	if (optind >= argc)
		return cmd_usage_error(usage);
	for (int i = optind; i < argc; i++) {
		if (cmd_number(argv[i]) <= 0) {
			error("'%s' is not a document id", argv[i]);
			return cmd_usage_error(usage);
		}
	}
	gmtime_r(&now, &tm);
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	if (!(db = cmd_open_db(0)) || !(store = store_new(db)))
		goto out;
	list = cite_list_new((enum cite_style)style, today);
	for (int i = optind; i < argc; i++) {
		struct doc d;
		int found;

		doc_init(&d);
		found = store_get(store, cmd_number(argv[i]), &d, 0);
		if (found == 1)
			cite_list_add(list, &d, d.kind == DOC_EPISODE ? at : -1);
		doc_release(&d);
		if (found != 1) {
			if (found == 0)
				error("no document %s", argv[i]);
			goto out;
		}
	}
	if (cite_list_finish(list, &out) < 0)
		goto out;
	fwrite(out.data, 1, out.len, stdout);
	rc = 0;
out:
	buf_release(&out);
	cite_list_free(list);
	store_free(store);
	db_close(db);
	return rc;
}
