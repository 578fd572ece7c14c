#ifndef GRPSUP_HTTPREPLY_H
#define GRPSUP_HTTPREPLY_H

#include <stddef.h>

/*
 * The reply to an http probe, read whole as it arrives, so that the probe
 * closes its connection only once the server has said everything (a server
 * whose reply is cut short logs a reset). The head is bounded; the body is
 * skipped by Content-Length, by chunks, or to the connection's end.
 */
enum http_phase {
	HTTP_HEAD, HTTP_BODY, HTTP_CHUNK_SIZE, HTTP_CHUNK_DATA, HTTP_CHUNK_END,
	HTTP_TRAILER, HTTP_TO_CLOSE, HTTP_DONE, HTTP_BAD
};

/* The head may hold this many bytes, status line and headers. */
#define HTTP_HEAD_MAX 65536

struct http_reply {
	enum http_phase phase;
	int status;		/* of the status line; 0 until it is read */
	int chunked;
	long long length;	/* Content-Length; -1: none */
	unsigned long long left;	/* bytes of the body or chunk to come */
	char line[256];		/* the start of the line being read */
	size_t line_len, line_total;	/* kept, and in all (no CR LF) */
	int last_cr;		/* the line's last byte so far is a CR */
	size_t head_bytes;
	const char *error;	/* HTTP_BAD: why (static text) */
};

/* httpreply_init: h ready for the first bytes of a reply. */
void httpreply_init(struct http_reply *h);

/*
 * httpreply_feed: the next n bytes of the reply. Returns 1 when the reply
 * is complete (h->status says what it was), 0 when more is to come, -1 when
 * it is not HTTP or breaks the rules (h->error says how).
 */
int httpreply_feed(struct http_reply *h, const char *buf, size_t n);

/*
 * httpreply_eof: the server closed the connection. Returns 1 when that
 * completes the reply (a body read to the end), else -1 with h->error.
 */
int httpreply_eof(struct http_reply *h);

#endif
