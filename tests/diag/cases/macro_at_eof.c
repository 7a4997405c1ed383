/* The input ends inside a macro's expansion: "at end of input" is
 * reported at the use, as GCC does, not in the #define. */
#define DECLARE(type, name) \
	type name
DECLARE(int, counter)
