#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/buf.h"
#include "core/db.h"
#include "core/limits.h"
#include "core/log.h"
#include "core/text.h"
#include "core/url.h"
#include "store.h"

/* Passages in reading order: the document's own, then what was attached. */
#define PASSAGE_ORDER \
	"CASE origin WHEN 'body' THEN 0 WHEN 'page' THEN 1 WHEN 'chapters' THEN 2" \
	" ELSE 3 END, seq"

enum {
	ST_BY_KEY, ST_BY_PMID, ST_BY_DOI, ST_BY_EXT, ST_BY_URL,
	ST_INSERT, ST_UPDATE, ST_DEL_PASSAGES, ST_ADD_PASSAGE,
	ST_GET, ST_GET_PASSAGES, ST_GET_META_LIST, ST_HAS_ATTACHED, ST_SET_BODY,
	ST_FETCHED, ST_FETCHED_GET,
	ST_COUNT
};

static const char *const sql[ST_COUNT] = {
	[ST_BY_KEY] = "SELECT id, hash FROM documents WHERE key = ?1",
	[ST_BY_PMID] = "SELECT id, hash FROM documents WHERE pmid = ?1 LIMIT 1",
	[ST_BY_DOI] = "SELECT id, hash FROM documents WHERE doi = ?1 LIMIT 1",
	[ST_BY_EXT] = "SELECT id, hash FROM documents WHERE ext_id = ?1 LIMIT 1",
	[ST_BY_URL] = "SELECT id, hash FROM documents WHERE url = ?1 LIMIT 1",
	[ST_INSERT] =
		"INSERT INTO documents (source_id, kind, key, ext_id, guid, title,"
		" authors, container, published, url, doi, pmid, summary, body, mesh,"
		" evidence, retracted, meta, hash, added_at, updated_at)"
		" VALUES (nullif(?1, 0), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
		" ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?20)",
	[ST_UPDATE] =
		"UPDATE documents SET source_id = coalesce(source_id, nullif(?1, 0)),"
		" kind = ?2, ext_id = coalesce(?4, ext_id), guid = coalesce(?5, guid),"
		" title = ?6, authors = ?7, container = ?8, published = ?9,"
		" url = coalesce(?10, url), doi = coalesce(?11, doi),"
		" pmid = coalesce(?12, pmid), summary = ?13, body = ?14, mesh = ?15,"
		" evidence = ?16, retracted = ?17, meta = ?18, hash = ?19,"
		" updated_at = ?20 WHERE id = ?21",
	[ST_DEL_PASSAGES] = "DELETE FROM passages WHERE doc_id = ?1 AND origin = ?2",
	[ST_ADD_PASSAGE] =
		"INSERT INTO passages (doc_id, seq, label, speaker, text, start_s, end_s, origin)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	[ST_FETCHED] =
		"INSERT INTO fetched (url, fetched_at, status, doc_id)"
		" VALUES (?1, ?2, ?3, nullif(?4, 0))"
		" ON CONFLICT(url) DO UPDATE SET fetched_at = ?2, status = ?3,"
		" doc_id = nullif(?4, 0)",
	[ST_FETCHED_GET] =
		"SELECT status, fetched_at, coalesce(doc_id, 0) FROM fetched WHERE url = ?1",
	[ST_HAS_ATTACHED] =
		"SELECT 1 FROM passages WHERE doc_id = ?1 AND origin <> 'body' LIMIT 1",
	/* the indexed text: every passage, the document's own first */
	[ST_SET_BODY] =
		"UPDATE documents SET updated_at = ?2, body = coalesce((SELECT"
		" group_concat(text, char(10) || char(10)) FROM (SELECT text FROM passages"
		" WHERE doc_id = ?1 ORDER BY " PASSAGE_ORDER ")), '') WHERE id = ?1",
	[ST_GET] =
		"SELECT kind, ext_id, guid, title, container, published, url, doi,"
		" pmid, summary, body, evidence, retracted,"
		" json_extract(meta, '$.lang'), json_extract(meta, '$.pmcid'),"
		" json_extract(meta, '$.journal_abbrev'), json_extract(meta, '$.volume'),"
		" json_extract(meta, '$.issue'), json_extract(meta, '$.pages'),"
		" json_extract(meta, '$.duration_s'), json_extract(meta, '$.episode'),"
		" json_extract(meta, '$.season'), json_extract(meta, '$.episode_type'),"
		" json_extract(meta, '$.audio_url'), json_extract(meta, '$.chapters_url'),"
		" json_extract(meta, '$.image'), json_extract(meta, '$.updated')"
		" FROM documents WHERE id = ?1",
	[ST_GET_PASSAGES] =
		"SELECT label, text, start_s, end_s, speaker FROM passages"
		" WHERE doc_id = ?1 ORDER BY " PASSAGE_ORDER,
	[ST_GET_META_LIST] =
		"SELECT j.value FROM documents, json_each(documents.authors) j"
		" WHERE documents.id = ?1 AND ?2 = 'authors'"
		" UNION ALL SELECT j.value FROM documents, json_each(documents.meta, '$.' || ?2) j"
		" WHERE documents.id = ?1 AND ?2 <> 'authors'",
};

