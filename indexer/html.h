#ifndef EVIDEX_HTML_H
#define EVIDEX_HTML_H

#include <stddef.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "../core/buf.h"

/*
 * HTML parsing (libxml2's forgiving HTML parser, no network) and
 * rendering of node trees to plain text with paragraph boundaries.
 * Input is outside data: any bytes are accepted; output is always
 * valid UTF-8.
 */

/*
 * The character encoding of an HTML body, as a new string (free() it):
 * from a byte order mark, else the charset parameter of 'content_type'
 * (an HTTP Content-Type value, may be NULL), else <meta charset> or
 * <meta http-equiv=Content-Type> near the start, else "UTF-8" when the
 * bytes are valid UTF-8 and "windows-1252" when not. Names are
 * normalised as browsers do (latin1 and ASCII read as windows-1252).
 * Never returns NULL.
 */
char *html_charset(const char *html, size_t len, const char *content_type);

/*
 * Parses a whole HTML page, decoding it from html_charset(); bytes that
 * are invalid in that encoding become U+FFFD. 'base_url' (may be NULL)
 * is recorded as the document URL. Returns a tree to free with
 * xmlFreeDoc(), or NULL (after an error message) when nothing could be
 * parsed.
 */
htmlDocPtr html_parse(const char *html, size_t len, const char *base_url,
	const char *content_type);

/*
 * Appends the plain text of 'node' and its descendants to 'out': block
 * elements (p, div, headings, lists, tables, ...) become paragraphs
 * separated by one blank line, list items and table rows their own
 * lines, <br> a line break; white space folded; script, style,
 * noscript, template, forms controls and hidden elements skipped.
 * Returns 0, or -1 when 'out' reached its limit (what fit is kept).
 */
int html_node_text(xmlNode *node, struct buf *out);

/*
 * Converts an HTML fragment (a feed item's description, or plain text
 * with entities) to plain text, paragraphs separated by one blank line,
 * trimmed, valid UTF-8, appended to 'out'. The fragment is taken as
 * UTF-8 (bad bytes become U+FFFD). Returns 0, or -1 on a parse failure
 * or when 'out' reached its limit.
 */
int html_fragment_text(const char *html, size_t len, struct buf *out);

/* 1 when element 'node' is named 'name' (ASCII case ignored), else 0. */
int html_is(const xmlNode *node, const char *name);

/* 1 for block-level element names (p, div, h1, li, table, ...), else 0. */
int html_is_block(const xmlNode *node);

/*
 * 1 when element 'node' is hidden by its own markup: the hidden
 * attribute, aria-hidden="true", or an inline style with display:none
 * or visibility:hidden. Ancestors are not looked at.
 */
int html_is_hidden(const xmlNode *node);

/*
 * The value of attribute 'name' of element 'node' (ASCII case ignored)
 * as a new string (xmlFree() it), or NULL when absent.
 */
char *html_attr(const xmlNode *node, const char *name);

#endif
