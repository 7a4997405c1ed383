/*
 * error.c - messages for the runtime's error codes.
 */
#include "asyncc-internal.h"

#include <stdio.h>
#include <stdlib.h>

const char *ac_strerror(int err)
{
	switch (err) {
	case 0:
		return "success";
	case AC_ECANCELED:
		return "operation cancelled";
	case AC_ENOMEM:
		return "out of memory";
	case AC_EINVAL:
		return "invalid argument";
	case AC_EBUSY:
		return "resource busy";
	case AC_ETIMEDOUT:
		return "operation timed out";
	case AC_EDEADLK:
		return "deadlock: no task can make progress";
	case AC_EPIPE:
		return "broken pipe, or channel closed";
	case AC_ENOBUFS:
		return "no delimiter within the limit";
	default:
		return err < 0 ? uv_strerror(err) : "unknown error";
	}
}

void ac__out_of_memory(const char *fn)
{
	fprintf(stderr, "asyncc runtime: out of memory starting '%s'\n", fn);
	abort();
}
