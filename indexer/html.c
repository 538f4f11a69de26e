#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "../core/buf.h"
#include "../core/limits.h"
#include "../core/log.h"
#include "../core/text.h"
#include "html.h"

#define HTML_OPTIONS (HTML_PARSE_NONET | HTML_PARSE_NOERROR | \
	HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER | HTML_PARSE_COMPACT)

/* How far into a page to look for a <meta> charset declaration. */
#define CHARSET_PRESCAN_BYTES 8192

int html_is(const xmlNode *node, const char *name)
{
	return node && node->type == XML_ELEMENT_NODE && node->name &&
		!strcasecmp((const char *)node->name, name);
}

char *html_attr(const xmlNode *node, const char *name)
{
	const xmlAttr *a;

	if (!node || node->type != XML_ELEMENT_NODE)
		return NULL;
	for (a = node->properties; a; a = a->next)
		if (a->name && !strcasecmp((const char *)a->name, name))
			return (char *)xmlNodeGetContent((const xmlNode *)a);
	return NULL;
}

/* Elements whose content is never text to read. */
static int is_skipped(const char *name)
{
	static const char *const names[] = {
		"script", "style", "noscript", "template", "head", "title",
		"meta", "link", "select", "option", "textarea", "button",
		"input", "iframe", "object", "embed", "svg", "math", "canvas",
		"audio", "video", "map", "datalist", "dialog", NULL
	};
	for (const char *const *p = names; *p; p++)
		if (**p == *name && !strcmp(*p, name))
			return 1;
	return 0;
}

static int block_name(const char *name)
{
	static const char *const names[] = {
		"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol",
		"li", "dl", "dt", "dd", "table", "tr", "tbody", "thead",
		"tfoot", "caption", "blockquote", "pre", "section", "article",
		"aside", "header", "footer", "nav", "main", "figure",
		"figcaption", "address", "hr", "form", "fieldset", "legend",
		"details", "summary", "center", "menu", "dir", "hgroup",
		"html", "body", "frameset", "noframes", "listing", "xmp",
		"plaintext", NULL
	};
	for (const char *const *p = names; *p; p++)
		if (**p == *name && !strcmp(*p, name))
			return 1;
	return 0;
}

int html_is_block(const xmlNode *node)
{
	char lower[16];
	size_t i;

	if (!node || node->type != XML_ELEMENT_NODE || !node->name)
		return 0;
	for (i = 0; node->name[i] && i < sizeof(lower) - 1; i++)
		lower[i] = (char)tolower(node->name[i]);
	if (node->name[i])
		return 0;
	lower[i] = '\0';
	return block_name(lower);
}

/* 1 when 'hay' holds 'needle' ignoring ASCII case and white space. */
static int style_has(const char *hay, const char *needle)
{
	for (; *hay; hay++) {
		const char *h = hay, *n = needle;
		while (*n && *h) {
			if (isspace((unsigned char)*h)) {
				h++;
				continue;
			}
			if (tolower((unsigned char)*h) != *n)
				break;
			h++, n++;
		}
		if (!*n)
			return 1;
	}
	return 0;
}

int html_is_hidden(const xmlNode *node)
{
	const xmlAttr *a;
	int hidden = 0;

	if (!node || node->type != XML_ELEMENT_NODE)
		return 0;
	for (a = node->properties; a && !hidden; a = a->next) {
		const char *name = (const char *)a->name;
		const char *v;

		if (!name)
			continue;
		if (!strcasecmp(name, "hidden"))
			return 1;
		if (strcasecmp(name, "style") && strcasecmp(name, "aria-hidden"))
			continue;
		v = a->children && a->children->type == XML_TEXT_NODE ?
			(const char *)a->children->content : NULL;
		if (!v)
			continue;
		if (!strcasecmp(name, "aria-hidden"))
			hidden = !strcasecmp(v, "true");
		else
			hidden = style_has(v, "display:none") ||
				style_has(v, "visibility:hidden");
	}
	return hidden;
}

/*
 * 1 when 's' is well-formed UTF-8 (as utf8_valid()), with a fast path
 * over ASCII, which most of any page is.
 */
