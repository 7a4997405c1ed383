#include <stdio.h>
#include <asyncc.h>
#include "jobs.h"

AC_ASYNC(int) part(int n);

int main(void)
{
	ac_task *t = total(3);
	int rc = t ? ac_run(t) : AC_ENOMEM;
	if (rc < 0) {
		fprintf(stderr, "consumer: %s\n", ac_strerror(rc));
		return 1;
	}
	int sum = *(int *)ac_task_result(t);
	ac_task_free(t);
	ac_task *p = part(7);
	if (!p || ac_run(p) < 0 || *(int *)ac_task_result(p) != 7)
		return 1;
	ac_task_free(p);
	ac_runtime_shutdown();
	printf("main %d\n", sum);
	return sum == 6 * JOBS_SCALE ? 0 : 1;
}
