/*
 * Conformance with gPodder's podcastparser test suite: each X.rss in
 * $EVIDEX_SHARED/data/podcasts/gpodder/ is parsed and compared with the
 * X.json podcastparser expects, one check per field per case: feed
 * title, episode count, and over all episodes their titles, GUIDs,
 * durations, publication times, enclosure URLs and transcript URLs.
 *
 * Where podcastparser's choice is wrong for an index, the case is listed
 * in 'overrides' below with the reason and the value we expect instead.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "test.h"
#include "../../core/buf.h"
#include "../../core/date.h"
#include "../../core/json.h"
#include "../../indexer/feed.h"

enum field { F_TITLE, F_COUNT, F_EP_TITLE, F_GUID, F_DURATION, F_PUBLISHED,
	F_ENCLOSURES, F_TRANSCRIPT, F_NFIELDS };

static const char *const field_names[] = {
	"feed title", "episode count", "episode titles", "guids", "durations",
	"published", "enclosure urls", "transcript urls",
};

/*
 * Cases where gpodder's expectation is wrong for an index. 'want' is
 * what we expect instead, in the summary format compare() builds.
 */
static const struct {
	const char *name;
	enum field field;
	const char *want;
	const char *why;
} overrides[] = {
	/* podcastparser invents a title from the enclosure's file name
	 * ("test" from test.ogg). An index should not show a made-up title
	 * as if the publisher wrote it; the store and the output can fall
	 * back to the URL themselves. We keep the title unknown. */
	{ "no_title", F_EP_TITLE, "[null]", "invented title" },
	{ "no_guid", F_EP_TITLE, "[null]", "invented title" },
	/* podcastparser lists the same media file twice when <enclosure> and
	 * <media:content> name the same URL. One file is one enclosure. */
	{ "multi_enclosures", F_ENCLOSURES,
		"[[\"http://cdn.example.org/foo.mp3\"]]", "duplicate enclosure" },
	/* A GUID is an opaque name, not a link: podcastparser resolves
	 * <guid>a</guid> against the feed URL, so the same episode would get
	 * another identity whenever the feed moves. We keep it as written. */
	{ "itunes_episode_image", F_GUID, "[\"a\"]", "guid is not a URL" },
	{ "itunes_xmlns", F_GUID, "[\"a\"]", "guid is not a URL" },
	{ "chapters", F_GUID, "[\"episode\"]", "guid is not a URL" },
	/* podcastparser drops items without an enclosure; an index keeps
	 * them (as articles): 3 items, of which gpodder's 2 are compared. */
	{ "no_enclosure", F_COUNT, "3", "items without media are kept" },
	/* podcastparser drops an untitled item with several enclosures (it
	 * cannot name it after one file); we keep it, untitled. */
	{ "no_title_multi_enclosure", F_COUNT, "1", "untitled item kept" },
	/* max_episodes is a podcastparser argument (keep 1 episode); our
	 * only bound is LIMIT_FEED_ITEMS, so both items are kept. */
	{ "max_episodes", F_COUNT, "2", "no per-call item limit" },
};

/*
 * podcastparser names a feed without <title> after its file name (the
 * case name here); an index should not invent a show name, so for these
 * we expect no title (null).
 */
static const char *const untitled_feeds[] = {
	"empty", "episode_itunes_author", "episode_number_invalid",
	"episode_season", "explicit_episode", "generator",
	"image_url_on_newline", "itunes_categories", "itunes_categories_empty",
	"itunes_episode_image", "itunes_keywords", "itunes_owner",
	"itunes_owner_name_only", "itunes_xmlns", "leading_space_url",
	"media_episode_thumbnail_atom", "media_episode_thumbnail_atom_group",
	"no_enclosure", "no_guid", "no_title", "no_title_multi_enclosure",
	"podcast_funding", "podcast_locked_feed", "relative", "relative_cover",
};

static const char *override_for(const char *name, enum field f)
{
	if (f == F_TITLE)
		for (size_t i = 0; i < sizeof(untitled_feeds) / sizeof(*untitled_feeds); i++)
			if (!strcmp(untitled_feeds[i], name))
				return "null";
	for (size_t i = 0; i < sizeof(overrides) / sizeof(*overrides); i++)
		if (!strcmp(overrides[i].name, name) && overrides[i].field == f)
			return overrides[i].want;
	return NULL;
}

/* One value of the expected JSON at 'path' as text ("null" when absent). */
static void expected_value(sqlite3_stmt *st, const char *json, const char *path,
	struct buf *out)
{
	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, path, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW &&
	    sqlite3_column_type(st, 0) != SQLITE_NULL)
		buf_adds(out, (const char *)sqlite3_column_text(st, 0));
	else
		buf_adds(out, "null");
}

