/*
 * Hints for the keys and sections a file migrated from supervisord, a
 * Procfile tool or docker compose brings: every unknown key is reported at
 * once (config.c), each with what grpsup does instead, so that a migrating
 * file takes one round, not twenty.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "confhint.h"
#include "text.h"

static const struct {
	const char *from, *hint;
} known_hints[] = {
	{ "stopsignal", "grpsup's is 'stop-signal'" },
	{ "killsignal", "grpsup's is 'stop-signal'" },
	{ "stopwaitsecs", "grpsup's is 'grace' (grace = 10s)" },
	{ "stop_grace_period", "grpsup's is 'grace' (grace = 10s)" },
	{ "environment", "grpsup's is 'env', one KEY=VALUE per env line" },
	{ "priority", "grpsup orders programs with 'after = NAME'" },
	{ "depends_on", "grpsup's is 'after = NAME'" },
	{ "stdout_logfile", "grpsup's is 'output' (label, raw or null); it "
	    "writes no log files" },
	{ "stderr_logfile", "grpsup's is 'output' (label, raw or null); it "
	    "writes no log files" },
	{ "redirect_stderr", "grpsup keeps stderr apart, labelled; see 'output'" },
	{ "autorestart", "grpsup never restarts a program: the outer manager "
	    "restarts the group" },
	{ "startretries", "grpsup never restarts a program: the outer manager "
	    "restarts the group" },
	{ "exitcodes", "grpsup never restarts a program; any exit but 0 is a "
	    "failure" },
	{ "autostart", "every program of the file starts" },
	{ "startsecs", "grpsup's is 'ready' (a probe) with 'ready-timeout'" },
	{ "healthcheck", "grpsup's is 'ready' (a probe) with 'ready-timeout'" },
	{ "stopasgroup", "grpsup always signals the program's process group" },
	{ "killasgroup", "grpsup always signals the program's process group" },
	{ "numprocs", "one program per [program:NAME] section" },
	{ "process_name", "the name is the section's: [program:NAME]" },
	{ "env_file", "grpsup's is 'env-file'" },
	{ "working_dir", "grpsup's is 'directory'" },
	{ "cwd", "grpsup's is 'directory'" },
	{ "chdir", "grpsup's is 'directory'" },
	{ "cmd", "grpsup's is 'command'" },
	{ "exec", "grpsup's is 'command'" },
};

const char *
confhint_key(const char *key, int group, const char *const *known,
    const unsigned char *in_group, const unsigned char *in_prog, size_t n,
    char *out, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(known_hints) / sizeof(known_hints[0]); i++)
		if (strcasecmp(key, known_hints[i].from) == 0)
			return snprintf(out, len, "%s", known_hints[i].hint), out;
	for (i = 0; i < n; i++)
		if (strcmp(key, known[i]) == 0 && !group && in_group[i])
			return snprintf(out, len, "'%s' is a [grpsup] key", key), out;
	for (i = 0; i < n; i++)
		if (strcmp(key, known[i]) == 0 && group && in_prog[i])
			return snprintf(out, len, "'%s' belongs in a [program:NAME] "
			    "section", key), out;
	for (i = 0; i < n; i++)
		if ((group ? in_group[i] : in_prog[i]) && (text_alike(key,
		    known[i]) || (strlen(key) > 3 && text_near(key, known[i]) <= 2)))
			return snprintf(out, len, "did you mean '%s'?", known[i]),
			    out;
	return NULL;
}

const char *
confhint_section(const char *name, size_t len)
{
	static const struct {
		const char *prefix, *hint;
	} sections[] = {
		{ "supervisord", "supervisord's own; group settings go in [grpsup]" },
		{ "supervisorctl", "grpsup has no control client" },
		{ "unix_http_server", "grpsup has no control server" },
		{ "inet_http_server", "grpsup has no control server" },
		{ "rpcinterface:", "grpsup has no control server" },
		{ "include", "grpsup reads one file" },
		{ "group:", "a file is one group" },
		{ "eventlistener:", "grpsup has no event listeners" },
		{ "fcgi-program:", "use a [program:NAME] that runs the server" },
		{ "Program:", "section names are lower case: [program:NAME]" },
		{ "PROGRAM:", "section names are lower case: [program:NAME]" },
	};
	size_t i, k;

	for (i = 0; i < sizeof(sections) / sizeof(sections[0]); i++) {
		k = strlen(sections[i].prefix);
		if (len >= k && strncmp(name, sections[i].prefix, k) == 0 &&
		    (sections[i].prefix[k - 1] == ':' || len == k))
			return sections[i].hint;
	}
	return NULL;
}

int
confhint_supervisord_expansion(const char *v, char *why, size_t len)
{
	const char *at = v, *name = v, *close = v;
	size_t k = 0;

	while ((at = strstr(at, "%(")) != NULL) {
		name = at + 2;
		k = strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "0123456789_");
		close = name + k;
		if (k > 0 && close[0] == ')' && (close[1] == 's' || close[1] == 'd'))
			break;
		at += 2;
	}
	if (at == NULL)
		return 0;
	if (k > 4 && strncmp(name, "ENV_", 4) == 0)
		snprintf(why, len, "supervisord's '%%(%.*s)s' is not expanded: "
		    "write $%.*s (grpsup passes the environment on)",
		    (int)(k > 64 ? 64 : k), name, (int)(k > 64 ? 60 : k - 4),
		    name + 4);
	else if (k == 12 && strncmp(name, "program_name", 12) == 0)
		snprintf(why, len, "supervisord's '%%(program_name)s' is not "
		    "expanded: the program's name is in $GRPSUP_NAME");
	else if (k == 4 && strncmp(name, "here", 4) == 0)
		snprintf(why, len, "supervisord's '%%(here)s' is not expanded: "
		    "relative paths are taken from the file's folder");
	else
		snprintf(why, len, "supervisord's '%%(%.*s)%c' is not expanded by "
		    "grpsup", (int)(k > 64 ? 64 : k), name, close[1]);
	return -1;
}
