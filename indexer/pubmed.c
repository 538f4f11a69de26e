/*
 * PubMed E-utilities: EFetch and ESearch parsers, request builders.
 * The element tree is described in research/sources.md §1.5.
 */
#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <sqlite3.h>

#include "../core/json.h"
#include "../core/limits.h"
#include "../core/log.h"
#include "../core/text.h"
#include "pubmed.h"

#define XML_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)

/* ---- tree helpers ---- */

static int is_elem(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->name &&
		!strcmp((const char *)n->name, name);
}

/* The first element child of 'n' named 'name', or NULL. */
static xmlNode *child(const xmlNode *n, const char *name)
{
	if (!n)
		return NULL;
	for (xmlNode *c = n->children; c; c = c->next)
		if (is_elem(c, name))
			return c;
	return NULL;
}

/* The next sibling of 'n' named as 'n' is, or NULL. */
static xmlNode *next_named(const xmlNode *n)
{
	for (xmlNode *c = n->next; c; c = c->next)
		if (is_elem(c, (const char *)n->name))
			return c;
	return NULL;
}

/* Attribute 'name' of 'n' compared with 'value' (ASCII case ignored). */
static int attr_is(xmlNode *n, const char *name, const char *value)
{
	xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
	int same = v && !strcasecmp((const char *)v, value);

	xmlFree(v);
	return same;
}

/* Attribute as a new squeezed string (free() it), or NULL. */
static char *attr_dup(xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
	char *s = v ? text_squeezed((const char *)v) : NULL;

	xmlFree(v);
	return s;
}

static int only_space(const char *s)
{
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			return 0;
	return 1;
}

/*
 * Appends the text below 'n': text and CDATA nodes, in document order.
 * Entity references are dropped, never expanded. Inside MathML, white
 * space between tokens is layout and is dropped, and annotations (TeX
 * sources and the like) are skipped, so <mi>V</mi><mn>2</mn> reads "V2".
 */
static void collect_text(const xmlNode *n, struct buf *b, int in_math, int depth)
{
	if (depth > LIMIT_XML_DEPTH)
		return;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			const char *t = (const char *)c->content;

			if (!t || (in_math && only_space(t)))
				continue;
			if (buf_adds(b, t) < 0)
				return;
		} else if (c->type == XML_ELEMENT_NODE) {
			const char *name = (const char *)c->name;
			int math = in_math || !strcmp(name, "math");

			if (math && (!strcmp(name, "annotation") ||
			    !strcmp(name, "annotation-xml")))
				continue;
			collect_text(c, b, math, depth + 1);
		}
	}
}

/* The squeezed text below 'n' as a new string, or NULL when none. */
static char *text_of(const xmlNode *n)
{
	struct buf b = BUF_INIT_MAX(LIMIT_FIELD_BYTES);
	char *s;

	if (!n)
		return NULL;
	collect_text(n, &b, 0, 0);
	s = text_squeezed(b.data);
	buf_release(&b);
	return s;
}

/* Sets '*field' (when still NULL) to the text of 'n'. */
static void set_text(char **field, const xmlNode *n)
{
	if (!*field)
		*field = text_of(n);
}

