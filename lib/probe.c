#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "command.h"
#include "container.h"
#include "probe.h"
#include "text.h"

/*
 * The GET of an http probe: HTTP/1.1, as a browser sends it, and
 * "Connection: close", so that the server closes once it has answered.
 */
static int
build_request(struct probe *pr)
{
	const char *h = pr->spec.host;
	int v6 = strchr(h, ':') != NULL;
	int n = asprintf(&pr->request, "GET %s HTTP/1.1\r\nHost: %s%s%s:%s\r\n"
	    "User-Agent: grpsup\r\nAccept: */*\r\nConnection: close\r\n\r\n",
	    pr->spec.path, v6 ? "[" : "", h, v6 ? "]" : "", pr->spec.port);

	if (n == -1) {
		pr->request = NULL;
		return -1;
	}
	pr->request_len = (size_t)n;
	return 0;
}

/* Fill pr, zeroed, from text; -1 with why on failure. */
static int
probe_setup(struct probe *pr, char *text, const char *directory, char *why,
    size_t len)
{
	enum command_kind how;

	pr->fd = -1;
	pr->text = text;
	if (probe_parse(text, &pr->spec, why, len) == -1)
		return -1;
	switch (pr->spec.kind) {
	case PROBE_TCP:
		return 0;
	case PROBE_HTTP:
		if (build_request(pr) == -1)
			break;
		return 0;
	case PROBE_FILE:
	case PROBE_UNIX:
		if (pr->spec.path[0] == '/' || directory == NULL)
			pr->file = strdup(pr->spec.path);
		else if (asprintf(&pr->file, "%s/%s", directory,
		    pr->spec.path) == -1)
			pr->file = NULL;
		if (pr->file == NULL)
			break;
		if (pr->spec.kind == PROBE_UNIX &&
		    strlen(pr->file) >= (size_t)UNIX_PATH_LEN) {
			snprintf(why, len, "unix:%.64s...: the socket's path in "
			    "its directory is longer than %d bytes",
			    pr->spec.path, UNIX_PATH_LEN - 1);
			return -1;
		}
		return 0;
	case PROBE_EXEC:
		if ((pr->argv = command_argv(pr->spec.command, &how)) == NULL)
			break;
		return 0;
	case PROBE_LOG:
		if ((pr->regex = line_match_new(pr->spec.pattern, why,
		    len)) == NULL)
			return -1;
		return 0;
	default:
		return 0;
	}
	snprintf(why, len, "%s", strerror(errno));
	return -1;
}

struct probe *
probe_new(char *text, const char *directory, char *why, size_t len)
{
	struct probe *pr = calloc(1, sizeof(*pr));

	if (pr == NULL) {
		snprintf(why, len, "%s", strerror(errno));
		return NULL;
	}
	if (probe_setup(pr, text, directory, why, len) == -1) {
		probe_free(pr);
		return NULL;
	}
	return pr;
}

static void attempt(struct probe *pr);

static void
close_socket(struct probe *pr)
{
	if (pr->fd < 0)
		return;
	ev_io_stop(pr->loop, &pr->io);
	close(pr->fd);
	pr->fd = -1;
}

/* An exec attempt that is still running is abandoned: its group is killed. */
static void
end_attempt(struct probe *pr)
{
	resolver_cancel(pr->query);
	pr->query = NULL;
	close_socket(pr);
	ev_timer_stop(pr->loop, &pr->timer);
	if (pr->pid > 0)
		(void)kill(-pr->pid, SIGKILL);
	pr->pid = 0;
}

static void
succeed(struct probe *pr)
{
	end_attempt(pr);
	pr->running = 0;
	pr->on_ready(pr->arg);
}

/* The attempt failed for why: pause, a little longer each time, and retry. */
static void
retry(struct probe *pr, const char *why)
{
	end_attempt(pr);
	snprintf(pr->last_error, sizeof(pr->last_error), "%s", why);
	pr->waiting = 1;
	ev_timer_set(&pr->timer, pr->delay_ms / 1000.0, 0.);
	ev_timer_start(pr->loop, &pr->timer);
	if (pr->delay_ms < PROBE_RETRY_MAX_MS)
		pr->delay_ms = pr->delay_ms * 2 < PROBE_RETRY_MAX_MS ?
		    pr->delay_ms * 2 : PROBE_RETRY_MAX_MS;
}

static void
retry_errno(struct probe *pr, const char *what, int err)
{
	char why[sizeof(pr->last_error)];

	snprintf(why, sizeof(why), "%s: %s", what, strerror(err));
	retry(pr, why);
}

