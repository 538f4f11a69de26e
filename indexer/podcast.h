#ifndef EVIDEX_PODCAST_H
#define EVIDEX_PODCAST_H

#include <stddef.h>
#include <sqlite3.h>

#include "core/doc.h"
#include "indexer/fetch.h"
#include "indexer/store.h"

/*
 * Podcast episodes during a refresh: show-note timestamps made into
 * timed passages before an episode is stored, and each episode's
 * podcast:transcript and podcast:chapters fetched once (robots.txt
 * checked), parsed and attached to it (store_attach(), origins
 * "transcript" and "chapters"), each in its own transaction. Every
 * fetch is recorded in the 'fetched' table (url, fetched_at, status,
 * doc_id): a URL fetched with a 2xx answer for the same document is
 * not fetched again; a failure (no answer, robots.txt, a non-2xx
 * status) is recorded and tried again on a later run. A failure never
 * touches the episode itself.
 */

/* Passages of a transcript: at most this long, one speaker each. */
#define PODCAST_PASSAGE_SECONDS 60.0
#define PODCAST_PASSAGE_BYTES   600

/*
 * When episode 'd' has no passages of its own and its show notes
 * (d->content, else d->summary) hold chapter timestamps ("12:34 Topic"
 * lines, see shownotes_timestamps()), sets d->passages to the show
 * notes: each timestamp line a passage timed from its time to the
 * next, every other paragraph an untimed passage, in order (store_put()
 * indexes these instead of the content's paragraphs). Leaves 'd' as it
 * was otherwise, and for documents that are not episodes. Returns the
 * number of timed passages added (0 for none).
 */
int podcast_shownotes(struct doc *d);

/*
 * The transcript of 'd' worth fetching: the first in order of
 * preference JSON, WebVTT, SRT, HTML, plain text, then any other
 * (format from the type, else the URL's extension). NULL when 'd'
 * has none with a URL. Points into 'd'.
 */
const struct transcript_ref *podcast_pick_transcript(const struct doc *d);

/*
 * Parses a transcript of 'len' bytes in 'data' (format from
 * 'mime_type', 'url', else sniffed; either may be NULL), merges it into
 * passages of at most PODCAST_PASSAGE_SECONDS and PODCAST_PASSAGE_BYTES
 * per speaker and appends them to out->passages ('out' doc_init'ed by
 * the caller; only its passages are touched). Returns the number of
 * passages added, or -1 with an error message when the data is not a
 * transcript in that format.
 */
int podcast_transcript_passages(const char *data, size_t len,
	const char *mime_type, const char *url, struct doc *out);

/* The label of a chapter's passage. */
#define PODCAST_CHAPTER_LABEL "Chapter"

/*
 * Parses podcast:chapters JSON into out->passages: one per chapter,
 * labelled PODCAST_CHAPTER_LABEL, its title the text, timed. Returns
 * the number added, or -1 with an error message when 'data' is not
 * chapters JSON.
 */
int podcast_chapter_passages(const char *data, size_t len, struct doc *out);

/* Transcript and chapter fetching for one refresh run. */
struct podcast;

/* What a run did (podcast_stats()). */
struct podcast_stats {
	int transcripts;   /* transcripts attached */
	int chapters;      /* chapter lists attached */
	int failed;        /* fetches that failed or did not parse */
	int queued;        /* requests queued */
};

/*
 * A new fetching state on 'db' and 'store' (neither owned). Returns
 * NULL after an error message (the database cannot be read). Free it
 * with podcast_free() after fetcher_run() has returned.
 */
struct podcast *podcast_new(sqlite3 *db, struct store *store);
void podcast_free(struct podcast *p);

/*
 * Queues on 'f' the fetches that episode 'd', stored as document
 * 'doc_id', still needs: its preferred transcript and its chapters,
 * each unless that URL was fetched for it before (or is already queued
 * in this run). Copies what it needs from 'd'. Returns the number of
 * requests queued, 0 for a document that is not an episode.
 */
int podcast_queue(struct podcast *p, struct fetcher *f, long long doc_id,
	const struct doc *d);

/*
 * Queues on 'f' again the fetches of the episodes of source 'source_id'
 * that failed on an earlier run (for when the feed itself is unchanged
 * and so not parsed): each transcript or chapters URL recorded with a
 * failure that the episode still names. Returns the number queued, or
 * -1 after an error message.
 */
int podcast_retry(struct podcast *p, struct fetcher *f, long long source_id);

/* Fills 's' with what 'p' has done so far. */
void podcast_stats(const struct podcast *p, struct podcast_stats *s);

#endif
