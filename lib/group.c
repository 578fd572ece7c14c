#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "command.h"
#include "container.h"
#include "descend.h"
#include "env.h"
#include "group.h"
#include "notify.h"
#include "order.h"

extern char **environ;


/*
 * Received by grpsup: the first three stop the group, the next are passed on,
 * and the last two are job control, passed on in every state.
 */
static const int stop_signals[] = { SIGINT, SIGTERM, SIGQUIT };
static const int forward_signals[] = { SIGHUP, SIGUSR1, SIGUSR2, SIGWINCH };
static const int job_signals[] = { SIGTSTP, SIGCONT };

static void group_stop(struct group *g, enum trigger_kind kind,
    struct program *p, int sig);
static void group_check_done(struct group *g);
static void group_start_waiting(struct group *g);

static void
emit(struct group *g, enum group_event_kind kind, const struct program *p,
    int sig, long count, int err)
{
	struct group_event e = { kind, p, sig, count, err, NULL };

	if (g->on_event != NULL)
		g->on_event(g, &e, g->event_arg);
}

/* An event that comes with text: an error's what, a STATUS= line. */
static void
emit_text(struct group *g, enum group_event_kind kind,
    const struct program *p, int err, const char *what)
{
	struct group_event e = { kind, p, 0, 0, err, what };

	if (g->on_event != NULL)
		g->on_event(g, &e, g->event_arg);
}

static void
emit_error(struct group *g, const char *what, int err)
{
	emit_text(g, GE_ERROR, NULL, err, what);
}

int
group_init(struct group *g, size_t nprogs)
{
	size_t i;

	memset(g, 0, sizeof(*g));
	g->progs = calloc(nprogs ? nprogs : 1, sizeof(*g->progs));
	g->exits = calloc(nprogs ? nprogs : 1, sizeof(*g->exits));
	if (g->progs == NULL || g->exits == NULL) {
		free(g->progs);
		free(g->exits);
		return -1;
	}
	g->nprogs = nprogs;
	g->stop_signal = SIGTERM;
	g->grace_ms = 10000;
	g->exit_from = -1;
	g->devnull = -1;
	g->manager_fd = -1;
	for (i = 0; i < nprogs; i++) {
		g->progs[i].notify_fd = -1;
		g->progs[i].ready_timeout_ms = -1;
	}
	return 0;
}

/*
 * The environment: grpsup's without its own NOTIFY_SOCKET (that is for
 * grpsup alone), the user's, the group's, the program's, then the program's
 * own notify socket and its name.
 */
static int
program_env(struct program *p)
{
	char *unset[2] = { (char *)"NOTIFY_SOCKET", NULL };
	char *notify[2] = { p->notify_env[0] ? p->notify_env : NULL, NULL };
	char *name[2] = { p->env_name, NULL };
	char *const *layers[6] = { unset, p->id.env.v, p->group->env.v,
	    p->env.v, notify, name };

	free(p->envp);
	p->envp = env_build(environ, layers, 6);
	return p->envp == NULL ? -1 : 0;
}

static int
prepare_failed(struct program *p, const char *key, const char *why)
{
	snprintf(p->group->error, sizeof(p->group->error), "%s: %s: %s",
	    p->name, key, why);
	errno = EINVAL;
	return -1;
}

static int
program_prepare(struct program *p)
{
	char why[256];

	free(p->argv);
	free(p->env_name);
	p->env_name = NULL;
	if ((p->argv = command_argv(p->command)) == NULL)
		return -1;
	if (asprintf(&p->env_name, "GRPSUP_NAME=%s", p->name) == -1) {
		p->env_name = NULL;
		return -1;
	}
	probe_free(p->probe);
	p->probe = NULL;
	if (p->ready != NULL && (p->probe = probe_new(p->ready, p->directory,
	    why, sizeof(why))) == NULL)
		return prepare_failed(p, "ready", why);
	if (p->oneshot && p->probe != NULL)
		return prepare_failed(p, "ready", "a oneshot is ready when it "
		    "exits 0, with no probe");
	if (p->ready_timeout_ms < 0)
		p->ready_timeout_ms = p->probe != NULL ?
		    READY_TIMEOUT_DEFAULT_MS : 0;
	return program_env(p);
}

