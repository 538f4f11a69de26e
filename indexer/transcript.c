#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <sqlite3.h>

#include "../core/buf.h"
#include "../core/date.h"
#include "../core/json.h"
#include "../core/limits.h"
#include "../core/log.h"
#include "../core/text.h"
#include "transcript.h"

#define MAX_SPEAKER_BYTES 64   /* a "Name:" prefix longer than this is text */
#define MAX_TIME_S 1e7         /* about 115 days: later is garbage */

/* Collects segments under the limits; once full, more is ignored. */
struct builder {
	struct transcript *t;
	size_t cap, bytes;
	int full;
};

static void builder_init(struct builder *b, struct transcript *t)
{
	t->v = NULL;
	t->n = 0;
	b->t = t;
	b->cap = 0;
	b->bytes = 0;
	b->full = 0;
}

static double time_or_unknown(double s)
{
	if (!isfinite(s) || s < 0 || s > MAX_TIME_S)
		return -1;
	return s;
}

/*
 * Adds a segment taking 'text' (malloc'd, valid UTF-8) and copying
 * 'speaker'; frees 'text' when it is empty or the transcript is full.
 * Returns -1 once full.
 */
static int builder_take(struct builder *b, double start, double end,
	const char *speaker, char *text)
{
	struct segment *s;
	size_t len = strlen(text);

	if (!len) {
		free(text);
		return 0;
	}
	if (b->full || b->t->n >= LIMIT_PASSAGES ||
	    len > LIMIT_TEXT_BYTES - b->bytes) {
		if (!b->full)
			verbosef("transcript cut at %zu segments", b->t->n);
		b->full = 1;
		free(text);
		return -1;
	}
	if (b->t->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 64;
		b->t->v = xrealloc(b->t->v, b->cap * sizeof(*b->t->v));
	}
	s = &b->t->v[b->t->n++];
	s->start_s = time_or_unknown(start);
	s->end_s = time_or_unknown(end);
	if (s->end_s >= 0 && s->start_s >= 0 && s->end_s < s->start_s)
		s->end_s = -1;
	s->speaker = speaker && *speaker ? xstrdup(speaker) : NULL;
	s->text = text;
	b->bytes += len;
	return 0;
}

void transcript_release(struct transcript *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n; i++) {
		free(t->v[i].speaker);
		free(t->v[i].text);
	}
	free(t->v);
	t->v = NULL;
	t->n = 0;
}

/* Segments without an end end where the next one starts. */
static void fill_ends(struct transcript *t)
{
	for (size_t i = 0; i + 1 < t->n; i++) {
		struct segment *s = &t->v[i];
		double next = t->v[i + 1].start_s;

		if (s->end_s < 0 && s->start_s >= 0 && next > s->start_s)
			s->end_s = next;
	}
}

const char *transcript_format_name(enum transcript_format fmt)
{
	switch (fmt) {
	case TRANSCRIPT_JSON: return "json";
	case TRANSCRIPT_VTT: return "vtt";
	case TRANSCRIPT_SRT: return "srt";
	case TRANSCRIPT_HTML: return "html";
	case TRANSCRIPT_TEXT: return "text";
	default: return "unknown";
	}
}

/* ---- format detection ---- */

static int is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
		c == '\v';
}

/* Skips a UTF-8 byte order mark. */
static void skip_bom(const char **data, size_t *len)
{
	if (*len >= 3 && !memcmp(*data, "\xEF\xBB\xBF", 3)) {
		*data += 3;
		*len -= 3;
	}
}

static enum transcript_format format_of_mime(const char *mime)
{
	static const struct {
		const char *type;
		enum transcript_format fmt;
	} types[] = {
		{ "text/vtt", TRANSCRIPT_VTT },
		{ "text/webvtt", TRANSCRIPT_VTT },
		{ "application/x-subrip", TRANSCRIPT_SRT },
		{ "application/srt", TRANSCRIPT_SRT },
		{ "application/x-srt", TRANSCRIPT_SRT },
		{ "text/srt", TRANSCRIPT_SRT },
		{ "text/x-srt", TRANSCRIPT_SRT },
		{ "application/json", TRANSCRIPT_JSON },
		{ "text/json", TRANSCRIPT_JSON },
		{ "text/html", TRANSCRIPT_HTML },
		{ "application/xhtml+xml", TRANSCRIPT_HTML },
		{ "text/plain", TRANSCRIPT_TEXT },
	};
	char type[64];
	size_t n = 0;

	while (is_space((unsigned char)*mime))
		mime++;
	while (mime[n] && mime[n] != ';' && !is_space((unsigned char)mime[n]) &&
	       n < sizeof(type) - 1) {
		type[n] = (char)tolower((unsigned char)mime[n]);
		n++;
	}
	type[n] = '\0';
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (!strcmp(type, types[i].type))
			return types[i].fmt;
	if (n > 5 && !strcmp(type + n - 5, "+json"))
		return TRANSCRIPT_JSON;
	return TRANSCRIPT_UNKNOWN;
}

