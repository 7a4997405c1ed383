/* redeclared.h - an async function of another file, declared twice (as
 * headers that include each other often do). */
#include <asyncc.h>

AC_ASYNC(long) remote_total(int n);
AC_ASYNC(long) remote_total(int n);