static int valid_utf8(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		unsigned c = u[i];
		size_t n;
		unsigned long cp;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			n = 1, cp = c & 0x1f;
		else if (c >= 0xe0 && c <= 0xef)
			n = 2, cp = c & 0x0f;
		else if (c >= 0xf0 && c <= 0xf4)
			n = 3, cp = c & 0x07;
		else
			return 0;
		if (len - i <= n)
			return 0;
		for (size_t k = 1; k <= n; k++) {
			if ((u[i + k] & 0xc0) != 0x80)
				return 0;
			cp = cp << 6 | (u[i + k] & 0x3f);
		}
		if ((n == 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
		    (n == 3 && (cp < 0x10000 || cp > 0x10ffff)))
			return 0;
		i += n + 1;
	}
	return 1;
}

/* Rendering */

enum brk { BRK_NONE, BRK_SPACE, BRK_LINE, BRK_PARA };

struct render {
	struct buf *out;
	size_t start;    /* where this rendering began in out */
	enum brk brk;    /* separator owed before the next text */
	int pre;         /* inside <pre> */
	int br;          /* the last thing seen was a <br> */
	int err;
};

static void owe(struct render *r, enum brk b)
{
	if (b > r->brk)
		r->brk = b;
}

static void put_sep(struct render *r)
{
	static const char *const sep[] = { "", " ", "\n", "\n\n" };

	if (r->out->len > r->start && r->brk != BRK_NONE) {
		/* no white space before a line or paragraph break */
		if (r->brk >= BRK_LINE)
			while (r->out->len > r->start &&
			       (r->out->data[r->out->len - 1] == ' ' ||
				r->out->data[r->out->len - 1] == '\t'))
				buf_setlen(r->out, r->out->len - 1);
		if (buf_adds(r->out, sep[r->brk]) < 0)
			r->err = -1;
	}
	r->brk = BRK_NONE;
}

static void put_text(struct render *r, const unsigned char *s)
{
	const unsigned char *run;

	if (!s)
		return;
	while (*s && !r->err) {
		if (r->pre && (*s == '\n' || *s == '\r')) {
			if (*s == '\r' && s[1] == '\n')
				s++;
			s++;
			owe(r, BRK_LINE);
			continue;
		}
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' ||
		    *s == '\f' || *s == '\v') {
			s++;
			owe(r, BRK_SPACE);
			continue;
		}
		if (s[0] == 0xc2 && s[1] == 0xa0) { /* no-break space */
			s += 2;
			owe(r, BRK_SPACE);
			continue;
		}
		put_sep(r);
		r->br = 0;
		run = s;
		while (*s && !(*s == ' ' || *s == '\t' || *s == '\n' ||
			       *s == '\r' || *s == '\f' || *s == '\v' ||
			       (s[0] == 0xc2 && s[1] == 0xa0)))
			s++;
		if (buf_add(r->out, run, (size_t)(s - run)) < 0)
			r->err = -1;
	}
}

/* Returns 1 to descend into the children of 'n'. */
static int enter(struct render *r, xmlNode *n)
{
	const char *name;

	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		put_text(r, n->content);
		return 0;
	}
	if (n->type == XML_DOCUMENT_NODE || n->type == XML_HTML_DOCUMENT_NODE)
		return 1;
	if (n->type != XML_ELEMENT_NODE || !n->name)
		return 0;
	name = (const char *)n->name;
	if (is_skipped(name) || html_is_hidden(n))
		return 0;
	if (!strcmp(name, "br")) {
		/* two <br> in a row end a paragraph */
		owe(r, r->br ? BRK_PARA : BRK_LINE);
		r->br = 1;
		return 0;
	}
	if (!strcmp(name, "td") || !strcmp(name, "th")) {
		owe(r, BRK_SPACE);
		return 1;
	}
	if (!strcmp(name, "img"))
		return 0;
	r->br = 0;
	if (!strcmp(name, "li") || !strcmp(name, "tr") ||
	    !strcmp(name, "dt") || !strcmp(name, "dd"))
		owe(r, BRK_LINE);
	else if (block_name(name))
		owe(r, BRK_PARA);
	if (!strcmp(name, "pre"))
		r->pre++;
	return 1;
}

static void leave(struct render *r, xmlNode *n)
{
	const char *name;

	if (n->type != XML_ELEMENT_NODE || !n->name)
		return;
	name = (const char *)n->name;
	if (!strcmp(name, "td") || !strcmp(name, "th")) {
		owe(r, BRK_SPACE);
		return;
	}
	if (!strcmp(name, "li") || !strcmp(name, "tr") ||
	    !strcmp(name, "dt") || !strcmp(name, "dd")) {
		owe(r, BRK_LINE);
		r->br = 0;
	} else if (block_name(name)) {
		owe(r, BRK_PARA);
		r->br = 0;
	}
	if (!strcmp(name, "pre") && r->pre > 0)
		r->pre--;
}

