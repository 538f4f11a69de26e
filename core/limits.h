#ifndef EVIDEX_LIMITS_H
#define EVIDEX_LIMITS_H

/*
 * Every bound on outside data, in one place. Whatever passes a limit is
 * cut or refused with a clear error; nothing here is a hard crash.
 */
#define LIMIT_BODY_BYTES        ((size_t)32 << 20)  /* one HTTP body, decoded */
#define LIMIT_ROBOTS_BYTES      ((size_t)512 << 10) /* RFC 9309: at least 500 KiB */
#define LIMIT_HEADER_BYTES      ((size_t)64 << 10)  /* all response headers */
#define LIMIT_REDIRECTS         5
#define LIMIT_FETCH_SECONDS     60L                 /* whole transfer */
#define LIMIT_CONNECT_SECONDS   15L
#define LIMIT_LOW_SPEED_BYTES   100L                /* below this for ... */
#define LIMIT_LOW_SPEED_SECONDS 30L                 /* ... this long: abort */
#define LIMIT_FEED_ITEMS        5000                /* items kept from one feed */
#define LIMIT_FIELD_BYTES       ((size_t)1 << 20)   /* one title, summary ... */
#define LIMIT_TEXT_BYTES        ((size_t)8 << 20)   /* one document's text */
#define LIMIT_PASSAGES          20000               /* passages per document */
#define LIMIT_AUTHORS           500
#define LIMIT_QUERY_BYTES       4096                /* a user query, longer is cut */
#define LIMIT_QUERY_TERMS       64
#define LIMIT_JSON_LINE_BYTES   ((size_t)16 << 20)  /* one line of import */
#define LIMIT_XML_DEPTH         256

#endif