static void add_str(struct buf *out, const char *s)
{
	if (!s) {
		buf_adds(out, "null");
		return;
	}
	buf_addc(out, '"');
	buf_adds(out, s);
	buf_addc(out, '"');
}

static long long epoch_of(const struct doc *d)
{
	long long t = d->published ? date_epoch(d->published) : -1;

	return t < 0 ? 0 : t;
}

/* podcastparser sorts episodes newest first (stable); so do we here. */
static int by_published(const void *a, const void *b)
{
	const struct doc *const *x = a, *const *y = b;
	long long tx = epoch_of(*x), ty = epoch_of(*y);

	if (tx != ty)
		return tx < ty ? 1 : -1;
	return *x < *y ? -1 : 1;
}

/*
 * Builds the same summary of field 'f' from our parse ('got') and from
 * the expected JSON ('want'): a JSON-ish list over the episodes.
 */
static void summarize(enum field f, const struct feed *feed, struct doc **eps,
	const char *json, sqlite3_stmt *st, long neps, struct buf *got,
	struct buf *want)
{
	char path[128];

	if (f == F_TITLE) {
		add_str(got, feed->title);
		expected_value(st, json, "$.title", want);
		if (!strcmp(want->data, "null") || !strcmp(want->data, "")) {
			buf_reset(want);
			buf_adds(want, "null");
		} else {
			/* quote the expected text as add_str() does */
			char *w = buf_detach(want, NULL);

			add_str(want, w);
			free(w);
		}
		return;
	}
	if (f == F_COUNT) {
		buf_printf(got, "%zu", feed->nitems);
		expected_value(st, json, "$.episodes", want);
		sqlite3_reset(st);
		buf_reset(want);
		buf_printf(want, "%ld", neps);
		return;
	}
	buf_addc(got, '[');
	buf_addc(want, '[');
	for (long i = 0; i < neps; i++) {
		const struct doc *d = eps[i];
		struct buf v = BUF_INIT;

		if (i) {
			buf_addc(got, ',');
			buf_addc(want, ',');
		}
		switch (f) {
		case F_EP_TITLE:
			add_str(got, d ? d->title : NULL);
			snprintf(path, sizeof(path), "$.episodes[%ld].title", i);
			expected_value(st, json, path, &v);
			/* gpodder writes an unknown title as "" */
			if (!strcmp(v.data, "null") || !*v.data)
				buf_adds(want, "null");
			else
				add_str(want, v.data);
			break;
		case F_GUID:
			add_str(got, d ? d->guid : NULL);
			snprintf(path, sizeof(path), "$.episodes[%ld].guid", i);
			expected_value(st, json, path, &v);
			if (!strcmp(v.data, "null") || !*v.data)
				buf_adds(want, "null");
			else
				add_str(want, v.data);
			break;
		case F_DURATION:
			/* gpodder: whole seconds, 0 when unknown */
			buf_printf(got, "%lld", d && d->duration_s > 0 ?
				(long long)d->duration_s : 0LL);
			snprintf(path, sizeof(path), "$.episodes[%ld].total_time", i);
			expected_value(st, json, path, want);
			break;
		case F_PUBLISHED:
			/* gpodder: seconds since the epoch, 0 when unknown */
			buf_printf(got, "%lld", d ? epoch_of(d) : 0LL);
			snprintf(path, sizeof(path), "$.episodes[%ld].published", i);
			expected_value(st, json, path, want);
			break;
		case F_ENCLOSURES:
			buf_addc(got, '[');
			for (size_t j = 0; d && j < d->nenclosures; j++) {
				if (j)
					buf_addc(got, ',');
				add_str(got, d->enclosures[j].url);
			}
			buf_addc(got, ']');
			buf_addc(want, '[');
			for (int j = 0; ; j++) {
				struct buf u = BUF_INIT;

				snprintf(path, sizeof(path),
					"$.episodes[%ld].enclosures[%d].url", i, j);
				expected_value(st, json, path, &u);
				if (!strcmp(u.data, "null")) {
					buf_release(&u);
					break;
				}
				if (j)
					buf_addc(want, ',');
				add_str(want, u.data);
				buf_release(&u);
			}
			buf_addc(want, ']');
			break;
		case F_TRANSCRIPT:
			add_str(got, d && d->ntranscripts ? d->transcripts[0].url : NULL);
			snprintf(path, sizeof(path), "$.episodes[%ld].transcript_url", i);
			expected_value(st, json, path, &v);
			if (!strcmp(v.data, "null"))
				buf_adds(want, "null");
			else
				add_str(want, v.data);
			break;
		default:
			break;
		}
		buf_release(&v);
	}
	buf_addc(got, ']');
	buf_addc(want, ']');
}

