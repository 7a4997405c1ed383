/* --stress-resume on unpreprocessed input: an object-like macro that
 * expands to nothing in a declaration (zlib's ZEXPORT). */
#include <stdio.h>
#define EXPORT
int EXPORT add1(int x) { return x + 1; }
int main(void) { printf("%d\n", add1(41)); return 0; }
