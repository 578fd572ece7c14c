/*
 * The command line: options read into struct options, and --help.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/duration.h"
#include "../lib/signame.h"
#include "options.h"
#include "../lib/text.h"

enum { OPT_CHECK = 256, OPT_RAW, OPT_COLOR, OPT_TIMESTAMPS, OPT_ENV_FILE,
    OPT_REPORT, OPT_READY, OPT_AFTER, OPT_ONESHOT, OPT_FORWARD,
    OPT_READY_TIMEOUT, OPT_READY_INTERVAL, OPT_READY_TRY_TIMEOUT, OPT_PORT };

/* '+': stop at the first COMMAND (glibc would permute); ':': we word errors */
static const char short_opts[] = "+:n:f:g:s:e:t:qvhV";

static const struct option long_opts[] = {
	{ "names", required_argument, NULL, 'n' },
	{ "file", required_argument, NULL, 'f' },
	{ "env-file", required_argument, NULL, OPT_ENV_FILE },
	{ "grace", required_argument, NULL, 'g' },
	{ "stop-signal", required_argument, NULL, 's' },
	{ "exit-code-from", required_argument, NULL, 'e' },
	{ "timeout", required_argument, NULL, 't' },
	{ "ready", required_argument, NULL, OPT_READY },
	{ "after", required_argument, NULL, OPT_AFTER },
	{ "oneshot", required_argument, NULL, OPT_ONESHOT },
	{ "forward", required_argument, NULL, OPT_FORWARD },
	{ "ready-timeout", required_argument, NULL, OPT_READY_TIMEOUT },
	{ "ready-interval", required_argument, NULL, OPT_READY_INTERVAL },
	{ "ready-try-timeout", required_argument, NULL, OPT_READY_TRY_TIMEOUT },
	{ "port", required_argument, NULL, OPT_PORT },
	{ "raw", no_argument, NULL, OPT_RAW },
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "timestamps", no_argument, NULL, OPT_TIMESTAMPS },
	{ "report", required_argument, NULL, OPT_REPORT },
	{ "quiet", no_argument, NULL, 'q' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "check", no_argument, NULL, OPT_CHECK },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

const char options_help[] =
"Usage: grpsup [OPTION]... [--] COMMAND...\n"
"       grpsup [OPTION]... [-f FILE]\n"
"Run each COMMAND as one program of a group; when any of them exits, stop\n"
"the others and exit with the status of the first failure.  With no COMMAND,\n"
"the programs come from FILE, else ./grpsup.conf, else ./Procfile.\n"
"\n"
"  -n, --names LIST           comma-separated names for the COMMANDs\n"
"  -f, --file FILE            programs from a grpsup.conf or a Procfile\n"
"      --env-file FILE        KEY=VALUE lines for every program's environment\n"
"  -g, --grace DURATION       time between the stop signal and SIGKILL (10s);\n"
"                             --grace NAME=DURATION: NAME's own\n"
"  -s, --stop-signal SIG      signal that asks a program to stop (TERM);\n"
"                             --stop-signal NAME=SIG: NAME's own\n"
"  -e, --exit-code-from NAME  exit with NAME's status\n"
"  -t, --timeout DURATION     stop the group after DURATION, exit 124\n"
"      --ready NAME=PROBE     NAME is ready when PROBE succeeds: tcp://HOST:PORT,\n"
"                             http://HOST:PORT/PATH, file:PATH, unix:PATH,\n"
"                             exec:COMMAND, notify, log:REGEX (a line of\n"
"                             NAME's output)\n"
"      --ready-timeout NAME=DURATION  how long NAME may take to be ready\n"
"      --ready-interval NAME=DURATION  the longest pause between NAME's\n"
"                             probe tries (500ms; from 25ms, doubling)\n"
"      --ready-try-timeout NAME=DURATION  how long one try may take (2s;\n"
"                             exec: 5s)\n"
"      --after NAME=DEP[,DEP] start NAME once every DEP is ready\n"
"      --oneshot NAME         NAME is a task: ready when it exits 0, and its\n"
"                             success does not stop the group\n"
"      --forward NAME=SIG[,SIG]|all|none  the signals grpsup passes on that\n"
"                             NAME gets (default: those it catches)\n"
"      --port BASE            Procfile: PORT for each program, BASE + 100 each\n"
"                             (default $PORT, else 5000), as foreman does\n"
"      --raw                  no labels: programs write straight to grpsup's\n"
"                             stdout and stderr\n"
"      --color WHEN           colour the labels: auto, always, never (auto)\n"
"      --timestamps           put the time on every output line\n"
"      --report FILE          write a JSON summary of the run to FILE at exit\n"
"                             (a FIFO or device is written in place)\n"
"  -q, --quiet                no summary, only errors\n"
"  -v, --verbose              also report starts, signals and exits\n"
"      --check                check everything, print the group, start nothing\n"
"  -h, --help                 show this help\n"
"  -V, --version              show the version\n"
"\n"
"DURATION: 500ms, 10s, 1m30s, 2h; a bare number is seconds.\n"
"SIG: TERM, SIGTERM or 15.  Exit status: the first failing program's,\n"
"124 on timeout (or a probe's), 125 when grpsup itself fails.  See grpsup(1) and\n"
"grpsup.conf(5).\n";

