/*
 * One program's settings, the one description that the command line and the
 * files fill in and the group runs: defaults, the output and colour words,
 * and the checks of a whole setting.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "order.h"
#include "probespec.h"
#include "signame.h"
#include "text.h"
#include "settings.h"

void
settings_init(struct program_settings *s)
{
	memset(s, 0, sizeof(*s));
	s->grace_ms = -1;
	s->ready_timeout_ms = -1;
	s->ready_interval_ms = -1;
	s->ready_try_ms = -1;
	s->output = OUTPUT_LABEL;
}

void
settings_free(struct program_settings *s)
{
	free(s->name);
	free(s->command);
	free(s->directory);
	free(s->ready);
	strv_free(&s->env);
	strv_free(&s->after);
	identity_free(&s->id);
	memset(s, 0, sizeof(*s));
}

int
settings_set_ready(struct program_settings *s, const char *probe, char *why,
    size_t len)
{
	struct probe_spec spec;
	char *copy;

	if (probespec_parse(probe, &spec, why, len) == -1) {
		errno = EINVAL;
		return -1;
	}
	if ((copy = strdup(probe)) == NULL)
		return -1;
	free(s->ready);
	s->ready = copy;
	return 0;
}

int
settings_add_after(struct program_settings *s, const char *list)
{
	return order_parse_list(list, &s->after);
}

int
settings_set_forward(struct program_settings *s, const char *v, char *why,
    size_t len)
{
	char word[32];
	size_t n;
	int sig;

	s->forward = strcmp(v, "all") == 0 ? FORWARD_ALL :
	    strcmp(v, "none") == 0 ? FORWARD_NONE : FORWARD_LISTED;
	if (s->forward != FORWARD_LISTED)
		return 0;
	sigemptyset(&s->forward_list);
	for (;;) {
		v += strspn(v, " \t");
		n = strcspn(v, ", \t");
		snprintf(word, sizeof(word), "%.*s", (int)n, v);
		if (n == 0 || n >= sizeof(word) || (sig = signame_parse(word)) == -1)
			return text_fail(why, len, "invalid signal '%.*s' (SIG,... "
			    "or all or none)", (int)(n > 40 ? 40 : n), v);
		if (signame_unforwardable(sig) != NULL)
			return text_fail(why, len, "SIG%s cannot be forwarded: %s",
			    signame_of(sig, word, sizeof(word)),
			    signame_unforwardable(sig));
		sigaddset(&s->forward_list, sig);
		v += n + strspn(v + n, " \t");
		if (*v == '\0')
			return 0;
		if (*v++ != ',')
			return text_fail(why, len, "expected signals separated "
			    "by commas");
	}
}

int
settings_oneshot_probe(const struct program_settings *s)
{
	return s->oneshot && s->ready != NULL;
}

int
settings_order(const struct program_settings *v, size_t n, size_t **deps,
    size_t *bad, char *why, size_t len)
{
	char **names = calloc(n + 1, sizeof(*names));
	const struct strv **after = calloc(n + 1, sizeof(*after));
	size_t i;
	int r = -1;

	*bad = 0;
	if (names == NULL || after == NULL)
		goto nomem;
	for (i = 0; i < n; i++) {
		names[i] = v[i].name;
		after[i] = &v[i].after;
	}
	r = order_check(names, after, n, deps, bad, why, len);
	goto out;
nomem:
	snprintf(why, len, "%s", strerror(ENOMEM));
	errno = ENOMEM;
out:
	free(names);
	free(after);
	return r;
}

static int
word_index(const char *s, const char *const *words, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (strcmp(s, words[i]) == 0)
			return i;
	return -1;
}

int
settings_color_parse(const char *s)
{
	static const char *const words[] = { "auto", "always", "never" };

	return word_index(s, words, 3);
}

int
settings_output_mode_parse(const char *s)
{
	static const char *const words[] = { "label", "raw", "null" };

	return word_index(s, words, 3);
}
