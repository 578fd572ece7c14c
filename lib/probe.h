#ifndef GRPSUP_PROBE_H
#define GRPSUP_PROBE_H

#include <stddef.h>

enum probe_kind {
	PROBE_NONE,		/* ready once exec'ed */
	PROBE_TCP,		/* tcp://HOST:PORT */
	PROBE_HTTP,		/* http://HOST:PORT/PATH */
	PROBE_FILE,		/* file:PATH */
	PROBE_EXEC,		/* exec:COMMAND */
	PROBE_NOTIFY,		/* notify: READY=1 on $NOTIFY_SOCKET */
};

struct probe_spec {
	enum probe_kind kind;
	char host[256];		/* tcp, http: without the brackets of IPv6 */
	char port[6];		/* tcp, http: "1" to "65535" */
	const char *path;	/* http: from '/', file: the path; into spec */
	const char *command;	/* exec: into spec */
};

/*
 * probe_parse: read a readiness PROBE as grpsup.conf and --ready write it.
 * The result points into spec, which must outlive it. Returns 0, or -1 with
 * a one-line reason in why (of size len).
 */
int probe_parse(const char *spec, struct probe_spec *p, char *why,
    size_t len);

#endif
