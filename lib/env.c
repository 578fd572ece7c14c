#include <stdlib.h>
#include <string.h>

#include "env.h"

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
 * Put kv in env[0..*n), replacing an entry with the same key; a kv without
 * '=' removes that entry instead.
 */
static void
env_set(char **env, size_t *n, char *kv)
{
	size_t i, len = key_len(kv);

	for (i = 0; i < *n; i++)
		if (key_len(env[i]) == len && memcmp(env[i], kv, len) == 0)
			break;
	if (kv[len] != '\0') {
		env[i] = kv;
		*n += i == *n;
	} else if (i < *n) {
		memmove(env + i, env + i + 1, (*n - i - 1) * sizeof(*env));
		(*n)--;
	}
}

char **
env_build(char *const *base, char *const *const *layers, size_t nlayers)
{
	size_t total = count(base), n = 0, i, l;
	char **env;

	for (l = 0; l < nlayers; l++)
		total += count(layers[l]);
	if ((env = malloc((total + 1) * sizeof(*env))) == NULL)
		return NULL;
	for (i = 0; base != NULL && base[i] != NULL; i++)
		env[n++] = base[i];
	for (l = 0; l < nlayers; l++)
		for (i = 0; layers[l] != NULL && layers[l][i] != NULL; i++)
			env_set(env, &n, layers[l][i]);
	env[n] = NULL;
	return env;
}
