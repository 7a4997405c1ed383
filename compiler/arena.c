/* arena.c - bump allocator. */
#include "arena.h"

#include <assert.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* Under AddressSanitizer, memory given back by ac_arena_release is poisoned
 * until it is handed out again, so that a pointer kept past the release is
 * reported where it is used. */
#if defined(__SANITIZE_ADDRESS__)
#define AC_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define AC_ASAN 1
#endif
#endif
#ifdef AC_ASAN
#include <sanitizer/asan_interface.h>
#define POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#endif
#ifndef POISON
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#endif

enum { AC_HUGE_PAGE = 2 << 20 };

void ac_out_of_memory(void)
{
	fputs("asyncc: out of memory\n", stderr);
	exit(70);
}

void *ac_xrealloc(void *p, size_t size)
{
	p = realloc(p, size);
	if (!p && size)
		ac_out_of_memory();
	return p;
}

/* The capacity, doubled from `cap` (or `first`), that holds index `n` of
 * elements of `size` bytes. */
static size_t doubled(size_t cap, size_t first, size_t size, size_t n)
{
	size_t c = cap ? cap : first;
	while (c <= n) {
		if (c > SIZE_MAX / 2 / size)
			ac_out_of_memory();
		c *= 2;
	}
	return c;
}

void *ac_grow(void *v, size_t size, size_t *cap, size_t n)
{
	if (n < *cap)
		return v;
	*cap = doubled(*cap, 16, size, n);
	return ac_xrealloc(v, *cap * size);
}

/* Pages straight from the kernel, zeroed: `n` bytes (a multiple of huge
 * pages) aligned to huge pages, so that the kernel can back them with
 * them. */
