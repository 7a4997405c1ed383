/*
 * sleepers.c - the baseline for sleepers.ca: the same program written by
 * hand on libuv, as a C programmer would without a runtime.  A task is a
 * malloc'd struct with its state; a binary min-heap of (deadline, start
 * order, task) entries holds the sleeping ones, and one uv timer is armed
 * for the earliest deadline.  A sleep is measured from when its task
 * reaches it, as asyncc's are (libuv's cached clock is updated first).
 * Usage: sleepers N MS; prints like sleepers.ca.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <uv.h>

struct task {
	int state;
	uint64_t ms;
};

struct entry {
	uint64_t deadline;
	uint64_t seq;
	struct task *t;
};

static struct entry *heap;
static size_t heap_len, heap_cap;
static uint64_t seq;
static uv_timer_t timer;
static long left;

static int entry_less(const struct entry *a, const struct entry *b)
{
	return a->deadline != b->deadline ? a->deadline < b->deadline
					  : a->seq < b->seq;
}

static int heap_push(uint64_t deadline, struct task *t)
{
	if (heap_len == heap_cap) {
		size_t cap = heap_cap ? heap_cap * 2 : 16;
		struct entry *h = realloc(heap, cap * sizeof *h);
		if (!h)
			return -1;
		heap = h;
		heap_cap = cap;
	}
	struct entry e = { deadline, seq++, t };
	size_t i = heap_len++;
	while (i > 0 && entry_less(&e, &heap[(i - 1) / 2])) {
		heap[i] = heap[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	heap[i] = e;
	return 0;
}

static struct task *heap_pop(void)
{
	struct task *t = heap[0].t;
	struct entry last = heap[--heap_len];
	size_t i = 0;
	for (;;) {
		size_t c = 2 * i + 1;
		if (c >= heap_len)
			break;
		if (c + 1 < heap_len && entry_less(&heap[c + 1], &heap[c]))
			c++;
		if (!entry_less(&heap[c], &last))
			break;
		heap[i] = heap[c];
		i = c;
	}
	heap[i] = last;
	return t;
}

/* The peak resident set of this process image, in KiB (VmHWM: unlike
 * getrusage's ru_maxrss, not inherited from the process that forked it). */
static long peak_kib(void)
{
	char line[128];
	long kib = -1;
	FILE *f = fopen("/proc/self/status", "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "VmHWM: %ld kB", &kib) == 1)
			break;
	fclose(f);
	return kib;
}

static void arm(uv_loop_t *loop);

/* The task's body: state 0 sleeps, state 1 has woken. */
static void step(struct task *t, uv_loop_t *loop)
{
	switch (t->state) {
	case 0:
		t->state = 1;
		uv_update_time(loop);
		if (heap_push(uv_now(loop) + t->ms, t) < 0)
			abort();
		return;
	case 1:
		free(t);
		left--;
		return;
	}
}

static void expire(uv_timer_t *h)
{
	uv_update_time(h->loop);
	uint64_t now = uv_now(h->loop);
	while (heap_len && heap[0].deadline <= now)
		step(heap_pop(), h->loop);
	arm(h->loop);
}

static void arm(uv_loop_t *loop)
{
	if (heap_len) {
		uint64_t now = uv_now(loop), at = heap[0].deadline;
		uv_timer_start(&timer, expire, at > now ? at - now : 0, 0);
	}
}

int main(int argc, char **argv)
{
	long n = argc > 2 ? atol(argv[1]) : 1000000;
	uint64_t ms = argc > 2 ? strtoull(argv[2], NULL, 10) : 200;
	uv_loop_t *loop = uv_default_loop();
	uv_timer_init(loop, &timer);
	left = n;
	for (long i = 0; i < n; i++) {
		struct task *t = malloc(sizeof *t);
		if (!t)
			return 1;
		t->state = 0;
		t->ms = ms;
		step(t, loop);
	}
	arm(loop);
	while (left > 0)
		uv_run(loop, UV_RUN_ONCE);
	printf("%ld woke, peak %ld KiB\n", n, peak_kib());
	free(heap);
	uv_close((uv_handle_t *)&timer, NULL);
	uv_run(loop, UV_RUN_DEFAULT);
	return uv_loop_close(loop) ? 1 : 0;
}