static void
retry_resolve(struct probe *pr, const char *error)
{
	char why[sizeof(pr->last_error)];

	snprintf(why, sizeof(why), "cannot resolve '%.64s': %s", pr->spec.host,
	    error);
	retry(pr, why);
}

static void
deadline(struct probe *pr, int ms)
{
	pr->waiting = 0;
	ev_timer_set(&pr->timer, ms / 1000.0, 0.);
	ev_timer_start(pr->loop, &pr->timer);
}

static void
on_timer(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct probe *pr = container_of(w, struct probe, timer);

	(void)loop;
	(void)revents;
	if (pr->waiting)
		attempt(pr);
	else if (pr->query != NULL)
		retry_resolve(pr, "the name servers did not answer in time");
	else
		retry(pr, pr->spec.kind == PROBE_EXEC ? "the command timed out" :
		    "no answer in time");
}

/* The whole reply is read before the socket closes: no reset. */
static void
http_read(struct probe *pr)
{
	char buf[4096], why[64];
	ssize_t n = read(pr->fd, buf, sizeof(buf));
	int r;

	if (n == -1 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n == -1) {
		retry_errno(pr, "read", errno);
		return;
	}
	r = n == 0 ? http_reply_eof(&pr->reply) :
	    http_reply_feed(&pr->reply, buf, (size_t)n);
	if (r == -1) {
		retry(pr, pr->reply.error);
	} else if (r == 1 && pr->reply.status >= 200 &&
	    pr->reply.status < 400) {
		succeed(pr);
	} else if (r == 1) {
		snprintf(why, sizeof(why), "HTTP status %d", pr->reply.status);
		retry(pr, why);
	}
}

static void
http_write(struct probe *pr)
{
	ssize_t n = write(pr->fd, pr->request + pr->sent,
	    pr->request_len - pr->sent);

	if (n == -1 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n == -1) {
		retry_errno(pr, "write", errno);
		return;
	}
	if ((pr->sent += (size_t)n) < pr->request_len)
		return;
	ev_io_stop(pr->loop, &pr->io);
	ev_io_set(&pr->io, pr->fd, EV_READ);
	ev_io_start(pr->loop, &pr->io);
}

static void
on_io(struct ev_loop *loop, ev_io *w, int revents)
{
	struct probe *pr = container_of(w, struct probe, io);
	socklen_t len = sizeof(int);
	int err = 0;

	(void)loop;
	if (revents & EV_READ) {
		http_read(pr);
		return;
	}
	if (pr->sent == 0) {	/* the connection is made or refused */
		if (getsockopt(pr->fd, SOL_SOCKET, SO_ERROR, &err, &len) == -1)
			err = errno;
		if (err != 0) {
			retry_errno(pr, "connect", err);
			return;
		}
		if (pr->spec.kind != PROBE_HTTP) {	/* tcp, unix */
			succeed(pr);
			return;
		}
	}
	http_write(pr);
}

static void
connect_to(struct probe *pr, const struct sockaddr *sa, socklen_t len)
{
	pr->fd = socket(sa->sa_family, SOCK_STREAM | SOCK_NONBLOCK |
	    SOCK_CLOEXEC, 0);
	if (pr->fd == -1) {
		retry_errno(pr, "socket", errno);
		return;
	}
	pr->sent = 0;
	http_reply_init(&pr->reply);
	if (connect(pr->fd, sa, len) == -1 && errno != EINPROGRESS) {
		retry_errno(pr, "connect", errno);
		return;
	}
	/* writable once connected (or refused), even when already done */
	ev_io_set(&pr->io, pr->fd, EV_WRITE);
	ev_io_start(pr->loop, &pr->io);
}

/* The host's addresses, now: attempts go round them. */
static void
on_resolved(void *arg, const struct resolver_result *res)
{
	struct probe *pr = arg;
	size_t i;

	pr->query = NULL;
	if (res->error != NULL) {
		retry_resolve(pr, res->error);
		return;
	}
	i = (pr->attempts - 1) % res->naddrs;
	connect_to(pr, (const struct sockaddr *)&res->addr[i],
	    res->addrlen[i]);
}

/* One deadline for the look-up, the connection and the reply. */
static void
attempt_connect(struct probe *pr)
{
	struct resolver_query *q;

	deadline(pr, PROBE_NET_ATTEMPT_MS);
	q = resolver_lookup(pr->resolver, pr->loop, pr->spec.host,
	    pr->spec.port, on_resolved, pr);
	if (q != NULL)	/* NULL: on_resolved was called already */
		pr->query = q;
}

