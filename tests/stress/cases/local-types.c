/* --stress-resume: locals of anonymous types and of types declared inside
 * the function. */
#include <stdio.h>
#include <stddef.h>
struct list { int n; int a[4]; };
int main(void) {
	struct pair { int a, b; };
	struct pair q[2] = {{1, 2}, {3, 4}};
	union { int i; unsigned u; } v;
	v.i = -1;
	unsigned char space[offsetof(struct list, a) + sizeof(int)];
	space[0] = 7;
	printf("%d %u %d\n", q[1].a + q[0].b, v.u, space[0]);
	return 0;
}
