/*
 * Where the group comes from: the COMMANDs of the command line, or a file
 * (-f, ./grpsup.conf, ./Procfile); a Procfile's ports; --env-file. An error
 * in any is said with its file and line, and ends grpsup with 125.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../lib/confenv.h"
#include "../lib/config.h"
#include "../lib/verdict.h"
#include "cli.h"
#include "names.h"
#include "sources.h"

/* The COMMANDs as a group without a file: names from -n or derived. */
void
sources_commands(struct conf *c, const struct options *o)
{
	char msg[64];
	size_t i;

	conf_init(c);
	if ((c->progs = calloc(o->ncommands, sizeof(*c->progs))) == NULL)
		cli_no_memory();
	c->nprogs = c->cap = o->ncommands;
	for (i = 0; i < c->nprogs; i++) {
		struct program_settings *p = &c->progs[i];

		if (strspn(o->commands[i], " \t\n") == strlen(o->commands[i])) {
			snprintf(msg, sizeof(msg), "command %zu is empty", i + 1);
			cli_usage_error(msg);
		}
		settings_init(p);
		if ((p->command = strdup(o->commands[i])) == NULL)
			cli_no_memory();
	}
	names_assign(c, o->names);
}

_Noreturn void
sources_file_error(const struct conf_error *e)
{
	char msg[1100];

	if (e->line > 0)
		snprintf(msg, sizeof(msg), "%s:%d: %s", e->file, e->line,
		    e->msg);
	else
		snprintf(msg, sizeof(msg), "%s: %s", e->file, e->msg);
	fflush(stdout);
	fprintf(stderr, "%s\n", msg);
	if (e->more[0] != '\0')
		fprintf(stderr, "%s\n", e->more);
	cli_write_report(NULL, STATUS_CANNOT_START, msg);
	exit(STATUS_CANNOT_START);
}

/* -f FILE, else ./grpsup.conf, else ./Procfile. */
void
sources_file(struct conf *c, const struct options *o)
{
	struct conf_error e;
	const char *path = o->file;

	if (o->names != NULL)
		cli_usage_error("--names: the names come from the file");
	if (path == NULL && access("grpsup.conf", F_OK) == 0)
		path = "grpsup.conf";
	else if (path == NULL && access("Procfile", F_OK) == 0)
		path = "Procfile";
	else if (path == NULL)
		cli_usage_error("no command given, and no ./grpsup.conf or "
		    "./Procfile here");
	if (o->file != NULL && strcmp(path, "-") != 0 &&
	    access(path, R_OK) == -1) {
		char msg[600];

		snprintf(msg, sizeof(msg), "-f: cannot read '%.500s': %s", path,
		    strerror(errno));
		cli_fail(msg);
	}
	if (config_load(path, c, &e) == -1)
		sources_file_error(&e);
}

/*
 * A Procfile runs as foreman runs it: each program gets PORT, from BASE
 * (--port, else PORT of the .env, else grpsup's own PORT, else 5000) up by
 * 100 in file order.
 */
void
sources_ports(struct conf *c, const struct options *o)
{
	const char *from = getenv("PORT");
	char kv[96];
	size_t i;
	long base = 5000;

	for (i = 0; i < c->env.n; i++)
		if (strncmp(c->env.v[i], "PORT=", 5) == 0)
			from = c->env.v[i] + 5;
	if (o->port > 0)
		base = o->port;
	else if (from != NULL && atol(from) > 0 && atol(from) < 65536)
		base = atol(from);
	for (i = 0; i < c->nprogs; i++) {
		snprintf(kv, sizeof(kv), "PORT=%ld", base + 100 * (long)i);
		if (strv_push(&c->progs[i].env, kv, (size_t)-1) == -1)
			cli_no_memory();
		/* foreman's name of the process: one of each program, so .1 */
		snprintf(kv, sizeof(kv), "PS=%s.1", c->progs[i].name);
		if (strv_push(&c->progs[i].env, kv, (size_t)-1) == -1)
			cli_no_memory();
	}
}

/* --env-file: loaded after the file's own [grpsup] env files. */
void
sources_env_files(struct strv *env, struct conf *c, const struct options *o)
{
	const struct strv *also[] = { &c->env, NULL };
	struct conf_error e;
	size_t i;

	for (i = 0; i < o->nenv_files; i++) {
		memset(&e, 0, sizeof(e));
		snprintf(e.file, sizeof(e.file), "%s", o->env_files[i]);
		if (confenv_load_file(o->env_files[i], env, also, &e.line,
		    e.msg, sizeof(e.msg), &c->notices) == 0)
			continue;
		if (e.line == 0) {
			char msg[700];

			snprintf(msg, sizeof(msg), "--env-file: '%s': %s",
			    o->env_files[i], e.msg);
			cli_usage_error(msg);
		}
		sources_file_error(&e);
	}
}

/* Append from's strings to to, emptying from. */
void
sources_move_all(struct strv *to, struct strv *from)
{
	size_t i;

	if (to->n == 0) {
		*to = *from;
		memset(from, 0, sizeof(*from));
		return;
	}
	for (i = 0; i < from->n; i++)
		if (strv_push(to, from->v[i], (size_t)-1) == -1)
			cli_no_memory();
	strv_free(from);
}
