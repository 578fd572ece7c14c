/*
 * A group made, prepared and unmade: what comes before grouprun and after
 * it. The lifecycle itself is group.c.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "group.h"
#include "notify.h"

int
groupprep_init(struct group *g, struct program_settings *settings, size_t nprogs)
{
	size_t i;

	memset(g, 0, sizeof(*g));
	g->settings = settings;
	g->progs = calloc(nprogs ? nprogs : 1, sizeof(*g->progs));
	g->exits = calloc(nprogs ? nprogs : 1, sizeof(*g->exits));
	g->nprogs = nprogs;
	if (g->progs == NULL || g->exits == NULL) {
		free(g->progs);
		g->progs = NULL;
		groupprep_free(g);
		errno = ENOMEM;
		return -1;
	}
	g->stop_signal = GROUP_STOP_SIGNAL_DEFAULT;
	g->grace_ms = GROUP_GRACE_DEFAULT_MS;
	g->exit_from = -1;
	g->output_failed_at = (size_t)-1;
	g->host.devnull = -1;
	g->host.tty_fd = -1;
	g->host.env = &g->env;
	g->host.out = &g->out;
	g->host.resolver = &g->resolver;
	g->manager.fd = -1;
	for (i = 0; i < nprogs; i++)
		program_init(&g->progs[i], &settings[i], &g->host);
	return 0;
}

/* Every name in an after list is a program's, and no wait is circular. */
static int
group_prepare_order(struct group *g)
{
	size_t **deps = calloc(g->nprogs + 1, sizeof(*deps));
	size_t i, bad;
	char why[256];

	if (deps == NULL)
		return -1;
	if (settings_order(g->settings, g->nprogs, deps, &bad, why,
	    sizeof(why)) == 0) {
		for (i = 0; i < g->nprogs; i++) {
			free(g->progs[i].deps);
			g->progs[i].deps = deps[i];
			g->progs[i].awaited = 0;
		}
		for (i = 0; i < g->nprogs; i++)
			for (bad = 0; bad < g->settings[i].after.n; bad++)
				g->progs[deps[i][bad]].awaited = 1;
		free(deps);
		return 0;
	}
	if (errno != ENOMEM) {
		snprintf(g->error, sizeof(g->error), "%s: %s",
		    g->settings[bad].name, why);
		errno = EINVAL;
	}
	for (i = 0; i < g->nprogs; i++)
		free(deps[i]);
	free(deps);
	return -1;
}

int
groupprep_prepare(struct group *g)
{
	size_t i;

	g->error[0] = '\0';
	for (i = 0; i < g->nprogs; i++) {
		struct program_settings *s = &g->settings[i];

		if (s->stop_signal == 0)
			s->stop_signal = g->stop_signal;
		if (s->grace_ms < 0)
			s->grace_ms = g->grace_ms;
		if (program_prepare(&g->progs[i], g->error,
		    sizeof(g->error)) == -1)
			return -1;
	}
	return group_prepare_order(g);
}

void
groupprep_free(struct group *g)
{
	size_t i;

	if (g->out.ready)
		output_close(&g->out);
	if (g->host.devnull >= 0)
		close(g->host.devnull);
	notify_manager_close(&g->manager);
	for (i = 0; i < g->nprogs; i++) {
		if (g->progs != NULL)
			program_free(&g->progs[i]);
		settings_free(&g->settings[i]);
	}
	resolver_free(&g->resolver);	/* after the probes, which it served */
	free(g->settings);
	free(g->progs);
	free(g->exits);
	strv_free(&g->env);
	memset(g, 0, sizeof(*g));
}
