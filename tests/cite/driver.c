/*
 * Writes the citations of a few fixture documents (a paper, a retracted
 * paper with awkward characters, a web article, a podcast episode) in
 * the style named by argv[1], for tests/cite/check.sh.
 */
#include <stdio.h>
#include <string.h>

#include "core/doc.h"
#include "core/log.h"
#include "query/cite.h"

static void fixtures(struct doc d[4])
{
	int i;

	for (i = 0; i < 4; i++)
		doc_init(&d[i]);
	d[0].kind = DOC_PAPER;
	d[0].title = xstrdup("A randomized trial of an NMDA antagonist in treatment-resistant depression");
	strlist_add(&d[0].authors, "Zarate CA Jr");
	strlist_add(&d[0].authors, "Singh JB");
	d[0].container = xstrdup("Archives of General Psychiatry");
	d[0].journal_abbrev = xstrdup("Arch Gen Psychiatry");
	d[0].published = xstrdup("2006-08");
	d[0].volume = xstrdup("63");
	d[0].issue = xstrdup("8");
	d[0].pages = xstrdup("856-64");
	d[0].doi = xstrdup("10.1001/archpsyc.63.8.856");
	d[0].pmid = xstrdup("16894061");

	d[1].kind = DOC_PAPER;
	d[1].title = xstrdup("Ketamine & sleep: 50% faster {relief}? A_b #2 ~ \\x^2 in \xc3\x85rhus");
	strlist_add(&d[1].authors, "M\xc3\xbcller K");
	strlist_add(&d[1].authors, "Ketamine Study Group");
	d[1].container = xstrdup("Journal of Mood $tudies");
	d[1].published = xstrdup("2019-02-30");
	d[1].doi = xstrdup("10.1000/j_mood.2019.{7}");
	d[1].retracted = 1;

	d[2].kind = DOC_ARTICLE;
	d[2].title = xstrdup("What a ketamine clinic visit is like");
	strlist_add(&d[2].authors, "Jane van Dijk");
	d[2].container = xstrdup("Mind Notes");
	d[2].published = xstrdup("2023-09-05T10:00:00Z");
	d[2].url = xstrdup("https://example.org/ketamine-clinic");

	d[3].kind = DOC_EPISODE;
	d[3].title = xstrdup("Ketamine, explained");
	strlist_add(&d[3].authors, "Sam Rivera");
	d[3].container = xstrdup("The Mood Lab");
	d[3].published = xstrdup("2022-03-14");
	d[3].episode = 42;
	d[3].url = xstrdup("https://pod.example.com/ep42");
}

int main(int argc, char **argv)
{
	struct buf out = BUF_INIT;
	struct cite_list *l;
	struct doc d[4];
	int style, i, rc = 0;

	if (argc != 2 || (style = cite_style_parse(argv[1])) < 0) {
		fprintf(stderr, "usage: driver apa|vancouver|bibtex|ris|csljson|short\n");
		return 2;
	}
	fixtures(d);
	l = cite_list_new((enum cite_style)style, "2024-01-02");
	for (i = 0; i < 4; i++)
		rc |= cite_list_add(l, &d[i], 754);
	rc |= cite_list_finish(l, &out);
	cite_list_free(l);
	fputs(out.data, stdout);
	buf_release(&out);
	for (i = 0; i < 4; i++)
		doc_release(&d[i]);
	return rc ? 1 : 0;
}
