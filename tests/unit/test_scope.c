/* test_scope.c - interned names and scoped typedef/ordinary bindings. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "scope.h"

static struct ac_arena arena;
static struct ac_scopes scopes;

static void setup(void)
{
	ac_arena_init(&arena);
	ac_scopes_init(&scopes);
}

static void teardown(void)
{
	ac_scopes_free(&scopes);
	ac_arena_free(&arena);
}

static struct ac_name *intern(const char *s)
{
	return ac_scopes_intern(&scopes, s, strlen(s));
}

START_TEST(test_intern_same_pointer)
{
	struct ac_name *a = intern("size_t");
	struct ac_name *b = ac_scopes_intern(&scopes, "size_t_extra", 6);
	ck_assert_ptr_eq(a, b);
	ck_assert_str_eq(a->text, "size_t");
	ck_assert_uint_eq(a->len, 6);
	ck_assert_ptr_ne(intern("size"), a);
	ck_assert_ptr_null(a->binding);
}
END_TEST

START_TEST(test_intern_many_rehash)
{
	/* more names than the initial bucket count: rehashing keeps them */
	char buf[32];
	struct ac_name **names = malloc(10000 * sizeof *names);
	for (int i = 0; i < 10000; i++) {
		snprintf(buf, sizeof buf, "name_%d", i);
		names[i] = intern(buf);
	}
	for (int i = 0; i < 10000; i++) {
		snprintf(buf, sizeof buf, "name_%d", i);
		ck_assert_ptr_eq(intern(buf), names[i]);
		ck_assert_str_eq(names[i]->text, buf);
	}
	free(names);
}
END_TEST

START_TEST(test_intern_embedded_bytes)
{
	/* names are compared by length and bytes, not as C strings */
	struct ac_name *a = ac_scopes_intern(&scopes, "ab\0c", 4);
	struct ac_name *b = ac_scopes_intern(&scopes, "ab", 2);
	ck_assert_ptr_ne(a, b);
	ck_assert_uint_eq(a->len, 4);
}
END_TEST

START_TEST(test_bind_typedef_file_scope)
{
	struct ac_name *t = intern("T");
	ck_assert(!ac_name_is_typedef(t));
	ac_scopes_bind(&scopes, t, AC_BIND_TYPEDEF);
	ck_assert(ac_name_is_typedef(t));
	ck_assert_uint_eq(t->binding->depth, 0);
}
END_TEST

START_TEST(test_push_pop_depth)
{
	ck_assert_uint_eq(scopes.depth, 0);
	ac_scopes_push(&scopes);
	ac_scopes_push(&scopes);
	ck_assert_uint_eq(scopes.depth, 2);
	ac_scopes_pop(&scopes);
	ck_assert_uint_eq(scopes.depth, 1);
	ac_scopes_pop(&scopes);
	ck_assert_uint_eq(scopes.depth, 0);
}
END_TEST

START_TEST(test_deep_nesting)
{
	/* deeper than the initial capacity of the scope stack */
	struct ac_name *n = intern("x");
	for (int i = 0; i < 300; i++) {
		ac_scopes_push(&scopes);
		ac_scopes_bind(&scopes, n, i % 2 ? AC_BIND_TYPEDEF : AC_BIND_ORDINARY);
	}
	ck_assert_uint_eq(scopes.depth, 300);
	for (int i = 299; i >= 0; i--) {
		ck_assert_int_eq(ac_name_is_typedef(n), i % 2);
		ck_assert_uint_eq(n->binding->depth, (unsigned)i + 1);
		ac_scopes_pop(&scopes);
	}
	ck_assert_ptr_null(n->binding);
}
END_TEST

