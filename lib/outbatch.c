/*
 * Lines gathered into one labelled writev, whose turn is next, where a
 * stream goes, and the output's owner told: shared by output.c, outsource.c
 * and outmsg.c.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "outbatch.h"

struct program_output *
outbatch_after(const struct output *o, const struct program_output *po)
{
	return po->next != NULL ? po->next : o->first;
}

void
outbatch_tell(const struct output *o, enum output_event ev, const char *what,
    int err)
{
	if (o->on_event != NULL)
		o->on_event(ev, what, err, o->event_arg);
}

/* Where a program's stream goes: its own writer, or the one both share. */
struct writer *
outbatch_dest(struct output *o, int stream)
{
	return &o->dest[o->shared ? 0 : stream];
}

static void
stamp_now(struct outbatch *b)
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

void
outbatch_begin(struct outbatch *b, const struct output *o)
{
	b->o = o;
	b->n = 0;
	b->bytes = 0;
	b->stamp_len = 0;
	if (o->timestamps)
		stamp_now(b);
}

void
outbatch_add(struct outbatch *b, const char *label, size_t label_len,
    const char *line, size_t len, int add_newline)
{
	if (b->stamp_len > 0)
		b->iov[b->n++] = (struct iovec){ b->stamp, b->stamp_len };
	b->iov[b->n++] = (struct iovec){ (void *)(uintptr_t)label, label_len };
	b->iov[b->n++] = (struct iovec){ (void *)(uintptr_t)line, len };
	b->bytes += len;
	if (add_newline)
		b->iov[b->n++] = (struct iovec){ (void *)(uintptr_t)"\n", 1 };
}

void
outbatch_write(struct outbatch *b, struct writer *w)
{
	const struct output *o = b->o;

	if (b->n > 0 && writer_writev(w, b->iov, b->n) == -1 &&
	    !w->lost_said) {
		w->lost_said = 1;
		outbatch_tell(o, OUTPUT_LOST, w == &o->dest[1] ? "stderr" :
		    o->shared ? "stdout and stderr" : "stdout", ENOMEM);
	}
	b->n = 0;
	b->bytes = 0;
}
