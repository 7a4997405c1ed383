#!/bin/sh
# Raw control bytes in a .ca file (in literals and comments; gcc takes them
# as they are) come out of asyncc unchanged, also the two the translation
# uses as its own marks (\001, \002) and sequences that look like them:
# inside and outside async functions, in a function translated from its
# expansion, beside __LINE__.  Built at -O0 and -O2 under -Werror.
# Usage: raw_bytes.sh ASYNCC LIBASYNCC RUNTIME_DIR [CFLAGS]
set -eu
abs() { case $1 in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
asyncc=$(abs "$1") lib=$(abs "$2") rt=$(abs "$3")
extra=${4:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
fail() { echo "FAIL (raw_bytes): $*"; exit 1; }
# the bytes as the program should print them, each literal in hex
printf '#include <stdio.h>\n#include <asyncc.h>\n' >rb.ca
printf '/* a comment with \001F and \00212\002 in it */\n' >>rb.ca
printf 'static const char *plain = "x\001hy\001F\00234\002z";\n' >>rb.ca
printf '#define LOCAL_TWICE (n + n)\n' >>rb.ca
printf 'static void hex(const char *s) { for (; *s; s++) printf("%%02x", (unsigned char)*s); printf("\\n"); }\n' >>rb.ca
printf 'async int v(int x) { await ac_yield(); return x; }\n' >>rb.ca
printf 'async int copied(void)\n{\n\tint n = await v(1);\n' >>rb.ca
printf '\thex("\001r\002\003"); /* \001a */ hex("\00299\002");\n' >>rb.ca
printf '\tn += await v(__LINE__ - 9) + (int)sizeof "\002\001T";\n\treturn n;\n}\n' >>rb.ca
printf 'async int expanded(void)\n{\n\tint n = await v(2);\n' >>rb.ca
printf '\thex("\001s\002\0027\002"); return LOCAL_TWICE;\n}\n' >>rb.ca
printf 'async int main(void)\n{\n\thex(plain);\n' >>rb.ca
printf '\tprintf("%%d %%d\\n", await copied(), await expanded());\n' >>rb.ca
printf '\thex("\003\201\003\200\201");\n\treturn 0;\n}\n' >>rb.ca
cat >expected <<'OUT'
780168790146023334027a
01720203
02393902
017302023702
8 4
0381038081
OUT
# (copied: 1 + (line 12 - 9) + sizeof "\002\001T", 4)
"$asyncc" -Werror rb.ca -o rb.c 2>err || { cat err; fail "asyncc failed"; }
grep -q "'expanded'.*translated from its preprocessed text" err ||
	fail "expanded was not translated from its expansion: $(cat err)"
for opt in -O0 -O2; do
	# shellcheck disable=SC2086
	cc $opt -Wall -Wextra -Werror $extra -I"$rt" rb.c "$lib" -luv -lpthread -lm -o rb ||
		fail "rb.c does not compile at $opt"
	./rb >out || fail "rb failed at $opt"
	cmp -s out expected || { diff -u expected out; fail "other bytes at $opt"; }
done
# the generated file holds the source's bytes
grep -c "$(printf 'x\001hy\001F\00234\002z')" rb.c >/dev/null || fail "plain's literal changed"

# the same with a comment that holds every byte value, which leaves no byte
# free to stand in for the marks: the file, and its text on standard input
cp rb.ca all.ca
{ printf '/* '; i=0; while [ $i -lt 256 ]; do printf "\\$(printf %o $i)"; i=$((i + 1)); done
  printf ' */\n'; } >>all.ca
[ "$(od -An -v -tx1 all.ca | tr ' ' '\n' | grep . | sort -u | wc -l)" = 256 ] ||
	fail "all.ca does not use every byte value"
for input in all.ca -; do
	"$asyncc" -Werror "$input" -o all.c <all.ca 2>err || { cat err; fail "asyncc failed on $input"; }
	cc -Wall -Wextra -Werror $extra -I"$rt" all.c "$lib" -luv -lpthread -lm -o all ||
		fail "all.c ($input) does not compile"
	./all >out || fail "all ($input) failed"
	cmp -s out expected || { diff -u expected out; fail "other bytes with every byte value used ($input)"; }
	tail -n 2 all.ca >last # (the comment's two lines)
	tail -n 2 all.c | cmp -s - last ||
		fail "the comment with every byte value changed ($input)"
done
echo "raw_bytes: ok"
