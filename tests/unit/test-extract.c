#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../core/buf.h"
#include "../../core/doc.h"
#include "../../core/text.h"
#include "../../indexer/extract.h"
#include "test.h"

#define FIX "tests/fixtures/extract/"

static const struct tcase {
	const char *file, *base, *ctype;
	int kind;
	const char *title, *author, *published, *site, *url, *doi, *lang;
	const char *has, *hasnt;
	int min_passages;
} cases[] = {
	{ "citation.html", "https://journal.example/a/1", NULL, DOC_PAPER,
	  "Repeated ketamine infusions in resistant depression: a pilot trial",
	  "Rivera, Ana", "2021-03-15", "Journal of Made-Up Psychiatry",
	  "https://journal.example/a/1", "10.9999/jmp.2021.0042", "en",
	  "nasal esketamine", "a pilot trial\n", 3 },
	{ "jsonld.html", "https://blog.example/p", NULL, DOC_ARTICLE,
	  "What a ketamine clinic visit is like", "Lee Park",
	  "2022-05-04T07:30:00Z", "Mind Notes", "https://blog.example/p",
	  NULL, "en-GB", "dissociation", NULL, 3 },
	{ "jsonld-single.html", NULL, NULL, DOC_ARTICLE,
	  "Nasal spray approved", "Dana Reyes", "2019-03-05", NULL, NULL,
	  NULL, "en", "old anaesthetic", NULL, 3 },
	{ "og.html", "https://health.example/x", NULL, DOC_ARTICLE,
	  "Esketamine, explained", NULL, "2020-01-02T03:04:05Z",
	  "Health Daily", "https://health.example/news/esketamine-explained",
	  NULL, "en", "blood pressure", NULL, 3 },
	{ "dc.html", NULL, NULL, DOC_ARTICLE, "Dublin Core ketamine note",
	  "Morgan Blake", "2018-07-09", NULL, NULL, "10.5555/dc.test.7",
	  "en", "talking therapy", NULL, 3 },
	{ "meta-author.html", NULL, NULL, DOC_ARTICLE, "A clinician's view",
	  "Jo Whitfield", NULL, NULL, NULL, NULL, "en", "nausea", NULL, 3 },
	{ "time.html", NULL, NULL, DOC_ARTICLE, "Dated post", NULL,
	  "2017-11-30", NULL, NULL, NULL, "en", "ketamine", NULL, 3 },
	{ "byline.html", NULL, NULL, DOC_ARTICLE, "Byline post",
	  "Priya Natarajan", NULL, NULL, NULL, NULL, "en", "Ketamine", NULL, 3 },
	{ "title.html", NULL, NULL, DOC_ARTICLE, "Ketamine and sleep", NULL,
	  NULL, "Sleep Site", NULL, NULL, "en", "Ketamine", NULL, 3 },
	{ "canonical.html", "https://site.example/dir/page", NULL,
	  DOC_ARTICLE, "Canon", NULL, NULL, NULL,
	  "https://site.example/articles/42?x=1", NULL, "en", "Ketamine",
	  NULL, 3 },
	{ "cookie.html", NULL, NULL, DOC_ARTICLE, "Cookie page", NULL, NULL,
	  NULL, NULL, NULL, "en", "old anaesthetic", "cookie", 3 },
	{ "consent-big.html", NULL, NULL, DOC_ARTICLE, "Second room", NULL, NULL,
	  NULL, NULL, NULL, "en", "waiting list doubled", "cookie", 1 },
	{ "consent-noclass.html", NULL, NULL, DOC_ARTICLE, "Monitoring", NULL, NULL,
	  NULL, NULL, NULL, "en", "blood pressure", "cookie", 2 },
	{ "boilerplate.html", NULL, NULL, DOC_ARTICLE, "Boilerplate page",
	  NULL, NULL, NULL, NULL, NULL, "en",
	  "Where the research goes next\n\nLonger follow-up", "Share on", 4 },
	{ "boilerplate.html", NULL, NULL, DOC_ARTICLE, "Boilerplate page",
	  NULL, NULL, NULL, NULL, NULL, "en", "electroconvulsive",
	  "commenter", 4 },
	{ "boilerplate.html", NULL, NULL, DOC_ARTICLE, "Boilerplate page",
	  NULL, NULL, NULL, NULL, NULL, "en", "old anaesthetic", "Home", 4 },
	{ "boilerplate.html", NULL, NULL, DOC_ARTICLE, "Boilerplate page",
	  NULL, NULL, NULL, NULL, NULL, "en", "old anaesthetic",
	  "Sidebar blurb", 4 },
	{ "boilerplate.html", NULL, NULL, DOC_ARTICLE, "Boilerplate page",
	  NULL, NULL, NULL, NULL, NULL, "en", "old anaesthetic",
	  "Copyright", 4 },
	{ "boilerplate.html", NULL, NULL, DOC_ARTICLE, "Boilerplate page",
	  NULL, NULL, NULL, NULL, NULL, "en", "old anaesthetic",
	  "Another story", 4 },
	{ "hidden.html", NULL, NULL, DOC_ARTICLE, "Hidden", NULL, NULL, NULL,
	  NULL, NULL, "en", "old anaesthetic", "Secret", 3 },
	{ "noarticle.html", NULL, NULL, DOC_ARTICLE, "Plain", NULL, NULL,
	  NULL, NULL, NULL, "en", "loose text without any markup",
	  NULL, 2 },
	{ "latin1-meta.html", NULL, NULL, DOC_ARTICLE, "Café", NULL, NULL,
	  NULL, NULL, NULL, NULL, "la kétamine: une étude menée", NULL, 1 },
	{ "latin1-header.html", NULL, "text/html; charset=iso-8859-1",
	  DOC_ARTICLE, "Café", NULL, NULL, NULL, NULL, NULL, NULL,
	  "dépression résistante", NULL, 1 },
	{ "bom.html", NULL, NULL, DOC_ARTICLE, "BOM", NULL, NULL, NULL, NULL,
	  NULL, NULL, "Kétamine, dépression", NULL, 1 },
	{ "badbytes.html", NULL, NULL, DOC_ARTICLE, "Bad \xef\xbf\xbd bytes",
	  NULL, NULL, NULL, NULL, NULL, NULL, "Broken \xef\xbf\xbd( bytes",
	  NULL, 1 },
};

