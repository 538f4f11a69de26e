/* libFuzzer target: one line of 'evidex import' JSON Lines. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/doc.h"
#include "core/json.h"
#include "core/log.h"
#include "indexer/jsonl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct jsonl *j;
	char *line = xstrndup((const char *)data, size);
	const char *why;
	struct doc d;

	log_level = 0;
	if (!j)
		j = jsonl_new(json_db());
	doc_init(&d);
	jsonl_doc(j, line, strlen(line), &d, &why);
	doc_release(&d);
	free(line);
	return 0;
}
