#!/bin/sh
# Command-line behaviour of asyncc:
#
#   cli.sh ASYNCC [MAKE]
#
# exit codes, atomic output, stale output removal, outputs that are no
# file (pipes, devices), determinism, depfiles
# (and that make really rebuilds when a header changes), --file-prefix-map,
# '-' for standard input and output, NO_COLOR, --check.
set -u
asyncc=$1
make=${2:-}
case $asyncc in /*) ;; *) asyncc=$(pwd)/$asyncc ;; esac
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
cd "$tmp" || exit 1
unset NO_COLOR ASYNCC_CPP
failures=0 checks=0

ok() { checks=$((checks + 1)); echo "ok - $1"; }
fail() { checks=$((checks + 1)); failures=$((failures + 1)); echo "FAIL - $1"; }
check() { # check DESCRIPTION COMMAND...
	d=$1; shift
	if "$@"; then ok "$d"; else fail "$d"; fi
}
status_is() { # status_is WANT COMMAND...: runs COMMAND, compares its status
	want=$1; shift
	"$@" >"$tmp/last.out" 2>"$tmp/last.err"
	got=$?
	[ "$got" = "$want" ] || { echo "  exit status $got, expected $want"; sed 's/^/  | /' "$tmp/last.err" | head -5; return 1; }
}
no_temp_files() { # no leftovers of atomic writes in the directory
	! ls -a "$1" | grep -q '\.tmp'
}

mkdir w && cd w
cat >hdr.h <<'H'
typedef int hdr_int;
H
cat >good.ca <<'C'
#include "hdr.h"

async int get(int fd);

async hdr_int fetch(int fd)
{
    hdr_int n = await get(fd);
    return n + 1;
}
C
cat >plain.ca <<'C'
int twice(int x)
{
    return 2 * x;
}
C
cat >bad.ca <<'C'
int broken(void)
{
    return 1
}
C

# --version, --help, usage errors
"$asyncc" --version >v.out 2>&1
check "--version exits 0" [ $? = 0 ]
head -1 v.out >v.first
check "--version first line is 'asyncc X.Y.Z'" grep -qE '^asyncc [0-9]+\.[0-9]+\.[0-9]+$' v.first
check "--help exits 0" status_is 0 "$asyncc" --help
check "--help prints the usage on stdout" grep -q '^usage: asyncc' "$tmp/last.out"
check "unknown option exits 2" status_is 2 "$asyncc" --no-such-option plain.ca
check "unknown option is named" grep -q 'no-such-option' "$tmp/last.err"
check "missing input exits 2" status_is 2 "$asyncc"
check "missing input: -o without input exits 2" status_is 2 "$asyncc" -o out.c
check "two inputs exit 2" status_is 2 "$asyncc" plain.ca good.ca
check "unreadable input exits 1" status_is 1 "$asyncc" does-not-exist.ca -o out.c
# `--` ends the options: a file named like one is then the input
cp good.ca ./-dash.ca
check "-- then -dash.ca: exit 0" status_is 0 "$asyncc" -o dash.c -MD -- -dash.ca
check "-- then -dash.ca: translated" grep -q 'fetch__step' dash.c
check "-- then -dash.ca: #line names it" grep -q '^#line [0-9]* "-dash.ca"$' dash.c
check "-- then -dash.ca: the depfile lists its header" grep -q 'hdr\.h' dash.d
check "-- then -dash.ca and another: exit 2" status_is 2 "$asyncc" -- -dash.ca -o
check "-dash.ca without --: an unknown option, exit 2" status_is 2 "$asyncc" -dash.ca
rm -f ./-dash.ca dash.c dash.d

# success: output written whole, nothing else left behind
check "good input exits 0" status_is 0 "$asyncc" good.ca -o good.c
check "output file written" [ -s good.c ]
check "no temporary files left after success" no_temp_files .
# the output and depfile are made as the C compiler makes its output: mode
# 0666 less the umask, also when they replace a file of another mode
mode_is() { [ "$(stat -c %a "$2")" = "$1" ] || { echo "  mode $(stat -c %a "$2"), expected $1"; false; }; }
check "umask 077: exit 0" status_is 0 sh -c 'umask 077 && "$1" good.ca -o mode.c -MD' sh "$asyncc"
check "umask 077: the output is 600" mode_is 600 mode.c
check "umask 077: the depfile is 600" mode_is 600 mode.d
check "umask 002: exit 0" status_is 0 sh -c 'umask 002 && "$1" good.ca -o mode.c -MD' sh "$asyncc"
check "umask 002: the output is 664, replacing one of 600" mode_is 664 mode.c
check "umask 002: the depfile is 664" mode_is 664 mode.d
rm -f mode.c mode.d
check "--check on good input exits 0" status_is 0 "$asyncc" --check good.ca
check "--check on good input prints nothing" [ ! -s "$tmp/last.out" -a ! -s "$tmp/last.err" ]

# errors: exit 1, no output file, stale output removed
rm -f bad.c
check "bad input exits 1" status_is 1 "$asyncc" bad.ca -o bad.c
check "bad input leaves no output file" [ ! -e bad.c ]
check "bad input leaves no temporary files" no_temp_files .
echo "stale" >bad.c
check "bad input with a stale output exits 1" status_is 1 "$asyncc" bad.ca -o bad.c
check "stale output file is removed" [ ! -e bad.c ]
check "bad input: the error names file, line and column" \
	grep -q '^bad.ca:3:13: error: ' "$tmp/last.err"

# an output that is no file (a device like /dev/null, a pipe) is written to
# in place: never replaced by a file, nor removed after an error
mkfifo pipe.c
timeout 20 cat pipe.c >from-pipe.c &  # (no hang if the pipe is never written)
reader=$!
check "good input to a pipe exits 0" status_is 0 "$asyncc" good.ca -o pipe.c
wait $reader
check "the pipe is still a pipe" [ -p pipe.c ]
check "the translation came through the pipe" grep -q 'fetch__step' from-pipe.c
check "no temporary files left after writing to a pipe" no_temp_files .
check "bad input to a pipe exits 1" status_is 1 "$asyncc" bad.ca -o pipe.c
check "the pipe is not removed after an error" [ -p pipe.c ]
rm -f pipe.c from-pipe.c

# the output is never the input; a link to a file is written through
cp good.ca same.ca
check "-o the input exits 2" status_is 2 "$asyncc" same.ca -o same.ca
check "-o the input says so" grep -q "is the input file" "$tmp/last.err"
check "-o the input leaves it as it was" cmp -s good.ca same.ca
check "-MF the input exits 2" status_is 2 "$asyncc" same.ca -o same.c -MD -MF same.ca
check "-MF the input leaves it as it was" cmp -s good.ca same.ca
rm -f same.c
# the depfile is never the output: the translation would be replaced
check "-MF the output exits 2" status_is 2 "$asyncc" good.ca -o same.c -MD -MF same.c
check "-MF the output says so" grep -q "dependency file 'same.c' is the output file" "$tmp/last.err"
check "-MF the output writes nothing" [ ! -e same.c ]
"$asyncc" good.ca -o same.c && cp same.c same.c.before
check "-MF the output by another path exits 2" status_is 2 "$asyncc" good.ca -o same.c -MD -MF ./same.c
check "-MF the output leaves it as it was" cmp -s same.c same.c.before
check "-MD with -o x.d exits 2" status_is 2 "$asyncc" good.ca -o same.d -MD
rm -f same.c same.c.before same.d
# ... nor a link to the output yet to be written, nor the output through a
# linked directory
ln -s same.c dangling.c
check "-MF a dangling link to the output exits 2" status_is 2 "$asyncc" good.ca -o same.c -MD -MF dangling.c
check "-MF a dangling link to the output says so" grep -q "dependency file 'dangling.c' is the output file" "$tmp/last.err"
check "-MF a dangling link to the output writes nothing" [ ! -e same.c ]
mkdir realdir && ln -s realdir linkdir && ln -s same.c realdir/dangling.c
check "-MF a linked directory's dangling link to the output exits 2" \
	status_is 2 "$asyncc" good.ca -o realdir/same.c -MD -MF linkdir/dangling.c
check "-MF the output through a linked directory exits 2" \
	status_is 2 "$asyncc" good.ca -o realdir/same.c -MD -MF linkdir/same.c
check "-MF the output through a linked directory writes nothing" [ ! -e realdir/same.c ]
rm -f made.c && ln -s made.c dangling2.c
check "-o a dangling link exits 0" status_is 0 "$asyncc" good.ca -o dangling2.c
check "-o a dangling link: the link stays" [ -L dangling2.c ]
check "-o a dangling link: the file it names is made" grep -q 'fetch__step' made.c
rm -rf same.c dangling.c dangling2.c made.c realdir linkdir
ln -s same.ca same-link.ca
check "-o a link to the input exits 2" status_is 2 "$asyncc" same.ca -o same-link.ca
check "-o a link to the input leaves it as it was" cmp -s good.ca same.ca
echo old >target.c
ln -s target.c link.c
check "-o a link exits 0" status_is 0 "$asyncc" good.ca -o link.c
check "the link stays a link" [ -L link.c ]
check "the file it names has the translation" grep -q 'fetch__step' target.c
rm -f same.ca same-link.ca target.c link.c

# --check writes nothing, even with -o and -MD
check "--check exits 0" status_is 0 "$asyncc" --check plain.ca -o chk.c -MD -MF chk.d
check "--check writes no output file" [ ! -e chk.c ]
check "--check writes no depfile" [ ! -e chk.d ]
check "--check writes nothing to stdout" [ ! -s "$tmp/last.out" ]
echo "keep" >chk2.c
check "--check with errors exits 1" status_is 1 "$asyncc" --check bad.ca -o chk2.c
check "--check does not touch an existing -o file" grep -qx keep chk2.c

# determinism
# (the output's name is in it: #line names the generated file for its own code)
"$asyncc" good.ca -o det.c && mv det.c det1.c && "$asyncc" good.ca -o det.c
check "same input gives identical bytes" cmp -s det1.c det.c
check "the generated file names itself in #line" grep -q '^#line [0-9]* "det.c"$' det.c
"$asyncc" good.ca -o det3.c -MD -MF det3.d && "$asyncc" good.ca -o det4.c -MD -MF det4.d
check "same input gives identical depfiles (apart from the target)" \
	sh -c 'sed s/det4/det3/ det4.d | cmp -s det3.d -'

# standard input and output
check "'-' reads standard input" sh -c '"$1" - -o - <plain.ca >stdio.c' sh "$asyncc"
check "'-o -' writes standard output" [ -s stdio.c ]
check "no -o writes standard output" sh -c '"$1" plain.ca >stdout.c' sh "$asyncc"
check "stdin and file give the same output" cmp -s stdio.c stdout.c
check "stdin with #include finds headers in the current directory" \
	sh -c '"$1" - -o - <good.ca >stdin-good.c' sh "$asyncc"
check "bad stdin exits 1" status_is 1 sh -c '"$1" - -o - <bad.ca' sh "$asyncc"
check "bad stdin writes nothing to stdout" [ ! -s "$tmp/last.out" ]
# a standard output that cannot be written: exit 1, the real reason given
if [ -w /dev/full ]; then
	check "a full standard output: exit 1" status_is 1 sh -c '"$1" plain.ca >/dev/full' sh "$asyncc"
	check "a full standard output: says so" \
		grep -q "^asyncc: error: cannot write standard output: No space left on device$" "$tmp/last.err"
fi
check "a closed standard output: exit 1" status_is 1 sh -c '"$1" plain.ca >&-' sh "$asyncc"
check "a closed standard output: says so" \
	grep -q "^asyncc: error: cannot write standard output: Bad file descriptor$" "$tmp/last.err"
# standard input is named "<stdin>", as gcc names it (cc -E's line markers,
# its diagnostics), in #line directives, the function information and
# diagnostics; the depfile does not list it
check "cc -E names standard input <stdin>" sh -c 'cc -E -xc - <plain.ca | grep -q "^# 1 \"<stdin>\""'
check "#line names standard input <stdin>" grep -q '^#line [0-9]* "<stdin>"$' stdin-good.c
check "#line never names standard input -" sh -c '! grep -q "\"-\"" stdin-good.c'
check "without cpp, #line names standard input <stdin>" \
	sh -c '"$1" --no-cpp --typedef hdr_int - <good.ca | grep -q "^#line [0-9]* \"<stdin>\"\$"' sh "$asyncc"
check "a diagnostic names standard input <stdin>" sh -c '"$1" - -o - <bad.ca 2>&1 | grep -q "^<stdin>:3:"' sh "$asyncc"
check "the depfile of standard input" sh -c '"$1" - -o stdin-dep.c -MD <good.ca' sh "$asyncc"
check "the depfile of standard input lists the header, not -" \
	sh -c 'grep -q "hdr\.h" stdin-dep.d && ! tr " " "\n" <stdin-dep.d | grep -qx -- -'

# --no-cpp reads no header, <asyncc.h> neither: awaiting the runtime's
# operations, or naming its types, says so and how to do without
cat >nocpp.ca <<'C'
#include <asyncc.h>

async int nap(ac_chan *c)
{
    int v = await ac_sleep(5);
    await ac_chan_send(c, &v);
    return v;
}
C
check "--no-cpp, <asyncc.h>'s operations: exits 1" status_is 1 "$asyncc" --no-cpp --typedef ac_chan nocpp.ca -o nocpp.c
check "--no-cpp, <asyncc.h>'s operations: names --no-cpp" \
	grep -q "^nocpp.ca:5:19: error: 'ac_sleep' is not declared as an async function: .*<asyncc.h>, which asyncc does not read with --no-cpp; drop --no-cpp, or declare it in the file" "$tmp/last.err"
check "--no-cpp, <asyncc.h>'s operations: each one" grep -q "^nocpp.ca:6:11: error: 'ac_chan_send' .*--no-cpp" "$tmp/last.err"
check "--no-cpp, <asyncc.h>'s types: names --no-cpp" status_is 1 "$asyncc" --no-cpp nocpp.ca -o nocpp.c
check "--no-cpp, <asyncc.h>'s types: says it" \
	grep -q "^nocpp.ca:3:15: error: unknown type name 'ac_chan' (with --no-cpp asyncc reads no header: if one declares it, drop --no-cpp, or --typedef ac_chan)" "$tmp/last.err"
check "without --no-cpp, <asyncc.h> is read" status_is 0 "$asyncc" nocpp.ca -o nocpp.c
sed 's/^#include <asyncc.h>$/&\nasync int ac_sleep(uint64_t ms);\nasync int ac_chan_send(ac_chan *c, const void *item);/' nocpp.ca >nocpp2.ca
check "--no-cpp, the operations declared in the file" \
	status_is 0 "$asyncc" --no-cpp --typedef ac_chan --typedef uint64_t nocpp2.ca -o nocpp2.c

# depfiles
check "-MD -MF -MT exits 0" status_is 0 "$asyncc" good.ca -o dep.c -MD -MF dep.d -MT tgt
check "depfile names the target" grep -q '^tgt:' dep.d
check "depfile lists the input" grep -q 'good\.ca' dep.d
check "depfile lists the local header" grep -q 'hdr\.h' dep.d
check "without -MP no phony targets" sh -c '! grep -q "^hdr.h:" dep.d'
check "no temporary files left by the depfile" no_temp_files .
check "-MP exits 0" status_is 0 "$asyncc" good.ca -o dep2.c -MD -MF dep2.d -MT tgt -MP
check "-MP adds a phony target for the header" grep -q '^hdr\.h:' dep2.d
check "-MP adds no phony target for the input" sh -c '! grep -q "^good.ca:" dep2.d'
check "-MD without -MF writes OUTPUT.d" status_is 0 "$asyncc" good.ca -o dflt.c -MD
check "default depfile dflt.d names dflt.c" grep -q '^dflt.c:' dflt.d
# -MT, -MQ, -MD, -MMD, -MP as gcc has them: the rules the dependency file
# holds (lines joined, blanks squeezed) are those cc -E writes for the
# same options
mkdir gccdeps gccdeps/inc && cd gccdeps
echo 'typedef int odd_int;' >'we ird$#.h'
echo 'typedef int inc_int;' >inc/inc.h
cat >deps.ca <<'C'
#include <stdio.h>
#include "we ird$#.h"
#include "inc.h"

async int get(int fd);

async odd_int fetch(int fd)
{
    inc_int n = await get(fd);
    return n + 1;
}
C
rules() { sed -e ':a' -e '/\\$/N; s/\\\n//; ta' "$1" | grep -v '^$' | tr -s ' \t' '  ' | sed 's/ $//'; }
same_deps_as_cc() { # same_deps_as_cc OPTION...: asyncc's depfile and cc's alike
	rm -f a.d c.d
	"$asyncc" -Iinc deps.ca -o deps.c -MF a.d "$@" 2>/dev/null &&
		cc -E -xc -Iinc deps.ca -o /dev/null -MF c.d "$@" &&
		rules a.d >a.rules && rules c.d >c.rules &&
		{ cmp -s a.rules c.rules || { diff c.rules a.rules | sed 's/^/  | /'; false; }; }
}
check "-MT as gcc: as written, repeatable" same_deps_as_cc -MD -MT 'a$b c' -MT d
check "-MQ as gcc: quoted for make" same_deps_as_cc -MD -MQ 'a$b c' -MQ 'e#f' -MQ 'g\ h'
check "-MT and -MQ together as gcc" same_deps_as_cc -MD -MQ q1 -MT t1 -MQ 'q 2' -MT t2
check "-MD -MP as gcc" same_deps_as_cc -MD -MP -MT t
check "-MMD -MP as gcc: no system headers" same_deps_as_cc -MMD -MP -MQ t
check "-MMD leaves out <stdio.h>" sh -c '[ -s a.d ] && ! grep -q stdio a.d'
check "-MD lists <stdio.h>" same_deps_as_cc -MD -MT t
check "-MD lists <stdio.h> indeed" grep -q stdio a.d
check "the default target is the output, quoted" \
	sh -c '"$1" -Iinc deps.ca -o "o ut\$.c" -MD -MF o.d && grep -q "^o\\\\ ut\\$\\$\\.c:" o.d' sh "$asyncc"
cd ..

rm -f err.d
check "-MD with errors exits 1" status_is 1 "$asyncc" bad.ca -o err.c -MD -MF err.d
check "-MD with errors writes no depfile" [ ! -e err.d ]

# make rebuilds when the header changes
if [ -n "$make" ] && command -v "$make" >/dev/null 2>&1; then
	mkdir "$tmp/mk"
	cp good.ca hdr.h "$tmp/mk/"
	printf 'ASYNCC = %s\ngood.c: good.ca\n\t$(ASYNCC) -MD -MF good.d -MP good.ca -o good.c\n-include good.d\n' \
		"$asyncc" >"$tmp/mk/Makefile"
	(cd "$tmp/mk" && "$make" -s >/dev/null 2>&1)
	check "make builds good.c" [ -s "$tmp/mk/good.c" ]
	check "the depfile make reads names hdr.h" grep -q 'hdr\.h' "$tmp/mk/good.d"
	# sources in the past, outputs a little later: up to date
	(cd "$tmp/mk" && touch -d '20 seconds ago' good.ca hdr.h &&
		touch -d '10 seconds ago' good.c good.d)
	check "make: up to date after the build" sh -c 'cd "$1" && "$2" -q good.c' sh "$tmp/mk" "$make"
	touch "$tmp/mk/hdr.h"
	check "make: out of date after the header changes" \
		sh -c 'cd "$1" && ! "$2" -q good.c' sh "$tmp/mk" "$make"
	(cd "$tmp/mk" && "$make" -s >/dev/null 2>&1)
	check "make rebuilds good.c after the header changes" [ "$tmp/mk/good.c" -nt "$tmp/mk/good.ca" ]
	check "make: up to date again" sh -c 'cd "$1" && "$2" -q good.c' sh "$tmp/mk" "$make"
	# a header that disappears (and is no longer included) must not break
	# the build: that is what the -MP phony targets are for
	rm "$tmp/mk/hdr.h"
	echo 'typedef long hdr_int;' >"$tmp/mk/hdr2.h"
	sed 's/hdr\.h/hdr2.h/' good.ca >"$tmp/mk/good.ca"
	(cd "$tmp/mk" && "$make" -s >"$tmp/mk/log" 2>&1)
	check "make: -MP lets a removed header not break the build" [ $? = 0 ]
	check "make: the new depfile names hdr2.h" grep -q 'hdr2\.h' "$tmp/mk/good.d"
else
	fail "make not found: cannot test the depfile with make"
fi

# --file-prefix-map
mkdir -p "$tmp/src/deep"
cp bad.ca "$tmp/src/deep/bad.ca"
cp good.ca hdr.h "$tmp/src/deep/"
check "--file-prefix-map: exit 1 on bad input" \
	status_is 1 "$asyncc" --check --file-prefix-map="$tmp/src"=/project "$tmp/src/deep/bad.ca"
check "--file-prefix-map rewrites the file name of diagnostics" \
	grep -q '^/project/deep/bad.ca:3:13: error:' "$tmp/last.err"
check "--file-prefix-map: the old prefix is gone from diagnostics" \
	sh -c '! grep -qF "$1" "$2"' sh "$tmp/src" "$tmp/last.err"
check "--file-prefix-map OLD=NEW as two arguments" \
	status_is 1 "$asyncc" --check --file-prefix-map "$tmp/src=/p" "$tmp/src/deep/bad.ca"
check "--file-prefix-map as two arguments rewrites too" grep -q '^/p/deep/bad.ca:' "$tmp/last.err"
check "--file-prefix-map: output is written" \
	status_is 0 "$asyncc" --file-prefix-map="$tmp/src"=/project "$tmp/src/deep/good.ca" -o mapped.c
check "--file-prefix-map: the output does not name the old prefix" \
	sh -c '! grep -qF "$1" mapped.c' sh "$tmp/src"
if grep -q '^#line' mapped.c; then
	check "--file-prefix-map: #line names the mapped file" \
		grep -q '^#line [0-9]* "/project/deep/good.ca"' mapped.c
fi
check "--file-prefix-map without '=' exits 2" status_is 2 "$asyncc" --file-prefix-map=oops plain.ca
# a function translated from its expansion (a macro holds an await): its
# __FILE__ was expanded by asyncc's own preprocessor, and is mapped too
printf '#include <stdio.h>\n#define TWICE(e) ((e) + (e))\nasync int one(void);\nasync int f(void)\n{\n\tputs(__FILE__);\n\treturn TWICE(await one());\n}\n' >"$tmp/src/deep/exp.ca"
check "--file-prefix-map, expanded function: translated" \
	status_is 0 "$asyncc" --file-prefix-map="$tmp/src"=/project "$tmp/src/deep/exp.ca" -o mapped2.c
check "--file-prefix-map, expanded function: __FILE__ is mapped" \
	sh -c '! grep -qF "$1" mapped2.c' sh "$tmp/src"

# colour
check "-fdiagnostics-color=always colours" status_is 1 "$asyncc" --check -fdiagnostics-color=always bad.ca
check "-fdiagnostics-color=always writes escape codes" grep -q "$(printf '\033')" "$tmp/last.err"
check "-fdiagnostics-color=never: exit 1" status_is 1 "$asyncc" --check -fdiagnostics-color=never bad.ca
check "-fdiagnostics-color=never writes no escape codes" sh -c '! grep -q "$(printf "\033")" "$1"' sh "$tmp/last.err"
check "NO_COLOR=1 with auto: exit 1" status_is 1 env NO_COLOR=1 "$asyncc" --check -fdiagnostics-color=auto bad.ca
check "NO_COLOR=1 with auto writes no escape codes" sh -c '! grep -q "$(printf "\033")" "$1"' sh "$tmp/last.err"
if command -v script >/dev/null 2>&1 && script -qec true /dev/null >/dev/null 2>&1; then
	# on a terminal, auto colours unless NO_COLOR is set
	script -qec "'$asyncc' --check -fdiagnostics-color=auto bad.ca" /dev/null >tty1.log 2>&1
	check "auto colours on a terminal" grep -q "$(printf '\033')\[" tty1.log
	NO_COLOR=1 script -qec "'$asyncc' --check -fdiagnostics-color=auto bad.ca" /dev/null >tty2.log 2>&1
	check "NO_COLOR=1 with auto on a terminal writes no escape codes" \
		sh -c '! grep -q "$(printf "\033")\[" tty2.log'
	check "NO_COLOR=1 on a terminal still reports the error" grep -q 'error:' tty2.log
else
	echo "note: no working script(1): terminal colour tests skipped"
fi
check "unknown colour mode exits 2" status_is 2 "$asyncc" -fdiagnostics-color=sometimes plain.ca
# -fno-diagnostics-color is GCC's spelling of =never (the last one given
# wins); the preprocessor's own messages are coloured as asyncc's
esc=$(printf '\033')
check "-fno-diagnostics-color: exit 1" status_is 1 "$asyncc" --check -fdiagnostics-color=always -fno-diagnostics-color bad.ca
check "-fno-diagnostics-color writes no escape codes" sh -c '! grep -q "$2" "$1"' sh "$tmp/last.err" "$esc"
printf '#error boom\n' >cpperr.ca
check "#error with =always: exit 1" status_is 1 "$asyncc" --check -fdiagnostics-color=always cpperr.ca
check "#error with =always: the preprocessor's message is coloured" grep -q "$esc.*boom" "$tmp/last.err"
if command -v script >/dev/null 2>&1 && script -qec true /dev/null >/dev/null 2>&1; then
	script -qec "'$asyncc' --check -fno-diagnostics-color cpperr.ca" /dev/null >tty3.log 2>&1
	check "-fno-diagnostics-color on a terminal: the preprocessor's message" grep -q 'boom' tty3.log
	check "-fno-diagnostics-color on a terminal: the preprocessor's message is not coloured" \
		sh -c '! grep -q "$2\[" "$1"' sh tty3.log "$esc"
	NO_COLOR=1 script -qec "'$asyncc' --check cpperr.ca" /dev/null >tty4.log 2>&1
	check "NO_COLOR=1 on a terminal: the preprocessor's message is not coloured" \
		sh -c 'grep -q boom "$1" && ! grep -q "$2\[" "$1"' sh tty4.log "$esc"
fi
rm -f cpperr.ca tty3.log tty4.log

# null characters: gcc reads one as a blank (in a literal it keeps it)
printf 'async int get(int fd);\nasync int f(int fd)\n{\n\tint k = fd; /* \000 */\n\treturn await get(k) + 41;\n}\n' >nul.ca
check "a null character in a comment: translated" status_is 0 "$asyncc" nul.ca -o nul.c
check "the statements after the null character are kept" grep -q '+ 41' nul.c
check "the output holds no null character" sh -c '[ "$(tr -d "\000" <nul.c | wc -c)" = "$(wc -c <nul.c)" ]'
# ... in code, where it makes the function translated from its expansion:
# the text asyncc tried first and gave up leaves nothing behind (its
# parameters were once read at the expansion's offsets, and came out
# as '(void)')
printf '#define TWO 2\nasync int get(int fd);\nasync int f(int fd)\n{\n\treturn await get(fd) + 41;\000\n}\n' >nul3.ca
check "a null character in code: translated" status_is 0 "$asyncc" nul3.ca -o nul3.c
check "a null character in code: the parameters are kept" grep -q '^ac_task \*f(int fd)' nul3.c
printf 'async int get(int fd);\nasync int f(int fd)\n{\n\tint k = fd + (int)sizeof "a\000b";\n\treturn await get(k);\n}\n' >nul2.ca
check "a null character in a literal: exit 1" status_is 1 "$asyncc" --check -fdiagnostics-color=never nul2.ca
check "a null character in a literal: reported where it is" \
	grep -q "^nul2.ca:4:36: error: async function 'f' cannot be made resumable: a literal in it holds a null character" "$tmp/last.err"

