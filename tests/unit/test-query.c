/*
 * query/query.c: user text → FTS5 expression. Table-driven cases in
 * both modes, then hostile and random input, every expression run
 * against an in-memory FTS5 table shaped like the real one.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "core/buf.h"
#include "core/limits.h"
#include "query/query.h"
#include "tests/unit/test.h"

static const struct {
	const char *in, *and_expr, *or_expr; /* NULL: empty */
} cases[] = {
	{ "ketamine", "(\"ketamine\" OR \"Ketalar\")", NULL },
	{ "ketamine depression",
	  "(\"ketamine\" OR \"Ketalar\") AND \"depression\"",
	  "(\"ketamine\" OR \"Ketalar\") OR \"depression\"" },
	{ "\"rapid antidepressant\" effect",
	  "\"rapid antidepressant\" AND \"effect\"",
	  "\"rapid antidepressant\" OR \"effect\"" },
	{ "glutamate -placebo", "(\"glutamate\") NOT \"placebo\"", NULL },
	{ "glutamate -\"open label\" -sham",
	  "(\"glutamate\") NOT (\"open label\" OR \"sham\")", NULL },
	{ "glutamate NOT sham", "(\"glutamate\") NOT \"sham\"", NULL },
	{ "infusion OR injection dose",
	  "(\"infusion\" OR \"injection\") AND \"dose\"",
	  "\"infusion\" OR \"injection\" OR \"dose\"" },
	{ "infusion or injection",
	  "\"infusion\" AND \"injection\"",
	  "\"infusion\" OR \"injection\"" },
	{ "antidep*", "\"antidep\"*", NULL },
	{ "5-HT2A receptor", "\"5 HT2A\" AND \"receptor\"",
	  "\"5 HT2A\" OR \"receptor\"" },
	{ "NMDA-receptor", "\"NMDA receptor\"", NULL },
	{ "mesh:Depression", "mesh : \"Depression\"", NULL },
	{ "mesh:\"Depressive Disorder, Treatment-Resistant\"",
	  "mesh : \"Depressive Disorder Treatment Resistant\"", NULL },
	{ "title:esketamine",
	  "title : (\"esketamine\" OR \"Spravato\" OR \"S ketamine\")", NULL },
	{ "the effect of ketamine on sleep",
	  "\"effect\" AND (\"ketamine\" OR \"Ketalar\") AND \"sleep\"",
	  "\"effect\" OR (\"ketamine\" OR \"Ketalar\") OR \"sleep\"" },
	{ "\"the\" dose", "\"the\" AND \"dose\"", "\"the\" OR \"dose\"" },
	{ "to be or not", "\"not\"", NULL },
	{ "to be or the", "\"to\" AND \"be\" AND \"or\" AND \"the\"",
	  "\"to\" OR \"be\" OR \"or\" OR \"the\"" },
	{ "TRD", "(\"TRD\" OR \"treatment resistant depression\" OR "
	  "\"treatment refractory depression\")", NULL },
	{ "trd", "(\"trd\" OR \"treatment resistant depression\" OR "
	  "\"treatment refractory depression\")", NULL },
	{ "\"treatment-resistant depression\"",
	  "(\"treatment resistant depression\" OR \"TRD\" OR "
	  "\"treatment refractory depression\")", NULL },
	{ "ketamine treatment resistant depression",
	  "(\"ketamine\" OR \"Ketalar\") AND ((\"treatment\" AND \"resistant\" AND "
	  "\"depression\") OR \"TRD\" OR \"treatment refractory depression\")",
	  "(\"ketamine\" OR \"Ketalar\") OR ((\"treatment\" OR \"resistant\" OR "
	  "\"depression\") OR \"TRD\" OR \"treatment refractory depression\")" },
	{ "Food and Drug Administration",
	  "((\"Food\" AND \"and\" AND \"Drug\" AND \"Administration\") OR \"FDA\")",
	  "((\"Food\" OR \"Drug\" OR \"Administration\") OR \"FDA\")" },
	{ "resistant depression", "\"resistant\" AND \"depression\"",
	  "\"resistant\" OR \"depression\"" },
	{ "treatment OR resistant depression",
	  "(\"treatment\" OR \"resistant\") AND \"depression\"",
	  "\"treatment\" OR \"resistant\" OR \"depression\"" },
	{ "SI", "(\"SI\" OR \"suicidal ideation\")", NULL },
	{ "si", "\"si\"", NULL },
	{ "café", "\"café\"", NULL },
	{ "ketamine\xc2\xa0sleep", "(\"ketamine\" OR \"Ketalar\") AND \"sleep\"",
	  "(\"ketamine\" OR \"Ketalar\") OR \"sleep\"" },
	{ "(sleep)", "\"sleep\"", NULL },
	{ "NEAR(sleep dose)", "\"NEAR\" AND \"sleep\" AND \"dose\"",
	  "\"NEAR\" OR \"sleep\" OR \"dose\"" },
	{ "sleep^2", "\"sleep 2\"", NULL },
	{ "OR sleep OR", "\"sleep\"", NULL },
	{ "sleep AND dose", "\"sleep\" AND \"dose\"", "\"sleep\" OR \"dose\"" },
	{ "sleep OR -dose", "(\"sleep\") NOT \"dose\"", NULL },
	{ "-sleep", NULL, NULL },
	{ "-sleep -\"dose\" NOT x", NULL, NULL },
	{ "?!. -- * : ^ \"\" ()", NULL, NULL },
	{ "", NULL, NULL },
	{ "AND OR NOT", NULL, NULL },
	{ "\"unbalanced quote", "\"unbalanced quote\"", NULL },
	{ "x\"y", "\"x\" AND \"y\"", "\"x\" OR \"y\"" },
	{ "sleep \xff\xfe dose", "\"sleep\" AND \"dose\"", "\"sleep\" OR \"dose\"" },
	{ "x*y*", "\"x y\"*", NULL },
	{ "-ketamine* sleep", "(\"sleep\") NOT \"ketamine\"*", NULL },
	{ "\"a b\"*", "\"a b\"*", NULL },
	{ "e\xcc\x81", "\"e\xcc\x81\"", NULL },
	{ "\xcc\x81 dose", "\"dose\"", NULL },
};

