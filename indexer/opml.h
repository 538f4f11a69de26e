#ifndef EVIDEX_OPML_H
#define EVIDEX_OPML_H

#include <stddef.h>

#include "../core/buf.h"

/*
 * OPML 1.0/2.0 subscription lists, read and written. Reading treats the
 * file as outside data: libxml2 with XML_PARSE_NONET and no entity
 * substitution, at most LIMIT_FEED_ITEMS outlines kept, LIMIT_FIELD_BYTES
 * per field, nesting bounded by LIMIT_XML_DEPTH.
 */
struct opml_entry {
	char *url;      /* xmlUrl: the feed */
	char *title;    /* title, else text; may be NULL */
	char *html_url; /* htmlUrl; may be NULL */
	char *category; /* enclosing folders joined with "/", or NULL */
};

struct opml {
	struct opml_entry *v;
	size_t n;
};

#define OPML_INIT { NULL, 0 }

/*
 * Parses 'len' bytes of OPML into 'out' (set up first; release it with
 * opml_release() in every case). Outlines with an xmlUrl become entries;
 * outlines without one are folders whose text names the category of
 * what they hold. Returns 0, or -1 after an error message when the data
 * is not OPML.
 */
int opml_parse(const char *data, size_t len, struct opml *out);

/*
 * Appends a copy of each given string as an entry ('url' required, the
 * rest may be NULL). Returns 0, or -1 when 'url' is empty or the list
 * already holds LIMIT_FEED_ITEMS entries.
 */
int opml_add(struct opml *o, const char *url, const char *title,
	const char *html_url, const char *category);

/*
 * Appends 'o' as an OPML 2.0 document titled 'title' (may be NULL) to
 * 'out', entries grouped in folder outlines by category, every
 * attribute escaped. Returns 0, or -1 at out's limit.
 */
int opml_write(const struct opml *o, const char *title, struct buf *out);

/* Frees everything 'o' holds and leaves it empty. */
void opml_release(struct opml *o);

#endif
