/*
 * Unit tests of the parsers that take user input: env file lines, durations,
 * signals, probes, HTTP status lines, sd_notify datagrams, start orders; and
 * of the environment's layers. Prints TAP, as bats does, so that tests/run.sh counts them
 * with the rest.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../lib/duration.h"
#include "../../lib/env.h"
#include "../../lib/envfile.h"
#include "../../lib/httpreply.h"
#include "../../lib/notify.h"
#include "../../lib/order.h"
#include "../../lib/probe.h"
#include "../../lib/signame.h"
#include "../../lib/spawn.h"

static int ntests, nfailed;

/* One TAP line: control bytes in what are written as escapes. */
static void
report(int ok, const char *what, const char *detail)
{
	ntests++;
	if (!ok)
		nfailed++;
	printf("%s %d unit: ", ok ? "ok" : "not ok", ntests);
	for (; *what != '\0'; what++)
		if (*what == '\n')
			fputs("\\n", stdout);
		else if (*what == '\r')
			fputs("\\r", stdout);
		else if (*what == '\t')
			fputs("\\t", stdout);
		else
			putchar(*what);
	printf("%s%s\n", detail[0] && !ok ? " # " : "", ok ? "" : detail);
}

/* envfile_parse of text into out, with no outer scope. */
static int
env_parse(const char *text, struct strv *out, int *line, char *why,
    size_t len)
{
	struct envscope scope;
	int r;

	envscope_init(&scope, out, NULL);
	r = envfile_parse(text, strlen(text), &scope, line, why, len);
	envscope_free(&scope);
	return r;
}

/* An env text sets kv last (NULL: sets nothing). */
static void
env_ok(const char *text, const char *kv)
{
	struct strv out = { 0 };
	char why[256] = "", detail[512];
	int line = 0;
	int r = env_parse(text, &out, &line, why, sizeof(why));
	const char *got = out.n > 0 ? out.v[out.n - 1] : NULL;
	int ok = kv == NULL ? r >= 0 && got == NULL :
	    r >= 1 && got != NULL && strcmp(got, kv) == 0;

	snprintf(detail, sizeof(detail), "got %d '%s' (%s)", r,
	    got ? got : "", why);
	report(ok, text, ok ? "" : detail);
	strv_free(&out);
}

/* An env text is refused at line with a reason that holds reason. */
static void
env_bad_at(const char *text, int at, const char *reason)
{
	struct strv out = { 0 };
	char why[256] = "", detail[512], what[300];
	int line = 0;
	int r = env_parse(text, &out, &line, why, sizeof(why));
	int ok = r == -1 && line == at && strstr(why, reason) != NULL;

	snprintf(what, sizeof(what), "env refuses %s", text);
	snprintf(detail, sizeof(detail), "got %d at line %d (%s)", r, line,
	    why);
	report(ok, what, ok ? "" : detail);
	strv_free(&out);
}

