/*
 * debug.c - run-time debugging: slow steps, task dumps on SIGQUIT, tasks
 * never started, and the runtime's start that dumps measure time from.
 *
 * ASYNCC_DEBUG is read once per loop, when the calling thread's loop is
 * set up (ac__loop_ensure).  Unset, debugging costs one test of ac__D.on
 * per step the loop makes (ac__run_chain) and one per task freed without
 * having started; set:
 *   - every step the loop makes is timed on the real monotonic clock, and
 *     one that took longer than the threshold is reported on stderr with
 *     the .ca line the task resumed at (its state before the step);
 *   - an unreferenced uv_signal_t on the loop turns SIGQUIT into
 *     ac_task_dump(stderr), run on the loop thread by libuv;
 *   - a task its owner frees unstarted (created, never awaited, spawned or
 *     detached) is counted, and the counts are listed at exit:
 *     ac_runtime_shutdown, or the atexit hook for a program that exits
 *     without it (exit() called from a task).
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

/* Reads ASYNCC_DEBUG: "1", or options separated by commas ("slow=MS").
 * Empty or "0" leaves debugging off. */
static void ac__debug_parse(const char *v)
{
	if (!v || !*v || !strcmp(v, "0"))
		return;
	ac__D.on = true;
	ac__D.slow_ns = AC__SLOW_MS_DEFAULT * 1000000u;
	while (*v) {
		size_t n = strcspn(v, ",");
		unsigned long long ms;
		char *end;
		if (n == 1 && *v == '1') {
			/* the default: everything on */
		} else if (n > 5 && !strncmp(v, "slow=", 5) &&
			   (ms = strtoull(v + 5, &end, 10), end == v + n) &&
			   v[5] != '-') {
			ac__D.slow_ns = ms > UINT64_MAX / 1000000u
						? UINT64_MAX
						: ms * 1000000u;
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

/* ac__run_chain's step while debugging: the step, timed.  The state
 * before it is the await the task resumes from (0: its start). */
ac_status ac__debug_step(ac_task *t)
{
	int state = t->state;
	uint64_t t0 = uv_hrtime();
	ac_status st = t->step(t);
	uint64_t ns = uv_hrtime() - t0;
	if (ns > ac__D.slow_ns) {
		const ac_fn_info *fi = t->info;
		fprintf(stderr, "asyncc: slow step: %s blocked the loop for "
			"%" PRIu64 " ms, %s %s:%d\n", fi->name, ns / 1000000u,
			state ? "resumed from the await at" : "from its start at",
			fi->file, ac__fn_line(fi, state));
	}
	return st;
}

/* `t`, which its owner frees without its ever having started. */
void ac__debug_unstarted(const ac_task *owner, const ac_task *t)
{
	if (owner->flags & AC_TASK_CANCELLED)
		return; /* cut short: the owner never got to its awaits */
	for (size_t i = 0; i < ac__D.n_unstarted; i++) {
		struct ac__unstarted *u = &ac__D.unstarted[i];
		if (u->fn == t->info && u->owner == owner->info) {
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
		(struct ac__unstarted){ t->info, owner->info, 1 };
}

/* Lists (on stderr) and forgets the tasks never started. */
void ac__debug_report_unstarted(void)
{
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
