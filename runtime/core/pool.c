/*
 * pool.c - frame allocator.
 *
 * Heap frames are allocated and freed at the rate tasks are created, so they
 * are kept on per-size free lists instead of going back to malloc: sizes are
 * rounded up to multiples of AC__POOL_GRAIN up to AC__POOL_MAX, and a freed
 * block of a class is what the next allocation of that class gets.
 *
 * Blocks of up to AC__SLAB_MAX bytes (frames, the common case) are cut from
 * slabs: 64 KiB mappings, aligned to their size so that a block finds its
 * slab by masking its address, that hold blocks of one class.  A slab
 * block costs its size and nothing more (a malloc'd one costs a header and
 * rounding), and allocating one is a pointer bump or a free-list pop.  A
 * chunk counts its blocks in use; ac_runtime_trim gives back the chunks
 * whose blocks are all free.  Larger blocks are malloc'd one by one (and
 * pooled as well); frames larger than AC__POOL_MAX are rare and go straight
 * to malloc/free.
 *
 * Under AddressSanitizer every block is malloc'd on its own, so that an
 * overflow out of a frame is caught at the frame's end.
 */
#include "asyncc-internal.h"

#include <stddef.h>
#include <stdlib.h>
#include <sys/mman.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#define AC__POOL_GRAIN 8u
#define AC__POOL_MAX 4096u
#define AC__POOL_CLASSES (AC__POOL_MAX / AC__POOL_GRAIN)

#if defined(__SANITIZE_ADDRESS__)
#define AC__SLAB_MAX 0u
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define AC__SLAB_MAX 0u
#endif
#endif
#ifndef AC__SLAB_MAX
#define AC__SLAB_MAX 1024u
#endif
#define AC__SLAB_SIZE 65536u

/* A free block stores the link to the next free block of its class. */
struct ac__free_block {
	struct ac__free_block *next;
};

/* The head of a slab; its blocks follow, from `first` on. */
struct ac__slab {
	struct ac__slab *prev, *next; /* every slab of the thread */
	size_t live;                  /* blocks handed out and not freed */
	size_t block;                 /* block size */
};

/* Where a slab's first block of `block` bytes starts: at a multiple of the
 * largest power of two dividing the size, at least 64, so every block is
 * aligned as its frame type requires (sizeof is a multiple of the
 * alignment) up to the slab's block size. */
static size_t ac__slab_first(size_t block)
{
	size_t low = block & -block;
	return low > 64 ? low : 64;
}
_Static_assert(sizeof(struct ac__slab) <= 64, "a slab's head fits before its first block");
/* A frame's size is a multiple of its alignment, and a block is aligned
 * to its size's factors of two up to malloc's: ac__frame_new (asyncc.h)
 * leaves alignments up to 16 to ac__frame_alloc. */
_Static_assert(_Alignof(max_align_t) >= 16, "malloc aligns to 16 at least");

struct ac__pool {
	struct ac__free_block *free[AC__POOL_CLASSES];
	size_t nfree[AC__POOL_CLASSES]; /* blocks on each free list */
	size_t live[AC__POOL_CLASSES];  /* slab blocks of each class in use */
	/* Per class: the uncut rest of its newest slab. */
	char *bump[AC__POOL_CLASSES], *bump_end[AC__POOL_CLASSES];
	struct ac__slab *slabs;
	struct ac__pool_stats stats;
};

static _Thread_local struct ac__pool ac__P;

/* Class index for `size` (> 0, <= AC__POOL_MAX): class c holds blocks of
 * (c + 1) * AC__POOL_GRAIN bytes. */
static size_t ac__pool_class(size_t size)
{
	assert(size > 0 && size <= AC__POOL_MAX);
	return (size - 1) / AC__POOL_GRAIN;
}

static size_t ac__class_size(size_t c)
{
	return (c + 1) * AC__POOL_GRAIN;
}

static struct ac__slab *ac__slab_of(const void *block)
{
	return (struct ac__slab *)((uintptr_t)block & ~(uintptr_t)(AC__SLAB_SIZE - 1));
}

/* SLAB_SIZE bytes aligned to SLAB_SIZE, straight from the kernel.  Slabs
 * are mapped AC__SLAB_BATCH at a time, a batch aligned to its size (the
 * misaligned ends of one larger mapping unmapped), and the rest kept for
 * the next calls; a slab given back is unmapped on its own.
 *
 * A batch is 2 MiB, a huge page of x86-64 and arm64: from the second batch
 * on (a program with thousands of tasks), the kernel is asked to back
 * batches with huge pages (transparent huge pages in "madvise" mode), so
 * that a million frames cost a few dozen page faults instead of tens of
 * thousands, and fewer TLB misses.  The first batch keeps small pages: a
 * program with few tasks does not hold a whole huge page for them. */
