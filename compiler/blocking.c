/*
 * blocking.c - the one table of calls that block the whole event loop when
 * made inside an async function (asyncio's "async only helps I/O" pitfall,
 * caught at translation time).  Every suggestion names a function of
 * <asyncc.h> with its real parameters; tests/io/blocking.sh
 * checks that each one is declared there.
 */
#include "blocking.h"

#include <stddef.h>
#include <string.h>

static const struct {
	const char *name;
	const char *instead;
} blocking[] = {
	{ "sleep", "await ac_sleep(ms)" },
	{ "usleep", "await ac_sleep(ms)" },
	{ "nanosleep", "await ac_sleep(ms)" },
	{ "clock_nanosleep", "await ac_sleep(ms)" },
	{ "thrd_sleep", "await ac_sleep(ms)" },
	{ "system", "ac_process_spawn(&p, &opts) and await ac_process_wait(p)" },
	{ "popen", "ac_process_spawn(&p, &opts) with AC_PROCESS_PIPE_STDOUT and await ac_stream_read(ac_process_stdio(p, 1), buf, n)" },
	{ "wait", "await ac_process_wait(p)" },
	{ "waitpid", "await ac_process_wait(p)" },
	{ "read", "await ac_stream_read(s, buf, n) or await ac_fs_read(fd, buf, n, offset)" },
	{ "pread", "await ac_fs_read(fd, buf, n, offset)" },
	{ "recv", "await ac_stream_read(s, buf, n)" },
	{ "recvfrom", "await ac_udp_recv(u, buf, n, &from)" },
	{ "recvmsg", "await ac_udp_recv(u, buf, n, &from)" },
	{ "sendto", "await ac_udp_send(u, buf, n, to)" },
	{ "accept", "await ac_tcp_accept(server, &stream)" },
	{ "accept4", "await ac_tcp_accept(server, &stream)" },
	{ "connect", "await ac_tcp_connect(&stream, host, port)" },
	{ "fgets", "await ac_stream_read_until(s, buf, n, \"\\n\")" },
	{ "fread", "await ac_fs_read(fd, buf, n, offset)" },
	{ "getline", "await ac_stream_read_until(s, buf, n, \"\\n\")" },
	{ "getchar", "await ac_stream_read(s, buf, 1)" },
	{ "scanf", "await ac_stream_read_until(s, buf, n, \"\\n\") and sscanf" },
	{ "fscanf", "await ac_stream_read_until(s, buf, n, \"\\n\") and sscanf" },
	{ "getaddrinfo", "await ac_getaddrinfo(host, service, hints, &res)" },
	{ "gethostbyname", "await ac_getaddrinfo(host, service, hints, &res)" },
	{ "sigwait", "await ac_signal_wait(signum)" },
	{ "pthread_join", "await ac_run_in_thread(fn, arg) on libuv's thread pool" },
	{ "thrd_join", "await ac_run_in_thread(fn, arg) on libuv's thread pool" },
	{ "select", "awaiting the operations themselves" },
	{ "poll", "awaiting the operations themselves" },
	{ "epoll_wait", "awaiting the operations themselves" },
};

const char *ac_blocking_alternative(const char *name)
{
	for (size_t i = 0; i < sizeof blocking / sizeof *blocking; i++)
		if (!strcmp(blocking[i].name, name))
			return blocking[i].instead;
	return NULL;
}
