/*
 * grpsup: run a group of programs; when one exits, stop the others and exit
 * with the status of the first failure. This file turns the command line
 * into a group, runs it, and turns the outcome into messages and a status.
 */
#include <errno.h>
#include <ev.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <unistd.h>

#include "../lib/command.h"
#include "../lib/confenv.h"
#include "../lib/config.h"
#include "../lib/duration.h"
#include "../lib/group.h"
#include "../lib/nametable.h"
#include "../lib/report.h"
#include "../lib/signame.h"
#include "../lib/sigq.h"
#include "../lib/verdict.h"
#include "messages.h"
#include "names.h"
#include "options.h"
#include "starts.h"

#ifndef GRPSUP_VERSION
#define GRPSUP_VERSION "0.1.0"
#endif

/* --report: where the JSON summary goes once known; NULL: nowhere. */
static char *report_path;

/* Write the report, if any; a failure is said, the status stays. */
static void
write_report(const struct group *g, int status, const char *error)
{
	if (report_path == NULL)
		return;
	if (report_write(report_path, g, status, error) == -1)
		say("--report: cannot write '%s': %s", report_path,
		    strerror(errno));
}

/*
 * --report of a command line that cannot be parsed: the report is written
 * on a usage error whatever the order of the options (--bogus --report F).
 */
static const char *
find_report_option(int argc, char **argv)
{
	const char *found = NULL;
	int i;

	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "--report") == 0 && i + 1 < argc)
			found = argv[++i];
		else if (strncmp(argv[i], "--report=", 9) == 0)
			found = argv[i] + 9;
	return found;
}

_Noreturn static void
usage_error(const char *msg)
{
	say("%s", msg);
	fputs("Try 'grpsup --help' for more information.\n", stderr);
	write_report(NULL, STATUS_CANNOT_START, msg);
	exit(STATUS_CANNOT_START);
}

