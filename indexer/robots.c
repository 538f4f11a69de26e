#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/buf.h"
#include "../core/limits.h"
#include "../core/log.h"
#include "../core/text.h"
#include "robots.h"

/* Which groups a rule came from: ours, "*", or both. */
enum { KIND_MINE = 1, KIND_STAR = 2 };

struct rule {
	char *pat;      /* normalised, without a trailing '$' */
	size_t len;     /* its length in octets, '$' included: the priority */
	size_t plen;    /* strlen(pat) */
	int allow;
	int anchored;   /* ended in '$' */
	int kind;
};

struct robots {
	struct rule *rules;
	size_t nr, alloc;
	size_t n_mine, n_star;
	long delay_mine, delay_star, delay;
	int any_mine;
};

static int is_unreserved(int c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		(c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
		c == '~';
}

/*
 * Appends 's' in the one form patterns and paths are compared in:
 * %XX of an unreserved character decoded, other %xx upper-cased, octets
 * outside printable ASCII percent-encoded.
 */
static int normalise(struct buf *out, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i;
	int rc = 0;

	for (i = 0; i < n && !rc; i++) {
		unsigned char c = (unsigned char)s[i];
		int hi, lo;

		if (c == '%' && i + 2 < n &&
		    (hi = hex_value((unsigned char)s[i + 1])) >= 0 &&
		    (lo = hex_value((unsigned char)s[i + 2])) >= 0) {
			int v = hi * 16 + lo;

			if (is_unreserved(v)) {
				rc = buf_addc(out, v);
			} else {
				rc = buf_addc(out, '%');
				if (!rc)
					rc = buf_addc(out, hex[hi]);
				if (!rc)
					rc = buf_addc(out, hex[lo]);
			}
			i += 2;
		} else if (c <= 0x20 || c >= 0x7f) {
			rc = buf_addc(out, '%');
			if (!rc)
				rc = buf_addc(out, hex[c >> 4]);
			if (!rc)
				rc = buf_addc(out, hex[c & 15]);
		} else {
			rc = buf_addc(out, c);
		}
	}
	return rc;
}

static int is_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\v' || c == '\f';
}

/* Case-insensitive comparison of 'n' octets of 's' with NUL-terminated 'w'. */
static int key_is(const char *s, size_t n, const char *w)
{
	size_t i;

	if (strlen(w) != n)
		return 0;
	for (i = 0; i < n; i++) {
		unsigned char a = (unsigned char)s[i], b = (unsigned char)w[i];

		if (a >= 'A' && a <= 'Z')
			a = (unsigned char)(a - 'A' + 'a');
		if (a != b)
			return 0;
	}
	return 1;
}

static int token_char(int c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' ||
		c == '-';
}

/* 1 when the user-agent value 'v' names the product token 'agent'. */
static int agent_matches(const char *v, size_t n, const char *agent)
{
	size_t t = 0;

	while (t < n && token_char((unsigned char)v[t]))
		t++;
	if (!t)
		return 0;
	return strlen(agent) == t && !strncasecmp(v, agent, t);
}

/* Seconds ("10", "0.5") as milliseconds, at most a day; -1 when not a number. */
static long parse_delay(const char *v, size_t n)
{
	const long cap = 86400L * 1000;
	long ms = 0, frac = 100;
	size_t i = 0;

	if (!n || !((v[0] >= '0' && v[0] <= '9') || v[0] == '.'))
		return -1;
	for (; i < n && v[i] >= '0' && v[i] <= '9'; i++) {
		ms = ms * 10 + (v[i] - '0') * 1000;
		if (ms > cap)
			return cap;
	}
	if (i < n && v[i] == '.')
		for (i++; i < n && v[i] >= '0' && v[i] <= '9' && frac; i++) {
			ms += (v[i] - '0') * frac;
			frac /= 10;
		}
	return ms > cap ? cap : ms;
}

static void add_rule(struct robots *r, int kind, int allow, const char *v, size_t n)
{
	struct buf b = BUF_INIT_MAX(ROBOTS_MAX_PATTERN * 3 + 2);
	struct rule *ru;
	int anchored = 0;

	if (!n || n > ROBOTS_MAX_PATTERN)
		return; /* empty rules match nothing */
	if (!(kind & KIND_MINE && r->n_mine < ROBOTS_MAX_RULES) &&
	    !(kind & KIND_STAR && r->n_star < ROBOTS_MAX_RULES))
		return;
	if (v[n - 1] == '$') {
		anchored = 1;
		n--;
	}
	if (!n || (v[0] != '/' && v[0] != '*'))
		buf_addc(&b, '/');
	if (normalise(&b, v, n) < 0) {
		buf_release(&b);
		return;
	}
	if (r->nr == r->alloc) {
		r->alloc = r->alloc ? r->alloc * 2 : 16;
		r->rules = xrealloc(r->rules, r->alloc * sizeof(*r->rules));
	}
	ru = &r->rules[r->nr++];
	ru->plen = b.len;
	ru->len = b.len + (size_t)anchored;
	ru->pat = buf_detach(&b, NULL);
	ru->allow = allow;
	ru->anchored = anchored;
	ru->kind = kind;
	if (kind & KIND_MINE)
		r->n_mine++;
	if (kind & KIND_STAR)
		r->n_star++;
}

/* Longest first; Allow before Disallow at equal length. */
static int rule_cmp(const void *a, const void *b)
{
	const struct rule *x = a, *y = b;

	if (x->len != y->len)
		return x->len > y->len ? -1 : 1;
	return y->allow - x->allow;
}

struct robots *robots_allow_all(void)
{
	struct robots *r = xcalloc(1, sizeof(*r));

