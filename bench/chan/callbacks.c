/*
 * callbacks.c - the same ping-pong as statemachine.c, written by hand, but
 * with each task's code called through a pointer: a task is a struct whose
 * first member is its step function, the pinger and the ponger are two
 * separate functions (pinger_step, ponger_step), never inlined, and the
 * loop calls x->step(x).  This is what any scheduler of tasks of several
 * kinds must do (a libuv program calls each callback through a function
 * pointer): the compiler cannot inline a task into the loop.  statemachine.c
 * shares one step function that gcc inlines into its loop; the difference
 * between the two is the cost of that call alone, and this program is the
 * floor for a runtime whose tasks are separate step functions.  The channel
 * (a capacity-1 slot and the one task that may wait on it) and the FIFO
 * ready ring are statemachine.c's.
 * Usage: callbacks ROUNDS PAIRS; prints like pingpong.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

struct task;

/* Runs the task until it waits (0) or ends (1). */
typedef int step_fn(struct task *t);

struct chan {
	int item;
	int full;
	struct task *waiter; /* a receive waiting on empty, or a send on full */
};

struct task {
	step_fn *step; /* first: what the loop calls */
	int state;
	int v;
	int pending; /* the item of a waiting send */
	long i, rounds;
	struct chan *ping, *pong;
};

static struct task **ring;
static size_t ring_mask, head, count;

static void push(struct task *t)
{
	ring[(head + count++) & ring_mask] = t;
}

/* 1: sent; 0: the task must wait (resumed once its item is taken). */
static int chan_send(struct chan *c, struct task *t, int v)
{
	if (c->waiter && !c->full) {
		struct task *r = c->waiter;
		c->waiter = NULL;
		r->v = v;
		push(r);
		return 1;
	}
	if (!c->full) {
		c->item = v;
		c->full = 1;
		return 1;
	}
	c->waiter = t;
	t->pending = v;
	return 0;
}

/* 1: received into t->v; 0: the task must wait (resumed with t->v set). */
static int chan_recv(struct chan *c, struct task *t)
{
	if (c->full) {
		t->v = c->item;
		c->full = 0;
		if (c->waiter) {
			struct task *s = c->waiter;
			c->waiter = NULL;
			c->item = s->pending;
			c->full = 1;
			push(s);
		}
		return 1;
	}
	c->waiter = t;
	return 0;
}

/* Sends v on ping, receives it back on pong.  States: 1 sent, 2 received. */
__attribute__((noinline)) static int pinger_step(struct task *t)
{
	switch (t->state) {
	case 1:
		goto sent;
	case 2:
		goto received;
	}
	for (t->i = 0; t->i < t->rounds; t->i++) {
		if (!chan_send(t->ping, t, t->v)) {
			t->state = 1;
			return 0;
		}
	sent:
		if (!chan_recv(t->pong, t)) {
			t->state = 2;
			return 0;
		}
	received:;
	}
	return 1;
}

/* Receives v on ping, sends v + 1 on pong.  States: 1 received, 2 sent. */
__attribute__((noinline)) static int ponger_step(struct task *t)
{
	switch (t->state) {
	case 1:
		goto received;
	case 2:
		goto sent;
	}
	for (t->i = 0; t->i < t->rounds; t->i++) {
		if (!chan_recv(t->ping, t)) {
			t->state = 1;
			return 0;
		}
	received:
		t->v++;
		if (!chan_send(t->pong, t, t->v)) {
			t->state = 2;
			return 0;
		}
	sent:;
	}
	return 1;
}

static double ns_between(const struct timespec *a, const struct timespec *b)
{
	return (b->tv_sec - a->tv_sec) * 1e9 + (b->tv_nsec - a->tv_nsec);
}

int main(int argc, char **argv)
{
	long rounds = argc > 1 ? atol(argv[1]) : 1000;
	int pairs = argc > 2 ? atoi(argv[2]) : 1000;
	struct chan *ch = calloc(2 * (size_t)pairs, sizeof *ch);
	struct task *t = calloc(2 * (size_t)pairs, sizeof *t);
	size_t cap = 1;
	while (cap < 2 * (size_t)pairs)
		cap *= 2;
	ring = malloc(cap * sizeof *ring);
	if (!ch || !t || !ring)
		return 1;
	ring_mask = cap - 1;
	struct timespec t0, t1, c0, c1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c0);
	for (int i = 0; i < 2 * pairs; i++) {
		t[i].step = i % 2 == 0 ? pinger_step : ponger_step;
		t[i].rounds = rounds;
		t[i].ping = &ch[i & ~1];
		t[i].pong = &ch[i | 1];
		push(&t[i]);
	}
	long done = 0;
	while (count > 0) {
		struct task *x = ring[head];
		head = (head + 1) & ring_mask;
		count--;
		done += x->step(x);
	}
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c1);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	long ok = 0;
	for (int i = 0; i < 2 * pairs; i += 2)
		ok += t[i].v == rounds;
	double n = 2.0 * rounds * pairs;
	printf("%.3f %.3f %ld\n", ns_between(&t0, &t1) / n,
	       ns_between(&c0, &c1) / n,
	       done == 2 * pairs && ok == pairs ? rounds * pairs : -1L);
	free(ring);
	free(t);
	free(ch);
	return 0;
}