static enum transcript_format format_of_url(const char *url)
{
	static const struct {
		const char *ext;
		enum transcript_format fmt;
	} exts[] = {
		{ "vtt", TRANSCRIPT_VTT }, { "webvtt", TRANSCRIPT_VTT },
		{ "srt", TRANSCRIPT_SRT }, { "json", TRANSCRIPT_JSON },
		{ "html", TRANSCRIPT_HTML }, { "htm", TRANSCRIPT_HTML },
		{ "txt", TRANSCRIPT_TEXT },
	};
	size_t end = strcspn(url, "?#"), dot = end;
	char ext[8];
	size_t n;

	while (dot > 0 && url[dot - 1] != '.' && url[dot - 1] != '/')
		dot--;
	if (dot == 0 || url[dot - 1] != '.' || end - dot >= sizeof(ext))
		return TRANSCRIPT_UNKNOWN;
	for (n = 0; dot + n < end; n++)
		ext[n] = (char)tolower((unsigned char)url[dot + n]);
	ext[n] = '\0';
	for (size_t i = 0; i < sizeof(exts) / sizeof(exts[0]); i++)
		if (!strcmp(ext, exts[i].ext))
			return exts[i].fmt;
	return TRANSCRIPT_UNKNOWN;
}

/* 1 when 'needle' occurs within the first 'len' bytes of 'hay'. */
static int contains(const char *hay, size_t len, const char *needle)
{
	size_t n = strlen(needle);

	for (size_t i = 0; i + n <= len; i++)
		if (!memcmp(hay + i, needle, n))
			return 1;
	return 0;
}

static enum transcript_format format_sniff(const char *data, size_t len)
{
	size_t head;

	if (!data || !len)
		return TRANSCRIPT_UNKNOWN;
	skip_bom(&data, &len);
	while (len && is_space((unsigned char)*data)) {
		data++;
		len--;
	}
	if (!len)
		return TRANSCRIPT_TEXT;
	if (len >= 6 && !memcmp(data, "WEBVTT", 6))
		return TRANSCRIPT_VTT;
	if (*data == '{' || *data == '[')
		return TRANSCRIPT_JSON;
	head = len < 1024 ? len : 1024;
	if (contains(data, head, "-->"))
		return contains(data, head, "WEBVTT") ? TRANSCRIPT_VTT : TRANSCRIPT_SRT;
	if (*data == '<')
		return TRANSCRIPT_HTML;
	return TRANSCRIPT_TEXT;
}

enum transcript_format transcript_format_of(const char *mime_type,
	const char *url, const char *data, size_t len)
{
	enum transcript_format fmt = TRANSCRIPT_UNKNOWN;

	if (mime_type)
		fmt = format_of_mime(mime_type);
	if (fmt == TRANSCRIPT_UNKNOWN && url)
		fmt = format_of_url(url);
	if (fmt == TRANSCRIPT_UNKNOWN)
		fmt = format_sniff(data, len);
	return fmt;
}

/* ---- cue text: markup, entities, speakers ---- */

static int is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* Decodes the entity at 's' ('&' ...) into 'out'; returns bytes used or 0. */
static size_t entity(const char *s, struct buf *out)
{
	static const struct {
		const char *name;
		unsigned long cp;
	} names[] = {
		{ "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' },
		{ "apos", '\'' }, { "nbsp", 0xA0 }, { "lrm", 0x200E },
		{ "rlm", 0x200F },
	};
	size_t n = 1;
	unsigned long cp = 0;

	if (s[1] == '#') {
		int hex = s[2] == 'x' || s[2] == 'X';
		size_t digits = 0;

		n = hex ? 3 : 2;
		while (digits < 8 && (hex ? isxdigit((unsigned char)s[n]) :
		       is_digit((unsigned char)s[n]))) {
			int c = (unsigned char)s[n];

			cp = cp * (hex ? 16 : 10) +
				(unsigned long)(is_digit(c) ? c - '0' : (c | 0x20) - 'a' + 10);
			n++;
			digits++;
		}
		if (!digits || s[n] != ';')
			return 0;
		if (cp == 0)
			cp = 0xFFFD;
		utf8_put(out, cp);
		return n + 1;
	}
	while (n < 10 && is_alpha((unsigned char)s[n]))
		n++;
	if (s[n] != ';')
		return 0;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i].name) == n - 1 && !memcmp(s + 1, names[i].name, n - 1)) {
			utf8_put(out, names[i].cp);
			return n + 1;
		}
	return 0;
}

/*
 * Copies cue text 's' to 'out' without tags (<i>, </b>, <c.x>,
 * <00:01.000>, <v Name>), ASS overrides ({\an8}) and with entities
 * decoded. The first <v Name> annotation goes to 'voice' when empty.
 */