#define AC__SLAB_BATCH 32u
static _Thread_local char *ac__slab_next, *ac__slab_end;
static _Thread_local bool ac__slab_mapped; /* a batch was mapped before */

static struct ac__slab *ac__slab_map(void)
{
	if (ac__slab_next == ac__slab_end) {
		size_t want = (size_t)AC__SLAB_BATCH * AC__SLAB_SIZE;
		size_t len = 2 * want;
		char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			return NULL;
		char *s = (char *)(((uintptr_t)p + want - 1) &
				   ~(uintptr_t)(want - 1));
		if (s > p)
			munmap(p, (size_t)(s - p));
		if (s + want < p + len)
			munmap(s + want, (size_t)(p + len - (s + want)));
#ifdef MADV_HUGEPAGE
		if (ac__slab_mapped)
			madvise(s, want, MADV_HUGEPAGE); /* advice: may fail */
#endif
		ac__slab_mapped = true;
		ac__slab_next = s;
		ac__slab_end = s + want;
	}
	char *s = ac__slab_next;
	ac__slab_next += AC__SLAB_SIZE;
	return (struct ac__slab *)(void *)s;
}

/* A new slab for class c, whose blocks become the class's bump region. */
static bool ac__slab_new(size_t c)
{
	struct ac__slab *s = ac__slab_map();
	if (!s)
		return false;
	ac__P.stats.mallocs++;
	s->live = 0;
	s->block = ac__class_size(c);
	s->prev = NULL;
	s->next = ac__P.slabs;
	if (s->next)
		s->next->prev = s;
	ac__P.slabs = s;
	size_t first = ac__slab_first(s->block);
	size_t n = (AC__SLAB_SIZE - first) / s->block;
	ac__P.bump[c] = (char *)s + first;
	ac__P.bump_end[c] = ac__P.bump[c] + n * s->block;
	return true;
}

/* A block of class c that is on no free list: cut from a slab, or
 * malloc'd. */
static void *ac__block_new(size_t c)
{
	size_t size = ac__class_size(c);
	if (size > AC__SLAB_MAX) {
		void *p = malloc(size);
		if (p)
			ac__P.stats.mallocs++;
		return p;
	}
	if (ac__P.bump[c] == ac__P.bump_end[c] && !ac__slab_new(c))
		return NULL;
	void *p = ac__P.bump[c];
	ac__P.bump[c] += size;
	return p;
}

void *ac__frame_alloc(size_t size)
{
	if (size == 0)
		size = 1;
	if (size > AC__POOL_MAX) {
		void *p = malloc(size);
		if (p) {
			ac__P.stats.allocs++;
			ac__P.stats.mallocs++;
		}
		return p;
	}
	size_t c = ac__pool_class(size);
	struct ac__free_block *b = ac__P.free[c];
	void *p;
	if (b) {
		ac__P.free[c] = b->next;
		ac__P.nfree[c]--;
		ac__P.stats.reuses++;
		ac__P.stats.pooled--;
		p = b;
	} else if (!(p = ac__block_new(c))) {
		return NULL;
	}
	ac__P.stats.allocs++;
	if (ac__class_size(c) <= AC__SLAB_MAX) {
		ac__slab_of(p)->live++;
		ac__P.live[c]++;
	}
	return p;
}

/* A frame whose type asks for more than malloc's alignment (a local
 * declared _Alignas(64)).  Its size is a multiple of `align`, so a slab
 * block is aligned already; a larger one gets its own block, of its
 * class's size, which ac__frame_free then pools like any. */
void *ac__frame_alloc_aligned(size_t size, size_t align)
{
	if (align <= _Alignof(max_align_t))
		return ac__frame_alloc(size);
	assert((align & (align - 1)) == 0 && size % align == 0);
	if (size == 0)
		size = 1;
	if (size <= AC__SLAB_MAX)
		return ac__frame_alloc(size);
	size_t n = size > AC__POOL_MAX ? size : ac__class_size(ac__pool_class(size));
	n = (n + align - 1) / align * align;
	void *p = aligned_alloc(align, n);
	if (p) {
		ac__P.stats.allocs++;
		ac__P.stats.mallocs++;
	}
	return p;
}

