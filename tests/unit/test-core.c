/* Unit tests for core/: buffers, dates and durations, text, URLs. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/config.h"
#include "core/date.h"
#include "core/doc.h"
#include "core/json.h"
#include "core/text.h"
#include "core/url.h"
#include "test.h"

static void test_buf(void)
{
	struct buf b = BUF_INIT_MAX(8);
	char *s;
	size_t len;

	check_str("a new buffer is an empty string", b.data, "");
	check_int("add within the limit", buf_adds(&b, "abc"), 0);
	check_int("printf within the limit", buf_printf(&b, "%d", 1234), 0);
	check_str("contents", b.data, "abc1234");
	check_int("past the limit fails", buf_adds(&b, "xy"), -1);
	check_str("a failed add leaves the buffer as it was", b.data, "abc1234");
	check_int("filling exactly to the limit", buf_addc(&b, 'z'), 0);
	check_int("one more byte fails", buf_addc(&b, 'q'), -1);
	check_int("huge length does not overflow", buf_grow(&b, (size_t)-1), -1);
	s = buf_detach(&b, &len);
	check_str("detach hands over the text", s, "abc1234z");
	check_int("detach gives the length", len, 8);
	check_str("detached buffer is empty again", b.data, "");
	free(s);
	s = buf_detach(&b, NULL);
	check_str("detaching an empty buffer gives an allocated empty string", s, "");
	free(s);

	buf_init(&b, 100);
	buf_adds(&b, " \t padded \n ");
	buf_trim(&b);
	check_str("trim", b.data, "padded");
	buf_setlen(&b, 3);
	check_str("setlen shortens", b.data, "pad");
	buf_reset(&b);
	check_str("reset empties", b.data, "");
	buf_release(&b);
	buf_trim(&b);
	check_str("trim of an unallocated buffer is harmless", b.data, "");
}

static void test_dates(void)
{
	static const struct { const char *in, *want; } cases[] = {
		{ "Tue, 05 Sep 2023 10:00:00 +0000", "2023-09-05T10:00:00Z" },
		{ "Tue, 05 Sep 2023 10:00:00 +0200", "2023-09-05T08:00:00Z" },
		{ "5 Sep 23 10:00 GMT", "2023-09-05T10:00:00Z" },
		{ "Mon, 15 Jan 2024 08:30:00 EST", "2024-01-15T13:30:00Z" },
		{ "Wed, 1 May 2024 12:00:00 PDT", "2024-05-01T19:00:00Z" },
		{ "2023-09-05", "2023-09-05" },
		{ "2023-09", "2023-09" },
		{ "2023", "2023" },
		{ "20230905", "2023-09-05" },
		{ "2023/9/5", "2023-09-05" },
		{ "2024-02-10T09:00:00-05:00", "2024-02-10T14:00:00Z" },
		{ "2024-02-10T09:00:00.123Z", "2024-02-10T09:00:00Z" },
		{ "2024-02-10 09:00:00", "2024-02-10T09:00:00Z" },
		{ "2024-02-10T23:30:00+0130", "2024-02-10T22:00:00Z" },
		{ "  2024-02-29  ", "2024-02-29" },
		{ "2023-02-29", NULL },
		{ "2023-13-01", NULL },
		{ "Tue, 32 Sep 2023 10:00:00 GMT", NULL },
		{ "yesterday", NULL },
		{ "", NULL },
		{ "2023-09-05T25:00:00Z", NULL },
		{ "99999999999999999999", NULL },
		{ "20211\274000001may", NULL },   /* found by fuzz-jsonl: a year past 9999 */
		{ "1 Jan 99999 00:00 GMT", NULL },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char *got = date_iso(cases[i].in);
		char what[128];

		snprintf(what, sizeof(what), "date_iso(\"%s\")", cases[i].in);
		check_str(what, got, cases[i].want);
		free(got);
	}
	check_str("date_iso(NULL)", date_iso(NULL), NULL);
	check_int("epoch of a full time", date_epoch("2023-09-05T10:00:00Z"), 1693908000);
	check_int("epoch of a year", date_epoch("1970"), 0);
	check_int("epoch of junk", date_epoch("junk"), -1);
	{
		char out[21];
		date_format(1693908000, out);
		check_str("date_format", out, "2023-09-05T10:00:00Z");
		date_format((time_t)400000000000LL, out);
		check_str("date_format past year 9999 stays in bounds", out, "1970-01-01T00:00:00Z");
	}
}

