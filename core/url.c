#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

#include "buf.h"
#include "log.h"
#include "text.h"
#include "url.h"

static CURLU *parse(const char *base, const char *ref)
{
	CURLU *u = curl_url();
	char *scheme = NULL;

	if (!u)
		return NULL;
	if ((base && curl_url_set(u, CURLUPART_URL, base, 0) != CURLUE_OK) ||
	    curl_url_set(u, CURLUPART_URL, ref, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    (strcasecmp(scheme, "http") && strcasecmp(scheme, "https"))) {
		curl_free(scheme);
		curl_url_cleanup(u);
		return NULL;
	}
	curl_free(scheme);
	return u;
}

static char *get_url(CURLU *u)
{
	char *s = NULL, *r;

	if (curl_url_get(u, CURLUPART_URL, &s, 0) != CURLUE_OK)
		return NULL;
	r = xstrdup(s);
	curl_free(s);
	return r;
}

char *url_resolve(const char *base, const char *ref)
{
	CURLU *u;
	char *r;

	if (!ref)
		return NULL;
	while (*ref == ' ' || *ref == '\t' || *ref == '\n' || *ref == '\r')
		ref++;
	if (!*ref || strlen(ref) > 8192)
		return NULL;
	u = parse(base && *base ? base : NULL, ref);
	if (!u)
		return NULL;
	r = get_url(u);
	curl_url_cleanup(u);
	return r;
}

int url_is_http(const char *url)
{
	return url && (starts_with_ci(url, "http://") || starts_with_ci(url, "https://"));
}

static int is_tracking(const char *param, size_t len)
{
	static const char *const names[] = {
		"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid",
		"igshid", "yclid", "_hsenc", "_hsmi", "mkt_tok", "ref_src",
	};

	if (len >= 4 && !strncasecmp(param, "utm_", 4))
		return 1;
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
		if (strlen(names[i]) == len && !strncasecmp(param, names[i], len))
			return 1;
	return 0;
}

char *url_canonical(const char *url)
{
	CURLU *u;
	char *query = NULL, *r;

	if (!url || !(u = parse(NULL, url)))
		return NULL;
	curl_url_set(u, CURLUPART_FRAGMENT, NULL, 0);
	{
		char *host = NULL;

		if (curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK && host) {
			for (char *p = host; *p; p++)
				if (*p >= 'A' && *p <= 'Z')
					*p += 32;
			curl_url_set(u, CURLUPART_HOST, host, 0);
		}
		curl_free(host);
	}
	if (curl_url_get(u, CURLUPART_QUERY, &query, 0) == CURLUE_OK && query) {
		struct buf kept = BUF_INIT;
		const char *p = query;

		while (*p) {
			size_t n = strcspn(p, "&"), name = strcspn(p, "=&");

			if (n && !is_tracking(p, name < n ? name : n)) {
				if (kept.len)
					buf_addc(&kept, '&');
				buf_add(&kept, p, n);
			}
			p += n;
			if (*p)
				p++;
		}
		curl_url_set(u, CURLUPART_QUERY, kept.len ? kept.data : NULL, 0);
		buf_release(&kept);
	}
	curl_free(query);
	r = get_url(u);
	curl_url_cleanup(u);
	return r;
}

static char *part(const char *url, CURLUPart what)
{
	CURLU *u;
	char *s = NULL, *r = NULL;

	if (!url || !(u = parse(NULL, url)))
		return NULL;
	if (curl_url_get(u, what, &s, 0) == CURLUE_OK && s)
		r = xstrdup(s);
	curl_free(s);
	curl_url_cleanup(u);
	return r;
}

char *url_host(const char *url)
{
	char *h = part(url, CURLUPART_HOST);

	for (char *p = h; p && *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p += 32;
	return h;
}

char *url_origin(const char *url)
{
	char *scheme = part(url, CURLUPART_SCHEME), *host = url_host(url);
	char *port = part(url, CURLUPART_PORT);
	struct buf b = BUF_INIT;

	if (scheme && host) {
		for (char *p = scheme; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p += 32;
		buf_printf(&b, "%s://%s", scheme, host);
		if (port)
			buf_printf(&b, ":%s", port);
	}
	free(scheme);
	free(host);
	free(port);
	return b.len ? buf_detach(&b, NULL) : NULL;
}

char *url_redact(const char *s)
{
	struct buf b = BUF_INIT;
	const char *p;

	while ((p = strstr(s, "api_key="))) {
		buf_add(&b, s, (size_t)(p - s) + 8);
		buf_adds(&b, "***");
		s = p + 8 + strcspn(p + 8, "&' \"");
	}
	buf_adds(&b, s);
	return buf_detach(&b, NULL);
}
