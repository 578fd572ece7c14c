#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "command.h"

static int
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int
is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
}

static int
is_plain_char(char c)
{
	return is_name_char(c) || (c != '\0' && strchr("/:,+@%=", c) != NULL);
}

int
command_is_plain(const char *cmd)
{
	const char *s = cmd;
	int words = 0, first = 1;

	for (; *s != '\0'; s++) {
		if (is_blank(*s)) {
			if (words > 0)
				first = 0;
			continue;
		}
		if (!is_plain_char(*s) || (first && *s == '='))
			return 0;
		if (s == cmd || is_blank(s[-1]))
			words++;
	}
	return words > 0;
}

static size_t
count_words(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (!is_blank(*s) && (n == 0 || is_blank(s[-1])))
			n++;
	return n;
}

static char **
split_words(const char *cmd)
{
	size_t n = count_words(cmd), len = strlen(cmd) + 1, i = 0;
	char **argv, *text, *s;

	argv = malloc((n + 1) * sizeof(*argv) + len);
	if (argv == NULL)
		return NULL;
	text = memcpy((char *)(argv + n + 1), cmd, len);
	for (s = text; *s != '\0'; s++) {
		if (is_blank(*s))
			*s = '\0';
		else if (s == text || s[-1] == '\0')
			argv[i++] = s;
	}
	argv[i] = NULL;
	return argv;
}

static char **
shell_argv(const char *cmd)
{
	static const char *const head[] = { COMMAND_SHELL, "-c" };
	size_t len = strlen(cmd) + 1, hlen = sizeof(COMMAND_SHELL) + 3;
	char **argv, *text;

	argv = malloc(4 * sizeof(*argv) + hlen + len);
	if (argv == NULL)
		return NULL;
	text = (char *)(argv + 4);
	argv[0] = memcpy(text, head[0], sizeof(COMMAND_SHELL));
	argv[1] = memcpy(text + sizeof(COMMAND_SHELL), head[1], 3);
	argv[2] = memcpy(text + hlen, cmd, len);
	argv[3] = NULL;
	return argv;
}

char **
command_argv(const char *cmd)
{
	const char *s;

	for (s = cmd; is_blank(*s) || *s == '\n'; s++)
		;
	if (*s == '\0') {
		errno = EINVAL;
		return NULL;
	}
	return command_is_plain(cmd) ? split_words(cmd) : shell_argv(cmd);
}

/* Whether the word [w, end) is a VAR=value assignment, as a shell sees it. */
static int
is_assignment(const char *w, const char *end)
{
	const char *s = w;

	if (s == end || !((*s >= 'a' && *s <= 'z') || (*s >= 'A' &&
	    *s <= 'Z') || *s == '_'))
		return 0;
	for (; s < end && *s != '='; s++)
		if (!is_name_char(*s) || *s == '.' || *s == '-')
			return 0;
	return s < end;
}

char *
command_name(const char *cmd, char *buf, size_t len)
{
	const char *w = cmd, *end, *base;
	size_t n = 0;

	for (;;) {
		while (is_blank(*w) || *w == '\n')
			w++;
		for (end = w; *end != '\0' && !is_blank(*end) && *end != '\n';
		    end++)
			;
		if (!is_assignment(w, end))
			break;
		w = end;
	}
	for (base = end; base > w && base[-1] != '/'; base--)
		;
	for (; base < end && n + 1 < len && n < NAME_MAX_LEN; base++)
		if (is_name_char(*base))
			buf[n++] = *base;
	buf[n] = '\0';
	if (n == 0)
		snprintf(buf, len, "cmd");
	return buf;
}

int
name_is_valid(const char *s)
{
	return name_is_valid_n(s, strlen(s));
}

int
name_is_valid_n(const char *s, size_t len)
{
	size_t n;

	if (len == 0 || len > NAME_MAX_LEN)
		return 0;
	for (n = 0; n < len; n++)
		if (!is_name_char(s[n]))
			return 0;
	return 1;
}
