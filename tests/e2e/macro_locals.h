/* Macros of a header that name the locals of the function they are used
 * in (macro_locals.ca): asyncc sees their bodies only expanded. */
#define SHOW_K() printf("k=%d\n", k)
#define ADDR(v) (&(v))
#define FIRST(s) ((s).arr)
#define TWICE(x) ((x) + (x))
