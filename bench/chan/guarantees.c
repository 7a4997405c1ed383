/*
 * guarantees.c - statemachine.c's ping-pong, still one step function that
 * gcc inlines into its loop, but with a channel that keeps the promises
 * docs/runtime.md makes for ac_chan, written as tightly as possible:
 *
 *   - any number of senders and receivers wait in FIFO order (two lists
 *     per channel, appended at the tail, taken from the head);
 *   - a wait can be cancelled and loses no item (the lists are doubly
 *     linked, so a cancelled waiter is unlinked in O(1); every operation
 *     first checks its task's cancel flag; a woken waiter carries its
 *     status: 0, CLOSED or CANCELLED);
 *   - a channel can be closed: senders fail, receivers drain, then fail;
 *   - items have the size given at init (copied with memcpy; an int-sized
 *     item by a 4-byte copy that gcc makes one move), in a ring buffer of
 *     the given capacity;
 *   - woken tasks go through a FIFO ready queue linked through the tasks
 *     (no capacity to outgrow).
 *
 * Not kept: what libasyncc keeps for debugging (the running task, what a
 * task waits on for dumps), detached tasks, groups, results of any type.
 * The difference between this program and statemachine.c is what the
 * guarantees cost without any runtime around them.
 * Usage: guarantees ROUNDS PAIRS; prints like pingpong.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* What statemachine.c gets from gcc without asking: everything inlined
 * into the loop. */
#define INLINE inline __attribute__((always_inline))

enum { OK = 0, CLOSED = -1, CANCELLED = -2 };

struct task;
struct wlist;

/* A task waiting on a channel: in its channel's list until woken. */
struct waiter {
	struct waiter *next, **pprev;
	struct wlist *list; /* the list it is in, for a cancellation */
	struct task *task;
	void *item; /* where a receive stores, or what a send gives */
	int status;
};

struct wlist {
	struct waiter *head, **tail;
};

struct chan {
	size_t count, cap, item_size, first;
	int closed;
	struct wlist recvs, sends;
	unsigned char *buf;
};

struct task {
	struct task *next_ready;
	int state;
	int pinger;
	int cancelled;
	int v;
	long i, rounds;
	struct chan *ping, *pong;
	struct waiter w;
};

static struct task *ready_head, **ready_tail = &ready_head;

static INLINE void push(struct task *t)
{
	t->next_ready = NULL;
	*ready_tail = t;
	ready_tail = &t->next_ready;
}

static INLINE struct task *pop(void)
{
	struct task *t = ready_head;
	if (t && !(ready_head = t->next_ready))
		ready_tail = &ready_head;
	return t;
}

static void wlist_init(struct wlist *l)
{
	l->head = NULL;
	l->tail = &l->head;
}

static INLINE void wlist_append(struct wlist *l, struct waiter *w)
{
	w->next = NULL;
	w->list = l;
	w->pprev = l->tail;
	*l->tail = w;
	l->tail = &w->next;
}

static INLINE void wlist_unlink(struct wlist *l, struct waiter *w)
{
	*w->pprev = w->next;
	if (w->next)
		w->next->pprev = w->pprev;
	else
		l->tail = w->pprev;
}

static INLINE struct waiter *wlist_take(struct wlist *l)
{
	struct waiter *w = l->head;
	if (w) {
		wlist_unlink(l, w);
		w->list = NULL;
	}
	return w;
}

static INLINE void copy_item(void *dst, const void *src, size_t size)
{
	if (size == sizeof(int))
		memcpy(dst, src, sizeof(int));
	else
		memcpy(dst, src, size);
}

static int chan_init(struct chan *c, size_t item_size, size_t cap)
{
	memset(c, 0, sizeof *c);
	c->item_size = item_size;
	c->cap = cap;
	wlist_init(&c->recvs);
	wlist_init(&c->sends);
	c->buf = malloc(cap ? cap * item_size : 1);
	return c->buf ? 0 : -1;
}

static INLINE void *slot(struct chan *c, size_t k)
{
	size_t i = c->first + k;
	if (i >= c->cap)
		i -= c->cap;
	return c->buf + i * c->item_size;
}

static INLINE void wake(struct waiter *w, int status)
{
	w->status = status;
	push(w->task);
}

/* 1: done, status in t->w.status; 0: the task waits (woken with it). */
static INLINE int chan_send(struct chan *c, struct task *t, const void *item)
{
	struct waiter *r;
	if (t->cancelled || c->closed) {
		t->w.status = t->cancelled ? CANCELLED : CLOSED;
		return 1;
	}
	if ((r = wlist_take(&c->recvs))) {
		copy_item(r->item, item, c->item_size);
		wake(r, OK);
	} else if (c->count < c->cap) {
		copy_item(slot(c, c->count++), item, c->item_size);
	} else {
		t->w.task = t;
		t->w.item = (void *)item;
		wlist_append(&c->sends, &t->w);
		return 0;
	}
	t->w.status = OK;
	return 1;
}

