#!/bin/sh
# One diagnostic golden test:
#
#   run-diag.sh ASYNCC CASEDIR FILE
#
# runs `asyncc --check -fdiagnostics-color=never FILE` in CASEDIR and compares
# its standard error with NAME.err.expected byte for byte, and its exit
# status with NAME.status (1 when there is no such file).  --check must write
# nothing to standard output.  A copy of FILE (and of the headers beside it)
# with CRLF line ends must give the same diagnostics.  ASYNCC_UPDATE_GOLDEN=1 rewrites the expected
# files from the actual output instead.
set -u
asyncc=$1 dir=$2 file=$3
name=${file%.*}
case $asyncc in /*) ;; *) asyncc=$(pwd)/$asyncc ;; esac
cd "$dir" || exit 1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

unset NO_COLOR
"$asyncc" --check -fdiagnostics-color=never "$file" >"$tmp/out" 2>"$tmp/err"
status=$?

if [ "${ASYNCC_UPDATE_GOLDEN:-}" = 1 ]; then
	cp "$tmp/err" "$name.err.expected"
	echo "$status" >"$name.status"
	echo "updated $name.err.expected (exit status $status)"
	exit 0
fi

fail=0
want=1
[ -f "$name.status" ] && want=$(cat "$name.status")
if [ "$status" != "$want" ]; then
	echo "FAIL: exit status $status, expected $want"
	fail=1
fi
if [ -s "$tmp/out" ]; then
	echo "FAIL: --check wrote to standard output:"
	head -5 "$tmp/out"
	fail=1
fi
if ! diff -u "$name.err.expected" "$tmp/err"; then
	echo "FAIL: diagnostics differ from $name.err.expected (- expected, + actual)"
	fail=1
fi
# the same with CRLF line ends (a Windows editor's): the lines quoted
# without their CR, the same lines, columns, carets and macro notes
mkdir "$tmp/crlf" || exit 1
for f in "$file" *.h; do
	[ -f "$f" ] && sed 's/$/\r/' "$f" >"$tmp/crlf/$f"
done
(cd "$tmp/crlf" && "$asyncc" --check -fdiagnostics-color=never "$file" >/dev/null 2>"$tmp/crlf.err")
status=$?
if [ "$status" != "$want" ] || ! cmp -s "$name.err.expected" "$tmp/crlf.err"; then
	echo "FAIL: with CRLF line ends (exit status $status):"
	diff -u "$name.err.expected" "$tmp/crlf.err"
	fail=1
fi
[ $fail = 0 ] && echo "ok: $file"
exit $fail
