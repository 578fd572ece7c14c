#ifndef GRPSUP_OUTPUT_H
#define GRPSUP_OUTPUT_H

#include <ev.h>
#include <stddef.h>

#include "settings.h"
#include "writer.h"

/* Lines longer than this are cut into labelled pieces. */
#define OUTPUT_LINE_MAX 65536
/*
 * A program stream's buffer, allocated only while bytes wait in it, and the
 * size asked of its pipe: reading 256 KiB at a time costs fewer wake-ups than
 * the pipe's default 64 KiB (tests/bench/output.sh).
 */
#define OUTPUT_BUF_SIZE (4 * OUTPUT_LINE_MAX)
/* A partial line still incomplete after this long is shown (seconds). */
#define OUTPUT_PARTIAL_DELAY 0.1
/* A pipe paused for want of memory is read again after this (seconds). */
#define OUTPUT_NOMEM_RETRY 0.05

struct output;
struct program_output;

/* One stream of one program: the read end of its pipe and a partial line. */
struct source {
	struct program_output *po;
	int stream;		/* 0: stdout, 1: stderr */
	int fd;			/* -1 once closed */
	int eof;
	int flush_partial;	/* the partial line has waited long enough */
	int newline_added;	/* the last piece was cut at the line bound: a
				   newline that comes next ends it, and makes
				   no empty piece */
	int starved;		/* no memory for buf: paused, retried */
	char *buf;		/* allocated while bytes wait in it */
	size_t len;
	ev_io io;
	ev_timer partial;
};

/*
 * A watch on a program's lines (a log: probe): match is asked about each
 * line or piece as it is written; once it says 1, seen is called, after the
 * lines of that turn are written, and the watch ends.
 */
struct output_watch {
	int (*match)(void *arg, const char *line, size_t len);
	void (*seen)(void *arg);
	void *arg;
};

/* One program's side: its name, its label for each destination. */
struct program_output {
	struct output *out;
	struct program_output *next;	/* the next program, in group order */
	const char *name;
	enum output_mode mode;
	char *label[2];
	size_t label_len[2];
	struct source src[2];
	const struct output_watch *watch;	/* NULL: none */
	char *status;		/* its latest STATUS= line, while stderr waits */
};

/* What the output tells its owner. */
enum output_event {
	OUTPUT_CHANGED,		/* a pipe ended or a destination drained */
	OUTPUT_BROKEN,		/* grpsup's stdout or stderr lost its reader */
	OUTPUT_HANGUP,		/* ... was a terminal that hung up (EIO) */
	OUTPUT_WRITE_ERROR,	/* ... cannot take more (what: which), err */
	OUTPUT_ERROR,		/* what failed with err; the output goes on */
	OUTPUT_LOST,		/* grpsup's what had no memory to keep bytes
				   its reader had not taken: they are lost */
};

typedef void output_fn(enum output_event ev, const char *what, int err,
    void *arg);

/* The group's side: the two destinations and how lines are decorated. */
struct output {
	/* Set by the owner before output_setup. */
	int color[2];		/* colour the labels on this destination */
	int timestamps;

	struct ev_loop *loop;
	output_fn *on_event;
	void *event_arg;
	struct program_output *first, *last;
	struct writer dest[2];	/* grpsup's stdout and stderr */
	int shared;		/* they are one file: dest[0] writes for both */
	struct program_output *turn[2];	/* whose turn it is on each dest */
	char what[128];		/* an OUTPUT_ERROR's what */
	unsigned long dropped;	/* own messages dropped while stderr waited */
	int devnull_w;		/* for OUTPUT_NULL programs */
	char *self_label;	/* for grpsup's own messages */
	size_t self_len;
	int ready;
	int abandoned;		/* output_abandon: the end flushes no more */
	int starved_said;	/* a pipe paused for memory was said */
	ev_timer nomem_w;	/* reads the paused pipes again */
};

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
 * output_message: write one of grpsup's own messages (text, one line, no
 * newline; control bytes shown as '?') as a whole line on stderr, labelled,
 * after every line already accepted: never inside a program's line. Never
 * blocks and never drops it while stderr has a reader. With o NULL, or
 * before output_setup, it is written directly as "grpsup: text".
 */
void output_message(struct output *o, const char *text, size_t len);

/* grpsup's own messages waiting for stderr: past this, they are dropped. */
#define OUTPUT_SELF_MAX (256 * 1024)

/*
 * output_status: like output_message, for a program's STATUS= line: while
 * stderr waits for its reader, only the latest one of each program is kept
 * (replacing the older), and written once stderr takes more. Own messages
 * are bounded too: past OUTPUT_SELF_MAX bytes waiting, they are dropped and
 * counted, and a line says how many when stderr takes more.
 */
void output_status(struct output *o, const struct program_output *po,
    const char *text, size_t len);

/*
 * output_write_held: write what waited for stderr (the count of dropped
 * messages, each program's latest STATUS=): output.c calls it when stderr
 * takes more, and at the end.
 */
void output_write_held(struct output *o);

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
