#ifndef EVIDEX_BUF_H
#define EVIDEX_BUF_H

#include <stdarg.h>
#include <stddef.h>

/*
 * A growable byte buffer, always NUL-terminated (like git's strbuf).
 * 'max' bounds how large it may grow: an append that would pass it fails
 * with -1 and leaves the buffer as it was (like curl's dynbuf). A buffer
 * set up with BUF_INIT needs no other call before use; buf_release()
 * frees it and leaves it ready for reuse.
 */
struct buf {
	char *data;
	size_t len, cap, max;
};

extern char buf_empty[];

#define BUF_DEFAULT_MAX ((size_t)64 << 20)
#define BUF_INIT_MAX(m) { buf_empty, 0, 0, (m) }
#define BUF_INIT BUF_INIT_MAX(BUF_DEFAULT_MAX)

/* Sets up 'b' as empty with limit 'max'. */
void buf_init(struct buf *b, size_t max);

/* Frees the memory of 'b' and leaves it empty, with the same limit. */
void buf_release(struct buf *b);

/* Empties 'b' but keeps its memory. */
void buf_reset(struct buf *b);

/*
 * Hands the contents to the caller (free() it); 'b' is left empty.
 * Never returns NULL: an empty buffer gives an allocated "".
 */
char *buf_detach(struct buf *b, size_t *len);

/* Makes room for 'extra' more bytes; -1 if that would pass b->max. */
int buf_grow(struct buf *b, size_t extra);

/* Appenders: each returns 0, or -1 (buffer unchanged) at the limit. */
int buf_add(struct buf *b, const void *data, size_t len);
int buf_adds(struct buf *b, const char *s);
int buf_addc(struct buf *b, int c);
int buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int buf_vprintf(struct buf *b, const char *fmt, va_list ap);

/* Shortens 'b' to 'len' bytes (no-op when already shorter). */
void buf_setlen(struct buf *b, size_t len);

/* Removes white space at both ends. */
void buf_trim(struct buf *b);

/*
 * Appends the whole of file 'path' ("-" for stdin). Returns 0, or -1 after
 * printing an error (cannot read it, or it passes b->max).
 */
int buf_read_file(struct buf *b, const char *path);

#endif
