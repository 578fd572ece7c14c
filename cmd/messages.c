/*
 * What grpsup says on stderr: each event of the group at the verbosity
 * asked, the summary at the end, and the errors of the command line.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include "../lib/duration.h"
#include "../lib/outmsg.h"
#include "../lib/signame.h"
#include "../lib/verdict.h"
#include "messages.h"

#define LINE_MAX_LEN 1024

/* Where say() writes; the CLI has one group at a time. */
static struct output *route;

void
messages_route(struct output *out)
{
	route = out;
}

void
say(const char *fmt, ...)
{
	char text[LINE_MAX_LEN];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (n > (int)sizeof(text) - 1)
		n = (int)sizeof(text) - 1;
	outmsg_write(route, text, (size_t)n);
}

/* "SIGTERM", or "signal 40" for one without a name; four may be in use. */
static const char *
sig_name(int sig)
{
	static char buf[4][24];
	static unsigned next;
	char *b = buf[next++ % 4], num[16];
	const char *name = signame_of(sig, num, sizeof(num));

	if (name[0] >= '0' && name[0] <= '9')
		snprintf(b, sizeof(buf[0]), "signal %d", sig);
	else
		snprintf(b, sizeof(buf[0]), "SIG%s", name);
	return b;
}

/* "exited with status 3", "died of SIGSEGV (status 139)" */
static void
describe_status(const struct program *p, char *buf, size_t len)
{
	if (WIFSIGNALED(p->wstatus))
		snprintf(buf, len, "died of %s (status %d)",
		    sig_name(WTERMSIG(p->wstatus)), p->status);
	else
		snprintf(buf, len, "exited with status %d", p->status);
}

static void
describe_end(const struct program *p, char *buf, size_t len)
{
	char st[96], grace[32], count[40];

	snprintf(count, sizeof(count), ", %ld processes", p->killed_count);
	describe_status(p, st, sizeof(st));
	switch (p->end) {
	case END_STOPPED:
		if (verdict_explained(p))
			snprintf(buf, len, "stopped by %s (status %d)",
			    sig_name(p->sent_signal), p->status);
		else
			snprintf(buf, len, "%s after %s", st,
			    sig_name(p->sent_signal));
		break;
	case END_KILLED:
		if (p->killed == KILL_ALL)
			snprintf(buf, len, "killed with SIGKILL (status %d)",
			    p->status);
		else
			snprintf(buf, len, "killed with SIGKILL after the %s "
			    "grace (status %d%s)", duration_format(
			    p->set->grace_ms, grace, sizeof(grace)), p->status,
			    p->killed_count > 1 ? count : "");
		break;
	case END_EXEC_FAILED:
		snprintf(buf, len, "could not be executed (status %d)",
		    p->status);
		break;
	case END_START_FAILED:
		snprintf(buf, len, "could not be started");
		break;
	case END_NOT_STARTED:
		snprintf(buf, len, "never started");
		break;
	default:
		snprintf(buf, len, "%s", st);
	}
}

/* What outlived a program's grace: "still running", or how many of its group. */
static const char *
processes(const struct program *p, char *buf, size_t len)
{
	if (p->killed_count <= 1 && p->state == PROGRAM_RUNNING)
		return "still running";
	snprintf(buf, len, "%ld process%s of its group still running",
	    p->killed_count, p->killed_count == 1 ? "" : "es");
	return buf;
}

/* "api was not ready after 5s (tcp://127.0.0.1:80: connect: Connection refused)" */
static void
describe_not_ready(const struct program *p, char *buf, size_t len)
{
	const struct probe *pr = p->probe;
	char d[32], why[512];

	duration_format(p->set->ready_timeout_ms, d, sizeof(d));
	if (p->set->oneshot || pr == NULL)
		snprintf(buf, len, "%s had not finished after %s", p->set->name,
		    d);
	else {
		probe_why_not(pr, why, sizeof(why));
		/* what does not fit buf is cut, as the reader's line would be */
		snprintf(buf, len, "%s was not ready after %s (%.*s)",
		    p->set->name, d, (int)strlen(why), why);
	}
}

static void
describe_trigger(const struct group *g, char *buf, size_t len)
{
	const struct trigger *t = &g->trigger;
	char st[96], d[32];

	switch (t->kind) {
	case TRIGGER_EXIT:
		describe_status(t->prog, st, sizeof(st));
		snprintf(buf, len, "%s %s", t->prog->set->name, st);
		break;
	case TRIGGER_EXEC:
	case TRIGGER_START:
		snprintf(buf, len, "%s could not be started", t->prog->set->name);
		break;
	case TRIGGER_HANGUP:
		snprintf(buf, len, "grpsup's terminal hung up");
		break;
	case TRIGGER_SIGNAL:
		snprintf(buf, len, "%s received", sig_name(t->sig));
		break;
	case TRIGGER_TIMEOUT:
		snprintf(buf, len, "the %s timeout passed",
		    duration_format(g->timeout_ms, d, sizeof(d)));
		break;
	case TRIGGER_EPIPE:
		snprintf(buf, len, "grpsup's output lost its reader");
		break;
	case TRIGGER_OUTPUT_ERROR:
		snprintf(buf, len, "grpsup cannot write to its %s (%s)", t->what,
		    strerror(t->err));
		break;
	case TRIGGER_READY_TIMEOUT:
		describe_not_ready(t->prog, buf, len);
		break;
	case TRIGGER_DONE:
		snprintf(buf, len, "every program has finished");
		break;
	default:
		snprintf(buf, len, "nothing");
	}
}

