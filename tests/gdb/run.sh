#!/bin/sh
# The gdb extension, as installed (stage.sh), on the gather sample built
# with `pkg-config --cflags --libs asyncc` and -g:
#   tasks   stopped in the loop once the three fetches sleep: `ac tasks`
#           lists them at the await's line with their sleeps and main at its
#           gather; `ac bt 1` is sleep < fetch_data < gather < main;
#           `ac locals N` gives each fetch its own `delay`, the one its
#           sleep was started with; `print` of main's frame header
#           describes the task
#   running ac locals without TASK, stopped in an async function's body
#           (tests/gdb/running.ca): that task's locals
#   saved   ac locals of a task suspended at each of its awaits
#           (tests/gdb/saved.ca): the locals saved there, a union's too,
#           and no others
#   break   ac break FUNCTION stops once where each task of it starts
#           (tests/gdb/saved.ca, whose awaits call no FUNCTION)
#   parked  tests/e2e/waits.ca stopped in its ac_task_dump: `ac tasks`
#           shows the tasks waiting on channels (a receive, a send) through
#           slots of their own frames, at the awaits' lines, as
#           ac_task_dump does
#   attach  the documented recipe, `gdb -p PID -batch` on the running
#           program, lists its sleeping fetches (due about 3000 ms after
#           the start, for the 3 s one) and main, and the program then
#           finishes right
# Usage: run.sh WHAT SOURCE_ROOT BUILD_ROOT PREFIX LIBDIR CC
set -eu
what=$1 source_root=$2 build=$3 prefix=$4 libdir=$5 cc=$6
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dest=$work/dest
. "$source_root/tests/install/stage.sh"
stage_install
fail() { echo "FAIL (gdb-$what): $*"; exit 1; }
command -v gdb >/dev/null || fail "gdb is missing (scripts/install-deps installs it)"

sample=$source_root/samples/gather.ca
await_line() { grep -n "$1" "$sample" | head -1 | cut -d: -f1; }
sleep_line=$(await_line 'await ac_sleep')
gather_line=$(await_line 'await ac_gather')
[ -n "$sleep_line" ] && [ -n "$gather_line" ] || fail "no awaits in $sample"
script=$(pkg-config --variable=gdbscript asyncc)
[ -f "$script" ] || fail "pkg-config names no installed gdb script ($script)"

cd "$work"
asyncc "$sample" -o gather.c
# shellcheck disable=SC2046
"$cc" ${CFLAGS:-} -g -O0 gather.c -o gather $(pkg-config --cflags --libs asyncc) ${LDFLAGS:-}
gdb_batch() {
	timeout 120 gdb -q -batch -nx -iex 'set debuginfod enabled off' \
		-iex 'set breakpoint pending on' -ex "source $script" "$@" \
		>gdb.out 2>gdb.err || { cat gdb.out gdb.err; fail "gdb failed"; }
}
# the lines of `ac tasks` naming the fetches at the await
fetch_lines() {
	grep -E "^ +[0-9]+  fetch_data \(.*gather\.ca:$sleep_line\) awaiting ac_sleep: due at [0-9]+ ms" gdb.out || true
}

