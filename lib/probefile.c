/* The file:PATH probe: ready once the path exists (stat succeeds). */
#include <errno.h>
#include <sys/stat.h>

#include "probefile.h"

static int
setup(struct probe *pr, const char *directory, char *why, size_t len)
{
	return probetry_path(pr, directory, why, len);
}

static void
attempt(struct probe *pr)
{
	struct stat st;

	if (stat(pr->file, &st) == 0)
		probetry_succeed(pr);
	else
		probetry_retry_errno(pr, pr->file, errno);
}

const struct probe_ops probefile_ops = {
	.feed = PROBE_FEED_TRIES, .setup = setup, .attempt = attempt,
	.release = probetry_path_free,
};
