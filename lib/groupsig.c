/*
 * What signals ask of the group: a signal grpsup received (a stop, its
 * terminal's hangup, job control, or one to pass on to the programs that
 * take it), and a program stopped by job control, which stops the group as
 * one job when it leads the terminal.
 */
#include <signal.h>
#include <unistd.h>

#include "grouplife.h"
#include "process.h"

/* Job control: sig to every running program's process group. */
static void
pass_on(struct group *g, int sig)
{
	size_t i;

	for (i = 0; i < g->nprogs; i++)
		if (program_alive(&g->progs[i]))
			(void)kill(-g->progs[i].pid, sig);
	group_emit(g, GE_FORWARDED, NULL, sig, 0, 0, NULL);
}

/* sig to each running program that takes it (program_forward). */
static void
forward(struct group *g, int sig)
{
	size_t i;

	for (i = 0; i < g->nprogs; i++)
		if (g->progs[i].state == PROGRAM_RUNNING)
			group_emit(g, program_forward(&g->progs[i], sig, g->on_tty) ?
			    GE_FORWARDED : GE_NOT_FORWARDED, &g->progs[i], sig,
			    0, 0, NULL);
}

/*
 * A program stopped (WUNTRACED): said at once, never a silent hang. When
 * the program that leads grpsup's terminal is stopped by job control, the
 * group acts as one job: the terminal comes back, the others stop, and so
 * does grpsup (a shell's prompt returns; fg continues them all).
 */
void
groupsig_paused(struct group *g, struct program *p, int sig)
{
	/*
	 * Said when it happens, or not at all: a stop that grpsup passed on
	 * (Ctrl-Z with grpsup in the foreground) is the job's, and a stop
	 * seen only after a SIGCONT is over.
	 */
	if (g->job_stopped || !process_stopped(p->pid))
		return;
	group_emit(g, GE_PAUSED, p, sig, 0, 0, NULL);
	if (!program_leads_terminal(p) || sigq_role(sig) != ROLE_JOB_STOP)
		return;
	process_give_terminal(g->host.tty_fd, getpgrp());
	g->job_stopped = 1;
	pass_on(g, SIGTSTP);
	if (g->self != 1 && !sigq_cont_waiting())
		(void)raise(SIGSTOP);
}

/*
 * fg or bg: everything goes on; in the foreground again (fg), the one raw
 * program, which led the terminal, leads it again.
 */
static void
group_continue(struct group *g)
{
	int fd = g->host.tty_fd;
	size_t i;

	g->job_stopped = 0;
	if (fd >= 0 && tcgetpgrp(fd) != getpgrp())
		fd = -1;	/* bg: the shell keeps the terminal */
	for (i = 0; fd >= 0 && i < g->nprogs; i++)
		if (g->progs[i].state == PROGRAM_RUNNING &&
		    g->progs[i].set->output == OUTPUT_RAW)
			process_give_terminal(fd, g->progs[i].pid);
	pass_on(g, SIGCONT);
}

/*
 * What a signal received asks (grpsup(1), SIGNALS): a stop, a hangup of the
 * terminal, job control, or a signal to pass on to the programs that take
 * it. The same signal from the same sender within a second counts once.
 */
void
groupsig_received(struct group *g, const struct sigq_event *e,
    int continued)
{
	if (sigq_repeated(&g->signals, e))
		return;
	switch (sigq_role(e->sig)) {
	case ROLE_HANGUP:
		/* the kernel's HUP to a grpsup with a terminal: it hung up */
		if (e->code != SI_KERNEL || !g->has_tty || !group_running(g))
			break;
		group_stop(g, TRIGGER_HANGUP, NULL, SIGHUP);
		return;
	case ROLE_STOP:
		/*
		 * The first stops the group; a second kills everything, or
		 * drops the output that is all that is left (lifecycle.c)
		 */
		group_stop(g, TRIGGER_SIGNAL, NULL, e->sig);
		return;
	case ROLE_JOB_STOP:
		/*
		 * Ctrl-Z stops the terminal's foreground process group:
		 * grpsup's, which the programs are not in. So grpsup passes it
		 * on and stops itself, as the default action would have; as
		 * PID 1 the kernel would ignore that SIGSTOP.
		 */
		g->job_stopped = 1;
		pass_on(g, e->sig);
		if (g->self != 1 && !continued && !sigq_cont_waiting())
			(void)raise(SIGSTOP);
		return;
	case ROLE_CONTINUE:
		group_continue(g);
		return;
	default:
		break;
	}
	forward(g, e->sig);
}

