/* --stress-resume: arrays sized by their initializer or by sizeof a local. */
#include <stdio.h>
int main(void) {
	int a[] = {1, 2, 3};
	long c = 1;
	char buf[sizeof(c) * 2];
	buf[0] = 'x'; buf[1] = 0;
	printf("%d %zu %s\n", a[2], sizeof a + sizeof buf, buf);
	return 0;
}
