/*
 * The per-program options of the command line (--ready, --after, --oneshot,
 * --grace, ...): NAME=VALUE read and applied to the named programs.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/duration.h"
#include "../lib/settings.h"
#include "../lib/signame.h"
#include "names.h"
#include "starts.h"

/* What the command line changed in a program, to blame the right option. */
#define SET_READY 1
#define SET_AFTER 2
#define SET_ONESHOT 4

static const char *
option_of(int kind)
{
	switch (kind) {
	case 'r': return "--ready";
	case 'a': return "--after";
	case 'f': return "--forward";
	case 'g': return "--grace";
	case 's': return "--stop-signal";
	case 'T': return "--ready-timeout";
	case 'I': return "--ready-interval";
	case 'Y': return "--ready-try-timeout";
	default: return "--oneshot";
	}
}

/*
 * --grace, --stop-signal, --ready-timeout, --ready-interval,
 * --ready-try-timeout NAME=VALUE: NAME's own.
 */
static int
set_stop(struct program_settings *cp, int kind, const char *v, char *err,
    size_t len)
{
	char why[256];
	int64_t ms;

	if (kind == 's') {
		if ((cp->stop_signal = signame_parse(v)) != -1)
			return 0;
		snprintf(err, len, "--stop-signal: %s: invalid signal '%.40s'%s",
		    cp->name, v, signame_hint(v, why, sizeof(why)));
		return -1;
	}
	int r = duration_parse(v, &ms), e = r == 0 ? 0 : errno;

	if (r == 0 && (kind == 'g' || ms > 0)) {
		*(kind == 'g' ? &cp->grace_ms : kind == 'T' ?
		    &cp->ready_timeout_ms : kind == 'I' ? &cp->ready_interval_ms :
		    &cp->ready_try_ms) = ms;
		return 0;
	}
	snprintf(err, len, "%s: %s: %s", option_of(kind), cp->name,
	    duration_error(v, e, kind != 'g', why, sizeof(why)));
	return -1;
}

static int
set_ready(struct program_settings *cp, const char *probe, char *err,
    size_t len)
{
	char why[256];

	if (settings_set_ready(cp, probe, why, sizeof(why)) == 0)
		return 0;
	if (errno == ENOMEM)
		snprintf(err, len, "%s", strerror(errno));
	else
		snprintf(err, len, "--ready: %s: %s", cp->name, why);
	return -1;
}

static int
add_after(struct program_settings *cp, int first, const char *list, char *err,
    size_t len)
{
	if (first)
		strv_free(&cp->after);
	if (settings_add_after(cp, list) == 0)
		return 0;
	if (errno == ENOMEM)
		snprintf(err, len, "%s", strerror(errno));
	else
		snprintf(err, len, "--after: %s: invalid list '%.80s' (program "
		    "names separated by commas)", cp->name, list);
	return -1;
}

static int
apply_one(struct conf *c, const struct start_option *s, int *set, char *err,
    size_t len)
{
	const char *opt = option_of(s->kind), *eq = strchr(s->arg, '=');
	char why[256];
	size_t nlen = s->kind == 'o' ? strlen(s->arg) : eq ? (size_t)(eq -
	    s->arg) : 0;
	struct program_settings *cp;

	if (s->kind != 'o' && eq == NULL) {
		snprintf(err, len, "%s: expected NAME=%s, not '%.80s'", opt,
		    s->kind == 'r' ? "PROBE" : s->kind == 'f' ? "SIG[,SIG]" :
		    s->kind == 'a' ? "DEP[,DEP]" : s->kind == 's' ? "SIG" :
		    "DURATION", s->arg);
		return -1;
	}
	if ((cp = conf_find_program(c, s->arg, nlen)) == NULL) {
		snprintf(err, len, "%s: no program named '%.*s'%s", opt,
		    (int)(nlen > 64 ? 64 : nlen), s->arg, names_hint(c, s->arg,
		    nlen, why, sizeof(why)));
		return -1;
	}
	switch (s->kind) {
	case 'g':
	case 's':
	case 'T':
	case 'I':
	case 'Y':
		return set_stop(cp, s->kind, eq + 1, err, len);
	case 'f':
		if (settings_set_forward(cp, eq + 1, why, sizeof(why)) == 0)
			return 0;
		snprintf(err, len, "--forward: %s: %s", cp->name, why);
		return -1;
	case 'r':
		set[cp - c->progs] |= SET_READY;
		return set_ready(cp, eq + 1, err, len);
	case 'a':
		if (add_after(cp, !(set[cp - c->progs] & SET_AFTER), eq + 1,
		    err, len) == -1)
			return -1;
		set[cp - c->progs] |= SET_AFTER;
		return 0;
	default:
		set[cp - c->progs] |= SET_ONESHOT;
		cp->oneshot = 1;
		return 0;
	}
}

static int
check_order(struct conf *c, char *err, size_t len)
{
	char why[256];
	size_t bad;

	if (settings_order(c->progs, c->nprogs, NULL, &bad, why,
	    sizeof(why)) == 0)
		return 0;
	snprintf(err, len, "--after: %s: %s", c->progs[bad].name, why +
	    (strncmp(why, "after: ", 7) == 0 ? 7 : 0));
	return -1;
}

static int
check_oneshots(const struct conf *c, const int *set, char *err, size_t len)
{
	size_t i;

	for (i = 0; i < c->nprogs; i++) {
		const struct program_settings *cp = &c->progs[i];

		if (!settings_oneshot_probe(cp))
			continue;
		snprintf(err, len, "%s: '%s' is a oneshot with a probe (%.80s): "
		    "a oneshot is ready when it exits 0",
		    set[i] & SET_READY ? "--ready" : "--oneshot", cp->name,
		    cp->ready);
		return -1;
	}
	return 0;
}

int
starts_apply(struct conf *c, const struct options *o, char *err, size_t len)
{
	int *set, after_set = 0, r = 0;
	size_t i;

	if (o->nstarts == 0)
		return 0;
	if ((set = calloc(c->nprogs, sizeof(*set))) == NULL) {
		snprintf(err, len, "%s", strerror(errno));
		return -1;
	}
	for (i = 0; r == 0 && i < o->nstarts; i++) {
		r = apply_one(c, &o->starts[i], set, err, len);
		after_set |= o->starts[i].kind == 'a';
	}
	if (r == 0 && after_set)
		r = check_order(c, err, len);
	if (r == 0)
		r = check_oneshots(c, set, err, len);
	free(set);
	return r;
}
