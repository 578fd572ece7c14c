/*
 * An env file's text read as docker compose reads it: KEY=VALUE statements,
 * quotes, comments, export, and $VAR / ${VAR:-default} expansion against the
 * scopes a program's environment is built from, bounded in size and linear
 * in time.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "envfile.h"
#include "text.h"


/* How deep ${A:-${B:-...}} may nest: a file cannot exhaust the stack. */
#define NEST_MAX 32

struct sbuf {
	char *s;
	size_t n, cap;
};

/* One env text being read: where it stands and what it has set. */
struct scan {
	const char *p, *end;
	int line;
	struct envscope *scope;
	struct strv *out;	/* the scope's */
	struct sbuf val;	/* "KEY=VALUE" being built */
	size_t key_len;		/* of its "KEY=" */
	char *why;
	size_t len;
	int *fault_line;
};

static int
is_blank(int c)
{
	return c == ' ' || c == '\t';
}

size_t
envfile_key_length(const char *s, size_t n)
{
	size_t i = 0;

	if (n == 0 || !(s[0] == '_' || (s[0] >= 'A' && s[0] <= 'Z') ||
	    (s[0] >= 'a' && s[0] <= 'z')))
		return 0;
	while (i < n && (s[i] == '_' || (s[i] >= 'A' && s[i] <= 'Z') ||
	    (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9')))
		i++;
	return i;
}

static int
sb_add(struct sbuf *b, const char *s, size_t n)
{
	char *t;
	size_t cap;

	if (b->cap - b->n <= n) {
		cap = b->cap ? b->cap : 64;
		while (cap - b->n <= n)
			cap *= 2;
		if ((t = realloc(b->s, cap)) == NULL)
			return -1;
		b->s = t;
		b->cap = cap;
	}
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = '\0';
	return 0;
}

/* Snippets of the text in a message: at most this many bytes. */
static int
span(size_t n)
{
	return n > 60 ? 60 : (int)n;
}

/* The reason, with the line it belongs to. Returns -1. */
static int __attribute__((format(printf, 3, 4)))
fail_at(struct scan *sc, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(sc->why, sc->len, fmt, ap);
	va_end(ap);
	text_visible(sc->why, strlen(sc->why));
	*sc->fault_line = line;
	return -1;
}

static int
nomem(struct scan *sc)
{
	*sc->fault_line = sc->line;
	text_fail(sc->why, sc->len, "%s", strerror(ENOMEM));
	errno = ENOMEM;
	return -1;
}

static int
add(struct scan *sc, const char *s, size_t n)
{
	if (sc->val.n + n > sc->key_len + ENVFILE_VALUE_MAX)
		return fail_at(sc, sc->line, "the value of %.*s is longer than "
		    "1 MiB", span(sc->key_len - 1), sc->val.s);
	return sb_add(&sc->val, s, n) == -1 ? nomem(sc) : 0;
}

/* The statement's "KEY=VALUE" joins out, and the look-ups. */
static int
push_value(struct scan *sc)
{
	switch (envscope_add(sc->scope, sc->val.s, sc->val.n)) {
	case 0:
		return 0;
	case 1:
		return fail_at(sc, sc->line, "the variables take more than the "
		    "system's ARG_MAX (%zu bytes), which a program's environment "
		    "cannot pass", sc->scope->bytes_max);
	default:
		return nomem(sc);
	}
}

static int expand_range(struct scan *sc, const char *s, const char *e,
    int depth);

/* The '}' that closes the "${" at s, counting nested "${", or NULL. */
static const char *
closing_brace(const char *s, const char *e)
{
	int depth = 0;

	for (s += 2; s < e; s++) {
		if (*s == '$' && s + 1 < e && s[1] == '{') {
			depth++;
			s++;
		} else if (*s == '}' && depth-- == 0) {
			return s;
		}
	}
	return NULL;
}

/* ${NAME}, ${NAME:-word} and the others, between s ("${") and close. */
static int
expand_braced(struct scan *sc, const char *s, const char *close, int depth)
{
	const char *name = s + 2, *op, *word, *v;
	size_t k = envfile_key_length(name, (size_t)(close - name));
	int colon, set, use_word;

	if (k == 0)
		return fail_at(sc, sc->line, "bad substitution '${%.*s}': a name "
		    "must follow '${'", span((size_t)(close - name)), name);
	op = name + k;
	v = envscope_lookup(sc->scope, name, k);
	if (op == close)
		return v != NULL ? add(sc, v, strlen(v)) : 0;
	colon = *op == ':';
	word = op + colon + 1;
	if (word > close || strchr("-+?", op[colon]) == NULL)
		return fail_at(sc, sc->line, "bad substitution '${%.*s}' (use "
		    "${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:+alt} or "
		    "${VAR:?message})", span((size_t)(close - name)), name);
	set = v != NULL && (!colon || *v != '\0');
	if (op[colon] == '?' && !set)
		return fail_at(sc, sc->line, "%.*s is not set: %.*s", span(k),
		    name, word == close ? 19 : span((size_t)(close - word)),
		    word == close ? "a value is required" : word);
	use_word = op[colon] == '-' ? !set : op[colon] == '+' ? set : 0;
	if (use_word)
		return expand_range(sc, word, close, depth + 1);
	return set && op[colon] != '+' ? add(sc, v, strlen(v)) : 0;
}

/* One '$' at *s: the substitution it begins, or itself; *s moves past. */
static int
expand_one(struct scan *sc, const char **s, const char *e, int depth)
{
	const char *p = *s, *close;
	size_t k;

	if (p + 1 < e && p[1] == '$') {
		*s = p + 2;
		return add(sc, "$", 1);
	}
	if (p + 1 < e && p[1] == '(')
		return fail_at(sc, sc->line, "command substitution '$(' is not "
		    "supported (write $$( for the text)");
	if (p + 1 < e && p[1] == '{') {
		if ((close = closing_brace(p, e)) == NULL)
			return fail_at(sc, sc->line, "unterminated '${%.*s' (no "
			    "closing '}')", span(strcspn(p + 2, "\n")), p + 2);
		*s = close + 1;
		return expand_braced(sc, p, close, depth);
	}
	if ((k = envfile_key_length(p + 1, (size_t)(e - p - 1))) == 0) {
		*s = p + 1;
		return add(sc, "$", 1);	/* "$5", "a $ b": no name, as written */
	}
	*s = p + 1 + k;
	if ((close = envscope_lookup(sc->scope, p + 1, k)) == NULL)
		return 0;
	return add(sc, close, strlen(close));
}

/* The text from s to e with its substitutions made, into sc->val. */
static int
expand_range(struct scan *sc, const char *s, const char *e, int depth)
{
	const char *dollar;

	if (depth > NEST_MAX)
		return fail_at(sc, sc->line, "substitutions nested more than %d "
		    "deep", NEST_MAX);
	while (s < e) {
		if ((dollar = memchr(s, '$', (size_t)(e - s))) == NULL)
			dollar = e;
		if (add(sc, s, (size_t)(dollar - s)) == -1)
			return -1;
		if ((s = dollar) < e && expand_one(sc, &s, e, depth) == -1)
			return -1;
	}
	return 0;
}

/* What a backslash and c stand for in double quotes; -1: kept as written. */
static int
escape_of(char c)
{
	static const char from[] = "ntr\\\"$'abfv", to[] = "\n\t\r\\\"$'\a\b\f\v";
	const char *at = c != '\0' ? strchr(from, c) : NULL;

	return at != NULL ? to[at - from] : -1;
}

static void
count_lines(struct scan *sc, const char *s, const char *e)
{
	for (; s < e; s++)
		if (*s == '\n')
			sc->line++;
}

/* 'literal', perhaps over several lines; only \' stands for a quote. */
static int
single_quoted(struct scan *sc)
{
	const char *s = sc->p + 1, *close = s;

	while (close < sc->end && !(*close == '\'' && close[-1] != '\\'))
		close++;
	if (close >= sc->end)
		return fail_at(sc, sc->line, "unterminated single quote (no "
		    "closing ' before the end of the file)");
	count_lines(sc, s, close);
	sc->p = close + 1;
	for (; s < close; s++)
		if (!(*s == '\\' && s[1] == '\'') && add(sc, s, 1) == -1)
			return -1;
	return 0;
}

/* "with \escapes and $substitutions", perhaps over several lines. */
static int
double_quoted(struct scan *sc)
{
	const char *s = sc->p + 1, *close = s;
	int c, opened = sc->line;

	while (close < sc->end && *close != '"')
		close += *close == '\\' && close + 1 < sc->end ? 2 : 1;
	if (close >= sc->end)
		return fail_at(sc, opened, "unterminated double quote (no "
		    "closing \" before the end of the file)");
	while (s < close) {
		if (*s == '$') {
			if (expand_one(sc, &s, close, 0) == -1)
				return -1;
			continue;
		}
		if (*s == '\\' && (c = escape_of(s[1])) != -1) {
			char ch = (char)c;

			s += 2;
			if (add(sc, &ch, 1) == -1)
				return -1;
			continue;
		}
		if (*s == '\n')
			sc->line++;
		if (add(sc, s++, 1) == -1)
			return -1;
	}
	sc->p = close + 1;
	return 0;
}

/* To the end of the line, a comment (after a blank) and blanks cut. */
static int
unquoted(struct scan *sc)
{
	const char *s = sc->p, *e = memchr(s, '\n', (size_t)(sc->end - s));
	const char *cut;

	if (e == NULL)
		e = sc->end;
	sc->p = e;
	for (cut = s; cut < e && !(*cut == '#' && cut > s && is_blank(cut[-1]));
	    cut++)
		;
	while (cut > s && is_blank(cut[-1]))
		cut--;
	return expand_range(sc, s, cut, 0);
}

static void
skip_blanks(struct scan *sc)
{
	while (sc->p < sc->end && is_blank(*sc->p))
		sc->p++;
}

/* Past the rest of a line that may hold only blanks and a comment. */
static int
end_of_statement(struct scan *sc)
{
	skip_blanks(sc);
	if (sc->p < sc->end && *sc->p == '#')
		while (sc->p < sc->end && *sc->p != '\n')
			sc->p++;
	if (sc->p < sc->end && *sc->p != '\n')
		return fail_at(sc, sc->line, "unexpected text after the closing "
		    "quote: '%.*s'", span(strcspn(sc->p, "\n")), sc->p);
	return 0;
}

/* A bare KEY: grpsup's own value, or nothing. */
static int
inherit(struct scan *sc, const char *key, size_t k)
{
	const char *v = envscope_environ(key, k);

	if (v == NULL)
		return 0;
	if (add(sc, v, strlen(v)) == -1)
		return -1;
	return push_value(sc);
}

/* The KEY at sc->p, checked; its length. */
static size_t
read_key(struct scan *sc)
{
	const char *s = sc->p;
	size_t k = envfile_key_length(s, (size_t)(sc->end - s));

	if (k == 0 && *s >= '0' && *s <= '9')
		return (size_t)fail_at(sc, sc->line, "a KEY cannot begin with a "
		    "digit: '%.*s'", span(strcspn(s, "= \t\n")), s);
	if (k == 0)
		return (size_t)fail_at(sc, sc->line, "expected KEY=VALUE, not "
		    "'%.*s' (a KEY is made of A-Z a-z 0-9 _)",
		    span(strcspn(s, "\n")), s);
	if (s + k < sc->end && !is_blank(s[k]) && s[k] != '=' && s[k] != '\n' &&
	    s[k] != '#')
		return (size_t)fail_at(sc, sc->line, "invalid character '%c' in "
		    "KEY '%.*s' (a KEY is made of A-Z a-z 0-9 _)", s[k],
		    span(strcspn(s, "= \t\n")), s);
	return k;
}

/* One statement at sc->p: 0 read, -1 on error. */
static int
statement(struct scan *sc)
{
	const char *key;
	size_t k;

	if (sc->end - sc->p >= 7 && strncmp(sc->p, "export", 6) == 0 &&
	    is_blank(sc->p[6])) {
		sc->p += 7;
		skip_blanks(sc);
	}
	key = sc->p;
	if (sc->p == sc->end || *sc->p == '\n' || *sc->p == '#')
		return fail_at(sc, sc->line, "'export' names no KEY");
	if ((k = read_key(sc)) == (size_t)-1)
		return -1;
	sc->val.n = 0;
	sc->key_len = k + 1;
	if (add(sc, key, k) == -1 || add(sc, "=", 1) == -1)
		return -1;
	sc->p += k;
	skip_blanks(sc);
	if (sc->p == sc->end || *sc->p == '\n' || *sc->p == '#')
		return end_of_statement(sc) == -1 ? -1 : inherit(sc, key, k);
	if (*sc->p != '=')
		return fail_at(sc, sc->line, "expected '=' after KEY '%.*s', not "
		    "'%.*s'", span(k), key, span(strcspn(sc->p, "\n")), sc->p);
	sc->p++;
	skip_blanks(sc);
	if (sc->p < sc->end && (*sc->p == '\'' || *sc->p == '"')) {
		if ((*sc->p == '\'' ? single_quoted(sc) : double_quoted(sc)) == -1
		    || end_of_statement(sc) == -1)
			return -1;
	} else if (unquoted(sc) == -1) {
		return -1;
	}
	return push_value(sc);
}

/* text without its CRs before LF; a NUL byte is refused. */
static char *
normalized(const char *text, size_t n, size_t *m, struct scan *sc)
{
	char *t = malloc(n + 1);
	size_t i, o = 0;
	int line = 1;

	if (t == NULL) {
		nomem(sc);
		return NULL;
	}
	for (i = 0; i < n; i++) {
		if (text[i] == '\0') {
			free(t);
			fail_at(sc, line, "NUL byte in the line");
			return NULL;
		}
		line += text[i] == '\n';
		if (!(text[i] == '\r' && i + 1 < n && text[i + 1] == '\n'))
			t[o++] = text[i];
	}
	t[o] = '\0';
	*m = o;
	return t;
}

int
envfile_parse(const char *text, size_t n, struct envscope *scope,
    int *line, char *why, size_t len)
{
	struct scan sc = { .line = 1, .scope = scope, .out = scope->out,
	    .why = why, .len = len, .fault_line = line };
	size_t m;
	char *t;
	int count = 0;

	if (envscope_index(scope) == -1)
		return nomem(&sc);
	if ((t = normalized(text, n, &m, &sc)) == NULL)
		return -1;
	sc.p = t;
	sc.end = t + m;
	for (;;) {
		while (sc.p < sc.end && (is_blank(*sc.p) || *sc.p == '\n'))
			sc.line += *sc.p++ == '\n';
		if (sc.p == sc.end)
			break;
		if (*sc.p == '#') {
			while (sc.p < sc.end && *sc.p != '\n')
				sc.p++;
			continue;
		}
		if (statement(&sc) == -1) {
			count = -1;
			break;
		}
		count++;
	}
	free(sc.val.s);
	free(t);
	return count;
}
