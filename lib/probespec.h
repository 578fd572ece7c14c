#ifndef GRPSUP_PROBESPEC_H
#define GRPSUP_PROBESPEC_H

#include <stddef.h>
#include <sys/un.h>

/* The longest unix: PATH, with its NUL: a socket address's. */
#define UNIX_PATH_LEN ((int)sizeof(((struct sockaddr_un *)0)->sun_path))

enum probe_kind {
	PROBE_NONE,		/* ready once exec'ed */
	PROBE_TCP,		/* tcp://HOST:PORT */
	PROBE_HTTP,		/* http://HOST:PORT/PATH */
	PROBE_FILE,		/* file:PATH */
	PROBE_UNIX,		/* unix:PATH, a stream socket */
	PROBE_EXEC,		/* exec:COMMAND */
	PROBE_NOTIFY,		/* notify: READY=1 on $NOTIFY_SOCKET */
	PROBE_LOG,		/* log:REGEX, a line of the program's output */
};

struct probe_spec {
	enum probe_kind kind;
	char host[256];		/* tcp, http: without the brackets of IPv6 */
	char port[6];		/* tcp, http: "1" to "65535" */
	const char *path;	/* http: from '/'; file, unix: the path; into
				   spec */
	const char *command;	/* exec: into spec */
	const char *pattern;	/* log: the REGEX (linematch.h); into spec */
};

/*
 * probespec_parse: read a readiness PROBE as grpsup.conf and --ready write it
 * (a log: REGEX is compiled once, to be checked). The result points into
 * spec, which must outlive it. Returns 0, or -1 with a one-line reason in
 * why (of size len).
 */
int probespec_parse(const char *spec, struct probe_spec *p, char *why,
    size_t len);

/*
 * probespec_http_status_ready: whether the start of an HTTP response, buf (len bytes),
 * says ready (a 2xx or 3xx status): 1 yes, 0 no (*status holds it, or 0 for
 * a reply that is not HTTP), -1 when more bytes are needed to tell.
 */
int probespec_http_status_ready(const char *buf, size_t len, int *status);

#endif
