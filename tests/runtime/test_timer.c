/*
 * test_timer.c - timer heap, sleep ordering, virtual and real clocks.
 */
#include "frames.h"
#include "asyncc-internal.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <uv.h>

/* Runs the sleepers (id i+1 sleeping ms[i]) together under one gather. */
static void run_sleepers(const int *ms, int n)
{
	struct sleeper__frame S[16];
	ac_task *t[16];
	ck_assert_int_le(n, 16);
	for (int i = 0; i < n; i++) {
		sleeper__init(&S[i], i + 1, ms[i]);
		t[i] = &S[i].hdr;
	}
	struct ac_gather__frame G;
	ac_gather__init(&G, t, (size_t)n);
	ck_assert_int_eq(ac_run(&G.hdr), 0);
	ck_assert_int_eq(G.result, 0);
	for (int i = 0; i < n; i++)
		ck_assert_int_eq(S[i].result, i + 1);
}

START_TEST(sleep_order)
{
	run_sleepers((const int[]){ 300, 100, 200 }, 3);
	ck_assert_str_eq(rt_trace_buf, "1+0 2+0 3+0 2-100 3-200 1-300 ");
	ck_assert_uint_eq(ac_now(), 300);
}
END_TEST

START_TEST(equal_deadlines_in_start_order)
{
	run_sleepers((const int[]){ 100, 100, 50, 100 }, 4);
	ck_assert_str_eq(rt_trace_buf,
			 "1+0 2+0 3+0 4+0 3-50 1-100 2-100 4-100 ");
}
END_TEST

START_TEST(sleep_zero_after_ready_tasks)
{
	/* sleep(0) lets every task that is ready go first, like a yield,
	 * but waits behind them until the timers are looked at. */
	struct sleeper__frame A;
	struct yielder__frame B;
	sleeper__init(&A, 1, 0);
	yielder__init(&B, 2, 2);
	ac_task *t[2] = { &A.hdr, &B.hdr };
	struct ac_gather__frame G;
	ac_gather__init(&G, t, 2);
	ck_assert_int_eq(ac_run(&G.hdr), 0);
	ck_assert_str_eq(rt_trace_buf, "1+0 2 2 1-0 ");
	ck_assert_uint_eq(ac_now(), 0);
}
END_TEST

START_TEST(virtual_three_hours)
{
	uint64_t t0 = uv_hrtime();
	struct sleeper__frame S;
	sleeper__init(&S, 1, 3 * 3600 * 1000);
	ck_assert_int_eq(ac_run(&S.hdr), 0);
	ck_assert_uint_eq(ac_now(), 3 * 3600 * 1000);
	ck_assert_uint_lt(uv_hrtime() - t0, 1000000000u);
}
END_TEST

START_TEST(real_clock_sleep)
{
	uint64_t t0 = uv_hrtime();
	uint64_t n0 = ac_now();
	struct sleeper__frame S;
	sleeper__init(&S, 1, 50);
	ck_assert_int_eq(ac_run(&S.hdr), 0);
	uint64_t elapsed = uv_hrtime() - t0;
	ck_assert_uint_ge(elapsed, 50 * 1000000u);
	ck_assert_uint_lt(elapsed, 5000 * 1000000u);
	ck_assert_uint_ge(ac_now() - n0, 50);
}
END_TEST

START_TEST(heap_sleep_frame)
{
	ac_task *s = ac_sleep(25);
	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(ac_run(s), 0);
	ck_assert_int_eq(*(int *)ac_task_result(s), 0);
	ck_assert_uint_eq(ac_now(), 25);
	ac_task_free(s);
}
END_TEST

