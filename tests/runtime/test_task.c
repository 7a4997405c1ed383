/*
 * test_task.c - scheduling, await, yield order, ownership, spawn, dumps.
 */
#include "frames.h"
#include "asyncc-internal.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

/* A task that suspends without arranging to be woken: ac_run must see that
 * nothing can ever make progress. */
struct stuck__frame {
	ac_task hdr;
	int result;
};
static const ac_fn_info stuck__info = { "stuck", "t.ca", 90, 0, NULL,
					sizeof(struct stuck__frame) };
static ac_status stuck__step(ac_task *self)
{
	(void)self;
	return AC_PENDING;
}

START_TEST(sync_completion)
{
	struct twice__frame F;
	twice__init(&F, 21);
	ck_assert_int_eq(ac_run(&F.hdr), 0);
	ck_assert_int_eq(F.result, 42);
	ck_assert(ac_task_done(&F.hdr));
	ck_assert_uint_eq(ac_now(), 0);

	/* Awaiting a function that never suspends does not suspend either. */
	struct twice__frame P, C;
	twice__init(&P, 0);
	twice__init(&C, 5);
	ck_assert_int_eq(ac__await(&P.hdr, &C.hdr), 0);
	ck_assert_int_eq(*(int *)ac_task_result(&C.hdr), 10);
	/* A finished task can be awaited again; its result stays readable. */
	ck_assert_int_eq(ac__await(&P.hdr, &C.hdr), 0);
	ck_assert_int_eq(*(int *)ac_task_result(&C.hdr), 10);
}
END_TEST

START_TEST(nested_await)
{
	struct nested__frame F;
	nested__init(&F, 500);
	ck_assert_int_eq(ac_run(&F.hdr), 0);
	ck_assert_int_eq(F.result, 107);
	ck_assert_uint_eq(ac_now(), 500);
	ck_assert_str_eq(rt_trace_buf, "7+0 7-500 ");
	/* Running a finished task again is a no-op. */
	ck_assert_int_eq(ac_run(&F.hdr), 0);
}
END_TEST

START_TEST(yield_fifo)
{
	struct yielder__frame Y[3];
	ac_task *t[3];
	for (int i = 0; i < 3; i++) {
		yielder__init(&Y[i], i + 1, 3);
		t[i] = &Y[i].hdr;
	}
	struct ac_gather__frame G;
	ac_gather__init(&G, t, 3);
	ck_assert_int_eq(ac_run(&G.hdr), 0);
	ck_assert_str_eq(rt_trace_buf, "1 2 3 1 2 3 1 2 3 ");
	for (int i = 0; i < 3; i++)
		ck_assert_int_eq(Y[i].result, 3);
}
END_TEST

START_TEST(heap_task_run_and_free)
{
	ac_task *t = sleeper__new(4, 30);
	ck_assert_ptr_nonnull(t);
	ck_assert_int_eq(ac_run(t), 0);
	ck_assert_int_eq(*(int *)ac_task_result(t), 4);
	ac_task_free(t);
	/* Unstarted heap tasks can be freed too. */
	ac_task_free(twice__new(1));
	ac_task_free(NULL);
}
END_TEST

/*
 * 60 async int owner(void) {
 * 61     ac_task *a = sleeper(1, 10);
 * 62     ac_task *b = sleeper(2, 100000); spawn b;
 * 63     ac_task *c = twice(5);
 * 64     return await a;
 * 65 }
 */
struct owner__frame {
	ac_task hdr;
	int result;
	ac_task *a, *b, *c;
};
static const int owner__lines[] = { 60, 64 };
static const ac_fn_info owner__info = { "owner", "t.ca", 60, 2, owner__lines,
					sizeof(struct owner__frame) };
static ac_status owner__step(ac_task *self)
{
	struct owner__frame *F = (struct owner__frame *)self;
	switch (F->hdr.state) {
	case 0:
		break;
	case 1:
		goto ac_L64;
	}
	F->a = sleeper__new(1, 10);
	ac__task_adopt(&F->hdr, F->a);
	F->b = sleeper__new(2, 100000);
	ac__task_adopt(&F->hdr, F->b);
	ac_task_spawn(F->b);
	F->c = twice__new(5);
	ac__task_adopt(&F->hdr, F->c);
	if (ac__await(&F->hdr, F->a)) {
		F->hdr.state = 1;
		return AC_PENDING;
	ac_L64:;
	}
	F->result = *(int *)ac_task_result(F->a);
	return ac__task_finish(&F->hdr);
}

