/*
 * Shared by output.c, outsource.c and outmsg.c, and by nothing else: lines
 * gathered into one labelled write, where a stream goes, whose turn is next,
 * and the owner told.
 */
#ifndef GRPSUP_OUTBATCH_H
#define GRPSUP_OUTBATCH_H

#include <stddef.h>
#include <sys/uio.h>

#include "outstate.h"

/*
 * Lines gathered into one writev, up to IOV_MAX pieces (a line takes 2 to 4):
 * every write to a pipe takes its lock and wakes its reader, so fewer and
 * larger writes are what makes label mode cheap (tests/bench/output.sh).
 */
#define BATCH_IOV 1024
#define LINE_IOV_MAX 4
/*
 * A writev holds at most about this many bytes of lines: under a slow
 * reader, a program's turn is one such write, so that long lines do not
 * make turns long (tests/bench/fair.sh).
 */
#define BATCH_BYTES 65536

struct outbatch {
	const struct output *o;		/* told of bytes lost for memory */
	struct iovec iov[BATCH_IOV];
	int n;
	size_t bytes;
	char stamp[32];
	size_t stamp_len;
};

/* outbatch_begin: b empty, with the time to put first when o->timestamps. */
void outbatch_begin(struct outbatch *b, const struct output *o);
/* outbatch_add: one line (or piece): the time, label, line, a newline. */
void outbatch_add(struct outbatch *b, const char *label, size_t label_len,
    const char *line, size_t len, int add_newline);
/*
 * outbatch_write: b's pieces as one unit on w; b is empty again. When w had
 * no memory to keep what its file could not take yet, the owner hears it
 * once (OUTPUT_LOST).
 */
void outbatch_write(struct outbatch *b, struct writer *w);
/* outbatch_after: the program after po, round the list (whose turn next). */
struct program_output *outbatch_after(const struct output *o,
    const struct program_output *po);
/* outbatch_tell: tell o's owner of ev (what, err: as output_fn says). */
void outbatch_tell(const struct output *o, enum output_event ev,
    const char *what, int err);
/* outbatch_dest: where stream (0, 1) goes: its writer, or the shared one. */
struct writer *outbatch_dest(struct output *o, int stream);

#endif
