/*
 * The state of grpsup's labelled output: each program's streams, the two
 * destinations, and what the output tells its owner. Types and bounds only,
 * shared by output.c, outbatch.c and outmsg.c (output.h has the functions).
 */
#ifndef GRPSUP_OUTSTATE_H
#define GRPSUP_OUTSTATE_H

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

#endif
