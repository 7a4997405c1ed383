/* GNU forms gcc -std=gnu11 accepts. */
#include <stdio.h>

struct point { int x, y };                 /* no ';' after the last member */
struct point origin = { x: 1, y: 2 };      /* old-style designators */
struct { struct point p; int tag; } nested = { p: { y: 4, x: 3 }, tag: 5 };

static int sum(int n; int n, int a[n])     /* a parameter forward declaration */
{
	int s = 0;
	for (int i = 0; i < n; i++)
		s += a[i];
	if (s > 100)
		goto out;
	s++;
out:
}

static int classify(int v)
{
	int r = 0;
	switch (v) {
	case 0:
		r = 10;
	case 1 ... 3:
		r += v;
		break;
	default:
	}
	{
	again:
	done:
	}
	return r;
}

int main(void)
{
	int a[3] = { 1, 2, 3 };
	printf("%d %d %d %d %d\n", origin.x, origin.y, nested.p.x, nested.tag,
	       classify(0) + classify(2) + classify(9));
	(void)sum(3, a);
	return 0;
}
