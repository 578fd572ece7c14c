/* DURATION: parse, and what parses formats back to the same value. */
#include "../../lib/duration.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size), buf[64];
	int64_t ms, again;

	if (duration_parse(s, &ms) == 0) {
		FUZZ_CHECK(ms >= 0 && ms <= DURATION_MAX_MS);
		duration_format(ms, buf, sizeof(buf));
		FUZZ_CHECK(duration_parse(buf, &again) == 0 && again == ms);
	}
	free(s);
	return 0;
}
