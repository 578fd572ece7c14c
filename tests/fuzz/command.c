/*
 * The command-line splitter that decides direct exec or /bin/sh, the name
 * derived from a command, and an after list.
 */
#include "../../lib/command.h"
#include "../../lib/order.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size), name[NAME_MAX_LEN + 1];
	struct strv sv = { 0 };
	enum command_kind how;
	char **argv;
	size_t i, n;

	if ((argv = command_argv(s, &how)) != NULL) {
		FUZZ_CHECK(argv[0] != NULL);
		if (how == RUN_DIRECT) {
			/* a command with no operator: each word came from s */
			FUZZ_CHECK(strpbrk(s, "|&;<>()") == NULL ||
			    strpbrk(s, "'\"\\") != NULL);
			for (i = 0; argv[i] != NULL; i++)
				FUZZ_CHECK(strlen(argv[i]) <= strlen(s));
		} else if (how == RUN_SHELL_EXEC) {
			/* the command, with "exec " put in once where it had none */
			n = strlen(argv[2]);
			FUZZ_CHECK(strcmp(argv[0], COMMAND_SHELL) == 0 &&
			    argv[3] == NULL &&
			    (n == strlen(s) + 5 || n == strlen(s)));
		} else {
			FUZZ_CHECK(strcmp(argv[0], COMMAND_SHELL) == 0 &&
			    strcmp(argv[2], s) == 0 && argv[3] == NULL);
		}
		free(argv);
	}
	command_name(s, name, sizeof(name));
	FUZZ_CHECK(command_name_valid(name));
	if (order_parse_list(s, &sv) == 0)
		for (i = 0; i < sv.n; i++)
			FUZZ_CHECK(command_name_valid(sv.v[i]));
	strv_free(&sv);
	free(s);
	return 0;
}
