/* libFuzzer target: the feed parser, then its JSON writer. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../core/buf.h"
#include "../core/log.h"
#include "../indexer/feed.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = malloc(size + 1);
	struct feed f;
	struct buf out = BUF_INIT;

	if (!copy)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	if (feed_parse(copy, size, "https://fuzz.example/dir/feed.xml", &f) == 0)
		feed_to_json(&f, &out);
	feed_release(&f);
	buf_release(&out);
	free(copy);
	return 0;
}
