/*
 * grpsup's labelled output, the group's side: the two destinations (one
 * writer when stdout and stderr are one file), the labels, each program's
 * pipes made and attached, fair turns under a slow reader, and the end
 * (drained, or abandoned and counted).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "container.h"
#include "outbatch.h"
#include "outmsg.h"
#include "outsource.h"
#include "output.h"
#include "text.h"

/* Rounds of turns after a destination drained, at most. */
#define TURN_ROUNDS 8

static const char *const palette[] = {
	"\033[36m", "\033[33m", "\033[32m", "\033[35m", "\033[34m", "\033[31m",
};
#define COLOR_RESET "\033[0m"

static char *
make_label(const char *name, size_t width, const char *color, size_t *len)
{
	char *label;
	int n;

	if (color != NULL)
		n = asprintf(&label, "%s%-*s |%s ", color, (int)width, name,
		    COLOR_RESET);
	else
		n = asprintf(&label, "%-*s | ", (int)width, name);
	if (n < 0)
		return NULL;
	*len = (size_t)n;
	return label;
}

/* Tell the owner that w broke, once (EPIPE and a terminal's EIO each time). */
static void
tell_broken(struct output *o, struct writer *w)
{
	int d = w == &o->dest[1];

	if (w->broken && w->epipe)
		outbatch_tell(o, OUTPUT_BROKEN, NULL, EPIPE);
	else if (w->broken && w->tty && w->err == EIO)
		outbatch_tell(o, OUTPUT_HANGUP, NULL, EIO);
	else if (w->broken && !w->said)
		outbatch_tell(o, OUTPUT_WRITE_ERROR, d ? "stderr" : o->shared ?
		    "stdout and stderr" : "stdout", w->err);
	w->said = w->broken;
}

/* One program's turn on w: a writev's worth of each stream that feeds w. */
static int
take_turn(struct output *o, struct writer *w, struct program_output *po)
{
	int k, moved = 0;

	for (k = 0; k < 2; k++) {
		struct source *s = &po->src[k];

		if (outbatch_dest(o, k) != w || !writer_ready(w))
			continue;
		if (s->buf != NULL)
			moved |= outsource_pump_turn(s, 1);
		else if (s->fd >= 0 && outsource_waiting(s->fd))
			moved |= outsource_read_turn(s, 1) > 0;
	}
	return moved;
}

/*
 * Turns, round after round, from the program after the one that filled w
 * last, while w takes more and someone writes; a few rounds at most, so
 * that the loop goes on (a fast reader).
 */
static void
take_turns(struct output *o, struct writer *w)
{
	struct program_output *po, *start;
	int d = w == &o->dest[1], moved = 0, round = 0;

	start = po = o->turn[d] != NULL ? o->turn[d] : o->first;
	while (po != NULL && !w->broken && writer_ready(w) &&
	    round < TURN_ROUNDS) {
		moved |= take_turn(o, w, po);
		if ((po = outbatch_after(o, po)) == start && !moved)
			break;
		if (po == start) {
			moved = 0;
			round++;
		}
	}
}

/*
 * No one has more to write, or the rounds are over, and room is left on
 * w: all its sources may read again, and what waits is written (no one
 * waits for a turn when the reader keeps up).
 */
static void
resume_sources(struct output *o, struct writer *w)
{
	struct program_output *po;
	int k;

	for (po = o->first; po != NULL && writer_ready(w); po = po->next)
		for (k = 0; k < 2; k++) {
			if (outbatch_dest(o, k) != w)
				continue;
			if (po->src[k].buf != NULL && writer_ready(w))
				outsource_pump(&po->src[k]);
			if (po->src[k].fd >= 0 && writer_ready(w))
				ev_io_start(o->loop, &po->src[k].io);
		}
}

/*
 * A destination drained or broke: the sources that feed it go on, in turns,
 * so that under a slow reader none gets more than its share.
 */
static void
on_dest_change(struct writer *w, void *arg)
{
	struct output *o = arg;

	tell_broken(o, w);
	if (!w->broken && writer_ready(w) && w == outbatch_dest(o, 1))
		outmsg_write_held(o);
	take_turns(o, w);
	resume_sources(o, w);
	outbatch_tell(o, OUTPUT_CHANGED, NULL, 0);
}