/*
 * Boilerplate rules: each fixture holds the article's paragraphs ('has')
 * and one instance of each kind of page furniture ('hasnt').
 */
static const struct bcase {
	const char *file;
	const char *has[6];
	const char *hasnt[10];
} bcases[] = {
	/* trimming at the edges: headline again, dateline, byline, ad
	 * marker, rule line, reporting credit, author bio, follow call */
	{ "edges.html",
	  { "A small group of volunteers", "By the fourth week, most",
	    "placebo group is needed before anyone can tell how much of "
	    "the lift came from the tablet itself.", NULL },
	  { "Slow release ketamine tablets", "March 3", "Tamsin Reed", "Advertisement",
	    "___", "contributed to this report", "health reporter",
	    "Follow us", NULL } },
	/* captions and credits of pictures */
	{ "figures.html",
	  { "six reclining chairs", "forty minutes", "paperback novels",
	    NULL },
	  { "Reclining chairs line", "Picture credit", "Image 1 of 3",
	    "A nurse checks the monitor", NULL } },
	/* teaser links, link lists, hover cards, screen-reader text; a
	 * list of plain items and a paragraph with a link stay */
	{ "links.html",
	  { "a small pilot study, while others", "the diary helps decide",
	    "printed sheets explaining", "Bring a friend who can drive",
	    NULL },
	  { "SEE ALSO", "Nasal spray rules", "Five questions",
	    "Read our profile", "new window", NULL } },
};

static void run_bcase(const struct bcase *c)
{
	char path[256], what[512];
	size_t len;
	char *html;
	struct doc d;

	snprintf(path, sizeof(path), FIX "%s", c->file);
	html = slurp(path, &len);
	doc_init(&d);
	if (html)
		extract_html(html, len, NULL, NULL, &d);
	for (size_t i = 0; c->has[i]; i++) {
		snprintf(what, sizeof(what), "%s: keeps '%.40s'", c->file,
			 c->has[i]);
		check(what, d.content && strstr(d.content, c->has[i]));
	}
	for (size_t i = 0; c->hasnt[i]; i++) {
		snprintf(what, sizeof(what), "%s: drops '%.40s'", c->file,
			 c->hasnt[i]);
		for (char *s = what; *s; s++)
			if (*s == '\n')
				*s = ' ';
		check(what, d.content && !strstr(d.content, c->hasnt[i]));
	}
	if (!d.content || !strstr(d.content, c->has[0]))
		printf("# text: %s\n", d.content ? d.content : "(null)");
	doc_release(&d);
	free(html);
}

