/*
 * chan.c - channels: FIFO queues of fixed-size items between tasks.
 *
 * Invariants (asserted): senders wait only while the buffer is full, and
 * receivers only while it is empty and no sender waits.  So a receive takes
 * the oldest buffered item and moves the oldest waiting send into the room
 * it made; with capacity 0 it takes the item straight from the oldest
 * waiting send.  A send hands its item straight to the oldest waiting
 * receive.  Items are handed over, never claimed later by a woken task, so
 * the order is FIFO among senders and among receivers, and cancelling a
 * waiting operation (which leaves its list) loses no item (see park.c).
 *
 * Each operation is a begin function on a waiter (ac__chan_send_begin,
 * ac__chan_recv_begin, inline in asyncc.h for the switches between tasks,
 * and the slow functions here for everything else): generated code calls
 * it with a slot of the awaiting task's frame, and the operation frames
 * made by ac_chan_send and ac_chan_recv with their own.
 */
#include "asyncc-internal.h"

#include <stdlib.h>
#include <string.h>

AC__PARKED_CHECK(struct ac_chan_send__frame);
AC__PARKED_CHECK(struct ac_chan_recv__frame);

/* A channel that holds nothing: closed, empty, not listed (what a failed
 * init leaves, so that sends, receives and destroy are safe). */
static void ac__chan_init_closed(ac_chan *c)
{
	c->buf = NULL;
	c->item_size = 0;
	c->capacity = 0;
	c->head = 0;
	c->count = 0;
	ac__waitq_init(&c->senders);
	ac__waitq_init(&c->receivers);
	c->closed = 1;
}

int ac_chan_init(ac_chan *c, size_t item_size, size_t capacity)
{
	if (!c)
		return AC_EINVAL;
	ac__chan_init_closed(c);
	if (item_size && capacity > SIZE_MAX / item_size)
		return AC_EINVAL;
	size_t bytes = item_size * capacity;
	if (bytes <= sizeof c->small)
		c->buf = c->small;
	else if (!(c->buf = malloc(bytes)))
		return AC_ENOMEM;
	c->item_size = item_size;
	c->capacity = capacity;
	c->closed = 0;
	ac__lists_add(&ac__L.chans, &c->receivers);
	return 0;
}

/* Whether `c` is still on the runtime's list of channels (not if a
 * destroy or a shutdown took it off). */
static bool ac__chan_listed(const ac_chan *c)
{
	return c->receivers.live_prev || ac__L.chans == &c->receivers;
}

static void ac__chan_check(const ac_chan *c)
{
	assert(c->count <= c->capacity);
	assert(ac__waitq_empty(&c->senders) || c->count == c->capacity);
	assert(ac__waitq_empty(&c->receivers) ||
	       (c->count == 0 && ac__waitq_empty(&c->senders)));
	/* Closing wakes every waiter, and nobody waits on a closed channel. */
	assert(!c->closed || (ac__waitq_empty(&c->senders) &&
			      ac__waitq_empty(&c->receivers)));
	(void)c;
}

/* Copies one item (of size 0: nothing, and either may be NULL). */
static void ac__chan_copy(const ac_chan *c, void *to, const void *from)
{
	if (c->item_size && !ac__item_copy_word(to, from, c->item_size))
		memcpy(to, from, c->item_size);
}

/* Appends a copy of *item to the buffer, which has room. */
static void ac__chan_put(ac_chan *c, const void *item)
{
	assert(c->count < c->capacity);
	size_t i = c->head + c->count;
	if (i >= c->capacity)
		i -= c->capacity;
	ac__chan_copy(c, c->buf + i * c->item_size, item);
	c->count++;
}

/* Moves the oldest buffered item into *item. */
static void ac__chan_take(ac_chan *c, void *item)
{
	assert(c->count > 0);
	ac__chan_copy(c, item, c->buf + c->head * c->item_size);
	if (++c->head == c->capacity)
		c->head = 0;
	c->count--;
}

void ac_chan_close(ac_chan *c)
{
	if (c->closed)
		return;
	c->closed = 1;
	ac__wake_all(&c->senders, AC_EPIPE);
	ac__wake_all(&c->receivers, AC_EPIPE);
}

void ac_chan_destroy(ac_chan *c)
{
	ac_chan_close(c);
	if (c->buf != c->small)
		free(c->buf);
	c->buf = NULL;
	if (ac__chan_listed(c))
		ac__lists_remove(&ac__L.chans, &c->receivers);
}

/* ac_runtime_shutdown: the channels still listed are forgotten (their
 * later waits do not show in dumps; their destroy is still safe). */
