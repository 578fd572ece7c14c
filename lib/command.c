/*
 * A command line made into an argv: run directly when it is plain words,
 * through /bin/sh -c when it needs a shell (quotes, $, pipes), with the
 * shell's exec first so that no shell stays between grpsup and the program;
 * and the names a program may have.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "command.h"

static int
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int
is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
}

/* One word of a command: where it starts in the command and in out. */
struct word {
	size_t src, out;
	int quoted;		/* a quote or backslash is in it */
};

/* A command read as sh(1) reads one simple command. */
struct lex {
	const char *s;
	size_t len;
	char *out;		/* the words unquoted, each NUL-terminated */
	size_t o;
	struct word *w;
	size_t n;
	int in_word;
	int shell;		/* an expansion, glob or comment: needs sh */
	int compound;		/* an operator, redirection, newline: sh stays */
};

static void
begin_word(struct lex *x, size_t i)
{
	if (x->in_word)
		return;
	x->w[x->n].src = i;
	x->w[x->n].out = x->o;
	x->w[x->n].quoted = 0;
	x->n++;
	x->in_word = 1;
}

static void
end_word(struct lex *x)
{
	if (x->in_word)
		x->out[x->o++] = '\0';
	x->in_word = 0;
}

/* '...' from s[i]: every byte literal. Returns the index after it. */
static size_t
lex_single(struct lex *x, size_t i)
{
	const char *close = memchr(x->s + i + 1, '\'', x->len - i - 1);
	size_t n;

	if (close == NULL) {
		x->compound = 1;	/* the shell says what is wrong */
		return x->len;
	}
	n = (size_t)(close - x->s) - i - 1;
	memcpy(x->out + x->o, x->s + i + 1, n);
	x->o += n;
	return i + n + 2;
}

/* "..." from s[i]: backslash quotes only $ ` " \ and newline. */
static size_t
lex_double(struct lex *x, size_t i)
{
	const char *s = x->s;

	for (i++; i < x->len && s[i] != '"'; i++) {
		if (s[i] == '\\' && i + 1 < x->len &&
		    strchr("$`\"\\\n", s[i + 1]) != NULL) {
			if (s[++i] != '\n')
				x->out[x->o++] = s[i];
			continue;
		}
		if (s[i] == '$' || s[i] == '`')
			x->shell = 1;
		x->out[x->o++] = s[i];
	}
	if (i == x->len)
		x->compound = 1;
	return i + 1;
}

static int
rest_is_blank(const char *s)
{
	return s[strspn(s, " \t\n")] == '\0';
}

/* One byte outside quotes, at s[i]; returns the index of the next. */
static size_t
lex_byte(struct lex *x, size_t i)
{
	const char *s = x->s;
	char c = s[i];

	if (c == '\\' && s[i + 1] == '\n')
		return i + 2;	/* a line continues */
	if (c == '#' && !x->in_word) {
		x->shell = 1;	/* a comment, to the end of its line */
		return i + strcspn(s + i, "\n");
	}
	if (c == '~' && !x->in_word)
		x->shell = 1;
	begin_word(x, i);
	switch (c) {
	case '\\':
		if (s[i + 1] == '\0') {
			x->compound = 1;
			return i + 1;
		}
		x->w[x->n - 1].quoted = 1;
		x->out[x->o++] = s[i + 1];
		return i + 2;
	case '\'':
		x->w[x->n - 1].quoted = 1;
		return lex_single(x, i);
	case '"':
		x->w[x->n - 1].quoted = 1;
		return lex_double(x, i);
	case '$': case '`': case '*': case '?': case '[':
		x->shell = 1;
		break;
	}
	x->out[x->o++] = c;
	return i + 1;
}

