/*
 * test_group.c - task groups: waiting for all, the first failure cancelling
 * the siblings, cancellation of the wait, spawning from a child (siblings
 * it created are the group's: a recursive fan-out), heap children freed by
 * the runtime.
 */
#include "frames.h"
#include "asyncc-internal.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Spawns sleepers (id ids[i], ms[i]) into g; returns nothing. */
static void spawn_sleepers(ac_group *g, struct sleeper__frame *S,
			   const int *ids, const int *ms, int n)
{
	for (int i = 0; i < n; i++) {
		sleeper__init(&S[i], ids[i], ms[i]);
		ck_assert_int_eq(ac_group_spawn(g, &S[i].hdr), 0);
	}
}

static int wait_group(ac_group *g)
{
	struct ac_group_wait__frame W;
	ac_group_wait__init(&W, g);
	ck_assert_int_eq(ac_run(&W.hdr), 0);
	return W.result;
}

START_TEST(waits_for_all)
{
	ac_group g;
	ck_assert_int_eq(ac_group_init(&g), 0);
	struct sleeper__frame S[3];
	spawn_sleepers(&g, S, (const int[]){ 1, 2, 3 },
		       (const int[]){ 30, 10, 20 }, 3);
	ck_assert_int_eq(wait_group(&g), 0);
	ck_assert_uint_eq(ac_now(), 30);
	for (int i = 0; i < 3; i++)
		ck_assert_int_eq(S[i].result, i + 1);
	ck_assert_str_eq(rt_trace_buf, "1+0 2+0 3+0 2-10 3-20 1-30 ");
	ck_assert_uint_eq(g.running, 0);
	/* Finished: no more children. */
	struct twice__frame T;
	twice__init(&T, 1);
	ck_assert_int_eq(ac_group_spawn(&g, &T.hdr), AC_EBUSY);
	ck_assert_int_eq(wait_group(&g), 0);
}
END_TEST

START_TEST(failure_cancels_siblings)
{
	/* Child -5 fails at 20 ms: the others are cancelled at once and the
	 * wait yields -5 once they have finished. */
	ac_group g;
	ck_assert_int_eq(ac_group_init(&g), 0);
	struct sleeper__frame S[3];
	spawn_sleepers(&g, S, (const int[]){ 1, -5, 3 },
		       (const int[]){ 100, 20, 200 }, 3);
	ck_assert_int_eq(wait_group(&g), -5);
	ck_assert_uint_eq(ac_now(), 20);
	ck_assert_int_eq(S[0].result, AC_ECANCELED);
	ck_assert_int_eq(S[2].result, AC_ECANCELED);
	ck_assert_str_eq(rt_trace_buf, "1+0 -5+0 3+0 -5-20 1-20 3-20 ");
}
END_TEST

START_TEST(first_failure_wins)
{
	ac_group g;
	ck_assert_int_eq(ac_group_init(&g), 0);
	struct sleeper__frame S[3];
	spawn_sleepers(&g, S, (const int[]){ -7, -8, 1 },
		       (const int[]){ 10, 10, 10 }, 3);
	ck_assert_int_eq(wait_group(&g), -7);
	/* -8 had its sleep queued when it was cancelled: it fails too. */
	ck_assert_int_eq(S[1].result, AC_ECANCELED);
}
END_TEST

START_TEST(failure_cancels_sibling_sleeping_in_a_slot)
{
	/* A sibling whose sleep (written as such: a slot) was due in the same
	 * round as the failure, after it, is cancelled before it resumes: it
	 * sees AC_ECANCELED like a sleep taken as a task. */
	ac_group g;
	ck_assert_int_eq(ac_group_init(&g), 0);
	struct sleeper__frame F, T;
	struct slot_sleeper__frame S;
	sleeper__init(&F, -7, 10);
	slot_sleeper__init(&S, 1, 10);
	sleeper__init(&T, 2, 10);
	ck_assert_int_eq(ac_group_spawn(&g, &F.hdr), 0);
	ck_assert_int_eq(ac_group_spawn(&g, &S.hdr), 0);
	ck_assert_int_eq(ac_group_spawn(&g, &T.hdr), 0);
	ck_assert_int_eq(wait_group(&g), -7);
	ck_assert_int_eq(S.result, AC_ECANCELED);
	ck_assert_int_eq(T.result, AC_ECANCELED);
}
END_TEST

