/*
 * grpsup.conf (INI, through inih) parsed into a struct conf, and config_load,
 * which tells it from a Procfile (procfile.c) and has the whole checked
 * (confcheck.c) before anything starts.
 *
 * Debian's libinih is built with inih's defaults, three of which would make
 * grpsup quietly wrong: a value is cut at a ';' that follows a blank ("echo a
 * ; echo b" would run "echo a"), a line is cut at 200 bytes, and an indented
 * line continues the previous key. So inih reads through conf_reader below,
 * which hands it one logical line at a time and
 *   - counts lines (inih's own count is not passed to handlers);
 *   - drops indentation, so that indenting keys is only cosmetic;
 *   - shields a ';' after a blank as a control byte, put back in the value;
 *   - passes a key line too long for inih as "key=\x03" with its value aside;
 *   - checks the syntax itself, so that the first error is always the first
 *     in the file, with its line.
 */
#include <errno.h>
#include <strings.h>
#include <ini.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "confhint.h"
#include "confparse.h"
#include "duration.h"
#include "envfile.h"
#include "signame.h"
#include "text.h"

#ifndef INI_MAX_LINE
#define INI_MAX_LINE 200
#endif

#define SHIELD_SPACE '\001'
#define SHIELD_TAB '\002'
#define LONG_VALUE "\003"

static const struct {
	const char *name;
	unsigned char group, program, repeatable;
} keys[K_COUNT] = {
	[K_COMMAND] = { "command", 0, 1, 0 },
	[K_AFTER] = { "after", 0, 1, 0 },
	[K_READY] = { "ready", 0, 1, 0 },
	[K_READY_TIMEOUT] = { "ready-timeout", 0, 1, 0 },
	[K_READY_INTERVAL] = { "ready-interval", 0, 1, 0 },
	[K_READY_TRY_TIMEOUT] = { "ready-try-timeout", 0, 1, 0 },
	[K_ONESHOT] = { "oneshot", 0, 1, 0 },
	[K_STOP_SIGNAL] = { "stop-signal", 1, 1, 0 },
	[K_GRACE] = { "grace", 1, 1, 0 },
	[K_DIRECTORY] = { "directory", 0, 1, 0 },
	[K_USER] = { "user", 0, 1, 0 },
	[K_GROUP] = { "group", 0, 1, 0 },
	[K_ENV] = { "env", 0, 1, 1 },
	[K_ENV_FILE] = { "env-file", 1, 1, 1 },
	[K_OUTPUT] = { "output", 0, 1, 0 },
	[K_EXIT_CODE_FROM] = { "exit-code-from", 1, 0, 0 },
	[K_TIMEOUT] = { "timeout", 1, 0, 0 },
	[K_COLOR] = { "color", 1, 0, 0 },
	[K_TIMESTAMPS] = { "timestamps", 1, 0, 0 },
	[K_REPORT] = { "report", 1, 0, 0 },
	[K_FORWARD] = { "forward", 0, 1, 0 },
};

_Static_assert(K_COUNT <= CONF_KEYS, "struct conf: key_line too short");

/* "[grpsup]" or "[program:NAME]" (s is what lies between the brackets). */
static int
begin_section(struct parser *p, const char *s, size_t len)
{
	const char *hint;

	if (len == 6 && strncmp(s, "grpsup", 6) == 0) {
		if (p->group_line != 0)
			return confparse_fail(p, p->line, "section [grpsup] appears twice "
			    "(first on line %d)", p->group_line);
		p->group_line = p->line;
		p->section = S_GROUP;
		return 0;
	}
	if (len >= 8 && strncmp(s, "program:", 8) == 0) {
		p->section = S_PROGRAM;
		return confparse_add_program(p, s + 8, len - 8, p->line);
	}
	hint = confhint_section(s, len);
	p->section = S_SKIP;
	return confparse_unknown(p, "unknown section '[%.*s]' (use [grpsup] or "
	    "[program:NAME]%s%s)", (int)(len > 80 ? 80 : len), s, hint ? "; " :
	    "", hint ? hint : "");
}

/* Shield each ';' that follows a blank from inih's inline comments. */
static int
shield(struct parser *p, char *s)
{
	char *c;

	if (strpbrk(s, "\001\002\003") != NULL)
		return confparse_fail(p, p->line, "control character in the line");
	for (c = s + 1; *c != '\0'; c++)
		if (*c == ';' && confparse_is_blank(c[-1]))
			c[-1] = c[-1] == ' ' ? SHIELD_SPACE : SHIELD_TAB;
	return 0;
}

