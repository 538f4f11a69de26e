#ifndef EVIDEX_TEST_H
#define EVIDEX_TEST_H

/*
 * A tiny TAP producer for the C unit tests (after redis' test_cond).
 * Each check prints "ok N - what" or "not ok N - what"; test_done()
 * prints the plan and returns the exit status for main().
 */
#include <stdio.h>
#include <string.h>

#include "core/buf.h"

static int test_n, test_failed;

#define check(what, cond) do { \
	test_n++; \
	if (cond) { \
		printf("ok %d - %s\n", test_n, what); \
	} else { \
		test_failed++; \
		printf("not ok %d - %s (%s:%d)\n", test_n, what, __FILE__, __LINE__); \
	} \
} while (0)

/* Compares two strings, NULL-safe, and shows both on failure. */
#define check_str(what, got, want) do { \
	const char *g_ = (got), *w_ = (want); \
	int same_ = (g_ == NULL && w_ == NULL) || (g_ && w_ && !strcmp(g_, w_)); \
	check(what, same_); \
	if (!same_) \
		printf("#   got:  %s%s%s\n#   want: %s%s%s\n", \
			g_ ? "\"" : "", g_ ? g_ : "NULL", g_ ? "\"" : "", \
			w_ ? "\"" : "", w_ ? w_ : "NULL", w_ ? "\"" : ""); \
} while (0)

#define check_int(what, got, want) do { \
	long long g_ = (long long)(got), w_ = (long long)(want); \
	check(what, g_ == w_); \
	if (g_ != w_) \
		printf("#   got:  %lld\n#   want: %lld\n", g_, w_); \
} while (0)

/* Skips 'n' checks with a reason (TAP "# SKIP"). */
#define skip(n, why) do { \
	for (int i_ = 0; i_ < (n); i_++) \
		printf("ok %d # SKIP %s\n", ++test_n, why); \
} while (0)

/* The whole file at 'path' (free() it; *len set when not NULL), or NULL
 * when it cannot be read: tests use that to skip absent shared data. */
static inline char *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	struct buf b = BUF_INIT;
	char chunk[8192];
	size_t n;

	if (!fp)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_add(&b, chunk, n);
	fclose(fp);
	return buf_detach(&b, len);
}

static inline int test_done(void)
{
	printf("1..%d\n", test_n);
	return test_failed ? 1 : 0;
}

#endif
