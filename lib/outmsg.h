/*
 * grpsup's own messages on its stderr, among the programs' lines (outmsg.c).
 */
#ifndef GRPSUP_OUTMSG_H
#define GRPSUP_OUTMSG_H

#include <stddef.h>

#include "outstate.h"

/*
 * outmsg_write: write one of grpsup's own messages (text, one line, no
 * newline; control bytes shown as '?') as a whole line on stderr, labelled,
 * after every line already accepted: never inside a program's line. Never
 * blocks and never drops it while stderr has a reader. With o NULL, or
 * before output_setup, it is written directly as "grpsup: text".
 */
void outmsg_write(struct output *o, const char *text, size_t len);

/* grpsup's own messages waiting for stderr: past this, they are dropped. */
#define OUTMSG_HELD_MAX (256 * 1024)

/*
 * outmsg_status: like outmsg_write, for a program's STATUS= line: while
 * stderr waits for its reader, only the latest one of each program is kept
 * (replacing the older), and written once stderr takes more. Own messages
 * are bounded too: past OUTMSG_HELD_MAX bytes waiting, they are dropped and
 * counted, and a line says how many when stderr takes more.
 */
void outmsg_status(struct output *o, const struct program_output *po,
    const char *text, size_t len);

/*
 * outmsg_write_held: write what waited for stderr (the count of dropped
 * messages, each program's latest STATUS=): output.c calls it when stderr
 * takes more, and at the end.
 */
void outmsg_write_held(struct output *o);

#endif
