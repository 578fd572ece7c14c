#ifndef GRPSUP_IDENTITY_H
#define GRPSUP_IDENTITY_H

#include <stddef.h>
#include <sys/types.h>

#include "strv.h"

/* Who a program runs as, resolved before anything starts. */
struct identity {
	int change;		/* 0: grpsup's own; the rest is unused */
	int has_user;		/* setuid too, not only the groups */
	uid_t uid;
	gid_t gid;
	gid_t *groups;		/* supplementary groups, malloc'd */
	int ngroups;
	struct strv env;	/* HOME, USER, LOGNAME of the user */
};

/*
 * identity_resolve: look user (a name or a number) and group (the same; NULL
 * for the user's own) up in the system's databases, with the user's
 * supplementary groups, so that the child needs no lookup after fork. A
 * change grpsup is not allowed to make (it is not root) is refused here, not
 * in the child. Returns 0, or -1 with a one-line reason in why (of size len)
 * and *group_fault set when group, not user, is the cause.
 */
int identity_resolve(const char *user, const char *group, struct identity *id,
    int *group_fault, char *why, size_t len);

/*
 * identity_apply: in the child, after fork: setgroups, setgid, then setuid,
 * in that order (once setuid has happened, the rest is no longer allowed).
 * Async-signal-safe. Returns 0, or -1 with errno set.
 */
int identity_apply(const struct identity *id);

/*
 * identity_describe: "user NAME (uid N), group NAME (gid N)", or only the
 * group part when no user was given, into buf of size len. Returns buf.
 */
char *identity_describe(const struct identity *id, char *buf, size_t len);

/* identity_free: release what identity_resolve allocated. */
void identity_free(struct identity *id);

#endif
