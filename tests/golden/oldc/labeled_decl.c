/* Labels before a declaration, which gcc accepts in a block (a pedantic
 * warning at most): after a case, a case range, default and an ordinary
 * label, in chains, and an attribute alone as the labelled item. */
#include <stdio.h>

typedef int T;

static int pick(int i)
{
	int r = 0;
	switch (i) {
	case 0: [[fallthrough]];
	case 1: int x = i + 1;
		r += x;
		__attribute__((fallthrough));
	case 2 ... 3: case 4: __attribute__((unused)) T y = 2;
		r += y;
		break;
	default: static int calls;
		calls++;
		r = -calls;
	}
	if (r > 4) {
	done: [[maybe_unused]] int z = r;
		return z;
	}
	return r;
}

int main(void)
{
	for (int i = 0; i < 7; i++)
		printf("%d ", pick(i));
	printf("\n");
	return 0;
}
