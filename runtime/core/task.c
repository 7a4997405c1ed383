/*
 * task.c - resumption, await, ownership, cancellation, spawn and detach.
 *
 * Invariant that keeps resumption simple: a task gets AC_TASK_DONE only while
 * it is being stepped, and when a task stepped by the loop finishes, its
 * waiter is resumed at once.  Leaf operations therefore never complete
 * inside another task's step; their event queues the leaf (or, for I/O in
 * the loop's idle poll, steps it from the loop: op.c), and it is stepped
 * to done.  So each completion resumes its waiter exactly once, and a
 * gather cannot see a child "done" whose resumption is still to come.
 */
#include "asyncc-internal.h"

#include <stdlib.h>

/* Frees a heap frame; stack frames belong to their caller. */
void ac__task_release(ac_task *t)
{
	assert(!(t->flags & AC__TASK_OWNED));
	if (t->flags & AC__TASK_TRACKED)
		ac__debug_forget(t);
	if (t->flags & AC_TASK_HEAP)
		ac__frame_free(t, t->info->frame_size);
}

/* Steps `t` as the task the loop is running (for dumps and owners).
 * `timed`: through ac__debug_step (ASYNCC_DEBUG).  The loop steps tasks
 * only from its own level, where no task runs (asserted by the callers),
 * so `current` goes back to NULL after the step. */
static inline __attribute__((always_inline)) ac_status
ac__step_with(ac_task *t, bool timed)
{
	ac__L.current = t;
	ac_status st = timed ? ac__debug_step(t) : t->step(t);
	ac__L.current = NULL;
	return st;
}

/*
 * The finished `t` resumes its waiter and, while the stepped waiter
 * finishes too, the waiter's waiter: a loop up the chain, not recursion.
 * A finished DETACHED heap task is freed once its waiter has run, so the
 * waiter can still read its result.
 */
static inline __attribute__((always_inline)) void
ac__resume_waiters(ac_task *t, bool timed)
{
	for (;;) {
		assert(t->flags & AC_TASK_DONE);
		ac_task *w = t->waiter, *dead = NULL;
		assert(!w || !(w->flags & AC_TASK_DONE));
		if (t->flags & (AC_TASK_DETACHED | AC__TASK_HELD)) {
			if (__builtin_expect(t->flags & AC__TASK_HELD, 0))
				ac__held_done(t); /* (its owner frees it) */
			else
				dead = t;
		}
		if (!w) {
			if (dead)
				ac__task_release(dead);
			return;
		}
		/* What it awaited is over; but a frame stepped while queued
		 * (ac_wait_for) keeps its link. */
		if (!(w->flags & AC__TASK_QUEUED))
			w->awaiting = NULL;
		ac_status st = ac__step_with(w, timed);
		if (dead)
			ac__task_release(dead);
		if (st == AC_PENDING)
			return;
		t = w;
	}
}

/* Steps `t` (unless it is already done) and resumes the waiters of what
 * finishes. */
static inline __attribute__((always_inline)) void
ac__run_chain_with(ac_task *t, bool timed)
{
	if (!(t->flags & AC_TASK_DONE)) {
		if (!(t->flags & AC__TASK_QUEUED))
			t->awaiting = NULL;
		if (ac__step_with(t, timed) == AC_PENDING)
			return;
	}
	ac__resume_waiters(t, timed);
}

/* The same for a task just taken from the ready queue, which awaits
 * nothing: the common path of every switch between tasks.  False when
 * nothing finished (so the loop's root cannot have). */
static inline __attribute__((always_inline)) bool
ac__run_taken(ac_task *t, bool timed)
{
	assert(!t->awaiting && !(t->flags & AC__TASK_QUEUED));
	if (!(t->flags & AC_TASK_DONE) &&
	    ac__step_with(t, timed) == AC_PENDING)
		return false;
	ac__resume_waiters(t, timed);
	return true;
}