/* An FTS5 table like the store's, with a few rows. */
static sqlite3 *open_fts(void)
{
	sqlite3 *db = NULL;
	static const char *const rows[][3] = {
		{ "Ketamine for treatment-resistant depression",
		  "An intravenous infusion reduced suicidal ideation within hours.",
		  "Depressive Disorder, Treatment-Resistant; Ketamine" },
		{ "Esketamine nasal spray", "Spravato was studied against placebo.",
		  "Administration, Intranasal" },
		{ "Sleep and 5-HT2A receptors", "The effect of dose on sleep.", "Sleep" },
	};
	sqlite3_stmt *st;
	size_t i;

	if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
	    sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(title, body, mesh,"
		" tokenize='porter unicode61 remove_diacritics 2')", 0, 0, 0) != SQLITE_OK) {
		printf("# cannot make fts5 table: %s\n", sqlite3_errmsg(db));
		return NULL;
	}
	sqlite3_prepare_v2(db, "INSERT INTO t VALUES(?,?,?)", -1, &st, NULL);
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		sqlite3_bind_text(st, 1, rows[i][0], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, rows[i][1], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, rows[i][2], -1, SQLITE_STATIC);
		sqlite3_step(st);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return db;
}

/* Runs 'expr' as a MATCH; returns rows matched, or -1 on an SQLite error. */
static int run_match(sqlite3 *db, const char *expr)
{
	sqlite3_stmt *st;
	int rc, n = 0;

	if (sqlite3_prepare_v2(db, "SELECT rowid FROM t WHERE t MATCH ? ORDER BY rank",
		-1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, expr, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		n++;
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		printf("# sqlite: %s for %s\n", sqlite3_errmsg(db), expr);
		return -1;
	}
	return n;
}

/* Parses and builds 'in' both ways; 0 when each is empty or runs. */
static int survives(sqlite3 *db, const struct synonyms *syn, const char *in)
{
	struct query *q = query_parse(in, syn);
	struct buf b = BUF_INIT;
	int mode, bad = 0;

	for (mode = QUERY_AND; mode <= QUERY_OR; mode++) {
		int rc;
		buf_reset(&b);
		rc = query_build(q, (enum query_mode)mode, &b);
		if (rc == QUERY_EMPTY)
			bad |= b.len != 0 || !query_is_empty(q);
		else if (rc != 0 || run_match(db, b.data) < 0)
			bad = 1;
	}
	buf_release(&b);
	query_free(q);
	return bad;
}

static void test_cases(const struct synonyms *syn, sqlite3 *db)
{
	size_t i;
	char what[160];

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct query *q = query_parse(cases[i].in, syn);
		struct buf b = BUF_INIT;
		const char *want_or = cases[i].or_expr ? cases[i].or_expr : cases[i].and_expr;
		int rc;

		rc = query_build(q, QUERY_AND, &b);
		snprintf(what, sizeof(what), "and: %.100s", cases[i].in);
		check_str(what, rc == 0 ? b.data : NULL, cases[i].and_expr);
		if (rc == QUERY_EMPTY)
			check("empty appends nothing", b.len == 0 && query_is_empty(q));
		else
			check("runs in fts5", db && run_match(db, b.data) >= 0);
		buf_reset(&b);
		rc = query_build(q, QUERY_OR, &b);
		snprintf(what, sizeof(what), "or: %.100s", cases[i].in);
		check_str(what, rc == 0 ? b.data : NULL, want_or);
		buf_release(&b);
		query_free(q);
	}
}

