/*
 * test_chan.c - channels: order, fairness, rendezvous, close, cancellation
 * of waiting sends and receives (no item lost), back-pressure in time.
 */
#include "frames.h"
#include "asyncc-internal.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Runs the tasks together under one gather, which must succeed. */
static void run_all(ac_task **t, size_t n)
{
	struct ac_gather__frame G;
	ac_gather__init(&G, t, n);
	ck_assert_int_eq(ac_run(&G.hdr), 0);
	ck_assert_int_eq(G.result, 0);
}

/* One buffered channel: producer, consumer, and a close at 100 ms. */
static void run_pipe(size_t capacity, int n, int consumer_ms)
{
	ac_chan c;
	ck_assert_int_eq(ac_chan_init(&c, sizeof(int), capacity), 0);
	struct producer__frame P;
	struct consumer__frame C;
	struct closer__frame X;
	producer__init(&P, &c, 1, n);
	consumer__init(&C, &c, 1, consumer_ms);
	closer__init(&X, &c, 100);
	ac_task *t[3] = { &P.hdr, &C.hdr, &X.hdr };
	run_all(t, 3);
	ck_assert_int_eq(P.result, n);
	ck_assert_int_eq(C.result, n);
	ac_chan_destroy(&c);
}

/* Runs the tasks spawned so far until each waits (one yield's round). */
static void run_a_round(void)
{
	struct ac_yield__frame Y;
	ac_yield__init(&Y);
	ck_assert_int_eq(ac_run(&Y.hdr), 0);
}

START_TEST(buffered_fifo)
{
	/* Room for 2: the producer buffers two items and waits with 102;
	 * the first receive moves 102 into the room it made, and the
	 * consumer drains the three before the producer runs again. */
	run_pipe(2, 5, 0);
	ck_assert_str_eq(rt_trace_buf,
			 "s100=0@0 s101=0@0 r1=100@0 r1=101@0 r1=102@0 "
			 "s102=0@0 s103=0@0 s104=0@0 r1=103@0 r1=104@0 "
			 "close@100 r1:-32 ");
}
END_TEST

START_TEST(rendezvous)
{
	/* Capacity 0: a send completes only when a receive takes its item. */
	run_pipe(0, 3, 0);
	ck_assert_str_eq(rt_trace_buf,
			 "r1=100@0 s100=0@0 s101=0@0 r1=101@0 r1=102@0 "
			 "s102=0@0 close@100 r1:-32 ");
}
END_TEST

START_TEST(back_pressure)
{
	/* A consumer that takes 10 ms per item holds the producer back. */
	run_pipe(1, 4, 10);
	ck_assert_str_eq(rt_trace_buf,
			 "s100=0@0 r1=100@0 s101=0@0 r1=101@10 s102=0@10 "
			 "r1=102@20 s103=0@20 r1=103@30 close@100 r1:-32 ");
}
END_TEST

START_TEST(senders_fifo)
{
	/* Three producers blocked on a full channel are served in the order
	 * they started waiting. */
	ac_chan c;
	ck_assert_int_eq(ac_chan_init(&c, sizeof(int), 1), 0);
	struct producer__frame P[3];
	struct consumer__frame C;
	struct closer__frame X;
	ac_task *t[5];
	for (int i = 0; i < 3; i++) {
		producer__init(&P[i], &c, i + 1, 2);
		t[i] = &P[i].hdr;
	}
	consumer__init(&C, &c, 1, 1);
	closer__init(&X, &c, 100);
	t[3] = &C.hdr;
	t[4] = &X.hdr;
	run_all(t, 5);
	ck_assert_int_eq(C.result, 6);
	/* 100 was buffered; 101, 200 and 300 waited in that order, and
	 * 201 and 301 behind them. */
	ck_assert_str_eq(rt_trace_buf,
			 "s100=0@0 r1=100@0 s101=0@0 r1=101@1 s200=0@1 "
			 "r1=200@2 s300=0@2 r1=300@3 s201=0@3 r1=201@4 "
			 "s301=0@4 r1=301@5 close@100 r1:-32 ");
	ac_chan_destroy(&c);
}
END_TEST

