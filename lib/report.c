/*
 * The JSON report (--report): each program's times and end, the stop trigger
 * and grpsup's status, written where the user asked (a file replaced whole,
 * or a FIFO or device written in place).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "group.h"
#include "report.h"
#include "verdict.h"

/* Length of the valid UTF-8 sequence at s (n bytes left), 0 if invalid. */
static size_t
utf8_length(const unsigned char *s, size_t n)
{
	size_t len, i;
	unsigned c = s[0];

	if (c < 0x80)
		return 1;
	/* lead bytes: C2-DF two, E0-EF three, F0-F4 four; 80-C1, F5-FF none */
	len = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 :
	    c >= 0xf0 && c <= 0xf4 ? 4 : 0;
	if (len == 0 || len > n)
		return 0;
	for (i = 1; i < len; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	if ((c == 0xe0 && s[1] < 0xa0) || (c == 0xed && s[1] >= 0xa0) ||
	    (c == 0xf0 && s[1] < 0x90) || (c == 0xf4 && s[1] >= 0x90))
		return 0;	/* overlong, surrogate, above U+10FFFF */
	return len;
}

static void
put_string(FILE *f, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n, len;

	if (str == NULL) {
		fputs("null", f);
		return;
	}
	n = strlen(str);
	putc('"', f);
	while (n > 0) {
		if (*s == '"' || *s == '\\')
			fprintf(f, "\\%c", *s);
		else if (*s < 0x20)
			fprintf(f, "\\u%04x", *s);
		else if ((len = utf8_length(s, n)) > 0) {
			fwrite(s, 1, len, f);
			s += len;
			n -= len;
			continue;
		} else
			fputs("\\ufffd", f);
		s++;
		n--;
	}
	putc('"', f);
}

static void
put_time(FILE *f, double t)
{
	if (t > 0)
		fprintf(f, "%.3f", t);
	else
		fputs("null", f);
}

static const char *
end_word(enum program_end end)
{
	static const char *const words[] = {
		/* the report is written once every program has ended */
		[END_NONE] = "not-started",
		[END_EXITED] = "exited",
		[END_STOPPED] = "stopped",
		[END_KILLED] = "killed",
		[END_EXEC_FAILED] = "exec-failed",
		[END_START_FAILED] = "start-failed",
		[END_NOT_STARTED] = "not-started",
	};

	return words[end];
}

static const char *
trigger_word(enum trigger_kind kind)
{
	static const char *const words[] = {
		[TRIGGER_NONE] = "none",
		[TRIGGER_EXIT] = "exit",
		[TRIGGER_EXEC] = "exec-failed",
		[TRIGGER_START] = "start-failed",
		[TRIGGER_SIGNAL] = "signal",
		[TRIGGER_TIMEOUT] = "timeout",
		[TRIGGER_EPIPE] = "output-closed",
		[TRIGGER_OUTPUT_ERROR] = "output-error",
		[TRIGGER_READY_TIMEOUT] = "ready-timeout",
		[TRIGGER_DONE] = "finished",
		[TRIGGER_HANGUP] = "hangup",
	};

	return words[kind];
}

static void
put_program(FILE *f, const struct program *p)
{
	int ran = p->end != END_NOT_STARTED && p->end != END_START_FAILED;

	fputs("{\"name\":", f);
	put_string(f, p->set->name);
	fputs(",\"pid\":", f);
	if (p->pid > 0)
		fprintf(f, "%ld", (long)p->pid);
	else
		fputs("null", f);
	fputs(",\"started\":", f);
	put_time(f, p->pid > 0 ? p->started : 0);
	fputs(",\"ready\":", f);
	put_time(f, p->is_ready ? p->ready_at : 0);
	fputs(",\"stop_order\":", f);
	if (p->stop_wave > 0)
		fprintf(f, "%d", p->stop_wave);
	else
		fputs("null", f);
	fputs(",\"stop_asked\":", f);
	put_time(f, p->stop_wave > 0 ? p->stop_at : 0);
	fputs(",\"ended\":", f);
	put_time(f, ran ? p->ended : 0);
	fprintf(f, ",\"end\":\"%s\",\"status\":", end_word(p->end));
	if (ran && p->state == PROGRAM_DONE)
		fprintf(f, "%d", p->status);
	else
		fputs("null", f);
	fprintf(f, ",\"signal_sent\":%d,\"killed\":%s,"
	    "\"ended_before_ready\":%s}", p->sent_signal,
	    p->killed ? "true" : "false",
	    verdict_ended_unready(p) ? "true" : "false");
}

void
report_print(FILE *f, const struct group *g, int status, const char *error)
{
	size_t i;

	fprintf(f, "{\"status\":%d,\"undelivered_bytes\":%zu,\"error\":",
	    status, g != NULL ? g->undelivered : 0);
	put_string(f, error);
	fputs(",\"trigger\":", f);
	if (g == NULL || g->trigger.kind == TRIGGER_NONE) {
		fputs("null", f);
	} else {
		fprintf(f, "{\"kind\":\"%s\",\"program\":",
		    trigger_word(g->trigger.kind));
		put_string(f, g->trigger.prog ? g->trigger.prog->set->name : NULL);
		fprintf(f, ",\"signal\":%d}", g->trigger.sig);
	}
	fputs(",\"programs\":[", f);
	for (i = 0; g != NULL && i < g->nprogs; i++) {
		if (i > 0)
			putc(',', f);
		put_program(f, &g->progs[i]);
	}
	fputs("]}\n", f);
}

/*
 * Where a report that replaces a file goes: path, or the file its symlinks
 * lead to (a link that leads nowhere yet: the file it would make), into
 * out. Returns 0, or -1 with errno set (ELOOP, ENAMETOOLONG).
 */
static int
follow_links(const char *path, char *out, size_t len)
{
	char target[PATH_MAX];
	const char *slash;
	ssize_t n;
	struct stat st;
	int hops;

	if (snprintf(out, len, "%s", path) >= (int)len)
		return errno = ENAMETOOLONG, -1;
	for (hops = 0; hops < 40; hops++) {
		if (lstat(out, &st) == -1 || !S_ISLNK(st.st_mode))
			return 0;
		if ((n = readlink(out, target, sizeof(target) - 1)) == -1)
			return -1;
		target[n] = '\0';
		slash = strrchr(out, '/');
		if (target[0] == '/' || slash == NULL) {
			if (snprintf(out, len, "%s", target) >= (int)len)
				return errno = ENAMETOOLONG, -1;
		} else if ((size_t)(slash + 1 - out) + (size_t)n >= len) {
			return errno = ENAMETOOLONG, -1;
		} else {
			memcpy(out + (slash + 1 - out), target, (size_t)n + 1);
		}
	}
	errno = ELOOP;
	return -1;
}

/*
 * Whether path is something other than a regular file (a FIFO, a device,
 * a pipe behind /dev/fd or /dev/stdout): written in place, never replaced.
 */
static int
written_in_place(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && !S_ISREG(st.st_mode);
}

int
report_check(const char *path)
{
	char file[PATH_MAX], *slash;

	if (written_in_place(path))
		return access(path, W_OK);
	if (follow_links(path, file, sizeof(file)) == -1)
		return -1;
	if ((slash = strrchr(file, '/')) == NULL)
		return access(".", W_OK | X_OK);
	if (slash == file)
		slash++;	/* "/report.json": the root */
	*slash = '\0';
	return access(file, W_OK | X_OK);
}

/* The report, in place: a FIFO without a reader is an error, never a hang. */
static int
report_write_in_place(const char *path, const struct group *g, int status,
    const char *error)
{
	FILE *f;
	int fd, err;

	fd = open(path, O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd == -1)
		return -1;
	if (fcntl(fd, F_SETFL, 0) == -1 || (f = fdopen(fd, "w")) == NULL) {
		err = errno;
		close(fd);
		errno = err;
		return -1;
	}
	report_print(f, g, status, error);
	if (fflush(f) == EOF || ferror(f)) {
		err = errno;
		fclose(f);
		errno = err;
		return -1;
	}
	return fclose(f) == EOF ? -1 : 0;
}

/* The report into a new file beside path, renamed over it when whole. */
static int
report_replace(const char *path, const struct group *g, int status,
    const char *error)
{
	mode_t mask = umask(0);
	char *tmp;
	FILE *f;
	int fd, err;

	umask(mask);	/* mkstemp makes 0600; a report is an ordinary file */
	if (asprintf(&tmp, "%s.XXXXXX", path) == -1)
		return -1;
	if ((fd = mkstemp(tmp)) == -1 || (f = fdopen(fd, "w")) == NULL) {
		err = errno;
		if (fd != -1) {
			close(fd);
			unlink(tmp);
		}
		free(tmp);
		errno = err;
		return -1;
	}
	report_print(f, g, status, error);
	if (fflush(f) == EOF || fsync(fd) == -1 || fchmod(fd, 0666 & ~mask) == -1 ||
	    ferror(f)) {
		err = errno;
		fclose(f);
		unlink(tmp);
		free(tmp);
		errno = err;
		return -1;
	}
	if (fclose(f) == EOF || rename(tmp, path) == -1) {
		err = errno;
		unlink(tmp);
		free(tmp);
		errno = err;
		return -1;
	}
	free(tmp);
	return 0;
}

int
report_write(const char *path, const struct group *g, int status,
    const char *error)
{
	char file[PATH_MAX];

	if (written_in_place(path))
		return report_write_in_place(path, g, status, error);
	if (follow_links(path, file, sizeof(file)) == -1)
		return -1;
	return report_replace(file, g, status, error);
}
