/*
 * evidex search QUERY: ranked results, each with the sentence that
 * matched and a citation; JSON Lines or a citation format on request.
 * 'search -' answers one query a line from stdin.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/db.h"
#include "core/doc.h"
#include "core/limits.h"
#include "core/log.h"
#include "core/text.h"
#include "indexer/store.h"
#include "query/cite.h"
#include "query/query.h"
#include "query/search.h"

static const char usage[] =
	"evidex search QUERY|- [-n N] [--offset K] [--kind paper|article|episode]\n"
	"       [--since DATE] [--until DATE] [--evidence LEVEL]\n"
	"       [--sort relevance|evidence|date]\n"
	"       [--format text|json|apa|vancouver|bibtex|ris|csljson]\n"
	"\n"
	"QUERY: words (all must match, else any), \"a phrase\", -excluded, a OR b,\n"
	"(a query of one word starting with '-' goes after '--'),\n"
	"prefix*, mesh:Term, title:word. LEVEL: meta-analysis, rct, trial,\n"
	"observational, case-report, review, paper, editorial.\n";

enum format { F_TEXT = -1, F_JSON = -2 };

struct ctx {
	sqlite3 *db;
	struct store *store;
	struct synonyms *syn;
	struct search_opts opts;
	int format;           /* enum format or an enum cite_style */
	int color;
	struct cite_list *cites;
	char today[11];
};

/* The link for a hit: the moment in an episode, else the document. */
static void hit_link(struct buf *b, const struct doc *d, const struct search_hit *h)
{
	const char *url = d->url ? d->url : d->audio_url;

	if (!url)
		return;
	buf_adds(b, url);
	if (d->kind == DOC_EPISODE && h->start_s >= 0 && !strchr(url, '#'))
		buf_printf(b, "#t=%ld", (long)h->start_s);
}

static void print_json(struct ctx *c, const char *query, int rank,
	const struct doc *d, const struct search_hit *h, long long id)
{
	struct buf b = BUF_INIT, cite = BUF_INIT, link = BUF_INIT;

	cite_short(&cite, d, h->start_s, c->today);
	hit_link(&link, d, h);
	buf_printf(&b, "{\"id\":%lld,\"ext_id\":", id);
	json_str(&b, d->ext_id);
	buf_printf(&b, ",\"rank\":%d,\"score\":%.6g,\"kind\":", rank, h->score);
	json_str(&b, doc_kind_name(d->kind));
	buf_adds(&b, ",\"title\":");
	json_str(&b, d->title);
	buf_adds(&b, ",\"authors\":[");
	for (size_t i = 0; i < d->authors.n; i++) {
		if (i)
			buf_addc(&b, ',');
		json_str(&b, d->authors.v[i]);
	}
	buf_adds(&b, "],\"container\":");
	json_str(&b, d->container);
	buf_adds(&b, ",\"published\":");
	json_str(&b, d->published);
	buf_adds(&b, ",\"url\":");
	json_str(&b, link.len ? link.data : NULL);
	buf_adds(&b, ",\"doi\":");
	json_str(&b, d->doi);
	buf_adds(&b, ",\"pmid\":");
	json_str(&b, d->pmid);
	buf_adds(&b, ",\"evidence\":");
	json_str(&b, d->kind == DOC_PAPER ? evidence_name(d->evidence) : NULL);
	buf_printf(&b, ",\"retracted\":%s,\"snippet\":", d->retracted ? "true" : "false");
	json_str(&b, h->snippet);
	buf_adds(&b, ",\"passage\":");
	if (h->paragraph > 0)
		buf_printf(&b, "%d", h->paragraph);
	else
		buf_adds(&b, "null");
	buf_adds(&b, ",\"label\":");
	json_str(&b, h->label);
	buf_adds(&b, ",\"start_s\":");
	if (h->start_s >= 0)
		buf_printf(&b, "%.3f", h->start_s);
	else
		buf_adds(&b, "null");
	buf_adds(&b, ",\"citation\":");
	json_str(&b, cite.data);
	if (query) {
		buf_adds(&b, ",\"query\":");
		json_str(&b, query);
	}
	buf_addc(&b, '}');
	puts(b.data);
	buf_release(&b);
	buf_release(&cite);
	buf_release(&link);
}

