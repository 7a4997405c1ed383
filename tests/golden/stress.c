/* Plain C, translated with --stress-resume. */
#include <stdarg.h>

static int sum(const int *v, int n)
{
	int s = 0;
	for (int i = 0; i < n; i++)
		s += v[i];
	return s;
}

static int log_all(const char *fmt, ...)
{
	(void)fmt;
	return 0;
}

int total(int n)
{
	int v[4] = { 1, 2, 3, n };
	if (n < 0)
		return log_all("negative");
	return sum(v, 4);
}

/* local labels open their block: no resumption point before them */
int pick(int x)
{
	__label__ one, two;
	static void *tab[2] = { &&one, &&two };
	goto *tab[x & 1];
one:
	return 1;
two:
	return 2;
}

/* a definition a macro makes, from inside its arguments, stays as it is */
#define MAKE(type, name) type name(void) { return 7; }
MAKE(int, seven)

/* the size of a parameter's array is evaluated at entry: not resumable */
int bumped(int a, int b[a++])
{
	return a + b[0];
}
