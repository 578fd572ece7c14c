/*
 * Unit tests of the exit-status rules (lib/verdict.c): groups made by hand,
 * each with the exits in the order they happened. Prints TAP, as bats does.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include "../../lib/verdict.h"

static int ntests, nfailed;

#define NPROGS 3

struct fixture {
	struct group g;
	struct program progs[NPROGS];
	struct program *exits[NPROGS];
};

static void
setup(struct fixture *f, enum trigger_kind trigger, int sig)
{
	size_t i;

	memset(f, 0, sizeof(*f));
	f->g.progs = f->progs;
	f->g.nprogs = NPROGS;
	f->g.exits = f->exits;
	f->g.exit_from = -1;
	f->g.output_failed_at = (size_t)-1;
	f->g.trigger.kind = trigger;
	f->g.trigger.sig = sig;
	for (i = 0; i < NPROGS; i++) {
		f->progs[i].state = PROGRAM_RUNNING;
		f->progs[i].pid = 100 + (pid_t)i;
	}
}

/* Program i exited with wstatus, sent sig by grpsup (0: none) before. */
static void
ended(struct fixture *f, size_t i, int wstatus, int sent, int stopping)
{
	struct program *p = &f->progs[i];

	p->state = PROGRAM_DONE;
	p->wstatus = wstatus;
	p->status = WIFSIGNALED(wstatus) ? 128 + WTERMSIG(wstatus) :
	    WEXITSTATUS(wstatus);
	p->sent_signal = sent;
	p->stopping_exit = stopping;
	p->end = sent ? END_STOPPED : END_EXITED;
	f->exits[f->g.nexits++] = p;
}

static void
expect(const struct fixture *f, int status, int die, const char *what)
{
	int got_die, got = verdict_status(&f->g, &got_die);
	int ok = got == status && got_die == die;

	ntests++;
	nfailed += !ok;
	printf("%s %d unit: exit status: %s", ok ? "ok" : "not ok", ntests,
	    what);
	if (!ok)
		printf(" # got %d (dies of %d), want %d (dies of %d)", got,
		    got_die, status, die);
	printf("\n");
}

#define EXITED(c) W_EXITCODE(c, 0)
#define KILLED_BY(s) (s)

static void
first_failure_tests(void)
{
	struct fixture f;

	setup(&f, TRIGGER_EXIT, 0);
	ended(&f, 0, EXITED(0), 0, 0);
	ended(&f, 1, KILLED_BY(SIGTERM), SIGTERM, 1);
	ended(&f, 2, EXITED(128 + SIGTERM), SIGTERM, 1);
	f.g.trigger.prog = &f.progs[0];
	expect(&f, 0, 0, "a clean exit, the rest stopped as asked: 0");

	setup(&f, TRIGGER_EXIT, 0);
	ended(&f, 1, EXITED(3), 0, 0);
	ended(&f, 0, KILLED_BY(SIGTERM), SIGTERM, 1);
	ended(&f, 2, EXITED(7), SIGTERM, 1);
	expect(&f, 3, 0, "the first failure in the order of exits, not of "
	    "programs");

	setup(&f, TRIGGER_EXIT, 0);
	ended(&f, 0, EXITED(0), 0, 0);
	ended(&f, 1, EXITED(1), SIGTERM, 1);
	ended(&f, 2, KILLED_BY(SIGTERM), SIGTERM, 1);
	expect(&f, 1, 0, "an exit during the stop that the signal does not "
	    "explain fails");

	setup(&f, TRIGGER_EXIT, 0);
	ended(&f, 0, KILLED_BY(SIGSEGV), 0, 0);
	ended(&f, 1, KILLED_BY(SIGTERM), SIGTERM, 1);
	ended(&f, 2, KILLED_BY(SIGTERM), SIGTERM, 1);
	expect(&f, 128 + SIGSEGV, 0, "a crash gives 128 + its signal");

	setup(&f, TRIGGER_EXIT, 0);
	ended(&f, 0, EXITED(0), 0, 0);
	f.progs[1].killed = KILL_AT_GRACE;
	ended(&f, 1, KILLED_BY(SIGKILL), SIGTERM, 1);
	f.progs[1].end = END_KILLED;
	ended(&f, 2, KILLED_BY(SIGTERM), SIGTERM, 1);
	expect(&f, 137, 0, "a program that needed SIGKILL at its grace fails "
	    "with 137");

	setup(&f, TRIGGER_EXIT, 0);
	ended(&f, 0, EXITED(0), 0, 0);
	ended(&f, 1, KILLED_BY(SIGTERM), 0, 1);
	ended(&f, 2, EXITED(0), 0, 1);
	expect(&f, 143, 0, "a death by a signal grpsup did not send fails");
}

