/* arena.c - bump allocator. */
#include "arena.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ac_arena_block {
	struct ac_arena_block *next;
	max_align_t data[];
};

enum { AC_ARENA_BLOCK = 64 * 1024 };

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
		free(b);
		b = next;
	}
	ac_arena_init(a);
}

static void grow(struct ac_arena *a, size_t need)
{
	size_t size = need > AC_ARENA_BLOCK ? need : AC_ARENA_BLOCK;
	struct ac_arena_block *b = malloc(sizeof *b + size);
	if (!b) {
		fputs("asyncc: out of memory\n", stderr);
		exit(70);
	}
	b->next = a->head;
	a->head = b;
	a->cur = (char *)b->data;
	a->end = a->cur + size;
}

void *ac_arena_alloc(struct ac_arena *a, size_t size)
{
	size = (size + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
	if (size == 0)
		size = sizeof(max_align_t);
	if ((size_t)(a->end - a->cur) < size)
		grow(a, size);
	void *p = a->cur;
	a->cur += size;
	memset(p, 0, size);
	return p;
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
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *p = ac_arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}
