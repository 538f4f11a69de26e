#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <sqlite3.h>

#include "../core/buf.h"
#include "../core/date.h"
#include "../core/doc.h"
#include "../core/json.h"
#include "../core/limits.h"
#include "../core/log.h"
#include "../core/text.h"
#include "../core/url.h"
#include "extract.h"
#include "html.h"

/*
 * Main text: a scoring extractor in the manner of Readability. Boilerplate
 * is pruned by tag, role and class/id hints; paragraphs give points to
 * their ancestors; the best-scored block (less its link share) and the
 * siblings that score near it make the article, which is then cleaned of
 * link lists, teaser links, picture captions, share bars and the like,
 * rendered by html_node_text(), and trimmed at both ends of headline,
 * dateline, byline, credits, bio and calls to follow (trim_edges()).
 */

/* What we know of one element; hung on node->_private. */
struct ninfo {
	double score;
	size_t text;      /* characters, white space runs counted once */
	size_t link;      /* of those, inside <a> */
	size_t blocktext; /* of those, inside block children */
	unsigned commas, blockcommas;
	unsigned np, nimg, nli, ninput, nembed;
	unsigned char scored;
};

struct pass {
	xmlNode **nodes;  /* elements in document order */
	struct ninfo *info;
	size_t n, cap;
};

#define INFO(node) ((struct ninfo *)(node)->_private)

/* Flags of a pass; the strict one runs first, looser ones when it fails. */
#define F_STRIP_UNLIKELY 1
#define F_WEIGHT_CLASSES 2
#define F_CLEAN_CONDITIONALLY 4

#define MIN_ARTICLE_CHARS 250

static int name_is(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->name &&
		!strcmp((const char *)n->name, name);
}

static int name_in(const xmlNode *n, const char *const *names)
{
	if (!n || n->type != XML_ELEMENT_NODE || !n->name)
		return 0;
	for (; *names; names++)
		if (!strcmp((const char *)n->name, *names))
			return 1;
	return 0;
}

/* Lower-cased "class id" of 'n' into 'out' (size bytes). */
static void class_id(const xmlNode *n, char *out, size_t size)
{
	size_t len = 0;
	const xmlAttr *a;

	out[0] = '\0';
	for (a = n->properties; a; a = a->next) {
		const char *v;

		if (!a->name || (strcmp((const char *)a->name, "class") &&
				 strcmp((const char *)a->name, "id")))
			continue;
		if (!a->children || a->children->type != XML_TEXT_NODE)
			continue;
		v = (const char *)a->children->content;
		for (; v && *v && len + 2 < size; v++)
			out[len++] = (char)tolower((unsigned char)*v);
		if (len + 2 < size)
			out[len++] = ' ';
	}
	out[len] = '\0';
}

static int has_any(const char *s, const char *const *words)
{
	for (; *words; words++)
		if (strstr(s, *words))
			return 1;
	return 0;
}

static const char *const unlikely_words[] = {
	"-ad-", "ai2html", "banner", "breadcrumb", "combx", "comment",
	"community", "cover-wrap", "disqus", "extra", "footer", "gdpr",
	"header", "legends", "menu", "related", "remark", "replies", "rss",
	"shoutbox", "sidebar", "skyscraper", "social", "sponsor",
	"supplemental", "ad-break", "agegate", "pagination", "pager",
	"popup", "yom-remote", "cookie", "consent", "newsletter",
	"subscribe", "share", "sharing", "promo", "recommend", "outbrain",
	"taboola", "modal", "signup", "paywall", "more-", "recirc",
	"trending", "popular", "teaser", "read-next", "readmore",
	"read-more", NULL
};

static const char *const maybe_words[] = {
	"and", "article", "body", "column", "content", "main", "shadow", NULL
};

/* Pop-ups and screen-reader text: shown only on hover, or never. */
static const char *const offscreen_words[] = {
	"tooltip", "popover", "hovercard", "rollover", "sr-only",
	"screen-reader", "visually-hidden", "visuallyhidden", "offscreen",
	NULL
};

/* Never article, whatever else the class says. */
static const char *const strong_words[] = {
	"cookie", "consent", "gdpr", "newsletter", "outbrain", "taboola",
	NULL
};

static const char *const positive_words[] = {
	"article", "body", "content", "entry", "hentry", "h-entry", "main",
	"page", "pagination", "post", "text", "blog", "story", NULL
};

static const char *const negative_words[] = {
	"-ad-", "hidden", "banner", "combx", "comment", "com-", "contact",
	"foot", "footnote", "gdpr", "masthead", "media", "meta", "outbrain",
	"promo", "related", "scroll", "share", "shoutbox", "sidebar",
	"skyscraper", "sponsor", "shopping", "tags", "tool", "widget",
	"cookie", "consent", "newsletter", "subscribe", "recommend", NULL
};

static int class_weight(const xmlNode *n)
{
	char ci[256];
	int w = 0;

	class_id(n, ci, sizeof(ci));
	if (!*ci)
		return 0;
	if (has_any(ci, negative_words))
		w -= 25;
	if (has_any(ci, positive_words))
		w += 25;
	return w;
}

static const char *const block_children[] = {
	"a", "blockquote", "dl", "div", "img", "ol", "p", "pre", "table",
	"ul", "section", "article", "figure", "h1", "h2", "h3", "h4", "h5",
	"h6", "header", "footer", "aside", "nav", "main", "form", "li",
	"dt", "dd", "tr", "td", "th", "tbody", "thead", "tfoot", "caption",
	NULL
};

/* Elements whose subtree is never text. */
static const char *const junk_tags[] = {
	"script", "style", "noscript", "template", "iframe", "svg", "math",
	"button", "input", "select", "textarea", "object", "embed",
	"canvas", "link", "meta", "audio", "video", "map", "dialog", "head",
	NULL
};

/* Frees the arrays; nodes may keep stale _private pointers, which
 * pass_count() overwrites before any use. */
static void pass_release(struct pass *p)
{
	free(p->nodes);
	free(p->info);
	memset(p, 0, sizeof(*p));
}

static xmlNode *next_node(xmlNode *n, xmlNode *root, int descend)
{
	if (descend && n->children)
		return n->children;
	while (n && n != root) {
		if (n->next)
			return n->next;
		n = n->parent;
	}
	return NULL;
}

/* Characters of text node content, white space runs counted once. */
static void count_text(const unsigned char *s, size_t *chars, unsigned *commas)
{
	int ws = 0;

	for (; s && *s; s++) {
		if (isspace(*s)) {
			ws = 1;
			continue;
		}
		if (ws)
			(*chars)++;
		ws = 0;
		if ((*s & 0xc0) != 0x80)
			(*chars)++;
		if (*s == ',')
			(*commas)++;
		else if (s[0] == 0xef && s[1] == 0xbc && s[2] == 0x8c)
			(*commas)++; /* fullwidth comma */
		else if (s[0] == 0xe3 && s[1] == 0x80 && s[2] == 0x81)
			(*commas)++; /* ideographic comma */
	}
	if (ws)
		(*chars)++;
}

