/*
 * The helpers that config.c, procfile.c and confcheck.c share: errors at a
 * line of the file, trimming, and the list of programs being read.
 */
#include <errno.h>
#include <limits.h>
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
confparse_fail(struct parser *p, int line, const char *fmt, ...)
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
confparse_unknown(struct parser *p, const char *fmt, ...)
{
	char msg[600], *at;
	int n = snprintf(msg, sizeof(msg), "%d\t", p->line);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg + n, sizeof(msg) - (size_t)n, fmt, ap);
	va_end(ap);
	text_visible(msg + n, strlen(msg + n));
	if ((at = strchr(msg, '\n')) != NULL)
		*at = '\0';
	return strv_push(&p->unknown, msg, (size_t)-1) == -1 ? confparse_nomem(p) : 0;
}

/* Append the line "FILE:LINE: msg" (LINE 0: none) to e->more; 0 or -1. */
static int
add_more(struct conf_error *e, const char *file, int line, const char *msg,
    size_t keep)
{
	size_t used = strlen(e->more);
	char one[1200];

	if (line > 0)
		snprintf(one, sizeof(one), "%s:%d: %s", file, line, msg);
	else
		snprintf(one, sizeof(one), "%s: %s", file, msg);
	/* room is kept for the line that says how many did not fit */
	if (used + strlen(one) + 2 + keep >= sizeof(e->more))
		return -1;
	snprintf(e->more + used, sizeof(e->more) - used, "%s%s", used ? "\n" :
	    "", one);
	return 0;
}

int
confparse_report_unknown(struct parser *p)
{
	struct conf_error later = *p->e;
	size_t i, dropped = 0;
	char rest[80];

	if (p->unknown.n == 0)
		return confparse_failed(p) ? -1 : 0;
	snprintf(p->e->file, sizeof(p->e->file), "%s", p->c->path);
	for (i = 0; i < p->unknown.n; i++) {
		char *tab = strchr(p->unknown.v[i], '\t');
		int line = atoi(p->unknown.v[i]);

		if (i == 0) {
			p->e->line = line;
			snprintf(p->e->msg, sizeof(p->e->msg), "%s", tab + 1);
		} else if (dropped > 0 ||
		    add_more(p->e, p->c->path, line, tab + 1, 80) == -1) {
			dropped++;
		}
	}
	if (later.msg[0] != '\0' && (dropped > 0 ||
	    add_more(p->e, later.file, later.line, later.msg, 80) == -1))
		dropped++;
	if (dropped > 0) {
		snprintf(rest, sizeof(rest), "and %zu more unknown keys or errors",
		    dropped);
		add_more(p->e, p->c->path, 0, rest, 0);
	}
	return -1;
}

int
confparse_failed(const struct parser *p)
{
	return p->e->msg[0] != '\0';
}

int
confparse_nomem(struct parser *p)
{
	return confparse_fail(p, 0, "%s", strerror(ENOMEM));
}

int
confparse_is_blank(int c)
{
	return c == ' ' || c == '\t';
}

char *
confparse_trim(char *s)
{
	size_t n;

	while (confparse_is_blank(*s))
		s++;
	n = strlen(s);
	while (n > 0 && (confparse_is_blank(s[n - 1]) || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

struct program_settings *
confparse_current(struct parser *p)
{
	return &p->c->progs[p->c->nprogs - 1];
}

struct conf_where *
confparse_current_where(struct parser *p)
{
	return &p->c->where[p->c->nprogs - 1];
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
confparse_add_program(struct parser *p, const char *name, size_t len, int line)
{
	struct conf *c = p->c;
	struct program_settings *s;
	size_t i;

	if (!command_name_valid_n(name, len))
		return confparse_fail(p, line, "invalid program name '%.*s' (1 to %d of "
		    "A-Z a-z 0-9 _ . -)", (int)(len > 80 ? 80 : len), name,
		    NAME_MAX_LEN);
	if ((i = nametable_find(&p->names, name, len)) != (size_t)-1)
		return confparse_fail(p, line, "program '%.*s' is defined twice (first "
		    "on line %d)", (int)len, name, c->where[i].line);
	if (conf_grow(c) == -1)
		return confparse_nomem(p);
	s = &c->progs[c->nprogs];
	settings_init(s);
	memset(&c->where[c->nprogs], 0, sizeof(c->where[0]));
	if ((s->name = strndup(name, len)) == NULL)
		return confparse_nomem(p);
	c->where[c->nprogs++].line = line;
	if (nametable_add(&p->names, s->name, c->nprogs - 1) == -1)
		return confparse_nomem(p);
	return 0;
}

int
confparse_set_string(struct parser *p, char **dst, const char *v)
{
	if ((*dst = strdup(v)) == NULL)
		return confparse_nomem(p);
	return 0;
}

const char *
confparse_read_error(int err)
{
	if (err == EFBIG)
		return "larger than 64 MiB, too large to be read";
	return strerror(err);
}

/* A warning when others than grpsup's user (and root) can write st. */
static void
warn_if_writable(const char *path, const struct stat *st,
    struct strv *notices)
{
	char line[PATH_MAX + 160];

	if (notices == NULL || !S_ISREG(st->st_mode))
		return;
	if (st->st_mode & S_IWOTH)
		snprintf(line, sizeof(line), "%s: warning: anyone can write it "
		    "(mode %04o), and so choose what grpsup runs", path,
		    (unsigned)(st->st_mode & 07777));
	else if (geteuid() == 0 && st->st_uid != 0)
		snprintf(line, sizeof(line), "%s: warning: it belongs to uid "
		    "%ld, who can so choose what grpsup, running as root, runs",
		    path, (long)st->st_uid);
	else
		return;
	(void)strv_push(notices, line, (size_t)-1);
}

int
confparse_read_whole(const char *path, char **buf, size_t *len,
    struct strv *notices)
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
		warn_if_writable(path, &st, notices);
		do {
			if (*len == cap && cap >= CONF_FILE_MAX) {
				errno = EFBIG;
				n = -1;
				break;
			}
			if (*len == cap) {
				if ((b = realloc(*buf, (cap ? 2 * cap : 65536) +
				    1)) == NULL)
					break;	/* errno: ENOMEM */
				*buf = b;
				cap = cap ? 2 * cap : 65536;
			}
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

/* path as given when absolute, else from the file's folder. */
char *
confparse_resolve_path(const struct parser *p, const char *path)
{
	char *full;

	if (path[0] == '/' || strcmp(p->dir, ".") == 0)
		return strdup(path);
	if (asprintf(&full, "%s/%s", p->dir, path) == -1)
		return NULL;
	return full;
}

/*
 * Where relative paths in the file start: its folder; for a file that is
 * not a file of a folder (stdin, a pipe or FIFO, /dev/fd/N as <(...) makes
 * it), the current directory, as for the command line.
 */
char *
confparse_folder_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	struct stat st;

	if (strcmp(path, "-") == 0 || strncmp(path, "/dev/fd/", 8) == 0 ||
	    strncmp(path, "/proc/self/fd/", 14) == 0 ||
	    strcmp(path, "/dev/stdin") == 0 ||
	    (stat(path, &st) == 0 && !S_ISREG(st.st_mode)))
		return strdup(".");
	if (slash == NULL)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	return strndup(path, (size_t)(slash - path));
}
