/*
 * test_wait.c - ac_wait_for (timeouts firing and not firing, a task and its
 * deadline in the same round, also under a gather, a wait_any, a group
 * or another wait_for, cancellation, a channel receive timed out
 * without losing an item) and ac_wait_any.
 */
#include "frames.h"
#include "asyncc-internal.h"

#include <check.h>
#include <stdlib.h>

/* Runs wait_for(task, ms) to its end and returns its result. */
static int wait_for(ac_task *task, uint64_t ms)
{
	struct ac_wait_for__frame W;
	ac_wait_for__init(&W, task, ms);
	ck_assert_int_eq(ac_run(&W.hdr), 0);
	ck_assert_uint_eq(ac__L.heap_len, 0); /* no timer left behind */
	return W.result;
}

START_TEST(finishes_in_time)
{
	struct sleeper__frame S;
	sleeper__init(&S, 1, 50);
	ck_assert_int_eq(wait_for(&S.hdr, 100), 0);
	ck_assert_int_eq(S.result, 1);
	ck_assert_uint_eq(ac_now(), 50);
}
END_TEST

START_TEST(times_out)
{
	struct sleeper__frame S;
	sleeper__init(&S, 1, 500);
	ck_assert_int_eq(wait_for(&S.hdr, 100), AC_ETIMEDOUT);
	/* The task was cancelled and had finished. */
	ck_assert(ac_task_done(&S.hdr));
	ck_assert_int_eq(S.result, AC_ECANCELED);
	ck_assert_uint_eq(ac_now(), 100);
	ck_assert_str_eq(rt_trace_buf, "1+0 1-100 ");
}
END_TEST

START_TEST(deadline_before_task_in_same_round)
{
	/* The wait's timer was started first, so it fires first: timeout. */
	struct sleeper__frame S;
	sleeper__init(&S, 1, 100);
	ck_assert_int_eq(wait_for(&S.hdr, 100), AC_ETIMEDOUT);
	ck_assert_int_eq(S.result, AC_ECANCELED);
}
END_TEST

START_TEST(deadline_before_slot_sleep_in_same_round)
{
	/* The same with the sleep written as such (a slot of the task's
	 * frame): its time is up too, but the deadline was due first, so the
	 * task sees the cancellation and the wait times out. */
	struct slot_sleeper__frame S;
	slot_sleeper__init(&S, 1, 100);
	ck_assert_int_eq(wait_for(&S.hdr, 100), AC_ETIMEDOUT);
	ck_assert_int_eq(S.result, AC_ECANCELED);
	/* Due first the other way round: in time. */
	struct slot_sleeper__frame U;
	slot_sleeper__init(&U, 2, 100);
	ck_assert_int_eq(ac_task_spawn(&U.hdr), 0);
	struct ac_yield__frame Y;
	ac_yield__init(&Y);
	ck_assert_int_eq(ac_run(&Y.hdr), 0);
	ck_assert_int_eq(wait_for(&U.hdr, 100), 0);
	ck_assert_int_eq(U.result, 2);
}
END_TEST

START_TEST(task_before_deadline_in_same_round)
{
	/* The task's sleep was started first: it finishes, then the queued
	 * timer reaches the wait, which reports the task as in time. */
	struct sleeper__frame S;
	sleeper__init(&S, 1, 100);
	ck_assert_int_eq(ac_task_spawn(&S.hdr), 0);
	struct ac_yield__frame Y;
	ac_yield__init(&Y);
	ck_assert_int_eq(ac_run(&Y.hdr), 0);
	ck_assert_int_eq(wait_for(&S.hdr, 100), 0);
	ck_assert_int_eq(S.result, 1);
	ck_assert_uint_eq(ac_now(), 100);
}
END_TEST

START_TEST(finished_or_immediate_tasks)
{
	struct twice__frame T;
	twice__init(&T, 4);
	ck_assert_int_eq(wait_for(&T.hdr, 10), 0); /* done without waiting */
	ck_assert_int_eq(T.result, 8);
	ck_assert_int_eq(wait_for(&T.hdr, 0), 0); /* already done */
	struct sleeper__frame S;
	sleeper__init(&S, 1, 5);
	ck_assert_int_eq(wait_for(&S.hdr, 0), AC_ETIMEDOUT);
	ck_assert_int_eq(wait_for(NULL, 10), AC_EINVAL);
	ck_assert_uint_eq(ac_now(), 0);
}
END_TEST

