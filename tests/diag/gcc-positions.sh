#!/bin/sh
# The first error of every diagnostic case must be where GCC puts its first
# error (file, line and column, columns counted as GCC displays them: a tab
# to the next multiple of 8), when GCC reports one:
#
#   gcc-positions.sh CASEDIR
#
# For .ca cases GCC sees a copy with the words `async` and `await` removed.
# The notes that follow it for the macros an expansion went through must be
# GCC's, in its order.  Cases listed in CASEDIR/gcc-differs are skipped
# (GCC accepts them, or reports something unrelated first).  Exit 77
# (skipped) without gcc.
set -u
dir=$1
gcc=${GCC:-gcc}
command -v "$gcc" >/dev/null 2>&1 || { echo "no $gcc: skipped"; exit 77; }
cd "$dir" || exit 1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0 n=0

# The places of the "in expansion of macro" notes after the first error.
expansion_notes() {
	awk '/: (error|warning): /{ n += /: error: /; last = $0 }
	     n == 1 && last ~ /: error: / && /: note: in expansion of macro/' "$1" |
		sed 's/^\([^:]*:[0-9]*:[0-9]*\):.*/\1/' | tr '\n' ' '
}

for exp in *.err.expected; do
	name=${exp%.err.expected}
	if [ -f "$name.c" ]; then
		src=$name.c
		"$gcc" -fsyntax-only -fdiagnostics-color=never "$src" 2>"$tmp/gcc" >/dev/null
	elif [ -f "$name.ca" ]; then
		sed -e 's/\<async //g' -e 's/\<await //g' "$name.ca" >"$tmp/$name.c"
		(cd "$tmp" && "$gcc" -fsyntax-only -fdiagnostics-color=never -x c "$name.c" \
			2>"$tmp/gcc" >/dev/null)
		src=$name.c
	else
		continue
	fi
	if grep -qx "$name" gcc-differs 2>/dev/null; then
		echo "skip: $name (listed in gcc-differs)"
		continue
	fi
	g=$(grep -m1 ': error: ' "$tmp/gcc" | sed 's/^\([^:]*:[0-9]*:[0-9]*\):.*/\1/')
	a=$(grep -m1 ': error: ' "$exp" | sed 's/^\([^:]*:[0-9]*:[0-9]*\):.*/\1/')
	# .ca cases: the file names differ only in the extension
	a=$(echo "$a" | sed 's/\.ca:/.c:/')
	if [ -z "$a" ]; then
		echo "skip: $name (asyncc reports no error)"
		continue
	fi
	if [ -z "$g" ]; then
		echo "note: gcc reports no error for $src"
		continue
	fi
	n=$((n + 1))
	if [ "$g" = "$a" ]; then
		echo "ok: $name: first error at $a, as gcc"
	else
		echo "FAIL: $name: first error at '$a', gcc says '$g'"
		fail=1
	fi
	gn=$(expansion_notes "$tmp/gcc")
	an=$(expansion_notes "$exp" | sed 's/\.ca:/.c:/')
	if [ "$gn" != "$an" ]; then
		echo "FAIL: $name: the first error's macro notes differ from gcc's:"
		echo "  asyncc: $an"
		echo "  gcc:    $gn"
		fail=1
	fi
done
echo "$n cases compared with $gcc"
exit $fail