# -O decides __OPTIMIZE__ in the preprocessing asyncc runs, as in the C
# compiler's: an await in an #ifdef __OPTIMIZE__ branch is translated
printf '#include <asyncc.h>\nasync int f(void)\n{\n#ifdef __OPTIMIZE__\n\tawait ac_yield();\n#endif\n\treturn 1;\n}\n' >opt.ca
check "-O2: exit 0" status_is 0 "$asyncc" -O2 opt.ca -o opt2.c
check "-O2: the await under __OPTIMIZE__ is translated" sh -c '! grep -q "await ac_yield" opt2.c'
check "-O0: exit 0" status_is 0 "$asyncc" -O0 opt.ca -o opt0.c
check "-O0: the await under __OPTIMIZE__ is left as it is" grep -q "await ac_yield" opt0.c
check "-Ofast, -Os, -Og, -O: accepted" status_is 0 "$asyncc" -Ofast -Os -Og -O --check opt.ca
check "-Oq: unknown option, exit 2" status_is 2 "$asyncc" -Oq --check opt.ca

# __COUNTER__ in a function translated from its expansion is counted by
# preprocessing the file again: when that fails, a warning, not values
# that silently repeat
printf '#include <asyncc.h>\nasync int f(void)\n{\n\tint a = __COUNTER__;\n\tawait ac_yield();\n\treturn a;\n}\n' >counter.ca
printf '#!/bin/sh\ncase "$*" in *"-include /proc/self/fd/"*) exit 1 ;; esac\nexec cc "$@"\n' >cpp-once
chmod +x cpp-once
check "__COUNTER__ counted: exit 0, no warning" status_is 0 "$asyncc" counter.ca -o counter.c
check "__COUNTER__ counted: no warning" sh -c '! grep -q warning "$1"' sh "$tmp/last.err"
check "__COUNTER__ not counted: exit 0" status_is 0 "$asyncc" --cpp="$tmp/w/cpp-once" counter.ca -o counter2.c
check "__COUNTER__ not counted: warned" \
	grep -q "^counter.ca:2: warning: asyncc cannot count the __COUNTER__ values 'f' uses (the preprocessor failed when run again to count them)" "$tmp/last.err"