static void strip_markup(const char *s, struct buf *out, struct buf *voice)
{
	while (*s) {
		if (*s == '<') {
			const char *close = s + 1;
			int c = (unsigned char)s[1];

			while (*close && *close != '>' && *close != '<' && *close != '\n')
				close++;
			if (*close == '>' && (is_alpha(c) || c == '/' || is_digit(c))) {
				if (c == 'v' && (s[2] == ' ' || s[2] == '.' || s[2] == '\t') &&
				    !voice->len) {
					const char *a = s + 2;

					while (*a == '.' || is_alpha((unsigned char)*a) ||
					       is_digit((unsigned char)*a) || *a == '-' || *a == '_')
						a++; /* classes: <v.loud Name> */
					buf_add(voice, a, (size_t)(close - a));
					buf_trim(voice);
				}
				s = close + 1;
				continue;
			}
		} else if (*s == '{' && s[1] == '\\') {
			size_t n = 2 + strcspn(s + 2, "{}\n");

			if (s[n] == '}') {
				s += n + 1;
				continue;
			}
		} else if (*s == '&') {
			size_t n = entity(s, out);

			if (n) {
				s += n;
				continue;
			}
		}
		buf_addc(out, *s++);
	}
}

/* Trims each line of 's', drops empty lines, joins with "\n"; new string. */
static char *tidy_lines(const char *s)
{
	struct buf out = BUF_INIT_MAX(LIMIT_TEXT_BYTES);

	while (*s) {
		size_t n = strcspn(s, "\n"), a = 0, b = n;

		while (a < b && (is_space((unsigned char)s[a]) ||
		       (s[a] == '\xC2' && s[a + 1] == '\xA0')))
			a += s[a] == '\xC2' ? 2 : 1;
		while (b > a && is_space((unsigned char)s[b - 1]))
			b--;
		if (b > a) {
			if (out.len)
				buf_addc(&out, '\n');
			buf_add(&out, s + a, b - a);
		}
		s += n;
		if (*s)
			s++;
	}
	return buf_detach(&out, NULL);
}

/*
 * The length of a "Name:" speaker prefix at the start of 's' (up to
 * and with the colon and the white space after), or 0. A name is 1..64
 * bytes of letters, digits, spaces and .'-_& (any non-ASCII counts as a
 * letter), begins with a letter, has at most four spaces, and text
 * must follow the colon.
 */
static size_t speaker_prefix(const char *s)
{
	size_t n = 0, spaces = 0, after;
	int c = (unsigned char)s[0];

	if (!is_alpha(c) && c < 0x80)
		return 0;
	while (s[n] && s[n] != ':') {
		c = (unsigned char)s[n];
		if (c == ' ') {
			if (++spaces > 4 || s[n + 1] == ' ')
				return 0;
		} else if (!is_alpha(c) && !is_digit(c) && c < 0x80 &&
		           !strchr(".'-_&", c)) {
			return 0;
		}
		if (++n > MAX_SPEAKER_BYTES)
			return 0;
	}
	if (s[n] != ':' || s[n - 1] == ' ')
		return 0;
	after = n + 1;
	if (s[after] && s[after] != ' ' && s[after] != '\n' && s[after] != '\t')
		return 0;
	while (is_space((unsigned char)s[after]))
		after++;
	return s[after] ? after : 0;
}

/*
 * Turns raw cue or body text (any bytes) into a segment: sanitized,
 * markup stripped, lines tidied, the speaker from <v> or a "Name:"
 * prefix, else 'speaker' if given, else the carried 'last' speaker.
 * 'last' (a buf) is updated with the speaker used.
 */
static int add_cue(struct builder *b, double start, double end,
	const char *raw, size_t len, const char *speaker, struct buf *last)
{
	struct buf clean = BUF_INIT_MAX(LIMIT_TEXT_BYTES);
	struct buf plain = BUF_INIT_MAX(LIMIT_TEXT_BYTES);
	struct buf voice = BUF_INIT_MAX(MAX_SPEAKER_BYTES * 4);
	char *text;
	size_t pre;
	int ret;

	utf8_sanitize(&clean, raw, len);
	strip_markup(clean.data, &plain, &voice);
	text = tidy_lines(plain.data);
	if (!voice.len && !speaker && (pre = speaker_prefix(text)) > 0) {
		size_t nl = pre;

		buf_add(&voice, text, pre);
		while (voice.len && (is_space((unsigned char)voice.data[voice.len - 1]) ||
		       voice.data[voice.len - 1] == ':'))
			buf_setlen(&voice, voice.len - 1);
		memmove(text, text + nl, strlen(text + nl) + 1);
	}
	if (voice.len) {
		buf_reset(last);
		buf_adds(last, voice.data);
	} else if (speaker) {
		buf_reset(last);
		buf_adds(last, speaker);
	}
	ret = builder_take(b, start, end, last->len ? last->data : NULL, text);
	buf_release(&clean);
	buf_release(&plain);
	buf_release(&voice);
	return ret;
}

/* ---- WebVTT and SRT ---- */

struct lines {
	const char *p, *end;
};

/* The next line (without its CR/LF) into s/n; 0 at the end. */
static int next_line(struct lines *it, const char **s, size_t *n)
{
	const char *q = it->p;

	if (q >= it->end)
		return 0;
	while (q < it->end && *q != '\n' && *q != '\r')
		q++;
	*s = it->p;
	*n = (size_t)(q - it->p);
	if (q < it->end && *q == '\r')
		q++;
	if (q < it->end && *q == '\n' && (q == it->p || q[-1] != '\n'))
		q++;
	it->p = q;
	return 1;
}