START_TEST(receivers_fifo)
{
	/* Receivers waiting on an empty channel get items in turn: each
	 * send hands its item to the oldest waiting receive. */
	ac_chan c;
	ck_assert_int_eq(ac_chan_init(&c, sizeof(int), 4), 0);
	struct consumer__frame C[3];
	struct producer__frame P;
	struct closer__frame X;
	ac_task *t[5];
	for (int i = 0; i < 3; i++) {
		consumer__init(&C[i], &c, i + 1, 1);
		t[i] = &C[i].hdr;
	}
	producer__init(&P, &c, 1, 6);
	closer__init(&X, &c, 100);
	t[3] = &P.hdr;
	t[4] = &X.hdr;
	run_all(t, 5);
	for (int i = 0; i < 3; i++)
		ck_assert_int_eq(C[i].result, 2);
	ck_assert_str_eq(rt_trace_buf,
			 "s100=0@0 s101=0@0 s102=0@0 s103=0@0 s104=0@0 "
			 "s105=0@0 r1=100@0 r2=101@0 r3=102@0 r1=103@1 "
			 "r2=104@1 r3=105@1 close@100 r1:-32 r2:-32 r3:-32 ");
	ac_chan_destroy(&c);
}
END_TEST

START_TEST(close_drains_then_epipe)
{
	ac_chan c;
	ck_assert_int_eq(ac_chan_init(&c, sizeof(int), 4), 0);
	struct producer__frame P;
	producer__init(&P, &c, 1, 3);
	ck_assert_int_eq(ac_run(&P.hdr), 0);
	ck_assert_int_eq(P.result, 3);
	ac_chan_close(&c);
	ac_chan_close(&c); /* twice: harmless */
	struct producer__frame P2;
	producer__init(&P2, &c, 2, 1);
	ck_assert_int_eq(ac_run(&P2.hdr), 0);
	ck_assert_int_eq(P2.result, AC_EPIPE);
	struct consumer__frame C;
	consumer__init(&C, &c, 1, 0);
	ck_assert_int_eq(ac_run(&C.hdr), 0);
	ck_assert_int_eq(C.result, 3);
	ck_assert_str_eq(rt_trace_buf, "s100=0@0 s101=0@0 s102=0@0 s200=-32@0 "
				       "r1=100@0 r1=101@0 r1=102@0 r1:-32 ");
	ac_chan_destroy(&c);
}
END_TEST

START_TEST(close_wakes_waiting_senders)
{
	ac_chan c;
	ck_assert_int_eq(ac_chan_init(&c, sizeof(int), 0), 0);
	struct producer__frame P1, P2;
	struct closer__frame X;
	producer__init(&P1, &c, 1, 1);
	producer__init(&P2, &c, 2, 1);
	closer__init(&X, &c, 50);
	ac_task *t[3] = { &P1.hdr, &P2.hdr, &X.hdr };
	run_all(t, 3);
	ck_assert_int_eq(P1.result, AC_EPIPE);
	ck_assert_int_eq(P2.result, AC_EPIPE);
	ck_assert_str_eq(rt_trace_buf, "close@50 s100=-32@50 s200=-32@50 ");
	ac_chan_destroy(&c);
}
END_TEST

START_TEST(destroy_wakes_receivers)
{
	ac_chan c;
	ck_assert_int_eq(ac_chan_init(&c, sizeof(int), 2), 0);
	struct consumer__frame C;
	consumer__init(&C, &c, 1, 0);
	ck_assert_int_eq(ac_task_spawn(&C.hdr), 0);
	run_a_round(); /* C now waits */
	ck_assert_uint_eq(ac__waitq_len(&c.receivers), 1);
	ac_chan_destroy(&c);
	ck_assert_int_eq(ac_run(&C.hdr), 0);
	ck_assert_int_eq(C.result, 0);
	ck_assert_str_eq(rt_trace_buf, "r1:-32 ");
}
END_TEST

START_TEST(cancel_waiting_recv)
{
	/* The cancelled receive takes nothing: the item sent later stays in
	 * the channel for the next receiver. */
	ac_chan c;
	ck_assert_int_eq(ac_chan_init(&c, sizeof(int), 1), 0);
	struct consumer__frame C;
	struct canceller__frame K;
	consumer__init(&C, &c, 1, 0);
	canceller__init(&K, &C.hdr, 10);
	ac_task *t[2] = { &C.hdr, &K.hdr };
	run_all(t, 2);
	ck_assert_int_eq(C.result, 0);
	ck_assert_uint_eq(ac__waitq_len(&c.receivers), 0);
	struct producer__frame P;
	producer__init(&P, &c, 1, 1);
	ck_assert_int_eq(ac_run(&P.hdr), 0);
	ck_assert_uint_eq(c.count, 1);
	struct consumer__frame C2;
	struct closer__frame X;
	consumer__init(&C2, &c, 2, 0);
	closer__init(&X, &c, 5);
	ac_task *t2[2] = { &C2.hdr, &X.hdr };
	run_all(t2, 2);
	ck_assert_int_eq(C2.result, 1);
	ck_assert_str_eq(rt_trace_buf, "cancel@10 r1:-125 s100=0@10 "
				       "r2=100@10 close@15 r2:-32 ");
	ac_chan_destroy(&c);
}
END_TEST

