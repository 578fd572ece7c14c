#ifndef GRPSUP_SIGNAME_H
#define GRPSUP_SIGNAME_H

#include <stddef.h>

/*
 * signame_parse: read SIG as grpsup's users write it: a name with or without
 * "SIG" ("TERM", "sigterm", "SIGTERM", "RTMIN+1"), case-insensitive, or a
 * number from 1 to the last real-time signal. Returns the signal number, or -1 with errno EINVAL.
 */
int signame_parse(const char *s);

/*
 * signame_of: the short upper-case name of sig ("TERM"; a real-time one
 * "RTMIN+1" or "RTMAX-2", as kill -l says), or its number as text for a
 * signal without a name (glibc's own 32 and 33), written into buf of size
 * len (at least 16). Returns a pointer to a static name or to buf.
 */
const char *signame_of(int sig, char *buf, size_t len);

/*
 * signame_unforwardable: why grpsup never forwards sig to a program (the
 * forward setting cannot ask for it), or NULL when it may.
 */
const char *signame_unforwardable(int sig);

/*
 * signame_hint: for a SIG that signame_parse refused, " (did you mean
 * TERM?)" naming the signal it most likely meant, or "" (into buf, of
 * size len). Returns buf.
 */
const char *signame_hint(const char *s, char *buf, size_t len);

#endif