/* Searches that must find given rows (ranking aside). */
static void test_matches(const struct synonyms *syn, sqlite3 *db)
{
	static const struct {
		const char *in;
		enum query_mode mode;
		int rows;
	} m[] = {
		{ "TRD", QUERY_AND, 1 },
		{ "treatment resistant depression", QUERY_AND, 1 },
		{ "major depressive disorder", QUERY_AND, 0 },
		{ "spravato", QUERY_AND, 1 },
		{ "esketamine", QUERY_AND, 1 },
		{ "SI infusion", QUERY_AND, 1 },
		{ "5-HT2A", QUERY_AND, 1 },
		{ "mesh:sleep", QUERY_AND, 1 },
		{ "mesh:ketamine -spray", QUERY_AND, 1 },
		{ "sleep spravato", QUERY_AND, 0 },
		{ "sleep spravato", QUERY_OR, 2 },
		{ "ketam*", QUERY_AND, 1 },
		{ "ketamine OR esketamine", QUERY_AND, 2 },
		{ "IV", QUERY_AND, 1 },
		{ "receptor", QUERY_AND, 1 },
	};
	size_t i;
	char what[128];

	for (i = 0; i < sizeof(m) / sizeof(m[0]); i++) {
		struct query *q = query_parse(m[i].in, syn);
		struct buf b = BUF_INIT;
		int n = -2;
		if (query_build(q, m[i].mode, &b) == 0)
			n = run_match(db, b.data);
		snprintf(what, sizeof(what), "'%s' %s finds %d rows", m[i].in,
			m[i].mode == QUERY_OR ? "or" : "and", m[i].rows);
		check_int(what, n, m[i].rows);
		buf_release(&b);
		query_free(q);
	}
}

static void test_words(const struct synonyms *syn)
{
	struct query *q = query_parse("The TRD antidep* -placebo \"Dose\"", syn);
	const struct strlist *w = query_words(q);
	struct buf all = BUF_INIT;
	size_t i;

	for (i = 0; i < w->n; i++)
		buf_printf(&all, "%s%s", i ? "," : "", w->v[i]);
	check_str("words", all.data,
		"trd,treatment,resistant,depression,refractory,antidep*,dose");
	check_int("nterms", query_nterms(q), 5);
	buf_release(&all);
	query_free(q);
}

static void test_synonym_file(void)
{
	struct synonyms *syn = synonyms_new();
	const char *path = "tests/out/test-query-synonyms";
	struct buf b = BUF_INIT;
	struct query *q;
	FILE *f;
	int i;

	check_int("blank line", synonyms_add(syn, "   # only a comment"), 1);
	check_int("no '='", synonyms_add(syn, "just words"), -1);
	check_int("one name", synonyms_add(syn, "alone = ;;"), -1);
	check_int("too long", synonyms_add(syn,
		"x = aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"), -1);
	f = fopen(path, "w");
	if (!f) {
		skip(4, "cannot write tests/out");
		synonyms_free(syn);
		return;
	}
	fputs("# user synonyms\n"
		"AKI = ketamine-assisted therapy ; psychedelic therapy # note\r\n"
		"broken line\n"
		"Spravato = Ketanest\n"
		"\n", f);
	/* A hostile tail: long lines, NULs, many groups. */
	for (i = 0; i < 1500; i++)
		fprintf(f, "w%d = v%d\n", i, i);
	for (i = 0; i < 3000; i++)
		fputc(i % 7 ? 'z' : '\0', f);
	fputc('\n', f);
	fclose(f);
	check_int("load", synonyms_load(syn, path), 0);
	check_int("missing file", synonyms_load(syn, "tests/out/no-such-file"), 1);
	q = query_parse("aki", syn);
	query_build(q, QUERY_AND, &b);
	check_str("user group", b.data,
		"(\"aki\" OR \"ketamine assisted therapy\" OR \"psychedelic therapy\")");
	query_free(q);
	buf_reset(&b);
	q = query_parse("ketanest", syn);
	query_build(q, QUERY_AND, &b);
	check_str("extends built-in group", b.data,
		"(\"ketanest\" OR \"esketamine\" OR \"Spravato\" OR \"S ketamine\")");
	query_free(q);
	buf_release(&b);
	synonyms_free(syn);
	remove(path);
}

