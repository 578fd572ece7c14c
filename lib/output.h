#ifndef GRPSUP_OUTPUT_H
#define GRPSUP_OUTPUT_H

#include <ev.h>
#include <stddef.h>

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

/* When labels are coloured (--color, color =). */
enum color_when { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

/* color_parse: "auto", "always" or "never"; -1 for anything else. */
int color_parse(const char *s);

enum output_mode {
	OUTPUT_LABEL,		/* through grpsup, one labelled line at a time */
	OUTPUT_RAW,		/* grpsup's own stdout and stderr, untouched */
	OUTPUT_NULL,		/* discarded */
};

struct program;
struct group;

/* One stream of one program: the read end of its pipe and a partial line. */
struct source {
	struct program *prog;
	int stream;		/* 0: stdout, 1: stderr */
	int fd;			/* -1 once closed */
	int eof;
	int flush_partial;	/* the partial line has waited long enough */
	char *buf;		/* allocated while bytes wait in it */
	size_t len;
	ev_io io;
	ev_timer partial;
};

/* The program's side: its label for each destination. */
struct program_output {
	enum output_mode mode;
	char *label[2];
	size_t label_len[2];
	struct source src[2];
};

/* The group's side: the two destinations and how lines are decorated. */
struct output {
	struct writer dest[2];	/* grpsup's stdout and stderr */
	int color[2];		/* colour the labels on this destination */
	int timestamps;
	int devnull_w;		/* for OUTPUT_NULL programs */
	char *self_label;	/* for grpsup's own messages */
	size_t self_len;
	int ready;
};

/*
 * output_setup: open grpsup's two destinations on g's loop and make every
 * program's labels (names padded to the longest, "grpsup" included; colours
 * where g->out.color says). Returns 0, or -1 with errno set.
 */
int output_setup(struct group *g);

/*
 * output_child_fds: before p is spawned, make what becomes its stdout and
 * stderr: pipes for a labelled program, /dev/null for a discarded one, -1
 * (grpsup's own) for a raw one. fds[0] and fds[1] are for the child. Returns
 * 0, or -1 with errno set and nothing left open.
 */
int output_child_fds(struct program *p, int fds[2]);

/*
 * output_attach: after the spawn, close the child's ends in grpsup and start
 * reading p's pipes. With ok false (no child was created) only close.
 */
void output_attach(struct program *p, const int fds[2], int ok);

/*
 * output_drain: read what p's pipes hold right now, so that its last lines
 * come before grpsup's words about its exit.
 */
void output_drain(struct program *p);

/* output_idle: every pipe is at its end and everything has been written. */
int output_idle(const struct group *g);

/*
 * output_message: write one of grpsup's own messages (text, no newline) as a
 * whole line on stderr, labelled, after every line already accepted. Never
 * blocks and never drops it while stderr has a reader.
 */
void output_message(struct group *g, const char *text, size_t len);

/*
 * output_close: write whatever is still pending, waiting for the readers as
 * long as it takes (the run is over), then release everything.
 */
void output_close(struct group *g);

#endif
