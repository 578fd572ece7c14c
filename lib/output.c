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
#include "output.h"
#include "text.h"

/* Rounds of turns after a destination drained, at most. */
#define TURN_ROUNDS 8

static const char *const palette[] = {
	"\033[36m", "\033[33m", "\033[32m", "\033[35m", "\033[34m", "\033[31m",
};
#define COLOR_RESET "\033[0m"

static struct output *
output_of(const struct source *s)
{
	return s->po->out;
}

/* The program after po, round the list. */
static struct program_output *
after(const struct output *o, const struct program_output *po)
{
	return po->next != NULL ? po->next : o->first;
}

static void
tell(struct output *o, enum output_event ev, const char *what, int err)
{
	if (o->on_event != NULL)
		o->on_event(ev, what, err, o->event_arg);
}

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

/*
 * Decide where the next piece of s's buffer at off ends: at a newline, at the
 * line bound, or at the end of a partial line that is due. 0: not yet.
 */
static size_t
next_piece(const struct source *s, size_t off, int *add_newline, int *whole)
{
	const char *start = s->buf + off;
	size_t avail = s->len - off;
	/* the buffer holds more than a line's bound: look no further */
	const char *nl = memchr(start, '\n', avail < OUTPUT_LINE_MAX + 1 ?
	    avail : OUTPUT_LINE_MAX + 1);

	*add_newline = 0;
	*whole = nl != NULL;
	if (nl != NULL)
		return (size_t)(nl - start) + 1;
	*add_newline = 1;
	if (avail >= OUTPUT_LINE_MAX)
		return OUTPUT_LINE_MAX;
	if (s->eof || s->flush_partial)
		return s->len - off;
	return 0;
}

static void
source_keep_partial(struct source *s, size_t off, int restart)
{
	struct ev_loop *loop = output_of(s)->loop;

	if (off > 0)
		memmove(s->buf, s->buf + off, s->len - off);
	s->len -= off;
	s->flush_partial = 0;
	if (s->len == 0) {
		free(s->buf);	/* an idle program holds no buffer */
		s->buf = NULL;
		ev_timer_stop(loop, &s->partial);
	} else if (restart || !ev_is_active(&s->partial)) {
		ev_timer_stop(loop, &s->partial);
		ev_timer_set(&s->partial, OUTPUT_PARTIAL_DELAY, 0.);
		ev_timer_start(loop, &s->partial);
	}
}

/*
 * Write the lines waiting in s's buffer while its destination takes them
 * (one_turn: one writev's worth at most, a turn among the programs); keep
 * the rest. When the destination is full, stop reading s: its program
 * blocks in write, and grpsup goes on with signals and deadlines.
 */
static int
source_pump_turn(struct source *s, int one_turn)
{
	struct output *o = output_of(s);
	struct writer *w = output_dest(o, s->stream);
	struct program_output *po = s->po;
	const struct output_watch *watch = po->watch;
	struct outbatch b;
	size_t off = 0, len;
	int add_nl, whole, complete = 0, seen = 0, had_turn = writer_ready(w);

	outbatch_begin(&b, o);
	while (off < s->len && writer_ready(w)) {
		if (s->newline_added && s->buf[off] == '\n') {
			s->newline_added = 0;	/* never an empty piece */
			complete++;
			off++;
			continue;
		}
		if ((len = next_piece(s, off, &add_nl, &whole)) == 0)
			break;
		/* a newline that comes next ends this line, already shown */
		s->newline_added = add_nl && len == OUTPUT_LINE_MAX;
		outbatch_add(&b, po->label[s->stream], po->label_len[s->stream],
		    s->buf + off, len, add_nl);
		if (watch != NULL && !seen)
			seen = watch->match(watch->arg, s->buf + off, len);
		complete += whole;
		off += len;
		if (b.n > BATCH_IOV - LINE_IOV_MAX || b.bytes >= BATCH_BYTES) {
			outbatch_write(&b, w);
			if (one_turn)
				break;
		}
	}
	outbatch_write(&b, w);
	if (s->buf != NULL)
		source_keep_partial(s, off, complete > 0);
	if (!writer_ready(w)) {
		ev_io_stop(o->loop, &s->io);
		if (had_turn)	/* it filled the destination: the next one's turn */
			o->turn[w == &o->dest[1]] = after(o, po);
	}
	if (seen && po->watch == watch) {
		po->watch = NULL;
		watch->seen(watch->arg);
	}
	return off > 0;
}

/* Write what s holds, as long as its destination takes it. */
static void
source_pump(struct source *s)
{
	(void)source_pump_turn(s, 0);
}

static void
source_close(struct source *s)
{
	ev_io_stop(output_of(s)->loop, &s->io);
	close(s->fd);
	s->fd = -1;
	s->eof = 1;
}

/*
 * No memory for s's buffer: pause its pipe as a full destination does (the
 * program blocks in write, nothing is lost) and read it again a little
 * later, or when a destination drains. Said once a run.
 */
static void
source_starve(struct source *s)
{
	struct output *o = output_of(s);

	ev_io_stop(o->loop, &s->io);
	s->starved = 1;
	if (!ev_is_active(&o->nomem_w)) {
		ev_timer_set(&o->nomem_w, OUTPUT_NOMEM_RETRY, 0.);
		ev_timer_start(o->loop, &o->nomem_w);
	}
	if (!o->starved_said) {
		o->starved_said = 1;
		snprintf(o->what, sizeof(o->what), "%s: read its output (its "
		    "pipe waits until memory is free)", s->po->name);
		tell(o, OUTPUT_ERROR, o->what, ENOMEM);
	}
}

