/*
 * One program of a group: what it is set to be, what it is doing, and the
 * actions that prepare, start, signal and record it. Nothing here decides
 * what the group does next: each action says what happened, and group.c
 * decides.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "command.h"
#include "container.h"
#include "descend.h"
#include "env.h"
#include "notify.h"
#include "process.h"
#include "procfs.h"
#include "program.h"

extern char **environ;

static int program_fed_by(const struct program *p, enum probe_feed feed);
static struct spawn_attr program_spawn_attr(const struct program *p,
    char **argv, int out, int err);
static int program_takes(const struct program *p, int sig);

static void
tell(struct program *p, enum program_event ev, const char *text)
{
	if (p->host->on_event != NULL)
		p->host->on_event(p, ev, text, p->host->event_arg);
}

static void
on_grace_expired(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct program *p = container_of(w, struct program, grace_timer);

	(void)loop;
	(void)revents;
	if (!program_alive(p))
		return;
	/* a program is its process group: the grace covers all of it */
	/* /proc unreadable: at least the process it knows of */
	if ((p->killed_count = descend_group_members(p->pid)) < 0)
		p->killed_count = 1;
	if (p->killed_count == 0 && p->state == PROGRAM_DRAINING) {
		p->state = PROGRAM_DONE;	/* it emptied unseen */
		return;
	}
	program_kill(p, KILL_AT_GRACE);
	tell(p, PROGRAM_GRACE_EXPIRED, NULL);
}

static void
on_ready_timeout(struct ev_loop *loop, ev_timer *w, int revents)
{
	(void)loop;
	(void)revents;
	tell(container_of(w, struct program, ready_timer),
	    PROGRAM_READY_TIMEOUT, NULL);
}

static void
on_probe_ready(void *arg)
{
	tell(arg, PROGRAM_READY, NULL);
}

static int
log_match(void *arg, const char *line, size_t len)
{
	struct program *p = arg;

	return probe_log_match(p->probe, line, len);
}

static void
on_notify(struct ev_loop *loop, ev_io *w, int revents)
{
	struct program *p = container_of(w, struct program, notify_w);
	struct notify_message m;
	char buf[4096], text[256];
	uid_t uid = p->set->id.has_user ? p->set->id.uid : geteuid();
	int n = 0;

	(void)loop;
	(void)revents;
	/* a bounded batch: a flood must not keep the loop from the rest */
	while (n++ < 64 && notify_receive(p->notify_fd, uid, buf, sizeof(buf),
	    &m) == 1) {
		if (m.status != NULL) {
			snprintf(text, sizeof(text), "%.*s", (int)m.status_len,
			    m.status);
			tell(p, PROGRAM_STATUS, text);
		}
		if (m.ready && p->state == PROGRAM_RUNNING)
			tell(p, PROGRAM_READY, NULL);
	}
}

void
program_init(struct program *p, struct program_settings *set,
    const struct program_host *host)
{
	memset(p, 0, sizeof(*p));
	p->set = set;
	p->host = host;
	p->notify_fd = -1;
	p->output.src[0].fd = p->output.src[1].fd = -1;
	ev_init(&p->grace_timer, on_grace_expired);
	ev_init(&p->ready_timer, on_ready_timeout);
	ev_init(&p->notify_w, on_notify);
}

/*
 * The environment: grpsup's without its own NOTIFY_SOCKET (that is for
 * grpsup alone), the user's, the group's, the program's, then the program's
 * own notify socket and its name.
 */
static int
program_env(struct program *p)
{
	/* meant for grpsup alone, as systemd's own tools unset them */
	char *unset[] = { (char *)"NOTIFY_SOCKET", (char *)"LISTEN_FDS",
	    (char *)"LISTEN_PID", (char *)"LISTEN_FDNAMES",
	    (char *)"WATCHDOG_USEC", (char *)"WATCHDOG_PID", NULL };
	char *notify[2] = { p->notify_env[0] ? p->notify_env : NULL, NULL };
	char *name[2] = { p->env_name, NULL };
	char *const *layers[6] = { unset, p->set->id.env.v, p->host->env->v,
	    p->set->env.v, notify, name };

	free(p->envp);
	p->envp = env_build(environ, layers, 6);
	return p->envp == NULL ? -1 : 0;
}

