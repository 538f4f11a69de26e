/*
 * evidex parse: runs the feed parser (or the transcript parser) on a
 * file, offline, and prints what it found. Exit status: 0 parsed, 1 the
 * file could not be read or parsed, 2 usage error.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "../core/buf.h"
#include "../core/date.h"
#include "../core/limits.h"
#include "../core/log.h"
#include "../indexer/feed.h"
#include "../indexer/transcript.h"


static const char usage_text[] =
	"usage: evidex parse [--url BASE] [--format text|json] FILE\n"
	"       evidex parse --transcript [--format text|json] FILE\n";

/* Prints 'label: value' when value is set. */
static void field(const char *label, const char *value)
{
	if (value && *value)
		printf("%s: %s\n", label, value);
}

/* Prints a body of text indented under its label. */
static void block(const char *label, const char *text)
{
	if (!text || !*text)
		return;
	printf("%s:\n", label);
	for (const char *p = text; *p;) {
		size_t n = strcspn(p, "\n");

		printf("    %.*s\n", (int)n, p);
		p += n;
		if (*p)
			p++;
	}
}

static void print_feed_text(const struct feed *f)
{
	field("format", f->format);
	field("title", f->title);
	field("link", f->link);
	field("author", f->author);
	field("language", f->language);
	field("image", f->image);
	field("new-feed-url", f->new_feed_url);
	block("description", f->description);
	printf("items: %zu\n", f->nitems);
	for (size_t i = 0; i < f->nitems; i++) {
		const struct doc *d = &f->items[i];
		char clock[16];

		printf("\n[%zu] %s (%s)\n", i + 1, d->title ? d->title : "(untitled)",
			doc_kind_name(d->kind));
		field("guid", d->guid);
		field("link", d->url);
		field("published", d->published);
		field("updated", d->updated);
		for (size_t j = 0; j < d->authors.n; j++)
			field("author", d->authors.v[j]);
		if (d->duration_s >= 0) {
			clock_format(d->duration_s, clock);
			field("duration", clock);
		}
		if (d->season >= 0)
			printf("season: %d\n", d->season);
		if (d->episode >= 0)
			printf("episode: %d\n", d->episode);
		field("episode-type", d->episode_type);
		for (size_t j = 0; j < d->nenclosures; j++)
			printf("enclosure: %s %s %lld\n", d->enclosures[j].url,
				d->enclosures[j].type ? d->enclosures[j].type : "-",
				d->enclosures[j].length);
		for (size_t j = 0; j < d->ntranscripts; j++)
			printf("transcript: %s %s %s\n", d->transcripts[j].url,
				d->transcripts[j].type ? d->transcripts[j].type : "-",
				d->transcripts[j].language ? d->transcripts[j].language : "-");
		field("chapters", d->chapters_url);
		for (size_t j = 0; j < d->npersons; j++)
			printf("person: %s (%s)\n", d->persons[j].name,
				d->persons[j].role ? d->persons[j].role : "-");
		block("summary", d->summary);
		block("content", d->content);
	}
}

static void print_transcript_text(const struct transcript *t)
{
	for (size_t i = 0; i < t->n; i++) {
		const struct segment *s = &t->v[i];
		char clock[16] = "-";

		if (s->start_s >= 0)
			clock_format(s->start_s, clock);
		printf("[%s] %s%s%s\n", clock, s->speaker ? s->speaker : "",
			s->speaker ? ": " : "", s->text);
	}
}

int cmd_parse(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "url", required_argument, NULL, 'u' },
		{ "format", required_argument, NULL, 'f' },
		{ "transcript", no_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct buf data = BUF_INIT_MAX(LIMIT_BODY_BYTES + 1);
	struct buf out = BUF_INIT;
	const char *base = NULL, *path;
	int json = 0, transcript = 0, c, ret = 1;

	while ((c = getopt_long(argc, argv, "u:f:th", opts, NULL)) != -1) {
		switch (c) {
		case 'u':
			base = optarg;
			break;
		case 'f':
			if (!strcmp(optarg, "json")) {
				json = 1;
			} else if (!strcmp(optarg, "text")) {
				json = 0;
			} else {
				error("unknown format '%s' (text or json)", optarg);
				fputs(usage_text, stderr);
				return 2;
			}
			break;
		case 't':
			transcript = 1;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return 0;
		default:
			fputs(usage_text, stderr);
			return 2;
		}
	}
	if (optind != argc - 1) {
		fputs(usage_text, stderr);
		return 2;
	}
	path = argv[optind];
	if (buf_read_file(&data, path) < 0)
		goto out;

	if (transcript) {
		struct transcript t = TRANSCRIPT_INIT;
		enum transcript_format fmt =
			transcript_format_of(NULL, path, data.data, data.len);

		if (transcript_parse(data.data, data.len, fmt, &t) < 0) {
			error("cannot parse transcript '%s'", path);
			transcript_release(&t);
			goto out;
		}
		if (json) {
			if (transcript_to_json(&t, &out) == 0)
				printf("%s\n", out.data);
		} else {
			print_transcript_text(&t);
		}
		transcript_release(&t);
	} else {
		struct feed f;

		if (feed_parse(data.data, data.len, base, &f) < 0) {
			error("cannot parse '%s' as a feed", path);
			goto out;
		}
		if (json) {
			if (feed_to_json(&f, &out) == 0)
				printf("%s\n", out.data);
			else
				error("feed '%s' is too large to print as JSON", path);
		} else {
			print_feed_text(&f);
		}
		feed_release(&f);
	}
	ret = 0;
	if (fflush(stdout) || ferror(stdout))
		ret = error("cannot write to standard output");
	ret = ret ? 1 : 0;
out:
	buf_release(&data);
	buf_release(&out);
	return ret;
}
