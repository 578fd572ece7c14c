/*
 * grpsup.conf (INI, through inih) and Procfile: parsed into a struct conf and
 * validated whole before anything starts.
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
#include <stdarg.h>
#include <strings.h>
#include <ini.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "command.h"
#include "config.h"
#include "duration.h"
#include "envfile.h"
#include "output.h"
#include "order.h"
#include "probe.h"
#include "signame.h"

#ifndef INI_MAX_LINE
#define INI_MAX_LINE 200
#endif

#define SHIELD_SPACE '\001'
#define SHIELD_TAB '\002'
#define LONG_VALUE "\003"

enum key {
	K_COMMAND, K_AFTER, K_READY, K_READY_TIMEOUT, K_ONESHOT, K_STOP_SIGNAL,
	K_GRACE, K_DIRECTORY, K_USER, K_GROUP, K_ENV, K_ENV_FILE, K_OUTPUT,
	K_EXIT_CODE_FROM, K_TIMEOUT, K_COLOR, K_TIMESTAMPS, K_REPORT, K_COUNT
};

static const struct {
	const char *name;
	unsigned char group, program, repeatable;
} keys[K_COUNT] = {
	[K_COMMAND] = { "command", 0, 1, 0 },
	[K_AFTER] = { "after", 0, 1, 0 },
	[K_READY] = { "ready", 0, 1, 0 },
	[K_READY_TIMEOUT] = { "ready-timeout", 0, 1, 0 },
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
};

_Static_assert(K_COUNT <= CONF_KEYS, "struct conf: key_line too short");

enum section { S_NONE, S_GROUP, S_PROGRAM };

struct parser {
	struct conf *c;
	struct conf_error *e;
	FILE *f;
	char *dir;		/* the file's folder, for relative paths */
	int line;
	enum section section;
	int group_line;		/* of [grpsup], 0: none yet */
	char *buf;		/* getline's */
	size_t cap;
	char *long_value;	/* the value of a line too long for inih */
};

