/*
 * timer.c - the runtime's timers.
 *
 * Every timer of the runtime (sleeps, ac_wait_for deadlines, I/O deadlines)
 * waits in a bucket: a FIFO list of the timers due at one millisecond.
 * Buckets sit in a binary min-heap ordered by (deadline, seq), seq counting
 * bucket creation.  A timer joins the newest bucket when it is due at the
 * same time, else it starts a new one; so a burst of equal sleeps (a
 * million tasks started in the same millisecond) costs one heap entry, and
 * inserting or removing a timer is O(1) but for the bucket's heap entry.
 * Timers fire in (deadline, start) order: within a bucket by start, and a
 * timer that could not join an older bucket of its deadline started after
 * all of that bucket's.  So program output is deterministic.  The loop
 * (loop.c) arms a single uv timer for the earliest deadline and calls
 * ac__timers_expire, which fires each expired timer.
 */
#include "asyncc-internal.h"

#include <stdlib.h>

/* Real clock in ms.  uv_hrtime rather than uv_now: uv_now is cached per loop
 * iteration (and may use a coarse clock), which would let sleeps end early. */
uint64_t ac__clock_real(void)
{
	return uv_hrtime() / 1000000u;
}
/* How many emptied buckets are kept for reuse. */
#define AC__SPARE_BUCKETS 64u

/* Whether bucket a fires before bucket b. */
static bool ac__bucket_less(const struct ac__bucket *a,
			    const struct ac__bucket *b)
{
	if (a->deadline != b->deadline)
		return a->deadline < b->deadline;
	return a->seq < b->seq;
}

/* Places `b` at heap slot i, keeping its back-index in sync. */
static void ac__heap_set(size_t i, struct ac__bucket *b)
{
	ac__L.heap[i] = b;
	b->heap_index = i;
}

/* Moves the bucket at slot i towards the root while it fires earlier than
 * its parent. */
static void ac__heap_up(size_t i)
{
	struct ac__bucket *b = ac__L.heap[i];
	while (i > 0) {
		size_t parent = (i - 1) / 2;
		if (!ac__bucket_less(b, ac__L.heap[parent]))
			break;
		ac__heap_set(i, ac__L.heap[parent]);
		i = parent;
	}
	ac__heap_set(i, b);
}

/* Moves the bucket at slot i towards the leaves while a child fires
 * earlier. */
static void ac__heap_down(size_t i)
{
	struct ac__bucket *b = ac__L.heap[i];
	size_t n = ac__L.heap_len;
	for (;;) {
		size_t child = 2 * i + 1;
		if (child >= n)
			break;
		if (child + 1 < n &&
		    ac__bucket_less(ac__L.heap[child + 1], ac__L.heap[child]))
			child++;
		if (!ac__bucket_less(ac__L.heap[child], b))
			break;
		ac__heap_set(i, ac__L.heap[child]);
		i = child;
	}
	ac__heap_set(i, b);
}

/* A new empty bucket for `deadline`, in the heap and the newest. */
static struct ac__bucket *ac__bucket_new(uint64_t deadline)
{
	if (ac__L.heap_len == ac__L.heap_cap) {
		size_t cap = ac__L.heap_cap ? ac__L.heap_cap * 2 : 16;
		struct ac__bucket **h = realloc(ac__L.heap, cap * sizeof *h);
		if (!h)
			return NULL;
		ac__L.heap = h;
		ac__L.heap_cap = cap;
	}
	struct ac__bucket *b = ac__L.spare;
	if (b) {
		ac__L.spare = (struct ac__bucket *)(void *)b->head.next;
		ac__L.nspare--;
	} else if (!(b = malloc(sizeof *b))) {
		return NULL;
	}
	b->deadline = deadline;
	b->seq = ac__L.bucket_seq++;
	b->head.prev = b->head.next = &b->head;
	b->head.fire = 0;
	ac__heap_set(ac__L.heap_len++, b);
	ac__heap_up(b->heap_index);
	ac__L.last = b;
	return b;
}

/* Takes the emptied bucket `b` out of the heap and keeps or frees it. */
static void ac__bucket_drop(struct ac__bucket *b)
{
	size_t i = b->heap_index;
	assert(i < ac__L.heap_len && ac__L.heap[i] == b);
	assert(b->head.next == &b->head);
	struct ac__bucket *moved = ac__L.heap[--ac__L.heap_len];
	if (moved != b) {
		ac__heap_set(i, moved);
		ac__heap_up(i);
		ac__heap_down(moved->heap_index);
	}
	if (ac__L.last == b)
		ac__L.last = NULL;
	if (ac__L.nspare < AC__SPARE_BUCKETS) {
		b->head.next = (struct ac__timer *)(void *)ac__L.spare;
		ac__L.spare = b;
		ac__L.nspare++;
	} else {
		free(b);
	}
}

/* Arms `tm` for `deadline`.  AC_ENOMEM when a bucket was needed and
 * could not be made. */
