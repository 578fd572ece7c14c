/*
 * The log:REGEX probe: ready once a line of the program's output matches,
 * each line matched in bounded time (linematch.h).
 */
#include <stdio.h>

#include "probelog.h"

static int
setup(struct probe *pr, const char *directory, char *why, size_t len)
{
	(void)directory;
	pr->regex = linematch_new(pr->spec.pattern, why, len);
	return pr->regex != NULL ? 0 : -1;
}

/* A line, its newline if any included: a line too costly does not match. */
static int
line(struct probe *pr, const char *text, size_t len)
{
	int r;

	if (len > 0 && text[len - 1] == '\n')
		len--;
	pr->attempts++;		/* the lines looked at, for -v */
	if ((r = linematch_line(pr->regex, text, len)) == -1)
		snprintf(pr->last_error, sizeof(pr->last_error), "line %u was "
		    "too costly to match (over %d steps a byte), counted as not "
		    "matching", pr->attempts, LINE_MATCH_STEPS_PER_BYTE);
	return r == 1;
}

static void
release(struct probe *pr)
{
	linematch_free(pr->regex);
	pr->regex = NULL;
}

const struct probe_ops probelog_ops = {
	.feed = PROBE_FEED_LINES, .setup = setup, .line = line,
	.release = release,
};