static void
unshield(char *s)
{
	for (; *s != '\0'; s++)
		if (*s == SHIELD_SPACE)
			*s = ' ';
		else if (*s == SHIELD_TAB)
			*s = '\t';
}

/* The logical line s (trimmed) checked, and made fit for inih into out. */
static int
prepare_line(struct parser *p, char *s, char *out, int size)
{
	size_t n = strlen(s), sep;

	if (*s == '\0' || *s == '#' || *s == ';')
		return snprintf(out, (size_t)size, "%s", n ? "#" : ""), 0;
	if (*s == '[') {
		char *end = strchr(s, ']'), *rest;

		if (end == NULL)
			return confparse_fail(p, p->line, "section without its ']'");
		rest = confparse_trim(end + 1);
		if (*rest != '\0' && *rest != '#' && *rest != ';')
			return confparse_fail(p, p->line, "unexpected text after ']'");
		if (begin_section(p, s + 1, (size_t)(end - s - 1)) == -1)
			return -1;
		return snprintf(out, (size_t)size, "%.*s", (int)(end - s + 1),
		    s), 0;
	}
	if ((sep = strcspn(s, "=:")) == n)
		return confparse_fail(p, p->line, "expected 'key = value' or '[section]'");
	if (p->section == S_NONE) {
		size_t k = sep;

		while (k > 0 && confparse_is_blank(s[k - 1]))
			k--;
		return confparse_fail(p, p->line, "'%.*s' is outside any section (begin "
		    "with [grpsup] or [program:NAME])", (int)(k > 40 ? 40 : k),
		    s);
	}
	if (shield(p, s) == -1)
		return -1;
	if (n < (size_t)size - 2) {
		memcpy(out, s, n + 1);
		return 0;
	}
	/* too long for inih: the value goes aside */
	free(p->long_value);
	if ((p->long_value = strdup(confparse_trim(s + sep + 1))) == NULL)
		return confparse_nomem(p);
	snprintf(out, (size_t)size, "%.*s=" LONG_VALUE, (int)(sep > 64 ? 64 :
	    sep), s);
	return 0;
}

/* inih's reader: one logical line, as fgets would give it. */
static char *
conf_reader(char *out, int size, void *arg)
{
	struct parser *p = arg;
	ssize_t n;

	if (confparse_failed(p) || (n = getline(&p->buf, &p->cap, p->f)) == -1)
		return NULL;
	p->line++;
	if (memchr(p->buf, '\0', (size_t)n) != NULL) {
		confparse_fail(p, p->line, "NUL byte in the line");
		return NULL;
	}
	if (n > 0 && p->buf[n - 1] == '\n')
		p->buf[n - 1] = '\0';
	if (prepare_line(p, confparse_trim(p->buf), out, size) == -1)
		return NULL;
	return out;
}

static int
find_key(const char *name)
{
	int k;

	for (k = 0; k < K_COUNT; k++)
		if (strcmp(keys[k].name, name) == 0)
			return k;
	return -1;
}

static int
parse_bool(const char *v)
{
	static const char *const yes[] = { "true", "yes", "on", "1" };
	static const char *const no[] = { "false", "no", "off", "0" };
	size_t i;

	for (i = 0; i < 4; i++) {
		if (strcasecmp(v, yes[i]) == 0)
			return 1;
		if (strcasecmp(v, no[i]) == 0)
			return 0;
	}
	return -1;
}

static int
set_duration(struct parser *p, const char *key, const char *v, int64_t *ms,
    int positive)
{
	char why[256];
	int r = duration_parse(v, ms), err = r == 0 ? 0 : errno;

	if (r == 0 && (!positive || *ms > 0))
		return 0;
	return confparse_fail(p, p->line, "%s: %s", key, duration_error(v, err, positive,
	    why, sizeof(why)));
}

static int
add_after(struct parser *p, struct program_settings *cp, const char *v)
{
	if (settings_add_after(cp, v) == 0)
		return 0;
	if (errno == ENOMEM)
		return confparse_nomem(p);
	return confparse_fail(p, p->line, "after: invalid list '%.80s' (program names "
	    "separated by commas)", v);
}

