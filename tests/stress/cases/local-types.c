/* --stress-resume: locals of anonymous types and of types declared inside
 * the function (moved before its frame, or copied: enum constants and
 * typedefs). */
#include <stdio.h>
#include <stddef.h>
struct list { int n; int a[4]; };

static int second(int k)
{
	enum { N = 3 };
	typedef short cell[N];
	cell c = { (short)k, 2, 3 };
	struct lpair { long a, b; } p = { k, c[2] };
	return (int)(p.a + p.b) + c[0];
}

int main(void) {
	struct pair { int a, b; };
	struct pair q[2] = {{1, 2}, {3, 4}};
	union { int i; unsigned u; } v;
	v.i = -1;
	unsigned char space[offsetof(struct list, a) + sizeof(int)];
	space[0] = 7;
	struct __attribute__((packed)) pk { char c; int i; } k = { 'x', 5 };
	enum mode { SLOW = 1, FAST = SLOW * 4 } m = FAST;
	typedef struct { enum mode mm; struct pk inner; } both;
	both b = { m, k };
	printf("%d %u %d\n", q[1].a + q[0].b, v.u, space[0]);
	printf("%d %d %d %d\n", (int)sizeof k, k.i, (int)b.mm, b.inner.i + second(4));
	return 0;
}
