#ifndef GRPSUP_REPORT_H
#define GRPSUP_REPORT_H

#include <stddef.h>
#include <stdio.h>

struct group;

/*
 * report_write: write the JSON summary of a run (grpsup(1), --report) to
 * path, atomically: into a temporary file in the same folder, flushed to
 * disk, then renamed over path, so that a reader sees the whole report or
 * none. g may be NULL when grpsup stopped before it had a group; error,
 * when not NULL, says why grpsup itself failed. Strings are escaped for JSON
 * whatever bytes they hold (bytes that are not UTF-8 become U+FFFD). Returns
 * 0, or -1 with errno set (the temporary file is removed).
 */
int report_write(const char *path, const struct group *g, int status,
    const char *error);

/*
 * report_print: the same JSON object, on f (for report_write, and for the
 * fuzzer that checks it is always valid JSON in UTF-8).
 */
void report_print(FILE *f, const struct group *g, int status,
    const char *error);

#endif
