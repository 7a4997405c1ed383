/*
 * timer.c - the timer heap.
 *
 * Every timer of the runtime (sleeps, ac_wait_for deadlines, I/O deadlines)
 * is an entry of one binary min-heap ordered by (deadline, seq); seq is a
 * counter taken when the timer starts, so timers that expire together fire
 * in the order they were started and program output is deterministic.  The
 * loop (loop.c) arms a single uv timer for the earliest deadline and calls
 * ac__timers_expire, which runs each expired timer's callback.
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

/* A timer whose callback is ac__timer_queue_frame is embedded in a frame
 * where a sleep frame has it (ac_sleep, ac_wait_for); this finds the frame,
 * or returns NULL for other timers. */
ac_task *ac__timer_frame(struct ac__timer *tm)
{
	if (tm->cb != ac__timer_queue_frame)
		return NULL;
	return (ac_task *)((char *)tm - offsetof(struct ac_sleep__frame, timer));
}

/* The callback of frame timers: queues the frame (its ready slot was
 * reserved when the timer started). */
void ac__timer_queue_frame(struct ac__timer *tm)
{
	ac__ready_push(ac__timer_frame(tm));
}

/* Calls, in (deadline, seq) order, the callback of every timer whose
 * deadline is <= now. */
void ac__timers_expire(uint64_t now)
{
	while (ac__L.heap_len && ac__L.heap[0]->deadline <= now) {
		struct ac__timer *tm = ac__L.heap[0];
		ac__timer_remove(tm);
		tm->cb(tm);
	}
}

void ac__timer_init(struct ac__timer *tm, void (*cb)(struct ac__timer *tm))
{
	tm->deadline = 0;
	tm->seq = 0;
	tm->heap_index = AC__TIMER_IDLE;
	tm->cb = cb;
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
