#!/bin/sh
# --stress-resume on GCC's C torture execute tests (fetched by realc-oldc
# into the cache): each test built as it is and made resumable must end
# with the same status.  Not part of the suite (about 30 minutes for all
# 1,791 on two cores); run by hand:
#
#   sh tests/stress/torture.sh ASYNCC LIBASYNCC RUNTIME_DIR [FILE.c...]
#
# Without files: every test of the cache.  Prints one line per test (OK,
# DIFF with both statuses, TRFAIL/CCFAIL with the first error, SKIP when the
# original does not build or run) and a count of each at the end.
set -u
asyncc=$1 lib=$2 rt=$3
shift 3
cache=${ASYNCC_CACHE:-$HOME/.cache/asyncc-realc}
[ $# -gt 0 ] || set -- "$cache"/gcc-torture/src/gcc-*/gcc/testsuite/gcc.c-torture/execute/*.c
[ -f "$1" ] || { echo "no torture tests in $cache: run the realc-oldc test first"; exit 1; }
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT INT TERM
for f in "$@"; do
	b=$(basename "$f" .c) dir=$(dirname "$f") d=$work/$(basename "$f" .c)
	mkdir -p "$d"
	if ! gcc -w -O0 -std=gnu11 -I"$dir" "$f" -o "$d/orig" -lm >/dev/null 2>&1; then
		echo "$b SKIP (does not build)"; continue
	fi
	timeout 5 "$d/orig" >/dev/null 2>&1; s1=$?
	[ $s1 = 124 ] && { echo "$b SKIP (does not end)"; continue; }
	if ! "$asyncc" --stress-resume -w -I"$dir" "$f" -o "$d/s.c" >"$d/log" 2>&1; then
		echo "$b TRFAIL $(grep -m1 error "$d/log")"; continue
	fi
	if ! gcc -w -O0 -std=gnu11 -I"$dir" -I"$rt" "$d/s.c" "$lib" -luv -lpthread -lm \
		-o "$d/stress" >"$d/log" 2>&1; then
		echo "$b CCFAIL $(grep -m1 -E 'error|undefined' "$d/log")"; continue
	fi
	timeout 10 "$d/stress" >/dev/null 2>&1; s2=$?
	if [ $s1 = $s2 ]; then echo "$b OK"; else echo "$b DIFF $s1 $s2"; fi
	rm -rf "$d"
done | tee "$work/results"
awk '{ print $2 }' "$work/results" | sort | uniq -c
