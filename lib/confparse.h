/*
 * Shared by config.c (grpsup.conf through inih, and the whole file),
 * procfile.c and confcheck.c, and by nothing else: the state of one file
 * being read, and the helpers (confparse.c) that report its errors.
 */
#ifndef GRPSUP_CONFPARSE_H
#define GRPSUP_CONFPARSE_H

#include <stdio.h>

#include "conf.h"
#include "nametable.h"
#include "strv.h"

enum key {
	K_COMMAND, K_AFTER, K_READY, K_READY_TIMEOUT, K_READY_INTERVAL,
	K_READY_TRY_TIMEOUT, K_ONESHOT, K_STOP_SIGNAL,
	K_GRACE, K_DIRECTORY, K_USER, K_GROUP, K_ENV, K_ENV_FILE, K_OUTPUT,
	K_EXIT_CODE_FROM, K_TIMEOUT, K_COLOR, K_TIMESTAMPS, K_REPORT, K_FORWARD,
	K_COUNT
};

/* S_SKIP: a section grpsup does not know, said once; its keys are skipped */
enum section { S_NONE, S_GROUP, S_PROGRAM, S_SKIP };

struct parser {
	struct conf *c;
	struct conf_error *e;
	FILE *f;
	char *dir;		/* the file's folder, for relative paths */
	int line;
	enum section section;
	int group_line;		/* of [grpsup], 0: none yet */
	char *buf;		/* getline's */
	size_t cap;
	char *long_value;	/* the value of a line too long for inih */
	struct strv unknown;	/* "LINE\tmessage" of each unknown key */
	struct name_table names;	/* the programs so far, by name */
};

/*
 * confparse_fail: the file's first error: at line (0: the file itself), the
 * formatted message, control bytes shown as '?'. A later error does not
 * replace it. Returns -1.
 */
int confparse_fail(struct parser *p, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/*
 * confparse_unknown: an unknown key or section at the current line, kept so that
 * all of them are reported at once, by confparse_report_unknown. Returns 0 (the
 * file is read on), or -1 when memory ran out.
 */
int confparse_unknown(struct parser *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/*
 * confparse_report_unknown: when unknown keys or sections were seen, they become
 * the file's error, the first in e->msg and the others, then the error that
 * ended the reading if any, as whole lines in e->more. Returns -1 when the
 * file has an error of either kind, else 0.
 */
int confparse_report_unknown(struct parser *p);
/* confparse_failed: whether an error was said. */
int confparse_failed(const struct parser *p);
/* confparse_nomem: confparse_fail with ENOMEM's message. */
int confparse_nomem(struct parser *p);
int confparse_is_blank(int c);
/* confparse_trim: s without blanks (and a CR) around it, cut in place. */
char *confparse_trim(char *s);
/* confparse_add_program: a new program named name (len bytes), from line. */
int confparse_add_program(struct parser *p, const char *name, size_t len,
    int line);
/*
 * confparse_resolve_path: path as given when absolute, else from the file's
 * folder; malloc'd, NULL when memory ran out.
 */
char *confparse_resolve_path(const struct parser *p, const char *path);
/*
 * confenv.c: confenv_file reads the env file v (from the file's folder)
 * into into; confenv_line keeps an env line of w's program for
 * confenv_append_lines, which reads them once every env file is in, after
 * them; confenv_load_dotenv loads the .env beside a Procfile. Each returns 0,
 * or -1 with the error said (FILE:LINE of the env file where it has one).
 */
int confenv_file(struct parser *p, const char *v, struct strv *into);
int confenv_line(struct parser *p, struct conf_where *w, const char *v);
int confenv_append_lines(struct parser *p);
int confenv_load_dotenv(struct parser *p);
/* confparse_current: the program whose section or line is being read. */
struct program_settings *confparse_current(struct parser *p);
/* confparse_current_where: where that program is in the file. */
struct conf_where *confparse_current_where(struct parser *p);
/* confparse_set_string: *dst is a copy of v. */
int confparse_set_string(struct parser *p, char **dst, const char *v);

/*
 * confparse_read_whole: the whole file at path ("-": standard input) in *buf
 * (malloc'd, *len bytes, never empty: an empty file reads as one newline),
 * read once, so that telling INI from Procfile may look at it twice even
 * when it is a pipe (-f <(...), -f -). Returns 0, or -1 with errno set
 * (EFBIG: over CONF_FILE_MAX bytes, so that /dev/zero is refused, not read
 * until memory runs out). A regular file that others can write (world-
 * writable, or another user's while grpsup runs as root) adds a warning,
 * "PATH: warning: ...", to notices (when not NULL): whoever can write it can
 * run programs as grpsup's user.
 */
/* confparse_read_error: what confparse_read_whole's errno err says, for a message. */
const char *confparse_read_error(int err);

#define CONF_FILE_MAX (64u << 20)

int confparse_read_whole(const char *path, char **buf, size_t *len,
    struct strv *notices);

/* procfile_parse: the rest of p->f as Procfile lines ("name: command"). */
int procfile_parse(struct parser *p);

/*
 * confcheck_validate: what needs the whole file, in the file's order: programs
 * and commands, the start order, oneshots, exit-code-from, directories,
 * users and groups (resolved here).
 */
int confcheck_validate(struct parser *p);

/*
 * confparse_folder_of: where relative paths in the file at path start, a
 * malloc'd string: its folder, or "." for stdin ("-"), a pipe, a FIFO or
 * /dev/fd/N; NULL when memory ran out.
 */
char *confparse_folder_of(const char *path);

#endif