static int blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!is_space((unsigned char)s[i]))
			return 0;
	return 1;
}

/*
 * Parses a cue time "[[H:]MM:]SS[.,]mmm" at *p (before 'end') into
 * milliseconds; advances *p. -1 when there is none.
 */
static long long cue_time(const char **p, const char *end)
{
	long long f[3] = { 0, 0, 0 }, ms = 0;
	int n = 0;
	const char *s = *p;

	for (;;) {
		int digits = 0;
		long long v = 0;

		while (s < end && is_digit((unsigned char)*s)) {
			if (++digits > 9)
				return -1;
			v = v * 10 + (*s++ - '0');
		}
		if (!digits || n == 3)
			return -1;
		f[n++] = v;
		if (s < end && *s == ':')
			s++;
		else
			break;
	}
	if (s < end && (*s == '.' || *s == ',')) {
		long long scale = 100;
		int digits = 0;

		s++;
		while (s < end && is_digit((unsigned char)*s)) {
			ms += (*s++ - '0') * scale;
			scale /= 10;
			digits++;
		}
		if (!digits)
			return -1;
	}
	/* minutes and seconds after the first field are below 60 */
	for (int i = 1; i < n; i++)
		if (f[i] >= 60)
			return -1;
	*p = s;
	if (n == 3)
		return ((f[0] * 60 + f[1]) * 60 + f[2]) * 1000 + ms;
	if (n == 2)
		return (f[0] * 60 + f[1]) * 1000 + ms;
	return f[0] * 1000 + ms;
}

/* Parses a timing line "start --> end [settings]"; 1 when it is one. */
static int timing_line(const char *s, size_t n, double *start, double *end)
{
	const char *p = s, *e = s + n;
	long long a, b;

	while (p < e && is_space((unsigned char)*p))
		p++;
	if ((a = cue_time(&p, e)) < 0)
		return 0;
	while (p < e && is_space((unsigned char)*p))
		p++;
	if (e - p < 3 || memcmp(p, "-->", 3))
		return 0;
	p += 3;
	while (p < e && is_space((unsigned char)*p))
		p++;
	if ((b = cue_time(&p, e)) < 0)
		return 0;
	if (p < e && !is_space((unsigned char)*p))
		return 0;
	*start = (double)a / 1000;
	*end = (double)b / 1000;
	return 1;
}

static int starts_block(const char *s, size_t n, const char *word)
{
	size_t w = strlen(word);

	return n >= w && !memcmp(s, word, w) &&
		(n == w || is_space((unsigned char)s[w]));
}

static int all_digits(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && is_space((unsigned char)s[i]))
		i++;
	if (i == n)
		return 0;
	for (; i < n; i++)
		if (!is_digit((unsigned char)s[i]) && !is_space((unsigned char)s[i]))
			return 0;
	return 1;
}

/*
 * One parser for WebVTT and SRT. A cue runs from its timing line to the
 * next blank line; a block of text without a timing line right after a
 * cue (a stray blank line inside an SRT cue) is added to that cue;
 * header, NOTE, STYLE and REGION blocks and cue identifiers are skipped.
 */
static int parse_cues(const char *data, size_t len, struct builder *b)
{
	struct lines it = { data, data + len };
	struct buf cue = BUF_INIT_MAX(LIMIT_TEXT_BYTES);
	struct buf last = BUF_INIT_MAX(MAX_SPEAKER_BYTES * 4);
	const char *s;
	size_t n, line_at = 0;
	int in_cue = 0, skipping = 0, block_start = 1;
	double start = -1, end = -1;

	while (next_line(&it, &s, &n)) {
		double a, z;

		if (blank(s, n)) {
			block_start = 1;
			skipping = 0;
			continue;
		}
		if (skipping)
			continue;
		if (timing_line(s, n, &a, &z)) {
			/* no blank line before it: drop the next cue's number */
			if (in_cue && !block_start && all_digits(cue.data + line_at,
			    cue.len - line_at))
				buf_setlen(&cue, line_at ? line_at - 1 : 0);
			if (in_cue && add_cue(b, start, end, cue.data, cue.len, NULL, &last))
				break;
			buf_reset(&cue);
			in_cue = 1;
			start = a;
			end = z;
			block_start = 0;
			continue;
		}
		if (block_start) {
			struct lines peek = it;
			const char *s2;
			size_t n2;

			block_start = 0;
			if (starts_block(s, n, "WEBVTT") || starts_block(s, n, "NOTE") ||
			    starts_block(s, n, "STYLE") || starts_block(s, n, "REGION")) {
				skipping = 1;
				continue;
			}
			/* a cue identifier: the line before a timing line */
			if (next_line(&peek, &s2, &n2) && timing_line(s2, n2, &a, &z))
				continue;
			if (all_digits(s, n))
				continue;
			if (in_cue && cue.len)
				buf_addc(&cue, '\n');
		}
		if (!in_cue)
			continue;
		if (cue.len)
			buf_addc(&cue, '\n');
		line_at = cue.len;
		if (buf_add(&cue, s, n) < 0)
			break;
	}
	if (in_cue && !b->full)
		add_cue(b, start, end, cue.data, cue.len, NULL, &last);
	buf_release(&cue);
	buf_release(&last);
	return 0;
}