START_TEST(cancel_waiting_send)
{
	/* The cancelled send delivers nothing; the next send is the one
	 * received. */
	ac_chan c;
	ck_assert_int_eq(ac_chan_init(&c, sizeof(int), 0), 0);
	struct producer__frame P1, P2;
	struct canceller__frame K;
	producer__init(&P1, &c, 1, 1);
	producer__init(&P2, &c, 2, 1);
	canceller__init(&K, &P1.hdr, 10);
	ck_assert_int_eq(ac_task_spawn(&P2.hdr), 0);
	ac_task *t1[2] = { &P1.hdr, &K.hdr };
	run_all(t1, 2);
	ck_assert_int_eq(P1.result, AC_ECANCELED);
	ck_assert_uint_eq(ac__waitq_len(&c.senders), 1); /* P2 */
	/* The consumer, started after the cancel, gets only 200. */
	struct consumer__frame C;
	struct closer__frame X;
	consumer__init(&C, &c, 1, 0);
	closer__init(&X, &c, 20);
	ac_task *t2[3] = { &P2.hdr, &C.hdr, &X.hdr };
	run_all(t2, 3);
	ck_assert_int_eq(C.result, 1);
	ck_assert_int_eq(P2.result, 1);
	ck_assert_str_eq(rt_trace_buf, "cancel@10 s100=-125@10 r1=200@10 "
				       "s200=0@10 close@30 r1:-32 ");
	ac_chan_destroy(&c);
}
END_TEST

/*
 * 120 async int handover(ac_chan *c, int recv, ac_task *victim) {
 * 121     int v = 7, r;
 * 122     r = recv ? await ac_chan_recv(c, &v) : await ac_chan_send(c, &v);
 * 123     ac_task_cancel(victim);
 * 124     return r == 0 ? v : r;
 * 125 }
 * Completes at once (its partner waits), then cancels the partner, which
 * has been handed its item (or had its item taken) but has not run yet.
 */
struct handover__frame {
	ac_task hdr;
	int result;
	ac_chan *c;
	int recv;
	ac_task *victim;
	int v;
	int r;
	union {
		struct ac_chan_recv__frame a1;
		struct ac_chan_send__frame a2;
	} aw;
};
static const int handover__lines[] = { 120, 122, 122 };
static const ac_fn_info handover__info = { "handover", "t.ca", 120, 3,
					   handover__lines,
					   sizeof(struct handover__frame) };
static ac_status handover__step(ac_task *self)
{
	struct handover__frame *F = (struct handover__frame *)self;
	switch (F->hdr.state) {
	case 0:
		break;
	case 1:
		goto ac_L122;
	case 2:
		goto ac_L122_2;
	}
	F->v = 7;
	if (F->recv) {
		ac_chan_recv__init(&F->aw.a1, F->c, &F->v);
		if (ac__await(&F->hdr, &F->aw.a1.hdr)) {
			F->hdr.state = 1;
			return AC_PENDING;
		ac_L122:;
		}
		F->r = F->aw.a1.result;
	} else {
		ac_chan_send__init(&F->aw.a2, F->c, &F->v);
		if (ac__await(&F->hdr, &F->aw.a2.hdr)) {
			F->hdr.state = 2;
			return AC_PENDING;
		ac_L122_2:;
		}
		F->r = F->aw.a2.result;
	}
	ac_task_cancel(F->victim);
	F->result = F->r == 0 ? F->v : F->r;
	return ac__task_finish(&F->hdr);
}
static void handover_init(struct handover__frame *F, ac_chan *c, int recv,
			  ac_task *victim)
{
	ac__task_init(&F->hdr, handover__step, &handover__info, &F->result);
	F->c = c;
	F->recv = recv;
	F->victim = victim;
}

