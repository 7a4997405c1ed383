/*
 * pool.c - frame allocator.
 *
 * Heap frames are allocated and freed at the rate tasks are created, so they
 * are kept on per-size free lists instead of going back to malloc: sizes are
 * rounded up to multiples of AC__POOL_GRAIN up to AC__POOL_MAX, and a freed
 * block of a class is what the next allocation of that class gets.  Larger
 * frames are rare and go straight to malloc/free.
 */
#include "asyncc-internal.h"

#include <stddef.h>
#include <stdlib.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#define AC__POOL_GRAIN 32u
#define AC__POOL_MAX 4096u
#define AC__POOL_CLASSES (AC__POOL_MAX / AC__POOL_GRAIN)

/* A free block stores the link to the next free block of its class. */
struct ac__free_block {
	struct ac__free_block *next;
};

static _Thread_local struct ac__free_block *ac__free_lists[AC__POOL_CLASSES];
static _Thread_local struct ac__pool_stats ac__stats;

/* Class index for `size` (> 0, <= AC__POOL_MAX): class c holds blocks of
 * (c + 1) * AC__POOL_GRAIN bytes. */
static size_t ac__pool_class(size_t size)
{
	assert(size > 0 && size <= AC__POOL_MAX);
	return (size - 1) / AC__POOL_GRAIN;
}

void *ac__frame_alloc(size_t size)
{
	if (size == 0)
		size = 1;
	if (size > AC__POOL_MAX) {
		void *p = malloc(size);
		if (p) {
			ac__stats.allocs++;
			ac__stats.mallocs++;
		}
		return p;
	}
	size_t c = ac__pool_class(size);
	struct ac__free_block *b = ac__free_lists[c];
	if (b) {
		ac__free_lists[c] = b->next;
		ac__stats.allocs++;
		ac__stats.reuses++;
		ac__stats.pooled--;
		return b;
	}
	void *p = malloc((c + 1) * AC__POOL_GRAIN);
	if (p) {
		ac__stats.allocs++;
		ac__stats.mallocs++;
	}
	return p;
}

/* A frame whose type asks for more than malloc's alignment (a local
 * declared _Alignas(64)): its own block, of its class's size, which
 * ac__frame_free then pools like any. */
void *ac__frame_alloc_aligned(size_t size, size_t align)
{
	if (align <= _Alignof(max_align_t))
		return ac__frame_alloc(size);
	assert((align & (align - 1)) == 0);
	if (size == 0)
		size = 1;
	size_t n = size > AC__POOL_MAX ? size : (ac__pool_class(size) + 1) * AC__POOL_GRAIN;
	n = (n + align - 1) / align * align;
	void *p = aligned_alloc(align, n);
	if (p) {
		ac__stats.allocs++;
		ac__stats.mallocs++;
	}
	return p;
}

void ac__frame_free(void *frame, size_t size)
{
	if (!frame)
		return;
	if (size == 0)
		size = 1;
	ac__stats.frees++;
	if (size > AC__POOL_MAX) {
		free(frame);
		return;
	}
	size_t c = ac__pool_class(size);
	struct ac__free_block *b = frame;
	b->next = ac__free_lists[c];
	ac__free_lists[c] = b;
	ac__stats.pooled++;
}

/* Copies the counters out so tests can compare before/after. */
void ac__pool_stats(struct ac__pool_stats *out)
{
	*out = ac__stats;
}

/* Gives every pooled block back to malloc (ac_runtime_shutdown). */
void ac__pool_release(void)
{
	for (size_t c = 0; c < AC__POOL_CLASSES; c++) {
		while (ac__free_lists[c]) {
			struct ac__free_block *b = ac__free_lists[c];
			ac__free_lists[c] = b->next;
			free(b);
			ac__stats.pooled--;
		}
	}
	assert(ac__stats.pooled == 0);
}

/* After a burst (a server whose connections have all closed): the pooled
 * frames go back to malloc, and malloc gives free memory back to the
 * system where it can (glibc's malloc_trim). */
int ac_runtime_trim(void)
{
	ac__pool_release();
#ifdef __GLIBC__
	malloc_trim(0);
#endif
	return 0;
}