static int is_block_child(const xmlNode *n)
{
	return name_in(n, block_children) && !name_is(n, "a") &&
		!name_is(n, "img");
}

/* Collects the elements under 'root' and counts their text, bottom up. */
static void pass_count(struct pass *p, xmlNode *root)
{
	xmlNode *n;

	p->n = 0;
	for (n = root; n; n = next_node(n, root, 1)) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (p->n == p->cap) {
			p->cap = p->cap ? p->cap * 2 : 1024;
			p->nodes = xrealloc(p->nodes, p->cap * sizeof(*p->nodes));
		}
		p->nodes[p->n++] = n;
	}
	free(p->info);
	p->info = xcalloc(p->n ? p->n : 1, sizeof(*p->info));
	for (size_t i = 0; i < p->n; i++)
		p->nodes[i]->_private = &p->info[i];
	for (size_t i = p->n; i-- > 0;) {
		xmlNode *e = p->nodes[i], *c;
		struct ninfo *in = &p->info[i];

		for (c = e->children; c; c = c->next)
			if (c->type == XML_TEXT_NODE ||
			    c->type == XML_CDATA_SECTION_NODE)
				count_text(c->content, &in->text, &in->commas);
		if (name_is(e, "a"))
			in->link = in->text;
		if (name_is(e, "p"))
			in->np++;
		else if (name_is(e, "img"))
			in->nimg++;
		else if (name_is(e, "li"))
			in->nli++;
		else if (name_is(e, "input"))
			in->ninput++;
		else if (name_is(e, "iframe") || name_is(e, "embed") ||
			 name_is(e, "object") || name_is(e, "video"))
			in->nembed++;
		if (e->parent && e->parent->type == XML_ELEMENT_NODE &&
		    e->parent->_private) {
			struct ninfo *up = INFO(e->parent);

			up->text += in->text;
			up->link += name_is(e, "a") ? in->text : in->link;
			up->commas += in->commas;
			up->np += in->np;
			up->nimg += in->nimg;
			up->nli += in->nli;
			up->ninput += in->ninput;
			up->nembed += in->nembed;
			if (is_block_child(e)) {
				up->blocktext += in->text;
				up->blockcommas += in->commas;
			}
		}
	}
}

static double link_density(const xmlNode *n)
{
	const struct ninfo *in = INFO(n);

	return in && in->text ? (double)in->link / (double)in->text : 0;
}

/* Subtracts the counts of 'n' from its ancestors, before removing it. */
static void uncount(xmlNode *n)
{
	struct ninfo *in = INFO(n);
	xmlNode *a;

	if (!in)
		return;
	for (a = n->parent; a && a->type == XML_ELEMENT_NODE && a->_private;
	     a = a->parent) {
		struct ninfo *up = INFO(a);

#define SUB(f) up->f = up->f >= in->f ? up->f - in->f : 0
		SUB(text);
		SUB(link);
		SUB(commas);
		SUB(np);
		SUB(nimg);
		SUB(nli);
		SUB(ninput);
		SUB(nembed);
#undef SUB
	}
}

static void drop(xmlNode *n)
{
	uncount(n);
	xmlUnlinkNode(n);
	xmlFreeNode(n);
}

static int is_protected(const xmlNode *n)
{
	static const char *const keep[] = {
		"html", "body", "main", "article", "a", NULL
	};
	char *v;
	int yes = 0;

	if (name_in(n, keep))
		return 1;
	if ((v = html_attr(n, "itemprop")) != NULL) {
		yes = strstr(v, "articleBody") != NULL;
		xmlFree(v);
	}
	if (!yes && (v = html_attr(n, "role")) != NULL) {
		yes = !strcmp(v, "main");
		xmlFree(v);
	}
	return yes;
}

/* 1 when a short block reads like a cookie or consent notice. */
static int looks_like_cookie_notice(xmlNode *n)
{
	struct ninfo *in = INFO(n);
	char *t;
	int yes;

	if (!in || in->text > 600 || in->text < 20)
		return 0;
	t = (char *)xmlNodeGetContent(n);
	if (!t)
		return 0;
	for (char *s = t; *s; s++)
		*s = (char)tolower((unsigned char)*s);
	yes = strstr(t, "cookie") && (strstr(t, "accept") ||
		strstr(t, "consent") || strstr(t, "agree") ||
		strstr(t, "privacy") || strstr(t, "settings"));
	xmlFree(t);
	return yes;
}

/* Removes boilerplate from the tree under 'body'. */
static void prune(struct pass *p, xmlNode *body, int flags)
{
	size_t total = INFO(body) ? INFO(body)->text : 0;
	xmlNode *n = body, *next;

	while (n) {
		int remove = 0;

		if (n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE) {
			next = next_node(n, body, 0);
			xmlUnlinkNode(n);
			xmlFreeNode(n);
			n = next;
			continue;
		}
		if (n->type != XML_ELEMENT_NODE || n == body) {
			n = next_node(n, body, 1);
			continue;
		}
		if (name_in(n, junk_tags) || html_is_hidden(n)) {
			remove = 1;
		} else if (is_protected(n)) {
			remove = 0;
		} else {
			static const char *const chrome[] = {
				"nav", "aside", "footer", "header", NULL
			};
			static const char *const roles[] = {
				"navigation", "complementary", "banner",
				"contentinfo", "dialog", "alertdialog", "menu",
				"menubar", "search", NULL
			};
			char ci[256], *role = html_attr(n, "role");
			struct ninfo *in = INFO(n);
			int small = !in || in->text * 2 < total;

			if (role) {
				for (const char *const *r = roles; *r; r++)
					if (!strcmp(role, *r))
						remove = small;
				xmlFree(role);
			}
			if (name_in(n, chrome) && small)
				remove = 1;
			class_id(n, ci, sizeof(ci));
			if (!remove && (flags & F_STRIP_UNLIKELY) && *ci &&
			    has_any(ci, unlikely_words) &&
			    !has_any(ci, maybe_words) && small)
				remove = 1;
			if (!remove && *ci && has_any(ci, offscreen_words) &&
			    in && in->text * 4 < total)
				remove = 1;
			/* a consent banner goes however short the article is */
			if (!remove && *ci && has_any(ci, strong_words) && in &&
			    (in->text * 4 < total || in->text < 2000 ||
			     looks_like_cookie_notice(n)))
				remove = 1;
			if (!remove && ((*ci && name_is(n, "p")) || name_is(n, "div") ||
			    name_is(n, "section") || name_is(n, "aside") ||
			    name_is(n, "form") || name_is(n, "dialog")) &&
			    looks_like_cookie_notice(n))
				remove = 1;
		}
		if (remove) {
			next = next_node(n, body, 0);
			drop(n);
			n = next;
		} else {
			n = next_node(n, body, 1);
		}
	}
}

static const char *const para_tags[] = { "p", "pre", "td", NULL };