static char *map_huge(size_t n)
{
	char *p = mmap(NULL, n + AC_HUGE_PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		ac_out_of_memory();
	size_t head = (size_t)(-(uintptr_t)p & (AC_HUGE_PAGE - 1));
	if (head)
		munmap(p, head);
	if (AC_HUGE_PAGE - head)
		munmap(p + head + n, AC_HUGE_PAGE - head);
	p += head;
#ifdef MADV_HUGEPAGE
	madvise(p, n, MADV_HUGEPAGE);
#endif
	UNPOISON(p, n); /* (pages unmapped and mapped again keep their poison) */
	return p;
}

/*
 * Buffers smaller than a huge page are cut from shared chunks of one huge
 * page each.  On the virtual machines the translator runs on, the first
 * touch of a 4 KiB page costs 7-15 us (the fault, and the hypervisor's own
 * for its shadow page tables, even for pages mapped at once), and a huge
 * page about 150 us for all of its 512: the input, the name table and the
 * arenas' blocks together touch a huge page or two instead of hundreds of
 * small ones.  A chunk starts with the count of the buffers cut from it
 * that are still in use, and goes back to the kernel when none is.
 */
struct pool_chunk {
	size_t live;
};

enum { AC_POOL_ALIGN = 64, AC_POOL_START = AC_POOL_ALIGN,
       AC_POOL_MAX = AC_HUGE_PAGE - AC_POOL_START };

static struct pool_chunk *pool; /* the chunk being cut, or NULL */
static size_t pool_used;        /* bytes of it cut, its head included */

static void *pool_alloc(size_t n)
{
	if (!pool || AC_HUGE_PAGE - pool_used < n) {
		pool = (struct pool_chunk *)map_huge(AC_HUGE_PAGE);
		pool_used = AC_POOL_START;
	}
	char *p = (char *)pool + pool_used;
	pool_used += n;
	pool->live++;
	return p;
}

static void pool_free(void *p)
{
	struct pool_chunk *c = (struct pool_chunk *)
		((uintptr_t)p & ~(uintptr_t)(AC_HUGE_PAGE - 1));
	if (--c->live)
		return;
	if (c == pool)
		pool = NULL;
	munmap(c, AC_HUGE_PAGE);
}

void *ac_pages_alloc(size_t *size)
{
	size_t n = (*size + AC_POOL_ALIGN - 1) & ~(size_t)(AC_POOL_ALIGN - 1);
	if (n == 0)
		n = AC_POOL_ALIGN;
	if (n <= AC_POOL_MAX) {
		*size = n;
		return pool_alloc(n);
	}
	n = (*size + AC_HUGE_PAGE - 1) & ~(size_t)(AC_HUGE_PAGE - 1);
	*size = n;
	return map_huge(n);
}

void *ac_pages_grow(void *p, size_t old_size, size_t *new_size)
{
	size_t n = *new_size;
	void *q = ac_pages_alloc(&n);
	memcpy(q, p, old_size);
	ac_pages_free(p, old_size);
	*new_size = n;
	return q;
}

static bool keep_until_exit;

void ac_pages_keep_until_exit(void)
{
	keep_until_exit = true;
}

void ac_pages_free(void *p, size_t size)
{
	if (!p || keep_until_exit)
		return;
	if (size <= AC_POOL_MAX)
		pool_free(p);
	else
		munmap(p, size);
}

struct ac_arena_block {
	struct ac_arena_block *next;
	size_t size;
	size_t used; /* bytes of data handed out, once the block is left */
	max_align_t data[];
};

/* Blocks double from 64 KiB, so that a small file's arenas take little of
 * the huge page they share, up to 1 MiB (cut from the shared chunks). */
enum { AC_ARENA_FIRST = 64 << 10, AC_ARENA_MAX = 1 << 20 };

void ac_arena_init(struct ac_arena *a)
{
	a->head = a->spare = NULL;
	a->cur = a->end = NULL;
}

static void free_blocks(struct ac_arena_block *b)
{
	while (b) {
		struct ac_arena_block *next = b->next;
		ac_pages_free(b, b->size);
		b = next;
	}
}

void ac_arena_free(struct ac_arena *a)
{
	free_blocks(a->head);
	free_blocks(a->spare);
	ac_arena_init(a);
}

/* A new block for at least `need` bytes: one given back earlier if it is
 * large enough, else fresh pages. */
static void grow(struct ac_arena *a, size_t need)
{
	size_t min = need + sizeof(struct ac_arena_block);
	struct ac_arena_block *b = a->spare;
	if (a->head)
		a->head->used = (size_t)(a->cur - (char *)a->head->data);
	if (b && b->size >= min) {
		a->spare = b->next;
	} else {
		size_t size = AC_ARENA_FIRST;
		if (a->head)
			size = 2 * a->head->size < AC_ARENA_MAX ? 2 * a->head->size : AC_ARENA_MAX;
		if (size < min)
			size = min;
		b = ac_pages_alloc(&size);
		b->size = size;
	}
	b->next = a->head;
	a->head = b;
	a->cur = (char *)b->data;
	a->end = (char *)b + b->size;
}

/* The blocks are fresh pages, and what is handed out twice was zeroed
 * when it was given back: the memory is zero already. */
void *ac_arena_alloc(struct ac_arena *a, size_t size)
{
	size = (size + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
	if (size == 0)
		size = sizeof(max_align_t);
	if ((size_t)(a->end - a->cur) < size)
		grow(a, size);
	void *p = a->cur;
	a->cur += size;
	UNPOISON(p, size);
	return p;
}

void *ac_arena_grow(struct ac_arena *a, void *v, size_t size, size_t *cap, size_t n)
{
	if (n < *cap)
		return v;
	*cap = doubled(*cap, 8, size, n);
	void *r = ac_arena_alloc(a, *cap * size);
	if (n)
		memcpy(r, v, n * size);
	return r;
}

/* (An empty arena gets its first block here, so that giving back does not
 * mean unmapping it and faulting it in again.) */
struct ac_arena_mark ac_arena_mark(struct ac_arena *a)
{
	if (!a->head)
		grow(a, 0);
	return (struct ac_arena_mark){ a->head, a->cur };
}

static void zero(void *p, size_t n)
{
	UNPOISON(p, n);
	memset(p, 0, n);
	POISON(p, n);
}

/* Blocks grown after the mark are kept, zeroed, for the next grow: a
 * declaration larger than a block does not map and touch new pages each
 * time. */
void ac_arena_release(struct ac_arena *a, struct ac_arena_mark m)
{
	bool grew = a->head != m.head;
	if (grew)
		a->head->used = (size_t)(a->cur - (char *)a->head->data);
	while (a->head != m.head) {
		struct ac_arena_block *b = a->head;
		a->head = b->next;
		zero(b->data, b->used);
		b->used = 0;
		b->next = a->spare;
		a->spare = b;
	}
	char *used = grew ? (char *)m.head->data + m.head->used : a->cur;
	zero(m.cur, (size_t)(used - m.cur));
	a->cur = m.cur;
	a->end = (char *)m.head + m.head->size;
}

char *ac_arena_strndup(struct ac_arena *a, const char *s, size_t n)
{
	char *p = ac_arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *ac_arena_printf(struct ac_arena *a, const char *fmt, ...)
{
	va_list ap;
	assert(fmt); /* (which GCC's sanitizer builds cannot see) */
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *p = ac_arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}
