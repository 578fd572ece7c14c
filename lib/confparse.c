/*
 * The helpers that config.c, procfile.c and confcheck.c share: errors at a
 * line of the file, trimming, and the list of programs being read.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "command.h"
#include "confparse.h"
#include "text.h"

int
conf_fail(struct parser *p, int line, const char *fmt, ...)
{
	va_list ap;

	if (p->e->msg[0] != '\0')
		return -1;	/* the first error stands */
	p->e->line = line;
	va_start(ap, fmt);
	vsnprintf(p->e->msg, sizeof(p->e->msg), fmt, ap);
	va_end(ap);
	text_visible(p->e->msg, strlen(p->e->msg));
	return -1;
}

int
conf_failed(const struct parser *p)
{
	return p->e->msg[0] != '\0';
}

int
conf_nomem(struct parser *p)
{
	return conf_fail(p, 0, "%s", strerror(ENOMEM));
}

int
conf_is_blank(int c)
{
	return c == ' ' || c == '\t';
}

char *
conf_trim(char *s)
{
	size_t n;

	while (conf_is_blank(*s))
		s++;
	n = strlen(s);
	while (n > 0 && (conf_is_blank(s[n - 1]) || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

struct program_settings *
conf_current(struct parser *p)
{
	return &p->c->progs[p->c->nprogs - 1];
}

struct conf_where *
conf_current_where(struct parser *p)
{
	return &p->c->where[p->c->nprogs - 1];
}

struct program_settings *
conf_find_program(struct conf *c, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < c->nprogs; i++)
		if (strlen(c->progs[i].name) == len &&
		    strncmp(c->progs[i].name, name, len) == 0)
			return &c->progs[i];
	return NULL;
}

/* Room for one more program in both of c's arrays. */
static int
conf_grow(struct conf *c)
{
	size_t cap = c->cap ? 2 * c->cap : 8;
	struct program_settings *v;
	struct conf_where *w;

	if (c->nprogs < c->cap)
		return 0;
	if ((v = realloc(c->progs, cap * sizeof(*v))) == NULL)
		return -1;
	c->progs = v;
	if ((w = realloc(c->where, cap * sizeof(*w))) == NULL)
		return -1;
	c->where = w;
	c->cap = cap;
	return 0;
}

int
conf_add_program(struct parser *p, const char *name, size_t len, int line)
{
	struct conf *c = p->c;
	struct program_settings *s;

	if (!name_is_valid_n(name, len))
		return conf_fail(p, line, "invalid program name '%.*s' (1 to %d of "
		    "A-Z a-z 0-9 _ . -)", (int)(len > 80 ? 80 : len), name,
		    NAME_MAX_LEN);
	if ((s = conf_find_program(c, name, len)) != NULL)
		return conf_fail(p, line, "program '%.*s' is defined twice (first "
		    "on line %d)", (int)len, name,
		    c->where[s - c->progs].line);
	if (conf_grow(c) == -1)
		return conf_nomem(p);
	s = &c->progs[c->nprogs];
	settings_init(s);
	memset(&c->where[c->nprogs], 0, sizeof(c->where[0]));
	if ((s->name = strndup(name, len)) == NULL)
		return conf_nomem(p);
	c->where[c->nprogs++].line = line;
	return 0;
}

int
conf_set_string(struct parser *p, char **dst, const char *v)
{
	if ((*dst = strdup(v)) == NULL)
		return conf_nomem(p);
	return 0;
}

int
conf_read_whole(const char *path, char **buf, size_t *len)
{
	int fd = strcmp(path, "-") == 0 ? STDIN_FILENO : open(path, O_RDONLY |
	    O_CLOEXEC);
	size_t cap = 0;
	struct stat st;
	ssize_t n = -1;
	char *b, *bom;

	*buf = NULL;
	*len = 0;
	if (fd == -1)
		return -1;
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		n = -1;
	} else {
		do {
			if (*len == cap && (b = realloc(*buf, (cap = cap ?
			    2 * cap : 65536) + 1)) != NULL)
				*buf = b;
			else if (*len == cap)
				break;	/* errno: ENOMEM */
			n = read(fd, *buf + *len, cap - *len);
			if (n > 0)
				*len += (size_t)n;
		} while (n > 0 || (n == -1 && errno == EINTR));
	}
	if (fd != STDIN_FILENO)
		close(fd);
	bom = *buf;
	/* a UTF-8 byte-order mark (Windows editors) is no part of the text */
	if (n == 0 && *len >= 3 && text_skip_bom(&bom))
		memmove(*buf, bom, *len -= 3);
	if (n == 0 && *len == 0)
		(*buf)[(*len)++] = '\n';	/* fmemopen takes no empty buffer */
	return n == 0 ? 0 : -1;
}
