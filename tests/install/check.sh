#!/bin/sh
# What `meson install` puts in a prefix, installed from the build tree into
# a temporary directory (stage.sh).  One check per test:
#   files      every file and link a user relies on is there
#   soname     libasyncc.so.N, N = AC_ABI_VERSION; the links to it
#   symbols    libasyncc.so exports exactly the functions <asyncc.h>
#              declares, which include every one generated code calls
#   pkgconfig  a translated program built with `pkg-config --cflags --libs`
#              runs against the shared library; and against the static one
#   man        `man -l` renders asyncc(1) without warnings, and it lists the
#              options --help and docs/cli.md list
#   cmake      find_package(asyncc VERSION) accepts this version only,
#              asyncc_translate's paths, asyncc::asyncc_static
# Usage: check.sh WHAT SOURCE_ROOT BUILD_ROOT PREFIX LIBDIR CC
set -eu
what=$1 source_root=$2 build=$3 prefix=$4 libdir=$5 cc=$6
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dest=$work/dest
. "$source_root/tests/install/stage.sh"
stage_install
fail() { echo "FAIL ($what): $*"; exit 1; }
lib=$staged/$libdir
abi=$(sed -n 's/^#define AC_ABI_VERSION \([0-9][0-9]*\)$/\1/p' "$source_root/runtime/asyncc.h")
[ -n "$abi" ] || fail "no AC_ABI_VERSION in asyncc.h"

case $what in
files)
	for f in bin/asyncc include/asyncc.h "$libdir/libasyncc.a" \
		"$libdir/libasyncc.so" "$libdir/libasyncc.so.$abi" \
		"$libdir/pkgconfig/asyncc.pc" share/man/man1/asyncc.1 \
		"$libdir/cmake/asyncc/asyncc-config.cmake" \
		"$libdir/cmake/asyncc/asyncc-config-version.cmake" \
		share/asyncc/gdb/asyncc.py; do
		[ -e "$staged/$f" ] || fail "$f is not installed"
	done
	[ -x "$staged/bin/asyncc" ] || fail "bin/asyncc is not executable"
	# nothing the runtime keeps to itself
	[ ! -e "$staged/include/asyncc-internal.h" ] || fail "asyncc-internal.h is installed"
	# the installed translator finds the installed <asyncc.h>
	printf '#include <asyncc.h>\nasync int f(void) { return await ac_yield(); }\n' >"$work/t.ca"
	asyncc "$work/t.ca" -o "$work/t.c" || fail "the installed asyncc cannot translate"
	"$cc" -c -I"$staged/include" "$work/t.c" -o "$work/t.o" || fail "its output does not compile"
	asyncc --version | grep -q "^libasyncc ABI $abi\$" || fail "asyncc --version does not say ABI $abi"
	;;
