/*
 * The reply to an http probe, read whole as it arrives: its status line
 * (interim 1xx replies skipped), its head, and its body to its end.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "httpreply.h"
#include "probespec.h"

void
httpreply_init(struct http_reply *h)
{
	memset(h, 0, sizeof(*h));
	h->length = -1;
}

static int
bad(struct http_reply *h, const char *why)
{
	h->phase = HTTP_BAD;
	h->error = why;
	return -1;
}

/* A header's value, when line (NUL-terminated) is "name: value". */
static const char *
header(const char *line, const char *name)
{
	size_t n = strlen(name);

	if (strncasecmp(line, name, n) != 0 || line[n] != ':')
		return NULL;
	line += n + 1;
	return line + strspn(line, " \t");
}

/* The status line, or a header line. */
static int
head_line(struct http_reply *h)
{
	const char *v;
	char *end;

	if (h->status == 0) {
		if (probespec_http_status_ready(h->line, h->line_len, &h->status) == -1 ||
		    h->status == 0)
			return bad(h, "the reply is not HTTP");
		return 0;
	}
	if ((v = header(h->line, "Content-Length")) != NULL) {
		h->length = strtoll(v, &end, 10);
		if (end == v || h->length < 0 || *(end + strspn(end, " \t")))
			return bad(h, "the reply's Content-Length is not a number");
	} else if ((v = header(h->line, "Transfer-Encoding")) != NULL) {
		h->chunked = strcasestr(v, "chunked") != NULL;
	}
	return 0;
}

/* The blank line after the headers: where the body ends. */
static int
end_of_head(struct http_reply *h)
{
	if (h->status >= 100 && h->status < 200 && h->status != 101) {
		/* an interim reply (103 Early Hints): the real one follows */
		h->status = 0;
		h->chunked = 0;
		h->length = -1;
		return 0;
	}
	if (h->status < 200 || h->status == 204 || h->status == 304) {
		h->phase = HTTP_DONE;	/* no body, whatever the headers say */
		return 1;
	}
	if (h->chunked) {
		h->phase = HTTP_CHUNK_SIZE;
	} else if (h->length >= 0) {
		h->left = (unsigned long long)h->length;
		h->phase = h->left > 0 ? HTTP_BODY : HTTP_DONE;
	} else {
		h->phase = HTTP_TO_CLOSE;
	}
	return h->phase == HTTP_DONE;
}

static int
chunk_size_line(struct http_reply *h)
{
	char *end;

	h->left = strtoull(h->line, &end, 16);
	if (end == h->line || (*end != '\0' && *end != ';' && *end != ' ' &&
	    *end != '\t'))
		return bad(h, "a chunk of the reply has no size");
	h->phase = h->left > 0 ? HTTP_CHUNK_DATA : HTTP_TRAILER;
	return 0;
}

/* A whole line (without its CRLF) in the phase that reads lines. */
static int
on_line(struct http_reply *h)
{
	int blank = h->line_total == 0;

	switch (h->phase) {
	case HTTP_HEAD:
		return blank && h->status != 0 ? end_of_head(h) : head_line(h);
	case HTTP_CHUNK_SIZE:
		return chunk_size_line(h);
	case HTTP_CHUNK_END:
		if (!blank)
			return bad(h, "a chunk of the reply is longer than its size");
		h->phase = HTTP_CHUNK_SIZE;
		return 0;
	case HTTP_TRAILER:
		if (!blank)
			return 0;
		h->phase = HTTP_DONE;
		return 1;
	default:
		return 0;
	}
}

/* Bytes of a line: its start kept, the rest counted; *ended at its LF. */
static size_t
take_line(struct http_reply *h, const char *buf, size_t n, int *ended)
{
	const char *nl = memchr(buf, '\n', n);
	size_t k = nl != NULL ? (size_t)(nl - buf) + 1 : n;
	size_t body = k - (nl != NULL), room = sizeof(h->line) - 1 -
	    h->line_len, copy = body < room ? body : room;

	memcpy(h->line + h->line_len, buf, copy);
	h->line_len += copy;
	h->line_total += body;
	if (body > 0)
		h->last_cr = buf[body - 1] == '\r';
	if ((*ended = nl != NULL) && h->last_cr) {
		if (h->line_len == h->line_total)
			h->line_len--;
		h->line_total--;
	}
	h->line[h->line_len] = '\0';
	return k;
}

int
httpreply_feed(struct http_reply *h, const char *buf, size_t n)
{
	size_t k;
	int ended, r;

	while (n > 0 && h->phase != HTTP_DONE && h->phase != HTTP_BAD) {
		if (h->phase == HTTP_BODY || h->phase == HTTP_CHUNK_DATA) {
			k = n < h->left ? n : (size_t)h->left;
			h->left -= k;
			if (h->left == 0)
				h->phase = h->phase == HTTP_BODY ? HTTP_DONE :
				    HTTP_CHUNK_END;
		} else if (h->phase == HTTP_TO_CLOSE) {
			k = n;	/* until the server closes */
		} else {
			k = take_line(h, buf, n, &ended);
			if (h->phase == HTTP_HEAD &&
			    (h->head_bytes += k) > HTTP_HEAD_MAX)
				return bad(h, "the reply's head is over 64 KiB");
			if (ended) {
				r = on_line(h);
				h->line_len = h->line_total = 0;
				h->last_cr = 0;
				if (r != 0)
					return r;
			}
		}
		buf += k;
		n -= k;
	}
	if (h->phase == HTTP_BAD)
		return -1;
	return h->phase == HTTP_DONE;
}

int
httpreply_eof(struct http_reply *h)
{
	if (h->phase == HTTP_DONE || h->phase == HTTP_TO_CLOSE) {
		h->phase = HTTP_DONE;
		return 1;
	}
	if (h->phase == HTTP_BAD)
		return -1;
	return bad(h, h->status == 0 && h->line_total == 0 && h->head_bytes == 0 ?
	    "connection closed without a reply" :
	    "connection closed in the middle of the reply");
}
