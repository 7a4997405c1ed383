#!/bin/sh
# End-to-end: translate NAME.ca with asyncc, compile the C with gcc and with
# clang at -Wall -Wextra -Werror, run it, and compare its output with
# NAME.out.  Usage: run.sh ASYNCC LIBASYNCC RUNTIME_DIR NAME.ca NAME.out [CFLAGS]
set -eu
asyncc=$1 lib=$2 rt=$3 src=$4 expected=$5
extra=${6:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
base=$(basename "$src" .ca)
"$asyncc" -Werror "$src" -o "$work/$base.c"
for cc in gcc clang; do
	command -v $cc >/dev/null || { echo "$cc is missing"; exit 1; }
	c2x=
	# (clang 14 reads C2x attributes, [[...]], in C11 only when told to)
	if [ $cc = clang ] && grep -q '\[\[[a-z_]*::' "$src"; then
		c2x=-fdouble-square-bracket-attributes
	fi
	# shellcheck disable=SC2086
	$cc -std=gnu11 -Wall -Wextra -Werror -g $extra $c2x -I"$rt" -I"$(dirname "$src")" \
		"$work/$base.c" "$lib" \
		-luv -lpthread -lm -o "$work/$base-$cc"
	case "$cc $extra" in
	clang*-fsanitize*) continue ;; # the sanitizer runtime of the build is gcc's
	esac
	timeout 60 "$work/$base-$cc" >"$work/out-$cc"
	if ! cmp -s "$work/out-$cc" "$expected"; then
		echo "output of $base ($cc) differs from $expected:"
		diff -u "$expected" "$work/out-$cc" || true
		exit 1
	fi
done
echo "$base: ok"