static int
set_signal(struct parser *p, int *sig, const char *v)
{
	char hint[48];

	if ((*sig = signame_parse(v)) == -1)
		return confparse_fail(p, p->line, "stop-signal: invalid signal "
		    "'%.40s'%s", v, signame_hint(v, hint, sizeof(hint)));
	return 0;
}

static int
set_group_key(struct parser *p, int k, const char *v)
{
	struct conf *c = p->c;
	int b;

	switch (k) {
	case K_GRACE: return set_duration(p, "grace", v, &c->grace_ms, 0);
	case K_TIMEOUT: return set_duration(p, "timeout", v, &c->timeout_ms,
	    1);
	case K_STOP_SIGNAL: return set_signal(p, &c->stop_signal, v);
	case K_EXIT_CODE_FROM: return confparse_set_string(p, &c->exit_code_from, v);
	case K_ENV_FILE: return confenv_file(p, v, &c->env);
	case K_REPORT:
		if ((c->report = confparse_resolve_path(p, v)) == NULL)
			return confparse_nomem(p);
		return 0;
	case K_COLOR:
		if ((c->color = settings_color_parse(v)) == -1)
			return confparse_fail(p, p->line, "color: '%.40s' is not auto, "
			    "always or never", v);
		return 0;
	case K_TIMESTAMPS:
		if ((b = parse_bool(v)) == -1)
			return confparse_fail(p, p->line, "timestamps: '%.40s' is not "
			    "true or false", v);
		c->timestamps = b;
		return 0;
	}
	return 0;
}

static int
set_output(struct parser *p, struct program_settings *cp, const char *v)
{
	int mode = settings_output_mode_parse(v);

	if (mode == -1)
		return confparse_fail(p, p->line, "output: '%.40s' is not label, raw or "
		    "null", v);
	cp->output = (enum output_mode)mode;
	return 0;
}

static int
set_ready(struct parser *p, struct program_settings *cp, const char *v)
{
	char why[256];

	if (settings_set_ready(cp, v, why, sizeof(why)) == 0)
		return 0;
	if (errno == ENOMEM)
		return confparse_nomem(p);
	return confparse_fail(p, p->line, "ready: %s", why);
}

static int
set_forward(struct parser *p, struct program_settings *cp, const char *v)
{
	char why[256];

	if (settings_set_forward(cp, v, why, sizeof(why)) == 0)
		return 0;
	return confparse_fail(p, p->line, "forward: %s", why);
}

static int
set_program_key(struct parser *p, int k, const char *v)
{
	struct program_settings *cp = confparse_current(p);
	struct conf_where *w = confparse_current_where(p);
	int b;

	switch (k) {
	case K_COMMAND:
		if (*v == '\0')
			return confparse_fail(p, p->line, "command is empty");
		return confparse_set_string(p, &cp->command, v);
	case K_AFTER: return add_after(p, cp, v);
	case K_READY: return set_ready(p, cp, v);
	case K_READY_TIMEOUT: return set_duration(p, "ready-timeout", v,
	    &cp->ready_timeout_ms, 1);
	case K_READY_INTERVAL: return set_duration(p, "ready-interval", v,
	    &cp->ready_interval_ms, 1);
	case K_READY_TRY_TIMEOUT: return set_duration(p, "ready-try-timeout", v,
	    &cp->ready_try_ms, 1);
	case K_ONESHOT:
		if ((b = parse_bool(v)) == -1)
			return confparse_fail(p, p->line, "oneshot: '%.40s' is not true "
			    "or false", v);
		cp->oneshot = b;
		return 0;
	case K_STOP_SIGNAL: return set_signal(p, &cp->stop_signal, v);
	case K_GRACE: return set_duration(p, "grace", v, &cp->grace_ms, 0);
	case K_DIRECTORY:
		if ((cp->directory = confparse_resolve_path(p, v)) == NULL)
			return confparse_nomem(p);
		return 0;
	case K_USER: return confparse_set_string(p, &w->user, v);
	case K_GROUP: return confparse_set_string(p, &w->group, v);
	case K_ENV: return confenv_line(p, w, v);
	case K_ENV_FILE: return confenv_file(p, v, &cp->env);
	case K_OUTPUT: return set_output(p, cp, v);
	case K_FORWARD: return set_forward(p, cp, v);
	}
	return 0;
}

