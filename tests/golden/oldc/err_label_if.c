/* A label may end a block, but not stand alone as an if's statement. */
int f(int x)
{
	if (x)
	l:
}
