#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/HTMLparser.h>

#include "../core/buf.h"
#include "../core/doc.h"
#include "../core/log.h"
#include "../indexer/extract.h"

/*
 * bench-extract DIR [ROUNDS]: throughput of extract_html() over every
 * *.html file in DIR, beside libxml2's bare htmlReadMemory() parse of the
 * same bytes in the same run. Prints MB/s for both and their ratio.
 */

struct page {
	char *data;
	size_t len;
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int load(const char *dir, struct page **pages, size_t *n, size_t *bytes)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return error("cannot open '%s'", dir);
	while ((e = readdir(d)) != NULL) {
		char path[4096];
		struct buf b = BUF_INIT;
		char chunk[65536];
		size_t k;
		FILE *fp;

		if (!strstr(e->d_name, ".html"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (!(fp = fopen(path, "rb")))
			continue;
		while ((k = fread(chunk, 1, sizeof(chunk), fp)) > 0)
			buf_add(&b, chunk, k);
		fclose(fp);
		*pages = xrealloc(*pages, (*n + 1) * sizeof(**pages));
		(*pages)[*n].data = buf_detach(&b, &(*pages)[*n].len);
		*bytes += (*pages)[*n].len;
		(*n)++;
	}
	closedir(d);
	return 0;
}

int main(int argc, char **argv)
{
	struct page *pages = NULL;
	size_t n = 0, bytes = 0;
	int rounds = argc > 2 ? atoi(argv[2]) : 5;
	double t0, bare, ext, mb;

	if (argc < 2) {
		fprintf(stderr, "usage: bench-extract DIR [ROUNDS]\n");
		return 2;
	}
	if (load(argv[1], &pages, &n, &bytes) < 0 || n == 0)
		return 1;
	if (rounds < 1)
		rounds = 1;
	log_level = 0;
	t0 = now();
	for (int r = 0; r < rounds; r++)
		for (size_t i = 0; i < n; i++) {
			htmlDocPtr doc = htmlReadMemory(pages[i].data,
				(int)pages[i].len, NULL, NULL,
				HTML_PARSE_NONET | HTML_PARSE_NOERROR |
				HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER);
			xmlFreeDoc(doc);
		}
	bare = now() - t0;
	t0 = now();
	for (int r = 0; r < rounds; r++)
		for (size_t i = 0; i < n; i++) {
			struct doc d;

			doc_init(&d);
			extract_html(pages[i].data, pages[i].len,
				     "https://example.org/", NULL, &d);
			doc_release(&d);
		}
	ext = now() - t0;
	mb = (double)bytes * rounds / 1e6;
	printf("extract pages=%zu bytes=%zu rounds=%d\n", n, bytes, rounds);
	printf("bare-parse %.1f MB/s\n", mb / bare);
	printf("extract    %.1f MB/s\n", mb / ext);
	printf("ratio extract/bare-parse %.2f (target >= 0.50)\n", bare / ext);
	for (size_t i = 0; i < n; i++)
		free(pages[i].data);
	free(pages);
	return 0;
}
