/* scope.c - interned names and their scoped bindings. */
#include "arena.h"
#include "scope.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

static uint32_t hash_bytes(const char *s, size_t n)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n, size);
	if (!p)
		abort();
	return p;
}

void ac_scopes_init(struct ac_scopes *s, struct ac_arena *arena)
{
	memset(s, 0, sizeof *s);
	s->arena = arena;
	s->nbuckets = 4096;
	s->buckets = xcalloc(s->nbuckets, sizeof *s->buckets);
	s->capdepth = 64;
	s->scopes = xcalloc(s->capdepth, sizeof *s->scopes);
}

void ac_scopes_free(struct ac_scopes *s)
{
	free(s->buckets);
	free(s->scopes);
	memset(s, 0, sizeof *s);
}

static void rehash(struct ac_scopes *s)
{
	size_t n = s->nbuckets * 2;
	struct ac_name **b = xcalloc(n, sizeof *b);
	for (size_t i = 0; i < s->nbuckets; i++) {
		struct ac_name *e = s->buckets[i];
		while (e) {
			struct ac_name *next = e->hash_next;
			e->hash_next = b[e->hash & (n - 1)];
			b[e->hash & (n - 1)] = e;
			e = next;
		}
	}
	free(s->buckets);
	s->buckets = b;
	s->nbuckets = n;
}

struct ac_name *ac_scopes_intern(struct ac_scopes *s, const char *text,
				 size_t len)
{
	uint32_t h = hash_bytes(text, len);
	struct ac_name **slot = &s->buckets[h & (s->nbuckets - 1)];
	for (struct ac_name *e = *slot; e; e = e->hash_next)
		if (e->hash == h && e->len == len && !memcmp(e->text, text, len))
			return e;
	struct ac_name *e = ac_arena_alloc(s->arena, sizeof *e + len + 1);
	memcpy(e->text, text, len);
	e->text[len] = '\0';
	e->len = (uint32_t)len;
	e->hash = h;
	e->hash_next = *slot;
	*slot = e;
	if (++s->nnames > s->nbuckets)
		rehash(s);
	return e;
}

void ac_scopes_push(struct ac_scopes *s)
{
	if (++s->depth >= s->capdepth) {
		s->capdepth *= 2;
		s->scopes = realloc(s->scopes, s->capdepth * sizeof *s->scopes);
		if (!s->scopes)
			abort();
	}
	s->scopes[s->depth] = NULL;
}

void ac_scopes_pop(struct ac_scopes *s)
{
	assert(s->depth > 0);
	struct ac_binding *b = s->scopes[s->depth];
	while (b) {
		struct ac_binding *next = b->scope_next;
		assert(b->name->binding == b);
		b->name->binding = b->shadowed;
		b->scope_next = s->free_bindings;
		s->free_bindings = b;
		b = next;
	}
	s->scopes[s->depth--] = NULL;
}

/* Binding a name twice in one scope (a redeclaration) updates the binding. */
struct ac_binding *ac_scopes_bind(struct ac_scopes *s, struct ac_name *n,
				  enum ac_binding_kind kind)
{
	struct ac_binding *b = n->binding;
	if (b && b->depth == s->depth) {
		b->kind = kind;
		return b;
	}
	b = s->free_bindings;
	if (b)
		s->free_bindings = b->scope_next;
	else
		b = ac_arena_alloc(s->arena, sizeof *b);
	memset(b, 0, sizeof *b);
	b->name = n;
	b->kind = kind;
	b->depth = s->depth;
	b->shadowed = n->binding;
	n->binding = b;
	b->scope_next = s->scopes[s->depth];
	s->scopes[s->depth] = b;
	return b;
}
