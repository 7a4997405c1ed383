/* An unclosed '(' or '[' is named where the error is on another line. */
#define TWO 2
int g(int, int);
int a[4];

int call(void)
{
	int x = g(1,
		TWO;
	return x;
}

int cond(int x)
{
	if (x > 1
	    && x < 3 {
		return 1;
	}
	return 0;
}

int index(void)
{
	return a[1 +
		 2;
}

int loop(int n)
{
	int s = 0;
	for (int i = 0;
	     i < n;
	     i++
		s += i;
	return s;
}

int declarator(void)
{
	int (*p
		[3];
	return 0;
}

int same_line(void)
{
	return g(1, 2;
}

int params(int p,
	   int q;
int after;