/* Every name in an after list is a program's, and no wait is circular. */
static int
group_prepare_order(struct group *g)
{
	char **names = calloc(g->nprogs + 1, sizeof(*names));
	const struct strv **after = calloc(g->nprogs + 1, sizeof(*after));
	char why[256];
	size_t i, j, bad;
	int r = -1;

	if (names == NULL || after == NULL)
		goto out;
	for (i = 0; i < g->nprogs; i++) {
		names[i] = g->progs[i].name;
		after[i] = &g->progs[i].after;
	}
	if (order_check(names, after, g->nprogs, &bad, why, sizeof(why)) ==
	    -1) {
		snprintf(g->error, sizeof(g->error), "%s: %s",
		    g->progs[bad].name, why);
		errno = EINVAL;
		goto out;
	}
	for (i = 0; i < g->nprogs; i++) {
		struct program *p = &g->progs[i];

		free(p->deps);
		if ((p->deps = calloc(p->after.n + 1, sizeof(*p->deps))) ==
		    NULL)
			goto out;
		for (j = 0; j < p->after.n; j++)
			p->deps[j] = order_find(names, g->nprogs,
			    p->after.v[j]);
	}
	r = 0;
out:
	free(names);
	free(after);
	return r;
}

int
group_prepare(struct group *g)
{
	size_t i;

	g->error[0] = '\0';
	for (i = 0; i < g->nprogs; i++) {
		g->progs[i].group = g;
		g->progs[i].output.src[0].fd = g->progs[i].output.src[1].fd = -1;
		if (program_prepare(&g->progs[i]) == -1)
			return -1;
	}
	return group_prepare_order(g);
}

void
group_free(struct group *g)
{
	size_t i;

	if (g->out.ready)
		output_close(g);
	if (g->devnull >= 0)
		close(g->devnull);
	if (g->manager_fd >= 0)
		close(g->manager_fd);
	for (i = 0; i < g->nprogs; i++) {
		probe_free(g->progs[i].probe);
		if (g->progs[i].notify_fd >= 0)
			close(g->progs[i].notify_fd);
		free(g->progs[i].deps);
		free(g->progs[i].argv);
		free(g->progs[i].envp);
		free(g->progs[i].env_name);
		free(g->progs[i].name);
		free(g->progs[i].command);
		free(g->progs[i].directory);
		free(g->progs[i].ready);
		strv_free(&g->progs[i].env);
		strv_free(&g->progs[i].after);
		identity_free(&g->progs[i].id);
	}
	free(g->progs);
	free(g->exits);
	strv_free(&g->env);
	memset(g, 0, sizeof(*g));
}

static int
shell_status(int wstatus)
{
	if (WIFSIGNALED(wstatus))
		return 128 + WTERMSIG(wstatus);
	return WEXITSTATUS(wstatus);
}

/* It stops or continues a process rather than asking it anything. */
static int
job_control_signal(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN ||
	    sig == SIGTTOU || sig == SIGCONT;
}

/* Send sig to p's whole process group and give it its grace period. */
static void
program_signal(struct program *p, int sig)
{
	struct group *g = p->group;

	if (kill(-p->pid, sig) == -1 && errno != ESRCH)
		emit_error(g, "kill", errno);
	/* a stopped program (Ctrl-Z, SIGSTOP) acts on sig only once continued */
	if (!job_control_signal(sig) && sig != SIGKILL)
		(void)kill(-p->pid, SIGCONT);
	p->sent_signal = sig;
	emit(g, GE_SIGNALLED, p, sig, 0, 0);
	if (sig != SIGKILL) {
		ev_timer_set(&p->grace_timer, (double)p->grace_ms / 1000.0, 0.);
		ev_timer_start(g->loop, &p->grace_timer);
	}
}

static void
program_kill(struct program *p)
{
	(void)kill(-p->pid, SIGKILL);
	p->killed = 1;
	ev_timer_stop(p->group->loop, &p->grace_timer);
}

static void
on_grace_expired(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct program *p = container_of(w, struct program, grace_timer);

	(void)loop;
	(void)revents;
	if (p->state != PROGRAM_RUNNING)
		return;
	program_kill(p);
	emit(p->group, GE_GRACE_EXPIRED, p, SIGKILL, 0, 0);
}

/*
 * grpsup's own manager (systemd Type=notify) hears of the group. A manager
 * that is not there is said once, then left alone.
 */
