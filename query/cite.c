/*
 * Citations: APA 7, Vancouver (NLM), BibTeX, RIS, CSL-JSON and a short
 * line for search results, from a struct doc. See cite.h.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/log.h"
#include "core/text.h"
#include "query/cite.h"

#define APA_MAX_AUTHORS  20  /* more: the first 19, "...", the last */
#define NLM_MAX_AUTHORS  6   /* more: the first 6, "et al." */
#define KEY_PART_BYTES   24  /* each part of a citation key, at most */

static const char *const style_names[] = {
	"apa", "vancouver", "bibtex", "ris", "csljson", "short",
};

static const char *const month_full[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

static const char *const month_abbr[] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
	"Nov", "Dec",
};

static const char *const bib_month[] = {
	"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
	"nov", "dec",
};

/* Words that make an author a group, not a person. */
static const char *const collective_words[] = {
	"group", "consortium", "collaborat", "committee", "investigators",
	"network", "team", "association", "society", "institute", "council",
	"organization", "organisation", "foundation", "university",
	"department", "agency", "center", "centre", "working", "panel",
	"task force", "alliance", "trust", "inc", "ltd", "news", "staff",
	"editors", "board", "program", "study", "trialists", "writing",
};

/* Lowercase surname particles that belong to the family name. */
static const char *const particles[] = {
	"van", "von", "de", "der", "den", "da", "di", "du", "le", "la", "del",
	"della", "dos", "das", "ter", "ten", "bin", "al", "el", "zu",
};

/* Name suffixes PubMed and others append. */
static const char *const suffixes[] = {
	"Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV", "2nd", "3rd",
};

/* Title words a key skips. */
static const char *const key_stopwords[] = {
	"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "is",
	"of", "on", "or", "the", "to", "with", "are", "does", "do", "how",
	"what", "why", "when", "can", "its",
};

/* What a formatter knows beyond the document. */
struct cite_opts {
	const char *today;  /* "YYYY-MM-DD" or NULL */
	double at_s;        /* start of the cited passage, or -1 */
};

struct cite_list {
	enum cite_style style;
	char *today;
	struct buf text;    /* the citations so far */
	struct strlist keys;
	size_t n;
};

/* An output with a sticky error: once an append fails, nothing more. */
struct w {
	struct buf *b;
	int err;
};

static void put(struct w *w, const char *s)
{
	if (!w->err && buf_adds(w->b, s) < 0)
		w->err = 1;
}

static void putn(struct w *w, const char *s, size_t n)
{
	if (!w->err && buf_add(w->b, s, n) < 0)
		w->err = 1;
}