START_TEST(failure_before_the_wait)
{
	/* The owner does other work while a child fails; its later wait
	 * reports the failure. */
	ac_group g;
	ck_assert_int_eq(ac_group_init(&g), 0);
	struct sleeper__frame S[2];
	spawn_sleepers(&g, S, (const int[]){ -2, 1 },
		       (const int[]){ 5, 1000 }, 2);
	struct sleeper__frame Own;
	sleeper__init(&Own, 9, 50);
	ck_assert_int_eq(ac_run(&Own.hdr), 0);
	ck_assert_uint_eq(g.running, 0);
	ck_assert_int_eq(wait_group(&g), -2);
	ck_assert_uint_eq(ac_now(), 50);
	ck_assert_int_eq(S[1].result, AC_ECANCELED);
}
END_TEST

START_TEST(cancel_the_wait)
{
	ac_group g;
	ck_assert_int_eq(ac_group_init(&g), 0);
	struct sleeper__frame S[2];
	spawn_sleepers(&g, S, (const int[]){ 1, 2 },
		       (const int[]){ 100, 200 }, 2);
	struct ac_group_wait__frame W;
	ac_group_wait__init(&W, &g);
	struct canceller__frame K;
	canceller__init(&K, &W.hdr, 15);
	ac_task *t[2] = { &W.hdr, &K.hdr };
	struct ac_gather__frame G;
	ac_gather__init(&G, t, 2);
	ck_assert_int_eq(ac_run(&G.hdr), 0);
	/* The children were cancelled; their AC_ECANCELED is the first
	 * failure. */
	ck_assert_int_eq(W.result, AC_ECANCELED);
	ck_assert_int_eq(S[0].result, AC_ECANCELED);
	ck_assert_int_eq(S[1].result, AC_ECANCELED);
	ck_assert_uint_eq(ac_now(), 15);
	ck_assert_uint_eq(g.running, 0);
}
END_TEST

START_TEST(explicit_cancel)
{
	/* ac_group_cancel also cancels children spawned afterwards. */
	ac_group g;
	ck_assert_int_eq(ac_group_init(&g), 0);
	struct sleeper__frame S[2];
	spawn_sleepers(&g, S, (const int[]){ 1 }, (const int[]){ 100 }, 1);
	ac_group_cancel(&g);
	spawn_sleepers(&g, S + 1, (const int[]){ 2 }, (const int[]){ 100 }, 1);
	ck_assert_int_eq(wait_group(&g), AC_ECANCELED);
	ck_assert_int_eq(S[1].result, AC_ECANCELED);
	ck_assert_uint_eq(ac_now(), 0);
}
END_TEST

/*
 * 300 async int spawner(ac_group *g, int ms) {
 * 301     await ac_sleep(ms);
 * 302     return ac_group_spawn(g, sleeper(9, ms));
 * 303 }
 * A child that adds a sibling (a nursery's start_soon).
 */
struct spawner__frame {
	ac_task hdr;
	int result;
	ac_group *g;
	int ms;
	union {
		struct ac_sleep__frame a1;
	} aw;
};
static const int spawner__lines[] = { 300, 301 };
static const ac_fn_info spawner__info = { "spawner", "t.ca", 300, 2,
					  spawner__lines,
					  sizeof(struct spawner__frame) };
static ac_status spawner__step(ac_task *self)
{
	struct spawner__frame *F = (struct spawner__frame *)self;
	switch (F->hdr.state) {
	case 0:
		break;
	case 1:
		goto ac_L301;
	}
	ac_sleep__init(&F->aw.a1, (uint64_t)F->ms);
	if (ac__await(&F->hdr, &F->aw.a1.hdr)) {
		F->hdr.state = 1;
		return AC_PENDING;
	ac_L301:;
	}
	F->result = ac_group_spawn(F->g, sleeper__new(9, F->ms));
	return ac__task_finish(&F->hdr);
}