START_TEST(cancel_after_item_handed_to_receiver)
{
	ac_chan c;
	ck_assert_int_eq(ac_chan_init(&c, sizeof(int), 0), 0);
	struct consumer__frame C;
	consumer__init(&C, &c, 1, 0);
	struct handover__frame H;
	handover_init(&H, &c, 0, &C.hdr);
	ac_task *t[2] = { &C.hdr, &H.hdr };
	run_all(t, 2);
	/* The receive that had the item reports it; the next one fails. */
	ck_assert_int_eq(H.result, 7);
	ck_assert_int_eq(C.result, 1);
	ck_assert_str_eq(rt_trace_buf, "r1=7@0 r1:-125 ");
	ac_chan_destroy(&c);
}
END_TEST

START_TEST(cancel_after_item_taken_from_sender)
{
	ac_chan c;
	ck_assert_int_eq(ac_chan_init(&c, sizeof(int), 0), 0);
	struct producer__frame P;
	producer__init(&P, &c, 1, 2);
	struct handover__frame H;
	handover_init(&H, &c, 1, &P.hdr);
	ac_task *t[2] = { &P.hdr, &H.hdr };
	run_all(t, 2);
	/* The send whose item was taken succeeds; the next one fails. */
	ck_assert_int_eq(H.result, 100);
	ck_assert_int_eq(P.result, AC_ECANCELED);
	ck_assert_str_eq(rt_trace_buf, "s100=0@0 s101=-125@0 ");
	ac_chan_destroy(&c);
}
END_TEST

START_TEST(cancelled_task_cannot_send_or_receive)
{
	ac_chan c;
	ck_assert_int_eq(ac_chan_init(&c, sizeof(int), 2), 0);
	struct producer__frame P;
	producer__init(&P, &c, 1, 1);
	ck_assert_int_eq(ac_task_cancel(&P.hdr), 0);
	ck_assert_int_eq(ac_run(&P.hdr), 0);
	ck_assert_int_eq(P.result, AC_ECANCELED);
	ck_assert_uint_eq(c.count, 0);
	ac_chan_destroy(&c);
}
END_TEST

START_TEST(heap_frames_and_sizes)
{
	ac_chan c;
	ck_assert_int_eq(ac_chan_init(&c, 0, 3), 0); /* signals only */
	ac_task *s = ac_chan_send(&c, NULL);
	ck_assert_int_eq(ac_run(s), 0);
	ck_assert_int_eq(*(int *)ac_task_result(s), 0);
	ac_task *r = ac_chan_recv(&c, NULL);
	ck_assert_int_eq(ac_run(r), 0);
	ck_assert_int_eq(*(int *)ac_task_result(r), 0);
	ac_task_free(s);
	ac_task_free(r);
	ac_chan_destroy(&c);

	ck_assert_int_eq(ac_chan_init(&c, SIZE_MAX / 2, 3), AC_EINVAL);
	ck_assert_int_eq(ac_chan_init(NULL, 1, 1), AC_EINVAL);
	ck_assert_str_eq(ac_strerror(AC_EPIPE), "broken pipe, or channel closed");

	/* A large item is copied whole. */
	char big[300], out[300];
	for (int i = 0; i < 300; i++)
		big[i] = (char)i;
	ck_assert_int_eq(ac_chan_init(&c, sizeof big, 2), 0);
	struct ac_chan_send__frame S;
	ac_chan_send__init(&S, &c, big);
	ck_assert_int_eq(ac_run(&S.hdr), 0);
	struct ac_chan_recv__frame R;
	ac_chan_recv__init(&R, &c, out);
	ck_assert_int_eq(ac_run(&R.hdr), 0);
	ck_assert_mem_eq(big, out, sizeof big);
	ac_chan_destroy(&c);
}
END_TEST