/* Our tokenizer agrees with FTS5's on the code points sampled. */
static void test_tokenizer_agrees(sqlite3 *db)
{
	sqlite3_stmt *ins, *sel;
	unsigned long cp;
	int disagree = 0, tested = 0;

	if (sqlite3_exec(db, "CREATE VIRTUAL TABLE c USING fts5(x,"
		" tokenize='porter unicode61 remove_diacritics 2');"
		" CREATE VIRTUAL TABLE cv USING fts5vocab(c, 'instance');"
		" BEGIN", 0, 0, 0) != SQLITE_OK) {
		skip(1, "no fts5vocab");
		return;
	}
	sqlite3_prepare_v2(db, "INSERT INTO c(rowid, x) VALUES(?, ?)", -1, &ins, NULL);
	for (cp = 0x20; cp < 0x30000; cp += (cp < 0x3000 ? 1 : 3)) {
		struct buf b = BUF_INIT;
		if (cp >= 0xD800 && cp < 0xE000)
			continue;
		buf_addc(&b, 'x');
		if (cp < 0x80) {
			buf_addc(&b, (int)cp);
		} else if (cp < 0x800) {
			buf_addc(&b, (int)(0xC0 | (cp >> 6)));
			buf_addc(&b, (int)(0x80 | (cp & 0x3F)));
		} else if (cp < 0x10000) {
			buf_addc(&b, (int)(0xE0 | (cp >> 12)));
			buf_addc(&b, (int)(0x80 | ((cp >> 6) & 0x3F)));
			buf_addc(&b, (int)(0x80 | (cp & 0x3F)));
		} else {
			buf_addc(&b, (int)(0xF0 | (cp >> 18)));
			buf_addc(&b, (int)(0x80 | ((cp >> 12) & 0x3F)));
			buf_addc(&b, (int)(0x80 | ((cp >> 6) & 0x3F)));
			buf_addc(&b, (int)(0x80 | (cp & 0x3F)));
		}
		buf_addc(&b, 'y');
		sqlite3_bind_int64(ins, 1, (sqlite3_int64)cp);
		sqlite3_bind_text(ins, 2, b.data, (int)b.len, SQLITE_TRANSIENT);
		sqlite3_step(ins);
		sqlite3_reset(ins);
		buf_release(&b);
	}
	sqlite3_finalize(ins);
	sqlite3_exec(db, "COMMIT", 0, 0, 0);
	sqlite3_prepare_v2(db, "SELECT c.rowid, c.x, n.k FROM c JOIN (SELECT doc,"
		" count(*) AS k FROM cv GROUP BY doc) AS n ON n.doc = c.rowid", -1, &sel, NULL);
	while (sqlite3_step(sel) == SQLITE_ROW) {
		const char *x = (const char *)sqlite3_column_text(sel, 1);
		int fts = sqlite3_column_int(sel, 2);
		struct query *q = query_parse(x, NULL);
		struct buf b = BUF_INIT;
		int ours;
		query_build(q, QUERY_AND, &b);
		ours = strchr(b.data, ' ') ? 2 : 1;
		if (ours != fts && disagree++ < 5)
			printf("# U+%04llX: fts5 %d tokens, ours %d\n",
				(long long)sqlite3_column_int64(sel, 0), fts, ours);
		tested++;
		buf_release(&b);
		query_free(q);
	}
	sqlite3_finalize(sel);
	printf("# tokenizer: %d code points, %d disagree\n", tested, disagree);
	check("tokenizer agrees with fts5 unicode61", tested > 1000 && disagree == 0);
}

