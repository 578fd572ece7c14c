#ifndef GRPSUP_CONFHINT_H
#define GRPSUP_CONFHINT_H

#include <stddef.h>

/*
 * confhint_key: for a key grpsup does not know in a [grpsup] (group 1) or
 * [program:NAME] (group 0) section, what the writer most likely meant, as
 * the end of a sentence ("grpsup's is 'stop-signal'"), into out (of size
 * len): supervisord's, foreman's and docker compose's names, the other
 * section's keys, and near misses of grpsup's own among the names in known
 * (n of them; in_group[i] says whether known[i] is a [grpsup] key, in_prog[i]
 * a [program:NAME] one). Returns out, or NULL when there is no hint.
 */
const char *confhint_key(const char *key, int group,
    const char *const *known, const unsigned char *in_group,
    const unsigned char *in_prog, size_t n, char *out, size_t len);

/*
 * confhint_section: for a section grpsup does not know (name: what lies
 * between the brackets, len bytes), what to do instead, or NULL.
 */
const char *confhint_section(const char *name, size_t len);

/*
 * confhint_supervisord_expansion: whether value v holds one of supervisord's
 * expansions (%(ENV_HOME)s, %(program_name)s, %(here)s, ...), which grpsup
 * would pass on as text. Returns 0 when it does not, else -1 with what to
 * write instead in why (of size len).
 */
int confhint_supervisord_expansion(const char *v, char *why, size_t len);

#endif
