/*
 * The exec:COMMAND probe: ready once the command exits 0. Each attempt runs
 * in a process group of its own, ended with the attempt, so that what the
 * command leaves in the background does not pile up.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "command.h"
#include "probeexec.h"

static int
setup(struct probe *pr, const char *directory, char *why, size_t len)
{
	enum command_kind how;

	(void)directory;	/* the program's, through exec_attr */
	if ((pr->argv = command_argv(pr->spec.command, &how)) != NULL)
		return 0;
	snprintf(why, len, "%s", strerror(errno));
	return -1;
}

static void
attempt(struct probe *pr)
{
	struct spawn_attr a = pr->exec_attr;
	struct spawn_error fail;
	pid_t pid;

	a.argv = pr->argv;
	if ((pid = spawn_start(&a, &fail)) == -1) {
		probetry_retry_errno(pr, spawn_step_name(fail.step), errno);
		return;
	}
	pr->pid = pid;
	if (fail.step != SPAWN_OK)	/* judged when it is reaped */
		snprintf(pr->last_error, sizeof(pr->last_error), "%s %s: %s",
		    spawn_step_name(fail.step), pr->argv[0], strerror(fail.err));
	else
		pr->last_error[0] = '\0';
	probetry_deadline(pr, PROBE_EXEC_ATTEMPT_MS);
}

static void
expired(struct probe *pr)
{
	probetry_retry(pr, "the command timed out");
}

/* The attempt's command was reaped: exit 0 is ready, else retry. */
static int
reaped(struct probe *pr, pid_t pid, int wstatus)
{
	char why[sizeof(pr->last_error)];

	if (pid <= 0 || pr->pid != pid)
		return 0;
	/* what the try left in its process group ends with it */
	(void)kill(-pid, SIGKILL);
	pr->pid = 0;
	if (!pr->running)
		return 1;
	if (WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0) {
		probetry_succeed(pr);
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
	probetry_retry(pr, why);
	return 1;
}

static void
release(struct probe *pr)
{
	free(pr->argv);
	pr->argv = NULL;
}

const struct probe_ops probeexec_ops = {
	.feed = PROBE_FEED_TRIES, .setup = setup, .attempt = attempt,
	.expired = expired, .reaped = reaped, .release = release,
};
