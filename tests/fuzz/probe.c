/*
 * PROBE specs, an HTTP reply (fed whole, then in two pieces) and an
 * sd_notify datagram: the three things a probe reads.
 */
#include "../../lib/httpreply.h"
#include "../../lib/notify.h"
#include "../../lib/probe.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size), why[256];
	struct probe_spec p;
	struct notify_message m;
	int status, r;

	if (probespec_parse(s, &p, why, sizeof(why)) == 0) {
		FUZZ_CHECK(p.kind != PROBE_NONE);
		if (p.kind == PROBE_TCP || p.kind == PROBE_HTTP)
			FUZZ_CHECK(p.host[0] != '\0' && atoi(p.port) >= 1 &&
			    atoi(p.port) <= 65535);
		if (p.kind == PROBE_HTTP)
			FUZZ_CHECK(p.path[0] == '/' &&
			    strpbrk(p.path, " \r\n") == NULL);
	}
	r = probespec_http_status_ready((const char *)data, size, &status);
	FUZZ_CHECK(r >= -1 && r <= 1);
	FUZZ_CHECK(r != 1 || (status >= 200 && status < 400));
	for (int pass = 0; pass < 2; pass++) {
		struct http_reply h;
		size_t cut = pass == 0 || size == 0 ? size : data[0] % size;

		httpreply_init(&h);
		r = httpreply_feed(&h, (const char *)data, cut);
		if (r == 0 && cut < size)
			r = httpreply_feed(&h, (const char *)data + cut,
			    size - cut);
		if (r == 0)
			r = httpreply_eof(&h);
		FUZZ_CHECK(r == 1 || r == -1);
		FUZZ_CHECK(r != 1 || (h.status >= 100 && h.status <= 599));
		FUZZ_CHECK(r != -1 || (h.error != NULL && h.error[0] != '\0'));
	}
	notify_parse((const char *)data, size, &m);
	FUZZ_CHECK(m.status == NULL || (m.status >= (const char *)data &&
	    m.status + m.status_len <= (const char *)data + size));
	free(s);
	return 0;
}
