/* The file:PATH probe (probefile.c). */
#ifndef GRPSUP_PROBEFILE_H
#define GRPSUP_PROBEFILE_H

#include "probetry.h"

extern const struct probe_ops probefile_ops;

#endif
