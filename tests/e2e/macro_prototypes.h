/* Async prototypes of a header whose types are written by macros
 * (macro_prototypes.ca defines the functions). */
#ifndef MACRO_PROTOTYPES_H
#define MACRO_PROTOTYPES_H
#ifndef SYNC
#include <asyncc.h>
#else
#define AC_ASYNC(T) T
#endif

#define HDR_PUBLIC(type) __attribute__((visibility("default"))) type
#define HDR_T short

AC_ASYNC(HDR_PUBLIC(int)) in_header(int x);
HDR_PUBLIC(AC_ASYNC(HDR_T)) in_header_short(HDR_T x);
#endif
