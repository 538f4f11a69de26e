#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../core/buf.h"
#include "../core/doc.h"
#include "../core/log.h"
#include "../indexer/extract.h"
#include "../indexer/html.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Runs the page extractor and the fragment renderer on the bytes. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = malloc(size + 1);
	struct doc d;
	struct buf b = BUF_INIT;
	struct buf out = BUF_INIT;

	if (!copy)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	log_level = 0;
	doc_init(&d);
	if (extract_html(copy, size, "https://example.org/a/b", NULL, &d) == 0)
		extract_to_json(&d, &out);
	doc_release(&d);
	html_fragment_text(copy, size, &b);
	buf_release(&b);
	buf_release(&out);
	free(copy);
	return 0;
}
