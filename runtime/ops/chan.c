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
 */
#include "asyncc-internal.h"

#include <stdlib.h>
#include <string.h>

AC__PARKED_CHECK(struct ac_chan_send__frame);
AC__PARKED_CHECK(struct ac_chan_recv__frame);

int ac_chan_init(ac_chan *c, size_t item_size, size_t capacity)
{
	if (!c || (item_size && capacity > SIZE_MAX / item_size))
		return AC_EINVAL;
	size_t bytes = item_size * capacity;
	c->buf = NULL;
	if (bytes && !(c->buf = malloc(bytes)))
		return AC_ENOMEM;
	c->item_size = item_size;
	c->capacity = capacity;
	c->head = 0;
	c->count = 0;
	ac__waitq_init(&c->senders);
	ac__waitq_init(&c->receivers);
	c->closed = 0;
	return 0;
}

static void ac__chan_check(const ac_chan *c)
{
	assert(c->count <= c->capacity);
	assert(ac__waitq_empty(&c->senders) || c->count == c->capacity);
	assert(ac__waitq_empty(&c->receivers) ||
	       (c->count == 0 && ac__waitq_empty(&c->senders)));
	(void)c;
}

/* Copies one item; word-sized items (the common case) without a call. */
static inline void ac__chan_copy(const ac_chan *c, void *to, const void *from)
{
	switch (c->item_size) {
	case 0:
		break;
	case sizeof(int):
		memcpy(to, from, sizeof(int));
		break;
	case sizeof(void *):
		memcpy(to, from, sizeof(void *));
		break;
	default:
		memcpy(to, from, c->item_size);
	}
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

static struct ac_chan_send__frame *ac__first_sender(ac_chan *c)
{
	return (struct ac_chan_send__frame *)ac__waitq_first(&c->senders);
}

static struct ac_chan_recv__frame *ac__first_receiver(ac_chan *c)
{
	return (struct ac_chan_recv__frame *)ac__waitq_first(&c->receivers);
}

void ac_chan_close(ac_chan *c)
{
	if (c->closed)
		return;
	c->closed = 1;
	ac__unpark_all(&c->senders, AC_EPIPE);
	ac__unpark_all(&c->receivers, AC_EPIPE);
}

void ac_chan_destroy(ac_chan *c)
{
	ac_chan_close(c);
	free(c->buf);
	c->buf = NULL;
}

/* send, state 0: hand over, buffer, or wait in `senders`. */
static ac_status ac__chan_send_step(ac_task *self)
{
	struct ac_chan_send__frame *F = (struct ac_chan_send__frame *)self;
	ac_chan *c = F->c;
	ac__chan_check(c);
	if (ac__cancelled(self))
		return ac__leaf_done(self, AC_ECANCELED);
	if (c->closed)
		return ac__leaf_done(self, AC_EPIPE);
	if (!ac__waitq_empty(&c->receivers)) {
		struct ac_chan_recv__frame *R = ac__first_receiver(c);
		ac__chan_copy(c, R->item, F->item);
		ac__unpark((struct ac__parked *)R, 0);
		return ac__leaf_done(self, 0);
	}
	if (c->count < c->capacity) {
		ac__chan_put(c, F->item);
		return ac__leaf_done(self, 0);
	}
	int rc = ac__park((struct ac__parked *)F, &c->senders);
	return rc < 0 ? ac__leaf_done(self, rc) : AC_PENDING;
}

/* recv, state 0: take from the buffer or a waiting send, or wait in
 * `receivers`. */
static ac_status ac__chan_recv_step(ac_task *self)
{
	struct ac_chan_recv__frame *F = (struct ac_chan_recv__frame *)self;
	ac_chan *c = F->c;
	ac__chan_check(c);
	if (ac__cancelled(self))
		return ac__leaf_done(self, AC_ECANCELED);
	if (c->count > 0) {
		ac__chan_take(c, F->item);
		if (!ac__waitq_empty(&c->senders)) {
			struct ac_chan_send__frame *S = ac__first_sender(c);
			ac__chan_put(c, S->item);
			ac__unpark((struct ac__parked *)S, 0);
		}
		return ac__leaf_done(self, 0);
	}
	if (!ac__waitq_empty(&c->senders)) {
		struct ac_chan_send__frame *S = ac__first_sender(c);
		ac__chan_copy(c, F->item, S->item);
		ac__unpark((struct ac__parked *)S, 0);
		return ac__leaf_done(self, 0);
	}
	if (c->closed)
		return ac__leaf_done(self, AC_EPIPE);
	int rc = ac__park((struct ac__parked *)F, &c->receivers);
	return rc < 0 ? ac__leaf_done(self, rc) : AC_PENDING;
}

static void ac__chan_describe(FILE *out, const ac_task *t, const char *what,
			      const ac_chan *c)
{
	fprintf(out, " %s", what);
	if (ac__parked_linked((const struct ac__parked *)t))
		fprintf(out, " on channel %p (%zu of %zu buffered%s)",
			(const void *)c, c->count, c->capacity,
			c->closed ? ", closed" : "");
	else
		fprintf(out, " done, queued");
}

static void ac__chan_send_describe(FILE *out, const ac_task *t)
{
	ac__chan_describe(out, t, "sending",
			  ((const struct ac_chan_send__frame *)t)->c);
}

static void ac__chan_recv_describe(FILE *out, const ac_task *t)
{
	ac__chan_describe(out, t, "receiving",
			  ((const struct ac_chan_recv__frame *)t)->c);
}

AC__OP_INFO(ac__chan_send_info, "ac_chan_send", struct ac_chan_send__frame,
	    ac__chan_send_describe);
AC__OP_INFO(ac__chan_recv_info, "ac_chan_recv", struct ac_chan_recv__frame,
	    ac__chan_recv_describe);

void ac_chan_send__init(struct ac_chan_send__frame *F, ac_chan *c,
			const void *item)
{
	ac__parked_init((struct ac__parked *)F, ac__chan_send_step,
			&ac__chan_send_info);
	F->c = c;
	F->item = item;
}

ac_task *ac_chan_send(ac_chan *c, const void *item)
{
	struct ac_chan_send__frame *F = ac__frame_alloc(sizeof *F);
	if (!F)
		return NULL;
	ac_chan_send__init(F, c, item);
	F->hdr.flags |= AC_TASK_HEAP;
	return &F->hdr;
}

void ac_chan_recv__init(struct ac_chan_recv__frame *F, ac_chan *c,
			void *item)
{
	ac__parked_init((struct ac__parked *)F, ac__chan_recv_step,
			&ac__chan_recv_info);
	F->c = c;
	F->item = item;
}

ac_task *ac_chan_recv(ac_chan *c, void *item)
{
	struct ac_chan_recv__frame *F = ac__frame_alloc(sizeof *F);
	if (!F)
		return NULL;
	ac_chan_recv__init(F, c, item);
	F->hdr.flags |= AC_TASK_HEAP;
	return &F->hdr;
}
