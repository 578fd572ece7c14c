/* A readiness PROBE as written, and an HTTP reply's status: parsing only. */
#include <stdlib.h>
#include <string.h>

#include "linematch.h"
#include "probespec.h"
#include "text.h"

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

/* A log: REGEX that compiles (linematch.h), and that is not empty. */
static int
check_pattern(const char *spec, const char *pattern, char *why, size_t len)
{
	struct line_match *m;
	char err[160];

	if (*pattern == '\0')
		return text_fail(why, len, "invalid probe '%.*s%s' (log:REGEX, a "
		    "Perl-compatible regular expression that a line matches)",
		    TEXT_CLIP(spec));
	if ((m = linematch_new(pattern, err, sizeof(err))) == NULL)
		return text_fail(why, len, "invalid probe '%.*s%s': %s",
		    TEXT_CLIP(spec), err);
	linematch_free(m);
	return 0;
}

int
probespec_parse(const char *spec, struct probe_spec *p, char *why, size_t len)
{
	const char *rest;

	memset(p, 0, sizeof(*p));
	if (strcmp(spec, "notify") == 0) {
		p->kind = PROBE_NOTIFY;
	} else if (strncmp(spec, "tcp://", 6) == 0) {
		p->kind = PROBE_TCP;
		if (parse_hostport(spec + 6, p, &rest) == -1 || *rest != '\0')
			return text_fail(why, len, "invalid probe '%.*s%s' "
			    "(tcp://HOST:PORT, PORT from 1 to 65535)",
			    TEXT_CLIP(spec));
	} else if (strncmp(spec, "http://", 7) == 0) {
		p->kind = PROBE_HTTP;
		if (parse_hostport(spec + 7, p, &rest) == -1 ||
		    (*rest != '\0' && *rest != '/') ||
		    strpbrk(rest, " \t\r\n") != NULL)
			return text_fail(why, len, "invalid probe '%.*s%s' "
			    "(http://HOST:PORT/PATH)", TEXT_CLIP(spec));
		p->path = *rest == '/' ? rest : "/";
	} else if (strncmp(spec, "file:", 5) == 0 && spec[5] != '\0') {
		p->kind = PROBE_FILE;
		p->path = spec + 5;
	} else if (strncmp(spec, "unix:", 5) == 0) {
		p->kind = PROBE_UNIX;
		p->path = spec + 5;
		if (*p->path == '\0' || strlen(p->path) >= (size_t)UNIX_PATH_LEN)
			return text_fail(why, len, "invalid probe '%.*s%s' "
			    "(unix:PATH, a socket's path of 1 to %d bytes)",
			    TEXT_CLIP(spec), UNIX_PATH_LEN - 1);
	} else if (strncmp(spec, "exec:", 5) == 0 &&
	    strspn(spec + 5, " \t") != strlen(spec + 5)) {
		p->kind = PROBE_EXEC;
		p->command = spec + 5;
	} else if (strncmp(spec, "log:", 4) == 0) {
		p->kind = PROBE_LOG;
		p->pattern = spec + 4;
		return check_pattern(spec, p->pattern, why, len);
	} else {
		return text_fail(why, len, "invalid probe '%.*s%s' (tcp://HOST:"
		    "PORT, http://HOST:PORT/PATH, file:PATH, unix:PATH, "
		    "exec:COMMAND, log:REGEX or notify)", TEXT_CLIP(spec));
	}
	return 0;
}

int
probespec_http_status_ready(const char *buf, size_t len, int *status)
{
	static const char proto[] = "HTTP/";
	size_t i, n = len < 5 ? len : 5;

	*status = 0;
	if (memcmp(buf, proto, n) != 0)
		return 0;
	/* "HTTP/1.1 200": the version, one space, three digits */
	for (i = 5; i < len && buf[i] != ' '; i++)
		if (i > 12)
			return 0;
	if (i + 4 > len)
		return -1;
	if (buf[i + 1] < '1' || buf[i + 1] > '5' ||
	    buf[i + 2] < '0' || buf[i + 2] > '9' ||
	    buf[i + 3] < '0' || buf[i + 3] > '9')
		return 0;
	/* three digits, then the reason or the line's end: not 299999999999 */
	if (i + 4 < len && buf[i + 4] != ' ' && buf[i + 4] != '\r')
		return 0;
	*status = (buf[i + 1] - '0') * 100 + (buf[i + 2] - '0') * 10 +
	    (buf[i + 3] - '0');
	return *status >= 200 && *status < 400;
}
