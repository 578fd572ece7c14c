/*
 * grpsup: run a group of programs; when one exits, stop the others and exit
 * with the status of the first failure. This file turns the command line
 * into a group, runs it, and turns the outcome into messages and a status.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../lib/command.h"
#include "../lib/duration.h"
#include "../lib/group.h"
#include "../lib/signame.h"
#include "../lib/verdict.h"
#include "messages.h"
#include "options.h"

#ifndef GRPSUP_VERSION
#define GRPSUP_VERSION "0.1.0"
#endif

_Noreturn static void
usage_error(const char *msg)
{
	say("%s", msg);
	fputs("Try 'grpsup --help' for more information.\n", stderr);
	exit(STATUS_CANNOT_START);
}

/* A closed 0, 1 or 2 would be reused by the first pipe or file we open. */
static void
sanitize_stdio(void)
{
	int fd;

	for (fd = 0; fd < 3; fd++)
		if (fcntl(fd, F_GETFD) == -1 &&
		    open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY) != fd)
			exit(STATUS_CANNOT_START);
}

static int
name_taken(const struct group *g, size_t upto, const char *name)
{
	size_t i;

	for (i = 0; i < upto; i++)
		if (strcmp(g->progs[i].name, name) == 0)
			return 1;
	return 0;
}

/* Next name from a -n LIST, or NULL at its end; *list advances. */
static char *
next_listed_name(const char **list)
{
	size_t len = strcspn(*list, ",");
	char *name = strndup(*list, len);

	*list += len + ((*list)[len] == ',');
	return name;
}

static char *
derived_name(const struct group *g, size_t upto, const char *command)
{
	char base[NAME_MAX_LEN + 1], name[NAME_MAX_LEN + 16];
	int n;

	command_name(command, base, sizeof(base));
	snprintf(name, sizeof(name), "%s", base);
	for (n = 2; name_taken(g, upto, name); n++)
		snprintf(name, sizeof(name), "%s-%d", base, n);
	return strdup(name);
}

static void
name_programs(struct group *g, const struct options *o)
{
	const char *list = o->names;
	char msg[256];
	size_t i;

	for (i = 0; i < g->nprogs; i++) {
		struct program *p = &g->progs[i];

		if (list == NULL) {
			p->name = derived_name(g, i, p->command);
			continue;
		}
		if (*list == '\0')
			break;
		p->name = next_listed_name(&list);
		if (!name_is_valid(p->name) || name_taken(g, i, p->name)) {
			snprintf(msg, sizeof(msg), "--names: %s name '%.64s' "
			    "(names are unique, of A-Z a-z 0-9 _ . -)",
			    name_is_valid(p->name) ? "duplicate" : "invalid",
			    p->name);
			usage_error(msg);
		}
	}
	if (list != NULL && (i < g->nprogs || *list != '\0')) {
		snprintf(msg, sizeof(msg), "--names: %s names for %zu commands",
		    i < g->nprogs ? "too few" : "too many", g->nprogs);
		usage_error(msg);
	}
}

static int
find_program(const struct group *g, const char *name)
{
	size_t i;

	for (i = 0; i < g->nprogs; i++)
		if (strcmp(g->progs[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* --color auto: on a terminal, unless NO_COLOR is set to anything. */
static int
use_color(int when, int fd)
{
	const char *no = getenv("NO_COLOR");

	if (when != COLOR_AUTO)
		return when == COLOR_ALWAYS;
	return isatty(fd) && (no == NULL || *no == '\0');
}

static void
build_group(struct group *g, const struct options *o)
{
	char msg[256];
	size_t i;

	if (o->ncommands == 0)
		usage_error("no command given");
	if (group_init(g, o->ncommands) == -1) {
		say("%s", strerror(errno));
		exit(STATUS_CANNOT_START);
	}
	g->stop_signal = o->stop_signal;
	g->grace_ms = o->grace_ms;
	g->timeout_ms = o->timeout_ms;
	for (i = 0; i < g->nprogs; i++) {
		if (strspn(o->commands[i], " \t\n") == strlen(o->commands[i])) {
			snprintf(msg, sizeof(msg), "command %zu is empty", i + 1);
			usage_error(msg);
		}
		g->progs[i].command = strdup(o->commands[i]);
		g->progs[i].stop_signal = o->stop_signal;
		g->progs[i].grace_ms = o->grace_ms;
		g->progs[i].output.mode = o->raw ? OUTPUT_RAW : OUTPUT_LABEL;
	}
	name_programs(g, o);
	g->out.timestamps = o->timestamps;
	g->out.color[0] = use_color(o->color, STDOUT_FILENO);
	g->out.color[1] = use_color(o->color, STDERR_FILENO);
	if (o->exit_code_from != NULL &&
	    (g->exit_from = find_program(g, o->exit_code_from)) == -1) {
		snprintf(msg, sizeof(msg), "--exit-code-from: no program "
		    "named '%.64s'", o->exit_code_from);
		usage_error(msg);
	}
}

/* --check: the resolved group, one program a line, on stdout. */
static void
print_group(const struct group *g)
{
	char d[32], num[16];
	size_t i, j;

	for (i = 0; i < g->nprogs; i++) {
		const struct program *p = &g->progs[i];

		printf("%s: %s\n", p->name, p->command);
		if (command_is_plain(p->command)) {
			printf("  run: direct:");
			for (j = 0; p->argv[j] != NULL; j++)
				printf(" %s", p->argv[j]);
			printf("\n");
		} else {
			printf("  run: via %s -c\n", COMMAND_SHELL);
		}
		printf("  stop: SIG%s, grace %s\n",
		    signal_name(p->stop_signal, num, sizeof(num)),
		    duration_format(p->grace_ms, d, sizeof(d)));
	}
	if (g->timeout_ms > 0)
		printf("timeout: %s\n", duration_format(g->timeout_ms, d,
		    sizeof(d)));
	if (g->exit_from >= 0)
		printf("exit-code-from: %s\n", g->progs[g->exit_from].name);
}

/* Die of sig as a shell expects; as PID 1 that is impossible: exit 128+sig. */
_Noreturn static void
die_of(int sig, int status)
{
	sigset_t set;

	fflush(NULL);
	signal(sig, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(sig);
	exit(status);
}

int
main(int argc, char **argv)
{
	enum verbosity level;
	struct options o;
	struct group g;
	char err[256];
	int status, die_signal;

	sanitize_stdio();
	if (options_parse(argc, argv, &o, err, sizeof(err)) == -1)
		usage_error(err);
	if (o.help) {
		fputs(options_help, stdout);
		return 0;
	}
	if (o.version) {
		puts("grpsup " GRPSUP_VERSION);
		return 0;
	}
	level = o.quiet ? QUIET : o.verbose ? VERBOSE : NORMAL;
	build_group(&g, &o);
	g.on_event = messages_event;
	g.event_arg = &level;
	messages_route(&g);
	if (o.check) {
		if (group_prepare(&g) == -1) {
			say("%s", strerror(errno));
			return STATUS_CANNOT_START;
		}
		print_group(&g);
		group_free(&g);
		return 0;
	}
	if (group_run(&g) == -1) {
		say("cannot start the group: %s", strerror(errno));
		group_free(&g);
		return STATUS_CANNOT_START;
	}
	status = group_status(&g, &die_signal);
	if (level != QUIET)
		messages_summary(&g, status, die_signal);
	messages_route(NULL);
	group_free(&g);
	if (die_signal != 0)
		die_of(die_signal, status);
	return status;
}
