/*
 * Unit tests of the parsers that take user input: env file lines, durations,
 * signals, probes. Prints TAP, as bats does, so that tests/run.sh counts them
 * with the rest.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../lib/duration.h"
#include "../../lib/envfile.h"
#include "../../lib/probe.h"
#include "../../lib/signame.h"

static int ntests, nfailed;

static void
report(int ok, const char *what, const char *detail)
{
	ntests++;
	if (!ok)
		nfailed++;
	printf("%s %d unit: %s%s%s\n", ok ? "ok" : "not ok", ntests, what,
	    detail[0] ? " # " : "", ok ? "" : detail);
}

/* An env line gives kv (NULL: a blank or comment line). */
static void
env_ok(const char *line, const char *kv)
{
	char why[256] = "", *got = NULL, detail[512];
	int r = envfile_parse_line(line, strlen(line), &got, why, sizeof(why));
	int ok = kv == NULL ? r == 0 : r == 1 && strcmp(got, kv) == 0;

	snprintf(detail, sizeof(detail), "got %d '%s' (%s)", r,
	    got ? got : "", why);
	report(ok, line, ok ? "" : detail);
	free(got);
}

/* An env line is refused with a reason that holds reason. */
static void
env_bad(const char *line, const char *reason)
{
	char why[256] = "", *got = NULL, detail[512], what[300];
	int r = envfile_parse_line(line, strlen(line), &got, why, sizeof(why));
	int ok = r == -1 && strstr(why, reason) != NULL;

	snprintf(what, sizeof(what), "env refuses %s", line);
	snprintf(detail, sizeof(detail), "got %d '%s' (%s)", r,
	    got ? got : "", why);
	report(ok, what, ok ? "" : detail);
	free(got);
}

static void
duration_is(const char *s, int64_t want, int err)
{
	int64_t ms = -7;
	char what[128], detail[128];
	int r = duration_parse(s, &ms);
	int ok = err ? r == -1 && errno == err : r == 0 && ms == want;

	snprintf(what, sizeof(what), "duration '%s'", s);
	snprintf(detail, sizeof(detail), "got %d, %lld ms", r, (long long)ms);
	report(ok, what, ok ? "" : detail);
}

static void
signal_is(const char *s, int want)
{
	char what[128], detail[64];
	int got = signal_parse(s);

	snprintf(what, sizeof(what), "signal '%s'", s);
	snprintf(detail, sizeof(detail), "got %d", got);
	report(got == want, what, got == want ? "" : detail);
}

static void
probe_is(const char *s, enum probe_kind kind, const char *host,
    const char *port, const char *path)
{
	struct probe_spec p;
	char why[256] = "", what[300], detail[512];
	int r = probe_parse(s, &p, why, sizeof(why));
	int ok = kind == PROBE_NONE ? r == -1 : r == 0 && p.kind == kind &&
	    (host == NULL || strcmp(p.host, host) == 0) &&
	    (port == NULL || strcmp(p.port, port) == 0) &&
	    (path == NULL || (p.path && strcmp(p.path, path) == 0) ||
	    (p.command && strcmp(p.command, path) == 0));

	snprintf(what, sizeof(what), "probe '%s'", s);
	snprintf(detail, sizeof(detail), "got %d kind %d host '%s' port '%s' "
	    "(%s)", r, r == 0 ? (int)p.kind : -1, r == 0 ? p.host : "",
	    r == 0 ? p.port : "", why);
	report(ok, what, ok ? "" : detail);
}