START_TEST(ownership)
{
	struct ac__pool_stats before, mid, after;
	ac__pool_stats(&before);
	struct owner__frame F;
	ac__task_init(&F.hdr, owner__step, &owner__info, &F.result);
	ck_assert_int_eq(ac_run(&F.hdr), 0);
	ck_assert_int_eq(F.result, 1);
	ck_assert(!(F.hdr.flags & AC_TASK_OWNS));
	/* a (done) and c (never started) are freed as it returns; b, which
	 * nobody awaited, was cancelled and the return waited for it (its
	 * code may write into the frame), then the loop freed it. */
	ck_assert_str_eq(rt_trace_buf, "1+0 2+0 1-10 2-10 ");
	ck_assert_uint_eq(ac_now(), 10);
	ac__pool_stats(&mid);
	ck_assert_uint_eq(mid.allocs - before.allocs, 3);
	ck_assert_uint_eq(mid.frees - before.frees, 3);

	struct ac_yield__frame Y;
	ac_yield__init(&Y);
	ck_assert_int_eq(ac_run(&Y.hdr), 0);
	ac__pool_stats(&after);
	ck_assert_uint_eq(after.frees - before.frees, 3);
}
END_TEST

/*
 * 70 async int maker(ac_task **out, int ms) {
 * 71     *out = sleeper(3, 50);
 * 72     return await ac_sleep(ms);
 * 73 }
 * Creates a task (its frame's) and hands it out.
 */
struct maker__frame {
	ac_task hdr;
	int result;
	ac_task **out;
	int ms;
	union {
		struct ac_sleep__frame a1;
	} aw;
};
static const int maker__lines[] = { 70, 72 };
static const ac_fn_info maker__info = { "maker", "t.ca", 70, 2, maker__lines,
					sizeof(struct maker__frame) };
static ac_status maker__step(ac_task *self)
{
	struct maker__frame *F = (struct maker__frame *)self;
	switch (F->hdr.state) {
	case 0:
		break;
	case 1:
		goto ac_L72;
	}
	*F->out = ac__adopt(&F->hdr, sleeper__new(3, 50));
	ac_sleep__init(&F->aw.a1, (uint64_t)F->ms);
	if (ac__await(&F->hdr, &F->aw.a1.hdr)) {
		F->hdr.state = 1;
		return AC_PENDING;
	ac_L72:;
	}
	F->result = F->aw.a1.result;
	return ac__finish(&F->hdr);
}

START_TEST(detach_from_elsewhere)
{
	/* The task is detached by code outside its owner (here plain C while
	 * the owner sleeps): it leaves the owner, which then returns without
	 * cancelling it. */
	struct ac__pool_stats before, after;
	ac__pool_stats(&before);
	ac_task *t = NULL;
	struct maker__frame M;
	ac__task_init(&M.hdr, maker__step, &maker__info, &M.result);
	M.out = &t;
	M.ms = 10;
	ck_assert_int_eq(ac_task_spawn(&M.hdr), 0);
	struct ac_yield__frame Y;
	ac_yield__init(&Y);
	ck_assert_int_eq(ac_run(&Y.hdr), 0);
	ck_assert_ptr_nonnull(t);
	ck_assert(ac__owns(&M.hdr, t));
	ck_assert_int_eq(ac_task_detach(t), 0);
	ck_assert(!ac__owns(&M.hdr, t));
	ck_assert_int_eq(ac_run(&M.hdr), 0);
	ck_assert_uint_eq(ac_now(), 10);
	struct sleeper__frame S;
	sleeper__init(&S, 4, 100);
	ck_assert_int_eq(ac_run(&S.hdr), 0);
	ck_assert_str_eq(rt_trace_buf, "3+0 4+10 3-50 4-110 ");
	ac__pool_stats(&after);
	ck_assert_uint_eq(after.allocs - before.allocs, 1);
	ck_assert_uint_eq(after.frees - before.frees, 1);
}
END_TEST

START_TEST(spawn_detached)
{
	struct ac__pool_stats before, after;
	ac__pool_stats(&before);
	ck_assert_int_eq(ac_task_spawn(sleeper__new(1, 100)), 0);
	ck_assert_int_eq(ac_task_spawn(NULL), AC_EINVAL);
	struct sleeper__frame S;
	sleeper__init(&S, 2, 200);
	ck_assert_int_eq(ac_run(&S.hdr), 0);
	ck_assert_str_eq(rt_trace_buf, "2+0 1+0 1-100 2-200 ");
	ac__pool_stats(&after);
	ck_assert_uint_eq(after.allocs - before.allocs, 1);
	ck_assert_uint_eq(after.frees - before.frees, 1);
	/* A started task cannot be spawned again. */
	ck_assert_int_eq(ac_task_spawn(&S.hdr), AC_EBUSY);
}
END_TEST

START_TEST(run_errors)
{
	ck_assert_int_eq(ac_run(NULL), AC_EINVAL);
	struct stuck__frame F;
	ac__task_init(&F.hdr, stuck__step, &stuck__info, &F.result);
	ck_assert_int_eq(ac_run(&F.hdr), AC_EDEADLK);
	ck_assert_ptr_nonnull(ac_loop_get());
}
END_TEST

