/*
 * test_sync.c - events, semaphores and mutexes: order, hand-over without
 * barging, cancellation of waiting and of already-served waits.
 */
#include "frames.h"
#include "asyncc-internal.h"

#include <check.h>
#include <stdlib.h>

enum { SEM, MUTEX, EVENT };

/*
 * 200 async int user(int kind, void *obj, int id, int ms) {
 * 201     int r = kind == SEM ? await ac_sem_acquire(obj)
 * 202           : kind == MUTEX ? await ac_mutex_lock(obj)
 * 203           : await ac_event_wait(obj);
 * 204     trace("%d+%d@%llu ", id, r, ac_now());
 * 205     if (r < 0 || kind == EVENT)
 * 206         return r;
 * 207     await ac_sleep(ms);
 * 208     trace("%d-@%llu ", id, ac_now());
 * 209     kind == SEM ? ac_sem_release(obj) : ac_mutex_unlock(obj);
 * 210     return 0;
 * 211 }
 */
struct user__frame {
	ac_task hdr;
	int result;
	int kind;
	void *obj;
	int id;
	int ms;
	int r;
	union {
		struct ac_sem_acquire__frame a1;
		struct ac_mutex_lock__frame a2;
		struct ac_event_wait__frame a3;
		struct ac_sleep__frame a4;
	} aw;
};
static const int user__lines[] = { 200, 201, 202, 203, 207 };
static const ac_fn_info user__info = { "user", "t.ca", 200, 5, user__lines,
				       sizeof(struct user__frame) };
static ac_status user__step(ac_task *self)
{
	struct user__frame *F = (struct user__frame *)self;
	switch (F->hdr.state) {
	case 0:
		break;
	case 1:
		goto ac_L201;
	case 2:
		goto ac_L202;
	case 3:
		goto ac_L203;
	case 4:
		goto ac_L207;
	}
	if (F->kind == SEM) {
		ac_sem_acquire__init(&F->aw.a1, F->obj);
		if (ac__await(&F->hdr, &F->aw.a1.hdr)) {
			F->hdr.state = 1;
			return AC_PENDING;
		ac_L201:;
		}
		F->r = F->aw.a1.result;
	} else if (F->kind == MUTEX) {
		ac_mutex_lock__init(&F->aw.a2, F->obj);
		if (ac__await(&F->hdr, &F->aw.a2.hdr)) {
			F->hdr.state = 2;
			return AC_PENDING;
		ac_L202:;
		}
		F->r = F->aw.a2.result;
	} else {
		ac_event_wait__init(&F->aw.a3, F->obj);
		if (ac__await(&F->hdr, &F->aw.a3.hdr)) {
			F->hdr.state = 3;
			return AC_PENDING;
		ac_L203:;
		}
		F->r = F->aw.a3.result;
	}
	rt_trace("%d+%d@%llu ", F->id, F->r, (unsigned long long)ac_now());
	if (F->r < 0 || F->kind == EVENT) {
		F->result = F->r;
		goto ac_return;
	}
	ac_sleep__init(&F->aw.a4, (uint64_t)F->ms);
	if (ac__await(&F->hdr, &F->aw.a4.hdr)) {
		F->hdr.state = 4;
		return AC_PENDING;
	ac_L207:;
	}
	rt_trace("%d-@%llu ", F->id, (unsigned long long)ac_now());
	if (F->kind == SEM)
		ac_sem_release(F->obj);
	else
		ac_mutex_unlock(F->obj);
	F->result = 0;
ac_return:
	return ac__task_finish(&F->hdr);
}
static void user_init(struct user__frame *F, int kind, void *obj, int id,
		      int ms)
{
	ac__task_init(&F->hdr, user__step, &user__info, &F->result);
	F->kind = kind;
	F->obj = obj;
	F->id = id;
	F->ms = ms;
}

/* Runs n users of `obj` (ids 1..n, ms[i] each) and, if `extra`, one more
 * task, all under one gather. */
static void run_users(int kind, void *obj, int n, const int *ms,
		      ac_task *extra, struct user__frame *U)
{
	ac_task *t[9];
	ck_assert_int_le(n, 8);
	for (int i = 0; i < n; i++) {
		user_init(&U[i], kind, obj, i + 1, ms ? ms[i] : 0);
		t[i] = &U[i].hdr;
	}
	if (extra)
		t[n++] = extra;
	struct ac_gather__frame G;
	ac_gather__init(&G, t, (size_t)n);
	ck_assert_int_eq(ac_run(&G.hdr), 0);
	ck_assert_int_eq(G.result, 0);
}

