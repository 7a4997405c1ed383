#include "harness.h"

#include <stdlib.h>
#include <sys/resource.h>

int io_run(ac_task *t)
{
	ck_assert_ptr_nonnull(t);
	ck_assert_int_eq(ac_run(t), 0);
	int r = *(int *)t->result;
	ac_task_free(t);
	return r;
}

void io_teardown(void)
{
	ck_assert_int_eq(ac_runtime_shutdown(), 0);
}

int io_main(Suite *s)
{
	SRunner *r = srunner_create(s);
	srunner_run_all(r, CK_NORMAL);
	int failed = srunner_ntests_failed(r);
	srunner_free(r);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

void io_raise_nofile(unsigned long n)
{
	struct rlimit rl;
	ck_assert_int_eq(getrlimit(RLIMIT_NOFILE, &rl), 0);
	if (rl.rlim_cur >= n)
		return;
	rl.rlim_cur = rl.rlim_max < n ? rl.rlim_max : n;
	ck_assert_int_eq(setrlimit(RLIMIT_NOFILE, &rl), 0);
}
