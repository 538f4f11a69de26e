/*
 * libFuzzer target for the robots.txt parser and matcher: the input is
 * split at the first NUL into a robots.txt and a list of paths (one a
 * line) that are matched against it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../core/log.h"
#include "../indexer/robots.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = xmalloc(size + 1), *paths, *line, *save = NULL;
	const char *agents[] = { "evidex", "foobot", NULL };
	size_t tlen;
	int i;

	memcpy(copy, data, size);
	copy[size] = '\0';
	tlen = strlen(copy); /* the robots.txt ends at the first NUL */
	paths = tlen < size ? copy + tlen + 1 : NULL;
	for (i = 0; i < 3; i++) {
		struct robots *r = robots_parse(copy, tlen, agents[i]);

		(void)robots_rule_count(r);
		(void)robots_crawl_delay_ms(r);
		(void)robots_allowed(r, "/");
		(void)robots_allowed(r, copy); /* the text itself as a path */
		if (paths && i == 0) {
			char *p = xstrdup(paths);

			for (line = strtok_r(p, "\n", &save); line;
			     line = strtok_r(NULL, "\n", &save))
				(void)robots_allowed(r, line);
			free(p);
		}
		robots_free(r);
	}
	free(copy);
	return 0;
}