static void
tell_manager(struct group *g, const char *msg)
{
	if (g->manager_fd < 0 || notify_send(g->manager_fd, &g->manager,
	    g->manager_len, msg) == 0)
		return;
	emit_error(g, "NOTIFY_SOCKET", errno);
	close(g->manager_fd);
	g->manager_fd = -1;
}

static void
tell_manager_if_all_ready(struct group *g)
{
	size_t i;

	if (g->manager_fd < 0 || g->told_ready || g->state != GROUP_RUNNING)
		return;
	for (i = 0; i < g->nprogs; i++)
		if (!g->progs[i].is_ready)
			return;
	g->told_ready = 1;
	tell_manager(g, "READY=1\nSTATUS=every program is ready");
}

/* Its dependents may start now; so may grpsup's manager hear of it. */
static void
program_ready(struct program *p)
{
	struct group *g = p->group;

	if (p->is_ready)
		return;
	p->is_ready = 1;
	p->ready_at = ev_time();
	ev_timer_stop(g->loop, &p->ready_timer);
	probe_stop(p->probe);
	emit(g, GE_READY, p, 0, 0, 0);
	group_start_waiting(g);
	tell_manager_if_all_ready(g);
}

/* How p becomes ready; PROBE_NONE when it has no probe. */
static enum probe_kind
program_probe_kind(const struct program *p)
{
	return p->probe != NULL ? p->probe->spec.kind : PROBE_NONE;
}

static void
on_probe_ready(void *arg)
{
	program_ready(arg);
}

static void
on_ready_timeout(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct program *p = container_of(w, struct program, ready_timer);

	(void)loop;
	(void)revents;
	group_stop(p->group, TRIGGER_READY_TIMEOUT, p, 0);
}

/* STATUS= as a C string; what shows it makes it one line (group_message). */
static void
emit_status(struct program *p, const char *s, size_t len)
{
	char text[256];

	snprintf(text, sizeof(text), "%.*s", (int)len, s);
	emit_text(p->group, GE_STATUS, p, 0, text);
}

static void
on_notify(struct ev_loop *loop, ev_io *w, int revents)
{
	struct program *p = container_of(w, struct program, notify_w);
	struct notify_message m;
	char buf[4096];
	uid_t uid = p->id.has_user ? p->id.uid : geteuid();
	int r, n = 0;

	(void)loop;
	(void)revents;
	/* a bounded batch: a flood must not keep the loop from the rest */
	while (n++ < 64 && (r = notify_receive(p->notify_fd, uid, buf,
	    sizeof(buf), &m)) == 1) {
		if (m.status != NULL)
			emit_status(p, m.status, m.status_len);
		if (m.ready && p->state == PROGRAM_RUNNING)
			program_ready(p);
	}
}

/* How p, or its exec probe, is started: its settings, grpsup's stdin. */
static struct spawn_attr
program_spawn_attr(struct program *p, char **argv, int out, int err)
{
	struct group *g = p->group;
	struct spawn_attr a = { argv, p->envp, g->devnull, out, err,
	    p->directory, &p->id, g->nofile_raised ? &g->nofile : NULL,
	    &g->changed };

	return a;
}

/* Once it runs: a probe, a notify socket, or ready at once. */
static void
program_await_ready(struct program *p)
{
	struct group *g = p->group;
	struct spawn_attr a = program_spawn_attr(p, NULL, g->out.devnull_w,
	    g->out.devnull_w);

	if (p->ready_timeout_ms > 0) {
		ev_timer_set(&p->ready_timer, (double)p->ready_timeout_ms /
		    1000.0, 0.);
		ev_timer_start(g->loop, &p->ready_timer);
	}
	if (p->oneshot)
		return;		/* ready when it exits 0 */
	switch (program_probe_kind(p)) {
	case PROBE_NONE:
		program_ready(p);
		return;
	case PROBE_NOTIFY:
		ev_io_start(g->loop, &p->notify_w);
		return;
	default:
		probe_start(p->probe, g->loop, &a, on_probe_ready, p);
	}
}

static int
deps_ready(const struct program *p)
{
	size_t i;

	for (i = 0; i < p->after.n; i++)
		if (!p->group->progs[p->deps[i]].is_ready)
			return 0;
	return 1;
}

static void program_start(struct program *p);

/*
 * Start, in the group's order, every program that waits for nothing that is
 * not ready. A start may make more programs ready (no probe) and come back
 * here: that only asks for one more pass.
 */
