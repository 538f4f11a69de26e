#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/uri.h>

#include "feed.h"
#include "html.h"
#include "../core/date.h"
#include "../core/limits.h"
#include "../core/log.h"
#include "../core/text.h"

/* Nodes one text or markup walk may visit (entity bombs, deep trees). */
#define WALK_BUDGET 200000

enum ns {
	NS_NONE,     /* no namespace: RSS 0.9x/2.0 */
	NS_RSS,      /* RSS 1.0, 0.90, Userland RSS 2 namespaces */
	NS_RDF,
	NS_CONTENT,
	NS_DC,
	NS_ATOM,     /* 1.0 and 0.3 */
	NS_ITUNES,
	NS_PODCAST,
	NS_MEDIA,
	NS_PRISM,    /* journals' publication metadata: prism:doi */
	NS_OTHER,
};

static const struct {
	const char *prefix;
	enum ns ns;
} known_prefixes[] = {
	{ "content", NS_CONTENT }, { "dc", NS_DC }, { "dcterms", NS_DC },
	{ "atom", NS_ATOM }, { "atom10", NS_ATOM }, { "itunes", NS_ITUNES },
	{ "podcast", NS_PODCAST }, { "media", NS_MEDIA }, { "rdf", NS_RDF },
	{ "prism", NS_PRISM },
};

/* The namespace a URI names; case and trailing slash are forgiven. */
static enum ns ns_from_uri(const char *uri)
{
	static const struct {
		const char *uri;
		enum ns ns;
	} uris[] = {
		{ "http://purl.org/rss/1.0/modules/content/", NS_CONTENT },
		{ "http://purl.org/dc/elements/1.1/", NS_DC },
		{ "http://purl.org/dc/terms/", NS_DC },
		{ "http://www.w3.org/2005/Atom", NS_ATOM },
		{ "http://purl.org/atom/ns#", NS_ATOM },
		{ "http://www.w3.org/1999/02/22-rdf-syntax-ns#", NS_RDF },
		{ "http://purl.org/rss/1.0/", NS_RSS },
		{ "http://my.netscape.com/rdf/simple/0.9/", NS_RSS },
		{ "http://backend.userland.com/rss2", NS_RSS },
		{ "http://backend.userland.com/rss", NS_RSS },
		{ "http://blogs.law.harvard.edu/tech/rss", NS_RSS },
		{ "http://search.yahoo.com/mrss/", NS_MEDIA },
		{ "http://search.yahoo.com/mrss", NS_MEDIA },
		{ "http://prismstandard.org/namespaces/basic/2.0/", NS_PRISM },
		{ "http://prismstandard.org/namespaces/basic/2.1/", NS_PRISM },
		{ "http://prismstandard.org/namespaces/1.2/basic/", NS_PRISM },
	};
	size_t n;

	if (!uri)
		return NS_NONE;
	for (size_t i = 0; i < sizeof(uris) / sizeof(*uris); i++)
		if (!strcasecmp(uri, uris[i].uri))
			return uris[i].ns;
	n = strlen(uri);
	/* Atom 0.3 drafts append to the namespace ("...ns#draft-..."). */
	if (starts_with_ci(uri, "http://purl.org/atom/ns#"))
		return NS_ATOM;
	/* iTunes: http://www.itunes.com/dtds/podcast-1.0.dtd in any case,
	 * and copies of it under other hosts seen in the wild. */
	if (n >= 16 && !strcasecmp(uri + n - 16, "/podcast-1.0.dtd"))
		return NS_ITUNES;
	/* Podcasting 2.0: podcastindex.org/namespace/1.0, the GitHub doc URL,
	 * and variants of either. */
	for (const char *p = uri; *p; p++)
		if (starts_with_ci(p, "podcastindex.org/namespace") ||
		    starts_with_ci(p, "podcast-namespace"))
			return NS_PODCAST;
	return NS_OTHER;
}

/*
 * The namespace and local name of element or attribute 'n'. A name with
 * a prefix but no namespace (an undeclared prefix, kept in the name by
 * libxml2's recovery) is mapped by well-known prefix.
 */
static enum ns node_ns(const xmlNode *n, const char **local)
{
	const char *name = (const char *)n->name, *colon;

	*local = name ? name : "";
	if (n->ns)
		return ns_from_uri((const char *)n->ns->href);
	if (!name || !(colon = strchr(name, ':')))
		return NS_NONE;
	*local = colon + 1;
	for (size_t i = 0; i < sizeof(known_prefixes) / sizeof(*known_prefixes); i++)
		if (strlen(known_prefixes[i].prefix) == (size_t)(colon - name) &&
		    !strncasecmp(name, known_prefixes[i].prefix, colon - name))
			return known_prefixes[i].ns;
	return NS_OTHER;
}

/* 1 when element 'n' is 'local' in the plain RSS namespaces. */
static int is_rss(const xmlNode *n, const char *local)
{
	const char *l;
	enum ns ns = node_ns(n, &l);

	return (ns == NS_NONE || ns == NS_RSS) && !strcmp(l, local);
}

/* Appends up to what fits of 's' to 'b' (cut on a UTF-8 boundary). */
static int add_bounded(struct buf *b, const char *s, size_t n)
{
	size_t room;

	if (buf_add(b, s, n) == 0)
		return 0;
	room = b->max > b->len + 1 ? b->max - b->len - 1 : 0;
	if (room > n)
		room = n;
	while (room > 0 && ((unsigned char)s[room] & 0xC0) == 0x80)
		room--;
	buf_add(b, s, room);
	return -1;
}

