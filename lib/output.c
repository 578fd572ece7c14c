#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "container.h"
#include "group.h"
#include "output.h"


/*
 * Lines gathered into one writev, up to IOV_MAX pieces (a line takes 2 to 4):
 * every write to a pipe takes its lock and wakes its reader, so fewer and
 * larger writes are what makes label mode cheap (tests/bench/output.sh).
 */
#define BATCH_IOV 1024
#define LINE_IOV_MAX 4

static const char *const palette[] = {
	"\033[36m", "\033[33m", "\033[32m", "\033[35m", "\033[34m", "\033[31m",
};
#define COLOR_RESET "\033[0m"

struct batch {
	struct iovec iov[BATCH_IOV];
	int n;
	char stamp[32];
	size_t stamp_len;
};

int
color_parse(const char *s)
{
	static const char *const words[] = { "auto", "always", "never" };
	int i;

	for (i = 0; i < 3; i++)
		if (strcmp(s, words[i]) == 0)
			return i;
	return -1;
}

static struct group *
group_of(const struct source *s)
{
	return s->prog->group;
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

static void
stamp_now(struct batch *b)
{
	struct timespec ts;
	struct tm tm;
	size_t n;

	clock_gettime(CLOCK_REALTIME, &ts);
	localtime_r(&ts.tv_sec, &tm);
	n = strftime(b->stamp, sizeof(b->stamp), "%H:%M:%S", &tm);
	snprintf(b->stamp + n, sizeof(b->stamp) - n, ".%03ld ",
	    ts.tv_nsec / 1000000);
	b->stamp_len = strlen(b->stamp);
}

static void
batch_begin(struct batch *b, const struct output *o)
{
	b->n = 0;
	b->stamp_len = 0;
	if (o->timestamps)
		stamp_now(b);
}

static void
batch_add(struct batch *b, const char *label, size_t label_len,
    const char *line, size_t len, int add_newline)
{
	if (b->stamp_len > 0)
		b->iov[b->n++] = (struct iovec){ b->stamp, b->stamp_len };
	b->iov[b->n++] = (struct iovec){ (void *)(uintptr_t)label, label_len };
	b->iov[b->n++] = (struct iovec){ (void *)(uintptr_t)line, len };
	if (add_newline)
		b->iov[b->n++] = (struct iovec){ (void *)(uintptr_t)"\n", 1 };
}

static void
batch_write(struct batch *b, struct writer *w)
{
	if (b->n > 0)
		(void)writer_writev(w, b->iov, b->n);
	b->n = 0;
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
	struct ev_loop *loop = group_of(s)->loop;

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
 * Write the lines waiting in s's buffer while its destination takes them;
 * keep the rest. When the destination is full, stop reading s: its program
 * blocks in write, and grpsup goes on with signals and deadlines.
 */
static void
source_pump(struct source *s)
{
	struct group *g = group_of(s);
	struct writer *w = &g->out.dest[s->stream];
	struct program_output *po = &s->prog->output;
	struct batch b;
	size_t off = 0, len;
	int add_nl, whole, complete = 0;

	batch_begin(&b, &g->out);
	while (off < s->len && writer_ready(w)) {
		if ((len = next_piece(s, off, &add_nl, &whole)) == 0)
			break;
		batch_add(&b, po->label[s->stream], po->label_len[s->stream],
		    s->buf + off, len, add_nl);
		complete += whole;
		off += len;
		if (b.n > BATCH_IOV - LINE_IOV_MAX)
			batch_write(&b, w);
	}
	batch_write(&b, w);
	if (s->buf != NULL)
		source_keep_partial(s, off, complete > 0);
	if (!writer_ready(w))
		ev_io_stop(g->loop, &s->io);
}

static void
source_close(struct source *s)
{
	ev_io_stop(group_of(s)->loop, &s->io);
	close(s->fd);
	s->fd = -1;
	s->eof = 1;
}

/* Read once into s's buffer; returns what read returned. */
static ssize_t
source_read(struct source *s)
{
	ssize_t n;

	if (s->buf == NULL && (s->buf = malloc(OUTPUT_BUF_SIZE)) == NULL) {
		source_close(s);
		group_output_error(group_of(s), "read output", ENOMEM);
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
	source_pump(s);
	return n;
}

static void
on_readable(struct ev_loop *loop, ev_io *io, int revents)
{
	struct source *s = container_of(io, struct source, io);

	(void)loop;
	(void)revents;
	if (source_read(s) <= 0 && s->eof)
		group_output_changed(group_of(s));
}

static void
on_partial_due(struct ev_loop *loop, ev_timer *t, int revents)
{
	struct source *s = container_of(t, struct source, partial);

	(void)loop;
	(void)revents;
	s->flush_partial = 1;
	source_pump(s);
}

/* A destination drained or broke: let the sources that feed it go on. */
static void
on_dest_change(struct writer *w, void *arg)
{
	struct group *g = arg;
	int stream = w == &g->out.dest[1];
	size_t i;

	if (w->broken && w->epipe)
		group_output_broken(g);
	for (i = 0; i < g->nprogs && writer_ready(w); i++) {
		struct source *s = &g->progs[i].output.src[stream];

		if (s->buf != NULL)
			source_pump(s);
		if (s->fd >= 0 && writer_ready(w))
			ev_io_start(g->loop, &s->io);
	}
	group_output_changed(g);
}

/* The longest label, "grpsup" included; 0 when no program is labelled. */
static size_t
label_width(const struct group *g)
{
	size_t i, width = 0;

	for (i = 0; i < g->nprogs; i++)
		if (g->progs[i].output.mode == OUTPUT_LABEL &&
		    strlen(g->progs[i].name) > width)
			width = strlen(g->progs[i].name);
	return width > 0 && width < 6 ? 6 : width;
}

static int
make_labels(struct group *g)
{
	size_t i, width = label_width(g), n = sizeof(palette) / sizeof(palette[0]);
	int k;

	/* with no labelled program, grpsup speaks as err(3) does */
	if (width == 0) {
		g->out.self_label = strdup("grpsup: ");
		g->out.self_len = strlen("grpsup: ");
	} else {
		g->out.self_label = make_label("grpsup", width, NULL,
		    &g->out.self_len);
	}
	if (g->out.self_label == NULL)
		return -1;
	for (i = 0; i < g->nprogs; i++) {
		struct program_output *po = &g->progs[i].output;

		if (po->mode != OUTPUT_LABEL)
			continue;
		for (k = 0; k < 2; k++) {
			po->label[k] = make_label(g->progs[i].name, width,
			    g->out.color[k] ? palette[i % n] : NULL,
			    &po->label_len[k]);
			if (po->label[k] == NULL)
				return -1;
		}
	}
	return 0;
}

int
output_setup(struct group *g)
{
	struct output *o = &g->out;

	o->devnull_w = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (o->devnull_w == -1 || make_labels(g) == -1)
		return -1;
	writer_open(&o->dest[0], g->loop, STDOUT_FILENO, on_dest_change, g);
	writer_open(&o->dest[1], g->loop, STDERR_FILENO, on_dest_change, g);
	o->ready = 1;
	return 0;
}

int
output_child_fds(struct program *p, int fds[2])
{
	struct program_output *po = &p->output;
	int pipes[2][2], k;

	fds[0] = fds[1] = -1;
	po->src[0].fd = po->src[1].fd = -1;
	if (po->mode == OUTPUT_NULL)
		fds[0] = fds[1] = p->group->out.devnull_w;
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
output_attach(struct program *p, const int fds[2], int ok)
{
	struct program_output *po = &p->output;
	int k;

	if (po->mode != OUTPUT_LABEL)
		return;
	for (k = 0; k < 2; k++) {
		struct source *s = &po->src[k];

		close(fds[k]);
		s->prog = p;
		s->stream = k;
		ev_io_init(&s->io, on_readable, s->fd, EV_READ);
		ev_init(&s->partial, on_partial_due);
		if (!ok) {
			close(s->fd);
			s->fd = -1;
			s->eof = 1;
			continue;
		}
		if (writer_ready(&p->group->out.dest[k]))
			ev_io_start(p->group->loop, &s->io);
	}
}

void
output_drain(struct program *p)
{
	int k;

	if (p->output.mode != OUTPUT_LABEL)
		return;
	for (k = 0; k < 2; k++) {
		struct source *s = &p->output.src[k];

		while (s->fd >= 0 && writer_ready(&p->group->out.dest[k]) &&
		    source_read(s) > 0)
			;
	}
}

int
output_idle(const struct group *g)
{
	size_t i;
	int k;

	for (k = 0; k < 2; k++)
		if (!writer_ready(&g->out.dest[k]))
			return 0;
	for (i = 0; i < g->nprogs; i++)
		for (k = 0; k < 2; k++)
			if (g->progs[i].output.mode == OUTPUT_LABEL &&
			    g->progs[i].pid != 0 &&
			    (g->progs[i].output.src[k].fd >= 0 ||
			    g->progs[i].output.src[k].buf != NULL))
				return 0;
	return 1;
}

void
output_message(struct group *g, const char *text, size_t len)
{
	struct batch b;

	batch_begin(&b, &g->out);
	batch_add(&b, g->out.self_label, g->out.self_len, text, len, 1);
	batch_write(&b, &g->out.dest[1]);
}

void
output_close(struct group *g)
{
	struct output *o = &g->out;
	size_t i;
	int k;

	for (i = 0; i < g->nprogs; i++)
		for (k = 0; k < 2; k++) {
			struct program_output *po = &g->progs[i].output;

			if (po->src[k].fd >= 0 && po->mode == OUTPUT_LABEL &&
			    g->progs[i].pid != 0)
				source_close(&po->src[k]);
			free(po->src[k].buf);
			free(po->label[k]);
		}
	for (k = 0; k < 2; k++) {
		writer_flush(&o->dest[k]);
		writer_close(&o->dest[k]);
	}
	if (o->devnull_w >= 0)
		close(o->devnull_w);
	free(o->self_label);
	memset(o, 0, sizeof(*o));
}
