/*
 * Shared by the files of cmd/ (cli.c): the --report path, the errors that
 * end grpsup with 125 before anything starts, and how grpsup itself ends.
 */
#ifndef GRPSUP_CLI_H
#define GRPSUP_CLI_H

#include "../lib/group.h"

/* --report: where the JSON summary goes once known; NULL: nowhere. */
extern char *cli_report_path;

/* cli_write_report: write the report, if any; a failure is said. */
void cli_write_report(const struct group *g, int status, const char *error);
/*
 * cli_find_report_option: --report of a command line that cannot be parsed,
 * so that a usage error writes the report whatever the order of the options.
 */
const char *cli_find_report_option(int argc, char **argv);
/* cli_fail: say msg, write the report, exit 125. */
_Noreturn void cli_fail(const char *msg);
/* cli_usage_error: say msg and the --help hint, write the report, 125. */
_Noreturn void cli_usage_error(const char *msg);
/* cli_check_report_path: a report that cannot be written ends grpsup now. */
void cli_check_report_path(void);
/* cli_sanitize_stdio: a closed 0, 1 or 2 is opened on /dev/null. */
void cli_sanitize_stdio(void);
/* cli_no_memory: say so and exit 125. */
_Noreturn void cli_no_memory(void);
/* cli_on_libev_error: libev's system errors: one line and 125, no abort. */
void cli_on_libev_error(const char *msg);
/*
 * cli_die_of: die of sig as a shell expects, without a core file; as PID 1
 * exit with status.
 */
_Noreturn void cli_die_of(int sig, int status);

#endif