case $what in
tasks)
	ASYNCC_VIRTUAL_CLOCK=1 gdb_batch -ex 'break ac__timers_expire' -ex run \
		-ex 'echo @tasks\n' -ex 'ac tasks' \
		-ex 'echo @bt\n' -ex 'ac bt 1' \
		-ex 'echo @locals 1\n' -ex 'ac locals 1' -ex 'echo @locals 2\n' -ex 'ac locals 2' \
		-ex 'echo @locals 3\n' -ex 'ac locals 3' -ex 'echo @locals 4\n' -ex 'ac locals 4' \
		-ex 'echo @print\n' -ex 'frame function main' -ex 'print M.hdr' \
		-ex kill ./gather
	cat gdb.out
	grep -q '^4 live tasks$' gdb.out || fail "not 4 live tasks"
	[ "$(fetch_lines | wc -l)" -eq 3 ] || fail "not three fetch_data tasks at gather.ca:$sleep_line"
	for ms in 1000 2000 3000; do
		fetch_lines | grep -q "due at $ms ms" || fail "no fetch sleeping until $ms ms"
	done
	grep -Eq "^ +[0-9]+  main \(.*gather\.ca:$gather_line\) awaiting ac_gather: gathering 3 tasks, 3 pending" gdb.out ||
		fail "main is not at gather.ca:$gather_line awaiting the gather of 3"
	sed -n '/^@bt$/,/^@locals 1$/p' gdb.out | sed 's/  \[0x[0-9a-f]*\]$//' >bt.out
	grep -q "^#0  fetch_data (.*gather\.ca:$sleep_line) awaiting ac_sleep: due at 1000 ms" bt.out &&
		grep -q '^#1  ac_gather gathering 3 tasks, 3 pending' bt.out &&
		grep -q "^#2  main (.*gather\.ca:$gather_line) awaiting ac_gather" bt.out ||
		fail "ac bt 1 is not fetch_data (sleeping) < gather < main"
	# each task's local delay is the one its sleep was started with
	n=0
	for i in 1 2 3 4; do
		ms=$(grep -E "^ +$i  fetch_data " gdb.out | sed -n 's/.*due at \([0-9]*\) ms.*/\1/p')
		[ -n "$ms" ] || continue
		delay=$(sed -n "/^@locals $i\$/,/^@/p" gdb.out | sed -n 's/^  delay = \([0-9]*\)$/\1/p')
		[ "$delay" = "$((ms / 1000))" ] || fail "task $i sleeps $ms ms but its delay is '$delay'"
		n=$((n + 1))
	done
	[ "$n" -eq 3 ] || fail "the locals of $n fetches checked, not 3"
	# print of a frame header says what the task does, then its fields
	sed -n '/^@print$/,$p' gdb.out | grep -Eq "^\\\$1 = main \(.*gather\.ca:$gather_line\) awaiting ac_gather: gathering 3 tasks, 3 pending = \{step = " ||
		fail "print M.hdr does not describe main's task"
	;;
attach)
	# line-buffered output, to see when the fetches have started (stdbuf
	# preloads a library, which ASan must be told to accept)
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0 \
		stdbuf -oL ./gather >prog.out 2>&1 &
	pid=$!
	i=0
	until [ "$(grep -c '^Start fetching' prog.out)" -eq 3 ]; do
		i=$((i + 1))
		[ $i -lt 100 ] || { kill "$pid" || true; cat prog.out; fail "the program did not start its fetches"; }
		sleep 0.05
	done
	gdb_batch -p "$pid" -ex 'ac tasks' -ex detach
	cat gdb.out
	wait "$pid" || fail "the program failed after gdb detached"
	cmp prog.out "$source_root/tests/e2e/gather.expected" || fail "its output changed"
	# attached within 3 s: the fetches still sleeping (at least the 3 s
	# one) are listed, at the await, and no other task of fetch_data
	n=$(fetch_lines | wc -l)
	[ "$n" -ge 1 ] && [ "$n" -eq "$(grep -c ' fetch_data ' gdb.out)" ] ||
		fail "the sleeping fetches are not listed at gather.ca:$sleep_line"
	# due times are counted from the runtime's start, as ac_task_dump's:
	# the 3 s fetch is due about 3000 ms after it, the others 1 s apart
	fetch_lines | sed -n 's/.*due at \([0-9]*\) ms.*/\1/p' | sort -n >due.out
	first=$(head -1 due.out) last=$(tail -1 due.out)
	[ -n "$last" ] && [ "$last" -ge 3000 ] && [ "$last" -lt 10000 ] ||
		fail "the 3 s fetch is due at '$last' ms, not about 3000 ms after the start"
	case $(( (last - first + 50) / 1000 )):$n in
	0:1 | 1:2 | 2:2 | 2:3) ;;
	*) fail "the sleeping fetches are not due 1 s apart: $(tr '\n' ' ' <due.out)" ;;
	esac
	grep -Eq "^ +[0-9]+  main \(.*gather\.ca:$gather_line\) awaiting ac_gather" gdb.out ||
		fail "main is not listed at gather.ca:$gather_line"
	;;