/* Appends the text below 'n' (text, CDATA, entity contents) to 'b'. */
static int text_walk(const xmlNode *n, struct buf *b, int depth, long *budget)
{
	for (; n; n = n->next) {
		if (--*budget < 0 || depth > LIMIT_XML_DEPTH)
			return -1;
		switch (n->type) {
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			if (n->content && add_bounded(b, (const char *)n->content,
					strlen((const char *)n->content)) < 0)
				return -1;
			break;
		case XML_ENTITY_REF_NODE:
		case XML_ELEMENT_NODE:
			if (text_walk(n->children, b, depth + 1, budget) < 0)
				return -1;
			break;
		case XML_ENTITY_DECL:
			if (text_walk(n->children, b, depth + 1, budget) < 0)
				return -1;
			break;
		default:
			break;
		}
	}
	return 0;
}

static void escape_into(struct buf *b, const char *s, int attr)
{
	for (; *s; s++) {
		int r = 0;

		switch (*s) {
		case '<': r = buf_adds(b, "&lt;"); break;
		case '>': r = buf_adds(b, "&gt;"); break;
		case '&': r = buf_adds(b, "&amp;"); break;
		case '"': r = attr ? buf_adds(b, "&quot;") : buf_addc(b, '"'); break;
		default: r = buf_addc(b, *s); break;
		}
		if (r < 0)
			return;
	}
}

/* Appends the children of 'n' as HTML markup to 'b'. */
static int markup_walk(const xmlNode *n, struct buf *b, int depth, long *budget)
{
	for (; n; n = n->next) {
		if (--*budget < 0 || depth > LIMIT_XML_DEPTH || b->len + 1 >= b->max)
			return -1;
		switch (n->type) {
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			if (n->content)
				escape_into(b, (const char *)n->content, 0);
			break;
		case XML_ENTITY_REF_NODE:
			if (markup_walk(n->children, b, depth + 1, budget) < 0)
				return -1;
			break;
		case XML_ENTITY_DECL:
			if (markup_walk(n->children, b, depth + 1, budget) < 0)
				return -1;
			break;
		case XML_ELEMENT_NODE: {
			const char *local;

			node_ns(n, &local);
			buf_printf(b, "<%s", local);
			for (const xmlAttr *a = n->properties; a; a = a->next) {
				struct buf v = BUF_INIT_MAX(LIMIT_FIELD_BYTES);
				long ab = WALK_BUDGET;

				if (!a->name || strchr((const char *)a->name, ':'))
					continue;
				text_walk(a->children, &v, depth + 1, &ab);
				buf_printf(b, " %s=\"", (const char *)a->name);
				escape_into(b, v.data, 1);
				buf_addc(b, '"');
				buf_release(&v);
			}
			buf_addc(b, '>');
			if (markup_walk(n->children, b, depth + 1, budget) < 0)
				return -1;
			buf_printf(b, "</%s>", local);
			break;
		}
		default:
			break;
		}
	}
	return 0;
}

