#ifndef GRPSUP_LINEMATCH_H
#define GRPSUP_LINEMATCH_H

#include <stddef.h>

/*
 * A log: REGEX, matched against lines of a program's output inside the
 * event loop. A backtracking matcher can take exponential time on one line
 * (glibc's regexec took 21 s on a 3,000-byte line), so every match has a
 * budget: LINE_MATCH_STEPS_BASE steps, and LINE_MATCH_STEPS_PER_BYTE more
 * for each byte of the line, and at most LINE_MATCH_HEAP_KIB of memory. A
 * line that needs more is counted as not matching: the time a read of
 * output costs stays proportional to its bytes, whatever the REGEX.
 */
#define LINE_MATCH_STEPS_BASE 256
#define LINE_MATCH_STEPS_PER_BYTE 64
#define LINE_MATCH_HEAP_KIB 4096
#define LINE_MATCH_PATTERN_MAX 1024	/* bytes of REGEX */

struct line_match;

/*
 * linematch_new: compile pattern (a Perl-compatible regular expression,
 * PCRE2's syntax, of at most LINE_MATCH_PATTERN_MAX bytes, not empty).
 * Returns the matcher for linematch_free, or NULL with a one-line reason
 * in why (of size len): what is wrong and where, or that it is too large.
 */
struct line_match *linematch_new(const char *pattern, char *why,
    size_t len);

/*
 * linematch_line: whether line (len bytes, NULs allowed, no newline) matches:
 * 1 yes, 0 no, -1 when the line needed more than its budget (counted as no
 * match by the caller) or memory ran out.
 */
int linematch_line(struct line_match *m, const char *line, size_t len);

/* linematch_free: release m; NULL is none. */
void linematch_free(struct line_match *m);

#endif
