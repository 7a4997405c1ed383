/* A syntax error inside a macro's expansion: at the token in the #define,
 * with a note where the macro is used, as GCC says it. */
#define V (1 +)
int x = V;
