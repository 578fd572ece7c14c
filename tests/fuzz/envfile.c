/*
 * An env file: every result is KEY=VALUE with a valid KEY, the count is
 * what was read, and a refusal is one line with a line number in the text.
 */
#include "../../lib/envfile.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct envscope scope;
	struct strv out = { 0 };
	char why[256];
	int line = -7, r;
	size_t i, lines = 1;

	envscope_init(&scope, &out, NULL);
	r = envfile_parse((const char *)data, size, &scope, &line, why,
	    sizeof(why));
	envscope_free(&scope);

	for (i = 0; i < size; i++)
		lines += data[i] == '\n';
	FUZZ_CHECK(r >= -1);
	FUZZ_CHECK(r == -1 || out.n <= (size_t)r);
	for (i = 0; i < out.n; i++) {
		size_t k = envfile_key_length(out.v[i], strlen(out.v[i]));

		FUZZ_CHECK(k > 0 && out.v[i][k] == '=');
	}
	if (r == -1)
		FUZZ_CHECK(why[0] != '\0' && fuzz_one_line(why) &&
		    line >= 1 && (size_t)line <= lines);
	strv_free(&out);
	return 0;
}
