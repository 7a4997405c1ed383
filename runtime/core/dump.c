/*
 * dump.c - ac_task_dump: every live task, where it is suspended and what it
 * waits for.
 *
 * Live tasks are found from roots (the running task, the ready queue, the
 * timer heap, the wait lists of channels and locks, the loop's list of
 * pending I/O operations, and the returned owners of held tasks) by walking
 * up through waiters.  Runtime
 * operations describe themselves through their ac__op_info.
 */
#include "asyncc-internal.h"


/* The .ca line a task of `fi` at `state` resumes at. */
int ac__fn_line(const ac_fn_info *fi, int state)
{
	if (fi->state_lines && state >= 0 && state < fi->nstates)
		return fi->state_lines[state];
	return fi->line;
}

/* The .ca line task `t` is suspended at. */
static int ac__task_line(const ac_task *t)
{
	if (t->flags & AC__TASK_DRAINING) /* `state` counts tasks */
		return t->info->line;
	return ac__fn_line(t->info, t->state);
}

/* The task whose code runs now: the one the loop stepped, or the callee
 * it runs the first step of (an await calls it directly), and so on. */
static ac_task *ac__running(void)
{
	ac_task *t = ac__L.current, *a;
	while (t && (a = ac__awaited(t)) && a->waiter == t &&
	       (a->flags & AC_TASK_STARTED) && !(a->flags & AC_TASK_DONE))
		t = a;
	return t;
}

/* Runtime operations say what they wait for; user frames name their
 * child. */
static void ac__task_dump_one(FILE *out, const ac_task *t)
{
	const struct ac__op_info *op = ac__op_of(t);
	fprintf(out, "  %s (%s:%d)", t->info->name, t->info->file,
		ac__task_line(t));
	if (op && op->describe)
		op->describe(out, t);
	else if (t->flags & AC__TASK_DRAINING)
		fprintf(out, " returned, waiting for %d cancelled task%s it started",
			t->state, t->state == 1 ? "" : "s");
	else if (ac__parked(t)) {
		fprintf(out, " awaiting %s:", ac__wait_name(ac__parked(t)->kind));
		ac__waiter_describe(out, ac__parked(t));
	} else if (ac__sleeping(t))
		fprintf(out, " awaiting ac_sleep, due at %llu ms",
			(unsigned long long)ac__debug_since_start(
				ac__timer_due(&ac__sleeping(t)->u.tm)));
	else if (ac__awaited(t) && !(ac__awaited(t)->flags & AC_TASK_DONE))
		fprintf(out, " awaiting %s", ac__awaited(t)->info->name);
	else if (t == ac__running())
		fprintf(out, " running");
	else
		fprintf(out, " ready");
	if (t->flags & AC_TASK_CANCELLED)
		fprintf(out, " [cancelled]");
	if ((t->flags & AC_TASK_DETACHED) && !(op && op->successor))
		fprintf(out, " [detached]"); /* (group links always are) */
	fputc('\n', out);
}

/* Who `t`'s completion matters to: its waiter, or for a group's child
 * link the task waiting on the group. */
static ac_task *ac__dump_next(const ac_task *t)
{
	const struct ac__op_info *op = ac__op_of(t);
	if (t->waiter)
		return t->waiter;
	return op && op->successor ? op->successor(t) : NULL;
}

/* Prints the async backtrace from `t`: `t`, the task awaiting it, and so
 * on, up to a task nobody awaits or the first one already printed (named
 * as such).  Backtraces are separated by a blank line; *n counts them. */
static void ac__dump_chain(FILE *out, ac_task *t, size_t *n)
{
	if (!t || (t->flags & (AC__TASK_SEEN | AC_TASK_DONE)))
		return;
	if ((*n)++)
		fputc('\n', out);
	for (; t && !(t->flags & (AC__TASK_SEEN | AC_TASK_DONE));
	     t = ac__dump_next(t)) {
		t->flags |= AC__TASK_SEEN;
		ac__task_dump_one(out, t);
	}
	if (t && (t->flags & AC__TASK_SEEN))
		fprintf(out, "  ... awaited by %s (%s:%d), above\n",
			t->info->name, t->info->file, ac__task_line(t));
}

