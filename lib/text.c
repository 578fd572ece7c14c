/*
 * Text for messages: control bytes shown as '?', long values clipped, and
 * one-line errors formatted into a caller's buffer.
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
