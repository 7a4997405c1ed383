/*
 * test_debug.c - ASYNCC_DEBUG's bookkeeping (debug.c): the table of heap
 * tasks async functions made, the list of tasks never started, and times
 * since the runtime's start.  The reports themselves, on real programs,
 * are checked by tests/e2e/debug.sh.
 */
#include "asyncc-internal.h"
#include "frames.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void setup(void)
{
	ck_assert_int_eq(setenv("ASYNCC_DEBUG", "1", 1), 0);
	ck_assert_ptr_nonnull(ac_loop_get()); /* reads ASYNCC_DEBUG */
	ck_assert(ac__D.on);
}

static void teardown(void)
{
	unsetenv("ASYNCC_DEBUG");
	rt_teardown();
	ck_assert(!ac__D.on);
}

/* What the code between capture_begin and capture_end prints on stderr:
 * stderr goes to an unlinked temporary file, then back. */
struct capture {
	int fd;    /* the file stderr went to */
	int saved; /* stderr before */
};

static struct capture capture_begin(void)
{
	char path[] = "/tmp/asyncc-test-debug-XXXXXX";
	struct capture c = { .fd = mkstemp(path) };
	ck_assert_int_ge(c.fd, 0);
	unlink(path);
	fflush(stderr);
	c.saved = dup(2);
	ck_assert_int_ge(c.saved, 0);
	ck_assert_int_eq(dup2(c.fd, 2), 2);
	return c;
}

/* Puts stderr back and reads what was printed into text[size]. */
static void capture_end(struct capture c, char *text, size_t size)
{
	fflush(stderr);
	ck_assert_int_eq(dup2(c.saved, 2), 2);
	close(c.saved);
	ssize_t n = pread(c.fd, text, size - 1, 0);
	close(c.fd);
	ck_assert_int_ge(n, 0);
	text[n] = '\0';
}

/* Takes `t` off its owner's list without freeing it, as a test may (after
 * a shutdown the lists are gone already). */
static void take(ac_task *owner, ac_task *t)
{
	if (ac__owns(owner, t))
		ac__disown(owner, t);
	t->flags &= ~AC__TASK_OWNED;
}

/* Thousands of tasks in the table, freed in a scrambled order: each free
 * finds its task (the count goes down by one), whatever the collisions
 * and removals before it. */
START_TEST(table_finds_every_task)
{
	enum { N = 5000 };
	static ac_task *t[N];
	struct twice__frame owner;
	twice__init(&owner, 0);
	for (size_t i = 0; i < N; i++) {
		t[i] = twice__new((int)i);
		ck_assert_ptr_nonnull(t[i]);
		ac__task_adopt(&owner.hdr, t[i]);
		ck_assert(t[i]->flags & AC__TASK_TRACKED);
	}
	ck_assert_uint_eq(ac__D.n_tracked, N);
	ck_assert_uint_le(2 * ac__D.n_tracked, ac__D.cap_tracked);
	for (size_t i = 0; i < N; i++) { /* 2027 is prime to N: a permutation */
		ac_task *x = t[(i * 2027) % N];
		take(&owner.hdr, x);
		ac_task_free(x);
		ck_assert_uint_eq(ac__D.n_tracked, N - 1 - i);
	}
	struct ac__owned left = ac__owned_take(&owner.hdr);
	ck_assert_uint_eq(left.n, 0);
	free(left.tasks);
}
END_TEST

/* Tasks freed unstarted by their owner and tasks still unstarted at
 * shutdown are listed, counted by function and owner; started ones are
 * not. */
START_TEST(unstarted_listed_at_shutdown)
{
	struct capture c = capture_begin();

	struct twice__frame owner;
	twice__init(&owner, 0);
	for (int i = 0; i < 3; i++)
		ac__task_adopt(&owner.hdr, twice__new(i));
	ac__task_finish(&owner.hdr); /* frees the three, unstarted */
	struct sleeper__frame live;
	sleeper__init(&live, 1, 10);
	ac_task *kept[3];
	for (int i = 0; i < 3; i++) {
		kept[i] = twice__new(i);
		ac__task_adopt(&live.hdr, kept[i]);
	}
	ck_assert_int_eq(ac_run(kept[2]), 0); /* started: not listed */
	rt_teardown(); /* the report */
	char text[1024];
	capture_end(c, text, sizeof text);
	for (int i = 0; i < 3; i++) {
		take(&live.hdr, kept[i]);
		ac_task_free(kept[i]);
	}

	ck_assert_str_eq(text,
		"asyncc: tasks created but never started (never awaited, "
		"spawned or detached):\n"
		"  twice (t.ca:1), created by twice (t.ca:1), 3 times\n"
		"  twice (t.ca:1), created by sleeper (t.ca:10), 2 times\n");
	ck_assert_ptr_nonnull(ac_loop_get()); /* for the teardown */
}
END_TEST

