#ifndef EVIDEX_FEED_H
#define EVIDEX_FEED_H

#include <stddef.h>

#include "../core/buf.h"
#include "../core/doc.h"

/*
 * RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom 0.3/1.0 feeds, with the Dublin
 * Core, content, iTunes, Podcasting 2.0 and Media RSS namespaces, parsed
 * into one 'struct feed' whose items are 'struct doc's ready for the
 * store. Namespaces are recognised by URI; prefixes used without a
 * declaration (itunes:, podcast:, dc:, content:, atom:, media:) are mapped
 * too. Input is outside data: libxml2 runs with XML_PARSE_NONET and
 * without entity substitution, and at most LIMIT_FEED_ITEMS items and
 * LIMIT_FIELD_BYTES per field are kept. Every string is valid UTF-8.
 */
struct feed {
	char *format;       /* "rss", "rdf" or "atom" */
	char *title, *link, *description, *author, *language, *image;
	char *new_feed_url; /* itunes:new-feed-url */
	char *guid;         /* podcast:guid of the channel */
	int podcast;        /* 1 when the channel uses iTunes/podcast tags */
	int truncated;      /* items past LIMIT_FEED_ITEMS were left out */
	struct doc *items;
	size_t nitems;
};

/*
 * Parses 'len' bytes of 'data' into 'out' (which it sets up; release it
 * with feed_release() in every case). 'base_url' (may be NULL) is the
 * address the feed came from: relative links are resolved against it and
 * any xml:base. Returns 0, or -1 after an error message when the data is
 * not a feed (an HTML page, some other XML) or cannot be parsed at all.
 * A feed without items is not an error.
 */
int feed_parse(const char *data, size_t len, const char *base_url,
	struct feed *out);

/* Frees everything 'f' owns and leaves it empty. */
void feed_release(struct feed *f);

/*
 * Appends 'f' as one JSON object to 'out': format, title, link,
 * description, author, language, image, new_feed_url and items, each
 * item with guid, kind, title, link, published, updated, authors,
 * summary, content, image, duration_s, episode, season, episode_type,
 * audio_url, enclosures [{url, type, length}], transcripts [{url, type,
 * language, rel}], chapters_url and persons [{name, role, href}]. Unknown
 * values are null, never left out. Returns 0, or -1 at out's limit.
 */
int feed_to_json(const struct feed *f, struct buf *out);

#endif
