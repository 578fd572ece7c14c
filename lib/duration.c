/*
 * DURATION values as users write them ("250ms", "1m30s", a bare number of
 * seconds), read into milliseconds and written back for messages.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "duration.h"
#include "text.h"

/* Unit suffixes, longest first so that "ms" is not read as "m" then "s". */
static const struct {
	const char *suffix;
	int64_t ms;
} units[] = {
	{ "ms", 1 },
	{ "s", 1000 },
	{ "m", 60 * 1000 },
	{ "h", 3600 * 1000 },
};

/*
 * Read one number ("12", "1.5") at *sp as a whole part and a fraction in
 * billionths; advance *sp. Returns -1 when there is no digit or it overflows.
 */
static int
read_number(const char **sp, int64_t *whole, int64_t *nanos)
{
	const char *s = *sp;
	int64_t w = 0, f = 0, scale = 100000000;
	int digits = 0;

	for (; *s >= '0' && *s <= '9'; s++, digits++) {
		if (w > DURATION_MAX_MS)
			return -1;
		w = w * 10 + (*s - '0');
	}
	if (*s == '.') {
		for (s++; *s >= '0' && *s <= '9'; s++, digits++) {
			f += (*s - '0') * scale;
			scale /= 10;
		}
	}
	if (digits == 0)
		return -1;
	*sp = s;
	*whole = w;
	*nanos = f;
	return 0;
}

int
duration_parse(const char *s, int64_t *ms)
{
	int64_t total = 0, whole, nanos;
	size_t i;
	int terms = 0;

	if (s == NULL || *s == '\0')
		goto invalid;
	while (*s != '\0') {
		if (read_number(&s, &whole, &nanos) == -1) {
			if (*s >= '0' && *s <= '9')
				goto range;
			goto invalid;
		}
		if (*s == '\0' && terms == 0) {
			/* a bare number is seconds, but only alone */
			i = 1;
		} else {
			for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
				if (strncmp(s, units[i].suffix,
				    strlen(units[i].suffix)) == 0)
					break;
			if (i == sizeof(units) / sizeof(units[0]))
				goto invalid;
			s += strlen(units[i].suffix);
		}
		if (whole > DURATION_MAX_MS / units[i].ms)
			goto range;
		terms++;
		total += whole * units[i].ms + nanos / 1000000 * units[i].ms / 1000;
		if (total > DURATION_MAX_MS)
			goto range;
	}
	*ms = total;
	return 0;
invalid:
	errno = EINVAL;
	return -1;
range:
	errno = ERANGE;
	return -1;
}

char *
duration_format(int64_t ms, char *buf, size_t len)
{
	int64_t h = ms / 3600000, m = ms / 60000 % 60, s = ms / 1000 % 60;
	int64_t rest = ms % 1000;
	size_t n = 0;

	buf[0] = '\0';
	if (h > 0)
		n += snprintf(buf + n, len - n, "%lldh", (long long)h);
	if (m > 0 && n < len)
		n += snprintf(buf + n, len - n, "%lldm", (long long)m);
	if (rest > 0 && s > 0 && n < len)
		snprintf(buf + n, len - n, "%lld.%03llds", (long long)s,
		    (long long)rest);
	else if (rest > 0 && n < len)
		snprintf(buf + n, len - n, "%lldms", (long long)rest);
	else if ((s > 0 || n == 0) && n < len)
		snprintf(buf + n, len - n, "%llds", (long long)s);
	return buf;
}

char *
duration_error(const char *s, int err, int positive, char *buf, size_t len)
{
	char max[32];

	if (err == ERANGE)
		snprintf(buf, len, "duration '%.*s%s' is too long (at most %s)",
		    TEXT_CLIP(s),
		    duration_format(DURATION_MAX_MS, max, sizeof(max)));
	else
		snprintf(buf, len, "invalid duration '%.*s%s' (use a %snumber "
		    "with ms, s, m or h)", TEXT_CLIP(s), positive ? "positive " :
		    "");
	return buf;
}