/* stdout and stderr are one file: the same pipe, socket, tty or inode. */
static int
same_file(int a, int b)
{
	struct stat sa, sb;

	return fstat(a, &sa) == 0 && fstat(b, &sb) == 0 &&
	    sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* The longest label, "grpsup" included; 0 when no program is labelled. */
static size_t
label_width(const struct output *o)
{
	const struct program_output *po;
	size_t width = 0;

	for (po = o->first; po != NULL; po = po->next)
		if (po->mode == OUTPUT_LABEL && strlen(po->name) > width)
			width = strlen(po->name);
	return width > 0 && width < 6 ? 6 : width;
}

static int
make_labels(struct output *o)
{
	size_t i = 0, width = label_width(o);
	size_t n = sizeof(palette) / sizeof(palette[0]);
	struct program_output *po;
	int k;

	/* with no labelled program, grpsup speaks as err(3) does */
	if (width == 0) {
		o->self_label = strdup("grpsup: ");
		o->self_len = strlen("grpsup: ");
	} else {
		o->self_label = make_label("grpsup", width, NULL, &o->self_len);
	}
	if (o->self_label == NULL)
		return -1;
	for (po = o->first; po != NULL; po = po->next, i++) {
		if (po->mode != OUTPUT_LABEL)
			continue;
		for (k = 0; k < 2; k++) {
			po->label[k] = make_label(po->name, width, o->color[k] ?
			    palette[i % n] : NULL, &po->label_len[k]);
			if (po->label[k] == NULL)
				return -1;
		}
	}
	return 0;
}

void
output_add(struct output *o, struct program_output *po, const char *name,
    enum output_mode mode)
{
	po->out = o;
	po->next = NULL;
	po->name = name;
	po->mode = mode;
	po->src[0].fd = po->src[1].fd = -1;
	if (o->last != NULL)
		o->last->next = po;
	else
		o->first = po;
	o->last = po;
}

int
output_setup(struct output *o, struct ev_loop *loop, output_fn *fn,
    void *arg)
{
	o->loop = loop;
	o->on_event = fn;
	o->event_arg = arg;
	ev_init(&o->nomem_w, outsource_on_nomem);
	o->devnull_w = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (o->devnull_w == -1 || make_labels(o) == -1)
		return -1;
	writer_open(&o->dest[0], loop, STDOUT_FILENO, on_dest_change, o);
	writer_open(&o->dest[1], loop, STDERR_FILENO, on_dest_change, o);
	o->shared = same_file(STDOUT_FILENO, STDERR_FILENO);
	o->ready = 1;
	return 0;
}

int
output_child_fds(struct program_output *po, int fds[2])
{
	int pipes[2][2], k;

	fds[0] = fds[1] = -1;
	po->src[0].fd = po->src[1].fd = -1;
	if (po->mode == OUTPUT_NULL)
		fds[0] = fds[1] = po->out->devnull_w;
	if (po->mode != OUTPUT_LABEL)
		return 0;
	if (pipe2(pipes[0], O_CLOEXEC) == -1)
		return -1;
	if (pipe2(pipes[1], O_CLOEXEC) == -1) {
		close(pipes[0][0]);
		close(pipes[0][1]);
		return -1;
	}
	for (k = 0; k < 2; k++) {
		fcntl(pipes[k][0], F_SETFL, O_NONBLOCK);	/* our own pipe */
		/* a wider pipe means fewer, larger reads; best effort */
		fcntl(pipes[k][0], F_SETPIPE_SZ, OUTPUT_BUF_SIZE);
		po->src[k].fd = pipes[k][0];
		fds[k] = pipes[k][1];
	}
	return 0;
}

void
output_attach(struct program_output *po, const int fds[2], int ok)
{
	int k;

	if (po->mode != OUTPUT_LABEL)
		return;
	for (k = 0; k < 2; k++) {
		struct source *s = &po->src[k];

		close(fds[k]);
		outsource_watch(s, po, k);
		if (!ok) {
			close(s->fd);
			s->fd = -1;
			s->eof = 1;
			continue;
		}
		if (writer_ready(outbatch_dest(po->out, k)))
			ev_io_start(po->out->loop, &s->io);
	}
}

void
output_drain(struct program_output *po)
{
	int k;

	if (po->mode != OUTPUT_LABEL)
		return;
	for (k = 0; k < 2; k++) {
		struct source *s = &po->src[k];

		while (s->fd >= 0 && writer_ready(outbatch_dest(po->out, k)) &&
		    outsource_read(s) > 0)
			;
	}
}

size_t
output_lost(const struct output *o)
{
	return o->dest[0].lost + o->dest[1].lost;
}

int
output_idle(const struct output *o)
{
	const struct program_output *po;
	int k;

	for (k = 0; k < 2; k++)
		if (!writer_ready(&o->dest[k]))
			return 0;
	for (po = o->first; po != NULL; po = po->next)
		for (k = 0; k < 2; k++)
			if (po->mode == OUTPUT_LABEL && (po->src[k].fd >= 0 ||
			    po->src[k].buf != NULL))
				return 0;
	return 1;
}

size_t
output_abandon(struct output *o)
{
	struct program_output *po;
	size_t lost = 0;
	int k;

	for (po = o->first; po != NULL; po = po->next)
		for (k = 0; k < 2 && po->mode == OUTPUT_LABEL; k++) {
			struct source *s = &po->src[k];

			lost += s->len;
			if (s->fd >= 0) {
				int n = 0;

				if (ioctl(s->fd, FIONREAD, &n) == 0 && n > 0)
					lost += (size_t)n;
				outsource_close(s);
			}
			ev_timer_stop(o->loop, &s->partial);
			free(s->buf);
			s->buf = NULL;
			s->len = 0;
		}
	for (k = 0; k < 2; k++)
		lost += writer_drop(&o->dest[k]);
	ev_timer_stop(o->loop, &o->nomem_w);
	o->abandoned = 1;
	return lost;
}

void
output_close(struct output *o)
{
	struct program_output *po;
	int k;

	outmsg_write_held(o);
	if (o->loop != NULL)
		ev_timer_stop(o->loop, &o->nomem_w);
	for (po = o->first; po != NULL; po = po->next)
		for (k = 0; k < 2; k++) {
			if (po->src[k].fd >= 0 && po->mode == OUTPUT_LABEL)
				outsource_close(&po->src[k]);
			free(po->src[k].buf);
			free(po->label[k]);
			po->src[k].buf = po->label[k] = NULL;
		}
	for (k = 0; k < 2; k++) {
		writer_flush(&o->dest[k], o->abandoned ? 0 : -1);
		writer_close(&o->dest[k]);
	}
	if (o->devnull_w >= 0)
		close(o->devnull_w);
	free(o->self_label);
	memset(o, 0, sizeof(*o));
}
