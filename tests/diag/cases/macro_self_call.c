/* A function-like macro whose expansion begins like its use (its own name
 * is not expanded again): the error, from the macro X in its body, is
 * traced through f's #define, as GCC does. */
#define X 2
#define f(a) f(X * (a))
f(y + 1);
