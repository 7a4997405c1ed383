/* headers.c - a translation unit that includes many real system headers
 * (glibc, Linux UAPI, GCC's own, libuv, Check).  tests/realc/realc.py runs
 * `asyncc --check` on it and on its `cc -E` form and checks that `asyncc`
 * gives both back byte for byte.  Nothing here is async. */
#define _GNU_SOURCE 1
#include <assert.h>
#include <complex.h>
#include <ctype.h>
#include <errno.h>
#include <fenv.h>
#include <float.h>
#include <inttypes.h>
#include <iso646.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <setjmp.h>
#include <signal.h>
#include <stdalign.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdnoreturn.h>
#include <string.h>
#include <tgmath.h>
#include <threads.h>
#include <time.h>
#include <uchar.h>
#include <wchar.h>
#include <wctype.h>

#include <aio.h>
#include <arpa/inet.h>
#include <dirent.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <getopt.h>
#include <glob.h>
#include <grp.h>
#include <iconv.h>
#include <langinfo.h>
#include <libgen.h>
#include <link.h>
#include <malloc.h>
#include <mqueue.h>
#include <net/if.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/tcp.h>
#include <netinet/udp.h>
#include <poll.h>
#include <pthread.h>
#include <pwd.h>
#include <regex.h>
#include <sched.h>
#include <search.h>
#include <semaphore.h>
#include <spawn.h>
#include <syslog.h>
#include <termios.h>
#include <ucontext.h>
#include <unistd.h>
#include <wordexp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/sendfile.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <sys/times.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <linux/types.h>
#include <linux/futex.h>
#include <linux/if_ether.h>
#include <linux/sched.h>
#include <linux/limits.h>

#include <cpuid.h>
#include <x86intrin.h>

#include <uv.h>
#include <check.h>

/* A little code that uses what the headers declare, in the styles real
 * programs use them. */
static _Atomic int counter = ATOMIC_VAR_INIT(0);
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static thread_local int tls_value;

struct peer {
	struct sockaddr_storage addr;
	socklen_t len;
	char name[INET6_ADDRSTRLEN];
	alignas(16) unsigned char buf[64];
};

static double complex rotate(double complex z, double angle)
{
	return z * cexp(I * angle);
}

static noreturn void die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	exit(EXIT_FAILURE);
}

static int describe(const struct peer *p, char *out, size_t n)
{
	const void *a = p->addr.ss_family == AF_INET
		? (const void *)&((const struct sockaddr_in *)&p->addr)->sin_addr
		: (const void *)&((const struct sockaddr_in6 *)&p->addr)->sin6_addr;
	if (!inet_ntop(p->addr.ss_family, a, out, (socklen_t)n))
		return -errno;
	return snprintf(out + strlen(out), n - strlen(out), ":%" PRIu16,
			ntohs(((const struct sockaddr_in *)&p->addr)->sin_port));
}

static void on_timer(uv_timer_t *t)
{
	atomic_fetch_add_explicit(&counter, 1, memory_order_relaxed);
	uv_close((uv_handle_t *)t, NULL);
}

START_TEST(test_rotate)
{
	double complex z = rotate(1.0, M_PI / 2);
	ck_assert(fabs(creal(z)) < 1e-9);
	ck_assert_double_eq_tol(cimag(z), 1.0, 1e-9);
	ck_assert_int_eq(sqrt(4.0), 2);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("headers");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_rotate);
	suite_add_tcase(s, tc);
	return s;
}

int main(int argc, char **argv)
{
	struct peer p = { .len = sizeof p.addr };
	uv_loop_t loop;
	uv_timer_t timer;
	struct sigaction sa = { .sa_handler = SIG_IGN };
	sigemptyset(&sa.sa_mask);
	sigaction(SIGPIPE, &sa, NULL);
	if (argc > 1 && !strcmp(argv[1], "--die"))
		die("%s: asked to\n", argv[0]);
	((struct sockaddr_in *)&p.addr)->sin_family = AF_INET;
	((struct sockaddr_in *)&p.addr)->sin_port = htons(8080);
	((struct sockaddr_in *)&p.addr)->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	describe(&p, p.name, sizeof p.name);
	pthread_mutex_lock(&lock);
	tls_value = __builtin_popcount((unsigned)argc) + (int)_bswap(1) % 3;
	pthread_mutex_unlock(&lock);
	uv_loop_init(&loop);
	uv_timer_init(&loop, &timer);
	uv_timer_start(&timer, on_timer, 1, 0);
	uv_run(&loop, UV_RUN_DEFAULT);
	uv_loop_close(&loop);
	SRunner *sr = srunner_create(suite());
	srunner_set_fork_status(sr, CK_NOFORK);
	srunner_run_all(sr, CK_SILENT);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	printf("%s %d %d %d\n", p.name, atomic_load(&counter), tls_value, failed);
	return failed != 0 || atomic_load(&counter) != 1;
}
