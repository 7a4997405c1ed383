/*
 * harness.h - shared by the I/O suites (each a .ca file translated by
 * asyncc at build time): running a task to its end, and checking that the
 * runtime is left with nothing pending.
 */
#ifndef IO_HARNESS_H
#define IO_HARNESS_H

#include <asyncc.h>
#include <check.h>
#include <uv.h> /* the tests compare results with libuv's UV_E* codes */

/* Runs heap task `t` (a fresh task of an async int function) to its end
 * and returns its result; the task is freed. */
int io_run(ac_task *t);
/* ac_runtime_shutdown must report nothing left behind. */
void io_teardown(void);
/* Runs the suite (one process per test); the exit status of main. */
int io_main(Suite *s);
/* Raises the soft limit on open files to at least n (or the hard limit). */
void io_raise_nofile(unsigned long n);
/* Two connected TCP streams on 127.0.0.1 (*a connected, *b accepted). */
AC_ASYNC(int) io_pair(ac_stream **a, ac_stream **b);
/* Closes both. */
AC_ASYNC(int) io_pair_close(ac_stream *a, ac_stream *b);
#endif
