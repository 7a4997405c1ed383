/* Old C: implicit int and K&R definitions, as GCC reads them (gnu11). */
#include <stdio.h>

extern counter;
static limit = 3;
counter;
*cursor;

twice(x)
	int x;
{
	return x * 2;
}

add(a, b, s)
	register a;
	char *s;
{
	register i;
	for (i = 0; i < b; i++)
		a += *s;
	return a;
}

static square(int y) { return y * y; }

const answer = 42;

main()
{
	auto n = 5;
	printf("%d %d %d %d %d\n", twice(n), add(1, 2, "a"), square(limit),
	       answer, counter);
	return 0;
}
