/* --stress-resume: locals and parameters named like the frame's members. */
#include <stdio.h>
static int f(int state) { int result = state + 1; return result; }
int main(void) { printf("%d\n", f(41)); return 0; }
