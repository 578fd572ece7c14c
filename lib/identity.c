/*
 * Who a program runs as: a user and group, by name or number, resolved
 * before anything starts, and taken on in the child before exec.
 */
#include <errno.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "identity.h"
#include "text.h"

/* A whole decimal number that fits an id, or -1. */
static long long
numeric_id(const char *s)
{
	char *end;
	long long v;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || v > (long long)UINT_MAX - 1)
		return -1;
	return v;
}

static int
resolve_group(const char *name, gid_t *gid, char *why, size_t len)
{
	struct group *gr;
	long long n;

	if ((gr = getgrnam(name)) != NULL) {
		*gid = gr->gr_gid;
		return 0;
	}
	if ((n = numeric_id(name)) >= 0) {
		*gid = (gid_t)n;
		return 0;
	}
	return text_fail(why, len, "unknown group '%s'", name);
}

static int
user_groups(const struct passwd *pw, gid_t gid, struct identity *id)
{
	int n = 32;

	for (;;) {
		gid_t *g = realloc(id->groups, (size_t)n * sizeof(*g));

		if (g == NULL)
			return -1;
		id->groups = g;
		if (getgrouplist(pw->pw_name, gid, g, &n) != -1)
			break;
	}
	id->ngroups = n;
	return 0;
}

static int
resolve_user(const char *name, struct identity *id, int group_given,
    char *why, size_t len)
{
	struct passwd *pw;
	long long n;

	if ((pw = getpwnam(name)) == NULL && (n = numeric_id(name)) >= 0 &&
	    (pw = getpwuid((uid_t)n)) == NULL) {
		/*
		 * A number with no entry (OpenShift's arbitrary uids): taken as
		 * it is, as docker run --user does: group 0 unless given, no
		 * supplementary groups.
		 */
		id->uid = (uid_t)n;
		if (!group_given)
			id->gid = 0;
		id->ngroups = 0;
		return 0;
	}
	if (pw == NULL)
		return text_fail(why, len, "unknown user '%s'", name);
	id->uid = pw->pw_uid;
	if (!group_given)
		id->gid = pw->pw_gid;
	if (user_groups(pw, id->gid, id) == -1)
		return text_fail(why, len, "%s", strerror(ENOMEM));
	return 0;
}

static int
user_env(struct identity *id, const char *name)
{
	struct passwd *pw = getpwuid(id->uid);
	char buf[PATH_MAX + 16];
	const char *dir = pw != NULL ? pw->pw_dir : "/";
	const char *user = pw != NULL ? pw->pw_name : name;

	snprintf(buf, sizeof(buf), "HOME=%s", dir);
	if (strv_push(&id->env, buf, (size_t)-1) == -1)
		return -1;
	snprintf(buf, sizeof(buf), "USER=%s", user);
	if (strv_push(&id->env, buf, (size_t)-1) == -1)
		return -1;
	snprintf(buf, sizeof(buf), "LOGNAME=%s", user);
	return strv_push(&id->env, buf, (size_t)-1);
}

/* Not root: only "change" to what grpsup already is. */
static int
allowed(const struct identity *id)
{
	if (geteuid() == 0)
		return 1;
	return (!id->has_user || id->uid == geteuid()) && id->gid == getegid();
}

int
identity_resolve(const char *user, const char *group, struct identity *id,
    int *group_fault, char *why, size_t len)
{
	memset(id, 0, sizeof(*id));
	id->uid = geteuid();
	id->gid = getegid();
	*group_fault = user == NULL;
	if (group != NULL && resolve_group(group, &id->gid, why, len) == -1) {
		*group_fault = 1;
		return -1;
	}
	if (user != NULL) {
		id->has_user = 1;
		if (resolve_user(user, id, group != NULL, why, len) == -1 ||
		    (user_env(id, user) == -1 &&
		    text_fail(why, len, "%s", strerror(ENOMEM)) == -1)) {
			identity_free(id);
			return -1;
		}
	} else if (group != NULL) {
		if ((id->groups = malloc(sizeof(gid_t))) == NULL)
			return text_fail(why, len, "%s", strerror(ENOMEM));
		id->groups[0] = id->gid;
		id->ngroups = 1;
	}
	if (!allowed(id)) {
		identity_free(id);
		return text_fail(why, len, "cannot run as %s: grpsup is not "
		    "root", user != NULL ? "another user" : "another group");
	}
	id->change = geteuid() == 0 && (user != NULL || group != NULL);
	return 0;
}

int
identity_apply(const struct identity *id)
{
	if (!id->change)
		return 0;
	if (setgroups((size_t)id->ngroups, id->groups) == -1 ||
	    setgid(id->gid) == -1)
		return -1;
	if (id->has_user && setuid(id->uid) == -1)
		return -1;
	return 0;
}

char *
identity_describe(const struct identity *id, char *buf, size_t len)
{
	struct passwd *pw = id->has_user ? getpwuid(id->uid) : NULL;
	struct group *gr = getgrgid(id->gid);
	int n = 0;

	if (id->has_user)
		n = snprintf(buf, len, "user %s (uid %u), ", pw ? pw->pw_name :
		    "?", (unsigned)id->uid);
	snprintf(buf + n, len - (size_t)n, "group %s (gid %u)", gr ?
	    gr->gr_name : "?", (unsigned)id->gid);
	return buf;
}

void
identity_free(struct identity *id)
{
	free(id->groups);
	strv_free(&id->env);
	memset(id, 0, sizeof(*id));
}
