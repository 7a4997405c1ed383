/*
 * asyncc-internal.h - internals shared by the modules of libasyncc.
 *
 * Not installed.  The unit tests include it to inspect the runtime (pool
 * counters, loop state); generated code must only use asyncc.h.
 *
 * The runtime's state is per thread: a thread-local struct ac__loop (ac__L)
 * holds the ready queue, the timer heap and a private uv_loop_t, all
 * created on first use and torn down by ac_runtime_shutdown(), and the
 * frame pool's free lists are thread-local too.  So N threads can each run
 * their own loop; tasks, frames and objects never cross between them.
 */
#ifndef ASYNCC_INTERNAL_H
#define ASYNCC_INTERNAL_H

#include <assert.h>
/* The inline parts of asyncc.h assert their invariants in the runtime. */
#undef AC__ASSERT
#define AC__ASSERT(x) assert(x)
#include "asyncc.h"

#include <pthread.h>
#include <stdbool.h>
#include <sys/socket.h>
#include <uv.h>

/* The libuv request (or handle) held in the storage `s` of a frame:
 * AC__UV(uv_fs_t, F->req). */
#define AC__UV(type, s) ((type *)(void *)&(s))

/* The storage asyncc.h gives libuv's requests is theirs to the byte. */
#define AC__SAME_LAYOUT(type, storage)                                       \
	_Static_assert(sizeof(type) == sizeof(storage) &&                    \
			       _Alignof(type) == _Alignof(storage),          \
		       "asyncc.h: the storage for " #type " is not its size")
AC__SAME_LAYOUT(uv_work_t, AC__UV_WORK);
AC__SAME_LAYOUT(uv_getaddrinfo_t, AC__UV_GETADDRINFO);
AC__SAME_LAYOUT(uv_write_t, AC__UV_WRITE);
AC__SAME_LAYOUT(uv_shutdown_t, AC__UV_SHUTDOWN);
AC__SAME_LAYOUT(uv_connect_t, AC__UV_CONNECT);
AC__SAME_LAYOUT(uv_udp_send_t, AC__UV_UDP_SEND);
AC__SAME_LAYOUT(uv_fs_t, AC__UV_FS);
AC__SAME_LAYOUT(uv_signal_t, AC__UV_SIGNAL);
AC__SAME_LAYOUT(struct sockaddr_storage, AC__SOCKADDR_STORAGE);
_Static_assert(AC_EOF == UV_EOF, "asyncc.h: AC_EOF is not UV_EOF");

/* Runtime-private task flags, above the AC_TASK_* bits of the ABI. */
#define AC__TASK_OWNED 0x100u /* in some frame's list of owned tasks (own.c) */
#define AC__TASK_SEEN 0x200u  /* already printed by ac_task_dump */
#define AC__TASK_OP 0x400u    /* a runtime operation: info is an ac__op_info */
#define AC__TASK_TRACKED 0x800u /* in ac__D's table of tasks made (debug.c) */
#define AC__TASK_SLEEPING 0x1000u /* in ac__sleep_begin: `awaiting` is its slot */
#define AC__TASK_DRAINING 0x10000u /* returned; waits for the tasks it owned
				    * (`state` counts them: task.c) */
#define AC__TASK_HELD 0x20000u /* its returned owner waits for it, while
				* another task awaits it (task.c) */
/* AC__TASK_PARKED and AC__TASK_QUEUED are in asyncc.h: the inline
 * channel operations set them. */

/* `t`'s waiter, unless that is an owner that returned and only waits for
 * `t` to end (ac__task_finish): another task may await `t` then. */
static inline ac_task *ac__awaiter(const ac_task *t)
{
	ac_task *w = t->waiter;
	return w && (w->flags & AC__TASK_DRAINING) ? NULL : w;
}
/* Before another task awaits `t`: the returned owner that waits for it
 * lets go (task.c). */
void ac__drain_release(ac_task *t);
void ac__held_done(ac_task *t);
void ac__held_put(ac_task *t, ac_task *owner);
ac_task *ac__held_take(const ac_task *t);

/* What `t` awaits: a task, or NULL (also while it sleeps or waits in a
 * list through a slot, or is queued). */
static inline ac_task *ac__awaited(const ac_task *t)
{
	return (t->flags & (AC__TASK_SLEEPING | AC__TASK_PARKED |
			    AC__TASK_QUEUED))
		       ? NULL
		       : t->awaiting;
}

/* The slot `t` sleeps in (await ac_sleep), or NULL. */
static inline struct ac__sleep *ac__sleeping(const ac_task *t)
{
	return (t->flags & AC__TASK_SLEEPING) ? (struct ac__sleep *)(void *)t->awaiting
					       : NULL;
}

/* Timers that expire at the same millisecond: a FIFO list whose sentinel
 * `head` has fire == 0, in the loop's min-heap of buckets. */
struct ac__bucket {
	uint64_t deadline;
	uint64_t seq;      /* buckets of equal deadline fire in creation order */
	size_t heap_index;
	struct ac__timer head;
};

/* Timer callbacks are aligned so that bit 0 of `fire` can tag a task. */
#define AC__TIMER_CB __attribute__((aligned(8)))

/* own.c: the heap tasks each frame owns, in a table by owner (a frame
 * header has no room for a list) */
struct ac__owned {
	ac_task *owner;  /* NULL: a free slot (the held task, in `held`) */
	ac_task **tasks; /* in adoption order */
	size_t n, cap;
	ac_task *holder; /* in `held`: the owner that waits for it */
};
struct ac__owners {
	struct ac__owned *slot; /* open addressing; cap a power of two */
	size_t cap, count;
	/* The slot that adopted last (its owner is checked before use): an
	 * async function that makes and detaches or spawns tasks in a loop
	 * finds its list, and the task, without hashing. */
	struct ac__owned *last;
};

struct ac__loop {
	bool initialized;  /* uv loop and wake timer exist */
	bool running;      /* inside ac_run */
	bool virtual_clock;
	uint64_t vnow;     /* the virtual clock, in ms */
	uint64_t bucket_seq;
	ac_task *current;  /* task being stepped by the loop, for dumps */
	bool io_direct;    /* in the loop's blocking poll: see ac__io_end */
	struct ac__bucket **heap; /* min-heap of buckets on (deadline, seq) */
	size_t heap_len, heap_cap;
	struct ac__bucket *last;  /* the newest bucket: timers due then join it */
	struct ac__bucket *spare; /* emptied buckets kept for reuse */
	size_t nspare;
	uv_loop_t uv;
	uv_timer_t wake;   /* the single uv timer: wakes the loop at a deadline */
	struct ac__waitq *live; /* wait lists that have waiters (park.c) */
	struct ac__waitq *chans; /* channels (their receivers' lists), from
				  * init to destroy (ac__chan_of) */
	struct ac__owners owners; /* who owns which heap tasks (own.c) */
	struct ac__owners held;   /* which owner waits for each held task */
	/* Pending I/O operations (op.c), in no particular order: a table,
	 * not a list, so that completing one touches no other frame. */
	struct ac__io **io_live;
	size_t io_count, io_cap;
	/* The streams of this loop (io/stream.c): the dump finds their
	 * pending reads there, which are not in the table. */
	struct ac_stream *streams;
	/* Futures completed from other threads (future.c): pushed under
	 * ac__F's mutex, then `async` wakes the loop, which sets them. */
	uv_async_t futures_async;
	size_t future_waits;       /* tasks waiting on a future: ref the async */
};

extern _Thread_local struct ac__loop ac__L;

/* What other threads reach through a future: its loop's mutex, which
 * shutdown keeps (it wipes ac__L), and whether the loop still listens. */
struct ac__futures {
	pthread_mutex_t lock;      /* never destroyed */
	bool ready;                /* `async` exists (under the lock) */
	uv_async_t *async;         /* the loop's futures_async */
	ac_future *set;            /* completed, not yet delivered */
	unsigned long epoch;       /* counts the loops futures were made on */
};
extern _Thread_local struct ac__futures ac__F;

/* loop.c */
int ac__loop_ensure(void);
/* future.c */
void ac__futures_close(void);
/* The virtual clock (loop.c) does not stand still for what comes from
 * outside the tasks: these unref (on == false) the handles of future waits
 * and of signal waits, and ref them again. */
void ac__future_waits_ref(bool on);
void ac__signal_waits_ref(bool on);

/* own.c */
void ac__own(ac_task *owner, ac_task *t);
bool ac__owns(ac_task *owner, const ac_task *t);
void ac__disown(ac_task *owner, ac_task *t);
ac_task *ac__owner_find(const ac_task *t);
ac_task *ac__owner_last(const ac_task *t);
/* Takes the owner's list out of the table: the caller frees tasks[]. */
struct ac__owned ac__owned_take(ac_task *owner);
void ac__owners_drop(void);

/* task.c */
void ac__run_chain(ac_task *t);
void ac__run_ready(const ac_task *root);
void ac__task_release(ac_task *t);
void ac__task_start(ac_task *waiter, ac_task *t);
ac_task *ac__owner_of(const ac_task *t);
/* Takes the owned `t` off owner's list: nobody owns it any more. */
void ac__task_unadopt(ac_task *owner, ac_task *t);

/* timer.c */
uint64_t ac__clock_real(void);
uint64_t ac__timer_deadline(uint64_t ms);
int ac__timer_insert(struct ac__timer *tm, uint64_t deadline);
int ac__timer_arm(struct ac__timer *tm, uint64_t ms);
void ac__timer_remove(struct ac__timer *tm);
uint64_t ac__timer_due(const struct ac__timer *tm);
const struct ac__bucket *ac__timer_peek(void);
void ac__timers_expire(uint64_t now);
void ac__timers_drop(void);
void ac__timer_init(struct ac__timer *tm, void (*cb)(struct ac__timer *tm));
AC__TIMER_CB void ac__timer_queue_frame(struct ac__timer *tm);
ac_task *ac__timer_task(const struct ac__timer *tm);
void ac__timers_each(void (*fn)(ac_task *t, void *arg), void *arg);
static inline bool ac__timer_armed(const struct ac__timer *tm)
{
	return tm->next != NULL;
}
void ac__sleeper_wake(ac_task *t, int result);

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

/* ------------------------------------------------ runtime operations */
/*
 * Every frame the runtime makes (a sleep, a channel send, a file read, ...)
 * is a leaf operation that shares one contract:
 *   - its `info` is the `fn` member of an ac__op_info and AC__TASK_OP is
 *     set (ac__op_init), so the dump asks it to describe itself;
 *   - state 0 starts it (it may finish at once); it fails with
 *     AC_ECANCELED without starting when ac__cancelled(self);
 *   - an event (timer, libuv callback, another task) sets its result and
 *     queues it (which cannot fail); the loop steps it to
 *     done, so it never completes inside a callback;
 *   - its `cancel` hook, called at most once while it is pending, makes it
 *     complete soon with AC_ECANCELED (or with the result it already has).
 * I/O operations add a link in the loop's table of pending I/O (ac__io).
 */
struct ac__op_info {
	ac_fn_info fn; /* first: t->info points at it */
	/* Says what the pending operation waits for (" sleeping 10 ms"). */
	void (*describe)(FILE *out, const ac_task *t);
	/* Who its completion matters to when it has no waiter (a group's
	 * child link: the task waiting on the group); may be NULL. */
	ac_task *(*successor)(const ac_task *t);
	/* Aborts the pending operation `t` (started, not done), which then
	 * completes with AC_ECANCELED; NULL when it cannot be aborted, or
	 * when a cancellation finds it otherwise (a waiter in a list). */
	void (*cancel)(ac_task *t);
	/* For an operation that waits for other tasks (a gather): whether the
	 * wait of one of them has ended, its next step still to come
	 * (ac__chain_woken; `delivering`: only a completion that is on its
	 * way, a nested ac_wait_for queued to report its task's end); may be
	 * NULL. */
	bool (*woken)(const ac_task *t, bool delivering);
};

#define AC__OP_INFO_WOKEN(var, name, frame_type, describe_fn, cancel_fn,     \
			  woken_fn)                                          \
	const struct ac__op_info var = {                                     \
		{ name, "<runtime>", 0, 0, NULL, sizeof(frame_type) },       \
		describe_fn, NULL, cancel_fn, woken_fn                       \
	}
