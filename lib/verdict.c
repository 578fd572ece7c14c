/*
 * The exit-status rules of section 5: which program's end is a failure, the
 * first failure in the order of the exits, and grpsup's own status.
 */
#include <sys/wait.h>

#include "verdict.h"

int
verdict_explained(const struct program *p)
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
verdict_ended_unready(const struct program *p)
{
	return p->awaited && !p->is_ready && p->state == PROGRAM_DONE &&
	    p->pid != 0 && !p->stopping_exit && p->end != END_NOT_STARTED &&
	    p->end != END_START_FAILED;
}

int
verdict_failed(const struct program *p)
{
	if (p->state != PROGRAM_DONE || p->end == END_NOT_STARTED ||
	    p->end == END_START_FAILED)
		return 0;
	return (p->status != 0 && !verdict_explained(p)) ||
	    verdict_ended_unready(p);
}

int
verdict_failure_status(const struct program *p)
{
	/* a server that daemonized exits 0 before it is ready */
	return p->status != 0 ? p->status : 1;
}

/* Rule 5: the first failure in the order of the exits, the output's too. */
static int
first_failure(const struct group *g)
{
	size_t i;

	for (i = 0; i <= g->nexits; i++) {
		if (g->output_failed_at == i)
			return g->output_failed_status;
		if (i < g->nexits && verdict_failed(g->exits[i]))
			return verdict_failure_status(g->exits[i]);
	}
	return 0;
}

int
verdict_status(const struct group *g, int *die_signal)
{
	const struct program *from;
	int status;

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
	status = first_failure(g);
	/* -e NAME reads 0 only when NAME ran and exited 0 */
	if (status == 0 && g->exit_from >= 0)
		return 1;
	return status;
}