static void test_hostile(const struct synonyms *syn, sqlite3 *db)
{
	static const char *const hostile[] = {
		"\"", "\"\"\"", "-", "--", "*", "**", "\"*", "^", ":", "::", "mesh:",
		"mesh:\"", "title:-", "-mesh:", "NEAR(", "NEAR(a b, 2)", "a AND",
		"OR", "NOT", "AND", "a NOT", "NOT NOT a", "a OR OR b", "(((", ")))",
		"{title}: a", "title:a*", "mesh:*", "\x01\x02\x1b[0m", "\xc0\x80",
		"\xed\xa0\x80", "\xf4\x90\x80\x80", "a'); DROP TABLE t; --",
		"a\" OR \"b", "'\"'", "\\\"a\\\"", "-\"\"", "\"a\"\"b\"", "e\xcc\x81*",
		"\xcc\x81", "\xcc\x81*", "x \xcc\x81 y", "+a", "a:b:c", "5-HT2A*",
	};
	char big[10240];
	size_t i, k;
	int bad = 0;
	uint32_t seed = 12345;

	for (i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++) {
		char what[80];
		snprintf(what, sizeof(what), "hostile: %s", hostile[i]);
		check(what, !survives(db, syn, hostile[i]));
	}
	/* 10 KB of garbage, and 10 KB of many terms. */
	for (k = 0; k < sizeof(big) - 1; k++) {
		seed = seed * 1103515245u + 12345u;
		big[k] = (char)(1 + (seed >> 16) % 255);
	}
	big[sizeof(big) - 1] = '\0';
	check("10 KB of garbage", !survives(db, syn, big));
	for (k = 0; k + 3 < sizeof(big); k += 3)
		memcpy(big + k, k % 2 ? "TR " : "-x ", 3);
	big[k] = '\0';
	{
		struct query *q = query_parse(big, syn);
		check_int("terms cut at LIMIT_QUERY_TERMS", query_nterms(q), LIMIT_QUERY_TERMS);
		query_free(q);
	}
	check("10 KB of terms", !survives(db, syn, big));
	/* Random strings over an alphabet of syntax and UTF-8 pieces. */
	for (i = 0; i < 500; i++) {
		static const char *const piece[] = {
			"\"", "-", "*", "(", ")", ":", "^", " ", "OR", "AND", "NOT",
			"NEAR", "mesh:", "title:", "a", "TRD", "SI", "\xc3\xa9",
			"\xcc\x81", "\xff", "\xe2\x80\x94", "5", "{", "}", ",", "+",
			"\t", "ketamine", "the",
		};
		char s[200];
		size_t n = 0, np;
		seed = seed * 1103515245u + 12345u;
		np = (seed >> 16) % 20;
		while (np--) {
			const char *pc;
			seed = seed * 1103515245u + 12345u;
			pc = piece[(seed >> 16) % (sizeof(piece) / sizeof(piece[0]))];
			if (n + strlen(pc) + 1 > sizeof(s))
				break;
			memcpy(s + n, pc, strlen(pc));
			n += strlen(pc);
		}
		s[n] = '\0';
		if (survives(db, syn, s)) {
			printf("# failed on random input '%s'\n", s);
			bad++;
		}
	}
	for (i = 0; i < 300; i++) {
		char s[64];
		size_t n;
		seed = seed * 1103515245u + 12345u;
		n = (seed >> 16) % sizeof(s);
		for (k = 0; k < n; k++) {
			seed = seed * 1103515245u + 12345u;
			s[k] = (char)(1 + (seed >> 16) % 255);
		}
		s[n] = '\0';
		bad += survives(db, syn, s);
	}
	check_int("800 random inputs: empty or valid", bad, 0);
}

static void test_limit(const struct synonyms *syn)
{
	struct query *q = query_parse("ketamine depression -placebo", syn);
	struct buf small = BUF_INIT_MAX(16);
	buf_adds(&small, "x");
	check_int("limit: -1", query_build(q, QUERY_AND, &small), -1);
	check_str("limit: out unchanged", small.data, "x");
	buf_release(&small);
	query_free(q);
	q = query_parse(NULL, syn);
	check("NULL text is empty", query_is_empty(q));
	query_free(q);
}

int main(void)
{
	struct synonyms *syn = synonyms_new();
	sqlite3 *db = open_fts();

	if (!db) {
		skip(1, "no fts5");
		synonyms_free(syn);
		return test_done();
	}
	test_cases(syn, db);
	test_matches(syn, db);
	test_words(syn);
	test_synonym_file();
	test_hostile(syn, db);
	test_limit(syn);
	test_tokenizer_agrees(db);
	sqlite3_close(db);
	synonyms_free(syn);
	return test_done();
}