/*
 * A command of one word that reads as the argument of the command before
 * it (a number, an option): the caller most likely wrote grpsup sleep 1
 * for grpsup 'sleep 1'. That command, or NULL.
 */
static const char *
split_from(const struct group *g, const struct program *p)
{
	const char *c = p->set->command;

	if (p == g->progs || p->fail.step != SPAWN_EXEC ||
	    p->fail.err != ENOENT || c[strcspn(c, " \t\n")] != '\0' ||
	    (c[0] != '-' && strspn(c, "0123456789.") != strlen(c)))
		return NULL;
	return p[-1].set->command;
}

static void
say_start_failed(const struct group *g, const struct program *p)
{
	const char *what = p->fail.step == SPAWN_EXEC ? p->argv[0] : NULL;
	const char *before = split_from(g, p);

	if (before != NULL)
		say("%s: %s %s: %s: each COMMAND is one argument: did you mean "
		    "'%.60s %s', in quotes?", p->set->name,
		    spawn_step_name(p->fail.step), what, strerror(p->fail.err),
		    before, p->set->command);
	else if (what != NULL)
		say("%s: %s %s: %s", p->set->name, spawn_step_name(p->fail.step),
		    what, strerror(p->fail.err));
	else
		say("%s: %s: %s", p->set->name, spawn_step_name(p->fail.step),
		    strerror(p->fail.err));
}

static void
say_ready(const struct program *p)
{
	double after = p->ready_at - p->started;
	char how[512];

	if (p->set->oneshot)
		say("%s: ready (finished)", p->set->name);
	else if (p->probe == NULL)
		say("%s: ready (started)", p->set->name);
	else {
		probe_how_ready(p->probe, how, sizeof(how));
		say("%s: ready after %.3fs (%s)", p->set->name, after, how);
	}
}

/* grpsup's output was lost (a write error, no memory to keep it). */
static void
say_output_failed(const struct group_event *e)
{
	if (e->err == ENOMEM)
		say("output for its %s was lost: no memory to keep what its "
		    "reader had not taken yet", e->what);
	else
		say("cannot write to its %s: %s", e->what, strerror(e->err));
}

/* Said at every level, -q too: failures and losses. 1 when e was one. */
static int
say_failure(const struct group *g, const struct group_event *e)
{
	const struct program *p = e->prog;
	char d[32];

	switch (e->kind) {
	case GE_START_FAILED:
		say_start_failed(g, p);
		return 1;
	case GE_ERROR:
		say("%s: %s", e->what, strerror(e->err));
		return 1;
	case GE_OUTPUT_FAILED:
		say_output_failed(e);
		return 1;
	case GE_UNDELIVERED:
		say("%ld bytes of output could not be delivered: their reader "
		    "took nothing more within the %s grace", e->count,
		    duration_format(g->grace_ms, d, sizeof(d)));
		return 1;
	case GE_PAUSED:
		say("%s: stopped by %s%s", p->set->name, sig_name(e->sig),
		    e->sig == SIGTTIN || e->sig == SIGTTOU ? " (it wants the "
		    "terminal, which it does not lead)" : "");
		return 1;
	default:
		return 0;
	}
}

/* Leftovers that /proc cannot list: what grpsup does about them. */
static void
say_orphans_unlisted(const struct group *g, const struct group_event *e)
{
	char d[32];

	if (g->self == 1)
		say("leftover processes cannot be listed (/proc: %s): sending "
		    "%s to every process", strerror(e->err), sig_name(e->sig));
	else
		say("leftover processes remain, which cannot be listed (/proc: "
		    "%s): grpsup ends at the %s grace without them",
		    strerror(e->err), duration_format(g->grace_ms, d,
		    sizeof(d)));
}

