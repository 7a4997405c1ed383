/* C2x attributes, which gcc 12 accepts in gnu11 mode. */
#include <stdio.h>

[[deprecated("use g")]] static int f(int x);
[[gnu::unused]] static int unused_global;

static int f(int x [[maybe_unused]])
{
	[[gnu::unused]] int local = 1;
	switch (x) {
	case 1:
		x += 10;
		[[fallthrough]];
	case 2:
		x += 100;
		break;
	}
	return x;
}

struct [[gnu::packed]] packed { char c; int i; };

int main(void)
{
	printf("%d %zu\n", f(1) + f(2), sizeof(struct packed));
	return 0;
}