/* Debugging is tested once per chain, not per step. */
void ac__run_chain(ac_task *t)
{
	assert(!ac__L.current);
	if (__builtin_expect(ac__D.on, 0))
		ac__run_chain_with(t, true);
	else
		ac__run_chain_with(t, false);
}

/* Runs the chains of the tasks queued up to and including `last`, or
 * fewer once `root` is done (a task is DONE only once stepped, so only
 * after a chain that finished something).  Only the loop takes from the
 * queue, so `last` is still in it. */
static inline __attribute__((always_inline)) void
ac__run_through(ac_task *last, const ac_task *root, bool timed)
{
	for (;;) {
		ac_task *t = ac__ready_take();
		bool end = t == last; /* `t` may be freed by its step */
		if (ac__run_taken(t, timed) && (root->flags & AC_TASK_DONE))
			return;
		if (end)
			return;
	}
}

/* The loop's part of a round: runs the chains of the tasks ready when it
 * began.  Here and not in loop.c so that the chain is inlined: every
 * switch between tasks goes through it.  Debugging is tested once per
 * round, in a loop of its own. */
void ac__run_ready(const ac_task *root)
{
	ac_task *last = ac__readyq.tail;
	assert(!ac__L.current);
	if (!last || (root->flags & AC_TASK_DONE))
		return;
	if (__builtin_expect(ac__D.on, 0))
		ac__run_through(last, root, true);
	else
		ac__run_through(last, root, false);
}

/* Follows the awaits to the innermost task still waited for, then asks
 * it: woken, or an operation (a gather) whose hook looks further. */
bool ac__chain_woken(const ac_task *t, bool delivering)
{
	const ac_task *a;
	while ((a = ac__awaited(t)) && !(a->flags & AC_TASK_DONE) &&
	       a->waiter == t)
		t = a;
	if ((t->flags & AC__TASK_WOKEN) && !delivering)
		return true;
	const struct ac__op_info *op = ac__op_of(t);
	return op && op->woken && op->woken(t, delivering);
}

/* Starts the not-yet-started `t` with `waiter` to resume (NULL: nobody);
 * a cancelled waiter passes its cancellation on. */
void ac__task_start(ac_task *waiter, ac_task *t)
{
	assert(!(t->flags & AC_TASK_STARTED));
	t->flags |= AC_TASK_STARTED;
	t->waiter = waiter;
	if (waiter && (waiter->flags & AC_TASK_CANCELLED))
		t->flags |= AC_TASK_CANCELLED;
	t->step(t);
}

/*
 * The cases the inline ac__await leaves to us: `self` is cancelled, or `t`
 * was already started by someone else (a gather, ac_task_spawn).  A
 * cancelled `self` cancels what it awaits and still waits for it, so the
 * result it then reads is the one `t` really produced (promptly, since every
 * runtime operation of a cancelled task completes at once).
 */
int ac__await_slow(ac_task *self, ac_task *t)
{
	assert(self != t);
	if (t->flags & AC_TASK_DONE)
		return 0;
	self->awaiting = t;
	if (!(t->flags & AC_TASK_STARTED)) {
		ac__task_start(self, t);
		return (t->flags & AC_TASK_DONE) ? 0 : 1;
	}
	ac__drain_release(t);
	if (t->waiter && t->waiter != self)
		ac__await_twice(self, t); /* one waiter per task */
	t->waiter = self;
	if (self->flags & AC_TASK_CANCELLED)
		ac_task_cancel(t);
	return 1;
}

void ac__task_adopt(ac_task *owner, ac_task *t)
{
	if (!t)
		return; /* f__new failed; the await will report it */
	assert(t->flags & AC_TASK_HEAP);
	assert(!(t->flags & (AC__TASK_OWNED | AC_TASK_DETACHED)));
	ac__own(owner, t);
	t->flags |= AC__TASK_OWNED;
	if (ac__D.on)
		ac__debug_adopt(owner, t);
}

