#ifndef GRPSUP_CONFIG_H
#define GRPSUP_CONFIG_H

#include <stddef.h>
#include <stdint.h>

#include "identity.h"
#include "strv.h"

/* Keys there are, at most (config.c checks). */
#define CONF_KEYS 24

/* Where a file went wrong: "FILE:LINE: msg", or "FILE: msg" when line is 0. */
struct conf_error {
	char file[512];
	int line;
	char msg[512];
};

struct conf_program {
	char *name;
	char *command;
	int line;		/* its [program:NAME] or Procfile line */
	int stop_signal;	/* 0: the group's */
	int64_t grace_ms;	/* -1: the group's */
	char *directory;	/* resolved against the file's folder; NULL */
	char *user, *group;	/* as written; NULL: grpsup's */
	struct identity id;	/* resolved from user and group */
	struct strv file_env;	/* from its env files, in order */
	struct strv line_env;	/* from its env lines, in order */
	int output;		/* enum output_mode */
	int oneshot;
	struct strv after;	/* names of the programs it waits for */
	char *ready;		/* a PROBE, checked; NULL: none */
	int64_t ready_timeout_ms;	/* -1: the default */
	int key_line[CONF_KEYS];	/* where each key was, for messages */
};

struct conf {
	char *path;
	int64_t grace_ms;	/* -1: not in the file */
	int64_t timeout_ms;	/* -1: not in the file */
	int stop_signal;	/* 0: not in the file */
	char *exit_code_from;	/* NULL: not in the file */
	struct strv env;	/* from the [grpsup] env files, in order */
	int color;		/* enum color_when; -1: not in the file */
	int timestamps;		/* -1: not in the file */
	char *report;		/* NULL: not in the file */
	struct conf_program *progs;
	size_t nprogs, cap;
	int key_line[CONF_KEYS];	/* where each [grpsup] key was */
};

/*
 * conf_load: read the grpsup.conf (INI) or Procfile at path, telling the two
 * apart by their content (INI has a line that begins with '['),
 * and validate everything before anything may start: keys and values, names,
 * dependencies and their cycles, users, groups, directories and env files.
 * Relative paths in the file are taken from the file's folder. Returns 0 with
 * c filled in, or -1 with e saying where and why (c is freed then).
 */
int conf_load(const char *path, struct conf *c, struct conf_error *e);

/*
 * conf_check_order: the start order of c's programs, as order_check (see
 * order.h) sees their names and after lists. Returns 0, or -1 with the
 * program at fault in *bad and a one-line reason in why (of size len).
 */
int conf_check_order(const struct conf *c, size_t *bad, char *why,
    size_t len);

/*
 * conf_find_program: the program of c named by the first len bytes of name,
 * or NULL.
 */
struct conf_program *conf_find_program(struct conf *c, const char *name,
    size_t len);

/* conf_free: release what conf_load allocated. */
void conf_free(struct conf *c);

#endif