int html_node_text(xmlNode *root, struct buf *out)
{
	struct render r = { out, out->len, BRK_NONE, 0, 0, 0 };
	xmlNode *n = root;

	if (!root)
		return 0;
	/* iterative walk: page depth is outside data */
	while (!r.err) {
		int descend = enter(&r, n);

		if (descend && n->children) {
			n = n->children;
			continue;
		}
		if (descend)
			leave(&r, n);
		for (;;) {
			if (n == root)
				goto done;
			if (n->next) {
				n = n->next;
				break;
			}
			n = n->parent;
			if (!n)
				goto done;
			leave(&r, n);
		}
	}
done:
	while (out->len > r.start &&
	       isspace((unsigned char)out->data[out->len - 1]))
		buf_setlen(out, out->len - 1);
	if (!valid_utf8(out->data + r.start, out->len - r.start)) {
		struct buf tmp = BUF_INIT_MAX(out->max);

		if (utf8_sanitize(&tmp, out->data + r.start,
				  out->len - r.start) < 0)
			r.err = -1;
		buf_setlen(out, r.start);
		if (buf_add(out, tmp.data, tmp.len) < 0)
			r.err = -1;
		buf_release(&tmp);
	}
	return r.err;
}

/* Charsets */

/* Lower-cased charset token at 's' (n bytes at most) into 'name'. */
static void charset_token(const char *s, size_t n, char *name, size_t size)
{
	size_t i = 0;

	while (n > 0 && (*s == ' ' || *s == '"' || *s == '\'' || *s == '='))
		s++, n--;
	while (n > 0 && i < size - 1 &&
	       (isalnum((unsigned char)*s) || strchr("-_.:", *s) != NULL)) {
		name[i++] = (char)tolower((unsigned char)*s);
		s++, n--;
	}
	name[i] = '\0';
}

/* The name libxml2 should use for the label 'label', as browsers read it. */
static const char *charset_canon(const char *label, int from_meta)
{
	static const struct { const char *label, *name; } map[] = {
		{ "utf-8", "UTF-8" }, { "utf8", "UTF-8" },
		{ "unicode-1-1-utf-8", "UTF-8" },
		{ "iso-8859-1", "windows-1252" }, { "iso8859-1", "windows-1252" },
		{ "iso_8859-1", "windows-1252" }, { "latin1", "windows-1252" },
		{ "l1", "windows-1252" }, { "us-ascii", "windows-1252" },
		{ "ascii", "windows-1252" }, { "cp1252", "windows-1252" },
		{ "windows-1252", "windows-1252" }, { "x-cp1252", "windows-1252" },
		{ "cp819", "windows-1252" }, { "ansi_x3.4-1968", "windows-1252" },
		{ "iso-8859-9", "windows-1254" }, { "latin5", "windows-1254" },
		{ "tis-620", "windows-874" }, { "iso-8859-11", "windows-874" },
		{ "gb2312", "GB18030" }, { "gbk", "GB18030" },
		{ "x-gbk", "GB18030" }, { "gb18030", "GB18030" },
		{ "shift_jis", "CP932" }, { "sjis", "CP932" },
		{ "x-sjis", "CP932" }, { "ms_kanji", "CP932" },
		{ "windows-31j", "CP932" }, { "euc-kr", "CP949" },
		{ "ks_c_5601-1987", "CP949" }, { "big5", "BIG5-HKSCS" },
	};

	if (!*label)
		return NULL;
	/* a page cannot declare UTF-16 from inside an ASCII meta tag */
	if (from_meta && !strncmp(label, "utf-16", 6))
		return "UTF-8";
	if (!strcmp(label, "x-user-defined"))
		return "windows-1252";
	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (!strcmp(label, map[i].label))
			return map[i].name;
	return NULL;
}

/* Finds 'key' (lower case) in 's' ignoring ASCII case; NULL if absent. */
static const char *find_ci(const char *s, size_t len, const char *key)
{
	size_t k = strlen(key);

	for (size_t i = 0; i + k <= len; i++)
		if (!strncasecmp(s + i, key, k))
			return s + i;
	return NULL;
}