static int
parse_duration(const char *opt, const char *arg, int64_t *ms, char *err,
    size_t len)
{
	char why[256];

	if (duration_parse(arg, ms) == 0)
		return 0;
	return text_fail(err, len, "%s: %s", opt, duration_error(arg, errno, 0,
	    why, sizeof(why)));
}

/* Name the option getopt stopped at, long or short, for a message. */
static const char *
bad_option(char **argv, char *buf, size_t len)
{
	const char *arg = argv[optind - 1];

	if (optopt != 0 && strncmp(arg, "--", 2) != 0) {
		snprintf(buf, len, "-%c", optopt);
		return buf;
	}
	snprintf(buf, len, "%.*s", (int)strcspn(arg, "="), arg);
	return buf;
}

/* An option grpsup does not know, with the long one it most likely meant. */
static int
unknown_option(const char *opt, char *err, size_t len)
{
	const char *names[sizeof(long_opts) / sizeof(long_opts[0])];
	size_t n;
	int near = -1;

	for (n = 0; long_opts[n].name != NULL; n++)
		names[n] = long_opts[n].name;
	if (strncmp(opt, "--", 2) == 0)
		near = text_nearest(opt + 2, names, n);
	if (near >= 0)
		return text_fail(err, len, "unknown option '%s' (did you mean "
		    "--%s?)", opt, names[near]);
	return text_fail(err, len, "unknown option '%s'", opt);
}

/* A port from 1 to 65435 (room for a few programs at +100); 0: not one. */
static int
port_parse(const char *s)
{
	char *end;
	long v;

	if (*s < '0' || *s > '9')
		return 0;
	errno = 0;
	v = strtol(s, &end, 10);
	return errno == 0 && *end == '\0' && v >= 1 && v <= 65435 ? (int)v : 0;
}

/* A per-program option, applied once the programs are known (starts.c). */
static int
add_start(struct options *o, int kind)
{
	o->starts[o->nstarts].kind = kind;
	o->starts[o->nstarts++].arg = optarg;
	return 0;
}

/* An option whose value is read here: a duration, a signal, a port. */
static int
parse_value(int c, struct options *o, char *err, size_t len)
{
	char hint[48];

	switch (c) {
	case 'g':
		return parse_duration("--grace", optarg, &o->grace_ms, err,
		    len);
	case 's':
		if ((o->stop_signal = signame_parse(optarg)) == -1)
			return text_fail(err, len, "--stop-signal: invalid "
			    "signal '%.*s%s'%s", TEXT_CLIP(optarg),
			    signame_hint(optarg, hint, sizeof(hint)));
		return 0;
	case 't':
		if (parse_duration("--timeout", optarg, &o->timeout_ms, err,
		    len) == -1)
			return -1;
		if (o->timeout_ms == 0)
			return text_fail(err, len, "--timeout: '%.*s%s' is not a "
			    "positive duration", TEXT_CLIP(optarg));
		return 0;
	case OPT_PORT:
		if ((o->port = port_parse(optarg)) == 0)
			return text_fail(err, len, "--port: '%.40s' is not a port "
			    "(1 to 65435: each program adds 100)", optarg);
		return 0;
	default:	/* OPT_COLOR */
		if ((o->color = settings_color_parse(optarg)) == -1)
			return text_fail(err, len, "--color: '%.*s%s' is not "
			    "auto, always or never", TEXT_CLIP(optarg));
		return 0;
	}
}

