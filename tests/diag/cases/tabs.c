/* Columns count a tab to the next multiple of 8, as GCC does. */
int f(void)
{
	int x = 1
	return x;
}

int g(int y)
{
	if (y > 0 {
		return 1;
	}
	return 0;
}