/* What envp takes of execve's room: its strings and its pointers. */
static size_t
env_bytes(char *const *envp)
{
	size_t n = 0;

	for (; *envp != NULL; envp++)
		n += strlen(*envp) + 1 + sizeof(*envp);
	return n;
}

static int
prepare_failed(const struct program *p, const char *key, const char *why,
    char *buf, size_t len)
{
	snprintf(buf, len, "%s: %s: %s", p->set->name, key, why);
	errno = EINVAL;
	return -1;
}

int
program_prepare(struct program *p, char *buf, size_t len)
{
	struct program_settings *s = p->set;
	char why[256];

	free(p->argv);
	free(p->env_name);
	p->env_name = NULL;
	if (command_check(s->command, why, sizeof(why)) == -1)
		return prepare_failed(p, "command", why, buf, len);
	if ((p->argv = command_argv(s->command, &p->how)) == NULL)
		return -1;
	if (asprintf(&p->env_name, "GRPSUP_NAME=%s", s->name) == -1) {
		p->env_name = NULL;
		return -1;
	}
	probe_free(p->probe);
	p->probe = NULL;
	if (s->ready != NULL && (p->probe = probe_new(s->ready, s->directory,
	    why, sizeof(why))) == NULL)
		return prepare_failed(p, "ready", why, buf, len);
	if ((s->ready_interval_ms > 0 || s->ready_try_ms > 0) &&
	    !program_fed_by(p, PROBE_FEED_TRIES))
		return prepare_failed(p, s->ready_interval_ms > 0 ?
		    "ready-interval" : "ready-try-timeout", "only a probe that "
		    "tries has it (tcp, http, unix, file or exec)", buf, len);
	if (p->probe != NULL)
		probe_limit(p->probe, s->ready_interval_ms, s->ready_try_ms);
	if (settings_oneshot_probe(s))
		return prepare_failed(p, "ready", "a oneshot is ready when it "
		    "exits 0, with no probe", buf, len);
	if (program_fed_by(p, PROBE_FEED_LINES) && s->output != OUTPUT_LABEL)
		return prepare_failed(p, "ready", "a log: probe reads the "
		    "program's lines, which only label output has (not --raw, "
		    "output = raw or null)", buf, len);
	if (s->ready_timeout_ms < 0)
		s->ready_timeout_ms = p->probe != NULL ?
		    READY_TIMEOUT_DEFAULT_MS : 0;
	if (program_env(p) == -1)
		return -1;
	if (env_bytes(p->envp) > env_arg_max())
		return prepare_failed(p, "environment", "larger than the "
		    "system's ARG_MAX, which execve refuses", buf, len);
	return 0;
}

int
program_open_notify(struct program *p)
{
	if (!program_fed_by(p, PROBE_FEED_NOTIFY) || p->notify_fd >= 0)
		return 0;
	p->notify_fd = notify_listen(p->notify_env, sizeof(p->notify_env));
	if (p->notify_fd == -1)
		return -1;
	ev_io_set(&p->notify_w, p->notify_fd, EV_READ);
	return program_env(p);
}

/* Whether p has a probe, and that probe is fed by feed. */
static int
program_fed_by(const struct program *p, enum probe_feed feed)
{
	return p->probe != NULL && probe_feed(p->probe) == feed;
}

/*
 * How p, or a command of its exec probe (argv), starts: with its
 * environment, directory and user, stdin from /dev/null, stdout and stderr
 * out and err (-1: grpsup's).
 */
static struct spawn_attr
program_spawn_attr(const struct program *p, char **argv, int out, int err)
{
	struct spawn_attr a = { .argv = argv, .envp = p->envp,
	    .fd_in = p->host->devnull, .fd_out = out, .fd_err = err,
	    .directory = p->set->directory, .id = &p->set->id,
	    .nofile = p->host->nofile, .reset = p->host->changed,
	    .tty_fd = -1 };

	return a;
}