static void
group_start_waiting(struct group *g)
{
	size_t i;

	if (g->starting) {
		g->rescan = 1;
		return;
	}
	g->starting = 1;
	do {
		g->rescan = 0;
		for (i = 0; i < g->nprogs && g->state == GROUP_RUNNING; i++)
			if (g->progs[i].state == PROGRAM_PENDING &&
			    deps_ready(&g->progs[i]))
				program_start(&g->progs[i]);
	} while (g->rescan && g->state == GROUP_RUNNING);
	g->starting = 0;
}

/* Nothing runs and nothing waits (oneshots all done): the group is over. */
static void
group_finish_if_idle(struct group *g)
{
	size_t i;

	if (g->state != GROUP_RUNNING)
		return;
	for (i = 0; i < g->nprogs; i++)
		if (g->progs[i].state != PROGRAM_DONE)
			return;
	group_stop(g, TRIGGER_DONE, NULL, 0);
}

static void
program_start(struct program *p)
{
	struct group *g = p->group;
	struct spawn_attr a = program_spawn_attr(p, p->argv, -1, -1);
	int fds[2], step = SPAWN_FORK;

	p->started = ev_time();
	if (output_child_fds(p, fds) == -1) {
		step = SPAWN_PIPE;
		p->pid = -1;
	} else {
		a.fd_out = fds[0];
		a.fd_err = fds[1];
		p->pid = spawn_start(&a, &p->fail);
		output_attach(p, fds, p->pid != -1);
	}
	if (p->pid == -1) {
		p->pid = 0;
		p->fail.step = step;
		p->fail.err = errno;
		p->state = PROGRAM_DONE;
		p->end = END_START_FAILED;
		g->start_failed = 1;
		emit(g, GE_START_FAILED, p, 0, 0, p->fail.err);
		group_stop(g, TRIGGER_START, p, 0);
		return;
	}
	p->state = PROGRAM_RUNNING;
	if (p->fail.step == SPAWN_OK) {
		emit(g, GE_STARTED, p, 0, 0, 0);
		program_await_ready(p);
		return;
	}
	/* the child exits by itself; its exit is recorded when it is reaped */
	emit(g, GE_START_FAILED, p, 0, 0, p->fail.err);
	if (p->fail.step != SPAWN_EXEC)
		g->start_failed = 1;
	group_stop(g, p->fail.step == SPAWN_EXEC ? TRIGGER_EXEC : TRIGGER_START,
	    p, 0);
}

/* Its probe and timers end with it (or with the group's stop). */
static void
program_unwatch(struct program *p)
{
	struct ev_loop *loop = p->group->loop;

	ev_timer_stop(loop, &p->ready_timer);
	probe_stop(p->probe);
	if (p->notify_fd >= 0)
		ev_io_stop(loop, &p->notify_w);
}

static enum program_end
program_end_of(const struct program *p)
{
	if (p->fail.step == SPAWN_EXEC)
		return END_EXEC_FAILED;
	if (p->fail.step != SPAWN_OK)
		return END_START_FAILED;
	if (p->killed)
		return END_KILLED;
	if (p->sent_signal != 0)
		return END_STOPPED;
	return END_EXITED;
}

static void
program_ended(struct program *p, int wstatus)
{
	struct group *g = p->group;

	output_drain(p);	/* its last lines before grpsup's words */
	ev_timer_stop(g->loop, &p->grace_timer);
	program_unwatch(p);
	p->state = PROGRAM_DONE;
	p->wstatus = wstatus;
	p->status = shell_status(wstatus);
	p->ended = ev_time();
	p->stopping_exit = g->state != GROUP_RUNNING;
	p->end = program_end_of(p);
	g->exits[g->nexits++] = p;
	emit(g, GE_EXITED, p, 0, 0, 0);
	if (g->state != GROUP_RUNNING)
		return;
	if (p->oneshot && p->status == 0 && p->fail.step == SPAWN_OK) {
		program_ready(p);
		group_finish_if_idle(g);
	} else {
		group_stop(g, TRIGGER_EXIT, p, 0);
	}
}

static struct program *
group_find(struct group *g, pid_t pid)
{
	size_t i;

	for (i = 0; i < g->nprogs; i++)
		if (g->progs[i].pid == pid &&
		    g->progs[i].state == PROGRAM_RUNNING)
			return &g->progs[i];
	return NULL;
}

