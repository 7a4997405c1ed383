/*
 * asyncc-internal.h - internals shared by the modules of libasyncc.
 *
 * Not installed.  The unit tests include it to inspect the runtime (pool
 * counters, loop state); generated code must only use asyncc.h.
 *
 * The runtime is single-threaded: one static struct ac__loop (ac__L) holds
 * the ready queue, the timer heap and a private uv_loop_t, all created on
 * first use and torn down by ac_runtime_shutdown().
 */
#ifndef ASYNCC_INTERNAL_H
#define ASYNCC_INTERNAL_H

#include "asyncc.h"

#include <assert.h>
#include <stdbool.h>
#include <uv.h>

/* Runtime-private task flags, above the AC_TASK_* bits of the ABI. */
#define AC__TASK_OWNED 0x100u /* on some frame's `owned` list (via `next`) */
#define AC__TASK_SEEN 0x200u  /* already printed by ac_task_dump */

/* heap_index of a timer that is not in the heap. */
#define AC__TIMER_IDLE ((size_t)-1)

/*
 * The ready queue is a ring of task pointers rather than a list threaded
 * through ac_task.next, because `next` already links a heap task into its
 * owner's `owned` list and a task can be both owned and queued.
 *
 * Pushing must not fail (a timer callback cannot report ENOMEM), so every
 * operation that will later push reserves its slot first: `reserved` counts
 * the queued tasks plus the promised pushes, and `cap >= reserved` always.
 */
struct ac__ready {
	ac_task **slot;
	size_t cap;      /* a power of two, or 0 */
	size_t head;     /* index of the oldest entry */
	size_t count;    /* entries queued */
	size_t reserved; /* queued + promised */
};

struct ac__loop {
	bool initialized;  /* uv loop and wake timer exist */
	bool running;      /* inside ac_run */
	bool virtual_clock;
	uint64_t vnow;     /* the virtual clock, in ms */
	uint64_t timer_seq;
	ac_task *current;  /* task being stepped by the loop, for dumps */
	struct ac__ready ready;
	struct ac__timer **heap; /* min-heap on (deadline, seq) */
	size_t heap_len, heap_cap;
	uv_loop_t uv;
	uv_timer_t wake;   /* the single uv timer: wakes the loop at a deadline */
	struct ac__waitq *live; /* wait lists that have waiters (park.c) */
};

extern struct ac__loop ac__L;

/* loop.c */
int ac__loop_ensure(void);
int ac__ready_reserve_slow(void);

/* task.c */
void ac__run_chain(ac_task *t);
void ac__task_release(ac_task *t);
void ac__task_start(ac_task *waiter, ac_task *t);

/* timer.c */
uint64_t ac__clock_real(void);
uint64_t ac__timer_deadline(uint64_t ms);
int ac__timer_insert(struct ac__timer *tm);
void ac__timer_remove(struct ac__timer *tm);
const struct ac__timer *ac__timer_peek(void);
void ac__timers_expire(uint64_t now);
void ac__timers_drop(void);
struct ac_sleep__frame *ac__sleep_of(struct ac__timer *tm);

/* pool.c */
struct ac__pool_stats {
	uint64_t allocs;  /* ac__frame_alloc calls that succeeded */
	uint64_t reuses;  /* ... served from a free list */
	uint64_t mallocs; /* ... that had to call malloc */
	uint64_t frees;   /* ac__frame_free calls */
	uint64_t pooled;  /* blocks currently on free lists */
};
void ac__pool_stats(struct ac__pool_stats *out);
void ac__pool_release(void);

/* Descriptions of the runtime's own frames (dump output recognizes them). */
extern const ac_fn_info ac__sleep_info;
extern const ac_fn_info ac__yield_info;
extern const ac_fn_info ac__gather_info;
extern const ac_fn_info ac__chan_send_info;
extern const ac_fn_info ac__chan_recv_info;
extern const ac_fn_info ac__event_wait_info;
extern const ac_fn_info ac__sem_acquire_info;
extern const ac_fn_info ac__mutex_lock_info;
extern const ac_fn_info ac__wait_for_info;
extern const ac_fn_info ac__wait_any_info;
extern const ac_fn_info ac__group_wait_info;
extern const ac_fn_info ac__group_child_info;

/* Ready queue operations, inline: every switch between tasks goes through
 * them. */