#define AC__OP_INFO_CANCEL(var, name, frame_type, describe_fn, cancel_fn)     \
	AC__OP_INFO_WOKEN(var, name, frame_type, describe_fn, cancel_fn, NULL)
#define AC__OP_INFO(var, name, frame_type, describe_fn)                      \
	AC__OP_INFO_CANCEL(var, name, frame_type, describe_fn, NULL)

/* The heap constructor NAME(args) of an operation whose NAME__init takes
 * the frame and the same arguments. */
#define AC__OP_NEW(name, params, ...)                                        \
	ac_task *name params                                                 \
	{                                                                    \
		struct name##__frame *F_ = ac__frame_alloc(sizeof *F_);      \
		if (!F_)                                                     \
			return NULL;                                         \
		name##__init(F_, __VA_ARGS__);                               \
		F_->hdr.flags |= AC_TASK_HEAP;                               \
		return &F_->hdr;                                             \
	}

static inline void ac__op_init(ac_task *t, ac_step_fn step,
			       const struct ac__op_info *info, void *result)
{
	ac__task_init(t, step, &info->fn, result);
	t->flags |= AC__TASK_OP;
}

/* The operation's description, or NULL for a frame of generated code. */
static inline const struct ac__op_info *ac__op_of(const ac_task *t)
{
	return (t->flags & AC__TASK_OP) ? (const struct ac__op_info *)t->info
					: NULL;
}

