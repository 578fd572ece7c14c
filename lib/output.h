#ifndef GRPSUP_OUTPUT_H
#define GRPSUP_OUTPUT_H

#include <ev.h>
#include <stddef.h>

#include "outstate.h"


/*
 * output_add: make po, one program's output called name, part of o, after
 * the programs added before it (their order is the order of fair turns and
 * of colours). Call it for every program before output_setup.
 */
void output_add(struct output *o, struct program_output *po,
    const char *name, enum output_mode mode);

/*
 * output_setup: open grpsup's two destinations on loop and make every
 * program's labels (names padded to the longest, "grpsup" included; colours
 * where o->color says). When stdout and stderr are one file (a terminal,
 * 2>&1 into a pipe or a socket, a file opened twice), one writer takes both,
 * so that a line is never written inside the gap a partial write of the
 * other left. What happens later is reported to fn with arg. Returns 0, or
 * -1 with errno set.
 */
int output_setup(struct output *o, struct ev_loop *loop, output_fn *fn,
    void *arg);

/*
 * output_child_fds: before p is spawned, make what becomes its stdout and
 * stderr: pipes for a labelled program, /dev/null for a discarded one, -1
 * (grpsup's own) for a raw one. fds[0] and fds[1] are for the child. Returns
 * 0, or -1 with errno set and nothing left open.
 */
int output_child_fds(struct program_output *po, int fds[2]);

/*
 * output_attach: after the spawn, close the child's ends in grpsup and start
 * reading p's pipes. With ok false (no child was created) only close.
 */
void output_attach(struct program_output *po, const int fds[2], int ok);

/*
 * output_drain: read what p's pipes hold right now, so that its last lines
 * come before grpsup's words about its exit.
 */
void output_drain(struct program_output *po);

/* output_lost: the bytes dropped so far for want of memory (OUTPUT_LOST). */
size_t output_lost(const struct output *o);

/* output_idle: every pipe is at its end and everything has been written. */
int output_idle(const struct output *o);


/*
 * output_abandon: the readers did not take what waits in time: drop it all,
 * what the programs' buffers and pipes hold and what waits for grpsup's
 * stdout and stderr, and stop reading. From now on grpsup's own messages
 * are written only where there is room at once. Returns how many bytes
 * were not delivered.
 */
size_t output_abandon(struct output *o);

/*
 * output_close: write whatever is still pending, waiting for the readers as
 * long as it takes (the run is over), then release everything, the programs' side too.
 */
void output_close(struct output *o);

#endif