START_TEST(test_shadow_typedef_by_variable)
{
	/* typedef int T; void f(void) { int T = 1; { typedef long T; } T++; } */
	struct ac_name *t = intern("T");
	ac_scopes_bind(&scopes, t, AC_BIND_TYPEDEF);
	ck_assert(ac_name_is_typedef(t));

	ac_scopes_push(&scopes); /* function body */
	struct ac_binding *var = ac_scopes_bind(&scopes, t, AC_BIND_ORDINARY);
	ck_assert(!ac_name_is_typedef(t));
	ck_assert_ptr_eq(t->binding, var);
	ck_assert_uint_eq(var->depth, 1);
	ck_assert(var->shadowed && var->shadowed->kind == AC_BIND_TYPEDEF);

	ac_scopes_push(&scopes); /* inner block: a typedef again */
	ac_scopes_bind(&scopes, t, AC_BIND_TYPEDEF);
	ck_assert(ac_name_is_typedef(t));
	ac_scopes_pop(&scopes);
	ck_assert(!ac_name_is_typedef(t)); /* the variable again */
	ck_assert_ptr_eq(t->binding, var);

	ac_scopes_pop(&scopes);
	ck_assert(ac_name_is_typedef(t)); /* and the file-scope typedef */
	ck_assert_uint_eq(t->binding->depth, 0);
}
END_TEST

START_TEST(test_redeclare_same_scope)
{
	/* a redeclaration in the same scope updates the binding in place */
	struct ac_name *n = intern("U");
	ac_scopes_push(&scopes);
	struct ac_binding *a = ac_scopes_bind(&scopes, n, AC_BIND_ORDINARY);
	struct ac_binding *b = ac_scopes_bind(&scopes, n, AC_BIND_TYPEDEF);
	ck_assert_ptr_eq(a, b);
	ck_assert(ac_name_is_typedef(n));
	ac_scopes_pop(&scopes);
	ck_assert_ptr_null(n->binding);
}
END_TEST

START_TEST(test_pop_restores_many_names)
{
	struct ac_name *a = intern("a"), *b = intern("b"), *c = intern("c");
	ac_scopes_bind(&scopes, a, AC_BIND_TYPEDEF);
	ac_scopes_push(&scopes);
	ac_scopes_bind(&scopes, a, AC_BIND_ORDINARY);
	ac_scopes_bind(&scopes, b, AC_BIND_TYPEDEF);
	ac_scopes_bind(&scopes, c, AC_BIND_ENUM);
	ck_assert_int_eq(c->binding->kind, AC_BIND_ENUM);
	ac_scopes_pop(&scopes);
	ck_assert(ac_name_is_typedef(a));
	ck_assert_ptr_null(b->binding);
	ck_assert_ptr_null(c->binding);
	/* bindings are recycled: binding again after a pop works */
	ac_scopes_push(&scopes);
	ac_scopes_bind(&scopes, b, AC_BIND_ORDINARY);
	ck_assert(!ac_name_is_typedef(b));
	ck_assert_ptr_nonnull(b->binding);
	ac_scopes_pop(&scopes);
	ck_assert_ptr_null(b->binding);
}
END_TEST

/* Each of the `n` bytes at `p` is 0. */
static void assert_zeroed(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		ck_assert_uint_eq(p[i], 0);
}

/* What is given back is handed out again, zeroed; a block grown after the
 * mark goes, and the marked block's rest is zero again. */
START_TEST(test_arena_release_zeroes)
{
	unsigned char *first = ac_arena_alloc(&arena, 64);
	memset(first, 0xaa, 64);
	struct ac_arena_mark m = ac_arena_mark(&arena);
	unsigned char *a = ac_arena_alloc(&arena, 100);
	memset(a, 0x55, 100);
	ac_arena_release(&arena, m);
	unsigned char *b = ac_arena_alloc(&arena, 100);
	ck_assert_ptr_eq(a, b);
	assert_zeroed(b, 100);
	ck_assert_uint_eq(first[0], 0xaa); /* before the mark: kept */

	m = ac_arena_mark(&arena);
	unsigned char *c = ac_arena_alloc(&arena, 1000);
	memset(c, 0x33, 1000);
	unsigned char *big = ac_arena_alloc(&arena, 8 << 20); /* a new block */
	memset(big, 0x77, 8 << 20);
	ac_arena_release(&arena, m);
	unsigned char *d = ac_arena_alloc(&arena, 1000);
	ck_assert_ptr_eq(c, d);
	assert_zeroed(d, 1000);
}
END_TEST

/* A block grown after a mark is kept when the mark is given back, and
 * handed out again zeroed, after a grow that filled part of the block
 * before it. */