# a preprocessor that fails without a word, or is killed: asyncc says so
printf '#!/bin/sh\nexit 3\n' >cpp-silent
printf '#!/bin/sh\nkill -9 $$\n' >cpp-killed
chmod +x cpp-silent cpp-killed
check "a preprocessor failing silently: exit 1" status_is 1 "$asyncc" --cpp="$tmp/w/cpp-silent" counter.ca -o counter3.c
check "a preprocessor failing silently: reported" \
	grep -q "^asyncc: error: the preprocessor '.*cpp-silent' failed (exit status 3)" "$tmp/last.err"
check "a preprocessor killed: exit 1" status_is 1 "$asyncc" --cpp="$tmp/w/cpp-killed" counter.ca -o counter3.c
check "a preprocessor killed: reported" \
	grep -q "^asyncc: error: the preprocessor '.*cpp-killed' was killed by signal 9" "$tmp/last.err"
check "a preprocessor failing: no output" test ! -e counter3.c

# --cpp= with no program is bad usage; blanks separate options of the
# driver's own from it, in --cpp and ASYNCC_CPP, as in make's $(CC)
check "--cpp= empty: exit 2" status_is 2 "$asyncc" --cpp= counter.ca -o counter3.c
check "--cpp= empty: says so" grep -q "missing program after '--cpp='" "$tmp/last.err"
printf '#include <asyncc.h>\nasync int f(void)\n{\n#ifdef __CHAR_UNSIGNED__\n\tawait ac_yield();\n#endif\n\treturn 1;\n}\n' >uchar.ca
check "--cpp with an option of its own: exit 0" status_is 0 "$asyncc" --cpp="cc  -funsigned-char" uchar.ca -o uchar3.c
check "--cpp with an option of its own: the option counts" sh -c '! grep -q "await ac_yield" uchar3.c'
check "ASYNCC_CPP with an option of its own: exit 0" status_is 0 env ASYNCC_CPP="cc -funsigned-char" "$asyncc" uchar.ca -o uchar4.c
check "ASYNCC_CPP with an option of its own: the option counts" sh -c '! grep -q "await ac_yield" uchar4.c'
rm -f uchar3.c uchar4.c

