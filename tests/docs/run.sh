#!/bin/sh
# Every ```ca block of a document: translated by asyncc, compiled with
# -Wall -Wextra -Werror and run (on the virtual clock).  Usage:
# run.sh ASYNCC LIBASYNCC RUNTIME_DIR DOC.md [CFLAGS]
set -eu
asyncc=$1 lib=$2 rt=$3 doc=$4 extra=${5:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
awk -v dir="$work" '
	/^```ca$/ { n++; f = dir "/example" n ".ca"; inside = 1; next }
	/^```/ { inside = 0; next }
	inside { print > f }
' "$doc"
count=0
for ca in "$work"/example*.ca; do
	[ -e "$ca" ] || { echo "no examples in $doc"; exit 1; }
	base=${ca%.ca}
	"$asyncc" -Werror "$ca" -o "$base.c"
	# shellcheck disable=SC2086
	cc -std=gnu11 -Wall -Wextra -Werror $extra -I"$rt" "$base.c" "$lib" -luv \
		-lpthread -lm -o "$base"
	ASYNCC_VIRTUAL_CLOCK=1 timeout 30 "$base" >/dev/null
	count=$((count + 1))
done
echo "$count examples of $doc: ok"
