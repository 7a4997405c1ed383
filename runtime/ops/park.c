/*
 * park.c - FIFO lists of waiting tasks, shared by channels, events,
 * semaphores, mutexes and futures (see asyncc-internal.h).
 *
 * Invariants: whoever takes a parked task out of its list can queue it
 * without failing (the ready queue is linked through the tasks); and a list
 * is on the runtime's `live` list exactly while it has waiters, which is how
 * ac_task_dump finds parked tasks (nothing else points at them).
 */
#include "asyncc-internal.h"

_Static_assert(offsetof(struct ac__waitq, head) == 0,
	       "ac__wake finds a list from its head");
_Static_assert(offsetof(struct ac__waiter, link) == 0,
	       "ac__waiter_of finds a waiter from its link");

/* For each AC__WAIT_* kind: the operation, and what its waiter does. */
static const struct {
	const char *op, *doing;
} ac__kinds[] = {
	[AC__WAIT_SEND] = { "ac_chan_send", "sending on channel" },
	[AC__WAIT_RECV] = { "ac_chan_recv", "receiving on channel" },
	[AC__WAIT_EVENT] = { "ac_event_wait", "waiting for event" },
	[AC__WAIT_SEM] = { "ac_sem_acquire", "acquiring semaphore" },
	[AC__WAIT_MUTEX] = { "ac_mutex_lock", "locking mutex" },
	[AC__WAIT_FUTURE] = { "ac_future_wait", "waiting for future" },
};

const char *ac__wait_name(int kind)
{
	return ac__kinds[kind].op;
}

/* " receiving on channel 0x... (0 of 1 buffered)": what a waiter still in
 * its list waits for, in the task dump's words. */
void ac__waiter_describe(FILE *out, const struct ac__waiter *w)
{
	fprintf(out, " %s %p", ac__kinds[w->kind].doing, w->obj);
	if (w->kind == AC__WAIT_SEND || w->kind == AC__WAIT_RECV) {
		const ac_chan *c = w->obj;
		fprintf(out, " (%zu of %zu buffered%s)", c->count, c->capacity,
			c->closed ? ", closed" : "");
	}
}

/* Wakes every waiter of `q`, oldest first. */
void ac__wake_all(struct ac__waitq *q, int result)
{
	while (!ac__waitq_empty(q))
		ac__wake(ac__waitq_first(q), result);
}

size_t ac__waitq_len(const struct ac__waitq *q)
{
	size_t n = 0;
	for (const struct ac__wait *w = q->head.next; w != &q->head;
	     w = w->next)
		n++;
	return n;
}

/* ------------------------------------ operations made as tasks of their own */

/* A woken operation frame: the loop reached it. */
static ac_status ac__parked_step(ac_task *self)
{
	struct ac__parked *p = (struct ac__parked *)self;
	assert(!ac__waiter_linked(&p->w));
	return ac__leaf_done(self, p->w.result);
}

/* `step` runs the operation's first step (state 0), which calls the
 * operation's begin function on the frame's own waiter. */
void ac__parked_init(struct ac__parked *p, ac_step_fn step,
		     const struct ac__op_info *info, int kind, void *obj)
{
	ac__op_init(&p->hdr, step, info, &p->result);
	p->result = 0;
	p->w.link.prev = p->w.link.next = NULL;
	p->w.task = &p->hdr;
	p->w.item = NULL;
	p->w.obj = obj;
	p->w.result = 0;
	p->w.kind = kind;
}

/* State 0 of an operation frame after its begin function returned
 * `parked`: it waits (woken into state 1), or it is done. */
ac_status ac__parked_start(ac_task *self, int parked)
{
	struct ac__parked *p = (struct ac__parked *)self;
	if (!parked)
		return ac__leaf_done(self, p->w.result);
	self->step = ac__parked_step;
	self->state = 1;
	return AC_PENDING;
}

/* The describe hook of every operation frame that parks. */
void ac__parked_describe(FILE *out, const ac_task *t)
{
	const struct ac__parked *p = (const struct ac__parked *)t;
	if (ac__waiter_linked(&p->w))
		ac__waiter_describe(out, &p->w);
	else
		fprintf(out, " %s: done, queued", ac__kinds[p->w.kind].doing);
}
