/*
 * A grpsup.conf or Procfile checked whole before anything starts: each
 * error at the line of the key that caused it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "confparse.h"
#include "identity.h"
#include "order.h"

int
conf_check_order(const struct conf *c, size_t *bad, char *why, size_t len)
{
	char **names = calloc(c->nprogs + 1, sizeof(*names));
	const struct strv **after = calloc(c->nprogs + 1, sizeof(*after));
	size_t i;
	int r = -1;

	*bad = 0;
	if (names == NULL || after == NULL) {
		snprintf(why, len, "%s", strerror(ENOMEM));
	} else {
		for (i = 0; i < c->nprogs; i++) {
			names[i] = c->progs[i].name;
			after[i] = &c->progs[i].after;
		}
		r = order_check(names, after, c->nprogs, bad, why, len);
	}
	free(names);
	free(after);
	return r;
}

/* The start order: names that exist, no program waiting for itself, no cycle. */
static int
check_order(struct parser *p)
{
	char why[512];
	size_t bad;

	if (conf_check_order(p->c, &bad, why, sizeof(why)) == -1)
		return conf_fail(p, p->c->progs[bad].key_line[K_AFTER], "%s", why);
	return 0;
}

/* A oneshot is ready when it exits 0: a probe would contradict that. */
static int
check_oneshot(struct parser *p, struct conf_program *cp)
{
	if (cp->oneshot && cp->ready != NULL)
		return conf_fail(p, cp->key_line[K_READY], "ready: '%s' is a "
		    "oneshot: it is ready when it exits 0, with no probe",
		    cp->name);
	return 0;
}

static int
check_directory(struct parser *p, struct conf_program *cp)
{
	struct stat st;

	if (cp->directory == NULL)
		return 0;
	if (stat(cp->directory, &st) == -1)
		return conf_fail(p, cp->key_line[K_DIRECTORY], "directory '%s': %s",
		    cp->directory, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return conf_fail(p, cp->key_line[K_DIRECTORY], "directory '%s': "
		    "not a directory", cp->directory);
	return 0;
}

static int
check_identity(struct parser *p, struct conf_program *cp)
{
	char why[256];
	int group_fault;

	if (cp->user == NULL && cp->group == NULL)
		return 0;
	if (identity_resolve(cp->user, cp->group, &cp->id, &group_fault, why,
	    sizeof(why)) == -1)
		return conf_fail(p, cp->key_line[group_fault ? K_GROUP : K_USER],
		    "%s", why);
	return 0;
}

/* Everything that needs the whole file, in the file's order. */
int
conf_validate(struct parser *p)
{
	struct conf *c = p->c;
	size_t i;

	if (c->nprogs == 0)
		return conf_fail(p, 0, "no programs");
	for (i = 0; i < c->nprogs; i++)
		if (c->progs[i].command == NULL)
			return conf_fail(p, c->progs[i].line, "program '%s' has no "
			    "command", c->progs[i].name);
	if (check_order(p) == -1)
		return -1;
	for (i = 0; i < c->nprogs; i++)
		if (check_oneshot(p, &c->progs[i]) == -1)
			return -1;
	if (c->exit_code_from != NULL && conf_find_program(c, c->exit_code_from,
	    strlen(c->exit_code_from)) == NULL)
		return conf_fail(p, c->key_line[K_EXIT_CODE_FROM], "exit-code-from: "
		    "no program named '%.64s'", c->exit_code_from);
	for (i = 0; i < c->nprogs; i++)
		if (check_directory(p, &c->progs[i]) == -1 ||
		    check_identity(p, &c->progs[i]) == -1)
			return -1;
	return 0;
}

