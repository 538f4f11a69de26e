/*
 * query/cite.c: each style for a paper, a web article and a podcast
 * episode; author lists past each style's limit; keys and their
 * uniqueness; BibTeX escaping; CSL-JSON read back with SQLite's JSON.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "core/buf.h"
#include "core/doc.h"
#include "core/json.h"
#include "query/cite.h"
#include "tests/unit/test.h"

static void make_paper(struct doc *d)
{
	doc_init(d);
	d->kind = DOC_PAPER;
	d->title = strdup("A randomized trial of an NMDA antagonist in treatment-resistant major depression.");
	strlist_add(&d->authors, "Zarate CA Jr");
	strlist_add(&d->authors, "Singh JB");
	strlist_add(&d->authors, "Carlson PJ");
	d->container = strdup("Archives of General Psychiatry");
	d->journal_abbrev = strdup("Arch Gen Psychiatry");
	d->published = strdup("2006-08");
	d->volume = strdup("63");
	d->issue = strdup("8");
	d->pages = strdup("856-64");
	d->doi = strdup("10.1001/archpsyc.63.8.856");
	d->pmid = strdup("16894061");
}

static void make_article(struct doc *d)
{
	doc_init(d);
	d->kind = DOC_ARTICLE;
	d->title = strdup("What a ketamine clinic visit is like");
	strlist_add(&d->authors, "Jane van Dijk");
	d->container = strdup("Mind Notes");
	d->published = strdup("2023-09-05T10:00:00Z");
	d->url = strdup("https://example.org/ketamine-clinic?utm=x#top");
}

static void make_episode(struct doc *d)
{
	doc_init(d);
	d->kind = DOC_EPISODE;
	d->title = strdup("Ketamine, explained");
	strlist_add(&d->authors, "Sam Rivera");
	d->container = strdup("The Mood Lab");
	d->published = strdup("2022-03-14");
	d->episode = 42;
	d->url = strdup("https://pod.example.com/ep42");
}

static const struct {
	int kind; /* 0 paper, 1 article, 2 episode */
	enum cite_style style;
	const char *want;
} cases[] = {
	{ 0, CITE_APA, "Zarate, C. A., Jr., Singh, J. B., & Carlson, P. J. (2006). "
	  "A randomized trial of an NMDA antagonist in treatment-resistant major "
	  "depression. Archives of General Psychiatry, 63(8), 856\xe2\x80\x93" "864. "
	  "https://doi.org/10.1001/archpsyc.63.8.856 PMID: 16894061\n" },
	{ 0, CITE_VANCOUVER, "Zarate CA Jr, Singh JB, Carlson PJ. A randomized trial "
	  "of an NMDA antagonist in treatment-resistant major depression. Arch Gen "
	  "Psychiatry. 2006 Aug;63(8):856-64. doi: 10.1001/archpsyc.63.8.856. "
	  "PMID: 16894061.\n" },
	{ 0, CITE_SHORT, "Zarate et al. (2006) Arch Gen Psychiatry\n" },
	{ 0, CITE_BIBTEX, "@article{zarate2006randomized,\n"
	  "  author = {Zarate, Jr, C. A. and Singh, J. B. and Carlson, P. J.},\n"
	  "  title = {A randomized trial of an NMDA antagonist in treatment-resistant major depression.},\n"
	  "  journal = {Archives of General Psychiatry},\n"
	  "  shortjournal = {Arch Gen Psychiatry},\n"
	  "  year = {2006},\n  month = aug,\n  volume = {63},\n  number = {8},\n"
	  "  pages = {856--864},\n  doi = {10.1001/archpsyc.63.8.856},\n"
	  "  pmid = {16894061},\n}\n" },
	{ 0, CITE_RIS, "TY  - JOUR\nAU  - Zarate, C. A., Jr\nAU  - Singh, J. B.\n"
	  "AU  - Carlson, P. J.\nTI  - A randomized trial of an NMDA antagonist in "
	  "treatment-resistant major depression.\nT2  - Archives of General Psychiatry\n"
	  "J2  - Arch Gen Psychiatry\nPY  - 2006\nDA  - 2006/08/\nVL  - 63\nIS  - 8\n"
	  "SP  - 856\nEP  - 864\nDO  - 10.1001/archpsyc.63.8.856\nAN  - 16894061\nER  - \n" },
	{ 0, CITE_CSLJSON, "[\n  {\"id\": \"zarate2006randomized\", \"type\": \"article-journal\", "
	  "\"title\": \"A randomized trial of an NMDA antagonist in treatment-resistant "
	  "major depression.\", \"author\": [{\"family\": \"Zarate\", \"given\": \"C. A.\", "
	  "\"suffix\": \"Jr\"}, {\"family\": \"Singh\", \"given\": \"J. B.\"}, {\"family\": "
	  "\"Carlson\", \"given\": \"P. J.\"}], \"container-title\": \"Archives of General "
	  "Psychiatry\", \"container-title-short\": \"Arch Gen Psychiatry\", \"issued\": "
	  "{\"date-parts\": [[2006, 8]]}, \"volume\": \"63\", \"issue\": \"8\", \"page\": "
	  "\"856-864\", \"DOI\": \"10.1001/archpsyc.63.8.856\", \"PMID\": \"16894061\"}\n]\n" },
	{ 1, CITE_APA, "van Dijk, J. (2023, September 5). What a ketamine clinic visit "
	  "is like. Mind Notes. Retrieved January 2, 2024, from "
	  "https://example.org/ketamine-clinic?utm=x#top\n" },
	{ 1, CITE_VANCOUVER, "van Dijk J. What a ketamine clinic visit is like "
	  "[Internet]. Mind Notes; 2023 Sep 5 [cited 2024 Jan 2]. Available from: "
	  "https://example.org/ketamine-clinic?utm=x#top\n" },
	{ 1, CITE_SHORT, "van Dijk (2023) Mind Notes\n" },
	{ 1, CITE_BIBTEX, "@online{vandijk2023ketamine,\n  author = {van Dijk, Jane},\n"
	  "  title = {What a ketamine clinic visit is like},\n  organization = {Mind Notes},\n"
	  "  year = {2023},\n  month = sep,\n  date = {2023-09-05},\n"
	  "  url = {https://example.org/ketamine-clinic?utm=x#top},\n"
	  "  urldate = {2024-01-02},\n}\n" },
	{ 1, CITE_RIS, "TY  - ELEC\nAU  - van Dijk, Jane\nTI  - What a ketamine clinic "
	  "visit is like\nT2  - Mind Notes\nPY  - 2023\nDA  - 2023/09/05/\n"
	  "UR  - https://example.org/ketamine-clinic?utm=x#top\nY2  - 2024/01/02\nER  - \n" },
	{ 2, CITE_APA, "Rivera, S. (2022, March 14). Ketamine, explained (No. 42) "
	  "[Audio podcast episode]. In The Mood Lab. https://pod.example.com/ep42#t=754 "
	  "(at 12:34)\n" },
	{ 2, CITE_VANCOUVER, "Rivera S. Ketamine, explained [podcast]. The Mood Lab; "
	  "2022 Mar 14 [cited 2024 Jan 2]. Episode 42. Available from: "
	  "https://pod.example.com/ep42#t=754 (at 12:34)\n" },
	{ 2, CITE_SHORT, "The Mood Lab \xE2\x80\x94 Ketamine, explained (2022-03-14), at 12:34\n" },
	{ 2, CITE_BIBTEX, "@misc{rivera2022ketamine,\n  author = {Rivera, Sam},\n"
	  "  title = {Ketamine, explained},\n"
	  "  howpublished = {Podcast: The Mood Lab, episode 42},\n"
	  "  year = {2022},\n  month = mar,\n  date = {2022-03-14},\n"
	  "  url = {https://pod.example.com/ep42#t=754},\n  urldate = {2024-01-02},\n"
	  "  note = {Cited at 12:34},\n}\n" },
	{ 2, CITE_RIS, "TY  - SOUND\nAU  - Rivera, Sam\nTI  - Ketamine, explained\n"
	  "T2  - The Mood Lab\nPY  - 2022\nDA  - 2022/03/14/\nM1  - 42\n"
	  "UR  - https://pod.example.com/ep42#t=754\nY2  - 2024/01/02\n"
	  "N1  - Cited at 12:34\nER  - \n" },
	{ 2, CITE_CSLJSON, "[\n  {\"id\": \"rivera2022ketamine\", \"type\": \"broadcast\", "
	  "\"title\": \"Ketamine, explained\", \"author\": [{\"family\": \"Rivera\", "
	  "\"given\": \"Sam\"}], \"container-title\": \"The Mood Lab\", \"issued\": "
	  "{\"date-parts\": [[2022, 3, 14]]}, \"medium\": \"Podcast\", \"number\": \"42\", "
	  "\"URL\": \"https://pod.example.com/ep42#t=754\", \"accessed\": {\"date-parts\": "
	  "[[2024, 1, 2]]}, \"note\": \"Cited at 12:34\"}\n]\n" },
};