START_TEST(child_spawns_sibling)
{
	ac_group g;
	ck_assert_int_eq(ac_group_init(&g), 0);
	struct spawner__frame P;
	ac__task_init(&P.hdr, spawner__step, &spawner__info, &P.result);
	P.g = &g;
	P.ms = 40;
	ck_assert_int_eq(ac_group_spawn(&g, &P.hdr), 0);
	ck_assert_int_eq(wait_group(&g), 0);
	ck_assert_int_eq(P.result, 0);
	ck_assert_uint_eq(ac_now(), 80); /* the sibling was waited for */
	ck_assert_str_eq(rt_trace_buf, "9+40 9-80 ");
}
END_TEST

/*
 * 310 async int fanout(ac_group *g, int depth, int ms) {
 * 311     int r = await ac_sleep(ms);
 * 312     if (r < 0)
 * 313         return r;
 * 314     trace("%d@%llu ", depth, ac_now());
 * 315     for (int i = 0; i < 2 && depth > 0; i++)
 * 316         ac_group_spawn(g, fanout(g, depth - 1, ms));
 * 317     return 0;
 * 318 }
 * A crawler: each page spawns the pages it links to into the one group
 * and returns at once.  The tasks it creates are its frame's (ac__adopt)
 * until ac_group_spawn hands them to the group.
 */
struct fanout__frame {
	ac_task hdr;
	int result;
	ac_group *g;
	int depth;
	int ms;
	int i;
	union {
		struct ac_sleep__frame a1;
	} aw;
};
static ac_status fanout__step(ac_task *self);
static const int fanout__lines[] = { 310, 311 };
static const ac_fn_info fanout__info = { "fanout", "t.ca", 310, 2,
					 fanout__lines,
					 sizeof(struct fanout__frame) };
static void fanout__init(struct fanout__frame *F, ac_group *g, int depth,
			 int ms)
{
	ac__task_init(&F->hdr, fanout__step, &fanout__info, &F->result);
	F->g = g;
	F->depth = depth;
	F->ms = ms;
}
static ac_task *fanout__new(ac_group *g, int depth, int ms)
{
	struct fanout__frame *F = ac__frame_alloc(sizeof *F);
	if (!F)
		return NULL;
	fanout__init(F, g, depth, ms);
	F->hdr.flags |= AC_TASK_HEAP;
	return &F->hdr;
}
static ac_status fanout__step(ac_task *self)
{
	struct fanout__frame *F = (struct fanout__frame *)self;
	switch (F->hdr.state) {
	case 0:
		break;
	case 1:
		goto ac_L311;
	}
	ac_sleep__init(&F->aw.a1, (uint64_t)F->ms);
	if (ac__await(&F->hdr, &F->aw.a1.hdr)) {
		F->hdr.state = 1;
		return AC_PENDING;
	ac_L311:;
	}
	if (F->aw.a1.result < 0) {
		F->result = F->aw.a1.result;
		goto ac_return;
	}
	rt_trace("%d@%llu ", F->depth, (unsigned long long)ac_now());
	for (F->i = 0; F->i < 2 && F->depth > 0; F->i++)
		ac_group_spawn(F->g, ac__adopt(&F->hdr,
			fanout__new(F->g, F->depth - 1, F->ms)));
	F->result = 0;
ac_return:
	return ac__finish(&F->hdr);
}

START_TEST(child_spawns_own_sibling)
{
	/* A sibling created and spawned by a child that then returns runs
	 * to its end: it is the group's, not the returning child's. */
	struct ac__pool_stats before, after;
	ac__pool_stats(&before);
	ac_group g;
	ck_assert_int_eq(ac_group_init(&g), 0);
	struct fanout__frame P;
	fanout__init(&P, &g, 1, 40);
	ck_assert_int_eq(ac_group_spawn(&g, &P.hdr), 0);
	ck_assert_int_eq(wait_group(&g), 0);
	ck_assert_uint_eq(ac_now(), 80);
	ck_assert_str_eq(rt_trace_buf, "1@40 0@80 0@80 ");
	ck_assert(!(P.hdr.flags & AC_TASK_OWNS));
	ac__pool_stats(&after);
	ck_assert_uint_eq(after.allocs - before.allocs,
			  after.frees - before.frees);
}
END_TEST