/* A stale socket file refuses the connection: only a listener is ready. */
static void
attempt_unix(struct probe *pr)
{
	struct sockaddr_un sa;

	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	memcpy(sa.sun_path, pr->file, strlen(pr->file) + 1);
	deadline(pr, PROBE_NET_ATTEMPT_MS);
	connect_to(pr, (const struct sockaddr *)&sa, sizeof(sa));
}

static void
attempt_exec(struct probe *pr)
{
	struct spawn_attr a = pr->exec_attr;
	struct spawn_error fail;
	pid_t pid;

	a.argv = pr->argv;
	if ((pid = spawn_start(&a, &fail)) == -1) {
		retry_errno(pr, spawn_step_name(fail.step), errno);
		return;
	}
	pr->pid = pid;
	if (fail.step != SPAWN_OK)	/* judged when it is reaped */
		snprintf(pr->last_error, sizeof(pr->last_error), "%s %s: %s",
		    spawn_step_name(fail.step), pr->argv[0], strerror(fail.err));
	else
		pr->last_error[0] = '\0';
	deadline(pr, PROBE_EXEC_ATTEMPT_MS);
}

static void
attempt(struct probe *pr)
{
	struct stat st;

	pr->attempts++;
	switch (pr->spec.kind) {
	case PROBE_TCP:
	case PROBE_HTTP:
		attempt_connect(pr);
		return;
	case PROBE_UNIX:
		attempt_unix(pr);
		return;
	case PROBE_FILE:
		if (stat(pr->file, &st) == 0)
			succeed(pr);
		else
			retry_errno(pr, pr->file, errno);
		return;
	case PROBE_EXEC:
		attempt_exec(pr);
		return;
	default:
		return;
	}
}

void
probe_start(struct probe *pr, struct ev_loop *loop,
    struct resolver *resolver, const struct spawn_attr *exec_attr,
    probe_ready_fn *on_ready, void *arg)
{
	pr->loop = loop;
	pr->resolver = resolver;
	pr->exec_attr = *exec_attr;
	pr->on_ready = on_ready;
	pr->arg = arg;
	pr->delay_ms = PROBE_RETRY_FIRST_MS;
	ev_init(&pr->io, on_io);
	ev_init(&pr->timer, on_timer);
	if (pr->spec.kind == PROBE_NOTIFY || pr->spec.kind == PROBE_NONE ||
	    pr->spec.kind == PROBE_LOG)
		return;
	pr->running = 1;
	attempt(pr);
}

void
probe_stop(struct probe *pr)
{
	if (pr == NULL || pr->loop == NULL)
		return;
	end_attempt(pr);
	pr->running = 0;
}

int
probe_reaped(struct probe *pr, pid_t pid, int wstatus)
{
	char why[sizeof(pr->last_error)];

	if (pr == NULL || pid <= 0 || pr->pid != pid)
		return 0;
	/* what the try left in its process group ends with it */
	(void)kill(-pid, SIGKILL);
	pr->pid = 0;
	if (!pr->running)
		return 1;
	if (WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0) {
		succeed(pr);
		return 1;
	}
	if (pr->last_error[0] != '\0')
		snprintf(why, sizeof(why), "%s", pr->last_error);
	else if (WIFSIGNALED(wstatus))
		snprintf(why, sizeof(why), "the command was killed by signal "
		    "%d", WTERMSIG(wstatus));
	else
		snprintf(why, sizeof(why), "the command exited with status %d",
		    WEXITSTATUS(wstatus));
	retry(pr, why);
	return 1;
}

int
probe_log_match(struct probe *pr, const char *line, size_t len)
{
	int r;

	if (pr == NULL || pr->regex == NULL)
		return 0;
	if (len > 0 && line[len - 1] == '\n')
		len--;
	pr->attempts++;		/* the lines looked at, for -v */
	if ((r = line_match(pr->regex, line, len)) == -1)
		snprintf(pr->last_error, sizeof(pr->last_error), "line %u was "
		    "too costly to match (over %d steps a byte), counted as not "
		    "matching", pr->attempts, LINE_MATCH_STEPS_PER_BYTE);
	return r == 1;
}

void
probe_free(struct probe *pr)
{
	if (pr == NULL)
		return;
	probe_stop(pr);
	line_match_free(pr->regex);
	free(pr->file);
	free(pr->argv);
	free(pr->request);
	free(pr);
}
