#ifndef GRPSUP_OPTIONS_H
#define GRPSUP_OPTIONS_H

#include <stddef.h>
#include <stdint.h>

#include "../lib/output.h"

/*
 * One per-program option, in command-line order: --ready, --after,
 * --oneshot, --forward, and --grace, --stop-signal, --ready-timeout with
 * NAME=.
 */
struct start_option {
	int kind;		/* 'r', 'a', 'o', 'f', 'g', 's', 'T' */
	const char *arg;	/* NAME=PROBE, NAME=DEP[,DEP], NAME, NAME=SIGS */
};

struct options {
	char **commands;	/* the COMMAND arguments, in order */
	size_t ncommands;
	const char *names;	/* -n: comma-separated, or NULL */
	const char *file;	/* -f, or NULL */
	const char **env_files;	/* --env-file, in order */
	size_t nenv_files;
	struct start_option *starts;	/* --ready, --after, --oneshot */
	size_t nstarts;
	int64_t grace_ms;	/* -1: not given */
	int stop_signal;	/* 0: not given */
	const char *exit_code_from;
	int64_t timeout_ms;	/* 0: none; -1: not given */
	int port;		/* --port BASE; 0: not given */
	int raw;
	int color;		/* enum color_when; -1: not given */
	int timestamps;
	const char *report;	/* --report FILE, or NULL */
	int quiet;
	int verbose;
	int check;
	int help;
	int version;
};

/*
 * options_parse: read grpsup's command line into o, stopping at the first
 * argument that is not an option (every later one is a COMMAND). Values are
 * checked here (DURATION, SIG); what was not given is marked so, for a file's
 * settings to apply. Returns 0, or -1 with a one-line message naming the
 * option in err (of size len). o->env_files and o->starts are malloc'd:
 * options_free releases them.
 */
int options_parse(int argc, char **argv, struct options *o, char *err,
    size_t len);

/* options_free: release what options_parse allocated. */
void options_free(struct options *o);

/* The --help text. */
extern const char options_help[];

#endif
