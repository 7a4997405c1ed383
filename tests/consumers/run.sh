#!/bin/sh
# Builds one consumer project (Make, meson, CMake with Ninja, or meson with
# asyncc as a subproject) the way its users would, against asyncc installed
# from the build tree into a temporary prefix, and checks that:
#   - it builds and runs (total.ca awaits scale.ca's function; main.c runs it);
#   - sub/part.ca includes sub/label.h, asyncc and the C compiler alike (the
#     top directory has another label.h);
#   - a second build does nothing;
#   - touching include/jobs.h translates scale.ca again (which includes it)
#     and not total.ca (which does not);
#   - removing total.ca's #include "label.h" and deleting label.h breaks
#     nothing, and only total.ca is translated again.
# Usage: run.sh KIND SOURCE_ROOT BUILD_ROOT PREFIX LIBDIR
# KIND: make, meson, cmake or meson-subproject.
set -eu
kind=$1 source_root=$2 build=$3 prefix=$4 libdir=$5
here=$source_root/tests/consumers
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dest=$work/dest
. "$source_root/tests/install/stage.sh"

fail() { echo "FAIL ($kind): $*"; exit 1; }
for tool in make cmake ninja pkg-config ldd; do
	command -v $tool >/dev/null || fail "$tool is missing (scripts/install-deps installs it)"
done

proj=$work/proj
mkdir "$proj"
cp -R "$here/src/." "$proj/"
case $kind in
make) cp "$here/make/Makefile" "$proj/" ;;
meson | meson-subproject) cp "$here/meson/meson.build" "$proj/" ;;
cmake) cp "$here/cmake/CMakeLists.txt" "$proj/" ;;
*) fail "unknown kind" ;;
esac
cd "$proj"

if [ "$kind" = meson-subproject ]; then
	# nothing installed: the fallback (forced, in case asyncc is
	# installed on this system) builds this source tree
	mkdir subprojects
	ln -s "$source_root" subprojects/asyncc
else
	stage_install
fi

# build: run the project's build, output in $work/build.log
build() {
	case $kind in
	make) make >"$work/build.log" 2>&1 ;;
	meson | meson-subproject | cmake) ninja -j1 -C b >"$work/build.log" 2>&1 ;;
	esac || { cat "$work/build.log"; fail "build failed"; }
}
null_build() {
	build
	case $kind in
	make) grep -q "'consumer' is up to date" "$work/build.log" && make -q ;;
	*) grep -q '^ninja: no work to do' "$work/build.log" ;;
	esac || { cat "$work/build.log"; fail "a second build did work ($1)"; }
}
run() {
	exe=$(find . -name consumer -type f | head -1)
	out=$("$exe") || fail "the program failed: $out"
	[ "$out" = "$(printf 'total 60\npart 7\nmain 60')" ] || fail "output: $out"
}
# mtime of the .c file asyncc wrote for $1.ca
stamp() {
	f=$(find . -name "$1.c" ! -path './subprojects/*' | head -1)
	[ -n "$f" ] || fail "no generated $1.c"
	stat -c %Y.%y "$f"
}

case $kind in
meson) meson setup b >"$work/setup.log" 2>&1 || { cat "$work/setup.log"; fail "meson setup"; } ;;
meson-subproject)
	meson setup b --force-fallback-for=asyncc -Dasyncc:tests=false \
		>"$work/setup.log" 2>&1 || { cat "$work/setup.log"; fail "meson setup"; }
	grep -q "^Dependency asyncc found: YES .* (overridden)" "$work/setup.log" ||
		{ cat "$work/setup.log"; fail "dependency('asyncc') did not come from the subproject"; }
	grep -q "Program asyncc found: YES (overridden)" "$work/setup.log" ||
		{ cat "$work/setup.log"; fail "find_program('asyncc') was not the subproject's"; } ;;
cmake) cmake -G Ninja -S . -B b >"$work/setup.log" 2>&1 || { cat "$work/setup.log"; fail "cmake"; } ;;
esac

build
run
if [ "$kind" != meson-subproject ]; then
	# linked against the staged shared library
	abi=$(sed -n 's/^#define AC_ABI_VERSION \([0-9][0-9]*\)$/\1/p' "$source_root/runtime/asyncc.h")
	ldd "$exe" | grep -q "libasyncc.so.$abi => $staged/" ||
		{ ldd "$exe"; fail "not linked against the staged libasyncc.so.$abi"; }
fi
null_build "right after the first"

s0=$(stamp scale) t0=$(stamp total)
sleep 1
touch include/jobs.h
build
[ "$(stamp scale)" != "$s0" ] || fail "touching jobs.h did not translate scale.ca again"
[ "$(stamp total)" = "$t0" ] || fail "touching jobs.h translated total.ca, which does not include it"
run
null_build "after touching jobs.h"

s0=$(stamp scale) t0=$(stamp total)
sleep 1
grep -v '#include "label.h"' total.ca >total.ca.new
mv total.ca.new total.ca
rm label.h
build
[ "$(stamp total)" != "$t0" ] || fail "editing total.ca did not translate it again"
[ "$(stamp scale)" = "$s0" ] || fail "editing total.ca translated scale.ca"
run
null_build "after deleting label.h"
echo "$kind consumer: builds, runs, null build, header edits and deletion: ok"
