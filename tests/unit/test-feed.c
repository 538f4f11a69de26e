/*
 * The feed parser: our own fixtures field by field, then every feed of
 * the shared corpora ($EVIDEX_SHARED/data/podcasts and the feedparser
 * suite) parsed without a crash, with the feedparser 'Expect:' comments
 * that name a title, link, id, author or text checked where practical.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "test.h"
#include "../../core/buf.h"
#include "../../core/text.h"
#include "../../indexer/feed.h"
#include "../../indexer/html.h"

static int parse_fixture(const char *name, const char *base, struct feed *f)
{
	char path[256];
	size_t len;
	char *data;
	int rc;

	snprintf(path, sizeof(path), "tests/fixtures/feeds/%s", name);
	data = slurp(path, &len);
	if (!data) {
		memset(f, 0, sizeof(*f));
		printf("# cannot read %s\n", path);
		return -2;
	}
	rc = feed_parse(data, len, base, f);
	free(data);
	return rc;
}

static const char *author(const struct doc *d, size_t i)
{
	return i < d->authors.n ? d->authors.v[i] : NULL;
}

static void test_rss2(void)
{
	struct feed f;
	int rc = parse_fixture("rss2-content.xml", "https://notes.example.org/feed", &f);

	check_int("rss2: parses", rc, 0);
	check_str("rss2: format", f.format, "rss");
	check_str("rss2: title", f.title, "Mood Science Notes");
	check_int("rss2: items", f.nitems, 2);
	if (f.nitems == 2) {
		const struct doc *d = &f.items[0], *p = &f.items[1];

		check_str("rss2: item title entity", d->title,
			"Ketamine & the glutamate hypothesis");
		check_str("rss2: guid", d->guid, "notes-0001");
		check_str("rss2: relative link resolved", d->url,
			"https://notes.example.org/posts/glutamate");
		check_str("rss2: pubDate to UTC", d->published, "2023-09-05T08:00:00Z");
		check_int("rss2: two dc:creator", d->authors.n, 2);
		check_str("rss2: first creator", author(d, 0), "Ada Rivers");
		check_str("rss2: second creator", author(d, 1), "Ben Okafor");
		check_str("rss2: summary html to text", d->summary,
			"A short summary of NMDA blockade.");
		check_str("rss2: content:encoded paragraphs", d->content,
			"First paragraph about synaptic plasticity.\n\n"
			"Second paragraph on dosing & response.");
		check_str("rss2: container is feed title", d->container,
			"Mood Science Notes");
		check_int("rss2: kind article", d->kind, DOC_ARTICLE);
		check_str("rss2: plain text keeps timestamp lines", p->summary,
			"Line one of the notes.\n12:34 Topic on esketamine\n"
			"1:02:03 Another topic");
		check_str("rss2: guid falls back to link", p->guid,
			"https://notes.example.org/posts/plain");
		check_int("rss2: managingEditor not inherited", p->authors.n, 0);
	} else {
		skip(14, "wrong item count");
	}
	feed_release(&f);
}

static void test_rdf(void)
{
	struct feed f;
	int rc = parse_fixture("rdf.xml", NULL, &f);

	check_int("rdf: parses", rc, 0);
	check_str("rdf: format", f.format, "rdf");
	check_str("rdf: title", f.title, "Journal of Imaginary Psychiatry");
	check_str("rdf: dc:language", f.language, "en");
	check_int("rdf: items", f.nitems, 2);
	if (f.nitems == 2) {
		check_str("rdf: guid from rdf:about", f.items[0].guid,
			"https://journal.example.net/a/101");
		check_str("rdf: dc:date", f.items[0].published, "2022-11-03");
		check_str("rdf: dc:date with time", f.items[1].published,
			"2022-11-04T08:30:00Z");
		check_str("rdf: creator", author(&f.items[0], 0), "C. Moreau");
	} else {
		skip(4, "wrong item count");
	}
	feed_release(&f);
}

/* A journal's feed: items with a DOI are papers. */
static void test_journal_doi(void)
{
	struct feed f;
	int rc = parse_fixture("journal-doi.xml", NULL, &f);

	check_int("journal: parses", rc, 0);
	check_int("journal: items", f.nitems, 3);
	if (f.nitems == 3) {
		check_str("journal: DOI from dc:identifier", f.items[0].doi, "10.5555/INV.2024.1");
		check_int("journal: an item with a DOI is a paper", f.items[0].kind, DOC_PAPER);
		check_str("journal: DOI from prism:doi", f.items[1].doi, "10.5555/inv.2024.2");
		check_int("journal: of a design the feed does not say", f.items[1].evidence, EVIDENCE_PAPER);
		check_str("journal: an identifier that is not a DOI", f.items[2].doi, NULL);
		check_int("journal: an item without a DOI is an article", f.items[2].kind, DOC_ARTICLE);
	} else {
		skip(6, "wrong item count");
	}
	feed_release(&f);
}

