#ifndef EVIDEX_TRANSCRIPT_H
#define EVIDEX_TRANSCRIPT_H

#include <stddef.h>

#include "../core/buf.h"

/*
 * Podcast transcripts (podcast:transcript files in JSON, WebVTT, SRT,
 * HTML or plain text), podcast:chapters JSON and timestamps in show
 * notes, all made into timed segments; transcript_merge() then joins
 * fine-grained segments into passages worth indexing.
 *
 * Input is outside data: any bytes are accepted, nothing is fetched,
 * the result is bounded (LIMIT_PASSAGES segments, LIMIT_TEXT_BYTES of
 * text; what passes is cut off) and every string is valid UTF-8.
 */

struct segment {
	double start_s, end_s; /* seconds; -1 when unknown */
	char *speaker;         /* or NULL */
	char *text;            /* never NULL, never empty */
};

/* Segments in file order. { NULL, 0 } is a valid empty transcript. */
struct transcript {
	struct segment *v;
	size_t n;
};

#define TRANSCRIPT_INIT { NULL, 0 }

enum transcript_format {
	TRANSCRIPT_UNKNOWN,
	TRANSCRIPT_JSON,
	TRANSCRIPT_VTT,
	TRANSCRIPT_SRT,
	TRANSCRIPT_HTML,
	TRANSCRIPT_TEXT,
};

/* "json", "vtt", "srt", "html", "text" or "unknown". */
const char *transcript_format_name(enum transcript_format fmt);

/*
 * The format of a transcript: from the podcast:transcript type
 * 'mime_type' (parameters and case ignored; text/vtt, application/json,
 * application/x-subrip, application/srt, text/srt, text/html,
 * text/plain ...), else from the extension of 'url' (.vtt .srt .json
 * .html .htm .txt, query and fragment ignored), else by sniffing the
 * first bytes of 'data' (a BOM, "WEBVTT", '{' or '[', '<', a "-->"
 * timing line). Any argument may be NULL. TRANSCRIPT_UNKNOWN only when
 * nothing is known and there is no data.
 */
enum transcript_format transcript_format_of(const char *mime_type,
	const char *url, const char *data, size_t len);

/*
 * Parses 'len' bytes of 'data' (need not be NUL-terminated) in format
 * 'fmt' (TRANSCRIPT_UNKNOWN: sniffed) into 'out', which it sets up
 * first; free it with transcript_release(), also after an error.
 *
 * - VTT/SRT (one parser for both): BOM, CRLF/CR, "HH:MM:SS.mmm",
 *   "MM:SS.mmm" and "SS.mmm" with '.' or ',', cue identifiers, cue
 *   settings, NOTE/STYLE/REGION blocks. A cue's lines are trimmed and
 *   joined with "\n". Markup is removed (<v Name> gives the speaker,
 *   <i>, <b>, <c.x>, <00:01.000> and {\an8} are dropped, &amp; and
 *   friends decoded); a first line "Name: text" gives the speaker. A
 *   cue without a speaker keeps the one before it (speakers are only
 *   marked when they change). Empty cues are dropped.
 * - JSON: {"segments":[{"speaker","startTime","endTime","body"}]} (the
 *   Podcasting 2.0 format, times in seconds), or a bare array of
 *   {"start","end","text"} with times in milliseconds (subtitle.js);
 *   segments whose body is only white space are dropped.
 * - HTML: <cite>Speaker:</cite> <time>0:00</time> <p>text</p>; each
 *   <p> is a segment ending where the next later one starts. A <p>
 *   with no new <cite> or <time> before it gets the speaker and start
 *   of the one before (transcript_merge() joins them). A page without
 *   that form gives its text by paragraph, untimed.
 * - TEXT: one untimed segment per paragraph (blank-line separated).
 *
 * Returns 0 (possibly with no segments), or -1 with an error message
 * when the data is not in that format at all (invalid JSON, no HTML
 * tree) or is larger than LIMIT_BODY_BYTES.
 */
int transcript_parse(const char *data, size_t len,
	enum transcript_format fmt, struct transcript *out);

/* Frees all 't' holds and leaves it empty. */
void transcript_release(struct transcript *t);

/*
 * Appends {"segments":[{"start_s":0.5,"end_s":0.75,"speaker":"...",
 * "text":"..."}]} to 'out' (unknown times and speakers are null).
 * Returns 0, or -1 when 'out' reached its limit.
 */
int transcript_to_json(const struct transcript *t, struct buf *out);

/*
 * Parses podcast:chapters JSON ({"version","chapters":[{"startTime",
 * "endTime","title","toc",...}]}) into 'out' (set up first; release it
 * also after an error): one segment per chapter with text = title,
 * speaker NULL, end = endTime or else the next chapter's start (-1 for
 * the last). Chapters with "toc": false are skipped: the spec uses
 * them for artwork or location changes that are not part of the table
 * of contents. Chapters without a title or a valid startTime are
 * skipped too. Returns 0, or -1 with an error message when 'json' is
 * not JSON with a "chapters" array.
 */
int chapters_parse(const char *json, size_t len, struct transcript *out);

/*
 * Finds chapter timestamps in plain-text show notes: lines that start
 * (after white space and an optional bullet "-", "*", "•") with a time
 * "M:SS", "MM:SS" or "H:MM:SS", optionally in () or [], then an
 * optional separator (- – — : |) and a topic with at least one letter,
 * e.g. "12:34 Ketamine and the default mode network", "(01:02:03)
 * Topic", "[5:07] - Topic". Ordinary numbers are not timestamps: the
 * time must begin the line, seconds and minutes-after-hours need two
 * digits and must be below 60 ("3:1 ratio" and "12:345" are not), no
 * "am"/"pm" may follow, and when the times found do not ascend the
 * lines are taken for something else (a schedule) and nothing is
 * returned. Each segment ends where the next begins (-1 for the last).
 * 'out' is set up first; release it. Returns 0, -1 when 'text' is NULL.
 */
int shownotes_timestamps(const char *text, struct transcript *out);

/*
 * Merges consecutive segments of 'in' by the same speaker (NULL equals
 * NULL) into passages in 'out' (set up first; release it): a segment
 * joins the passage before it when they start at the same time (lines
 * of one cue), or when the passage would then span at most
 * 'max_span_s' seconds (first start to last end; not checked when a
 * time is unknown) and hold at most 'max_chars' bytes. A passage keeps
 * its first start time and its last end time. Texts are joined with a
 * space, none before punctuation or when one side already has white
 * space. 0 and 0 merge only equal start times; DBL_MAX and SIZE_MAX
 * merge each run of one speaker whole. Returns 0, or -1 when the text
 * limit was reached (what fit is kept).
 */
int transcript_merge(const struct transcript *in, double max_span_s,
	size_t max_chars, struct transcript *out);

#endif
