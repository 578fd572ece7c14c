/* The exec:COMMAND probe (probeexec.c). */
#ifndef GRPSUP_PROBEEXEC_H
#define GRPSUP_PROBEEXEC_H

#include "probetry.h"

extern const struct probe_ops probeexec_ops;

#endif
