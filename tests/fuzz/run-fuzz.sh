#!/bin/sh
# Builds the libFuzzer target with clang (the main build may use gcc) and
# runs it for a bounded time on a copy of the seed corpus:
#
#   run-fuzz.sh CLANG SECONDS CORPUS FUZZ_SOURCE GENERATED_INCLUDE_DIRS -- C_SOURCES...
#
# (GENERATED_INCLUDE_DIRS: the build directories of generated headers,
# separated by ':')
#
# Any crash, leak, undefined behaviour or timeout fails the test, and the
# input that caused it is printed (hex) so that it can be reproduced:
#   ./fuzz_parser crash-file
set -u
clang=$1 seconds=${ASYNCC_FUZZ_SECONDS:-$2} corpus=$3 target=$4 geninc=$5
shift 5
[ "$1" = "--" ] && shift
if [ -z "$clang" ] || ! command -v "$clang" >/dev/null 2>&1; then
	echo "FAIL: clang not found: the fuzz test needs clang with libFuzzer"
	echo "(install clang and libclang-rt-dev, or run the other suites only)"
	exit 1
fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
incs=""
for d in $(echo "$geninc" | tr ':' ' '); do
	incs="$incs -I$d"
done
for s in "$@"; do
	d=$(dirname "$s")
	case " $incs " in *" -I$d "*) ;; *) incs="$incs -I$d" ;; esac
done
echo "building the fuzz target with $clang"
# shellcheck disable=SC2086
if ! "$clang" -g -O1 -std=gnu11 -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=all -DAC_VERSION='"fuzz"' \
	$incs -o "$tmp/fuzz_parser" "$target" "$@" >"$tmp/build.log" 2>&1; then
	cat "$tmp/build.log"
	echo "FAIL: cannot build the fuzz target"
	exit 1
fi
mkdir "$tmp/corpus" "$tmp/artifacts"
cp "$corpus"/* "$tmp/corpus/"
echo "fuzzing for $seconds seconds"
ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
"$tmp/fuzz_parser" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 \
	-max_len=4096 -print_final_stats=1 \
	-artifact_prefix="$tmp/artifacts/" "$tmp/corpus" >"$tmp/fuzz.log" 2>&1
status=$?
# the sanitizer's report, or the end of the log
if grep -qE '^==[0-9]+==ERROR|runtime error:|ERROR: libFuzzer' "$tmp/fuzz.log"; then
	grep -m1 -A40 -E '^==[0-9]+==ERROR|runtime error:|ERROR: libFuzzer' "$tmp/fuzz.log"
else
	tail -15 "$tmp/fuzz.log"
fi
found=$(ls "$tmp/artifacts" 2>/dev/null)
if [ $status != 0 ] || [ -n "$found" ]; then
	echo "FAIL: the fuzzer found a problem (exit status $status)"
	# keep the reproducers where the test ran (meson: the build directory)
	rm -rf fuzz-artifacts
	mkdir -p fuzz-artifacts && cp "$tmp"/artifacts/* fuzz-artifacts/ 2>/dev/null &&
		echo "reproducers copied to $(pwd)/fuzz-artifacts"
	for f in "$tmp"/artifacts/*; do
		[ -f "$f" ] || continue
		echo "--- $(basename "$f") ($(wc -c <"$f") bytes):"
		od -An -c "$f" | head -40
	done
	exit 1
fi
echo "ok: no crash, leak or timeout in $seconds seconds"