static void print_text(struct ctx *c, int rank, const struct doc *d,
	const struct search_hit *h)
{
	struct buf cite = BUF_INIT, link = BUF_INIT;
	const char *bold = c->color ? "\033[1m" : "", *off = c->color ? "\033[0m" : "";

	cite_short(&cite, d, h->start_s, c->today);
	hit_link(&link, d, h);
	printf("%d. %s%s%s", rank, bold, d->title && *d->title ? d->title : "(untitled)", off);
	if (d->kind == DOC_PAPER)
		printf("  [%s]", evidence_name(d->evidence));
	else
		printf("  [%s]", doc_kind_name(d->kind));
	if (d->retracted)
		printf("  [RETRACTED]");
	printf("\n");
	if (h->snippet) {
		char where[64] = "";

		if (d->kind == DOC_EPISODE && h->start_s >= 0) {
			char t[16];
			clock_format(h->start_s, t);
			snprintf(where, sizeof(where), " (at %s)", t);
		} else if (h->label) {
			snprintf(where, sizeof(where), " (%.40s)", h->label);
		} else if (h->paragraph > 0) {
			snprintf(where, sizeof(where), " (paragraph %d)", h->paragraph);
		}
		printf("   \"%s\"%s\n", h->snippet, where);
	}
	printf("   %s\n", cite.data);
	if (d->pmid || d->doi) {
		printf("  ");
		if (d->pmid)
			printf(" PMID %s", d->pmid);
		if (d->doi)
			printf(" doi:%s", d->doi);
		printf("\n");
	}
	if (link.len)
		printf("   %s\n", link.data);
	printf("\n");
	buf_release(&cite);
	buf_release(&link);
}

/* Answers one query; returns 0, 1 on failure. */
static int one_query(struct ctx *c, const char *text, int batch)
{
	struct query *q = query_parse(text, c->syn);
	struct search_result res;
	int rc;

	rc = search_run(c->db, q, &c->opts, &res);
	query_free(q);
	if (rc < 0)
		return 1;
	if (rc == QUERY_EMPTY) {
		notef("nothing to search for in '%s'", text);
		return 0;
	}
	if (res.n == 0 && c->format != F_JSON)
		notef("no results for '%s'", text);
	if (batch && c->format == F_TEXT)
		printf("## %s\n\n", text);
	for (size_t i = 0; i < res.n; i++) {
		struct doc d;

		doc_init(&d);
		if (store_get(c->store, res.hits[i].id, &d, 0) != 1) {
			doc_release(&d);
			continue;
		}
		if (c->format == F_JSON)
			print_json(c, batch ? text : NULL, c->opts.offset + (int)i + 1, &d,
				&res.hits[i], res.hits[i].id);
		else if (c->format == F_TEXT)
			print_text(c, c->opts.offset + (int)i + 1, &d, &res.hits[i]);
		else
			cite_list_add(c->cites, &d, res.hits[i].start_s);
		doc_release(&d);
	}
	search_result_release(&res);
	return 0;
}

