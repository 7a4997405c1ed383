/*
 * future.c - completion sources: an awaitable that plain C code completes.
 *
 * A future is a wait list (park.c) plus a result.  ac_future_set wakes the
 * waiters at once; ac_future_set_threadsafe, called from another thread,
 * links the future onto its loop's list under a mutex and wakes the loop
 * through one uv_async_t per loop, whose callback sets them.  The async
 * handle is referenced only while a task waits on some future, so a loop
 * with nothing else to do and no such wait still reports AC_EDEADLK.  On
 * the virtual clock such a wait does not keep time still (loop.c): a
 * future is set by a task, which may need a timer to fire first, or by
 * another thread, whose time is not the loop's.
 */
#include "asyncc-internal.h"

#include <stdatomic.h>

AC__PARKED_CHECK(struct ac_future_wait__frame);

_Thread_local struct ac__futures ac__F = { PTHREAD_MUTEX_INITIALIZER, false, NULL, NULL, 0 };

/* Numbers every loop futures were made on, in any thread: a future of a
 * loop shut down never matches a later one (a thread's ac__F may even be
 * another thread's, reused, once the first has exited). */
static atomic_ulong ac__futures_epochs;

/* Does `f` belong to the running loop of its thread?  (Under the lock.) */
static bool ac__future_live(const ac_future *f, const struct ac__futures *F)
{
	return F->ready && f->epoch == F->epoch;
}

/* Delivers the completions other threads posted. */
static void ac__futures_cb(uv_async_t *h)
{
	(void)h;
	pthread_mutex_lock(&ac__F.lock);
	ac_future *f = ac__F.set;
	ac__F.set = NULL;
	pthread_mutex_unlock(&ac__F.lock);
	while (f) {
		ac_future *next = f->next_set;
		f->next_set = NULL;
		f->done = 1;
		ac__wake_all(&f->waiters, f->result);
		f = next;
	}
}

/* The loop's async handle, made on first use. */
static int ac__futures_ensure(void)
{
	int rc = ac__loop_ensure();
	if (rc < 0 || ac__F.ready)
		return rc;
	rc = uv_async_init(&ac__L.uv, &ac__L.futures_async, ac__futures_cb);
	if (rc < 0)
		return rc;
	uv_unref((uv_handle_t *)&ac__L.futures_async);
	pthread_mutex_lock(&ac__F.lock);
	ac__F.async = &ac__L.futures_async;
	ac__F.ready = true;
	ac__F.epoch = atomic_fetch_add(&ac__futures_epochs, 1) + 1;
	pthread_mutex_unlock(&ac__F.lock);
	return 0;
}

/* Shutdown: the async handle goes with the loop; completions posted from
 * then on are refused, and those not delivered are dropped. */
void ac__futures_close(void)
{
	if (!ac__F.ready)
		return;
	pthread_mutex_lock(&ac__F.lock);
	ac__F.ready = false;
	ac__F.set = NULL;
	uv_close((uv_handle_t *)&ac__L.futures_async, NULL);
	pthread_mutex_unlock(&ac__F.lock);
}

/* A future that failed to init has epoch 0, which no loop has (they
 * count from 1): setting it and waiting on it yield AC_ECANCELED, as for
 * a future whose loop was shut down. */
int ac_future_init(ac_future *f)
{
	if (!f)
		return AC_EINVAL;
	ac__waitq_init(&f->waiters);
	f->done = 0;
	f->posted = 0;
	f->result = 0;
	f->next_set = NULL;
	f->loop = &ac__F;
	f->epoch = 0;
	int rc = ac__futures_ensure();
	if (rc < 0)
		return rc;
	f->epoch = ac__F.epoch;
	return 0;
}

int ac_future_set(ac_future *f, int result)
{
	assert(f->loop == &ac__F); /* from the loop's own thread */
	pthread_mutex_lock(&ac__F.lock);
	bool live = ac__future_live(f, &ac__F);
	int posted = f->posted;
	if (live)
		f->posted = 1;
	pthread_mutex_unlock(&ac__F.lock);
	if (!live)
		return AC_ECANCELED; /* its loop was shut down */
	if (posted)
		return AC_EBUSY;
	f->done = 1;
	f->result = result;
	ac__wake_all(&f->waiters, result);
	return 0;
}

/* Only the loop's thread touches `done`; `posted` (under the mutex) refuses
 * a second completion from any thread. */
int ac_future_set_threadsafe(ac_future *f, int result)
{
	struct ac__futures *F = f->loop;
	pthread_mutex_lock(&F->lock);
	int rc = 0;
	if (f->posted)
		rc = AC_EBUSY;
	else if (!ac__future_live(f, F))
		rc = AC_ECANCELED; /* its loop was shut down: nobody would hear */
	if (rc < 0) {
		pthread_mutex_unlock(&F->lock);
		return rc;
	}
	f->posted = 1;
	f->result = result;
	f->next_set = F->set;
	F->set = f;
	/* under the lock: the loop cannot close the handle meanwhile */
	rc = uv_async_send(F->async);
	pthread_mutex_unlock(&F->lock);
	return rc;
}

int ac_future_done(const ac_future *f)
{
	return f->done;
}

static void ac__future_waits(int delta)
{
	ac__L.future_waits += (size_t)delta;
	if (ac__L.future_waits == 0)
		uv_unref((uv_handle_t *)&ac__L.futures_async);
	else
		uv_ref((uv_handle_t *)&ac__L.futures_async);
}

void ac__future_waits_ref(bool on)
{
	if (ac__L.future_waits == 0)
		return;
	if (on)
		uv_ref((uv_handle_t *)&ac__L.futures_async);
	else
		uv_unref((uv_handle_t *)&ac__L.futures_async);
}

/* state 1: woken (or cancelled) */
static ac_status ac__future_woken(ac_task *self)
{
	struct ac_future_wait__frame *F = (struct ac_future_wait__frame *)self;
	assert(!ac__waiter_linked(&F->w));
	ac__future_waits(-1);
	return ac__leaf_done(self, F->w.result);
}

static ac_status ac__future_wait_step(ac_task *self)
{
	struct ac_future_wait__frame *F = (struct ac_future_wait__frame *)self;
	ac_future *f = F->w.obj;
	if (ac__cancelled(self) || f->epoch != ac__F.epoch || !ac__F.ready)
		return ac__leaf_done(self, AC_ECANCELED); /* (or made on a loop gone) */
	if (f->done)
		return ac__leaf_done(self, f->result);
	ac__park(self, &F->w, &f->waiters, AC__WAIT_FUTURE, f);
	self->step = ac__future_woken;
	self->state = 1;
	ac__future_waits(+1);
	return AC_PENDING;
}

static AC__OP_INFO(ac__future_wait_info, "ac_future_wait",
		   struct ac_future_wait__frame, ac__parked_describe);

void ac_future_wait__init(struct ac_future_wait__frame *F, ac_future *f)
{
	ac__parked_init((struct ac__parked *)F, ac__future_wait_step,
			&ac__future_wait_info, AC__WAIT_FUTURE, f);
}

AC__OP_NEW(ac_future_wait, (ac_future *f), f)
