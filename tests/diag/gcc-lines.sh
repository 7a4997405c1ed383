#!/bin/sh
# gcc's messages on translated code name the .ca line of the user's code:
#
#   gcc-lines.sh ASYNCC RUNTIME_DIR FILE.ca
#
# Every line of FILE.ca marked "WANT error" or "WANT warning" must get such
# a message from gcc -Wall -Wextra at that line, and no message may name a
# line of FILE.ca that is not marked.
set -u
asyncc=$1 runtime=$2 src=$3
gcc=${GCC:-gcc}
case $asyncc in /*) ;; *) asyncc=$(pwd)/$asyncc ;; esac
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
name=$(basename "$src" .ca)
cp "$src" "$tmp/$name.ca" || exit 1
cd "$tmp" || exit 1
"$asyncc" "$name.ca" -o "$name.c" || exit 1
"$gcc" -Wall -Wextra -fdiagnostics-color=never -I"$runtime" -c "$name.c" -o /dev/null \
	2>gcc.err
grep -n '/\* WANT' "$name.ca" | sed 's/^\([0-9]*\):.*WANT \([a-z]*\).*/\1 \2/' | sort -u >want
grep -E "^$name\.ca:[0-9]+:[0-9]+: (error|warning):" gcc.err |
	sed 's/^[^:]*:\([0-9]*\):[0-9]*: \([a-z]*\):.*/\1 \2/' | sort -u >got
if cmp -s want got; then
	echo "ok: $(wc -l <want) messages at their .ca lines"
	exit 0
fi
echo "FAIL: messages and their lines differ (want / got):"
diff want got
sed 's/^/  | /' gcc.err | head -40
exit 1
