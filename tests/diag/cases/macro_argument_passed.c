/* The token with the error is an argument that one macro's body passes to
 * another (SECOND picks its second argument): found where it is spelled,
 * in FIRST's #define. */
#define SECOND(a, b, ...) b
#define FIRST(x) SECOND(x, 2 3, 4)
int v = FIRST(1);
