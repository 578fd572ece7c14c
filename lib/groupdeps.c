/*
 * The start order seen from a running group: whether a program's
 * dependencies are ready (it may start), and which running dependent holds
 * a program's stop back (the reverse of the start order).
 */
#include <stddef.h>

#include "groupdeps.h"

int
groupdeps_ready(const struct group *g, const struct program *p)
{
	size_t i;

	for (i = 0; i < p->set->after.n; i++)
		if (!g->progs[p->deps[i]].is_ready)
			return 0;
	return 1;
}

const struct program *
groupdeps_stop_holder(const struct group *g, const struct program *q)
{
	size_t i, j;

	for (i = 0; i < g->nprogs; i++) {
		const struct program *d = &g->progs[i];

		if (!program_alive(d) || d->killed != KILL_NONE)
			continue;
		for (j = 0; j < d->set->after.n; j++)
			if (&g->progs[d->deps[j]] == q)
				return d;
	}
	return NULL;
}