START_TEST(task_awaited_by_another)
{
	struct nested__frame N; /* awaits its own sleeper: not ours */
	nested__init(&N, 50);
	struct twice__frame P;
	twice__init(&P, 0);
	ck_assert_int_eq(ac__await(&P.hdr, &N.hdr), 1);
	struct ac_wait_for__frame W;
	ac_wait_for__init(&W, &N.aw.a1.hdr, 10);
	ck_assert_int_eq(ac_run(&W.hdr), 0);
	ck_assert_int_eq(W.result, AC_EBUSY);
	ck_assert_int_eq(ac_run(&N.hdr), 0);
	ck_assert_int_eq(N.result, 107);
}
END_TEST

START_TEST(cancel_the_wait)
{
	/* Cancelling the wait cancels the task and still waits for it. */
	struct sleeper__frame S;
	sleeper__init(&S, 1, 500);
	struct ac_wait_for__frame W;
	ac_wait_for__init(&W, &S.hdr, 100);
	struct canceller__frame K;
	canceller__init(&K, &W.hdr, 30);
	ac_task *t[2] = { &W.hdr, &K.hdr };
	struct ac_gather__frame G;
	ac_gather__init(&G, t, 2);
	ck_assert_int_eq(ac_run(&G.hdr), 0);
	ck_assert_int_eq(W.result, AC_ECANCELED);
	ck_assert_int_eq(S.result, AC_ECANCELED);
	ck_assert_uint_eq(ac_now(), 30);
	ck_assert_uint_eq(ac__L.heap_len, 0);
	ck_assert_str_eq(rt_trace_buf, "1+0 cancel@30 1-30 ");
}
END_TEST

START_TEST(receive_times_out_without_losing_an_item)
{
	ac_chan c;
	ck_assert_int_eq(ac_chan_init(&c, sizeof(int), 1), 0);
	int v = -1;
	struct ac_chan_recv__frame R;
	ac_chan_recv__init(&R, &c, &v);
	ck_assert_int_eq(wait_for(&R.hdr, 50), AC_ETIMEDOUT);
	ck_assert_int_eq(R.result, AC_ECANCELED);
	ck_assert_int_eq(v, -1);
	struct producer__frame P;
	producer__init(&P, &c, 1, 1);
	ck_assert_int_eq(ac_run(&P.hdr), 0);
	ck_assert_uint_eq(c.count, 1); /* the item waits for the next one */
	ac_chan_recv__init(&R, &c, &v);
	ck_assert_int_eq(wait_for(&R.hdr, 50), 0);
	ck_assert_int_eq(v, 100);
	ck_assert_uint_eq(ac_now(), 50);
	ac_chan_destroy(&c);
}
END_TEST

/* Spawns a closer of `c` due at `ms` and lets its sleep be armed: it comes
 * before a deadline armed later at the same time. */
static void close_first(struct closer__frame *K, ac_chan *c, int ms)
{
	closer__init(K, c, ms);
	ck_assert_int_eq(ac_task_spawn(&K->hdr), 0);
	struct ac_yield__frame Y;
	ac_yield__init(&Y);
	ck_assert_int_eq(ac_run(&Y.hdr), 0);
}

START_TEST(wait_ended_by_a_task_before_the_deadline)
{
	/* The closer's sleep was armed first: it closes the channel, which
	 * ends the receive (AC_EPIPE), then the deadline's turn comes in the
	 * same round: the receive's step comes first and is in time. */
	ac_chan c;
	ck_assert_int_eq(ac_chan_init(&c, sizeof(int), 0), 0);
	struct closer__frame K;
	close_first(&K, &c, 50);
	int v = -1;
	struct ac_chan_recv__frame R;
	ac_chan_recv__init(&R, &c, &v);
	ck_assert_int_eq(wait_for(&R.hdr, 50), 0);
	ck_assert_int_eq(R.result, AC_EPIPE);
	ck_assert_uint_eq(ac_now(), 50);
	ck_assert(ac_task_done(&K.hdr));
	ac_chan_destroy(&c);
}
END_TEST

