/* libFuzzer target: the OPML reader, then the writer and a re-read. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../core/buf.h"
#include "../indexer/opml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = malloc(size + 1);
	struct opml o = OPML_INIT, back = OPML_INIT;
	struct buf out = BUF_INIT;

	if (!copy)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	if (opml_parse(copy, size, &o) == 0 && opml_write(&o, copy, &out) == 0) {
		/* what we write we must read back, entry for entry */
		if (opml_parse(out.data, out.len, &back) < 0 || back.n != o.n)
			abort();
	}
	opml_release(&o);
	opml_release(&back);
	buf_release(&out);
	free(copy);
	return 0;
}