# -f and -m options decide predefined macros (__CHAR_UNSIGNED__, __PIC__,
# __AVX2__): asyncc passes them to its preprocessing, as -D
printf '#include <asyncc.h>\nasync int f(void)\n{\n#ifdef __CHAR_UNSIGNED__\n\tawait ac_yield();\n#endif\n\treturn 1;\n}\n' >uchar.ca
check "-funsigned-char: exit 0" status_is 0 "$asyncc" -funsigned-char -fPIC -pthread uchar.ca -o uchar1.c
check "-funsigned-char: the await under __CHAR_UNSIGNED__ is translated" sh -c '! grep -q "await ac_yield" uchar1.c'
check "without it: exit 0" status_is 0 "$asyncc" uchar.ca -o uchar0.c
check "without it: the await is left as it is" grep -q "await ac_yield" uchar0.c
check "-mbogus-option: the preprocessor's error, exit 1" status_is 1 "$asyncc" -mbogus-option uchar.ca -o uchar2.c

# a UTF-8 byte order mark opening the file (gcc ignores it there only)
printf '\357\273\277#include <asyncc.h>\nasync int f(void)\n{\n\tawait ac_yield();\n\treturn 1;\n}\n' >bom.ca
check "a byte order mark: exit 0" status_is 0 "$asyncc" bom.ca -o bom.c
check "a byte order mark: not in the output" sh -c '! grep -q "$(printf "\357\273\277")" bom.c'
check "a byte order mark: the file's first line follows #line 1, as written after it" \
	sh -c 'grep -A1 "^#line 1 " bom.c | grep -q "^#include <asyncc.h>"'

