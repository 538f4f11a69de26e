#ifndef EVIDEX_URL_H
#define EVIDEX_URL_H

/*
 * URL helpers on libcurl's URL API. Each returns a new string (free() it)
 * or NULL when the input is not an http(s) URL it can read.
 */

/* 'ref' resolved against 'base' (either may be absolute); http(s) only. */
char *url_resolve(const char *base, const char *ref);

/*
 * The URL that names a document: scheme and host lowercased, default port
 * and fragment dropped, tracking parameters (utm_*, fbclid, gclid, mc_cid,
 * mc_eid, ...) removed from the query.
 */
char *url_canonical(const char *url);

/* "scheme://host[:port]" of 'url', for per-origin state (robots.txt). */
char *url_origin(const char *url);

/* The host of 'url', lowercased. */
char *url_host(const char *url);

/*
 * 's' (a URL, a POST body or a message holding one) with the value of
 * every api_key= parameter hidden as "***": the key is the user's secret
 * and belongs in no message, log or database. Never NULL; free() it.
 */
char *url_redact(const char *s);

/* 1 when 'url' is an absolute http:// or https:// URL. */
int url_is_http(const char *url);

#endif
