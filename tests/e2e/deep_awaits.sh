#!/bin/sh
# An await nested N deep inside parentheses and operators costs memory in
# proportion to N (it took N^2: 10,000 levels 0.4 to 2.8 GB, 50,000 levels
# 5 to 7 GB; commas whose value is used, 20,000 deep, 3 GB; ?: whose arms
# differ in type, 2,000 deep, 2 GB, its output 140 MB; sizeof, 20,000
# deep, 6.7 GB; compound literals, 5,000 deep, over 7 GB).  Each shape,
# 20,000 deep, is translated in 2 GiB of address space (`ulimit -v`: the
# translator reserves 1 GiB of it for its stack, and uses less than 100 MiB
# of the rest; it took gigabytes); then all of them, 2,000 deep in one
# program, are translated, compiled and run, and must print what the
# program prints with async and await erased.  No time is measured.  In a
# sanitizer build (which reserves terabytes of address space) the limit is
# left off and the shapes are 3,000 deep.
# Usage: deep_awaits.sh ASYNCC LIBASYNCC RUNTIME_DIR SYNC_H [CFLAGS]
set -eu
abs() { case $1 in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
asyncc=$(abs "$1") lib=$(abs "$2") rt=$(abs "$3") sync_h=$(abs "$4")
extra=${5:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
fail() { echo "FAIL (deep_awaits $*)"; [ ! -s err ] || head -c 2000 err; exit 1; }

shapes="paren plus times comma cond and or cast neg call several frame comma_value
comma_effect cond_mixed cond_pointer cond_struct sizeof complit"
# Shapes whose temporaries' types still grow with their depth (each spells
# those within), only 100 deep (statement expressions took types 2^N long:
# 32 deep, 6.5 MB; 100 deep, never done)
shapes_100="stmtexpr"

# The statement of `shape`, setting x, `n` deep around `await f(1)`, after
# the name of the shape.
deep_stmt() {
	awk -v shape="$1" -v n="$2" 'BEGIN {
		op["paren"] = "(";          cl["paren"] = ")"
		op["plus"] = "1 + (";       cl["plus"] = ")"
		op["times"] = "1 * (";      cl["times"] = ")"
		op["comma"] = "(g(0), ";    cl["comma"] = ")" # (their values unused)
		op["cond"] = "(one ? (";    cl["cond"] = ") : 2)"
		op["and"] = "(one && (";    cl["and"] = "))"
		op["or"] = "(!one || (";    cl["or"] = "))"
		op["cast"] = "(int)(";      cl["cast"] = ")"
		op["neg"] = "-(";           cl["neg"] = ")"
		op["call"] = "g(";          cl["call"] = ")"
		op["several"] = "1 + (";    cl["several"] = ")"
		op["frame"] = "1 + (";      cl["frame"] = ")"
		op["comma_value"] = "(g(0), "; cl["comma_value"] = ")"
		op["comma_effect"] = "(k++, "; cl["comma_effect"] = ")"
		# ?: whose arms differ in type: (!one ? 1.5 : (!one ? 2L : ...))
		op["cond_mixed"] = "(!one ? 1.5 : (!one ? 2L : (!one ? 3.0f : (!one ? 4u : "
		cl["cond_mixed"] = "))))"
		op["cond_pointer"] = "(!one ? at : (!one ? (void *)at : "
		cl["cond_pointer"] = "))"
		op["cond_struct"] = "(!one ? s : ";   cl["cond_struct"] = ")"
		op["sizeof"] = "sizeof(";   cl["sizeof"] = ")"
		op["complit"] = "(int){ ";  cl["complit"] = " }"
		op["stmtexpr"] = "(int)(({ "; cl["stmtexpr"] = "; }))"
		bottom["cond_pointer"] = "await fp(at)"
		bottom["cond_struct"] = "await fs(1)"
		before["cond_mixed"] = "(long)"
		before["cond_pointer"] = "*(int *)"
		after["cond_struct"] = ".v"
		if (shape ~ /^cond_/ && shape != "cond_struct")
			n = n / (shape == "cond_mixed" ? 4 : 2)
		bottom["comma"] = "x = await f(1)"
		bottom["frame"] = "kept"
		bottom["comma_effect"] = "await f(k)"
		printf "%s %s%s", shape, shape == "comma" ? "" : "x = ", before[shape]
		printf "%s", shape == "frame" ? "await f(1) + (" : ""
		for (i = 0; i < n; i++) # awaits at several depths
			printf "%s", shape == "several" && i % 500 == 7 ? "await f(" i ") + (" : op[shape]
		printf "%s", shape in bottom ? bottom[shape] : "await f(1)"
		for (i = 0; i < n; i++)
			printf "%s", cl[shape]
		printf "%s%s;\n", shape == "frame" ? ")" : "", after[shape]
	}'
}

# A program running the statements of file `$1` (as deep_stmt writes them),
# printing x after each.
program() {
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

struct s {
	int v;
};

async struct s fs(int v)
{
	struct s s = { v };
	return s;
}

async int *fp(int *p)
{
	return p;
}

async int main(void)
{
	int one = 1, kept = 2, *at = &kept, k = 0;
	struct s s = { 0 };
	long x;
EOF
	while read -r name stmt; do
		printf '\t%s\n\tprintf("%s %%ld\\n", x);\n' "$stmt" "$name"
	done <"$1"
	printf '\treturn *at - 2 + k * 0 + s.v;\n}\n'
}

n=20000
limit=2097152 # KiB: 2 GiB
[ -z "$extra" ] || { n=3000; limit=unlimited; }
: >all
for s in $shapes; do
	deep_stmt "$s" "$n" >one
	program one >"deep_$s.ca"
	st=0
	# shellcheck disable=SC3045 # (dash, bash and busybox sh have -v)
	(ulimit -v $limit; exec "$asyncc" -Werror "deep_$s.ca" -o "deep_$s.c") 2>err || st=$?
	[ $st -eq 0 ] || fail "$s, $n deep: asyncc's exit status $st under ulimit -v $limit"
	deep_stmt "$s" 2000 >>all
done
for s in $shapes_100; do
	deep_stmt "$s" 100 >one
	program one >"deep_$s.ca"
	st=0
	# shellcheck disable=SC3045
	(ulimit -v $limit; exec timeout 60 "$asyncc" -Werror "deep_$s.ca" -o "deep_$s.c") 2>err || st=$?
	[ $st -eq 0 ] || fail "$s, 100 deep: asyncc's exit status $st under ulimit -v $limit"
	cat one >>all
done

program all >deep.ca
timeout 120 "$asyncc" -Werror deep.ca -o deep.c 2>err || fail "2000 deep: asyncc failed or took over 2 minutes"
# shellcheck disable=SC2086
gcc -std=gnu11 -Wall -Wextra -Werror -O0 $extra -I"$rt" deep.c "$lib" -luv -lpthread -lm \
	-o deep 2>err || fail "2000 deep: the output does not compile"
gcc -std=gnu11 -w -DSYNC -Dasync= -Dawait= -include "$sync_h" -x c deep.ca -o deep_sync \
	2>err || fail "2000 deep: the program does not compile with async and await erased"
timeout 60 ./deep >out 2>err || fail "2000 deep: exit status $?"
timeout 60 ./deep_sync >out_sync 2>err || fail "2000 deep, erased: exit status $?"
[ "$(wc -l <out)" -eq "$(wc -l <all)" ] || fail "2000 deep: not a line printed for each shape"
cmp -s out out_sync || { diff out_sync out; fail "2000 deep: not what the erased program prints"; }
echo "deep_awaits: ok"