/* Lets every spawned task run until it waits. */
static void settle(void)
{
	struct ac_yield__frame Y;
	ac_yield__init(&Y);
	ck_assert_int_eq(ac_run(&Y.hdr), 0);
}

START_TEST(sem_bounds_concurrency)
{
	/* Two permits, five users of 10 ms: at most two at a time, served
	 * in the order they asked. */
	ac_sem s;
	ck_assert_int_eq(ac_sem_init(&s, 2), 0);
	struct user__frame U[5];
	run_users(SEM, &s, 5, (const int[]){ 10, 10, 10, 10, 10 }, NULL, U);
	ck_assert_str_eq(rt_trace_buf,
			 "1+0@0 2+0@0 1-@10 2-@10 3+0@10 4+0@10 3-@20 4-@20 "
			 "5+0@20 5-@30 ");
	ck_assert_uint_eq(s.count, 2);
}
END_TEST

START_TEST(sem_release_hands_over)
{
	/* A permit released while a task waits is that task's: a try
	 * right after the release does not get it. */
	ac_sem s;
	ck_assert_int_eq(ac_sem_init(&s, 1), 0);
	ck_assert_int_eq(ac_sem_try_acquire(&s), 0);
	ck_assert_int_eq(ac_sem_try_acquire(&s), AC_EBUSY);
	struct user__frame U;
	user_init(&U, SEM, &s, 1, 5);
	ck_assert_int_eq(ac_task_spawn(&U.hdr), 0);
	settle();
	ck_assert_uint_eq(ac__waitq_len(&s.waiters), 1);
	ac_sem_release(&s);
	ck_assert_int_eq(ac_sem_try_acquire(&s), AC_EBUSY);
	ck_assert_int_eq(ac_run(&U.hdr), 0);
	ck_assert_int_eq(U.result, 0);
	ck_assert_uint_eq(s.count, 1);
	ck_assert_str_eq(rt_trace_buf, "1+0@0 1-@5 ");
}
END_TEST

START_TEST(sem_cancel_waiting)
{
	ac_sem s;
	ck_assert_int_eq(ac_sem_init(&s, 0), 0);
	struct user__frame U[1];
	struct canceller__frame K;
	canceller__init(&K, &U[0].hdr, 10);
	run_users(SEM, &s, 1, NULL, &K.hdr, U);
	ck_assert_int_eq(U[0].result, AC_ECANCELED);
	ck_assert_uint_eq(ac__waitq_len(&s.waiters), 0);
	ac_sem_release(&s); /* nobody waits: the permit is free */
	ck_assert_uint_eq(s.count, 1);
	ck_assert_str_eq(rt_trace_buf, "cancel@10 1+-125@10 ");
}
END_TEST

START_TEST(sem_cancel_after_hand_over)
{
	/* Cancelled after it was handed the permit: it holds it (and its
	 * later sleep fails, so it releases at once). */
	ac_sem s;
	ck_assert_int_eq(ac_sem_init(&s, 0), 0);
	struct user__frame U;
	user_init(&U, SEM, &s, 1, 1000);
	ck_assert_int_eq(ac_task_spawn(&U.hdr), 0);
	settle();
	ac_sem_release(&s);
	ck_assert_int_eq(ac_task_cancel(&U.hdr), 0);
	ck_assert_int_eq(ac_run(&U.hdr), 0);
	ck_assert_int_eq(U.result, 0);
	ck_assert_uint_eq(s.count, 1);
	ck_assert_str_eq(rt_trace_buf, "1+0@0 1-@0 ");
}
END_TEST

START_TEST(mutex_serializes_in_order)
{
	ac_mutex m;
	ck_assert_int_eq(ac_mutex_init(&m), 0);
	struct user__frame U[3];
	run_users(MUTEX, &m, 3, (const int[]){ 10, 5, 1 }, NULL, U);
	ck_assert_str_eq(rt_trace_buf,
			 "1+0@0 1-@10 2+0@10 2-@15 3+0@15 3-@16 ");
	ck_assert_int_eq(m.locked, 0);
	ck_assert_int_eq(ac_mutex_trylock(&m), 0);
	ck_assert_int_eq(ac_mutex_trylock(&m), AC_EBUSY);
	ac_mutex_unlock(&m);
	ck_assert_int_eq(m.locked, 0);
}
END_TEST