/* A report that cannot be written is said before anything starts. */
static void
check_report_path(void)
{
	char msg[PATH_MAX + 64];

	if (report_path == NULL || report_check(report_path) == 0)
		return;
	snprintf(msg, sizeof(msg), "--report: cannot write '%s': %s",
	    report_path, strerror(errno));
	say("%s", msg);
	free(report_path);
	report_path = NULL;	/* it cannot be written: none is tried */
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

_Noreturn static void
no_memory(void)
{
	say("%s", strerror(ENOMEM));
	exit(STATUS_CANNOT_START);
}

static int
name_taken(const struct conf *c, size_t upto, const char *name)
{
	size_t i;

	for (i = 0; i < upto; i++)
		if (strcmp(c->progs[i].name, name) == 0)
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

/*
 * The name from the command's word in bases[upto] (names_base); a repeated
 * one gets "-2", "-3", ... in order. Counting the earlier programs' bases
 * keeps a thousand "sleep" programs from a cubic search.
 */
static char *
derived_name(const struct conf *c, size_t upto, char (*bases)[NAME_MAX_LEN + 1])
{
	char name[NAME_MAX_LEN + 16];
	size_t j;
	int n = 1;

	for (j = 0; j < upto; j++)
		n += strcmp(bases[j], bases[upto]) == 0;
	if (n == 1)
		snprintf(name, sizeof(name), "%s", bases[upto]);
	else
		snprintf(name, sizeof(name), "%s-%d", bases[upto], n);
	while (name_taken(c, upto, name))
		snprintf(name, sizeof(name), "%s-%d", bases[upto], ++n);
	return strdup(name);
}

static int
derive_bases(const struct conf *c, char (*bases)[NAME_MAX_LEN + 1])
{
	char **commands = calloc(c->nprogs + 1, sizeof(*commands));
	size_t i;
	int r;

	if (commands == NULL)
		return -1;
	for (i = 0; i < c->nprogs; i++)
		commands[i] = c->progs[i].command;
	r = names_base(commands, c->nprogs, bases);
	free(commands);
	return r;
}

static void
name_programs(struct conf *c, const char *list)
{
	char msg[256], (*bases)[NAME_MAX_LEN + 1] = NULL;
	size_t i;

	if (list == NULL && ((bases = calloc(c->nprogs, sizeof(*bases))) ==
	    NULL || derive_bases(c, bases) == -1))
		no_memory();
	for (i = 0; i < c->nprogs; i++) {
		struct program_settings *p = &c->progs[i];

		if (list == NULL) {
			if ((p->name = derived_name(c, i, bases)) == NULL)
				no_memory();
			continue;
		}
		if (*list == '\0')
			break;
		p->name = next_listed_name(&list);
		if (!name_is_valid(p->name) || name_taken(c, i, p->name)) {
			snprintf(msg, sizeof(msg), "--names: %s name '%.64s' "
			    "(names are unique, of A-Z a-z 0-9 _ . -)",
			    name_is_valid(p->name) ? "duplicate" : "invalid",
			    p->name);
			usage_error(msg);
		}
	}
	free(bases);
	if (list != NULL && (i < c->nprogs || *list != '\0')) {
		snprintf(msg, sizeof(msg), "--names: %s names for %zu commands",
		    i < c->nprogs ? "too few" : "too many", c->nprogs);
		usage_error(msg);
	}
}

/* The COMMANDs as a group without a file: names from -n or derived. */
static void
conf_from_commands(struct conf *c, const struct options *o)
{
	char msg[64];
	size_t i;

	conf_init(c);
	if ((c->progs = calloc(o->ncommands, sizeof(*c->progs))) == NULL)
		no_memory();
	c->nprogs = c->cap = o->ncommands;
	for (i = 0; i < c->nprogs; i++) {
		struct program_settings *p = &c->progs[i];

		if (strspn(o->commands[i], " \t\n") == strlen(o->commands[i])) {
			snprintf(msg, sizeof(msg), "command %zu is empty", i + 1);
			usage_error(msg);
		}
		settings_init(p);
		if ((p->command = strdup(o->commands[i])) == NULL)
			no_memory();
	}
	name_programs(c, o->names);
}

_Noreturn static void
file_error(const struct conf_error *e)
{
	char msg[1100];

	if (e->line > 0)
		snprintf(msg, sizeof(msg), "%s:%d: %s", e->file, e->line,
		    e->msg);
	else
		snprintf(msg, sizeof(msg), "%s: %s", e->file, e->msg);
	fflush(stdout);
	fprintf(stderr, "%s\n", msg);
	if (e->more[0] != '\0')
		fprintf(stderr, "%s\n", e->more);
	write_report(NULL, STATUS_CANNOT_START, msg);
	exit(STATUS_CANNOT_START);
}

/* -f FILE, else ./grpsup.conf, else ./Procfile. */
static void
conf_from_file(struct conf *c, const struct options *o)
{
	struct conf_error e;
	const char *path = o->file;

	if (o->names != NULL)
		usage_error("--names: the names come from the file");
	if (path == NULL && access("grpsup.conf", F_OK) == 0)
		path = "grpsup.conf";
	else if (path == NULL && access("Procfile", F_OK) == 0)
		path = "Procfile";
	else if (path == NULL)
		usage_error("no command given, and no ./grpsup.conf or "
		    "./Procfile here");
	if (conf_load(path, c, &e) == -1)
		file_error(&e);
}

/*
 * A Procfile runs as foreman runs it: each program gets PORT, from BASE
 * (--port, else PORT of the .env, else grpsup's own PORT, else 5000) up by
 * 100 in file order.
 */
static void
set_ports(struct conf *c, const struct options *o)
{
	const char *from = getenv("PORT");
	char kv[32];
	size_t i;
	long base = 5000;

	for (i = 0; i < c->env.n; i++)
		if (strncmp(c->env.v[i], "PORT=", 5) == 0)
			from = c->env.v[i] + 5;
	if (o->port > 0)
		base = o->port;
	else if (from != NULL && atol(from) > 0 && atol(from) < 65536)
		base = atol(from);
	for (i = 0; i < c->nprogs; i++) {
		snprintf(kv, sizeof(kv), "PORT=%ld", base + 100 * (long)i);
		if (strv_push(&c->progs[i].env, kv, (size_t)-1) == -1)
			no_memory();
	}
}

/* --env-file: loaded after the file's own [grpsup] env files. */
static void
load_env_files(struct strv *env, struct conf *c, const struct options *o)
{
	const struct strv *also[] = { &c->env, NULL };
	struct conf_error e;
	size_t i;

	for (i = 0; i < o->nenv_files; i++) {
		memset(&e, 0, sizeof(e));
		snprintf(e.file, sizeof(e.file), "%s", o->env_files[i]);
		if (conf_load_env_file(o->env_files[i], env, also, &e.line,
		    e.msg, sizeof(e.msg), &c->notices) == 0)
			continue;
		if (e.line == 0) {
			char msg[700];

			snprintf(msg, sizeof(msg), "--env-file: '%s': %s",
			    o->env_files[i], e.msg);
			usage_error(msg);
		}
		file_error(&e);
	}
}

/* Append from's strings to to, emptying from. */
static void
move_all(struct strv *to, struct strv *from)
{
	size_t i;

	if (to->n == 0) {
		*to = *from;
		memset(from, 0, sizeof(*from));
		return;
	}
	for (i = 0; i < from->n; i++)
		if (strv_push(to, from->v[i], (size_t)-1) == -1)
			no_memory();
	strv_free(from);
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

#define PICK(opt, file, dflt) ((opt) >= 0 ? (opt) : (file) >= 0 ? (file) : \
    (dflt))

/*
 * Move c's programs into g, whole; the command line overrides the file's
 * [grpsup] settings.
 */
static void
build_group(struct group *g, struct conf *c, const struct options *o,
    struct strv *cli_env)
{
	const char *from = o->exit_code_from ? o->exit_code_from :
	    c->exit_code_from;
	struct program_settings *from_prog;
	char msg[256];
	size_t i;
	int color;

	if (from != NULL && (from_prog = conf_find_program(c, from,
	    strlen(from))) == NULL) {
		snprintf(msg, sizeof(msg), "--exit-code-from: no program "
		    "named '%.64s'", from);
		usage_error(msg);
	}
	for (i = 0; o->raw && i < c->nprogs; i++)
		c->progs[i].output = OUTPUT_RAW;
	if (group_init(g, c->progs, c->nprogs) == -1)
		no_memory();
	if (from != NULL)
		g->exit_from = (int)(from_prog - c->progs);
	conf_forget_programs(c);
	g->stop_signal = o->stop_signal ? o->stop_signal : c->stop_signal ?
	    c->stop_signal : SIGTERM;
	g->grace_ms = PICK(o->grace_ms, c->grace_ms, 10000);
	g->timeout_ms = PICK(o->timeout_ms, c->timeout_ms, 0);
	move_all(&g->env, &c->env);
	move_all(&g->env, cli_env);
	color = PICK(o->color, c->color, COLOR_AUTO);
	g->out.timestamps = o->timestamps || c->timestamps == 1;
	g->out.color[0] = use_color(color, STDOUT_FILENO);
	g->out.color[1] = use_color(color, STDERR_FILENO);
}

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
		if (name_table_put(&last, env_at(p, i), strcspn(env_at(p, i),
		    "="), i) == -1)
			no_memory();
	printf("  env (names only):");
	for (i = 0; i < n; i++) {
		k = strcspn(env_at(p, i), "=");
		if (name_table_find(&last, env_at(p, i), k) == i)
			printf(" %.*s", (int)k, env_at(p, i));
	}
	printf("\n");
	name_table_free(&last);
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

static void
print_program(const struct program *prog)
{
	static const char *const modes[] = { "label", "raw", "null" };
	const struct program_settings *p = prog->set;
	char d[32], num[16];
	size_t j;

	printf("%s: %s\n", p->name, p->command);
	print_run(prog);
	printf("  stop: SIG%s, grace %s\n", signal_name(p->stop_signal, num,
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
		printf("  ready: %s, timeout %s\n", p->ready,
		    duration_format(p->ready_timeout_ms, d, sizeof(d)));
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
static int
check_runnable(const struct group *g)
{
	size_t i;

	for (i = 0; i < g->nprogs; i++) {
		const struct program *p = &g->progs[i];
		const char *file = p->how == RUN_DIRECT ? p->argv[0] :
		    COMMAND_SHELL;

		if (spawn_findable(file, p->envp, p->set->directory) == 0)
			continue;
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
static void
print_group(const struct group *g)
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

/*
 * libev's own system errors (a pipe or epoll it cannot make): one line and
 * 125, as grpsup's own start failures, not libev's abort() (134).
 */
static void
on_libev_error(const char *msg)
{
	int err = errno;

	if (strncmp(msg, "(libev) ", 8) == 0)
		msg += 8;
	say("libev: %s: %s", msg, strerror(err));
	_exit(STATUS_CANNOT_START);
}

/*
 * Die of sig as a shell expects, without a core file (Ctrl-\ is a stop, not
 * a crash); as PID 1 that is impossible: exit 128+sig.
 */
_Noreturn static void
die_of(int sig, int status)
{
	struct rlimit none = { 0, 0 };
	sigset_t set;

	fflush(NULL);
	(void)setrlimit(RLIMIT_CORE, &none);
#ifdef __linux__
	/* a core_pattern that pipes to a crash reporter ignores the limit */
	(void)prctl(PR_SET_DUMPABLE, 0);
#endif
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
	struct strv cli_env = { 0 };
	struct conf c;
	struct group g;
	char err[400];
	int status, die_signal;

	sanitize_stdio();
	ev_set_syserr_cb(on_libev_error);
	if (options_parse(argc, argv, &o, err, sizeof(err)) == -1) {
		const char *report = o.report != NULL ? o.report :
		    find_report_option(argc, argv);

		report_path = report != NULL ? strdup(report) : NULL;
		usage_error(err);
	}
	if (o.help || o.version) {
		fputs(o.help ? options_help : "grpsup " GRPSUP_VERSION "\n",
		    stdout);
		options_free(&o);
		return 0;
	}
	level = o.quiet ? QUIET : o.verbose ? VERBOSE : NORMAL;
	/* a signal that comes while the files are read is acted on, not lost */
	if (!o.check && sigq_open() == -1) {
		say("cannot catch signals: %s", strerror(errno));
		return STATUS_CANNOT_START;
	}
	if (o.report != NULL && !o.check && (report_path = strdup(o.report)) ==
	    NULL)
		no_memory();
	if (o.file != NULL && o.ncommands > 0)
		usage_error("-f and COMMANDs together: give one or the other");
	if (o.ncommands > 0)
		conf_from_commands(&c, &o);
	else
		conf_from_file(&c, &o);
	for (size_t i = 0; o.check && i < c.warnings.n; i++)
		fprintf(stderr, "%s\n", c.warnings.v[i]);
	if (report_path == NULL && c.report != NULL && !o.check) {
		report_path = c.report;	/* kept to the end */
		c.report = NULL;
	}
	check_report_path();
	if (starts_apply(&c, &o, err, sizeof(err)) == -1)
		usage_error(err);
	if (c.procfile)
		set_ports(&c, &o);
	else if (o.port > 0)
		usage_error("--port: only for a Procfile");
	load_env_files(&cli_env, &c, &o);
	for (size_t i = 0; i < c.notices.n; i++)
		fprintf(stderr, "%s\n", c.notices.v[i]);
	build_group(&g, &c, &o, &cli_env);
	conf_free(&c);
	strv_free(&cli_env);
	options_free(&o);
	g.on_event = messages_event;
	g.event_arg = &level;
	messages_route(&g.out);
	if (o.check) {
		if (group_prepare(&g) == -1) {
			say("%s", g.error[0] ? g.error : strerror(errno));
			group_free(&g);
			return STATUS_CANNOT_START;
		}
		if (check_runnable(&g) == -1) {
			group_free(&g);
			return STATUS_CANNOT_START;
		}
		print_group(&g);
		group_free(&g);
		return 0;
	}
	if (group_run(&g) == -1) {
		if (g.error[0] != '\0')
			snprintf(err, sizeof(err), "%s", g.error);
		else
			snprintf(err, sizeof(err), "cannot start the group: %s",
			    strerror(errno));
		say("%s", err);
		write_report(&g, STATUS_CANNOT_START, err);
		group_free(&g);
		free(report_path);
		return STATUS_CANNOT_START;
	}
	status = group_status(&g, &die_signal);
	if (level != QUIET)
		messages_summary(&g, status, die_signal);
	write_report(&g, status, NULL);
	messages_route(NULL);
	group_free(&g);
	free(report_path);
	if (die_signal != 0)
		die_of(die_signal, status);
	return status;
}
