#ifndef EVIDEX_CITE_H
#define EVIDEX_CITE_H

#include "core/buf.h"
#include "core/doc.h"

/*
 * Citations of documents in the usual styles. Authors are read as
 * PubMed writes them ("Zarate CA", "Zarate CA Jr"), as "Family, Given",
 * or in natural order ("Jane van Dijk"); a name with words such as
 * "Group", "Consortium" or "Network" (or a single word) is a collective
 * author and is never split. Text styles are plain UTF-8 (no markup).
 *
 *   apa        APA 7: up to 20 authors, then the first 19, "...", the last
 *   vancouver  NLM: up to 6 authors, then "et al."; journal abbreviation
 *   bibtex     @article (paper), @online (web page), @misc (episode)
 *   ris        for Zotero, EndNote: TY ... ER, one record per document
 *   csljson    an array of CSL-JSON items for pandoc --citeproc
 *   short      one line for search results: "Zarate et al. (2006) J Name"
 *
 * A retracted paper says "[RETRACTED]" after its title in apa, vancouver
 * and short, and carries a note in bibtex, ris and csljson.
 */

enum cite_style {
	CITE_APA = 0,
	CITE_VANCOUVER,
	CITE_BIBTEX,
	CITE_RIS,
	CITE_CSLJSON,
	CITE_SHORT,
};

/* The style named 'name' ("apa", "vancouver" or "nlm", "bibtex", "ris",
 * "csljson" or "csl-json", "short"); -1 when unknown. */
int cite_style_parse(const char *name);

/* The canonical name of 'style' ("apa" ...). */
const char *cite_style_name(enum cite_style style);

/*
 * Arguments every formatter takes besides the document:
 *   start_s  start second of the cited passage in an episode, or -1; it
 *            becomes "#t=SECONDS" on the link and "at M:SS" in the text
 *   today    "YYYY-MM-DD", the accessed date of web pages, or NULL
 */

/*
 * Appends the one-line citation for a search result, without a newline:
 * "Zarate et al. (2006) Arch Gen Psychiatry", "Rivera (2022) The Mood
 * Lab, ep. 42, at 12:34". Returns 0, or -1 at out's limit (out is then
 * left as it was).
 */
int cite_short(struct buf *out, const struct doc *d, double start_s,
	const char *today);

/*
 * A list of citations in one style: keys stay unique across it and
 * CSL-JSON gets one array around all items. The list collects the text
 * itself; cite_list_finish() hands it over. Never NULL; free with
 * cite_list_free().
 */
struct cite_list;

struct cite_list *cite_list_new(enum cite_style style, const char *today);

/*
 * Marks 'key' as taken (say, keys of a .bib file the user already has),
 * so a new BibTeX/CSL key for the same author, year and word gets a
 * suffix a, b, c ...
 */
void cite_list_use_key(struct cite_list *l, const char *key);

/*
 * Adds the citation of 'd'. Text styles end each citation with a
 * newline; RIS records and BibTeX entries are separated by a blank line.
 * Returns 0, or -1 when the list reached its size limit (the document is
 * then left out).
 */
int cite_list_add(struct cite_list *l, const struct doc *d, double start_s);

/*
 * Appends everything added so far to 'out', closing the CSL-JSON array
 * ("[]" when empty). Returns 0, or -1 at out's limit (out unchanged).
 * The list must still be freed.
 */
int cite_list_finish(struct cite_list *l, struct buf *out);

/* Frees 'l' (NULL is fine). */
void cite_list_free(struct cite_list *l);

/* One document in one style (cite_list_new/add/finish/free); 0 or -1. */
int cite_format(const struct doc *d, enum cite_style style, double start_s,
	const char *today, struct buf *out);

/*
 * Appends the citation key of 'd' (first author's family name, year,
 * first significant title word; ASCII, lowercase: "zarate2006randomized").
 * Does not check uniqueness. Returns 0 or -1 at out's limit.
 */
int cite_key(const struct doc *d, struct buf *out);

#endif
