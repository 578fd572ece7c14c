/*
 * What a grpsup.conf or Procfile gave: the group's keys, its programs and
 * where each was written, and a file's error; made, searched and released
 * here (conf.c), filled in by the parsers (config.h).
 */
#ifndef GRPSUP_CONF_H
#define GRPSUP_CONF_H

#include <stddef.h>
#include <stdint.h>

#include "settings.h"
#include "strv.h"

/* Keys there are, at most (config.c checks). */
#define CONF_KEYS 24

/* Where a file went wrong: "FILE:LINE: msg", or "FILE: msg" when line is 0. */
struct conf_error {
	char file[512];
	int line;
	char msg[512];
	char more[2048];	/* further whole lines ("FILE:LINE: msg"), '\n' between */
};

/*
 * Where a program's settings stand in the file, for messages, and what the
 * file says that the settings hold only once it is checked.
 */
struct conf_where {
	int line;		/* its [program:NAME] or Procfile line */
	int key_line[CONF_KEYS];	/* where each key was */
	char *user, *group;	/* as written; resolved into settings.id */
	struct strv line_env;	/* its env lines, after its env files */
	int *env_line_at;	/* env_line_at[i]: where line_env.v[i] was */
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
	int procfile;		/* the file was a Procfile */
	struct program_settings *progs;	/* the programs, in file order */
	struct conf_where *where;	/* where[i]: where progs[i] stands */
	size_t nprogs, cap;
	int key_line[CONF_KEYS];	/* where each [grpsup] key was */
	struct strv warnings;	/* "FILE:LINE: ..." for --check to show */
	struct strv notices;	/* "FILE: warning: ..." to show always */
};

/*
 * conf_init: c with no program and nothing set (every group setting says
 * "not in the file"), for config_load or for a caller that fills it in.
 */
void conf_init(struct conf *c);

/*
 * conf_find_program: the program of c named by the first len bytes of name,
 * or NULL.
 */
struct program_settings *conf_find_program(struct conf *c, const char *name,
    size_t len);

/*
 * conf_forget_programs: c lets go of its programs (the caller has taken the
 * progs array, to free with settings_free and free) and releases the rest
 * of what it knew of them.
 */
void conf_forget_programs(struct conf *c);

/* conf_free: release what config_load (or the caller) put in c. */
void conf_free(struct conf *c);

#endif
