/*
 * test_gather.c - ac_gather: concurrency, finished and foreign children.
 */
#include "frames.h"

#include <check.h>
#include <stdlib.h>

START_TEST(three_sleeps_run_concurrently)
{
	struct gather3__frame F;
	gather3__init(&F, 1000, 2000, 3000);
	ck_assert_int_eq(ac_run(&F.hdr), 0);
	ck_assert_uint_eq(ac_now(), 3000); /* not 6000 */
	ck_assert_int_eq(F.g, 0);
	/* The stored tasks are awaited after the gather: results 1 + 2 + 3. */
	ck_assert_int_eq(F.result, 6);
	ck_assert_str_eq(rt_trace_buf,
			 "1+0 2+0 3+0 1-1000 2-2000 3-3000 g=0@3000 ");
}
END_TEST

START_TEST(heap_gather3)
{
	ac_task *t = gather3__new(30, 10, 20);
	ck_assert_int_eq(ac_run(t), 0);
	ck_assert_int_eq(*(int *)ac_task_result(t), 6);
	ck_assert_uint_eq(ac_now(), 30);
	ac_task_free(t);
}
END_TEST

START_TEST(already_done_children)
{
	struct twice__frame A;
	twice__init(&A, 4);
	ck_assert_int_eq(ac_run(&A.hdr), 0);
	struct sleeper__frame B;
	sleeper__init(&B, 2, 100);
	ac_task *t[2] = { &A.hdr, &B.hdr };
	struct ac_gather__frame G;
	ac_gather__init(&G, t, 2);
	ck_assert_int_eq(ac_run(&G.hdr), 0);
	ck_assert_int_eq(G.result, 0);
	ck_assert_uint_eq(ac_now(), 100);

	/* All children done: the gather completes without suspending. */
	struct ac_gather__frame G2;
	ac_gather__init(&G2, t, 2);
	struct twice__frame P;
	twice__init(&P, 0);
	ck_assert_int_eq(ac__await(&P.hdr, &G2.hdr), 0);
	ck_assert_int_eq(G2.result, 0);

	/* So does an empty gather. */
	struct ac_gather__frame G3;
	ac_gather__init(&G3, NULL, 0);
	ck_assert_int_eq(ac__await(&P.hdr, &G3.hdr), 0);
	ck_assert_int_eq(G3.result, 0);
}
END_TEST

START_TEST(child_started_elsewhere)
{
	/* A spawned task has no waiter: the gather adopts the role. */
	struct sleeper__frame A, B;
	sleeper__init(&A, 1, 500);
	sleeper__init(&B, 2, 100);
	ck_assert_int_eq(ac_task_spawn(&A.hdr), 0);
	ac_task *t[2] = { &A.hdr, &B.hdr };
	struct ac_gather__frame G;
	ac_gather__init(&G, t, 2);
	ck_assert_int_eq(ac_run(&G.hdr), 0);
	ck_assert_int_eq(G.result, 0);
	ck_assert_uint_eq(ac_now(), 500);
	ck_assert_int_eq(A.result, 1);
}
END_TEST

START_TEST(child_awaited_by_another)
{
	struct sleeper__frame S;
	sleeper__init(&S, 1, 500);
	ac_task *t[1] = { &S.hdr };
	struct ac_gather__frame G1, G2;
	ac_gather__init(&G1, t, 1);
	ac_gather__init(&G2, t, 1);
	ck_assert_int_eq(ac_task_spawn(&G1.hdr), 0);
	struct ac_yield__frame Y;
	ac_yield__init(&Y);
	ck_assert_int_eq(ac_run(&Y.hdr), 0); /* G1 now waits for S */
	ck_assert_ptr_eq(S.hdr.waiter, &G1.hdr);
	ck_assert_int_eq(ac_run(&G2.hdr), 0);
	ck_assert_int_eq(G2.result, AC_EBUSY);
	ck_assert_int_eq(ac_run(&G1.hdr), 0);
	ck_assert_int_eq(G1.result, 0);
	ck_assert_uint_eq(ac_now(), 500);
}
END_TEST

START_TEST(null_child)
{
	ac_task *t[2] = { NULL, NULL };
	struct ac_gather__frame G;
	ac_gather__init(&G, t, 2);
	ck_assert_int_eq(ac_run(&G.hdr), 0);
	ck_assert_int_eq(G.result, AC_EINVAL);
}
END_TEST

START_TEST(heap_gather_frame)
{
	struct sleeper__frame A;
	sleeper__init(&A, 1, 5);
	ac_task *t[1] = { &A.hdr };
	ac_task *g = ac_gather(t, 1);
	ck_assert_ptr_nonnull(g);
	ck_assert_int_eq(ac_run(g), 0);
	ck_assert_int_eq(*(int *)ac_task_result(g), 0);
	ac_task_free(g);
}
END_TEST

START_TEST(duplicate_child)
{
	/* A task listed twice is waited for once. */
	struct sleeper__frame A;
	sleeper__init(&A, 1, 10);
	ac_task *t[3] = { &A.hdr, &A.hdr, &A.hdr };
	struct ac_gather__frame G;
	ac_gather__init(&G, t, 3);
	ck_assert_int_eq(ac_run(&G.hdr), 0);
	ck_assert_int_eq(G.result, 0);
	ck_assert_str_eq(rt_trace_buf, "1+0 1-10 ");
}
END_TEST

START_TEST(many_children_in_order)
{
	/* Children finishing in array order were the quadratic case of a
	 * gather that rescanned its array after each completion. */
	enum { N = 100000 };
	struct yielder__frame *Y = malloc(N * sizeof *Y);
	ac_task **t = malloc(N * sizeof *t);
	ck_assert_ptr_nonnull(Y);
	ck_assert_ptr_nonnull(t);
	for (int i = 0; i < N; i++) {
		yielder__init(&Y[i], 0, 1);
		t[i] = &Y[i].hdr;
	}
	rt_trace_reset();
	struct ac_gather__frame G;
	ac_gather__init(&G, t, N);
	ck_assert_int_eq(ac_run(&G.hdr), 0);
	ck_assert_int_eq(G.result, 0);
	ck_assert_uint_eq(G.pending, 0);
	for (int i = 0; i < N; i++)
		ck_assert(ac_task_done(t[i]));
	free(Y);
	free(t);
}
END_TEST

static Suite *gather_suite(void)
{
	Suite *s = suite_create("gather");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, rt_setup_virtual, rt_teardown);
	tcase_add_test(tc, three_sleeps_run_concurrently);
	tcase_add_test(tc, heap_gather3);
	tcase_add_test(tc, already_done_children);
	tcase_add_test(tc, child_started_elsewhere);
	tcase_add_test(tc, child_awaited_by_another);
	tcase_add_test(tc, null_child);
	tcase_add_test(tc, heap_gather_frame);
	tcase_add_test(tc, duplicate_child);
	tcase_add_test(tc, many_children_in_order);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(gather_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
