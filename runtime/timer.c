/*
 * timer.c - the timer heap and ac_sleep.
 *
 * All sleeps share one binary min-heap ordered by (deadline, seq); seq is a
 * counter taken when the timer starts, so timers that expire together fire
 * in the order they were started and program output is deterministic.  The
 * loop (loop.c) arms a single uv timer for the earliest deadline.
 */
#include "asyncc-internal.h"

#include <stdlib.h>

/* Real clock in ms.  uv_hrtime rather than uv_now: uv_now is cached per loop
 * iteration (and may use a coarse clock), which would let sleeps end early. */
uint64_t ac__clock_real(void)
{
	return uv_hrtime() / 1000000u;
}

/* Whether timer a fires before timer b. */
static bool ac__timer_less(const struct ac__timer *a, const struct ac__timer *b)
{
	if (a->deadline != b->deadline)
		return a->deadline < b->deadline;
	return a->seq < b->seq;
}

/* Places `tm` at heap slot i, keeping its back-index in sync. */
static void ac__heap_set(size_t i, struct ac__timer *tm)
{
	ac__L.heap[i] = tm;
	tm->heap_index = i;
}

/* Moves the timer at slot i towards the root while it fires earlier than its
 * parent (after an insert, or a removal that put a later timer above it). */
static void ac__heap_up(size_t i)
{
	struct ac__timer *tm = ac__L.heap[i];
	while (i > 0) {
		size_t parent = (i - 1) / 2;
		if (!ac__timer_less(tm, ac__L.heap[parent]))
			break;
		ac__heap_set(i, ac__L.heap[parent]);
		i = parent;
	}
	ac__heap_set(i, tm);
}

/* Moves the timer at slot i towards the leaves while a child fires earlier. */
static void ac__heap_down(size_t i)
{
	struct ac__timer *tm = ac__L.heap[i];
	size_t n = ac__L.heap_len;
	for (;;) {
		size_t child = 2 * i + 1;
		if (child >= n)
			break;
		if (child + 1 < n &&
		    ac__timer_less(ac__L.heap[child + 1], ac__L.heap[child]))
			child++;
		if (!ac__timer_less(ac__L.heap[child], tm))
			break;
		ac__heap_set(i, ac__L.heap[child]);
		i = child;
	}
	ac__heap_set(i, tm);
}

/* Adds `tm` (deadline set, seq assigned here). */
int ac__timer_insert(struct ac__timer *tm)
{
	assert(tm->heap_index == AC__TIMER_IDLE);
	if (ac__L.heap_len == ac__L.heap_cap) {
		size_t cap = ac__L.heap_cap ? ac__L.heap_cap * 2 : 16;
		struct ac__timer **h = realloc(ac__L.heap, cap * sizeof *h);
		if (!h)
			return AC_ENOMEM;
		ac__L.heap = h;
		ac__L.heap_cap = cap;
	}
	tm->seq = ac__L.timer_seq++;
	ac__heap_set(ac__L.heap_len++, tm);
	ac__heap_up(tm->heap_index);
	return 0;
}

/* Removes `tm` from anywhere in the heap. */
void ac__timer_remove(struct ac__timer *tm)
{
	size_t i = tm->heap_index;
	assert(i < ac__L.heap_len && ac__L.heap[i] == tm);
	struct ac__timer *last = ac__L.heap[--ac__L.heap_len];
	tm->heap_index = AC__TIMER_IDLE;
	if (last == tm)
		return;
	ac__heap_set(i, last);
	ac__heap_up(i);
	ac__heap_down(last->heap_index);
}

/* The earliest timer, or NULL: what the loop has to wait for. */
const struct ac__timer *ac__timer_peek(void)
{
	return ac__L.heap_len ? ac__L.heap[0] : NULL;
}

/* Timers are embedded in sleep frames, or in frames that start like one
 * (ac_wait_for's); this finds the frame. */
struct ac_sleep__frame *ac__sleep_of(struct ac__timer *tm)
{
	return (struct ac_sleep__frame *)((char *)tm -
					  offsetof(struct ac_sleep__frame, timer));
}

/* Queues, in (deadline, seq) order, every sleep whose deadline is <= now. */
void ac__timers_expire(uint64_t now)
{
	while (ac__L.heap_len && ac__L.heap[0]->deadline <= now) {
		struct ac__timer *tm = ac__L.heap[0];
		ac__timer_remove(tm);
		struct ac_sleep__frame *F = ac__sleep_of(tm);
		F->result = 0;
		ac__ready_push(&F->hdr); /* slot reserved when the sleep started */
	}
}

/* Forgets every timer (shutdown); their sleeps will never complete. */
void ac__timers_drop(void)
{
	for (size_t i = 0; i < ac__L.heap_len; i++)
		ac__L.heap[i]->heap_index = AC__TIMER_IDLE;
	free(ac__L.heap);
	ac__L.heap = NULL;
	ac__L.heap_len = ac__L.heap_cap = 0;
}

/* Deadline for a timer of `ms` started now.  On the real clock the current
 * millisecond is rounded up so the sleep never ends early; a zero sleep is
 * due at once (it acts like a yield that lets expired timers go first). */
uint64_t ac__timer_deadline(uint64_t ms)
{
	uint64_t now;
	if (ac__L.virtual_clock) {
		now = ac__L.vnow;
	} else {
		uint64_t ns = uv_hrtime();
		now = ns / 1000000u;
		if (ms > 0 && ns % 1000000u)
			now++;
	}
	return ms > UINT64_MAX - now ? UINT64_MAX : now + ms;
}

/* state 0: arm the timer; state 1: the loop reached the queued sleep. */
static ac_status ac__sleep_step(ac_task *self)
{
	struct ac_sleep__frame *F = (struct ac_sleep__frame *)self;
	if (self->state == 1)
		return ac__leaf_done(self, F->result);
	if (ac__cancelled(self))
		return ac__leaf_done(self, AC_ECANCELED);
	int rc = ac__ready_reserve();
	if (rc < 0)
		return ac__leaf_done(self, rc);
	F->timer.deadline = ac__timer_deadline(F->ms);
	rc = ac__timer_insert(&F->timer);
	if (rc < 0) {
		ac__ready_unreserve();
		return ac__leaf_done(self, rc);
	}
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
	if (F->timer.heap_index != AC__TIMER_IDLE) {
		ac__timer_remove(&F->timer);
		ac__ready_push(self);
	}
}

const ac_fn_info ac__sleep_info = { "ac_sleep", "<runtime>", 0, 0, NULL,
				    sizeof(struct ac_sleep__frame) };

void ac_sleep__init(struct ac_sleep__frame *F, uint64_t ms)
{
	ac__task_init(&F->hdr, ac__sleep_step, &ac__sleep_info, &F->result);
	F->hdr.cancel = ac__sleep_cancel;
	F->result = 0;
	F->ms = ms;
	F->timer.deadline = 0;
	F->timer.seq = 0;
	F->timer.heap_index = AC__TIMER_IDLE;
}

ac_task *ac_sleep(uint64_t ms)
{
	struct ac_sleep__frame *F = ac__frame_alloc(sizeof *F);
	if (!F)
		return NULL;
	ac_sleep__init(F, ms);
	F->hdr.flags |= AC_TASK_HEAP;
	return &F->hdr;
}
