#ifndef EVIDEX_LOG_H
#define EVIDEX_LOG_H

#include <stddef.h>

/*
 * Messages go to stderr as "evidex: ..." (results alone go to stdout).
 * log_level: 0 quiet (errors only), 1 normal, 2 verbose (-v).
 */
extern int log_level;

/* Prints "evidex: error: ..." and returns -1, for 'return error(...)'. */
int error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints "evidex: warning: ..." unless quiet. */
void warnf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints "evidex: ..." unless quiet. */
void notef(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints "evidex: ..." only when verbose. */
void verbosef(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints "evidex: fatal: ..." and exits 1; only for what cannot go on (OOM). */
_Noreturn void die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Allocators that die on out-of-memory. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* xstrdup(s), or NULL when s is NULL. */
char *xstrdup_or_null(const char *s);

#endif
