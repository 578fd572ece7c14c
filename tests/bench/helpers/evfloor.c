/*
 * evfloor: the least a libev supervisor can be: run PROGRAM ARGS..., watch
 * it with one child watcher, pass SIGTERM on with one signal watcher, exit
 * when it ends. Linked with libev as grpsup is. The memory benchmark shows
 * its private memory beside grpsup's: what the project's event loop costs
 * before any of grpsup's own code.
 */
#include <ev.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

static pid_t child;

static void
on_child(struct ev_loop *loop, ev_child *w, int revents)
{
	(void)w;
	(void)revents;
	ev_break(loop, EVBREAK_ALL);
}

static void
on_term(struct ev_loop *loop, ev_signal *w, int revents)
{
	(void)loop;
	(void)w;
	(void)revents;
	kill(child, SIGTERM);
}

int
main(int argc, char **argv)
{
	struct ev_loop *loop = ev_default_loop(0);
	ev_child cw;
	ev_signal sw;

	if (argc < 2 || loop == NULL)
		return 125;
	if ((child = fork()) == 0) {
		execvp(argv[1], argv + 1);
		_exit(127);
	}
	ev_child_init(&cw, on_child, child, 0);
	ev_child_start(loop, &cw);
	ev_signal_init(&sw, on_term, SIGTERM);
	ev_signal_start(loop, &sw);
	ev_run(loop, 0);
	return 0;
}
