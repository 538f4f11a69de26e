#ifndef EVIDEX_DOC_H
#define EVIDEX_DOC_H

#include <stddef.h>

/*
 * A document as the parsers hand it to the store: plain C, no SQL.
 * Every string is owned by the struct (malloc'd, UTF-8, NUL-terminated)
 * or NULL when unknown; doc_free() releases it all.
 */
enum doc_kind {
	DOC_ARTICLE = 0,
	DOC_PAPER,
	DOC_EPISODE,
};

/* Evidence levels, strongest highest; papers only, others are EVIDENCE_NONE. */
enum evidence {
	EVIDENCE_NONE = 0,        /* web article, episode: below every paper */
	EVIDENCE_EDITORIAL,       /* editorial, comment, letter, news */
	EVIDENCE_PAPER,           /* a paper of no known design */
	EVIDENCE_REVIEW,          /* narrative review */
	EVIDENCE_CASE,            /* case report, case series */
	EVIDENCE_OBSERVATIONAL,   /* cohort, case-control, cross-sectional */
	EVIDENCE_TRIAL,           /* clinical trial, not randomized */
	EVIDENCE_RCT,             /* randomized controlled trial */
	EVIDENCE_META,            /* meta-analysis, systematic review */
};

/* One unit of text: a paragraph, an abstract section, a transcript segment. */
struct passage {
	char *label;    /* "RESULTS", a chapter title, or NULL */
	char *speaker;  /* transcript speaker, or NULL */
	char *text;
	double start_s; /* seconds into an episode, or -1 */
	double end_s;   /* or -1 */
};

struct enclosure {
	char *url, *type;
	long long length; /* bytes, or -1 */
};

struct transcript_ref {
	char *url, *type, *language, *rel;
};

struct person {
	char *name, *role, *href;
};

struct strlist {
	char **v;
	size_t n;
};

struct doc {
	enum doc_kind kind;
	char *guid;        /* feed GUID or Atom id */
	char *ext_id;      /* key in an outside corpus (import) */
	char *title;
	struct strlist authors;
	char *container;   /* journal, show or site */
	char *published;   /* ISO 8601: YYYY, YYYY-MM, YYYY-MM-DD or full time */
	char *updated;
	char *url;         /* canonical link */
	char *doi, *pmid, *pmcid;
	char *lang;
	char *summary;     /* plain text */
	char *content;     /* plain text of the whole body, or NULL */
	char *image;

	/* papers */
	struct strlist pubtypes, mesh, keywords;
	char *journal_abbrev, *volume, *issue, *pages;
	enum evidence evidence;
	int retracted;     /* 1 when retracted */

	/* episodes */
	double duration_s; /* -1 unknown */
	int episode, season; /* -1 unknown */
	char *episode_type;
	char *audio_url;
	char *chapters_url;
	struct enclosure *enclosures;
	size_t nenclosures;
	struct transcript_ref *transcripts;
	size_t ntranscripts;
	struct person *persons;
	size_t npersons;

	struct passage *passages;
	size_t npassages;
};

/* Sets 'd' up empty: numbers unknown (-1), pointers NULL. */
void doc_init(struct doc *d);
/* Frees everything 'd' owns and leaves it as doc_init() does. */
void doc_release(struct doc *d);

const char *doc_kind_name(enum doc_kind k);
/* Returns the kind for "paper", "article", "episode"; -1 otherwise. */
int doc_kind_parse(const char *s);

const char *evidence_name(enum evidence e);
/* Parses "meta-analysis", "rct", ... ; -1 when unknown. */
int evidence_parse(const char *s);

/* The strongest evidence level named by PubMed publication types. */
enum evidence evidence_from_pubtypes(const struct strlist *pubtypes);

/* Appends a copy of 's' (when not NULL or empty) to 'l'. */
void strlist_add(struct strlist *l, const char *s);
void strlist_release(struct strlist *l);

/*
 * Appends a passage with copies of its strings (label and speaker may be
 * NULL); returns it, or NULL when the document already holds LIMIT_PASSAGES.
 */
struct passage *doc_add_passage(struct doc *d, const char *label,
	const char *text, double start_s, double end_s, const char *speaker);

#endif
