/*
 * loop.c - the event loop: ac_run, shutdown.
 *
 * ac_run drives rounds.  A round steps the tasks that were ready when it
 * began (FIFO), then moves the waiters of expired timers onto the ready
 * queue.  When nothing is ready the loop sleeps in libuv until the next
 * deadline or I/O event, or, with the virtual clock and no I/O pending,
 * jumps the clock straight to the next deadline.
 */
#include "asyncc-internal.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>

_Thread_local struct ac__loop ac__L;
__thread struct ac__ready ac__readyq; /* asyncc.h: inline pushes */

/* The uv timer only wakes uv_run; ac_run itself fires the expired timers.
 * uv_stop keeps uv_run from then blocking on unrelated I/O. */
static void ac__wake_cb(uv_timer_t *h)
{
	uv_stop(h->loop);
}

/* A write to a connection the peer closed must fail with UV_EPIPE, not kill
 * the program: SIGPIPE is ignored unless the program chose a handler. */
static void ac__ignore_sigpipe(void)
{
	struct sigaction sa;
	if (sigaction(SIGPIPE, NULL, &sa) == 0 && sa.sa_handler == SIG_DFL) {
		sa.sa_handler = SIG_IGN;
		sigaction(SIGPIPE, &sa, NULL);
	}
}

/* Creates the private uv loop on first use. */
int ac__loop_ensure(void)
{
	if (ac__L.initialized)
		return 0;
	int rc = uv_loop_init(&ac__L.uv);
	if (rc < 0)
		return rc;
	rc = uv_timer_init(&ac__L.uv, &ac__L.wake);
	if (rc < 0) {
		uv_loop_close(&ac__L.uv);
		return rc;
	}
	ac__L.initialized = true;
	ac__ignore_sigpipe();
	ac__debug_init(&ac__L.uv);
	return 0;
}

struct uv_loop_s *ac_loop_get(void)
{
	return ac__loop_ensure() < 0 ? NULL : &ac__L.uv;
}

/* Current time in ms on the loop's clock. */
uint64_t ac_now(void)
{
	return ac__L.virtual_clock ? ac__L.vnow : ac__clock_real();
}

/* Switching clocks with timers pending would reorder them: refused. */
int ac_clock_virtual(int on)
{
	if (ac__L.heap_len > 0 && (on != 0) != ac__L.virtual_clock)
		return AC_EBUSY;
	if (on && !ac__L.virtual_clock)
		ac__L.vnow = 0;
	ac__L.virtual_clock = on != 0;
	return 0;
}

/* Virtual clock: does libuv have work that keeps time still?  Waits for
 * a future or a signal do not: what completes them comes from outside the
 * tasks' time (a task after a sleep, another thread, another process). */
static bool ac__io_holds_time(void)
{
	ac__future_waits_ref(false);
	ac__signal_waits_ref(false);
	bool alive = uv_loop_alive(&ac__L.uv);
	ac__future_waits_ref(true);
	ac__signal_waits_ref(true);
	return alive;
}

/* Waits for something to happen when no task is ready.  Returns 0, or
 * AC_EDEADLK when no timer, no I/O and no ready task is left. */
static int ac__loop_wait(void)
{
	const struct ac__bucket *top = ac__timer_peek();
	bool io = uv_loop_alive(&ac__L.uv);
	if (!top && !io)
		return AC_EDEADLK;
	if (ac__L.virtual_clock && top && (!io || !ac__io_holds_time())) {
		/* Nothing real to wait for: completions and signals already
		 * there go first, else the next deadline is "now". */
		if (io) {
			uv_run(&ac__L.uv, UV_RUN_NOWAIT);
			if (ac__readyq.head)
				return 0;
		}
		if (top->deadline > ac__L.vnow)
			ac__L.vnow = top->deadline;
		return 0;
	}
	if (top && !ac__L.virtual_clock) {
		uint64_t now = ac__clock_real();
		if (top->deadline <= now)
			return 0;
		uv_update_time(&ac__L.uv);
		uv_timer_start(&ac__L.wake, ac__wake_cb, top->deadline - now, 0);
	}
	ac__L.io_direct = true;
	uv_run(&ac__L.uv, UV_RUN_ONCE);
	ac__L.io_direct = false;
	uv_timer_stop(&ac__L.wake);
	return 0;
}

/* One round; see the file comment.  Stops early once `root` is done. */
static int ac__loop_round(ac_task *root)
{
	ac__run_ready(root);
	if (root->flags & AC_TASK_DONE)
		return 0;
	if (ac__L.heap_len > 0) /* reading the clock costs: only if needed */
		ac__timers_expire(ac_now());
	if (ac__readyq.head) {
		/* Tasks are ready: poll I/O without blocking so that busy tasks
		 * cannot starve it. */
		if (uv_loop_alive(&ac__L.uv))
			uv_run(&ac__L.uv, UV_RUN_NOWAIT);
		return 0;
	}
	return ac__loop_wait();
}

int ac_run(ac_task *t)
{
	if (!t)
		return AC_EINVAL;
	if (ac__L.running)
		return AC_EBUSY;
	int rc = ac__loop_ensure();
	if (rc < 0)
		return rc;
	const char *v = getenv("ASYNCC_VIRTUAL_CLOCK");
	if (v && *v && strcmp(v, "0"))
		ac_clock_virtual(1); /* tests run programs on the virtual clock */
	ac__L.running = true;
	if (!(t->flags & AC_TASK_STARTED)) {
		t->flags |= AC_TASK_STARTED;
		ac__run_chain(t);
	}
	while (rc == 0 && !(t->flags & AC_TASK_DONE))
		rc = ac__loop_round(t);
	ac__L.running = false;
	return rc;
}

