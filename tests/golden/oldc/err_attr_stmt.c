/* GNU attributes at the start of a statement in a block begin a
 * declaration (only as the body of an if or a loop are they a statement
 * of their own), so a statement cannot follow them there. */
int f(int x)
{
	if (x)
		__attribute__((unused)) x++;
	__attribute__((hot)) return x;
}
