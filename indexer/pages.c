/*
 * Article pages behind feed teasers, the checks 'evidex add' shares, and
 * robots.txt kept in the database. See pages.h.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/buf.h"
#include "core/db.h"
#include "core/doc.h"
#include "core/log.h"
#include "core/text.h"
#include "core/url.h"
#include "indexer/extract.h"
#include "indexer/pages.h"

/* How far from the end of a teaser "continue reading" may stand (bytes):
 * WordPress writes "Continue reading <title> →". */
#define MORE_WINDOW 300

/* Link texts that end a teaser, compared without ASCII case. */
static const char *const more_links[] = {
	"read more", "read more here", "continue reading", "keep reading",
	"read the full article", "read full article", "read the full story",
	"read full story", "read the rest", "read the rest of this entry",
	"read on", "more...", "full story", "full article",
};

static int is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static int is_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* 1 when the first 'len' bytes of 's' end with 'suffix' (bytes as is). */
static int ends_with(const char *s, size_t len, const char *suffix)
{
	size_t n = strlen(suffix);

	return len >= n && !memcmp(s + len - n, suffix, n);
}

/* Drops white space, closing brackets and arrows from the end of s[0..len). */
static size_t trim_tail(const char *s, size_t len, int dots)
{
	static const char *const arrows[] = {
		"\xc2\xbb" /* » */, "\xe2\x80\xba" /* › */, "\xe2\x86\x92" /* → */,
		"\xe2\x9e\x94" /* ➔ */, "\xc2\xa0" /* no-break space */,
	};

	while (len) {
		unsigned char c = (unsigned char)s[len - 1];
		size_t i;

		if (is_space(c) || c == ')' || c == ']' || c == '>' || c == '|' ||
		    c == '-' || c == ':' || c == '!' || (dots && c == '.')) {
			len--;
			continue;
		}
		for (i = 0; i < sizeof(arrows) / sizeof(*arrows); i++)
			if (ends_with(s, len, arrows[i]))
				break;
		if (i == sizeof(arrows) / sizeof(*arrows))
			break;
		len -= strlen(arrows[i]);
	}
	return len;
}

/* 1 when 's' ends in a link to the rest of the text: "Read more", "…". */
static int ends_in_more(const char *s)
{
	size_t len = strlen(s), from;

	len = trim_tail(s, len, 0);
	if (ends_with(s, len, "\xe2\x80\xa6") || ends_with(s, len, "..."))
		return 1;
	len = trim_tail(s, len, 1);
	for (size_t i = 0; i < sizeof(more_links) / sizeof(*more_links); i++) {
		size_t n = strlen(more_links[i]);

		if (len >= n && !strncasecmp(s + len - n, more_links[i], n) &&
		    (len == n || !is_alnum((unsigned char)s[len - n - 1])))
			return 1;
	}
	from = len > MORE_WINDOW ? len - MORE_WINDOW : 0;
	for (size_t i = from; i + 16 <= len; i++)
		if (!strncasecmp(s + i, "continue reading", 16) &&
		    (i == 0 || !is_alnum((unsigned char)s[i - 1])))
			return 1;
	return 0;
}