static void init_candidate(xmlNode *n, int flags)
{
	struct ninfo *in = INFO(n);
	const char *name = (const char *)n->name;

	if (in->scored)
		return;
	in->scored = 1;
	if (!strcmp(name, "div") || !strcmp(name, "article") ||
	    !strcmp(name, "main"))
		in->score = 5;
	else if (!strcmp(name, "pre") || !strcmp(name, "td") ||
		 !strcmp(name, "blockquote"))
		in->score = 3;
	else if (!strcmp(name, "address") || !strcmp(name, "ol") ||
		 !strcmp(name, "ul") || !strcmp(name, "dl") ||
		 !strcmp(name, "dd") || !strcmp(name, "dt") ||
		 !strcmp(name, "li") || !strcmp(name, "form"))
		in->score = -3;
	else if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' &&
		 !name[2])
		in->score = -5;
	else if (!strcmp(name, "th"))
		in->score = -5;
	if (flags & F_WEIGHT_CLASSES)
		in->score += class_weight(n);
	if (is_protected(n) && !name_is(n, "body") && !name_is(n, "html"))
		in->score += 10;
}

/* Gives the points of a paragraph of 'chars' characters to its ancestors. */
static void score_para(xmlNode *first, size_t chars, unsigned commas,
	int flags)
{
	double score = 1 + commas + (chars / 100 < 3 ? chars / 100 : 3);
	xmlNode *a = first;

	for (int level = 0; a && level < 5 && a->type == XML_ELEMENT_NODE &&
	     a->_private; level++, a = a->parent) {
		init_candidate(a, flags);
		INFO(a)->score += level == 0 ? score :
			level == 1 ? score / 2 : score / (level * 3);
	}
}

static xmlNode *find_top(struct pass *p, xmlNode *body, int flags)
{
	xmlNode *top = NULL;
	double best = 0;

	for (size_t i = 0; i < p->n; i++) {
		xmlNode *e = p->nodes[i];
		struct ninfo *in = INFO(e);
		size_t chars;
		unsigned commas;

		if (!in || !e->parent)
			continue;
		if (name_in(e, para_tags) && !name_is(e, "td")) {
			chars = in->text, commas = in->commas;
			if (chars >= 25)
				score_para(e->parent, chars, commas, flags);
		} else if (html_is_block(e) && !name_is(e, "body") &&
			   !name_is(e, "html") && !name_is(e, "li") &&
			   !name_in(e, para_tags + 1)) {
			/* loose text in a block counts as a paragraph of it */
			chars = in->text - in->blocktext;
			commas = in->commas - in->blockcommas;
			if (chars >= 25)
				score_para(e, chars, commas, flags);
		} else if (name_is(e, "td")) {
			chars = in->text - in->blocktext;
			commas = in->commas - in->blockcommas;
			if (chars >= 25)
				score_para(e->parent, chars, commas, flags);
		}
	}
	for (size_t i = 0; i < p->n; i++) {
		xmlNode *e = p->nodes[i];
		struct ninfo *in = INFO(e);

		if (!in || !in->scored)
			continue;
		in->score *= 1 - link_density(e);
		if (!top || in->score > best) {
			top = e;
			best = in->score;
		}
	}
	if (!top)
		return body;
	/* climb while a scored parent holds more of the article */
	{
		double last = best, threshold = best / 3;
		xmlNode *a;

		for (a = top->parent; a && a != body &&
		     a->type == XML_ELEMENT_NODE && a->_private; a = a->parent) {
			if (!INFO(a)->scored)
				continue;
			if (INFO(a)->score < threshold)
				break;
			if (INFO(a)->score > last) {
				top = a;
				break;
			}
			last = INFO(a)->score;
		}
	}
	/* an only child stands for its parent */
	while (top->parent && top->parent != body &&
	       top->parent->type == XML_ELEMENT_NODE &&
	       top->parent->_private && xmlChildElementCount(top->parent) == 1)
		top = top->parent;
	return top;
}

static int same_class(const xmlNode *a, const xmlNode *b)
{
	char *ca = html_attr(a, "class"), *cb = html_attr(b, "class");
	int same = ca && cb && *ca && !strcmp(ca, cb);

	xmlFree(ca);
	xmlFree(cb);
	return same;
}

static int ends_sentence(xmlNode *n)
{
	char *t = (char *)xmlNodeGetContent(n);
	int yes = 0;

	if (t) {
		size_t len = strlen(t);

		while (len > 0 && isspace((unsigned char)t[len - 1]))
			len--;
		yes = len > 0 && (t[len - 1] == '.' || strstr(t, ". "));
		xmlFree(t);
	}
	return yes;
}

/* The top candidate and its siblings that belong with it, in order. */
static size_t gather(xmlNode *top, xmlNode ***out)
{
	xmlNode **v, *s, *parent = top->parent;
	double tscore = INFO(top)->score;
	double threshold = tscore * 0.2 > 10 ? tscore * 0.2 : 10;
	size_t n = 0, cap = 16;

	v = xmalloc(cap * sizeof(*v));
	if (!parent || parent->type != XML_ELEMENT_NODE || !parent->_private ||
	    name_is(top, "body")) {
		v[n++] = top;
		*out = v;
		return n;
	}
	for (s = parent->children; s; s = s->next) {
		int take = 0;
		struct ninfo *in;

		if (s->type != XML_ELEMENT_NODE || !(in = INFO(s)))
			continue;
		if (s == top) {
			take = 1;
		} else {
			double bonus = same_class(s, top) ? tscore * 0.2 : 0;

			if (in->scored && in->score + bonus >= threshold)
				take = 1;
			else if (name_is(s, "p")) {
				double ld = link_density(s);

				if (in->text > 80 && ld < 0.25)
					take = 1;
				else if (in->text < 80 && in->text > 0 &&
					 ld == 0 && ends_sentence(s))
					take = 1;
			}
		}
		if (!take)
			continue;
		if (n == cap) {
			cap *= 2;
			v = xrealloc(v, cap * sizeof(*v));
		}
		v[n++] = s;
	}
	*out = v;
	return n;
}

static int has_ancestor(const xmlNode *n, const char *name, int depth)
{
	for (n = n->parent; n && depth-- > 0; n = n->parent)
		if (name_is(n, name))
			return 1;
	return 0;
}

/* Readability's conditional cleaning of one element. */
static int junk_block(xmlNode *n, int flags)
{
	struct ninfo *in = INFO(n);
	int weight = (flags & F_WEIGHT_CLASSES) ? class_weight(n) : 0;
	int is_list = name_is(n, "ul") || name_is(n, "ol");
	double ld;
	long li;

	if (!in)
		return 0;
	if (!is_list && in->text > 0) {
		/* a block that is nearly all list items is a list */
		size_t list_text = 0;

		for (xmlNode *c = n->children; c; c = c->next)
			if ((name_is(c, "ul") || name_is(c, "ol")) && c->_private)
				list_text += INFO(c)->text;
		is_list = (double)list_text / (double)in->text > 0.9;
	}
	if (name_is(n, "table")) {
		xmlNode *c;

		for (c = n->children; c; c = c->next)
			if (name_is(c, "caption") || name_is(c, "thead"))
				return 0;
	}
	if (weight + (in->scored ? in->score : 0) < 0)
		return 1;
	if (name_is(n, "p"))
		/* a paragraph that is all link: a teaser for another page */
		return in->text < 250 && link_density(n) >= 0.8;
	/* a list of nothing but links */
	if ((name_is(n, "ul") || name_is(n, "ol")) &&
	    link_density(n) >= 0.8)
		return 1;
	if (in->commas >= 10)
		return 0;
	ld = link_density(n);
	li = (long)in->nli - 100;
	if (in->nimg > 1 && (double)in->np / in->nimg < 0.5 &&
	    !has_ancestor(n, "figure", 3))
		return 1;
	if (!is_list && li > (long)in->np)
		return 1;
	if (in->ninput > in->np / 3)
		return 1;
	if (!is_list && in->text < 25 && (in->nimg == 0 || in->nimg > 2) &&
	    ld > 0)
		return 1;
	if (!is_list && weight < 25 && ld > 0.2)
		return 1;
	if (weight >= 25 && ld > 0.5)
		return 1;
	if ((in->nembed == 1 && in->text < 75) || in->nembed > 1)
		return 1;
	return 0;
}

