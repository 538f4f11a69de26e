#ifndef EVIDEX_DATE_H
#define EVIDEX_DATE_H

#include <time.h>

/*
 * Dates as feeds, pages and users write them, made ISO 8601.
 *
 * date_iso() parses RFC 822/1123/2822 ("Tue, 05 Sep 2023 10:00:00 +0200",
 * "5 Sep 23 10:00 GMT", named zones), RFC 3339 / ISO 8601 ("2023-09-05",
 * "2023-09-05T10:00:00.5-04:00", "2023-09-05 10:00:00", "20230905"),
 * and the partial dates "2023" and "2023-09". It returns a new string
 * (free() it): "YYYY-MM-DDTHH:MM:SSZ" in UTC when a time was given,
 * "YYYY-MM-DD", "YYYY-MM" or "YYYY" when only that much was; NULL when
 * 's' is NULL or is not a date it can read.
 */
char *date_iso(const char *s);

/*
 * Seconds since the epoch (UTC) for an ISO string from date_iso(); a
 * partial date counts from its first instant. -1 when unreadable.
 */
long long date_epoch(const char *iso);

/* Formats 't' as "YYYY-MM-DDTHH:MM:SSZ" into 'out' (21 bytes at least). */
void date_format(time_t t, char out[21]);

/*
 * Parses a duration as the user writes it ("90", "90s", "30m", "6h",
 * "1d", "1w", "1h30m") into seconds; -1 on anything else.
 */
long long duration_parse(const char *s);

/*
 * Parses a media duration ("3600", "1:02:03", "62:03", "5:07",
 * "1800.5", "01:02:03.250") into seconds, the way itunes:duration and
 * transcripts write it; -1 when unreadable, negative, more than three
 * fields, or minutes or seconds past 59 below the first field ("1:99").
 */
double clock_parse(const char *s);

/* Formats seconds as "M:SS" or "H:MM:SS" into 'out' (16 bytes at least). */
void clock_format(double seconds, char out[16]);

#endif
