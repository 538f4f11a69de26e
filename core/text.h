#ifndef EVIDEX_TEXT_H
#define EVIDEX_TEXT_H

#include <stddef.h>

#include "buf.h"

/*
 * Text helpers shared by every parser. All take and give UTF-8; nothing
 * here allocates except where it says so.
 */

/*
 * Appends 'len' bytes of 's' to 'out' as valid UTF-8: each byte that does
 * not start a well-formed sequence (overlong, surrogate, > U+10FFFF,
 * truncated) becomes U+FFFD; NUL and C0 controls other than tab and
 * newline become a space. Returns -1 at out's limit.
 */
int utf8_sanitize(struct buf *out, const char *s, size_t len);

/* 1 when 'len' bytes of 's' are well-formed UTF-8, else 0. */
int utf8_valid(const char *s, size_t len);

/*
 * Appends 's' with every run of white space (ASCII and U+00A0) folded
 * into one space and both ends trimmed. Returns -1 at out's limit.
 */
int text_squeeze(struct buf *out, const char *s);

/* text_squeeze() into a new string (free() it); NULL when 's' is NULL
 * or holds only white space. */
char *text_squeezed(const char *s);

/* Appends the UTF-8 encoding of code point 'cp' (U+FFFD when invalid). */
int utf8_put(struct buf *out, unsigned long cp);

/* The value of hex digit 'c' (0-15), or -1 when it is not one. */
int hex_value(int c);

/* 1 when 's' begins with 'prefix', ignoring ASCII case. */
int starts_with_ci(const char *s, const char *prefix);

/* Appends 's' as a JSON string with quotes, or null when 's' is NULL. */
int json_str(struct buf *out, const char *s);

#endif
