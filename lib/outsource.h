/*
 * One program's stream on its way out (outsource.c), for output.c: read,
 * cut into labelled lines, written in turns, paused when the destination or
 * memory is short.
 */
#ifndef GRPSUP_OUTSOURCE_H
#define GRPSUP_OUTSOURCE_H

#include <ev.h>
#include <sys/types.h>

#include "outstate.h"

/*
 * outsource_watch: s is po's stream (0: stdout, 1: stderr), its fd set:
 * ready its watchers (reading starts with ev_io_start on s->io).
 */
void outsource_watch(struct source *s, struct program_output *po,
    int stream);

/*
 * outsource_read_turn: read once into s's buffer and write what its
 * destination takes (one_turn: one writev's worth at most, a turn among
 * the programs). Returns what read returned; -1 with ENOMEM when no buffer
 * could be had (the pipe then waits, see outsource_on_nomem).
 */
ssize_t outsource_read_turn(struct source *s, int one_turn);
/* outsource_read: outsource_read_turn, writing all that is taken. */
ssize_t outsource_read(struct source *s);

/*
 * outsource_pump_turn: write the lines waiting in s's buffer while the
 * destination takes them (one_turn as above); keep the rest, and stop
 * reading s when the destination is full. Returns whether it wrote.
 */
int outsource_pump_turn(struct source *s, int one_turn);
/* outsource_pump: outsource_pump_turn, as much as is taken. */
void outsource_pump(struct source *s);

/* outsource_close: stop reading s and close its pipe (its end). */
void outsource_close(struct source *s);

/* outsource_waiting: whether the pipe fd holds bytes, without reading. */
int outsource_waiting(int fd);

/*
 * outsource_on_nomem: the output's nomem_w timer: the pipes paused for want
 * of memory are read again.
 */
void outsource_on_nomem(struct ev_loop *loop, ev_timer *t, int revents);

#endif