START_TEST(strerror_codes)
{
	ck_assert_str_eq(ac_strerror(0), "success");
	ck_assert_str_eq(ac_strerror(AC_ECANCELED), "operation cancelled");
	ck_assert_str_eq(ac_strerror(AC_ENOMEM), "out of memory");
	ck_assert_str_eq(ac_strerror(AC_EINVAL), "invalid argument");
	ck_assert_str_eq(ac_strerror(AC_EBUSY), "resource busy");
	ck_assert_str_eq(ac_strerror(AC_ETIMEDOUT), "operation timed out");
	ck_assert_ptr_nonnull(strstr(ac_strerror(AC_EDEADLK), "deadlock"));
	ck_assert_str_eq(ac_strerror(-9999), "unknown error");
	/* every code of libuv's is named, its own ones too */
#define NAMED(name, message) \
	ck_assert(UV_##name == UV_UNKNOWN || strcmp(ac_strerror(UV_##name), "unknown error"));
	UV_ERRNO_MAP(NAMED)
#undef NAMED
}
END_TEST

/*
 * 80 async int dumper(void) {
 * 81     await ac_sleep(10);
 * 82     ac_task_dump(out);
 * 83     return 0;
 * 84 }
 */
struct dumper__frame {
	ac_task hdr;
	int result;
	FILE *out;
	union {
		struct ac_sleep__frame a1;
	} aw;
};
static const int dumper__lines[] = { 80, 81 };
static const ac_fn_info dumper__info = { "dumper", "t.ca", 80, 2,
					 dumper__lines,
					 sizeof(struct dumper__frame) };
static ac_status dumper__step(ac_task *self)
{
	struct dumper__frame *F = (struct dumper__frame *)self;
	switch (F->hdr.state) {
	case 0:
		break;
	case 1:
		goto ac_L81;
	}
	ac_sleep__init(&F->aw.a1, 10);
	if (ac__await(&F->hdr, &F->aw.a1.hdr)) {
		F->hdr.state = 1;
		return AC_PENDING;
	ac_L81:;
	}
	ac_task_dump(F->out);
	F->result = 0;
	return ac__task_finish(&F->hdr);
}

START_TEST(dump_live_tasks)
{
	char *text = NULL;
	size_t len = 0;
	struct dumper__frame D;
	ac__task_init(&D.hdr, dumper__step, &dumper__info, &D.result);
	D.out = open_memstream(&text, &len);
	ck_assert_ptr_nonnull(D.out);
	struct sleeper__frame S;
	sleeper__init(&S, 1, 1000);
	struct nested__frame N;
	nested__init(&N, 2000);
	ac_task *t[3] = { &S.hdr, &N.hdr, &D.hdr };
	struct ac_gather__frame G;
	ac_gather__init(&G, t, 3);
	ck_assert_int_eq(ac_run(&G.hdr), 0);
	fclose(D.out);
	ck_assert_ptr_nonnull(strstr(text, "asyncc tasks at 10 ms:\n"));
	ck_assert_ptr_nonnull(strstr(text, "  dumper (t.ca:81) running\n"));
	ck_assert_ptr_nonnull(strstr(text, "  sleeper (t.ca:12) awaiting ac_sleep\n"));
	ck_assert_ptr_nonnull(strstr(text, "  nested (t.ca:31) awaiting sleeper\n"));
	ck_assert_ptr_nonnull(strstr(text, "sleeping 2000 ms, due at 2000 ms\n"));
	ck_assert_ptr_nonnull(strstr(text, "  ac_gather (<runtime>:0) gathering 3 tasks, 3 pending\n"));
	/* The gather is shared by three chains but printed once; the other
	 * chains end by naming it. */
	ck_assert_ptr_null(strstr(strstr(text, "  ac_gather (") + 1, "  ac_gather ("));
	ck_assert_ptr_nonnull(strstr(text, "\n  ... awaited by ac_gather (<runtime>:0), above\n"));
	free(text);
}
END_TEST

/* The table of owned tasks (own.c) under churn: many owners, several
 * tasks each, a detach from the middle of a list, owners finishing in a
 * scrambled order (removals from the middle of probe runs).  Every task
 * is freed exactly once and the table ends empty. */
START_TEST(many_owners)
{
	enum { OWNERS = 1500, EACH = 3 };
	static struct twice__frame owner[OWNERS];
	static ac_task *t[OWNERS][EACH];
	struct ac__pool_stats a, b;
	ac__pool_stats(&a);
	for (int i = 0; i < OWNERS; i++) {
		twice__init(&owner[i], i);
		for (int k = 0; k < EACH; k++) {
			t[i][k] = twice__new(k);
			ck_assert_ptr_nonnull(t[i][k]);
			ac__task_adopt(&owner[i].hdr, t[i][k]);
		}
		ck_assert(owner[i].hdr.flags & AC_TASK_OWNS);
	}
	ck_assert_uint_eq(ac__L.owners.count, OWNERS);
	/* the last adopted is found without a search, the others by one */
	ck_assert_ptr_eq(ac__owner_last(t[OWNERS - 1][EACH - 1]),
			 &owner[OWNERS - 1].hdr);
	ck_assert_ptr_null(ac__owner_last(t[OWNERS - 1][0]));
	for (int i = 0; i < OWNERS; i++) {
		ck_assert(ac__owns(&owner[i].hdr, t[i][1]));
		ck_assert(!ac__owns(&owner[i].hdr, t[(i + 1) % OWNERS][1]));
		for (int k = 0; k < EACH; k++)
			ck_assert_ptr_eq(ac__owner_of(t[i][k]), &owner[i].hdr);
	}
	for (int n = 0; n < OWNERS; n++) { /* 1009 is prime to OWNERS */
		int i = (n * 1009) % OWNERS;
		ac__disown(&owner[i].hdr, t[i][1]);
		t[i][1]->flags &= ~AC__TASK_OWNED;
		ac_task_free(t[i][1]);
		if (n + 1 < OWNERS) /* entries moved by the deletions */
			ck_assert_ptr_eq(ac__owner_of(t[i][2]), &owner[i].hdr);
		ac__task_finish(&owner[i].hdr); /* frees t[i][0] and t[i][2] */
		ck_assert(!(owner[i].hdr.flags & AC_TASK_OWNS));
		ck_assert_uint_eq(ac__L.owners.count, OWNERS - 1 - n);
	}
	ac__pool_stats(&b);
	ck_assert_uint_eq(b.frees - a.frees, OWNERS * EACH);
}
END_TEST

/* Entries of the ready queue, walked from its head. */
static size_t ready_len(void)
{
	size_t n = 0;
	for (ac_task *t = ac__readyq.head; t; t = t->awaiting)
		n++;
	return n;
}

/* The ready queue, linked through the frames, keeps FIFO order through
 * interleaved pushes and pops, empties, and takes a frame again once it
 * was popped. */
START_TEST(ready_queue_in_order)
{
	static struct twice__frame T[100];
	int pushed = 0, popped = 0;
	for (; pushed < 10; pushed++)
		ac__ready_push(&T[pushed].hdr);
	for (; popped < 8; popped++)
		ck_assert_ptr_eq(ac__ready_pop(), &T[popped].hdr);
	for (; pushed < 60; pushed++) {
		ac__ready_push(&T[pushed].hdr);
		ck_assert(T[pushed].hdr.flags & AC__TASK_QUEUED);
		if (pushed % 7 == 0)
			ck_assert_ptr_eq(ac__ready_pop(), &T[popped++].hdr);
	}
	ck_assert_uint_eq(ready_len(), (size_t)(pushed - popped));
	ck_assert_ptr_eq(ac__readyq.tail, &T[pushed - 1].hdr);
	for (; popped < pushed; popped++) {
		ac_task *t = ac__ready_pop();
		ck_assert_ptr_eq(t, &T[popped].hdr);
		ck_assert(!(t->flags & AC__TASK_QUEUED));
		ck_assert_ptr_null(t->awaiting);
	}
	ck_assert_ptr_null(ac__ready_pop());
	ck_assert_ptr_null(ac__readyq.head);
	ck_assert_ptr_null(ac__readyq.tail);
	ac__ready_push(&T[3].hdr); /* again, into the emptied queue */
	ac__ready_push(&T[1].hdr);
	ck_assert_ptr_eq(ac__ready_pop(), &T[3].hdr);
	ck_assert_ptr_eq(ac__ready_pop(), &T[1].hdr);
	ck_assert_ptr_null(ac__ready_pop());
}
END_TEST

static Suite *task_suite(void)
{
	Suite *s = suite_create("task");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, rt_setup_virtual, rt_teardown);
	tcase_add_test(tc, sync_completion);
	tcase_add_test(tc, nested_await);
	tcase_add_test(tc, yield_fifo);
	tcase_add_test(tc, heap_task_run_and_free);
	tcase_add_test(tc, ownership);
	tcase_add_test(tc, many_owners);
	tcase_add_test(tc, spawn_detached);
	tcase_add_test(tc, detach_from_elsewhere);
	tcase_add_test(tc, ready_queue_in_order);
	tcase_add_test(tc, run_errors);
	tcase_add_test(tc, strerror_codes);
	tcase_add_test(tc, dump_live_tasks);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(task_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