static void test_styles(void)
{
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct doc d;
		struct buf b = BUF_INIT;
		char what[80];

		if (cases[i].kind == 0)
			make_paper(&d);
		else if (cases[i].kind == 1)
			make_article(&d);
		else
			make_episode(&d);
		snprintf(what, sizeof(what), "%s of %s", cite_style_name(cases[i].style),
			doc_kind_name(d.kind));
		check_int(what, cite_format(&d, cases[i].style, 754, "2024-01-02", &b), 0);
		check_str(what, b.data, cases[i].want);
		buf_release(&b);
		doc_release(&d);
	}
}

static void test_many_authors(void)
{
	struct doc d;
	struct buf b = BUF_INIT;
	char name[32];
	int i;

	make_paper(&d);
	strlist_release(&d.authors);
	for (i = 1; i <= 22; i++) {
		snprintf(name, sizeof(name), "Author%02d AB", i);
		strlist_add(&d.authors, name);
	}
	cite_format(&d, CITE_VANCOUVER, -1, NULL, &b);
	check("nlm: 6 then et al",
		!strncmp(b.data, "Author01 AB, Author02 AB, Author03 AB, Author04 AB, "
			"Author05 AB, Author06 AB, et al. A randomized", 97));
	buf_reset(&b);
	cite_format(&d, CITE_APA, -1, NULL, &b);
	check("apa: 19, ..., last", strstr(b.data, "Author19, A. B., . . . Author22, A. B. (2006)")
		&& !strstr(b.data, "Author20"));
	buf_release(&b);
	doc_release(&d);
}