static void test_durations(void)
{
	static const struct { const char *in; long long want; } d[] = {
		{ "90", 90 }, { "90s", 90 }, { "30m", 1800 }, { "6h", 21600 },
		{ "1d", 86400 }, { "1w", 604800 }, { "1h30m", 5400 },
		{ "", -1 }, { "soon", -1 }, { "-5m", -1 }, { "5x", -1 }, { "h", -1 },
	};
	static const struct { const char *in; double want; } c[] = {
		{ "3600", 3600 }, { "1:02:03", 3723 }, { "62:03", 3723 }, { "5:07", 307 },
		{ "1800.5", 1800.5 }, { "01:02:03.250", 3723.25 }, { "00:05:07,250", 307.25 },
		{ "1:02:03:04", -1 }, { "1:99", -1 }, { "1:60:00", -1 }, { "90:00", 5400 },
		{ " 42 ", 42 },
		{ "", -1 }, { "abc", -1 }, { "1:xx", -1 }, { "-5", -1 }, { "1.5:30", -1 },
	};

	for (size_t i = 0; i < sizeof(d) / sizeof(*d); i++) {
		char what[64];
		snprintf(what, sizeof(what), "duration_parse(\"%s\")", d[i].in);
		check_int(what, duration_parse(d[i].in), d[i].want);
	}
	for (size_t i = 0; i < sizeof(c) / sizeof(*c); i++) {
		char what[64];
		double got = clock_parse(c[i].in);
		snprintf(what, sizeof(what), "clock_parse(\"%s\")", c[i].in);
		check(what, got > c[i].want - 0.0005 && got < c[i].want + 0.0005);
		if (!(got > c[i].want - 0.0005 && got < c[i].want + 0.0005))
			printf("#   got %f want %f\n", got, c[i].want);
	}
	{
		char out[16];
		clock_format(754, out);
		check_str("clock_format minutes", out, "12:34");
		clock_format(3723.9, out);
		check_str("clock_format hours", out, "1:02:03");
	}
}

static void test_text(void)
{
	struct buf b = BUF_INIT;
	char *s;

	utf8_sanitize(&b, "ok \xC3\xA9 bad \xFF\xFE end", 16);
	check_str("bad bytes become U+FFFD", b.data, "ok \xC3\xA9 bad \xEF\xBF\xBD\xEF\xBF\xBD end");
	check("sanitized text is valid UTF-8", utf8_valid(b.data, b.len));
	buf_reset(&b);
	utf8_sanitize(&b, "a\0b\x01" "c\xC0\xAF" "d\xED\xA0\x80", 11);
	check("NUL, controls, overlong and surrogates are replaced", utf8_valid(b.data, b.len) &&
		!strchr(b.data, '\x01') && strlen(b.data) == b.len);
	check("a truncated sequence is invalid", !utf8_valid("\xE2\x82", 2));
	buf_reset(&b);
	text_squeeze(&b, "  many \t\n spaces\xC2\xA0here  ");
	check_str("squeeze folds white space and NBSP", b.data, "many spaces here");
	s = text_squeezed(" \n\t ");
	check_str("squeezed white space is NULL", s, NULL);
	buf_reset(&b);
	json_str(&b, "q\"b\\n\n\x01");
	check_str("json_str escapes", b.data, "\"q\\\"b\\\\n\\n\\u0001\"");
	buf_reset(&b);
	json_str(&b, NULL);
	check_str("json_str of NULL", b.data, "null");
	check("starts_with_ci", starts_with_ci("HTTPS://x", "https://") && !starts_with_ci("htt", "http"));
	buf_release(&b);
}

static void test_urls(void)
{
	char *u;

	u = url_resolve("http://example.org/a/b.xml", "../c/d.html");
	check_str("relative resolves", u, "http://example.org/c/d.html");
	free(u);
	u = url_resolve(NULL, "ftp://example.org/x");
	check_str("ftp is refused", u, NULL);
	u = url_resolve(NULL, "javascript:alert(1)");
	check_str("javascript: is refused", u, NULL);
	u = url_canonical("HTTP://Example.ORG/p?utm_source=x&id=3&fbclid=abc#frag");
	check_str("canonical drops tracking and fragment", u, "http://example.org/p?id=3");
	free(u);
	u = url_canonical("https://example.org/p?utm_medium=a");
	check_str("canonical drops an all-tracking query", u, "https://example.org/p");
	free(u);
	u = url_origin("https://Example.org:8443/a/b?c");
	check_str("origin keeps the port", u, "https://example.org:8443");
	free(u);
	u = url_host("http://EXAMPLE.org/x");
	check_str("host is lowercased", u, "example.org");
	free(u);
	u = url_redact("http://e.org/efetch.fcgi?db=pubmed&api_key=SECRET&email=a");
	check_str("url_redact hides the API key", u, "http://e.org/efetch.fcgi?db=pubmed&api_key=***&email=a");
	free(u);
	u = url_redact("'x?api_key=S1': failed; again api_key=S2");
	check("url_redact hides every key", !strstr(u, "S1") && !strstr(u, "S2"));
	free(u);
	check("url_is_http", url_is_http("https://a") && !url_is_http("file:///etc/passwd"));
}

