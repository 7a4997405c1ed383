#!/bin/sh
# Runs a sample program and compares its output; with MIN and MAX, also
# checks that it took between MIN and MAX seconds of wall time (the seed's
# gather: about 3 s, not the 6 s of running the fetches one after another).
# Usage: sample.sh PROGRAM EXPECTED [MIN MAX]
set -eu
prog=$1 expected=$2
out=$(mktemp)
trap 'rm -f "$out"' EXIT
start=$(date +%s.%N)
"$prog" >"$out"
end=$(date +%s.%N)
if ! cmp -s "$out" "$expected"; then
	diff -u "$expected" "$out" || true
	exit 1
fi
if [ $# -ge 4 ]; then
	awk -v s="$start" -v e="$end" -v lo="$3" -v hi="$4" 'BEGIN {
		d = e - s; printf "took %.2f s (expected %s..%s)\n", d, lo, hi;
		exit !(d >= lo && d <= hi) }'
fi
