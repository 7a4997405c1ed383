/*
 * wait.c - ac_wait_for (a task against a deadline) and ac_wait_any (the
 * first of several tasks).
 *
 * Both frames become the waiter of the tasks they watch, so a task's
 * completion steps them (task.c); nothing polls.
 *
 * ac_wait_for also owns a timer, laid out where a sleep frame has its own,
 * so that the timer heap queues the frame when the deadline passes
 * (timer.c).  Its step therefore runs once per event: the task's completion
 * (always) and the timer's expiry (unless the frame took the timer out of
 * the heap first).  It finishes only after the last event that will come,
 * so it is never queued or resumed once done:
 *
 *   state 1, task done,     timer armed  -> remove the timer: 0
 *   state 1, task done,     timer fired  -> state 3: wait for the queue
 *   state 1, task running,  timer fired, a wait under the task ended
 *                                        -> queue us again, state 4
 *   state 1, task running,  timer fired  -> cancel the task, state 2
 *   state 2 (task done)                  -> AC_ETIMEDOUT
 *   state 3 (the queue reached us)       -> 0
 *   state 4, task done while we were queued  -> state 3
 *   state 4, the queue reached us: task done -> 0; a nested wait_for
 *            about to report its task's end -> queue us again, state 4;
 *            else cancel it, state 2
 *
 * "A wait under the task ended": ac__chain_woken follows the task's awaits
 * and asks the operations that wait for several tasks (their `woken`
 * hook), so a receive under a gather counts like one awaited directly.
 *
 * A wait that is itself cancelled passes the cancellation on to the task,
 * still waits for it, and yields AC_ECANCELED, like ac_gather.
 */
#include "asyncc-internal.h"

_Static_assert(offsetof(struct ac_wait_for__frame, timer) ==
		       offsetof(struct ac_sleep__frame, timer),
	       "the timer heap finds frames by the sleep frame's layout");

/* Whether `t` can be waited for by `self`: 0, AC_EINVAL or AC_EBUSY. */
static int ac__joinable(const ac_task *self, const ac_task *t)
{
	if (!t)
		return AC_EINVAL;
	if ((t->flags & AC_TASK_STARTED) && !(t->flags & AC_TASK_DONE) &&
	    ac__awaiter(t) && t->waiter != self)
		return AC_EBUSY;
	return 0;
}

/* Starts `t`, or becomes the waiter of the already started `t`. */
static void ac__join(ac_task *self, ac_task *t)
{
	if (!(t->flags & AC_TASK_STARTED)) {
		ac__task_start(self, t);
		return;
	}
	ac__drain_release(t);
	t->waiter = self;
	if (self->flags & AC_TASK_CANCELLED)
		ac_task_cancel(t);
}

/* ------------------------------------------------------------ wait_for */

static bool ac__wait_for_armed(const struct ac_wait_for__frame *F)
{
	return ac__timer_armed(&F->timer);
}

/* Finished before the deadline: the timer will not fire. */
static ac_status ac__wait_for_in_time(struct ac_wait_for__frame *F)
{
	if (ac__wait_for_armed(F))
		ac__timer_remove(&F->timer);
	bool cancelled = F->hdr.flags & AC_TASK_CANCELLED;
	return ac__leaf_done(&F->hdr, cancelled ? AC_ECANCELED : 0);
}

static ac_status ac__wait_for_pending(struct ac_wait_for__frame *F, int state)
{
	F->hdr.state = state;
	/* In states 3 and 4 the frame is queued: `awaiting` links the ready
	 * queue. */
	if (state != 3 && state != 4)
		F->hdr.awaiting = F->task;
	return AC_PENDING;
}

static ac_status ac__wait_for_start(struct ac_wait_for__frame *F)
{
	ac_task *self = &F->hdr, *t = F->task;
	if (ac__cancelled(self))
		return ac__leaf_done(self, AC_ECANCELED);
	int rc = ac__joinable(self, t);
	if (rc < 0 || (t->flags & AC_TASK_DONE))
		return ac__leaf_done(self, rc);
	if ((rc = ac__timer_arm(&F->timer, F->ms)) < 0)
		return ac__leaf_done(self, rc);
	self->state = 1;
	ac__join(self, t);
	if (t->flags & AC_TASK_DONE) /* finished without suspending */
		return ac__wait_for_in_time(F);
	return ac__wait_for_pending(F, 1);
}

