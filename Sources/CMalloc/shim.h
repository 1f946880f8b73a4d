#ifndef IDEATE_CMALLOC_SHIM_H
#define IDEATE_CMALLOC_SHIM_H

// glibc's malloc tuning (mallopt, M_ARENA_MAX), which Swift's Glibc module does not bring in:
// the idea box, a process that runs for weeks, limits its malloc arenas with it.
#include <malloc.h>

#endif