static void
lex_command(struct lex *x)
{
	size_t i = 0;

	while (i < x->len && !x->compound) {
		char c = x->s[i];

		if (c == ' ' || c == '\t') {
			end_word(x);
			i++;
		} else if (c == '\n') {
			end_word(x);
			x->compound = !rest_is_blank(x->s + i);
			break;
		} else if (strchr("|&;<>()", c) != NULL) {
			x->compound = 1;
		} else {
			i = lex_byte(x, i);
		}
	}
	end_word(x);
}

static int
word_in(const char *w, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strcmp(w, *list) == 0)
			return 1;
	return 0;
}

/* A reserved word of sh: the start of a compound command. */
static int
is_reserved(const char *w)
{
	static const char *const words[] = { "if", "then", "else", "elif",
	    "fi", "do", "done", "case", "esac", "while", "until", "for", "in",
	    "{", "}", "!", "[[", "function", "select", NULL };

	return word_in(w, words);
}

/* A builtin with no program of its name: it runs inside the shell. */
static int
is_builtin(const char *w)
{
	static const char *const words[] = { ".", ":", "alias", "bg", "break",
	    "cd", "command", "continue", "eval", "exec", "exit", "export",
	    "fc", "fg", "getopts", "hash", "jobs", "local", "read", "readonly",
	    "return", "set", "shift", "source", "times", "trap", "type",
	    "ulimit", "umask", "unalias", "unset", "wait", NULL };

	return word_in(w, words);
}

static int is_assignment(const char *w, const char *end);

/* Whether the word at s starts a VAR=value assignment. */
static int
word_is_assignment(const char *s)
{
	return is_assignment(s, s + strcspn(s, " \t\n"));
}

static char **
shell_argv(const char *cmd, size_t at, int add_exec)
{
	size_t len = strlen(cmd) + 1, hlen = sizeof(COMMAND_SHELL) + 3;
	size_t extra = add_exec ? 5 : 0;
	char **argv, *text;

	argv = malloc(4 * sizeof(*argv) + hlen + len + extra);
	if (argv == NULL)
		return NULL;
	text = (char *)(argv + 4);
	argv[0] = memcpy(text, COMMAND_SHELL, sizeof(COMMAND_SHELL));
	argv[1] = memcpy(text + sizeof(COMMAND_SHELL), "-c", 3);
	argv[2] = text + hlen;
	memcpy(argv[2], cmd, at);
	memcpy(argv[2] + at, "exec ", extra);
	memcpy(argv[2] + at + extra, cmd + at, len - at);
	argv[3] = NULL;
	return argv;
}

/* The words of x from the k-th on, as an argv of one allocation. */
static char **
words_argv(const struct lex *x, size_t k)
{
	size_t i, n = x->n - k;
	char **argv = malloc((n + 1) * sizeof(*argv) + x->o);
	char *text;

	if (argv == NULL)
		return NULL;
	text = memcpy((char *)(argv + n + 1), x->out, x->o);
	for (i = 0; i < n; i++)
		argv[i] = text + x->w[k + i].out;
	argv[n] = NULL;
	return argv;
}

/* How x runs, and from which word (the first after assignments, exec). */
static enum command_kind
classify(const struct lex *x, size_t *first, size_t *cmdword)
{
	size_t k = 0;
	int exec_word;

	if (x->compound)
		return RUN_SHELL;
	while (k < x->n && word_is_assignment(x->s + x->w[k].src))
		k++;
	*first = k;
	if (k == x->n || (!x->w[k].quoted && is_reserved(x->out + x->w[k].out)))
		return RUN_SHELL;
	exec_word = !x->w[k].quoted && strcmp(x->out + x->w[k].out, "exec") == 0;
	if (exec_word && (k + 1 == x->n || x->out[x->w[k + 1].out] == '-'))
		return RUN_SHELL;
	*cmdword = k + (size_t)exec_word;
	if (!x->w[*cmdword].quoted && is_builtin(x->out + x->w[*cmdword].out))
		return RUN_SHELL;
	return k > 0 || x->shell ? RUN_SHELL_EXEC : RUN_DIRECT;
}