lines)
	# a breakpoint on the line after the await stops once per fetch,
	# with its delay restored; next from the first line of fetch_data
	# stays on .ca lines; break fetch_data stops in its text
	after=$((sleep_line + 1))
	printf 'break gather.ca:%s\ncommands\nsilent\nprintf "@hit delay=%%d\\n", delay\ncontinue\nend\nrun\n' \
		"$after" >hits.gdb
	ASYNCC_VIRTUAL_CLOCK=1 gdb_batch -x hits.gdb ./gather
	cat gdb.out
	[ "$(grep -c '^@hit ' gdb.out)" -eq 3 ] || fail "break gather.ca:$after did not stop 3 times"
	[ "$(grep '^@hit ' gdb.out | tr '\n' ' ')" = "@hit delay=1 @hit delay=2 @hit delay=3 " ] ||
		fail "the stops did not see delay 1, 2, 3"
	first=$((sleep_line - 1))
	ASYNCC_VIRTUAL_CLOCK=1 gdb_batch -ex "break gather.ca:$first" -ex run \
		-ex 'echo @step\n' -ex 'info line *$pc' -ex next -ex 'info line *$pc' \
		-ex 'echo @fn\n' -ex 'info line fetch_data' -ex kill ./gather
	cat gdb.out
	sed -n '/^@step$/,/^@fn$/p' gdb.out | grep '^Line ' >steps
	[ "$(wc -l <steps)" -eq 2 ] || fail "no two lines while stepping"
	grep -q "^Line $first of \".*gather\.ca\"" steps && grep -q "^Line $sleep_line of \".*gather\.ca\"" steps ||
		fail "next from gather.ca:$first did not go to gather.ca:$sleep_line"
	fn=$(sed -n '/^@fn$/,$p' gdb.out | sed -n 's/^Line \([0-9]*\) of "\(.*\)".*/\2:\1/p' | head -1)
	case $fn in
	*gather.ca:*) l=${fn##*:}; [ "$l" -ge 5 ] && [ "$l" -le "$sleep_line" ] || fail "fetch_data is at $fn" ;;
	*) fail "fetch_data is at '$fn', not in gather.ca" ;;
	esac
	;;
parked)
	waits=$source_root/tests/e2e/waits.ca
	recv_line=$(grep -n 'return await ac_chan_recv(c, out)' "$waits" | cut -d: -f1)
	asyncc "$waits" -o waits.c
	# shellcheck disable=SC2046
	"$cc" ${CFLAGS:-} -g -O0 waits.c -o waits $(pkg-config --cflags --libs asyncc) ${LDFLAGS:-}
	gdb_batch -ex 'break ac_task_dump' -ex run -ex 'ac tasks' -ex kill ./waits
	cat gdb.out
	grep -Eq "^ +[0-9]+  recv_one \(.*waits\.ca:$recv_line\) awaiting ac_chan_recv: receiving on channel 0x[0-9a-f]+ \(0 of 1 buffered\)" gdb.out ||
		fail "the receive waiting in recv_one's frame is not listed at waits.ca:$recv_line"
	send_line=$(grep -n 'return await ac_chan_send(c, &v)' "$waits" | cut -d: -f1)
	grep -Eq "^ +[0-9]+  send_one \(.*waits\.ca:$send_line\) awaiting ac_chan_send: sending on channel 0x[0-9a-f]+ \(1 of 1 buffered\)" gdb.out ||
		fail "the send waiting in send_one's frame is not listed at waits.ca:$send_line"
	grep -q '^4 live tasks$' gdb.out || fail "not 4 live tasks"
	;;
