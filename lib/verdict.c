#include <sys/wait.h>

#include "verdict.h"

int
program_explained(const struct program *p)
{
	int sig = p->sent_signal;

	if (!p->stopping_exit || sig == 0 || (p->end == END_KILLED &&
	    sig != SIGKILL))
		return 0;
	if (WIFSIGNALED(p->wstatus))
		return WTERMSIG(p->wstatus) == sig;
	return WIFEXITED(p->wstatus) && WEXITSTATUS(p->wstatus) == 128 + sig;
}

int
program_failed(const struct program *p)
{
	if (p->state != PROGRAM_DONE || p->end == END_NOT_STARTED ||
	    p->end == END_START_FAILED)
		return 0;
	return p->status != 0 && !program_explained(p);
}

int
group_status(const struct group *g, int *die_signal)
{
	const struct program *from;
	size_t i;

	*die_signal = 0;
	if (g->start_failed)
		return STATUS_CANNOT_START;
	/* a CI run that hit its deadline must read as a timeout, not 143 */
	if (g->trigger.kind == TRIGGER_TIMEOUT ||
	    g->trigger.kind == TRIGGER_READY_TIMEOUT)
		return STATUS_TIMEOUT;
	if (g->exit_from >= 0) {
		from = &g->progs[g->exit_from];
		if (from->state == PROGRAM_DONE && from->pid != 0)
			return from->status;
	}
	if (g->trigger.kind == TRIGGER_SIGNAL ||
	    g->trigger.kind == TRIGGER_HANGUP) {
		*die_signal = g->trigger.sig;
		return 128 + g->trigger.sig;
	}
	for (i = 0; i <= g->nexits; i++) {
		if (g->output_failed_at == i)
			return g->output_failed_status;
		if (i < g->nexits && program_failed(g->exits[i]))
			return g->exits[i]->status;
	}
	return 0;
}