static void test_atom(void)
{
	struct feed f;
	int rc = parse_fixture("atom-base.xml", "https://blog.example.com/feeds/atom.xml", &f);

	check_int("atom: parses", rc, 0);
	check_str("atom: format", f.format, "atom");
	check_str("atom: html title to text", f.title, "Rapid Relief Blog");
	check_str("atom: alternate link via xml:base", f.link, "https://blog.example.com/");
	check_str("atom: author name", f.author, "Dana Liu");
	check_str("atom: xml:lang", f.language, "en");
	check_int("atom: entries", f.nitems, 2);
	if (f.nitems == 2) {
		const struct doc *d = &f.items[0], *e = &f.items[1];

		check_str("atom: id", d->guid, "tag:blog.example.com,2024:clinic-visit");
		check_str("atom: nested xml:base link", d->url,
			"https://blog.example.com/2024/clinic-visit");
		check_str("atom: enclosure link resolved", d->audio_url,
			"https://blog.example.com/2024/audio/visit.mp3");
		check_int("atom: enclosure length", d->nenclosures ? d->enclosures[0].length : 0, 1234);
		check_str("atom: published with offset", d->published, "2024-01-09T14:00:00Z");
		check_str("atom: updated", d->updated, "2024-01-10T12:00:00Z");
		check_str("atom: html content", d->content,
			"Arrival\n\nBlood pressure is taken first.");
		check_str("atom: text summary", d->summary,
			"Waiting room, monitoring, and the ride home.");
		check_str("atom: author inherited", author(d, 0), "Dana Liu");
		check_str("atom: xhtml title", e->title, "An xhtml title");
		check_str("atom: xhtml content", e->content, "Para one.\n\nPara two.");
		check_str("atom: published falls back to updated", e->published,
			"2024-01-08T00:00:00Z");
		check_str("atom: absolute link kept", e->url, "https://other.example.org/x");
	} else {
		skip(13, "wrong entry count");
	}
	feed_release(&f);
}

static void test_podcast(void)
{
	static const struct {
		const char *guid;
		double duration;
	} durations[] = {
		{ "pod-ep-12", 3723 }, { "pod-ep-13", 307 }, { "d1", 3600 },
		{ "d2", 1800.5 }, { "d3", 3723 }, { "d4", -1 },
	};
	struct feed f;
	int rc = parse_fixture("podcast.xml", NULL, &f);

	check_int("podcast: parses", rc, 0);
	check_str("podcast: rss link wins over atom:link self", f.link,
		"https://pod.example.fm/");
	check_str("podcast: itunes:author", f.author, "Evi Dex Media");
	check_str("podcast: itunes:image", f.image, "https://pod.example.fm/cover.jpg");
	check_str("podcast: new-feed-url", f.new_feed_url, "https://new.example.fm/feed.xml");
	check_str("podcast: podcast:guid", f.guid, "917393e3-1b1e-5cef-ace4-edaa54e1f810");
	check_int("podcast: items", f.nitems, 6);
	if (f.nitems != 6) {
		skip(26, "wrong item count");
		feed_release(&f);
		return;
	}
	const struct doc *d = &f.items[0];

	check_int("podcast: kind episode", d->kind, DOC_EPISODE);
	check_int("podcast: episode", d->episode, 12);
	check_int("podcast: season", d->season, 2);
	check_str("podcast: episodeType lowercased", d->episode_type, "full");
	check_str("podcast: itunes:summary", d->summary, "We talk with a clinician.");
	check_str("podcast: item image", d->image, "https://pod.example.fm/ep12.jpg");
	check_str("podcast: audio url", d->audio_url, "https://cdn.example.fm/ep12.mp3");
	check_int("podcast: enclosure length", d->nenclosures ? d->enclosures[0].length : 0, 59000000);
	check_int("podcast: transcripts", d->ntranscripts, 2);
	if (d->ntranscripts == 2) {
		check_str("podcast: transcript url", d->transcripts[0].url,
			"https://pod.example.fm/ep12.vtt");
		check_str("podcast: transcript type", d->transcripts[0].type, "text/vtt");
		check_str("podcast: transcript language", d->transcripts[0].language, "en");
		check_str("podcast: transcript rel", d->transcripts[0].rel, "captions");
		check_str("podcast: second transcript type", d->transcripts[1].type,
			"application/json");
	} else {
		skip(5, "no transcripts");
	}
	check_str("podcast: chapters", d->chapters_url, "https://pod.example.fm/ep12-chapters.json");
	check_int("podcast: persons", d->npersons, 2);
	if (d->npersons == 2) {
		check_str("podcast: person name", d->persons[0].name, "Dr. Guest Person");
		check_str("podcast: person role", d->persons[0].role, "guest");
		check_str("podcast: person href", d->persons[0].href, "https://example.org/guest");
		check_str("podcast: default role host", d->persons[1].role, "host");
	} else {
		skip(4, "no persons");
	}
	check_str("podcast: itunes:author of item", author(d, 0), "Host One");
	check_int("podcast: bad length is unknown", f.items[1].nenclosures ?
		f.items[1].enclosures[0].length : 0, -1);
	check_str("podcast: show author inherited", author(&f.items[1], 0), "Evi Dex Media");
	check_int("podcast: no enclosure is an article", f.items[2].kind, DOC_ARTICLE);
	check_int("podcast: garbage episode number", f.items[5].episode, -1);
	for (size_t i = 0; i < sizeof(durations) / sizeof(*durations); i++) {
		char what[64];

		snprintf(what, sizeof(what), "podcast: duration of %s", durations[i].guid);
		check(what, !strcmp(f.items[i].guid, durations[i].guid) &&
			f.items[i].duration_s == durations[i].duration);
	}
	feed_release(&f);
}

