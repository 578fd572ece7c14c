/* An env file line: a result is always KEY=VALUE with a valid KEY. */
#include "../../lib/envfile.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char why[256], *kv = NULL;
	int r = envfile_parse_line((const char *)data, size, &kv, why,
	    sizeof(why));

	FUZZ_CHECK(r >= -1 && r <= 1);
	if (r == 1) {
		size_t k = envfile_key_length(kv, strlen(kv));

		FUZZ_CHECK(k > 0 && kv[k] == '=');
	}
	if (r == -1)
		FUZZ_CHECK(why[0] != '\0' && fuzz_one_line(why));
	free(kv);
	return 0;
}
