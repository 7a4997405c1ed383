#!/bin/sh
# Installing needs no test suite: a fresh build of this source tree with
# -Dtests=false builds no target under tests/, and `meson install` into a
# real prefix (not staged) gives the same files as this build's install
# (stage.sh); a program built with that prefix's pkg-config runs.
# Usage: without-tests.sh SOURCE_ROOT BUILD_ROOT PREFIX LIBDIR CC
set -eu
source_root=$1 build=$2 prefix=$3 libdir=$4 cc=$5
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL (install-without-tests): $*"; exit 1; }

meson setup "$work/b" "$source_root" -Dtests=false --prefix="$work/prefix" \
	--libdir="$libdir" >"$work/setup.log" 2>&1 || { cat "$work/setup.log"; fail "meson setup"; }
meson introspect --targets "$work/b" >"$work/targets.json"
python3 - "$work/targets.json" <<'PY' || fail "-Dtests=false defines test targets"
import json, sys
targets = json.load(open(sys.argv[1]))
tests = [t['name'] for t in targets
         if any('/tests/' in f for f in t['filename'])]
if tests:
    print('test targets:', ' '.join(tests))
    sys.exit(1)
print(len(targets), 'targets, none under tests/')
PY
ninja -j1 -C "$work/b" >"$work/build.log" 2>&1 || { tail -30 "$work/build.log"; fail "build"; }
meson install -C "$work/b" --no-rebuild --quiet >"$work/install.log" 2>&1 ||
	{ cat "$work/install.log"; fail "meson install"; }

# the same files as this build installs
dest=$work/dest
. "$source_root/tests/install/stage.sh"
stage_install
(cd "$work/prefix" && find . ! -type d | sort) >"$work/fresh"
(cd "$staged" && find . ! -type d | sort) >"$work/staged"
diff "$work/staged" "$work/fresh" || fail "-Dtests=false installs other files"
grep -q '^\./bin/asyncc$' "$work/fresh" || fail "nothing installed?"

# the real prefix, used as it is (no sysroot)
unset PKG_CONFIG_SYSROOT_DIR
PKG_CONFIG_PATH=$work/prefix/$libdir/pkgconfig
LD_LIBRARY_PATH=$work/prefix/$libdir
export PKG_CONFIG_PATH LD_LIBRARY_PATH
asyncc=$(pkg-config --variable=asyncc asyncc)
[ "$asyncc" = "$work/prefix/bin/asyncc" ] || fail "pkg-config's asyncc is $asyncc"
"$asyncc" "$source_root/samples/gather.ca" -o "$work/gather.c"
# shellcheck disable=SC2046
"$cc" ${CFLAGS:-} "$work/gather.c" -o "$work/gather" $(pkg-config --cflags --libs asyncc) ${LDFLAGS:-}
ASYNCC_VIRTUAL_CLOCK=1 "$work/gather" >"$work/out" || fail "gather failed"
cmp "$work/out" "$source_root/tests/e2e/gather.expected" || fail "gather: wrong output"
echo "install without tests: ok"