static void test_evidence(void)
{
	struct strlist l = { NULL, 0 };

	strlist_add(&l, "Journal Article");
	check_int("a plain journal article", evidence_from_pubtypes(&l), EVIDENCE_PAPER);
	strlist_add(&l, "Comment");
	check_int("a comment is a comment", evidence_from_pubtypes(&l), EVIDENCE_EDITORIAL);
	strlist_add(&l, "Randomized Controlled Trial");
	check_int("an RCT outranks its comment tag", evidence_from_pubtypes(&l), EVIDENCE_RCT);
	strlist_add(&l, "Meta-Analysis");
	check_int("a meta-analysis is strongest", evidence_from_pubtypes(&l), EVIDENCE_META);
	strlist_release(&l);
	check_int("evidence_parse rct", evidence_parse("rct"), EVIDENCE_RCT);
	check_int("evidence_parse alias", evidence_parse("systematic-review"), EVIDENCE_META);
	check_int("evidence_parse junk", evidence_parse("vibes"), -1);
	check_str("evidence_name", evidence_name(EVIDENCE_CASE), "case-report");
}

static void test_json_check(void)
{
	static const struct { const char *in; int want; } cases[] = {
		{ "{}", 1 }, { "[]", 1 }, { " {\"a\": [1, -2.5e3, true, false, null, \"x\\u00e9\"]} ", 1 },
		{ "\"just a string\"", 1 }, { "0", 1 }, { "{\"a\":{\"b\":{}}}", 1 },
		{ "{{\"a\":\"x\"}: 1}", 0 },     /* SQLite 3.40 takes this as valid */
		{ "{1:2}", 0 }, { "{\"a\" 1}", 0 }, { "[1,]", 0 }, { "[1 2]", 0 }, { "01", 0 },
		{ "{\"a\":1}}", 0 }, { "\"tab\there\"", 0 }, { "\"\\x\"", 0 }, { "\"\\u12\"", 0 },
		{ "", 0 }, { "nul", 0 }, { "-", 0 }, { "1.", 0 }, { "{\"a\":1} x", 0 },
	};
	char deep[600];

	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char what[80];
		snprintf(what, sizeof(what), "json_check(%s)", cases[i].in);
		check_int(what, json_check(cases[i].in, strlen(cases[i].in)), cases[i].want);
	}
	memset(deep, '[', 300);
	memset(deep + 300, ']', 300);
	check_int("nesting past the limit is refused", json_check(deep, 600), 0);
	check_int("nesting within the limit is fine", json_check(deep + 100, 400), 1);
}

static void test_config(void)
{
	char dir[] = "/tmp/evidex-test-config-XXXXXX", path[128];
	FILE *f;

	if (!mkdtemp(dir)) {
		skip(4, "no temporary directory");
		return;
	}
	snprintf(path, sizeof(path), "%s/evidex", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/evidex/config", dir);
	f = fopen(path, "w");
	fputs("# evidex settings\nemail = reader@example.org   # for NCBI\n"
		"ncbi_api_key=abc123\nnot a setting\n", f);
	fclose(f);
	setenv("XDG_CONFIG_HOME", dir, 1);
	unsetenv("EVIDEX_TEST_EMAIL");
	check_str("config file value", config_get("email", "EVIDEX_TEST_EMAIL"), "reader@example.org");
	check_str("config file value without spaces", config_get("ncbi_api_key", NULL), "abc123");
	check_str("unknown key", config_get("nothing", NULL), NULL);
	setenv("EVIDEX_TEST_EMAIL", "env@example.org", 1);
	check_str("the environment wins", config_get("email", "EVIDEX_TEST_EMAIL"), "env@example.org");
	unlink(path);
	snprintf(path, sizeof(path), "%s/evidex", dir);
	rmdir(path);
	rmdir(dir);
}

int main(void)
{
	test_config();
	test_json_check();
	test_buf();
	test_dates();
	test_durations();
	test_text();
	test_urls();
	test_evidence();
	return test_done();
}