/* ---- JSON ---- */

static double column_time(sqlite3_stmt *st, int col, double scale)
{
	switch (sqlite3_column_type(st, col)) {
	case SQLITE_INTEGER:
	case SQLITE_FLOAT:
		return time_or_unknown(sqlite3_column_double(st, col) * scale);
	case SQLITE_TEXT:
		return time_or_unknown(clock_parse((const char *)sqlite3_column_text(st, col)));
	default:
		return -1;
	}
}

/*
 * Checks that 'json' is valid JSON and returns the type of its 'path'
 * ("array", "object", ...) in 'type', "" when absent. -1 when invalid.
 */
static int json_path_type(sqlite3 *db, const char *json, size_t len,
	const char *path, char type[16])
{
	sqlite3_stmt *st = NULL;
	int ret = -1;

	type[0] = '\0';
	if (!json_check(json, len))
		return -1;
	if (sqlite3_prepare_v2(db, "SELECT json_valid(?1), CASE WHEN json_valid(?1)"
	    " THEN json_type(?1, ?2) END", -1, &st, NULL) != SQLITE_OK)
		return error("cannot read json: %s", sqlite3_errmsg(db));
	sqlite3_bind_text(st, 1, json, (int)len, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, path, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0)) {
		const unsigned char *t = sqlite3_column_text(st, 1);

		if (t) {
			strncpy(type, (const char *)t, 15);
			type[15] = '\0';
		}
		ret = 0;
	}
	sqlite3_finalize(st);
	return ret;
}

static int parse_json(const char *data, size_t len, struct builder *b)
{
	sqlite3 *db = json_db();
	sqlite3_stmt *st = NULL;
	struct buf last = BUF_INIT_MAX(MAX_SPEAKER_BYTES * 4);
	char type[16];
	const char *path = "$.segments";
	int rc;

	if (!db)
		return -1;
	if (len > INT_MAX)
		return error("transcript json too large");
	if (json_path_type(db, data, len, "$", type) < 0)
		return error("transcript is not valid json");
	if (!strcmp(type, "array"))
		path = "$";
	else if (json_path_type(db, data, len, path, type) < 0 || strcmp(type, "array"))
		return error("transcript json has no \"segments\" array");
	if (sqlite3_prepare_v2(db,
	    "SELECT json_extract(value, '$.speaker'), json_extract(value, '$.startTime'),"
	    " json_extract(value, '$.endTime'), json_extract(value, '$.body'),"
	    " json_extract(value, '$.start'), json_extract(value, '$.end'),"
	    " json_extract(value, '$.text'), json_type(value, '$.speaker')"
	    " FROM json_each(?1, ?2) WHERE type = 'object'",
	    -1, &st, NULL) != SQLITE_OK)
		return error("cannot read json: %s", sqlite3_errmsg(db));
	sqlite3_bind_text(st, 1, data, (int)len, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, path, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *speaker = (const char *)sqlite3_column_text(st, 0);
		const char *body = (const char *)sqlite3_column_text(st, 3);
		double start, end;
		struct buf who = BUF_INIT_MAX(MAX_SPEAKER_BYTES * 4);
		int full;

		if (sqlite3_column_type(st, 1) != SQLITE_NULL) {
			start = column_time(st, 1, 1);
			end = column_time(st, 2, 1);
		} else {
			/* subtitle.js: {"start","end","text"} in milliseconds */
			start = column_time(st, 4, 0.001);
			end = column_time(st, 5, 0.001);
		}
		if (!body)
			body = (const char *)sqlite3_column_text(st, 6);
		if (!body)
			continue;
		if (speaker && sqlite3_column_type(st, 7) != SQLITE_NULL) {
			utf8_sanitize(&who, speaker, strlen(speaker));
			buf_trim(&who);
		}
		full = add_cue(b, start, end, body, strlen(body),
			sqlite3_column_type(st, 0) != SQLITE_NULL ? who.data : NULL, &last);
		buf_release(&who);
		if (full)
			break;
	}
	sqlite3_finalize(st);
	buf_release(&last);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return error("cannot read transcript json: %s", sqlite3_errmsg(db));
	return 0;
}

/* ---- plain text ---- */

/* One untimed segment per blank-line separated paragraph. */
static int parse_text(const char *data, size_t len, struct builder *b)
{
	struct lines it = { data, data + len };
	struct buf para = BUF_INIT_MAX(LIMIT_TEXT_BYTES);
	const char *s;
	size_t n;
	int more = 1;

	while (more) {
		more = next_line(&it, &s, &n);
		if (more && !blank(s, n)) {
			if (para.len)
				buf_addc(&para, ' ');
			if (buf_add(&para, s, n) < 0)
				more = 0;
			else
				continue;
		}
		if (para.len) {
			struct buf clean = BUF_INIT_MAX(LIMIT_TEXT_BYTES);
			char *text;

			utf8_sanitize(&clean, para.data, para.len);
			text = text_squeezed(clean.data);
			buf_release(&clean);
			buf_reset(&para);
			if (text && builder_take(b, -1, -1, NULL, text) < 0)
				break;
		}
	}
	buf_release(&para);
	return 0;
}