/* A charset declared by <meta> in the first bytes of 'html' into 'name'. */
static void meta_charset(const char *html, size_t len, char *name, size_t size)
{
	const char *p = html, *end;

	*name = '\0';
	if (len > CHARSET_PRESCAN_BYTES)
		len = CHARSET_PRESCAN_BYTES;
	end = html + len;
	while ((p = find_ci(p, (size_t)(end - p), "<meta")) != NULL) {
		const char *gt = memchr(p, '>', (size_t)(end - p));
		const char *cs;

		if (!gt)
			break;
		cs = find_ci(p, (size_t)(gt - p), "charset");
		if (cs) {
			cs += 7;
			while (cs < gt && (*cs == ' ' || *cs == '\t'))
				cs++;
			if (cs < gt && *cs == '=') {
				charset_token(cs + 1, (size_t)(gt - cs - 1), name,
					      size);
				if (*name)
					return;
			}
		}
		p = gt;
	}
}

char *html_charset(const char *html, size_t len, const char *content_type)
{
	const unsigned char *u = (const unsigned char *)html;
	char label[64];
	const char *name;

	if (len >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf)
		return xstrdup("UTF-8");
	if (len >= 2 && u[0] == 0xff && u[1] == 0xfe)
		return xstrdup("UTF-16LE");
	if (len >= 2 && u[0] == 0xfe && u[1] == 0xff)
		return xstrdup("UTF-16BE");
	if (content_type) {
		const char *cs = find_ci(content_type, strlen(content_type),
					 "charset");
		if (cs) {
			cs += 7;
			while (*cs == ' ' || *cs == '\t')
				cs++;
			if (*cs == '=') {
				charset_token(cs + 1, strlen(cs + 1), label,
					      sizeof(label));
				name = charset_canon(label, 0);
				if (name)
					return xstrdup(name);
				if (*label && xmlParseCharEncoding(label) !=
				    XML_CHAR_ENCODING_ERROR)
					return xstrdup(label);
			}
		}
	}
	meta_charset(html, len, label, sizeof(label));
	name = charset_canon(label, 1);
	if (name)
		return xstrdup(name);
	if (*label) {
		xmlCharEncodingHandlerPtr h = xmlFindCharEncodingHandler(label);

		if (h) {
			xmlCharEncCloseFunc(h);
			return xstrdup(label);
		}
	}
	return xstrdup(valid_utf8(html, len) ? "UTF-8" : "windows-1252");
}

static htmlDocPtr parse_utf8(const char *html, size_t len, const char *url)
{
	struct buf clean = BUF_INIT_MAX(LIMIT_BODY_BYTES * 4);
	htmlDocPtr doc = NULL;

	if (len >= 3 && !memcmp(html, "\xef\xbb\xbf", 3))
		html += 3, len -= 3;
	if (valid_utf8(html, len)) {
		if (len <= INT_MAX)
			doc = htmlReadMemory(html, (int)len, url, "UTF-8",
					     HTML_OPTIONS);
	} else if (utf8_sanitize(&clean, html, len) == 0 &&
		   clean.len <= INT_MAX) {
		doc = htmlReadMemory(clean.data, (int)clean.len, url, "UTF-8",
				     HTML_OPTIONS);
	}
	buf_release(&clean);
	return doc;
}

htmlDocPtr html_parse(const char *html, size_t len, const char *base_url,
	const char *content_type)
{
	htmlDocPtr doc;
	char *cs;

	if (len > LIMIT_BODY_BYTES) {
		error("page '%s' is larger than %zu bytes",
		      base_url ? base_url : "-", LIMIT_BODY_BYTES);
		return NULL;
	}
	cs = html_charset(html, len, content_type);
	if (!strcmp(cs, "UTF-8"))
		doc = parse_utf8(html, len, base_url);
	else
		doc = htmlReadMemory(html, (int)len, base_url, cs, HTML_OPTIONS);
	free(cs);
	if (!doc)
		error("cannot parse the HTML of '%s'", base_url ? base_url : "-");
	return doc;
}

int html_fragment_text(const char *html, size_t len, struct buf *out)
{
	htmlDocPtr doc;
	int ret;

	if (!html)
		return 0;
	while (len > 0 && isspace((unsigned char)*html))
		html++, len--;
	if (len == 0)
		return 0;
	if (len > LIMIT_BODY_BYTES)
		return error("html fragment larger than %zu bytes",
			     LIMIT_BODY_BYTES);
	doc = parse_utf8(html, len, NULL);
	if (!doc)
		return error("cannot parse an html fragment");
	ret = html_node_text((xmlNode *)doc, out);
	xmlFreeDoc(doc);
	return ret;
}
