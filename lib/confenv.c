/*
 * env files and env lines of a grpsup.conf or Procfile: where they are read
 * from, in which order, and what their $VAR see (envfile.c reads the text).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "confenv.h"
#include "confparse.h"
#include "envfile.h"
#include "text.h"

int
confenv_load_file(const char *path, struct strv *into,
    const struct strv *const *also, int *line, char *why, size_t len,
    struct strv *notices)
{
	struct envscope scope;
	char *text;
	size_t n;
	int r;

	*line = 0;
	if (confparse_read_whole(path, &text, &n, notices) == -1) {
		r = text_fail(why, len, "%s", confparse_read_error(errno));
		free(text);
		return r;
	}
	envscope_init(&scope, into, also);
	r = envfile_parse(text, n, &scope, line, why, len);
	envscope_free(&scope);
	free(text);
	return r == -1 ? -1 : 0;
}

int
confenv_file(struct parser *p, const char *v, struct strv *into)
{
	const struct strv *also[] = { &p->c->env, NULL };
	char why[256];
	char *path = confparse_resolve_path(p, v);
	int line, r;

	if (path == NULL)
		return confparse_nomem(p);
	r = confenv_load_file(path, into, into == &p->c->env ? NULL : also,
	    &line, why, sizeof(why), &p->c->notices);
	if (r == -1) {
		if (line == 0)
			confparse_fail(p, p->line, "env-file '%s': %s", v, why);
		else {	/* the env file's own line is the useful one */
			snprintf(p->e->file, sizeof(p->e->file), "%s", path);
			confparse_fail(p, line, "%s", why);
		}
	}
	free(path);
	return r;
}

/* An env line, read when the program's env files are all in. */
int
confenv_line(struct parser *p, struct conf_where *w, const char *v)
{
	size_t n = w->line_env.n;
	int *at = w->env_line_at;

	/* room for twice as many when full: a realloc per line is quadratic */
	if ((n & (n - 1)) == 0 && (at = realloc(at, (n ? 2 * n : 1) *
	    sizeof(*at))) == NULL)
		return confparse_nomem(p);
	w->env_line_at = at;
	if (strv_push(&w->line_env, v, (size_t)-1) == -1)
		return confparse_nomem(p);
	at[w->line_env.n - 1] = p->line;
	return 0;
}

/*
 * Each program's env lines come after its env files, wherever they stand,
 * and read them as an env file's lines: quotes and $VAR alike.
 */
int
confenv_append_lines(struct parser *p)
{
	const struct strv *also[] = { &p->c->env, NULL };
	struct envscope scope;
	struct conf *c = p->c;
	struct conf_where *w;
	char why[256];
	size_t i, j;
	int line, n;

	for (i = 0; i < c->nprogs; i++) {
		w = &c->where[i];
		/* one scope for all of a program's lines: linear time */
		envscope_init(&scope, &c->progs[i].env, also);
		for (j = 0; j < w->line_env.n; j++) {
			n = envfile_parse(w->line_env.v[j], strlen(w->line_env.v[j]),
			    &scope, &line, why, sizeof(why));
			if (n == 1)
				continue;
			envscope_free(&scope);
			if (n == -1 && errno == ENOMEM)
				return confparse_nomem(p);
			if (n == -1)
				return confparse_fail(p, w->env_line_at[j], "env: %s", why);
			return confparse_fail(p, w->env_line_at[j], "env: expected "
			    "one KEY=VALUE, not '%.80s'", w->line_env.v[j]);
		}
		envscope_free(&scope);
	}
	return 0;
}

/* As foreman does: the .env beside a Procfile, when there is one. */
int
confenv_load_dotenv(struct parser *p)
{
	char *path = confparse_resolve_path(p, ".env");
	int r = 0;

	p->line = 0;	/* its own lines are named, not the Procfile's */
	if (path == NULL)
		return confparse_nomem(p);
	if (access(path, F_OK) == 0)
		r = confenv_file(p, ".env", &p->c->env);
	free(path);
	return r;
}