# a file #included in an async function's body: its lines are charged to
# it (gcc's messages, gdb), the runtime's table names the #include's line
printf '\tn += await ac_yield() + 0;\n\tn += undeclared_in_inc;\n' >body.inc
printf '#include <asyncc.h>\nasync int f(void)\n{\n\tint n = 0;\n#include "body.inc"\n\treturn n;\n}\n' >body.ca
check "an #include in a body: exit 0" status_is 0 "$asyncc" body.ca -o body.c
check "an #include in a body: its lines are its own" \
	sh -c 'grep -A1 "^#line 2 \"body.inc\"" body.c | grep -q undeclared_in_inc'
check "an #include in a body: its await is at the #include's line" \
	grep -q "f__lines\[\] = { 2, 5 }" body.c

# directives written only with the digraph %: are directives; trigraphs
# are read in the ISO modes (-std=c11, -ansi, -trigraphs), as gcc does
printf '%%:include <asyncc.h>\nasync int f(void)\n{\n%%:if 1\n\tawait ac_yield();\n%%:endif\n\treturn 1;\n}\n' >digraph.ca
check "%: directives only: exit 0" status_is 0 "$asyncc" digraph.ca -o digraph.c
check "%: directives only: the await is translated" sh -c '! grep -q "await ac_yield" digraph.c'
printf 'typedef struct ac_task ac_task;\nasync int v(int x) ??< return x; ??>\nasync int w(void)\n??<\n\tint a??(2??) = ??< 1, 2 ??>;\n\treturn await v(a??(1??));\n??>\n' >tri.ca
check "trigraphs with -std=c11: exit 0" status_is 0 "$asyncc" -std=c11 tri.ca -o tri.c
check "trigraphs with -std=c11: translated" grep -q "v__step" tri.c
check "trigraphs with -trigraphs: exit 0" status_is 0 "$asyncc" -trigraphs tri.ca -o tri2.c
check "trigraphs in a GNU mode are not read: exit 1" status_is 1 "$asyncc" -std=gnu11 tri.ca -o tri3.c

