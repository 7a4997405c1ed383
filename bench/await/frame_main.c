/*
 * frame_main.c - prints the frame sizes of typical.ca as asyncc lays them
 * out (key=value lines).  Built as: asyncc typical.ca -o typical.c, then
 * cc -DTYPICAL_C='"typical.c"' frame_main.c.
 */
#include <stdalign.h>
#include <stdio.h>
#include TYPICAL_C

int main(void)
{
	/* What has to survive a suspension of typical(): the header, the
	 * result, the live locals n, i and sum, and the frame of the callee
	 * being awaited (the largest one; here both are add1). */
	size_t live = sizeof(int) * 3;
	size_t need = sizeof(ac_task) + sizeof(int) + live +
		      sizeof(struct add1__frame);
	size_t al = alignof(struct typical__frame);
	need = (need + al - 1) / al * al;
	printf("ac_task_header=%zu\n", sizeof(ac_task));
	printf("asyncc_add1_frame=%zu\n", sizeof(struct add1__frame));
	printf("asyncc_typical_frame=%zu\n", sizeof(struct typical__frame));
	printf("asyncc_typical_locals=%zu\n",
	       sizeof(struct typical__frame) - sizeof(ac_task) - sizeof(int) -
		       sizeof(((struct typical__frame *)0)->aw));
	printf("asyncc_typical_aw=%zu\n",
	       sizeof(((struct typical__frame *)0)->aw));
	printf("need_live_locals=%zu\n", live);
	printf("need_typical_frame=%zu\n", need);
	/* Run it once so a broken translation shows up here. */
	struct typical__frame F;
	typical__init(&F, 3);
	int rc = ac_run(&F.hdr);
	ac_runtime_shutdown();
	printf("asyncc_check=%d\n", rc < 0 ? rc : F.result);
	return rc < 0 || F.result != 15;
}
