/*
 * A program's environment from layers of "KEY=VALUE": each KEY found through
 * a hash table, so that 80,000 variables take linear time.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "env.h"
#include "nametable.h"

static size_t
count(char *const *v)
{
	size_t n = 0;

	while (v != NULL && v[n] != NULL)
		n++;
	return n;
}

static size_t
key_len(const char *s)
{
	const char *eq = strchr(s, '=');

	return eq != NULL ? (size_t)(eq - s) : strlen(s);
}

/*
 * Put kv in env[0..*n), replacing the entry with the same key (its slot is
 * kept); a kv without '=' empties that slot instead (NULL, squeezed out at
 * the end). Returns 0, or -1 with errno ENOMEM.
 */
static int
env_set(struct name_table *t, char **env, size_t *n, char *kv)
{
	size_t len = key_len(kv), i = nametable_find(t, kv, len);

	if (kv[len] == '\0') {
		if (i != (size_t)-1)
			env[i] = NULL;
		return 0;
	}
	if (i == (size_t)-1)
		i = (*n)++;
	env[i] = kv;
	return nametable_put(t, kv, len, i);
}

/* Squeeze out the slots that a removal emptied. */
static size_t
squeeze(char **env, size_t n)
{
	size_t i, m = 0;

	for (i = 0; i < n; i++)
		if (env[i] != NULL)
			env[m++] = env[i];
	env[m] = NULL;
	return m;
}

size_t
env_arg_max(void)
{
	long max = sysconf(_SC_ARG_MAX);

	return max > 0 ? (size_t)max : 131072;	/* POSIX's least */
}

char **
env_build(char *const *base, char *const *const *layers, size_t nlayers)
{
	struct name_table t = { 0 };
	size_t total = count(base), n = 0, i, l;
	char **env;

	for (l = 0; l < nlayers; l++)
		total += count(layers[l]);
	if ((env = malloc((total + 1) * sizeof(*env))) == NULL)
		return NULL;
	for (i = 0; base != NULL && base[i] != NULL; i++)
		if (env_set(&t, env, &n, base[i]) == -1)
			goto fail;
	for (l = 0; l < nlayers; l++)
		for (i = 0; layers[l] != NULL && layers[l][i] != NULL; i++)
			if (env_set(&t, env, &n, layers[l][i]) == -1)
				goto fail;
	squeeze(env, n);
	nametable_free(&t);
	return env;
fail:
	nametable_free(&t);
	free(env);
	errno = ENOMEM;
	return NULL;
}