/* Characters (UTF-8 code points) in 's', counting no further than 'max'. */
static size_t chars(const char *s, size_t max)
{
	size_t n = 0;

	for (; *s && n < max; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

int page_is_teaser(const struct doc *d)
{
	int has_content = d->content && *d->content;

	if (d->kind != DOC_ARTICLE || !d->url || !url_is_http(d->url))
		return 0;
	if (!has_content && (!d->summary || chars(d->summary, PAGE_TEASER_CHARS) < PAGE_TEASER_CHARS))
		return 1;
	if (has_content)
		return ends_in_more(d->content);
	return ends_in_more(d->summary);
}

int page_is_html(const char *content_type, const char *body, size_t len)
{
	size_t i = 0;

	if (content_type) {
		while (is_space((unsigned char)*content_type))
			content_type++;
	}
	if (content_type && *content_type)
		return starts_with_ci(content_type, "text/html") ||
			starts_with_ci(content_type, "application/xhtml+xml");
	/* no type: sniff, after a byte order mark and white space */
	if (len >= 3 && !memcmp(body, "\xef\xbb\xbf", 3))
		i = 3;
	while (i < len && is_space((unsigned char)body[i]))
		i++;
	return i < len && body[i] == '<';
}

long page_status(const struct fetch_result *res)
{
	return res->err == FETCH_OK ? res->status : -(long)res->err;
}

int page_extract(const struct fetch_result *res, struct doc *out, struct buf *why)
{
	const char *base = res->final_url ? res->final_url : res->url;

	if (res->err != FETCH_OK) {
		const char *e = res->error;
		size_t n = res->url ? strlen(res->url) : 0;

		/* the fetcher's messages name the URL: the caller does too */
		if (e && n && e[0] == '\'' && !strncmp(e + 1, res->url, n) &&
		    !strncmp(e + 1 + n, "': ", 3))
			e += n + 4;
		buf_adds(why, e && *e ? e : fetch_err_name(res->err));
		return -1;
	}
	if (res->status < 200 || res->status > 299) {
		buf_printf(why, "HTTP %ld", res->status);
		return -1;
	}
	if (!page_is_html(res->content_type, res->body.data, res->body.len)) {
		buf_printf(why, "not an HTML page (%s)",
			res->content_type ? res->content_type : "no type");
		return -1;
	}
	if (extract_html(res->body.data, res->body.len, base, res->content_type, out) < 0) {
		buf_adds(why, "cannot be parsed as HTML");
		return -1;
	}
	if (!out->npassages) {
		buf_adds(why, "no article text found");
		return -1;
	}
	if (!out->url && base)
		out->url = xstrdup(base);
	return 0;
}

/* One page to fetch for one document. */
struct page {
	struct pages *owner;
	char *url;          /* canonical link of the item, fetched and recorded */
	long long doc_id;
};

enum {
	ST_SOURCE, ST_FILL, ST_COUNT
};

static const char *const sql[ST_COUNT] = {
	[ST_SOURCE] = "SELECT fetch_pages FROM sources WHERE id = ?1",
	/* what the page knows and the feed did not say */
	[ST_FILL] =
		"UPDATE documents SET"
		" authors = CASE WHEN authors = '[]' AND ?2 IS NOT NULL THEN ?2 ELSE authors END,"
		" published = coalesce(published, ?3) WHERE id = ?1",
};

struct pages {
	sqlite3 *db;
	struct store *store;
	struct fetcher *fetcher;
	sqlite3_stmt *st[ST_COUNT];
	struct page **v;       /* every page of the run, owned */
	size_t n, submitted;   /* v[submitted..n) noted, not yet queued */
	long attached, failed;
	long long source_id;   /* the source whose fetch_pages is cached */
	int source_pages;
};

struct pages *pages_new(sqlite3 *db, struct store *store, struct fetcher *f)
{
	struct pages *p = xcalloc(1, sizeof(*p));

	p->db = db;
	p->store = store;
	p->fetcher = f;
	p->source_id = -1;
	return p;
}

void pages_free(struct pages *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n; i++) {
		free(p->v[i]->url);
		free(p->v[i]);
	}
	free(p->v);
	for (int i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(p->st[i]);
	free(p);
}

/* The statement 'i', prepared on first use and reset; NULL on error. */
static sqlite3_stmt *stmt(struct pages *p, int i)
{
	if (!p->st[i] && !(p->st[i] = db_prepare(p->db, sql[i])))
		return NULL;
	sqlite3_reset(p->st[i]);
	sqlite3_clear_bindings(p->st[i]);
	return p->st[i];
}

/* Whether a page last seen with 'status' at 'when' may be tried again. */
static int retry_due(long status, long long when, time_t now)
{
	int passing;

	if (status < 0)
		passing = status != -FETCH_ERR_ROBOTS && status != -FETCH_ERR_URL &&
			status != -FETCH_ERR_TOO_LARGE;
	else
		passing = status == 0 || status == 408 || status == 429 || status >= 500;
	return passing && (long long)now - when >= PAGE_RETRY_SECONDS;
}

/* 1 when source 'id' wants its items' pages, 0 not, -1 error. */
static int source_wants_pages(struct pages *p, long long id)
{
	sqlite3_stmt *st;
	int rc;

	if (id == p->source_id)
		return p->source_pages;
	if (!(st = stmt(p, ST_SOURCE)))
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return error("database: %s", sqlite3_errmsg(p->db));
	p->source_id = id;
	p->source_pages = rc == SQLITE_ROW && sqlite3_column_int(st, 0) != 0;
	sqlite3_reset(st);
	return p->source_pages;
}

/* 1 when 'url' was fetched before and is not due again, 0 not, -1 error. */
static int seen(struct pages *p, const char *url)
{
	long status;
	long long when, doc;
	int rc = store_fetched_get(p->store, url, &status, &when, &doc);

	return rc == 1 ? !retry_due(status, when, time(NULL)) : rc;
}

int pages_note(struct pages *p, long long source_id, const struct doc *d,
	long long id)
{
	struct page *pg;
	char *url;
	int rc;

	if (!p || id <= 0 || !page_is_teaser(d))
		return 0;
	if ((rc = source_wants_pages(p, source_id)) <= 0)
		return rc;
	if (!(url = url_canonical(d->url)))
		return 0;
	for (size_t i = 0; i < p->n; i++) {
		if (!strcmp(p->v[i]->url, url)) {
			free(url);
			return 0;
		}
	}
	if ((rc = seen(p, url)) != 0) {
		free(url);
		return rc < 0 ? -1 : 0;
	}
	pg = xcalloc(1, sizeof(*pg));
	pg->owner = p;
	pg->url = url;
	pg->doc_id = id;
	p->v = xrealloc(p->v, (p->n + 1) * sizeof(*p->v));
	p->v[p->n++] = pg;
	return 1;
}

/* Gives document 'id' the page's authors and date where it had none. */
static int fill(struct pages *p, long long id, const struct doc *d)
{
	sqlite3_stmt *st = stmt(p, ST_FILL);
	struct buf authors = BUF_INIT;
	int rc;

	if (!st)
		return -1;
	if (d->authors.n) {
		buf_addc(&authors, '[');
		for (size_t i = 0; i < d->authors.n; i++) {
			if (i)
				buf_addc(&authors, ',');
			json_str(&authors, d->authors.v[i]);
		}
		buf_addc(&authors, ']');
	}
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, d->authors.n ? authors.data : NULL);
	db_bind_text(st, 3, d->published);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	buf_release(&authors);
	return rc == SQLITE_DONE ? 0 : error("database: %s", sqlite3_errmsg(p->db));
}

static void page_done(struct fetcher *f, struct fetch_result *res, void *data)
{
	struct page *pg = data;
	struct pages *p = pg->owner;
	struct buf why = BUF_INIT;
	struct doc d;
	long status = page_status(res);
	int ok;

	(void)f;
	doc_init(&d);
	ok = page_extract(res, &d, &why) == 0;
	if (ok && (store_begin(p->store) < 0 ||
	    store_attach(p->store, pg->doc_id, "page", d.passages, d.npassages) < 0 ||
	    fill(p, pg->doc_id, &d) < 0 || store_fetched(p->store, pg->url, status, pg->doc_id) < 0 ||
	    store_commit(p->store) < 0)) {
		store_rollback(p->store);
		buf_adds(&why, "could not be stored");
		ok = 0;
	}
	if (ok) {
		p->attached++;
		verbosef("page %s: %zu paragraphs", pg->url, d.npassages);
	} else {
		p->failed++;
		store_fetched(p->store, pg->url, status, 0);
		verbosef("page %s: %s", pg->url, why.data);
	}
	doc_release(&d);
	buf_release(&why);
}

void pages_submit(struct pages *p)
{
	if (!p)
		return;
	for (; p->submitted < p->n; p->submitted++) {
		struct fetch_request rq = { 0 };

		rq.url = p->v[p->submitted]->url;
		rq.robots = 1;
		rq.done = page_done;
		rq.data = p->v[p->submitted];
		fetcher_add(p->fetcher, &rq);
	}
}

void pages_counts(const struct pages *p, long *attached, long *failed)
{
	*attached = p ? p->attached : 0;
	*failed = p ? p->failed : 0;
}

static int robots_load(void *data, const char *origin, char **text, size_t *len,
	long *status, time_t *fetched)
{
	sqlite3 *db = data;
	sqlite3_stmt *st = db_prepare(db,
		"SELECT body, status, fetched_at FROM robots WHERE origin = ?1");
	int found = 0;

	if (!st)
		return 0;
	db_bind_text(st, 1, origin);
	if (sqlite3_step(st) == SQLITE_ROW) {
		const void *b = sqlite3_column_blob(st, 0);
		size_t n = (size_t)sqlite3_column_bytes(st, 0);

		*text = xmalloc(n + 1);
		if (n)
			memcpy(*text, b, n);
		(*text)[n] = '\0';
		*len = n;
		*status = (long)sqlite3_column_int64(st, 1);
		*fetched = (time_t)sqlite3_column_int64(st, 2);
		found = 1;
	}
	sqlite3_finalize(st);
	return found;
}

static void robots_save(void *data, const char *origin, const char *text,
	size_t len, long status, time_t fetched)
{
	sqlite3 *db = data;
	sqlite3_stmt *st = db_prepare(db,
		"INSERT INTO robots (origin, fetched_at, status, body) VALUES (?1, ?2, ?3, ?4)"
		" ON CONFLICT(origin) DO UPDATE SET fetched_at = ?2, status = ?3, body = ?4");

	if (!st)
		return;
	db_bind_text(st, 1, origin);
	sqlite3_bind_int64(st, 2, (long long)fetched);
	sqlite3_bind_int64(st, 3, status);
	sqlite3_bind_blob(st, 4, text ? text : "", text ? (int)len : 0, SQLITE_TRANSIENT);
	if (sqlite3_step(st) != SQLITE_DONE)
		warnf("cannot keep robots.txt of '%s': %s", origin, sqlite3_errmsg(db));
	sqlite3_finalize(st);
}

void pages_robots_store(struct fetch_robots_store *s, sqlite3 *db)
{
	s->load = robots_load;
	s->save = robots_save;
	s->data = db;
}