# files the preprocessor read that are gone when asyncc reads them again
# (a header for macros named like generated words, a body's #include for
# its directives) and a second preprocessor run that fails: warnings
printf '#define hdr_word 1\n' >gone.h
printf '#define INC 2\n' >gone.inc
printf '#include <asyncc.h>\n#include "gone.h"\nasync int f(void)\n{\n#include "gone.inc"\n\tawait ac_yield();\n\treturn INC;\n}\n' >gone.ca
printf '#!/bin/sh\ncc "$@"; rc=$?\nrm -f gone.h gone.inc\nexit $rc\n' >cpp-rm
chmod +x cpp-rm
check "files gone after preprocessing: exit 0" status_is 0 "$asyncc" --cpp="$tmp/w/cpp-rm" gone.ca -o gone.c
check "a header gone: warned" \
	grep -q "^asyncc: warning: cannot read the header 'gone.h' again to look for macros named like generated code: No such file or directory" "$tmp/last.err"
check "a body's #include gone: warned" \
	grep -q "^asyncc: warning: cannot read 'gone.inc' again to repeat its directives after the function that includes it" "$tmp/last.err"
check "the macro list failing: warned" \
	grep -q "^gone.ca:3: warning: the preprocessor failed when run again to list the macros (-dM): a macro that names itself may expand twice in 'f'" "$tmp/last.err"

