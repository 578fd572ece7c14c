/*
 * --check: the group resolved and checked as a run would (every program
 * found, every setting valid, every shell command readable by sh -n),
 * printed a few lines per program on stdout.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../lib/command.h"
#include "../lib/duration.h"
#include "../lib/nametable.h"
#include "../lib/signame.h"
#include "check.h"
#include "cli.h"
#include "messages.h"

/* The i-th of the group's and then the program's variables. */
static const char *
env_at(const struct program *p, size_t i)
{
	const struct strv *g = p->host->env;

	return i < g->n ? g->v[i] : p->set->env.v[i - g->n];
}

/* Each variable's name once, where its last (winning) value stands. */
static void
print_env_names(const struct program *p)
{
	struct name_table last = { 0 };
	size_t n = p->host->env->n + p->set->env.n, i, k;

	if (n == 0)
		return;
	for (i = 0; i < n; i++)
		if (nametable_put(&last, env_at(p, i), strcspn(env_at(p, i),
		    "="), i) == -1)
			cli_no_memory();
	printf("  env (names only):");
	for (i = 0; i < n; i++) {
		k = strcspn(env_at(p, i), "=");
		if (nametable_find(&last, env_at(p, i), k) == i)
			printf(" %.*s", (int)k, env_at(p, i));
	}
	printf("\n");
	nametable_free(&last);
}

/* A word as a shell would read it back: quoted when it is not plain. */
static void
print_word(const char *w)
{
	const char *c;

	if (*w != '\0' && strspn(w, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop"
	    "qrstuvwxyz0123456789_-./:,+@%=") == strlen(w)) {
		printf(" %s", w);
		return;
	}
	printf(" '");
	for (c = w; *c != '\0'; c++)
		if (*c == '\'')
			printf("'\\''");
		else
			putchar(*c);
	printf("'");
}

/* How the program runs: its words, or the shell and what it runs. */
static void
print_run(const struct program *p)
{
	size_t j;

	switch (p->how) {
	case RUN_DIRECT:
		printf("  run: direct:");
		for (j = 0; p->argv[j] != NULL; j++)
			print_word(p->argv[j]);
		printf("\n");
		break;
	case RUN_SHELL_EXEC:
		printf("  run: via %s -c, which execs it:", COMMAND_SHELL);
		print_word(p->argv[2]);
		printf("\n");
		break;
	default:
		printf("  run: via %s -c\n", COMMAND_SHELL);
	}
}

/* The probe, its timeout, and the limits of its tries where set. */
static void
print_ready(const struct program_settings *p)
{
	char d[32];

	printf("  ready: %s, timeout %s", p->ready,
	    duration_format(p->ready_timeout_ms, d, sizeof(d)));
	if (p->ready_interval_ms > 0)
		printf(", interval %s", duration_format(p->ready_interval_ms, d,
		    sizeof(d)));
	if (p->ready_try_ms > 0)
		printf(", try timeout %s", duration_format(p->ready_try_ms, d,
		    sizeof(d)));
	printf("\n");
}

static void
print_program(const struct program *prog)
{
	static const char *const modes[] = { "label", "raw", "null" };
	const struct program_settings *p = prog->set;
	char d[32], num[16];
	size_t j;

	printf("%s: %s\n", p->name, p->command);
	print_run(prog);
	printf("  stop: SIG%s, grace %s\n", signame_of(p->stop_signal, num,
	    sizeof(num)), duration_format(p->grace_ms, d, sizeof(d)));
	if (p->directory != NULL)
		printf("  directory: %s\n", p->directory);
	if (p->id.change || p->id.has_user) {
		char who[256];

		printf("  run as: %s\n", identity_describe(&p->id, who,
		    sizeof(who)));
	}
	print_env_names(prog);
	if (p->after.n > 0) {
		printf("  after:");
		for (j = 0; j < p->after.n; j++)
			printf(" %s", p->after.v[j]);
		printf("\n");
	}
	if (p->ready != NULL)
		print_ready(p);
	if (p->oneshot && p->ready_timeout_ms > 0)
		printf("  oneshot, timeout %s\n", duration_format(
		    p->ready_timeout_ms, d, sizeof(d)));
	else if (p->oneshot)
		printf("  oneshot\n");
	if (p->output != OUTPUT_LABEL)
		printf("  output: %s\n", modes[p->output]);
}

/*
 * --check fails on what a run would fail on at once: a program not found or
 * not executable, a command that needs a shell where there is none.
 */
/*
 * Whether the shell can read cmd (sh -n: read, nothing run); 0, or -1 with
 * what the shell said in msg (its last line, without "sh: 1: ").
 */
static int
shell_reads(const char *cmd, char *msg, size_t len)
{
	int fds[2], status;
	ssize_t n = 0, r;
	pid_t pid;
	char *nl;

	msg[0] = '\0';
	if (pipe(fds) == -1 || (pid = fork()) == -1)
		return 0;	/* cannot ask: the run will tell */
	if (pid == 0) {
		dup2(fds[1], STDERR_FILENO);
		dup2(fds[1], STDOUT_FILENO);
		close(fds[0]);
		execl(COMMAND_SHELL, "sh", "-n", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	while (n + 1 < (ssize_t)len && (r = read(fds[0], msg + n,
	    len - 1 - (size_t)n)) > 0)
		n += r;
	close(fds[0]);
	msg[n > 0 ? n : 0] = '\0';
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		;
	if ((nl = strrchr(msg, '\n')) != NULL && nl[1] == '\0')
		*nl = '\0';
	if (strncmp(msg, "sh: 1: ", 7) == 0)
		memmove(msg, msg + 7, strlen(msg + 7) + 1);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

int
check_runnable(const struct group *g)
{
	char msg[256];
	size_t i;

	for (i = 0; i < g->nprogs; i++) {
		const struct program *p = &g->progs[i];
		const char *file = p->how == RUN_DIRECT ? p->argv[0] :
		    COMMAND_SHELL;

		if (spawn_findable(file, p->envp, p->set->directory) == 0) {
			if (p->how == RUN_DIRECT || shell_reads(p->set->command,
			    msg, sizeof(msg)) == 0)
				continue;
			say("%s: command: the shell cannot read it: %s",
			    p->set->name, msg);
			return -1;
		}
		if (p->how == RUN_DIRECT)
			say("%s: exec %s: %s", p->set->name, file,
			    strerror(errno));
		else
			say("%s: %s: %s (the command needs a shell)",
			    p->set->name, file, strerror(errno));
		return -1;
	}
	return 0;
}

/* --check: the resolved group, a few lines per program, on stdout. */
void
check_print(const struct group *g)
{
	char d[32];
	size_t i;

	for (i = 0; i < g->nprogs; i++)
		print_program(&g->progs[i]);
	if (g->timeout_ms > 0)
		printf("timeout: %s\n", duration_format(g->timeout_ms, d,
		    sizeof(d)));
	if (g->exit_from >= 0)
		printf("exit-code-from: %s\n", g->settings[g->exit_from].name);
}