static void run_case(const char *dir, const char *name, sqlite3_stmt *st,
	sqlite3_stmt *count)
{
	char path[8300], url[4096], what[512];
	size_t len, jlen;
	char *rss, *json;
	struct feed feed;
	struct doc **eps, **sorted;
	char *used;
	long neps = 0;
	int rc;

	snprintf(path, sizeof(path), "%s/%s.rss", dir, name);
	rss = slurp(path, &len);
	snprintf(path, sizeof(path), "%s/%s.json", dir, name);
	json = slurp(path, &jlen);
	if (!rss || !json) {
		free(rss);
		free(json);
		return;
	}
	/* podcastparser parses each file as fetched from file://tests/data/ */
	snprintf(url, sizeof(url), "file://tests/data/%s.rss", name);
	rc = feed_parse(rss, len, url, &feed);
	snprintf(what, sizeof(what), "%s: parses", name);
	check(what, rc == 0);

	sqlite3_reset(count);
	sqlite3_bind_text(count, 1, json, -1, SQLITE_STATIC);
	if (sqlite3_step(count) == SQLITE_ROW)
		neps = sqlite3_column_int(count, 0);
	sqlite3_reset(count);

	/* Pair each expected episode with ours: by GUID, else the next one
	 * in podcastparser's order (newest first). */
	sorted = calloc(feed.nitems + 1, sizeof(*sorted));
	used = calloc(feed.nitems + 1, 1);
	eps = calloc((size_t)neps + feed.nitems + 1, sizeof(*eps));
	for (size_t i = 0; i < feed.nitems; i++)
		sorted[i] = &feed.items[i];
	qsort(sorted, feed.nitems, sizeof(*sorted), by_published);
	for (long i = 0; i < neps; i++) {
		struct buf g = BUF_INIT;

		snprintf(path, sizeof(path), "$.episodes[%ld].guid", i);
		expected_value(st, json, path, &g);
		for (size_t j = 0; j < feed.nitems && !eps[i]; j++)
			if (!used[j] && sorted[j]->guid && !strcmp(sorted[j]->guid, g.data))
				eps[i] = sorted[j], used[j] = 1;
		for (size_t j = 0; j < feed.nitems && !eps[i]; j++)
			if (!used[j])
				eps[i] = sorted[j], used[j] = 1;
		buf_release(&g);
	}

	for (int f = 0; f < F_NFIELDS; f++) {
		struct buf got = BUF_INIT, want = BUF_INIT;
		const char *o = override_for(name, (enum field)f);

		summarize((enum field)f, &feed, eps, json, st, neps, &got, &want);
		snprintf(what, sizeof(what), "%s: %s%s", name, field_names[f],
			o ? " (our choice, see overrides)" : "");
		check_str(what, got.data, o ? o : want.data);
		buf_release(&got);
		buf_release(&want);
	}
	free(eps);
	free(sorted);
	free(used);
	feed_release(&feed);
	free(rss);
	free(json);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
	const char *shared = getenv("EVIDEX_SHARED");
	char dir[4096];
	DIR *d;
	struct dirent *e;
	char **names = NULL;
	size_t n = 0;
	sqlite3 *db;
	sqlite3_stmt *st = NULL, *count = NULL;

	snprintf(dir, sizeof(dir), "%s/data/podcasts/gpodder",
		shared ? shared : "../shared");
	if (!(d = opendir(dir))) {
		printf("# skip: no gpodder data at %s\n", dir);
		skip(1, "gpodder data absent");
		return test_done();
	}
	while ((e = readdir(d))) {
		size_t l = strlen(e->d_name);

		if (l > 4 && !strcmp(e->d_name + l - 4, ".rss")) {
			names = realloc(names, (n + 1) * sizeof(*names));
			names[n++] = strndup(e->d_name, l - 4);
		}
	}
	closedir(d);
	qsort(names, n, sizeof(*names), cmp_str);

	db = json_db();
	check("json_db opens", db != NULL);
	if (!db)
		return test_done();
	sqlite3_prepare_v2(db, "SELECT json_extract(?1, ?2)", -1, &st, NULL);
	sqlite3_prepare_v2(db,
		"SELECT coalesce(json_array_length(?1, '$.episodes'), 0)", -1,
		&count, NULL);
	for (size_t i = 0; i < n; i++) {
		run_case(dir, names[i], st, count);
		free(names[i]);
	}
	free(names);
	sqlite3_finalize(st);
	sqlite3_finalize(count);
	return test_done();
}
