/*
 * debug.c - run-time debugging: slow steps, task dumps on SIGQUIT, tasks
 * never started, and the runtime's start that dumps measure time from.
 *
 * ASYNCC_DEBUG is read once per loop, when the calling thread's loop is
 * set up (ac__loop_ensure).  Unset, debugging costs one test of ac__D.on
 * per chain of steps the loop runs (ac__run_chain), one per task an async
 * function creates (ac__task_adopt) and one per task its owner frees
 * unstarted; set:
 *   - every step the loop makes is timed on the real monotonic clock, and
 *     one that took longer than the threshold is reported on stderr with
 *     the .ca line the task resumed at (its state before the step);
 *   - an unreferenced uv_signal_t on the loop turns SIGQUIT into
 *     ac_task_dump(stderr), run on the loop thread by libuv;
 *   - a task its owner frees unstarted (created, never awaited, spawned or
 *     detached) is counted, and the counts are listed at exit:
 *     ac_runtime_shutdown, or the atexit hook for a program that exits
 *     without it (exit() called from a task).  So that the tasks still
 *     unstarted then are listed too, the heap tasks async functions make
 *     are kept in a hash table until they are freed (AC__TASK_TRACKED).
 */
#include "asyncc-internal.h"

#include <inttypes.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

_Thread_local struct ac__debug ac__D;

#define AC__SLOW_MS_DEFAULT 100u

/* One kind of task never started: `fn` created by `owner`, `count` times. */
struct ac__unstarted {
	const ac_fn_info *fn;
	const ac_fn_info *owner;
	uint64_t count;
};

/* A heap task an async function made (ac__task_adopt), until it is freed. */
struct ac__tracked {
	ac_task *task; /* NULL: a free slot */
	const ac_fn_info *owner;
};

/* The MS of "slow=MS": the `n` characters at `s`, decimal digits only (no
 * sign, no space), of a value that fits in 64 bits. */
static bool ac__debug_ms(const char *s, size_t n, uint64_t *ms)
{
	uint64_t v = 0;
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		unsigned d = (unsigned)(s[i] - '0');
		if (v > (UINT64_MAX - d) / 10)
			return false;
		v = v * 10 + d;
	}
	*ms = v;
	return true;
}

/* Reads ASYNCC_DEBUG: "1", or options separated by commas ("slow=MS");
 * empty options (stray commas) are skipped.  Empty or "0" leaves debugging
 * off. */
static void ac__debug_parse(const char *v)
{
	if (!v || !*v || !strcmp(v, "0"))
		return;
	ac__D.on = true;
	ac__D.slow_ms = AC__SLOW_MS_DEFAULT;
	while (*v) {
		size_t n = strcspn(v, ",");
		uint64_t ms;
		if (n == 0 || (n == 1 && *v == '1')) {
			/* nothing, or the default: everything on */
		} else if (n > 5 && !strncmp(v, "slow=", 5) &&
			   ac__debug_ms(v + 5, n - 5, &ms)) {
			ac__D.slow_ms = ms;
		} else {
			fprintf(stderr, "asyncc: ASYNCC_DEBUG: unknown option "
				"'%.*s' (known: 1, slow=MS)\n", (int)n, v);
		}
		v += n + (v[n] == ',');
	}
}

/* Runs on the loop thread, from uv_run: the program goes on afterwards. */
static void ac__debug_quit_cb(uv_signal_t *h, int signum)
{
	(void)h;
	(void)signum;
	ac_task_dump(stderr);
	fflush(stderr);
}

static uv_once_t ac__debug_once = UV_ONCE_INIT;

static void ac__debug_atexit(void)
{
	ac__debug_report_unstarted();
}

static void ac__debug_register_atexit(void)
{
	atexit(ac__debug_atexit);
}

/* Called once the uv loop exists: records the start, reads ASYNCC_DEBUG
 * and, when it is set, listens for SIGQUIT. */