char **
command_argv(const char *cmd, enum command_kind *kind)
{
	struct lex x = { .s = cmd, .len = strlen(cmd) };
	size_t first = 0, cmdword = 0;
	char **argv = NULL;

	if (rest_is_blank(cmd)) {
		errno = EINVAL;
		return NULL;
	}
	x.out = malloc(2 * x.len + 2);
	x.w = malloc((x.len + 1) * sizeof(*x.w));
	if (x.out != NULL && x.w != NULL) {
		lex_command(&x);
		*kind = classify(&x, &first, &cmdword);
		if (*kind == RUN_DIRECT)
			argv = words_argv(&x, cmdword);
		else if (*kind == RUN_SHELL_EXEC)
			argv = shell_argv(cmd, x.w[first].src, cmdword == first);
		else
			argv = shell_argv(cmd, 0, 0);
	}
	free(x.out);
	free(x.w);
	if (argv == NULL)
		errno = ENOMEM;
	return argv;
}

/* Whether the word [w, end) is a VAR=value assignment, as a shell sees it. */
static int
is_assignment(const char *w, const char *end)
{
	const char *s = w;

	if (s == end || !((*s >= 'a' && *s <= 'z') || (*s >= 'A' &&
	    *s <= 'Z') || *s == '_'))
		return 0;
	for (; s < end && *s != '='; s++)
		if (!is_name_char(*s) || *s == '.' || *s == '-')
			return 0;
	return s < end;
}

char *
command_name(const char *cmd, char *buf, size_t len)
{
	const char *w = cmd, *end, *base;
	size_t n = 0;

	for (;;) {
		while (is_blank(*w) || *w == '\n')
			w++;
		for (end = w; *end != '\0' && !is_blank(*end) && *end != '\n';
		    end++)
			;
		/* past VAR=value words and a leading exec: the program */
		if (!is_assignment(w, end) && !(end - w == 4 &&
		    strncmp(w, "exec", 4) == 0))
			break;
		w = end;
	}
	for (base = end; base > w && base[-1] != '/'; base--)
		;
	while (base < end && *base == '-')	/* a name is never an option */
		base++;
	for (; base < end && n + 1 < len && n < NAME_MAX_LEN; base++)
		if (is_name_char(*base))
			buf[n++] = *base;
	buf[n] = '\0';
	if (n == 0)
		snprintf(buf, len, "cmd");
	return buf;
}

/* Where a quote that cmd opens at i ends: the index of its close, or len. */
static size_t
quote_end(const char *cmd, size_t len, size_t i)
{
	char q = cmd[i];

	for (i++; i < len && cmd[i] != q; i++)
		if (q == '"' && cmd[i] == '\\' && i + 1 < len)
			i++;
	return i;
}

int
command_check(const char *cmd, char *why, size_t len)
{
	size_t n = strlen(cmd), i;
	int word_start = 1;

	for (i = 0; i < n; i++) {
		if (cmd[i] == '#' && word_start) {	/* a comment: to its line's end */
			while (i < n && cmd[i] != '\n')
				i++;
		} else if (cmd[i] == '\\') {
			i++;
		} else if (cmd[i] == '\'' || cmd[i] == '"') {
			if (quote_end(cmd, n, i) == n) {
				snprintf(why, len, "the %s quote (%c) at byte %zu "
				    "is never closed", cmd[i] == '"' ? "double" :
				    "single", cmd[i], i + 1);
				return -1;
			}
			i = quote_end(cmd, n, i);
		}
		word_start = i < n && strchr(" \t\n;&|()", cmd[i]) != NULL;
	}
	return 0;
}

int
command_name_valid(const char *s)
{
	return command_name_valid_n(s, strlen(s));
}

int
command_name_valid_n(const char *s, size_t len)
{
	size_t n;

	if (len == 0 || len > NAME_MAX_LEN)
		return 0;
	for (n = 0; n < len; n++)
		if (!is_name_char(s[n]))
			return 0;
	return 1;
}
