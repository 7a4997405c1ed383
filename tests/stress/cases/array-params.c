/* --stress-resume: parameters of array type (T a[], va_list). */
#include <stdarg.h>
#include <stdio.h>
static int pick(const char *const lst[], int i) { return lst[i][0]; }
static int vput(const char *fmt, va_list ap) { return vprintf(fmt, ap); }
static int put(const char *fmt, ...) { va_list ap; va_start(ap, fmt); int r = vput(fmt, ap); va_end(ap); return r; }
int main(void) { const char *const l[] = {"a", "b"}; put("%c\n", pick(l, 1)); return 0; }
