#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "probe.h"

static int
fail(char *why, size_t len, const char *msg, const char *spec)
{
	snprintf(why, len, msg, spec);
	return -1;
}

/* HOST:PORT, HOST possibly an [IPv6] address; rest gets what follows. */
static int
parse_hostport(const char *s, struct probe_spec *p, const char **rest)
{
	const char *colon, *end;
	size_t hlen, plen;
	long port;

	if (*s == '[') {
		if ((end = strchr(s, ']')) == NULL || end[1] != ':')
			return -1;
		hlen = (size_t)(end - s - 1);
		s++;
		colon = end + 1;
	} else {
		if ((colon = strchr(s, ':')) == NULL)
			return -1;
		hlen = (size_t)(colon - s);
	}
	if (hlen == 0 || hlen >= sizeof(p->host) ||
	    memchr(s, '/', hlen) != NULL)
		return -1;
	memcpy(p->host, s, hlen);
	p->host[hlen] = '\0';
	plen = strspn(colon + 1, "0123456789");
	if (plen == 0 || plen > 5)
		return -1;
	memcpy(p->port, colon + 1, plen);
	p->port[plen] = '\0';
	port = strtol(p->port, NULL, 10);
	if (port < 1 || port > 65535)
		return -1;
	*rest = colon + 1 + plen;
	return 0;
}

int
probe_parse(const char *spec, struct probe_spec *p, char *why, size_t len)
{
	const char *rest;

	memset(p, 0, sizeof(*p));
	if (strcmp(spec, "notify") == 0) {
		p->kind = PROBE_NOTIFY;
	} else if (strncmp(spec, "tcp://", 6) == 0) {
		p->kind = PROBE_TCP;
		if (parse_hostport(spec + 6, p, &rest) == -1 || *rest != '\0')
			return fail(why, len, "invalid probe '%s' (tcp://HOST:"
			    "PORT, PORT from 1 to 65535)", spec);
	} else if (strncmp(spec, "http://", 7) == 0) {
		p->kind = PROBE_HTTP;
		if (parse_hostport(spec + 7, p, &rest) == -1 ||
		    (*rest != '\0' && *rest != '/') ||
		    strpbrk(rest, " \t\r\n") != NULL)
			return fail(why, len, "invalid probe '%s' (http://HOST:"
			    "PORT/PATH)", spec);
		p->path = *rest == '/' ? rest : "/";
	} else if (strncmp(spec, "file:", 5) == 0 && spec[5] != '\0') {
		p->kind = PROBE_FILE;
		p->path = spec + 5;
	} else if (strncmp(spec, "exec:", 5) == 0 &&
	    strspn(spec + 5, " \t") != strlen(spec + 5)) {
		p->kind = PROBE_EXEC;
		p->command = spec + 5;
	} else {
		return fail(why, len, "invalid probe '%s' (tcp://HOST:PORT, "
		    "http://HOST:PORT/PATH, file:PATH, exec:COMMAND or notify)",
		    spec);
	}
	return 0;
}
