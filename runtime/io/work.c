/*
 * work.c - ac_run_in_thread: a function run on libuv's thread pool.
 *
 * The frame's uv_work_t is the request; the worker stores fn's value in the
 * frame, and the after-work callback (on the loop) completes the operation.
 * Cancelling removes a request that has not started (it then yields
 * AC_ECANCELED); one already running is waited for and yields fn's value,
 * since its thread still uses the frame.
 */
#include "asyncc-internal.h"

AC__IO_CHECK(struct ac_run_in_thread__frame);

static void ac__work_run(uv_work_t *req)
{
	struct ac_run_in_thread__frame *F = req->data;
	F->value = F->fn(F->arg);
}

static void ac__work_done(uv_work_t *req, int status)
{
	struct ac_run_in_thread__frame *F = req->data;
	ac__io_end((struct ac__io *)F, status < 0 ? status : F->value);
}

static ac_status ac__work_step(ac_task *self)
{
	struct ac_run_in_thread__frame *F = (void *)self;
	if (self->state)
		return ac__io_step(self);
	if (ac__cancelled(self))
		return ac__leaf_done(self, AC_ECANCELED);
	if (!F->fn)
		return ac__leaf_done(self, AC_EINVAL);
	int rc = ac__io_begin((struct ac__io *)F);
	if (rc < 0)
		return ac__leaf_done(self, rc);
	uv_work_t *req = AC__UV(uv_work_t, F->req);
	req->data = F;
	rc = uv_queue_work(&ac__L.uv, req, ac__work_run, ac__work_done);
	if (rc < 0) {
		ac__io_end((struct ac__io *)F, rc);
		return AC_PENDING;
	}
	return AC_PENDING;
}

static void ac__work_cancel(ac_task *self)
{
	struct ac_run_in_thread__frame *F = (void *)self;
	if (ac__io_pending((struct ac__io *)F))
		uv_cancel(AC__UV(uv_req_t, F->req));
}

static void ac__work_describe(FILE *out, const ac_task *t)
{
	(void)t;
	fprintf(out, " running a function on the thread pool");
}

static AC__OP_INFO_CANCEL(ac__work_info, "ac_run_in_thread",
		   struct ac_run_in_thread__frame, ac__work_describe, ac__work_cancel);

void ac_run_in_thread__init(struct ac_run_in_thread__frame *F,
			    int (*fn)(void *arg), void *arg)
{
	ac__io_init((struct ac__io *)F, ac__work_step, &ac__work_info);
	F->fn = fn;
	F->arg = arg;
	F->value = 0;
}

AC__OP_NEW(ac_run_in_thread, (int (*fn)(void *arg), void *arg), fn, arg)
