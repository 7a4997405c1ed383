#!/bin/sh
# An await of a NULL task (tests/e2e/null_await.ca) ends the program with
# abort() after a message naming the async function and the .ca line of
# the await (the @ markers of the file), and so does an await of a task
# that another task awaits (naming both), and an ac_task_free of a task still
# running (ac_task_free of a task a frame owns is a no-op); operations that take tasks report
# NULL as AC_EINVAL instead.  Checked on the program built at -O0 and at
# -O2 (no warning at either, under -Werror).
# Usage: null_await.sh ASYNCC LIBASYNCC RUNTIME_DIR null_await.ca [CFLAGS]
set -eu
abs() { case $1 in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
asyncc=$(abs "$1") lib=$(abs "$2") rt=$(abs "$3") src=$4
extra=${5:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
opt=
fail() { echo "FAIL (null_await $what $opt): $*"; for f in out err; do [ ! -s "$work/$f" ] || { echo "--- $f"; cat "$work/$f"; }; done; exit 1; }
cp "$src" "$work/null_await.ca"
cd "$work"
what=build
"$asyncc" -Werror null_await.ca -o null_await.c
for o in -O0 -O2; do
	# shellcheck disable=SC2086
	gcc -std=gnu11 -Wall -Wextra -Werror -g $o $extra -I"$rt" null_await.c "$lib" \
		-luv -lpthread -lm -o "null_await$o"
done
line() { n=$(grep -n "@$1\b" null_await.ca | cut -d: -f1); [ -n "$n" ] || fail "no @$1"; echo "$n"; }
for opt in -O0 -O2; do
	for what in cast var elem void; do
		fn=main
		[ $what != void ] || fn=nothing
		st=0
		(ulimit -c 0; exec timeout 60 "./null_await$opt" $what >out 2>err) || st=$?
		[ $st -eq 134 ] || fail "exit status $st, not 134 (SIGABRT)"
		[ "$(cat out)" = 1 ] || fail "the program did not run up to the await"
		grep -qx "asyncc runtime: '$fn' awaits a NULL task at null_await.ca:$(line $what)" err ||
			fail "no message naming '$fn' and null_await.ca:$(line $what)"
	done
	what=twice
	st=0
	(ulimit -c 0; exec timeout 60 "./null_await$opt" twice >out 2>err) || st=$?
	[ $st -eq 134 ] || fail "exit status $st, not 134 (SIGABRT)"
	grep -qx "asyncc runtime: 'second' awaits a task of 'slept' at null_await.ca:$(line twice), which a task of 'first' awaits already at null_await.ca:$(line first): a task has at most one awaiter at a time" err ||
		fail "no message naming both awaits"
	what=free
	st=0
	(ulimit -c 0; exec timeout 60 "./null_await$opt" free >out 2>err) || st=$?
	[ $st -eq 134 ] || fail "exit status $st, not 134 (SIGABRT)"
	[ "$(cat out)" = "1
2" ] || fail "freeing an owned task was not a no-op"
	grep -qx "asyncc runtime: ac_task_free of a task of 'slept' that is still running (suspended at null_await.ca:$(line slept)): a task is freed once it has finished" err ||
		fail "no message naming the running task"
	what=errors
	st=0
	timeout 60 "./null_await$opt" errors >out 2>err || st=$?
	[ $st -eq 0 ] || fail "exit status $st"
	grep -qx "gather -22, wait_for -22, wait_any -22, group_spawn -22" out || fail "not AC_EINVAL for NULL"
	[ ! -s err ] || fail "messages on stderr"
done
echo "null_await: ok"