static void putf(struct w *w, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void putf(struct w *w, const char *fmt, ...)
{
	va_list ap;

	if (w->err)
		return;
	va_start(ap, fmt);
	if (buf_vprintf(w->b, fmt, ap) < 0)
		w->err = 1;
	va_end(ap);
}

static int has(const char *s)
{
	return s && *s;
}

/* 1 when 's' ends in ., ? or ! (ignoring closing quotes/spaces). */
static int ends_with_stop(const char *s)
{
	size_t n = strlen(s);

	while (n && (s[n - 1] == ' ' || s[n - 1] == '"' || s[n - 1] == '\''))
		n--;
	return n && (s[n - 1] == '.' || s[n - 1] == '?' || s[n - 1] == '!');
}

/* ---- dates ---- */

struct ymd {
	int y, m, d; /* 0 when unknown */
};

static int digits(const char *s, int n)
{
	int v = 0, k;

	for (k = 0; k < n; k++) {
		if (s[k] < '0' || s[k] > '9')
			return -1;
		v = v * 10 + (s[k] - '0');
	}
	return v;
}

/* Reads "YYYY", "YYYY-MM", "YYYY-MM-DD..." (as date_iso() writes). */
static struct ymd ymd_parse(const char *s)
{
	struct ymd r = { 0, 0, 0 };
	int v;

	if (!s || (v = digits(s, 4)) < 1)
		return r;
	r.y = v;
	if (s[4] == '-' && (v = digits(s + 5, 2)) >= 1 && v <= 12) {
		r.m = v;
		if (s[7] == '-' && (v = digits(s + 8, 2)) >= 1 && v <= 31)
			r.d = v;
	}
	return r;
}

/* "2023, September 5" / "2023, September" / "2023" / "n.d." (APA). */
static void put_apa_date(struct w *w, struct ymd t, int with_day)
{
	if (!t.y) {
		put(w, "n.d.");
		return;
	}
	putf(w, "%d", t.y);
	if (with_day && t.m) {
		putf(w, ", %s", month_full[t.m - 1]);
		if (t.d)
			putf(w, " %d", t.d);
	}
}

/* "2023 Sep 5" / "2023 Sep" / "2023" (NLM). */
static void put_nlm_date(struct w *w, struct ymd t, int with_day)
{
	putf(w, "%d", t.y);
	if (t.m) {
		putf(w, " %s", month_abbr[t.m - 1]);
		if (with_day && t.d)
			putf(w, " %d", t.d);
	}
}

/* ---- names ---- */

struct name {
	char *family, *given, *initials, *suffix; /* given may be NULL */
	char *literal;                            /* a group, or unsplittable */
};

static int word_in(const char *w, size_t n, const char *const *list,
	size_t nlist)
{
	size_t k;

	for (k = 0; k < nlist; k++)
		if (strlen(list[k]) == n && !strncmp(list[k], w, n))
			return 1;
	return 0;
}

static int is_collective(const char *s)
{
	size_t k, n = strlen(s);
	char *low = xstrdup(s);

	for (k = 0; k < n; k++)
		if (low[k] >= 'A' && low[k] <= 'Z')
			low[k] = (char)(low[k] - 'A' + 'a');
	for (k = 0; k < sizeof(collective_words) / sizeof(collective_words[0]); k++) {
		const char *p = low, *hit;
		size_t wl = strlen(collective_words[k]);
		/* Match at a word start only. */
		while ((hit = strstr(p, collective_words[k]))) {
			if (hit == low || hit[-1] == ' ' || hit[-1] == '-') {
				char after = hit[wl];
				if (wl >= 5 || !((after >= 'a' && after <= 'z'))) {
					free(low);
					return 1;
				}
			}
			p = hit + 1;
		}
	}
	free(low);
	return 0;
}

/* Length of the UTF-8 sequence starting with byte c (1 when invalid). */
static size_t u8len(unsigned char c)
{
	return c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

/* Initials of a given name ("Charles Anthony" → "CA", "Jean-Pierre" → "JP"). */
static char *initials_of(const char *given)
{
	struct buf b = BUF_INIT;
	const char *p = given;
	int at_start = 1;

	while (*p) {
		unsigned char c = (unsigned char)*p;
		size_t n = u8len(c);
		if (c == ' ' || c == '-' || c == '.') {
			at_start = 1;
			p++;
			continue;
		}
		if (at_start && (c >= 0x80 || (c >= 'A' && c <= 'Z') ||
		    (c >= 'a' && c <= 'z'))) {
			if (strnlen(p, n) < n)
				break;
			if (c >= 'a' && c <= 'z')
				buf_addc(&b, c - 'a' + 'A');
			else
				buf_add(&b, p, n);
		}
		at_start = 0;
		p += strnlen(p, n);
	}
	return buf_detach(&b, NULL);
}

static int all_caps_initials(const char *w, size_t n)
{
	size_t k;

	if (n == 0 || n > 3)
		return 0;
	for (k = 0; k < n; k++)
		if (w[k] < 'A' || w[k] > 'Z')
			return 0;
	return 1;
}

static void name_release(struct name *nm)
{
	free(nm->family);
	free(nm->given);
	free(nm->initials);
	free(nm->suffix);
	free(nm->literal);
	memset(nm, 0, sizeof(*nm));
}

/* Splits an author as stored into family, given/initials and suffix. */
static void name_parse(const char *raw, struct name *nm)
{
	char *s = text_squeezed(raw);
	char *comma, *sp, *last;
	size_t n;

	memset(nm, 0, sizeof(*nm));
	if (!s) {
		nm->literal = xstrdup("");
		return;
	}
	if (!strchr(s, ' ') || is_collective(s)) {
		nm->literal = s;
		return;
	}
	if ((comma = strchr(s, ','))) {
		/* "Family, Given" */
		char *g = comma + 1;
		*comma = '\0';
		while (*g == ' ')
			g++;
		if (!*g || !*s) {
			*comma = *s ? '\0' : ',';
			nm->literal = xstrdup(*s ? s : g);
			free(s);
			return;
		}
		nm->family = xstrdup(s);
		nm->given = xstrdup(g);
		nm->initials = initials_of(g);
		free(s);
		return;
	}
	/* A suffix at the end: "Zarate CA Jr", "Martin Luther King Jr." */
	last = strrchr(s, ' ');
	if (word_in(last + 1, strlen(last + 1), suffixes,
		sizeof(suffixes) / sizeof(suffixes[0])) && strchr(s, ' ') != last) {
		nm->suffix = xstrdup(last + 1);
		n = strlen(nm->suffix);
		if (nm->suffix[n - 1] == '.')
			nm->suffix[n - 1] = '\0';
		*last = '\0';
		last = strrchr(s, ' ');
	}
	if (all_caps_initials(last + 1, strlen(last + 1))) {
		/* PubMed "Family FM" */
		*last = '\0';
		nm->family = xstrdup(s);
		nm->initials = xstrdup(last + 1);
		free(s);
		return;
	}
	/* Natural order: the family name is the last word and its particles. */
	sp = last;
	for (;;) {
		char *prev = sp;
		while (prev > s && prev[-1] != ' ')
			prev--;
		if (prev == s || !word_in(prev, (size_t)(sp - prev), particles,
			sizeof(particles) / sizeof(particles[0])))
			break;
		sp = prev - 1;
	}
	*sp = '\0';
	nm->family = xstrdup(sp + 1);
	nm->given = xstrdup(s);
	nm->initials = initials_of(s);
	free(s);
}

/* "C. A." from "CA" (UTF-8 aware). */
static void put_dotted(struct w *w, const char *initials)
{
	const char *p = initials;
	int first = 1;

	while (*p) {
		size_t n = strnlen(p, u8len((unsigned char)*p));
		if (!first)
			put(w, " ");
		putn(w, p, n);
		put(w, ".");
		first = 0;
		p += n;
	}
}

/* "Zarate CA Jr" */
static void put_nlm_name(struct w *w, const struct name *nm)
{
	if (nm->literal) {
		put(w, nm->literal);
		return;
	}
	put(w, nm->family);
	if (has(nm->initials)) {
		put(w, " ");
		put(w, nm->initials);
	}
	if (nm->suffix)
		putf(w, " %s", nm->suffix);
}

/* "Zarate, C. A., Jr." */
static void put_apa_name(struct w *w, const struct name *nm)
{
	if (nm->literal) {
		put(w, nm->literal);
		return;
	}
	put(w, nm->family);
	if (has(nm->initials)) {
		put(w, ", ");
		put_dotted(w, nm->initials);
	}
	if (nm->suffix)
		putf(w, ", %s.", nm->suffix);
}

/* ---- ASCII folding for keys ---- */

/* U+00C0..U+00FF and U+0100..U+017F to ASCII; digits mark digraphs. */
static const char fold_c0[] =
	"AAAAAA1CEEEEIIIIDNOOOOO-OUUUUY35aaaaaa2ceeeeiiiidnooooo-ouuuuy4y";
static const char fold_100[] =
	"AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIiIiJjKkkLlLlLlLlLl"
	"NnNnNnnNnOoOoOoOoRrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";

/* Appends 's' folded to lowercase ASCII letters and digits only. */
static void fold_ascii(struct buf *out, const char *s, size_t max)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t start = out->len;

	while (*p && out->len - start < max) {
		unsigned long cp;
		const char *rep = NULL;
		char one[2] = { 0, 0 };

		if (*p < 0x80) {
			cp = *p++;
		} else if ((*p & 0xE0) == 0xC0 && (p[1] & 0xC0) == 0x80) {
			cp = ((unsigned long)(*p & 0x1F) << 6) | (p[1] & 0x3F);
			p += 2;
		} else {
			p += strnlen((const char *)p, u8len(*p));
			continue;
		}
		if (cp < 0x80) {
			one[0] = (char)cp;
		} else if (cp >= 0xC0 && cp <= 0xFF) {
			one[0] = fold_c0[cp - 0xC0];
		} else if (cp >= 0x100 && cp <= 0x17F) {
			one[0] = fold_100[cp - 0x100];
		}
		switch (one[0]) {
		case '1': rep = "ae"; break;
		case '2': rep = "ae"; break;
		case '3': rep = "th"; break;
		case '4': rep = "th"; break;
		case '5': rep = "ss"; break;
		default: rep = one; break;
		}
		if (cp < 0x80 && cp >= '0' && cp <= '9') {
			buf_addc(out, (int)cp);
			continue;
		}
		for (; *rep; rep++) {
			char c = *rep;
			if (c >= 'A' && c <= 'Z')
				c = (char)(c - 'A' + 'a');
			if (c >= 'a' && c <= 'z')
				buf_addc(out, c);
		}
	}
	if (out->len - start > max)
		buf_setlen(out, start + max);
}

/* The first title word that is not a stopword, folded. */
static void key_word(struct buf *out, const char *title)
{
	const char *p = title;

	while (p && *p) {
		struct buf word = BUF_INIT;
		size_t n = 0;

		/* A word: a run of bytes that are not ASCII punctuation or space. */
		while (p[n] && (((unsigned char)p[n] >= 0x80) ||
		       (p[n] >= '0' && p[n] <= '9') || (p[n] >= 'a' && p[n] <= 'z') ||
		       (p[n] >= 'A' && p[n] <= 'Z')))
			n++;
		if (n) {
			char *tmp = xstrndup(p, n);
			fold_ascii(&word, tmp, KEY_PART_BYTES);
			free(tmp);
			if (word.len && !word_in(word.data, word.len, key_stopwords,
				sizeof(key_stopwords) / sizeof(key_stopwords[0]))) {
				buf_add(out, word.data, word.len);
				buf_release(&word);
				return;
			}
			buf_release(&word);
			p += n;
		} else {
			p++;
		}
	}
}

int cite_key(const struct doc *d, struct buf *out)
{
	struct buf k = BUF_INIT_MAX(4 * KEY_PART_BYTES);
	struct ymd t = ymd_parse(d->published);
	int rc;

	if (d->authors.n) {
		struct name nm;
		name_parse(d->authors.v[0], &nm);
		fold_ascii(&k, nm.literal ? nm.literal : nm.family, KEY_PART_BYTES);
		name_release(&nm);
	}
	if (!k.len && has(d->container))
		key_word(&k, d->container);
	if (!k.len)
		buf_adds(&k, "anon");
	if (t.y)
		buf_printf(&k, "%04d", t.y);
	else
		buf_adds(&k, "nd");
	key_word(&k, d->title);
	rc = buf_add(out, k.data, k.len);
	buf_release(&k);
	return rc;
}

/* ---- pages ---- */

/* Splits "856-64" / "856–864" into first and last ("856", "864"). */
static void pages_split(const char *pages, char *first, char *last, size_t size)
{
	const char *dash;
	size_t n, m;

	first[0] = last[0] = '\0';
	if (!has(pages))
		return;
	dash = strpbrk(pages, "-\xe2");
	n = dash ? (size_t)(dash - pages) : strlen(pages);
	if (n >= size)
		n = size - 1;
	memcpy(first, pages, n);
	first[n] = '\0';
	if (!dash)
		return;
	dash += (unsigned char)*dash == 0xE2 ? strnlen(dash, 3) : 1;
	while (*dash == '-')
		dash++;
	m = strlen(dash);
	if (m >= size)
		m = size - 1;
	/* An abbreviated end page takes the start page's leading digits. */
	if (m < n && strspn(first, "0123456789") == n &&
	    strspn(dash, "0123456789") == m) {
		memcpy(last, first, n - m);
		memcpy(last + n - m, dash, m);
		last[n] = '\0';
	} else {
		memcpy(last, dash, m);
		last[m] = '\0';
	}
}

/* NLM's short end page: 856-864 → 856-64. */
static void put_nlm_pages(struct w *w, const char *pages)
{
	char a[64], b[64];
	size_t n, k = 0;

	pages_split(pages, a, b, sizeof(a));
	put(w, a);
	if (!b[0])
		return;
	n = strlen(a);
	if (strlen(b) == n && strspn(a, "0123456789") == n &&
	    strspn(b, "0123456789") == n)
		while (k + 1 < n && a[k] == b[k])
			k++;
	putf(w, "-%s", b + k);
}

/* ---- URLs ---- */

/* The document's link, with "#t=SECONDS" for a time in an episode. */
static void put_url(struct w *w, const struct doc *d, const struct cite_opts *o)
{
	const char *u = has(d->url) ? d->url : d->audio_url;
	size_t n;

	if (!has(u))
		return;
	n = strcspn(u, "#");
	putn(w, u, n);
	if (d->kind == DOC_EPISODE && o && o->at_s >= 0)
		putf(w, "#t=%lld", (long long)o->at_s);
	else if (u[n])
		put(w, u + n);
}

static int has_link(const struct doc *d)
{
	return has(d->url) || has(d->audio_url);
}

/* ", at 12:34" style time of the cited passage. */
static void put_clock(struct w *w, const char *before, const struct doc *d,
	const struct cite_opts *o)
{
	char c[16];

	if (d->kind != DOC_EPISODE || !o || o->at_s < 0)
		return;
	clock_format(o->at_s, c);
	putf(w, "%sat %s", before, c);
}

/* ---- APA ---- */

static void put_apa_authors(struct w *w, const struct strlist *a)
{
	size_t i;

	for (i = 0; i < a->n; i++) {
		struct name nm;
		if (a->n > APA_MAX_AUTHORS && i == APA_MAX_AUTHORS - 1) {
			put(w, ", . . . ");
			i = a->n - 1;
		} else if (i) {
			put(w, i == a->n - 1 ? (a->n == 2 ? ", & " : ", & ") : ", ");
		}
		name_parse(a->v[i], &nm);
		put_apa_name(w, &nm);
		name_release(&nm);
	}
}

static void put_title_mark(struct w *w, const struct doc *d)
{
	put(w, has(d->title) ? d->title : "Untitled");
	if (d->retracted)
		put(w, " [RETRACTED]");
}

static void cite_apa(struct w *w, const struct doc *d, const struct cite_opts *o)
{
	struct ymd t = ymd_parse(d->published);
	const char *title = has(d->title) ? d->title : "Untitled";
	int full_date = d->kind != DOC_PAPER;

	if (d->authors.n) {
		put_apa_authors(w, &d->authors);
		put(w, ends_with_stop(w->b->data) ? " (" : ". (");
		put_apa_date(w, t, full_date);
		put(w, "). ");
		put_title_mark(w, d);
	} else {
		put_title_mark(w, d);
		put(w, ". (");
		put_apa_date(w, t, full_date);
		put(w, ")");
	}
	switch (d->kind) {
	case DOC_PAPER:
		if (!d->authors.n || !ends_with_stop(title) || d->retracted)
			put(w, ".");
		if (has(d->container)) {
			put(w, " ");
			put(w, d->container);
			if (has(d->volume))
				putf(w, ", %s", d->volume);
			if (has(d->issue))
				putf(w, "(%s)", d->issue);
			if (has(d->pages)) {
				char a[64], b[64];
				pages_split(d->pages, a, b, sizeof(a));
				putf(w, ", %s", a);
				if (b[0])
					putf(w, "\xe2\x80\x93%s", b);
			}
			put(w, ".");
		}
		if (has(d->doi))
			putf(w, " https://doi.org/%s", d->doi);
		else if (has_link(d)) {
			put(w, " ");
			put_url(w, d, o);
		}
		if (has(d->pmid))
			putf(w, " PMID: %s", d->pmid);
		break;
	case DOC_EPISODE:
		if (d->episode >= 0)
			putf(w, " (No. %d)", d->episode);
		put(w, " [Audio podcast episode].");
		if (has(d->container))
			putf(w, " In %s.", d->container);
		if (has_link(d)) {
			put(w, " ");
			put_url(w, d, o);
			put_clock(w, " (", d, o);
			if (o && o->at_s >= 0)
				put(w, ")");
		}
		break;
	default:
		if (!d->authors.n || !ends_with_stop(title) || d->retracted)
			put(w, ".");
		if (has(d->container))
			putf(w, " %s.", d->container);
		if (has_link(d)) {
			struct ymd a = ymd_parse(o ? o->today : NULL);
			if (a.y && a.m && a.d)
				putf(w, " Retrieved %s %d, %d, from", month_full[a.m - 1],
					a.d, a.y);
			put(w, " ");
			put_url(w, d, o);
		}
		break;
	}
	put(w, "\n");
}

/* ---- Vancouver / NLM ---- */

static void put_nlm_authors(struct w *w, const struct strlist *a)
{
	size_t i;

	for (i = 0; i < a->n && i < NLM_MAX_AUTHORS; i++) {
		struct name nm;
		if (i)
			put(w, ", ");
		name_parse(a->v[i], &nm);
		put_nlm_name(w, &nm);
		name_release(&nm);
	}
	if (a->n > NLM_MAX_AUTHORS)
		put(w, ", et al");
	put(w, ". ");
}

static void put_nlm_cited(struct w *w, const struct cite_opts *o)
{
	struct ymd a = ymd_parse(o ? o->today : NULL);

	if (!a.y)
		return;
	put(w, " [cited ");
	put_nlm_date(w, a, 1);
	put(w, "]");
}

static void cite_nlm(struct w *w, const struct doc *d, const struct cite_opts *o)
{
	struct ymd t = ymd_parse(d->published);
	const char *title = has(d->title) ? d->title : "Untitled";

	if (d->authors.n)
		put_nlm_authors(w, &d->authors);
	put(w, title);
	if (d->kind == DOC_PAPER) {
		const char *j = has(d->journal_abbrev) ? d->journal_abbrev : d->container;
		if (d->retracted)
			put(w, " [RETRACTED]");
		if (!ends_with_stop(title) || d->retracted)
			put(w, ".");
		if (has(j))
			putf(w, " %s.", j);
		if (t.y) {
			put(w, " ");
			put_nlm_date(w, t, 0);
		}
		if (has(d->volume))
			putf(w, ";%s", d->volume);
		if (has(d->issue))
			putf(w, "(%s)", d->issue);
		if (has(d->pages)) {
			put(w, ":");
			put_nlm_pages(w, d->pages);
		}
		if (t.y || has(d->volume) || has(d->pages))
			put(w, ".");
		if (has(d->doi))
			putf(w, " doi: %s.", d->doi);
		if (has(d->pmid))
			putf(w, " PMID: %s.", d->pmid);
		if (!has(d->doi) && !has(d->pmid) && has_link(d)) {
			put(w, " Available from: ");
			put_url(w, d, o);
		}
		put(w, "\n");
		return;
	}
	put(w, d->kind == DOC_EPISODE ? " [podcast]." : " [Internet].");
	if (has(d->container))
		putf(w, " %s", d->container);
	if (t.y) {
		put(w, has(d->container) ? "; " : " ");
		put_nlm_date(w, t, 1);
	}
	put_nlm_cited(w, o);
	if (has(d->container) || t.y || (o && o->today))
		put(w, ".");
	if (d->kind == DOC_EPISODE && d->episode >= 0)
		putf(w, " Episode %d.", d->episode);
	if (has_link(d)) {
		put(w, " Available from: ");
		put_url(w, d, o);
		put_clock(w, " (", d, o);
		if (d->kind == DOC_EPISODE && o && o->at_s >= 0)
			put(w, ")");
	}
	put(w, "\n");
}

/* ---- BibTeX ---- */

/* Appends 's' escaped for a braced BibTeX field; braces stay balanced. */
static void put_bib_text(struct w *w, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		switch (c) {
		case '&': case '%': case '$': case '#': case '_':
			putf(w, "\\%c", c);
			break;
		case '{': put(w, "\\textbraceleft{}"); break;
		case '}': put(w, "\\textbraceright{}"); break;
		case '~': put(w, "\\textasciitilde{}"); break;
		case '^': put(w, "\\textasciicircum{}"); break;
		case '\\': put(w, "\\textbackslash{}"); break;
		case '"': put(w, "{\"}"); break;
		default:
			if (c < 0x20 || c == 0x7F)
				put(w, " ");
			else
				putn(w, s, 1);
		}
	}
}

