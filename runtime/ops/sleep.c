/*
 * sleep.c - ac_sleep and ac_yield.
 *
 * `await ac_sleep(ms)` as written in a .ca file puts the awaiting task
 * itself in the timer structure, through a slot of its frame (struct
 * ac__sleep): a sleeping task costs its frame and nothing more.  A sleep
 * made as a task (`async int s = ac_sleep(10)`, a gather of sleeps) is a
 * frame of its own with a frame timer.  ac_yield is a frame that queues
 * itself behind every ready task.
 */
#include "asyncc-internal.h"

int ac__sleep_begin(ac_task *self, struct ac__sleep *s, uint64_t ms)
{
	if (self->flags & AC_TASK_CANCELLED) {
		s->u.result = AC_ECANCELED;
		return 0;
	}
	struct ac__timer *tm = &s->u.tm;
	tm->prev = tm->next = NULL;
	tm->fire = (uintptr_t)self | 1u;
	int rc = ac__timer_arm(tm, ms);
	if (rc < 0) {
		s->u.result = rc;
		return 0;
	}
	self->flags |= AC__TASK_SLEEPING;
	self->awaiting = (ac_task *)(void *)s;
	return 1;
}

/* The sleeping task `t` wakes with `result`: its timer fired (0), or it
 * was cancelled.  Its slot's timer is already disarmed; its `fire` is kept,
 * so that a cancellation before the task resumes still turns the 0 into
 * AC_ECANCELED (ac__sleep_result). */
void ac__sleeper_wake(ac_task *t, int result)
{
	struct ac__sleep *s = ac__sleeping(t);
	assert(s && !ac__timer_armed(&s->u.tm));
	s->u.result = result;
	t->flags &= ~AC__TASK_SLEEPING;
	t->awaiting = NULL;
	ac__ready_push(t);
}

/* state 0: arm the timer; state 1: the loop reached the queued sleep. */
static ac_status ac__sleep_step(ac_task *self)
{
	struct ac_sleep__frame *F = (struct ac_sleep__frame *)self;
	if (self->state == 1)
		return ac__leaf_done(self, F->result);
	if (ac__cancelled(self))
		return ac__leaf_done(self, AC_ECANCELED);
	int rc = ac__timer_arm(&F->timer, F->ms);
	if (rc < 0)
		return ac__leaf_done(self, rc);
	self->state = 1;
	return AC_PENDING;
}

/* A sleep still in the heap is removed and queued with AC_ECANCELED; one
 * already queued by its timer reports AC_ECANCELED too, since its waiter has
 * not seen the result yet. */
static void ac__sleep_cancel(ac_task *self)
{
	struct ac_sleep__frame *F = (struct ac_sleep__frame *)self;
	F->result = AC_ECANCELED;
	if (ac__timer_armed(&F->timer)) {
		ac__timer_remove(&F->timer);
		ac__ready_push(self);
	}
}

static void ac__sleep_describe(FILE *out, const ac_task *t)
{
	const struct ac_sleep__frame *F = (const void *)t;
	if (ac__timer_armed(&F->timer))
		fprintf(out, " sleeping %llu ms, due at %llu ms",
			(unsigned long long)F->ms,
			(unsigned long long)ac__debug_since_start(
				ac__timer_due(&F->timer)));
	else
		fprintf(out, " sleep over, queued");
}

static AC__OP_INFO_CANCEL(ac__sleep_info, "ac_sleep", struct ac_sleep__frame,
		   ac__sleep_describe, ac__sleep_cancel);

void ac_sleep__init(struct ac_sleep__frame *F, uint64_t ms)
{
	ac__op_init(&F->hdr, ac__sleep_step, &ac__sleep_info, &F->result);
	F->result = 0;
	F->ms = ms;
	ac__timer_init(&F->timer, ac__timer_queue_frame);
}

AC__OP_NEW(ac_sleep, (uint64_t ms), ms)

/* The yield frame: queue itself behind every ready task, complete when the
 * loop reaches it. */
static ac_status ac__yield_step(ac_task *self)
{
	struct ac_yield__frame *F = (struct ac_yield__frame *)self;
	if (self->state == 1)
		return ac__leaf_done(self, F->result);
	if (ac__cancelled(self))
		return ac__leaf_done(self, AC_ECANCELED);
	F->result = 0;
	self->state = 1;
	ac__ready_push(self);
	return AC_PENDING;
}

/* Cancelling a queued yield only changes what it reports. */
static void ac__yield_cancel(ac_task *self)
{
	((struct ac_yield__frame *)self)->result = AC_ECANCELED;
}

static void ac__yield_describe(FILE *out, const ac_task *t)
{
	(void)t;
	fprintf(out, " yielding");
}

static AC__OP_INFO_CANCEL(ac__yield_info, "ac_yield", struct ac_yield__frame,
		   ac__yield_describe, ac__yield_cancel);

void ac_yield__init(struct ac_yield__frame *F)
{
	ac__op_init(&F->hdr, ac__yield_step, &ac__yield_info, &F->result);
	F->result = 0;
}

ac_task *ac_yield(void)
{
	struct ac_yield__frame *F = ac__frame_alloc(sizeof *F);
	if (!F)
		return NULL;
	ac_yield__init(F);
	F->hdr.flags |= AC_TASK_HEAP;
	return &F->hdr;
}