static const char *const caption_words[] = {
	"caption", "credit", "slidecount", NULL
};

/* 1 for a picture's caption or credit line. */
static int is_caption(const xmlNode *n)
{
	struct ninfo *in = INFO(n);
	char ci[256];

	if (name_is(n, "figcaption"))
		return 1;
	if (!in || in->text > 400 || in->np > 1)
		return 0;
	class_id(n, ci, sizeof(ci));
	return *ci && has_any(ci, caption_words);
}

static void clean_article(xmlNode *root, int flags, const char *title)
{
	static const char *const groups[][8] = {
		{ "form", "fieldset", NULL },
		{ "table", NULL },
		{ "ul", "ol", NULL },
		{ "p", NULL },
		{ "div", "section", "figure", "aside", "header", "footer",
		  "dl", NULL },
	};
	xmlNode **v = NULL, *n;
	size_t nv = 0, cap = 0;

	/* headings: the title, and those that are link lists or boilerplate */
	for (n = root; n; ) {
		xmlNode *next = next_node(n, root, 1);

		if (n != root && n->type == XML_ELEMENT_NODE &&
		    (name_is(n, "h1") || name_is(n, "h2") ||
		     name_is(n, "h3"))) {
			int kill = name_is(n, "h1") ||
				((flags & F_WEIGHT_CLASSES) &&
				 class_weight(n) < 0) ||
				link_density(n) > 0.5;

			if (!kill && title) {
				char *t = (char *)xmlNodeGetContent(n);
				char *sq = text_squeezed(t);

				kill = sq && !strcmp(sq, title);
				free(sq);
				xmlFree(t);
			}
			if (kill) {
				next = next_node(n, root, 0);
				drop(n);
			}
		}
		n = next;
	}
	/* captions and credits of pictures: not the article's prose */
	for (n = root; n; ) {
		xmlNode *next = next_node(n, root, 1);

		if (n != root && n->type == XML_ELEMENT_NODE &&
		    is_caption(n)) {
			next = next_node(n, root, 0);
			drop(n);
		}
		n = next;
	}
	if (!(flags & F_CLEAN_CONDITIONALLY))
		return;
	for (size_t g = 0; g < sizeof(groups) / sizeof(groups[0]); g++) {
		nv = 0;
		for (n = root; n; n = next_node(n, root, 1)) {
			if (n == root || !name_in(n, groups[g]))
				continue;
			if (nv == cap) {
				cap = cap ? cap * 2 : 64;
				v = xrealloc(v, cap * sizeof(*v));
			}
			v[nv++] = n;
		}
		/* last first: inner blocks go before the blocks holding them */
		for (size_t i = nv; i-- > 0;) {
			if (junk_block(v[i], flags))
				drop(v[i]);
		}
	}
	free(v);
}

static void render(xmlNode **v, size_t n, struct buf *out)
{
	for (size_t i = 0; i < n; i++) {
		size_t before = out->len;

		if (out->len > 0 && buf_adds(out, "\n\n") < 0)
			return;
		if (html_node_text(v[i], out) < 0)
			return;
		if (out->len == before + 2)
			buf_setlen(out, before);
	}
}

static xmlNode *find_body(htmlDocPtr doc)
{
	xmlNode *root = xmlDocGetRootElement(doc), *c;

	if (!root)
		return NULL;
	for (c = root->children; c; c = c->next)
		if (name_is(c, "body"))
			return c;
	return root;
}

/* Main text of 'doc' into 'out' with the given flags. */
static void main_text(htmlDocPtr doc, int flags, const char *title,
	struct buf *out)
{
	struct pass p = { 0 };
	xmlNode *body = find_body(doc), *top, **v = NULL;
	size_t n;

	if (!body)
		return;
	pass_count(&p, body);
	prune(&p, body, flags);
	pass_count(&p, body);
	top = find_top(&p, body, flags);
	n = gather(top, &v);
	for (size_t i = 0; i < n; i++)
		clean_article(v[i], flags, title);
	render(v, n, out);
	free(v);
	pass_release(&p);
}

/* Metadata */

struct meta {
	char *key, *val;
};

struct page {
	struct meta *m;
	size_t nm, cap;
	struct strlist jsonld;  /* texts of ld+json scripts */
	char *canonical, *lang, *title, *h1, *time, *byline, *doi_link;
};

static void page_add(struct page *pg, const char *key, const char *val)
{
	char *k, *v;

	if (!key || !val || pg->nm >= 4096)
		return;
	v = text_squeezed(val);
	if (!v)
		return;
	k = xstrdup(key);
	for (char *s = k; *s; s++)
		*s = (char)tolower((unsigned char)*s);
	if (pg->nm == pg->cap) {
		pg->cap = pg->cap ? pg->cap * 2 : 32;
		pg->m = xrealloc(pg->m, pg->cap * sizeof(*pg->m));
	}
	pg->m[pg->nm].key = k;
	pg->m[pg->nm++].val = v;
}

static const char *page_get(const struct page *pg, const char *key)
{
	for (size_t i = 0; i < pg->nm; i++)
		if (!strcmp(pg->m[i].key, key))
			return pg->m[i].val;
	return NULL;
}

static void page_release(struct page *pg)
{
	for (size_t i = 0; i < pg->nm; i++) {
		free(pg->m[i].key);
		free(pg->m[i].val);
	}
	free(pg->m);
	strlist_release(&pg->jsonld);
	free(pg->canonical);
	free(pg->lang);
	free(pg->title);
	free(pg->h1);
	free(pg->time);
	free(pg->byline);
	free(pg->doi_link);
}

/* The squeezed text content of 'n', or NULL. */
static char *node_text(xmlNode *n)
{
	char *t = (char *)xmlNodeGetContent(n), *s;

	if (!t)
		return NULL;
	s = text_squeezed(t);
	xmlFree(t);
	if (s && strlen(s) > LIMIT_FIELD_BYTES)
		s[LIMIT_FIELD_BYTES] = '\0';
	return s;
}

/* 1 when 'ci' (class and id, lower case) names a byline. */
static int byline_class(const char *ci)
{
	return strstr(ci, "byline") || strstr(ci, "author");
}