static ac_status ac__wait_for_step(ac_task *self)
{
	struct ac_wait_for__frame *F = (struct ac_wait_for__frame *)self;
	if (self->state == 0)
		return ac__wait_for_start(F);
	bool done = F->task->flags & AC_TASK_DONE;
	switch (self->state) {
	case 1:
		if (done && ac__wait_for_armed(F))
			return ac__wait_for_in_time(F);
		if (done)
			return ac__wait_for_pending(F, 3);
		assert(!ac__wait_for_armed(F));
		if (ac__chain_woken(F->task, false)) {
			/* the deadline passed, but the task's wait ended
			 * first (what ended it ran before this turn): the
			 * task's next step comes first, then this one */
			ac__ready_push(self);
			return ac__wait_for_pending(F, 4);
		}
		ac_task_cancel(F->task); /* the deadline passed */
		return ac__wait_for_pending(F, 2);
	case 2:
		assert(done);
		return ac__leaf_done(self, AC_ETIMEDOUT);
	case 4:
		if (self->flags & AC__TASK_QUEUED) /* the task finished: still queued */
			return ac__wait_for_pending(F, 3);
		if (done)
			return ac__wait_for_in_time(F);
		if (ac__chain_woken(F->task, true)) {
			/* a nested wait_for reports its task's end next (it
			 * was queued after us): its turn, then ours */
			ac__ready_push(self);
			return ac__wait_for_pending(F, 4);
		}
		ac_task_cancel(F->task); /* it waits again: too late */
		return ac__wait_for_pending(F, 2);
	default:
		assert(self->state == 3 && !ac__wait_for_armed(F));
		return ac__wait_for_in_time(F);
	}
}

/* Reached only when `awaiting` was not set: pass it on to the task. */
static void ac__wait_for_cancel(ac_task *self)
{
	struct ac_wait_for__frame *F = (struct ac_wait_for__frame *)self;
	if (self->state == 1 || self->state == 2 || self->state == 4)
		ac_task_cancel(F->task);
}

static void ac__wait_for_describe(FILE *out, const ac_task *t)
{
	const struct ac_wait_for__frame *F = (const void *)t;
	fprintf(out, " waiting for %s", F->task->info->name);
	if (ac__wait_for_armed(F))
		fprintf(out, " until %llu ms",
			(unsigned long long)ac__debug_since_start(
				ac__timer_due(&F->timer)));
	else if (t->state == 2)
		fprintf(out, " (timed out, cancelled)");
}

/* Queued to deliver the task's completion (states 3 and 4), or the task's
 * wait ended: its next step comes before any cancellation. */
static bool ac__wait_for_woken(const ac_task *self, bool delivering)
{
	const struct ac_wait_for__frame *F = (const void *)self;
	if (self->state == 3 || self->state == 4)
		return true;
	return self->state == 1 && ac__chain_woken(F->task, delivering);
}

AC__OP_INFO_WOKEN(ac__wait_for_info, "ac_wait_for", struct ac_wait_for__frame,
		  ac__wait_for_describe, ac__wait_for_cancel, ac__wait_for_woken);

void ac_wait_for__init(struct ac_wait_for__frame *F, ac_task *task,
		       uint64_t ms)
{
	ac__op_init(&F->hdr, ac__wait_for_step, &ac__wait_for_info,
		    &F->result);
	F->result = 0;
	F->ms = ms;
	ac__timer_init(&F->timer, ac__timer_queue_frame);
	F->task = task;
}

ac_task *ac_wait_for(ac_task *task, uint64_t ms)
{
	struct ac_wait_for__frame *F = ac__frame_alloc(sizeof *F);
	if (!F)
		return NULL;
	ac_wait_for__init(F, task, ms);
	F->hdr.flags |= AC_TASK_HEAP;
	return &F->hdr;
}

/* ------------------------------------------------------------ wait_any */

/* Lets go of every task still running on our behalf: they go on with
 * nobody waiting (a later await joins them). */
static void ac__wait_any_release(struct ac_wait_any__frame *F)
{
	for (size_t i = 0; i < F->n; i++) {
		ac_task *t = F->tasks[i];
		if (!(t->flags & AC_TASK_DONE) && t->waiter == &F->hdr)
			t->waiter = NULL;
	}
}

