/*
 * evidex add: fetch one web page now, extract its article and index it
 * as an article (or a paper, when the page carries journal metadata),
 * one passage per paragraph. The same page added again, under any URL
 * that names the same canonical URL, updates the one document.
 * Exit 0 done, 1 the page could not be fetched, read or stored, 2 usage.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmd.h"
#include "core/buf.h"
#include "core/db.h"
#include "core/doc.h"
#include "core/log.h"
#include "core/text.h"
#include "core/url.h"
#include "indexer/fetch.h"
#include "indexer/pages.h"
#include "indexer/store.h"

/* What add did besides an enum store_result: the page joined a feed item. */
#define ATTACHED 3

static const char usage[] = "evidex add [--format text|json] URL\n";

static const char help[] =
	"evidex add [--format text|json] URL\n"
	"\n"
	"Fetches the web page at URL (an http or https address) now, honouring\n"
	"its site's robots.txt, extracts its article and indexes it with one\n"
	"passage per paragraph. Adding the same page again (by any URL with the\n"
	"same canonical URL) updates it. Prints the document's id and title.\n";

static void take_result(struct fetcher *f, struct fetch_result *res, void *data)
{
	struct fetch_result *out = data;

	(void)f;
	*out = *res;
	/* the fetcher frees what is left in 'res': leave it nothing */
	memset(res, 0, sizeof(*res));
	buf_init(&res->body, 0);
}

/* Fetches 'url' with robots.txt checked and kept in 'db'. */
static void fetch_page(sqlite3 *db, const char *url, struct fetch_result *res)
{
	struct fetcher *f = fetcher_new(1);
	struct fetch_robots_store rs;
	struct fetch_request rq = { 0 };

	pages_robots_store(&rs, db);
	fetcher_set_robots_store(f, &rs);
	/* one page asked for by hand: no wait after its robots.txt */
	fetcher_set_default_interval(f, 0);
	rq.url = url;
	rq.robots = 1;
	rq.done = take_result;
	rq.data = res;
	fetcher_add(f, &rq);
	if (fetcher_run(f) < 0 && !res->url) {
		res->err = FETCH_ERR_NETWORK;
		res->error = xstrdup("libcurl failed");
	}
	fetcher_free(f);
}

/*
 * The feed item whose link is the page 'url' names, when there is one:
 * the page then joins it as attached passages (as refresh does) rather
 * than replacing the item's own text. Returns its id, 0 none, -1 error.
 */
static long long feed_item(sqlite3 *db, const struct doc *d)
{
	sqlite3_stmt *st;
	char *url;
	long long id = 0;

	if (d->doi || d->pmid || !(url = url_canonical(d->url)))
		return 0;
	st = db_prepare(db, "SELECT id FROM documents WHERE url = ?1"
		" AND source_id IS NOT NULL AND guid IS NOT NULL LIMIT 1");
	if (st) {
		db_bind_text(st, 1, url);
		if (sqlite3_step(st) == SQLITE_ROW)
			id = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	} else {
		id = -1;
	}
	free(url);
	return id;
}

/* Attaches the page to feed item 'id' and records it as fetched. */
static int attach(struct store *store, long long id, const struct doc *d)
{
	char *url = url_canonical(d->url);
	int rc = -1;

	if (store_attach(store, id, "page", d->passages, d->npassages) == 0)
		rc = store_fetched(store, url ? url : d->url, 200, id);
	free(url);
	return rc;
}

static void print_json(long long id, int rc, const struct doc *d)
{
	static const char *const what[] = { "unchanged", "new", "updated", "attached" };
	struct buf b = BUF_INIT;

	buf_printf(&b, "{\"id\":%lld,\"status\":\"%s\",\"kind\":\"%s\",\"title\":", id,
		what[rc], doc_kind_name(d->kind));
	json_str(&b, d->title);
	buf_adds(&b, ",\"site\":");
	json_str(&b, d->container);
	buf_adds(&b, ",\"url\":");
	json_str(&b, d->url);
	buf_printf(&b, ",\"paragraphs\":%zu}", d->npassages);
	puts(b.data);
	buf_release(&b);
}

int cmd_add(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *format = "text";
	struct fetch_result res;
	struct buf why = BUF_INIT;
	struct store *store = NULL;
	sqlite3 *db = NULL;
	char *url = NULL;
	struct doc d;
	long long id = 0;
	int c, rc, ret = 1;

	while ((c = getopt_long(argc, argv, "f:h", opts, NULL)) != -1) {
		switch (c) {
		case 'f': format = optarg; break;
		case 'h': return cmd_help(help);
		default: return cmd_usage_error(usage);
		}
	}
	if (optind != argc - 1 || (strcmp(format, "text") && strcmp(format, "json")))
		return cmd_usage_error(usage);
	if (!(url = url_resolve(NULL, argv[optind]))) {
		error("'%s' is not an http or https URL", argv[optind]);
		return 1;
	}
	memset(&res, 0, sizeof(res));
	fetch_result_release(&res);
	doc_init(&d);
	if (!(db = cmd_open_db(1)) || !(store = store_new(db)))
		goto out;
	fetch_page(db, url, &res);
	if (page_extract(&res, &d, &why) < 0) {
		error("cannot add '%s': %s", url, why.data);
		goto out;
	}
	if ((id = feed_item(db, &d)) < 0 || store_begin(store) < 0)
		goto out;
	if (id > 0)
		rc = attach(store, id, &d) < 0 ? -1 : ATTACHED;
	else
		rc = store_put(store, 0, &d, &id);
	if (rc < 0 || store_commit(store) < 0) {
		store_rollback(store);
		error("cannot add '%s': it could not be stored", url);
		goto out;
	}
	if (!strcmp(format, "json"))
		print_json(id, rc, &d);
	else
		printf("%lld\t%s\n", id, d.title && *d.title ? d.title : "(untitled)");
	notef("%s %lld %s: %s, %zu paragraphs", doc_kind_name(d.kind), id,
		rc == STORE_NEW ? "added" : rc == STORE_UPDATED ? "updated" :
		rc == ATTACHED ? "attached to its feed item" : "unchanged",
		d.url, d.npassages);
	ret = 0;
out:
	doc_release(&d);
	fetch_result_release(&res);
	buf_release(&why);
	store_free(store);
	db_close(db);
	free(url);
	return ret;
}
