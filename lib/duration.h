#ifndef GRPSUP_DURATION_H
#define GRPSUP_DURATION_H

#include <stddef.h>
#include <stdint.h>

/* The longest DURATION accepted anywhere: one year, in milliseconds. */
#define DURATION_MAX_MS ((int64_t)366 * 24 * 3600 * 1000)

/*
 * duration_parse: read a DURATION ("250ms", "10s", "1m30s", "2h", "1.5s") into
 * milliseconds. A bare number ("10", "0.5") is seconds. Units are ms, s, m and h;
 * terms may follow one another in any order and are added. Fractions below a
 * millisecond are dropped. Returns 0 with *ms set, or -1 with errno EINVAL for
 * bad syntax or ERANGE for a value above DURATION_MAX_MS; *ms is untouched then.
 */
int duration_parse(const char *s, int64_t *ms);

/*
 * duration_error: why s is not a DURATION, as duration_parse left errno in
 * err: "duration 'S' is too long (at most 8784h)" for ERANGE, the limit
 * spelled from DURATION_MAX_MS, else "invalid duration 'S' (use a number
 * with ms, s, m or h)", with "positive " before "number" when positive is
 * set. Written into buf of size len; returns buf.
 */
char *duration_error(const char *s, int err, int positive, char *buf,
    size_t len);

/*
 * duration_format: write ms in the shortest exact DURATION form ("1m30s",
 * "250ms", "0s") into buf of size len, always NUL-terminated. Returns buf.
 */
char *duration_format(int64_t ms, char *buf, size_t len);

#endif
