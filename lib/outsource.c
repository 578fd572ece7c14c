/*
 * One program's stream on its way out: its pipe read into a buffer, cut
 * into labelled lines and pieces, written while the destination takes them,
 * paused when it does not (or when memory runs out) so that the program
 * blocks in write.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "container.h"
#include "outbatch.h"
#include "outsource.h"

static struct output *
source_output(const struct source *s)
{
	return s->po->out;
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
	struct ev_loop *loop = source_output(s)->loop;

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
int
outsource_pump_turn(struct source *s, int one_turn)
{
	struct output *o = source_output(s);
	struct writer *w = outbatch_dest(o, s->stream);
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
			o->turn[w == &o->dest[1]] = outbatch_after(o, po);
	}
	if (seen && po->watch == watch) {
		po->watch = NULL;
		watch->seen(watch->arg);
	}
	return off > 0;
}

/* Write what s holds, as long as its destination takes it. */
void
outsource_pump(struct source *s)
{
	(void)outsource_pump_turn(s, 0);
}

void
outsource_close(struct source *s)
{
	ev_io_stop(source_output(s)->loop, &s->io);
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
	struct output *o = source_output(s);

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
		outbatch_tell(o, OUTPUT_ERROR, o->what, ENOMEM);
	}
}

/* Read the pipes paused for want of memory again. */
void
outsource_on_nomem(struct ev_loop *loop, ev_timer *t, int revents)
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
			if (s->fd >= 0 && writer_ready(outbatch_dest(o, k)))
				ev_io_start(loop, &s->io);
		}
}

/*
 * Read once into s's buffer and write what it can (one_turn: as
 * outsource_pump_turn); returns what read returned.
 */
ssize_t
outsource_read_turn(struct source *s, int one_turn)
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
		outsource_close(s);
	(void)outsource_pump_turn(s, one_turn);
	return n;
}

ssize_t
outsource_read(struct source *s)
{
	return outsource_read_turn(s, 0);
}

static void
on_readable(struct ev_loop *loop, ev_io *io, int revents)
{
	struct source *s = container_of(io, struct source, io);

	(void)loop;
	(void)revents;
	if (outsource_read(s) <= 0 && s->eof)
		outbatch_tell(source_output(s), OUTPUT_CHANGED, NULL, 0);
}

static void
on_partial_due(struct ev_loop *loop, ev_timer *t, int revents)
{
	struct source *s = container_of(t, struct source, partial);

	(void)loop;
	(void)revents;
	s->flush_partial = 1;
	outsource_pump(s);
	/* the last bytes of a pipe at its end are out: the group may be done */
	if (s->fd < 0 && s->buf == NULL)
		outbatch_tell(source_output(s), OUTPUT_CHANGED, NULL, 0);
}

/* Whether the pipe fd holds bytes to read, without reading them. */
int
outsource_waiting(int fd)
{
	int n = 0;

	return ioctl(fd, FIONREAD, &n) == 0 && n > 0;
}

void
outsource_watch(struct source *s, struct program_output *po, int stream)
{
	s->po = po;
	s->stream = stream;
	ev_io_init(&s->io, on_readable, s->fd, EV_READ);
	ev_init(&s->partial, on_partial_due);
}
