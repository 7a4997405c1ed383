/* blocking.h - calls that block the event loop, and what to await instead. */
#ifndef AC_BLOCKING_H
#define AC_BLOCKING_H

/* The async alternative to calling `name` inside an async function, or NULL
 * if `name` is not known to block. */
const char *ac_blocking_alternative(const char *name);

#endif
