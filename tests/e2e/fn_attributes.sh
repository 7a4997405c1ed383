#!/bin/sh
# The attributes of async functions reach the functions asyncc generates
# (tests/e2e/fn_attributes.ca): in a shared library, a hidden one is not
# exported, neither its f__init; a weak one is weak, its f__init too; an
# asm label names the constructor's symbol; a section places it.  Built at
# -O0 and -O2 under -Werror.
# Usage: fn_attributes.sh ASYNCC LIBASYNCC RUNTIME_DIR fn_attributes.ca [CFLAGS]
set -eu
abs() { case $1 in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
asyncc=$(abs "$1") lib=$(abs "$2") rt=$(abs "$3") src=$(abs "$4")
extra=${5:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
fail() { echo "FAIL (fn_attributes $opt): $*"; exit 1; }
"$asyncc" -Werror "$src" -o fa.c
for opt in -O0 -O2; do
	# shellcheck disable=SC2086
	cc $opt -fPIC -shared -Wall -Wextra -Werror $extra -I"$rt" fa.c -o fa.so
	syms=$(nm -D --defined-only fa.so)
	! echo "$syms" | grep -q ' hidden_fn' || fail "hidden_fn is exported: $syms"
	echo "$syms" | grep -q ' W weak_fn$' || fail "weak_fn is not weak: $syms"
	echo "$syms" | grep -q ' W weak_fn__init$' || fail "weak_fn__init is not weak: $syms"
	echo "$syms" | grep -q ' T renamed_sym$' || fail "no renamed_sym: $syms"
	! echo "$syms" | grep -q ' T labelled$' || fail "labelled kept its name: $syms"
	printf 'int run_all(void);\nint main(void) { return run_all(); }\n' >main.c
	# shellcheck disable=SC2086
	cc $opt -Wall -Wextra -Werror $extra -I"$rt" fa.c main.c -o fa "$lib" -luv -lpthread
	[ "$(./fa)" = "14 1" ] || fail "prints '$(./fa)', expected '14 1'"
done
echo "fn_attributes: ok"
