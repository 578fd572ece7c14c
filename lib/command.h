#ifndef GRPSUP_COMMAND_H
#define GRPSUP_COMMAND_H

#include <stddef.h>

/* The shell that runs commands that need one. */
#define COMMAND_SHELL "/bin/sh"

/* How a command line runs: no shell stays between grpsup and the program
 * unless the command needs one. */
enum command_kind {
	RUN_DIRECT,		/* one simple command: its words, exec'ed */
	RUN_SHELL_EXEC,		/* a simple command that needs the shell's
				   expansions: sh -c 'exec ...', the shell
				   replaces itself */
	RUN_SHELL,		/* compound, or a builtin: sh -c 'cmd' */
};

/*
 * command_argv: the argv that runs cmd, and how (*kind). A simple command
 * (words, with '...', "..." and backslash quoting, and no operator,
 * redirection, expansion, glob, comment or reserved word) is split and
 * unquoted here, with a leading "exec" word dropped, as systemd's
 * ExecStart= does: no shell is needed. A simple command that needs the
 * shell ($VAR, a glob, leading VAR=value assignments) runs as
 * { "/bin/sh", "-c", "[assignments] exec rest" }; anything else, and a
 * command whose first word is a shell builtin (cd, ., exit...), as
 * { "/bin/sh", "-c", cmd }. The array and its strings are one allocation,
 * released with free(). Returns NULL with errno set (EINVAL for a blank
 * cmd, ENOMEM).
 */
char **command_argv(const char *cmd, enum command_kind *kind);

/*
 * command_check: whether sh could read cmd as far as its quotes go: every
 * single and double quote closed. Returns 0,
 * or -1 with a one-line reason in why (of size len). What else the shell
 * would refuse, only sh -n tells (grpsup --check asks it).
 */
int command_check(const char *cmd, char *why, size_t len);

/*
 * command_name: derive a program name from cmd: the basename of its first
 * word that is not a VAR=value assignment, keeping only the characters a name
 * may hold ("./bin/api --x" gives "api"). Writes into buf of size len; a cmd
 * with nothing usable gives "cmd". Returns buf.
 */
char *command_name(const char *cmd, char *buf, size_t len);

/*
 * command_name_valid: whether s is a valid program name: one or more of
 * [A-Za-z0-9_.-], at most NAME_MAX_LEN bytes.
 */
#define NAME_MAX_LEN 64
int command_name_valid(const char *s);
/* command_name_valid_n: the same for the first len bytes of s. */
int command_name_valid_n(const char *s, size_t len);

#endif