static void
env_bad(const char *text, const char *reason)
{
	env_bad_at(text, 1, reason);
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
	int got = signame_parse(s);

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
	int r = probespec_parse(s, &p, why, sizeof(why));
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
	setenv("GRPSUP_T", "tv", 1);
	unsetenv("GRPSUP_UNSET");
	env_ok("KEY=value", "KEY=value");
	env_ok("export KEY=value", "KEY=value");
	env_ok("export\tKEY=v", "KEY=v");
	env_ok("  _K1=x  ", "_K1=x");
	env_ok("K=", "K=");
	env_ok("K= spaced value ", "K=spaced value");
	env_ok("K = spaced", "K=spaced");
	env_ok("K\t=\t'tabs'", "K=tabs");
	env_ok("K=a#b", "K=a#b");
	env_ok("K=a #comment", "K=a");
	env_ok("K= #x", "K=#x");
	env_ok("K='single $HOME \\n \"'", "K=single $HOME \\n \"");
	env_ok("K=\"a\\nb\\tc\\\\d\\\"e\\r\\$f\\'g\"", "K=a\nb\tc\\d\"e\r$f'g");
	env_ok("K=\"C:\\path\\q\"", "K=C:\\path\\q");
	env_ok("K='x' # trailing comment", "K=x");
	env_ok("K=value\r\n", "K=value");
	env_ok("K==x", "K==x");
	env_ok("K=\"one\ntwo\"", "K=one\ntwo");
	env_ok("K='one\r\ntwo'", "K=one\ntwo");
	env_ok("A=1\nK=${A}/x", "K=1/x");
	env_ok("A=1\nK=$A/x", "K=1/x");
	env_ok("A=1\nK=\"$A ${A}\"", "K=1 1");
	env_ok("A=1\nK='$A ${A}'", "K=$A ${A}");
	env_ok("K=${GRPSUP_T}", "K=tv");
	env_ok("GRPSUP_T=file\nK=${GRPSUP_T}", "K=file");
	env_ok("K=${GRPSUP_UNSET}.", "K=.");
	env_ok("K=${GRPSUP_UNSET:-d}", "K=d");
	env_ok("K=${GRPSUP_UNSET-d}", "K=d");
	env_ok("E=\nK=${E:-d}", "K=d");
	env_ok("E=\nK=${E-d}.", "K=.");
	env_ok("K=${GRPSUP_T:+alt}", "K=alt");
	env_ok("K=${GRPSUP_UNSET:+alt}.", "K=.");
	env_ok("K=${GRPSUP_T+alt}", "K=alt");
	env_ok("K=${GRPSUP_UNSET:-${GRPSUP_T}}", "K=tv");
	env_ok("K=${GRPSUP_T:?needed}", "K=tv");
	env_ok("K=$$GRPSUP_T", "K=$GRPSUP_T");
	env_ok("K=\"\\$GRPSUP_T\"", "K=$GRPSUP_T");
	env_ok("K=a $ b $5 $-", "K=a $ b $5 $-");
	env_ok("K=`id`", "K=`id`");
	env_ok("GRPSUP_T", "GRPSUP_T=tv");
	env_ok("export GRPSUP_T # inherited", "GRPSUP_T=tv");
	env_ok("GRPSUP_UNSET", NULL);
	env_ok("", NULL);
	env_ok("   ", NULL);
	env_ok("# comment", NULL);
	env_ok("  # indented comment", NULL);
	env_bad("novalue here", "expected '=' after KEY 'novalue'");
	env_bad("1KEY=x", "a KEY cannot begin with a digit: '1KEY'");
	env_bad("K-EY=x", "invalid character '-' in KEY 'K-EY'");
	env_bad("K.EY: x", "invalid character '.' in KEY");
	env_bad("=x", "expected KEY=VALUE, not '=x'");
	env_bad("export ", "'export' names no KEY");
	env_bad("K='open", "unterminated single quote");
	env_bad("K=\"open", "unterminated double quote");
	env_bad_at("A=1\nB=\"open\nC=2\n", 2, "unterminated double quote");
	env_bad_at("A=1\nB=\"x\ny\"\nC=${1}", 4, "bad substitution '${1}'");
	env_bad("K=\"a\" b", "after the closing quote: 'b'");
	env_bad("K='a'b", "after the closing quote: 'b'");
	env_bad("K=$(id)", "command substitution");
	env_bad("K=\"$(id)\"", "command substitution");
	env_bad("K=${A", "unterminated '${A'");
	env_bad("K=${A%x}", "bad substitution '${A%x}'");
	env_bad("K=${GRPSUP_UNSET:?set it}", "GRPSUP_UNSET is not set: set it");
	env_bad("K=${GRPSUP_UNSET?}", "GRPSUP_UNSET is not set: a value is");
	env_bad("K=${A:-${A:-${A:-${A:-${A:-${A:-${A:-${A:-${A:-${A:-${A:-"
	    "${A:-${A:-${A:-${A:-${A:-${A:-${A:-${A:-${A:-${A:-${A:-${A:-${A:-"
	    "${A:-${A:-${A:-${A:-${A:-${A:-${A:-${A:-${A:-x}}}}}}}}}}}}}}}}}}}}"
	    "}}}}}}}}}}}}}", "nested more than 32");
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
	probe_is("log:^listening on :[0-9]{2,5}$", PROBE_LOG, NULL, NULL, NULL);
	probe_is("log:(a{255}){255}", PROBE_LOG, NULL, NULL, NULL);
	probe_is("log:[+*]+ \\++", PROBE_LOG, NULL, NULL, NULL);
	probe_is("log:a+++", PROBE_NONE, NULL, NULL, NULL);
	probe_is("log:a{2}{3}", PROBE_NONE, NULL, NULL, NULL);
	/* PCRE2 keeps a counted repetition as one count, not as copies */
	probe_is("log:((a{255}){255}){2}", PROBE_LOG, NULL, NULL, NULL);
	probe_is("log:a{256}", PROBE_LOG, NULL, NULL, NULL);
	probe_is("log:a{65536}", PROBE_NONE, NULL, NULL, NULL);
	/* what compiles to more than PCRE2's 64 KiB of code is refused */
	probe_is("log:((((((a{9999}){9999}){9999}){9999}){9999}){9999})",
	    PROBE_NONE, NULL, NULL, NULL);
	probe_is("log:^(a|a)*\\1$", PROBE_LOG, NULL, NULL, NULL);
	probe_is("log:(?<=a+)b", PROBE_NONE, NULL, NULL, NULL);
	probe_is("log:(", PROBE_NONE, NULL, NULL, NULL);
	probe_is("log:", PROBE_NONE, NULL, NULL, NULL);
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

static void
http_is(const char *reply, int want, int want_status)
{
	char detail[64];
	int status, r = probespec_http_status_ready(reply, strlen(reply), &status);

	snprintf(detail, sizeof(detail), "got %d, status %d", r, status);
	report(r == want && (want == -1 || status == want_status),
	    reply[0] ? reply : "(empty reply)", detail);
}

/*
 * A whole reply fed at once and byte by byte: complete (1) with
 * want_status, or refused (-1) with a reason holding reason; eof: the server
 * closes after it.
 */
static void
reply_is(const char *reply, int eof, int want, int want_status,
    const char *reason)
{
	struct http_reply h;
	char detail[160], what[120];
	size_t i, n = strlen(reply);
	int pass, r[2] = { 0, 0 };

	for (pass = 0; pass < 2; pass++) {
		httpreply_init(&h);
		if (pass == 0)
			r[0] = httpreply_feed(&h, reply, n);
		for (i = 0; pass == 1 && i < n && r[1] == 0; i++)
			r[1] = httpreply_feed(&h, reply + i, 1);
		if (eof && r[pass] == 0)
			r[pass] = httpreply_eof(&h);
		if (r[pass] != want || (want == 1 && h.status != want_status) ||
		    (want == -1 && strstr(h.error, reason) == NULL))
			break;
	}
	snprintf(what, sizeof(what), "reply %.80s", reply);
	snprintf(detail, sizeof(detail), "pass %d: got %d, status %d (%s)",
	    pass, pass < 2 ? r[pass] : 0, h.status, h.error ? h.error : "");
	report(pass == 2, what, pass == 2 ? "" : detail);
}

static void
reply_tests(void)
{
	reply_is("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", 0, 1, 200,
	    NULL);
	reply_is("HTTP/1.1 200 OK\r\ncontent-length:0\r\n\r\n", 0, 1, 200, NULL);
	reply_is("HTTP/1.1 404 Not Found\r\nContent-Length: 3\r\n\r\nno!", 0, 1,
	    404, NULL);
	reply_is("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
	    "5\r\nhello\r\nA;ext=1\r\n0123456789\r\n0\r\nTrailer: x\r\n\r\n",
	    0, 1, 200, NULL);
	reply_is("HTTP/1.0 200 OK\r\n\r\nbody to the close", 1, 1, 200, NULL);
	reply_is("HTTP/1.0 200 OK\n\nbare LF lines", 1, 1, 200, NULL);
	reply_is("HTTP/1.1 204 No Content\r\nContent-Length: 9\r\n\r\n", 0, 1,
	    204, NULL);
	reply_is("HTTP/1.1 304 Not Modified\r\n\r\n", 0, 1, 304, NULL);
	reply_is("HTTP/1.1 200 OK\r\nX-Long: "
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "\r\nContent-Length: 2\r\n\r\nok", 0, 1, 200, NULL);
	reply_is("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhel", 1, -1, 0,
	    "in the middle of the reply");
	reply_is("", 1, -1, 0, "closed without a reply");
	reply_is("SSH-2.0-OpenSSH_9.2\r\n", 0, -1, 0, "not HTTP");
	reply_is("HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n", 0, -1, 0,
	    "Content-Length is not a number");
	reply_is("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
	    0, -1, 0, "has no size");
	reply_is("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
	    "2\r\nabc\r\n", 0, -1, 0, "longer than its size");
	/* interim replies are skipped, as HTTP/1.1 requires */
	reply_is("HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n"
	    "\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", 0, 1, 200,
	    NULL);
	reply_is("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 102 Processing\r\n\r\n"
	    "HTTP/1.1 503 Busy\r\nContent-Length: 0\r\n\r\n", 0, 1, 503, NULL);
	reply_is("HTTP/1.1 103 Early Hints\r\n\r\n", 1, -1, 0,
	    "in the middle of the reply");
	reply_is("HTTP/1.1 299999999999 OK\r\n\r\n", 0, -1, 0, "not HTTP");
}

static void
http_tests(void)
{
	http_is("HTTP/1.1 200 OK\r\n", 1, 200);
	http_is("HTTP/1.0 204 No Content\r\n", 1, 204);
	http_is("HTTP/1.1 302 Found\r\n", 1, 302);
	http_is("HTTP/1.1 399", 1, 399);
	http_is("HTTP/1.1 404 Not Found\r\n", 0, 404);
	http_is("HTTP/1.1 503 Service Unavailable", 0, 503);
	http_is("HTTP/1.1 199 x", 0, 199);
	http_is("HTTP/2 200", 1, 200);
	http_is("HTTP/1.1 20", -1, 0);
	http_is("HTTP/1.1", -1, 0);
	http_is("HTT", -1, 0);
	http_is("", -1, 0);
	http_is("SSH-2.0-OpenSSH_9.2\r\n", 0, 0);
	http_is("HTTP/1.1 2x0 OK", 0, 0);
	http_is("HTTP/1.1 600 x", 0, 0);
	http_is("HTTP/1.1 2000 OK", 0, 0);
	http_is("HTTP/1.1 299999999999 OK", 0, 0);
	http_is("HTTP/1.1111111111 200", 0, 0);
}

static void
notify_is(const char *msg, int ready, const char *status)
{
	struct notify_message m;
	char detail[128];
	int ok;

	notify_parse(msg, strlen(msg), &m);
	ok = m.ready == ready && (status == NULL ? m.status == NULL :
	    m.status != NULL && m.status_len == strlen(status) &&
	    memcmp(m.status, status, m.status_len) == 0);
	snprintf(detail, sizeof(detail), "ready %d, status '%.*s'", m.ready,
	    m.status ? (int)m.status_len : 0, m.status ? m.status : "");
	report(ok, msg[0] ? msg : "(empty datagram)", detail);
}

static void
notify_tests(void)
{
	notify_is("READY=1", 1, NULL);
	notify_is("READY=1\n", 1, NULL);
	notify_is("STATUS=warming up\nREADY=1", 1, "warming up");
	notify_is("READY=1\nSTATUS=", 1, "");
	notify_is("READY=0", 0, NULL);
	notify_is("READY=10", 0, NULL);
	notify_is("XREADY=1", 0, NULL);
	notify_is("MAINPID=42\nWATCHDOG=1", 0, NULL);
	notify_is("STATUS=a\nSTATUS=b", 0, "b");
	notify_is("", 0, NULL);
}

/* names "a b c ...", after lists "a:b,c;b:c": check, and want why. */
static void
order_is(const char *names, const char *afters, const char *want)
{
	char *name[8], *copy = strdup(names), *tok, why[256] = "";
	struct strv lists[8];
	const struct strv *after[8];
	size_t n = 0, i, bad;
	const char *s;
	int r;

	memset(lists, 0, sizeof(lists));
	for (tok = strtok(copy, " "); tok != NULL && n < 8;
	    tok = strtok(NULL, " "))
		name[n++] = tok;
	for (i = 0; i < n; i++)
		after[i] = &lists[i];
	for (s = afters; *s != '\0'; ) {
		size_t len = strcspn(s, ";"), k = strcspn(s, ":");
		char list[64];

		snprintf(list, sizeof(list), "%.*s", (int)(len - k - 1),
		    s + k + 1);
		for (i = 0; i < n; i++)
			if (strlen(name[i]) == k && strncmp(name[i], s, k) == 0)
				(void)order_parse_list(list, &lists[i]);
		s += len + (s[len] == ';');
	}
	r = order_check(name, after, n, NULL, &bad, why, sizeof(why));
	report(want == NULL ? r == 0 : r == -1 && strcmp(why, want) == 0,
	    afters, why);
	for (i = 0; i < n; i++)
		strv_free(&lists[i]);
	free(copy);
}

static void
list_is(const char *list, int ok, size_t n)
{
	struct strv sv = { 0 };
	char what[128];
	int r = order_parse_list(list, &sv);

	snprintf(what, sizeof(what), "after list '%s'", list);
	report(ok ? r == 0 && sv.n == n : r == -1 && errno == EINVAL, what,
	    "");
	strv_free(&sv);
}

/*
 * A chain of n programs, each waiting for the one before, and (cycle) the
 * first waiting for the last: checked without the stack's depth, in order.
 */
static void
chain_is(size_t n, int cycle)
{
	char **names = calloc(n, sizeof(*names)), what[96], why[256] = "";
	struct strv *lists = calloc(n, sizeof(*lists));
	const struct strv **after = calloc(n, sizeof(*after));
	size_t **deps = calloc(n, sizeof(*deps)), i, bad = 7;
	int r, ok;

	for (i = 0; i < n; i++) {
		char name[32];

		snprintf(name, sizeof(name), "p%zu", i);
		names[i] = strdup(name);
		after[i] = &lists[i];
		if (i > 0)
			(void)strv_push(&lists[i], names[i - 1], (size_t)-1);
	}
	if (cycle)
		(void)strv_push(&lists[0], names[n - 1], (size_t)-1);
	r = order_check(names, after, n, deps, &bad, why, sizeof(why));
	ok = cycle ? r == -1 && strncmp(why, "after: dependency cycle: p", 26)
	    == 0 : r == 0 && deps[n - 1][0] == n - 2 && deps[1][0] == 0;
	snprintf(what, sizeof(what), "a chain of %zu programs%s", n,
	    cycle ? ", closed" : "");
	report(ok, what, why);
	for (i = 0; i < n; i++) {
		free(names[i]);
		strv_free(&lists[i]);
		if (r == 0)
			free(deps[i]);
	}
	free(names);
	free(lists);
	free(after);
	free(deps);
}

static void
order_tests(void)
{
	chain_is(50000, 0);
	chain_is(50000, 1);
	order_is("a b c", "c:a,b", NULL);
	order_is("a b c", "c:b;b:a", NULL);
	order_is("a b", "a:a", "after: 'a' cannot wait for itself");
	order_is("a b", "a:x", "after: no program named 'x'");
	order_is("a b", "a:b;b:a", "after: dependency cycle: a -> b -> a");
	order_is("a b c d", "a:b;b:c;c:d;d:b",
	    "after: dependency cycle: b -> c -> d -> b");
	order_is("a b c", "c:a;c:b", NULL);
	list_is("a", 1, 1);
	list_is(" a , b ,c ", 1, 3);
	list_is("a\tb", 0, 0);
	list_is("a,", 0, 0);
	list_is(",a", 0, 0);
	list_is("", 0, 0);
	list_is("a b", 0, 0);
	list_is("a,b/c", 0, 0);
}

static void
env_layers_tests(void)
{
	char *base[] = { (char *)"A=1", (char *)"NOTIFY_SOCKET=/run/x",
	    (char *)"B=2", NULL };
	char *unset[] = { (char *)"NOTIFY_SOCKET", (char *)"GONE", NULL };
	char *set[] = { (char *)"B=3", (char *)"C=4", NULL };
	char *const *layers[2] = { unset, set };
	char **env = env_build(base, layers, 2);
	char got[128] = "";
	size_t i;

	for (i = 0; env != NULL && env[i] != NULL; i++) {
		strcat(got, env[i]);
		strcat(got, " ");
	}
	report(strcmp(got, "A=1 B=3 C=4 ") == 0, "env layers: set, replace, "
	    "remove", got);
	free(env);
}

static void
on_signal(int sig)
{
	(void)sig;
}

/* The set read from /proc/self/status is what sigaction says, signal by signal. */
static void
changed_signals_tests(void)
{
	struct sigaction sa;
	char detail[64] = "";
	sigset_t set;
	int sig;

	/* as if run from a shell, also under nohup or as a background job */
	signal(SIGINT, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
	signal(SIGUSR1, SIG_IGN);
	signal(SIGTERM, on_signal);
	signal(SIGRTMIN + 5, on_signal);
	signal(SIGRTMAX, SIG_IGN);
	spawn_changed_signals(&set);
	for (sig = 1; sig < NSIG && detail[0] == '\0'; sig++) {
		int want;

		if (sig == SIGKILL || sig == SIGSTOP)
			continue;
		want = sigaction(sig, NULL, &sa) == 0 &&
		    sa.sa_handler != SIG_DFL;
		if (want != (sigismember(&set, sig) == 1))
			snprintf(detail, sizeof(detail), "signal %d", sig);
	}
	report(detail[0] == '\0' && sigismember(&set, SIGUSR1) == 1 &&
	    sigismember(&set, SIGRTMAX) == 1 && sigismember(&set, SIGINT) == 0,
	    "the signals a child must reset: caught and ignored ones", detail);
	signal(SIGUSR1, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGRTMIN + 5, SIG_DFL);
	signal(SIGRTMAX, SIG_DFL);
}

int
main(void)
{
	env_tests();
	duration_tests();
	signal_tests();
	probe_tests();
	http_tests();
	reply_tests();
	notify_tests();
	order_tests();
	env_layers_tests();
	changed_signals_tests();
	return nfailed != 0;
}