void ac__debug_init(uv_loop_t *loop)
{
	ac__D.start = ac__clock_real();
	ac__debug_parse(getenv("ASYNCC_DEBUG"));
	if (!ac__D.on)
		return;
	uv_once(&ac__debug_once, ac__debug_register_atexit);
	if (uv_signal_init(loop, &ac__D.quit) < 0)
		return;
	ac__D.quit_open = true;
	if (uv_signal_start(&ac__D.quit, ac__debug_quit_cb, SIGQUIT) == 0)
		uv_unref((uv_handle_t *)&ac__D.quit);
}

/* Before the loop closes: stops listening (the loop's last run closes the
 * handle). */
void ac__debug_close(void)
{
	if (ac__D.quit_open)
		uv_close((uv_handle_t *)&ac__D.quit, NULL);
	ac__D.quit_open = false;
}

/* ac_runtime_shutdown, once the loop is closed: lists the tasks never
 * started and forgets everything; the next loop reads ASYNCC_DEBUG again. */
void ac__debug_shutdown(void)
{
	ac__debug_report_unstarted();
	memset(&ac__D, 0, sizeof ac__D);
}

/* Milliseconds of loop-clock time `t` since the runtime started: on the
 * virtual clock, which starts at 0, `t` itself. */
uint64_t ac__debug_since_start(uint64_t t)
{
	if (ac__L.virtual_clock)
		return t;
	return t > ac__D.start ? t - ac__D.start : 0;
}

/* Whether a step of `ns` nanoseconds is reported: it took longer than
 * the threshold in whole milliseconds, as the report prints it. */
bool ac__debug_slow(uint64_t ns)
{
	return ns / 1000000u > ac__D.slow_ms;
}

/* ac__run_chain's step while debugging: the step, timed.  The state
 * before it is the await the task resumes from (0: its start). */
ac_status ac__debug_step(ac_task *t)
{
	int state = t->state;
	uint64_t t0 = uv_hrtime();
	ac_status st = t->step(t);
	uint64_t ns = uv_hrtime() - t0;
	if (ac__debug_slow(ns)) {
		const ac_fn_info *fi = t->info;
		fprintf(stderr, "asyncc: slow step: %s blocked the loop for "
			"%" PRIu64 " ms, %s %s:%d\n", fi->name, ns / 1000000u,
			state ? "resumed from the await at" : "from its start at",
			fi->file, ac__fn_line(fi, state));
	}
	return st;
}

/* One more task of `fn`, made by `owner`, never started. */
static void ac__debug_count(const ac_fn_info *fn, const ac_fn_info *owner)
{
	for (size_t i = 0; i < ac__D.n_unstarted; i++) {
		struct ac__unstarted *u = &ac__D.unstarted[i];
		if (u->fn == fn && u->owner == owner) {
			u->count++;
			return;
		}
	}
	if (ac__D.n_unstarted == ac__D.cap_unstarted) {
		size_t cap = ac__D.cap_unstarted ? 2 * ac__D.cap_unstarted : 8;
		struct ac__unstarted *u =
			realloc(ac__D.unstarted, cap * sizeof *u);
		if (!u)
			return; /* a report is not worth failing for */
		ac__D.unstarted = u;
		ac__D.cap_unstarted = cap;
	}
	ac__D.unstarted[ac__D.n_unstarted++] =
		(struct ac__unstarted){ fn, owner, 1 };
}

/* `t`, which its owner frees without its ever having started. */
void ac__debug_unstarted(const ac_task *owner, const ac_task *t)
{
	if (owner->flags & AC_TASK_CANCELLED)
		return; /* cut short: the owner never got to its awaits */
	ac__debug_count(t->info, owner->info);
}

/* The slot of `t` in the table of tracked tasks (a power of two, at most
 * half full, open addressing): where it is, or the free slot where it
 * would go. */
/* Fibonacci hashing: the top bits of the product, which all the
 * address's bits reach. */
static size_t ac__tracked_home(const ac_task *t)
{
	uint64_t h = (uint64_t)(uintptr_t)t * 0x9E3779B97F4A7C15ull;
	return (size_t)(h >> (64 - __builtin_ctzll(ac__D.cap_tracked)));
}

