/* An error just after a token is placed in the line as written, whatever
 * comments (which the preprocessor turns into one blank) and
 * backslash-newlines come before it on the line. */
#include <stddef.h>

int g(int a)
{
	return g(a /* c */ ;
}

int h(int a)
{
	return /* c */ g(a ;
}

int i(int a)
{
	a = a + 1 /* c */ }

int j(int a)
{
	/* one */ a = /* two */ a + 1 /* three */ }

int k(int a)
{
	return /* one
	two */ g(a /* three */ /* four */ ;
}

int l(int a)
{
	return g(a) /* c */ + \
	       g(a /* d */ ;
}

int m(int a)
{
	return g("/* x */" /* c */ ;
}
