#ifndef GRPSUP_REPORT_H
#define GRPSUP_REPORT_H

#include <stddef.h>
#include <stdio.h>

struct group;

/*
 * report_check: whether a report can be written to path at the end: a
 * FIFO, device or pipe that grpsup may write to, or a folder (the one the
 * symlinks of path lead to) where it may make and rename a file. Returns 0,
 * or -1 with errno set (ENOENT: the folder is missing; EACCES).
 */
int report_check(const char *path);

/*
 * report_write: write the JSON summary of a run (grpsup(1), --report) to
 * path. A regular file, or a path where none is yet, is replaced
 * atomically: the report goes into a temporary file in the same folder
 * (that of the file the symlinks of path lead to), flushed to disk, then
 * renamed over it, so that a reader sees the whole report or none. Anything
 * else (a FIFO, a device, /dev/stdout, a pipe of >(...)) is written in place
 * and never replaced; a FIFO with no reader is an error (ENXIO), not a
 * wait. g may be NULL when grpsup stopped before it had a group; error,
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