int cmd_search(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "limit", required_argument, NULL, 'n' },
		{ "offset", required_argument, NULL, 'o' },
		{ "kind", required_argument, NULL, 'k' },
		{ "since", required_argument, NULL, 's' },
		{ "until", required_argument, NULL, 'u' },
		{ "evidence", required_argument, NULL, 'e' },
		{ "sort", required_argument, NULL, 'S' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct ctx c;
	char *since = NULL, *until = NULL, *synpath;
	const char *query, *dash_query = NULL;
	long v;
	int ch, rc = 1;

	memset(&c, 0, sizeof(c));
	search_opts_init(&c.opts);
	c.format = F_TEXT;
	/*
	 * A query may start with an excluded word ('-placebo esketamine'):
	 * an argument beginning with '-' that holds a space is the query, not
	 * an option, so it is taken out before getopt sees it. ('--' works too.)
	 */
	for (int i = 1; i < argc && !dash_query; i++) {
		if (argv[i][0] == '-' && argv[i][1] && strpbrk(argv[i], " \t")) {
			dash_query = argv[i];
			memmove(argv + i, argv + i + 1, (size_t)(argc - i) * sizeof(*argv));
			argc--;
		}
	}
	while ((ch = getopt_long(argc, argv, "n:o:k:s:u:e:S:f:h", opts, NULL)) != -1) {
		switch (ch) {
		case 'n':
		case 'o':
			if ((v = cmd_number(optarg)) < 0 || v > 10000) {
				error("'%s' is not a number from 0 to 10000", optarg);
				goto usage;
			}
			if (ch == 'n')
				c.opts.limit = (int)v;
			else
				c.opts.offset = (int)v;
			break;
		case 'k':
			if ((c.opts.kind = doc_kind_parse(optarg)) < 0) {
				error("--kind is paper, article or episode, not '%s'", optarg);
				goto usage;
			}
			break;
		case 's':
		case 'u':
			free(ch == 's' ? since : until);
			if (!(*(ch == 's' ? &since : &until) = date_iso(optarg))) {
				error("'%s' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", optarg);
				goto usage;
			}
			break;
		case 'e':
			if ((c.opts.min_evidence = evidence_parse(optarg)) < 0) {
				error("'%s' is not an evidence level", optarg);
				goto usage;
			}
			break;
		case 'S':
			if (!strcmp(optarg, "relevance"))
				c.opts.sort = SORT_RELEVANCE;
			else if (!strcmp(optarg, "evidence"))
				c.opts.sort = SORT_EVIDENCE;
			else if (!strcmp(optarg, "date"))
				c.opts.sort = SORT_DATE;
			else {
				error("--sort is relevance, evidence or date, not '%s'", optarg);
				goto usage;
			}
			break;
		case 'f':
			if (!strcmp(optarg, "text"))
				c.format = F_TEXT;
			else if (!strcmp(optarg, "json"))
				c.format = F_JSON;
			else if ((c.format = cite_style_parse(optarg)) < 0) {
				error("unknown format '%s'", optarg);
				goto usage;
			}
			break;
		case 'h':
			free(since);
			free(until);
			return cmd_help(usage);
		default:
			goto usage;
		}
	}
	if (argc - optind != (dash_query ? 0 : 1))
		goto usage;
	query = dash_query ? dash_query : argv[optind];
	c.opts.since = since;
	c.opts.until = until;
	c.color = c.format == F_TEXT && isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
	if (!c.color) {
		c.opts.mark_open = c.format == F_TEXT || c.format == F_JSON ? "**" : "";
		c.opts.mark_close = c.opts.mark_open;
	} else {
		c.opts.mark_open = "\033[1;33m";
		c.opts.mark_close = "\033[0m";
	}
	{
		time_t now = time(NULL);
		struct tm tm;
		gmtime_r(&now, &tm);
		strftime(c.today, sizeof(c.today), "%Y-%m-%d", &tm);
	}
	c.syn = synonyms_new();
	if ((synpath = synonyms_default_path())) {
		synonyms_load(c.syn, synpath);
		free(synpath);
	}
	if (!(c.db = cmd_open_db(0)) || !(c.store = store_new(c.db)))
		goto out;
	if (c.format >= 0)
		c.cites = cite_list_new((enum cite_style)c.format, c.today);
	if (!strcmp(query, "-")) {
		char *line = NULL;
		size_t cap = 0;
		ssize_t n;

		rc = 0;
		while ((n = getline(&line, &cap, stdin)) != -1) {
			while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
				line[--n] = '\0';
			if (n == 0)
				continue;
			if ((size_t)n > LIMIT_QUERY_BYTES)
				line[LIMIT_QUERY_BYTES] = '\0';
			if (one_query(&c, line, 1))
				rc = 1;
			fflush(stdout);
		}
		free(line);
	} else {
		rc = one_query(&c, query, 0);
	}
	if (c.cites) {
		struct buf out = BUF_INIT;

		cite_list_finish(c.cites, &out);
		fwrite(out.data, 1, out.len, stdout);
		buf_release(&out);
	}
out:
	cite_list_free(c.cites);
	synonyms_free(c.syn);
	store_free(c.store);
	db_close(c.db);
	free(since);
	free(until);
	return rc;
usage:
	free(since);
	free(until);
	return cmd_usage_error(usage);
}