static int
fail(struct parser *p, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
fail(struct parser *p, int line, const char *fmt, ...)
{
	va_list ap;
	char *s;

	if (p->e->msg[0] != '\0')
		return -1;	/* the first error stands */
	p->e->line = line;
	va_start(ap, fmt);
	vsnprintf(p->e->msg, sizeof(p->e->msg), fmt, ap);
	va_end(ap);
	/* the file's bytes quoted in it must not move a terminal's cursor */
	for (s = p->e->msg; *s != '\0'; s++)
		if (((unsigned char)*s < 0x20 && *s != '\t') || *s == 0x7f)
			*s = '?';
	return -1;
}

static int
failed(const struct parser *p)
{
	return p->e->msg[0] != '\0';
}

static int
nomem(struct parser *p)
{
	return fail(p, 0, "%s", strerror(ENOMEM));
}

static int
is_blank(int c)
{
	return c == ' ' || c == '\t';
}

static char *
trim(char *s)
{
	size_t n;

	while (is_blank(*s))
		s++;
	n = strlen(s);
	while (n > 0 && (is_blank(s[n - 1]) || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

/* path as given when absolute, else from the file's folder. */
static char *
resolve_path(const struct parser *p, const char *path)
{
	char *full;

	if (path[0] == '/' || strcmp(p->dir, ".") == 0)
		return strdup(path);
	if (asprintf(&full, "%s/%s", p->dir, path) == -1)
		return NULL;
	return full;
}

static struct conf_program *
current(struct parser *p)
{
	return &p->c->progs[p->c->nprogs - 1];
}

static struct conf_program *
find_program(struct conf *c, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < c->nprogs; i++)
		if (strlen(c->progs[i].name) == len &&
		    strncmp(c->progs[i].name, name, len) == 0)
			return &c->progs[i];
	return NULL;
}

/* A new program named name (len bytes), defined at line. */
static int
add_program(struct parser *p, const char *name, size_t len, int line)
{
	struct conf *c = p->c;
	struct conf_program *cp;

	if (!name_is_valid_n(name, len))
		return fail(p, line, "invalid program name '%.*s' (1 to %d of "
		    "A-Z a-z 0-9 _ . -)", (int)(len > 80 ? 80 : len), name,
		    NAME_MAX_LEN);
	if ((cp = find_program(c, name, len)) != NULL)
		return fail(p, line, "program '%.*s' is defined twice (first "
		    "on line %d)", (int)len, name, cp->line);
	if (c->nprogs == c->cap) {
		size_t cap = c->cap ? 2 * c->cap : 8;
		struct conf_program *v = realloc(c->progs, cap * sizeof(*v));

		if (v == NULL)
			return nomem(p);
		c->progs = v;
		c->cap = cap;
	}
	cp = &c->progs[c->nprogs];
	memset(cp, 0, sizeof(*cp));
	if ((cp->name = strndup(name, len)) == NULL)
		return nomem(p);
	c->nprogs++;
	cp->line = line;
	cp->grace_ms = -1;
	cp->ready_timeout_ms = -1;
	cp->output = OUTPUT_LABEL;
	return 0;
}

/* "[grpsup]" or "[program:NAME]" (s is what lies between the brackets). */
static int
begin_section(struct parser *p, const char *s, size_t len)
{
	if (len == 6 && strncmp(s, "grpsup", 6) == 0) {
		if (p->group_line != 0)
			return fail(p, p->line, "section [grpsup] appears twice "
			    "(first on line %d)", p->group_line);
		p->group_line = p->line;
		p->section = S_GROUP;
		return 0;
	}
	if (len >= 8 && strncmp(s, "program:", 8) == 0) {
		p->section = S_PROGRAM;
		return add_program(p, s + 8, len - 8, p->line);
	}
	return fail(p, p->line, "unknown section '[%.*s]' (use [grpsup] or "
	    "[program:NAME])", (int)(len > 80 ? 80 : len), s);
}

/* Shield each ';' that follows a blank from inih's inline comments. */
static int
shield(struct parser *p, char *s)
{
	char *c;

	if (strpbrk(s, "\001\002\003") != NULL)
		return fail(p, p->line, "control character in the line");
	for (c = s + 1; *c != '\0'; c++)
		if (*c == ';' && is_blank(c[-1]))
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
			return fail(p, p->line, "section without its ']'");
		rest = trim(end + 1);
		if (*rest != '\0' && *rest != '#' && *rest != ';')
			return fail(p, p->line, "unexpected text after ']'");
		if (begin_section(p, s + 1, (size_t)(end - s - 1)) == -1)
			return -1;
		return snprintf(out, (size_t)size, "%.*s", (int)(end - s + 1),
		    s), 0;
	}
	if ((sep = strcspn(s, "=:")) == n)
		return fail(p, p->line, "expected 'key = value' or '[section]'");
	if (p->section == S_NONE) {
		size_t k = sep;

		while (k > 0 && is_blank(s[k - 1]))
			k--;
		return fail(p, p->line, "'%.*s' is outside any section (begin "
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
	if ((p->long_value = strdup(trim(s + sep + 1))) == NULL)
		return nomem(p);
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

	if (failed(p) || (n = getline(&p->buf, &p->cap, p->f)) == -1)
		return NULL;
	p->line++;
	if (memchr(p->buf, '\0', (size_t)n) != NULL) {
		fail(p, p->line, "NUL byte in the line");
		return NULL;
	}
	if (n > 0 && p->buf[n - 1] == '\n')
		p->buf[n - 1] = '\0';
	if (prepare_line(p, trim(p->buf), out, size) == -1)
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
	return fail(p, p->line, "%s: %s", key, duration_error(v, err, positive,
	    why, sizeof(why)));
}

static int
set_string(struct parser *p, char **dst, const char *v)
{
	if ((*dst = strdup(v)) == NULL)
		return nomem(p);
	return 0;
}

static int
load_env_file(struct parser *p, const char *v, struct strv *into)
{
	char why[256];
	char *path = resolve_path(p, v);
	int line, r;

	if (path == NULL)
		return nomem(p);
	if ((r = envfile_load(path, into, &line, why, sizeof(why))) == -1) {
		if (line == 0)
			fail(p, p->line, "env-file '%s': %s", v, why);
		else {	/* the env file's own line is the useful one */
			snprintf(p->e->file, sizeof(p->e->file), "%s", path);
			fail(p, line, "%s", why);
		}
	}
	free(path);
	return r;
}

/* "KEY=VALUE" of an env line, taken literally. */
static int
add_env_line(struct parser *p, struct strv *into, const char *v)
{
	size_t k = envfile_key_length(v, strlen(v));

	if (k == 0 || v[k] != '=')
		return fail(p, p->line, "env: expected KEY=VALUE, not '%.80s'",
		    v);
	return strv_push(into, v, (size_t)-1) == -1 ? nomem(p) : 0;
}

static int
add_after(struct parser *p, struct strv *after, const char *v)
{
	if (order_parse_list(v, after) == 0)
		return 0;
	if (errno == ENOMEM)
		return nomem(p);
	return fail(p, p->line, "after: invalid list '%.80s' (program names "
	    "separated by commas)", v);
}

static int
set_signal(struct parser *p, int *sig, const char *v)
{
	if ((*sig = signal_parse(v)) == -1)
		return fail(p, p->line, "stop-signal: invalid signal '%.40s'",
		    v);
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
	case K_EXIT_CODE_FROM: return set_string(p, &c->exit_code_from, v);
	case K_ENV_FILE: return load_env_file(p, v, &c->env);
	case K_REPORT:
		if ((c->report = resolve_path(p, v)) == NULL)
			return nomem(p);
		return 0;
	case K_COLOR:
		if ((c->color = color_parse(v)) == -1)
			return fail(p, p->line, "color: '%.40s' is not auto, "
			    "always or never", v);
		return 0;
	case K_TIMESTAMPS:
		if ((b = parse_bool(v)) == -1)
			return fail(p, p->line, "timestamps: '%.40s' is not "
			    "true or false", v);
		c->timestamps = b;
		return 0;
	}
	return 0;
}

static int
set_output(struct parser *p, struct conf_program *cp, const char *v)
{
	if (strcmp(v, "label") == 0)
		cp->output = OUTPUT_LABEL;
	else if (strcmp(v, "raw") == 0)
		cp->output = OUTPUT_RAW;
	else if (strcmp(v, "null") == 0)
		cp->output = OUTPUT_NULL;
	else
		return fail(p, p->line, "output: '%.40s' is not label, raw or "
		    "null", v);
	return 0;
}

static int
set_ready(struct parser *p, struct conf_program *cp, const char *v)
{
	struct probe_spec spec;
	char why[256];

	if (probe_parse(v, &spec, why, sizeof(why)) == -1)
		return fail(p, p->line, "ready: %s", why);
	return set_string(p, &cp->ready, v);
}

static int
set_program_key(struct parser *p, int k, const char *v)
{
	struct conf_program *cp = current(p);
	int b;

	switch (k) {
	case K_COMMAND:
		if (*v == '\0')
			return fail(p, p->line, "command is empty");
		return set_string(p, &cp->command, v);
	case K_AFTER: return add_after(p, &cp->after, v);
	case K_READY: return set_ready(p, cp, v);
	case K_READY_TIMEOUT: return set_duration(p, "ready-timeout", v,
	    &cp->ready_timeout_ms, 1);
	case K_ONESHOT:
		if ((b = parse_bool(v)) == -1)
			return fail(p, p->line, "oneshot: '%.40s' is not true "
			    "or false", v);
		cp->oneshot = b;
		return 0;
	case K_STOP_SIGNAL: return set_signal(p, &cp->stop_signal, v);
	case K_GRACE: return set_duration(p, "grace", v, &cp->grace_ms, 0);
	case K_DIRECTORY:
		if ((cp->directory = resolve_path(p, v)) == NULL)
			return nomem(p);
		return 0;
	case K_USER: return set_string(p, &cp->user, v);
	case K_GROUP: return set_string(p, &cp->group, v);
	case K_ENV: return add_env_line(p, &cp->line_env, v);
	case K_ENV_FILE: return load_env_file(p, v, &cp->file_env);
	case K_OUTPUT: return set_output(p, cp, v);
	}
	return 0;
}

static int
conf_handler(void *arg, const char *section, const char *name,
    const char *value)
{
	struct parser *p = arg;
	int *seen, k;
	char *v;

	(void)section;
	if (failed(p))
		return 0;
	if ((k = find_key(name)) == -1 || (p->section == S_GROUP ?
	    !keys[k].group : !keys[k].program))
		return fail(p, p->line, "unknown key '%.40s' in %s", name,
		    p->section == S_GROUP ? "[grpsup]" : "a [program:NAME]"),
		    0;
	seen = p->section == S_GROUP ? &p->c->key_line[k] :
	    &current(p)->key_line[k];
	if (*seen != 0 && !keys[k].repeatable)
		return fail(p, p->line, "duplicate key '%s' (first on line %d)",
		    name, *seen), 0;
	*seen = p->line;
	v = strcmp(value, LONG_VALUE) == 0 ? p->long_value : (char *)value;
	unshield(v);
	if (p->section == S_GROUP)
		return set_group_key(p, k, v) == 0;
	return set_program_key(p, k, v) == 0;
}

/* One Procfile line, trimmed: "name: command". */
static int
procfile_line(struct parser *p, char *s)
{
	size_t n = strcspn(s, ":");
	char *cmd;

	if (*s == '\0' || *s == '#')
		return 0;
	if (s[n] == '\0')
		return fail(p, p->line, "expected 'name: command'");
	while (n > 0 && is_blank(s[n - 1]))
		n--;
	if (add_program(p, s, n, p->line) == -1)
		return -1;
	cmd = trim(strchr(s, ':') + 1);
	if (*cmd == '\0')
		return fail(p, p->line, "command is empty");
	return set_string(p, &current(p)->command, cmd);
}

static int
parse_procfile(struct parser *p)
{
	ssize_t n;

	while ((n = getline(&p->buf, &p->cap, p->f)) != -1) {
		p->line++;
		if (memchr(p->buf, '\0', (size_t)n) != NULL)
			return fail(p, p->line, "NUL byte in the line");
		if (n > 0 && p->buf[n - 1] == '\n')
			p->buf[n - 1] = '\0';
		if (procfile_line(p, trim(p->buf)) == -1)
			return -1;
	}
	return 0;
}

static int
parse_ini(struct parser *p)
{
	int r = ini_parse_stream(conf_reader, p, conf_handler, p);

	if (failed(p))
		return -1;
	if (r != 0)	/* conf_reader checks first: not expected */
		return fail(p, r, "syntax error");
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
conf_check_order(const struct conf *c, size_t *bad, char *why, size_t len)
{
	char **names = calloc(c->nprogs + 1, sizeof(*names));
	const struct strv **after = calloc(c->nprogs + 1, sizeof(*after));
	size_t i;
	int r = -1;

	*bad = 0;
	if (names == NULL || after == NULL) {
		snprintf(why, len, "%s", strerror(ENOMEM));
	} else {
		for (i = 0; i < c->nprogs; i++) {
			names[i] = c->progs[i].name;
			after[i] = &c->progs[i].after;
		}
		r = order_check(names, after, c->nprogs, bad, why, len);
	}
	free(names);
	free(after);
	return r;
}

/* The start order: names that exist, no program waiting for itself, no cycle. */
static int
check_order(struct parser *p)
{
	char why[512];
	size_t bad;

	if (conf_check_order(p->c, &bad, why, sizeof(why)) == -1)
		return fail(p, p->c->progs[bad].key_line[K_AFTER], "%s", why);
	return 0;
}

/* A oneshot is ready when it exits 0: a probe would contradict that. */
static int
check_oneshot(struct parser *p, struct conf_program *cp)
{
	if (cp->oneshot && cp->ready != NULL)
		return fail(p, cp->key_line[K_READY], "ready: '%s' is a "
		    "oneshot: it is ready when it exits 0, with no probe",
		    cp->name);
	return 0;
}

static int
check_directory(struct parser *p, struct conf_program *cp)
{
	struct stat st;

	if (cp->directory == NULL)
		return 0;
	if (stat(cp->directory, &st) == -1)
		return fail(p, cp->key_line[K_DIRECTORY], "directory '%s': %s",
		    cp->directory, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return fail(p, cp->key_line[K_DIRECTORY], "directory '%s': "
		    "not a directory", cp->directory);
	return 0;
}

static int
check_identity(struct parser *p, struct conf_program *cp)
{
	char why[256];
	int group_fault;

	if (cp->user == NULL && cp->group == NULL)
		return 0;
	if (identity_resolve(cp->user, cp->group, &cp->id, &group_fault, why,
	    sizeof(why)) == -1)
		return fail(p, cp->key_line[group_fault ? K_GROUP : K_USER],
		    "%s", why);
	return 0;
}

/* Everything that needs the whole file, in the file's order. */
static int
validate(struct parser *p)
{
	struct conf *c = p->c;
	size_t i;

	if (c->nprogs == 0)
		return fail(p, 0, "no programs");
	for (i = 0; i < c->nprogs; i++)
		if (c->progs[i].command == NULL)
			return fail(p, c->progs[i].line, "program '%s' has no "
			    "command", c->progs[i].name);
	if (check_order(p) == -1)
		return -1;
	for (i = 0; i < c->nprogs; i++)
		if (check_oneshot(p, &c->progs[i]) == -1)
			return -1;
	if (c->exit_code_from != NULL && find_program(c, c->exit_code_from,
	    strlen(c->exit_code_from)) == NULL)
		return fail(p, c->key_line[K_EXIT_CODE_FROM], "exit-code-from: "
		    "no program named '%.64s'", c->exit_code_from);
	for (i = 0; i < c->nprogs; i++)
		if (check_directory(p, &c->progs[i]) == -1 ||
		    check_identity(p, &c->progs[i]) == -1)
			return -1;
	return 0;
}

static char *
folder_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	return strndup(path, (size_t)(slash - path));
}

int
conf_load(const char *path, struct conf *c, struct conf_error *e)
{
	struct parser p = { .c = c, .e = e };
	struct stat st;
	int r;

	memset(c, 0, sizeof(*c));
	memset(e, 0, sizeof(*e));
	c->grace_ms = c->timeout_ms = -1;
	c->color = c->timestamps = -1;
	snprintf(e->file, sizeof(e->file), "%s", path);
	if ((c->path = strdup(path)) == NULL || (p.dir = folder_of(path)) ==
	    NULL) {
		r = nomem(&p);
	} else if ((p.f = fopen(path, "r")) == NULL) {
		r = fail(&p, 0, "%s", strerror(errno));
	} else if (fstat(fileno(p.f), &st) == 0 && S_ISDIR(st.st_mode)) {
		r = fail(&p, 0, "%s", strerror(EISDIR));
		fclose(p.f);
	} else {
		r = looks_like_ini(p.f) ? parse_ini(&p) : parse_procfile(&p);
		if (r == 0 && ferror(p.f))
			r = fail(&p, 0, "%s", strerror(EIO));
		if (r == 0)
			r = validate(&p);
		fclose(p.f);
	}
	free(p.buf);
	free(p.dir);
	free(p.long_value);
	if (r == -1)
		conf_free(c);
	return r;
}

static void
free_program(struct conf_program *cp)
{
	free(cp->name);
	free(cp->command);
	free(cp->directory);
	free(cp->user);
	free(cp->group);
	free(cp->ready);
	identity_free(&cp->id);
	strv_free(&cp->file_env);
	strv_free(&cp->line_env);
	strv_free(&cp->after);
}

void
conf_free(struct conf *c)
{
	size_t i;

	for (i = 0; i < c->nprogs; i++)
		free_program(&c->progs[i]);
	free(c->progs);
	free(c->path);
	free(c->exit_code_from);
	free(c->report);
	strv_free(&c->env);
	memset(c, 0, sizeof(*c));
}