int ac__timer_insert(struct ac__timer *tm, uint64_t deadline)
{
	assert(!ac__timer_armed(tm) && tm->fire != 0);
	struct ac__bucket *b = ac__L.last;
	if (!b || b->deadline != deadline)
		b = ac__bucket_new(deadline);
	if (!b)
		return AC_ENOMEM;
	tm->next = &b->head;
	tm->prev = b->head.prev;
	b->head.prev->next = tm;
	b->head.prev = tm;
	return 0;
}

/* Arms `tm` to fire `ms` from now: 0, or AC_ENOMEM (not armed). */
int ac__timer_arm(struct ac__timer *tm, uint64_t ms)
{
	return ac__timer_insert(tm, ac__timer_deadline(ms));
}

/* The bucket whose list has the sentinel `head`. */
static struct ac__bucket *ac__bucket_of(const struct ac__timer *head)
{
	assert(head->fire == 0);
	return (struct ac__bucket *)(void *)((char *)head -
					     offsetof(struct ac__bucket, head));
}

/* When the armed `tm` is due: its bucket's deadline, found by walking to
 * the end of its list (for dumps: timers are not read otherwise). */
uint64_t ac__timer_due(const struct ac__timer *tm)
{
	assert(ac__timer_armed(tm));
	while (tm->fire != 0)
		tm = tm->next;
	return ac__bucket_of(tm)->deadline;
}

/* Disarms `tm`; its bucket goes when it was the last timer in it. */
void ac__timer_remove(struct ac__timer *tm)
{
	assert(ac__timer_armed(tm));
	struct ac__timer *prev = tm->prev, *next = tm->next;
	prev->next = next;
	next->prev = prev;
	tm->prev = tm->next = NULL;
	if (prev == next && prev->fire == 0)
		ac__bucket_drop(ac__bucket_of(prev));
}

/* The bucket of the earliest timers, or NULL: what the loop has to wait
 * for. */
const struct ac__bucket *ac__timer_peek(void)
{
	return ac__L.heap_len ? ac__L.heap[0] : NULL;
}

/* The task a timer wakes, if it wakes one: a task sleeping in a slot, or
 * the frame of a frame timer (ac_sleep, ac_wait_for).  NULL for other
 * timers (I/O deadlines belong to no frame). */
ac_task *ac__timer_task(const struct ac__timer *tm)
{
	if (tm->fire & 1u)
		return (ac_task *)(tm->fire - 1u);
	if (tm->fire != (uintptr_t)ac__timer_queue_frame)
		return NULL;
	return (ac_task *)((char *)tm - offsetof(struct ac_sleep__frame, timer));
}

/* Calls fn for the task of every armed timer that has one (the dump). */
void ac__timers_each(void (*fn)(ac_task *t, void *arg), void *arg)
{
	for (size_t i = 0; i < ac__L.heap_len; i++) {
		const struct ac__timer *head = &ac__L.heap[i]->head;
		for (const struct ac__timer *tm = head->next; tm != head;
		     tm = tm->next) {
			ac_task *t = ac__timer_task(tm);
			if (t)
				fn(t, arg);
		}
	}
}

/* The callback of frame timers: queues the frame. */
AC__TIMER_CB void ac__timer_queue_frame(struct ac__timer *tm)
{
	ac__ready_push(ac__timer_task(tm));
}

/* Fires, in (deadline, start) order, every timer whose deadline is <= now:
 * each is disarmed first, so its callback may arm it again. */
void ac__timers_expire(uint64_t now)
{
	while (ac__L.heap_len && ac__L.heap[0]->deadline <= now) {
		struct ac__timer *tm = ac__L.heap[0]->head.next;
		uintptr_t fire = tm->fire;
		ac__timer_remove(tm);
		if (fire & 1u)
			ac__sleeper_wake((ac_task *)(fire - 1u), 0);
		else
			((void (*)(struct ac__timer *))fire)(tm);
	}
}

void ac__timer_init(struct ac__timer *tm, void (*cb)(struct ac__timer *tm))
{
	tm->prev = tm->next = NULL;
	tm->fire = (uintptr_t)cb;
	assert(cb && !(tm->fire & 1u)); /* AC__TIMER_CB keeps bit 0 clear */
}

/* Forgets every timer (shutdown); their sleeps will never complete. */
void ac__timers_drop(void)
{
	for (size_t i = 0; i < ac__L.heap_len; i++) {
		struct ac__timer *head = &ac__L.heap[i]->head;
		for (struct ac__timer *tm = head->next, *next; tm != head;
		     tm = next) {
			next = tm->next;
			tm->prev = tm->next = NULL;
		}
		free(ac__L.heap[i]);
	}
	while (ac__L.spare) {
		struct ac__bucket *b = ac__L.spare;
		ac__L.spare = (struct ac__bucket *)(void *)b->head.next;
		free(b);
	}
	free(ac__L.heap);
	ac__L.heap = NULL;
	ac__L.heap_len = ac__L.heap_cap = ac__L.nspare = 0;
	ac__L.last = NULL;
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
