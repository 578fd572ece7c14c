/* Where the group comes from (sources.c). */
#ifndef GRPSUP_SOURCES_H
#define GRPSUP_SOURCES_H

#include "../lib/conf.h"
#include "options.h"

/* sources_commands: o's COMMANDs as c, names from -n or derived. */
void sources_commands(struct conf *c, const struct options *o);
/* sources_file: -f FILE, else ./grpsup.conf, else ./Procfile, into c. */
void sources_file(struct conf *c, const struct options *o);
/* sources_file_error: say a file's error (FILE:LINE: ...), then 125. */
_Noreturn void sources_file_error(const struct conf_error *e);
/*
 * sources_ports: a Procfile runs as foreman runs it: each program gets
 * PORT, from BASE (--port, else PORT of the .env, else grpsup's own PORT,
 * else 5000) up by 100 in file order, and PS, its name and ".1".
 */
void sources_ports(struct conf *c, const struct options *o);
/* sources_env_files: --env-file, after the file's own env files, into env. */
void sources_env_files(struct strv *env, struct conf *c,
    const struct options *o);
/* sources_move_all: append from's strings to to, emptying from. */
void sources_move_all(struct strv *to, struct strv *from);

#endif
