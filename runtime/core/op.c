/*
 * op.c - the part of the operation contract that I/O operations share: the
 * loop's table of pending I/O and completion from libuv callbacks (see
 * asyncc-internal.h).
 *
 * Invariant: an operation is in the table exactly while its completion is
 * still to come (except the unlisted ones: asyncc-internal.h); ac__io_end,
 * called from a libuv callback, cannot fail (queueing needs no memory).
 * The table is an array with each
 * operation's index in its frame: adding appends, removing moves the last
 * entry (the most recently started operation, usually still in the cache)
 * into the hole.  A linked list would make every completion write into two
 * other pending frames, cache misses when a server has many connections.
 */
#include "asyncc-internal.h"

#include <stdlib.h>

static int ac__io_grow(void)
{
	size_t cap = ac__L.io_cap ? ac__L.io_cap * 2 : 64;
	struct ac__io **t = realloc(ac__L.io_live, cap * sizeof *t);
	if (!t)
		return AC_ENOMEM;
	ac__L.io_live = t;
	ac__L.io_cap = cap;
	return 0;
}

/* Called by the operation's first step before it starts libuv work; on
 * failure (AC_ENOMEM) nothing was started. */
int ac__io_begin(struct ac__io *op)
{
	assert(!op->link.slot);
	if (ac__L.io_count == ac__L.io_cap) {
		int rc = ac__io_grow();
		if (rc < 0)
			return rc;
	}
	ac__L.io_live[ac__L.io_count++] = op;
	op->link.slot = ac__L.io_count;
	op->hdr.state = 1;
	return 0;
}

/*
 * The operation's event: it completes with `result` when the loop steps it.
 * In the loop's blocking poll, with no task ready and none running (a
 * libuv callback called from the loop itself), that is at once: the task
 * resumes while the callback's data is still in the cache, and no task is
 * overtaken.  Its step would only do what ac__io_step does, so it is done
 * here and the chain resumes from its waiter.  Otherwise (a cancellation
 * from a task, an error at start, a poll while tasks are ready) the frame
 * is queued behind them.
 */
void ac__io_end(struct ac__io *op, int result)
{
	assert(op->link.slot);
	if (op->link.slot != AC__IO_UNLISTED) {
		size_t i = op->link.slot - 1;
		assert(ac__L.io_live[i] == op);
		struct ac__io *last = ac__L.io_live[--ac__L.io_count];
		ac__L.io_live[i] = last;
		last->link.slot = i + 1;
	}
	op->link.slot = 0;
	op->result = result;
	if (ac__L.io_direct && !ac__L.current && !ac__readyq.head) {
		ac__leaf_done(&op->hdr, result);
		ac_task *w = op->hdr.waiter;
		/* A detached operation is freed once its waiter ran. */
		ac__run_chain(w && !(op->hdr.flags & AC_TASK_DETACHED) ? w
								   : &op->hdr);
		return;
	}
	ac__ready_push(&op->hdr);
	op->hdr.flags |= AC__TASK_WOKEN; /* its wait ended (ac_wait_for) */
}

/* The step of an operation the loop reached after ac__io_end. */
ac_status ac__io_step(ac_task *self)
{
	struct ac__io *op = (struct ac__io *)self;
	assert(!op->link.slot);
	return ac__leaf_done(self, op->result);
}
