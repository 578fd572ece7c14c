#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "envfile.h"
#include "text.h"

static int
is_blank(int c)
{
	return c == ' ' || c == '\t';
}

size_t
envfile_key_length(const char *s, size_t n)
{
	size_t i = 0;

	if (n == 0 || !(s[0] == '_' || (s[0] >= 'A' && s[0] <= 'Z') ||
	    (s[0] >= 'a' && s[0] <= 'z')))
		return 0;
	while (i < n && (s[i] == '_' || (s[i] >= 'A' && s[i] <= 'Z') ||
	    (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9')))
		i++;
	return i;
}

/* After a closing quote: only blanks, then maybe a comment. */
static int
rest_is_empty(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && is_blank(s[i]))
		i++;
	return i == n || s[i] == '#';
}

/* Say which escape is unknown; a byte that does not print, in hex. */
static void
bad_escape(char c, char *why, size_t len)
{
	unsigned char u = (unsigned char)c;

	if (u < 0x20 || u >= 0x7f)
		snprintf(why, len, "unknown escape '\\x%02x' in double quotes "
		    "(use \\n \\t \\\\ \\\")", u);
	else
		snprintf(why, len, "unknown escape '\\%c' in double quotes "
		    "(use \\n \\t \\\\ \\\")", c);
}

/* Copy a double-quoted value's body into out; returns its end or NULL. */
static const char *
unescape(const char *s, const char *end, char *out, size_t *olen, char *why,
    size_t len)
{
	size_t o = 0;

	for (; s < end && *s != '"'; s++) {
		if (*s != '\\') {
			out[o++] = *s;
			continue;
		}
		if (++s == end)
			break;
		switch (*s) {
		case 'n': out[o++] = '\n'; break;
		case 't': out[o++] = '\t'; break;
		case '\\': case '"': out[o++] = *s; break;
		default:
			bad_escape(*s, why, len);
			return NULL;
		}
	}
	if (s == end) {
		text_fail(why, len, "unterminated double quote");
		return NULL;
	}
	*olen = o;
	return s + 1;
}

/* The value of s (n bytes, after '='), into out (n bytes at least). */
static int
parse_value(const char *s, size_t n, char *out, size_t *olen, char *why,
    size_t len)
{
	const char *end = s + n, *close;

	if (n > 0 && s[0] == '\'') {
		if ((close = memchr(s + 1, '\'', n - 1)) == NULL)
			return text_fail(why, len, "unterminated single quote");
		*olen = (size_t)(close - s - 1);
		memcpy(out, s + 1, *olen);
		close++;
	} else if (n > 0 && s[0] == '"') {
		if ((close = unescape(s + 1, end, out, olen, why, len)) == NULL)
			return -1;
	} else {
		size_t i;

		for (i = 0; i < n && !(s[i] == '#' && i > 0 &&
		    is_blank(s[i - 1])); i++)
			;
		while (i > 0 && is_blank(s[i - 1]))
			i--;
		memcpy(out, s, i);
		*olen = i;
		return 0;
	}
	if (!rest_is_empty(close, (size_t)(end - close)))
		return text_fail(why, len,
		    "unexpected text after the closing quote");
	return 0;
}

int
envfile_parse_line(const char *line, size_t n, char **kv, char *why,
    size_t len)
{
	size_t k, vn, vlen = 0;
	const char *v;
	char *out;

	if (memchr(line, '\0', n) != NULL)
		return text_fail(why, len, "NUL byte in the line");
	if (n > 0 && line[n - 1] == '\r')
		n--;
	while (n > 0 && is_blank(*line))
		line++, n--;
	if (n == 0 || *line == '#')
		return 0;
	if (n > 7 && strncmp(line, "export", 6) == 0 && is_blank(line[6]))
		for (line += 7, n -= 7; n > 0 && is_blank(*line); line++, n--)
			;
	if ((k = envfile_key_length(line, n)) == 0 || k == n || line[k] != '=')
		return text_fail(why, len, "expected KEY=VALUE (KEY of A-Z a-z "
		    "0-9 _, not starting with a digit)");
	if ((out = malloc(n + 1)) == NULL)
		return text_fail(why, len, "%s", strerror(ENOMEM));
	memcpy(out, line, k + 1);
	for (v = line + k + 1, vn = n - k - 1; vn > 0 && is_blank(*v); v++)
		vn--;
	if (parse_value(v, vn, out + k + 1, &vlen, why, len) == -1) {
		free(out);
		return -1;
	}
	out[k + 1 + vlen] = '\0';
	*kv = out;
	return 1;
}

int
envfile_load(const char *path, struct strv *sv, int *line, char *why,
    size_t len)
{
	FILE *f;
	char *buf = NULL, *kv;
	size_t cap = 0;
	ssize_t n;
	int r = 0, got;

	*line = 0;
	if ((f = fopen(path, "r")) == NULL)
		return text_fail(why, len, "%s", strerror(errno));
	while (r == 0 && (n = getline(&buf, &cap, f)) != -1) {
		char *s = buf;

		/* a UTF-8 byte-order mark (Windows editors) is no part of KEY */
		if (++*line == 1 && text_skip_bom(&s))
			n -= 3;
		if (n > 0 && s[n - 1] == '\n')
			n--;
		if ((got = envfile_parse_line(s, (size_t)n, &kv, why,
		    len)) == -1)
			r = -1;
		else if (got == 1 && strv_push(sv, kv, (size_t)-1) == -1)
			r = text_fail(why, len, "%s", strerror(ENOMEM));
		if (got == 1)
			free(kv);
	}
	if (r == 0 && ferror(f)) {
		*line = 0;
		r = text_fail(why, len, "%s", strerror(errno));
	}
	free(buf);
	fclose(f);
	return r;
}