/* Frees a block that is on no list: a slab block just counts as unused. */
static void ac__block_free(void *block, size_t c)
{
	if (ac__class_size(c) <= AC__SLAB_MAX)
		return; /* its slab goes in ac__pool_release */
	free(block);
}

void ac__frame_free(void *frame, size_t size)
{
	if (!frame)
		return;
	if (size == 0)
		size = 1;
	ac__P.stats.frees++;
	if (size > AC__POOL_MAX) {
		free(frame);
		return;
	}
	size_t c = ac__pool_class(size);
	if (ac__class_size(c) <= AC__SLAB_MAX) {
		struct ac__slab *s = ac__slab_of(frame);
		assert(s->live > 0 && s->block == ac__class_size(c));
		s->live--;
		ac__P.live[c]--;
	}
	struct ac__free_block *b = frame;
	b->next = ac__P.free[c];
	ac__P.free[c] = b;
	ac__P.nfree[c]++;
	ac__P.stats.pooled++;
}

/* Copies the counters out so tests can compare before/after. */
void ac__pool_stats(struct ac__pool_stats *out)
{
	*out = ac__P.stats;
}

static int ac__addr_cmp(const void *a, const void *b)
{
	uintptr_t x = *(const uintptr_t *)a, y = *(const uintptr_t *)b;
	return (x > y) - (x < y);
}

/* Unmaps the slabs none of whose blocks is in use.  Every munmap costs a
 * TLB flush on each CPU the process ran on, so adjacent slabs (most are:
 * they were mapped in batches) go in one call. */
static void ac__slabs_unmap_unused(void)
{
	size_t n = 0;
	for (struct ac__slab *s = ac__P.slabs; s; s = s->next)
		n += s->live == 0;
	uintptr_t *v = n ? malloc(n * sizeof *v) : NULL;
	size_t k = 0;
	for (struct ac__slab *s = ac__P.slabs, *next; s; s = next) {
		next = s->next;
		if (s->live > 0)
			continue;
		if (s->prev)
			s->prev->next = s->next;
		else
			ac__P.slabs = s->next;
		if (s->next)
			s->next->prev = s->prev;
		if (v)
			v[k++] = (uintptr_t)s;
		else
			munmap(s, AC__SLAB_SIZE); /* no memory to sort them */
	}
	if (k > 1)
		qsort(v, k, sizeof *v, ac__addr_cmp);
	for (size_t i = 0; i < k;) {
		size_t j = i + 1;
		while (j < k && v[j] == v[j - 1] + AC__SLAB_SIZE)
			j++;
		munmap((void *)v[i], (j - i) * (size_t)AC__SLAB_SIZE);
		i = j;
	}
	free(v);
	if (ac__slab_next != ac__slab_end) /* the batch's unused rest */
		munmap(ac__slab_next, (size_t)(ac__slab_end - ac__slab_next));
	ac__slab_next = ac__slab_end = NULL;
	if (!ac__P.slabs)
		ac__slab_mapped = false; /* all given back: start small again */
}

/* Whether the free block `b` of class c can go back to the system: a
 * malloc'd one always, a slab block when no block of its slab is used. */
static bool ac__block_releasable(const void *b, size_t c)
{
	return ac__class_size(c) > AC__SLAB_MAX || ac__slab_of(b)->live == 0;
}

/* Gives back every pooled block that can go (ac_runtime_shutdown, trim):
 * malloc'd blocks, and the slabs none of whose blocks is in use.  Slabs
 * holding a frame still in use (a task abandoned at shutdown, a running
 * task at a trim) stay, with their free blocks.  A slab class with no
 * block in use drops its free list whole: a million freed frames are not
 * read again just to be unmapped. */
void ac__pool_release(void)
{
	for (size_t c = 0; c < AC__POOL_CLASSES; c++) {
		struct ac__free_block **p = &ac__P.free[c];
		if (ac__class_size(c) <= AC__SLAB_MAX && ac__P.live[c] == 0) {
			ac__P.stats.pooled -= ac__P.nfree[c];
			ac__P.nfree[c] = 0;
			*p = NULL;
		}
		while (*p) {
			struct ac__free_block *b = *p;
			if (!ac__block_releasable(b, c)) {
				p = &b->next;
				continue;
			}
			*p = b->next;
			ac__block_free(b, c);
			ac__P.nfree[c]--;
			ac__P.stats.pooled--;
		}
		if (ac__P.bump[c] && ac__slab_of(ac__P.bump[c] - 1)->live == 0)
			ac__P.bump[c] = ac__P.bump_end[c] = NULL;
	}
	ac__slabs_unmap_unused();
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
