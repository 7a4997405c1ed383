/* The '{' left open is named at its column as GCC counts it (a tab to the
 * next multiple of 8). */
int f(int x)
{
	if (x) {
		x++;
