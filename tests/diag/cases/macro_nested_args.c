/* Function-like macros: the ')' of INNER(v) in OUTER's body is not in the
 * expansion; the one in INNER's body is. */
#define INNER(v) (v +)
#define OUTER(v) INNER(v)
int x = OUTER(1);
