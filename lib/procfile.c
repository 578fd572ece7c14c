/* Procfile: "name: command" lines, '#' comments and blank lines (foreman). */
#include <string.h>
#include <sys/types.h>

#include "confparse.h"

/*
 * One Procfile line: "name: command". A line that foreman and honcho would
 * skip without a word (a name with a '.', a blank before it or before the
 * ':') is an error here.
 */
static int
procfile_line(struct parser *p, char *s)
{
	size_t n = strcspn(s, ":");
	char *cmd;

	if (*confparse_trim(s) == '\0' || *confparse_trim(s) == '#')
		return 0;
	if (confparse_is_blank(*s))
		return confparse_fail(p, p->line, "blank before the name (foreman "
		    "and honcho would skip this line)");
	if (s[n] == '\0')
		return confparse_fail(p, p->line, "expected 'name: command'");
	if (n > 0 && confparse_is_blank(s[n - 1]))
		return confparse_fail(p, p->line, "blank before ':' (foreman and "
		    "honcho would skip this line)");
	if (memchr(s, '.', n) != NULL)
		return confparse_fail(p, p->line, "'.' in the name '%.*s' (foreman "
		    "and honcho would skip this line)", (int)(n > 64 ? 64 : n),
		    s);
	if (confparse_add_program(p, s, n, p->line) == -1)
		return -1;
	cmd = confparse_trim(strchr(s, ':') + 1);
	if (*cmd == '\0')
		return confparse_fail(p, p->line, "command is empty");
	/* as foreman runs them: in the Procfile's folder */
	if (strcmp(p->dir, ".") != 0 && confparse_set_string(p,
	    &confparse_current(p)->directory, p->dir) == -1)
		return -1;
	return confparse_set_string(p, &confparse_current(p)->command, cmd);
}

int
procfile_parse(struct parser *p)
{
	ssize_t n;

	p->c->procfile = 1;
	while ((n = getline(&p->buf, &p->cap, p->f)) != -1) {
		p->line++;
		if (memchr(p->buf, '\0', (size_t)n) != NULL)
			return confparse_fail(p, p->line, "NUL byte in the line");
		if (n > 0 && p->buf[n - 1] == '\n')
			p->buf[n - 1] = '\0';
		if (procfile_line(p, p->buf) == -1)
			return -1;
	}
	return 0;
}

