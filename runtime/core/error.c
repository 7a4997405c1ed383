/*
 * error.c - messages for the runtime's error codes.
 */
#define _GNU_SOURCE /* strerrordesc_np */
#include "asyncc-internal.h"

#include <string.h>

#include <stdio.h>
#include <stdlib.h>

/* libuv's codes: errno values, end of file, getaddrinfo's.  (uv_strerror
 * allocates for codes it does not know, so it is asked only for its own.) */
static const char *ac__strerror_io(int err)
{
	if (err == UV_EOF || err == UV_EAI_PROTOCOL || err == UV_EAI_BADHINTS ||
	    (err >= UV_EAI_SOCKTYPE && err <= UV_EAI_ADDRFAMILY))
		return uv_strerror(err);
	if (err < 0 && err > -4096) {
		const char *s = strerrordesc_np(-err);
		if (s)
			return s;
	}
	/* libuv's codes of its own (UV_ECHARSET, UV_EFTYPE, ...): its
	 * messages, from uv.h's table */
#define AC__UV_MESSAGE(name, message) case UV_##name: return message;
	switch (err) {
	UV_ERRNO_MAP(AC__UV_MESSAGE)
	default:
		break;
	}
#undef AC__UV_MESSAGE
	return "unknown error";
}

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
		return ac__strerror_io(err);
	}
}

void ac__out_of_memory(const char *fn)
{
	fprintf(stderr, "asyncc runtime: out of memory starting '%s'\n", fn);
	abort();
}

/* An await of a NULL task pointer: a bug of the program, reported where it
 * is, like a failed assertion. */
void ac__await_null(const ac_task *self, int line)
{
	fprintf(stderr, "asyncc runtime: '%s' awaits a NULL task at %s:%d\n",
		self->info->name, self->info->file, line);
	abort();
}

/* `self` awaits `t`, which another task awaits already: a bug of the
 * program (a task has one waiter, which its end resumes), reported with
 * both places, like a failed assertion. */
void ac__await_twice(const ac_task *self, const ac_task *t)
{
	const ac_task *w = t->waiter;
	fprintf(stderr, "asyncc runtime: '%s' awaits a task of '%s' at %s:%d, which a task of '%s' "
		"awaits already", self->info->name, t->info->name,
		self->info->file ? self->info->file : "?", ac__fn_line(self->info, self->state),
		w->info->name);
	if (w->info->file)
		fprintf(stderr, " at %s:%d", w->info->file, ac__fn_line(w->info, w->state));
	fprintf(stderr, ": a task has at most one awaiter at a time\n");
	abort();
}

/* ac_task_free of a task still running: a bug of the program (its step
 * would run on freed memory), reported like a failed assertion. */
void ac__free_running(const ac_task *t)
{
	fprintf(stderr, "asyncc runtime: ac_task_free of a task of '%s' that is still "
		"running (suspended at %s:%d): a task is freed once it has finished\n",
		t->info->name, t->info->file ? t->info->file : "?",
		ac__fn_line(t->info, t->state));
	abort();
}
