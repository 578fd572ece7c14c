/*
 * The names of programs given on the command line without -n: derived from
 * their commands, told apart when two are alike.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "names.h"

/* The words of a command, split on blanks, as a program's name sees them. */
struct words {
	char **v;
	size_t n;
	char *text;
};

static int
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

static int
split(const char *cmd, struct words *w)
{
	char *s;

	w->n = 0;
	if ((w->text = strdup(cmd)) == NULL ||
	    (w->v = calloc(strlen(cmd) / 2 + 2, sizeof(*w->v))) == NULL)
		return -1;
	for (s = w->text; *s != '\0'; s++) {
		if (is_blank(*s))
			*s = '\0';
		else if (s == w->text || s[-1] == '\0')
			w->v[w->n++] = s;
	}
	return 0;
}

/* Word k of w, or NULL past its end. */
static const char *
word(const struct words *w, size_t k)
{
	return k < w->n ? w->v[k] : NULL;
}

/* The first word past the first (the command's own) in which w[i] differs
 * from every other command of the same base; 0: none. */
static size_t
distinct_word(const struct words *w, const size_t *same, size_t nsame,
    size_t i)
{
	size_t k, j;

	for (k = 1; k < w[i].n; k++) {
		for (j = 0; j < nsame; j++)
			if (same[j] != i && word(&w[same[j]], k) != NULL &&
			    strcmp(word(&w[same[j]], k), w[i].v[k]) == 0)
				break;
		if (j == nsame)
			return k;
	}
	return 0;
}

/* The commands whose base is bases[i], into same; how many. */
static size_t
same_base(char (*bases)[NAME_MAX_LEN + 1], size_t n, size_t i, size_t *same)
{
	size_t j, m = 0;

	for (j = 0; j < n; j++)
		if (strcmp(bases[j], bases[i]) == 0)
			same[m++] = j;
	return m;
}

int
names_base(char *const *commands, size_t n, char (*bases)[NAME_MAX_LEN + 1])
{
	struct words *w = calloc(n + 1, sizeof(*w));
	size_t *same = calloc(n + 1, sizeof(*same)), i, m, k, skip;
	char (*first)[NAME_MAX_LEN + 1] = calloc(n + 1, sizeof(*first));
	int r = -1;

	for (i = 0; w != NULL && same != NULL && first != NULL && i < n; i++) {
		if (split(commands[i], &w[i]) == -1)
			goto out;
		command_name(commands[i], first[i], sizeof(first[i]));
		memcpy(bases[i], first[i], sizeof(bases[i]));
	}
	if (i < n)
		goto out;
	for (i = 0; i < n; i++) {
		if ((m = same_base(first, n, i, same)) < 2)
			continue;
		/* past VAR=value words and exec: where the command starts */
		for (skip = 0; skip < w[i].n && (strchr(w[i].v[skip], '=') !=
		    NULL || strcmp(w[i].v[skip], "exec") == 0); skip++)
			;
		if ((k = distinct_word(w, same, m, i)) <= skip)
			continue;
		command_name(w[i].v[k], bases[i], sizeof(bases[i]));
		if (strcmp(bases[i], "cmd") == 0)	/* nothing a name may hold */
			memcpy(bases[i], first[i], sizeof(bases[i]));
	}
	r = 0;
out:
	for (i = 0; w != NULL && i < n; i++) {
		free(w[i].v);
		free(w[i].text);
	}
	free(w);
	free(same);
	free(first);
	if (r == -1)
		errno = ENOMEM;
	return r;
}