/* Said unless -q: the stop and what it comes to. 1 when e was one. */
static int
say_stopping(const struct group *g, const struct group_event *e)
{
	const struct program *p = e->prog;
	char buf[256], d[32];

	switch (e->kind) {
	case GE_STOPPING:
		if (g->trigger.kind != TRIGGER_DONE) {	/* else nothing is left */
			describe_trigger(g, buf, sizeof(buf));
			say("%s: stopping the group", buf);
		}
		return 1;
	case GE_GRACE_EXPIRED:
		say("%s: %s after the %s grace: sending SIGKILL", p->set->name,
		    processes(p, buf, sizeof(buf)),
		    duration_format(p->set->grace_ms, d, sizeof(d)));
		return 1;
	case GE_KILL_ALL:
		say("received a second stop signal: sending SIGKILL to "
		    "everything");
		return 1;
	case GE_ORPHANS:
		say("%ld leftover process%s: sending %s", e->count,
		    e->count == 1 ? "" : "es", sig_name(e->sig));
		return 1;
	case GE_ORPHANS_UNLISTED:
		say_orphans_unlisted(g, e);
		return 1;
	case GE_ORPHANS_KILLED:
		say("%ld leftover process%s still running after the %s grace: "
		    "sending SIGKILL", e->count, e->count == 1 ? "" : "es",
		    duration_format(g->grace_ms, d, sizeof(d)));
		return 1;
	default:
		return 0;
	}
}

/* A program's STATUS= line: while stderr waits, the latest one is kept. */
static void
say_status(const struct program *p, const char *text)
{
	char buf[256];
	int n;

	n = snprintf(buf, sizeof(buf), "%s: status: %s", p->set->name, text);
	outmsg_status(route, &p->output, buf, n < 0 ? 0 :
	    (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
}

/* Said with -v: each program's steps. */
static void
say_step(const struct group_event *e)
{
	const struct program *p = e->prog;
	char buf[256];

	switch (e->kind) {
	case GE_STARTED:
		say("%s: started, pid %d", p->set->name, (int)p->pid);
		break;
	case GE_READY:
		say_ready(p);
		break;
	case GE_STATUS:
		say_status(p, e->what);
		break;
	case GE_SIGNALLED:
		say("%s: sending %s", p->set->name, sig_name(e->sig));
		break;
	case GE_STOP_WAITS:
		say("%s: waits for %s to end before its stop signal (%s "
		    "depends on it)", p->set->name, e->what, e->what);
		break;
	case GE_FORWARDED:
		if (p == NULL)
			say("forwarded %s to the programs", sig_name(e->sig));
		else
			say("%s: forwarded %s", p->set->name, sig_name(e->sig));
		break;
	case GE_NOT_FORWARDED:
		say("%s: not sent %s (%s)", p->set->name, sig_name(e->sig),
		    e->sig == SIGWINCH ? "not on grpsup's terminal" :
		    p->set->forward == FORWARD_CAUGHT ? "it does not catch it" :
		    "its forward setting");
		break;
	case GE_EXITED:
		describe_end(p, buf, sizeof(buf));
		say("%s: %s", p->set->name, buf);
		break;
	default:
		break;
	}
}

void
messages_event(const struct group *g, const struct group_event *e, void *arg)
{
	int level = *(const enum verbosity *)arg;

	if (say_failure(g, e) || level == QUIET)
		return;
	if (say_stopping(g, e) || level < VERBOSE)
		return;
	say_step(e);
}

/* "stop order: web and worker, then db": each wave, in order. */
static void
say_stop_order(const struct group *g)
{
	char buf[512];
	size_t i, n = 0, in_wave;
	int wave;

	n += (size_t)snprintf(buf, sizeof(buf), "  stop order:");
	for (wave = 1; wave <= g->stop_waves && n < sizeof(buf); wave++) {
		in_wave = 0;
		for (i = 0; i < g->nprogs && n < sizeof(buf); i++) {
			if (g->progs[i].stop_wave != wave)
				continue;
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s",
			    in_wave ? " and " : wave > 1 ? ", then " : " ",
			    g->progs[i].set->name);
			in_wave++;
		}
	}
	say("%s", buf);
}

void
messages_summary(const struct group *g, int status, int die_signal)
{
	char buf[256];
	size_t i;

	describe_trigger(g, buf, sizeof(buf));
	say("summary: stop trigger: %s", buf);
	for (i = 0; i < g->nprogs; i++) {
		const struct program *p = &g->progs[i];

		describe_end(p, buf, sizeof(buf));
		if (verdict_ended_unready(p))
			say("  %s: %s before it was ready, and others wait for "
			    "it: a failure (status %d); did it go to the "
			    "background? run it in the foreground", p->set->name,
			    buf, verdict_failure_status(p));
		else
			say("  %s: %s%s", p->set->name, buf, p->pid > 0 &&
			    p->fail.step == SPAWN_OK && p->probe != NULL &&
			    !p->is_ready ? ", never ready" : "");
	}
	if (g->exit_from >= 0 && g->progs[g->exit_from].end == END_NOT_STARTED)
		say("  exit-code-from: %s never ran",
		    g->settings[g->exit_from].name);
	if (g->stop_waves > 1)
		say_stop_order(g);
	if (die_signal != 0)
		say("exiting with status %d (%s)", status, sig_name(die_signal));
	else
		say("exiting with status %d", status);
}