/* ---- HTML ---- */

/* The text of 'node', sanitized and squeezed; new string or NULL. */
static char *node_text(xmlNode *node)
{
	xmlChar *content = xmlNodeGetContent(node);
	struct buf clean = BUF_INIT_MAX(LIMIT_TEXT_BYTES);
	char *text;

	if (!content)
		return NULL;
	utf8_sanitize(&clean, (const char *)content, strlen((const char *)content));
	xmlFree(content);
	text = text_squeezed(clean.data);
	buf_release(&clean);
	return text;
}

static int name_is(xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->name &&
		!xmlStrcasecmp(n->name, (const xmlChar *)name);
}

static int skipped_element(xmlNode *n)
{
	return name_is(n, "script") || name_is(n, "style") || name_is(n, "head") ||
		name_is(n, "template") || name_is(n, "noscript");
}

/*
 * Walks the tree in document order: <cite> sets the speaker, <time> the
 * start, <p> makes a segment (or continues the last one when neither
 * changed). Iterative, so deep trees cannot exhaust the stack.
 */
static void html_walk(xmlDoc *doc, struct builder *b)
{
	char *speaker = NULL;
	double start = -1;
	int fresh = 1;
	xmlNode *root = (xmlNode *)doc, *n = doc->children;

	while (n && !b->full) {
		int descend = 1;

		if (skipped_element(n)) {
			descend = 0;
		} else if (name_is(n, "cite")) {
			char *t = node_text(n);

			free(speaker);
			speaker = NULL;
			if (t) {
				size_t l = strlen(t);

				while (l && (t[l - 1] == ':' || t[l - 1] == ' '))
					t[--l] = '\0';
				speaker = l ? t : NULL;
				if (!speaker)
					free(t);
			}
			fresh = 1;
			descend = 0;
		} else if (name_is(n, "time")) {
			char *t = node_text(n);

			start = t ? clock_parse(t) : -1;
			free(t);
			fresh = 1;
			descend = 0;
		} else if (name_is(n, "p")) {
			char *t = node_text(n);

			if (t && !fresh && b->t->n) {
				/* same speaker and time: merged later if wanted */
				struct segment *s = &b->t->v[b->t->n - 1];

				builder_take(b, s->start_s, -1, s->speaker, t);
			} else if (t) {
				builder_take(b, start, -1, speaker, t);
				fresh = 0;
			}
			descend = 0;
		}
		if (descend && n->children) {
			n = n->children;
			continue;
		}
		while (n && n != root && !n->next)
			n = n->parent;
		if (!n || n == root)
			break;
		n = n->next;
	}
	free(speaker);
}

/*
 * The text of the whole page with a blank line after each block
 * element, for parse_text(); script, style and head left out.
 */
static void html_plain(xmlDoc *doc, struct buf *out)
{
	static const char *const blocks[] = {
		"p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
		"section", "article", "blockquote", "pre", "dd", "dt", "br",
	};
	xmlNode *root = (xmlNode *)doc, *n = doc->children;

	while (n) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			if (n->content && buf_adds(out, (const char *)n->content) < 0)
				return;
		} else if (n->type == XML_ELEMENT_NODE && !skipped_element(n) &&
		           n->children) {
			n = n->children;
			continue;
		}
		/* leaving n and perhaps its ancestors: close their blocks */
		for (;;) {
			if (n->type == XML_ELEMENT_NODE)
				for (size_t i = 0; i < sizeof(blocks) / sizeof(blocks[0]); i++)
					if (name_is(n, blocks[i]))
						buf_adds(out, "\n\n");
			if (n->next) {
				n = n->next;
				break;
			}
			n = n->parent;
			if (!n || n == root)
				return;
		}
	}
}

static int parse_html(const char *data, size_t len, struct builder *b)
{
	htmlDocPtr doc;
	xmlNode *root;

	if (len > INT_MAX)
		return error("transcript html too large");
	doc = htmlReadMemory(data, (int)len, NULL,
		utf8_valid(data, len) ? "UTF-8" : NULL,
		HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
		HTML_PARSE_RECOVER);
	if (!doc)
		return error("cannot parse transcript html");
	html_walk(doc, b);
	root = xmlDocGetRootElement(doc);
	if (!b->t->n && root) {
		/* not the <cite>/<time>/<p> form: its text, by paragraph */
		struct buf all = BUF_INIT_MAX(LIMIT_TEXT_BYTES);

		html_plain(doc, &all);
		parse_text(all.data, all.len, b);
		buf_release(&all);
	}
	xmlFreeDoc(doc);
	fill_ends(b->t);
	return 0;
}

