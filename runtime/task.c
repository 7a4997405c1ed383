/*
 * task.c - resumption, await, ownership, cancellation, spawn and dumps.
 *
 * Invariant that keeps resumption simple: a task gets AC_TASK_DONE only while
 * it is being stepped, and when a task stepped by the loop finishes, its
 * waiter is resumed at once.  Leaf operations therefore never complete in a
 * callback; their event queues the leaf, and the loop steps it to done.  So
 * each completion resumes its waiter exactly once, and a gather cannot see a
 * child "done" whose resumption is still to come.
 */
#include "asyncc-internal.h"

/* Frees a heap frame; stack frames belong to their caller. */
void ac__task_release(ac_task *t)
{
	assert(!(t->flags & AC__TASK_OWNED));
	if (t->flags & AC_TASK_HEAP)
		ac__frame_free(t, t->info->frame_size);
}

/*
 * Steps `t` (unless it is already done) and, while the stepped task
 * finishes, resumes its waiter: a loop up the waiter chain, not recursion.
 * A finished DETACHED heap task is freed once its waiter has run, so the
 * waiter can still read its result.
 */
void ac__run_chain(ac_task *t)
{
	ac_task *dead = NULL;
	while (t) {
		if (!(t->flags & AC_TASK_DONE)) {
			t->awaiting = NULL;
			ac_task *outer = ac__L.current;
			ac__L.current = t;
			ac_status st = t->step(t);
			ac__L.current = outer;
			if (dead) {
				ac__task_release(dead);
				dead = NULL;
			}
			if (st == AC_PENDING)
				return;
		}
		assert(t->flags & AC_TASK_DONE);
		ac_task *w = t->waiter;
		assert(!w || !(w->flags & AC_TASK_DONE));
		if (t->flags & AC_TASK_DETACHED)
			dead = t;
		t = w;
	}
	if (dead)
		ac__task_release(dead);
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
	assert(!t->waiter || t->waiter == self); /* one waiter per task */
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
	t->next = owner->owned;
	owner->owned = t;
	t->flags |= AC__TASK_OWNED;
}

/* Owner is gone: a finished or never-started task is freed now, a running
 * one is cancelled and freed by the loop when it completes. */
static void ac__task_disown(ac_task *t)
{
	t->flags &= ~AC__TASK_OWNED;
	t->next = NULL;
	if ((t->flags & AC_TASK_DONE) || !(t->flags & AC_TASK_STARTED)) {
		ac__task_release(t);
		return;
	}
	t->flags |= AC_TASK_DETACHED;
	ac_task_cancel(t);
}

void ac__task_finish(ac_task *self)
{
	assert(!(self->flags & AC_TASK_DONE));
	self->flags |= AC_TASK_DONE;
	self->cancel = NULL;
	while (self->owned) {
		ac_task *t = self->owned;
		self->owned = t->next;
		ac__task_disown(t);
	}
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
		ac_task *a = x->awaiting;
		if (!a || (a->flags & AC_TASK_DONE) || a->waiter != x)
			break;
		x = a;
	}
	if (x->cancel && (x->flags & AC_TASK_STARTED))
		x->cancel(x);
	return 0;
}

int ac_task_spawn(ac_task *t)
{
	if (!t)
		return AC_EINVAL;
	if (t->flags & AC_TASK_STARTED)
		return AC_EBUSY;
	int rc = ac__ready_reserve();
	if (rc < 0)
		return rc;
	t->flags |= AC_TASK_STARTED;
	if ((t->flags & AC_TASK_HEAP) && !(t->flags & AC__TASK_OWNED))
		t->flags |= AC_TASK_DETACHED;
	ac__ready_push(t);
	return 0;
}

void ac_task_free(ac_task *t)
{
	if (!t)
		return;
	assert(!(t->flags & AC_TASK_STARTED) || (t->flags & AC_TASK_DONE));
	assert(!t->owned);
	ac__task_release(t);
}

int ac_task_done(const ac_task *t)
{
	return t && (t->flags & AC_TASK_DONE) ? 1 : 0;
}

/* ---------------------------------------------------------------- dump */

/* The .ca line task `t` is suspended at. */
static int ac__task_line(const ac_task *t)
{
	const ac_fn_info *fi = t->info;
	if (fi->state_lines && t->state >= 0 && t->state < fi->nstates)
		return fi->state_lines[t->state];
	return fi->line;
}