static void test_undeclared(void)
{
	struct feed f;
	int rc = parse_fixture("undeclared.xml", NULL, &f);

	check_int("undeclared: parses", rc, 0);
	check_str("undeclared: itunes:author", f.author, "Undeclared Author");
	check_int("undeclared: items", f.nitems, 1);
	if (f.nitems == 1) {
		const struct doc *d = &f.items[0];

		check(("undeclared: duration"), d->duration_s == 600);
		check_int("undeclared: episode", d->episode, 3);
		check_str("undeclared: dc:creator", author(d, 0), "Pat Doe");
		check_str("undeclared: content:encoded", d->content, "Body text here.");
		check_int("undeclared: transcript", d->ntranscripts, 1);
		check_int("undeclared: person", d->npersons, 1);
		check_int("undeclared: kind", d->kind, DOC_EPISODE);
	} else {
		skip(7, "no item");
	}
	feed_release(&f);
}

static void test_bad(void)
{
	struct feed f;
	int rc;

	rc = parse_fixture("malformed.xml", NULL, &f);
	check_int("malformed: recovers", rc, 0);
	check("malformed: first item kept", f.nitems >= 1 &&
		f.items[0].title && !strcmp(f.items[0].title, "First item survives"));
	feed_release(&f);

	rc = parse_fixture("not-a-feed.html", NULL, &f);
	check_int("html page: not a feed", rc, -1);
	check("html page: left empty", f.nitems == 0 && !f.title);
	feed_release(&f);

	rc = parse_fixture("empty.xml", NULL, &f);
	check_int("empty feed: parses", rc, 0);
	check_int("empty feed: no items", f.nitems, 0);
	check_str("empty feed: title", f.title, "Nothing yet");
	feed_release(&f);

	check_int("no bytes: error", feed_parse("", 0, NULL, &f), -1);
	feed_release(&f);
	check_int("other xml: error", feed_parse("<a><b/></a>", 11, NULL, &f), -1);
	feed_release(&f);
}

static void test_json(void)
{
	struct feed f;
	struct buf out = BUF_INIT;

	parse_fixture("podcast.xml", NULL, &f);
	check_int("json: written", feed_to_json(&f, &out), 0);
	check("json: null when absent", strstr(out.data, "\"language\":null") != NULL);
	check("json: transcripts", strstr(out.data,
		"\"transcripts\":[{\"url\":\"https://pod.example.fm/ep12.vtt\"") != NULL);
	check("json: persons", strstr(out.data, "{\"name\":\"Host One\",\"role\":\"host\"") != NULL);
	feed_release(&f);
	buf_release(&out);
}

/* ---- the shared corpora ---- */

