#!/bin/sh
# Golden tests: NAME.ca (or NAME.c) translated by asyncc must give exactly
# NAME.c.expected; for inputs asyncc rejects or warns about, its messages
# must be exactly NAME.err.expected.  NAME.flags holds extra options.
# Usage: run.sh ASYNCC DIR NAME [--update]
set -u
asyncc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") dir=$2 name=$3 update=${4:-}
cd "$dir" || exit 1
src=$name.ca
[ -f "$src" ] || src=$name.c
flags=$(cat "$name.flags" 2>/dev/null || true)
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
# shellcheck disable=SC2086
"$asyncc" $flags -fdiagnostics-color=never "$src" -o - >"$out" 2>"$err"
status=$?
echo "exit status $status" >>"$err"
if [ "$update" = --update ]; then
	if [ -s "$out" ]; then cp "$out" "$name.c.expected"; else rm -f "$name.c.expected"; fi
	cp "$err" "$name.err.expected"
	exit 0
fi
rc=0
if [ -f "$name.c.expected" ]; then
	cmp -s "$out" "$name.c.expected" || { diff -u "$name.c.expected" "$out" | head -80; rc=1; }
elif [ -s "$out" ]; then
	echo "unexpected output"; rc=1
fi
cmp -s "$err" "$name.err.expected" || { diff -u "$name.err.expected" "$err"; rc=1; }
exit $rc