/* Runtime frames say what they wait for; user frames name their child. */
static void ac__task_dump_one(FILE *out, const ac_task *t)
{
	fprintf(out, "  %s (%s:%d)", t->info->name, t->info->file,
		ac__task_line(t));
	if (t->info == &ac__sleep_info) {
		const struct ac_sleep__frame *F = (const void *)t;
		if (F->timer.heap_index != AC__TIMER_IDLE)
			fprintf(out, " sleeping %llu ms, due at %llu ms",
				(unsigned long long)F->ms,
				(unsigned long long)F->timer.deadline);
		else
			fprintf(out, " sleep over, queued");
	} else if (t->info == &ac__gather_info) {
		const struct ac_gather__frame *F = (const void *)t;
		size_t left = 0;
		for (size_t i = 0; i < F->n; i++)
			left += !(F->tasks[i]->flags & AC_TASK_DONE);
		fprintf(out, " gathering %zu tasks, %zu pending", F->n, left);
	} else if (t->info == &ac__yield_info) {
		fprintf(out, " yielding");
	} else if (ac__chan_describe(out, t) || ac__sync_describe(out, t) ||
		   ac__wait_describe(out, t) || ac__group_describe(out, t)) {
		/* described */
	} else if (t->awaiting && !(t->awaiting->flags & AC_TASK_DONE)) {
		fprintf(out, " awaiting %s", t->awaiting->info->name);
	} else if (t == ac__L.current) {
		fprintf(out, " running");
	} else {
		fprintf(out, " ready");
	}
	if (t->flags & AC_TASK_CANCELLED)
		fprintf(out, " [cancelled]");
	if ((t->flags & AC_TASK_DETACHED) && t->info != &ac__group_child_info)
		fprintf(out, " [detached]"); /* (links are always) */
	fputc('\n', out);
}

/* Who `t`'s completion matters to: its waiter, or for a group's child
 * link the task waiting on the group. */
static ac_task *ac__dump_next(const ac_task *t)
{
	return t->waiter ? t->waiter : ac__group_waiter(t);
}

/* Prints `t` and its waiters up to the first one already printed. */
static void ac__dump_chain(FILE *out, ac_task *t)
{
	for (; t && !(t->flags & (AC__TASK_SEEN | AC_TASK_DONE));
	     t = ac__dump_next(t)) {
		t->flags |= AC__TASK_SEEN;
		ac__task_dump_one(out, t);
	}
}

static void ac__unmark_chain(ac_task *t)
{
	for (; t && (t->flags & AC__TASK_SEEN); t = ac__dump_next(t))
		t->flags &= ~AC__TASK_SEEN;
}

/* The i-th place a suspended chain can bottom out: the task the loop is
 * running, then the ready queue, then the timer heap. */
static ac_task *ac__dump_root(size_t i)
{
	struct ac__ready *q = &ac__L.ready;
	if (i == 0)
		return ac__L.current;
	if (--i < q->count)
		return q->slot[(q->head + i) & (q->cap - 1)];
	return &ac__sleep_of(ac__L.heap[i - q->count])->hdr;
}

/* Prints (out != NULL) or unmarks the chains of every task parked on a
 * channel, event, semaphore or mutex. */
static void ac__dump_parked(FILE *out)
{
	for (const struct ac__waitq *q = ac__L.live; q; q = q->live_next)
		for (const struct ac__wait *w = q->head.next; w != &q->head;
		     w = w->next) {
			ac_task *t = &ac__parked_of(w)->hdr;
			if (out)
				ac__dump_chain(out, t);
			else
				ac__unmark_chain(t);
		}
}

/*
 * Live tasks are found by walking up through waiters from every root (see
 * ac__dump_root) and from every parked task.  AC__TASK_SEEN keeps shared
 * parents (gathers) from being printed twice and is cleared again
 * afterwards.
 */
void ac_task_dump(FILE *out)
{
	size_t nroots = 1 + ac__L.ready.count + ac__L.heap_len;
	fprintf(out, "asyncc tasks at %llu ms:\n", (unsigned long long)ac_now());
	for (size_t i = 0; i < nroots; i++)
		ac__dump_chain(out, ac__dump_root(i));
	ac__dump_parked(out);
	for (size_t i = 0; i < nroots; i++)
		ac__unmark_chain(ac__dump_root(i));
	ac__dump_parked(NULL);
}
