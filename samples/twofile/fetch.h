/* fetch.h - the async function of fetch.ca, for other .ca (and .c) files.
 *
 * AC_ASYNC(int) reads as `async int` to asyncc and as `ac_task *` to the C
 * compiler, so this one header serves both. */
#ifndef FETCH_H
#define FETCH_H

#include <asyncc.h>

/* Waits `delay` seconds (of the loop's clock) and yields `delay`. */
AC_ASYNC(int) fetch_data(int delay);

#endif