static size_t ac__tracked_slot(const ac_task *t)
{
	size_t mask = ac__D.cap_tracked - 1;
	size_t i = ac__tracked_home(t);
	while (ac__D.tracked[i].task && ac__D.tracked[i].task != t)
		i = (i + 1) & mask;
	return i;
}

static int ac__tracked_grow(void)
{
	size_t cap = ac__D.cap_tracked ? 2 * ac__D.cap_tracked : 64;
	struct ac__tracked *old = ac__D.tracked;
	size_t old_cap = ac__D.cap_tracked;
	struct ac__tracked *tab = calloc(cap, sizeof *tab);
	if (!tab)
		return AC_ENOMEM;
	ac__D.tracked = tab;
	ac__D.cap_tracked = cap;
	for (size_t i = 0; i < old_cap; i++)
		if (old[i].task)
			tab[ac__tracked_slot(old[i].task)] = old[i];
	free(old);
	return 0;
}

/* `owner` made the heap task `t` (debugging only). */
void ac__debug_adopt(const ac_task *owner, ac_task *t)
{
	if (2 * (ac__D.n_tracked + 1) > ac__D.cap_tracked &&
	    ac__tracked_grow() < 0)
		return; /* not tracked: it cannot be listed at exit */
	size_t i = ac__tracked_slot(t);
	assert(!ac__D.tracked[i].task);
	ac__D.tracked[i] = (struct ac__tracked){ t, owner->info };
	ac__D.n_tracked++;
	t->flags |= AC__TASK_TRACKED;
}

/* `t` is being freed.  Removal with backward shift: each entry after the
 * hole that may move into it (its home slot is not between the hole and
 * it) does, so no probe sequence is cut. */
void ac__debug_forget(ac_task *t)
{
	t->flags &= ~AC__TASK_TRACKED;
	if (!ac__D.n_tracked)
		return; /* the table was reset (ac_runtime_shutdown) */
	size_t mask = ac__D.cap_tracked - 1;
	size_t hole = ac__tracked_slot(t);
	if (!ac__D.tracked[hole].task)
		return;
	for (size_t j = (hole + 1) & mask; ac__D.tracked[j].task;
	     j = (j + 1) & mask) {
		size_t home = ac__tracked_home(ac__D.tracked[j].task);
		if (((j - home) & mask) >= ((j - hole) & mask)) {
			ac__D.tracked[hole] = ac__D.tracked[j];
			hole = j;
		}
	}
	ac__D.tracked[hole].task = NULL;
	ac__D.n_tracked--;
}

/* Counts the tracked tasks that have not started (at exit), and forgets
 * the table. */
static void ac__debug_count_tracked(void)
{
	for (size_t i = 0; i < ac__D.cap_tracked; i++) {
		const struct ac__tracked *e = &ac__D.tracked[i];
		if (e->task && !(e->task->flags & AC_TASK_STARTED))
			ac__debug_count(e->task->info, e->owner);
	}
	free(ac__D.tracked);
	ac__D.tracked = NULL;
	ac__D.n_tracked = ac__D.cap_tracked = 0;
}

/* Lists (on stderr) and forgets the tasks never started: those freed so,
 * and those still unstarted now. */
void ac__debug_report_unstarted(void)
{
	ac__debug_count_tracked();
	if (ac__D.n_unstarted)
		fprintf(stderr, "asyncc: tasks created but never started "
			"(never awaited, spawned or detached):\n");
	for (size_t i = 0; i < ac__D.n_unstarted; i++) {
		const struct ac__unstarted *u = &ac__D.unstarted[i];
		fprintf(stderr, "  %s (%s:%d), created by %s (%s:%d)",
			u->fn->name, u->fn->file, ac__fn_line(u->fn, 0),
			u->owner->name,
			u->owner->file, u->owner->line);
		if (u->count > 1)
			fprintf(stderr, ", %" PRIu64 " times", u->count);
		fputc('\n', stderr);
	}
	free(ac__D.unstarted);
	ac__D.unstarted = NULL;
	ac__D.n_unstarted = ac__D.cap_unstarted = 0;
}
