/*
 * The names of programs given on the command line without -n: derived from
 * their commands, told apart when two are alike.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/text.h"
#include "cli.h"
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

/*
 * A word that cannot name a program: an option ("-m"), a VAR=value, or
 * the shell's exec.
 */
static int
not_a_name(const char *word)
{
	return word[0] == '-' || strchr(word, '=') != NULL ||
	    strcmp(word, "exec") == 0;
}

/*
 * The first word past the first (the command's own) in which w[i] differs
 * from every other command of the same base and that can name a program;
 * 0: none.
 */
static size_t
distinct_word(const struct words *w, const size_t *same, size_t nsame,
    size_t i)
{
	size_t k, j;

	for (k = 1; k < w[i].n; k++) {
		if (not_a_name(w[i].v[k]))
			continue;
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
		for (skip = 0; skip < w[i].n && not_a_name(w[i].v[skip]);
		    skip++)
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

static int
name_taken(const struct conf *c, size_t upto, const char *name)
{
	size_t i;

	for (i = 0; i < upto; i++)
		if (strcmp(c->progs[i].name, name) == 0)
			return 1;
	return 0;
}

/* Next name from a -n LIST, or NULL at its end; *list advances. */
static char *
next_listed_name(const char **list)
{
	size_t len = strcspn(*list, ",");
	char *name = strndup(*list, len);

	*list += len + ((*list)[len] == ',');
	return name;
}

/*
 * The name from the command's word in bases[upto] (names_base); a repeated
 * one gets "-2", "-3", ... in order. Counting the earlier programs' bases
 * keeps a thousand "sleep" programs from a cubic search.
 */
static char *
derived_name(const struct conf *c, size_t upto, char (*bases)[NAME_MAX_LEN + 1])
{
	char name[NAME_MAX_LEN + 16];
	size_t j;
	int n = 1;

	for (j = 0; j < upto; j++)
		n += strcmp(bases[j], bases[upto]) == 0;
	if (n == 1)
		snprintf(name, sizeof(name), "%s", bases[upto]);
	else
		snprintf(name, sizeof(name), "%s-%d", bases[upto], n);
	while (name_taken(c, upto, name))
		snprintf(name, sizeof(name), "%s-%d", bases[upto], ++n);
	return strdup(name);
}

static int
derive_bases(const struct conf *c, char (*bases)[NAME_MAX_LEN + 1])
{
	char **commands = calloc(c->nprogs + 1, sizeof(*commands));
	size_t i;
	int r;

	if (commands == NULL)
		return -1;
	for (i = 0; i < c->nprogs; i++)
		commands[i] = c->progs[i].command;
	r = names_base(commands, c->nprogs, bases);
	free(commands);
	return r;
}

void
names_assign(struct conf *c, const char *list)
{
	char msg[256], (*bases)[NAME_MAX_LEN + 1] = NULL;
	size_t i;

	if (list == NULL && ((bases = calloc(c->nprogs, sizeof(*bases))) ==
	    NULL || derive_bases(c, bases) == -1))
		cli_no_memory();
	for (i = 0; i < c->nprogs; i++) {
		struct program_settings *p = &c->progs[i];

		if (list == NULL) {
			if ((p->name = derived_name(c, i, bases)) == NULL)
				cli_no_memory();
			continue;
		}
		if (*list == '\0')
			break;
		p->name = next_listed_name(&list);
		if (strlen(p->name) > NAME_MAX_LEN) {
			snprintf(msg, sizeof(msg), "--names: name '%.64s...' is "
			    "longer than %d bytes", p->name, NAME_MAX_LEN);
			cli_usage_error(msg);
		}
		if (!command_name_valid(p->name) || name_taken(c, i, p->name)) {
			snprintf(msg, sizeof(msg), "--names: %s name '%.64s' "
			    "(names are unique, of A-Z a-z 0-9 _ . -)",
			    command_name_valid(p->name) ? "duplicate" : "invalid",
			    p->name);
			cli_usage_error(msg);
		}
	}
	free(bases);
	if (list != NULL && (i < c->nprogs || *list != '\0')) {
		snprintf(msg, sizeof(msg), "--names: %s names for %zu commands",
		    i < c->nprogs ? "too few" : "too many", c->nprogs);
		cli_usage_error(msg);
	}
}

const char *
names_hint(const struct conf *c, const char *name, size_t nlen, char *buf,
    size_t len)
{
	const char **names = calloc(c->nprogs + 1, sizeof(*names));
	char word[NAME_MAX_LEN + 1];
	size_t i, at;
	int near = -1;

	snprintf(word, sizeof(word), "%.*s", (int)(nlen < sizeof(word) - 1 ?
	    nlen : sizeof(word) - 1), name);
	for (i = 0; names != NULL && i < c->nprogs; i++)
		names[i] = c->progs[i].name;
	if (names != NULL)
		near = text_nearest(word, names, c->nprogs);
	at = (size_t)snprintf(buf, len, " (");
	if (near >= 0)
		at += (size_t)snprintf(buf + at, at < len ? len - at : 0,
		    "did you mean '%s'? ", names[near]);
	at += (size_t)snprintf(buf + at, at < len ? len - at : 0, "the "
	    "programs:");
	for (i = 0; i < c->nprogs && i < 8; i++)
		at += (size_t)snprintf(buf + at, at < len ? len - at : 0, "%s %s",
		    i ? "," : "", c->progs[i].name);
	snprintf(buf + at, at < len ? len - at : 0, "%s)", c->nprogs > 8 ?
	    ", ..." : "");
	free(names);
	return buf;
}
