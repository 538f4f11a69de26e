/*
 * libFuzzer target for indexer/transcript: the first byte picks what
 * reads the rest (JSON, VTT, SRT, HTML, text, sniffed, chapters, show
 * notes); whatever parses is also merged and written as JSON.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/log.h"
#include "indexer/transcript.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct transcript t, merged;
	struct buf json = BUF_INIT;
	char *copy;
	int pick;

	if (size < 1)
		return 0;
	log_level = 0;
	pick = data[0] % 8;
	copy = xmalloc(size);      /* size - 1 bytes and a NUL */
	memcpy(copy, data + 1, size - 1);
	copy[size - 1] = '\0';
	switch (pick) {
	case 6:
		chapters_parse(copy, size - 1, &t);
		break;
	case 7:
		shownotes_timestamps(copy, &t);
		break;
	default:
		transcript_parse(copy, size - 1, (enum transcript_format)pick, &t);
		break;
	}
	transcript_merge(&t, 30, 400, &merged);
	transcript_to_json(&merged, &json);
	transcript_release(&merged);
	transcript_release(&t);
	buf_release(&json);
	free(copy);
	return 0;
}
