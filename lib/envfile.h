#ifndef GRPSUP_ENVFILE_H
#define GRPSUP_ENVFILE_H

#include <stddef.h>

#include "strv.h"

/*
 * envfile_parse_line: read one line of an env file (without its newline):
 * "KEY=VALUE" with an optional "export " before it; '#' begins a comment line,
 * and a comment after a value when a blank precedes it. A value in single
 * quotes is taken literally; in double quotes, \n \t \\ and \" are the only
 * escapes; nothing is ever expanded or substituted. A trailing CR is dropped.
 * Returns 1 with *kv a malloc'd "KEY=VALUE", 0 for a blank or comment line,
 * or -1 with a one-line reason in why (of size len); on ENOMEM the reason
 * says so.
 */
int envfile_parse_line(const char *line, size_t n, char **kv, char *why,
    size_t len);

/*
 * envfile_key_length: the length of the KEY at the start of s (n bytes): A-Z
 * a-z 0-9 _, not beginning with a digit; 0 when there is none.
 */
size_t envfile_key_length(const char *s, size_t n);

/*
 * envfile_load: append every KEY=VALUE of the env file at path to sv, in the
 * file's order. Returns 0, or -1 with *line the line at fault (0 when the
 * file itself could not be read) and a reason in why (of size len).
 */
int envfile_load(const char *path, struct strv *sv, int *line, char *why,
    size_t len);

#endif
