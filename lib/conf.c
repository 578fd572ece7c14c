/*
 * What a grpsup.conf or Procfile gave (conf.h): made empty, searched by
 * program name, and released.
 */
#include <stdlib.h>
#include <string.h>

#include "conf.h"

void
conf_init(struct conf *c)
{
	memset(c, 0, sizeof(*c));
	c->grace_ms = c->timeout_ms = -1;
	c->color = c->timestamps = -1;
}

struct program_settings *
conf_find_program(struct conf *c, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < c->nprogs; i++)
		if (strlen(c->progs[i].name) == len &&
		    strncmp(c->progs[i].name, name, len) == 0)
			return &c->progs[i];
	return NULL;
}

void
conf_forget_programs(struct conf *c)
{
	size_t i;

	for (i = 0; c->where != NULL && i < c->nprogs; i++) {
		free(c->where[i].user);
		free(c->where[i].group);
		strv_free(&c->where[i].line_env);
		free(c->where[i].env_line_at);
	}
	free(c->where);
	c->where = NULL;
	c->progs = NULL;
	c->nprogs = c->cap = 0;
}

void
conf_free(struct conf *c)
{
	size_t i;

	for (i = 0; i < c->nprogs; i++)
		settings_free(&c->progs[i]);
	free(c->progs);
	conf_forget_programs(c);
	free(c->path);
	free(c->exit_code_from);
	free(c->report);
	strv_free(&c->env);
	strv_free(&c->warnings);
	strv_free(&c->notices);
	memset(c, 0, sizeof(*c));
}
