/*
 * park.c - FIFO lists of parked leaf frames, shared by channels, events,
 * semaphores and mutexes (see asyncc-internal.h).
 *
 * Invariants: a parked frame in a list has its ready-queue slot reserved, so
 * whoever takes it out of the list can queue it without failing; and a list
 * is on the runtime's `live` list exactly while it has waiters, which is how
 * ac_task_dump finds parked tasks (nothing else points at them).
 */
#include "asyncc-internal.h"

_Static_assert(offsetof(struct ac__waitq, head) == 0,
	       "ac__unpark finds a list from its head");

/* A parked frame that was woken: the loop reached it. */
static ac_status ac__parked_step(ac_task *self)
{
	struct ac__parked *p = (struct ac__parked *)self;
	assert(!ac__parked_linked(p));
	return ac__leaf_done(self, p->result);
}

/* Cancelling a waiter that is still in its list takes it out with
 * AC_ECANCELED; one already woken keeps what it was given. */
static void ac__parked_cancel(ac_task *self)
{
	struct ac__parked *p = (struct ac__parked *)self;
	if (ac__parked_linked(p))
		ac__unpark(p, AC_ECANCELED);
}

/* `step` runs the operation's first step (state 0); later steps only
 * complete the frame. */
void ac__parked_init(struct ac__parked *p, ac_step_fn step,
		     const struct ac__op_info *info)
{
	ac__op_init(&p->hdr, step, info, &p->result);
	p->hdr.cancel = ac__parked_cancel;
	p->result = 0;
	p->link.prev = p->link.next = NULL;
}

static void ac__live_add(struct ac__waitq *q)
{
	q->live_prev = NULL;
	q->live_next = ac__L.live;
	if (ac__L.live)
		ac__L.live->live_prev = q;
	ac__L.live = q;
}

static void ac__live_remove(struct ac__waitq *q)
{
	if (q->live_prev)
		q->live_prev->live_next = q->live_next;
	else
		ac__L.live = q->live_next;
	if (q->live_next)
		q->live_next->live_prev = q->live_prev;
	q->live_prev = q->live_next = NULL;
}

/* Appends `p` to list `q` and moves it to state 1; 0 or AC_ENOMEM (then
 * the caller completes it with that error). */
int ac__park(struct ac__parked *p, struct ac__waitq *q)
{
	int rc = ac__ready_reserve();
	if (rc < 0)
		return rc;
	if (ac__waitq_empty(q))
		ac__live_add(q);
	struct ac__wait *w = &p->link;
	w->prev = q->head.prev;
	w->next = &q->head;
	q->head.prev->next = w;
	q->head.prev = w;
	p->hdr.step = ac__parked_step;
	p->hdr.state = 1;
	return 0;
}

/* Takes `p` out of its list with `result` and queues it.  (When the list
 * is left empty, prev and next are both its head.) */
void ac__unpark(struct ac__parked *p, int result)
{
	struct ac__wait *w = &p->link;
	assert(ac__parked_linked(p));
	w->prev->next = w->next;
	w->next->prev = w->prev;
	if (w->prev == w->next)
		ac__live_remove((struct ac__waitq *)w->prev);
	w->prev = w->next = NULL;
	p->result = result;
	ac__ready_push(&p->hdr);
}

/* Wakes every waiter of `q`, oldest first. */
void ac__unpark_all(struct ac__waitq *q, int result)
{
	while (!ac__waitq_empty(q))
		ac__unpark(ac__waitq_first(q), result);
}

size_t ac__waitq_len(const struct ac__waitq *q)
{
	size_t n = 0;
	for (const struct ac__wait *w = q->head.next; w != &q->head;
	     w = w->next)
		n++;
	return n;
}