START_TEST(wait_ended_inside_a_composition)
{
	/* The same, the receive deeper: under a gather, a wait_any, a group's
	 * wait and another wait_for.  Each reaches its end in time. */
	ac_chan c;
	struct closer__frame K;
	struct ac_chan_recv__frame R[2];
	int v[2];
	for (int round = 0; round < 5; round++) {
		ck_assert_int_eq(ac_chan_init(&c, sizeof(int), 0), 0);
		uint64_t t0 = ac_now();
		close_first(&K, &c, 50);
		for (int i = 0; i < 2; i++)
			ac_chan_recv__init(&R[i], &c, &v[i]);
		ac_task *t[2] = { &R[0].hdr, &R[1].hdr };
		struct ac_gather__frame G;
		struct ac_wait_any__frame A;
		struct ac_wait_for__frame W;
		struct ac_group_wait__frame GW;
		ac_group g;
		ac_task *composed;
		switch (round) {
		case 0:
			ac_gather__init(&G, t, 2);
			composed = &G.hdr;
			break;
		case 1:
			ac_wait_any__init(&A, t, 2);
			composed = &A.hdr;
			break;
		case 2:
			ck_assert_int_eq(ac_group_init(&g), 0);
			for (int i = 0; i < 2; i++)
				ck_assert_int_eq(ac_group_spawn(&g, t[i]), 0);
			ac_group_wait__init(&GW, &g);
			composed = &GW.hdr;
			break;
		default: /* another wait_for, its deadline later or the same */
			ac_wait_for__init(&W, &R[0].hdr, round == 3 ? 1000 : 50);
			composed = &W.hdr;
			break;
		}
		ck_assert_int_eq(wait_for(composed, 50), 0);
		ck_assert_uint_eq(ac_now(), t0 + 50);
		ck_assert_int_eq(R[0].result, AC_EPIPE);
		ck_assert(ac_task_done(&K.hdr));
		if (round == 1)
			ck_assert_int_eq(A.result, 0);
		if (round >= 3)
			ck_assert_int_eq(W.result, 0);
		ac_chan_destroy(&c);
		if (round == 1 || round >= 3) /* the second receive: not waited */
			ck_assert_int_eq(ac_run(&R[1].hdr), 0);
		ck_assert_int_eq(R[1].result, AC_EPIPE);
	}
}
END_TEST

START_TEST(composition_waiting_again_times_out)
{
	/* One receive of the gather ends before the deadline, the other task
	 * still sleeps: the gather is cancelled, the receive's result kept. */
	ac_chan c;
	ck_assert_int_eq(ac_chan_init(&c, sizeof(int), 0), 0);
	struct closer__frame K;
	close_first(&K, &c, 50);
	int v = -1;
	struct ac_chan_recv__frame R;
	ac_chan_recv__init(&R, &c, &v);
	struct sleeper__frame S;
	sleeper__init(&S, 1, 500);
	ac_task *t[2] = { &R.hdr, &S.hdr };
	struct ac_gather__frame G;
	ac_gather__init(&G, t, 2);
	ck_assert_int_eq(wait_for(&G.hdr, 50), AC_ETIMEDOUT);
	ck_assert_int_eq(G.result, AC_ECANCELED);
	ck_assert_int_eq(R.result, AC_EPIPE);
	ck_assert_int_eq(S.result, AC_ECANCELED);
	ck_assert_uint_eq(ac_now(), 50);
	ac_chan_destroy(&c);
}
END_TEST

START_TEST(heap_wait_for)
{
	ac_task *s = sleeper__new(1, 10);
	ac_task *w = ac_wait_for(s, 20);
	ck_assert_int_eq(ac_run(w), 0);
	ck_assert_int_eq(*(int *)ac_task_result(w), 0);
	ac_task_free(w);
	ac_task_free(s);
}
END_TEST

/* ------------------------------------------------------------ wait_any */

static int wait_any(ac_task *const *t, size_t n)
{
	struct ac_wait_any__frame W;
	ac_wait_any__init(&W, t, n);
	ck_assert_int_eq(ac_run(&W.hdr), 0);
	return W.result;
}

START_TEST(any_first_to_finish)
{
	struct sleeper__frame S[3];
	int ms[3] = { 300, 100, 200 };
	ac_task *t[3];
	for (int i = 0; i < 3; i++) {
		sleeper__init(&S[i], i + 1, ms[i]);
		t[i] = &S[i].hdr;
	}
	ck_assert_int_eq(wait_any(t, 3), 1);
	ck_assert_uint_eq(ac_now(), 100);
	/* The others go on, with nobody waiting; a gather joins them. */
	ck_assert(!ac_task_done(t[0]) && !ac_task_done(t[2]));
	ck_assert_ptr_null(t[0]->waiter);
	ck_assert_int_eq(wait_any(t, 3), 1); /* done already */
	struct ac_gather__frame G;
	ac_gather__init(&G, t, 3);
	ck_assert_int_eq(ac_run(&G.hdr), 0);
	ck_assert_uint_eq(ac_now(), 300);
	ck_assert_str_eq(rt_trace_buf, "1+0 2+0 3+0 2-100 3-200 1-300 ");
}
END_TEST

