/*
 * libFuzzer target for the page checks run on outside text: teaser
 * detection on a feed item's summary and content (the input, split at
 * the first NUL) and HTML sniffing of a body.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../core/doc.h"
#include "../core/log.h"
#include "../indexer/pages.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = xmalloc(size + 1);
	size_t first;
	struct doc d;

	memcpy(copy, data, size);
	copy[size] = '\0';
	first = strlen(copy);
	doc_init(&d);
	d.url = xstrdup("http://example.org/item");
	d.summary = xstrdup(copy);
	(void)page_is_teaser(&d);
	if (first < size) {
		d.content = xstrdup(copy + first + 1);
		(void)page_is_teaser(&d);
	}
	doc_release(&d);
	(void)page_is_html(NULL, copy, size);
	(void)page_is_html(copy, copy, size);
	free(copy);
	return 0;
}