START_TEST(mutex_cancel_waiting)
{
	/* The second locker is cancelled while it waits; the third gets the
	 * lock next. */
	ac_mutex m;
	ck_assert_int_eq(ac_mutex_init(&m), 0);
	struct user__frame U[3];
	struct canceller__frame K;
	canceller__init(&K, &U[1].hdr, 5);
	run_users(MUTEX, &m, 3, (const int[]){ 10, 10, 10 }, &K.hdr, U);
	ck_assert_int_eq(U[1].result, AC_ECANCELED);
	ck_assert_str_eq(rt_trace_buf,
			 "1+0@0 cancel@5 2+-125@5 1-@10 3+0@10 3-@20 ");
	ck_assert_int_eq(m.locked, 0);
}
END_TEST

START_TEST(mutex_cancel_after_hand_over)
{
	ac_mutex m;
	ck_assert_int_eq(ac_mutex_init(&m), 0);
	ck_assert_int_eq(ac_mutex_trylock(&m), 0);
	struct user__frame U;
	user_init(&U, MUTEX, &m, 1, 1000);
	ck_assert_int_eq(ac_task_spawn(&U.hdr), 0);
	settle();
	ac_mutex_unlock(&m);
	ck_assert_int_eq(m.locked, 1); /* now U's */
	ck_assert_int_eq(ac_task_cancel(&U.hdr), 0);
	ck_assert_int_eq(ac_run(&U.hdr), 0);
	ck_assert_int_eq(U.result, 0);
	ck_assert_int_eq(m.locked, 0);
	ck_assert_str_eq(rt_trace_buf, "1+0@0 1-@0 ");
}
END_TEST

/*
 * 220 async int setter(ac_event *e, int ms) {
 * 221     await ac_sleep(ms);
 * 222     trace("set@%llu ", ac_now());
 * 223     ac_event_set(e);
 * 224     return 0;
 * 225 }
 */
struct setter__frame {
	ac_task hdr;
	int result;
	ac_event *e;
	int ms;
	union {
		struct ac_sleep__frame a1;
	} aw;
};
static const int setter__lines[] = { 220, 221 };
static const ac_fn_info setter__info = { "setter", "t.ca", 220, 2,
					 setter__lines,
					 sizeof(struct setter__frame) };
static ac_status setter__step(ac_task *self)
{
	struct setter__frame *F = (struct setter__frame *)self;
	switch (F->hdr.state) {
	case 0:
		break;
	case 1:
		goto ac_L221;
	}
	ac_sleep__init(&F->aw.a1, (uint64_t)F->ms);
	if (ac__await(&F->hdr, &F->aw.a1.hdr)) {
		F->hdr.state = 1;
		return AC_PENDING;
	ac_L221:;
	}
	rt_trace("set@%llu ", (unsigned long long)ac_now());
	ac_event_set(F->e);
	F->result = 0;
	return ac__task_finish(&F->hdr);
}
static void setter_init(struct setter__frame *F, ac_event *e, int ms)
{
	ac__task_init(&F->hdr, setter__step, &setter__info, &F->result);
	F->e = e;
	F->ms = ms;
}

START_TEST(event_wakes_every_waiter)
{
	ac_event e;
	ck_assert_int_eq(ac_event_init(&e), 0);
	struct user__frame U[3];
	struct setter__frame S;
	setter_init(&S, &e, 50);
	run_users(EVENT, &e, 3, NULL, &S.hdr, U);
	ck_assert_str_eq(rt_trace_buf, "set@50 1+0@50 2+0@50 3+0@50 ");
	ck_assert(ac_event_is_set(&e));
	/* Set: a wait completes at once.  Cleared: it waits again. */
	rt_trace_reset();
	run_users(EVENT, &e, 1, NULL, NULL, U);
	ac_event_clear(&e);
	ck_assert(!ac_event_is_set(&e));
	setter_init(&S, &e, 7);
	run_users(EVENT, &e, 2, NULL, &S.hdr, U);
	ck_assert_str_eq(rt_trace_buf, "1+0@50 set@57 1+0@57 2+0@57 ");
}
END_TEST

