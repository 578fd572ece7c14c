/* Procfile: "name: command" lines, '#' comments and blank lines (foreman). */
#include <string.h>
#include <sys/types.h>

#include "confparse.h"

/* One Procfile line, trimmed: "name: command". */
static int
procfile_line(struct parser *p, char *s)
{
	size_t n = strcspn(s, ":");
	char *cmd;

	if (*s == '\0' || *s == '#')
		return 0;
	if (s[n] == '\0')
		return conf_fail(p, p->line, "expected 'name: command'");
	while (n > 0 && conf_is_blank(s[n - 1]))
		n--;
	if (conf_add_program(p, s, n, p->line) == -1)
		return -1;
	cmd = conf_trim(strchr(s, ':') + 1);
	if (*cmd == '\0')
		return conf_fail(p, p->line, "command is empty");
	return conf_set_string(p, &conf_current(p)->command, cmd);
}

int
procfile_parse(struct parser *p)
{
	ssize_t n;

	while ((n = getline(&p->buf, &p->cap, p->f)) != -1) {
		p->line++;
		if (memchr(p->buf, '\0', (size_t)n) != NULL)
			return conf_fail(p, p->line, "NUL byte in the line");
		if (n > 0 && p->buf[n - 1] == '\n')
			p->buf[n - 1] = '\0';
		if (procfile_line(p, conf_trim(p->buf)) == -1)
			return -1;
	}
	return 0;
}

