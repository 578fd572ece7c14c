#ifndef GRPSUP_SIGNAME_H
#define GRPSUP_SIGNAME_H

#include <stddef.h>

/*
 * signal_parse: read SIG as grpsup's users write it: a name with or without
 * "SIG" ("TERM", "sigterm", "SIGTERM"), case-insensitive, or a number from 1 to
 * the last real-time signal. Returns the signal number, or -1 with errno EINVAL.
 */
int signal_parse(const char *s);

/*
 * signal_name: the short upper-case name of sig ("TERM"), or its number as
 * text for a signal without a name, written into buf of size len. Returns a
 * pointer to a static name or to buf.
 */
const char *signal_name(int sig, char *buf, size_t len);

#endif
