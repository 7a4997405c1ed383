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

void *ac_grow(void *v, size_t size, size_t *cap, size_t n)
{
	if (n < *cap)
		return v;
	size_t c = *cap ? *cap : 16;
	while (c <= n) {
		if (c > SIZE_MAX / 2 / size)
			ac_out_of_memory();
		c *= 2;
	}
	*cap = c;
	return ac_xrealloc(v, c * size);
}

/* Small buffers get ordinary pages, mapped at once (they are filled whole,
 * and one call costs less than a fault per page); from one huge page up,
 * the mapping is aligned to huge pages so that the kernel can back it with
 * them. */
void *ac_pages_alloc(size_t *size)
{
	size_t page = *size < AC_HUGE_PAGE ? 4096 : AC_HUGE_PAGE;
	size_t n = (*size + page - 1) & ~(page - 1);
	if (n == 0)
		n = page;
	size_t slack = page > 4096 ? page : 0;
	int populate = slack ? 0 : MAP_POPULATE;
	char *p = mmap(NULL, n + slack, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | populate, -1, 0);
	if (p == MAP_FAILED)
		ac_out_of_memory();
	if (slack) {
		size_t head = (size_t)(-(uintptr_t)p & (page - 1));
		if (head)
			munmap(p, head);
		if (slack - head)
			munmap(p + head + n, slack - head);
		p += head;
#ifdef MADV_HUGEPAGE
		madvise(p, n, MADV_HUGEPAGE);
#endif
	}
	*size = n;
	return p;
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
	if (p && !keep_until_exit)
		munmap(p, size);
}

struct ac_arena_block {
	struct ac_arena_block *next;
	size_t size;
	max_align_t data[];
};

enum { AC_ARENA_BLOCK = AC_HUGE_PAGE };

void ac_arena_init(struct ac_arena *a)
{
	a->head = NULL;
	a->cur = a->end = NULL;
}

void ac_arena_free(struct ac_arena *a)
{
	struct ac_arena_block *b = a->head;
	while (b) {
		struct ac_arena_block *next = b->next;
		ac_pages_free(b, b->size);
		b = next;
	}
	ac_arena_init(a);
}

/* A block is a huge page: untouched parts cost nothing, and a big input
 * takes one page fault per 2 MiB. */
static void grow(struct ac_arena *a, size_t need)
{
	size_t size = AC_ARENA_BLOCK;
	if (size < need + sizeof(struct ac_arena_block))
		size = need + sizeof(struct ac_arena_block);
	struct ac_arena_block *b = ac_pages_alloc(&size);
	b->next = a->head;
	b->size = size;
	a->head = b;
	a->cur = (char *)b->data;
	a->end = (char *)b + size;
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

/* (An empty arena gets its first block here, so that giving back does not
 * mean unmapping it and faulting it in again.) */
struct ac_arena_mark ac_arena_mark(struct ac_arena *a)
{
	if (!a->head)
		grow(a, 0);
	return (struct ac_arena_mark){ a->head, a->cur };
}

void ac_arena_release(struct ac_arena *a, struct ac_arena_mark m)
{
	bool grew = a->head != m.head;
	while (a->head != m.head) {
		struct ac_arena_block *b = a->head;
		a->head = b->next;
		ac_pages_free(b, b->size);
	}
	char *end = (char *)m.head + m.head->size;
	/* after a grow, the rest of the marked block may have been used
	 * before the grow: zero all of it */
	size_t used = (size_t)((grew ? end : a->cur) - m.cur);
	UNPOISON(m.cur, used);
	memset(m.cur, 0, used);
	POISON(m.cur, used);
	a->cur = m.cur;
	a->end = end;
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
