/* Backslash-newlines inside tokens, in a file with no directive. */
int printf(const char *, ...);

static int lo\
ng_na\
me(int x)
{
	int y = x;
	y +\
= 1;
	re\
turn x <\
< 2 | y;
}

int main(void)
{
	printf("%d\n", long_name(5));
	return 0;
}