static void
env_tests(void)
{
	env_ok("KEY=value", "KEY=value");
	env_ok("export KEY=value", "KEY=value");
	env_ok("export\tKEY=v", "KEY=v");
	env_ok("  _K1=x  ", "_K1=x");
	env_ok("K=", "K=");
	env_ok("K= spaced value ", "K=spaced value");
	env_ok("K=a#b", "K=a#b");
	env_ok("K=a #comment", "K=a");
	env_ok("K='single $HOME \\n \"'", "K=single $HOME \\n \"");
	env_ok("K=\"a\\nb\\tc\\\\d\\\"e\"", "K=a\nb\tc\\d\"e");
	env_ok("K=\"$(date) `id` ${X}\"", "K=$(date) `id` ${X}");
	env_ok("K='x' # trailing comment", "K=x");
	env_ok("K=value\r", "K=value");
	env_ok("K==x", "K==x");
	env_ok("", NULL);
	env_ok("   ", NULL);
	env_ok("# comment", NULL);
	env_ok("  # indented comment", NULL);
	env_bad("novalue", "expected KEY=VALUE");
	env_bad("1KEY=x", "expected KEY=VALUE");
	env_bad("KEY = x", "expected KEY=VALUE");
	env_bad("K-EY=x", "expected KEY=VALUE");
	env_bad("=x", "expected KEY=VALUE");
	env_bad("export", "expected KEY=VALUE");
	env_bad("K='open", "unterminated single quote");
	env_bad("K=\"open", "unterminated double quote");
	env_bad("K=\"a\\qb\"", "unknown escape '\\q'");
	env_bad("K=\"a\" b", "after the closing quote");
	env_bad("K='a'b", "after the closing quote");
}

static void
duration_tests(void)
{
	duration_is("10s", 10000, 0);
	duration_is("250ms", 250, 0);
	duration_is("1m30s", 90000, 0);
	duration_is("2h", 7200000, 0);
	duration_is("10", 10000, 0);
	duration_is("0.5", 500, 0);
	duration_is("1.5s", 1500, 0);
	duration_is("0", 0, 0);
	duration_is("8784h", (int64_t)8784 * 3600 * 1000, 0);
	duration_is("8785h", 0, ERANGE);
	duration_is("99999999999999999999s", 0, ERANGE);
	duration_is("", 0, EINVAL);
	duration_is("s", 0, EINVAL);
	duration_is("10x", 0, EINVAL);
	duration_is("-1s", 0, EINVAL);
	duration_is("1 s", 0, EINVAL);
}

static void
signal_tests(void)
{
	signal_is("TERM", SIGTERM);
	signal_is("sigterm", SIGTERM);
	signal_is("SIGQUIT", SIGQUIT);
	signal_is("Hup", SIGHUP);
	signal_is("15", SIGTERM);
	signal_is("9", SIGKILL);
	signal_is("0", -1);
	signal_is("65", -1);
	signal_is("-15", -1);
	signal_is("SIG", -1);
	signal_is("", -1);
	signal_is("NOPE", -1);
	signal_is("15x", -1);
}

static void
probe_tests(void)
{
	probe_is("tcp://127.0.0.1:8080", PROBE_TCP, "127.0.0.1", "8080", NULL);
	probe_is("tcp://[::1]:80", PROBE_TCP, "::1", "80", NULL);
	probe_is("tcp://localhost:65535", PROBE_TCP, "localhost", "65535",
	    NULL);
	probe_is("http://localhost:8000/health", PROBE_HTTP, "localhost",
	    "8000", "/health");
	probe_is("http://localhost:8000", PROBE_HTTP, "localhost", "8000",
	    "/");
	probe_is("file:/tmp/ready", PROBE_FILE, NULL, NULL, "/tmp/ready");
	probe_is("exec:pg_isready -q", PROBE_EXEC, NULL, NULL,
	    "pg_isready -q");
	probe_is("notify", PROBE_NOTIFY, NULL, NULL, NULL);
	probe_is("tcp://host", PROBE_NONE, NULL, NULL, NULL);
	probe_is("tcp://host:0", PROBE_NONE, NULL, NULL, NULL);
	probe_is("tcp://host:65536", PROBE_NONE, NULL, NULL, NULL);
	probe_is("tcp://:80", PROBE_NONE, NULL, NULL, NULL);
	probe_is("tcp://host:80/x", PROBE_NONE, NULL, NULL, NULL);
	probe_is("http://host:80 /x", PROBE_NONE, NULL, NULL, NULL);
	probe_is("https://host:443/", PROBE_NONE, NULL, NULL, NULL);
	probe_is("file:", PROBE_NONE, NULL, NULL, NULL);
	probe_is("exec:  ", PROBE_NONE, NULL, NULL, NULL);
	probe_is("", PROBE_NONE, NULL, NULL, NULL);
}

int
main(void)
{
	env_tests();
	duration_tests();
	signal_tests();
	probe_tests();
	return nfailed != 0;
}
