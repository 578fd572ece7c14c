/*
 * grpsup: run a group of programs; when one exits, stop the others and exit
 * with the status of the first failure. main reads as the run goes: read
 * the command line, resolve the group from its sources, then check it or
 * run it, and exit with its status.
 */
#include <errno.h>
#include <ev.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../lib/config.h"
#include "../lib/group.h"
#include "../lib/sigq.h"
#include "../lib/verdict.h"
#include "check.h"
#include "cli.h"
#include "messages.h"
#include "names.h"
#include "options.h"
#include "sources.h"
#include "starts.h"

#ifndef GRPSUP_VERSION
#define GRPSUP_VERSION "0.1.0"
#endif

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
	char msg[512], hint[256];
	size_t i;
	int color;

	if (from != NULL && (from_prog = conf_find_program(c, from,
	    strlen(from))) == NULL) {
		snprintf(msg, sizeof(msg), "--exit-code-from: no program "
		    "named '%.64s'%s", from, names_hint(c, from, strlen(from),
		    hint, sizeof(hint)));
		cli_usage_error(msg);
	}
	for (i = 0; o->raw && i < c->nprogs; i++)
		c->progs[i].output = OUTPUT_RAW;
	if (groupprep_init(g, c->progs, c->nprogs) == -1)
		cli_no_memory();
	if (from != NULL)
		g->exit_from = (int)(from_prog - c->progs);
	conf_forget_programs(c);
	/* what neither sets keeps the group's default (groupprep_init) */
	g->stop_signal = o->stop_signal ? o->stop_signal : c->stop_signal ?
	    c->stop_signal : g->stop_signal;
	g->grace_ms = PICK(o->grace_ms, c->grace_ms, g->grace_ms);
	g->timeout_ms = PICK(o->timeout_ms, c->timeout_ms, g->timeout_ms);
	sources_move_all(&g->env, &c->env);
	sources_move_all(&g->env, cli_env);
	color = PICK(o->color, c->color, COLOR_AUTO);
	g->out.timestamps = o->timestamps || c->timestamps == 1;
	g->out.color[0] = use_color(color, STDOUT_FILENO);
	g->out.color[1] = use_color(color, STDERR_FILENO);
}

/* The command line into o; --help and --version end here, with 0. */
static void
read_command_line(int argc, char **argv, struct options *o)
{
	char err[400];

	if (options_parse(argc, argv, o, err, sizeof(err)) == -1) {
		const char *report = o->report != NULL ? o->report :
		    cli_find_report_option(argc, argv);

		cli_report_path = report != NULL ? strdup(report) : NULL;
		cli_usage_error(err);
	}
	if (o->help || o->version) {
		fputs(o->help ? options_help : "grpsup " GRPSUP_VERSION "\n",
		    stdout);
		options_free(o);
		exit(0);
	}
	/* a signal that comes while the files are read is acted on, not lost */
	if (!o->check && sigq_open() == -1) {
		say("cannot catch signals: %s", strerror(errno));
		exit(STATUS_CANNOT_START);
	}
	if (o->report != NULL && !o->check &&
	    (cli_report_path = strdup(o->report)) == NULL)
		cli_no_memory();
	if (o->file != NULL && o->ncommands > 0)
		cli_usage_error("-f and COMMANDs together: give one or the other");
}

/*
 * The group o asks for, from its sources (the COMMANDs or a file, the
 * per-program options, a Procfile's ports, --env-file), into g.
 */
static void
resolve(struct options *o, struct group *g)
{
	struct strv cli_env = { 0 };
	struct conf c;
	char err[400];

	if (o->ncommands > 0)
		sources_commands(&c, o);
	else
		sources_file(&c, o);
	for (size_t i = 0; o->check && i < c.warnings.n; i++)
		fprintf(stderr, "%s\n", c.warnings.v[i]);
	if (cli_report_path == NULL && c.report != NULL && !o->check) {
		cli_report_path = c.report;	/* kept to the end */
		c.report = NULL;
	}
	cli_check_report_path();
	if (starts_apply(&c, o, err, sizeof(err)) == -1)
		cli_usage_error(err);
	if (c.procfile)
		sources_ports(&c, o);
	else if (o->port > 0)
		cli_usage_error("--port: only for a Procfile");
	sources_env_files(&cli_env, &c, o);
	for (size_t i = 0; i < c.notices.n; i++)
		fprintf(stderr, "%s\n", c.notices.v[i]);
	build_group(g, &c, o, &cli_env);
	conf_free(&c);
	strv_free(&cli_env);
}

/* --check: prepare g as a run would, and print it; the exit status. */
static int
check(struct group *g)
{
	int status = STATUS_CANNOT_START;

	if (groupprep_prepare(g) == -1)
		say("%s", g->error[0] ? g->error : strerror(errno));
	else if (check_runnable(g) == 0) {
		check_print(g);
		status = 0;
	}
	groupprep_free(g);
	return status;
}

/* Run g to its end: the summary, the report, and grpsup's status. */
static int
run(struct group *g, enum verbosity level)
{
	char err[400];
	int status, die_signal;

	if (grouprun(g) == -1) {
		if (g->error[0] != '\0')
			snprintf(err, sizeof(err), "%s", g->error);
		else
			snprintf(err, sizeof(err), "cannot start the group: %s",
			    strerror(errno));
		say("%s", err);
		cli_write_report(g, STATUS_CANNOT_START, err);
		groupprep_free(g);
		free(cli_report_path);
		return STATUS_CANNOT_START;
	}
	status = verdict_status(g, &die_signal);
	if (level != QUIET)
		messages_summary(g, status, die_signal);
	cli_write_report(g, status, NULL);
	messages_route(NULL);
	groupprep_free(g);
	free(cli_report_path);
	if (die_signal != 0)
		cli_die_of(die_signal, status);
	return status;
}

int
main(int argc, char **argv)
{
	enum verbosity level;
	struct options o;
	struct group g;
	int checking;

	cli_sanitize_stdio();
	ev_set_syserr_cb(cli_on_libev_error);
	read_command_line(argc, argv, &o);
	level = o.quiet ? QUIET : o.verbose ? VERBOSE : NORMAL;
	checking = o.check;
	resolve(&o, &g);
	options_free(&o);
	g.on_event = messages_event;
	g.event_arg = &level;
	messages_route(&g.out);
	return checking ? check(&g) : run(&g, level);
}
