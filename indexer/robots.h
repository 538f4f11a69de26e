#ifndef EVIDEX_ROBOTS_H
#define EVIDEX_ROBOTS_H

#include <stddef.h>

#include "../core/version.h"

/*
 * robots.txt (RFC 9309): parsing and matching, no network.
 *
 * The rules kept are those of every group whose user-agent product token
 * equals ours (case-insensitive; "Foo/1.2" names the token "Foo"),
 * combined; when no group names us, those of every "*" group; when there
 * is none either, no rules (everything allowed). Allow/Disallow patterns
 * support '*' (any run of octets) and a trailing '$' (end of path); the
 * longest pattern (in octets) that matches wins, Allow wins a tie, and
 * "/robots.txt" is always allowed. Patterns and paths are compared
 * case-sensitively after percent-encoding normalisation: %XX naming an
 * unreserved character is decoded, other %xx get upper-case hex digits,
 * and octets outside printable ASCII are percent-encoded.
 *
 * Input is outside data: at most LIMIT_ROBOTS_BYTES are read, at most
 * ROBOTS_MAX_RULES rules kept, longer patterns than ROBOTS_MAX_PATTERN
 * ignored. Text that looks like HTML (first non-blank octet '<') gives
 * no rules.
 */
#define ROBOTS_MAX_RULES   10000
#define ROBOTS_MAX_PATTERN 2048
#define ROBOTS_AGENT       EVIDEX_ROBOTS_TOKEN /* our product token */

struct robots;

/*
 * Parses 'len' octets of 'text' (need not be NUL-terminated; may be NULL
 * when len is 0) for the product token 'agent' (ROBOTS_AGENT when NULL).
 * Never fails: garbage gives an object with no rules. Free with
 * robots_free().
 */
struct robots *robots_parse(const char *text, size_t len, const char *agent);

/* An object that allows everything (for a 4xx robots.txt). */
struct robots *robots_allow_all(void);

void robots_free(struct robots *r);

/*
 * 1 when 'path' may be fetched, 0 when a Disallow rule forbids it.
 * 'path' is the URL's path with its query ("/a/b?c=d"), still
 * percent-encoded as in the URL; "" counts as "/".
 */
int robots_allowed(const struct robots *r, const char *path);

/* How many Allow/Disallow rules apply to us. */
size_t robots_rule_count(const struct robots *r);

/*
 * The Crawl-delay of the groups that apply to us, in milliseconds (the
 * largest when several give one, at most 24 hours), or -1 when none.
 * Not part of RFC 9309; honour it or not.
 */
long robots_crawl_delay_ms(const struct robots *r);

#endif
