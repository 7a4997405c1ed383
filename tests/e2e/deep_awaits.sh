#!/bin/sh
# An await nested N deep inside parentheses and operators costs memory in
# proportion to N (it took N^2: 10,000 levels 0.4 to 2.8 GB, 50,000 levels
# 5 to 7 GB).  Each shape, 20,000 deep, is translated in 2 GiB of address
# space (`ulimit -v`: the translator reserves 1 GiB of it for its stack,
# and uses less than 100 MiB of the rest; it took gigabytes); then all of
# them, 2,000 deep in one program, are translated, compiled and run, and
# must print what the program prints with async and await erased.  No time
# is measured.  In a sanitizer build (which reserves terabytes of address
# space) the limit is left off and the shapes are 3,000 deep.
# Usage: deep_awaits.sh ASYNCC LIBASYNCC RUNTIME_DIR SYNC_H [CFLAGS]
set -eu
abs() { case $1 in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
asyncc=$(abs "$1") lib=$(abs "$2") rt=$(abs "$3") sync_h=$(abs "$4")
extra=${5:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
fail() { echo "FAIL (deep_awaits $*)"; [ ! -s err ] || head -c 2000 err; exit 1; }

shapes="paren plus times comma cond and or cast neg call several frame"

# The expression of `shape`, `n` deep around `await f(1)`.
deep_expr() {
	awk -v shape="$1" -v n="$2" 'BEGIN {
		op["paren"] = "(";          cl["paren"] = ")"
		op["plus"] = "1 + (";       cl["plus"] = ")"
		op["times"] = "1 * (";      cl["times"] = ")"
		op["comma"] = "(g(0), ";    cl["comma"] = ")"
		op["cond"] = "(one ? (";    cl["cond"] = ") : 2)"
		op["and"] = "(one && (";    cl["and"] = "))"
		op["or"] = "(!one || (";    cl["or"] = "))"
		op["cast"] = "(int)(";      cl["cast"] = ")"
		op["neg"] = "-(";           cl["neg"] = ")"
		op["call"] = "g(";          cl["call"] = ")"
		op["several"] = "1 + (";    cl["several"] = ")"
		op["frame"] = "1 + (";      cl["frame"] = ")"
		printf "%s", shape == "frame" ? "await f(1) + (" : ""
		for (i = 0; i < n; i++) # awaits at several depths
			printf "%s", shape == "several" && i % 500 == 7 ? "await f(" i ") + (" : op[shape]
		printf "%s", shape == "frame" ? "kept" : shape == "comma" ? "x = await f(1)" : "await f(1)"
		for (i = 0; i < n; i++)
			printf "%s", cl[shape]
		printf "%s", shape == "frame" ? ")" : ""
	}'
}

# A program printing the value of each of `shapes`, `n` deep.
program() {
	n=$1; shift
	cat <<EOF
#ifndef SYNC
#include <asyncc.h>
#endif
#include <stdio.h>

static int g(int v)
{
	return v;
}

async int f(int v)
{
	return v;
}

async int main(void)
{
	int one = 1, kept = 2, *at = &kept;
	long x;
EOF
	for s in "$@"; do # (the commas' values unused: a value of commas N deep is still
		# copied N times over)
		printf '\t%s%s;\n\tprintf("%s %%ld\\n", x);\n' "$([ "$s" = comma ] || echo 'x = ')" \
			"$(deep_expr "$s" "$n")" "$s"
	done
	printf '\treturn *at - 2;\n}\n'
}

n=20000
limit=2097152 # KiB: 2 GiB
[ -z "$extra" ] || { n=3000; limit=unlimited; }
for s in $shapes; do
	program "$n" "$s" >"deep_$s.ca"
	st=0
	# shellcheck disable=SC3045 # (dash, bash and busybox sh have -v)
	(ulimit -v $limit; exec "$asyncc" -Werror "deep_$s.ca" -o "deep_$s.c") 2>err || st=$?
	[ $st -eq 0 ] || fail "$s, $n deep: asyncc's exit status $st under ulimit -v $limit"
done

# shellcheck disable=SC2086
program 2000 $shapes >deep.ca
"$asyncc" -Werror deep.ca -o deep.c 2>err || fail "2000 deep: asyncc failed"
# shellcheck disable=SC2086
gcc -std=gnu11 -Wall -Wextra -Werror -O0 $extra -I"$rt" deep.c "$lib" -luv -lpthread -lm \
	-o deep 2>err || fail "2000 deep: the output does not compile"
gcc -std=gnu11 -w -DSYNC -Dasync= -Dawait= -include "$sync_h" -x c deep.ca -o deep_sync \
	2>err || fail "2000 deep: the program does not compile with async and await erased"
timeout 60 ./deep >out 2>err || fail "2000 deep: exit status $?"
timeout 60 ./deep_sync >out_sync 2>err || fail "2000 deep, erased: exit status $?"
[ "$(wc -l <out)" -eq 12 ] || fail "2000 deep: not 12 lines printed"
cmp -s out out_sync || { diff out_sync out; fail "2000 deep: not what the erased program prints"; }
echo "deep_awaits: ok"