static void set_once(char **dst, char *val)
{
	if (!*dst)
		*dst = val;
	else
		free(val);
}

/* html_attr() as a malloc'd string (free() it), or NULL. */
static char *attr_dup(const xmlNode *n, const char *name)
{
	char *v = html_attr(n, name), *r = xstrdup_or_null(v);

	xmlFree(v);
	return r;
}

static void collect_meta(htmlDocPtr doc, struct page *pg)
{
	xmlNode *root = xmlDocGetRootElement(doc), *n;

	if (!root)
		return;
	pg->lang = attr_dup(root, "lang");
	for (n = root; n; ) {
		int descend = 1;

		if (n->type != XML_ELEMENT_NODE) {
			n = next_node(n, root, 1);
			continue;
		}
		if (name_is(n, "meta")) {
			char *content = html_attr(n, "content");
			static const char *const keys[] = {
				"name", "property", "itemprop", NULL
			};

			for (const char *const *k = keys; content && *k; k++) {
				char *key = html_attr(n, *k);

				if (key) {
					page_add(pg, key, content);
					xmlFree(key);
				}
			}
			xmlFree(content);
		} else if (name_is(n, "link")) {
			char *rel = html_attr(n, "rel");

			if (rel && !strcasecmp(rel, "canonical"))
				set_once(&pg->canonical, attr_dup(n, "href"));
			xmlFree(rel);
		} else if (name_is(n, "title")) {
			if (!pg->title)
				pg->title = node_text(n);
			descend = 0;
		} else if (name_is(n, "script")) {
			char *type = html_attr(n, "type");

			if (type && strstr(type, "ld+json")) {
				char *t = (char *)xmlNodeGetContent(n);

				if (t && pg->jsonld.n < 64)
					strlist_add(&pg->jsonld, t);
				xmlFree(t);
			}
			xmlFree(type);
			descend = 0;
		} else if (name_is(n, "h1")) {
			if (!pg->h1)
				pg->h1 = node_text(n);
		} else if (name_is(n, "time")) {
			char *dt = html_attr(n, "datetime");

			if (dt && !pg->time)
				pg->time = xstrdup(dt);
			xmlFree(dt);
		} else if (name_is(n, "a")) {
			char *href = html_attr(n, "href"), *rel;

			if (href && !pg->doi_link &&
			    (strstr(href, "doi.org/10.")))
				pg->doi_link = xstrdup(href);
			xmlFree(href);
			rel = html_attr(n, "rel");
			if (rel && !strcasecmp(rel, "author") && !pg->byline)
				pg->byline = node_text(n);
			xmlFree(rel);
		}
		if (!pg->byline && !name_is(n, "body") && !name_is(n, "html")) {
			char ci[256];

			class_id(n, ci, sizeof(ci));
			if (*ci && byline_class(ci)) {
				char *t = node_text(n);

				if (t && strlen(t) > 2 && strlen(t) < 100)
					pg->byline = t;
				else
					free(t);
			}
		}
		n = next_node(n, root, descend);
	}
}

/* "10.x/y" from a DOI in any usual dress, lower case; NULL if none. */
static char *doi_normalise(const char *s)
{
	const char *p;
	struct buf b = BUF_INIT_MAX(512);
	size_t len;

	if (!s || !(p = strstr(s, "10.")))
		return NULL;
	for (; *p && !isspace((unsigned char)*p) && *p != '"' &&
	       *p != '<' && *p != '>'; p++) {
		if (p[0] == '%' && p[1] == '2' && (p[2] == 'F' || p[2] == 'f')) {
			buf_addc(&b, '/');
			p += 2;
			continue;
		}
		if (buf_addc(&b, tolower((unsigned char)*p)) < 0)
			break;
	}
	len = b.len;
	while (len > 0 && strchr(".,;:)]}'", b.data[len - 1]))
		len--;
	buf_setlen(&b, len);
	if (!strchr(b.data, '/') || b.data[b.len - 1] == '/') {
		buf_release(&b);
		return NULL;
	}
	return buf_detach(&b, NULL);
}

static void add_authors(struct doc *d, const char *s)
{
	char *t;

	if (!s || d->authors.n >= LIMIT_AUTHORS || strstr(s, "://"))
		return;
	t = text_squeezed(s);
	if (!t)
		return;
	if (starts_with_ci(t, "by "))
		memmove(t, t + 3, strlen(t + 3) + 1);
	if (*t) {
		for (size_t i = 0; i < d->authors.n; i++)
			if (!strcmp(d->authors.v[i], t))
				goto out;
		strlist_add(&d->authors, t);
	}
out:
	free(t);
}

static const char *const ld_types =
	"('Article','NewsArticle','BlogPosting','ScholarlyArticle',"
	"'MedicalScholarlyArticle','PodcastEpisode','Report','TechArticle',"
	"'AnalysisNewsArticle','OpinionNewsArticle','ReportageNewsArticle',"
	"'ReviewNewsArticle','LiveBlogPosting','SocialMediaPosting',"
	"'WebPage','MedicalWebPage')";

