/*
 * test_cancel.c - cancellation of sleeping, nested, gathering and
 * not-yet-started tasks.
 */
#include "frames.h"

#include <check.h>
#include <stdlib.h>

/* Runs `target` next to a canceller that cancels it at `at_ms`. */
static void run_with_canceller(ac_task *target, int at_ms)
{
	struct canceller__frame C;
	canceller__init(&C, target, at_ms);
	ac_task *t[2] = { target, &C.hdr };
	struct ac_gather__frame G;
	ac_gather__init(&G, t, 2);
	ck_assert_int_eq(ac_run(&G.hdr), 0);
	ck_assert_int_eq(G.result, 0);
	ck_assert_int_eq(C.result, 0);
}

START_TEST(cancel_sleeping_task)
{
	struct victim__frame V;
	victim__init(&V);
	run_with_canceller(&V.hdr, 1000);
	ck_assert_int_eq(V.result, AC_ECANCELED);
	/* The 10 s sleep was removed: nothing waited for it. */
	ck_assert_uint_eq(ac_now(), 1000);
	/* Later operations of the cancelled task failed at once. */
	ck_assert_str_eq(rt_trace_buf,
			 "cancel@1000 v1=-125@1000 v2=-125 v3=-125@1000 ");
}
END_TEST

/* A sleep whose time is up but whose task has not resumed yet reports the
 * cancellation that arrives in between, written as such (a slot) or taken
 * as a task (a frame): nothing was consumed, so nothing is kept. */
START_TEST(cancel_after_timer_fired_before_resume)
{
	struct slot_sleeper__frame S;
	struct sleeper__frame T;
	struct canceller__frame C1, C2;
	slot_sleeper__init(&S, 1, 100);
	sleeper__init(&T, 2, 100);
	canceller__init(&C1, &S.hdr, 100); /* their timers go first */
	canceller__init(&C2, &T.hdr, 100);
	ac_task *t[4] = { &C1.hdr, &C2.hdr, &S.hdr, &T.hdr };
	struct ac_gather__frame G;
	ac_gather__init(&G, t, 4);
	ck_assert_int_eq(ac_run(&G.hdr), 0);
	ck_assert_int_eq(S.result, AC_ECANCELED);
	ck_assert_int_eq(T.result, AC_ECANCELED);
	ck_assert_uint_eq(ac_now(), 100);
}
END_TEST

START_TEST(cancel_before_start)
{
	struct victim__frame V;
	victim__init(&V);
	ck_assert_int_eq(ac_task_cancel(&V.hdr), 0);
	ck_assert_int_eq(ac_run(&V.hdr), 0);
	ck_assert_int_eq(V.result, AC_ECANCELED);
	ck_assert_str_eq(rt_trace_buf, "v1=-125@0 v2=-125 v3=-125@0 ");
}
END_TEST

START_TEST(cancel_nested_chain)
{
	/* nested awaits sleeper awaits ac_sleep: the innermost sleep ends. */
	struct nested__frame N;
	nested__init(&N, 5000);
	run_with_canceller(&N.hdr, 200);
	ck_assert_int_eq(N.result, 100 + AC_ECANCELED);
	ck_assert_uint_eq(ac_now(), 200);
	ck_assert(N.aw.a1.hdr.flags & AC_TASK_CANCELLED);
}
END_TEST

START_TEST(cancel_through_gather)
{
	struct gather3__frame F;
	gather3__init(&F, 5000, 6000, 300);
	run_with_canceller(&F.hdr, 1000);
	/* Child 3 had finished; 1 and 2 were cancelled and waited for. */
	ck_assert_int_eq(F.g, AC_ECANCELED);
	ck_assert_int_eq(F.result, 3 + 2 * AC_ECANCELED);
	ck_assert_uint_eq(ac_now(), 1000);
	ck_assert_str_eq(rt_trace_buf, "1+0 2+0 3+0 3-300 cancel@1000 "
				       "1-1000 2-1000 g=-125@1000 ");
}
END_TEST

START_TEST(cancel_queued_yield)
{
	/* Cancelled after its yield was queued but before it was resumed. */
	struct yielder__frame Y;
	yielder__init(&Y, 1, 1);
	struct twice__frame P;
	twice__init(&P, 0);
	ck_assert_int_eq(ac__await(&P.hdr, &Y.hdr), 1);
	ck_assert_int_eq(ac_task_cancel(&Y.hdr), 0);
	ck_assert_int_eq(ac_run(&Y.hdr), 0);
	ck_assert_int_eq(Y.aw.a1.result, AC_ECANCELED);
	/* Y's completion resumed its waiter, which then ran to its end. */
	ck_assert(ac_task_done(&P.hdr));
}
END_TEST