START_TEST(recursive_fanout)
{
	/* Four levels, each page linking to two: 15 pages, level k found at
	 * (k + 1) * 10 ms, all in one group, every frame freed. */
	struct ac__pool_stats before, after;
	ac__pool_stats(&before);
	ac_group g;
	ck_assert_int_eq(ac_group_init(&g), 0);
	ck_assert_int_eq(ac_group_spawn(&g, fanout__new(&g, 3, 10)), 0);
	ck_assert_int_eq(wait_group(&g), 0);
	ck_assert_uint_eq(ac_now(), 40);
	ck_assert_str_eq(rt_trace_buf, "3@10 2@20 2@20 1@30 1@30 1@30 1@30 "
		"0@40 0@40 0@40 0@40 0@40 0@40 0@40 0@40 ");
	ck_assert_uint_eq(ac__L.owners.count, 0);
	ac__pool_stats(&after);
	ck_assert_uint_eq(after.allocs - before.allocs,
			  after.frees - before.frees);
}
END_TEST

START_TEST(fanout_cancelled)
{
	/* The group cancelled mid-crawl: the pages running then fail, the
	 * wait reports it, and nothing is left. */
	struct ac__pool_stats before, after;
	ac__pool_stats(&before);
	ac_group g;
	ck_assert_int_eq(ac_group_init(&g), 0);
	ck_assert_int_eq(ac_group_spawn(&g, fanout__new(&g, 3, 10)), 0);
	struct ac_group_wait__frame W;
	ac_group_wait__init(&W, &g);
	struct canceller__frame K;
	canceller__init(&K, &W.hdr, 25);
	ac_task *t[2] = { &W.hdr, &K.hdr };
	struct ac_gather__frame G;
	ac_gather__init(&G, t, 2);
	ck_assert_int_eq(ac_run(&G.hdr), 0);
	ck_assert_int_eq(W.result, AC_ECANCELED);
	ck_assert_uint_eq(ac_now(), 25);
	ck_assert_str_eq(rt_trace_buf, "3@10 2@20 2@20 cancel@25 ");
	ck_assert_uint_eq(g.running, 0);
	ac__pool_stats(&after);
	ck_assert_uint_eq(after.allocs - before.allocs,
			  after.frees - before.frees);
}
END_TEST

/*
 * 320 async int keeper(void) {
 * 321     ac_group g;
 * 322     ac_group_init(&g);
 * 323     ac_task *t = sleeper(7, 10);
 * 324     ac_group_spawn(&g, t);
 * 325     await ac_group_wait(&g);
 * 326     return await (async int)t;
 * 327 }
 * The group is a local of the frame that created t: t stays the frame's,
 * and its result can be read after the wait.
 */
struct keeper__frame {
	ac_task hdr;
	int result;
	ac_group g;
	ac_task *t;
	int owned; /* t was still the frame's after the spawn */
	union {
		struct ac_group_wait__frame a1;
	} aw;
};
static const int keeper__lines[] = { 320, 325 };
static const ac_fn_info keeper__info = { "keeper", "t.ca", 320, 2,
					 keeper__lines,
					 sizeof(struct keeper__frame) };
static ac_status keeper__step(ac_task *self)
{
	struct keeper__frame *F = (struct keeper__frame *)self;
	switch (F->hdr.state) {
	case 0:
		break;
	case 1:
		goto ac_L325;
	}
	ac_group_init(&F->g);
	F->t = ac__adopt(&F->hdr, sleeper__new(7, 10));
	ac_group_spawn(&F->g, F->t);
	F->owned = ac__owns(&F->hdr, F->t);
	ac_group_wait__init(&F->aw.a1, &F->g);
	if (ac__await(&F->hdr, &F->aw.a1.hdr)) {
		F->hdr.state = 1;
		return AC_PENDING;
	ac_L325:;
	}
	F->result = *(int *)ac_task_result(F->t); /* done: no suspension */
	return ac__finish(&F->hdr);
}

