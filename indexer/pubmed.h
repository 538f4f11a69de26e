#ifndef EVIDEX_PUBMED_H
#define EVIDEX_PUBMED_H

#include <stddef.h>

#include "../core/buf.h"
#include "../core/doc.h"

/*
 * NCBI E-utilities for PubMed: parsers for EFetch (PubmedArticleSet XML)
 * and ESearch (eSearchResult XML, or its JSON form and the JSON error
 * bodies), and builders for the request URLs. No network here: the
 * fetch module moves the bytes, this module reads and writes them.
 *
 * Everything read is outside data: bodies over LIMIT_BODY_BYTES are
 * refused, each field is cut at LIMIT_FIELD_BYTES, a document's text at
 * LIMIT_TEXT_BYTES, one body yields at most LIMIT_FEED_ITEMS documents.
 * libxml2 runs with XML_PARSE_NONET and without NOENT/DTDLOAD/HUGE: the
 * DOCTYPE's external DTD is never loaded, entities declared in an
 * internal subset are never expanded (their references are dropped).
 */

/* Where NCBI serves the E-utilities; a source URL may name another. */
#define PUBMED_EUTILS_BASE "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/"

/*
 * Parses an EFetch answer (a PubmedArticleSet). Each PubmedArticle and
 * PubmedBookArticle becomes one DOC_PAPER document with:
 *   pmid       MedlineCitation/PMID (never one from CommentsCorrections)
 *   doi        PubmedData/ArticleIdList/ArticleId[@IdType=doi], else
 *              Article/ELocationID[@EIdType=doi]; never from a
 *              ReferenceList; "https://doi.org/" prefixes removed
 *   pmcid      ArticleId[@IdType=pmc], "PMC1234567"
 *   title      ArticleTitle as plain text: inline markup (<i>, <sup>..)
 *              and MathML flattened, white space squeezed;
 *              VernacularTitle when ArticleTitle is empty
 *   authors    Vancouver style as PubMed shows them: "LastName Initials"
 *              ("Zarate CA", "Smith JA Jr"), initials derived from
 *              ForeName when Initials is missing, "LastName" alone when
 *              both are; a CollectiveName as written; ValidYN="N" skipped
 *   container  Journal/Title (a book: BookTitle, else PublisherName)
 *   journal_abbrev ISOAbbreviation, else MedlineJournalInfo/MedlineTA
 *   volume, issue, pages (MedlinePgn, else StartPage-EndPage)
 *   published  ISO date from PubDate Year/Month/Day (month as "Sep" or
 *              "09"; Season Spring/Summer/Fall/Autumn/Winter as month
 *              03/06/09/09/12), or from MedlineDate ("2003 Jul-Aug" ->
 *              "2003-07", "1998 Dec-1999 Jan" -> "1998-12"), else
 *              ArticleDate; "YYYY", "YYYY-MM" or "YYYY-MM-DD"
 *   passages   one per AbstractText, label @Label, else @NlmCategory,
 *              NULL for unlabelled ("UNLABELLED"/"UNASSIGNED" too)
 *   content    the abstract: "LABEL: text" (or "text") paragraphs
 *              separated by one blank line; NULL without an abstract
 *   summary    the same text on one line (paragraphs joined by a space)
 *   pubtypes   PublicationType names in order, then these marks from
 *              CommentsCorrections when present: "Retraction In",
 *              "Erratum In", "Expression of Concern In"; and
 *              "Retracted Publication" when RetractionIn is present
 *              without that PublicationType
 *   evidence   evidence_from_pubtypes(pubtypes)
 *   retracted  1 for PublicationType "Retracted Publication" or a
 *              CommentsCorrections RefType="RetractionIn"
 *   mesh       DescriptorName texts in order; a major topic (the
 *              descriptor or one of its qualifiers MajorTopicYN="Y") gets
 *              a trailing "*": "Ketamine*"; qualifiers are not kept
 *   keywords   every KeywordList/Keyword
 *   lang       the first Language ("eng")
 *   url        "https://pubmed.ncbi.nlm.nih.gov/PMID/"
 *   guid       "pmid:PMID" (ext_id is left for outside corpora)
 *
 * On success '*docs' is a new array of '*ndocs' documents (NULL when 0;
 * free with pubmed_docs_free()) and the return value is the number of
 * records skipped (no PMID, or past LIMIT_FEED_ITEMS). Returns -1 (after
 * an error message, *docs NULL, *ndocs 0) when the body is not
 * well-formed XML, is too large, or is not a PubmedArticleSet (an
 * E-utilities <ERROR> body is reported with its text).
 */
int pubmed_parse(const char *xml, size_t len, struct doc **docs, size_t *ndocs);

/* Releases and frees an array from pubmed_parse(); NULL is fine. */
void pubmed_docs_free(struct doc *docs, size_t ndocs);

enum esearch_status {
	ESEARCH_OK = 0,
	ESEARCH_ERROR,        /* an E-utilities error body (<ERROR>, "error") */
	ESEARCH_RATE_LIMITED, /* {"error":"API rate limit exceeded",...} */
	ESEARCH_MALFORMED,    /* not an eSearchResult at all */
};