/* libev reaps every child, adopted orphans too: one watcher for all pids. */
static void
on_child(struct ev_loop *loop, ev_child *w, int revents)
{
	struct group *g = container_of(w, struct group, child_w);
	struct program *p = group_find(g, w->rpid);
	size_t i;

	(void)loop;
	(void)revents;

	if (p != NULL)
		program_ended(p, w->rstatus);
	else
		for (i = 0; i < g->nprogs; i++)
			if (probe_reaped(g->progs[i].probe, w->rpid,
			    w->rstatus))
				break;
	group_check_done(g);
}

/*
 * What a program is asked to stop with: SIGINT and SIGQUIT received by
 * grpsup go on as they are (Ctrl-C in a shell), any other trigger gets the
 * program's own stop signal, def.
 */
static int
stop_signal_for(const struct group *g, int def)
{
	if (g->trigger.kind == TRIGGER_SIGNAL && g->trigger.sig != SIGTERM)
		return g->trigger.sig;
	return def;
}

/*
 * The group moves from RUNNING to STOPPING once, on its first trigger: every
 * running program is asked to stop, the pending ones never start.
 */
static void
group_stop(struct group *g, enum trigger_kind kind, struct program *p, int sig)
{
	size_t i;

	if (g->state != GROUP_RUNNING)
		return;
	g->state = GROUP_STOPPING;
	g->trigger.kind = kind;
	g->trigger.prog = p;
	g->trigger.sig = sig;
	ev_timer_stop(g->loop, &g->timeout_w);
	tell_manager(g, "STOPPING=1");
	emit(g, GE_STOPPING, p, sig, 0, 0);
	for (i = 0; i < g->nprogs; i++) {
		struct program *q = &g->progs[i];

		program_unwatch(q);
		if (q->state == PROGRAM_PENDING) {
			q->state = PROGRAM_DONE;
			q->end = END_NOT_STARTED;
		} else if (q->state == PROGRAM_RUNNING &&
		    q->fail.step == SPAWN_OK) {
			program_signal(q, stop_signal_for(g, q->stop_signal));
		}
	}
}

static void
group_kill_all(struct group *g)
{
	size_t i;
	long n;

	g->killed_all = 1;
	for (i = 0; i < g->nprogs; i++)
		if (g->progs[i].state == PROGRAM_RUNNING)
			program_kill(&g->progs[i]);
	n = descendants_signal(g->self, SIGKILL, NULL, 0);
	emit(g, GE_KILL_ALL, NULL, SIGKILL, n, 0);
}

static void
on_stop_signal(struct ev_loop *loop, ev_signal *w, int revents)
{
	struct group *g = w->data;

	(void)loop;
	(void)revents;
	if (g->state == GROUP_RUNNING)
		group_stop(g, TRIGGER_SIGNAL, NULL, w->signum);
	else if (g->state == GROUP_STOPPING)
		group_kill_all(g);
}

/* Pass sig on to every running program's process group. */
static void
forward(struct group *g, int sig)
{
	size_t i;

	for (i = 0; i < g->nprogs; i++)
		if (g->progs[i].state == PROGRAM_RUNNING)
			(void)kill(-g->progs[i].pid, sig);
	emit(g, GE_FORWARDED, NULL, sig, 0, 0);
}

static void
on_forward_signal(struct ev_loop *loop, ev_signal *w, int revents)
{
	struct group *g = w->data;

	(void)loop;
	(void)revents;
	if (g->state == GROUP_RUNNING)
		forward(g, w->signum);
}

/*
 * Ctrl-Z stops the terminal's foreground process group: grpsup's, which the
 * programs, each in a group of its own, are not in. So grpsup passes SIGTSTP
 * on and then stops itself, as SIGTSTP's default action would have; the
 * SIGCONT of fg or bg goes on to the programs the same way. As PID 1 the
 * kernel ignores the SIGSTOP (init is not stopped from inside its
 * namespace): there SIGTSTP is only passed on.
 */
static void
on_job_signal(struct ev_loop *loop, ev_signal *w, int revents)
{
	struct group *g = w->data;

	(void)loop;
	(void)revents;
	forward(g, w->signum);
	if (w->signum == SIGTSTP)
		(void)raise(SIGSTOP);
}