# -Werror: the warning is shown as an error, in GCC's form, and fails the
# translation
printf '#include <asyncc.h>\nasync int g(void)\n{\n\tawait ac_yield();\n\treturn 1;\n}\nasync int main(void)\n{\n\tg();\n\treturn 0;\n}\n' >unawaited.ca
check "a warning: exit 0" status_is 0 "$asyncc" unawaited.ca -o unawaited.c
check "a warning: shown as a warning" \
	grep -q "^unawaited.ca:9:9: warning: result of async call 'g' is never awaited$" "$tmp/last.err"
check "-Werror: exit 1" status_is 1 "$asyncc" -Werror unawaited.ca -o unawaited.c
check "-Werror: shown as an error" \
	grep -q "^unawaited.ca:9:9: error: result of async call 'g' is never awaited \[-Werror\]$" "$tmp/last.err"
check "-Werror: no warning line" sh -c '! grep -q warning: "$1"' sh "$tmp/last.err"
check "-Werror: no output left" test ! -e unawaited.c
check "-Werror -w: exit 0" status_is 0 "$asyncc" -Werror -w unawaited.ca -o unawaited.c
rm -f unawaited.ca unawaited.c

# nesting as deep as memory allows, in a file with an #include (whose
# checks walk the body): 100,000 blocks around an await, and a chain of
# 100,000 `else if` before one
deep() { printf '%*s' 100000 '' | sed "s/ /$1/g"; }
{ printf '#include <asyncc.h>\nasync int val(int x) { await ac_yield(); return x; }\n'
  printf 'async int f(void)\n{\n\tint a = 0;\n\t'; deep '{'; printf 'a += await val(1);'; deep '}'
  printf '\n\t'; deep 'if (a) a = 2; else '; printf 'a += await val(1);\n\treturn a;\n}\n'; } >deep.ca