static void test_names_and_retracted(void)
{
	struct doc d;
	struct buf b = BUF_INIT;

	make_paper(&d);
	strlist_release(&d.authors);
	strlist_add(&d.authors, "STAR*D Investigators Group");
	strlist_add(&d.authors, "\xc3\x85sberg M");
	strlist_add(&d.authors, "Smith, John Paul");
	d.retracted = 1;
	cite_format(&d, CITE_APA, -1, NULL, &b);
	check_str("apa: group, UTF-8 initials, comma form, retracted", b.data,
		"STAR*D Investigators Group, \xc3\x85sberg, M., & Smith, J. P. (2006). "
		"A randomized trial of an NMDA antagonist in treatment-resistant major "
		"depression. [RETRACTED]. Archives of General Psychiatry, 63(8), "
		"856\xe2\x80\x93" "864. https://doi.org/10.1001/archpsyc.63.8.856 PMID: 16894061\n");
	buf_reset(&b);
	cite_format(&d, CITE_VANCOUVER, -1, NULL, &b);
	check("nlm: retracted", strstr(b.data, "depression. [RETRACTED]. Arch Gen") != NULL);
	check("nlm: group as is", !strncmp(b.data, "STAR*D Investigators Group, \xc3\x85sberg M, Smith JP. ", 47));
	buf_reset(&b);
	cite_format(&d, CITE_BIBTEX, -1, NULL, &b);
	check("bibtex: group braced, key from group",
		strstr(b.data, "author = {{STAR*D Investigators Group} and \xc3\x85sberg, M. and Smith, John Paul}")
		&& !strncmp(b.data, "@article{stardinvestigatorsgroup2006randomized,\n", 48));
	check("bibtex: retracted note", strstr(b.data, "note = {Retracted}") != NULL);
	buf_reset(&b);
	cite_format(&d, CITE_RIS, -1, NULL, &b);
	check("ris: retracted note", strstr(b.data, "\nN1  - Retracted\n") != NULL);
	buf_reset(&b);
	cite_format(&d, CITE_CSLJSON, -1, NULL, &b);
	check("csl: literal and note", strstr(b.data, "{\"literal\": \"STAR*D Investigators Group\"}")
		&& strstr(b.data, "\"note\": \"Retracted\""));
	buf_reset(&b);
	cite_format(&d, CITE_SHORT, -1, NULL, &b);
	check_str("short: retracted", b.data,
		"STAR*D Investigators Group et al. (2006) Arch Gen Psychiatry [RETRACTED]\n");
	buf_reset(&b);
	check_int("cite_short", cite_short(&b, &d, 30, NULL), 0);
	check_str("cite_short: one line, no newline", b.data,
		"STAR*D Investigators Group et al. (2006) Arch Gen Psychiatry [RETRACTED]");
	buf_release(&b);
	doc_release(&d);
}

static void test_escaping(void)
{
	struct doc d;
	struct buf b = BUF_INIT;
	const char *p;
	int depth = 0, min = 0;

	make_article(&d);
	free(d.title);
	d.title = strdup("50% of {patients} & $cost #1_a ~x^2 \\end \"q\" caf\xc3\xa9\nnext");
	free(d.url);
	d.url = strdup("https://ex.org/a_b%20c?x={y}");
	cite_format(&d, CITE_BIBTEX, -1, NULL, &b);
	check("bibtex escapes", strstr(b.data, "title = {50\\% of \\textbraceleft{}patients"
		"\\textbraceright{} \\& \\$cost \\#1\\_a \\textasciitilde{}x\\textasciicircum{}2 "
		"\\textbackslash{}end {\"}q{\"} caf\xc3\xa9 next},") != NULL);
	check("bibtex url verbatim", strstr(b.data, "url = {https://ex.org/a_b%20c?x=%7By%7D},") != NULL);
	for (p = b.data; *p; p++) {
		depth += *p == '{' ? 1 : *p == '}' ? -1 : 0;
		if (depth < min)
			min = depth;
	}
	check("bibtex braces balanced", depth == 0 && min == 0);
	buf_reset(&b);
	cite_format(&d, CITE_RIS, -1, NULL, &b);
	check("ris: one line per tag", strstr(b.data, "caf\xc3\xa9 next\n") && !strchr(b.data, '\r'));
	buf_release(&b);
	doc_release(&d);
}

