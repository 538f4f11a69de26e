#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <limits.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "opml.h"
#include "../core/limits.h"
#include "../core/log.h"
#include "../core/text.h"

/* An attribute of 'n' (name matched ignoring case, as OPML files vary),
 * sanitized and squeezed; a new string or NULL when absent or blank. */
static char *attr(const xmlNode *n, const char *name)
{
	for (const xmlAttr *a = n->properties; a; a = a->next) {
		struct buf b = BUF_INIT_MAX(LIMIT_FIELD_BYTES);
		char *out;

		if (!a->name || strcasecmp((const char *)a->name, name))
			continue;
		for (const xmlNode *t = a->children; t; t = t->next)
			if ((t->type == XML_TEXT_NODE) && t->content)
				utf8_sanitize(&b, (const char *)t->content,
					strlen((const char *)t->content));
		out = text_squeezed(b.data);
		buf_release(&b);
		return out;
	}
	return NULL;
}

int opml_add(struct opml *o, const char *url, const char *title,
	const char *html_url, const char *category)
{
	struct opml_entry *e;

	if (!url || !*url || o->n >= LIMIT_FEED_ITEMS)
		return -1;
	o->v = xrealloc(o->v, (o->n + 1) * sizeof(*o->v));
	e = &o->v[o->n++];
	e->url = xstrdup(url);
	e->title = title && *title ? xstrdup(title) : NULL;
	e->html_url = html_url && *html_url ? xstrdup(html_url) : NULL;
	e->category = category && *category ? xstrdup(category) : NULL;
	return 0;
}

static int is_outline(const xmlNode *n)
{
	return n->type == XML_ELEMENT_NODE && n->name &&
		!strcasecmp((const char *)n->name, "outline");
}

/* Reads the outlines below 'parent'; 'category' names the folders. */
static void outlines(struct opml *o, const xmlNode *parent,
	const char *category, int depth, long *budget)
{
	if (depth > LIMIT_XML_DEPTH)
		return;
	for (const xmlNode *n = parent->children; n; n = n->next) {
		char *url, *folder, *sub = NULL;

		if (--*budget < 0 || o->n >= LIMIT_FEED_ITEMS)
			return;
		if (!is_outline(n))
			continue;
		url = attr(n, "xmlUrl");
		if (url) {
			char *title = attr(n, "title"), *text = attr(n, "text");
			char *html = attr(n, "htmlUrl");

			opml_add(o, url, title ? title : text, html, category);
			free(title);
			free(text);
			free(html);
			free(url);
			/* a feed outline may still hold more outlines */
		}
		folder = attr(n, "text");
		if (!folder)
			folder = attr(n, "title");
		if (!url && folder && category) {
			struct buf b = BUF_INIT_MAX(LIMIT_FIELD_BYTES);

			buf_printf(&b, "%s/%s", category, folder);
			sub = buf_detach(&b, NULL);
		} else if (!url && folder) {
			sub = xstrdup(folder);
		}
		outlines(o, n, sub ? sub : category, depth + 1, budget);
		free(sub);
		free(folder);
	}
}

int opml_parse(const char *data, size_t len, struct opml *out)
{
	xmlDocPtr doc;
	xmlNode *root, *body = NULL;
	long budget = 4L * LIMIT_FEED_ITEMS + 100000;
	int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
		XML_PARSE_RECOVER | XML_PARSE_COMPACT;
	int ret = -1;

	out->v = NULL;
	out->n = 0;
	if (!data || !len)
		return error("empty document is not OPML");
	if (len > LIMIT_BODY_BYTES || len > INT_MAX)
		return error("OPML of %zu bytes is too large", len);
	doc = xmlReadMemory(data, (int)len, NULL, NULL, opts);
	if (!doc)
		return error("cannot parse OPML");
	root = xmlDocGetRootElement(doc);
	if (!root || !root->name || strcasecmp((const char *)root->name, "opml")) {
		error("document is not OPML");
		goto out;
	}
	for (xmlNode *n = root->children; n && !body; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    !strcasecmp((const char *)n->name, "body"))
			body = n;
	if (body)
		outlines(out, body, NULL, 0, &budget);
	ret = 0;
out:
	xmlFreeDoc(doc);
	return ret;
}