static int
parse_one(int c, char **argv, struct options *o, char *err, size_t len)
{
	char opt[64];

	switch (c) {
	case 'n': o->names = optarg; return 0;
	case 'f': o->file = optarg; return 0;
	case OPT_ENV_FILE: o->env_files[o->nenv_files++] = optarg; return 0;
	case 'g':
	case 's':	/* NAME=VALUE is one program's */
		if (strchr(optarg, '=') != NULL)
			return add_start(o, c);
		return parse_value(c, o, err, len);
	case 't':
	case OPT_PORT:
	case OPT_COLOR: return parse_value(c, o, err, len);
	case 'e': o->exit_code_from = optarg; return 0;
	case OPT_RAW: o->raw = 1; return 0;
	case OPT_READY: return add_start(o, 'r');
	case OPT_AFTER: return add_start(o, 'a');
	case OPT_ONESHOT: return add_start(o, 'o');
	case OPT_FORWARD: return add_start(o, 'f');
	case OPT_READY_TIMEOUT: return add_start(o, 'T');
	case OPT_READY_INTERVAL: return add_start(o, 'I');
	case OPT_READY_TRY_TIMEOUT: return add_start(o, 'Y');
	case OPT_TIMESTAMPS: o->timestamps = 1; return 0;
	case OPT_REPORT: o->report = optarg; return 0;
	case 'q': o->quiet = 1; o->verbose = 0; return 0;
	case 'v': o->verbose = 1; o->quiet = 0; return 0;
	case OPT_CHECK: o->check = 1; return 0;
	case 'h': o->help = 1; return 0;
	case 'V': o->version = 1; return 0;
	case ':':
		return text_fail(err, len, "option '%s' needs a value",
		    bad_option(argv, opt, sizeof(opt)));
	default:
		return unknown_option(bad_option(argv, opt, sizeof(opt)), err,
		    len);
	}
}

/*
 * Parsing stops at the first COMMAND; an option after it would become a
 * program ("grpsup 'sleep 1' -g 5s": programs "-g" and "5s"), unless "--"
 * said that every later argument is a command.
 */
static int
check_late_options(char **argv, int first, int argc, char *err, size_t len)
{
	int i;

	if (first > 1 && strcmp(argv[first - 1], "--") == 0)
		return 0;
	for (i = first; i < argc; i++)
		if (argv[i][0] == '-' && argv[i][1] != '\0')
			return text_fail(err, len, "'%.40s' after the commands: "
			    "options go before them (after --, every argument is "
			    "a command)", argv[i]);
	return 0;
}

int
options_parse(int argc, char **argv, struct options *o, char *err, size_t len)
{
	int c;

	memset(o, 0, sizeof(*o));
	o->grace_ms = -1;
	o->timeout_ms = -1;
	o->color = -1;
	o->env_files = calloc((size_t)argc + 1, sizeof(char *));
	o->starts = calloc((size_t)argc + 1, sizeof(*o->starts));
	if (o->env_files == NULL || o->starts == NULL)
		return text_fail(err, len, "%s", strerror(errno));
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, short_opts, long_opts, NULL)) != -1)
		if (parse_one(c, argv, o, err, len) == -1)
			return -1;
	o->commands = argv + optind;
	o->ncommands = (size_t)(argc - optind);
	return check_late_options(argv, optind, argc, err, len);
}

void
options_free(struct options *o)
{
	free(o->env_files);
	free(o->starts);
	o->env_files = NULL;
	o->starts = NULL;
}