/* The returned `owner` waits for `t`, which another task awaits: t's end
 * counts the owner down (ac__held_done), and t is freed when the owner
 * is done, so that its waiter can still read its result afterwards (an
 * ac_wait_for, then `await t`).  The pair is kept in the owner's list of
 * own.c's table, which it had left, and in the table of held tasks. */
static void ac__hold(ac_task *owner, ac_task *t)
{
	t->flags = (t->flags & ~AC_TASK_DETACHED) | AC__TASK_HELD;
	ac__own(owner, t);
	ac__held_put(t, owner);
}

/* Owner is returning: a finished or never-started task is freed now; a
 * running one is cancelled and freed by the loop once it completes.  The
 * owner waits for it (true), since its code may still write into the
 * owner's frame (`*got = v` after a cancelled receive): one nobody awaits
 * (spawned, or let go by ac_wait_any) gets the owner as its waiter; one
 * another task awaits is held (ac__hold). */
static bool ac__task_disown(ac_task *owner, ac_task *t)
{
	t->flags &= ~AC__TASK_OWNED;
	if ((t->flags & AC_TASK_DONE) || !(t->flags & AC_TASK_STARTED)) {
		if (!(t->flags & AC_TASK_STARTED) && ac__D.on)
			ac__debug_unstarted(owner, t);
		ac__task_release(t);
		return false;
	}
	t->flags |= AC_TASK_DETACHED;
	/* (the program's main ends the program: nothing runs after it) */
	bool waits = !(owner->flags & AC_TASK_MAIN);
	if (waits && !t->waiter)
		t->waiter = owner;
	else if (waits)
		ac__hold(owner, t);
	ac_task_cancel(t);
	return waits;
}

/* The step of an owner that returned while tasks it owned ran: each one's
 * completion steps it once (task.c's waiter protocol); it is done when
 * the last has finished. */
static ac_status ac__drain_step(ac_task *self)
{
	assert(self->flags & AC__TASK_DRAINING);
	if (self->state > 0 && --self->state > 0)
		return AC_PENDING;
	struct ac__owned o = ac__owned_take(self); /* the held ones, all done */
	for (size_t i = 0; i < o.n; i++) {
		assert(o.tasks[i]->flags & AC_TASK_DONE);
		ac__task_release(o.tasks[i]);
	}
	free(o.tasks);
	self->flags = (self->flags & ~AC__TASK_DRAINING) | AC_TASK_DONE;
	return AC_DONE;
}

/* Another task awaits `t` (a sibling handing over its result): its owner,
 * returned, stops being its waiter but still waits for its end. */
void ac__drain_release(ac_task *t)
{
	ac_task *o = t->waiter;
	if (!o || !(o->flags & AC__TASK_DRAINING))
		return;
	assert(o->state > 0);
	t->waiter = NULL;
	ac__hold(o, t);
}

/* The held `t` is done (its waiter runs next): its owner, once it waits
 * for nothing more, is queued to finish (its step then finds the count at
 * 0, and frees t). */
void ac__held_done(ac_task *t)
{
	t->flags &= ~AC__TASK_HELD;
	ac_task *o = ac__held_take(t);
	assert(o && (o->flags & AC__TASK_DRAINING) && o->state > 0);
	if (--o->state == 0)
		ac__ready_push(o);
}

ac_status ac__task_finish(ac_task *self)
{
	assert(!(self->flags & AC_TASK_DONE));
	struct ac__owned o = ac__owned_take(self);
	int running = 0;
	for (size_t i = o.n; i > 0; i--) /* the newest first */
		running += ac__task_disown(self, o.tasks[i - 1]);
	free(o.tasks);
	if (running == 0) {
		self->flags |= AC_TASK_DONE;
		return AC_DONE;
	}
	/* The result is set: only the wait is left, in a step of ours. */
	self->flags |= AC__TASK_DRAINING;
	self->state = running;
	self->step = ac__drain_step;
	self->awaiting = NULL;
	return AC_PENDING;
}

