#!/bin/sh
# Runs a test suite under valgrind's memcheck, all its tests in one process
# (CK_FORK=no), so that every test's runtime shutdown is checked too: any
# error or definite leak fails.  (glibc's exit-time cleanup is skipped: its
# getaddrinfo_a helper thread leaves state valgrind misreads there.)
# Usage: valgrind.sh TEST_BINARY
set -eu
CK_FORK=no exec valgrind -q --leak-check=full --errors-for-leak-kinds=definite \
	--run-libc-freeres=no --error-exitcode=9 "$1"