START_TEST(event_cancel_waiting)
{
	ac_event e;
	ck_assert_int_eq(ac_event_init(&e), 0);
	struct user__frame U[2];
	struct canceller__frame K;
	canceller__init(&K, &U[0].hdr, 5);
	struct setter__frame S;
	setter_init(&S, &e, 10);
	struct ac_gather__frame G;
	ac_task *t[2] = { &K.hdr, &S.hdr };
	ac_gather__init(&G, t, 2);
	ck_assert_int_eq(ac_task_spawn(&G.hdr), 0);
	run_users(EVENT, &e, 2, NULL, &G.hdr, U);
	ck_assert_int_eq(U[0].result, AC_ECANCELED);
	ck_assert_int_eq(U[1].result, 0);
	ck_assert_str_eq(rt_trace_buf, "cancel@5 1+-125@5 set@10 2+0@10 ");
}
END_TEST

START_TEST(cancelled_task_fails_at_once)
{
	/* Even with a permit free, a cancelled task's acquire fails. */
	ac_sem s;
	ck_assert_int_eq(ac_sem_init(&s, 3), 0);
	struct user__frame U;
	user_init(&U, SEM, &s, 1, 0);
	ck_assert_int_eq(ac_task_cancel(&U.hdr), 0);
	ck_assert_int_eq(ac_run(&U.hdr), 0);
	ck_assert_int_eq(U.result, AC_ECANCELED);
	ck_assert_uint_eq(s.count, 3);
}
END_TEST

START_TEST(heap_frames)
{
	ac_sem s;
	ac_mutex m;
	ac_event e;
	ck_assert_int_eq(ac_sem_init(&s, 1), 0);
	ck_assert_int_eq(ac_mutex_init(&m), 0);
	ck_assert_int_eq(ac_event_init(&e), 0);
	ac_event_set(&e);
	ac_task *t[3] = { ac_sem_acquire(&s), ac_mutex_lock(&m),
			  ac_event_wait(&e) };
	for (int i = 0; i < 3; i++) {
		ck_assert_int_eq(ac_run(t[i]), 0);
		ck_assert_int_eq(*(int *)ac_task_result(t[i]), 0);
		ac_task_free(t[i]);
	}
	ck_assert_uint_eq(s.count, 0);
	ck_assert_int_eq(m.locked, 1);
	ck_assert_int_eq(ac_sem_init(NULL, 1), AC_EINVAL);
	ck_assert_int_eq(ac_mutex_init(NULL), AC_EINVAL);
	ck_assert_int_eq(ac_event_init(NULL), AC_EINVAL);
}
END_TEST

START_TEST(shutdown_with_a_task_waiting)
{
	/* A task waits for an event: the runtime is not idle, and says so. */
	ac_event e;
	ck_assert_int_eq(ac_event_init(&e), 0);
	struct ac_event_wait__frame W;
	ac_event_wait__init(&W, &e);
	ck_assert_int_eq(ac_task_spawn(&W.hdr), 0);
	struct ac_yield__frame Y;
	ac_yield__init(&Y);
	ck_assert_int_eq(ac_run(&Y.hdr), 0);
	ck_assert(!ac_task_done(&W.hdr));
	ck_assert_int_eq(ac_runtime_shutdown(), AC_EBUSY); /* it is abandoned */
}
END_TEST

static Suite *sync_suite(void)
{
	Suite *s = suite_create("sync");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, rt_setup_virtual, rt_teardown);
	tcase_add_test(tc, sem_bounds_concurrency);
	tcase_add_test(tc, sem_release_hands_over);
	tcase_add_test(tc, sem_cancel_waiting);
	tcase_add_test(tc, sem_cancel_after_hand_over);
	tcase_add_test(tc, mutex_serializes_in_order);
	tcase_add_test(tc, mutex_cancel_waiting);
	tcase_add_test(tc, mutex_cancel_after_hand_over);
	tcase_add_test(tc, event_wakes_every_waiter);
	tcase_add_test(tc, event_cancel_waiting);
	tcase_add_test(tc, cancelled_task_fails_at_once);
	tcase_add_test(tc, heap_frames);
	tcase_add_test(tc, shutdown_with_a_task_waiting);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(sync_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
