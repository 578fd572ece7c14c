#ifndef GRPSUP_COMMAND_H
#define GRPSUP_COMMAND_H

#include <stddef.h>

/* The shell that runs commands that are not plain words. */
#define COMMAND_SHELL "/bin/sh"

/*
 * command_is_plain: whether cmd holds only plain words (letters, digits,
 * "_-./:,+@%=" separated by blanks, no "=" in the first word) so that grpsup
 * can split it and exec the program itself, with no shell in between. An
 * empty or blank cmd is not plain.
 */
int command_is_plain(const char *cmd);

/*
 * command_argv: the argv that runs cmd: its words when it is plain, else
 * { "/bin/sh", "-c", cmd }. The array and its strings are one allocation,
 * released with free(). Returns NULL with errno set (EINVAL for a blank cmd,
 * ENOMEM).
 */
char **command_argv(const char *cmd);

/*
 * command_name: derive a program name from cmd: the basename of its first
 * word that is not a VAR=value assignment, keeping only the characters a name
 * may hold ("./bin/api --x" gives "api"). Writes into buf of size len; a cmd
 * with nothing usable gives "cmd". Returns buf.
 */
char *command_name(const char *cmd, char *buf, size_t len);

/*
 * name_is_valid: whether s is a valid program name: one or more of
 * [A-Za-z0-9_.-], at most NAME_MAX_LEN bytes.
 */
#define NAME_MAX_LEN 64
int name_is_valid(const char *s);
/* name_is_valid_n: the same for the first len bytes of s. */
int name_is_valid_n(const char *s, size_t len);

#endif