static void
on_timeout(struct ev_loop *loop, ev_timer *w, int revents)
{
	(void)loop;
	(void)revents;
	group_stop(container_of(w, struct group, timeout_w), TRIGGER_TIMEOUT,
	    NULL, 0);
}

static void
on_orphan_deadline(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct group *g = container_of(w, struct group, orphan_w);
	long n;

	(void)loop;
	(void)revents;
	n = descendants_signal(g->self, SIGKILL, NULL, 0);
	if (n == -1)
		emit_error(g, "read /proc", errno);
	else if (n > 0)
		emit(g, GE_ORPHANS_KILLED, NULL, SIGKILL, n, 0);
}

void
group_output_changed(struct group *g)
{
	group_check_done(g);
}

void
group_output_broken(struct group *g)
{
	if (g->epipe)
		return;
	g->epipe = 1;
	g->epipe_at = g->nexits;
	group_stop(g, TRIGGER_EPIPE, NULL, 0);
}

void
group_output_error(struct group *g, const char *what, int err)
{
	emit_error(g, what, err);
}

void
group_message(struct group *g, const char *text, size_t len)
{
	char line[1024];
	size_t i;
	int n;

	/* what a user typed or a file held must not move a terminal's cursor */
	if (len > sizeof(line) - 16)
		len = sizeof(line) - 16;
	n = snprintf(line, sizeof(line), "grpsup: ");
	for (i = 0; i < len; i++)
		line[n + (int)i] = ((unsigned char)text[i] < 0x20 &&
		    text[i] != '\t') || text[i] == 0x7f ? '?' : text[i];
	if (g != NULL && g->out.ready) {
		output_message(g, line + n, len);
		return;
	}
	n += (int)len;
	line[n++] = '\n';
	while (write(STDERR_FILENO, line, (size_t)n) == -1 && errno == EINTR)
		;
}

/* Whether grpsup still has a child, running or not yet reaped. */
static int
has_children(void)
{
	siginfo_t si;

	memset(&si, 0, sizeof(si));
	return waitid(P_ALL, 0, &si, WEXITED | WNOHANG | WNOWAIT) == 0 ||
	    errno != ECHILD;
}

/*
 * The programs are down but descendants remain: those that escaped the
 * programs' process groups never got the stop signal, so send it now, and
 * SIGKILL whatever is left when the group grace has passed.
 */
static void
group_stop_orphans(struct group *g)
{
	int sig = stop_signal_for(g, g->stop_signal);
	size_t i, n = 0;
	pid_t *skip;
	long count;

	g->orphan_phase = 1;
	/* without the list, some would only get a second stop signal */
	if ((skip = calloc(g->nprogs, sizeof(*skip))) != NULL)
		for (i = 0; i < g->nprogs; i++)
			if (g->progs[i].sent_signal != 0)
				skip[n++] = g->progs[i].pid;
	count = descendants_signal(g->self, sig, skip, n);
	free(skip);
	if (count == -1)
		emit_error(g, "read /proc", errno);
	else if (count > 0)
		emit(g, GE_ORPHANS, NULL, sig, count, 0);
	ev_timer_set(&g->orphan_w, (double)g->grace_ms / 1000.0, 0.);
	ev_timer_start(g->loop, &g->orphan_w);
}

static void
group_check_done(struct group *g)
{
	size_t i;

	if (g->state != GROUP_STOPPING)
		return;
	for (i = 0; i < g->nprogs; i++)
		if (g->progs[i].state == PROGRAM_RUNNING)
			return;
	if (has_children()) {
		if (!g->orphan_phase)
			group_stop_orphans(g);
		return;
	}
	if (!output_idle(g))
		return;
	g->state = GROUP_DONE;
	ev_break(g->loop, EVBREAK_ALL);
}

static void
watch_signals(struct group *g)
{
	size_t i, n = 0;

	for (i = 0; i < sizeof(stop_signals) / sizeof(int); i++, n++)
		ev_signal_init(&g->signal_w[n], on_stop_signal, stop_signals[i]);
	for (i = 0; i < sizeof(forward_signals) / sizeof(int); i++, n++)
		ev_signal_init(&g->signal_w[n], on_forward_signal,
		    forward_signals[i]);
	for (i = 0; i < sizeof(job_signals) / sizeof(int); i++, n++)
		ev_signal_init(&g->signal_w[n], on_job_signal, job_signals[i]);
	for (i = 0; i < n; i++) {
		g->signal_w[i].data = g;
		ev_signal_start(g->loop, &g->signal_w[i]);
	}
}