running)
	# ac locals without TASK, stopped in work's body (a block nested in
	# its step function): work's locals, before and after the await
	src=$source_root/tests/gdb/running.ca
	first=$(grep -n 'int a = n + 1;' "$src" | cut -d: -f1)
	after=$(grep -n 'printf("%d\\n", b);' "$src" | cut -d: -f1)
	asyncc "$src" -o running.c
	# shellcheck disable=SC2046
	"$cc" ${CFLAGS:-} -g -O0 running.c -o running $(pkg-config --cflags --libs asyncc) ${LDFLAGS:-}
	gdb_batch -ex "break running.ca:$first" -ex "break running.ca:$after" -ex run \
		-ex 'echo @first\n' -ex 'ac locals' -ex continue \
		-ex 'echo @after\n' -ex 'ac locals' -ex kill ./running
	cat gdb.out
	sed -n '/^@first$/,/^@after$/p' gdb.out >first.out
	sed -n '/^@after$/,$p' gdb.out >after.out
	grep -q '^work (.*running\.ca:[0-9]*):$' first.out && grep -q '^  n = 5$' first.out ||
		fail "ac locals at running.ca:$first does not show work's n = 5"
	grep -q '^work (.*running\.ca:[0-9]*):$' after.out && grep -q '^  a = 6$' after.out &&
		grep -q '^  b = 12$' after.out ||
		fail "ac locals at running.ca:$after does not show work's a = 6 and b = 12"
	;;
saved)
	# ac locals of a task suspended at each await: what is saved there
	src=$source_root/tests/gdb/saved.ca
	stop=$(grep -n 'stop: the caller waits' "$src" | cut -d: -f1)
	asyncc "$src" -o saved.c
	# shellcheck disable=SC2046
	"$cc" ${CFLAGS:-} -g -O0 saved.c -o saved $(pkg-config --cflags --libs asyncc) ${LDFLAGS:-}
	gdb_batch -ex "break saved.ca:$stop if x == 1" -ex "break saved.ca:$stop if x == 2" \
		-ex "break saved.ca:$stop if x == 100" -ex run \
		-ex 'echo @1\n' -ex 'ac locals F->hdr.waiter' -ex continue \
		-ex 'echo @2\n' -ex 'ac locals F->hdr.waiter' -ex continue \
		-ex 'echo @3\n' -ex 'ac locals F->hdr.waiter' -ex 'echo @end\n' -ex kill ./saved
	cat gdb.out
	locals_at() { sed -n "/^@$1\$/,/^@/p" gdb.out | grep '^  ' | tr '\n' ' '; }
	# a and b share storage: only the one saved at the await
	[ "$(locals_at 1)" = "  n = 5   a = 6 " ] || fail "pair at its first await: '$(locals_at 1)'"
	[ "$(locals_at 2)" = "  n = 5   b = 12 " ] || fail "pair at its second await: '$(locals_at 2)'"
	# after the loop: not sum nor i (out of scope), nor the outer before
	[ "$(locals_at 3)" = "  arr = {5, 6, 7}   after = 42 " ] || fail "loop at its last await: '$(locals_at 3)'"
	;;
break)
	# ac break stops where each task starts, tasks whose frames an await
	# fills in (no call of val or pair) included, once per task
	src=$source_root/tests/gdb/saved.ca
	asyncc "$src" -o saved.c
	# shellcheck disable=SC2046
	"$cc" ${CFLAGS:-} -g -O0 saved.c -o saved $(pkg-config --cflags --libs asyncc) ${LDFLAGS:-}
	printf '%s\n' 'ac break val' 'commands' 'silent' 'printf "@val x=%d\n", x' 'continue' 'end' \
		'ac break pair' 'commands' 'silent' 'printf "@pair n=%d\n", n' 'continue' 'end' run >starts.gdb
	# it runs to its end, where LeakSanitizer (a sanitizer build) cannot
	# work under ptrace
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
	export ASAN_OPTIONS
	gdb_batch -x starts.gdb ./saved
	cat gdb.out
	[ "$(grep '^@' gdb.out | tr '\n' ' ')" = "@pair n=5 @val x=1 @val x=2 @val x=5 @val x=6 @val x=7 @val x=100 " ] ||
		fail "ac break did not stop once at the start of each task of pair and val"
	grep -q '^259$' gdb.out || fail "the program did not finish"
	;;
*) fail "unknown test" ;;
esac
echo "gdb $what: ok"