struct store {
	sqlite3 *db;
	sqlite3_stmt *st[ST_COUNT];
};

struct store *store_new(sqlite3 *db)
{
	struct store *s = xcalloc(1, sizeof(*s));

	s->db = db;
	for (int i = 0; i < ST_COUNT; i++) {
		if (!(s->st[i] = db_prepare(db, sql[i]))) {
			store_free(s);
			return NULL;
		}
	}
	return s;
}

void store_free(struct store *s)
{
	if (!s)
		return;
	for (int i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(s->st[i]);
	free(s);
}

int store_begin(struct store *s)
{
	return db_exec(s->db, "BEGIN IMMEDIATE");
}

int store_commit(struct store *s)
{
	return db_exec(s->db, "COMMIT");
}

void store_rollback(struct store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

/* A DOI as stored: the bare "10.x/y" with the prefix lowercased. */
static char *doi_norm(const char *doi)
{
	const char *p;
	char *r;

	if (!doi)
		return NULL;
	p = strstr(doi, "10.");
	if (!p)
		return NULL;
	r = text_squeezed(p);
	for (char *q = r; q && *q; q++)
		if (*q >= 'A' && *q <= 'Z')
			*q += 32;
	return r;
}

char *store_key(long long source_id, const struct doc *d)
{
	struct buf b = BUF_INIT;
	char *v;

	if (d->pmid && *d->pmid) {
		buf_printf(&b, "pmid:%s", d->pmid);
	} else if ((v = doi_norm(d->doi))) {
		buf_printf(&b, "doi:%s", v);
		free(v);
	} else if (d->ext_id && *d->ext_id) {
		buf_printf(&b, "ext:%s", d->ext_id);
	} else if (d->guid && *d->guid) {
		buf_printf(&b, "guid:%lld:%s", source_id, d->guid);
	} else if ((v = url_canonical(d->url))) {
		buf_printf(&b, "url:%s", v);
		free(v);
	} else if (d->title && *d->title) {
		buf_printf(&b, "title:%lld:%s", source_id, d->title);
	} else {
		return NULL;
	}
	return buf_detach(&b, NULL);
}

static void json_strlist(struct buf *b, const struct strlist *l)
{
	buf_addc(b, '[');
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			buf_addc(b, ',');
		json_str(b, l->v[i]);
	}
	buf_addc(b, ']');
}

static void json_key(struct buf *b, const char *key)
{
	if (b->len > 1)
		buf_addc(b, ',');
	json_str(b, key);
	buf_addc(b, ':');
}

static void meta_str(struct buf *b, const char *key, const char *v)
{
	if (v) {
		json_key(b, key);
		json_str(b, v);
	}
}

static void meta_num(struct buf *b, const char *key, double v)
{
	if (v >= 0) {
		json_key(b, key);
		buf_printf(b, "%.3f", v);
	}
}

static void meta_json(struct buf *b, const struct doc *d)
{
	buf_addc(b, '{');
	meta_str(b, "lang", d->lang);
	meta_str(b, "pmcid", d->pmcid);
	meta_str(b, "updated", d->updated);
	meta_str(b, "image", d->image);
	meta_str(b, "journal_abbrev", d->journal_abbrev);
	meta_str(b, "volume", d->volume);
	meta_str(b, "issue", d->issue);
	meta_str(b, "pages", d->pages);
	meta_str(b, "episode_type", d->episode_type);
	meta_str(b, "audio_url", d->audio_url);
	meta_str(b, "chapters_url", d->chapters_url);
	meta_num(b, "duration_s", d->duration_s);
	if (d->episode >= 0) {
		json_key(b, "episode");
		buf_printf(b, "%d", d->episode);
	}
	if (d->season >= 0) {
		json_key(b, "season");
		buf_printf(b, "%d", d->season);
	}
	if (d->pubtypes.n) {
		json_key(b, "pubtypes");
		json_strlist(b, &d->pubtypes);
	}
	if (d->mesh.n) {
		json_key(b, "mesh");
		json_strlist(b, &d->mesh);
	}
	if (d->keywords.n) {
		json_key(b, "keywords");
		json_strlist(b, &d->keywords);
	}
	if (d->nenclosures) {
		json_key(b, "enclosures");
		buf_addc(b, '[');
		for (size_t i = 0; i < d->nenclosures; i++) {
			buf_adds(b, i ? ",{\"url\":" : "{\"url\":");
			json_str(b, d->enclosures[i].url);
			buf_adds(b, ",\"type\":");
			json_str(b, d->enclosures[i].type);
			buf_printf(b, ",\"length\":%lld}", d->enclosures[i].length);
		}
		buf_addc(b, ']');
	}
	if (d->ntranscripts) {
		json_key(b, "transcripts");
		buf_addc(b, '[');
		for (size_t i = 0; i < d->ntranscripts; i++) {
			buf_adds(b, i ? ",{\"url\":" : "{\"url\":");
			json_str(b, d->transcripts[i].url);
			buf_adds(b, ",\"type\":");
			json_str(b, d->transcripts[i].type);
			buf_adds(b, ",\"language\":");
			json_str(b, d->transcripts[i].language);
			buf_addc(b, '}');
		}
		buf_addc(b, ']');
	}
	if (d->npersons) {
		json_key(b, "persons");
		buf_addc(b, '[');
		for (size_t i = 0; i < d->npersons; i++) {
			buf_adds(b, i ? ",{\"name\":" : "{\"name\":");
			json_str(b, d->persons[i].name);
			buf_adds(b, ",\"role\":");
			json_str(b, d->persons[i].role);
			buf_addc(b, '}');
		}
		buf_addc(b, ']');
	}
	buf_addc(b, '}');
}

/* FNV-1a over the parts, NUL-separated. */
static uint64_t hash_add(uint64_t h, const char *s)
{
	for (; s && *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	h ^= 0xff;
	return h * 0x100000001b3ULL;
}

/*
 * The text that is indexed: the full content when the source gave it,
 * else the passages, else the summary.
 */
static void body_text(struct buf *b, const struct doc *d)
{
	if (d->content && *d->content) {
		buf_adds(b, d->content);
	} else if (d->npassages) {
		for (size_t i = 0; i < d->npassages; i++) {
			if (i)
				buf_adds(b, "\n\n");
			buf_adds(b, d->passages[i].text);
		}
	} else if (d->summary) {
		buf_adds(b, d->summary);
	}
}

/* Finds an existing row for 'd'; returns its id (0 none, -1 error). */
static long long lookup(struct store *s, const char *key, const struct doc *d,
	char **old_hash)
{
	struct { int st; char *v; } tries[5];
	int n = 0;
	long long id = 0;

	tries[n].st = ST_BY_KEY;
	tries[n++].v = xstrdup(key);
	if (d->pmid && *d->pmid) {
		tries[n].st = ST_BY_PMID;
		tries[n++].v = xstrdup(d->pmid);
	}
	if (d->doi) {
		tries[n].st = ST_BY_DOI;
		tries[n++].v = doi_norm(d->doi);
	}
	if (d->ext_id && *d->ext_id) {
		tries[n].st = ST_BY_EXT;
		tries[n++].v = xstrdup(d->ext_id);
	}
	if (d->url && !(d->ext_id && *d->ext_id)) {
		/* an outside corpus's own key says which rows differ */
		tries[n].st = ST_BY_URL;
		tries[n++].v = url_canonical(d->url);
	}
	for (int i = 0; i < n; i++) {
		sqlite3_stmt *st = s->st[tries[i].st];
		int rc;

		if (!id && tries[i].v) {
			sqlite3_reset(st);
			db_bind_text(st, 1, tries[i].v);
			rc = sqlite3_step(st);
			if (rc == SQLITE_ROW) {
				id = sqlite3_column_int64(st, 0);
				*old_hash = xstrdup_or_null((const char *)sqlite3_column_text(st, 1));
			} else if (rc != SQLITE_DONE) {
				id = error("database: %s", sqlite3_errmsg(s->db));
			}
			sqlite3_reset(st);
		}
		free(tries[i].v);
	}
	return id;
}

static int add_passage(struct store *s, long long id, int seq, const char *origin,
	const struct passage *p)
{
	sqlite3_stmt *st = s->st[ST_ADD_PASSAGE];
	int rc;

	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, seq);
	db_bind_text(st, 3, p->label);
	db_bind_text(st, 4, p->speaker);
	db_bind_text(st, 5, p->text);
	if (p->start_s >= 0)
		sqlite3_bind_double(st, 6, p->start_s);
	else
		sqlite3_bind_null(st, 6);
	if (p->end_s >= 0)
		sqlite3_bind_double(st, 7, p->end_s);
	else
		sqlite3_bind_null(st, 7);
	db_bind_text(st, 8, origin);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : error("database: %s", sqlite3_errmsg(s->db));
}

static int add_passages(struct store *s, long long id, const struct doc *d,
	const char *body)
{
	int seq = 0;

	if (d->npassages) {
		for (size_t i = 0; i < d->npassages; i++) {
			if (!d->passages[i].text || !*d->passages[i].text)
				continue;
			if (add_passage(s, id, ++seq, "body", &d->passages[i]) < 0)
				return -1;
		}
		return 0;
	}
	/* no passages from the parser: the body's paragraphs are the passages */
	for (const char *p = body; *p && seq < LIMIT_PASSAGES;) {
		const char *end = strstr(p, "\n\n");
		size_t n = end ? (size_t)(end - p) : strlen(p);
		char *para = xstrndup(p, n);
		struct passage one = { NULL, NULL, text_squeezed(para), -1, -1 };

		free(para);
		if (one.text && add_passage(s, id, ++seq, "body", &one) < 0) {
			free(one.text);
			return -1;
		}
		free(one.text);
		p += n;
		while (*p == '\n')
			p++;
	}
	return 0;
}

/* Deletes the passages of 'origin' from document 'id'. */
static int del_passages(struct store *s, long long id, const char *origin)
{
	sqlite3_stmt *st = s->st[ST_DEL_PASSAGES];
	int rc;

	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, origin);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : error("database: %s", sqlite3_errmsg(s->db));
}