/* A URL or DOI (verbatim fields): only braces, backslash, space encoded. */
static void put_bib_verbatim(struct w *w, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '{' || c == '}' || c == '\\' || c <= ' ' || c == 0x7F)
			putf(w, "%%%02X", c);
		else
			putn(w, s, 1);
	}
}

static void bib_field(struct w *w, const char *name, const char *value)
{
	if (!has(value))
		return;
	putf(w, "  %s = {", name);
	put_bib_text(w, value);
	put(w, "},\n");
}

static void bib_authors(struct w *w, const struct strlist *a)
{
	size_t i;

	if (!a->n)
		return;
	put(w, "  author = {");
	for (i = 0; i < a->n; i++) {
		struct name nm;
		if (i)
			put(w, " and ");
		name_parse(a->v[i], &nm);
		if (nm.literal) {
			put(w, "{");
			put_bib_text(w, nm.literal);
			put(w, "}");
		} else {
			put_bib_text(w, nm.family);
			if (nm.suffix) {
				put(w, ", ");
				put_bib_text(w, nm.suffix);
			}
			put(w, ", ");
			if (has(nm.given))
				put_bib_text(w, nm.given);
			else
				put_dotted(w, nm.initials);
		}
		name_release(&nm);
	}
	put(w, "},\n");
}

