#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>

#include "date.h"
#include "log.h"

static const char *const months[] = {
	"jan", "feb", "mar", "apr", "may", "jun",
	"jul", "aug", "sep", "oct", "nov", "dec",
};

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Reads exactly 'n' digits at *p into *v; advances. */
static int digits(const char **p, int n, int *v)
{
	int x = 0;

	for (int i = 0; i < n; i++) {
		if (!is_digit((*p)[i]))
			return -1;
		x = x * 10 + ((*p)[i] - '0');
	}
	*p += n;
	*v = x;
	return 0;
}

static int days_in_month(int y, int m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

/* What a parse found: 1 year, 2 month, 3 day, 4 time. */
struct when {
	int y, mo, d, h, mi, s;
	long off;  /* seconds east of UTC */
	int have;
};

static char *when_format(const struct when *w)
{
	char out[32];

	if (w->y < 1000 || w->y > 9999)
		return NULL;
	if (w->have >= 2 && (w->mo < 1 || w->mo > 12))
		return NULL;
	if (w->have >= 3 && (w->d < 1 || w->d > days_in_month(w->y, w->mo)))
		return NULL;
	if (w->have >= 4) {
		struct tm tm = { 0 };
		time_t t;

		if (w->h > 24 || w->mi > 59 || w->s > 60)
			return NULL;
		tm.tm_year = w->y - 1900;
		tm.tm_mon = w->mo - 1;
		tm.tm_mday = w->d;
		tm.tm_hour = w->h;
		tm.tm_min = w->mi;
		tm.tm_sec = w->s > 59 ? 59 : w->s;
		t = timegm(&tm) - w->off;
		date_format(t, out);
	} else if (w->have == 3) {
		snprintf(out, sizeof(out), "%04d-%02d-%02d", w->y, w->mo, w->d);
	} else if (w->have == 2) {
		snprintf(out, sizeof(out), "%04d-%02d", w->y, w->mo);
	} else {
		snprintf(out, sizeof(out), "%04d", w->y);
	}
	return xstrdup(out);
}

/* "Z", "+02:00", "-0400", "+02", or nothing. -1 on junk. */
static int parse_offset(const char **p, long *off)
{
	const char *s = *p;
	int sign, hh, mm = 0;

	while (*s == ' ')
		s++;
	if (*s == 'Z' || *s == 'z') {
		*off = 0;
		*p = s + 1;
		return 0;
	}
	if (*s != '+' && *s != '-')
		return -1;
	sign = *s == '-' ? -1 : 1;
	s++;
	if (digits(&s, 2, &hh) < 0)
		return -1;
	if (*s == ':')
		s++;
	if (is_digit(*s) && digits(&s, 2, &mm) < 0)
		return -1;
	if (hh > 23 || mm > 59)
		return -1;
	*off = sign * (hh * 3600L + mm * 60L);
	*p = s;
	return 0;
}

static int only_space(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	return *s == '\0';
}

/* ISO 8601 / RFC 3339 and their common relatives. */
static char *parse_iso(const char *s)
{
	struct when w = { 0 };
	const char *p = s;

	if (digits(&p, 4, &w.y) < 0)
		return NULL;
	w.have = 1;
	if (only_space(p))
		return when_format(&w);
	if (is_digit(*p)) {         /* 20230905 */
		if (digits(&p, 2, &w.mo) < 0 || digits(&p, 2, &w.d) < 0)
			return NULL;
		w.have = 3;
	} else {
		if (*p != '-' && *p != '/' && *p != '.')
			return NULL;
		char sep = *p++;
		if (digits(&p, 2, &w.mo) < 0) {
			if (!is_digit(*p) || digits(&p, 1, &w.mo) < 0)
				return NULL;
		}
		w.have = 2;
		if (*p == sep) {
			p++;
			if (digits(&p, 2, &w.d) < 0) {
				if (!is_digit(*p) || digits(&p, 1, &w.d) < 0)
					return NULL;
			}
			w.have = 3;
		}
	}
	if (only_space(p))
		return when_format(&w);
	if (w.have < 3 || (*p != 'T' && *p != 't' && *p != ' '))
		return NULL;
	p++;
	if (digits(&p, 2, &w.h) < 0 || *p++ != ':' || digits(&p, 2, &w.mi) < 0)
		return NULL;
	if (*p == ':') {
		p++;
		if (digits(&p, 2, &w.s) < 0)
			return NULL;
		if (*p == '.' || *p == ',') {
			p++;
			while (is_digit(*p))
				p++;
		}
	}
	w.have = 4;
	if (!only_space(p) && parse_offset(&p, &w.off) < 0)
		return NULL;
	if (!only_space(p))
		return NULL;
	return when_format(&w);
}

static int month_of(const char *s)
{
	for (int i = 0; i < 12; i++)
		if (!strncasecmp(s, months[i], 3))
			return i + 1;
	return 0;
}

/* RFC 822/1123/2822 and sloppy variants: [Day,] D Mon YYYY [HH:MM[:SS]] [zone]. */
static char *parse_rfc822(const char *s)
{
	struct when w = { 0 };
	const char *p = s;
	char *end;
	long v;

	while (*p == ' ')
		p++;
	if (isalpha((unsigned char)*p)) {   /* day name, ignored */
		while (isalpha((unsigned char)*p))
			p++;
		if (*p == ',')
			p++;
		while (*p == ' ')
			p++;
	}
	v = strtol(p, &end, 10);
	if (end == p || v < 1 || v > 31)
		return NULL;
	w.d = (int)v;
	p = end;
	while (*p == ' ' || *p == '-')
		p++;
	if (!(w.mo = month_of(p)))
		return NULL;
	while (isalpha((unsigned char)*p))
		p++;
	while (*p == ' ' || *p == '-' || *p == '.')
		p++;
	v = strtol(p, &end, 10);
	if (end == p || v < 0)
		return NULL;
	if (end - p == 2)
		v += v < 50 ? 2000 : 1900;
	w.y = (int)v;
	p = end;
	w.have = 3;
	while (*p == ' ')
		p++;
	if (is_digit(*p)) {
		v = strtol(p, &end, 10);
		if (*end != ':' || v > 24)
			return NULL;
		w.h = (int)v;
		p = end + 1;
		if (digits(&p, 2, &w.mi) < 0)
			return NULL;
		if (*p == ':') {
			p++;
			if (digits(&p, 2, &w.s) < 0)
				return NULL;
		}
		w.have = 4;
		while (*p == ' ')
			p++;
		if (*p == '+' || *p == '-') {
			if (parse_offset(&p, &w.off) < 0)
				return NULL;
		} else if (*p) {
			static const struct { const char *name; int hours; } zones[] = {
				{ "UT", 0 }, { "UTC", 0 }, { "GMT", 0 }, { "Z", 0 },
				{ "EST", -5 }, { "EDT", -4 }, { "CST", -6 }, { "CDT", -5 },
				{ "MST", -7 }, { "MDT", -6 }, { "PST", -8 }, { "PDT", -7 },
				{ "BST", 1 }, { "CET", 1 }, { "CEST", 2 },
			};
			size_t n = 0;
			while (isalpha((unsigned char)p[n]))
				n++;
			for (size_t i = 0; i < sizeof(zones) / sizeof(*zones); i++) {
				if (strlen(zones[i].name) == n && !strncasecmp(p, zones[i].name, n)) {
					w.off = zones[i].hours * 3600L;
					break;
				}
			}
		}
	}
	return when_format(&w);
}

char *date_iso(const char *s)
{
	char *r;
	time_t t;
	char out[21];

	if (!s)
		return NULL;
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	if (!*s || strlen(s) > 200)
		return NULL;
	if ((r = parse_iso(s)) || (r = parse_rfc822(s)))
		return r;
	t = curl_getdate(s, NULL);
	if (t == -1 || t < 0 || t > 253402300799)   /* after 9999-12-31 */
		return NULL;
	date_format(t, out);
	return xstrdup(out);
}

long long date_epoch(const char *iso)
{
	struct when w = { 0 };
	const char *p = iso;
	struct tm tm = { 0 };

	if (!iso || digits(&p, 4, &w.y) < 0)
		return -1;
	w.mo = w.d = 1;
	if (*p == '-') {
		p++;
		if (digits(&p, 2, &w.mo) < 0)
			return -1;
		if (*p == '-') {
			p++;
			if (digits(&p, 2, &w.d) < 0)
				return -1;
			if (*p == 'T') {
				p++;
				if (digits(&p, 2, &w.h) < 0 || *p++ != ':' ||
				    digits(&p, 2, &w.mi) < 0 || *p++ != ':' ||
				    digits(&p, 2, &w.s) < 0)
					return -1;
			}
		}
	}
	tm.tm_year = w.y - 1900;
	tm.tm_mon = w.mo - 1;
	tm.tm_mday = w.d;
	tm.tm_hour = w.h;
	tm.tm_min = w.mi;
	tm.tm_sec = w.s;
	return (long long)timegm(&tm);
}

void date_format(time_t t, char out[21])
{
	struct tm tm;

	/* years outside 0000-9999 do not fit the format: clamp to the epoch */
	if (!gmtime_r(&t, &tm) || tm.tm_year < -1900 || tm.tm_year > 9999 - 1900 ||
	    strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		strcpy(out, "1970-01-01T00:00:00Z");
}

long long duration_parse(const char *s)
{
	long long total = 0;
	int any = 0;

	if (!s || !*s)
		return -1;
	while (*s) {
		char *end;
		long long v, unit;

		if (!is_digit(*s))
			return -1;
		v = strtoll(s, &end, 10);
		if (v < 0 || v > 100LL * 365 * 86400)
			return -1;
		switch (*end) {
		case '\0': unit = 1; break;
		case 's': unit = 1; break;
		case 'm': unit = 60; break;
		case 'h': unit = 3600; break;
		case 'd': unit = 86400; break;
		case 'w': unit = 7 * 86400; break;
		default: return -1;
		}
		total += v * unit;
		any = 1;
		s = *end ? end + 1 : end;
		if (total > 100LL * 365 * 86400)
			return -1;
	}
	return any ? total : -1;
}

double clock_parse(const char *s)
{
	double parts[3] = { 0, 0, 0 };
	int n = 0, fraction_seen = 0;
	const char *p = s;

	if (!s)
		return -1;
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	if (!*p)
		return -1;
	for (;;) {
		double v = 0, scale = 0.1;

		if (!is_digit(*p) || fraction_seen)
			return -1;
		while (is_digit(*p)) {
			v = v * 10 + (*p++ - '0');
			if (v > 1e9)
				return -1;
		}
		if (*p == '.' || *p == ',') {
			p++;
			fraction_seen = 1;
			while (is_digit(*p)) {
				v += (*p++ - '0') * scale;
				scale /= 10;
			}
		}
		if (n == 3)
			return -1;   /* "1:2:3:4" is no duration */
		parts[n++] = v;
		while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			p++;
		if (*p == '\0')
			break;
		if (*p++ != ':')
			return -1;
	}
	if (n == 1)
		return parts[0];
	/* below the first field, minutes and seconds stay under 60 */
	if (parts[n - 1] >= 60 || (n == 3 && parts[1] >= 60))
		return -1;
	if (n == 2)
		return parts[0] * 60 + parts[1];
	return parts[0] * 3600 + parts[1] * 60 + parts[2];
}

void clock_format(double seconds, char out[16])
{
	unsigned t = seconds < 0 ? 0 : seconds > 3.6e8 ? 360000000u : (unsigned)seconds;

	if (t >= 3600)
		snprintf(out, 16, "%u:%02u:%02u", t / 3600, (t / 60) % 60, t % 60);
	else
		snprintf(out, 16, "%u:%02u", t / 60, t % 60);
}