START_TEST(shutdown_frees_spawned_sleepers)
{
	/* Spawned heap tasks still sleeping when the runtime shuts down are
	 * abandoned and freed with it, as those queued to run are: one that
	 * sleeps in its own slot and an ac_sleep frame (a detached task
	 * sleeping when main returned leaked both, under LeakSanitizer) */
	ck_assert_int_eq(ac_task_spawn(sleeper__new(1, 1000)), 0);
	ck_assert_int_eq(ac_task_spawn(ac_sleep(2000)), 0);
	struct ac_yield__frame Y;
	ac_yield__init(&Y);
	ck_assert_int_eq(ac_run(&Y.hdr), 0);
	struct ac__pool_stats before, after;
	ac__pool_stats(&before);
	ck_assert_int_eq(ac_runtime_shutdown(), AC_EBUSY);
	ac__pool_stats(&after);
	ck_assert_uint_eq(after.frees - before.frees, 2);
}
END_TEST

/* Deterministic pseudo-random numbers for the heap test. */
static unsigned rt_rand(unsigned *state)
{
	*state = *state * 1103515245u + 12345u;
	return (*state >> 16) & 0x7fff;
}

/* The timers alone: insert, remove from the middle, expire in steps; the
 * ready queue must receive the sleeps sorted by (deadline, start order).
 * Deadlines repeat, in runs and scattered, so timers share buckets and
 * equal deadlines also end up in separate buckets. */
START_TEST(heap_order_and_removal)
{
	enum { N = 500 };
	struct ac_sleep__frame *S = calloc(N, sizeof *S);
	uint64_t *due = calloc(N, sizeof *due); /* each timer's deadline */
	ck_assert_ptr_nonnull(S);
	ck_assert_ptr_nonnull(due);
	unsigned seed = 7;
	for (int i = 0; i < N; i++) {
		ac_sleep__init(&S[i], 0);
		/* runs of equal deadlines, then scattered ones */
		due[i] = i % 50 < 20 ? (uint64_t)(i / 50) * 6
				     : rt_rand(&seed) % 64;
		ck_assert_int_eq(ac__timer_insert(&S[i].timer, due[i]), 0);
		ck_assert_uint_eq(ac__timer_due(&S[i].timer), due[i]);
	}
	for (int i = 0; i < N; i += 3) {
		ac__timer_remove(&S[i].timer);
		ck_assert(!ac__timer_armed(&S[i].timer));
	}
	for (int i = 1; i < N; i += 3) /* the bucket is found after removals */
		ck_assert_uint_eq(ac__timer_due(&S[i].timer), due[i]);
	const struct ac_sleep__frame *prev = NULL;
	size_t fired = 0;
	for (uint64_t now = 0; now < 70; now += 5) {
		ac__timers_expire(now);
		ac_task *t;
		while ((t = ac__ready_pop())) {
			const struct ac_sleep__frame *f = (void *)t;
			uint64_t d = due[f - S];
			ck_assert_uint_le(d, now);
			if (prev)
				ck_assert(due[prev - S] < d ||
					  (due[prev - S] == d && prev < f));
			prev = f;
			fired++;
		}
	}
	ck_assert_uint_eq(fired, N - (N + 2) / 3);
	ck_assert_ptr_null(ac__timer_peek());
	free(due);
	free(S);
}
END_TEST

static Suite *timer_suite(void)
{
	Suite *s = suite_create("timer");
	TCase *tc = tcase_create("virtual");
	tcase_add_checked_fixture(tc, rt_setup_virtual, rt_teardown);
	tcase_add_test(tc, sleep_order);
	tcase_add_test(tc, equal_deadlines_in_start_order);
	tcase_add_test(tc, sleep_zero_after_ready_tasks);
	tcase_add_test(tc, virtual_three_hours);
	tcase_add_test(tc, heap_sleep_frame);
	tcase_add_test(tc, shutdown_frees_spawned_sleepers);
	tcase_add_test(tc, heap_order_and_removal);
	suite_add_tcase(s, tc);
	TCase *rt = tcase_create("real");
	tcase_add_checked_fixture(rt, rt_setup_real, rt_teardown);
	tcase_add_test(rt, real_clock_sleep);
	suite_add_tcase(s, rt);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(timer_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