	r->delay = r->delay_mine = r->delay_star = -1;
	return r;
}

struct robots *robots_parse(const char *text, size_t len, const char *agent)
{
	struct robots *r = robots_allow_all();
	size_t pos = 0, i, keep;
	int kind = 0, in_agents = 0, seen_agent = 0;

	if (!agent)
		agent = ROBOTS_AGENT;
	if (!text)
		len = 0;
	if (len > LIMIT_ROBOTS_BYTES)
		len = LIMIT_ROBOTS_BYTES;
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
		pos = 3;
	for (i = pos; i < len && (is_blank((unsigned char)text[i]) ||
	     text[i] == '\r' || text[i] == '\n'); i++)
		;
	if (i < len && text[i] == '<')
		return r; /* an HTML page served as robots.txt */

	while (pos < len) {
		size_t start = pos, end, colon, ks, ke, vs, ve;
		int allow;

		while (pos < len && text[pos] != '\n' && text[pos] != '\r')
			pos++;
		end = pos;
		if (pos < len && text[pos] == '\r')
			pos++;
		if (pos < len && text[pos] == '\n')
			pos++;

		for (colon = start; colon < end && text[colon] != '#'; colon++)
			;
		end = colon; /* drop the comment */
		for (colon = start; colon < end && text[colon] != ':'; colon++)
			;
		if (colon == end)
			continue;
		for (ks = start; ks < colon && is_blank((unsigned char)text[ks]); ks++)
			;
		for (ke = colon; ke > ks && is_blank((unsigned char)text[ke - 1]); ke--)
			;
		for (vs = colon + 1; vs < end && is_blank((unsigned char)text[vs]); vs++)
			;
		for (ve = end; ve > vs && is_blank((unsigned char)text[ve - 1]); ve--)
			;

		if (key_is(text + ks, ke - ks, "user-agent") ||
		    key_is(text + ks, ke - ks, "useragent") ||
		    key_is(text + ks, ke - ks, "user agent")) {
			if (!in_agents)
				kind = 0;
			in_agents = seen_agent = 1;
			if (ve > vs && text[vs] == '*')
				kind |= KIND_STAR;
			else if (agent_matches(text + vs, ve - vs, agent))
				kind |= KIND_MINE;
			if (kind & KIND_MINE)
				r->any_mine = 1;
		} else if ((allow = key_is(text + ks, ke - ks, "allow")) ||
			   key_is(text + ks, ke - ks, "disallow") ||
			   key_is(text + ks, ke - ks, "dissallow") ||
			   key_is(text + ks, ke - ks, "disalow")) {
			in_agents = 0;
			if (seen_agent && kind)
				add_rule(r, kind, allow, text + vs, ve - vs);
		} else if (key_is(text + ks, ke - ks, "crawl-delay")) {
			long ms = parse_delay(text + vs, ve - vs);

			in_agents = 0;
			if (ms >= 0 && (kind & KIND_MINE) && ms > r->delay_mine)
				r->delay_mine = ms;
			if (ms >= 0 && (kind & KIND_STAR) && ms > r->delay_star)
				r->delay_star = ms;
		}
	}

	keep = r->any_mine ? KIND_MINE : KIND_STAR;
	r->delay = r->any_mine ? r->delay_mine : r->delay_star;
	for (i = pos = 0; i < r->nr; i++) {
		if (r->rules[i].kind & (int)keep)
			r->rules[pos++] = r->rules[i];
		else
			free(r->rules[i].pat);
	}
	r->nr = pos;
	if (r->nr > 1)
		qsort(r->rules, r->nr, sizeof(*r->rules), rule_cmp);
	return r;
}

void robots_free(struct robots *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->nr; i++)
		free(r->rules[i].pat);
	free(r->rules);
	free(r);
}

/*
 * 1 when pattern 'p' ('*' = any run) matches the start of 's' (all of
 * 's' when anchored). Backtracks to the last '*' only: O(|p|*|s|) at
 * worst, linear in the usual case.
 */
static int pattern_match(const char *p, size_t pn, int anchored,
			 const char *s, size_t sn)
{
	size_t pi = 0, si = 0, star = (size_t)-1, mark = 0;

	for (;;) {
		if (pi < pn && p[pi] == '*') {
			star = pi++;
			mark = si;
			continue;
		}
		if (pi == pn) {
			if (!anchored || si == sn)
				return 1;
		} else if (si < sn && p[pi] == s[si]) {
			pi++;
			si++;
			continue;
		}
		if (star == (size_t)-1 || mark >= sn)
			return 0;
		pi = star + 1;
		si = ++mark;
	}
}

int robots_allowed(const struct robots *r, const char *path)
{
	struct buf b = BUF_INIT;
	size_t i;
	int allowed = 1;

	if (!r || !r->nr)
		return 1;
	if (!path || path[0] != '/')
		buf_addc(&b, '/');
	if (path && normalise(&b, path, strlen(path)) < 0) {
		buf_release(&b);
		return 1;
	}
	if (!strcmp(b.data, "/robots.txt")) {
		buf_release(&b);
		return 1;
	}
	for (i = 0; i < r->nr; i++) {
		const struct rule *ru = &r->rules[i];

		if (pattern_match(ru->pat, ru->plen, ru->anchored, b.data, b.len)) {
			allowed = ru->allow;
			break;
		}
	}
	buf_release(&b);
	return allowed;
}

size_t robots_rule_count(const struct robots *r)
{
	return r ? r->nr : 0;
}

long robots_crawl_delay_ms(const struct robots *r)
{
	return r ? r->delay : -1;
}
