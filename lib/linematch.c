/*
 * Lines matched in bounded time: PCRE2 with limits on its steps and its
 * memory (see linematch.h). Interpreted, not JIT-compiled: no writable
 * executable pages, and a step count that means the same on every machine.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "linematch.h"

struct line_match {
	pcre2_code *code;
	pcre2_match_context *context;
};

struct line_match *
linematch_new(const char *pattern, char *why, size_t len)
{
	struct line_match *m;
	PCRE2_UCHAR msg[120];
	PCRE2_SIZE at;
	int err;

	if (strlen(pattern) > LINE_MATCH_PATTERN_MAX) {
		snprintf(why, len, "the REGEX is longer than %d bytes",
		    LINE_MATCH_PATTERN_MAX);
		return NULL;
	}
	if ((m = calloc(1, sizeof(*m))) == NULL) {
		snprintf(why, len, "out of memory");
		return NULL;
	}
	m->code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, 0,
	    &err, &at, NULL);
	if (m->code == NULL) {
		pcre2_get_error_message(err, msg, sizeof(msg));
		snprintf(why, len, "%s (at byte %zu)", (char *)msg,
		    (size_t)at + 1);
		free(m);
		return NULL;
	}
	if ((m->context = pcre2_match_context_create(NULL)) == NULL ||
	    pcre2_set_heap_limit(m->context, LINE_MATCH_HEAP_KIB) != 0) {
		snprintf(why, len, "out of memory");
		linematch_free(m);
		return NULL;
	}
	return m;
}

/* The steps a line of len bytes may take, clamped to what PCRE2 counts. */
static uint32_t
steps_for(size_t len)
{
	uint64_t steps = LINE_MATCH_STEPS_BASE +
	    (uint64_t)len * LINE_MATCH_STEPS_PER_BYTE;

	return steps > UINT32_MAX ? UINT32_MAX : (uint32_t)steps;
}

int
linematch_line(struct line_match *m, const char *line, size_t len)
{
	pcre2_match_data *md;
	int r;

	/*
	 * Made for each line, not kept: PCRE2 keeps the memory of its
	 * deepest match in it, and lines are matched only until ready.
	 */
	if ((md = pcre2_match_data_create(1, NULL)) == NULL)
		return -1;
	pcre2_set_match_limit(m->context, steps_for(len));
	pcre2_set_depth_limit(m->context, steps_for(len));
	r = pcre2_match(m->code, (PCRE2_SPTR)line, len, 0, 0, md, m->context);
	pcre2_match_data_free(md);
	if (r >= 0)
		return 1;
	return r == PCRE2_ERROR_NOMATCH ? 0 : -1;
}

void
linematch_free(struct line_match *m)
{
	if (m == NULL)
		return;
	pcre2_match_context_free(m->context);
	pcre2_code_free(m->code);
	free(m);
}
