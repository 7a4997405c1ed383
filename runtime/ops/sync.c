/*
 * sync.c - events, semaphores and mutexes between tasks.
 *
 * Each keeps a FIFO list of waiting tasks (park.c).  Invariant: tasks wait
 * on a semaphore only while no permit is free (count == 0), and on a mutex
 * only while it is locked; a release or unlock with waiters hands the
 * permit or the lock to the oldest of them instead of freeing it, so no
 * task that arrives later can take it first, and a waiter cancelled after
 * it was handed the permit still reports 0 and holds it.
 */
#include "asyncc-internal.h"

AC__PARKED_CHECK(struct ac_event_wait__frame);
AC__PARKED_CHECK(struct ac_sem_acquire__frame);
AC__PARKED_CHECK(struct ac_mutex_lock__frame);

/* The common shape of the three waits: `self` has what it waits for
 * (`ready`), or waits in `q` through `w`.  1: waits; 0: done. */
static int ac__wait_or_park(ac_task *self, struct ac__waiter *w, bool ready,
			    struct ac__waitq *q, int kind, void *obj)
{
	if (self->flags & AC_TASK_CANCELLED) {
		w->result = AC_ECANCELED;
		return 0;
	}
	if (ready) {
		w->result = 0;
		return 0;
	}
	ac__park(self, w, q, kind, obj);
	return 1;
}

/* State 0 of the three operation frames. */
static ac_status ac__sync_step(ac_task *self,
			       int (*begin)(ac_task *, struct ac__waiter *, void *))
{
	struct ac__parked *p = (struct ac__parked *)self;
	if (ac__cancelled(self))
		return ac__leaf_done(self, AC_ECANCELED);
	return ac__parked_start(self, begin(self, &p->w, p->w.obj));
}

/* ---------------------------------------------------------------- event */

int ac_event_init(ac_event *e)
{
	if (!e)
		return AC_EINVAL;
	ac__waitq_init(&e->waiters);
	e->set = 0;
	return 0;
}

void ac_event_set(ac_event *e)
{
	e->set = 1;
	ac__wake_all(&e->waiters, 0);
}

void ac_event_clear(ac_event *e)
{
	e->set = 0;
}

int ac_event_is_set(const ac_event *e)
{
	return e->set;
}

int ac__event_wait_begin(ac_task *self, struct ac__waiter *w, ac_event *e)
{
	assert(!e->set || ac__waitq_empty(&e->waiters));
	return ac__wait_or_park(self, w, e->set, &e->waiters, AC__WAIT_EVENT, e);
}

static int ac__event_wait_begin_obj(ac_task *self, struct ac__waiter *w, void *e)
{
	return ac__event_wait_begin(self, w, e);
}

static ac_status ac__event_wait_step(ac_task *self)
{
	return ac__sync_step(self, ac__event_wait_begin_obj);
}

AC__OP_INFO(ac__event_wait_info, "ac_event_wait", struct ac_event_wait__frame,
	    ac__parked_describe);

void ac_event_wait__init(struct ac_event_wait__frame *F, ac_event *e)
{
	ac__parked_init((struct ac__parked *)F, ac__event_wait_step,
			&ac__event_wait_info, AC__WAIT_EVENT, e);
}

AC__OP_NEW(ac_event_wait, (ac_event *e), e)

/* ------------------------------------------------------------ semaphore */

int ac_sem_init(ac_sem *s, size_t count)
{
	if (!s)
		return AC_EINVAL;
	ac__waitq_init(&s->waiters);
	s->count = count;
	return 0;
}

int ac_sem_try_acquire(ac_sem *s)
{
	if (s->count == 0)
		return AC_EBUSY;
	s->count--;
	return 0;
}

void ac_sem_release(ac_sem *s)
{
	if (ac__waitq_empty(&s->waiters)) {
		s->count++;
		return;
	}
	assert(s->count == 0);
	ac__wake(ac__waitq_first(&s->waiters), 0);
}

int ac__sem_acquire_begin(ac_task *self, struct ac__waiter *w, ac_sem *s)
{
	assert(s->count == 0 || ac__waitq_empty(&s->waiters));
	bool got = !(self->flags & AC_TASK_CANCELLED) && ac_sem_try_acquire(s) == 0;
	return ac__wait_or_park(self, w, got, &s->waiters, AC__WAIT_SEM, s);
}

static int ac__sem_acquire_begin_obj(ac_task *self, struct ac__waiter *w, void *s)
{
	return ac__sem_acquire_begin(self, w, s);
}

static ac_status ac__sem_acquire_step(ac_task *self)
{
	return ac__sync_step(self, ac__sem_acquire_begin_obj);
}

AC__OP_INFO(ac__sem_acquire_info, "ac_sem_acquire", struct ac_sem_acquire__frame,
	    ac__parked_describe);

void ac_sem_acquire__init(struct ac_sem_acquire__frame *F, ac_sem *s)
{
	ac__parked_init((struct ac__parked *)F, ac__sem_acquire_step,
			&ac__sem_acquire_info, AC__WAIT_SEM, s);
}

AC__OP_NEW(ac_sem_acquire, (ac_sem *s), s)

/* ---------------------------------------------------------------- mutex */

int ac_mutex_init(ac_mutex *m)
{
	if (!m)
		return AC_EINVAL;
	ac__waitq_init(&m->waiters);
	m->locked = 0;
	return 0;
}

int ac_mutex_trylock(ac_mutex *m)
{
	if (m->locked)
		return AC_EBUSY;
	m->locked = 1;
	return 0;
}

void ac_mutex_unlock(ac_mutex *m)
{
	assert(m->locked);
	if (ac__waitq_empty(&m->waiters))
		m->locked = 0;
	else
		ac__wake(ac__waitq_first(&m->waiters), 0); /* stays locked */
}

int ac__mutex_lock_begin(ac_task *self, struct ac__waiter *w, ac_mutex *m)
{
	assert(m->locked || ac__waitq_empty(&m->waiters));
	bool got = !(self->flags & AC_TASK_CANCELLED) && ac_mutex_trylock(m) == 0;
	return ac__wait_or_park(self, w, got, &m->waiters, AC__WAIT_MUTEX, m);
}

static int ac__mutex_lock_begin_obj(ac_task *self, struct ac__waiter *w, void *m)
{
	return ac__mutex_lock_begin(self, w, m);
}

static ac_status ac__mutex_lock_step(ac_task *self)
{
	return ac__sync_step(self, ac__mutex_lock_begin_obj);
}

AC__OP_INFO(ac__mutex_lock_info, "ac_mutex_lock", struct ac_mutex_lock__frame,
	    ac__parked_describe);

void ac_mutex_lock__init(struct ac_mutex_lock__frame *F, ac_mutex *m)
{
	ac__parked_init((struct ac__parked *)F, ac__mutex_lock_step,
			&ac__mutex_lock_info, AC__WAIT_MUTEX, m);
}

AC__OP_NEW(ac_mutex_lock, (ac_mutex *m), m)