soname)
	so=$(readelf -d "$lib/libasyncc.so" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
	[ "$so" = "libasyncc.so.$abi" ] || fail "SONAME is '$so', not libasyncc.so.$abi"
	[ "$(readlink "$lib/libasyncc.so")" = "libasyncc.so.$abi" ] ||
		fail "libasyncc.so does not link to libasyncc.so.$abi"
	[ -f "$(readlink -f "$lib/libasyncc.so.$abi")" ] || fail "libasyncc.so.$abi is dangling"
	readelf -d "$lib/libasyncc.so" | grep -q 'NEEDED.*libuv\.so' || fail "libasyncc.so does not need libuv"
	;;
symbols)
	nm -D --defined-only "$lib/libasyncc.so" | awk '{ print $3 }' | sort >"$work/exported"
	python3 "$source_root/tests/install/exports.py" "$cc" "$staged/include/asyncc.h" >"$work/declared"
	[ -s "$work/declared" ] || fail "no declarations found in asyncc.h"
	if ! cmp -s "$work/exported" "$work/declared"; then
		echo "exported (<) and declared in asyncc.h (>):"
		diff "$work/exported" "$work/declared" || true
		fail "libasyncc.so exports other symbols than asyncc.h declares"
	fi
	grep -qv '^ac_' "$work/exported" && fail "a symbol without the ac_ prefix is exported"
	grep -q '^ac__L$' "$work/exported" && fail "runtime internals are exported"
	# what generated code calls (samples, e2e programs) is all exported
	n=0
	for ca in "$source_root"/samples/gather.ca "$source_root"/tests/e2e/*.ca; do
		n=$((n + 1))
		asyncc "$ca" -o "$work/g$n.c" || fail "cannot translate $ca"
		"$cc" -c -I"$staged/include" -I"$(dirname "$ca")" "$work/g$n.c" -o "$work/g$n.o" || fail "cannot compile $ca"
		nm -u "$work/g$n.o" | awk '$2 ~ /^ac_/ { print $2 }'
	done | sort -u >"$work/used"
	grep -q '^ac__await_slow$' "$work/used" || fail "the programs call no ac__ function?"
	missing=$(comm -23 "$work/used" "$work/exported")
	[ -z "$missing" ] || fail "generated code calls unexported: $missing"
	echo "$(wc -l <"$work/exported") symbols exported, $(wc -l <"$work/used") used by $n generated files"
	;;
pkgconfig)
	[ "$(pkg-config --variable=asyncc asyncc)" = "$staged/bin/asyncc" ] ||
		fail "pkg-config --variable=asyncc asyncc is $(pkg-config --variable=asyncc asyncc)"
	[ -f "$(pkg-config --variable=gdbscript asyncc)" ] || fail "no gdbscript variable"
	pkg-config --libs asyncc | grep -q -- '-luv' || fail "--libs does not give libuv"
	"$(pkg-config --variable=asyncc asyncc)" "$source_root/samples/gather.ca" -o "$work/gather.c"
	# shellcheck disable=SC2046
	"$cc" ${CFLAGS:-} -Wall -Wextra -Werror "$work/gather.c" -o "$work/gather" \
		$(pkg-config --cflags --libs asyncc) ${LDFLAGS:-} || fail "cannot build with pkg-config"
	ldd "$work/gather" | grep -q "libasyncc.so.$abi => $lib/" || fail "not linked to the shared libasyncc"
	ASYNCC_VIRTUAL_CLOCK=1 "$work/gather" >"$work/out" || fail "gather (shared) failed"
	cmp "$work/out" "$source_root/tests/e2e/gather.expected" || fail "gather (shared): wrong output"
	# shellcheck disable=SC2046
	"$cc" ${CFLAGS:-} "$work/gather.c" -o "$work/gather-static" $(pkg-config --cflags asyncc) \
		"$lib/libasyncc.a" $(pkg-config --libs libuv) ${LDFLAGS:-} || fail "cannot link libasyncc.a"
	! ldd "$work/gather-static" | grep -q libasyncc || fail "libasyncc.a build uses the shared library"
	ASYNCC_VIRTUAL_CLOCK=1 "$work/gather-static" >"$work/out" || fail "gather (static) failed"
	cmp "$work/out" "$source_root/tests/e2e/gather.expected" || fail "gather (static): wrong output"
	;;
man)
	page=$staged/share/man/man1/asyncc.1
	MANWIDTH=80 man -l "$page" >"$work/man.txt" 2>"$work/man.err" || fail "man -l failed"
	grep -q '^NAME' "$work/man.txt" && grep -q 'asyncc - translate' "$work/man.txt" ||
		{ cat "$work/man.txt"; fail "the page does not render"; }
	groff -man -Tutf8 -ww -z "$page" 2>"$work/groff.err"
	[ ! -s "$work/man.err" ] && [ ! -s "$work/groff.err" ] ||
		{ cat "$work/man.err" "$work/groff.err"; fail "warnings rendering asyncc(1)"; }
	python3 "$source_root/tests/install/options.py" "$staged/bin/asyncc" "$page" \
		"$source_root/docs/cli.md"
	;;
cmake)
	# find_package(asyncc VERSION): an older 0.x or a newer version is
	# refused; asyncc::asyncc_static links libasyncc.a; asyncc_translate
	# names x.c and sub/x.c after the sources
	mkdir -p "$work/cm/sub"
	cp "$source_root/samples/gather.ca" "$work/cm/sub/gather.ca"
	version=$(asyncc --version | sed -n 's/^asyncc \([0-9.]*\)$/\1/p')
	cat >"$work/cm/CMakeLists.txt" <<CMAKE
cmake_minimum_required(VERSION 3.20)
project(cm C)
find_package(asyncc \${WANT} REQUIRED)
asyncc_translate(GEN sub/gather.ca)
add_executable(gather \${GEN})
target_link_libraries(gather PRIVATE asyncc::asyncc_static)
file(WRITE \${CMAKE_BINARY_DIR}/generated.txt "\${GEN}")
CMAKE
	for want in 0.0 99.0; do
		if cmake -G Ninja -S "$work/cm" -B "$work/cm/b-$want" -DWANT=$want >"$work/cm.log" 2>&1; then
			fail "find_package(asyncc $want) accepts asyncc $version"
		fi
		grep -q 'version: [0-9]' "$work/cm.log" || { cat "$work/cm.log"; fail "no version message for $want"; }
	done
	cmake -G Ninja -S "$work/cm" -B "$work/cm/b" -DWANT="$version" >"$work/cm.log" 2>&1 ||
		{ cat "$work/cm.log"; fail "find_package(asyncc $version)"; }
	[ "$(cat "$work/cm/b/generated.txt")" = "$work/cm/b/sub/gather.c" ] ||
		fail "asyncc_translate gave $(cat "$work/cm/b/generated.txt")"
	ninja -C "$work/cm/b" >"$work/cm.log" 2>&1 || { cat "$work/cm.log"; fail "the CMake build failed"; }
	! ldd "$work/cm/b/gather" | grep -q libasyncc || fail "asyncc::asyncc_static uses the shared library"
	ASYNCC_VIRTUAL_CLOCK=1 "$work/cm/b/gather" >"$work/out" || fail "gather (CMake, static) failed"
	cmp "$work/out" "$source_root/tests/e2e/gather.expected" || fail "gather (CMake, static): wrong output"
	;;
*) fail "unknown check" ;;
esac
echo "install $what: ok"