struct corpus_stats {
	size_t files, parsed, items, failed_wellformed;
	size_t expect_total, expect_pass;
	size_t by_key_total[16], by_key_pass[16];
};

static const char *const expect_keys[] = {
	"feed['title']", "feed['title_detail']['value']", "feed['link']",
	"feed['author']", "feed['language']", "entries[0]['title']",
	"entries[0]['title_detail']['value']", "entries[0]['link']",
	"entries[0]['id']", "entries[0]['author']", "entries[0]['description']",
	"entries[0]['summary']", "entries[0]['content'][0]['value']",
	"len(entries)",
};
#define NKEYS (sizeof(expect_keys) / sizeof(*expect_keys))

/* The share of Expect: checks that must pass (measured: see report). */
#define EXPECT_PASS_PCT 85

/* Decodes a Python string literal at 's' into 'out'; -1 if not one. */
static int py_string(const char *s, struct buf *out)
{
	char q;

	while (*s == 'u' || *s == 'b')
		s++;
	if (*s != '\'' && *s != '"')
		return -1;
	q = *s++;
	for (; *s && *s != q; s++) {
		if (*s != '\\') {
			buf_addc(out, *s);
			continue;
		}
		s++;
		switch (*s) {
		case 'n': buf_addc(out, '\n'); break;
		case 't': buf_addc(out, '\t'); break;
		case 'r': buf_addc(out, '\r'); break;
		case 'x': case 'u': case 'U': {
			int n = *s == 'x' ? 2 : *s == 'u' ? 4 : 8;
			char hex[9] = { 0 };

			if (strlen(s + 1) < (size_t)n)
				return -1;
			memcpy(hex, s + 1, n);
			utf8_put(out, strtoul(hex, NULL, 16));
			s += n;
			break;
		}
		case '\0': return -1;
		default: buf_addc(out, *s); break;
		}
	}
	if (*s != q)
		return -1;
	s++;
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	return *s ? -1 : 0;   /* a compound expression: not ours to judge */
}

/* Plain text of a value feedparser would keep as HTML. */
static char *plain(const char *s)
{
	struct buf b = BUF_INIT;
	char *out;

	if (!s)
		return NULL;
	if (strchr(s, '<') || strchr(s, '&'))
		html_fragment_text(s, strlen(s), &b);
	else
		buf_adds(&b, s);
	out = text_squeezed(b.data);
	buf_release(&b);
	return out;
}

static void check_expect(const char *text, const struct feed *f,
	struct corpus_stats *st)
{
	const char *e = strstr(text, "Expect:");
	char *line, *end, *got = NULL;
	const char *rhs;
	size_t k;
	int ok = 0;

	if (!e)
		return;
	e += 7;
	while (*e == ' ' || *e == '\t')
		e++;
	end = strstr(e, "-->");
	if (!end)
		return;
	line = strndup(e, (size_t)(end - e));
	{
		char *p = line;

		if (!strncmp(p, "not bozo and ", 13))
			p += 13;
		else if (!strncmp(p, "bozo and ", 9))
			p += 9;
		for (k = 0; k < NKEYS; k++)
			if (!strncmp(p, expect_keys[k], strlen(expect_keys[k])))
				break;
		if (k == NKEYS || !(rhs = strstr(p + strlen(expect_keys[k]), "== "))) {
			free(line);
			return;
		}
		/* only "KEY == VALUE" with nothing else before the == */
		if (rhs != p + strlen(expect_keys[k]) + 1) {
			free(line);
			return;
		}
		rhs += 3;
	}
	if (!strcmp(expect_keys[k], "len(entries)")) {
		char *num_end;
		long want = strtol(rhs, &num_end, 10);

		while (*num_end == ' ' || *num_end == '\n' || *num_end == '\r')
			num_end++;
		if (num_end == rhs || *num_end) {
			free(line);
			return;
		}
		ok = (size_t)want == f->nitems;
	} else {
		struct buf want = BUF_INIT;
		const struct doc *d = f->nitems ? &f->items[0] : NULL;
		const char *v = NULL;
		char *pw;

		if (py_string(rhs, &want) < 0) {
			buf_release(&want);
			free(line);
			return;
		}
		switch (k) {
		case 0: case 1: v = f->title; break;
		case 2: v = f->link; break;
		case 3: v = f->author; break;
		case 4: v = f->language; break;
		case 5: case 6: v = d ? d->title : NULL; break;
		case 7: v = d ? d->url : NULL; break;
		case 8: v = d ? d->guid : NULL; break;
		case 9: v = d && d->authors.n ? d->authors.v[0] : NULL; break;
		case 10: case 11: v = d ? d->summary : NULL; break;
		case 12: v = d ? d->content : NULL; break;
		}
		got = plain(v);
		pw = plain(want.data);
		ok = (!got && !pw) || (got && pw && !strcmp(got, pw));
		free(pw);
		buf_release(&want);
	}
	st->expect_total++;
	st->by_key_total[k]++;
	if (ok) {
		st->expect_pass++;
		st->by_key_pass[k]++;
	}
	free(got);
	free(line);
}

