/*
 * Env files read for grpsup.conf, Procfiles and --env-file (confenv.c).
 */
#ifndef GRPSUP_CONFENV_H
#define GRPSUP_CONFENV_H

#include <stddef.h>

#include "strv.h"

/*
 * confenv_load_file: append to into what the env file at path sets (see
 * envfile_parse, whose also it passes on), read whole and once; a file that
 * others can write adds a warning to notices (see confparse_read_whole). Returns 0,
 * or -1 with *line the file's line at fault (0: the file could not be read)
 * and a one-line reason in why (of size len).
 */
int confenv_load_file(const char *path, struct strv *into,
    const struct strv *const *also, int *line, char *why, size_t len,
    struct strv *notices);

#endif
