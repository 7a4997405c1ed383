/*
 * blocking.c - the one table of calls that block the whole event loop when
 * made inside an async function (asyncio's "async only helps I/O" pitfall,
 * caught at translation time).
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
	{ "system", "await ac_process_run(argv)" },
	{ "popen", "await ac_process_run(argv)" },
	{ "wait", "await ac_process_wait(p)" },
	{ "waitpid", "await ac_process_wait(p)" },
	{ "read", "await ac_stream_read(s, buf, n) or await ac_fs_read(f, buf, n, off)" },
	{ "pread", "await ac_fs_read(f, buf, n, off)" },
	{ "recv", "await ac_stream_read(s, buf, n)" },
	{ "recvfrom", "await ac_udp_recv(u, buf, n, &from)" },
	{ "recvmsg", "await ac_udp_recv(u, buf, n, &from)" },
	{ "accept", "await ac_tcp_accept(server)" },
	{ "accept4", "await ac_tcp_accept(server)" },
	{ "connect", "await ac_tcp_connect(addr, port)" },
	{ "fgets", "await ac_stream_read(s, buf, n)" },
	{ "fread", "await ac_fs_read(f, buf, n, off)" },
	{ "getline", "await ac_stream_read(s, buf, n)" },
	{ "getchar", "await ac_stream_read(s, buf, n)" },
	{ "scanf", "await ac_stream_read(s, buf, n) and sscanf" },
	{ "fscanf", "await ac_stream_read(s, buf, n) and sscanf" },
	{ "getaddrinfo", "await ac_getaddrinfo(host, service)" },
	{ "gethostbyname", "await ac_getaddrinfo(host, service)" },
	{ "pthread_join", "await ac_work(fn, arg) on the thread pool" },
	{ "thrd_join", "await ac_work(fn, arg) on the thread pool" },
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