struct esearch_result {
	enum esearch_status status;
	long long count;        /* total matches; -1 unknown */
	long retmax, retstart;  /* -1 unknown */
	char *query_key;        /* History server key, or NULL */
	char *webenv;           /* or NULL */
	struct strlist ids;     /* PMIDs in answer order (digits only) */
	char *error;            /* the error text, or NULL */
	struct strlist errors;  /* ErrorList items: "PhraseNotFound: abcXYZ" */
	struct strlist warnings;/* WarningList items: "OutputMessage: ..." */
	char *translation;      /* QueryTranslation, or NULL */
};

/* Sets 'r' up empty (status ESEARCH_OK, numbers -1). */
void esearch_result_init(struct esearch_result *r);
/* Frees what 'r' holds and leaves it as esearch_result_init() does. */
void esearch_result_release(struct esearch_result *r);

/*
 * Parses an ESearch answer: eSearchResult XML, the retmode=json form
 * ({"esearchresult":{...}}) or a JSON error body. 'out' is initialised
 * here (release it whatever the result). Returns 0 for a result (count
 * known; "no results" is count 0 with status ESEARCH_OK: an ErrorList
 * such as PhraseNotFound beside a Count is kept in out->errors).
 * Returns -1 with out->status ESEARCH_ERROR for an error body (<ERROR>
 * element, or an ErrorList with no Count, or JSON "error"),
 * ESEARCH_RATE_LIMITED for the rate-limit JSON body, ESEARCH_MALFORMED
 * for anything else; out->error then says why. Never returns "no
 * results" for an error body.
 */
int esearch_parse(const char *xml, size_t len, struct esearch_result *out);

/*
 * A PubMed search as an ESearch source URL and the refresh logic use it.
 * All strings are owned (malloc'd) or NULL; pubmed_query_release() frees.
 */
struct pubmed_query {
	char *term;       /* required for ESearch */
	char *sort;       /* "pub_date", "relevance" ...; NULL: NCBI default */
	char *field;      /* NULL: all fields */
	char *datetype;   /* NULL: "edat" whenever dates are given */
	char *mindate;    /* "YYYY/MM/DD", "YYYY/MM", "YYYY" (or with '-') */
	char *maxdate;    /* idem; NCBI wants both or neither: a missing
	                     one is written as 1800 or 3000 */
	long reldate;     /* days back, or -1 */
	long retstart;    /* 0 first */
	long retmax;      /* -1: leave NCBI's default (20) */
	char *tool, *email, *api_key; /* sent with every request when set */
};

void pubmed_query_init(struct pubmed_query *q);
void pubmed_query_release(struct pubmed_query *q);

/*
 * 1 when 'url' is an ESearch URL (its path ends in "/esearch.fcgi",
 * http or https, any host), else 0.
 */
int pubmed_is_source_url(const char *url);

/*
 * Splits an ESearch source URL into '*base' (a new string: everything
 * before "esearch.fcgi", ending in '/') and the query parameters it
 * carries (term, sort, field, datetype, mindate, maxdate, reldate,
 * retstart, retmax, tool, email, api_key), decoded ('+' is a space,
 * %XX a byte). 'q' is initialised here; release it in any case.
 * Other parameters (usehistory, retmode, db=pubmed) are ignored.
 * Returns 0, or -1 (after an error message) when the URL is not an
 * ESearch URL, names a db other than pubmed, or has no term.
 */
int pubmed_source_parse(const char *url, char **base, struct pubmed_query *q);

/*
 * Appends to 'out' the ESearch URL for 'q' below 'base' (NULL: the NCBI
 * base): db=pubmed, term, usehistory=y, then whichever of field, sort,
 * retstart, retmax, datetype/mindate/maxdate or reldate, tool, email,
 * api_key are set. Values are escaped as NCBI asks (space as '+', '"'
 * as %22, '#' as %23, everything but A-Z a-z 0-9 -_.~ as %XX).
 * Returns 0, or -1 (after an error message) when the term is missing,
 * a date is not YYYY[/MM[/DD]], or 'out' reached its limit.
 */
int pubmed_esearch_url(struct buf *out, const char *base,
	const struct pubmed_query *q);

/*
 * Appends to 'out' the EFetch URL for records kept on the History
 * server: db=pubmed, query_key, WebEnv, retstart, retmax (when > 0),
 * retmode=xml, and tool/email/api_key from 'q' (may be NULL). Returns 0
 * or -1 (after an error message) when webenv or query_key is missing or
 * 'out' reached its limit.
 */
int pubmed_efetch_url(struct buf *out, const char *base, const char *webenv,
	const char *query_key, long retstart, long retmax,
	const struct pubmed_query *q);

/*
 * Appends the URL to POST an EFetch to: 'base' (NULL: NCBI) followed
 * by "efetch.fcgi". Returns 0, or -1 at out's limit.
 */
int pubmed_efetch_post_url(struct buf *out, const char *base);

/*
 * Appends an application/x-www-form-urlencoded EFetch body for the
 * PMIDs 'ids': "db=pubmed&id=1,2,3&retmode=xml" plus tool/email/api_key
 * from 'q' (may be NULL). Returns 0, or -1 (after an error message) when
 * 'ids' is empty, an id is not all digits, or 'out' reached its limit.
 */
int pubmed_efetch_post_body(struct buf *out, const struct strlist *ids,
	const struct pubmed_query *q);

/* Appends 's' escaped for an E-utilities query string (see above). */
int pubmed_escape(struct buf *out, const char *s);

#endif
