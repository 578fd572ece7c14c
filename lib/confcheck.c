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
#include "settings.h"

/* The start order: names that exist, no program waiting for itself, no cycle. */
static int
check_order(struct parser *p)
{
	char why[512];
	size_t bad;

	if (settings_order(p->c->progs, p->c->nprogs, NULL, &bad, why,
	    sizeof(why)) == -1)
		return confparse_fail(p, p->c->where[bad].key_line[K_AFTER], "%s", why);
	return 0;
}

/* A oneshot is ready when it exits 0: a probe would contradict that. */
static int
check_oneshot(struct parser *p, size_t i)
{
	const struct program_settings *cp = &p->c->progs[i];

	if (settings_oneshot_probe(cp))
		return confparse_fail(p, p->c->where[i].key_line[K_READY], "ready: '%s' is a "
		    "oneshot: it is ready when it exits 0, with no probe",
		    cp->name);
	return 0;
}

static int
check_directory(struct parser *p, size_t i)
{
	const struct program_settings *cp = &p->c->progs[i];
	const struct conf_where *w = &p->c->where[i];
	struct stat st;

	if (cp->directory == NULL)
		return 0;
	if (stat(cp->directory, &st) == -1)
		return confparse_fail(p, w->key_line[K_DIRECTORY], "directory '%s': %s",
		    cp->directory, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return confparse_fail(p, w->key_line[K_DIRECTORY], "directory '%s': "
		    "not a directory", cp->directory);
	return 0;
}

static int
check_identity(struct parser *p, size_t i)
{
	const struct conf_where *w = &p->c->where[i];
	char why[256];
	int group_fault;

	if (w->user == NULL && w->group == NULL)
		return 0;
	if (identity_resolve(w->user, w->group, &p->c->progs[i].id,
	    &group_fault, why, sizeof(why)) == -1)
		return confparse_fail(p, w->key_line[group_fault ? K_GROUP : K_USER],
		    "%s", why);
	return 0;
}

/*
 * supervisord reads " ; text" in a command as a comment; sh runs the text as
 * a second command. Not an error (it is valid sh), a warning for --check.
 */
static int
warn_semicolon_comment(struct parser *p, size_t i)
{
	const char *s = p->c->progs[i].command, *at = NULL;
	char quote = 0, line[900];

	for (; s != NULL && *s != '\0' && at == NULL; s++) {
		if (*s == '\\' && quote != '\'' && s[1] != '\0')
			s++;
		else if (quote != 0)
			quote = *s == quote ? 0 : quote;
		else if (*s == '\'' || *s == '"')
			quote = *s;
		else if (*s == ';' && s > p->c->progs[i].command &&
		    confparse_is_blank(s[-1]) && s[1 + strspn(s + 1, " \t")] != '\0')
			at = s;
	}
	if (at == NULL)
		return 0;
	snprintf(line, sizeof(line), "%s:%d: warning: %s: '%.60s' runs as a "
	    "second command (supervisord took ' ; ' as the start of a comment)",
	    p->c->path, p->c->where[i].key_line[K_COMMAND], p->c->progs[i].name,
	    at);
	return strv_push(&p->c->warnings, line, (size_t)-1) == -1 ?
	    confparse_nomem(p) : 0;
}

/* Everything that needs the whole file, in the file's order. */
int
confcheck_validate(struct parser *p)
{
	struct conf *c = p->c;
	size_t i;

	if (c->nprogs == 0)
		return confparse_fail(p, 0, "no programs");
	for (i = 0; i < c->nprogs; i++)
		if (c->progs[i].command == NULL)
			return confparse_fail(p, c->where[i].line, "program '%s' has no "
			    "command", c->progs[i].name);
	if (check_order(p) == -1)
		return -1;
	for (i = 0; i < c->nprogs; i++)
		if (check_oneshot(p, i) == -1)
			return -1;
	if (c->exit_code_from != NULL && conf_find_program(c, c->exit_code_from,
	    strlen(c->exit_code_from)) == NULL)
		return confparse_fail(p, c->key_line[K_EXIT_CODE_FROM], "exit-code-from: "
		    "no program named '%.64s'", c->exit_code_from);
	for (i = 0; i < c->nprogs; i++)
		if (check_directory(p, i) == -1 || check_identity(p, i) == -1 ||
		    (!c->procfile && warn_semicolon_comment(p, i) == -1))
			return -1;
	return 0;
}