START_TEST(failed_init_is_safe_to_destroy)
{
	/* A channel whose init failed is closed, empty and unlisted: sends
	 * and receives fail with AC_EPIPE, destroying it does nothing, and
	 * the runtime has nothing to forget at shutdown. */
	ac_chan c;
	memset(&c, 0xa5, sizeof c); /* what the stack held */
	ck_assert_int_eq(ac_chan_init(&c, SIZE_MAX, 2), AC_EINVAL);
	int v = 1;
	ac_task *s = ac_chan_send(&c, &v);
	ck_assert_int_eq(ac_run(s), 0);
	ck_assert_int_eq(*(int *)ac_task_result(s), AC_EPIPE);
	ac_task_free(s);
	ac_task *r = ac_chan_recv(&c, &v);
	ck_assert_int_eq(ac_run(r), 0);
	ck_assert_int_eq(*(int *)ac_task_result(r), AC_EPIPE);
	ac_task_free(r);
	ac_chan_destroy(&c);
	ac_chan_destroy(&c);
	static ac_chan z; /* all zero */
	ck_assert_int_eq(ac_chan_init(&z, SIZE_MAX / 2, 3), AC_EINVAL);
	ac_chan_destroy(&z);
	ck_assert_ptr_null(ac__L.chans);
}
END_TEST

START_TEST(recv_on_empty_closed_never_waits)
{
	ac_chan c;
	ck_assert_int_eq(ac_chan_init(&c, sizeof(int), 0), 0);
	ac_chan_close(&c);
	int v = 5;
	struct ac_chan_recv__frame R;
	ac_chan_recv__init(&R, &c, &v);
	struct twice__frame P;
	twice__init(&P, 0);
	ck_assert_int_eq(ac__await(&P.hdr, &R.hdr), 0);
	ck_assert_int_eq(R.result, AC_EPIPE);
	ck_assert_int_eq(v, 5);
	ac_chan_destroy(&c);
}
END_TEST

START_TEST(many_items_through_small_channel)
{
	/* Heap tasks and a ring that wraps many times. */
	ac_chan c;
	ck_assert_int_eq(ac_chan_init(&c, sizeof(int), 3), 0);
	ac_task *t[6];
	for (int i = 0; i < 4; i++)
		t[i] = producer__new(&c, i + 1, 50);
	t[4] = consumer__new(&c, 1, 0);
	struct closer__frame X;
	closer__init(&X, &c, 1);
	t[5] = &X.hdr;
	struct ac_gather__frame G;
	ac_gather__init(&G, t, 6);
	ck_assert_int_eq(ac_run(&G.hdr), 0);
	ck_assert_int_eq(*(int *)ac_task_result(t[4]), 200);
	for (int i = 0; i < 5; i++)
		ac_task_free(t[i]);
	ac_chan_destroy(&c);
}
END_TEST

static size_t listed_chans(void)
{
	size_t n = 0;
	for (const struct ac__waitq *q = ac__L.chans; q; q = q->live_next)
		n++;
	return n;
}

/* A channel's lists are listed for the dump from init to destroy (so a
 * wait on it touches no runtime list), whatever else is destroyed around
 * it; destroying twice, or after a shutdown forgot the list, is safe. */
START_TEST(listed_from_init_to_destroy)
{
	ac_chan a, b, c, d;
	ck_assert_int_eq(ac_chan_init(&a, sizeof(int), 1), 0);
	ck_assert_int_eq(ac_chan_init(&b, sizeof(int), 0), 0);
	ck_assert_int_eq(ac_chan_init(&c, sizeof(int), 2), 0);
	ck_assert_uint_eq(listed_chans(), 3);
	struct consumer__frame C;
	consumer__init(&C, &b, 1, 0);
	ck_assert_int_eq(ac_task_spawn(&C.hdr), 0);
	run_a_round();
	ck_assert_ptr_null(ac__L.live); /* waiting on b joined no list */
	ac_chan_destroy(&c); /* the newest, then the oldest */
	ac_chan_destroy(&a);
	ck_assert_uint_eq(listed_chans(), 1);
	char *text = rt_dump_text();
	char want[200];
	snprintf(want, sizeof want, "  ac_chan_recv (<runtime>:0) receiving "
		 "on channel %p (0 of 0 buffered)\n  consumer (t.ca:92) "
		 "awaiting ac_chan_recv\n", (void *)&b);
	ck_assert_msg(strstr(text, want), "%s", text);
	free(text);
	ac_chan_close(&b);
	ck_assert_int_eq(ac_run(&C.hdr), 0);
	ac_chan_destroy(&b);
	ac_chan_destroy(&b);
	ck_assert_ptr_null(ac__L.chans);
	ck_assert_int_eq(ac_chan_init(&d, sizeof(int), 1), 0);
	ck_assert_int_eq(ac_runtime_shutdown(), 0);
	ck_assert_ptr_null(ac__L.chans);
	ac_chan_destroy(&d);
	ck_assert_ptr_null(ac__L.chans);
}
END_TEST

