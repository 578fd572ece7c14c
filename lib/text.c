/*
 * Text for messages: control bytes shown as '?', long values clipped, and
 * one-line errors formatted into a caller's buffer, and the near misses
 * that "did you mean" hints name.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "text.h"

void
text_visible(char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] < 0x20 && s[i] != '\t') ||
		    s[i] == 0x7f)
			s[i] = '?';
}

int
text_skip_bom(char **s)
{
	if (strncmp(*s, "\xef\xbb\xbf", 3) != 0)
		return 0;
	*s += 3;
	return 1;
}

int
text_fail(char *why, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, len, fmt, ap);
	va_end(ap);
	return -1;
}

int
text_alike(const char *a, const char *b)
{
	for (;; a++, b++) {
		while (*a == '_' || *a == '-')
			a++;
		while (*b == '_' || *b == '-')
			b++;
		if (*a == '\0' || *b == '\0')
			return *a == *b;
		if ((*a | 0x20) != (*b | 0x20))
			return 0;
	}
}

/* The smallest of three. */
static int
min3(int a, int b, int c)
{
	int m = a < b ? a : b;

	return m < c ? m : c;
}

int
text_near(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	int d[32][32];

	if (la >= 32 || lb >= 32 || (la > lb ? la - lb : lb - la) > 2)
		return 3;
	for (i = 0; i <= la; i++)
		d[i][0] = (int)i;
	for (j = 0; j <= lb; j++)
		d[0][j] = (int)j;
	for (i = 1; i <= la; i++)
		for (j = 1; j <= lb; j++) {
			d[i][j] = min3(d[i - 1][j] + 1, d[i][j - 1] + 1,
			    d[i - 1][j - 1] + (a[i - 1] != b[j - 1]));
			/* two letters swapped are one slip ("TREM") */
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < d[i][j])
				d[i][j] = d[i - 2][j - 2] + 1;
		}
	return d[la][lb] > 2 ? 3 : d[la][lb];
}

int
text_nearest(const char *word, const char *const *list, size_t n)
{
	size_t i;
	int d;

	for (i = 0; i < n; i++)
		if (text_alike(word, list[i]))
			return (int)i;
	/* the nearest first; a short word may differ by one slip only */
	for (d = 1; strlen(word) > 2 && d <= (strlen(word) >= 7 ? 2 : 1); d++)
		for (i = 0; i < n; i++)
			if (text_near(word, list[i]) == d)
				return (int)i;
	return -1;
}