/* Promises one future ac__ready_push; the only step that can fail. */
static inline int ac__ready_reserve(void)
{
	struct ac__ready *q = &ac__L.ready;
	if (q->reserved == q->cap)
		return ac__ready_reserve_slow();
	q->reserved++;
	return 0;
}

/* Withdraws a promise that will not be used. */
static inline void ac__ready_unreserve(void)
{
	struct ac__ready *q = &ac__L.ready;
	assert(q->reserved > q->count);
	q->reserved--;
}

/* Appends `t`: it will be stepped (or, if done, its waiter resumed) after
 * every task queued before it. */
static inline void ac__ready_push(ac_task *t)
{
	struct ac__ready *q = &ac__L.ready;
	assert(q->count < q->reserved && q->reserved <= q->cap);
	q->slot[(q->head + q->count) & (q->cap - 1)] = t;
	q->count++;
}

/* Removes the oldest ready task, or returns NULL. */
static inline ac_task *ac__ready_pop(void)
{
	struct ac__ready *q = &ac__L.ready;
	if (q->count == 0)
		return NULL;
	ac_task *t = q->slot[q->head];
	q->head = (q->head + 1) & (q->cap - 1);
	q->count--;
	q->reserved--;
	return t;
}

/* A task is cancelled when it or the task waiting on it was asked to stop;
 * leaf operations check this when they start. */
static inline bool ac__cancelled(const ac_task *t)
{
	return (t->flags & AC_TASK_CANCELLED) ||
	       (t->waiter && (t->waiter->flags & AC_TASK_CANCELLED));
}

/* Completes a runtime leaf frame (its result is an int, like all of ours). */
static inline ac_status ac__leaf_done(ac_task *t, int result)
{
	assert(!(t->flags & AC_TASK_DONE));
	*(int *)t->result = result;
	t->cancel = NULL;
	t->flags |= AC_TASK_DONE;
	return AC_DONE;
}

/* ---------------------------------------------------------- park.c */
/*
 * Parked frames: a leaf operation that waits on a channel, event, semaphore
 * or mutex sits in that object's FIFO list of waiters.  Whoever completes it
 * (a send, a release, a close, a cancellation) unlinks it, sets its result
 * and queues it; the loop then steps it to done (state 1), so, as for every
 * leaf, completion never runs the waiter's code inside somebody else's.
 * Once unlinked, a parked frame keeps its result even if it is cancelled:
 * an item or permit handed to it is never lost.
 */
struct ac__parked {
	ac_task hdr;
	int result;
	struct ac__wait link; /* in a list while next != NULL */
};

#define AC__PARKED_CHECK(T)                                                 \
	_Static_assert(offsetof(T, result) ==                               \
				       offsetof(struct ac__parked, result) && \
			       offsetof(T, link) ==                         \
				       offsetof(struct ac__parked, link),    \
		       #T " must start like struct ac__parked")

static inline void ac__waitq_init(struct ac__waitq *q)
{
	q->head.prev = q->head.next = &q->head;
	q->live_prev = q->live_next = NULL;
}

static inline bool ac__waitq_empty(const struct ac__waitq *q)
{
	return q->head.next == &q->head;
}

static inline struct ac__parked *ac__parked_of(const struct ac__wait *w)
{
	return (struct ac__parked *)((char *)w -
				     offsetof(struct ac__parked, link));
}

/* The oldest waiter of list `q`, which must not be empty. */
static inline struct ac__parked *ac__waitq_first(const struct ac__waitq *q)
{
	assert(!ac__waitq_empty(q));
	return ac__parked_of(q->head.next);
}

static inline bool ac__parked_linked(const struct ac__parked *p)
{
	return p->link.next != NULL;
}

void ac__parked_init(struct ac__parked *p, ac_step_fn step,
		     const ac_fn_info *info);
int ac__park(struct ac__parked *p, struct ac__waitq *q);
void ac__unpark(struct ac__parked *p, int result);
void ac__unpark_all(struct ac__waitq *q, int result);
size_t ac__waitq_len(const struct ac__waitq *q);

/* What a runtime frame of each family waits for, for ac_task_dump: false
 * when `t` is not one of the family's frames. */
bool ac__chan_describe(FILE *out, const ac_task *t);
bool ac__sync_describe(FILE *out, const ac_task *t);
bool ac__wait_describe(FILE *out, const ac_task *t);
bool ac__group_describe(FILE *out, const ac_task *t);
/* For a group's child link, the task waiting on the group (or NULL). */
ac_task *ac__group_waiter(const ac_task *t);

#endif /* ASYNCC_INTERNAL_H */