/* 1: done, status in t->w.status; 0: the task waits (woken with it). */
static INLINE int chan_recv(struct chan *c, struct task *t, void *item)
{
	struct waiter *s;
	if (t->cancelled) {
		t->w.status = CANCELLED;
		return 1;
	}
	if (c->count > 0) {
		copy_item(item, slot(c, 0), c->item_size);
		if (++c->first == c->cap)
			c->first = 0;
		c->count--;
		if ((s = wlist_take(&c->sends))) {
			copy_item(slot(c, c->count++), s->item, c->item_size);
			wake(s, OK);
		}
	} else if (c->cap == 0 && (s = wlist_take(&c->sends))) {
		/* (with room in the buffer no send waits) */
		copy_item(item, s->item, c->item_size);
		wake(s, OK);
	} else if (c->closed) {
		t->w.status = CLOSED;
		return 1;
	} else {
		t->w.task = t;
		t->w.item = item;
		wlist_append(&c->recvs, &t->w);
		return 0;
	}
	t->w.status = OK;
	return 1;
}

/* Cancels `t`: a pending wait ends at once with CANCELLED (a waiting
 * send's item was never taken; a waiting receive was given none). */
static void task_cancel(struct task *t)
{
	t->cancelled = 1;
	if (t->w.list) {
		wlist_unlink(t->w.list, &t->w);
		t->w.list = NULL;
		wake(&t->w, CANCELLED);
	}
}

/* Runs `t` until it waits (0) or ends (1).  States: 1 pinger sent, 2
 * pinger received, 3 ponger received, 4 ponger sent. */
static INLINE int step(struct task *t)
{
	switch (t->state) {
	case 1:
		goto ping_sent;
	case 2:
		goto ping_received;
	case 3:
		goto pong_received;
	case 4:
		goto pong_sent;
	}
	for (t->i = 0; t->i < t->rounds; t->i++) {
		if (t->pinger) {
			if (!chan_send(t->ping, t, &t->v)) {
				t->state = 1;
				return 0;
			}
		ping_sent:
			if (t->w.status != OK)
				return 1;
			if (!chan_recv(t->pong, t, &t->v)) {
				t->state = 2;
				return 0;
			}
		ping_received:
			if (t->w.status != OK)
				return 1;
		} else {
			if (!chan_recv(t->ping, t, &t->v)) {
				t->state = 3;
				return 0;
			}
		pong_received:
			if (t->w.status != OK)
				return 1;
			t->v++;
			if (!chan_send(t->pong, t, &t->v)) {
				t->state = 4;
				return 0;
			}
		pong_sent:
			if (t->w.status != OK)
				return 1;
		}
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
	if (!ch || !t)
		return 1;
	for (int i = 0; i < 2 * pairs; i++)
		if (chan_init(&ch[i], sizeof(int), 1) < 0)
			return 1;
	struct timespec t0, t1, c0, c1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c0);
	for (int i = 0; i < 2 * pairs; i++) {
		t[i].pinger = i % 2 == 0;
		t[i].rounds = rounds;
		t[i].ping = &ch[i & ~1];
		t[i].pong = &ch[i | 1];
		push(&t[i]);
	}
	long done = 0;
	struct task *x;
	while ((x = pop()))
		done += step(x);
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c1);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	long ok = 0;
	for (int i = 0; i < 2 * pairs; i += 2)
		ok += t[i].v == rounds;
	/* The cancellation the lists are doubly linked for: a receive waiting
	 * on an empty channel, cancelled, leaves the channel with no waiter. */
	struct task c = { .rounds = 1, .ping = &ch[0], .pong = &ch[1] };
	int cancel_ok = !step(&c) && (task_cancel(&c), pop() == &c) &&
			step(&c) && c.w.status == CANCELLED && !ch[0].recvs.head;
	if (!cancel_ok)
		done = -1;
	double n = 2.0 * rounds * pairs;
	printf("%.3f %.3f %ld\n", ns_between(&t0, &t1) / n,
	       ns_between(&c0, &c1) / n,
	       done == 2 * pairs && ok == pairs ? rounds * pairs : -1L);
	for (int i = 0; i < 2 * pairs; i++)
		free(ch[i].buf);
	free(t);
	free(ch);
	return 0;
}