START_TEST(cancel_edge_cases)
{
	ck_assert_int_eq(ac_task_cancel(NULL), AC_EINVAL);
	struct twice__frame T;
	twice__init(&T, 1);
	ck_assert_int_eq(ac_run(&T.hdr), 0);
	ck_assert_int_eq(ac_task_cancel(&T.hdr), 0); /* done: nothing to do */
	ck_assert(!(T.hdr.flags & AC_TASK_CANCELLED));
	/* Cancelling twice is harmless. */
	struct victim__frame V;
	victim__init(&V);
	struct canceller__frame C1, C2;
	canceller__init(&C1, &V.hdr, 10);
	canceller__init(&C2, &V.hdr, 10);
	ac_task *t[3] = { &V.hdr, &C1.hdr, &C2.hdr };
	struct ac_gather__frame G;
	ac_gather__init(&G, t, 3);
	ck_assert_int_eq(ac_run(&G.hdr), 0);
	ck_assert_int_eq(V.result, AC_ECANCELED);
}
END_TEST

/*
 * 100 async int joiner(void) {
 * 101     ac_task *t = sleeper(1, 5000); spawn t;
 * 102     await ac_sleep(10);
 * 103     return await t;
 * 104 }
 */
struct joiner__frame {
	ac_task hdr;
	int result;
	ac_task *t;
	union {
		struct ac_sleep__frame a1;
	} aw;
};
static const int joiner__lines[] = { 100, 102, 103 };
static const ac_fn_info joiner__info = { "joiner", "t.ca", 100, 3,
					 joiner__lines,
					 sizeof(struct joiner__frame) };
static ac_status joiner__step(ac_task *self)
{
	struct joiner__frame *F = (struct joiner__frame *)self;
	switch (F->hdr.state) {
	case 0:
		break;
	case 1:
		goto ac_L102;
	case 2:
		goto ac_L103;
	}
	F->t = sleeper__new(1, 5000);
	ac__task_adopt(&F->hdr, F->t);
	ac_task_spawn(F->t);
	ac_sleep__init(&F->aw.a1, 10);
	if (ac__await(&F->hdr, &F->aw.a1.hdr)) {
		F->hdr.state = 1;
		return AC_PENDING;
	ac_L102:;
	}
	if (ac__await(&F->hdr, F->t)) {
		F->hdr.state = 2;
		return AC_PENDING;
	ac_L103:;
	}
	F->result = *(int *)ac_task_result(F->t);
	return ac__task_finish(&F->hdr);
}

static void joiner_init(struct joiner__frame *F)
{
	ac__task_init(&F->hdr, joiner__step, &joiner__info, &F->result);
}

START_TEST(await_running_task)
{
	struct joiner__frame J;
	joiner_init(&J);
	ck_assert_int_eq(ac_run(&J.hdr), 0);
	ck_assert_int_eq(J.result, 1);
	ck_assert_uint_eq(ac_now(), 5000);
}
END_TEST

START_TEST(cancel_while_awaiting_running_task)
{
	/* Cancelling the awaiter reaches the task it awaits. */
	struct joiner__frame J;
	joiner_init(&J);
	run_with_canceller(&J.hdr, 20);
	ck_assert_int_eq(J.result, AC_ECANCELED);
	ck_assert_uint_eq(ac_now(), 20);
}
END_TEST

START_TEST(cancelled_task_awaits_running_task)
{
	/* Cancelled before the await: awaiting passes the cancellation on,
	 * and the result read is the one the awaited task produced. */
	struct joiner__frame J;
	joiner_init(&J);
	run_with_canceller(&J.hdr, 5);
	ck_assert_int_eq(J.result, AC_ECANCELED);
	ck_assert_uint_eq(ac_now(), 5);
	ck_assert_str_eq(rt_trace_buf, "1+0 cancel@5 1-5 ");
}
END_TEST

static Suite *cancel_suite(void)
{
	Suite *s = suite_create("cancel");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, rt_setup_virtual, rt_teardown);
	tcase_add_test(tc, cancel_sleeping_task);
	tcase_add_test(tc, cancel_before_start);
	tcase_add_test(tc, cancel_after_timer_fired_before_resume);
	tcase_add_test(tc, cancel_nested_chain);
	tcase_add_test(tc, cancel_through_gather);
	tcase_add_test(tc, cancel_queued_yield);
	tcase_add_test(tc, cancel_edge_cases);
	tcase_add_test(tc, await_running_task);
	tcase_add_test(tc, cancel_while_awaiting_running_task);
	tcase_add_test(tc, cancelled_task_awaits_running_task);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(cancel_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
