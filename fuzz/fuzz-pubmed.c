/*
 * libFuzzer target for indexer/pubmed: the first byte picks the parser
 * (EFetch PubmedArticleSet, ESearch XML/JSON, ESearch source URL); the
 * rest is copied and handed to it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../core/log.h"
#include "../indexer/pubmed.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct doc *docs;
	struct esearch_result r;
	struct pubmed_query q;
	struct buf b = BUF_INIT;
	size_t n;
	char *copy, *base;

	if (size < 1)
		return 0;
	log_level = -1;
	copy = malloc(size);
	if (!copy)
		return 0;
	memcpy(copy, data + 1, size - 1);
	copy[size - 1] = '\0';
	switch (data[0] % 3) {
	case 0:
		if (pubmed_parse(copy, size - 1, &docs, &n) >= 0)
			pubmed_docs_free(docs, n);
		break;
	case 1:
		esearch_parse(copy, size - 1, &r);
		esearch_result_release(&r);
		break;
	default:
		if (pubmed_source_parse(copy, &base, &q) == 0) {
			pubmed_esearch_url(&b, base, &q);
			free(base);
		}
		pubmed_query_release(&q);
		buf_release(&b);
		break;
	}
	free(copy);
	return 0;
}
