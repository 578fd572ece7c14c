/* The probes that connect (probenet.c): tcp://, http:// and unix:. */
#ifndef GRPSUP_PROBENET_H
#define GRPSUP_PROBENET_H

#include "probetry.h"

extern const struct probe_ops probenet_tcp;
extern const struct probe_ops probenet_http;
extern const struct probe_ops probenet_unix;

#endif
