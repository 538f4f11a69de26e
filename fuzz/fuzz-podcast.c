/*
 * libFuzzer target for indexer/podcast: the first byte picks what reads
 * the rest: show notes (as an episode's content, then as its summary),
 * a transcript (sniffed, or with a MIME type) or chapters JSON.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/doc.h"
#include "core/log.h"
#include "indexer/podcast.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const types[] = {
		NULL, "application/json", "text/vtt", "application/x-subrip",
		"text/html", "text/plain",
	};
	struct doc d;
	char *copy;
	int pick;

	if (size < 1)
		return 0;
	log_level = 0;
	pick = data[0] % 9;
	copy = xmalloc(size);      /* size - 1 bytes and a NUL */
	memcpy(copy, data + 1, size - 1);
	copy[size - 1] = '\0';
	doc_init(&d);
	d.kind = DOC_EPISODE;
	switch (pick) {
	case 0:
		d.content = xstrdup(copy);
		podcast_shownotes(&d);
		break;
	case 1:
		d.summary = xstrdup(copy);
		podcast_shownotes(&d);
		break;
	case 2:
		podcast_chapter_passages(copy, size - 1, &d);
		break;
	default:
		podcast_transcript_passages(copy, size - 1, types[pick - 3], NULL, &d);
		break;
	}
	for (size_t i = 0; i < d.npassages; i++)
		if (!d.passages[i].text)
			abort();
	doc_release(&d);
	free(copy);
	return 0;
}
