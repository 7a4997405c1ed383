/*
 * gather.c - ac_gather: wait for several tasks at once.
 *
 * The gather frame becomes the waiter of every child, so each child's
 * completion re-steps it (exactly once: task.c); it counts the children it
 * waits for, and each step after the first is one of them finishing, so a
 * gather of N tasks costs O(N) in all.  Rules:
 *   - children not yet started are started in array order, as if awaited;
 *   - children already done count as done;
 *   - a child already started elsewhere with no waiter (spawned, or started
 *     by an earlier gather that finished) is waited for: the gather becomes
 *     its waiter;
 *   - a child some other task is already awaiting cannot have a second
 *     waiter: the gather then completes with AC_EBUSY;
 *   - a NULL child completes the gather with AC_EINVAL.
 * Result: 0, or AC_ECANCELED when the gather was cancelled.  Cancelling it
 * cancels every unfinished child and it still waits for them, so after the
 * gather no child is left running on its behalf.
 */
#include "asyncc-internal.h"

/* Whether the children can all be waited for (see the rules above). */
static int ac__gather_check(const struct ac_gather__frame *F)
{
	for (size_t i = 0; i < F->n; i++) {
		const ac_task *c = F->tasks[i];
		if (!c)
			return AC_EINVAL;
		if ((c->flags & AC_TASK_STARTED) && !(c->flags & AC_TASK_DONE) &&
		    ac__awaiter(c) && c->waiter != &F->hdr)
			return AC_EBUSY;
	}
	return 0;
}

/* Lets go of the children already registered (only on AC_EBUSY). */
static void ac__gather_abandon(struct ac_gather__frame *F)
{
	for (size_t i = 0; i < F->n; i++) {
		ac_task *c = F->tasks[i];
		if (!(c->flags & AC_TASK_DONE) && c->waiter == &F->hdr)
			c->waiter = NULL;
	}
}

/* Starts or joins every child, counting those that will resume us (a
 * child listed twice counts once).  A child's code runs inside this, so it
 * may claim a later sibling first; that is the AC_EBUSY case too. */
static int ac__gather_join(struct ac_gather__frame *F)
{
	ac_task *self = &F->hdr;
	for (size_t i = 0; i < F->n; i++) {
		ac_task *c = F->tasks[i];
		if ((c->flags & AC_TASK_DONE) || c->waiter == self)
			continue;
		if (!(c->flags & AC_TASK_STARTED)) {
			ac__task_start(self, c);
			F->pending += !(c->flags & AC_TASK_DONE);
		} else if (!ac__awaiter(c)) {
			ac__drain_release(c);
			c->waiter = self;
			F->pending++;
			if (self->flags & AC_TASK_CANCELLED)
				ac_task_cancel(c);
		} else {
			ac__gather_abandon(F);
			return AC_EBUSY;
		}
	}
	return 0;
}

static ac_status ac__gather_step(ac_task *self)
{
	struct ac_gather__frame *F = (struct ac_gather__frame *)self;
	if (self->state == 0) {
		if (ac__cancelled(self))
			return ac__leaf_done(self, AC_ECANCELED);
		int rc = ac__gather_check(F);
		if (rc == 0) {
			self->state = 1;
			rc = ac__gather_join(F);
		}
		if (rc < 0)
			return ac__leaf_done(self, rc);
	} else {
		assert(F->pending > 0); /* one of them finished */
		F->pending--;
	}
	if (F->pending > 0)
		return AC_PENDING;
	bool cancelled = self->flags & AC_TASK_CANCELLED;
	return ac__leaf_done(self, cancelled ? AC_ECANCELED : 0);
}

/* Cancels the children this gather waits for; each one's completion still
 * re-steps the gather, which finishes when the last is done. */
static void ac__gather_cancel(ac_task *self)
{
	struct ac_gather__frame *F = (struct ac_gather__frame *)self;
	for (size_t i = 0; i < F->n; i++) {
		ac_task *c = F->tasks[i];
		if ((c->flags & AC_TASK_STARTED) && !(c->flags & AC_TASK_DONE) &&
		    c->waiter == self)
			ac_task_cancel(c);
	}
}

static void ac__gather_describe(FILE *out, const ac_task *t)
{
	const struct ac_gather__frame *F = (const void *)t;
	size_t left = 0;
	for (size_t i = 0; i < F->n; i++)
		left += !(F->tasks[i]->flags & AC_TASK_DONE);
	fprintf(out, " gathering %zu tasks, %zu pending", F->n, left);
}

/* A child still running for us has had its wait end (ac_wait_for). */
static bool ac__gather_woken(const ac_task *self, bool delivering)
{
	const struct ac_gather__frame *F = (const void *)self;
	for (size_t i = 0; i < F->n; i++) {
		const ac_task *c = F->tasks[i];
		if ((c->flags & AC_TASK_STARTED) && !(c->flags & AC_TASK_DONE) &&
		    c->waiter == self && ac__chain_woken(c, delivering))
			return true;
	}
	return false;
}

AC__OP_INFO_WOKEN(ac__gather_info, "ac_gather", struct ac_gather__frame,
		  ac__gather_describe, ac__gather_cancel, ac__gather_woken);

void ac_gather__init(struct ac_gather__frame *F, ac_task *const *tasks,
		     size_t n)
{
	ac__op_init(&F->hdr, ac__gather_step, &ac__gather_info, &F->result);
	F->result = 0;
	F->tasks = tasks;
	F->n = n;
	F->pending = 0;
}

ac_task *ac_gather(ac_task *const *tasks, size_t n)
{
	struct ac_gather__frame *F = ac__frame_alloc(sizeof *F);
	if (!F)
		return NULL;
	ac_gather__init(F, tasks, n);
	F->hdr.flags |= AC_TASK_HEAP;
	return &F->hdr;
}