static void
rule_order_tests(void)
{
	struct fixture f;

	setup(&f, TRIGGER_START, 0);
	f.g.start_failed = 1;
	ended(&f, 0, EXITED(4), 0, 0);
	expect(&f, STATUS_CANNOT_START, 0, "grpsup could not start a program: "
	    "125 before any failure");

	setup(&f, TRIGGER_TIMEOUT, 0);
	ended(&f, 0, EXITED(2), SIGTERM, 1);
	expect(&f, STATUS_TIMEOUT, 0, "the --timeout deadline: 124");

	setup(&f, TRIGGER_READY_TIMEOUT, 0);
	expect(&f, STATUS_TIMEOUT, 0, "a readiness timeout: 124");

	setup(&f, TRIGGER_TIMEOUT, 0);
	f.g.exit_from = 0;
	ended(&f, 0, KILLED_BY(SIGTERM), SIGTERM, 1);
	expect(&f, STATUS_TIMEOUT, 0, "124 also with --exit-code-from (a CI run "
	    "that hit its deadline)");

	setup(&f, TRIGGER_SIGNAL, SIGINT);
	ended(&f, 0, EXITED(1), SIGINT, 1);
	expect(&f, 128 + SIGINT, SIGINT, "a stop signal received: grpsup dies "
	    "of it");

	setup(&f, TRIGGER_EXIT, 0);
	f.g.exit_from = 2;
	ended(&f, 0, EXITED(5), 0, 0);
	ended(&f, 2, EXITED(0), SIGTERM, 1);
	expect(&f, 0, 0, "--exit-code-from: that program's status, not the "
	    "first failure");

	setup(&f, TRIGGER_EXIT, 0);
	f.g.exit_from = 2;
	ended(&f, 0, EXITED(5), 0, 0);
	f.progs[2].state = PROGRAM_DONE;
	f.progs[2].pid = 0;
	f.progs[2].end = END_NOT_STARTED;
	expect(&f, 5, 0, "--exit-code-from a program that never ran: the "
	    "first failure");
}

static void
epipe_tests(void)
{
	struct fixture f;

	setup(&f, TRIGGER_EPIPE, 0);
	f.g.output_failed_at = 0;
	f.g.output_failed_status = STATUS_EPIPE;
	ended(&f, 0, EXITED(2), SIGTERM, 1);
	expect(&f, STATUS_EPIPE, 0, "output lost its reader first: 141");

	setup(&f, TRIGGER_EXIT, 0);
	ended(&f, 0, EXITED(2), 0, 0);
	f.g.output_failed_at = 1;
	f.g.output_failed_status = STATUS_EPIPE;
	expect(&f, 2, 0, "a failure before the output lost its reader comes "
	    "first");

	setup(&f, TRIGGER_EXIT, 0);
	ended(&f, 0, EXITED(0), 0, 0);
	f.g.output_failed_at = 1;
	f.g.output_failed_status = STATUS_EPIPE;
	expect(&f, STATUS_EPIPE, 0, "output lost after a clean exit: 141");
}

int
main(void)
{
	first_failure_tests();
	rule_order_tests();
	epipe_tests();
	return nfailed != 0;
}