START_TEST(group_in_the_creating_frame)
{
	struct ac__pool_stats before, after;
	ac__pool_stats(&before);
	struct keeper__frame K;
	ac__task_init(&K.hdr, keeper__step, &keeper__info, &K.result);
	ck_assert_int_eq(ac_run(&K.hdr), 0);
	ck_assert_int_eq(K.owned, 1);
	ck_assert_int_eq(K.result, 7);
	ck_assert_uint_eq(ac_now(), 10);
	ac__pool_stats(&after);
	ck_assert_uint_eq(after.allocs - before.allocs,
			  after.frees - before.frees);
}
END_TEST

/*
 * 330 async int maker(ac_task **out) {
 * 331     *out = sleeper(3, 50);
 * 332     return await ac_sleep(10);
 * 333 }
 */
struct maker__frame {
	ac_task hdr;
	int result;
	ac_task **out;
	union {
		struct ac_sleep__frame a1;
	} aw;
};
static const int maker__lines[] = { 330, 332 };
static const ac_fn_info maker__info = { "maker", "t.ca", 330, 2, maker__lines,
					sizeof(struct maker__frame) };
static ac_status maker__step(ac_task *self)
{
	struct maker__frame *F = (struct maker__frame *)self;
	switch (F->hdr.state) {
	case 0:
		break;
	case 1:
		goto ac_L332;
	}
	*F->out = ac__adopt(&F->hdr, sleeper__new(3, 50));
	ac_sleep__init(&F->aw.a1, 10);
	if (ac__await(&F->hdr, &F->aw.a1.hdr)) {
		F->hdr.state = 1;
		return AC_PENDING;
	ac_L332:;
	}
	F->result = F->aw.a1.result;
	return ac__finish(&F->hdr);
}

START_TEST(spawned_by_another_task)
{
	/* A task owned by a frame that is not running (it sleeps) is spawned
	 * into a group by somebody else: the group takes it from its owner,
	 * which returns at 10 ms without cancelling it. */
	struct ac__pool_stats before, after;
	ac__pool_stats(&before);
	ac_task *t = NULL;
	struct maker__frame M;
	ac__task_init(&M.hdr, maker__step, &maker__info, &M.result);
	M.out = &t;
	ck_assert_int_eq(ac_task_spawn(&M.hdr), 0);
	struct ac_yield__frame Y;
	ac_yield__init(&Y);
	ck_assert_int_eq(ac_run(&Y.hdr), 0);
	ck_assert_ptr_nonnull(t);
	ac_group g;
	ck_assert_int_eq(ac_group_init(&g), 0);
	ck_assert_int_eq(ac_group_spawn(&g, t), 0);
	ck_assert(!ac__owns(&M.hdr, t));
	ck_assert_int_eq(ac_run(&M.hdr), 0);
	ck_assert_uint_eq(ac_now(), 10);
	ck_assert_int_eq(wait_group(&g), 0);
	ck_assert_uint_eq(ac_now(), 50);
	ck_assert_str_eq(rt_trace_buf, "3+0 3-50 ");
	ac__pool_stats(&after);
	ck_assert_uint_eq(after.allocs - before.allocs,
			  after.frees - before.frees);
}
END_TEST

START_TEST(heap_children_are_freed)
{
	struct ac__pool_stats before, after;
	ac_group g;
	ck_assert_int_eq(ac_group_init(&g), 0);
	ac__pool_stats(&before);
	for (int i = 0; i < 100; i++)
		ck_assert_int_eq(ac_group_spawn(&g, sleeper__new(i, i % 7)), 0);
	ck_assert_uint_eq(g.running, 100);
	ck_assert_int_eq(wait_group(&g), 0);
	ac__pool_stats(&after);
	/* Each child and its link went back to the pool. */
	ck_assert_uint_eq(after.allocs - before.allocs,
			  after.frees - before.frees);
}
END_TEST

