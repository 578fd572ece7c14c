/*
 * grpsup's own messages: labelled, never inside a program's line, bounded
 * while stderr waits for its reader (the latest STATUS= of each program kept,
 * the others counted).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "outbatch.h"
#include "outmsg.h"
#include "text.h"

/* One own message, labelled, on stderr (or its shared writer). */
static void
write_message(struct output *o, const char *text, size_t len)
{
	struct outbatch b;

	outbatch_begin(&b, o);
	outbatch_add(&b, o->self_label, o->self_len, text, len, 1);
	outbatch_write(&b, outbatch_dest(o, 1));
}

/* What waited while stderr was not read: the count dropped, each STATUS. */
void
outmsg_write_held(struct output *o)
{
	struct program_output *po;
	char line[128];
	int n;

	if (o->dropped > 0) {
		n = snprintf(line, sizeof(line), "%lu of grpsup's messages "
		    "were dropped while its stderr was not read", o->dropped);
		o->dropped = 0;
		write_message(o, line, (size_t)n);
	}
	for (po = o->first; po != NULL; po = po->next)
		if (po->status != NULL) {
			write_message(o, po->status, strlen(po->status));
			free(po->status);
			po->status = NULL;
		}
}

void
outmsg_write(struct output *o, const char *text, size_t len)
{
	char line[1024];
	struct writer *w;
	size_t n;

	if (len > sizeof(line) - 16)
		len = sizeof(line) - 16;
	n = (size_t)snprintf(line, sizeof(line), "grpsup: ");
	memcpy(line + n, text, len);
	text_visible(line + n, len);
	if (o != NULL && o->ready) {
		w = outbatch_dest(o, 1);
		if (!writer_ready(w) && w->plen >= OUTMSG_HELD_MAX)
			o->dropped++;	/* memory stays bounded: counted, said */
		else
			write_message(o, line + n, len);
		return;
	}
	n += len;
	line[n++] = '\n';
	while (write(STDERR_FILENO, line, n) == -1 && errno == EINTR)
		;
}

void
outmsg_status(struct output *o, const struct program_output *key,
    const char *text, size_t len)
{
	struct program_output *po;

	if (o == NULL || !o->ready || writer_ready(outbatch_dest(o, 1))) {
		outmsg_write(o, text, len);
		return;
	}
	for (po = o->first; po != NULL && po != key; po = po->next)
		;
	if (po == NULL)
		return;
	free(po->status);	/* the latest replaces the older */
	if ((po->status = strndup(text, len > 1000 ? 1000 : len)) != NULL)
		text_visible(po->status, strlen(po->status));
}
