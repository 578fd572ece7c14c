/*
 * grpsup.conf and Procfiles read whole: config_load (config.c).
 */
#ifndef GRPSUP_CONFIG_H
#define GRPSUP_CONFIG_H

#include <stddef.h>
#include <stdint.h>

#include "conf.h"

/*
 * config_load: read the grpsup.conf (INI) or Procfile at path, telling the two
 * apart by their content (INI has a line that begins with '['),
 * and validate everything before anything may start: keys and values, names,
 * dependencies and their cycles, users, groups, directories and env files.
 * Relative paths in the file are taken from the file's folder. Returns 0 with
 * c filled in, or -1 with e saying where and why (c is freed then).
 */
int config_load(const char *path, struct conf *c, struct conf_error *e);

#endif
