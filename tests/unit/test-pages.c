/*
 * Teaser detection, HTML sniffing, fetch statuses, which pages refresh
 * asks for (fetch_pages, once per page, retries), and robots.txt kept in
 * the database. No network: the fetcher is never run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/db.h"
#include "core/doc.h"
#include "core/log.h"
#include "indexer/pages.h"
#include "indexer/store.h"
#include "test.h"

static const char long_text[] =
	"Ketamine clinics in this invented county see patients whose depression has outlasted "
	"several medicines. Nurses check blood pressure before and after each infusion, and "
	"patients wait in reclining chairs until the dissociation passes and they can walk "
	"steadily. The team keeps a paper log as well as the electronic record, because the "
	"network drops in storms, and a psychiatrist reviews every log at the end of the week "
	"to look for patterns in side effects, missed sessions and early relapses after a "
	"long course of treatment.";

static const struct {
	const char *what;
	int kind;
	const char *url, *summary, *content;
	int want;
} teasers[] = {
	{ "no content, short summary", DOC_ARTICLE, "http://a.example/1", "A short teaser.", NULL, 1 },
	{ "no content, no summary", DOC_ARTICLE, "http://a.example/1", NULL, NULL, 1 },
	{ "empty content counts as none", DOC_ARTICLE, "https://a.example/1", "Short.", "", 1 },
	{ "no content, long summary", DOC_ARTICLE, "http://a.example/1", long_text, NULL, 0 },
	{ "full content", DOC_ARTICLE, "http://a.example/1", "Short.", long_text, 0 },
	{ "content ending in Read more", DOC_ARTICLE, "http://a.example/1", NULL,
	  "A long opening paragraph about ketamine clinics. Read more", 1 },
	{ "Read more with an arrow", DOC_ARTICLE, "http://a.example/1", NULL,
	  "Text of the excerpt. Read More \xc2\xbb", 1 },
	{ "Continue reading <title> arrow", DOC_ARTICLE, "http://a.example/1", NULL,
	  "Excerpt text here. Continue reading Ketamine at home \xe2\x86\x92", 1 },
	{ "ends in an ellipsis character", DOC_ARTICLE, "http://a.example/1", NULL,
	  "The clinic found that\xe2\x80\xa6", 1 },
	{ "ends in [...]", DOC_ARTICLE, "http://a.example/1", NULL, "The clinic found that [...]", 1 },
	{ "ends in three dots", DOC_ARTICLE, "http://a.example/1", NULL, "And then...", 1 },
	{ "long summary ending in a link", DOC_ARTICLE, "http://a.example/1",
	  "placeholder", NULL, 1 },
	{ "'more' inside a word is not a link", DOC_ARTICLE, "http://a.example/1", NULL,
	  "Patients asked to read furthermore", 0 },
	{ "'read on' needs a word boundary", DOC_ARTICLE, "http://a.example/1", NULL,
	  "The nurses said the dosing was spread on", 0 },
	{ "an episode is never a teaser", DOC_EPISODE, "http://a.example/1", "Short.", NULL, 0 },
	{ "a paper is never a teaser", DOC_PAPER, "http://a.example/1", "Short.", NULL, 0 },
	{ "no link", DOC_ARTICLE, NULL, "Short.", NULL, 0 },
	{ "not an http link", DOC_ARTICLE, "ftp://a.example/1", "Short.", NULL, 0 },
};

static void test_teasers(void)
{
	char *long_more = malloc(sizeof(long_text) + 32);

	snprintf(long_more, sizeof(long_text) + 32, "%s Continue reading", long_text);
	for (size_t i = 0; i < sizeof(teasers) / sizeof(*teasers); i++) {
		struct doc d;

		doc_init(&d);
		d.kind = teasers[i].kind;
		d.url = teasers[i].url ? xstrdup(teasers[i].url) : NULL;
		if (teasers[i].summary && !strcmp(teasers[i].summary, "placeholder"))
			d.summary = xstrdup(long_more);
		else
			d.summary = teasers[i].summary ? xstrdup(teasers[i].summary) : NULL;
		d.content = teasers[i].content ? xstrdup(teasers[i].content) : NULL;
		check_int(teasers[i].what, page_is_teaser(&d), teasers[i].want);
		doc_release(&d);
	}
	free(long_more);
}

static void test_html(void)
{
	static const struct {
		const char *what, *type, *body;
		int want;
	} v[] = {
		{ "text/html", "text/html; charset=utf-8", "x", 1 },
		{ "type case ignored", " Text/HTML", "x", 1 },
		{ "xhtml", "application/xhtml+xml", "x", 1 },
		{ "plain text", "text/plain", "<html>", 0 },
		{ "pdf", "application/pdf", "%PDF", 0 },
		{ "no type, markup", NULL, "  \n<!DOCTYPE html>", 1 },
		{ "no type, BOM then markup", "", "\xef\xbb\xbf<html>", 1 },
		{ "no type, not markup", NULL, "plain words", 0 },
		{ "no type, empty", NULL, "", 0 },
	};

	for (size_t i = 0; i < sizeof(v) / sizeof(*v); i++)
		check_int(v[i].what, page_is_html(v[i].type, v[i].body, strlen(v[i].body)), v[i].want);
}

static void test_status(void)
{
	struct fetch_result r;

	memset(&r, 0, sizeof(r));
	r.err = FETCH_OK;
	r.status = 404;
	check_int("status of a response", page_status(&r), 404);
	r.err = FETCH_ERR_ROBOTS;
	check_int("status of a robots.txt refusal", page_status(&r), -(long)FETCH_ERR_ROBOTS);
}

static void test_extract_errors(void)
{
	static const struct {
		const char *what;
		enum fetch_err err;
		long status;
		const char *type, *body, *error, *want;
	} v[] = {
		{ "fetch error without the URL twice", FETCH_ERR_NETWORK, 0, NULL, "",
		  "'http://a.example/p': Connection refused", "Connection refused" },
		{ "robots refusal", FETCH_ERR_ROBOTS, 0, NULL, "", NULL, "disallowed by robots.txt" },
		{ "HTTP status", FETCH_OK, 410, "text/html", "<p>gone</p>", NULL, "HTTP 410" },
		{ "not HTML", FETCH_OK, 200, "image/png", "\x89PNG", NULL, "not an HTML page (image/png)" },
		{ "no text", FETCH_OK, 200, "text/html", "<html><body></body></html>", NULL, "no article text found" },
	};

	for (size_t i = 0; i < sizeof(v) / sizeof(*v); i++) {
		struct fetch_result r;
		struct buf why = BUF_INIT;
		struct doc d;
		int rc;

		memset(&r, 0, sizeof(r));
		fetch_result_release(&r);
		r.err = v[i].err;
		r.status = v[i].status;
		r.url = xstrdup("http://a.example/p");
		r.final_url = xstrdup("http://a.example/p");
		r.content_type = v[i].type ? xstrdup(v[i].type) : NULL;
		r.error = v[i].error ? xstrdup(v[i].error) : NULL;
		buf_add(&r.body, v[i].body, strlen(v[i].body));
		doc_init(&d);
		rc = page_extract(&r, &d, &why);
		check_int(v[i].what, rc, -1);
		check_str(v[i].what, why.data, v[i].want);
		doc_release(&d);
		buf_release(&why);
		fetch_result_release(&r);
	}
}

static void test_extract_ok(void)
{
	static const char html[] =
		"<html><head><title>Evening infusions</title></head><body><article>"
		"<p>The evening unit opened for people who cannot leave work by day and wanted treatment.</p>"
		"<p>Nurses check blood pressure before and after every infusion, then wait with them.</p>"
		"</article></body></html>";
	struct fetch_result r;
	struct buf why = BUF_INIT;
	struct doc d;

	memset(&r, 0, sizeof(r));
	fetch_result_release(&r);
	r.status = 200;
	r.url = xstrdup("http://a.example/short");
	r.final_url = xstrdup("http://a.example/pages/evening.html");
	r.content_type = xstrdup("text/html");
	buf_add(&r.body, html, sizeof(html) - 1);
	doc_init(&d);
	check_int("a page extracts", page_extract(&r, &d, &why), 0);
	check_str("no canonical: the final URL names it", d.url, "http://a.example/pages/evening.html");
	check_int("one passage per paragraph", d.npassages, 2);
	doc_release(&d);
	buf_release(&why);
	fetch_result_release(&r);
}

static void set_teaser(struct doc *d, const char *url)
{
	doc_init(d);
	d->kind = DOC_ARTICLE;
	d->title = xstrdup("A teaser item");
	d->url = xstrdup(url);
	d->summary = xstrdup("Short teaser. Read more");
}

static void test_db(void)
{
	char path[] = "/tmp/test-pages-XXXXXX";
	int fd = mkstemp(path);
	sqlite3 *db;
	struct store *st;
	struct pages *p;
	struct fetch_robots_store rs;
	struct doc d;
	char *text = NULL;
	size_t len = 0;
	long status = 0;
	time_t when = 0;
	long long id = 0;
	long ok, bad;

	if (fd < 0) {
		check("temporary database", 0);
		return;
	}
	close(fd);
	unlink(path);
	db = db_open(path, 1);
	check("database opens", db != NULL);
	if (!db)
		return;
	st = store_new(db);
	db_exec(db, "INSERT INTO sources (id, url, fetch_pages, added_at) VALUES"
		" (1, 'http://a.example/feed', 1, 0), (2, 'http://b.example/feed', 0, 0)");
	set_teaser(&d, "http://a.example/p1?utm_source=x");
	store_put(st, 1, &d, &id);
	p = pages_new(db, st, NULL);
	check_int("teaser of a source with pages: noted", pages_note(p, 1, &d, id), 1);
	check_int("the same page twice in a run: once", pages_note(p, 1, &d, id), 0);
	check_int("a source with --no-pages: not noted", pages_note(p, 2, &d, id), 0);
	check_int("no document id: not noted", pages_note(p, 1, &d, 0), 0);
	doc_release(&d);

	db_exec(db, "INSERT INTO fetched (url, fetched_at, status) VALUES"
		" ('http://a.example/done', strftime('%s','now'), 200),"
		" ('http://a.example/gone', 0, 404),"
		" ('http://a.example/robots', 0, -4),"
		" ('http://a.example/flaky', 0, 503),"
		" ('http://a.example/flaky-now', strftime('%s','now'), 503),"
		" ('http://a.example/net', 0, -2)");
	{
		static const struct { const char *url; int want; } v[] = {
			{ "http://a.example/done", 0 },
			{ "http://a.example/gone", 0 },
			{ "http://a.example/robots", 0 },
			{ "http://a.example/flaky", 1 },
			{ "http://a.example/flaky-now", 0 },
			{ "http://a.example/net", 1 },
			{ "http://a.example/new", 1 },
		};

		for (size_t i = 0; i < sizeof(v) / sizeof(*v); i++) {
			char what[128];

			set_teaser(&d, v[i].url);
			snprintf(what, sizeof(what), "fetched before: %s", v[i].url);
			check_int(what, pages_note(p, 1, &d, id), v[i].want);
			doc_release(&d);
		}
	}
	pages_counts(p, &ok, &bad);
	check_int("nothing attached without a run", ok + bad, 0);
	pages_free(p);

	pages_robots_store(&rs, db);
	check_int("no robots.txt kept yet", rs.load(rs.data, "http://a.example", &text, &len, &status, &when), 0);
	rs.save(rs.data, "http://a.example", "User-agent: *\nDisallow: /x\n", 27, 200, (time_t)1700000000);
	check_int("robots.txt kept", rs.load(rs.data, "http://a.example", &text, &len, &status, &when), 1);
	check_str("its text", text, "User-agent: *\nDisallow: /x\n");
	check_int("its length", len, 27);
	check_int("its status", status, 200);
	check_int("its time", (long long)when, 1700000000LL);
	free(text);
	text = NULL;
	rs.save(rs.data, "http://a.example", NULL, 0, 404, (time_t)1700000100);
	check_int("replaced", rs.load(rs.data, "http://a.example", &text, &len, &status, &when), 1);
	check_int("replaced: status", status, 404);
	check_int("replaced: empty text", len, 0);
	check_str("replaced: NUL-terminated", text, "");
	free(text);

	store_free(st);
	db_close(db);
	unlink(path);
	{
		char side[sizeof(path) + 8];

		snprintf(side, sizeof(side), "%s-wal", path);
		unlink(side);
		snprintf(side, sizeof(side), "%s-shm", path);
		unlink(side);
	}
}

int main(void)
{
	test_teasers();
	test_html();
	test_status();
	test_extract_errors();
	test_extract_ok();
	test_db();
	return test_done();
}
