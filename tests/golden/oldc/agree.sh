#!/bin/sh
# Old and GNU C that gcc reads: asyncc must agree with gcc on each case.
#
#   agree.sh ASYNCC RUNTIME_DIR LIBASYNCC CASE.c
#
# gcc -std=gnu11 -fsyntax-only gives its verdict on CASE.c, in this test,
# and asyncc --check must give the same: both accept, or both reject with
# the first error at the same FILE:LINE:COL.  An accepted case must also
# come out of asyncc byte for byte as it went in, and, built from asyncc
# --stress-resume's output, print what the original prints.
set -u
abs() { case $1 in /*) echo "$1" ;; *) echo "$(pwd)/$1" ;; esac; }
asyncc=$(abs "$1") runtime=$(abs "$2") lib=$(abs "$3") case=$4
gcc=${GCC:-gcc}
dir=$(dirname "$case") name=$(basename "$case")
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
cd "$dir" || exit 1

first_error() { grep -m1 ': error: ' "$1" | sed 's/^\([^:]*:[0-9]*:[0-9]*\):.*/\1/'; }

"$gcc" -std=gnu11 -fsyntax-only -fdiagnostics-color=never "$name" 2>"$tmp/gcc.err"
g=$?
"$asyncc" --check -fdiagnostics-color=never "$name" 2>"$tmp/asyncc.err"
a=$?
if [ $g != 0 ]; then
	want=$(first_error "$tmp/gcc.err") got=$(first_error "$tmp/asyncc.err")
	if [ $a = 0 ] || [ "$want" != "$got" ]; then
		echo "FAIL: gcc rejects $name first at $want; asyncc (status $a) at '$got':"
		cat "$tmp/gcc.err" "$tmp/asyncc.err"
		exit 1
	fi
	echo "ok: both reject $name, first at $want"
	exit 0
fi
if [ $a != 0 ]; then
	echo "FAIL: gcc accepts $name, asyncc does not:"
	cat "$tmp/asyncc.err"
	exit 1
fi
"$asyncc" "$name" -o "$tmp/out.c" || exit 1
cmp "$name" "$tmp/out.c" || { echo "FAIL: the output differs from $name"; exit 1; }
"$asyncc" --stress-resume "$name" -o "$tmp/stress.c" 2>"$tmp/notes" ||
	{ cat "$tmp/notes"; exit 1; }
"$gcc" -std=gnu11 -w "$name" -o "$tmp/orig" || exit 1
"$gcc" -std=gnu11 -w -I"$runtime" "$tmp/stress.c" "$lib" -luv -o "$tmp/stress" || exit 1
"$tmp/orig" >"$tmp/orig.out" 2>&1; s1=$?
"$tmp/stress" >"$tmp/stress.out" 2>&1; s2=$?
if [ $s1 != $s2 ] || ! cmp -s "$tmp/orig.out" "$tmp/stress.out"; then
	echo "FAIL: --stress-resume changes what $name does (status $s1 vs $s2)"
	diff "$tmp/orig.out" "$tmp/stress.out"
	exit 1
fi
echo "ok: both accept $name; passthrough identical; --stress-resume prints the same:"
cat "$tmp/orig.out" "$tmp/notes"
