#ifndef GRPSUP_SETTINGS_H
#define GRPSUP_SETTINGS_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "identity.h"
#include "strv.h"

/* Where a program's output goes (output =, --raw). */
enum output_mode {
	OUTPUT_LABEL,		/* through grpsup, one labelled line at a time */
	OUTPUT_RAW,		/* grpsup's own stdout and stderr, untouched */
	OUTPUT_NULL,		/* discarded */
};

/* When labels are coloured (--color, color =). */
enum color_when { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

/* Which of the signals grpsup passes on a program gets (forward =). */
enum forward_mode {
	FORWARD_CAUGHT,		/* those its main process catches: the default */
	FORWARD_LISTED,		/* those of its forward list */
	FORWARD_ALL,
	FORWARD_NONE,
};

/*
 * What one program is told to be, as the command line or a file says it:
 * the one description that the parsers fill in and the group runs, moved
 * whole from one to the other (never copied field by field).
 */
struct program_settings {
	char *name;
	char *command;		/* a shell command line */
	int stop_signal;	/* 0: the group's */
	int64_t grace_ms;	/* -1: the group's */
	struct strv env;	/* KEY=VALUE over the group's, later winning */
	char *directory;	/* NULL: grpsup's */
	struct identity id;	/* resolved user and groups; zero: grpsup's */
	struct strv after;	/* names of the programs it starts after */
	char *ready;		/* its readiness PROBE, or NULL */
	int64_t ready_timeout_ms;	/* -1: the default */
	int64_t ready_interval_ms;	/* the longest pause between tries; -1:
					   the default */
	int64_t ready_try_ms;	/* the longest one try; -1: its kind's */
	int oneshot;		/* a task: ready, and no stop trigger, on exit 0 */
	enum output_mode output;
	enum forward_mode forward;
	sigset_t forward_list;	/* FORWARD_LISTED: these */
};

/*
 * settings_init: s with nothing set: every field that has a group default
 * says "the group's" (0 or -1), output is labelled.
 */
void settings_init(struct program_settings *s);

/* settings_free: release every string and list s holds; s is zeroed. */
void settings_free(struct program_settings *s);

/*
 * settings_set_ready: s's probe is probe, checked (probespec_parse), in place of
 * any before it. Returns 0, or -1 with errno set and, for a probe that is
 * not one (EINVAL), a one-line reason in why (of size len).
 */
int settings_set_ready(struct program_settings *s, const char *probe,
    char *why, size_t len);

/*
 * settings_add_after: append the names of list ("a, b": names separated by
 * commas, blanks around them allowed) to s's after list. Returns 0, or -1
 * with errno EINVAL for a list that is not that, or ENOMEM.
 */
int settings_add_after(struct program_settings *s, const char *list);

/*
 * settings_set_forward: s's forward setting from v: "all", "none", or
 * signals separated by commas ("HUP, USR1"). Returns 0, or -1 with a
 * one-line reason in why (of size len).
 */
int settings_set_forward(struct program_settings *s, const char *v,
    char *why, size_t len);

/*
 * settings_oneshot_probe: whether s is a oneshot with a probe, which is
 * refused: a oneshot is ready when it exits 0.
 */
int settings_oneshot_probe(const struct program_settings *s);

/*
 * settings_order: the start order of the n programs of v, as order_check
 * (order.h) sees their names and after lists. With deps not NULL, deps[i]
 * is then set to a malloc'd array of the indexes of v[i]'s after list (the
 * caller frees each). Returns 0, or -1 with the program at fault in *bad and
 * a one-line reason in why (of size len); on ENOMEM *bad is 0.
 */
int settings_order(const struct program_settings *v, size_t n, size_t **deps,
    size_t *bad, char *why, size_t len);

/* settings_color_parse: "auto", "always" or "never"; -1 for anything else. */
int settings_color_parse(const char *s);

/* settings_output_mode_parse: "label", "raw" or "null"; -1 for anything else. */
int settings_output_mode_parse(const char *s);

#endif
