#!/bin/sh
# Loops without braces nested N deep around an await cost time and memory
# in proportion to N, not N^3 (each loop's liveness was worked out again
# for each round of each loop around it: `for (int i = 0; i < a; i++)`,
# 200 deep, 2.3 s and 500 MB; 400 deep, 36 s and 8 GB).  Each shape, 2,000
# deep, is translated in 2 GiB of address space (`ulimit -v`: the
# translator reserves 1 GiB of it for its stack) within 2 minutes; then all
# of them, 200 deep in one program (cc takes minutes on 2,000), are
# translated, compiled and run, and must print what the program prints with
# async and await erased.  No time is measured.  In a sanitizer build
# (which reserves terabytes of address space) the limit is left off and the
# shapes are 500 deep.
# Usage: deep_loops.sh ASYNCC LIBASYNCC RUNTIME_DIR SYNC_H [CFLAGS]
set -eu
abs() { case $1 in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
asyncc=$(abs "$1") lib=$(abs "$2") rt=$(abs "$3") sync_h=$(abs "$4")
extra=${5:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
fail() { echo "FAIL (deep_loops $*)"; [ ! -s err ] || head -c 2000 err; exit 1; }

# for: declaring its variable, or not; while, do, each on a local of its
# own; for in braces; for and if, for and a switch without braces,
# alternating.
shapes="for for_assign while do braces for_if for_switch"

# async int nest_SHAPE(int a): its loops `n` deep around an await.
deep_fn() {
	awk -v shape="$1" -v n="$2" 'BEGIN {
		printf "async int nest_%s(int a)\n{\n\tint x = 0;\n", shape
		if (shape == "for_assign" || shape == "while" || shape == "do") {
			printf "\tint v0 = 0"
			for (i = 1; i < n; i++)
				printf ", v%d = 0", i
			printf ";\n"
		}
		for (i = 0; i < n; i++) {
			if (shape == "for" || (shape ~ /^for_(if|switch)$/ && i % 2 == 0))
				printf "\tfor (int v%d = 0; v%d < a; v%d++)\n", i, i, i
			else if (shape == "for_assign")
				printf "\tfor (v%d = 0; v%d < a; v%d++)\n", i, i, i
			else if (shape == "while")
				printf "\twhile (v%d++ < a)\n", i
			else if (shape == "do")
				printf "\tdo\n"
			else if (shape == "braces")
				printf "\tfor (int v%d = 0; v%d < a; v%d++) {\n", i, i, i
			else if (shape == "for_if")
				printf "\tif (a > 0)\n"
			else
				printf "\tswitch (a) default:\n"
		}
		last = shape ~ /^for_(if|switch)$/ ? n - 2 + n % 2 : n - 1
		printf "\tx += await f(v0 + v%d);\n", last
		for (i = n - 1; i >= 0; i--)
			if (shape == "do")
				printf "\twhile (v%d++ < a - 1);\n", i
			else if (shape == "braces")
				printf "\t}\n"
		printf "\treturn x;\n}\n\n"
	}'
}

header() {
	cat <<EOF
#ifndef SYNC
#include <asyncc.h>
#endif
#include <stdio.h>

async int f(int v)
{
	return v + 1;
}

EOF
}

n=2000
limit=2097152 # KiB: 2 GiB
[ -z "$extra" ] || { n=500; limit=unlimited; }
header >deep.ca
for s in $shapes; do
	{ header; deep_fn "$s" "$n"; } >"deep_$s.ca"
	st=0
	# shellcheck disable=SC3045 # (dash, bash and busybox sh have -v)
	(ulimit -v $limit; exec timeout 120 "$asyncc" -Werror "deep_$s.ca" -o "deep_$s.c") 2>err || st=$?
	[ $st -eq 0 ] || fail "$s, $n deep: asyncc's exit status $st under ulimit -v $limit"
	deep_fn "$s" 200 >>deep.ca
done
{
	printf 'async int main(void)\n{\n'
	for s in $shapes; do
		printf '\tprintf("%s %%d\\n", await nest_%s(1));\n' "$s" "$s"
		printf '\tprintf("%s %%d\\n", await nest_%s(0));\n' "$s" "$s"
	done
	printf '\treturn 0;\n}\n'
} >>deep.ca
timeout 120 "$asyncc" -Werror deep.ca -o deep.c 2>err || fail "200 deep: asyncc failed or took over 2 minutes"
# shellcheck disable=SC2086
gcc -std=gnu11 -Wall -Wextra -Werror -O0 $extra -I"$rt" deep.c "$lib" -luv -lpthread -lm \
	-o deep 2>err || fail "200 deep: the output does not compile"
gcc -std=gnu11 -w -DSYNC -Dasync= -Dawait= -include "$sync_h" -x c deep.ca -o deep_sync \
	2>err || fail "200 deep: the program does not compile with async and await erased"
timeout 60 ./deep >out 2>err || fail "200 deep: exit status $?"
timeout 60 ./deep_sync >out_sync 2>err || fail "200 deep, erased: exit status $?"
[ "$(wc -l <out)" -eq "$(echo $shapes | wc -w | awk '{ print 2 * $1 }')" ] ||
	fail "200 deep: not two lines printed for each shape"
cmp -s out out_sync || { diff out_sync out; fail "200 deep: not what the erased program prints"; }
echo "deep_loops: ok"