/* A cancelled owner was cut short: its unstarted tasks are not a bug. */
START_TEST(cancelled_owner_not_listed)
{
	struct twice__frame owner;
	twice__init(&owner, 0);
	ac__task_adopt(&owner.hdr, twice__new(1));
	owner.hdr.flags |= AC_TASK_CANCELLED;
	ac__task_finish(&owner.hdr);
	ck_assert_uint_eq(ac__D.n_unstarted, 0);
	ck_assert_uint_eq(ac__D.n_tracked, 0);
}
END_TEST

/* Dump times: ms since the loop was set up; the virtual clock's own. */
START_TEST(times_since_start)
{
	ck_assert_uint_le(ac__debug_since_start(ac_now()), 1000);
	ck_assert_uint_eq(ac__debug_since_start(ac__D.start + 1234), 1234);
	ck_assert_uint_eq(ac__debug_since_start(0), 0);
	ck_assert_int_eq(ac_clock_virtual(1), 0);
	ck_assert_uint_eq(ac__debug_since_start(1234), 1234);
	ck_assert_int_eq(ac_clock_virtual(0), 0);
}
END_TEST

/* Sets up the loop with ASYNCC_DEBUG=v; what it printed on stderr goes to
 * `err`.  The caller shuts the runtime down. */
static void parse(const char *v, char *err, size_t size)
{
	struct capture c = capture_begin();
	ck_assert_int_eq(setenv("ASYNCC_DEBUG", v, 1), 0);
	ck_assert_ptr_nonnull(ac_loop_get());
	unsetenv("ASYNCC_DEBUG");
	capture_end(c, err, size);
}

/* Empty options are skipped wherever the stray comma is; a threshold must
 * be a number that fits. */
START_TEST(options)
{
	char err[512];
	static const char *quiet[] = { "1", "1,", ",1", ",", "slow=5,,1",
				       ",slow=5" };
	for (size_t i = 0; i < sizeof quiet / sizeof *quiet; i++) {
		parse(quiet[i], err, sizeof err);
		ck_assert_msg(ac__D.on, "%s", quiet[i]);
		ck_assert_msg(!strcmp(err, ""), "%s: %s", quiet[i], err);
		rt_teardown();
	}
	parse(",slow=5", err, sizeof err);
	ck_assert_uint_eq(ac__D.slow_ms, 5);
	rt_teardown();
	parse("slow=18446744073709551615", err, sizeof err);
	ck_assert_str_eq(err, "");
	ck_assert_uint_eq(ac__D.slow_ms, UINT64_MAX);
	rt_teardown();
	static const char *bad[] = { "slow=99999999999999999999",
				     "slow=18446744073709551616", "slow=-5",
				     "slow=+5", "slow= 5", "slow=" };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		parse(bad[i], err, sizeof err);
		char want[200];
		snprintf(want, sizeof want,
			 "asyncc: ASYNCC_DEBUG: unknown option '%s' (known: 1, "
			 "slow=MS)\n", bad[i]);
		ck_assert_str_eq(err, want);
		ck_assert_uint_eq(ac__D.slow_ms, 100); /* the default stays */
		rt_teardown();
	}
}
END_TEST

/* A step is slow when it took longer than the threshold in whole ms, as
 * the report prints it: slow=0 does not report steps of "0 ms". */
START_TEST(slow_threshold)
{
	char err[512];
	parse("slow=0", err, sizeof err);
	ck_assert(!ac__debug_slow(0));
	ck_assert(!ac__debug_slow(999999));
	ck_assert(ac__debug_slow(1000000));
	rt_teardown();
	parse("1", err, sizeof err);
	ck_assert(!ac__debug_slow(100999999));
	ck_assert(ac__debug_slow(101000000));
	rt_teardown();
}
END_TEST

static Suite *debug_suite(void)
{
	Suite *s = suite_create("debug");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, table_finds_every_task);
	tcase_add_test(tc, unstarted_listed_at_shutdown);
	tcase_add_test(tc, cancelled_owner_not_listed);
	tcase_add_test(tc, times_since_start);
	suite_add_tcase(s, tc);
	TCase *to = tcase_create("options");
	tcase_add_test(to, options);
	tcase_add_test(to, slow_threshold);
	suite_add_tcase(s, to);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(debug_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