static void cite_bibtex(struct w *w, const struct doc *d,
	const struct cite_opts *o, const char *key, size_t n)
{
	struct ymd t = ymd_parse(d->published);
	struct buf note = BUF_INIT;
	char a[64], b[64];

	if (n)
		put(w, "\n");
	putf(w, "@%s{%s,\n", d->kind == DOC_PAPER ? "article" :
		d->kind == DOC_ARTICLE ? "online" : "misc", key);
	bib_authors(w, &d->authors);
	bib_field(w, "title", has(d->title) ? d->title : "Untitled");
	if (d->kind == DOC_PAPER) {
		bib_field(w, "journal", d->container);
		bib_field(w, "shortjournal", d->journal_abbrev);
	} else if (d->kind == DOC_ARTICLE) {
		bib_field(w, "organization", d->container);
	} else {
		struct buf hp = BUF_INIT;
		buf_adds(&hp, "Podcast");
		if (has(d->container))
			buf_printf(&hp, ": %s", d->container);
		if (d->episode >= 0)
			buf_printf(&hp, ", episode %d", d->episode);
		bib_field(w, "howpublished", hp.data);
		buf_release(&hp);
	}
	if (t.y)
		putf(w, "  year = {%d},\n", t.y);
	if (t.m)
		putf(w, "  month = %s,\n", bib_month[t.m - 1]);
	if (t.y && d->kind != DOC_PAPER) {
		putf(w, "  date = {%04d", t.y);
		if (t.m)
			putf(w, "-%02d", t.m);
		if (t.m && t.d)
			putf(w, "-%02d", t.d);
		put(w, "},\n");
	}
	bib_field(w, "volume", d->volume);
	bib_field(w, "number", d->issue);
	pages_split(d->pages, a, b, sizeof(a));
	if (a[0]) {
		struct buf pg = BUF_INIT;
		buf_printf(&pg, "%s%s%s", a, b[0] ? "--" : "", b);
		bib_field(w, "pages", pg.data);
		buf_release(&pg);
	}
	if (has(d->doi)) {
		put(w, "  doi = {");
		put_bib_verbatim(w, d->doi);
		put(w, "},\n");
	}
	bib_field(w, "pmid", d->pmid);
	if (has_link(d)) {
		struct buf u = BUF_INIT;
		struct w uw = { &u, 0 };
		put_url(&uw, d, o);
		put(w, "  url = {");
		put_bib_verbatim(w, u.data);
		put(w, "},\n");
		buf_release(&u);
		if (d->kind != DOC_PAPER && o && ymd_parse(o->today).d) {
			struct ymd a2 = ymd_parse(o->today);
			putf(w, "  urldate = {%04d-%02d-%02d},\n", a2.y, a2.m, a2.d);
		}
	}
	if (d->retracted)
		buf_adds(&note, "Retracted");
	if (d->kind == DOC_EPISODE && o && o->at_s >= 0) {
		char c[16];
		clock_format(o->at_s, c);
		buf_printf(&note, "%sCited at %s", note.len ? "; " : "", c);
	}
	bib_field(w, "note", note.data);
	buf_release(&note);
	put(w, "}\n");
}

