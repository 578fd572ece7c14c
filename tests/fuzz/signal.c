/* SIG: parse, and a parsed signal's name parses back to it. */
#include <signal.h>

#include "../../lib/signame.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size), num[16];
	int sig = signame_parse(s);

	if (sig != -1) {
		FUZZ_CHECK(sig >= 1 && sig < NSIG);
		FUZZ_CHECK(signame_parse(signame_of(sig, num, sizeof(num))) ==
		    sig);
	}
	free(s);
	return 0;
}
