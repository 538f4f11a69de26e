/* robots.txt parsing and matching (RFC 9309), table-driven. */
#include <stdlib.h>
#include <string.h>

#include "../../core/buf.h"
#include "../../core/limits.h"
#include "../../indexer/robots.h"
#include "test.h"

/* The examples of RFC 9309 §5.1 and §2.2, plus our own edge cases. */
static const char rfc_example[] =
	"User-Agent: *\n"
	"Disallow: *.gif$\n"
	"Disallow: /example/\n"
	"Allow: /publications/\n"
	"\n"
	"User-Agent: foobot\n"
	"Disallow:/\n"
	"Allow:/example/page.html\n"
	"Allow:/example/allowed.gif\n"
	"\n"
	"User-Agent: barbot\n"
	"User-Agent: bazbot\n"
	"Disallow: /example/page.html\n"
	"\n"
	"User-Agent: quxbot\n";

static const char tie[] =
	"user-agent: *\n"
	"allow: /page\n"
	"disallow: /page\n"
	"disallow: /*.php\n"
	"allow: /*.php$\n";

static const char percent[] =
	"User-agent: *\n"
	"Disallow: /foo/bar?baz=quz\n"
	"Disallow: /%7Etilde\n"
	"Disallow: /foo/%2Fslash\n"
	"Disallow: /caf%c3%a9\n"
	"Disallow: /space here\n";

static const char crlf_bom[] =
	"\xEF\xBB\xBFUser-agent: evidex # us\r\n"
	"Disallow: /private # secret\r"
	"Crawl-delay: 2.5\r\n"
	"this line has no colon\n"
	"Disallow /not-a-rule\n"
	"\n"
	"User-agent: *\r\n"
	"Disallow: /\r\n";

static const char multi[] =
	"User-agent: EVIDEX/1.0\n"
	"Disallow: /a\n"
	"User-agent: other\n"
	"Disallow: /b\n"
	"User-agent: evidex\n"
	"Disallow: /c\n"
	"Crawl-delay: 7\n"
	"User-agent: *\n"
	"Disallow: /d\n"
	"Crawl-delay: 1\n";

static const char html[] =
	"  <!DOCTYPE html>\n<html><body><pre>\n"
	"User-agent: *\nDisallow: /\n</pre></body></html>\n";

static const char no_star[] =
	"User-agent: somebot\n"
	"Disallow: /\n";

static const char rules_first[] =
	"Disallow: /orphan\n"
	"User-agent: *\n"
	"Disallow: /x\n"
	"Sitemap: https://example.org/sitemap.xml\n"
	"Disallow: /y\n"
	"Allow: /x/ok\n"
	"Disallow:\n";

static const struct {
	const char *name, *text, *agent, *path;
	int want;
} cases[] = {
	/* RFC 9309 §5.1 */
	{ "rfc: * disallows /example/", rfc_example, "evidex", "/example/x", 0 },
	{ "rfc: * allows /publications/", rfc_example, "evidex", "/publications/x", 1 },
	{ "rfc: *.gif$ blocks gif", rfc_example, "evidex", "/a/b.gif", 0 },
	{ "rfc: *.gif$ not gif?x", rfc_example, "evidex", "/a/b.gif?x", 1 },
	{ "rfc: foobot disallow /", rfc_example, "foobot", "/other", 0 },
	{ "rfc: foobot allowed page", rfc_example, "FooBot", "/example/page.html", 1 },
	{ "rfc: foobot allowed gif", rfc_example, "foobot", "/example/allowed.gif", 1 },
	{ "rfc: foobot does not inherit *", rfc_example, "foobot", "/publications/", 0 },
	{ "rfc: barbot shares group", rfc_example, "barbot", "/example/page.html", 0 },
	{ "rfc: bazbot shares group", rfc_example, "bazbot", "/example/page.html", 0 },
	{ "rfc: bazbot rest allowed", rfc_example, "bazbot", "/example/x", 1 },
	{ "rfc: quxbot empty group allows", rfc_example, "quxbot", "/example/x", 1 },
	{ "rfc: robots.txt always allowed", rfc_example, "foobot", "/robots.txt", 1 },
	{ "rfc: robots.txt?q not special", rfc_example, "foobot", "/robots.txt?q", 0 },
	/* precedence */
	{ "tie: allow wins", tie, "evidex", "/page", 1 },
	{ "tie: longer disallow wins", tie, "evidex", "/page.php5", 0 },
	{ "$: .php end allowed", tie, "evidex", "/index.php", 1 },
	{ "$: .php with query blocked", tie, "evidex", "/index.php?a=1", 0 },
	{ "*: matches middle", tie, "evidex", "/x/y.php/z", 0 },
	{ "no match allowed", tie, "evidex", "/other", 1 },
	{ "empty path is /", tie, "evidex", "", 1 },
	/* percent-encoding */
	{ "pct: query part", percent, "evidex", "/foo/bar?baz=quz", 0 },
	{ "pct: ~ decoded in pattern", percent, "evidex", "/~tilde", 0 },
	{ "pct: %7e in path", percent, "evidex", "/%7etilde/x", 0 },
	{ "pct: %2F stays encoded", percent, "evidex", "/foo/%2fslash", 0 },
	{ "pct: %2F is not /", percent, "evidex", "/foo//slash", 1 },
	{ "pct: utf-8 raw in path", percent, "evidex", "/caf\xC3\xA9", 0 },
	{ "pct: utf-8 encoded", percent, "evidex", "/caf%C3%A9/menu", 0 },
	{ "pct: case-sensitive", percent, "evidex", "/CAF%C3%A9", 1 },
	{ "pct: space", percent, "evidex", "/space%20here", 0 },
	/* syntax */
	{ "bom+crlf: private", crlf_bom, "evidex", "/private/x", 0 },
	{ "bom+crlf: comment cut", crlf_bom, "evidex", "/public", 1 },
	{ "no colon ignored", crlf_bom, "evidex", "/not-a-rule", 1 },
	{ "other agent gets *", crlf_bom, "somebot", "/public", 0 },
	/* multiple groups */
	{ "multi: token with version", multi, "evidex", "/a", 0 },
	{ "multi: combined group", multi, "evidex", "/c", 0 },
	{ "multi: other group ignored", multi, "evidex", "/b", 1 },
	{ "multi: * ignored when named", multi, "evidex", "/d", 1 },
	{ "multi: unnamed gets *", multi, "nobot", "/d", 0 },
	{ "multi: unnamed free elsewhere", multi, "nobot", "/a", 1 },
	/* no group for us, HTML, garbage */
	{ "no * group: allowed", no_star, "evidex", "/x", 1 },
	{ "html: no rules", html, "evidex", "/x", 1 },
	{ "orphan rule ignored", rules_first, "evidex", "/orphan", 1 },
	{ "sitemap keeps group", rules_first, "evidex", "/y", 0 },
	{ "longer allow wins", rules_first, "evidex", "/x/ok/1", 1 },
	{ "shorter disallow", rules_first, "evidex", "/x/no", 0 },
	{ "empty disallow", rules_first, "evidex", "/z", 1 },
	{ "garbage", "\x01\x02:\xff\xfe\n::::\n#", "evidex", "/", 1 },
	{ "empty file", "", "evidex", "/", 1 },
	{ "pattern without slash", "User-agent: *\nDisallow: tmp\n", "evidex", "/tmp/1", 0 },
	{ "lone $", "User-agent: *\nDisallow: /$\n", "evidex", "/", 0 },
	{ "lone $ other", "User-agent: *\nDisallow: /$\n", "evidex", "/a", 1 },
	{ "many stars", "User-agent: *\nDisallow: /*a*b*c*d$\n", "evidex", "/xaybzczzd", 0 },
	{ "many stars miss", "User-agent: *\nDisallow: /*a*b*c*d$\n", "evidex", "/xaybzczzdx", 1 },
	{ "star anchors", "User-agent: *\nDisallow: /*/x$\n", "evidex", "/a/x/b/x", 0 },
};