/* Whether the wait at the end of `t`'s chain of awaits has ended, its
 * next step still to come: a task queued by its wait's end (a send handed
 * it its item), or an operation waiting for tasks one of which is so
 * (task.c). */
bool ac__chain_woken(const ac_task *t, bool delivering);

/* Taking from the ready queue, which only the loop does (pushing is in
 * asyncc.h, for the inline channel operations). */

/* Removes the oldest ready task; the queue must not be empty. */
static inline ac_task *ac__ready_take(void)
{
	struct ac__ready *q = &ac__readyq;
	ac_task *t = q->head;
	assert(t);
	q->head = t->awaiting;
	if (!q->head)
		q->tail = NULL;
	t->awaiting = NULL;
	t->flags &= ~(AC__TASK_QUEUED | AC__TASK_WOKEN);
	return t;
}

/* Removes the oldest ready task, or returns NULL. */
static inline ac_task *ac__ready_pop(void)
{
	return ac__readyq.head ? ac__ready_take() : NULL;
}

/* A task is cancelled when it or the task waiting on it was asked to stop;
 * leaf operations check this when they start. */
static inline bool ac__cancelled(const ac_task *t)
{
	return (t->flags & AC_TASK_CANCELLED) ||
	       (t->waiter && (t->waiter->flags & AC_TASK_CANCELLED));
}