START_TEST(edge_cases)
{
	ac_group g;
	ck_assert_int_eq(ac_group_init(NULL), AC_EINVAL);
	ck_assert_int_eq(ac_group_init(&g), 0);
	ck_assert_int_eq(ac_group_spawn(&g, NULL), AC_EINVAL);
	struct twice__frame T;
	twice__init(&T, 1);
	ck_assert_int_eq(ac_run(&T.hdr), 0);
	ck_assert_int_eq(ac_group_spawn(&g, &T.hdr), AC_EBUSY); /* started */
	/* A second wait while one waits. */
	struct sleeper__frame S;
	spawn_sleepers(&g, &S, (const int[]){ 1 }, (const int[]){ 10 }, 1);
	struct ac_group_wait__frame W1, W2;
	ac_group_wait__init(&W1, &g);
	ac_group_wait__init(&W2, &g);
	ck_assert_int_eq(ac_task_spawn(&W1.hdr), 0);
	struct ac_yield__frame Y;
	ac_yield__init(&Y);
	ck_assert_int_eq(ac_run(&Y.hdr), 0); /* W1 now waits */
	ck_assert_int_eq(ac_run(&W2.hdr), 0);
	ck_assert_int_eq(W2.result, AC_EBUSY);
	ck_assert_int_eq(ac_run(&W1.hdr), 0);
	ck_assert_int_eq(W1.result, 0);
	/* An empty group completes at once. */
	ck_assert_int_eq(ac_group_init(&g), 0);
	ck_assert_int_eq(wait_group(&g), 0);
	ac_task *h = ac_group_wait(&g);
	ck_assert_int_eq(ac_run(h), 0);
	ac_task_free(h);
}
END_TEST

START_TEST(dump_shows_parked_tasks)
{
	/* A child waiting on a channel is found (nothing else points at
	 * it), with the chain above it: its link and the group's wait. */
	ac_chan c;
	ck_assert_int_eq(ac_chan_init(&c, sizeof(int), 1), 0);
	ac_group g;
	ck_assert_int_eq(ac_group_init(&g), 0);
	struct consumer__frame C;
	consumer__init(&C, &c, 1, 0);
	ck_assert_int_eq(ac_group_spawn(&g, &C.hdr), 0);
	struct ac_group_wait__frame W;
	ac_group_wait__init(&W, &g);
	ck_assert_int_eq(ac_task_spawn(&W.hdr), 0);
	struct ac_yield__frame Y;
	ac_yield__init(&Y);
	ck_assert_int_eq(ac_run(&Y.hdr), 0);
	char *text = rt_dump_text();
	char want[200];
	snprintf(want, sizeof want, "  ac_chan_recv (<runtime>:0) receiving "
		 "on channel %p (0 of 1 buffered)\n", (void *)&c);
	ck_assert_ptr_nonnull(strstr(text, want));
	ck_assert_ptr_nonnull(strstr(text, "  consumer (t.ca:92) awaiting "
					   "ac_chan_recv\n"));
	snprintf(want, sizeof want, "  ac_group child (<runtime>:0) child of "
		 "group %p\n  ac_group_wait (<runtime>:0) waiting for group "
		 "%p: 1 running\n", (void *)&g, (void *)&g);
	ck_assert_ptr_nonnull(strstr(text, want));
	free(text);
	ac_chan_close(&c);
	ck_assert_int_eq(ac_run(&W.hdr), 0);
	ck_assert_int_eq(W.result, 0);
	ck_assert_ptr_null(ac__L.live); /* no list has waiters any more */
	ac_chan_destroy(&c);
}
END_TEST

static Suite *group_suite(void)
{
	Suite *s = suite_create("group");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, rt_setup_virtual, rt_teardown);
	tcase_add_test(tc, waits_for_all);
	tcase_add_test(tc, failure_cancels_siblings);
	tcase_add_test(tc, first_failure_wins);
	tcase_add_test(tc, failure_cancels_sibling_sleeping_in_a_slot);
	tcase_add_test(tc, failure_before_the_wait);
	tcase_add_test(tc, cancel_the_wait);
	tcase_add_test(tc, explicit_cancel);
	tcase_add_test(tc, child_spawns_sibling);
	tcase_add_test(tc, child_spawns_own_sibling);
	tcase_add_test(tc, recursive_fanout);
	tcase_add_test(tc, fanout_cancelled);
	tcase_add_test(tc, group_in_the_creating_frame);
	tcase_add_test(tc, spawned_by_another_task);
	tcase_add_test(tc, heap_children_are_freed);
	tcase_add_test(tc, edge_cases);
	tcase_add_test(tc, dump_shows_parked_tasks);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(group_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