static int all_digits(const char *s)
{
	if (!s || !*s)
		return 0;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

/* ---- dates ---- */

static const char *const months[] = {
	"jan", "feb", "mar", "apr", "may", "jun",
	"jul", "aug", "sep", "oct", "nov", "dec",
};

static const struct {
	const char *name;
	int month;
} seasons[] = {
	{ "spring", 3 }, { "summer", 6 }, { "fall", 9 }, { "autumn", 9 },
	{ "winter", 12 },
};

/* Month 1..12 from "Sep", "September", "09", "9", or a season; 0 if none. */
static int month_of(const char *s, size_t len)
{
	if (len == 0)
		return 0;
	if (isdigit((unsigned char)s[0])) {
		int m = 0;

		for (size_t i = 0; i < len && i < 3; i++) {
			if (!isdigit((unsigned char)s[i]))
				return 0;
			m = m * 10 + (s[i] - '0');
		}
		return m >= 1 && m <= 12 && len <= 2 ? m : 0;
	}
	if (len >= 3)
		for (int i = 0; i < 12; i++)
			if (!strncasecmp(s, months[i], 3))
				return i + 1;
	for (size_t i = 0; i < sizeof(seasons) / sizeof(*seasons); i++)
		if (len == strlen(seasons[i].name) &&
		    !strncasecmp(s, seasons[i].name, len))
			return seasons[i].month;
	return 0;
}

/* A 4-digit year at 's' (exactly 4 digits), or 0. */
static int year_at(const char *s)
{
	int y = 0;

	for (int i = 0; i < 4; i++) {
		if (!isdigit((unsigned char)s[i]))
			return 0;
		y = y * 10 + (s[i] - '0');
	}
	if (isdigit((unsigned char)s[4]))
		return 0;
	return y >= 1000 ? y : 0;
}

static int day_of(const char *s)
{
	int d = 0;
	size_t i;

	if (!s)
		return 0;
	for (i = 0; isdigit((unsigned char)s[i]) && i < 3; i++)
		d = d * 10 + (s[i] - '0');
	if (i == 0 || s[i])
		return 0;
	return d >= 1 && d <= 31 ? d : 0;
}

/* "YYYY", "YYYY-MM" or "YYYY-MM-DD" (day only with month); NULL if !y. */
static char *iso_date(int y, int m, int d)
{
	struct buf b = BUF_INIT_MAX(16);

	if (!y)
		return NULL;
	buf_printf(&b, "%04d", y);
	if (m) {
		buf_printf(&b, "-%02d", m);
		if (d)
			buf_printf(&b, "-%02d", d);
	}
	return buf_detach(&b, NULL);
}

/*
 * A MedlineDate ("2003 Jul-Aug", "1998 Dec-1999 Jan", "2000 Spring",
 * "2001 Nov 5-12", "1977-1978") as ISO: its first year, month, day.
 */
static char *medline_date(const char *s)
{
	const char *p = s, *w;
	int y = 0, m = 0, d = 0;

	for (; *p; p++)
		if ((p == s || !isdigit((unsigned char)p[-1])) && (y = year_at(p)))
			break;
	if (!y)
		return NULL;
	p += 4;
	while (*p == ' ')
		p++;
	for (w = p; isalpha((unsigned char)*p); p++)
		;
	m = month_of(w, (size_t)(p - w));
	if (m) {
		while (*p == ' ')
			p++;
		if (isdigit((unsigned char)*p)) {
			char day[4] = "";
			size_t i;

			for (i = 0; i < 3 && isdigit((unsigned char)p[i]); i++)
				day[i] = p[i];
			day[i] = '\0';
			if (!isdigit((unsigned char)p[i]))
				d = day_of(day);
		}
	}
	return iso_date(y, m, d);
}

/* PubDate, ArticleDate, ContributionDate ...: Year, Month, Day, Season. */
static char *date_of(const xmlNode *n)
{
	char *year, *month, *day, *season, *iso = NULL;
	int y, m = 0, d = 0;

	if (!n)
		return NULL;
	if (child(n, "MedlineDate") && !child(n, "Year")) {
		char *md = text_of(child(n, "MedlineDate"));

		iso = md ? medline_date(md) : NULL;
		free(md);
		return iso;
	}
	year = text_of(child(n, "Year"));
	month = text_of(child(n, "Month"));
	day = text_of(child(n, "Day"));
	season = text_of(child(n, "Season"));
	y = year ? year_at(year) : 0;
	if (y && year[4] == '\0') {
		if (month)
			m = month_of(month, strlen(month));
		else if (season)
			m = month_of(season, strlen(season));
		if (m && month)
			d = day_of(day);
		iso = iso_date(y, m, d);
	}
	free(year);
	free(month);
	free(day);
	free(season);
	return iso;
}

/* ---- fields ---- */

/* Vancouver initials from a ForeName: "Carlos A" -> "CA", "Jean-Luc" -> "JL". */
static void initials_from(struct buf *b, const char *fore)
{
	int at_start = 1;

	for (const unsigned char *p = (const unsigned char *)fore; *p; p++) {
		if (*p == ' ' || *p == '-' || *p == '.') {
			at_start = 1;
			continue;
		}
		if (at_start && isalpha(*p))
			buf_addc(b, toupper(*p));
		else if (at_start && *p >= 0x80) {
			/* a non-ASCII letter: copy its whole UTF-8 sequence */
			size_t n = 1;

			while (p[n] && (p[n] & 0xC0) == 0x80)
				n++;
			buf_add(b, p, n);
		}
		at_start = 0;
	}
}

/* One Author as "Last FM" (see pubmed.h), or NULL to skip it. */
static char *author_name(xmlNode *a)
{
	struct buf b = BUF_INIT_MAX(LIMIT_FIELD_BYTES);
	char *last, *initials, *fore, *suffix, *name;

	if (attr_is(a, "ValidYN", "N"))
		return NULL;
	if ((name = text_of(child(a, "CollectiveName"))))
		return name;
	last = text_of(child(a, "LastName"));
	if (!last)
		return NULL;
	initials = text_of(child(a, "Initials"));
	fore = text_of(child(a, "ForeName"));
	suffix = text_of(child(a, "Suffix"));
	buf_adds(&b, last);
	if (initials || fore) {
		size_t before;

		buf_addc(&b, ' ');
		before = b.len;
		if (initials) {
			for (const char *p = initials; *p; p++)
				if (*p != '.' && *p != ' ')
					buf_addc(&b, *p);
		} else {
			initials_from(&b, fore);
		}
		if (b.len == before)
			buf_setlen(&b, before - 1);
	}
	if (suffix) {
		buf_addc(&b, ' ');
		buf_adds(&b, suffix);
	}
	free(last);
	free(initials);
	free(fore);
	free(suffix);
	return buf_detach(&b, NULL);
}

static void add_authors(struct doc *d, xmlNode *list)
{
	for (xmlNode *a = child(list, "Author"); a; a = next_named(a)) {
		char *name;

		if (d->authors.n >= LIMIT_AUTHORS)
			return;
		if ((name = author_name(a))) {
			strlist_add(&d->authors, name);
			free(name);
		}
	}
}

/* A DOI without a resolver prefix, or NULL when it does not look like one. */
static char *clean_doi(char *doi)
{
	static const char *const prefixes[] = {
		"https://doi.org/", "http://doi.org/", "https://dx.doi.org/",
		"http://dx.doi.org/", "doi:",
	};
	char *p = doi;

	if (!doi)
		return NULL;
	for (size_t i = 0; i < sizeof(prefixes) / sizeof(*prefixes); i++)
		if (starts_with_ci(p, prefixes[i])) {
			p += strlen(prefixes[i]);
			break;
		}
	while (*p == ' ')
		p++;
	if (strncmp(p, "10.", 3) || !strchr(p, '/')) {
		free(doi);
		return NULL;
	}
	if (p != doi)
		memmove(doi, p, strlen(p) + 1);
	return doi;
}

/* The article's own ids: ArticleIdList directly below 'parent'. */
static void add_article_ids(struct doc *d, xmlNode *parent)
{
	xmlNode *list = child(parent, "ArticleIdList");

	for (xmlNode *id = child(list, "ArticleId"); id; id = next_named(id)) {
		if (attr_is(id, "IdType", "doi") && !d->doi) {
			d->doi = clean_doi(text_of(id));
		} else if (attr_is(id, "IdType", "pmc") && !d->pmcid) {
			char *v = text_of(id);

			if (v && !strncasecmp(v, "PMC", 3) && all_digits(v + 3))
				d->pmcid = v;
			else if (all_digits(v)) {
				d->pmcid = xmalloc(strlen(v) + 4);
				memcpy(d->pmcid, "PMC", 3);
				strcpy(d->pmcid + 3, v);
				free(v);
			} else
				free(v);
		} else if (attr_is(id, "IdType", "pubmed") && !d->pmid) {
			char *v = text_of(id);

			if (all_digits(v))
				d->pmid = v;
			else
				free(v);
		}
	}
}

static void add_elocation_doi(struct doc *d, xmlNode *parent)
{
	if (!parent)
		return;
	for (xmlNode *e = child(parent, "ELocationID"); e && !d->doi; e = next_named(e))
		if (attr_is(e, "EIdType", "doi") && !attr_is(e, "ValidYN", "N"))
			d->doi = clean_doi(text_of(e));
}

static void add_pages(struct doc *d, xmlNode *pagination)
{
	char *start, *end;

	if (!pagination || d->pages)
		return;
	if ((d->pages = text_of(child(pagination, "MedlinePgn"))))
		return;
	start = text_of(child(pagination, "StartPage"));
	end = text_of(child(pagination, "EndPage"));
	if (start && end) {
		struct buf b = BUF_INIT_MAX(LIMIT_FIELD_BYTES);

		buf_printf(&b, "%s-%s", start, end);
		d->pages = buf_detach(&b, NULL);
	} else {
		d->pages = start;
		start = NULL;
	}
	free(start);
	free(end);
}

static int is_unlabelled(const char *label)
{
	return !strcasecmp(label, "UNLABELLED") || !strcasecmp(label, "UNLABELED") ||
		!strcasecmp(label, "UNASSIGNED");
}

/* Abstract -> passages, content, summary. */
static void add_abstract(struct doc *d, xmlNode *abstract)
{
	struct buf content = BUF_INIT_MAX(LIMIT_TEXT_BYTES);

	for (xmlNode *at = child(abstract, "AbstractText"); at; at = next_named(at)) {
		char *text = text_of(at), *label = attr_dup(at, "Label");
		size_t before = content.len;

		if (!label)
			label = attr_dup(at, "NlmCategory");
		if (label && is_unlabelled(label)) {
			free(label);
			label = NULL;
		}
		if (text && doc_add_passage(d, label, text, -1, -1, NULL)) {
			int rc = 0;

			if (content.len)
				rc |= buf_adds(&content, "\n\n");
			if (label)
				rc |= buf_printf(&content, "%s: ", label);
			rc |= buf_adds(&content, text);
			if (rc)
				buf_setlen(&content, before);
		}
		free(text);
		free(label);
	}
	if (content.len) {
		d->content = buf_detach(&content, NULL);
		d->summary = text_squeezed(d->content);
	}
	buf_release(&content);
}

static void add_pubtypes(struct doc *d, xmlNode *parent, const char *name)
{
	for (xmlNode *p = child(parent, name); p; p = next_named(p)) {
		char *t = text_of(p);

		if (t && !strcasecmp(t, "Retracted Publication"))
			d->retracted = 1;
		strlist_add(&d->pubtypes, t);
		free(t);
	}
}

static int has_pubtype(const struct doc *d, const char *t)
{
	for (size_t i = 0; i < d->pubtypes.n; i++)
		if (!strcasecmp(d->pubtypes.v[i], t))
			return 1;
	return 0;
}

/* CommentsCorrections: retraction, erratum and concern notices. */
static void add_corrections(struct doc *d, xmlNode *list)
{
	static const struct {
		const char *reftype, *mark;
	} marks[] = {
		{ "RetractionIn", "Retraction In" },
		{ "ErratumIn", "Erratum In" },
		{ "ExpressionOfConcernIn", "Expression of Concern In" },
	};
	int seen[sizeof(marks) / sizeof(*marks)] = { 0 };

	for (xmlNode *c = child(list, "CommentsCorrections"); c; c = next_named(c))
		for (size_t i = 0; i < sizeof(marks) / sizeof(*marks); i++)
			if (attr_is(c, "RefType", marks[i].reftype))
				seen[i] = 1;
	for (size_t i = 0; i < sizeof(marks) / sizeof(*marks); i++)
		if (seen[i])
			strlist_add(&d->pubtypes, marks[i].mark);
	if (seen[0]) {
		d->retracted = 1;
		if (!has_pubtype(d, "Retracted Publication"))
			strlist_add(&d->pubtypes, "Retracted Publication");
	}
}

static void add_mesh(struct doc *d, xmlNode *list)
{
	for (xmlNode *h = child(list, "MeshHeading"); h; h = next_named(h)) {
		xmlNode *desc = child(h, "DescriptorName");
		char *name = text_of(desc);
		int major;

		if (!name)
			continue;
		major = attr_is(desc, "MajorTopicYN", "Y");
		for (xmlNode *q = child(h, "QualifierName"); q && !major; q = next_named(q))
			major = attr_is(q, "MajorTopicYN", "Y");
		if (major) {
			size_t n = strlen(name);

			name = xrealloc(name, n + 2);
			name[n] = '*';
			name[n + 1] = '\0';
		}
		strlist_add(&d->mesh, name);
		free(name);
	}
}

static void add_keywords(struct doc *d, xmlNode *parent)
{
	for (xmlNode *l = child(parent, "KeywordList"); l; l = next_named(l))
		for (xmlNode *k = child(l, "Keyword"); k; k = next_named(k)) {
			char *t = text_of(k);

			strlist_add(&d->keywords, t);
			free(t);
		}
}

/* url, guid and evidence once the rest is known. */
static void finish(struct doc *d)
{
	struct buf b = BUF_INIT_MAX(128);

	buf_printf(&b, "https://pubmed.ncbi.nlm.nih.gov/%s/", d->pmid);
	d->url = buf_detach(&b, NULL);
	buf_printf(&b, "pmid:%s", d->pmid);
	d->guid = buf_detach(&b, NULL);
	d->evidence = evidence_from_pubtypes(&d->pubtypes);
}

static int check_pmid(struct doc *d)
{
	if (d->pmid && !all_digits(d->pmid)) {
		free(d->pmid);
		d->pmid = NULL;
	}
	return d->pmid ? 0 : -1;
}

/* PubmedArticle -> 'd'; -1 when it has no usable PMID. */
static int parse_article(xmlNode *pa, struct doc *d)
{
	xmlNode *mc = child(pa, "MedlineCitation");
	xmlNode *art = child(mc, "Article");
	xmlNode *journal = child(art, "Journal");
	xmlNode *issue = child(journal, "JournalIssue");

	d->kind = DOC_PAPER;
	d->pmid = text_of(child(mc, "PMID"));
	check_pmid(d);
	add_article_ids(d, child(pa, "PubmedData"));
	if (check_pmid(d) < 0)
		return -1;
	add_elocation_doi(d, art);

	d->title = text_of(child(art, "ArticleTitle"));
	set_text(&d->title, child(art, "VernacularTitle"));
	d->container = text_of(child(journal, "Title"));
	d->journal_abbrev = text_of(child(journal, "ISOAbbreviation"));
	set_text(&d->journal_abbrev, child(child(mc, "MedlineJournalInfo"), "MedlineTA"));
	d->volume = text_of(child(issue, "Volume"));
	d->issue = text_of(child(issue, "Issue"));
	add_pages(d, child(art, "Pagination"));
	d->published = date_of(child(issue, "PubDate"));
	if (!d->published)
		d->published = date_of(child(art, "ArticleDate"));
	d->lang = text_of(child(art, "Language"));

	add_abstract(d, child(art, "Abstract"));
	add_authors(d, child(art, "AuthorList"));
	add_pubtypes(d, child(art, "PublicationTypeList"), "PublicationType");
	add_corrections(d, child(mc, "CommentsCorrectionsList"));
	add_mesh(d, child(mc, "MeshHeadingList"));
	add_keywords(d, mc);
	finish(d);
	return 0;
}

/* PubmedBookArticle (a book or chapter on NCBI Bookshelf) -> 'd'. */
static int parse_book(xmlNode *pba, struct doc *d)
{
	xmlNode *bd = child(pba, "BookDocument");
	xmlNode *book = child(bd, "Book");
	xmlNode *authors = NULL;
	char *book_title;

	d->kind = DOC_PAPER;
	d->pmid = text_of(child(bd, "PMID"));
	check_pmid(d);
	add_article_ids(d, bd);
	add_article_ids(d, child(pba, "PubmedBookData"));
	if (check_pmid(d) < 0)
		return -1;
	add_elocation_doi(d, book);

	book_title = text_of(child(book, "BookTitle"));
	d->title = text_of(child(bd, "ArticleTitle"));
	set_text(&d->title, child(bd, "VernacularTitle"));
	if (d->title) {
		d->container = book_title;
	} else {
		d->title = book_title;
		d->container = text_of(child(child(book, "Publisher"), "PublisherName"));
	}
	d->volume = text_of(child(book, "Volume"));
	add_pages(d, child(bd, "Pagination"));
	d->published = date_of(child(book, "PubDate"));
	if (!d->published)
		d->published = date_of(child(bd, "ContributionDate"));
	d->lang = text_of(child(bd, "Language"));
	add_abstract(d, child(bd, "Abstract"));

	/* The document's own authors, else the book's, else its editors. */
	for (xmlNode *l = child(bd, "AuthorList"); l && !authors; l = next_named(l))
		if (!attr_is(l, "Type", "editors"))
			authors = l;
	for (xmlNode *l = child(book, "AuthorList"); l && !authors; l = next_named(l))
		if (!attr_is(l, "Type", "editors"))
			authors = l;
	if (!authors)
		authors = child(bd, "AuthorList") ? child(bd, "AuthorList") :
			child(book, "AuthorList");
	add_authors(d, authors);

	add_pubtypes(d, bd, "PublicationType");
	if (!d->pubtypes.n)
		strlist_add(&d->pubtypes, "Book");
	add_keywords(d, bd);
	finish(d);
	return 0;
}

/*
 * Parses 'len' bytes as XML with the safe options; NULL (after an
 * error message naming 'what') when they are not well-formed.
 */
static xmlDoc *read_xml(const char *xml, size_t len, const char *what)
{
	xmlDoc *doc;

	if (!xml || len == 0)
		return error("empty %s body", what), NULL;
	if (len > LIMIT_BODY_BYTES || len > INT_MAX)
		return error("%s body too large (%zu bytes)", what, len), NULL;
	doc = xmlReadMemory(xml, (int)len, NULL, NULL, XML_OPTIONS);
	if (!doc) {
		const xmlError *e = xmlGetLastError();
		char *msg = e && e->message ? text_squeezed(e->message) : NULL;

		error("%s: not well-formed XML%s%s", what, msg ? ": " : "",
			msg ? msg : "");
		free(msg);
		return NULL;
	}
	return doc;
}

/* The text of the first <ERROR> child of 'root', or NULL. */
static char *eutils_error(xmlNode *root)
{
	return text_of(child(root, "ERROR"));
}

int pubmed_parse(const char *xml, size_t len, struct doc **docs, size_t *ndocs)
{
	xmlDoc *doc;
	xmlNode *root;
	struct doc *v = NULL;
	size_t n = 0, alloc = 0;
	int skipped = 0;

	*docs = NULL;
	*ndocs = 0;
	if (!(doc = read_xml(xml, len, "efetch")))
		return -1;
	root = xmlDocGetRootElement(doc);
	if (!is_elem(root, "PubmedArticleSet")) {
		char *msg = root ? eutils_error(root) : NULL;

		if (msg)
			error("efetch: E-utilities error: %s", msg);
		else
			error("efetch: <%s> is not a PubmedArticleSet",
				root ? (const char *)root->name : "(nothing)");
		free(msg);
		xmlFreeDoc(doc);
		return -1;
	}
	for (xmlNode *c = root->children; c; c = c->next) {
		int book = is_elem(c, "PubmedBookArticle");

		if (!book && !is_elem(c, "PubmedArticle"))
			continue;
		if (n >= LIMIT_FEED_ITEMS) {
			skipped++;
			continue;
		}
		if (n == alloc) {
			alloc = alloc ? alloc * 2 : 16;
			v = xrealloc(v, alloc * sizeof(*v));
		}
		doc_init(&v[n]);
		if ((book ? parse_book(c, &v[n]) : parse_article(c, &v[n])) < 0) {
			doc_release(&v[n]);
			skipped++;
			continue;
		}
		n++;
	}
	xmlFreeDoc(doc);
	if (skipped)
		verbosef("efetch: %d record%s skipped", skipped, skipped == 1 ? "" : "s");
	if (!n) {
		free(v);
		v = NULL;
	}
	*docs = v;
	*ndocs = n;
	return skipped;
}

void pubmed_docs_free(struct doc *docs, size_t ndocs)
{
	for (size_t i = 0; i < ndocs; i++)
		doc_release(&docs[i]);
	free(docs);
}

/* ---- ESearch ---- */

void esearch_result_init(struct esearch_result *r)
{
	memset(r, 0, sizeof(*r));
	r->status = ESEARCH_OK;
	r->count = -1;
	r->retmax = -1;
	r->retstart = -1;
}

void esearch_result_release(struct esearch_result *r)
{
	free(r->query_key);
	free(r->webenv);
	free(r->error);
	free(r->translation);
	strlist_release(&r->ids);
	strlist_release(&r->errors);
	strlist_release(&r->warnings);
	esearch_result_init(r);
}

/* A non-negative decimal number, or -1. */
static long long number_of(const char *s)
{
	long long v = 0;

	if (!all_digits(s) || strlen(s) > 15)
		return -1;
	for (; *s; s++)
		v = v * 10 + (*s - '0');
	return v;
}

static long long number_at(const xmlNode *n)
{
	char *s = text_of(n);
	long long v = number_of(s);

	free(s);
	return v;
}

static long clamp_long(long long v)
{
	return v > LONG_MAX ? LONG_MAX : (long)v;
}

/* Fails 'out' with 'status' and message 'msg' (copied); returns -1. */
static int esearch_fail(struct esearch_result *out, enum esearch_status status,
	const char *msg)
{
	out->status = status;
	free(out->error);
	out->error = xstrdup(msg);
	return error("esearch: %s", msg);
}

/* ErrorList / WarningList children as "Name: text". */
static void add_list(struct strlist *l, xmlNode *list)
{
	for (xmlNode *c = list ? list->children : NULL; c; c = c->next) {
		struct buf b = BUF_INIT_MAX(LIMIT_FIELD_BYTES);
		char *t;

		if (c->type != XML_ELEMENT_NODE || l->n >= 100)
			continue;
		t = text_of(c);
		buf_adds(&b, (const char *)c->name);
		if (t)
			buf_printf(&b, ": %s", t);
		strlist_add(l, b.data);
		buf_release(&b);
		free(t);
	}
}

static void add_id(struct esearch_result *out, const char *id)
{
	if (all_digits(id) && out->ids.n < 100000)
		strlist_add(&out->ids, id);
}

static int esearch_xml(const char *xml, size_t len, struct esearch_result *out)
{
	xmlDoc *doc = read_xml(xml, len, "esearch");
	xmlNode *root, *count;
	char *msg;
	int rc = 0;

	if (!doc)
		return esearch_fail(out, ESEARCH_MALFORMED, "not well-formed XML");
	root = xmlDocGetRootElement(doc);
	if ((msg = root ? eutils_error(root) : NULL)) {
		rc = esearch_fail(out, ESEARCH_ERROR, msg);
		free(msg);
		goto out;
	}
	if (!is_elem(root, "eSearchResult")) {
		rc = esearch_fail(out, ESEARCH_MALFORMED, "not an eSearchResult");
		goto out;
	}
	add_list(&out->errors, child(root, "ErrorList"));
	add_list(&out->warnings, child(root, "WarningList"));
	count = child(root, "Count");
	out->count = count ? number_at(count) : -1;
	if (out->count < 0) {
		rc = esearch_fail(out, out->errors.n ? ESEARCH_ERROR : ESEARCH_MALFORMED,
			out->errors.n ? out->errors.v[0] : "no Count in eSearchResult");
		goto out;
	}
	out->retmax = clamp_long(number_at(child(root, "RetMax")));
	out->retstart = clamp_long(number_at(child(root, "RetStart")));
	out->query_key = text_of(child(root, "QueryKey"));
	out->webenv = text_of(child(root, "WebEnv"));
	out->translation = text_of(child(root, "QueryTranslation"));
	for (xmlNode *id = child(child(root, "IdList"), "Id"); id; id = next_named(id)) {
		char *t = text_of(id);

		add_id(out, t);
		free(t);
	}
out:
	xmlFreeDoc(doc);
	return rc;
}

/* A JSON string or number at 'path' in 'json' as a new string, or NULL. */
static char *json_text(sqlite3 *db, const char *json, size_t len, const char *path)
{
	sqlite3_stmt *st;
	char *s = NULL;

	if (sqlite3_prepare_v2(db, "SELECT json_extract(?1, ?2)", -1, &st, NULL))
		return NULL;
	sqlite3_bind_text(st, 1, json, (int)len, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, path, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL &&
	    sqlite3_column_text(st, 0))
		s = text_squeezed((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return s;
}

static int esearch_json(const char *json, size_t len, struct esearch_result *out)
{
	sqlite3 *db = json_db();
	sqlite3_stmt *st = NULL;
	char *msg, *count;
	int valid = 0, rc = 0;

	if (!db)
		return esearch_fail(out, ESEARCH_MALFORMED, "no JSON reader");
	if (len > LIMIT_BODY_BYTES || len > INT_MAX)
		return esearch_fail(out, ESEARCH_MALFORMED, "body too large");
	if (json_check(json, len) &&
	    sqlite3_prepare_v2(db, "SELECT json_valid(?1)", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, json, (int)len, SQLITE_STATIC);
		valid = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 1;
		sqlite3_finalize(st);
	}
	if (!valid)
		return esearch_fail(out, ESEARCH_MALFORMED, "not valid JSON");

	if ((msg = json_text(db, json, len, "$.error")) ||
	    (msg = json_text(db, json, len, "$.esearchresult.ERROR"))) {
		int limited = strstr(msg, "rate limit") || strstr(msg, "Rate limit");

		rc = esearch_fail(out, limited ? ESEARCH_RATE_LIMITED : ESEARCH_ERROR, msg);
		free(msg);
		return rc;
	}
	count = json_text(db, json, len, "$.esearchresult.count");
	out->count = number_of(count);
	free(count);
	if (out->count < 0)
		return esearch_fail(out, ESEARCH_MALFORMED, "no count in esearchresult");
	{
		char *s;

		s = json_text(db, json, len, "$.esearchresult.retmax");
		out->retmax = clamp_long(number_of(s));
		free(s);
		s = json_text(db, json, len, "$.esearchresult.retstart");
		out->retstart = clamp_long(number_of(s));
		free(s);
	}
	out->query_key = json_text(db, json, len, "$.esearchresult.querykey");
	out->webenv = json_text(db, json, len, "$.esearchresult.webenv");
	out->translation = json_text(db, json, len, "$.esearchresult.querytranslation");
	if (sqlite3_prepare_v2(db, "SELECT value FROM json_each(?1, '$.esearchresult.idlist')",
	    -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, json, (int)len, SQLITE_STATIC);
		while (sqlite3_step(st) == SQLITE_ROW)
			add_id(out, (const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
	}
	return 0;
}

int esearch_parse(const char *xml, size_t len, struct esearch_result *out)
{
	size_t i = 0;

	esearch_result_init(out);
	if (!xml || !len)
		return esearch_fail(out, ESEARCH_MALFORMED, "empty body");
	if (len >= 3 && !memcmp(xml, "\xEF\xBB\xBF", 3))
		i = 3;
	while (i < len && isspace((unsigned char)xml[i]))
		i++;
	if (i < len && xml[i] == '{')
		return esearch_json(xml + i, len - i, out);
	return esearch_xml(xml, len, out);
}

/* ---- URLs ---- */

void pubmed_query_init(struct pubmed_query *q)
{
	memset(q, 0, sizeof(*q));
	q->reldate = -1;
	q->retmax = -1;
}

void pubmed_query_release(struct pubmed_query *q)
{
	char **strs[] = {
		&q->term, &q->sort, &q->field, &q->datetype, &q->mindate,
		&q->maxdate, &q->tool, &q->email, &q->api_key,
	};

	for (size_t i = 0; i < sizeof(strs) / sizeof(*strs); i++)
		free(*strs[i]);
	pubmed_query_init(q);
}

int pubmed_escape(struct buf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		int rc;

		if (isalnum(*p) && *p < 0x80)
			rc = buf_addc(out, *p);
		else if (*p == '-' || *p == '_' || *p == '.' || *p == '~')
			rc = buf_addc(out, *p);
		else if (*p == ' ')
			rc = buf_addc(out, '+');
		else {
			char e[3] = { '%', hex[*p >> 4], hex[*p & 15] };

			rc = buf_add(out, e, 3);
		}
		if (rc < 0)
			return -1;
	}
	return 0;
}

/* Appends "&name=value" (escaped) when value is set. */
static int add_param(struct buf *out, const char *name, const char *value)
{
	if (!value || !*value)
		return 0;
	if (buf_printf(out, "&%s=", name) < 0)
		return -1;
	return pubmed_escape(out, value);
}

/* tool, email, api_key from 'q' (may be NULL). */
static int add_identity(struct buf *out, const struct pubmed_query *q)
{
	if (!q)
		return 0;
	return add_param(out, "tool", q->tool) | add_param(out, "email", q->email) |
		add_param(out, "api_key", q->api_key);
}

/*
 * A date as NCBI wants it ("YYYY", "YYYY/MM", "YYYY/MM/DD"), from that
 * or the same with '-'; writes into 'out' (11 bytes); -1 when invalid.
 */
static int eutils_date(const char *s, char out[11])
{
	size_t n = strlen(s);

	if (n != 4 && n != 7 && n != 10)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '/' && s[i] != '-')
				return -1;
			out[i] = '/';
		} else if (!isdigit((unsigned char)s[i])) {
			return -1;
		} else {
			out[i] = s[i];
		}
	}
	out[n] = '\0';
	if (n >= 7 && month_of(out + 5, 2) == 0)
		return -1;
	if (n == 10 && day_of(out + 8) == 0)
		return -1;
	return 0;
}

int pubmed_esearch_url(struct buf *out, const char *base,
	const struct pubmed_query *q)
{
	size_t before = out->len;
	char mind[11], maxd[11];
	int rc = 0;

	if (!q || !q->term || !*q->term)
		return error("esearch: no search term");
	if ((q->mindate && eutils_date(q->mindate, mind) < 0) ||
	    (q->maxdate && eutils_date(q->maxdate, maxd) < 0))
		return error("esearch: bad date '%s' (want YYYY/MM/DD)",
			q->mindate && eutils_date(q->mindate, mind) < 0 ?
			q->mindate : q->maxdate);
	rc |= buf_printf(out, "%sesearch.fcgi?db=pubmed&term=", base ? base : PUBMED_EUTILS_BASE);
	rc |= pubmed_escape(out, q->term);
	rc |= buf_adds(out, "&usehistory=y");
	rc |= add_param(out, "field", q->field);
	rc |= add_param(out, "sort", q->sort);
	if (q->retstart > 0)
		rc |= buf_printf(out, "&retstart=%ld", q->retstart);
	if (q->retmax >= 0)
		rc |= buf_printf(out, "&retmax=%ld", q->retmax);
	if (q->mindate || q->maxdate) {
		rc |= add_param(out, "datetype", q->datetype ? q->datetype : "edat");
		rc |= add_param(out, "mindate", q->mindate ? mind : "1800");
		rc |= add_param(out, "maxdate", q->maxdate ? maxd : "3000");
	} else if (q->reldate >= 0) {
		rc |= add_param(out, "datetype", q->datetype ? q->datetype : "edat");
		rc |= buf_printf(out, "&reldate=%ld", q->reldate);
	}
	rc |= add_identity(out, q);
	if (rc) {
		buf_setlen(out, before);
		return error("esearch: URL too long");
	}
	return 0;
}

int pubmed_efetch_url(struct buf *out, const char *base, const char *webenv,
	const char *query_key, long retstart, long retmax,
	const struct pubmed_query *q)
{
	size_t before = out->len;
	int rc = 0;

	if (!webenv || !*webenv || !query_key || !*query_key)
		return error("efetch: no WebEnv or query_key");
	rc |= buf_printf(out, "%sefetch.fcgi?db=pubmed", base ? base : PUBMED_EUTILS_BASE);
	rc |= add_param(out, "query_key", query_key);
	rc |= add_param(out, "WebEnv", webenv);
	if (retstart > 0)
		rc |= buf_printf(out, "&retstart=%ld", retstart);
	if (retmax > 0)
		rc |= buf_printf(out, "&retmax=%ld", retmax);
	rc |= buf_adds(out, "&retmode=xml");
	rc |= add_identity(out, q);
	if (rc) {
		buf_setlen(out, before);
		return error("efetch: URL too long");
	}
	return 0;
}

int pubmed_efetch_post_url(struct buf *out, const char *base)
{
	return buf_printf(out, "%sefetch.fcgi", base ? base : PUBMED_EUTILS_BASE);
}

int pubmed_efetch_post_body(struct buf *out, const struct strlist *ids,
	const struct pubmed_query *q)
{
	size_t before = out->len;
	int rc = 0;

	if (!ids || !ids->n)
		return error("efetch: no ids");
	for (size_t i = 0; i < ids->n; i++)
		if (!all_digits(ids->v[i]))
			return error("efetch: '%s' is not a PMID", ids->v[i]);
	rc |= buf_adds(out, "db=pubmed&id=");
	for (size_t i = 0; i < ids->n; i++)
		rc |= buf_printf(out, "%s%s", i ? "," : "", ids->v[i]);
	rc |= buf_adds(out, "&retmode=xml");
	rc |= add_identity(out, q);
	if (rc) {
		buf_setlen(out, before);
		return error("efetch: body too long");
	}
	return 0;
}

/* ---- source URLs ---- */

/* Where the path's "esearch.fcgi" starts in 'url', or NULL. */
static const char *esearch_at(const char *url)
{
	static const char name[] = "/esearch.fcgi";
	const char *p, *end;

	if (!url)
		return NULL;
	if (!starts_with_ci(url, "http://") && !starts_with_ci(url, "https://"))
		return NULL;
	end = url + strcspn(url, "?#");
	if ((size_t)(end - url) < sizeof(name) - 1)
		return NULL;
	p = end - (sizeof(name) - 1);
	if (strncmp(p, name, sizeof(name) - 1))
		return NULL;
	/* the host must not be empty: "http://" + something before the path */
	if (p <= strchr(url, ':') + 3)
		return NULL;
	return p + 1;
}

int pubmed_is_source_url(const char *url)
{
	return esearch_at(url) != NULL;
}

/* 'len' bytes of a query-string value decoded, as a new valid UTF-8 string. */
static char *url_decode(const char *s, size_t len)
{
	struct buf raw = BUF_INIT_MAX(LIMIT_FIELD_BYTES);
	struct buf b = BUF_INIT_MAX(LIMIT_FIELD_BYTES);

	for (size_t i = 0; i < len; i++) {
		if (s[i] == '+') {
			buf_addc(&raw, ' ');
		} else if (s[i] == '%' && i + 2 < len &&
		    hex_value((unsigned char)s[i + 1]) >= 0 &&
		    hex_value((unsigned char)s[i + 2]) >= 0) {
			buf_addc(&raw, hex_value((unsigned char)s[i + 1]) * 16 +
				hex_value((unsigned char)s[i + 2]));
			i += 2;
		} else {
			buf_addc(&raw, s[i]);
		}
	}
	utf8_sanitize(&b, raw.data, raw.len);
	buf_release(&raw);
	return buf_detach(&b, NULL);
}

static long param_long(const char *v)
{
	long long n = number_of(v);

	return n < 0 ? -1 : clamp_long(n);
}

int pubmed_source_parse(const char *url, char **base, struct pubmed_query *q)
{
	const char *at = esearch_at(url), *p;
	int rc = 0;

	pubmed_query_init(q);
	*base = NULL;
	if (!at)
		return error("'%s' is not an E-utilities esearch URL", url ? url : "");
	p = strchr(at, '?');
	while (p && *p && *p != '#') {
		const char *name = p + 1, *eq, *end;
		size_t nlen;
		char *v;

		end = name + strcspn(name, "&#");
		eq = memchr(name, '=', (size_t)(end - name));
		p = end;
		if (!eq)
			continue;
		nlen = (size_t)(eq - name);
		v = url_decode(eq + 1, (size_t)(end - eq - 1));
#define PARAM(s) (nlen == strlen(s) && !strncasecmp(name, s, nlen))
		if (PARAM("term")) {
			free(q->term);
			q->term = text_squeezed(v);
		} else if (PARAM("db")) {
			if (strcasecmp(v, "pubmed"))
				rc = error("'%s': db '%s' is not pubmed", url, v);
		} else if (PARAM("sort")) {
			free(q->sort);
			q->sort = xstrdup(v);
		} else if (PARAM("field")) {
			free(q->field);
			q->field = xstrdup(v);
		} else if (PARAM("datetype")) {
			free(q->datetype);
			q->datetype = xstrdup(v);
		} else if (PARAM("mindate")) {
			free(q->mindate);
			q->mindate = xstrdup(v);
		} else if (PARAM("maxdate")) {
			free(q->maxdate);
			q->maxdate = xstrdup(v);
		} else if (PARAM("reldate")) {
			q->reldate = param_long(v);
		} else if (PARAM("retstart")) {
			q->retstart = param_long(v) < 0 ? 0 : param_long(v);
		} else if (PARAM("retmax")) {
			q->retmax = param_long(v);
		} else if (PARAM("tool")) {
			free(q->tool);
			q->tool = xstrdup(v);
		} else if (PARAM("email")) {
			free(q->email);
			q->email = xstrdup(v);
		} else if (PARAM("api_key")) {
			free(q->api_key);
			q->api_key = xstrdup(v);
		}
#undef PARAM
		free(v);
	}
	if (!rc && !q->term)
		rc = error("'%s': no term", url);
	if (rc) {
		pubmed_query_release(q);
		return -1;
	}
	*base = xstrndup(url, (size_t)(at - url));
	return 0;
}
