/* arena.h - bump allocation for everything a parse builds, freed as one. */
#ifndef AC_ARENA_H
#define AC_ARENA_H

#include <stddef.h>

struct ac_arena_block;

struct ac_arena {
	struct ac_arena_block *head;
	char *cur, *end;
	struct ac_arena_block *spare; /* given back by ac_arena_release */
};

void ac_arena_init(struct ac_arena *a);
void ac_arena_free(struct ac_arena *a);
/* Zeroed memory; aborts on exhaustion (the translator cannot go on). */
void *ac_arena_alloc(struct ac_arena *a, size_t size);
char *ac_arena_strndup(struct ac_arena *a, const char *s, size_t n);
char *ac_arena_printf(struct ac_arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#define AC_NEW(a, T) ((T *)ac_arena_alloc((a), sizeof(T)))

/*
 * Out of memory, the translator stops: every allocation, arena or heap,
 * ends in ac_out_of_memory(), which says so and exits with status 70
 * (nothing half-written is left: output is renamed into place at the end).
 */
_Noreturn void ac_out_of_memory(void);
void *ac_xrealloc(void *p, size_t size);

/*
 * The growable array: room in `v` (`*cap` elements of `size` bytes) for the
 * element at index `n`, the capacity doubled as needed (first 16).
 *
 *   AC_GROW(v, cap, n); v[n++] = x;
 */
void *ac_grow(void *v, size_t size, size_t *cap, size_t n);
#define AC_GROW(v, cap, n) ((v) = ac_grow((v), sizeof *(v), &(cap), (n)))

/* The same for an array in arena `a` (first 8; the old room is left to
 * the arena). */
void *ac_arena_grow(struct ac_arena *a, void *v, size_t size, size_t *cap, size_t n);
#define AC_ARENA_GROW(a, v, cap, n) ((v) = ac_arena_grow((a), (v), sizeof *(v), &(cap), (n)))

/* Where an arena stands, to give back later all that was allocated after
 * (the memory is handed out again, zeroed). */
struct ac_arena_mark {
	struct ac_arena_block *head;
	char *cur;
};

struct ac_arena_mark ac_arena_mark(struct ac_arena *a);
void ac_arena_release(struct ac_arena *a, struct ac_arena_mark m);

/*
 * Buffers (source text, arena blocks, the name table) straight from the
 * kernel, zeroed, in 2 MiB huge pages where it gives them; those smaller
 * than a huge page are cut from shared ones.  `*size` is rounded up to
 * what was given, which is what ac_pages_free takes back.  Aborts on
 * exhaustion.
 */
void *ac_pages_alloc(size_t *size);
/* Grows (and may move) a mapping; the new bytes are zero. */
void *ac_pages_grow(void *p, size_t old_size, size_t *new_size);
void ac_pages_free(void *p, size_t size);
/* From now on ac_pages_free leaves pages mapped: for a process about to
 * exit, which gives them all back at once, for less than unmapping them
 * one range at a time costs. */
void ac_pages_keep_until_exit(void);

#endif