int transcript_parse(const char *data, size_t len,
	enum transcript_format fmt, struct transcript *out)
{
	struct builder b;

	builder_init(&b, out);
	if (!data)
		return error("no transcript data");
	if (len > LIMIT_BODY_BYTES)
		return error("transcript larger than %zu bytes", LIMIT_BODY_BYTES);
	if (fmt == TRANSCRIPT_UNKNOWN)
		fmt = format_sniff(data, len);
	skip_bom(&data, &len);
	switch (fmt) {
	case TRANSCRIPT_JSON:
		return parse_json(data, len, &b);
	case TRANSCRIPT_VTT:
	case TRANSCRIPT_SRT:
		return parse_cues(data, len, &b);
	case TRANSCRIPT_HTML:
		return parse_html(data, len, &b);
	case TRANSCRIPT_TEXT:
		return parse_text(data, len, &b);
	default:
		return 0; /* nothing to read */
	}
}

/* ---- output ---- */

static int json_time(struct buf *out, double t)
{
	return t < 0 ? buf_adds(out, "null") : buf_printf(out, "%.3f", t);
}

int transcript_to_json(const struct transcript *t, struct buf *out)
{
	int rc = buf_adds(out, "{\"segments\":[");

	for (size_t i = 0; i < t->n && !rc; i++) {
		const struct segment *s = &t->v[i];

		rc |= buf_adds(out, i ? ",{\"start_s\":" : "{\"start_s\":");
		rc |= json_time(out, s->start_s);
		rc |= buf_adds(out, ",\"end_s\":");
		rc |= json_time(out, s->end_s);
		rc |= buf_adds(out, ",\"speaker\":");
		rc |= json_str(out, s->speaker);
		rc |= buf_adds(out, ",\"text\":");
		rc |= json_str(out, s->text);
		rc |= buf_addc(out, '}');
	}
	rc |= buf_adds(out, "]}");
	return rc ? -1 : 0;
}

/* ---- chapters ---- */

int chapters_parse(const char *json, size_t len, struct transcript *out)
{
	struct builder b;
	sqlite3 *db = json_db();
	sqlite3_stmt *st = NULL;
	char type[16];
	int rc;

	builder_init(&b, out);
	if (!json || !db)
		return -1;
	if (len > LIMIT_BODY_BYTES || len > INT_MAX)
		return error("chapters larger than %zu bytes", LIMIT_BODY_BYTES);
	skip_bom(&json, &len);
	if (json_path_type(db, json, len, "$.chapters", type) < 0)
		return error("chapters are not valid json");
	if (strcmp(type, "array"))
		return error("chapters json has no \"chapters\" array");
	if (sqlite3_prepare_v2(db,
	    "SELECT json_extract(value, '$.startTime'), json_extract(value, '$.endTime'),"
	    " json_extract(value, '$.title'), json_type(value, '$.toc')"
	    " FROM json_each(?1, '$.chapters') WHERE type = 'object'",
	    -1, &st, NULL) != SQLITE_OK)
		return error("cannot read json: %s", sqlite3_errmsg(db));
	sqlite3_bind_text(st, 1, json, (int)len, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *title = (const char *)sqlite3_column_text(st, 2);
		const char *toc = (const char *)sqlite3_column_text(st, 3);
		double start = column_time(st, 0, 1);
		struct buf clean = BUF_INIT_MAX(LIMIT_FIELD_BYTES);
		char *text;

		if (toc && !strcmp(toc, "false"))
			continue;
		if (!title || start < 0)
			continue;
		utf8_sanitize(&clean, title, strlen(title));
		text = text_squeezed(clean.data);
		buf_release(&clean);
		if (text && builder_take(&b, start, column_time(st, 1, 1), NULL, text) < 0)
			break;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return error("cannot read chapters json: %s", sqlite3_errmsg(db));
	fill_ends(out);
	return 0;
}

/* ---- show notes ---- */

/* Reads 1-2 digits (exactly 2 when 'two'); -1 when not there. */
static int clock_field(const char **p, int two)
{
	const char *s = *p;
	int v = 0, n = 0;

	while (is_digit((unsigned char)*s) && n < 3) {
		v = v * 10 + (*s++ - '0');
		n++;
	}
	if (n == 0 || n > 2 || (two && n != 2))
		return -1;
	*p = s;
	return v;
}

/*
 * A timestamp "M:SS", "MM:SS", "H:MM:SS" or "HH:MM:SS" at *p, in
 * seconds; advances *p. -1 when there is none, or digits or a colon
 * follow it.
 */
static long strict_clock(const char **p)
{
	const char *s = *p;
	int f[3], n = 0;

	if ((f[n++] = clock_field(&s, 0)) < 0)
		return -1;
	while (*s == ':' && n < 3) {
		s++;
		if ((f[n] = clock_field(&s, 1)) < 0 || f[n] >= 60)
			return -1;
		n++;
	}
	if (n < 2 || *s == ':' || is_digit((unsigned char)*s) ||
	    ((*s == '.' || *s == ',') && is_digit((unsigned char)s[1])))
		return -1;
	*p = s;
	return n == 3 ? (f[0] * 60L + f[1]) * 60 + f[2] : f[0] * 60L + f[1];
}

/* Skips an optional separator (- – — : |) with the spaces around it. */
static const char *skip_separator(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '-' || *s == ':' || *s == '|')
		s++;
	else if (!strncmp(s, "\xE2\x80\x93", 3) || !strncmp(s, "\xE2\x80\x94", 3))
		s += 3;
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* The topic of a show-notes line at 's' if it is a timestamp line. */
static int timestamp_line(const char *s, size_t n, long *secs, char **topic)
{
	struct buf line = BUF_INIT_MAX(LIMIT_FIELD_BYTES);
	const char *p, *t;
	char close = 0;
	int ok = 0;

	if (buf_add(&line, s, n) < 0)
		return 0;
	p = line.data;
	while (*p == ' ' || *p == '\t')
		p++;
	if ((*p == '-' || *p == '*') && p[1] == ' ')
		p += 2;
	else if (!strncmp(p, "\xE2\x80\xA2", 3))
		p += 3;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '(' || *p == '[') {
		close = *p == '(' ? ')' : ']';
		p++;
	}
	if ((*secs = strict_clock(&p)) < 0)
		goto out;
	if (close && *p++ != close)
		goto out;
	if (!close && *p && *p != ' ' && *p != '\t' && *p != '-' && *p != '|' &&
	    (unsigned char)*p != 0xE2)
		goto out;
	t = skip_separator(p);
	if ((starts_with_ci(t, "am") || starts_with_ci(t, "pm") ||
	     starts_with_ci(t, "a.m") || starts_with_ci(t, "p.m")) &&
	    !is_alpha((unsigned char)t[2]))
		goto out;
	for (p = t; *p; p++)
		if (is_alpha((unsigned char)*p) || (unsigned char)*p >= 0xC0)
			break;
	if (!*p)
		goto out;
	{
		struct buf clean = BUF_INIT_MAX(LIMIT_FIELD_BYTES);

		utf8_sanitize(&clean, t, strlen(t));
		*topic = text_squeezed(clean.data);
		buf_release(&clean);
		ok = *topic != NULL;
	}
out:
	buf_release(&line);
	return ok;
}