/* What the program left open: the streams first (a TCP handle that is not
 * one is a listener), then listeners and UDP sockets. */
static void ac__close_left(uv_handle_t *h, void *arg)
{
	(void)arg;
	if (uv_is_closing(h))
		return;
	if (h->type == UV_TCP)
		ac__server_close_left(h);
	else if (h->type == UV_UDP)
		ac__udp_close_left(h);
}

/* Closes the uv loop, and what the program left open on it; returns
 * AC_EBUSY if foreign handles keep it open. */
static int ac__loop_close(void)
{
	ac__streams_close();
	uv_walk(&ac__L.uv, ac__close_left, NULL);
	ac__futures_close();
	ac__debug_close();
	uv_close((uv_handle_t *)&ac__L.wake, NULL);
	uv_run(&ac__L.uv, UV_RUN_NOWAIT);
	return uv_loop_close(&ac__L.uv) < 0 ? AC_EBUSY : 0;
}

/* Does a task still wait in a list (a channel, event, semaphore, mutex,
 * future, group)? */
static bool ac__tasks_parked(void)
{
	if (ac__L.live) /* the lists other than channels' while they have waiters */
		return true;
	for (const struct ac__waitq *q = ac__L.chans; q; q = q->live_next)
		if (!ac__waitq_empty(q) || !ac__waitq_empty(&ac__chan_of(q)->senders))
			return true;
	return false;
}

/*
 * Pending I/O is abandoned, but libuv must be done with it before its loop
 * goes: a pool thread would post its completion to a loop that is gone, a
 * signal's handler would write to it.  Each operation is cancelled (its
 * completion then only queues its task, which is never stepped), and the
 * loop runs until the last has ended; work already running on a pool
 * thread cannot be stopped and is waited for.
 */
static void ac__io_abandon(void)
{
	/* From the end: one that ends moves the last, already seen, into
	 * its place */
	for (size_t i = ac__L.io_count; i > 0; i--)
		if (i <= ac__L.io_count &&
		    !(ac__L.io_live[i - 1]->hdr.flags & AC_TASK_CANCELLED))
			ac_task_cancel(&ac__L.io_live[i - 1]->hdr);
	while (ac__L.io_count > 0)
		uv_run(&ac__L.uv, UV_RUN_ONCE);
}

/* The tasks queued to run again are abandoned; the heap task one is, or
 * whose frame holds it (a read in a spawned reader), is freed with them
 * when nobody awaits or owns it (spawned, or let go by main's return).
 * Each is marked SEEN first, as several may share one, and freed last. */
static void ac__ready_abandon(void)
{
	const unsigned alone = AC_TASK_HEAP | AC_TASK_DETACHED;
	ac_task *t, *dead = NULL;
	while ((t = ac__ready_pop())) {
		while (!(t->flags & AC_TASK_HEAP) && t->waiter)
			t = t->waiter; /* (an embedded frame's waiter holds it) */
		if ((t->flags & (alone | AC__TASK_OWNED | AC_TASK_OWNS | AC__TASK_SEEN)) ==
			    alone && !t->waiter) {
			t->flags |= AC__TASK_SEEN;
			t->awaiting = dead; /* (the chain of the dead) */
			dead = t;
		}
	}
	while (dead) {
		t = dead;
		dead = t->awaiting;
		t->flags &= ~AC__TASK_SEEN;
		ac__task_release(t);
	}
}

/* A task waiting for a timer (a sleep, a deadline) is abandoned like one
 * queued to run again: it is queued, so that ac__ready_abandon frees it
 * with those when nobody awaits or owns it (a task spawned from plain C,
 * or detached, still sleeping when main returned). */
static void ac__timer_abandon(ac_task *t, void *arg)
{
	(void)arg;
	if (!(t->flags & (AC__TASK_QUEUED | AC__TASK_PARKED)))
		ac__ready_push(t);
}

int ac_runtime_shutdown(void)
{
	if (ac__L.running)
		return AC_EBUSY;
	int rc = 0;
	if (ac__readyq.head || ac__L.heap_len > 0 || ac__L.io_count > 0 || ac__tasks_parked())
		rc = AC_EBUSY; /* pending tasks are abandoned */
	if (ac__L.initialized && ac__streams_end_reads())
		rc = AC_EBUSY;
	if (ac__L.initialized)
		ac__io_abandon();
	ac__timers_each(ac__timer_abandon, NULL);
	ac__timers_drop(); /* before their frames go */
	ac__ready_abandon();
	ac__owners_drop();
	free(ac__L.io_live); /* pending I/O is abandoned with its loop */
	if (ac__L.initialized && ac__loop_close() < 0)
		rc = AC_EBUSY;
	ac__streams_forget();
	ac__chans_forget(); /* before the pool goes: frames may hold channels */
	ac__pool_release();
	ac__debug_shutdown();
	memset(&ac__L, 0, sizeof ac__L);
	memset(&ac__readyq, 0, sizeof ac__readyq);
	return rc;
}