/* Completes a runtime leaf frame.  Its result is an int right after the
 * header, like all of ours, so it is stored without decoding the flags. */
static inline ac_status ac__leaf_done(ac_task *t, int result)
{
	assert(!(t->flags & AC_TASK_DONE));
	assert(!(t->flags & (AC_TASK_VOID | ~0u << AC__RESULT_SHIFT)));
	*(int *)(void *)(t + 1) = result;
	t->flags |= AC_TASK_DONE;
	return AC_DONE;
}

/* ------------------------------------------------------------ op.c */
/*
 * I/O operations.  ac__io_begin (in state 0, once the libuv request or
 * handle is about to start) links it into the loop's table of pending I/O and moves it to state 1.  The libuv
 * callback calls ac__io_end with the result, which unlinks and queues it;
 * the loop then steps it and ac__io_step completes it.  ac__io_pending says
 * whether the completion is still to come (cancel hooks use it).
 *
 * An operation that starts and completes at every message (a stream's
 * read) and that the dump can find through its object instead starts with
 * ac__io_begin_unlisted: no table entry, which would be written at every
 * start and completion, and on completion a write into another pending
 * frame (the one moved into the hole).
 */
struct ac__io {
	ac_task hdr;
	int result;
	struct ac__iolink link;
};

#define AC__IO_CHECK(T)                                                     \
	_Static_assert(offsetof(T, result) == offsetof(struct ac__io, result) && \
			       offsetof(T, link) ==                          \
				       offsetof(struct ac__io, link),        \
		       #T " must start like struct ac__io")

/* Inline: an operation frame is set up at every await.  Its result is
 * right after the header, which the flags say with no bit set. */
static inline void ac__io_init(struct ac__io *op, ac_step_fn step,
			       const struct ac__op_info *info)
{
	_Static_assert(offsetof(struct ac__io, result) == sizeof(ac_task),
		       "an I/O operation's result follows the header");
	op->hdr.step = step;
	op->hdr.info = &info->fn;
	op->hdr.waiter = NULL;
	op->hdr.awaiting = NULL;
	op->hdr.state = 0;
	op->hdr.flags = AC__TASK_OP;
	op->result = 0;
	op->link.slot = 0;
}
int ac__io_begin(struct ac__io *op);
/* link.slot of a pending operation that is not in the table. */
#define AC__IO_UNLISTED SIZE_MAX
static inline int ac__io_begin_unlisted(struct ac__io *op)
{
	assert(!op->link.slot);
	op->link.slot = AC__IO_UNLISTED;
	op->hdr.state = 1;
	return 0;
}
void ac__io_end(struct ac__io *op, int result);
ac_status ac__io_step(ac_task *self);
static inline bool ac__io_pending(const struct ac__io *op)
{
	return op->link.slot != 0;
}

/* -------------------------------------------------------- io/stream.c */
/*
 * A stream owns its libuv handle and a read buffer.  Reading runs while a
 * read is pending, and on ahead of the reads while the buffer has room
 * (so a reply is usually there when the next read starts); it stops when
 * the buffer is full, which leaves the rest in the kernel and makes the
 * peer wait: memory per stream is bounded by the buffer.  A plain read that
 * finds the buffer empty has the bytes read straight into its own buffer.
 */
#define AC__STREAM_BUF 4096u /* a pool block; grown for larger reads */

enum { AC__READ_SOME, AC__READ_EXACT, AC__READ_UNTIL };

struct ac_stream {
	union {
		uv_handle_t handle;
		uv_stream_t stream;
		uv_tcp_t tcp;
		uv_pipe_t pipe;
		uv_tty_t tty;
	} h;
	char *rbuf;         /* malloc'd on first need; bytes at rpos..+rlen */
	/* What every read and write looks at is together (with libuv's
	 * sizes of today, in one cache line, the one after the buffer
	 * pointer): a server with many connections finds a stream out of the
	 * cache at every message. */
	bool timed_out;     /* the deadline passed: reads fail */
	bool reading;       /* uv_read_start is in effect */
	bool user_buf;      /* the last allocation was the reader's buffer */
	bool closing;       /* uv_close was called */
	bool closed;        /* its close callback ran */
	bool listed;        /* in ac__L.streams */
	int error;          /* a read error or AC_EOF, once seen */
	struct ac_stream_read__frame *reader;   /* the pending read */
	size_t rlen;
	size_t rcap, rpos;
	struct ac_stream_close__frame *closer;  /* the pending close */
	void *maker;        /* the connect that makes it, until it succeeds */
	struct ac__timer deadline; /* armed while a read deadline is set */
	uint64_t deadline_armed;   /* ... for this time */
	uint64_t deadline_at;      /* the deadline; the timer may be earlier */
	struct ac_stream *prev, *next; /* in ac__L.streams */
	struct ac_stream *held_next; /* a listener's queue of connections taken
				      * ahead of the accepts (tcp.c) */
};

ac_stream *ac__stream_new(void);
/* Closes a stream nobody was given yet and frees it when libuv is done. */
void ac__stream_discard(ac_stream *s);
void ac__stream_free(ac_stream *s);
/* Closes the handle because an operation on it was cancelled: pending
 * reads and writes end with AC_ECANCELED; ac_stream_close frees it. */
void ac__stream_abort(ac_stream *s);
/* At shutdown: the streams abandoned with the loop leave its list. */
void ac__streams_forget(void);
void ac__streams_close(void);
bool ac__streams_end_reads(void);
bool ac__server_close_left(uv_handle_t *h);
bool ac__udp_close_left(uv_handle_t *h);
/* chan.c */
void ac__chans_forget(void);

/* io/tcp.c, for UDP too */
int ac__ip_addr(const char *host, int port, struct sockaddr_storage *ss);
void *ac__socket_new(const char *host, int port, const void *out,
		     struct sockaddr_storage *ss, size_t size, int *err);
int ac__reuseport(uv_handle_t *h);

/* ---------------------------------------------------------- park.c */
/*
 * Waiting in FIFO lists (struct ac__waiter in asyncc.h).  A task parks
 * through a waiter: the waiter is appended to the list, the task gets AC__TASK_PARKED and `awaiting` points at the
 * waiter.  Whoever completes the wait (a send, a release, a close, a
 * cancellation) wakes it: out of the list, result set, task queued; the
 * task then resumes in its own step, never inside somebody else's.  Once
 * woken, a waiter keeps its result even if its task is cancelled: an item
 * or permit handed to it is never lost.
 *
 * An operation made as a task of its own (struct ac_chan_send__frame, ...)
 * parks itself through its member `w` and, once woken, finishes with the
 * waiter's result (struct ac__parked, ac__parked_init).
 */
struct ac__parked {
	ac_task hdr;
	int result;
	struct ac__waiter w;
};

#define AC__PARKED_CHECK(T)                                                 \
	_Static_assert(offsetof(T, result) ==                               \
				       offsetof(struct ac__parked, result) && \
			       offsetof(T, w) ==                            \
				       offsetof(struct ac__parked, w),       \
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

static inline struct ac__waiter *ac__waiter_of(const struct ac__wait *w)
{
	return (struct ac__waiter *)(void *)w; /* link is its first member */
}

/* The oldest waiter of list `q`, which must not be empty. */
static inline struct ac__waiter *ac__waitq_first(const struct ac__waitq *q)
{
	assert(!ac__waitq_empty(q));
	return ac__waiter_of(q->head.next);
}

static inline bool ac__waiter_linked(const struct ac__waiter *w)
{
	return w->link.next != NULL;
}

/* The waiter `t` waits in a list through, or NULL. */
static inline struct ac__waiter *ac__parked(const ac_task *t)
{
	return (t->flags & AC__TASK_PARKED) ? (struct ac__waiter *)(void *)t->awaiting
					    : NULL;
}

/* A channel is on the runtime's list `chans` (through its receivers'
 * list) from ac_chan_init to ac_chan_destroy, so waiting and waking on a
 * channel (a switch between tasks) need not touch the runtime's lists.  Any
 * other list
 * (events, semaphores, mutexes, futures: objects without a destroy call)
 * joins the list `live` when it gets its first waiter, and leaves it when
 * its last waiter goes.  ac_task_dump walks both. */
static inline bool ac__wait_on_chan(int kind)
{
	return kind == AC__WAIT_SEND || kind == AC__WAIT_RECV;
}

/* The channel of `q`, an entry of the runtime's list `chans`. */
static inline const ac_chan *ac__chan_of(const struct ac__waitq *q)
{
	return (const ac_chan *)(const void *)((const char *)q -
					       offsetof(ac_chan, receivers));
}

/* Puts `q` at the front of the runtime's list `*first`. */
static inline void ac__lists_add(struct ac__waitq **first, struct ac__waitq *q)
{
	q->live_prev = NULL;
	q->live_next = *first;
	if (*first)
		(*first)->live_prev = q;
	*first = q;
}

/* Takes `q` off the runtime's list `*first`. */
static inline void ac__lists_remove(struct ac__waitq **first,
				    struct ac__waitq *q)
{
	if (q->live_prev)
		q->live_prev->live_next = q->live_next;
	else
		*first = q->live_next;
	if (q->live_next)
		q->live_next->live_prev = q->live_prev;
	q->live_prev = q->live_next = NULL;
}

/* `self` waits for `kind` on `obj` through `w`, appended to list `q`.
 * Inline, like ac__wake: every switch between tasks through a channel does
 * both. */
static inline void ac__park(ac_task *self, struct ac__waiter *w,
			    struct ac__waitq *q, int kind, void *obj)
{
	if (!ac__wait_on_chan(kind) && ac__waitq_empty(q))
		ac__lists_add(&ac__L.live, q);
	ac__waitq_append(q, w);
	ac__waiter_park(self, w, kind, obj);
}

/* Takes `w` out of its list with `result` and queues its task. */
static inline void ac__wake(struct ac__waiter *w, int result)
{
	struct ac__wait *l = &w->link;
	assert(ac__waiter_linked(w) && ac__parked(w->task) == w);
	if (l->prev == l->next && !ac__wait_on_chan(w->kind))
		ac__lists_remove(&ac__L.live, (struct ac__waitq *)(void *)l->prev);
	ac__waitq_remove(w);
	ac__waiter_wake(w, result);
}
void ac__wake_all(struct ac__waitq *q, int result);
size_t ac__waitq_len(const struct ac__waitq *q);
const char *ac__wait_name(int kind);
void ac__waiter_describe(FILE *out, const struct ac__waiter *w);
void ac__parked_init(struct ac__parked *p, ac_step_fn step,
		     const struct ac__op_info *info, int kind, void *obj);
ac_status ac__parked_start(ac_task *self, int parked);
void ac__parked_describe(FILE *out, const ac_task *t);

/* ---------------------------------------------------------- debug.c */
/* Run-time debugging (ASYNCC_DEBUG; docs/debugging.md).  Per thread, like
 * the loop: read when the loop is set up, reset by ac_runtime_shutdown. */
struct ac__debug {
	bool on;             /* ASYNCC_DEBUG is set */
	bool quit_open;      /* `quit` is initialized and not yet closed */
	uint64_t slow_ms;    /* report steps longer than this */
	uint64_t start;      /* real clock (ms) when the loop was set up */
	uv_signal_t quit;    /* SIGQUIT: ac_task_dump(stderr) */
	struct ac__unstarted *unstarted; /* kinds of tasks never started */
	size_t n_unstarted, cap_unstarted;
	struct ac__tracked *tracked; /* hash table of the heap tasks async */
	size_t n_tracked, cap_tracked; /* functions made, until freed */
};
extern _Thread_local struct ac__debug ac__D;

void ac__debug_init(uv_loop_t *loop);
void ac__debug_close(void);
void ac__debug_shutdown(void);
uint64_t ac__debug_since_start(uint64_t t);
ac_status ac__debug_step(ac_task *t);
bool ac__debug_slow(uint64_t ns);
void ac__debug_unstarted(const ac_task *owner, const ac_task *t);
void ac__debug_adopt(const ac_task *owner, ac_task *t);
void ac__debug_forget(ac_task *t);
void ac__debug_report_unstarted(void);
/* dump.c: the .ca line a task of `fi` at `state` resumes at */
int ac__fn_line(const ac_fn_info *fi, int state);
/* error.c: `self` awaits `t`, which another task awaits: reported, abort() */
__attribute__((__noreturn__, __cold__)) void ac__await_twice(const ac_task *self,
							 const ac_task *t);
/* error.c: ac_task_free of a running task: reported, abort() */
__attribute__((__noreturn__, __cold__)) void ac__free_running(const ac_task *t);

#endif /* ASYNCC_INTERNAL_H */