START_TEST(any_finished_while_starting)
{
	/* twice finishes without suspending; the sleeper is started anyway. */
	struct sleeper__frame S;
	struct twice__frame T;
	sleeper__init(&S, 1, 50);
	twice__init(&T, 1);
	ac_task *t[2] = { &S.hdr, &T.hdr };
	ck_assert_int_eq(wait_any(t, 2), 1);
	ck_assert(S.hdr.flags & AC_TASK_STARTED);
	ck_assert_ptr_null(S.hdr.waiter);
	ck_assert_int_eq(wait_for(&S.hdr, 100), 0);
	ck_assert_uint_eq(ac_now(), 50);
}
END_TEST

START_TEST(any_cancelled)
{
	/* Cancelling the wait cancels the tasks; it completes with
	 * AC_ECANCELED when the first has finished. */
	struct sleeper__frame S[2];
	sleeper__init(&S[0], 1, 500);
	sleeper__init(&S[1], 2, 600);
	ac_task *t[2] = { &S[0].hdr, &S[1].hdr };
	struct ac_wait_any__frame W;
	ac_wait_any__init(&W, t, 2);
	struct canceller__frame K;
	canceller__init(&K, &W.hdr, 10);
	ac_task *g[2] = { &W.hdr, &K.hdr };
	struct ac_gather__frame G;
	ac_gather__init(&G, g, 2);
	ck_assert_int_eq(ac_run(&G.hdr), 0);
	ck_assert_int_eq(W.result, AC_ECANCELED);
	ck_assert_int_eq(S[0].result, AC_ECANCELED);
	ck_assert_uint_eq(ac_now(), 10);
	ck_assert_int_eq(wait_for(&S[1].hdr, 1000), 0);
	ck_assert_int_eq(S[1].result, AC_ECANCELED);
}
END_TEST

START_TEST(any_errors)
{
	struct sleeper__frame S;
	sleeper__init(&S, 1, 5);
	ac_task *t[2] = { &S.hdr, NULL };
	ck_assert_int_eq(wait_any(t, 0), AC_EINVAL);
	ck_assert_int_eq(wait_any(NULL, 1), AC_EINVAL);
	ck_assert_int_eq(wait_any(t, 2), AC_EINVAL);
	ck_assert(!(S.hdr.flags & AC_TASK_STARTED)); /* checked first */
	/* S awaited by a gather: nobody else can wait for it. */
	ac_task *one[1] = { &S.hdr };
	struct ac_gather__frame G;
	ac_gather__init(&G, one, 1);
	ck_assert_int_eq(ac_task_spawn(&G.hdr), 0);
	struct ac_yield__frame Y;
	ac_yield__init(&Y);
	ck_assert_int_eq(ac_run(&Y.hdr), 0);
	ck_assert_int_eq(wait_any(one, 1), AC_EBUSY);
	ck_assert_int_eq(ac_run(&G.hdr), 0);
	ac_task *h = ac_wait_any(one, 1);
	ck_assert_int_eq(ac_run(h), 0);
	ck_assert_int_eq(*(int *)ac_task_result(h), 0);
	ac_task_free(h);
}
END_TEST

static Suite *wait_suite(void)
{
	Suite *s = suite_create("wait");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, rt_setup_virtual, rt_teardown);
	tcase_add_test(tc, finishes_in_time);
	tcase_add_test(tc, times_out);
	tcase_add_test(tc, deadline_before_task_in_same_round);
	tcase_add_test(tc, deadline_before_slot_sleep_in_same_round);
	tcase_add_test(tc, task_before_deadline_in_same_round);
	tcase_add_test(tc, finished_or_immediate_tasks);
	tcase_add_test(tc, task_awaited_by_another);
	tcase_add_test(tc, cancel_the_wait);
	tcase_add_test(tc, receive_times_out_without_losing_an_item);
	tcase_add_test(tc, wait_ended_by_a_task_before_the_deadline);
	tcase_add_test(tc, wait_ended_inside_a_composition);
	tcase_add_test(tc, composition_waiting_again_times_out);
	tcase_add_test(tc, heap_wait_for);
	tcase_add_test(tc, any_first_to_finish);
	tcase_add_test(tc, any_finished_while_starting);
	tcase_add_test(tc, any_cancelled);
	tcase_add_test(tc, any_errors);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(wait_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
