/*
 * A whole grpsup.conf or Procfile, as config_load reads it from a file: the
 * line reader in front of inih, the keys, the Procfile parser and the
 * validation of the whole.
 */
#include <fcntl.h>
#include <unistd.h>

#include "../../lib/config.h"
#include "fuzz.h"

/* A file that names a device could block (/dev/stdin): not worth a hang. */
static int
names_special_file(const uint8_t *data, size_t size)
{
	static const char *const words[] = { "/dev", "/proc", "/sys", ".." };
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (memmem(data, size, words[i], strlen(words[i])) != NULL)
			return 1;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	struct conf_error e;
	struct conf c;
	int fd;

	if (names_special_file(data, size))
		return 0;
	if (!ready) {	/* in run.sh's scratch folder, removed after */
		const char *tmp = getenv("TMPDIR");
		char dir[4096];

		snprintf(dir, sizeof(dir), "%s/grpsup-fuzz-XXXXXX", tmp ? tmp :
		    "/tmp");
		if (mkdtemp(dir) == NULL || chdir(dir) == -1)
			abort();
		ready = 1;
	}
	fd = open("fuzz.conf", O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd == -1 || write(fd, data, size) != (ssize_t)size)
		abort();
	close(fd);
	memset(&e, 0, sizeof(e));
	if (config_load("fuzz.conf", &c, &e) == 0) {
		FUZZ_CHECK(c.nprogs > 0);
		for (size_t i = 0; i < c.nprogs; i++)
			FUZZ_CHECK(c.progs[i].name != NULL &&
			    c.progs[i].command != NULL);
		conf_free(&c);
	} else {
		if (!fuzz_one_line(e.msg))
			fprintf(stderr, "message: %d: %s\n", e.line, e.msg);
		FUZZ_CHECK(e.msg[0] != '\0' && fuzz_one_line(e.msg));
	}
	return 0;
}