static void test_keys(void)
{
	struct doc p, a;
	struct buf b = BUF_INIT;
	struct cite_list *l;

	make_paper(&p);
	make_article(&a);
	l = cite_list_new(CITE_BIBTEX, NULL);
	cite_list_use_key(l, "zarate2006randomized");
	cite_list_add(l, &p, -1);
	cite_list_add(l, &p, -1);
	cite_list_add(l, &a, -1);
	check_int("list finish", cite_list_finish(l, &b), 0);
	cite_list_free(l);
	check("keys get a, b", strstr(b.data, "@article{zarate2006randomizeda,") &&
		strstr(b.data, "@article{zarate2006randomizedb,") &&
		strstr(b.data, "\n\n@online{vandijk2023ketamine,"));
	buf_reset(&b);
	/* Keys: folded, no author, no date, no title. */
	free(a.title);
	a.title = strdup("The \xc3\x86" "ther of \xc5\x81\xc3\xb3" "d\xc5\xba");
	strlist_release(&a.authors);
	strlist_add(&a.authors, "M\xc3\xbcller-\xc3\x98stergaard, K\xc3\xa5re");
	cite_key(&a, &b);
	check_str("key folds", b.data, "mullerostergaard2023aether");
	buf_reset(&b);
	strlist_release(&a.authors);
	free(a.published);
	a.published = NULL;
	cite_key(&a, &b);
	check_str("key without author, date", b.data, "mindndaether");
	buf_reset(&b);
	l = cite_list_new(CITE_CSLJSON, NULL);
	cite_list_add(l, &p, -1);
	cite_list_add(l, &p, -1);
	cite_list_add(l, &a, -1);
	cite_list_finish(l, &b);
	cite_list_free(l);
	{
		sqlite3 *db = json_db();
		sqlite3_stmt *st = NULL;
		if (db && sqlite3_prepare_v2(db, "SELECT json_valid(?1), json_array_length(?1),"
			" json_extract(?1, '$[1].id'), json_extract(?1, '$[1].author[0].family')",
			-1, &st, NULL) == SQLITE_OK) {
			sqlite3_bind_text(st, 1, b.data, -1, SQLITE_STATIC);
			sqlite3_step(st);
			check_int("csl list is valid json", sqlite3_column_int(st, 0), 1);
			check_int("csl list of 3", sqlite3_column_int(st, 1), 3);
			check_str("csl second id unique", (const char *)sqlite3_column_text(st, 2),
				"zarate2006randomizeda");
			check_str("csl family", (const char *)sqlite3_column_text(st, 3), "Zarate");
			sqlite3_finalize(st);
		} else {
			skip(4, "no json_db");
		}
	}
	buf_reset(&b);
	l = cite_list_new(CITE_CSLJSON, NULL);
	cite_list_finish(l, &b);
	cite_list_free(l);
	check_str("empty csl list", b.data, "[]\n");
	buf_release(&b);
	doc_release(&p);
	doc_release(&a);
}

static void test_limits_and_styles(void)
{
	struct doc d;
	struct buf small = BUF_INIT_MAX(40);
	struct doc empty;

	make_paper(&d);
	buf_adds(&small, "kept");
	check_int("limit: -1", cite_format(&d, CITE_APA, -1, NULL, &small), -1);
	check_str("limit: buffer as before", small.data, "kept");
	buf_release(&small);
	doc_release(&d);
	check_int("style nlm", cite_style_parse("nlm"), CITE_VANCOUVER);
	check_int("style csl-json", cite_style_parse("csl-json"), CITE_CSLJSON);
	check_int("style unknown", cite_style_parse("mla"), -1);
	/* An empty document still cites in every style. */
	doc_init(&empty);
	{
		int s, ok = 1;
		for (s = CITE_APA; s <= CITE_SHORT; s++) {
			struct buf b = BUF_INIT;
			ok &= cite_format(&empty, (enum cite_style)s, -1, NULL, &b) == 0 && b.len > 0;
			buf_release(&b);
		}
		check("empty doc in every style", ok);
	}
	doc_release(&empty);
}

int main(void)
{
	test_styles();
	test_many_authors();
	test_names_and_retracted();
	test_escaping();
	test_keys();
	test_limits_and_styles();
	return test_done();
}
