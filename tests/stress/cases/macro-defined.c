/* A function whose definition begins inside a macro stays as it is, with a
 * note; the others are made resumable. */
#include <stdio.h>

#define DEF(name) static int name(int x) { return x + 1; }
DEF(inc)

static int twice(int x)
{
	int r = inc(x);
	return r * 2;
}

int main(void)
{
	printf("%d\n", twice(inc(1)));
	return 0;
}
