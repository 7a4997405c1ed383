#!/bin/sh
# gcc's messages on translated code are those it gives the plain C:
#
#   gcc-messages.sh ASYNCC RUNTIME_DIR FILE.ca
#
# FILE.ca is translated and the result compiled with gcc -Wall -Wextra and
# the options on its line `OPTIONS: ...`; FILE.ca with the words `async` and
# `await` blanked out (so every column stays) is compiled as C with the same
# options.  Each warning and error, with its file, line, column, wording and
# the function gcc says it is in (f, for the translation's f__step), must be
# the same in both.
set -u
asyncc=$1 runtime=$2 src=$3
gcc=${GCC:-gcc}
command -v "$gcc" >/dev/null 2>&1 || { echo "no $gcc: skipped"; exit 77; }
case $asyncc in /*) ;; *) asyncc=$(pwd)/$asyncc ;; esac
case $runtime in /*) ;; *) runtime=$(pwd)/$runtime ;; esac
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
name=$(basename "$src" .ca)
opts=$(sed -n 's/.*OPTIONS: \(.*\) \*\/.*/\1/p' "$src" | head -1)
mkdir "$tmp/ca" "$tmp/c"
cp "$src" "$tmp/ca/$name.ca" || exit 1
sed -e 's/\<async /      /g' -e 's/\<await /      /g' "$src" >"$tmp/c/$name.ca"

# The messages in $1, each as `function|file:line:col: kind: text`.
messages() {
	awk '/: In function /{ fn = $0; sub(/.*In function /, "", fn); next }
	     /: In (member )?function|: At top level:/{ fn = ""; next }
	     /^[^ ]*:[0-9]+:[0-9]+: (warning|error): /{ print fn "|" $0 }' "$1" | sort
}
(cd "$tmp/ca" && "$asyncc" "$name.ca" -o "$name.c") || exit 1
(cd "$tmp/ca" && "$gcc" -Wall -Wextra $opts -fdiagnostics-color=never -I"$runtime" \
	-c "$name.c" -o /dev/null 2>gcc.err)
(cd "$tmp/c" && "$gcc" -Wall -Wextra $opts -fdiagnostics-color=never -x c \
	-c "$name.ca" -o /dev/null 2>gcc.err)
messages "$tmp/ca/gcc.err" | sed 's/__step\([^|]*\)|/\1|/' | sort >"$tmp/got"
messages "$tmp/c/gcc.err" | sort >"$tmp/want"
if [ ! -s "$tmp/want" ]; then
	echo "FAIL: gcc says nothing about the plain C of $src"
	exit 1
fi
if cmp -s "$tmp/want" "$tmp/got"; then
	echo "ok: $(wc -l <"$tmp/want") messages, as for the plain C"
	exit 0
fi
echo "FAIL: gcc's messages differ (plain C / translated):"
diff "$tmp/want" "$tmp/got"
sed 's/^/  | /' "$tmp/ca/gcc.err" | head -60
exit 1
