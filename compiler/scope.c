/* scope.c - interned names and their scoped bindings. */
#include "arena.h"
#include "scope.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

static uint64_t load64(const char *s)
{
	uint64_t w;
	memcpy(&w, s, 8);
	return w;
}

static uint32_t load32(const char *s)
{
	uint32_t w;
	memcpy(&w, s, 4);
	return w;
}

/* The last 1..8 bytes of a name as one word, read without leaving it
 * (overlapping loads: no byte loop, no trip through memory). */
static inline uint64_t tail_word(const char *s, size_t n)
{
	if (n >= 8)
		return load64(s + n - 8);
	if (n >= 4)
		return load32(s) | (uint64_t)load32(s + n - 4) << 32;
	return (unsigned char)s[0] | (uint64_t)(unsigned char)s[n / 2] << 8 |
	       (uint64_t)(unsigned char)s[n - 1] << 16;
}

/* A multiplicative hash over 8 bytes at a time: names are short, and
 * this is on the path of every word the scanner sees. */
static uint32_t hash_bytes(const char *s, size_t n)
{
	uint64_t h = 0x9e3779b97f4a7c15u ^ n;
	size_t i = 0;
	for (; i + 8 < n; i += 8) {
		h = (h ^ load64(s + i)) * 0xff51afd7ed558ccdu;
		h ^= h >> 32;
	}
	if (n)
		h = (h ^ tail_word(s, n)) * 0xff51afd7ed558ccdu;
	h ^= h >> 29;
	h *= 0xc4ceb9fe1a85ec53u;
	return (uint32_t)(h >> 32);
}

/* a[0..n) == b[0..n), with word loads for the short names most are. */
static bool same_text(const char *a, const char *b, size_t n)
{
	if (n > 16)
		return !memcmp(a, b, n);
	if (n > 8)
		return load64(a) == load64(b) && tail_word(a, n) == tail_word(b, n);
	return n == 0 || tail_word(a, n) == tail_word(b, n);
}

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n, size);
	if (!p)
		abort();
	return p;
}

/* A table of n slots (a power of two), zeroed, in pages shared with the
 * arenas and the input (every page of it is touched: a slot is anywhere). */
static struct ac_name_slot *new_slots(size_t n)
{
	size_t size = n * sizeof(struct ac_name_slot);
	return ac_pages_alloc(&size);
}

static void free_slots(struct ac_name_slot *slots, size_t n)
{
	ac_pages_free(slots, n * sizeof *slots);
}

void ac_scopes_init(struct ac_scopes *s)
{
	memset(s, 0, sizeof *s);
	ac_arena_init(&s->own);
	s->nslots = 512; /* the keywords; ac_scopes_reserve sizes it for a file */
	s->slots = new_slots(s->nslots);
	s->capdepth = 64;
	s->scopes = xcalloc(s->capdepth, sizeof *s->scopes);
}

void ac_scopes_free(struct ac_scopes *s)
{
	ac_arena_free(&s->own);
	free_slots(s->slots, s->nslots);
	free(s->scopes);
	memset(s, 0, sizeof *s);
}

/* The table is open-addressed with linear probing, at most half full.  A
 * slot holds the hash and length next to the name, so that a probe reads
 * the name only when they match; the names have an arena of their own, so
 * that the ones in use share cache lines (and outlive the parser's
 * scratch: see ac_arena_release). */
static void resize_table(struct ac_scopes *s, size_t n)
{
	struct ac_name_slot *slots = new_slots(n);
	for (size_t i = 0; i < s->nslots; i++) {
		if (!s->slots[i].name)
			continue;
		size_t j = s->slots[i].hash & (n - 1);
		while (slots[j].name)
			j = (j + 1) & (n - 1);
		slots[j] = s->slots[i];
	}
	free_slots(s->slots, s->nslots);
	s->slots = slots;
	s->nslots = n;
}

static void grow_table(struct ac_scopes *s)
{
	resize_table(s, s->nslots * 2);
}

void ac_scopes_reserve(struct ac_scopes *s, size_t names)
{
	size_t n = s->nslots;
	while (n < 2 * names)
		n *= 2;
	if (n > s->nslots) /* one move to the final size */
		resize_table(s, n);
}

struct ac_name *ac_scopes_intern(struct ac_scopes *s, const char *text,
				 size_t len)
{
	uint32_t h = hash_bytes(text, len);
	size_t mask = s->nslots - 1, i = h & mask;
	for (; s->slots[i].name; i = (i + 1) & mask) {
		struct ac_name_slot *slot = &s->slots[i];
		if (slot->hash == h && slot->len == len &&
		    same_text(slot->name->text, text, len))
			return slot->name;
	}
	struct ac_name *e = ac_arena_alloc(&s->own, sizeof *e + len + 1);
	memcpy(e->text, text, len);
	e->text[len] = '\0';
	e->len = (uint32_t)len;
	e->hash = h;
	s->slots[i] = (struct ac_name_slot){ h, (uint32_t)len, e };
	if (++s->nnames * 2 > s->nslots)
		grow_table(s);
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
		b = ac_arena_alloc(&s->own, sizeof *b);
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