check "100,000 nested blocks and else ifs: exit 0" status_is 0 "$asyncc" deep.ca -o deep.c
check "100,000 nested blocks and else ifs: translated" grep -q "f__step" deep.c
rm -f deep.ca deep.c

# file names with a quote, a backslash, a comment's end: #line and the
# function information spell them as C string literals, the header comment
# does not end early (gcc compiles the output)
mkdir -p 'odd*'
for name in 'q"x' 'b\s' 'odd*/y'; do
	printf '#include <asyncc.h>\nasync int f(int x) { await ac_yield(); return x + 1; }\n' >"$name.ca"
	check "file name $name: exit 0" status_is 0 "$asyncc" "$name.ca" -o "$name.c"
	runtime=$(dirname "$asyncc")/../../runtime
	if command -v cc >/dev/null 2>&1 && [ -f "$runtime/asyncc.h" ]; then
		check "file name $name: the output compiles" \
			cc -fsyntax-only -Wall -Werror -I"$runtime" "$name.c"
	fi
done
check "file name q\"x: #line escapes the quote" grep -q '^#line 2 "q\\"x.ca"' 'q"x.c'

# lines ended by a carriage return alone (old Mac files), as gcc reads them
printf '#include <asyncc.h>\rasync int f(int x)\r{\r\tawait ac_yield();\r\treturn x + 1;\r}\r' >cr.ca
check "lines ended by CR alone: exit 0" status_is 0 "$asyncc" cr.ca -o cr.c
check "lines ended by CR alone: translated at its lines" grep -q '^#line 4 "cr.ca"' cr.c

# an interrupt (SIGINT, SIGTERM, SIGHUP) while a temporary file is being
# written (stopped by gdb at its fchmod) removes it; the output of an
# earlier run stays as it was; asyncc dies by the signal
if command -v gdb >/dev/null 2>&1 && gdb -batch -ex run --args true >/dev/null 2>&1; then
	# (a test run started in the background or under nohup inherits
	# SIGINT or SIGHUP ignored, which asyncc then leaves ignored, as it
	# must: these checks give asyncc the default dispositions)
	default_signals=
	if env --default-signal=SIGINT true 2>/dev/null; then
		default_signals='env --default-signal=SIGINT,SIGTERM,SIGHUP'
	fi
	interrupted() { # interrupted SIGNAL NTH: the NTH temporary file's write
		echo old >intr.c && echo old >intr.d &&
		$default_signals gdb -batch -ex 'set breakpoint pending on' \
			-ex 'handle SIGINT SIGTERM SIGHUP nostop noprint pass' \
			-ex 'break fchmod' -ex "ignore 1 $(($2 - 1))" \
			-ex 'run good.ca -o intr.c -MD' -ex "signal $1" \
			--args "$asyncc" >intr.log 2>&1 </dev/null &&
		grep -q "Program terminated with signal $1" intr.log
	}
	for sig in SIGINT SIGTERM SIGHUP; do
		check "$sig while writing the output: asyncc dies by it" interrupted $sig 1
		check "$sig while writing the output: no temporary file left" no_temp_files .
		check "$sig while writing the output: the earlier one stays" grep -qx old intr.c
	done
	check "SIGINT while writing the depfile: asyncc dies by it" interrupted SIGINT 2
	check "SIGINT while writing the depfile: no temporary file left" no_temp_files .
	check "SIGINT while writing the depfile: the output is written" grep -q fetch__step intr.c
	check "SIGINT while writing the depfile: the earlier one stays" grep -qx old intr.d
	rm -f intr.c intr.d intr.log
else
	echo "note: no working gdb: interrupt tests skipped"
fi

# CRLF line ends: the line a diagnostic quotes ends without the CR
printf 'int broken(void)\r\n{\r\n    return 1\r\n}\r\n' >crlf.ca
check "CRLF: exit 1" status_is 1 "$asyncc" --check -fdiagnostics-color=never crlf.ca
check "CRLF: the error at its line and column" grep -q '^crlf.ca:3:13: error: ' "$tmp/last.err"
check "CRLF: the quoted line, without its CR" grep -qx '     return 1' "$tmp/last.err"
check "CRLF: no CR in the diagnostics" sh -c '! grep -q "$(printf "\r")" "$1"' sh "$tmp/last.err"
rm -f crlf.ca

# a directive continued by a backslash before a CRLF (or before blanks) is
# one directive: the runtime's header goes after its last line, not into it
runtime=$(dirname "$asyncc")/../../runtime
spliced() { # spliced NAME END: a #define continued by a backslash and END
	printf '#include <asyncc.h>\n#define PICK(p) _Generic((p), const int *: 1, \\'"$2"'\n   int *: 2)\nasync int f(int *q)\n{\n\tint k = PICK(q);\n\tawait ac_yield();\n\treturn k + *q;\n}\n' >"$1.ca"
	check "a splice before $1: exit 0" status_is 0 "$asyncc" "$1.ca" -o "$1.c"
	if command -v cc >/dev/null 2>&1 && [ -f "$runtime/asyncc.h" ]; then
		check "a splice before $1: the output compiles" \
			cc -fsyntax-only -w -I"$runtime" "$1.c"
	fi
	rm -f "$1.ca" "$1.c"
}
spliced crlf '\r'
spliced blanks '  '

echo "$checks checks, $failures failed"
[ "$failures" = 0 ]