static void ac__unmark_chain(ac_task *t)
{
	for (; t && (t->flags & AC__TASK_SEEN); t = ac__dump_next(t))
		t->flags &= ~AC__TASK_SEEN;
}

struct ac__dump_ctx {
	FILE *out; /* NULL: unmark */
	size_t *n;
};

/* Prints or unmarks the chain of a task a timer will wake. */
static void ac__dump_timer_chain(ac_task *t, void *arg)
{
	struct ac__dump_ctx *c = arg;
	if (c->out)
		ac__dump_chain(c->out, t, c->n);
	else
		ac__unmark_chain(t);
}

static void ac__dump_or_unmark(FILE *out, ac_task *t, size_t *n)
{
	if (out)
		ac__dump_chain(out, t, n);
	else
		ac__unmark_chain(t);
}

/* Prints (out != NULL) or unmarks the chains from where a suspended chain
 * can bottom out: the task running now, then the ready queue (the
 * timers, the I/O and the wait lists are walked separately). */
static void ac__dump_roots(FILE *out, size_t *n)
{
	if (ac__running())
		ac__dump_or_unmark(out, ac__running(), n);
	for (ac_task *t = ac__readyq.head; t; t = t->awaiting)
		ac__dump_or_unmark(out, t, n);
}

/* Prints (out != NULL) or unmarks the chains of every pending I/O
 * operation: those in the table, and the streams' reads. */
static void ac__dump_io(FILE *out, size_t *n)
{
	for (size_t i = ac__L.io_count; i-- > 0;)
		ac__dump_or_unmark(out, &ac__L.io_live[i]->hdr, n);
	for (struct ac_stream *s = ac__L.streams; s; s = s->next)
		if (s->reader)
			ac__dump_or_unmark(out, &s->reader->hdr, n);
}

/* Prints (out != NULL) or unmarks the chains of the tasks waiting in
 * list `q`. */
static void ac__dump_waiters(FILE *out, size_t *n, const struct ac__waitq *q)
{
	for (const struct ac__wait *w = q->head.next; w != &q->head; w = w->next) {
		ac_task *t = ac__waiter_of(w)->task;
		if (out)
			ac__dump_chain(out, t, n);
		else
			ac__unmark_chain(t);
	}
}

/* The same for every task parked on a channel, event, semaphore or
 * mutex. */
static void ac__dump_parked(FILE *out, size_t *n)
{
	for (const struct ac__waitq *q = ac__L.chans; q; q = q->live_next) {
		ac__dump_waiters(out, n, q);
		ac__dump_waiters(out, n, &ac__chan_of(q)->senders);
	}
	for (const struct ac__waitq *q = ac__L.live; q; q = q->live_next)
		ac__dump_waiters(out, n, q);
}

/* Prints (out != NULL) or unmarks the chains of the returned owners that
 * wait for held tasks: nothing else leads to them (a held task's waiter
 * is the task that awaits it). */
static void ac__dump_holders(FILE *out, size_t *n)
{
	for (size_t i = 0; i < ac__L.held.cap; i++)
		if (ac__L.held.slot[i].owner)
			ac__dump_or_unmark(out, ac__L.held.slot[i].holder, n);
}

/*
 * Live tasks are found by walking up through waiters from every root (see
 * ac__dump_roots), from every task a timer will wake and from every parked
 * task.  AC__TASK_SEEN keeps shared
 * parents (gathers) from being printed twice and is cleared again
 * afterwards.  Times are ms since the runtime started (ac__debug_init).
 */
void ac_task_dump(FILE *out)
{
	size_t n = 0;
	struct ac__dump_ctx print = { out, &n }, unmark = { NULL, NULL };
	fprintf(out, "asyncc tasks at %llu ms:\n",
		(unsigned long long)ac__debug_since_start(ac_now()));
	ac__dump_roots(out, &n);
	ac__timers_each(ac__dump_timer_chain, &print);
	ac__dump_parked(out, &n);
	ac__dump_io(out, &n);
	ac__dump_holders(out, &n);
	ac__dump_roots(NULL, NULL);
	ac__timers_each(ac__dump_timer_chain, &unmark);
	ac__dump_parked(NULL, NULL);
	ac__dump_io(NULL, NULL);
	ac__dump_holders(NULL, NULL);
}
