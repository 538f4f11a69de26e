#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "doc.h"
#include "limits.h"
#include "log.h"

void doc_init(struct doc *d)
{
	memset(d, 0, sizeof(*d));
	d->duration_s = -1;
	d->episode = d->season = -1;
}

void strlist_add(struct strlist *l, const char *s)
{
	if (!s || !*s)
		return;
	l->v = xrealloc(l->v, (l->n + 1) * sizeof(*l->v));
	l->v[l->n++] = xstrdup(s);
}

void strlist_release(struct strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

struct passage *doc_add_passage(struct doc *d, const char *label,
	const char *text, double start_s, double end_s, const char *speaker)
{
	struct passage *p;

	if (d->npassages >= LIMIT_PASSAGES)
		return NULL;
	d->passages = xrealloc(d->passages, (d->npassages + 1) * sizeof(*p));
	p = &d->passages[d->npassages++];
	p->label = xstrdup_or_null(label);
	p->speaker = xstrdup_or_null(speaker);
	p->text = xstrdup(text ? text : "");
	p->start_s = start_s;
	p->end_s = end_s;
	return p;
}

void doc_release(struct doc *d)
{
	char **strs[] = {
		&d->guid, &d->ext_id, &d->title, &d->container, &d->published,
		&d->updated, &d->url, &d->doi, &d->pmid, &d->pmcid, &d->lang,
		&d->summary, &d->content, &d->image, &d->journal_abbrev,
		&d->volume, &d->issue, &d->pages, &d->episode_type,
		&d->audio_url, &d->chapters_url,
	};

	for (size_t i = 0; i < sizeof(strs) / sizeof(*strs); i++)
		free(*strs[i]);
	strlist_release(&d->authors);
	strlist_release(&d->pubtypes);
	strlist_release(&d->mesh);
	strlist_release(&d->keywords);
	for (size_t i = 0; i < d->nenclosures; i++) {
		free(d->enclosures[i].url);
		free(d->enclosures[i].type);
	}
	free(d->enclosures);
	for (size_t i = 0; i < d->ntranscripts; i++) {
		free(d->transcripts[i].url);
		free(d->transcripts[i].type);
		free(d->transcripts[i].language);
		free(d->transcripts[i].rel);
	}
	free(d->transcripts);
	for (size_t i = 0; i < d->npersons; i++) {
		free(d->persons[i].name);
		free(d->persons[i].role);
		free(d->persons[i].href);
	}
	free(d->persons);
	for (size_t i = 0; i < d->npassages; i++) {
		free(d->passages[i].label);
		free(d->passages[i].speaker);
		free(d->passages[i].text);
	}
	free(d->passages);
	doc_init(d);
}

static const char *const kind_names[] = { "article", "paper", "episode" };

const char *doc_kind_name(enum doc_kind k)
{
	return (unsigned)k < 3 ? kind_names[k] : "article";
}

int doc_kind_parse(const char *s)
{
	for (int i = 0; i < 3; i++)
		if (!strcmp(s, kind_names[i]))
			return i;
	return -1;
}

static const char *const evidence_names[] = {
	"none", "editorial", "paper", "review", "case-report",
	"observational", "trial", "rct", "meta-analysis",
};

const char *evidence_name(enum evidence e)
{
	return (unsigned)e <= EVIDENCE_META ? evidence_names[e] : "none";
}

int evidence_parse(const char *s)
{
	static const struct { const char *name; enum evidence e; } alias[] = {
		{ "meta", EVIDENCE_META }, { "systematic-review", EVIDENCE_META },
		{ "sr", EVIDENCE_META }, { "randomized", EVIDENCE_RCT },
		{ "clinical-trial", EVIDENCE_TRIAL }, { "cohort", EVIDENCE_OBSERVATIONAL },
		{ "case", EVIDENCE_CASE }, { "letter", EVIDENCE_EDITORIAL },
		{ "comment", EVIDENCE_EDITORIAL }, { "any", EVIDENCE_NONE },
	};

	for (int i = 0; i <= EVIDENCE_META; i++)
		if (!strcasecmp(s, evidence_names[i]))
			return i;
	for (size_t i = 0; i < sizeof(alias) / sizeof(*alias); i++)
		if (!strcasecmp(s, alias[i].name))
			return (int)alias[i].e;
	return -1;
}

/* PubMed publication types (MeSH "Publication Type" names), by level. */
static const struct {
	const char *type;
	enum evidence level;
} pubtype_levels[] = {
	{ "Meta-Analysis", EVIDENCE_META },
	{ "Systematic Review", EVIDENCE_META },
	{ "Network Meta-Analysis", EVIDENCE_META },
	{ "Randomized Controlled Trial", EVIDENCE_RCT },
	{ "Pragmatic Clinical Trial", EVIDENCE_RCT },
	{ "Equivalence Trial", EVIDENCE_RCT },
	{ "Clinical Trial", EVIDENCE_TRIAL },
	{ "Clinical Trial, Phase I", EVIDENCE_TRIAL },
	{ "Clinical Trial, Phase II", EVIDENCE_TRIAL },
	{ "Clinical Trial, Phase III", EVIDENCE_TRIAL },
	{ "Clinical Trial, Phase IV", EVIDENCE_TRIAL },
	{ "Controlled Clinical Trial", EVIDENCE_TRIAL },
	{ "Multicenter Study", EVIDENCE_OBSERVATIONAL },
	{ "Observational Study", EVIDENCE_OBSERVATIONAL },
	{ "Comparative Study", EVIDENCE_OBSERVATIONAL },
	{ "Evaluation Study", EVIDENCE_OBSERVATIONAL },
	{ "Validation Study", EVIDENCE_OBSERVATIONAL },
	{ "Case Reports", EVIDENCE_CASE },
	{ "Review", EVIDENCE_REVIEW },
	{ "Scoping Review", EVIDENCE_REVIEW },
	{ "Practice Guideline", EVIDENCE_REVIEW },
	{ "Guideline", EVIDENCE_REVIEW },
	{ "Journal Article", EVIDENCE_PAPER },
	{ "Preprint", EVIDENCE_PAPER },
	{ "Editorial", EVIDENCE_EDITORIAL },
	{ "Comment", EVIDENCE_EDITORIAL },
	{ "Letter", EVIDENCE_EDITORIAL },
	{ "News", EVIDENCE_EDITORIAL },
	{ "Published Erratum", EVIDENCE_EDITORIAL },
};

enum evidence evidence_from_pubtypes(const struct strlist *pubtypes)
{
	enum evidence best = EVIDENCE_PAPER;
	int any_editorial = 0, any_stronger = 0;

	for (size_t i = 0; i < pubtypes->n; i++) {
		for (size_t j = 0; j < sizeof(pubtype_levels) / sizeof(*pubtype_levels); j++) {
			if (strcasecmp(pubtypes->v[i], pubtype_levels[j].type))
				continue;
			if (pubtype_levels[j].level == EVIDENCE_EDITORIAL)
				any_editorial = 1;
			else if (pubtype_levels[j].level > EVIDENCE_PAPER)
				any_stronger = 1;
			if (pubtype_levels[j].level > best)
				best = pubtype_levels[j].level;
		}
	}
	/* "Journal Article; Comment" is a comment, not a paper of unknown design. */
	if (any_editorial && !any_stronger)
		return EVIDENCE_EDITORIAL;
	return best;
}