enum program_started
program_start(struct program *p)
{
	struct spawn_attr a = program_spawn_attr(p, p->argv, -1, -1);
	int fds[2];

	a.tty_fd = p->host->tty_fd >= 0 && p->set->output == OUTPUT_RAW ?
	    p->host->tty_fd : -1;
	/* the program that leads the terminal reads it: a REPL, sh -i, psql */
	if (a.tty_fd >= 0)
		a.fd_in = a.tty_fd;
	p->started = ev_time();
	if (output_child_fds(&p->output, fds) == -1) {
		p->fail.step = SPAWN_PIPE;
		p->fail.err = errno;
		p->pid = -1;
	} else {
		a.fd_out = fds[0];
		a.fd_err = fds[1];
		p->pid = spawn_start(&a, &p->fail);
		output_attach(&p->output, fds, p->pid != -1);
	}
	if (p->pid == -1) {
		p->pid = 0;
		p->state = PROGRAM_DONE;
		p->end = END_START_FAILED;
		return START_FAILED;
	}
	p->state = PROGRAM_RUNNING;
	if (p->fail.step == SPAWN_OK)
		return STARTED;
	return p->fail.step == SPAWN_EXEC ? STARTED_EXEC_FAILED :
	    STARTED_SETUP_FAILED;
}

int
program_await_ready(struct program *p)
{
	struct ev_loop *loop = p->host->loop;
	struct spawn_attr a = program_spawn_attr(p, NULL,
	    p->host->out->devnull_w, p->host->out->devnull_w);

	if (p->set->ready_timeout_ms > 0) {
		ev_now_update(loop);	/* deadlines count from now */
		ev_timer_set(&p->ready_timer, (double)p->set->ready_timeout_ms /
		    1000.0, 0.);
		ev_timer_start(loop, &p->ready_timer);
	}
	if (p->set->oneshot)
		return 0;	/* ready when it exits 0 */
	if (p->probe == NULL)
		return 1;
	probe_start(p->probe, loop, p->host->resolver, &a, on_probe_ready, p);
	if (program_fed_by(p, PROBE_FEED_NOTIFY))
		ev_io_start(loop, &p->notify_w);
	if (program_fed_by(p, PROBE_FEED_LINES)) {
		p->log_watch = (struct output_watch){ log_match, on_probe_ready,
		    p };
		p->output.watch = &p->log_watch;
	}
	return 0;
}

int
program_mark_ready(struct program *p)
{
	if (p->is_ready)
		return 0;
	p->is_ready = 1;
	p->ready_at = ev_time();
	ev_timer_stop(p->host->loop, &p->ready_timer);
	probe_stop(p->probe);
	p->output.watch = NULL;
	return 1;
}

/* It stops or continues a process rather than asking it anything. */
static int
job_control_signal(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN ||
	    sig == SIGTTOU || sig == SIGCONT;
}

int
program_signal(struct program *p, int sig)
{
	int r = 0;

	if (kill(-p->pid, sig) == -1 && errno != ESRCH)
		r = -1;
	if (!job_control_signal(sig) && sig != SIGKILL)
		(void)kill(-p->pid, SIGCONT);
	p->sent_signal = sig;
	if (sig != SIGKILL) {
		ev_now_update(p->host->loop);	/* deadlines count from now */
		ev_timer_set(&p->grace_timer, (double)p->set->grace_ms / 1000.0,
		    0.);
		ev_timer_start(p->host->loop, &p->grace_timer);
	}
	return r;
}

/*
 * Whether a signal grpsup passes on goes to p, as its forward setting says:
 * by default, when its main process catches sig, so that a program that
 * would die of it by default is never sent it.
 */
static int
program_takes(const struct program *p, int sig)
{
	sigset_t caught;

	switch (p->set->forward) {
	case FORWARD_ALL:
		return 1;
	case FORWARD_NONE:
		return 0;
	case FORWARD_LISTED:
		return sigismember(&p->set->forward_list, sig) == 1;
	default:
		sigemptyset(&caught);
		return procfs_signals(p->pid, &caught, NULL) == 0 &&
		    sigismember(&caught, sig) == 1;
	}
}