static void
unwatch_all(struct group *g)
{
	size_t i;

	for (i = 0; i < sizeof(g->signal_w) / sizeof(g->signal_w[0]); i++)
		ev_signal_stop(g->loop, &g->signal_w[i]);
	ev_child_stop(g->loop, &g->child_w);
	ev_timer_stop(g->loop, &g->timeout_w);
	ev_timer_stop(g->loop, &g->orphan_w);
	for (i = 0; i < g->nprogs; i++) {
		ev_timer_stop(g->loop, &g->progs[i].grace_timer);
		program_unwatch(&g->progs[i]);
	}
}

/*
 * Each program holds two pipes to grpsup: a thousand programs need more
 * descriptors than the usual soft limit of 1024. grpsup takes what the hard
 * limit allows, and its children get the limit grpsup was given back.
 */
static void
raise_nofile(struct group *g)
{
	struct rlimit more;

	if (getrlimit(RLIMIT_NOFILE, &g->nofile) == -1 ||
	    g->nofile.rlim_cur >= g->nofile.rlim_max)
		return;
	more = g->nofile;
	more.rlim_cur = more.rlim_max;
	g->nofile_raised = setrlimit(RLIMIT_NOFILE, &more) == 0;
}

/*
 * Process-wide set-up that the supervision depends on: a signal blocked
 * when its libev watcher starts is never delivered (libev 4.33), so the
 * inherited mask is cleared first; a write to a closed reader must return
 * EPIPE rather than kill grpsup; orphans must come to grpsup, not to init.
 */
static int
group_setup_process(struct group *g)
{
	sigset_t none;

	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal(SIGPIPE, SIG_IGN);
	g->self = getpid();
	raise_nofile(g);
#ifdef __linux__
	if (g->self != 1)
		(void)prctl(PR_SET_CHILD_SUBREAPER, 1);
#endif
	g->devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (g->devnull == -1)
		return -1;
	g->manager_fd = notify_open(&g->manager, &g->manager_len);
	if (g->manager_fd == -1 && errno != 0)
		emit_error(g, "NOTIFY_SOCKET", errno);
	g->loop = ev_default_loop(EVFLAG_NOENV);
	if (g->loop == NULL) {
		errno = ENOMEM;
		return -1;
	}
	return output_setup(g);
}

/*
 * A socket for each program whose probe is notify, named in its environment:
 * only for a run (group_prepare alone, for --check, opens none).
 */
static int
group_open_notify(struct group *g)
{
	size_t i;

	for (i = 0; i < g->nprogs; i++) {
		struct program *p = &g->progs[i];

		if (program_probe_kind(p) != PROBE_NOTIFY || p->notify_fd >= 0)
			continue;
		p->notify_fd = notify_listen(p->notify_env,
		    sizeof(p->notify_env));
		if (p->notify_fd == -1 || program_env(p) == -1)
			return -1;
	}
	return 0;
}

int
group_run(struct group *g)
{
	size_t i;

	if (group_prepare(g) == -1 || group_open_notify(g) == -1 ||
	    group_setup_process(g) == -1)
		return -1;
	ev_child_init(&g->child_w, on_child, 0, 0);
	ev_child_start(g->loop, &g->child_w);
	watch_signals(g);
	spawn_changed_signals(&g->changed);	/* every handler is in place */
	ev_init(&g->timeout_w, on_timeout);
	ev_init(&g->orphan_w, on_orphan_deadline);
	for (i = 0; i < g->nprogs; i++) {
		ev_init(&g->progs[i].grace_timer, on_grace_expired);
		ev_init(&g->progs[i].ready_timer, on_ready_timeout);
		ev_io_init(&g->progs[i].notify_w, on_notify,
		    g->progs[i].notify_fd, EV_READ);
	}
	if (g->timeout_ms > 0) {
		ev_timer_set(&g->timeout_w, (double)g->timeout_ms / 1000.0, 0.);
		ev_timer_start(g->loop, &g->timeout_w);
	}
	g->state = GROUP_RUNNING;
	group_start_waiting(g);
	group_check_done(g);	/* nothing may have started at all */
	if (g->state != GROUP_DONE)
		ev_run(g->loop, 0);
	unwatch_all(g);
	return 0;
}
