#!/bin/sh
# Run-time debugging (ASYNCC_DEBUG), on tests/e2e/debug.ca built with asyncc
# and gcc and run as a real process; the .ca lines expected in the reports
# are those of its @ markers.
#   slow       a 300 ms step is reported with the line of the await it
#              resumed from (not the one it stopped at); a 20 ms one is not (threshold 100 ms), nor a
#              300 ms one under slow=1000, while slow=50 reports a 150 ms one
#              (and slow=50,bogus too, naming the unknown option)
#   quit       SIGQUIT (kill -QUIT) prints each task's async backtrace, the
#              read of stdin included, with times since the program's start,
#              and the program goes on and ends normally
#   unstarted  tasks never awaited are listed at exit, by ac_runtime_shutdown
#              or by exit() from a task; nothing is printed without
#              ASYNCC_DEBUG
# Each check runs on the program built at -O0 and again at -O2 (the
# generated C compiles without a warning at both, under -Werror).
# Usage: debug.sh ASYNCC LIBASYNCC RUNTIME_DIR debug.ca WHAT [CFLAGS]
set -eu
abs() { case $1 in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
asyncc=$(abs "$1") lib=$(abs "$2") rt=$(abs "$3") src=$4 what=$5
extra=${6:-}
work=$(mktemp -d)
pid=
trap '[ -z "$pid" ] || kill -9 "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
opt=
fail() { echo "FAIL (debug $what $opt): $*"; for f in out err; do [ ! -s "$work/$f" ] || { echo "--- $f"; cat "$work/$f"; }; done; exit 1; }
cp "$src" "$work/debug.ca"
cd "$work"
"$asyncc" -Werror debug.ca -o debug.c
for o in -O0 -O2; do
	# shellcheck disable=SC2086
	gcc -std=gnu11 -Wall -Wextra -Werror -g $o $extra -I"$rt" debug.c "$lib" \
		-luv -lpthread -lm -o "debug$o"
done
line() { n=$(grep -n "@$1\b" debug.ca | cut -d: -f1); [ -n "$n" ] || fail "no @$1"; echo "$n"; }
# has FILE TEXT: TEXT (lines) occurs in FILE as a block of whole lines
has() {
	printf '\n%s\n' "$2" | tr '\n' '\001' >want
	{ printf '\n'; cat "$1"; } | tr '\n' '\001' | grep -qF -f want
}
run() { timeout 60 "./debug$opt" "$@" >out 2>err; }

check() {
	case $what in
	slow)
		report="asyncc: slow step: slow blocked the loop for [0-9]+ ms, resumed from the await at debug.ca:$(line slow)"
		ASYNCC_DEBUG=1 run slow 300 || fail "exit status $?"
		grep -Eqx "$report" err || fail "no report of the 300 ms step"
		ms=$(sed -n 's/.*blocked the loop for \([0-9]*\) ms.*/\1/p' err)
		[ "$ms" -ge 300 ] && [ "$ms" -lt 5000 ] || fail "300 ms step reported as $ms ms"
		ASYNCC_DEBUG=1 run slow 20 || fail "exit status $?"
		[ ! -s err ] || fail "a 20 ms step was reported (threshold 100 ms)"
		ASYNCC_DEBUG=slow=1000 run slow 300 || fail "exit status $?"
		[ ! -s err ] || fail "a 300 ms step was reported under slow=1000"
		ASYNCC_DEBUG=slow=50 run slow 150 || fail "exit status $?"
		grep -Eqx "$report" err || fail "no report of a 150 ms step under slow=50"
		[ "$(wc -l <err)" -eq 1 ] || fail "more than the one slow step reported"
		ASYNCC_DEBUG=slow=50,bogus run slow 150 || fail "exit status $?"
		grep -qx "asyncc: ASYNCC_DEBUG: unknown option 'bogus' (known: 1, slow=MS)" err ||
			fail "an unknown option is not named"
		grep -Eqx "$report" err || fail "no report under slow=50,bogus"
		run slow 300 || fail "exit status $?"
		[ ! -s err ] || fail "a report without ASYNCC_DEBUG"
		;;
	quit)
		# (not under timeout(1), which would pass SIGQUIT on twice)
		# out and err of the run before must not be read as this one's:
		# the shell opens them only once the fifo has a writer
		rm -f in out err; mkfifo in
		ASYNCC_DEBUG=1 "./debug$opt" quit <in >out 2>err &
		pid=$!
		exec 3>in
		i=0
		until [ -f out ] && grep -qx ready out; do
			i=$((i + 1)); [ $i -lt 300 ] || fail "not ready"; sleep 0.1
		done
		sleep 0.2
		kill -QUIT "$pid"
		i=0
		until [ -f err ] && grep -q "^  main (" err; do
			i=$((i + 1)); [ $i -lt 300 ] || fail "no dump after SIGQUIT"; sleep 0.1
		done
		kill -0 "$pid" || fail "SIGQUIT ended the program"
		echo hello >&3
		exec 3>&-
		st=0; wait "$pid" || st=$?
		pid=
		[ $st -eq 0 ] || fail "exit status $st after the dump"
		grep -qx "read 6 bytes; sleeper operation cancelled, receiver operation cancelled" out ||
			fail "the program did not go on after the dump"
		[ "$(grep -c '^asyncc tasks at' err)" -eq 1 ] || fail "not one dump for one SIGQUIT"
		grep -Eqx "  ac_stream_read_until \(<runtime>:0\) reading until from stream 0x[0-9a-f]+ \(0 buffered\)" err ||
			fail "the read of stdin is not in the dump"
		has err "  line_reader (debug.ca:$(line line_reader)) awaiting ac_stream_read_until
  reader (debug.ca:$(line reader)) awaiting line_reader
  quit (debug.ca:$(line quit)) awaiting reader
  main (debug.ca:$(line main_quit)) awaiting quit" || fail "no backtrace of the read"
		grep -Eqx "  sleeper \(debug.ca:$(line sleeper)\) awaiting ac_sleep, due at [0-9]+ ms" err ||
			fail "no sleeper"
		grep -Eqx "  receiver \(debug.ca:$(line receiver)\) awaiting ac_chan_recv: receiving on channel 0x[0-9a-f]+ \(0 of 0 buffered\)" err ||
			fail "no receiver"
		# times since the program started, not the monotonic clock's
		at=$(sed -n 's/^asyncc tasks at \([0-9]*\) ms:$/\1/p' err)
		[ -n "$at" ] && [ "$at" -ge 200 ] && [ "$at" -lt 30000 ] || fail "dump at '$at' ms"
		due=$(sed -n 's/^  sleeper .* due at \([0-9]*\) ms$/\1/p' err)
		[ -n "$due" ] && [ "$due" -ge 60000 ] && [ "$due" -lt 90000 ] || fail "sleep due at '$due' ms"
		;;
	unstarted)
		forget="  never (debug.ca:$(line never)), created by forget (debug.ca:$(line forget)), 2 times"
		head="asyncc: tasks created but never started (never awaited, spawned or detached):"
		ASYNCC_DEBUG=1 run unstarted || fail "exit status $?"
		has err "$head
$forget
  never (debug.ca:$(line never)), created by main (debug.ca:$(line main))" ||
			fail "not the tasks never started"
		[ "$(wc -l <err)" -eq 3 ] || fail "more reported than the tasks never started"
		# exit() from main: its task, still unstarted then, is listed too
		st=0; ASYNCC_DEBUG=1 run unstarted-exit || st=$?
		[ $st -eq 3 ] || fail "exit status $st, not 3"
		has err "$head
$forget
  never (debug.ca:$(line never)), created by main (debug.ca:$(line main))" ||
			fail "not listed at exit()"
		[ "$(wc -l <err)" -eq 3 ] || fail "more reported at exit() than the tasks never started"
		run unstarted || fail "exit status $?"
		[ ! -s err ] || fail "a report without ASYNCC_DEBUG"
		;;
	*)
		fail "unknown test"
		;;
	esac
}
for opt in -O0 -O2; do
	check
done
echo "debug $what: ok"
