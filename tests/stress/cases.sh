#!/bin/sh
# Small --stress-resume cases: each FILE.c is built from the original and
# from `asyncc --stress-resume` (of the .c, and of its cc -E output); the
# three programs must print the same and exit alike.  The translation of the
# .i must also compile as preprocessed input (gcc -x cpp-output).
# Usage: cases.sh ASYNCC "CFLAGS" FILE.c...
set -u
asyncc=$1 extra=$2
shift 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0 n=0
for src in "$@"; do
	n=$((n + 1))
	b=$(basename "$src" .c)
	d=$work/$b
	mkdir -p "$d"
	# shellcheck disable=SC2086
	gcc -std=gnu11 -w $extra "$src" -o "$d/orig" || { echo "FAIL $b: original does not build"; fail=$((fail + 1)); continue; }
	"$d/orig" >"$d/orig.out" 2>&1; echo "exit $?" >>"$d/orig.out"
	gcc -E "$src" -o "$d/$b.i"
	ok=1
	for form in c i; do
		in=$src; [ $form = i ] && in=$d/$b.i
		if ! "$asyncc" --stress-resume "$in" -o "$d/$b.$form.stress.c" 2>"$d/asyncc.$form.err"; then
			echo "FAIL $b (.$form): asyncc --stress-resume failed:"; sed 's/^/    /' "$d/asyncc.$form.err"; ok=0; continue
		fi
		# shellcheck disable=SC2086
		if ! gcc -std=gnu11 -w $extra "$d/$b.$form.stress.c" -o "$d/stress.$form" 2>"$d/cc.$form.err"; then
			echo "FAIL $b (.$form): asyncc's output does not compile:"; grep error: "$d/cc.$form.err" | head -5 | sed 's/^/    /'; ok=0; continue
		fi
		"$d/stress.$form" >"$d/stress.$form.out" 2>&1; echo "exit $?" >>"$d/stress.$form.out"
		if ! cmp -s "$d/orig.out" "$d/stress.$form.out"; then
			echo "FAIL $b (.$form): output differs:"; diff -u "$d/orig.out" "$d/stress.$form.out" | head -20 | sed 's/^/    /'; ok=0
		fi
	done
	# The translation of preprocessed input must itself be valid
	# preprocessed input (line markers, not #line directives).
	if [ -f "$d/$b.i.stress.c" ] && ! gcc -fsyntax-only -w -x cpp-output "$d/$b.i.stress.c" 2>"$d/cc.ii.err"; then
		echo "FAIL $b (.i): asyncc's output is not valid as preprocessed (-x cpp-output) input:"
		grep error: "$d/cc.ii.err" | head -2 | sed 's/^/    /'; ok=0
	fi
	[ $ok = 1 ] && echo "ok $b ($(tail -1 "$d/asyncc.c.err"))" || fail=$((fail + 1))
done
echo "$n cases, $((n - fail)) passed, $fail failed"
[ $fail = 0 ]