static int has_element_child(const xmlNode *n)
{
	for (n = n->children; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			return 1;
	return 0;
}

/* The text of element 'n', bounded, as a new string (never NULL). */
static char *node_text(const xmlNode *n)
{
	struct buf b = BUF_INIT_MAX(LIMIT_FIELD_BYTES);
	long budget = WALK_BUDGET;

	text_walk(n->children, &b, 0, &budget);
	return buf_detach(&b, NULL);
}

/* The value of attribute 'name' of 'n' (namespace ignored), or NULL. */
static char *attr(const xmlNode *n, const char *name)
{
	for (const xmlAttr *a = n->properties; a; a = a->next) {
		const char *an = (const char *)a->name, *colon;
		struct buf b = BUF_INIT_MAX(LIMIT_FIELD_BYTES);
		long budget = WALK_BUDGET;

		if (!an)
			continue;
		if (!a->ns && (colon = strchr(an, ':')))
			an = colon + 1;
		if (strcasecmp(an, name))
			continue;
		text_walk(a->children, &b, 0, &budget);
		return buf_detach(&b, NULL);
	}
	return NULL;
}

/* Sanitized, squeezed copy of 's' (which it frees); NULL when blank. */
static char *clean_line(char *s)
{
	struct buf b = BUF_INIT_MAX(LIMIT_FIELD_BYTES);
	char *out;

	if (!s)
		return NULL;
	utf8_sanitize(&b, s, strlen(s));
	free(s);
	out = text_squeezed(b.data);
	buf_release(&b);
	return out;
}

/* 1 when 's' looks like HTML: a tag or a character reference. */
static int looks_html(const char *s)
{
	for (const char *p = s; *p; p++) {
		if (*p == '<' && (isalpha((unsigned char)p[1]) || p[1] == '/' ||
				p[1] == '!'))
			return 1;
		if (*p == '&') {
			const char *q = p + 1;

			if (*q == '#')
				q++;
			while (isalnum((unsigned char)*q))
				q++;
			if (*q == ';' && q > p + 1)
				return 1;
		}
	}
	return 0;
}

/*
 * Plain text keeping its lines: white space folded within each line,
 * runs of blank lines made one, ends trimmed. Frees 's'.
 */
static char *plain_lines(char *s)
{
	struct buf san = BUF_INIT_MAX(LIMIT_FIELD_BYTES);
	struct buf out = BUF_INIT_MAX(LIMIT_FIELD_BYTES);
	const char *p;
	int blank = 0;

	utf8_sanitize(&san, s, strlen(s));
	free(s);
	p = san.data;
	while (*p) {
		size_t n = strcspn(p, "\r\n");
		char *line = xstrndup(p, n), *sq = text_squeezed(line);

		free(line);
		if (sq) {
			if (out.len)
				buf_adds(&out, blank ? "\n\n" : "\n");
			buf_adds(&out, sq);
			blank = 0;
			free(sq);
		} else if (out.len) {
			blank = 1;
		}
		p += n;
		if (*p == '\r')
			p++;
		if (*p == '\n')
			p++;
	}
	buf_release(&san);
	if (!out.len) {
		buf_release(&out);
		return NULL;
	}
	return buf_detach(&out, NULL);
}

/* Plain text of HTML 's' (freed); NULL when it has none. */
static char *html_text(char *s)
{
	struct buf b = BUF_INIT_MAX(LIMIT_FIELD_BYTES);

	html_fragment_text(s, strlen(s), &b);
	free(s);
	buf_trim(&b);
	if (!b.len) {
		buf_release(&b);
		return NULL;
	}
	return buf_detach(&b, NULL);
}

enum text_type { TEXT_GUESS, TEXT_PLAIN, TEXT_HTML, TEXT_XHTML };

/* The type of an Atom text construct from its type/mode attributes. */
static enum text_type atom_type(const xmlNode *n)
{
	char *type = attr(n, "type"), *mode = attr(n, "mode");
	enum text_type t = TEXT_GUESS;

	if (type) {
		if (!strcasecmp(type, "text") || !strcasecmp(type, "text/plain"))
			t = TEXT_PLAIN;
		else if (!strcasecmp(type, "html") || !strcasecmp(type, "text/html"))
			t = TEXT_HTML;
		else if (!strcasecmp(type, "xhtml") ||
			 !strcasecmp(type, "application/xhtml+xml"))
			t = TEXT_XHTML;
	}
	if (mode && !strcasecmp(mode, "escaped"))
		t = TEXT_HTML;
	else if (mode && !strcasecmp(mode, "xml"))
		t = TEXT_XHTML;
	free(type);
	free(mode);
	return t;
}

/*
 * Plain text of a body element (description, content, summary): markup
 * children are serialized and rendered; escaped HTML is rendered; plain
 * text keeps its line breaks. A new string, or NULL when empty.
 */
static char *body_text(const xmlNode *n, enum text_type t)
{
	if (t == TEXT_XHTML || (t != TEXT_PLAIN && has_element_child(n))) {
		struct buf b = BUF_INIT_MAX(LIMIT_FIELD_BYTES);
		long budget = WALK_BUDGET;

		markup_walk(n->children, &b, 0, &budget);
		return html_text(buf_detach(&b, NULL));
	}
	char *s = node_text(n);

	if (t == TEXT_HTML || (t == TEXT_GUESS && looks_html(s)))
		return html_text(s);
	return plain_lines(s);
}

/* A title: one line of plain text. */
static char *title_text(const xmlNode *n, enum text_type t)
{
	char *s;

	if (t == TEXT_XHTML || t == TEXT_HTML || has_element_child(n))
		s = body_text(n, t == TEXT_GUESS ? TEXT_HTML : t);
	else
		s = node_text(n);
	return clean_line(s);
}

/* Replaces *dst with 'v' when *dst is unset (else frees 'v'). */
static void set_first(char **dst, char *v)
{
	if (v && !*dst)
		*dst = v;
	else
		free(v);
}

/* Replaces *dst with 'v' (when 'v' is set). */
static void set_over(char **dst, char *v)
{
	if (v) {
		free(*dst);
		*dst = v;
	}
}

/* 'href' resolved against the base of node 'n'; a new string or NULL. */
static char *resolve(const xmlNode *n, char *href)
{
	xmlChar *base, *abs = NULL;
	char *out;

	href = clean_line(href);
	if (!href)
		return NULL;
	if (strlen(href) > 8192)
		return href;
	base = xmlNodeGetBase(n->doc, n);
	if (base && strlen((const char *)base) <= 8192)
		abs = xmlBuildURI((const xmlChar *)href, base);
	xmlFree(base);
	if (!abs)
		return href;
	free(href);
	out = xstrdup((const char *)abs);
	xmlFree(abs);
	return out;
}

/* A non-negative whole number, or -1. */
static long long parse_count(const char *s)
{
	char *end;
	long long v;

	if (!s)
		return -1;
	while (isspace((unsigned char)*s))
		s++;
	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	while (isspace((unsigned char)*end))
		end++;
	if (errno || *end)
		return -1;
	return v;
}

static int parse_int(const xmlNode *n)
{
	char *s = node_text(n);
	long long v = parse_count(s);

	free(s);
	return v > INT_MAX ? -1 : (int)v;
}

static int is_media_type(const char *type)
{
	return type && (starts_with_ci(type, "audio/") ||
		starts_with_ci(type, "video/"));
}

/* 1 when URL 'u' ends (before any query) in a common media extension. */
static int is_media_url(const char *u)
{
	static const char *const exts[] = {
		".mp3", ".m4a", ".m4b", ".aac", ".ogg", ".oga", ".opus", ".flac",
		".wav", ".mp4", ".m4v", ".mov", ".webm", ".mkv",
	};
	size_t n = strcspn(u, "?#");

	for (size_t i = 0; i < sizeof(exts) / sizeof(*exts); i++) {
		size_t e = strlen(exts[i]);

		if (n >= e && !strncasecmp(u + n - e, exts[i], e))
			return 1;
	}
	return 0;
}

static void add_enclosure(struct doc *d, const xmlNode *n, const char *size_attr)
{
	char *url = resolve(n, attr(n, "url")), *type, *len;
	struct enclosure *e;

	if (!url) {
		url = resolve(n, attr(n, "href"));
		if (!url)
			return;
	}
	for (size_t i = 0; i < d->nenclosures; i++) {
		if (!strcmp(d->enclosures[i].url, url)) {
			free(url);
			return;
		}
	}
	if (d->nenclosures >= 64) {
		free(url);
		return;
	}
	type = clean_line(attr(n, "type"));
	len = attr(n, size_attr);
	d->enclosures = xrealloc(d->enclosures,
		(d->nenclosures + 1) * sizeof(*d->enclosures));
	e = &d->enclosures[d->nenclosures++];
	e->url = url;
	e->type = type;
	e->length = parse_count(len);
	if (e->length == 0)
		e->length = -1;
	free(len);
}

static void add_transcript(struct doc *d, const xmlNode *n)
{
	char *url = resolve(n, attr(n, "url"));
	struct transcript_ref *t;

	if (!url || d->ntranscripts >= 32) {
		free(url);
		return;
	}
	d->transcripts = xrealloc(d->transcripts,
		(d->ntranscripts + 1) * sizeof(*d->transcripts));
	t = &d->transcripts[d->ntranscripts++];
	t->url = url;
	t->type = clean_line(attr(n, "type"));
	t->language = clean_line(attr(n, "language"));
	t->rel = clean_line(attr(n, "rel"));
}

static void add_person(struct doc *d, const xmlNode *n)
{
	char *name = clean_line(node_text(n));
	struct person *p;

	if (!name || d->npersons >= LIMIT_AUTHORS) {
		free(name);
		return;
	}
	d->persons = xrealloc(d->persons, (d->npersons + 1) * sizeof(*d->persons));
	p = &d->persons[d->npersons++];
	p->name = name;
	p->role = clean_line(attr(n, "role"));
	if (!p->role)
		p->role = xstrdup("host"); /* the namespace's default */
	for (char *c = p->role; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	p->href = resolve(n, attr(n, "href"));
}

/*
 * RSS <author> is an e-mail address, often with the name in parentheses:
 * "desk@example.org (Ada Fictional)" gives the name; a bare address stays.
 */
static char *rss_author_name(char *s)
{
	char *open, *close, *inner, *name;

	if (!s || !strchr(s, '@') || !(open = strchr(s, '(')) ||
	    !(close = strrchr(s, ')')) || close <= open + 1)
		return s;
	inner = xstrndup(open + 1, (size_t)(close - open - 1));
	name = text_squeezed(inner);
	free(inner);
	if (!name)
		return s;
	free(s);
	return name;
}

static void add_author(struct doc *d, char *name)
{
	name = rss_author_name(name);
	if (!name)
		return;
	for (size_t i = 0; i < d->authors.n; i++) {
		if (!strcmp(d->authors.v[i], name)) {
			free(name);
			return;
		}
	}
	if (d->authors.n < LIMIT_AUTHORS)
		strlist_add(&d->authors, name);
	free(name);
}

/* The name of an Atom person construct (name, else email). */
static char *atom_person(const xmlNode *n)
{
	char *name = NULL, *email = NULL;

	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		const char *l;
		node_ns(c, &l);
		if (!strcmp(l, "name"))
			set_first(&name, clean_line(node_text(c)));
		else if (!strcmp(l, "email"))
			set_first(&email, clean_line(node_text(c)));
	}
	if (!name && !has_element_child(n))
		name = clean_line(node_text(n));
	if (name) {
		free(email);
		return name;
	}
	return email;
}

/* An item being read: fields before their precedence is settled. */
struct item_state {
	char *guid, *link, *alt_link, *pub, *upd, *dcdate;
	char *summary, *content, *itunes_summary, *dc_desc, *dc_title;
	char *media_desc;
	int itunes;
};

static void item_state_release(struct item_state *s)
{
	free(s->guid); free(s->link); free(s->alt_link); free(s->pub);
	free(s->upd); free(s->dcdate); free(s->summary); free(s->content);
	free(s->itunes_summary); free(s->dc_desc); free(s->dc_title);
	free(s->media_desc);
}

/* The link of an Atom <link>, or NULL when it is not the page's. */
static void atom_link(struct doc *d, struct item_state *s, const xmlNode *c)
{
	char *rel = attr(c, "rel");

	if (!rel || !strcasecmp(rel, "alternate")) {
		char *type = attr(c, "type");
		char *href = resolve(c, attr(c, "href"));

		/* Prefer an HTML alternate over other types. */
		if (!type || starts_with_ci(type, "text/html") ||
		    starts_with_ci(type, "application/xhtml"))
			set_first(&s->alt_link, href);
		else
			set_first(&s->link, href);
		free(type);
	} else if (!strcasecmp(rel, "enclosure")) {
		add_enclosure(d, c, "length");
	}
	free(rel);
}

static void media_group(struct doc *d, struct item_state *s, const xmlNode *n,
	int depth);

/* Reads one child 'c' of an item or entry into 'd' and 's'. */
/* The bare DOI ("10.x/y") in 's' (doi:, https://doi.org/ or bare), or NULL. */
static char *doi_from(const char *s)
{
	const char *p = s ? strstr(s, "10.") : NULL;
	size_t n;

	if (!p || !strchr(p, '/'))
		return NULL;
	n = strcspn(p, " \t\n\"<>");
	return n > 6 ? xstrndup(p, n) : NULL;
}

static void item_child(struct doc *d, struct item_state *s, const xmlNode *c,
	int atom)
{
	const char *l;
	enum ns ns = node_ns(c, &l);

	switch (ns) {
	case NS_NONE:
	case NS_RSS:
	case NS_ATOM:
		if (!strcmp(l, "title"))
			set_first(&d->title, title_text(c,
				ns == NS_ATOM || atom ? atom_type(c) : TEXT_GUESS));
		else if (!strcmp(l, "link") && (ns == NS_ATOM || atom))
			atom_link(d, s, c);
		else if (!strcmp(l, "link"))
			set_first(&s->alt_link, resolve(c, node_text(c)));
		else if (!strcmp(l, "guid") || !strcmp(l, "id"))
			set_first(&s->guid, clean_line(node_text(c)));
		else if (!strcmp(l, "description"))
			set_first(&s->summary, body_text(c, TEXT_GUESS));
		else if (!strcmp(l, "summary"))
			set_first(&s->summary, body_text(c, atom_type(c)));
		else if (!strcmp(l, "content"))
			set_first(&s->content, body_text(c, atom_type(c)));
		else if (!strcmp(l, "pubDate") || !strcmp(l, "published") ||
			 !strcmp(l, "issued") || !strcmp(l, "created"))
			set_first(&s->pub, clean_line(node_text(c)));
		else if (!strcmp(l, "updated") || !strcmp(l, "modified"))
			set_first(&s->upd, clean_line(node_text(c)));
		else if (!strcmp(l, "author") || !strcmp(l, "contributor")) {
			if (ns == NS_ATOM || atom || has_element_child(c))
				add_author(d, atom_person(c));
			else
				add_author(d, clean_line(node_text(c)));
		} else if (!strcmp(l, "enclosure"))
			add_enclosure(d, c, "length");
		break;
	case NS_DC:
		if (!strcmp(l, "creator") || !strcmp(l, "contributor"))
			add_author(d, clean_line(node_text(c)));
		else if (!strcmp(l, "date") || !strcmp(l, "issued") ||
			 !strcmp(l, "created"))
			set_first(&s->dcdate, clean_line(node_text(c)));
		else if (!strcmp(l, "modified"))
			set_first(&s->upd, clean_line(node_text(c)));
		else if (!strcmp(l, "title"))
			set_first(&s->dc_title, title_text(c, TEXT_GUESS));
		else if (!strcmp(l, "description") || !strcmp(l, "abstract"))
			set_first(&s->dc_desc, body_text(c, TEXT_GUESS));
		else if (!strcmp(l, "identifier")) {
			char *id = clean_line(node_text(c));

			/* journals write the DOI here: "doi:10.1001/x" */
			if (id && !d->doi && (starts_with_ci(id, "doi:") ||
			    starts_with_ci(id, "10.") || strstr(id, "doi.org/10.")))
				d->doi = doi_from(id);
			set_first(&s->guid, id);
		} else if (!strcmp(l, "language"))
			set_first(&d->lang, clean_line(node_text(c)));
		break;
	case NS_PRISM:
		if (!strcmp(l, "doi") && !d->doi) {
			char *id = clean_line(node_text(c));

			d->doi = doi_from(id);
			free(id);
		}
		break;
	case NS_CONTENT:
		if (!strcmp(l, "encoded"))
			set_first(&s->content, body_text(c, TEXT_HTML));
		break;
	case NS_ITUNES:
		s->itunes = 1;
		if (!strcmp(l, "author"))
			add_author(d, clean_line(node_text(c)));
		else if (!strcmp(l, "duration")) {
			char *v = clean_line(node_text(c));

			if (v && d->duration_s < 0)
				d->duration_s = clock_parse(v);
			free(v);
		} else if (!strcmp(l, "episode")) {
			if (d->episode < 0)
				d->episode = parse_int(c);
		} else if (!strcmp(l, "season")) {
			if (d->season < 0)
				d->season = parse_int(c);
		} else if (!strcmp(l, "episodeType")) {
			char *v = clean_line(node_text(c));

			if (v && (!strcasecmp(v, "full") || !strcasecmp(v, "trailer") ||
					!strcasecmp(v, "bonus"))) {
				for (char *p = v; *p; p++)
					*p = (char)tolower((unsigned char)*p);
				set_first(&d->episode_type, v);
			} else {
				free(v);
			}
		} else if (!strcmp(l, "summary"))
			set_first(&s->itunes_summary, body_text(c, TEXT_GUESS));
		else if (!strcmp(l, "image"))
			set_first(&d->image, resolve(c, attr(c, "href")));
		else if (!strcmp(l, "title") && !d->title)
			d->title = title_text(c, TEXT_GUESS);
		break;
	case NS_PODCAST:
		s->itunes = 1;
		if (!strcmp(l, "transcript"))
			add_transcript(d, c);
		else if (!strcmp(l, "chapters"))
			set_first(&d->chapters_url, resolve(c, attr(c, "url")));
		else if (!strcmp(l, "person"))
			add_person(d, c);
		else if (!strcmp(l, "episode") && d->episode < 0) {
			char *v = attr(c, "display");

			free(v);
			d->episode = parse_int(c);
		} else if (!strcmp(l, "season") && d->season < 0)
			d->season = parse_int(c);
		break;
	case NS_MEDIA:
		media_group(d, s, c, 0);
		break;
	default:
		break;
	}
}

/* Media RSS: media:content, media:thumbnail, media:description, groups. */
static void media_group(struct doc *d, struct item_state *s, const xmlNode *n,
	int depth)
{
	const char *l;

	if (depth > 4 || node_ns(n, &l) != NS_MEDIA)
		return;
	if (!strcmp(l, "group")) {
		for (const xmlNode *c = n->children; c; c = c->next)
			if (c->type == XML_ELEMENT_NODE)
				media_group(d, s, c, depth + 1);
	} else if (!strcmp(l, "content")) {
		char *type = attr(n, "type"), *medium = attr(n, "medium");

		if (is_media_type(type) || (medium && (!strcasecmp(medium, "audio") ||
				!strcasecmp(medium, "video"))))
			add_enclosure(d, n, "fileSize");
		free(type);
		free(medium);
	} else if (!strcmp(l, "thumbnail")) {
		set_first(&d->image, resolve(n, attr(n, "url")));
	} else if (!strcmp(l, "description")) {
		set_first(&s->media_desc, body_text(n, TEXT_GUESS));
	}
}

/* Settles an item: precedence, fallbacks, kind. */
static void item_finish(struct doc *d, struct item_state *s,
	const struct feed *f, const xmlNode *item)
{
	set_first(&d->title, s->dc_title);
	s->dc_title = NULL;
	d->url = s->alt_link ? s->alt_link : s->link;
	if (d->url == s->alt_link)
		free(s->link);
	else
		free(s->alt_link);
	s->link = s->alt_link = NULL;

	if (!s->guid) {
		/* RSS 1.0 names each item by its rdf:about. */
		s->guid = clean_line(attr(item, "about"));
	}
	if (s->guid)
		d->guid = s->guid;
	else if (d->url)
		d->guid = xstrdup(d->url);
	else if (d->nenclosures)
		d->guid = xstrdup(d->enclosures[0].url);
	s->guid = NULL;

	d->published = s->pub ? date_iso(s->pub) : NULL;
	if (!d->published && s->dcdate)
		d->published = date_iso(s->dcdate);
	d->updated = s->upd ? date_iso(s->upd) : NULL;
	if (!d->updated && s->dcdate && s->pub)
		d->updated = date_iso(s->dcdate);
	if (!d->published && d->updated)
		d->published = xstrdup(d->updated);

	/* The summary: description, atom:summary, dc:description,
	 * itunes:summary, media:description, in that order. */
	d->summary = s->summary;
	s->summary = NULL;
	set_first(&d->summary, s->dc_desc);
	set_first(&d->summary, s->itunes_summary);
	set_first(&d->summary, s->media_desc);
	s->dc_desc = s->itunes_summary = s->media_desc = NULL;
	d->content = s->content;
	s->content = NULL;

	/* Atom entries inherit the feed's author; podcast episodes the
	 * show's itunes:author (an RSS managingEditor is not an author). */
	if (!d->authors.n && f->author && (f->podcast ||
			(f->format && !strcmp(f->format, "atom"))))
		strlist_add(&d->authors, f->author);
	d->container = xstrdup_or_null(f->title);
	if (!d->lang)
		d->lang = xstrdup_or_null(f->language);

	for (size_t i = 0; i < d->nenclosures && !d->audio_url; i++) {
		const struct enclosure *e = &d->enclosures[i];

		if (is_media_type(e->type) || (!e->type && is_media_url(e->url)))
			d->audio_url = xstrdup(e->url);
	}
	if (d->audio_url || ((f->podcast || s->itunes) && d->nenclosures)) {
		d->kind = DOC_EPISODE;
	} else if (d->doi) {
		/* a journal's feed: a paper, of a design the feed does not say */
		d->kind = DOC_PAPER;
		d->evidence = EVIDENCE_PAPER;
	} else {
		d->kind = DOC_ARTICLE;
	}
}

static void parse_item(struct feed *f, const xmlNode *item, int atom)
{
	struct doc *d;
	struct item_state s;

	if (f->nitems >= LIMIT_FEED_ITEMS) {
		if (f->nitems == LIMIT_FEED_ITEMS && !f->truncated++)
			warnf("feed has more than %d items; the rest are left out",
				LIMIT_FEED_ITEMS);
		return;
	}
	memset(&s, 0, sizeof(s));
	f->items = xrealloc(f->items, (f->nitems + 1) * sizeof(*f->items));
	d = &f->items[f->nitems++];
	doc_init(d);
	for (const xmlNode *c = item->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			item_child(d, &s, c, atom);
	item_finish(d, &s, f, item);
	item_state_release(&s);
}

/* Reads channel-level element 'c' (RSS channel or Atom feed). */
static void channel_child(struct feed *f, const xmlNode *c, int atom,
	char **subtitle)
{
	const char *l;
	enum ns ns = node_ns(c, &l);

	switch (ns) {
	case NS_NONE:
	case NS_RSS:
	case NS_ATOM:
		if (!strcmp(l, "title"))
			set_first(&f->title, title_text(c,
				ns == NS_ATOM || atom ? atom_type(c) : TEXT_GUESS));
		else if (!strcmp(l, "link") && (ns == NS_ATOM || atom ||
				c->properties)) {
			char *rel = attr(c, "rel");

			if (!rel || !strcasecmp(rel, "alternate"))
				set_first(&f->link, resolve(c, attr(c, "href")));
			free(rel);
		} else if (!strcmp(l, "link")) {
			/* The RSS link wins over any atom:link seen before. */
			set_over(&f->link, resolve(c, node_text(c)));
		} else if (!strcmp(l, "description") || !strcmp(l, "subtitle") ||
			 !strcmp(l, "tagline"))
			set_first(&f->description, body_text(c,
				ns == NS_ATOM || atom ? atom_type(c) : TEXT_GUESS));
		else if (!strcmp(l, "language"))
			set_first(&f->language, clean_line(node_text(c)));
		else if (!strcmp(l, "author")) {
			if (ns == NS_ATOM || atom || has_element_child(c))
				set_first(&f->author, atom_person(c));
			else
				set_first(&f->author, clean_line(node_text(c)));
		} else if (!strcmp(l, "managingEditor"))
			set_first(&f->author, clean_line(node_text(c)));
		else if (!strcmp(l, "image") && !atom) {
			for (const xmlNode *u = c->children; u; u = u->next)
				if (u->type == XML_ELEMENT_NODE && is_rss(u, "url"))
					set_first(&f->image, resolve(u, node_text(u)));
			set_first(&f->image, resolve(c, attr(c, "resource")));
		} else if (!strcmp(l, "logo") || !strcmp(l, "icon"))
			set_first(&f->image, resolve(c, node_text(c)));
		break;
	case NS_DC:
		if (!strcmp(l, "title"))
			set_first(&f->title, title_text(c, TEXT_GUESS));
		else if (!strcmp(l, "creator") || !strcmp(l, "publisher"))
			set_first(&f->author, clean_line(node_text(c)));
		else if (!strcmp(l, "language"))
			set_first(&f->language, clean_line(node_text(c)));
		else if (!strcmp(l, "description"))
			set_first(&f->description, body_text(c, TEXT_GUESS));
		break;
	case NS_ITUNES:
		f->podcast = 1;
		if (!strcmp(l, "author"))
			set_over(&f->author, clean_line(node_text(c)));
		else if (!strcmp(l, "summary") || !strcmp(l, "subtitle"))
			set_first(subtitle, body_text(c, TEXT_GUESS));
		else if (!strcmp(l, "image"))
			set_first(&f->image, resolve(c, attr(c, "href")));
		else if (!strcmp(l, "new-feed-url"))
			set_first(&f->new_feed_url, resolve(c, node_text(c)));
		break;
	case NS_PODCAST:
		f->podcast = 1;
		if (!strcmp(l, "guid"))
			set_first(&f->guid, clean_line(node_text(c)));
		break;
	default:
		break;
	}
}

static int is_item(const xmlNode *n, int atom)
{
	const char *l;
	enum ns ns;

	if (n->type != XML_ELEMENT_NODE)
		return 0;
	ns = node_ns(n, &l);
	if (atom)
		return ns == NS_ATOM || ns == NS_NONE ? !strcmp(l, "entry") : 0;
	return (ns == NS_NONE || ns == NS_RSS) && !strcmp(l, "item");
}

/* Reads a channel element: metadata, then its items. */
static void parse_channel(struct feed *f, const xmlNode *ch, int atom,
	char **subtitle)
{
	for (const xmlNode *c = ch->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !is_item(c, atom))
			channel_child(f, c, atom, subtitle);
}

static void parse_items(struct feed *f, const xmlNode *parent, int atom)
{
	for (const xmlNode *c = parent->children; c; c = c->next)
		if (is_item(c, atom))
			parse_item(f, c, atom);
}

int feed_parse(const char *data, size_t len, const char *base_url,
	struct feed *out)
{
	xmlDocPtr doc;
	xmlNode *root, *channel = NULL;
	const char *l;
	enum ns ns;
	char *subtitle = NULL;
	int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
		XML_PARSE_RECOVER | XML_PARSE_NOCDATA | XML_PARSE_COMPACT;
	int ret = -1;

	memset(out, 0, sizeof(*out));
	if (!data || len == 0)
		return error("empty document is not a feed");
	if (len > LIMIT_BODY_BYTES || len > INT_MAX)
		return error("feed of %zu bytes is too large", len);
	doc = xmlReadMemory(data, (int)len, base_url, NULL, opts);
	if (!doc)
		return error("cannot parse feed%s%s", base_url ? " " : "",
			base_url ? base_url : "");
	root = xmlDocGetRootElement(doc);
	if (!root) {
		error("no root element: not a feed");
		goto out;
	}
	ns = node_ns(root, &l);
	for (xmlNode *c = root->children; c; c = c->next) {
		const char *cl;

		/* A podcast feed declares itself before its items. */
		if (c->type == XML_ELEMENT_NODE)
			for (xmlNode *g = c->children; g; g = g->next)
				if (g->type == XML_ELEMENT_NODE &&
				    (node_ns(g, &cl) == NS_ITUNES ||
				     node_ns(g, &cl) == NS_PODCAST))
					out->podcast = 1;
	}
	if (!strcasecmp(l, "rss") && ns != NS_ATOM) {
		out->format = xstrdup("rss");
	} else if (!strcmp(l, "RDF") && (ns == NS_RDF || ns == NS_NONE ||
			ns == NS_OTHER)) {
		out->format = xstrdup("rdf");
	} else if (!strcmp(l, "feed") && (ns == NS_ATOM || ns == NS_NONE)) {
		out->format = xstrdup("atom");
	} else if (!strcmp(l, "channel") && ns != NS_ATOM) {
		out->format = xstrdup("rss");
		channel = root;
	} else {
		error("<%s> document is not a feed", l);
		goto out;
	}

	if (!strcmp(out->format, "atom")) {
		xmlChar *lang = xmlNodeGetLang(root);

		if (lang)
			out->language = clean_line(xstrdup((const char *)lang));
		xmlFree(lang);
		parse_channel(out, root, 1, &subtitle);
		parse_items(out, root, 1);
	} else {
		if (!channel)
			for (xmlNode *c = root->children; c && !channel; c = c->next)
				if (c->type == XML_ELEMENT_NODE && is_rss(c, "channel"))
					channel = c;
		if (channel)
			parse_channel(out, channel, 0, &subtitle);
		/* RSS 1.0 and 0.90 keep items and image beside the channel. */
		for (xmlNode *c = root->children; c; c = c->next)
			if (c->type == XML_ELEMENT_NODE && c != channel &&
			    !is_item(c, 0) && is_rss(c, "image"))
				channel_child(out, c, 0, &subtitle);
		if (channel)
			parse_items(out, channel, 0);
		if (channel != root)
			parse_items(out, root, 0);
	}
	set_first(&out->description, subtitle);
	subtitle = NULL;
	/* Items were read before every channel field was known. */
	for (size_t i = 0; i < out->nitems; i++) {
		struct doc *d = &out->items[i];

		if (!d->container && out->title)
			d->container = xstrdup(out->title);
	}
	ret = 0;
out:
	free(subtitle);
	xmlFreeDoc(doc);
	if (ret)
		feed_release(out);
	return ret;
}

void feed_release(struct feed *f)
{
	free(f->format);
	free(f->title);
	free(f->link);
	free(f->description);
	free(f->author);
	free(f->language);
	free(f->image);
	free(f->new_feed_url);
	free(f->guid);
	for (size_t i = 0; i < f->nitems; i++)
		doc_release(&f->items[i]);
	free(f->items);
	memset(f, 0, sizeof(*f));
}

static int json_num(struct buf *out, double v, int integer)
{
	if (v < 0)
		return buf_adds(out, "null");
	if (integer)
		return buf_printf(out, "%lld", (long long)v);
	return buf_printf(out, "%.3f", v);
}

static int json_key(struct buf *out, int *first, const char *key)
{
	int r = buf_adds(out, *first ? "\"" : ",\"");

	*first = 0;
	return r | buf_adds(out, key) | buf_adds(out, "\":");
}

static int json_kv(struct buf *out, int *first, const char *key, const char *v)
{
	return json_key(out, first, key) | json_str(out, v);
}

static int item_json(const struct doc *d, struct buf *out)
{
	int first = 1, r = buf_addc(out, '{');

	r |= json_kv(out, &first, "guid", d->guid);
	r |= json_kv(out, &first, "kind", doc_kind_name(d->kind));
	r |= json_kv(out, &first, "title", d->title);
	r |= json_kv(out, &first, "link", d->url);
	r |= json_kv(out, &first, "doi", d->doi);
	r |= json_kv(out, &first, "published", d->published);
	r |= json_kv(out, &first, "updated", d->updated);
	r |= json_key(out, &first, "authors") | buf_addc(out, '[');
	for (size_t i = 0; i < d->authors.n; i++)
		r |= (i ? buf_addc(out, ',') : 0) | json_str(out, d->authors.v[i]);
	r |= buf_addc(out, ']');
	r |= json_kv(out, &first, "summary", d->summary);
	r |= json_kv(out, &first, "content", d->content);
	r |= json_kv(out, &first, "image", d->image);
	r |= json_key(out, &first, "duration_s") | json_num(out, d->duration_s, 0);
	r |= json_key(out, &first, "episode") | json_num(out, d->episode, 1);
	r |= json_key(out, &first, "season") | json_num(out, d->season, 1);
	r |= json_kv(out, &first, "episode_type", d->episode_type);
	r |= json_kv(out, &first, "audio_url", d->audio_url);
	r |= json_key(out, &first, "enclosures") | buf_addc(out, '[');
	for (size_t i = 0; i < d->nenclosures; i++) {
		int f2 = 1;

		r |= (i ? buf_addc(out, ',') : 0) | buf_addc(out, '{');
		r |= json_kv(out, &f2, "url", d->enclosures[i].url);
		r |= json_kv(out, &f2, "type", d->enclosures[i].type);
		r |= json_key(out, &f2, "length") |
			json_num(out, (double)d->enclosures[i].length, 1);
		r |= buf_addc(out, '}');
	}
	r |= buf_addc(out, ']');
	r |= json_key(out, &first, "transcripts") | buf_addc(out, '[');
	for (size_t i = 0; i < d->ntranscripts; i++) {
		int f2 = 1;

		r |= (i ? buf_addc(out, ',') : 0) | buf_addc(out, '{');
		r |= json_kv(out, &f2, "url", d->transcripts[i].url);
		r |= json_kv(out, &f2, "type", d->transcripts[i].type);
		r |= json_kv(out, &f2, "language", d->transcripts[i].language);
		r |= json_kv(out, &f2, "rel", d->transcripts[i].rel);
		r |= buf_addc(out, '}');
	}
	r |= buf_addc(out, ']');
	r |= json_kv(out, &first, "chapters_url", d->chapters_url);
	r |= json_key(out, &first, "persons") | buf_addc(out, '[');
	for (size_t i = 0; i < d->npersons; i++) {
		int f2 = 1;

		r |= (i ? buf_addc(out, ',') : 0) | buf_addc(out, '{');
		r |= json_kv(out, &f2, "name", d->persons[i].name);
		r |= json_kv(out, &f2, "role", d->persons[i].role);
		r |= json_kv(out, &f2, "href", d->persons[i].href);
		r |= buf_addc(out, '}');
	}
	r |= buf_addc(out, ']');
	r |= buf_addc(out, '}');
	return r ? -1 : 0;
}

int feed_to_json(const struct feed *f, struct buf *out)
{
	int first = 1, r = buf_addc(out, '{');

	r |= json_kv(out, &first, "format", f->format);
	r |= json_kv(out, &first, "title", f->title);
	r |= json_kv(out, &first, "link", f->link);
	r |= json_kv(out, &first, "description", f->description);
	r |= json_kv(out, &first, "author", f->author);
	r |= json_kv(out, &first, "language", f->language);
	r |= json_kv(out, &first, "image", f->image);
	r |= json_kv(out, &first, "new_feed_url", f->new_feed_url);
	r |= json_kv(out, &first, "guid", f->guid);
	r |= json_key(out, &first, "items") | buf_addc(out, '[');
	for (size_t i = 0; i < f->nitems; i++)
		r |= (i ? buf_addc(out, ',') : 0) | item_json(&f->items[i], out);
	r |= buf_adds(out, "]}");
	return r ? -1 : 0;
}