/* Said with the section it is in and what was most likely meant. */
static int
unknown_key(struct parser *p, const char *name)
{
	const char *known[K_COUNT];
	unsigned char in_group[K_COUNT], in_prog[K_COUNT];
	char buf[160];
	const char *hint;
	int k;

	for (k = 0; k < K_COUNT; k++) {
		known[k] = keys[k].name;
		in_group[k] = keys[k].group;
		in_prog[k] = keys[k].program;
	}
	hint = confhint_key(name, p->section == S_GROUP, known, in_group,
	    in_prog, K_COUNT, buf, sizeof(buf));
	if (p->section == S_GROUP)
		return confparse_unknown(p, "unknown key '%.40s' in [grpsup]%s%s", name,
		    hint ? ": " : "", hint ? hint : "");
	return confparse_unknown(p, "unknown key '%.40s' in [program:%s]%s%s", name,
	    confparse_current(p)->name, hint ? ": " : "", hint ? hint : "");
}

static int
conf_handler(void *arg, const char *section, const char *name,
    const char *value)
{
	struct parser *p = arg;
	char why[200], *v;
	int *seen, k;

	(void)section;
	if (confparse_failed(p))
		return 0;
	if (p->section == S_SKIP)
		return 1;
	if ((k = find_key(name)) == -1 || (p->section == S_GROUP ?
	    !keys[k].group : !keys[k].program))
		return unknown_key(p, name) == 0;
	seen = p->section == S_GROUP ? &p->c->key_line[k] :
	    &confparse_current_where(p)->key_line[k];
	if (*seen != 0 && !keys[k].repeatable)
		return confparse_fail(p, p->line, "duplicate key '%s' (first on line %d)",
		    name, *seen), 0;
	*seen = p->line;
	v = strcmp(value, LONG_VALUE) == 0 ? p->long_value : (char *)value;
	unshield(v);
	if (confhint_supervisord_expansion(v, why, sizeof(why)) == -1)
		return confparse_fail(p, p->line, "%s: %s", name, why), 0;
	if (p->section == S_GROUP)
		return set_group_key(p, k, v) == 0;
	return set_program_key(p, k, v) == 0;
}

static int
parse_ini(struct parser *p)
{
	int r = ini_parse_stream(conf_reader, p, conf_handler, p);

	if (confparse_report_unknown(p) == -1)
		return -1;
	if (r != 0)	/* conf_reader checks first: not expected */
		return confparse_fail(p, r, "syntax error");
	return 0;
}

/* INI when a line begins with '[', which no Procfile line does. */
static int
looks_like_ini(FILE *f)
{
	char *buf = NULL;
	size_t cap = 0;
	int ini = 0;

	while (!ini && getline(&buf, &cap, f) != -1)
		ini = buf[strspn(buf, " \t")] == '[';
	free(buf);
	rewind(f);
	return ini;
}

int
config_load(const char *path, struct conf *c, struct conf_error *e)
{
	struct parser p = { .c = c, .e = e };
	const char *name = strcmp(path, "-") == 0 ? "stdin" : path;
	size_t len;
	char *text;
	int r;

	conf_init(c);
	memset(e, 0, sizeof(*e));
	snprintf(e->file, sizeof(e->file), "%s", name);
	if ((c->path = strdup(name)) == NULL ||
	    (p.dir = confparse_folder_of(path)) == NULL) {
		r = confparse_nomem(&p);
	} else if (confparse_read_whole(path, &text, &len, &c->notices) == -1) {
		r = confparse_fail(&p, 0, "%s", confparse_read_error(errno));
		free(text);
	} else if ((p.f = fmemopen(text, len, "r")) == NULL) {
		r = confparse_nomem(&p);
		free(text);
	} else {
		r = looks_like_ini(p.f) ? parse_ini(&p) : procfile_parse(&p);
		if (r == 0 && c->procfile)
			r = confenv_load_dotenv(&p);
		if (r == 0 && ferror(p.f))
			r = confparse_fail(&p, 0, "%s", strerror(EIO));
		if (r == 0)
			r = confcheck_validate(&p);
		if (r == 0)
			r = confenv_append_lines(&p);
		fclose(p.f);
		free(text);
	}
	free(p.buf);
	free(p.dir);
	free(p.long_value);
	strv_free(&p.unknown);
	nametable_free(&p.names);
	if (r == -1)
		conf_free(c);
	return r;
}
