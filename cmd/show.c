/* evidex show ID: one document whole, with its metadata and passages. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/db.h"
#include "core/doc.h"
#include "core/log.h"
#include "core/text.h"
#include "indexer/store.h"

static const char usage[] = "evidex show ID [--format text|json]\n";

static void json_list(struct buf *b, const char *key, const struct strlist *l)
{
	buf_printf(b, ",\"%s\":[", key);
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			buf_addc(b, ',');
		json_str(b, l->v[i]);
	}
	buf_addc(b, ']');
}

static void field(struct buf *b, const char *key, const char *v)
{
	buf_printf(b, ",\"%s\":", key);
	json_str(b, v);
}

static void show_json(long long id, const struct doc *d)
{
	struct buf b = BUF_INIT;

	buf_printf(&b, "{\"id\":%lld", id);
	field(&b, "ext_id", d->ext_id);
	field(&b, "kind", doc_kind_name(d->kind));
	field(&b, "title", d->title);
	json_list(&b, "authors", &d->authors);
	field(&b, "container", d->container);
	field(&b, "published", d->published);
	field(&b, "url", d->url);
	field(&b, "doi", d->doi);
	field(&b, "pmid", d->pmid);
	field(&b, "pmcid", d->pmcid);
	field(&b, "lang", d->lang);
	field(&b, "evidence", d->kind == DOC_PAPER ? evidence_name(d->evidence) : NULL);
	buf_printf(&b, ",\"retracted\":%s", d->retracted ? "true" : "false");
	field(&b, "journal_abbrev", d->journal_abbrev);
	field(&b, "volume", d->volume);
	field(&b, "issue", d->issue);
	field(&b, "pages", d->pages);
	json_list(&b, "pubtypes", &d->pubtypes);
	json_list(&b, "mesh", &d->mesh);
	json_list(&b, "keywords", &d->keywords);
	buf_adds(&b, ",\"duration_s\":");
	if (d->duration_s >= 0)
		buf_printf(&b, "%.3f", d->duration_s);
	else
		buf_adds(&b, "null");
	buf_adds(&b, ",\"episode\":");
	if (d->episode >= 0)
		buf_printf(&b, "%d", d->episode);
	else
		buf_adds(&b, "null");
	field(&b, "audio_url", d->audio_url);
	field(&b, "summary", d->summary);
	buf_adds(&b, ",\"passages\":[");
	for (size_t i = 0; i < d->npassages; i++) {
		const struct passage *p = &d->passages[i];

		buf_printf(&b, "%s{\"n\":%zu,\"label\":", i ? "," : "", i + 1);
		json_str(&b, p->label);
		buf_adds(&b, ",\"speaker\":");
		json_str(&b, p->speaker);
		buf_adds(&b, ",\"start_s\":");
		if (p->start_s >= 0)
			buf_printf(&b, "%.3f", p->start_s);
		else
			buf_adds(&b, "null");
		buf_adds(&b, ",\"text\":");
		json_str(&b, p->text);
		buf_addc(&b, '}');
	}
	buf_adds(&b, "]}");
	puts(b.data);
	buf_release(&b);
}

static void line(const char *key, const char *v)
{
	if (v && *v)
		printf("%-10s %s\n", key, v);
}

static void show_text(long long id, const struct doc *d)
{
	char num[32];

	printf("%s\n\n", d->title && *d->title ? d->title : "(untitled)");
	snprintf(num, sizeof(num), "%lld", id);
	line("id", num);
	line("kind", doc_kind_name(d->kind));
	if (d->kind == DOC_PAPER)
		line("evidence", evidence_name(d->evidence));
	if (d->retracted)
		line("status", "RETRACTED");
	for (size_t i = 0; i < d->authors.n; i++)
		line(i ? "" : "authors", d->authors.v[i]);
	line(d->kind == DOC_EPISODE ? "show" : d->kind == DOC_PAPER ? "journal" : "site", d->container);
	line("volume", d->volume);
	line("issue", d->issue);
	line("pages", d->pages);
	line("published", d->published);
	if (d->episode >= 0) {
		snprintf(num, sizeof(num), "%d", d->episode);
		line("episode", num);
	}
	if (d->duration_s >= 0) {
		char t[16];
		clock_format(d->duration_s, t);
		line("duration", t);
	}
	line("pmid", d->pmid);
	line("pmcid", d->pmcid);
	line("doi", d->doi);
	line("url", d->url);
	line("audio", d->audio_url);
	line("ext_id", d->ext_id);
	line("language", d->lang);
	for (size_t i = 0; i < d->pubtypes.n; i++)
		line(i ? "" : "types", d->pubtypes.v[i]);
	for (size_t i = 0; i < d->mesh.n; i++)
		line(i ? "" : "mesh", d->mesh.v[i]);
	for (size_t i = 0; i < d->keywords.n; i++)
		line(i ? "" : "keywords", d->keywords.v[i]);
	printf("\n");
	for (size_t i = 0; i < d->npassages; i++) {
		const struct passage *p = &d->passages[i];

		if (p->start_s >= 0) {
			char t[16];
			clock_format(p->start_s, t);
			printf("[%s] ", t);
		} else {
			printf("[%zu] ", i + 1);
		}
		if (p->label)
			printf("%s: ", p->label);
		if (p->speaker)
			printf("%s: ", p->speaker);
		printf("%s\n\n", p->text);
	}
}

int cmd_show(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	sqlite3 *db;
	struct store *store;
	struct doc d;
	long id;
	int c, json = 0, rc;

	while ((c = getopt_long(argc, argv, "f:h", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (!strcmp(optarg, "json"))
				json = 1;
			else if (strcmp(optarg, "text"))
				return cmd_usage_error(usage);
			break;
		case 'h': return cmd_help(usage);
		default: return cmd_usage_error(usage);
		}
	}
	if (argc - optind != 1)
		return cmd_usage_error(usage);
	if ((id = cmd_number(argv[optind])) <= 0) {
		error("'%s' is not a document id (the number search prints)", argv[optind]);
		return 2;
	}
	if (!(db = cmd_open_db(0)))
		return 1;
	if (!(store = store_new(db))) {
		db_close(db);
		return 1;
	}
	doc_init(&d);
	rc = store_get(store, id, &d, 1);
	if (rc == 1) {
		if (json)
			show_json(id, &d);
		else
			show_text(id, &d);
		rc = 0;
	} else {
		if (rc == 0)
			error("no document %ld", id);
		rc = 1;
	}
	doc_release(&d);
	store_free(store);
	db_close(db);
	return rc;
}