/* Read the pipes paused for want of memory again. */
static void
on_nomem_retry(struct ev_loop *loop, ev_timer *t, int revents)
{
	struct output *o = container_of(t, struct output, nomem_w);
	struct program_output *po;
	int k;

	(void)revents;
	for (po = o->first; po != NULL; po = po->next)
		for (k = 0; k < 2; k++) {
			struct source *s = &po->src[k];

			if (!s->starved)
				continue;
			s->starved = 0;
			if (s->fd >= 0 && writer_ready(output_dest(o, k)))
				ev_io_start(loop, &s->io);
		}
}

/*
 * Read once into s's buffer and write what it can (one_turn: as
 * source_pump_turn); returns what read returned.
 */
static ssize_t
source_read_turn(struct source *s, int one_turn)
{
	ssize_t n;

	if (s->buf == NULL && (s->buf = malloc(OUTPUT_BUF_SIZE)) == NULL) {
		source_starve(s);
		errno = ENOMEM;
		return -1;
	}
	if (s->len == OUTPUT_BUF_SIZE) {	/* the buffer waits for room */
		errno = EAGAIN;
		return -1;
	}
	do
		n = read(s->fd, s->buf + s->len, OUTPUT_BUF_SIZE - s->len);
	while (n == -1 && errno == EINTR);
	if (n > 0)
		s->len += (size_t)n;
	else if (n == 0 || errno != EAGAIN)
		source_close(s);
	(void)source_pump_turn(s, one_turn);
	return n;
}

static ssize_t
source_read(struct source *s)
{
	return source_read_turn(s, 0);
}

static void
on_readable(struct ev_loop *loop, ev_io *io, int revents)
{
	struct source *s = container_of(io, struct source, io);

	(void)loop;
	(void)revents;
	if (source_read(s) <= 0 && s->eof)
		tell(output_of(s), OUTPUT_CHANGED, NULL, 0);
}

static void
on_partial_due(struct ev_loop *loop, ev_timer *t, int revents)
{
	struct source *s = container_of(t, struct source, partial);

	(void)loop;
	(void)revents;
	s->flush_partial = 1;
	source_pump(s);
	/* the last bytes of a pipe at its end are out: the group may be done */
	if (s->fd < 0 && s->buf == NULL)
		tell(output_of(s), OUTPUT_CHANGED, NULL, 0);
}

/* Whether the pipe fd holds bytes to read, without reading them. */
static int
bytes_waiting(int fd)
{
	int n = 0;

	return ioctl(fd, FIONREAD, &n) == 0 && n > 0;
}

/*
 * A destination drained or broke: the sources that feed it go on, in turns:
 * the first to write is the program after the one that filled it last, so
 * that under a slow reader none gets more than its share.
 */
static void
on_dest_change(struct writer *w, void *arg)
{
	struct output *o = arg;
	int d = w == &o->dest[1], k, moved, round;
	struct program_output *po, *start;

	if (w->broken && w->epipe)
		tell(o, OUTPUT_BROKEN, NULL, EPIPE);
	else if (w->broken && w->tty && w->err == EIO)
		tell(o, OUTPUT_HANGUP, NULL, EIO);
	else if (w->broken && !w->said)
		tell(o, OUTPUT_WRITE_ERROR, d ? "stderr" : o->shared ?
		    "stdout and stderr" : "stdout", w->err);
	w->said = w->broken;
	if (!w->broken && writer_ready(w) && w == output_dest(o, 1))
		outmsg_write_held(o);
	/*
	 * Turns, round after round, while it takes more and someone writes;
	 * a few rounds at most, so that the loop goes on (a fast reader).
	 */
	start = po = o->turn[d] != NULL ? o->turn[d] : o->first;
	for (moved = 0, round = 0; po != NULL && !w->broken && writer_ready(w) &&
	    round < TURN_ROUNDS; ) {
		for (k = 0; k < 2; k++) {
			struct source *s = &po->src[k];

			if (output_dest(o, k) != w || !writer_ready(w))
				continue;
			if (s->buf != NULL)
				moved |= source_pump_turn(s, 1);
			else if (s->fd >= 0 && bytes_waiting(s->fd))
				moved |= source_read_turn(s, 1) > 0;
		}
		if ((po = after(o, po)) == start && !moved)
			break;
		if (po == start) {
			moved = 0;
			round++;
		}
	}
	/*
	 * No one has more to write, or the rounds are over, and room is left:
	 * all may read again, and what waits is written (no one waits for a
	 * turn when the reader keeps up).
	 */
	for (po = o->first; po != NULL && writer_ready(w); po = po->next)
		for (k = 0; k < 2; k++) {
			if (output_dest(o, k) != w)
				continue;
			if (po->src[k].buf != NULL && writer_ready(w))
				source_pump(&po->src[k]);
			if (po->src[k].fd >= 0 && writer_ready(w))
				ev_io_start(o->loop, &po->src[k].io);
		}
	tell(o, OUTPUT_CHANGED, NULL, 0);
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
	ev_init(&o->nomem_w, on_nomem_retry);
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
		s->po = po;
		s->stream = k;
		ev_io_init(&s->io, on_readable, s->fd, EV_READ);
		ev_init(&s->partial, on_partial_due);
		if (!ok) {
			close(s->fd);
			s->fd = -1;
			s->eof = 1;
			continue;
		}
		if (writer_ready(output_dest(po->out, k)))
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

		while (s->fd >= 0 && writer_ready(output_dest(po->out, k)) &&
		    source_read(s) > 0)
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
				source_close(s);
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
				source_close(&po->src[k]);
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