int ac_task_cancel(ac_task *t)
{
	if (!t)
		return AC_EINVAL;
	if (t->flags & AC_TASK_DONE)
		return 0;
	/* Mark the whole awaiting chain, then abort the innermost wait. */
	ac_task *x = t;
	for (;;) {
		x->flags |= AC_TASK_CANCELLED;
		ac_task *a = ac__awaited(x);
		if (!a || (a->flags & AC_TASK_DONE) || a->waiter != x)
			break;
		x = a;
	}
	struct ac__sleep *s = ac__sleeping(x);
	struct ac__waiter *w = ac__parked(x);
	if (s) {
		ac__timer_remove(&s->u.tm);
		ac__sleeper_wake(x, AC_ECANCELED);
	} else if (w) {
		ac__wake(w, AC_ECANCELED);
	} else if ((x->flags & (AC__TASK_OP | AC_TASK_STARTED)) ==
			   (AC__TASK_OP | AC_TASK_STARTED) &&
		   ac__op_of(x)->cancel) {
		ac__op_of(x)->cancel(x); /* x is not done (above) */
	}
	return 0;
}

int ac_task_spawn(ac_task *t)
{
	if (!t)
		return AC_EINVAL;
	if (t->flags & AC_TASK_STARTED)
		return AC_EBUSY;
	t->flags |= AC_TASK_STARTED;
	if ((t->flags & AC_TASK_HEAP) && !(t->flags & AC__TASK_OWNED))
		t->flags |= AC_TASK_DETACHED;
	ac__ready_push(t);
	return 0;
}

void ac_task_free(ac_task *t)
{
	if (!t || (t->flags & AC__TASK_OWNED))
		return; /* (its owner frees it) */
	if ((t->flags & AC_TASK_STARTED) && !(t->flags & AC_TASK_DONE))
		ac__free_running(t);
	assert(!(t->flags & AC_TASK_OWNS));
	ac__task_release(t);
}

void *ac_task_result(ac_task *t)
{
	return t ? ac__result_of(t) : NULL;
}

int ac_task_done(const ac_task *t)
{
	return t && (t->flags & AC_TASK_DONE) ? 1 : 0;
}

/* The frame that owns `t`, or NULL.  Usually t was adopted last and is
 * detached or spawned at once; else, owners create their tasks while they
 * run, and a running frame is on the awaiting chain of the task the loop
 * is stepping, so that chain is searched next (t is usually newest in its
 * list); a task handed to another task is found in the whole table. */
ac_task *ac__owner_of(const ac_task *t)
{
	if (!(t->flags & AC__TASK_OWNED))
		return NULL;
	ac_task *o = ac__owner_last(t);
	if (o)
		return o;
	for (ac_task *x = ac__L.current; x; x = ac__awaited(x)) {
		if (ac__owns(x, t))
			return x;
		if (ac__awaited(x) && ac__awaited(x)->waiter != x)
			break;
	}
	return ac__owner_find(t);
}

/* Takes `t` off its owner's list. */
void ac__task_unadopt(ac_task *owner, ac_task *t)
{
	ac__disown(owner, t);
	t->flags &= ~AC__TASK_OWNED;
}

int ac_task_detach(ac_task *t)
{
	if (!t || !(t->flags & AC_TASK_HEAP))
		return AC_EINVAL;
	if (t->waiter && !(t->flags & AC_TASK_DONE))
		return AC_EBUSY;
	if (t->flags & AC__TASK_OWNED) {
		ac_task *owner = ac__owner_of(t);
		if (!owner)
			return AC_EINVAL; /* its owner's list went with a shutdown */
		ac__task_unadopt(owner, t);
	}
	if (t->flags & AC_TASK_DONE) {
		ac__task_release(t);
		return 0;
	}
	t->flags |= AC_TASK_DETACHED;
	if (t->flags & AC_TASK_STARTED)
		return 0;
	t->flags |= AC_TASK_STARTED;
	ac__ready_push(t);
	return 0;
}
