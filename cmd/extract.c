#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "../core/buf.h"
#include "../core/doc.h"
#include "../core/limits.h"
#include "../core/log.h"
#include "../indexer/extract.h"
#include "../indexer/fetch.h"

/*
 * evidex extract: the article text and metadata of one web page, from a
 * file, stdin ("-") or an http(s) URL. Exit 0 done, 1 the page could not
 * be read or parsed, 2 usage error.
 */

static const char usage_text[] =
	"evidex extract [--url BASE] [--format text|json] FILE|URL\n";

static const char help_text[] =
	"evidex extract [--url BASE] [--format text|json] FILE|URL\n"
	"\n"
	"Prints the main text and metadata of a web page. FILE may be '-'\n"
	"for stdin; an http(s) URL is fetched. --url gives the page's\n"
	"address, against which relative links are resolved.\n";

/* Fetches 'url' into 'body'; the final URL and content type to *final, *ct. */
static int fetch_page(const char *url, struct buf *body, char **final,
	char **ct)
{
	struct fetch_request rq = { 0 };
	struct fetch_result res;
	int ret = 0;

	if (fetch_global_init() < 0)
		return -1;
	rq.url = url;
	rq.robots = 1;
	memset(&res, 0, sizeof(res));
	if (fetch_one(&rq, &res) < 0) {
		ret = error("cannot fetch '%s': %s", url,
			    res.error ? res.error : fetch_err_name(res.err));
	} else if (res.status < 200 || res.status > 299) {
		ret = error("cannot fetch '%s': HTTP status %ld", url,
			    res.status);
	} else {
		buf_add(body, res.body.data, res.body.len);
		*final = res.final_url, res.final_url = NULL;
		*ct = res.content_type, res.content_type = NULL;
	}
	fetch_result_release(&res);
	fetch_global_cleanup();
	return ret;
}

static void field(const char *label, const char *value)
{
	if (value && *value)
		printf("%s: %s\n", label, value);
}

static void print_text(const struct doc *d)
{
	field("title", d->title);
	for (size_t i = 0; i < d->authors.n; i++)
		field("author", d->authors.v[i]);
	field("kind", doc_kind_name(d->kind));
	field("published", d->published);
	field("site", d->container);
	field("url", d->url);
	field("doi", d->doi);
	field("lang", d->lang);
	field("description", d->summary);
	printf("\n%s\n", d->content ? d->content : "");
}

int cmd_extract(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "url", required_argument, NULL, 'u' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *base = NULL, *format = "text", *src;
	char *final = NULL, *ct = NULL;
	struct buf body = BUF_INIT_MAX(LIMIT_BODY_BYTES);
	struct doc d;
	int c, ret = 0;

	while ((c = getopt_long(argc, argv, "u:f:h", opts, NULL)) != -1) {
		switch (c) {
		case 'u':
			base = optarg;
			break;
		case 'f':
			format = optarg;
			break;
		case 'h':
			return cmd_help(help_text);
		default:
			return cmd_usage_error(usage_text);
		}
	}
	if (optind != argc - 1 ||
	    (strcmp(format, "text") && strcmp(format, "json")))
		return cmd_usage_error(usage_text);
	src = argv[optind];
	if (!strncmp(src, "http://", 7) || !strncmp(src, "https://", 8)) {
		if (fetch_page(src, &body, &final, &ct) < 0) {
			buf_release(&body);
			return 1;
		}
		if (!base)
			base = final ? final : src;
	} else if (buf_read_file(&body, src) < 0) {
		buf_release(&body);
		return 1;
	}
	doc_init(&d);
	if (extract_html(body.data, body.len, base, ct, &d) < 0) {
		ret = 1;
	} else if (!strcmp(format, "json")) {
		struct buf out = BUF_INIT;

		if (extract_to_json(&d, &out) < 0)
			ret = error("output too large");
		else
			printf("%s\n", out.data);
		buf_release(&out);
	} else {
		print_text(&d);
	}
	doc_release(&d);
	buf_release(&body);
	free(final);
	free(ct);
	return ret;
}