int
program_forward(struct program *p, int sig, int on_tty)
{
	int to = sig == SIGWINCH ? on_tty && p->set->output == OUTPUT_RAW :
	    program_takes(p, sig);

	/*
	 * The main process only: it is the one that was asked whether it takes
	 * sig, and a gunicorn master's HUP is a reload, its workers' a death.
	 * A resize goes where the terminal would send it, the whole group.
	 */
	if (to)
		(void)kill(sig == SIGWINCH ? -p->pid : p->pid, sig);
	return to;
}

int
program_leads_terminal(const struct program *p)
{
	return p->host->tty_fd >= 0 && p->set->output == OUTPUT_RAW &&
	    p->pid > 0 && tcgetpgrp(p->host->tty_fd) == p->pid;
}

void
program_kill(struct program *p, enum program_kill why)
{
	(void)kill(-p->pid, SIGKILL);
	p->killed = why;
	ev_timer_stop(p->host->loop, &p->grace_timer);
	if (p->state != PROGRAM_DRAINING)
		return;
	/* its main process had ended; the rest of its group needed SIGKILL */
	p->state = PROGRAM_DONE;
	p->wstatus = SIGKILL;
	p->status = 128 + SIGKILL;
	p->end = END_KILLED;
}

int
program_alive(const struct program *p)
{
	return p->state == PROGRAM_RUNNING || p->state == PROGRAM_DRAINING;
}

int
program_drained(struct program *p)
{
	if (p->state != PROGRAM_DRAINING || process_group_alive(p->pid))
		return 0;
	p->state = PROGRAM_DONE;
	ev_timer_stop(p->host->loop, &p->grace_timer);
	return 1;
}

void
program_unwatch(struct program *p)
{
	struct ev_loop *loop = p->host->loop;

	ev_timer_stop(loop, &p->ready_timer);
	probe_stop(p->probe);
	p->output.watch = NULL;
	if (p->notify_fd >= 0)
		ev_io_stop(loop, &p->notify_w);
}

static int
shell_status(int wstatus)
{
	if (WIFSIGNALED(wstatus))
		return 128 + WTERMSIG(wstatus);
	return WEXITSTATUS(wstatus);
}

static enum program_end
program_end_of(const struct program *p)
{
	if (p->fail.step == SPAWN_EXEC)
		return END_EXEC_FAILED;
	if (p->fail.step != SPAWN_OK)
		return END_START_FAILED;
	/* SIGKILL that came after it died of something else is not its end */
	if (p->killed && WIFSIGNALED(p->wstatus) &&
	    WTERMSIG(p->wstatus) == SIGKILL)
		return END_KILLED;
	if (p->sent_signal != 0)
		return END_STOPPED;
	return END_EXITED;
}

void
program_ended(struct program *p, int wstatus, int stopping)
{
	output_drain(&p->output);	/* its last lines before grpsup's words */
	program_unwatch(p);
	p->wstatus = wstatus;
	p->status = shell_status(wstatus);
	p->ended = ev_time();
	p->stopping_exit = stopping;
	p->end = program_end_of(p);
	/* the grace goes on while others of its process group remain */
	p->state = PROGRAM_DRAINING;
	if (p->fail.step != SPAWN_OK || !process_group_alive(p->pid)) {
		p->state = PROGRAM_DONE;
		ev_timer_stop(p->host->loop, &p->grace_timer);
	}
}

int
program_succeeded_task(const struct program *p)
{
	return p->set->oneshot && p->status == 0 && p->fail.step == SPAWN_OK;
}

void
program_free(struct program *p)
{
	probe_free(p->probe);
	if (p->notify_fd >= 0)
		close(p->notify_fd);
	free(p->deps);
	free(p->argv);
	free(p->envp);
	free(p->env_name);
	memset(p, 0, sizeof(*p));
	p->notify_fd = -1;
}
