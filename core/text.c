#include <string.h>

#include "text.h"

/* Length of the well-formed UTF-8 sequence at 's' (at most 'len'), or 0. */
static size_t utf8_seq(const unsigned char *s, size_t len, unsigned long *cp)
{
	unsigned long c;
	size_t n;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		n = 2;
		c = s[0] & 0x1F;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		n = 3;
		c = s[0] & 0x0F;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		n = 4;
		c = s[0] & 0x07;
	} else {
		return 0;
	}
	if (len < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) || c > 0x10FFFF ||
	    (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return n;
}

int utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned long cp;

	for (size_t i = 0; i < len;) {
		size_t n = utf8_seq(p + i, len - i, &cp);
		if (!n)
			return 0;
		i += n;
	}
	return 1;
}

int utf8_put(struct buf *out, unsigned long cp)
{
	char b[4];

	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	if (cp < 0x80) {
		b[0] = (char)cp;
		return buf_add(out, b, 1);
	}
	if (cp < 0x800) {
		b[0] = (char)(0xC0 | (cp >> 6));
		b[1] = (char)(0x80 | (cp & 0x3F));
		return buf_add(out, b, 2);
	}
	if (cp < 0x10000) {
		b[0] = (char)(0xE0 | (cp >> 12));
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (char)(0x80 | (cp & 0x3F));
		return buf_add(out, b, 3);
	}
	b[0] = (char)(0xF0 | (cp >> 18));
	b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	b[3] = (char)(0x80 | (cp & 0x3F));
	return buf_add(out, b, 4);
}

int utf8_sanitize(struct buf *out, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0;
	unsigned long cp;

	while (i < len) {
		size_t n = utf8_seq(p + i, len - i, &cp);
		if (n && !(cp < 0x20 && cp != '\t' && cp != '\n') && cp != 0x7F) {
			i += n;
			run += n;
			continue;
		}
		if (run && buf_add(out, s + i - run, run) < 0)
			return -1;
		run = 0;
		if (n) {
			if (buf_addc(out, cp == '\r' ? '\n' : ' ') < 0)
				return -1;
			i += n;
		} else {
			if (utf8_put(out, 0xFFFD) < 0)
				return -1;
			i++;
		}
	}
	if (run && buf_add(out, s + i - run, run) < 0)
		return -1;
	return 0;
}

/* Bytes of white space at 's': ASCII space class or U+00A0. */
static size_t space_at(const char *s)
{
	unsigned char c = (unsigned char)*s;

	if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
		return 1;
	if (c == 0xC2 && (unsigned char)s[1] == 0xA0)
		return 2;
	return 0;
}

int text_squeeze(struct buf *out, const char *s)
{
	int pending = 0, any = 0;

	while (*s) {
		size_t n = space_at(s);
		if (n) {
			pending = 1;
			s += n;
			continue;
		}
		if (pending && any && buf_addc(out, ' ') < 0)
			return -1;
		pending = 0;
		any = 1;
		if (buf_addc(out, *s++) < 0)
			return -1;
	}
	return 0;
}

char *text_squeezed(const char *s)
{
	struct buf b = BUF_INIT;

	if (!s)
		return NULL;
	text_squeeze(&b, s);
	if (!b.len) {
		buf_release(&b);
		return NULL;
	}
	return buf_detach(&b, NULL);
}

int hex_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int starts_with_ci(const char *s, const char *prefix)
{
	for (; *prefix; s++, prefix++) {
		unsigned char a = (unsigned char)*s, b = (unsigned char)*prefix;
		if (a >= 'A' && a <= 'Z')
			a += 32;
		if (b >= 'A' && b <= 'Z')
			b += 32;
		if (a != b)
			return 0;
	}
	return 1;
}

int json_str(struct buf *out, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	size_t run = 0;
	const char *p;

	if (!s)
		return buf_adds(out, "null");
	if (buf_addc(out, '"') < 0)
		return -1;
	for (p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;
		char esc[7];

		if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7F) {
			run++;
			continue;
		}
		if (run && buf_add(out, p - run, run) < 0)
			return -1;
		run = 0;
		switch (c) {
		case '"': strcpy(esc, "\\\""); break;
		case '\\': strcpy(esc, "\\\\"); break;
		case '\n': strcpy(esc, "\\n"); break;
		case '\r': strcpy(esc, "\\r"); break;
		case '\t': strcpy(esc, "\\t"); break;
		default:
			esc[0] = '\\'; esc[1] = 'u'; esc[2] = '0'; esc[3] = '0';
			esc[4] = hex[c >> 4]; esc[5] = hex[c & 15]; esc[6] = '\0';
		}
		if (buf_adds(out, esc) < 0)
			return -1;
	}
	if (run && buf_add(out, p - run, run) < 0)
		return -1;
	return buf_addc(out, '"');
}
