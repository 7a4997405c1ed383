/*
 * test_pool.c - frame pool: size classes, reuse, no malloc in steady state.
 */
#include "frames.h"
#include "asyncc-internal.h"

#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

START_TEST(same_class_reuses_block)
{
	struct ac__pool_stats a, b;
	void *p = ac__frame_alloc(40);
	ck_assert_ptr_nonnull(p);
	memset(p, 0xab, 40);
	ac__frame_free(p, 40);
	ac__pool_stats(&a);
	ck_assert_uint_eq(a.pooled, 1);
	void *q = ac__frame_alloc(36); /* same 40-byte class */
	ck_assert_ptr_eq(q, p);
	ac__pool_stats(&b);
	ck_assert_uint_eq(b.reuses - a.reuses, 1);
	ck_assert_uint_eq(b.mallocs - a.mallocs, 0);
	ck_assert_uint_eq(b.pooled, 0);
	ac__frame_free(q, 36);
}
END_TEST

START_TEST(other_class_not_reused)
{
	void *p = ac__frame_alloc(40);
	ac__frame_free(p, 40);
	void *q = ac__frame_alloc(100);
	ck_assert_ptr_ne(q, p);
	ac__frame_free(q, 100);
	void *z = ac__frame_alloc(0); /* smallest class */
	ck_assert_ptr_nonnull(z);
	ac__frame_free(z, 0);
	ac__frame_free(NULL, 10);
}
END_TEST

START_TEST(large_frames_bypass_pool)
{
	struct ac__pool_stats a, b;
	ac__pool_stats(&a);
	void *p = ac__frame_alloc(10000);
	ck_assert_ptr_nonnull(p);
	memset(p, 0, 10000);
	ac__frame_free(p, 10000);
	ac__pool_stats(&b);
	ck_assert_uint_eq(b.mallocs - a.mallocs, 1);
	ck_assert_uint_eq(b.pooled, a.pooled);
}
END_TEST

START_TEST(steady_state_without_malloc)
{
	struct ac__pool_stats a, b;
	for (int round = 0; round < 2; round++) {
		ac__pool_stats(&a);
		for (int i = 0; i < 100; i++) {
			ac_task *t = gather3__new(1, 2, 3);
			ck_assert_int_eq(ac_run(t), 0);
			ck_assert_int_eq(*(int *)ac_task_result(t), 6);
			ac_task_free(t);
		}
		ac__pool_stats(&b);
		ck_assert_uint_eq(b.allocs - a.allocs, 400);
		ck_assert_uint_eq(b.frees - a.frees, 400);
	}
	/* The second round was served entirely from the free lists. */
	ck_assert_uint_eq(b.mallocs - a.mallocs, 0);
}
END_TEST

START_TEST(shutdown_empties_pool)
{
	struct ac__pool_stats s;
	ac__frame_free(ac__frame_alloc(64), 64);
	ac__frame_free(ac__frame_alloc(3000), 3000);
	ac__pool_stats(&s);
	ck_assert_uint_eq(s.pooled, 2);
	ck_assert_int_eq(ac_runtime_shutdown(), 0);
	ac__pool_stats(&s);
	ck_assert_uint_eq(s.pooled, 0);
}
END_TEST

/* A frame type aligned beyond malloc's (a local declared _Alignas(N)) has
 * a size that is a multiple of N; its block, from a slab or malloc'd, is
 * aligned to N, and goes back to the pool like any. */
START_TEST(aligned_frames_are_aligned)
{
	for (size_t align = 32; align <= 256; align *= 2)
		for (size_t k = 1; k <= 5; k++) {
			void *p[3];
			for (int i = 0; i < 3; i++) {
				p[i] = ac__frame_alloc_aligned(k * align, align);
				ck_assert_ptr_nonnull(p[i]);
				ck_assert_uint_eq((uintptr_t)p[i] % align, 0);
				memset(p[i], 0x5a, k * align);
			}
			for (int i = 0; i < 3; i++)
				ac__frame_free(p[i], k * align);
		}
}
END_TEST

/* Trimming gives back the blocks it can: every one of a slab none of
 * whose blocks is in use; a slab with a block in use keeps its free ones
 * (in the sanitizer build every block is its own malloc and goes). */
