/* Unit tests for the store: identity, updates, FTS kept in step, attach. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/db.h"
#include "core/doc.h"
#include "core/log.h"
#include "indexer/store.h"
#include "test.h"

static sqlite3 *db;

static long long count(const char *sql)
{
	sqlite3_stmt *st = db_prepare(db, sql);
	long long n = -1;

	if (st && sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static void paper(struct doc *d, const char *pmid, const char *doi, const char *title,
	const char *text)
{
	doc_init(d);
	d->kind = DOC_PAPER;
	d->pmid = pmid ? xstrdup(pmid) : NULL;
	d->doi = doi ? xstrdup(doi) : NULL;
	d->title = xstrdup(title);
	d->content = xstrdup(text);
	strlist_add(&d->authors, "Fictional AB");
	strlist_add(&d->authors, "Madeup C");
	strlist_add(&d->mesh, "Ketamine*");
	strlist_add(&d->pubtypes, "Randomized Controlled Trial");
	d->evidence = EVIDENCE_RCT;
}

int main(void)
{
	char path[] = "/tmp/evidex-test-store-XXXXXX";
	struct store *s;
	struct doc d, got;
	long long id1 = 0, id2 = 0, id3 = 0;
	int fd = mkstemp(path);

	close(fd);
	unlink(path);
	db = db_open(path, 1);
	check("open a new database", db != NULL);
	if (!db)
		return test_done();
	check_int("schema version recorded", count("PRAGMA user_version"), db_schema_version());
	check_int("three sources", db_exec(db, "INSERT INTO sources (url, added_at) VALUES"
		" ('http://a.example/1', 0), ('http://a.example/2', 0), ('http://a.example/3', 0)"), 0);
	s = store_new(db);
	check("store_new", s != NULL);

	paper(&d, "100", "10.5555/ABC.1", "Esketamine trial", "First paragraph on glutamate.\n\nSecond paragraph on dissociation.");
	check_int("a new paper is NEW", store_put(s, 1, &d, &id1), STORE_NEW);
	check_int("the same paper again is UNCHANGED", store_put(s, 1, &d, &id2), STORE_UNCHANGED);
	check_int("same row", id2, id1);
	check_int("two passages from the paragraphs", count("SELECT count(*) FROM passages"), 2);
	check_int("FTS finds the body", count("SELECT count(*) FROM doc_fts WHERE doc_fts MATCH 'glutamate'"), 1);
	check_int("MeSH is indexed without its major-topic mark", count("SELECT count(*) FROM doc_fts WHERE doc_fts MATCH 'mesh:ketamine'"), 1);
	doc_release(&d);

	paper(&d, "100", NULL, "Esketamine trial", "Revised text on serotonin.");
	check_int("same PMID, new text: UPDATED", store_put(s, 2, &d, &id2), STORE_UPDATED);
	check_int("still the same row", id2, id1);
	check_int("old words leave the index", count("SELECT count(*) FROM doc_fts WHERE doc_fts MATCH 'glutamate'"), 0);
	check_int("new words enter it", count("SELECT count(*) FROM doc_fts WHERE doc_fts MATCH 'serotonin'"), 1);
	check_int("old passages replaced", count("SELECT count(*) FROM passages"), 1);
	check_int("passage index in step", count("SELECT count(*) FROM passage_fts WHERE passage_fts MATCH 'glutamate'"), 0);
	doc_release(&d);

	paper(&d, NULL, "https://doi.org/10.5555/abc.1", "Esketamine trial", "Revised text on serotonin.");
	check_int("the same DOI written otherwise finds the row", store_put(s, 3, &d, &id2) >= 0 && id2 == id1, 1);
	doc_release(&d);

	doc_init(&d);
	d.guid = xstrdup("item-1");
	d.title = xstrdup("A blog post");
	d.url = xstrdup("http://Example.org/post?utm_source=feed");
	d.summary = xstrdup("Ketamine clinic notes.");
	check_int("a feed item is NEW", store_put(s, 1, &d, &id2), STORE_NEW);
	doc_release(&d);
	doc_init(&d);
	d.guid = xstrdup("other-guid");
	d.title = xstrdup("A blog post");
	d.url = xstrdup("http://example.org/post#comments");
	d.summary = xstrdup("Ketamine clinic notes.");
	check("the same canonical URL from another source is the same row",
		store_put(s, 2, &d, &id3) >= 0 && id3 == id2);
	doc_release(&d);

	doc_init(&d);
	d.ext_id = xstrdup("X1");
	d.title = xstrdup("Imported");
	d.content = xstrdup("Text");
	d.url = xstrdup("http://example.org/post");
	check("an outside key is its own row, whatever its URL",
		store_put(s, 0, &d, &id3) == STORE_NEW && id3 != id2);
	doc_release(&d);

	doc_init(&d);
	check_int("a document with nothing in it is refused", store_put(s, 0, &d, NULL), -1);
	doc_release(&d);

	/* attached passages survive updates of the document itself */
	{
		struct passage seg[2] = {
			{ NULL, (char *)"Host", (char *)"The synapses regrow after the surge.", 754, 800 },
			{ NULL, (char *)"Guest", (char *)"", 800, 810 },
		};
		check_int("attach a transcript", store_attach(s, id2, "transcript", seg, 2), 0);
		check_int("attached text is indexed with the document",
			count("SELECT count(*) FROM doc_fts WHERE doc_fts MATCH 'synapses'"), 1);
		check_int("empty segments are skipped", count("SELECT count(*) FROM passages WHERE origin = 'transcript'"), 1);
		doc_init(&d);
		d.guid = xstrdup("item-1");
		d.title = xstrdup("A blog post");
		d.url = xstrdup("http://example.org/post");
		d.summary = xstrdup("Ketamine clinic notes, reworded.");
		check_int("the item changes in its feed", store_put(s, 1, &d, &id3), STORE_UPDATED);
		check_int("the attached passage stays", count("SELECT count(*) FROM passages WHERE origin = 'transcript'"), 1);
		check_int("and stays indexed", count("SELECT count(*) FROM doc_fts WHERE doc_fts MATCH 'synapses'"), 1);
		check_int("the new summary is indexed", count("SELECT count(*) FROM doc_fts WHERE doc_fts MATCH 'reworded'"), 1);
		doc_release(&d);
		check_int("body origin is not attachable", store_attach(s, id2, "body", seg, 1), -1);
	}

	/* the record of pages and transcripts fetched once */
	{
		long status = 0;
		long long when = 0, doc = -1;

		check_int("never fetched", store_fetched_get(s, "http://x.example/t.vtt", &status, &when, &doc), 0);
		check_int("record a failure", store_fetched(s, "http://x.example/t.vtt", 404, id2), 0);
		check_int("record a success over it", store_fetched(s, "http://x.example/t.vtt", 200, id2), 0);
		check("read back: the last visit, for its document",
			store_fetched_get(s, "http://x.example/t.vtt", &status, &when, &doc) == 1 &&
			status == 200 && doc == id2 && when > 0);
		store_fetched(s, "http://x.example/p.html", 0, 0);
		check("no document reads back as 0",
			store_fetched_get(s, "http://x.example/p.html", &status, &when, &doc) == 1 &&
			status == 0 && doc == 0);
	}

	/* read back */
	doc_init(&got);
	check_int("store_get finds the paper", store_get(s, id1, &got, 1), 1);
	check_str("title", got.title, "Esketamine trial");
	check_str("pmid", got.pmid, "100");
	check_str("doi normalised", got.doi, "10.5555/abc.1");
	check_int("authors", got.authors.n, 2);
	check_str("first author", got.authors.n ? got.authors.v[0] : NULL, "Fictional AB");
	check_str("mesh keeps its mark", got.mesh.n ? got.mesh.v[0] : NULL, "Ketamine*");
	check_str("pubtypes", got.pubtypes.n ? got.pubtypes.v[0] : NULL, "Randomized Controlled Trial");
	check_int("evidence", got.evidence, EVIDENCE_RCT);
	check_int("passages", got.npassages, 1);
	doc_release(&got);
	doc_init(&got);
	check_int("store_get of a missing id", store_get(s, 999, &got, 0), 0);
	doc_release(&got);

	check_int("deleting a document empties its index rows",
		db_exec(db, "DELETE FROM documents WHERE id = 1") == 0 &&
		count("SELECT count(*) FROM doc_fts WHERE doc_fts MATCH 'serotonin'") == 0 &&
		count("SELECT count(*) FROM passages WHERE doc_id = 1") == 0, 1);
	check_int("FTS integrity", db_exec(db, "INSERT INTO doc_fts(doc_fts) VALUES ('integrity-check');"
		"INSERT INTO passage_fts(passage_fts) VALUES ('integrity-check')"), 0);

	store_free(s);
	db_close(db);
	db = db_open(path, 0);
	check("reopening migrates nothing and works", db != NULL && count("SELECT count(*) FROM documents") == 2);
	db_close(db);
	{
		FILE *f = fopen(path, "w");
		fputs("not a database", f);
		fclose(f);
		db = db_open(path, 0);
		check("a file that is not a database is an error, not a crash", db == NULL);
	}
	unlink(path);
	{
		char wal[64], shm[64];
		snprintf(wal, sizeof(wal), "%s-wal", path);
		snprintf(shm, sizeof(shm), "%s-shm", path);
		unlink(wal);
		unlink(shm);
	}
	return test_done();
}