static char *ld_text(sqlite3 *db, const char *obj, const char *path)
{
	sqlite3_stmt *st;
	char *r = NULL;

	if (sqlite3_prepare_v2(db,
	    "SELECT CASE json_type(?1, ?2)"
	    " WHEN 'object' THEN json_extract(?1, ?2 || '.name')"
	    " WHEN 'array' THEN json_extract(?1, ?2 || '[0]')"
	    " ELSE json_extract(?1, ?2) END", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_text(st, 1, obj, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, path, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW &&
	    sqlite3_column_type(st, 0) == SQLITE_TEXT)
		r = text_squeezed((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return r;
}

/* Reads the first article object of the JSON-LD blocks into 'd'. */
static void from_jsonld(const struct page *pg, struct doc *d, char **site,
	char **url)
{
	sqlite3 *db = json_db();
	sqlite3_stmt *st = NULL, *au = NULL;
	char sql[1024];
	char *obj = NULL;

	if (!db || !pg->jsonld.n)
		return;
	snprintf(sql, sizeof(sql),
		"SELECT t.value FROM json_tree(?1) t WHERE t.type = 'object'"
		" AND EXISTS (SELECT 1 FROM json_each(t.value, '$.\"@type\"') e"
		" WHERE e.value IN %s) ORDER BY"
		" EXISTS (SELECT 1 FROM json_each(t.value, '$.\"@type\"') e"
		" WHERE e.value IN ('WebPage','MedicalWebPage')), t.id LIMIT 1",
		ld_types);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return;
	for (size_t i = 0; i < pg->jsonld.n && !obj; i++) {
		if (!json_check(pg->jsonld.v[i], strlen(pg->jsonld.v[i])))
			continue;
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, pg->jsonld.v[i], -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW)
			obj = xstrdup_or_null((const char *)
					      sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	if (!obj)
		return;
	if (!d->title) {
		d->title = ld_text(db, obj, "$.headline");
		if (!d->title)
			d->title = ld_text(db, obj, "$.name");
	}
	if (!d->authors.n && sqlite3_prepare_v2(db,
	    "SELECT CASE json_type(?1, '$.author')"
	    " WHEN 'array' THEN NULL"
	    " WHEN 'object' THEN json_extract(?1, '$.author.name')"
	    " ELSE json_extract(?1, '$.author') END"
	    " UNION ALL SELECT CASE e.type WHEN 'object'"
	    " THEN json_extract(e.value, '$.name') ELSE e.value END"
	    " FROM json_each(?1, '$.author') e"
	    " WHERE json_type(?1, '$.author') = 'array'", -1, &au, NULL) ==
	    SQLITE_OK) {
		sqlite3_bind_text(au, 1, obj, -1, SQLITE_STATIC);
		while (sqlite3_step(au) == SQLITE_ROW)
			if (sqlite3_column_type(au, 0) == SQLITE_TEXT)
				add_authors(d, (const char *)
					    sqlite3_column_text(au, 0));
		sqlite3_finalize(au);
	}
	if (!d->published) {
		char *t = ld_text(db, obj, "$.datePublished");

		if (!t)
			t = ld_text(db, obj, "$.dateCreated");
		d->published = date_iso(t);
		free(t);
	}
	if (!d->updated) {
		char *t = ld_text(db, obj, "$.dateModified");

		d->updated = date_iso(t);
		free(t);
	}
	if (!*site)
		*site = ld_text(db, obj, "$.publisher");
	if (!*site)
		*site = ld_text(db, obj, "$.isPartOf");
	if (!d->summary)
		d->summary = ld_text(db, obj, "$.description");
	if (!d->lang)
		d->lang = ld_text(db, obj, "$.inLanguage");
	if (!*url)
		*url = ld_text(db, obj, "$.url");
	if (!d->doi) {
		char *t = ld_text(db, obj, "$.identifier");

		if (t && strstr(t, "10."))
			d->doi = doi_normalise(t);
		free(t);
	}
	free(obj);
}

/* The first of 'keys' present in the page. */
static const char *first_of(const struct page *pg, const char *const *keys)
{
	const char *v;

	for (; *keys; keys++)
		if ((v = page_get(pg, *keys)) != NULL)
			return v;
	return NULL;
}

static void set_date(char **dst, const char *s)
{
	if (!*dst && s)
		*dst = date_iso(s);
}

/* Drops a " | Site" or " - Site" tail from a <title>. */
static char *strip_site(const char *title, const char *site)
{
	static const char *const seps[] = { " | ", " - ", " – ", " — ",
		" :: ", " · ", " » ", NULL };
	char *t = xstrdup(title);

	for (const char *const *s = seps; *s; s++) {
		char *p = t, *last = NULL;

		while ((p = strstr(p, *s)) != NULL)
			last = p++;
		if (!last)
			continue;
		if (site && (!strcasecmp(last + strlen(*s), site) ||
			     strstr(last + strlen(*s), site))) {
			*last = '\0';
			break;
		}
	}
	return t;
}

static void metadata(htmlDocPtr doc, const char *base_url, struct doc *d)
{
	static const char *const k_title[] = { "og:title", "twitter:title",
		"dc.title", "dcterms.title", NULL };
	static const char *const k_date[] = { "article:published_time",
		"og:article:published_time", "dc.date", "dcterms.date",
		"dcterms.created", "dcterms.issued", "dc.date.issued",
		"date", "pubdate", "publishdate", "publish-date",
		"datepublished", "sailthru.date", "parsely-pub-date",
		"article.published", "published_time", NULL };
	static const char *const k_author[] = { "author", "dc.creator",
		"dcterms.creator", "article:author", "parsely-author",
		"sailthru.author", NULL };
	static const char *const k_desc[] = { "description",
		"og:description", "dc.description", "dcterms.description",
		"twitter:description", NULL };
	static const char *const k_site[] = { "og:site_name",
		"application-name", "dc.publisher", "dcterms.publisher",
		"citation_publisher", NULL };
	static const char *const k_lang[] = { "citation_language",
		"dc.language", "dcterms.language", "og:locale", NULL };
	struct page pg = { 0 };
	char *site = NULL, *url = NULL;
	const char *v, *jt;

	collect_meta(doc, &pg);

	/* Highwire citation_* */
	jt = page_get(&pg, "citation_journal_title");
	if ((v = page_get(&pg, "citation_title")) != NULL &&
	    (jt || page_get(&pg, "citation_doi"))) {
		d->kind = DOC_PAPER;
		d->evidence = EVIDENCE_PAPER;
	}
	d->title = xstrdup_or_null(page_get(&pg, "citation_title"));
	for (size_t i = 0; i < pg.nm; i++)
		if (!strcmp(pg.m[i].key, "citation_author") ||
		    !strcmp(pg.m[i].key, "citation_authors"))
			add_authors(d, pg.m[i].val);
	set_date(&d->published, page_get(&pg, "citation_publication_date"));
	set_date(&d->published, page_get(&pg, "citation_date"));
	set_date(&d->published, page_get(&pg, "citation_online_date"));
	if (jt)
		site = xstrdup(jt);
	d->doi = doi_normalise(page_get(&pg, "citation_doi"));
	if (!d->doi)
		d->doi = doi_normalise(page_get(&pg, "prism.doi"));
	d->journal_abbrev = xstrdup_or_null(
		page_get(&pg, "citation_journal_abbrev"));
	d->volume = xstrdup_or_null(page_get(&pg, "citation_volume"));
	d->issue = xstrdup_or_null(page_get(&pg, "citation_issue"));
	if ((v = page_get(&pg, "citation_firstpage")) != NULL) {
		const char *lp = page_get(&pg, "citation_lastpage");
		struct buf b = BUF_INIT_MAX(256);

		buf_printf(&b, lp ? "%s-%s" : "%s", v, lp);
		d->pages = buf_detach(&b, NULL);
	}
	if (d->kind == DOC_PAPER && d->summary == NULL)
		d->summary = xstrdup_or_null(
			page_get(&pg, "citation_abstract"));

	/* JSON-LD */
	from_jsonld(&pg, d, &site, &url);

	/* Open Graph, Dublin Core, plain meta */
	if (!d->title && (v = first_of(&pg, k_title)) != NULL)
		d->title = xstrdup(v);
	if (!d->authors.n) {
		for (const char *const *k = k_author; *k && !d->authors.n; k++)
			for (size_t i = 0; i < pg.nm; i++)
				if (!strcmp(pg.m[i].key, *k))
					add_authors(d, pg.m[i].val);
	}
	for (const char *const *k = k_date; *k && !d->published; k++)
		set_date(&d->published, page_get(&pg, *k));
	set_date(&d->published, pg.time);
	if (!d->authors.n && pg.byline)
		add_authors(d, pg.byline);
	if (!site && (v = first_of(&pg, k_site)) != NULL)
		site = xstrdup(v);
	if (!d->summary && (v = first_of(&pg, k_desc)) != NULL)
		d->summary = xstrdup(v);
	if (!d->lang && pg.lang && *pg.lang)
		d->lang = xstrdup(pg.lang);
	if (!d->lang && (v = first_of(&pg, k_lang)) != NULL)
		d->lang = xstrdup(v);
	if (!d->title && pg.title)
		d->title = strip_site(pg.title, site);
	if (!d->title && pg.h1)
		d->title = xstrdup(pg.h1);
	if (!d->doi && (v = page_get(&pg, "dc.identifier")) != NULL)
		d->doi = doi_normalise(v);
	if (!d->doi && (v = page_get(&pg, "dcterms.identifier")) != NULL)
		d->doi = doi_normalise(v);
	/* a link to doi.org names this page only on a journal's page */
	if (!d->doi && d->kind == DOC_PAPER && pg.doi_link)
		d->doi = doi_normalise(pg.doi_link);
	if (!d->doi && pg.canonical && strstr(pg.canonical, "doi.org/"))
		d->doi = doi_normalise(pg.canonical);

	/* the canonical URL */
	{
		const char *ref = pg.canonical ? pg.canonical :
			url ? url : page_get(&pg, "og:url");
		char *abs = ref ? url_resolve(base_url, ref) : NULL;

		if (!abs && base_url)
			abs = url_resolve(base_url, base_url);
		d->url = abs;
	}
	d->container = site;
	free(url);
	page_release(&pg);
}

static void add_passages(struct doc *d)
{
	const char *p = d->content;

	while (p && *p) {
		const char *e = strstr(p, "\n\n");
		size_t n = e ? (size_t)(e - p) : strlen(p);
		char *t = xstrndup(p, n);

		if (*t && !doc_add_passage(d, NULL, t, -1, -1, NULL)) {
			free(t);
			break;
		}
		free(t);
		p += n;
		while (*p == '\n')
			p++;
	}
}

/*
 * Trimming of the article's edges. Whatever block the scorer chose, its
 * first few paragraphs often carry the headline again, a dateline or the
 * byline, and its last few a byline credit, the author's bio or a call
 * to follow, subscribe or share. These are recognised by their shape
 * (short, no sentence, a date or a name in them) and by a small
 * vocabulary, only at the edges, never in the middle of the text.
 */

#define EDGE_HEAD 5          /* paragraphs looked at from the start ... */
#define EDGE_TAIL 6          /* ... and from the end */
#define EDGE_SHORT 120       /* bytes: a dateline or byline is shorter */
#define EDGE_NOTE 400        /* bytes: a tail notice is shorter */

struct span {
	const char *s;
	size_t len;
};

/* 1 when 's' (len bytes) holds 'word' at a word start, case ignored. */
static int span_has(const char *s, size_t len, const char *word)
{
	size_t wl = strlen(word);

	for (size_t i = 0; i + wl <= len; i++) {
		if (i > 0 && isalnum((unsigned char)s[i - 1]))
			continue;
		if (!strncasecmp(s + i, word, wl))
			return 1;
	}
	return 0;
}

static int span_starts(const struct span *p, const char *prefix)
{
	size_t n = strlen(prefix);

	return p->len >= n && !strncasecmp(p->s, prefix, n);
}

static size_t span_words(const struct span *p)
{
	size_t n = 0;
	int in = 0;

	for (size_t i = 0; i < p->len; i++) {
		int sp = isspace((unsigned char)p->s[i]);

		if (!sp && !in)
			n++;
		in = !sp;
	}
	return n;
}

/* A date or a clock time: "Nov. 20, 2019", "20 November", "05/10/2018",
 * "2019-11-20", "4:10pm". */
static int span_has_date(const struct span *p)
{
	static const char *const months[] = {
		"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug",
		"sep", "oct", "nov", "dec", NULL
	};
	const unsigned char *s = (const unsigned char *)p->s;
	size_t len = p->len;

	for (size_t i = 0; i < len; i++) {
		size_t j = i, d1, d2;

		if (!isdigit(s[i]) || (i > 0 && isdigit(s[i - 1])))
			continue;
		while (j < len && isdigit(s[j]))
			j++;
		d1 = j - i;
		if (d1 <= 2 && j + 2 < len && s[j] == ':' &&
		    isdigit(s[j + 1]) && isdigit(s[j + 2]))
			return 1;
		if (j < len && (s[j] == '/' || s[j] == '.' || s[j] == '-') &&
		    d1 <= 4) {
			size_t k = j + 1;

			while (k < len && isdigit(s[k]))
				k++;
			d2 = k - j - 1;
			if (d2 >= 1 && d2 <= 2 && k + 1 < len && s[k] == s[j] &&
			    isdigit(s[k + 1]))
				return 1;
		}
	}
	for (size_t i = 0; i + 3 <= len; i++) {
		if (i > 0 && isalpha(s[i - 1]))
			continue;
		for (const char *const *m = months; *m; m++) {
			size_t j = i + 3;

			if (strncasecmp((const char *)s + i, *m, 3))
				continue;
			while (j < len && isalpha(s[j]))
				j++;
			if (j < len && s[j] == '.')
				j++;
			while (j < len && s[j] == ' ')
				j++;
			if (j < len && isdigit(s[j]))
				return 1;
			/* "20 November" */
			if (i >= 2 && s[i - 1] == ' ' && isdigit(s[i - 2]))
				return 1;
		}
	}
	return 0;
}

/* Lower-case letters and digits of 's' only, as a new string. */
static char *alnum_key(const char *s, size_t len)
{
	char *k = xmalloc(len + 1);
	size_t n = 0;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (isalnum(c) || c >= 0x80)
			k[n++] = (char)tolower(c);
	}
	k[n] = '\0';
	return k;
}

/* The headline again, alone or with a prefix or suffix. */
static int is_title_again(const struct span *p, const char *title)
{
	char *a, *b;
	int yes = 0;

	if (!title || p->len > 2 * strlen(title) + 40)
		return 0;
	a = alnum_key(p->s, p->len);
	b = alnum_key(title, strlen(title));
	if (*a && *b && strlen(a) * 2 >= strlen(b))
		yes = strstr(b, a) != NULL || strstr(a, b) != NULL;
	free(a);
	free(b);
	return yes;
}

/* Starts with an author's name, or the first word of it ("Sam is ..."). */
static int starts_with_author(const struct span *p, const struct doc *d)
{
	for (size_t i = 0; i < d->authors.n; i++) {
		const char *a = d->authors.v[i];
		size_t fl = strcspn(a, " ,");

		if (fl < 3 || p->len < fl)
			continue;
		if (!strncasecmp(p->s, a, fl) && (p->len == fl ||
		    !isalnum((unsigned char)p->s[fl])))
			return 1;
	}
	return 0;
}

/* No letter or digit at all: "___", "* * *". */
static int is_rule_line(const struct span *p)
{
	for (size_t i = 0; i < p->len; i++)
		if (isalnum((unsigned char)p->s[i]) ||
		    (unsigned char)p->s[i] >= 0x80)
			return 0;
	return 1;
}

/* Calls to share, follow, subscribe and the like, any edge. */
static const char *const edge_phrases[] = {
	"sharing is caring", "share this", "share on", "continue reading",
	"follow us", "follow him", "follow her", "follow them", "follow @",
	"sign up", "subscribe", "newsletter", "join our",
	"you may also like", "related:", "read more", "read next",
	"more from", "if you enjoyed", "learn more", "click here",
	"advertisement", NULL
};

/* Credits of the reporting, at the end. */
static const char *const credit_phrases[] = {
	"contributed to this report", "contributed reporting",
	"contributed to this article", "contributing:",
	"additional reporting", NULL
};

static int has_phrase(const struct span *p, const char *const *list)
{
	for (; *list; list++)
		if (span_has(p->s, p->len, *list))
			return 1;
	return 0;
}

/* Short and not a sentence: a heading, a name, a place. */
static int is_short_line(const struct span *p)
{
	unsigned char c;

	if (p->len > EDGE_SHORT || !p->len)
		return 0;
	c = (unsigned char)p->s[p->len - 1];
	return !strchr(".!?;:", c) && span_words(p) <= 16;
}

/* Whole paragraphs that are page furniture wherever they stand. */
static int is_furniture(const struct span *p)
{
	static const char *const lines[] = {
		"advertisement", "continue reading below",
		"story continues below", "article continues below",
		"continue reading", "sharing is caring", "share this article",
		"share this", "skip ad", "related", "related articles",
		"related stories", "you may also like", "recommended", NULL
	};
	size_t len = p->len;

	while (len > 0 && strchr(" .!:", p->s[len - 1]))
		len--;
	for (const char *const *l = lines; *l; l++)
		if (strlen(*l) == len && !strncasecmp(p->s, *l, len))
			return 1;
	return 0;
}

static int head_junk(const struct span *p, const struct doc *d)
{
	if (is_rule_line(p) || is_title_again(p, d->title))
		return 1;
	/* a dateline or byline is not a sentence */
	if (is_short_line(p) && (span_has_date(p) || span_starts(p, "by ")))
		return 1;
	return p->len <= EDGE_SHORT && has_phrase(p, edge_phrases);
}

static int tail_junk(const struct span *p, const struct doc *d)
{
	if (is_rule_line(p))
		return 1;
	if (p->len > EDGE_NOTE)
		return 0;
	if (has_phrase(p, edge_phrases) || has_phrase(p, credit_phrases))
		return 1;
	if (starts_with_author(p, d))
		return 1; /* the author's bio */
	if (span_starts(p, "tags") || span_starts(p, "tagged") ||
	    span_starts(p, "filed under") || span_starts(p, "about the author"))
		return 1;
	return 0;
}

/* Drops boilerplate paragraphs from both ends of 'text'. */
static void trim_edges(struct buf *text, const struct doc *d)
{
	struct span *v = NULL;
	size_t n = 0, cap = 0, total = 0, cut = 0;
	char *keep;
	struct buf out = BUF_INIT_MAX(LIMIT_TEXT_BYTES);
	const char *s = text->data;

	if (!text->len)
		return;
	while (s && *s) {
		const char *e = strstr(s, "\n\n");
		size_t len = e ? (size_t)(e - s) : strlen(s);

		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			v = xrealloc(v, cap * sizeof(*v));
		}
		v[n].s = s;
		v[n++].len = len;
		total += len;
		s += len;
		while (*s == '\n')
			s++;
	}
	keep = xmalloc(n);
	memset(keep, 1, n);
	/* the head: a run of short lines, up to the last that is junk */
	for (size_t i = 0, zone = 0; i < n && i < EDGE_HEAD; i++) {
		if (head_junk(&v[i], d)) {
			zone = i + 1;
			for (size_t j = 0; j < zone; j++)
				keep[j] = 0;
		} else if (!is_short_line(&v[i])) {
			break;
		}
	}
	for (size_t i = n; i-- > 0 && n - i <= EDGE_TAIL;) {
		if (!tail_junk(&v[i], d))
			break;
		keep[i] = 0;
	}
	/* stock lines of page furniture, anywhere */
	for (size_t i = 0; i < n; i++)
		if (is_furniture(&v[i]))
			keep[i] = 0;
	for (size_t i = 0; i < n; i++)
		if (!keep[i])
			cut += v[i].len;
	/* a trim that takes a third of the text is a mistake */
	if (cut > 0 && cut * 3 < total) {
		for (size_t i = 0; i < n; i++) {
			if (!keep[i])
				continue;
			if (out.len && buf_adds(&out, "\n\n") < 0)
				break;
			if (buf_add(&out, v[i].s, v[i].len) < 0)
				break;
		}
		buf_reset(text);
		buf_add(text, out.data, out.len);
	}
	free(keep);
	buf_release(&out);
	free(v);
}

int extract_html(const char *html, size_t len, const char *base_url,
	const char *content_type, struct doc *out)
{
	static const int tries[] = {
		F_STRIP_UNLIKELY | F_WEIGHT_CLASSES | F_CLEAN_CONDITIONALLY,
		F_WEIGHT_CLASSES | F_CLEAN_CONDITIONALLY,
		F_CLEAN_CONDITIONALLY,
		0,
	};
	struct buf text = BUF_INIT_MAX(LIMIT_TEXT_BYTES), best = BUF_INIT_MAX(LIMIT_TEXT_BYTES);
	htmlDocPtr doc = html_parse(html, len, base_url, content_type);

	if (!doc)
		return -1;
	out->kind = DOC_ARTICLE;
	metadata(doc, base_url, out);
	for (size_t i = 0; i < sizeof(tries) / sizeof(tries[0]); i++) {
		if (i > 0) {
			xmlFreeDoc(doc);
			doc = html_parse(html, len, base_url, content_type);
			if (!doc)
				break;
		}
		buf_reset(&text);
		main_text(doc, tries[i], out->title, &text);
		if (text.len > best.len) {
			buf_reset(&best);
			buf_add(&best, text.data, text.len);
		}
		if (text.len >= MIN_ARTICLE_CHARS)
			break;
	}
	xmlFreeDoc(doc);
	buf_release(&text);
	trim_edges(&best, out);
	out->content = best.len ? buf_detach(&best, NULL) : NULL;
	buf_release(&best);
	add_passages(out);
	return 0;
}

int extract_to_json(const struct doc *d, struct buf *out)
{
	int rc = 0;

	rc |= buf_adds(out, "{\"title\":");
	rc |= json_str(out, d->title);
	rc |= buf_adds(out, ",\"authors\":[");
	for (size_t i = 0; i < d->authors.n; i++) {
		if (i)
			rc |= buf_addc(out, ',');
		rc |= json_str(out, d->authors.v[i]);
	}
	rc |= buf_adds(out, "],\"published\":");
	rc |= json_str(out, d->published);
	rc |= buf_adds(out, ",\"site\":");
	rc |= json_str(out, d->container);
	rc |= buf_adds(out, ",\"url\":");
	rc |= json_str(out, d->url);
	rc |= buf_adds(out, ",\"doi\":");
	rc |= json_str(out, d->doi);
	rc |= buf_adds(out, ",\"lang\":");
	rc |= json_str(out, d->lang);
	rc |= buf_adds(out, ",\"description\":");
	rc |= json_str(out, d->summary);
	rc |= buf_adds(out, ",\"text\":");
	rc |= json_str(out, d->content);
	rc |= buf_adds(out, "}");
	return rc ? -1 : 0;
}
