/* --stress-resume: const locals and const pointers. */
#include <stdio.h>
int main(void) { const int k = 3; int x = k * 2; char *const p = "ok"; printf("%d %s\n", x, p); return 0; }