START_TEST(trim_keeps_only_slabs_in_use)
{
	enum { N = 3000, SIZE = 88 };
	static void *p[N];
	struct ac__pool_stats s;
	ck_assert_int_eq(ac_runtime_trim(), 0);
	for (int i = 0; i < N; i++) {
		p[i] = ac__frame_alloc(SIZE);
		ck_assert_ptr_nonnull(p[i]);
		memset(p[i], i & 0xff, SIZE);
	}
	for (int i = 1; i < N; i++)
		ac__frame_free(p[i], SIZE);
	ac__pool_stats(&s);
	ck_assert_uint_eq(s.pooled, N - 1);
	ck_assert_int_eq(ac_runtime_trim(), 0);
	ac__pool_stats(&s);
	/* at most one slab's worth is left: the one p[0] keeps */
	ck_assert_uint_lt(s.pooled, 65536 / SIZE);
	for (int i = 0; i < SIZE; i++)
		ck_assert_uint_eq(((unsigned char *)p[0])[i], 0);
	ac__frame_free(p[0], SIZE);
	ck_assert_int_eq(ac_runtime_trim(), 0);
	ac__pool_stats(&s);
	ck_assert_uint_eq(s.pooled, 0);
}
END_TEST

#if defined(__SANITIZE_ADDRESS__)
#define RT_SLABS 0 /* every block is malloc'd on its own */
#else
#define RT_SLABS 1
#endif

/* The THPeligible field of /proc/self/smaps for the mapping holding
 * `addr`, or -1. */
static int thp_eligible(const void *addr)
{
	FILE *f = fopen("/proc/self/smaps", "r");
	if (!f)
		return -1;
	char line[512];
	bool in = false;
	int r = -1;
	uintptr_t a = (uintptr_t)addr;
	while (fgets(line, sizeof line, f)) {
		unsigned long lo, hi;
		int v;
		if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2 && strchr(line, ' '))
			in = a >= lo && a < hi;
		else if (in && sscanf(line, "THPeligible: %d", &v) == 1)
			r = v;
	}
	fclose(f);
	return r;
}

/* The transparent huge page mode in brackets ("madvise"), or "". */
static const char *thp_mode(char *buf, size_t n)
{
	FILE *f = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "r");
	buf[0] = 0;
	if (!f)
		return buf;
	char line[128];
	if (fgets(line, sizeof line, f)) {
		char *o = strchr(line, '['), *c = o ? strchr(o, ']') : NULL;
		if (o && c && (size_t)(c - o) < n) {
			memcpy(buf, o + 1, (size_t)(c - o - 1));
			buf[c - o - 1] = 0;
		}
	}
	fclose(f);
	return buf;
}

/* Slabs come in 2 MiB batches aligned to 2 MiB; from the second batch on
 * the kernel is asked for huge pages (where it has them in "madvise"
 * mode, smaps says so), while the first keeps small pages. */
START_TEST(batches_after_the_first_ask_for_huge_pages)
{
	enum { SIZE = 96, N = 3 * 32 * (65536 / SIZE), BATCH = 2 << 20 };
	static void *p[N];
	if (!RT_SLABS)
		return;
	ck_assert_int_eq(ac_runtime_trim(), 0); /* no slab left: start small */
	for (int i = 0; i < N; i++) {
		p[i] = ac__frame_alloc(SIZE);
		ck_assert_ptr_nonnull(p[i]);
		memset(p[i], 1, SIZE);
	}
	uintptr_t first = (uintptr_t)p[0] & ~(uintptr_t)(BATCH - 1);
	int in_first = 0;
	const void *later = NULL;
	for (int i = 0; i < N; i++) {
		if (((uintptr_t)p[i] & ~(uintptr_t)(BATCH - 1)) == first)
			in_first++;
		else if (!later)
			later = p[i];
	}
	/* the first batch's 32 slabs are all in one aligned 2 MiB */
	ck_assert_int_eq(in_first, 32 * ((65536 - 64) / SIZE));
	ck_assert_ptr_nonnull(later);
	char mode[32];
	thp_mode(mode, sizeof mode);
	if (!strcmp(mode, "madvise")) {
		ck_assert_int_eq(thp_eligible(p[0]), 0);
		ck_assert_int_eq(thp_eligible(later), 1);
	}
	for (int i = 0; i < N; i++)
		ac__frame_free(p[i], SIZE);
	ck_assert_int_eq(ac_runtime_trim(), 0);
	struct ac__pool_stats s;
	ac__pool_stats(&s);
	ck_assert_uint_eq(s.pooled, 0);
}
END_TEST

static Suite *pool_suite(void)
{
	Suite *s = suite_create("pool");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, rt_setup_virtual, rt_teardown);
	tcase_add_test(tc, same_class_reuses_block);
	tcase_add_test(tc, other_class_not_reused);
	tcase_add_test(tc, large_frames_bypass_pool);
	tcase_add_test(tc, steady_state_without_malloc);
	tcase_add_test(tc, shutdown_empties_pool);
	tcase_add_test(tc, aligned_frames_are_aligned);
	tcase_add_test(tc, trim_keeps_only_slabs_in_use);
	tcase_add_test(tc, batches_after_the_first_ask_for_huge_pages);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(pool_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