/* ---- RIS ---- */

/* One "TG  - value" line; line breaks and controls become spaces. */
static void ris(struct w *w, const char *tag, const char *value)
{
	const char *p;
	int space = 0;

	if (!has(value))
		return;
	putf(w, "%s  - ", tag);
	while (*value == ' ' || *value == '\t' || *value == '\n' || *value == '\r')
		value++;
	for (p = value; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c < 0x20 || c == 0x7F) {
			space = 1;
			continue;
		}
		if (space && c != ' ')
			put(w, " ");
		space = 0;
		putn(w, p, 1);
	}
	put(w, "\n");
}

static void risf(struct w *w, const char *tag, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void risf(struct w *w, const char *tag, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	ris(w, tag, b.data);
	buf_release(&b);
}

static void cite_ris(struct w *w, const struct doc *d, const struct cite_opts *o,
	size_t n)
{
	struct ymd t = ymd_parse(d->published);
	struct buf s = BUF_INIT;
	struct w sw = { &s, 0 };
	char a[64], b[64];
	size_t i;

	if (n)
		put(w, "\n");
	ris(w, "TY", d->kind == DOC_PAPER ? "JOUR" :
		d->kind == DOC_ARTICLE ? "ELEC" : "SOUND");
	for (i = 0; i < d->authors.n; i++) {
		struct name nm;
		buf_reset(&s);
		name_parse(d->authors.v[i], &nm);
		if (nm.literal) {
			put(&sw, nm.literal);
		} else {
			put(&sw, nm.family);
			put(&sw, ", ");
			if (has(nm.given))
				put(&sw, nm.given);
			else
				put_dotted(&sw, nm.initials);
			if (nm.suffix)
				putf(&sw, ", %s", nm.suffix);
		}
		name_release(&nm);
		ris(w, "AU", s.data);
	}
	ris(w, "TI", has(d->title) ? d->title : "Untitled");
	ris(w, "T2", d->container);
	if (d->kind == DOC_PAPER)
		ris(w, "J2", d->journal_abbrev);
	if (t.y) {
		risf(w, "PY", "%04d", t.y);
		buf_reset(&s);
		putf(&sw, "%04d/", t.y);
		if (t.m)
			putf(&sw, "%02d/", t.m);
		if (t.m && t.d)
			putf(&sw, "%02d/", t.d);
		ris(w, "DA", s.data);
	}
	ris(w, "VL", d->volume);
	ris(w, "IS", d->issue);
	pages_split(d->pages, a, b, sizeof(a));
	ris(w, "SP", a);
	ris(w, "EP", b);
	if (d->kind == DOC_EPISODE && d->episode >= 0)
		risf(w, "M1", "%d", d->episode);
	ris(w, "DO", d->doi);
	if (has_link(d)) {
		buf_reset(&s);
		put_url(&sw, d, o);
		ris(w, "UR", s.data);
	}
	if (d->kind != DOC_PAPER && o) {
		struct ymd acc = ymd_parse(o->today);
		if (acc.d)
			risf(w, "Y2", "%04d/%02d/%02d", acc.y, acc.m, acc.d);
	}
	ris(w, "AN", d->pmid);
	if (d->retracted)
		ris(w, "N1", "Retracted");
	if (d->kind == DOC_EPISODE && o && o->at_s >= 0) {
		char c[16];
		clock_format(o->at_s, c);
		risf(w, "N1", "Cited at %s", c);
	}
	put(w, "ER  - \n");
	buf_release(&s);
}

/* ---- CSL-JSON ---- */

static void json_field(struct w *w, const char *name, const char *value)
{
	if (!has(value))
		return;
	putf(w, ", \"%s\": ", name);
	if (!w->err && json_str(w->b, value) < 0)
		w->err = 1;
}

static void json_date(struct w *w, const char *name, struct ymd t)
{
	if (!t.y)
		return;
	putf(w, ", \"%s\": {\"date-parts\": [[%d", name, t.y);
	if (t.m)
		putf(w, ", %d", t.m);
	if (t.m && t.d)
		putf(w, ", %d", t.d);
	put(w, "]]}");
}

static void json_s(struct w *w, const char *s)
{
	if (!w->err && json_str(w->b, s) < 0)
		w->err = 1;
}

static void cite_csl(struct w *w, const struct doc *d, const struct cite_opts *o,
	const char *key, size_t n)
{
	struct buf s = BUF_INIT;
	struct w sw = { &s, 0 };
	char a[64], b[64];
	size_t i;

	put(w, n ? ",\n  {\"id\": " : "\n  {\"id\": ");
	json_s(w, key);
	putf(w, ", \"type\": \"%s\"", d->kind == DOC_PAPER ? "article-journal" :
		d->kind == DOC_ARTICLE ? "webpage" : "broadcast");
	json_field(w, "title", has(d->title) ? d->title : "Untitled");
	if (d->authors.n) {
		put(w, ", \"author\": [");
		for (i = 0; i < d->authors.n; i++) {
			struct name nm;
			name_parse(d->authors.v[i], &nm);
			put(w, i ? ", {" : "{");
			if (nm.literal) {
				put(w, "\"literal\": ");
				json_s(w, nm.literal);
			} else {
				put(w, "\"family\": ");
				json_s(w, nm.family);
				buf_reset(&s);
				if (has(nm.given))
					put(&sw, nm.given);
				else
					put_dotted(&sw, nm.initials);
				json_field(w, "given", s.data);
				json_field(w, "suffix", nm.suffix);
			}
			put(w, "}");
			name_release(&nm);
		}
		put(w, "]");
	}
	json_field(w, "container-title", d->container);
	if (d->kind == DOC_PAPER)
		json_field(w, "container-title-short", d->journal_abbrev);
	json_date(w, "issued", ymd_parse(d->published));
	json_field(w, "volume", d->volume);
	json_field(w, "issue", d->issue);
	pages_split(d->pages, a, b, sizeof(a));
	if (a[0]) {
		buf_reset(&s);
		putf(&sw, "%s%s%s", a, b[0] ? "-" : "", b);
		json_field(w, "page", s.data);
	}
	if (d->kind == DOC_EPISODE) {
		put(w, ", \"medium\": \"Podcast\"");
		if (d->episode >= 0)
			putf(w, ", \"number\": \"%d\"", d->episode);
	}
	json_field(w, "DOI", d->doi);
	json_field(w, "PMID", d->pmid);
	json_field(w, "PMCID", d->pmcid);
	if (has_link(d)) {
		buf_reset(&s);
		put_url(&sw, d, o);
		json_field(w, "URL", s.data);
	}
	if (d->kind != DOC_PAPER && o)
		json_date(w, "accessed", ymd_parse(o->today));
	buf_reset(&s);
	if (d->retracted)
		put(&sw, "Retracted");
	if (d->kind == DOC_EPISODE && o && o->at_s >= 0) {
		char c[16];
		clock_format(o->at_s, c);
		putf(&sw, "%sCited at %s", s.len ? "; " : "", c);
	}
	json_field(w, "note", s.data);
	put(w, "}");
	buf_release(&s);
}

/* ---- short ---- */

static void cite_short_line(struct w *w, const struct doc *d,
	const struct cite_opts *o)
{
	struct ymd t = ymd_parse(d->published);
	size_t i;

	/* an episode: "Show — Episode title (2023-09-05), at 12:34" */
	if (d->kind == DOC_EPISODE) {
		if (has(d->container)) {
			put(w, d->container);
			put(w, " \xE2\x80\x94 ");
		}
		put(w, has(d->title) ? d->title : "(untitled episode)");
		if (has(d->published) && strlen(d->published) >= 4) {
			put(w, " (");
			putf(w, "%.*s", strlen(d->published) >= 10 ? 10 : 4, d->published);
			put(w, ")");
		}
		put_clock(w, ", ", d, o);
		return;
	}
	for (i = 0; i < d->authors.n && i < 2; i++) {
		struct name nm;
		if (i && d->authors.n > 2) {
			put(w, " et al.");
			break;
		}
		if (i)
			put(w, " & ");
		name_parse(d->authors.v[i], &nm);
		put(w, nm.literal ? nm.literal : nm.family);
		name_release(&nm);
	}
	if (d->authors.n)
		put(w, " ");
	if (t.y)
		putf(w, "(%d)", t.y);
	else
		put(w, "(n.d.)");
	if (has(d->kind == DOC_PAPER && has(d->journal_abbrev) ?
		d->journal_abbrev : d->container)) {
		put(w, " ");
		put(w, d->kind == DOC_PAPER && has(d->journal_abbrev) ?
			d->journal_abbrev : d->container);
	} else if (!d->authors.n && has(d->title)) {
		put(w, " ");
		put(w, d->title);
	}
	if (d->kind == DOC_EPISODE && d->episode >= 0)
		putf(w, ", ep. %d", d->episode);
	put_clock(w, ", ", d, o);
	if (d->retracted)
		put(w, " [RETRACTED]");
}

int cite_short(struct buf *out, const struct doc *d, double start_s,
	const char *today)
{
	struct cite_opts o = { today, start_s };
	struct w w = { out, 0 };
	size_t mark = out->len;

	cite_short_line(&w, d, &o);
	if (w.err) {
		buf_setlen(out, mark);
		return -1;
	}
	return 0;
}

/* ---- lists ---- */

int cite_style_parse(const char *name)
{
	size_t k;

	if (!name)
		return -1;
	for (k = 0; k < sizeof(style_names) / sizeof(style_names[0]); k++)
		if (!strcmp(name, style_names[k]))
			return (int)k;
	if (!strcmp(name, "nlm"))
		return CITE_VANCOUVER;
	if (!strcmp(name, "csl-json") || !strcmp(name, "csl"))
		return CITE_CSLJSON;
	return -1;
}

const char *cite_style_name(enum cite_style style)
{
	if ((size_t)style >= sizeof(style_names) / sizeof(style_names[0]))
		return "unknown";
	return style_names[style];
}

struct cite_list *cite_list_new(enum cite_style style, const char *today)
{
	struct cite_list *l = xcalloc(1, sizeof(*l));

	l->style = style;
	l->today = xstrdup_or_null(today);
	buf_init(&l->text, BUF_DEFAULT_MAX);
	return l;
}

static int key_used(const struct cite_list *l, const char *key)
{
	size_t i;

	for (i = 0; i < l->keys.n; i++)
		if (!strcmp(l->keys.v[i], key))
			return 1;
	return 0;
}

void cite_list_use_key(struct cite_list *l, const char *key)
{
	if (has(key) && !key_used(l, key))
		strlist_add(&l->keys, key);
}

/* A key for 'd' not used in the list yet: base, base + a..z, base + 27... */
static char *unique_key(struct cite_list *l, const struct doc *d)
{
	struct buf k = BUF_INIT;
	size_t base, i;

	cite_key(d, &k);
	base = k.len;
	for (i = 0; key_used(l, k.data); i++) {
		buf_setlen(&k, base);
		if (i < 26)
			buf_addc(&k, (int)('a' + i));
		else
			buf_printf(&k, "%zu", i + 1);
	}
	strlist_add(&l->keys, k.data);
	return buf_detach(&k, NULL);
}

int cite_list_add(struct cite_list *l, const struct doc *d, double start_s)
{
	struct cite_opts o = { l->today, start_s };
	struct w w = { &l->text, 0 };
	size_t mark = l->text.len;
	char *key = NULL;

	if (l->style == CITE_BIBTEX || l->style == CITE_CSLJSON)
		key = unique_key(l, d);
	switch (l->style) {
	case CITE_APA: cite_apa(&w, d, &o); break;
	case CITE_VANCOUVER: cite_nlm(&w, d, &o); break;
	case CITE_BIBTEX: cite_bibtex(&w, d, &o, key, l->n); break;
	case CITE_RIS: cite_ris(&w, d, &o, l->n); break;
	case CITE_CSLJSON: cite_csl(&w, d, &o, key, l->n); break;
	case CITE_SHORT:
		cite_short_line(&w, d, &o);
		put(&w, "\n");
		break;
	}
	free(key);
	if (w.err) {
		buf_setlen(&l->text, mark);
		return -1;
	}
	l->n++;
	return 0;
}

int cite_list_finish(struct cite_list *l, struct buf *out)
{
	struct w w = { out, 0 };
	size_t mark = out->len;

	if (l->style == CITE_CSLJSON)
		put(&w, "[");
	putn(&w, l->text.data, l->text.len);
	if (l->style == CITE_CSLJSON)
		put(&w, l->n ? "\n]\n" : "]\n");
	if (w.err) {
		buf_setlen(out, mark);
		return -1;
	}
	return 0;
}

void cite_list_free(struct cite_list *l)
{
	if (!l)
		return;
	free(l->today);
	buf_release(&l->text);
	strlist_release(&l->keys);
	free(l);
}

int cite_format(const struct doc *d, enum cite_style style, double start_s,
	const char *today, struct buf *out)
{
	struct cite_list *l = cite_list_new(style, today);
	int rc = cite_list_add(l, d, start_s);

	if (rc == 0)
		rc = cite_list_finish(l, out);
	cite_list_free(l);
	return rc;
}