static const struct {
	const char *text, *agent;
	long delay;
	size_t rules;
} meta[] = {
	{ crlf_bom, "evidex", 2500, 1 },
	{ multi, "evidex", 7000, 2 },
	{ multi, "nobot", 1000, 1 },
	{ rfc_example, "evidex", -1, 3 },
	{ html, "evidex", -1, 0 },
	{ "User-agent: *\nCrawl-delay: 99999999999\n", "evidex", 86400000, 0 },
	{ "User-agent: *\nCrawl-delay: soon\n", "evidex", -1, 0 },
};

int main(void)
{
	size_t i;
	char name[128];

	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct robots *r = robots_parse(cases[i].text, strlen(cases[i].text),
						cases[i].agent);

		check_int(cases[i].name, robots_allowed(r, cases[i].path), cases[i].want);
		robots_free(r);
	}
	for (i = 0; i < sizeof(meta) / sizeof(*meta); i++) {
		struct robots *r = robots_parse(meta[i].text, strlen(meta[i].text),
						meta[i].agent);

		snprintf(name, sizeof(name), "meta %zu: crawl-delay", i);
		check_int(name, robots_crawl_delay_ms(r), meta[i].delay);
		snprintf(name, sizeof(name), "meta %zu: rule count", i);
		check_int(name, robots_rule_count(r), meta[i].rules);
		robots_free(r);
	}

	/* Hostile: huge file, many rules; bounded and still answers. */
	{
		struct buf b = BUF_INIT;
		struct robots *r;
		int k;

		buf_adds(&b, "User-agent: *\n");
		for (k = 0; k < 30000; k++)
			buf_printf(&b, "Disallow: /d%d$\n", k);
		r = robots_parse(b.data, b.len, NULL);
		check("rule count bounded", robots_rule_count(r) == ROBOTS_MAX_RULES);
		check_int("bounded: early rule kept", robots_allowed(r, "/d5"), 0);
		check_int("bounded: late rule dropped", robots_allowed(r, "/d29999"), 1);
		robots_free(r);

		buf_reset(&b);
		buf_adds(&b, "User-agent: *\nDisallow: /");
		for (k = 0; k < 300000; k++)
			buf_addc(&b, 'a');
		buf_adds(&b, "\nDisallow: /b\n");
		r = robots_parse(b.data, b.len, NULL);
		check_int("over-long pattern ignored", robots_rule_count(r), 1);
		robots_free(r);

		buf_reset(&b);
		buf_adds(&b, "User-agent: *\n");
		while (b.len < LIMIT_ROBOTS_BYTES)
			buf_adds(&b, "# padding padding padding padding padding\n");
		buf_adds(&b, "Disallow: /late\n");
		r = robots_parse(b.data, b.len, NULL);
		check_int("past the size limit ignored", robots_allowed(r, "/late"), 1);
		robots_free(r);
		buf_release(&b);
	}
	check_int("NULL robots allows", robots_allowed(NULL, "/x"), 1);
	{
		struct robots *r = robots_allow_all();

		check_int("allow_all", robots_allowed(r, "/anything"), 1);
		robots_free(r);
	}
	return test_done();
}
