/* cpp.c - `cc -E`, fed and read through memory files. */
#define _GNU_SOURCE
#include "cpp.h"
#include "source.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

void ac_cpp_init(struct ac_cpp *c)
{
	memset(c, 0, sizeof *c);
	const char *env = getenv("ASYNCC_CPP");
	c->program = env && env[strspn(env, " \t")] ? env : "cc";
}

void ac_cpp_free(struct ac_cpp *c)
{
	free(c->args);
	memset(c, 0, sizeof *c);
}

void ac_cpp_add_arg(struct ac_cpp *c, const char *arg)
{
	if (c->nargs == c->capargs) {
		c->capargs = c->capargs ? 2 * c->capargs : 16;
		c->args = realloc(c->args, c->capargs * sizeof *c->args);
		if (!c->args)
			abort();
	}
	c->args[c->nargs++] = arg;
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static int read_fd(int fd, char **out, size_t *outlen)
{
	struct stat st;
	if (fstat(fd, &st) < 0)
		return -errno;
	size_t n = (size_t)st.st_size;
	char *buf = malloc(n + 1);
	if (!buf)
		return -ENOMEM;
	size_t got = 0;
	while (got < n) {
		ssize_t r = pread(fd, buf + got, n - got, (off_t)got);
		if (r <= 0) {
			if (r < 0 && errno == EINTR)
				continue;
			free(buf);
			return r < 0 ? -errno : -EIO;
		}
		got += (size_t)r;
	}
	buf[n] = '\0';
	*out = buf;
	*outlen = n;
	return 0;
}

int ac_cpp_run(struct ac_cpp *c, const char *name, const char *text,
	       size_t len, struct ac_source *out, char **deps)
{
	int in = memfd_create("asyncc-in", 0);
	int res = memfd_create("asyncc-out", 0);
	int dep = memfd_create("asyncc-deps", 0);
	int rc = 0;
	char depname[64];
	if (in < 0 || res < 0 || dep < 0) {
		rc = -errno;
		goto out;
	}
	if (!strcmp(name, "-") && (rc = write_all(in, text, len)) < 0)
		goto out;
	lseek(in, 0, SEEK_SET);
	snprintf(depname, sizeof depname, "/proc/self/fd/%d", dep);

	/* the driver and options of its own, separated by blanks, as make's
	 * $(CC) is (ASYNCC_CPP="gcc -m32") */
	char *words = strdup(c->program), *save = NULL;
	size_t nwords = 1;
	for (const char *w = c->program; *w; w++)
		nwords += *w == ' ' || *w == '\t';
	const char **argv = words ? calloc(c->nargs + nwords + 16, sizeof *argv) : NULL;
	if (!argv) {
		free(words);
		rc = -ENOMEM;
		goto out;
	}
	size_t n = 0;
	for (char *w = strtok_r(words, " \t", &save); w; w = strtok_r(NULL, " \t", &save))
		argv[n++] = w;
	if (n == 0) {
		free(words);
		free(argv);
		rc = -ENOENT;
		goto out;
	}
	argv[n++] = "-E";
	argv[n++] = "-xc";
	argv[n++] = "-D__ASYNCC__=1";
	/* left for the compiler, whose input is the generated file, as it is
	 * for the code asyncc does not expand */
	argv[n++] = "-Wno-builtin-macro-redefined";
	argv[n++] = "-D__BASE_FILE__=__BASE_FILE__";
	argv[n++] = c->user_deps ? "-MMD" : "-MD";
	argv[n++] = "-MF";
	argv[n++] = depname;
	argv[n++] = "-MT";
	argv[n++] = "x";
	for (size_t i = 0; i < c->nargs; i++)
		argv[n++] = c->args[i];
	/* A file is preprocessed where it lies, so that #include "x.h"
	 * finds its neighbours; standard input goes through a memory file. */
	bool from_stdin = !strcmp(name, "-");
	char *dotted = NULL; /* `-x.ca` as `./-x.ca`: no option */
	if (!from_stdin && name[0] == '-' && asprintf(&dotted, "./%s", name) < 0)
		dotted = NULL;
	argv[n++] = from_stdin ? "-" : dotted ? dotted : name;
	argv[n] = NULL;

	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	if (from_stdin)
		posix_spawn_file_actions_adddup2(&fa, in, 0);
	posix_spawn_file_actions_adddup2(&fa, res, 1);
	pid_t pid;
	int err = posix_spawnp(&pid, argv[0], &fa, NULL, (char **)argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	free(argv);
	free(words);
	free(dotted);
	if (err) {
		rc = -err;
		goto out;
	}
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			rc = -errno;
			goto out;
		}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		c->status = status;
		rc = 1;
		goto out;
	}
	if (lseek(res, 0, SEEK_SET) < 0 ||
	    (rc = ac_source_read_fd(out, name, res)) < 0) {
		rc = rc < 0 ? rc : -errno;
		goto out;
	}
	if (deps && read_fd(dep, deps, &n) < 0)
		*deps = NULL;
out:
	if (in >= 0)
		close(in);
	if (res >= 0)
		close(res);
	if (dep >= 0)
		close(dep);
	return rc;
}
