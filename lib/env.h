#ifndef GRPSUP_ENV_H
#define GRPSUP_ENV_H

#include <stddef.h>

/*
 * env_build: a program's environment: every "KEY=VALUE" of base, then of each
 * layer in order, a later KEY replacing an earlier one in place; a layer's
 * entry without '=' (just "KEY") removes KEY. The result
 * is one malloc'd NULL-terminated array of pointers into base and the layers,
 * which must outlive it; free() releases it. Returns NULL with errno ENOMEM.
 */
char **env_build(char *const *base, char *const *const *layers, size_t nlayers);

/*
 * env_arg_max: the room execve gives argv and envp together (ARG_MAX), which
 * no program's environment can pass.
 */
size_t env_arg_max(void);

#endif