static void walk(const char *dir, const char *rel, struct corpus_stats *st,
	int depth)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d || depth > 8) {
		if (d)
			closedir(d);
		return;
	}
	while ((e = readdir(d))) {
		char path[4096], url[4200], relp[4096];
		struct stat sb;
		size_t len, n = strlen(e->d_name);
		char *data;
		struct feed f;
		int rc;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		snprintf(relp, sizeof(relp), "%s%s%s", rel, *rel ? "/" : "", e->d_name);
		if (stat(path, &sb) < 0)
			continue;
		if (S_ISDIR(sb.st_mode)) {
			walk(path, relp, st, depth + 1);
			continue;
		}
		if (!(n > 4 && (!strcmp(e->d_name + n - 4, ".xml") ||
				!strcmp(e->d_name + n - 4, ".rss") ||
				!strcmp(e->d_name + n - 5, ".atom") ||
				!strcmp(e->d_name + n - 5, ".opml"))))
			continue;
		if (!(data = slurp(path, &len)))
			continue;
		st->files++;
		/* feedparser's suite is served at http://127.0.0.1:8097/ */
		snprintf(url, sizeof(url), "http://127.0.0.1:8097/%s", relp);
		rc = feed_parse(data, len, url, &f);
		if (rc == 0) {
			st->parsed++;
			st->items += f.nitems;
			if (strstr(relp, "wellformed/"))
				check_expect(data, &f, st);
		} else if (strstr(relp, "wellformed/")) {
			st->failed_wellformed++;
			if (getenv("TEST_VERBOSE"))
				printf("# not parsed: %s\n", relp);
		}
		feed_release(&f);
		free(data);
	}
	closedir(d);
}

static void test_corpora(void)
{
	const char *shared = getenv("EVIDEX_SHARED");
	char dir[4096];
	struct corpus_stats st;
	struct stat sb;
	clock_t t0 = clock();

	if (!shared)
		shared = "../shared";
	snprintf(dir, sizeof(dir), "%s/data/feeds/feedparser", shared);
	if (stat(dir, &sb) < 0) {
		printf("# skip: no feed corpora under %s/data\n", shared);
		skip(4, "shared feed corpora absent");
		return;
	}
	memset(&st, 0, sizeof(st));
	/* error messages for the broken files on stderr are expected */
	walk(dir, "", &st, 0);
	snprintf(dir, sizeof(dir), "%s/data/podcasts", shared);
	walk(dir, "podcasts", &st, 0);

	printf("# corpora: %zu files, %zu parsed, %zu items, %zu well-formed not parsed, %.1f s\n",
		st.files, st.parsed, st.items, st.failed_wellformed,
		(double)(clock() - t0) / CLOCKS_PER_SEC);
	for (size_t k = 0; k < NKEYS; k++)
		if (st.by_key_total[k])
			printf("#   %-40s %zu/%zu\n", expect_keys[k], st.by_key_pass[k],
				st.by_key_total[k]);
	printf("# feedparser Expect: checks passed %zu/%zu (%.1f%%)\n", st.expect_pass,
		st.expect_total, st.expect_total ? 100.0 * st.expect_pass / st.expect_total : 0);
	check("corpora: over 2,100 files walked", st.files > 2100);
	check("corpora: items found", st.items > 1000);
	check("corpora: at most 1% of well-formed feeds refused",
		st.failed_wellformed * 100 <= st.files);
	check("corpora: Expect: checks mostly pass",
		st.expect_total > 500 && st.expect_pass * 100 >= st.expect_total * EXPECT_PASS_PCT);
}

int main(void)
{
	test_rss2();
	test_rdf();
	test_journal_doi();
	test_atom();
	test_podcast();
	test_undeclared();
	test_bad();
	test_json();
	test_corpora();
	return test_done();
}