/* Makes the indexed body of 'id' every passage it has. */
static int set_body(struct store *s, long long id)
{
	sqlite3_stmt *st = s->st[ST_SET_BODY];
	int rc;

	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, (long long)time(NULL));
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : error("database: %s", sqlite3_errmsg(s->db));
}

static int has_attached(struct store *s, long long id)
{
	sqlite3_stmt *st = s->st[ST_HAS_ATTACHED];
	int rc;

	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_ROW;
}

int store_attach(struct store *s, long long id, const char *origin,
	const struct passage *v, size_t n)
{
	int seq = 0;

	if (!strcmp(origin, "body"))
		return error("passages of origin 'body' come from store_put()");
	if (del_passages(s, id, origin) < 0)
		return -1;
	for (size_t i = 0; i < n && seq < LIMIT_PASSAGES; i++) {
		if (!v[i].text || !*v[i].text)
			continue;
		if (add_passage(s, id, ++seq, origin, &v[i]) < 0)
			return -1;
	}
	return set_body(s, id);
}

int store_put(struct store *s, long long source_id, const struct doc *d, long long *id_out)
{
	struct buf authors = BUF_INIT, body = BUF_INIT, mesh = BUF_INIT, meta = BUF_INIT;
	char *key = store_key(source_id, d), *old_hash = NULL, *doi = doi_norm(d->doi);
	char *url = url_canonical(d->url), hash[17];
	uint64_t h = 0xcbf29ce484222325ULL;
	sqlite3_stmt *st;
	long long id;
	int rc = -1;

	if (!key || ((!d->title || !*d->title) && !d->content && !d->summary && !d->npassages)) {
		rc = error("document has no title and no text");
		goto out;
	}
	json_strlist(&authors, &d->authors);
	body_text(&body, d);
	for (size_t i = 0; i < d->mesh.n; i++) {
		size_t n = strlen(d->mesh.v[i]);

		if (mesh.len)
			buf_adds(&mesh, "; ");
		/* a trailing '*' marks a major topic; it is not indexed */
		buf_add(&mesh, d->mesh.v[i], n && d->mesh.v[i][n - 1] == '*' ? n - 1 : n);
	}
	meta_json(&meta, d);

	h = hash_add(h, doc_kind_name(d->kind));
	h = hash_add(h, d->title);
	h = hash_add(h, authors.data);
	h = hash_add(h, d->container);
	h = hash_add(h, d->published);
	h = hash_add(h, url ? url : d->url);
	h = hash_add(h, doi);
	h = hash_add(h, d->pmid);
	h = hash_add(h, d->summary);
	h = hash_add(h, body.data);
	h = hash_add(h, mesh.data);
	h = hash_add(h, meta.data);
	h = hash_add(h, d->retracted ? "R" : "");
	h = hash_add(h, evidence_name(d->evidence));
	for (size_t i = 0; i < d->npassages; i++) {
		char t[64];

		snprintf(t, sizeof(t), "%.3f", d->passages[i].start_s);
		h = hash_add(h, d->passages[i].label);
		h = hash_add(h, d->passages[i].text);
		h = hash_add(h, t);
	}
	snprintf(hash, sizeof(hash), "%016llx", (unsigned long long)h);

	id = lookup(s, key, d, &old_hash);
	if (id < 0)
		goto out;
	if (id && old_hash && !strcmp(old_hash, hash)) {
		rc = STORE_UNCHANGED;
		goto done;
	}
	st = s->st[id ? ST_UPDATE : ST_INSERT];
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	sqlite3_bind_int64(st, 1, source_id);
	db_bind_text(st, 2, doc_kind_name(d->kind));
	db_bind_text(st, 3, key);
	db_bind_text(st, 4, d->ext_id);
	db_bind_text(st, 5, d->guid);
	db_bind_text(st, 6, d->title ? d->title : "");
	db_bind_text(st, 7, authors.data);
	db_bind_text(st, 8, d->container);
	db_bind_text(st, 9, d->published);
	db_bind_text(st, 10, url ? url : d->url);
	db_bind_text(st, 11, doi);
	db_bind_text(st, 12, d->pmid && *d->pmid ? d->pmid : NULL);
	db_bind_text(st, 13, d->summary);
	db_bind_text(st, 14, body.data);
	db_bind_text(st, 15, mesh.data);
	sqlite3_bind_int(st, 16, (int)d->evidence);
	sqlite3_bind_int(st, 17, d->retracted ? 1 : 0);
	db_bind_text(st, 18, meta.data);
	db_bind_text(st, 19, hash);
	sqlite3_bind_int64(st, 20, (long long)time(NULL));
	if (id)
		sqlite3_bind_int64(st, 21, id);
	if (sqlite3_step(st) != SQLITE_DONE) {
		rc = error("cannot store '%s': %s", d->title ? d->title : key, sqlite3_errmsg(s->db));
		sqlite3_reset(st);
		goto out;
	}
	sqlite3_reset(st);
	if (!id) {
		id = sqlite3_last_insert_rowid(s->db);
		rc = STORE_NEW;
	} else {
		if (del_passages(s, id, "body") < 0)
			goto out;
		rc = STORE_UPDATED;
	}
	if (add_passages(s, id, d, body.data) < 0 ||
	    (rc == STORE_UPDATED && has_attached(s, id) && set_body(s, id) < 0)) {
		rc = -1;
		goto out;
	}
done:
	if (id_out)
		*id_out = id;
out:
	buf_release(&authors);
	buf_release(&body);
	buf_release(&mesh);
	buf_release(&meta);
	free(key);
	free(old_hash);
	free(doi);
	free(url);
	return rc;
}

