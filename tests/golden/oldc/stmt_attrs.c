/* Attributes before statements and after labels, as gcc reads them.
 * GNU attributes as the body of an if or a loop are an empty statement of
 * their own: with their ';', or alone, and then what follows them is the
 * next statement of the block (gcc warns: only 'fallthrough' may go on an
 * empty statement).  GNU attributes after a label's ':' are the label's.
 * C2x attributes before a statement belong to it. */
#include <stdio.h>

static int step(int x)
{
	int n = 0;
	switch (x) {
	case 0:
		if (n) __attribute__((fallthrough));
		else __attribute__((fallthrough));
	case 1:
		n += 1;
		if (x) __attribute__((unused)) n += 10; /* whatever x is */
		[[fallthrough]];
	case 2:
		[[gnu::cold]] n += 100;
		__attribute__((fallthrough));
	case 3:
	again: __attribute__((unused)) __attribute__((cold))
		n += 1000;
		if (n < 3000)
			goto again;
		for (int i = 0; i < 2; i++) [[gnu::hot]] n += 10000;
		while (n < 0) __attribute__((unused)) skip: __attribute__((unused)) n--;
		break;
	[[gnu::hot]] default:
		[[gnu::hot]] if (x > 5) [[gnu::cold]] { n = -x; }
	out: __attribute__((unused)) int z = n;
		[[gnu::unused]] int w = z;
		if (w) [[gnu::hot]] return w;
	}
	return n;
}

int main(void)
{
	for (int x = 0; x < 8; x++)
		printf("%d: %d\n", x, step(x));
	return 0;
}