/* The lowest index of a finished task, or -1. */
static int ac__wait_any_first(const struct ac_wait_any__frame *F)
{
	for (size_t i = 0; i < F->n; i++)
		if (F->tasks[i]->flags & AC_TASK_DONE)
			return (int)i;
	return -1;
}

static ac_status ac__wait_any_finish(struct ac_wait_any__frame *F, int rc)
{
	ac__wait_any_release(F);
	bool cancelled = F->hdr.flags & AC_TASK_CANCELLED;
	return ac__leaf_done(&F->hdr, cancelled && rc >= 0 ? AC_ECANCELED
							   : rc);
}

static ac_status ac__wait_any_start(struct ac_wait_any__frame *F)
{
	ac_task *self = &F->hdr;
	if (ac__cancelled(self))
		return ac__leaf_done(self, AC_ECANCELED);
	if (!F->tasks || F->n == 0 || F->n > INT32_MAX)
		return ac__leaf_done(self, AC_EINVAL);
	for (size_t i = 0; i < F->n; i++) {
		int rc = ac__joinable(self, F->tasks[i]);
		if (rc < 0)
			return ac__leaf_done(self, rc);
	}
	int first = ac__wait_any_first(F);
	if (first >= 0)
		return ac__leaf_done(self, first);
	self->state = 1;
	/* Start them all, even when one finishes without suspending; a
	 * task's code may claim a later one first (AC_EBUSY). */
	for (size_t i = 0; i < F->n; i++) {
		ac_task *t = F->tasks[i];
		if (ac__joinable(self, t) < 0)
			return ac__wait_any_finish(F, AC_EBUSY);
		if (!(t->flags & AC_TASK_DONE))
			ac__join(self, t);
	}
	first = ac__wait_any_first(F);
	return first >= 0 ? ac__wait_any_finish(F, first) : AC_PENDING;
}

static ac_status ac__wait_any_step(ac_task *self)
{
	struct ac_wait_any__frame *F = (struct ac_wait_any__frame *)self;
	if (self->state == 0)
		return ac__wait_any_start(F);
	int first = ac__wait_any_first(F);
	assert(first >= 0); /* only a completion steps us */
	return ac__wait_any_finish(F, first);
}

/* Cancels every task still running for us; the first to finish then
 * completes the wait with AC_ECANCELED. */
static void ac__wait_any_cancel(ac_task *self)
{
	struct ac_wait_any__frame *F = (struct ac_wait_any__frame *)self;
	for (size_t i = 0; i < F->n; i++) {
		ac_task *t = F->tasks[i];
		if (!(t->flags & AC_TASK_DONE) && t->waiter == self)
			ac_task_cancel(t);
	}
}

static void ac__wait_any_describe(FILE *out, const ac_task *t)
{
	const struct ac_wait_any__frame *F = (const void *)t;
	fprintf(out, " waiting for the first of %zu tasks", F->n);
}

/* One of the tasks still running for us has had its wait end. */
static bool ac__wait_any_woken(const ac_task *self, bool delivering)
{
	const struct ac_wait_any__frame *F = (const void *)self;
	for (size_t i = 0; i < F->n; i++) {
		const ac_task *t = F->tasks[i];
		if (!(t->flags & AC_TASK_DONE) && t->waiter == self &&
		    ac__chain_woken(t, delivering))
			return true;
	}
	return false;
}

AC__OP_INFO_WOKEN(ac__wait_any_info, "ac_wait_any", struct ac_wait_any__frame,
		  ac__wait_any_describe, ac__wait_any_cancel, ac__wait_any_woken);

void ac_wait_any__init(struct ac_wait_any__frame *F, ac_task *const *tasks,
		       size_t n)
{
	ac__op_init(&F->hdr, ac__wait_any_step, &ac__wait_any_info,
		    &F->result);
	F->result = 0;
	F->tasks = tasks;
	F->n = n;
}

ac_task *ac_wait_any(ac_task *const *tasks, size_t n)
{
	struct ac_wait_any__frame *F = ac__frame_alloc(sizeof *F);
	if (!F)
		return NULL;
	ac_wait_any__init(F, tasks, n);
	F->hdr.flags |= AC_TASK_HEAP;
	return &F->hdr;
}