int store_fetched(struct store *s, const char *url, long status, long long doc_id)
{
	sqlite3_stmt *st = s->st[ST_FETCHED];
	int rc;

	sqlite3_reset(st);
	db_bind_text(st, 1, url);
	sqlite3_bind_int64(st, 2, (long long)time(NULL));
	sqlite3_bind_int64(st, 3, status);
	sqlite3_bind_int64(st, 4, doc_id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 :
		error("cannot record the fetch of '%s': %s", url, sqlite3_errmsg(s->db));
}

int store_fetched_get(struct store *s, const char *url, long *status,
	long long *fetched_at, long long *doc_id)
{
	sqlite3_stmt *st = s->st[ST_FETCHED_GET];
	int rc;

	sqlite3_reset(st);
	db_bind_text(st, 1, url);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*status = (long)sqlite3_column_int64(st, 0);
		*fetched_at = sqlite3_column_int64(st, 1);
		*doc_id = sqlite3_column_int64(st, 2);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : error("database: %s", sqlite3_errmsg(s->db));
}

static char *col_str(sqlite3_stmt *st, int i)
{
	return xstrdup_or_null((const char *)sqlite3_column_text(st, i));
}

static void get_list(struct store *s, long long id, const char *what, struct strlist *out)
{
	sqlite3_stmt *st = s->st[ST_GET_META_LIST];

	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, what);
	while (sqlite3_step(st) == SQLITE_ROW)
		strlist_add(out, (const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
}

int store_get(struct store *s, long long id, struct doc *d, int passages)
{
	sqlite3_stmt *st = s->st[ST_GET];
	int rc, k;

	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		sqlite3_reset(st);
		return 0;
	}
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return error("database: %s", sqlite3_errmsg(s->db));
	}
	k = doc_kind_parse((const char *)sqlite3_column_text(st, 0));
	d->kind = k < 0 ? DOC_ARTICLE : (enum doc_kind)k;
	d->ext_id = col_str(st, 1);
	d->guid = col_str(st, 2);
	d->title = col_str(st, 3);
	d->container = col_str(st, 4);
	d->published = col_str(st, 5);
	d->url = col_str(st, 6);
	d->doi = col_str(st, 7);
	d->pmid = col_str(st, 8);
	d->summary = col_str(st, 9);
	d->content = col_str(st, 10);
	d->evidence = (enum evidence)sqlite3_column_int(st, 11);
	d->retracted = sqlite3_column_int(st, 12);
	d->lang = col_str(st, 13);
	d->pmcid = col_str(st, 14);
	d->journal_abbrev = col_str(st, 15);
	d->volume = col_str(st, 16);
	d->issue = col_str(st, 17);
	d->pages = col_str(st, 18);
	if (sqlite3_column_type(st, 19) != SQLITE_NULL)
		d->duration_s = sqlite3_column_double(st, 19);
	if (sqlite3_column_type(st, 20) != SQLITE_NULL)
		d->episode = sqlite3_column_int(st, 20);
	if (sqlite3_column_type(st, 21) != SQLITE_NULL)
		d->season = sqlite3_column_int(st, 21);
	d->episode_type = col_str(st, 22);
	d->audio_url = col_str(st, 23);
	d->chapters_url = col_str(st, 24);
	d->image = col_str(st, 25);
	d->updated = col_str(st, 26);
	sqlite3_reset(st);

	get_list(s, id, "authors", &d->authors);
	get_list(s, id, "pubtypes", &d->pubtypes);
	get_list(s, id, "mesh", &d->mesh);
	get_list(s, id, "keywords", &d->keywords);

	if (passages) {
		st = s->st[ST_GET_PASSAGES];
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, id);
		while (sqlite3_step(st) == SQLITE_ROW) {
			doc_add_passage(d, (const char *)sqlite3_column_text(st, 0),
				(const char *)sqlite3_column_text(st, 1),
				sqlite3_column_type(st, 2) == SQLITE_NULL ? -1 : sqlite3_column_double(st, 2),
				sqlite3_column_type(st, 3) == SQLITE_NULL ? -1 : sqlite3_column_double(st, 3),
				(const char *)sqlite3_column_text(st, 4));
		}
		sqlite3_reset(st);
	}
	return 1;
}
