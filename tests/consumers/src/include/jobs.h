/* Shared by scale.ca and main.c (not by total.ca): touching it must
 * translate scale.ca again and leave total.ca alone.  It also checks that
 * the build passes the same -D to asyncc and to the C compiler. */
#ifndef JOBS_H
#define JOBS_H
#include <asyncc.h>

#ifndef JOBS_SCALE
#error "build with -DJOBS_SCALE=N, for asyncc and for the C compiler alike"
#endif

AC_ASYNC(int) scaled(int n);
AC_ASYNC(int) total(int count);
#endif
