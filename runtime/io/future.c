/*
 * future.c - completion sources: an awaitable that plain C code completes.
 *
 * A future is a wait list (park.c) plus a result.  ac_future_set wakes the
 * waiters at once; ac_future_set_threadsafe, called from another thread,
 * links the future onto its loop's list under a mutex and wakes the loop
 * through one uv_async_t per loop, whose callback sets them.  The async
 * handle is referenced only while a task waits on some future, so a loop
 * with nothing else to do and no such wait still reports AC_EDEADLK.
 */
#include "asyncc-internal.h"

AC__PARKED_CHECK(struct ac_future_wait__frame);

/* Delivers the completions other threads posted. */
static void ac__futures_cb(uv_async_t *h)
{
	(void)h;
	uv_mutex_lock(&ac__L.futures_lock);
	ac_future *f = ac__L.futures_set;
	ac__L.futures_set = NULL;
	uv_mutex_unlock(&ac__L.futures_lock);
	while (f) {
		ac_future *next = f->next_set;
		f->next_set = NULL;
		f->done = 1;
		ac__wake_all(&f->waiters, f->result);
		f = next;
	}
}

/* The loop's mutex and async handle, made on first use. */
static int ac__futures_ensure(void)
{
	int rc = ac__loop_ensure();
	if (rc < 0 || ac__L.futures_ready)
		return rc;
	if ((rc = uv_mutex_init(&ac__L.futures_lock)) < 0)
		return rc;
	rc = uv_async_init(&ac__L.uv, &ac__L.futures_async, ac__futures_cb);
	if (rc < 0) {
		uv_mutex_destroy(&ac__L.futures_lock);
		return rc;
	}
	uv_unref((uv_handle_t *)&ac__L.futures_async);
	ac__L.futures_ready = true;
	return 0;
}

/* Shutdown: the async handle goes with the loop. */
void ac__futures_close(void)
{
	if (!ac__L.futures_ready)
		return;
	uv_close((uv_handle_t *)&ac__L.futures_async, NULL);
	uv_mutex_destroy(&ac__L.futures_lock);
	ac__L.futures_ready = false;
}

int ac_future_init(ac_future *f)
{
	if (!f)
		return AC_EINVAL;
	int rc = ac__futures_ensure();
	if (rc < 0)
		return rc;
	ac__waitq_init(&f->waiters);
	f->done = 0;
	f->posted = 0;
	f->result = 0;
	f->next_set = NULL;
	f->loop = &ac__L;
	return 0;
}

int ac_future_set(ac_future *f, int result)
{
	assert(f->loop == &ac__L); /* from the loop's own thread */
	uv_mutex_lock(&ac__L.futures_lock);
	int posted = f->posted;
	f->posted = 1;
	uv_mutex_unlock(&ac__L.futures_lock);
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
	struct ac__loop *L = f->loop;
	uv_mutex_lock(&L->futures_lock);
	if (f->posted) {
		uv_mutex_unlock(&L->futures_lock);
		return AC_EBUSY;
	}
	f->posted = 1;
	f->result = result;
	f->next_set = L->futures_set;
	L->futures_set = f;
	uv_mutex_unlock(&L->futures_lock);
	return uv_async_send(&L->futures_async);
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
	if (ac__cancelled(self))
		return ac__leaf_done(self, AC_ECANCELED);
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