/* A buffer of up to AC__CHAN_SMALL bytes is inside the channel, a larger
 * one allocated: items go through both, in order, wrapping round. */
START_TEST(small_and_allocated_buffers)
{
	static const size_t shape[][2] = { { 8, 2 }, { 8, 3 }, { 16, 1 },
					   { 17, 1 }, { 1, 16 }, { 1, 17 } };
	for (size_t k = 0; k < sizeof shape / sizeof shape[0]; k++) {
		size_t size = shape[k][0], cap = shape[k][1];
		ac_chan c;
		ck_assert_int_eq(ac_chan_init(&c, size, cap), 0);
		ck_assert(c.buf == c.small || size * cap > AC__CHAN_SMALL);
		ck_assert(c.buf != c.small || size * cap <= AC__CHAN_SMALL);
		unsigned char in[32], out[32];
		unsigned next = 0, want = 0;
		for (int round = 0; round < 3; round++) {
			for (size_t i = 0; i < cap; i++) {
				memset(in, (int)(++next & 0xff), size);
				struct ac_chan_send__frame S;
				ac_chan_send__init(&S, &c, in);
				ck_assert_int_eq(ac_run(&S.hdr), 0);
				ck_assert_int_eq(S.result, 0);
			}
			ck_assert_uint_eq(c.count, cap);
			for (size_t i = 0; i < cap; i++) {
				struct ac_chan_recv__frame R;
				ac_chan_recv__init(&R, &c, out);
				ck_assert_int_eq(ac_run(&R.hdr), 0);
				ck_assert_int_eq(R.result, 0);
				memset(in, (int)(++want & 0xff), size);
				ck_assert_mem_eq(in, out, size);
			}
		}
		ac_chan_destroy(&c);
	}
}
END_TEST

/* A channel is listed once; the dump finds the sends waiting on it as
 * well as the receives. */
START_TEST(dump_finds_waiting_sends)
{
	ac_chan c;
	ck_assert_int_eq(ac_chan_init(&c, sizeof(int), 1), 0);
	struct producer__frame P;
	producer__init(&P, &c, 1, 3);
	ck_assert_int_eq(ac_task_spawn(&P.hdr), 0);
	run_a_round();
	ck_assert_uint_eq(listed_chans(), 1);
	char *text = rt_dump_text();
	char want[200];
	snprintf(want, sizeof want, "  ac_chan_send (<runtime>:0) sending "
		 "on channel %p (1 of 1 buffered)\n  producer (t.ca:83) "
		 "awaiting ac_chan_send\n", (void *)&c);
	ck_assert_msg(strstr(text, want), "%s", text);
	free(text);
	ac_chan_close(&c);
	ck_assert_int_eq(ac_run(&P.hdr), 0);
	ck_assert_int_eq(P.result, AC_EPIPE);
	ac_chan_destroy(&c);
	ck_assert_ptr_null(ac__L.chans);
}
END_TEST

static Suite *chan_suite(void)
{
	Suite *s = suite_create("chan");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, rt_setup_virtual, rt_teardown);
	tcase_add_test(tc, buffered_fifo);
	tcase_add_test(tc, rendezvous);
	tcase_add_test(tc, back_pressure);
	tcase_add_test(tc, senders_fifo);
	tcase_add_test(tc, receivers_fifo);
	tcase_add_test(tc, close_drains_then_epipe);
	tcase_add_test(tc, close_wakes_waiting_senders);
	tcase_add_test(tc, destroy_wakes_receivers);
	tcase_add_test(tc, cancel_waiting_recv);
	tcase_add_test(tc, cancel_waiting_send);
	tcase_add_test(tc, cancel_after_item_handed_to_receiver);
	tcase_add_test(tc, cancel_after_item_taken_from_sender);
	tcase_add_test(tc, cancelled_task_cannot_send_or_receive);
	tcase_add_test(tc, heap_frames_and_sizes);
	tcase_add_test(tc, failed_init_is_safe_to_destroy);
	tcase_add_test(tc, recv_on_empty_closed_never_waits);
	tcase_add_test(tc, many_items_through_small_channel);
	tcase_add_test(tc, listed_from_init_to_destroy);
	tcase_add_test(tc, small_and_allocated_buffers);
	tcase_add_test(tc, dump_finds_waiting_sends);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(chan_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
