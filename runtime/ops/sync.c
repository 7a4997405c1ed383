/*
 * sync.c - events, semaphores and mutexes between tasks.
 *
 * Each keeps a FIFO list of parked frames (park.c).  Invariant: tasks wait
 * on a semaphore only while no permit is free (count == 0), and on a mutex
 * only while it is locked; a release or unlock with waiters hands the
 * permit or the lock to the oldest of them instead of freeing it, so no
 * task that arrives later can take it first, and a waiter cancelled after
 * it was handed the permit still reports 0 and holds it.
 */
#include "asyncc-internal.h"

/* What a waiter of an event, semaphore or mutex shows in the task dump. */
static void ac__sync_describe(FILE *out, const ac_task *t, const char *what,
			      const void *obj)
{
	if (ac__parked_linked((const struct ac__parked *)t))
		fprintf(out, " %s %p", what, obj);
	else
		fprintf(out, " %s: done, queued", what);
}

AC__PARKED_CHECK(struct ac_event_wait__frame);
AC__PARKED_CHECK(struct ac_sem_acquire__frame);
AC__PARKED_CHECK(struct ac_mutex_lock__frame);

/* The common shape of the three operations' frames: state 0 either
 * completes at once or parks in `q`. */
static ac_status ac__wait_or_park(ac_task *self, bool ready,
				  struct ac__waitq *q)
{
	if (ac__cancelled(self))
		return ac__leaf_done(self, AC_ECANCELED);
	if (ready)
		return ac__leaf_done(self, 0);
	int rc = ac__park((struct ac__parked *)self, q);
	return rc < 0 ? ac__leaf_done(self, rc) : AC_PENDING;
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
	ac__unpark_all(&e->waiters, 0);
}

void ac_event_clear(ac_event *e)
{
	e->set = 0;
}

int ac_event_is_set(const ac_event *e)
{
	return e->set;
}

static ac_status ac__event_wait_step(ac_task *self)
{
	struct ac_event_wait__frame *F = (struct ac_event_wait__frame *)self;
	assert(!F->e->set || ac__waitq_empty(&F->e->waiters));
	return ac__wait_or_park(self, F->e->set, &F->e->waiters);
}

static void ac__event_wait_describe(FILE *out, const ac_task *t)
{
	ac__sync_describe(out, t, "waiting for event",
			  ((const struct ac_event_wait__frame *)t)->e);
}

AC__OP_INFO(ac__event_wait_info, "ac_event_wait", struct ac_event_wait__frame,
	    ac__event_wait_describe);

void ac_event_wait__init(struct ac_event_wait__frame *F, ac_event *e)
{
	ac__parked_init((struct ac__parked *)F, ac__event_wait_step,
			&ac__event_wait_info);
	F->e = e;
}

ac_task *ac_event_wait(ac_event *e)
{
	struct ac_event_wait__frame *F = ac__frame_alloc(sizeof *F);
	if (!F)
		return NULL;
	ac_event_wait__init(F, e);
	F->hdr.flags |= AC_TASK_HEAP;
	return &F->hdr;
}

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
	ac__unpark(ac__waitq_first(&s->waiters), 0);
}

static ac_status ac__sem_acquire_step(ac_task *self)
{
	struct ac_sem_acquire__frame *F = (struct ac_sem_acquire__frame *)self;
	ac_sem *s = F->s;
	assert(s->count == 0 || ac__waitq_empty(&s->waiters));
	bool got = !ac__cancelled(self) && ac_sem_try_acquire(s) == 0;
	return ac__wait_or_park(self, got, &s->waiters);
}

static void ac__sem_acquire_describe(FILE *out, const ac_task *t)
{
	ac__sync_describe(out, t, "acquiring semaphore",
			  ((const struct ac_sem_acquire__frame *)t)->s);
}

AC__OP_INFO(ac__sem_acquire_info, "ac_sem_acquire", struct ac_sem_acquire__frame,
	    ac__sem_acquire_describe);

void ac_sem_acquire__init(struct ac_sem_acquire__frame *F, ac_sem *s)
{
	ac__parked_init((struct ac__parked *)F, ac__sem_acquire_step,
			&ac__sem_acquire_info);
	F->s = s;
}

ac_task *ac_sem_acquire(ac_sem *s)
{
	struct ac_sem_acquire__frame *F = ac__frame_alloc(sizeof *F);
	if (!F)
		return NULL;
	ac_sem_acquire__init(F, s);
	F->hdr.flags |= AC_TASK_HEAP;
	return &F->hdr;
}

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
		ac__unpark(ac__waitq_first(&m->waiters), 0); /* stays locked */
}

static ac_status ac__mutex_lock_step(ac_task *self)
{
	struct ac_mutex_lock__frame *F = (struct ac_mutex_lock__frame *)self;
	ac_mutex *m = F->m;
	assert(m->locked || ac__waitq_empty(&m->waiters));
	bool got = !ac__cancelled(self) && ac_mutex_trylock(m) == 0;
	return ac__wait_or_park(self, got, &m->waiters);
}

static void ac__mutex_lock_describe(FILE *out, const ac_task *t)
{
	ac__sync_describe(out, t, "locking mutex",
			  ((const struct ac_mutex_lock__frame *)t)->m);
}

AC__OP_INFO(ac__mutex_lock_info, "ac_mutex_lock", struct ac_mutex_lock__frame,
	    ac__mutex_lock_describe);

void ac_mutex_lock__init(struct ac_mutex_lock__frame *F, ac_mutex *m)
{
	ac__parked_init((struct ac__parked *)F, ac__mutex_lock_step,
			&ac__mutex_lock_info);
	F->m = m;
}

ac_task *ac_mutex_lock(ac_mutex *m)
{
	struct ac_mutex_lock__frame *F = ac__frame_alloc(sizeof *F);
	if (!F)
		return NULL;
	ac_mutex_lock__init(F, m);
	F->hdr.flags |= AC_TASK_HEAP;
	return &F->hdr;
}