void ac__chans_forget(void)
{
	struct ac__waitq *q = ac__L.chans, *next;
	for (; q; q = next) {
		next = q->live_next;
		q->live_prev = q->live_next = NULL;
	}
	ac__L.chans = NULL;
}

/* `self` sends *item through `w`: hand it to the oldest waiting receive,
 * buffer it, or wait in `senders`.  1: waits; 0: done, result in `w`.
 * Every await of a send comes here but for the case ac__chan_send_begin
 * (asyncc.h) handles inline. */
int ac__chan_send_slow(ac_task *self, struct ac__waiter *w, ac_chan *c,
		       const void *item)
{
	ac__chan_check(c);
	int rc = 0;
	if (self->flags & AC_TASK_CANCELLED) {
		rc = AC_ECANCELED;
	} else if (c->closed) {
		rc = AC_EPIPE;
	} else if (!ac__waitq_empty(&c->receivers)) {
		struct ac__waiter *r = ac__waitq_first(&c->receivers);
		ac__chan_copy(c, r->item, item);
		ac__wake(r, 0);
	} else if (c->count < c->capacity) {
		ac__chan_put(c, item);
	} else {
		w->item = (void *)item; /* only read */
		ac__park(self, w, &c->senders, AC__WAIT_SEND, c);
		return 1;
	}
	w->result = rc;
	return 0;
}

/* `self` receives into *item through `w`: take the oldest buffered item
 * (and move the oldest waiting send into the room made), take the item of
 * a waiting send, or wait in `receivers`.  The same for receives. */
int ac__chan_recv_slow(ac_task *self, struct ac__waiter *w, ac_chan *c,
		       void *item)
{
	ac__chan_check(c);
	int rc = 0;
	if (self->flags & AC_TASK_CANCELLED) {
		rc = AC_ECANCELED;
	} else if (c->count > 0) {
		ac__chan_take(c, item);
		if (!ac__waitq_empty(&c->senders)) {
			struct ac__waiter *s = ac__waitq_first(&c->senders);
			ac__chan_put(c, s->item);
			ac__wake(s, 0);
		}
	} else if (!ac__waitq_empty(&c->senders)) {
		struct ac__waiter *s = ac__waitq_first(&c->senders);
		ac__chan_copy(c, item, s->item);
		ac__wake(s, 0);
	} else if (c->closed) {
		rc = AC_EPIPE;
	} else {
		w->item = item;
		ac__park(self, w, &c->receivers, AC__WAIT_RECV, c);
		return 1;
	}
	w->result = rc;
	return 0;
}

/* The operations as tasks of their own, for a gather, a group, a
 * timeout: state 0 begins on the frame's own waiter. */
static ac_status ac__chan_send_step(ac_task *self)
{
	struct ac_chan_send__frame *F = (struct ac_chan_send__frame *)self;
	if (ac__cancelled(self))
		return ac__leaf_done(self, AC_ECANCELED);
	return ac__parked_start(self, ac__chan_send_begin(self, &F->w, F->w.obj,
							  F->w.item));
}

static ac_status ac__chan_recv_step(ac_task *self)
{
	struct ac_chan_recv__frame *F = (struct ac_chan_recv__frame *)self;
	if (ac__cancelled(self))
		return ac__leaf_done(self, AC_ECANCELED);
	return ac__parked_start(self, ac__chan_recv_begin(self, &F->w, F->w.obj,
							  F->w.item));
}

AC__OP_INFO(ac__chan_send_info, "ac_chan_send", struct ac_chan_send__frame,
	    ac__parked_describe);
AC__OP_INFO(ac__chan_recv_info, "ac_chan_recv", struct ac_chan_recv__frame,
	    ac__parked_describe);

void ac_chan_send__init(struct ac_chan_send__frame *F, ac_chan *c,
			const void *item)
{
	ac__parked_init((struct ac__parked *)F, ac__chan_send_step,
			&ac__chan_send_info, AC__WAIT_SEND, c);
	F->w.item = (void *)item; /* only read */
}

AC__OP_NEW(ac_chan_send, (ac_chan *c, const void *item), c, item)

void ac_chan_recv__init(struct ac_chan_recv__frame *F, ac_chan *c,
			void *item)
{
	ac__parked_init((struct ac__parked *)F, ac__chan_recv_step,
			&ac__chan_recv_info, AC__WAIT_RECV, c);
	F->w.item = item;
}

AC__OP_NEW(ac_chan_recv, (ac_chan *c, void *item), c, item)
