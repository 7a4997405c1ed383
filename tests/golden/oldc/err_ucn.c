/* A character C11 does not allow in identifiers is stray. */
int area(int w, int h)
{
	return w × h;
}