static void run_case(const struct tcase *c)
{
	char path[256], what[512];
	size_t len;
	char *html;
	struct doc d;
	int rc;

	snprintf(path, sizeof(path), FIX "%s", c->file);
	html = slurp(path, &len);
	if (!html) {
		snprintf(what, sizeof(what), "%s: fixture missing", c->file);
		check(what, 0);
		return;
	}
	doc_init(&d);
	rc = extract_html(html, len, c->base, c->ctype, &d);
#define T(field, got, want) do { \
	snprintf(what, sizeof(what), "%s: %s", c->file, field); \
	check_str(what, got, want); } while (0)
	snprintf(what, sizeof(what), "%s: returns 0", c->file);
	check_int(what, rc, 0);
	snprintf(what, sizeof(what), "%s: kind", c->file);
	check_int(what, d.kind, c->kind);
	T("title", d.title, c->title);
	T("first author", d.authors.n ? d.authors.v[0] : NULL, c->author);
	T("published", d.published, c->published);
	T("site", d.container, c->site);
	T("url", d.url, c->url);
	T("doi", d.doi, c->doi);
	T("lang", d.lang, c->lang);
	snprintf(what, sizeof(what), "%s: text has '%s'", c->file, c->has);
	for (char *s = what; *s; s++)
		if (*s == '\n')
			*s = ' ';
	check(what, d.content && strstr(d.content, c->has));
	if (c->hasnt) {
		snprintf(what, sizeof(what), "%s: text lacks '%s'", c->file,
			 c->hasnt);
		check(what, d.content && !strstr(d.content, c->hasnt));
	}
	snprintf(what, sizeof(what), "%s: text is valid UTF-8", c->file);
	check(what, d.content && utf8_valid(d.content, strlen(d.content)));
	snprintf(what, sizeof(what), "%s: at least %d passages", c->file,
		 c->min_passages);
	check(what, (int)d.npassages >= c->min_passages);
	if (!d.content || (c->hasnt && strstr(d.content, c->hasnt)))
		printf("# text: %s\n", d.content ? d.content : "(null)");
	doc_release(&d);
	free(html);
}

static void test_json(void)
{
	struct doc d;
	struct buf out = BUF_INIT;
	size_t len;
	char *html = slurp(FIX "jsonld.html", &len);

	doc_init(&d);
	if (html)
		extract_html(html, len, "https://blog.example/p", NULL, &d);
	extract_to_json(&d, &out);
	check("json: begins with title", !strncmp(out.data,
		"{\"title\":\"What a ketamine clinic visit is like\",",
		strlen("{\"title\":\"What a ketamine clinic visit is like\",")));
	check("json: authors array", strstr(out.data,
		"\"authors\":[\"Lee Park\",\"Sam Ortiz\"]") != NULL);
	check("json: doi null", strstr(out.data, "\"doi\":null") != NULL);
	check("json: text field", strstr(out.data, "\"text\":\"Ketamine") != NULL);
	check("json: passages split by paragraph", d.npassages == 3 &&
	      !strncmp(d.passages[1].text, "The effect tends", 16) &&
	      d.passages[1].start_s == -1);
	buf_release(&out);
	doc_release(&d);
	free(html);
}

static void test_garbage(void)
{
	static const char *const inputs[] = {
		"", "<", "<html>", "\xff\xfe\x00<\x00p\x00>", "<p>x",
		"<script>only script</script>",
		"<html><body><div><div><div></div></div></div></body></html>",
	};
	for (size_t i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
		struct doc d;
		int rc;

		doc_init(&d);
		rc = extract_html(inputs[i], i == 3 ? 8 : strlen(inputs[i]),
				  NULL, NULL, &d);
		check("garbage input does not crash", rc == 0 || rc == -1);
		check("garbage gives valid UTF-8", !d.content ||
		      utf8_valid(d.content, strlen(d.content)));
		doc_release(&d);
	}
}

int main(void)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		run_case(&cases[i]);
	for (size_t i = 0; i < sizeof(bcases) / sizeof(bcases[0]); i++)
		run_bcase(&bcases[i]);
	test_json();
	test_garbage();
	return test_done();
}