/* Appends 's' escaped for an XML attribute value. */
static int escape_attr(struct buf *out, const char *s)
{
	struct buf clean = BUF_INIT_MAX(LIMIT_FIELD_BYTES);
	int r = 0;

	utf8_sanitize(&clean, s, strlen(s));
	for (const char *p = clean.data; *p && !r; p++) {
		switch (*p) {
		case '&': r = buf_adds(out, "&amp;"); break;
		case '<': r = buf_adds(out, "&lt;"); break;
		case '>': r = buf_adds(out, "&gt;"); break;
		case '"': r = buf_adds(out, "&quot;"); break;
		case '\'': r = buf_adds(out, "&apos;"); break;
		case '\t': r = buf_adds(out, "&#9;"); break;
		case '\n': r = buf_adds(out, "&#10;"); break;
		case '\r': r = buf_adds(out, "&#13;"); break;
		default: r = buf_addc(out, *p); break;
		}
	}
	buf_release(&clean);
	return r;
}

static int write_entry(const struct opml_entry *e, const char *indent,
	struct buf *out)
{
	const char *name = e->title ? e->title : e->url;
	int r = buf_printf(out, "%s<outline type=\"rss\" text=\"", indent);

	r |= escape_attr(out, name);
	r |= buf_adds(out, "\" title=\"");
	r |= escape_attr(out, name);
	r |= buf_adds(out, "\" xmlUrl=\"");
	r |= escape_attr(out, e->url);
	if (e->html_url) {
		r |= buf_adds(out, "\" htmlUrl=\"");
		r |= escape_attr(out, e->html_url);
	}
	r |= buf_adds(out, "\"/>\n");
	return r ? -1 : 0;
}

static int same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

int opml_write(const struct opml *o, const char *title, struct buf *out)
{
	int r = buf_adds(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<opml version=\"2.0\">\n<head>\n<title>");

	if (title) {
		struct buf t = BUF_INIT_MAX(LIMIT_FIELD_BYTES);

		utf8_sanitize(&t, title, strlen(title));
		for (const char *p = t.data; *p; p++)
			r |= *p == '&' ? buf_adds(out, "&amp;") :
				*p == '<' ? buf_adds(out, "&lt;") :
				*p == '>' ? buf_adds(out, "&gt;") : buf_addc(out, *p);
		buf_release(&t);
	}
	r |= buf_adds(out, "</title>\n</head>\n<body>\n");
	/* Uncategorized entries first, then one folder per category in the
	 * order categories first appear. */
	for (size_t i = 0; i < o->n; i++)
		if (!o->v[i].category)
			r |= write_entry(&o->v[i], "", out);
	for (size_t i = 0; i < o->n; i++) {
		const char *cat = o->v[i].category;
		size_t j;

		if (!cat)
			continue;
		for (j = 0; j < i; j++)
			if (same(o->v[j].category, cat))
				break;
		if (j < i)
			continue; /* folder written already */
		r |= buf_adds(out, "<outline text=\"");
		r |= escape_attr(out, cat);
		r |= buf_adds(out, "\">\n");
		for (j = i; j < o->n; j++)
			if (same(o->v[j].category, cat))
				r |= write_entry(&o->v[j], "  ", out);
		r |= buf_adds(out, "</outline>\n");
	}
	r |= buf_adds(out, "</body>\n</opml>\n");
	return r ? -1 : 0;
}

void opml_release(struct opml *o)
{
	for (size_t i = 0; i < o->n; i++) {
		free(o->v[i].url);
		free(o->v[i].title);
		free(o->v[i].html_url);
		free(o->v[i].category);
	}
	free(o->v);
	o->v = NULL;
	o->n = 0;
}
