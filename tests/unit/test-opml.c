/* OPML: reading nested folders, writing escaped OPML 2.0, round trip. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "test.h"
#include "../../core/buf.h"
#include "../../indexer/opml.h"

static const struct {
	const char *url, *title, *html_url, *category;
} want[] = {
	{ "https://a.example/feed.xml", "Top level", "https://a.example/", NULL },
	{ "https://j.example/rss", "Journal & Co", NULL, "Research/Journals" },
	{ "https://p.example/atom", "Preprints", NULL, "Research" },
};

static void check_entries(const char *what, const struct opml *o, size_t n)
{
	char label[128];

	snprintf(label, sizeof(label), "%s: entry count", what);
	check_int(label, o->n, n);
	for (size_t i = 0; i < 3 && i < o->n; i++) {
		snprintf(label, sizeof(label), "%s: url %zu", what, i);
		check_str(label, o->v[i].url, want[i].url);
		snprintf(label, sizeof(label), "%s: title %zu", what, i);
		check_str(label, o->v[i].title, want[i].title);
		snprintf(label, sizeof(label), "%s: html_url %zu", what, i);
		check_str(label, o->v[i].html_url, want[i].html_url);
		snprintf(label, sizeof(label), "%s: category %zu", what, i);
		check_str(label, o->v[i].category, want[i].category);
	}
}

int main(void)
{
	struct opml o = OPML_INIT, back = OPML_INIT;
	struct buf out = BUF_INIT;
	size_t len;
	char *data = slurp("tests/fixtures/feeds/subscriptions.opml", &len);

	check("fixture readable", data != NULL);
	if (!data)
		return test_done();
	check_int("parse", opml_parse(data, len, &o), 0);
	check_entries("read", &o, 3);

	/* hostile strings must come out as valid, escaped XML */
	opml_add(&o, "https://q.example/?a=1&b=\"2\"", "<script>\"'&\n\x01",
		NULL, "Odd & \"cat\"");
	check_int("write", opml_write(&o, "T & <t>", &out), 0);
	{
		xmlDocPtr doc = xmlReadMemory(out.data, (int)out.len, NULL, NULL,
			XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);

		check("written OPML is well-formed XML", doc != NULL);
		xmlFreeDoc(doc);
	}
	check_int("parse written", opml_parse(out.data, out.len, &back), 0);
	check_entries("round trip", &back, 4);
	if (back.n == 4) {
		check_str("round trip: odd url", back.v[3].url, "https://q.example/?a=1&b=\"2\"");
		check_str("round trip: odd category", back.v[3].category, "Odd & \"cat\"");
	} else {
		skip(2, "odd entry missing");
	}
	opml_release(&back);
	check_int("not OPML", opml_parse("<rss/>", 6, &back), -1);
	opml_release(&back);
	check_int("garbage", opml_parse("\x01\x02<<", 4, &back), -1);
	opml_release(&back);
	check_int("empty", opml_parse("", 0, &back), -1);
	opml_release(&back);
	{
		/* many outlines: bounded */
		struct buf big = BUF_INIT;
		struct opml b = OPML_INIT;

		buf_adds(&big, "<opml><body>");
		for (int i = 0; i < 6000; i++)
			buf_printf(&big, "<outline xmlUrl=\"https://h.example/%d\"/>", i);
		buf_adds(&big, "</body></opml>");
		check_int("big: parses", opml_parse(big.data, big.len, &b), 0);
		check_int("big: bounded", b.n, 5000);
		opml_release(&b);
		buf_release(&big);
	}
	opml_release(&o);
	buf_release(&out);
	free(data);
	return test_done();
}
