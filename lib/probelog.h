/* The log:REGEX probe (probelog.c). */
#ifndef GRPSUP_PROBELOG_H
#define GRPSUP_PROBELOG_H

#include "probetry.h"

extern const struct probe_ops probelog_ops;

#endif