START_TEST(test_arena_spare_block_zeroed)
{
	struct ac_arena_mark m = ac_arena_mark(&arena);
	unsigned char *a = ac_arena_alloc(&arena, 40 << 10);
	memset(a, 0x11, 40 << 10);
	unsigned char *big = ac_arena_alloc(&arena, 300 << 10); /* a new block */
	memset(big, 0x22, 300 << 10);
	unsigned char *after = ac_arena_alloc(&arena, 100);
	memset(after, 0x33, 100);
	ac_arena_release(&arena, m);
	unsigned char *a2 = ac_arena_alloc(&arena, 40 << 10);
	ck_assert_ptr_eq(a, a2);
	assert_zeroed(a2, 40 << 10);
	unsigned char *big2 = ac_arena_alloc(&arena, 300 << 10);
	ck_assert_ptr_eq(big, big2); /* the same block, not fresh pages */
	assert_zeroed(big2, 300 << 10);
	unsigned char *after2 = ac_arena_alloc(&arena, 100);
	ck_assert_ptr_eq(after, after2);
	assert_zeroed(after2, 100);
}
END_TEST

/* Buffers cut from a shared huge page are zeroed, apart, and handed out
 * fresh again once all of the page's are given back. */
START_TEST(test_pages_shared_and_freed)
{
	size_t na = 1000, nb = 70000, nbig = 5 << 20;
	unsigned char *a = ac_pages_alloc(&na);
	unsigned char *b = ac_pages_alloc(&nb);
	unsigned char *big = ac_pages_alloc(&nbig);
	ck_assert_uint_ge(na, 1000);
	ck_assert_uint_ge(nb, 70000);
	ck_assert_uint_ge(nbig, 5 << 20);
	ck_assert(b >= a + na || a >= b + nb);
	assert_zeroed(a, na);
	assert_zeroed(b, nb);
	for (size_t i = 0; i < nbig; i += 4096)
		ck_assert_uint_eq(big[i], 0);
	memset(a, 0x44, na);
	memset(b, 0x55, nb);
	memset(big, 0x66, nbig);
	size_t ng = 2 * nb;
	unsigned char *g = ac_pages_grow(b, nb, &ng);
	ck_assert_uint_eq(g[0], 0x55);
	ck_assert_uint_eq(g[nb - 1], 0x55);
	ck_assert_uint_eq(g[nb], 0);
	ck_assert_uint_eq(a[na - 1], 0x44);
	ac_pages_free(a, na);
	ac_pages_free(g, ng);
	ac_pages_free(big, nbig);
	size_t nc = 1000;
	unsigned char *c = ac_pages_alloc(&nc);
	for (size_t i = 0; i < nc; i++)
		ck_assert_uint_eq(c[i], 0);
	ac_pages_free(c, nc);
}
END_TEST

/* Names and bindings live in the table's own arena: giving back the
 * parser's arena leaves them alone. */
START_TEST(test_names_outlive_parser_arena)
{
	struct ac_arena_mark m = ac_arena_mark(&arena);
	struct ac_name *n = intern("size_t");
	ac_scopes_bind(&scopes, n, AC_BIND_TYPEDEF);
	(void)ac_arena_alloc(&arena, 4096);
	ac_arena_release(&arena, m);
	ck_assert_str_eq(n->text, "size_t");
	ck_assert(ac_name_is_typedef(intern("size_t")));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("scope");
	TCase *tc = tcase_create("scope");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_intern_same_pointer);
	tcase_add_test(tc, test_intern_many_rehash);
	tcase_add_test(tc, test_intern_embedded_bytes);
	tcase_add_test(tc, test_bind_typedef_file_scope);
	tcase_add_test(tc, test_push_pop_depth);
	tcase_add_test(tc, test_deep_nesting);
	tcase_add_test(tc, test_shadow_typedef_by_variable);
	tcase_add_test(tc, test_redeclare_same_scope);
	tcase_add_test(tc, test_pop_restores_many_names);
	tcase_add_test(tc, test_arena_release_zeroes);
	tcase_add_test(tc, test_arena_spare_block_zeroed);
	tcase_add_test(tc, test_pages_shared_and_freed);
	tcase_add_test(tc, test_names_outlive_parser_arena);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
