#include <stdlib.h>
#include <string.h>

#include "../../core/buf.h"
#include "../../core/text.h"
#include "../../indexer/html.h"
#include "test.h"

static const struct {
	const char *in, *want;
} frag[] = {
	{ "<p>Hello <b>world</b></p><p>Second&nbsp;para &amp; more</p>",
	  "Hello world\n\nSecond para & more" },
	{ "plain text &eacute; with &lt;entities&gt;",
	  "plain text \xc3\xa9 with <entities>" },
	{ "line one<br>line two<br><br>para two",
	  "line one\nline two\n\npara two" },
	{ "<ul><li>one</li><li>two</li></ul><h2>Head</h2>text after",
	  "one\ntwo\n\nHead\n\ntext after" },
	{ "<div>a<script>bad()</script> b<style>x{}</style></div>"
	  "<div hidden>no</div><span style='display: none'>no</span>c",
	  "a b\n\nc" },
	{ "  lots   of\n\n white\tspace  ", "lots of white space" },
	{ "bad \xff bytes", "bad \xef\xbf\xbd bytes" },
	{ "<pre>a\n  b</pre>", "a\nb" },
	{ "<table><tr><td>x</td><td>y</td></tr><tr><td>z</td></tr></table>",
	  "x y\nz" },
	{ "", "" },
	{ "<p></p><p> </p>", "" },
};

static const struct {
	const char *html, *ctype, *want;
} charsets[] = {
	{ "<meta charset=\"ISO-8859-1\">", NULL, "windows-1252" },
	{ "<meta http-equiv=Content-Type content='text/html; charset=utf-8'>",
	  NULL, "UTF-8" },
	{ "<p>x</p>", "text/html; charset=Shift_JIS", "CP932" },
	{ "\xef\xbb\xbf<meta charset=latin1>", NULL, "UTF-8" },
	{ "<meta charset=utf-16>", NULL, "UTF-8" },
	{ "<p>caf\xe9</p>", NULL, "windows-1252" },
	{ "<p>caf\xc3\xa9</p>", NULL, "UTF-8" },
	{ "<meta charset=latin1>", "text/html; charset=utf-8", "UTF-8" },
};

int main(void)
{
	for (size_t i = 0; i < sizeof(frag) / sizeof(frag[0]); i++) {
		struct buf b = BUF_INIT;
		int rc = html_fragment_text(frag[i].in, strlen(frag[i].in), &b);

		char what[64];

		snprintf(what, sizeof(what), "fragment %zu returns 0", i);
		check_int(what, rc, 0);
		snprintf(what, sizeof(what), "fragment %zu text", i);
		check_str(what, b.data, frag[i].want);
		buf_release(&b);
	}
	for (size_t i = 0; i < sizeof(charsets) / sizeof(charsets[0]); i++) {
		char *cs = html_charset(charsets[i].html,
			strlen(charsets[i].html), charsets[i].ctype);

		char what[64];

		snprintf(what, sizeof(what), "charset case %zu", i);
		check_str(what, cs, charsets[i].want);
		free(cs);
	}
	{
		const char *p = "<html><head><meta charset=iso-8859-1></head>"
			"<body><p>caf\xe9</p></body></html>";
		htmlDocPtr d = html_parse(p, strlen(p), NULL, NULL);
		struct buf b = BUF_INIT;

		check("latin-1 page parses", d != NULL);
		if (d)
			html_node_text((xmlNode *)d, &b);
		check_str("latin-1 page decoded", b.data, "caf\xc3\xa9");
		xmlFreeDoc(d);
		buf_release(&b);
	}
	{
		struct buf b = BUF_INIT_MAX(8);
		const char *p = "<p>a long paragraph that does not fit</p>";

		check_int("limit reached gives -1",
			  html_fragment_text(p, strlen(p), &b), -1);
		check("limit kept", b.len <= 8 && utf8_valid(b.data, b.len));
		buf_release(&b);
	}
	return test_done();
}