int shownotes_timestamps(const char *text, struct transcript *out)
{
	struct builder b;
	struct lines it;
	const char *s;
	size_t n;
	long prev = -1;

	builder_init(&b, out);
	if (!text)
		return -1;
	it.p = text;
	it.end = text + strlen(text);
	while (next_line(&it, &s, &n)) {
		long secs;
		char *topic;

		if (!timestamp_line(s, n, &secs, &topic))
			continue;
		if (secs < prev) {
			/* times that go back: a schedule or a list, not chapters */
			free(topic);
			transcript_release(out);
			return 0;
		}
		prev = secs;
		if (builder_take(&b, (double)secs, -1, NULL, topic) < 0)
			break;
	}
	fill_ends(out);
	return 0;
}

/* ---- merging ---- */

static int same_speaker(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

/* Appends 't' to 'out' with the separator described for transcript_merge. */
static int join_text(struct buf *out, const char *t)
{
	if (out->len && !is_space((unsigned char)out->data[out->len - 1]) &&
	    !is_space((unsigned char)*t) && !strchr(",.;:!?)]}%", *t))
		if (buf_addc(out, ' ') < 0)
			return -1;
	return buf_adds(out, t);
}

int transcript_merge(const struct transcript *in, double max_span_s,
	size_t max_chars, struct transcript *out)
{
	struct builder b;
	struct buf text = BUF_INIT_MAX(LIMIT_TEXT_BYTES);
	const struct segment *first = NULL;
	double end = -1;
	int rc = 0;

	builder_init(&b, out);
	for (size_t i = 0; i <= in->n && !rc; i++) {
		const struct segment *s = i < in->n ? &in->v[i] : NULL;

		if (s && first && same_speaker(first->speaker, s->speaker)) {
			int same_time = s->start_s >= 0 && s->start_s == first->start_s;
			double last = s->end_s >= 0 ? s->end_s : s->start_s;
			int span_ok = first->start_s < 0 || last < 0 ||
				last - first->start_s <= max_span_s;
			size_t sep = text.len && !strchr(",.;:!?)]}%", s->text[0]) ? 1 : 0;
			int chars_ok = max_chars >= sep && text.len <= max_chars - sep &&
				strlen(s->text) <= max_chars - sep - text.len;

			if (same_time || (span_ok && chars_ok)) {
				if (join_text(&text, s->text) < 0)
					rc = -1;
				if (s->end_s >= 0 && s->end_s > end)
					end = s->end_s;
				continue;
			}
		}
		if (first) {
			char *t = buf_detach(&text, NULL);

			if (builder_take(&b, first->start_s, end, first->speaker, t) < 0)
				rc = -1;
		}
		if (s) {
			first = s;
			end = s->end_s;
			if (buf_adds(&text, s->text) < 0)
				rc = -1;
		}
	}
	buf_release(&text);
	return rc;
}
