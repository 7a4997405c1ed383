/*
 * op.c - the part of the operation contract that I/O operations share: the
 * loop's list of pending I/O and completion from libuv callbacks (see
 * asyncc-internal.h).
 *
 * Invariant: an operation is on the list exactly while its completion is
 * still to come, and then its ready slot is reserved, so ac__io_end, called
 * from a libuv callback, cannot fail.
 */
#include "asyncc-internal.h"

void ac__io_init(struct ac__io *op, ac_step_fn step,
		 const struct ac__op_info *info, void (*cancel)(ac_task *))
{
	ac__op_init(&op->hdr, step, info, &op->result);
	op->hdr.cancel = cancel;
	op->result = 0;
	op->link.prev = op->link.next = NULL;
	op->link.pending = 0;
}

/* Called by the operation's first step before it starts libuv work; on
 * failure (AC_ENOMEM) nothing was started. */
int ac__io_begin(struct ac__io *op)
{
	int rc = ac__ready_reserve();
	if (rc < 0)
		return rc;
	assert(!op->link.pending);
	op->link.pending = 1;
	op->link.prev = NULL;
	op->link.next = ac__L.io_live;
	if (ac__L.io_live)
		ac__L.io_live->link.prev = op;
	ac__L.io_live = op;
	op->hdr.state = 1;
	return 0;
}

/*
 * The operation's event: it completes with `result` when the loop steps it.
 * In the loop's blocking poll, with no task ready and none running (a
 * libuv callback called from the loop itself), that is at once: the task
 * resumes while the callback's data is still in the cache, and no task is
 * overtaken.  Otherwise (a cancellation from a task, an error at start, a
 * poll while tasks are ready) the frame is queued behind them.
 */
void ac__io_end(struct ac__io *op, int result)
{
	assert(op->link.pending);
	if (op->link.prev)
		op->link.prev->link.next = op->link.next;
	else
		ac__L.io_live = op->link.next;
	if (op->link.next)
		op->link.next->link.prev = op->link.prev;
	op->link.prev = op->link.next = NULL;
	op->link.pending = 0;
	op->result = result;
	if (ac__L.io_direct && !ac__L.current && ac__L.ready.count == 0) {
		ac__ready_unreserve();
		ac__run_chain(&op->hdr);
		return;
	}
	ac__ready_push(&op->hdr);
}

/* The step of an operation the loop reached after ac__io_end. */
ac_status ac__io_step(ac_task *self)
{
	struct ac__io *op = (struct ac__io *)self;
	assert(!op->link.pending);
	return ac__leaf_done(self, op->result);
}
