#ifndef EVIDEX_EXTRACT_H
#define EVIDEX_EXTRACT_H

#include <stddef.h>

#include "../core/buf.h"
#include "../core/doc.h"

/*
 * Main text and metadata of a web page (news, blog, journal page).
 *
 * Fills 'out' (set up with doc_init(); the caller doc_release()s it in
 * every case): kind DOC_PAPER when the page carries Highwire citation_*
 * journal metadata, else DOC_ARTICLE; title, authors, published (ISO
 * 8601), container (site or journal), url (canonical, resolved against
 * 'base_url'), doi (bare "10.x/y", lower case), lang, summary, content
 * (paragraphs separated by one blank line) and one passage per
 * paragraph. 'base_url' and 'content_type' (an HTTP Content-Type value,
 * for the charset) may be NULL. Returns 0, or -1 with an error message
 * when the bytes cannot be parsed as HTML at all.
 */
int extract_html(const char *html, size_t len, const char *base_url,
	const char *content_type, struct doc *out);

/*
 * Appends one JSON object for 'd' to 'out': title, authors (array),
 * published, site, url, doi, lang, description, text; null when absent.
 * Returns 0, or -1 at out's limit.
 */
int extract_to_json(const struct doc *d, struct buf *out);

#endif
