/*
 * main.c - the asyncc command line.
 *
 *   asyncc [options] INPUT [-o OUTPUT]
 *
 * Behaves like the code generators build systems already run (flex, bison,
 * protoc): exit 0 on success, 1 on errors in the input, 2 on bad usage; the
 * output appears whole or not at all; the same input gives the same bytes.
 */
#define _GNU_SOURCE
#include "cpp.h"
#include "diag.h"
#include "emit.h"
#include "parse.h"
#include "source.h"
#include "strbuf.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#if __has_include(<malloc.h>)
#include <malloc.h> /* mallopt (glibc) */
#endif
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h> /* memfd_create */
#include <sys/stat.h>
#include <sys/wait.h> /* WIFSIGNALED */
#include <unistd.h>

#ifndef AC_VERSION
#define AC_VERSION "0.0.0"
#endif
#ifndef AC_INCLUDE_DIR
#define AC_INCLUDE_DIR "/usr/local/include"
#endif

enum { EXIT_INPUT = 1, EXIT_USAGE = 2 };

/* Standard input (INPUT `-`) in #line directives and diagnostics, as gcc
 * names it. */
#define STDIN_NAME "<stdin>"

struct options {
	const char *input, *output;
	const char *depfile;
	char **deptargets; /* -MT's as given, -MQ's quoted for make */
	size_t ndeptargets, nmt; /* (the first nmt are -MT's) */
	bool md, mmd, mp, check, no_line, stress, stats, werror, no_warn;
	bool on_deep_stack; /* running on the thread of run_deep */
	bool trigraphs; /* -std=c11 and the like, -ansi, -trigraphs: ??< is { */
	struct ac_standins standins; /* for the input's raw marker bytes */
	int cpp_mode; /* -1: never, 0: when the input has directives, 1: always */
	int color;    /* -1 auto, 0 never, 1 always */
	struct ac_cpp cpp;
	const char **typedefs;
	size_t ntypedefs;
	char **prefix_old, **prefix_new;
	char **prefix_cpp;      /* -fmacro-prefix-map=OLD=NEW, for our cc -E */
	size_t nprefix;
	char *path_buf;
};

static void usage(FILE *out)
{
	fputs(
"usage: asyncc [options] INPUT [-o OUTPUT]\n"
"Translate async C (.ca) into plain C state machines for libasyncc.\n"
"\n"
"  -o FILE                 write the output to FILE ('-': standard output,\n"
"                          the default)\n"
"  -I DIR, -D NAME[=VAL], -U NAME, -include FILE, -iquote DIR, -isystem DIR,\n"
"  -idirafter DIR, -std=STD, -O, -O0, -O1, -O2, -O3, -Os, -Og, -Oz, -Ofast,\n"
"  -mOPTION, -fOPTION, -pthread, -ansi, -trigraphs\n"
"                          passed to the preprocessor that asyncc runs to learn\n"
"                          the type names and conditionals of the input; give\n"
"                          asyncc the same ones as the C compiler\n"
"  --typedef NAME          treat NAME as a type name\n"
"  --cpp=PROGRAM           preprocessor driver (default: $ASYNCC_CPP or cc);\n"
"                          blanks separate options of its own ('gcc -m32')\n"
"  --no-cpp                never run the preprocessor\n"
"  --check, -fsyntax-only  report all a translation would; write nothing\n"
"  --no-line               no #line directives in the output\n"
"  --file-prefix-map=OLD=NEW  rewrite a leading OLD to NEW in the file names\n"
"                          of the output and of diagnostics (repeatable)\n"
"  -MD, -MMD               also write a dependency file (see -MF, -MT, -MP);\n"
"                          -MMD leaves out the system headers\n"
"  -MF FILE                the dependency file (default: OUTPUT with .d)\n"
"  -MT TARGET              a target it names, as written (repeatable; default:\n"
"                          OUTPUT)\n"
"  -MQ TARGET              the same, quoted for make ($ as $$, blanks and #\n"
"                          escaped)\n"
"  -MP                     add a phony target for every header (deleting one\n"
"                          then breaks no build)\n"
"  --stats                 print each async function's frame layout\n"
"  --stress-resume         make every function resumable (for testing)\n"
"  -Werror, -w             warnings are errors; no warnings\n"
"  -fdiagnostics-color=auto|always|never\n"
"  -fno-diagnostics-color  the same as =never (the preprocessor's messages\n"
"                          are coloured as asyncc's)\n"
"  --version, --help, -h    print and exit\n"
"  --                      the end of the options: what follows is a file\n"
"                          name (-x.ca)\n"
"\n"
"Environment:\n"
"  ASYNCC_CPP              the preprocessor driver when --cpp is not given\n"
"  ASYNCC_INCLUDE          the directory of <asyncc.h> (default: the\n"
"                          installed one)\n"
"  NO_COLOR                set and not empty: no colour with =auto\n"
"\n"
"Exit status: 0 success, 1 errors in the input, 2 bad usage.  See asyncc(1).\n",
	      out);
}

/* -O, -O0..-O3, -Os, -Og, -Oz, -Ofast: they decide __OPTIMIZE__ and
 * __OPTIMIZE_SIZE__, which headers test (glibc's <ctype.h>, <string.h>). */
static bool is_optimize_option(const char *a)
{
	return a[0] == '-' && a[1] == 'O' &&
	       (a[2] == '\0' || (strchr("0123sgz", a[2]) && a[3] == '\0') ||
		!strcmp(a + 2, "fast"));
}

/* Options of the C compiler that decide predefined macros the input may
 * test: -m... (__AVX2__, __x86_64__ against -m32), -f... (__PIC__,
 * __CHAR_UNSIGNED__, __FAST_MATH__, __SANITIZE_ADDRESS__), -pthread,
 * -ansi: passed to the preprocessor asyncc runs.  (asyncc's own -f
 * options are read before.) */
static bool is_target_option(const char *a)
{
	return (a[0] == '-' && (a[1] == 'm' || a[1] == 'f') && a[2]) ||
	       !strcmp(a, "-pthread") || !strcmp(a, "-ansi");
}

static int bad_usage(const char *fmt, const char *arg)
{
	fprintf(stderr, "asyncc: error: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry 'asyncc --help'.\n");
	return EXIT_USAGE;
}

/* An option's value: `-IDIR`, `-I DIR`, `--opt=V` or `--opt V`. */
static const char *value(int argc, char **argv, int *i, const char *opt)
{
	size_t n = strlen(opt);
	const char *a = argv[*i];
	if (a[n] == '=' && opt[1] == '-')
		return a + n + 1;
	if (a[n] && opt[1] != '-')
		return a + n;
	if (a[n])
		return NULL;
	if (*i + 1 >= argc)
		return NULL;
	return argv[++*i];
}

static bool is_opt(const char *a, const char *opt)
{
	size_t n = strlen(opt);
	if (strncmp(a, opt, n))
		return false;
	if (opt[1] == '-')
		return a[n] == '\0' || a[n] == '=';
	return true;
}

/* `s` as gcc writes a file name for make: `$` as `$$`, `#` as `\#`, a
 * blank as `\ ` with the backslashes before it doubled. */
static void add_escaped(struct ac_strbuf *b, const char *s)
{
	size_t slashes = 0;
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t') {
			for (; slashes; slashes--)
				ac_strbuf_add(b, "\\", 1);
			ac_strbuf_add(b, "\\", 1);
		} else if (*s == '#') {
			ac_strbuf_add(b, "\\", 1);
		} else if (*s == '$') {
			ac_strbuf_add(b, "$", 1);
		}
		slashes = *s == '\\' ? slashes + 1 : 0;
		ac_strbuf_add(b, s, 1);
	}
}

/* -MT TARGET (as written) or -MQ TARGET (quoted): one more target of the
 * dependency file's rule; as gcc lists them, the -MT ones first. */
static void add_deptarget(struct options *o, const char *target, bool quote)
{
	struct ac_strbuf b;
	ac_strbuf_init(&b);
	if (quote)
		add_escaped(&b, target);
	else
		ac_strbuf_puts(&b, target);
	o->deptargets = ac_xrealloc(o->deptargets, (o->ndeptargets + 1) * sizeof(char *));
	size_t at = quote ? o->ndeptargets : o->nmt++;
	memmove(o->deptargets + at + 1, o->deptargets + at,
		(o->ndeptargets++ - at) * sizeof(char *));
	o->deptargets[at] = b.data ? b.data : strdup("");
}

static int parse_args(struct options *o, int argc, char **argv)
{
	static const char *const passthrough[] = { "-I", "-D", "-U", "-iquote",
						   "-isystem", "-idirafter",
						   "-include" };
	bool options_end = false; /* after `--`: file names only */
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v;
		if (options_end || (a[0] != '-' || !a[1])) {
			if (o->input)
				return bad_usage("more than one input file ('%s')", a);
			o->input = a;
		} else if (!strcmp(a, "--")) {
			options_end = true;
		} else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage(stdout);
			exit(0);
		} else if (!strcmp(a, "--version")) {
			printf("asyncc %s\n", AC_VERSION);
			printf("libasyncc ABI %d\n", AC_ABI);
			exit(0);
		} else if (!strcmp(a, "-o")) {
			if (i + 1 >= argc)
				return bad_usage("missing file after '%s'", a);
			o->output = argv[++i];
		} else if (!strcmp(a, "--check") || !strcmp(a, "-fsyntax-only")) {
			o->check = true;
		} else if (!strcmp(a, "--no-line")) {
			o->no_line = true;
		} else if (!strcmp(a, "--stress-resume")) {
			o->stress = true;
		} else if (!strcmp(a, "--stats")) {
			o->stats = true;
		} else if (!strcmp(a, "--no-cpp")) {
			o->cpp_mode = -1;
		} else if (is_opt(a, "--cpp")) {
			if (!(v = value(argc, argv, &i, "--cpp")) || !v[strspn(v, " \t")])
				return bad_usage("missing program after '%s'", a);
			o->cpp.program = v;
			o->cpp_mode = 1;
		} else if (!strcmp(a, "-MD") || !strcmp(a, "-MMD")) {
			o->md = true;
			o->mmd = a[2] == 'M';
		} else if (!strcmp(a, "-MP")) {
			o->mp = true;
		} else if (!strcmp(a, "-MF")) {
			if (i + 1 >= argc)
				return bad_usage("missing argument after '%s'", a);
			o->depfile = argv[++i];
		} else if (!strcmp(a, "-MT") || !strcmp(a, "-MQ")) {
			if (i + 1 >= argc)
				return bad_usage("missing argument after '%s'", a);
			add_deptarget(o, argv[++i], a[2] == 'Q');
		} else if (is_opt(a, "--typedef")) {
			if (!(v = value(argc, argv, &i, "--typedef")))
				return bad_usage("missing name after '%s'", a);
			o->typedefs = ac_xrealloc(o->typedefs,
						  (o->ntypedefs + 1) * sizeof *o->typedefs);
			o->typedefs[o->ntypedefs++] = v;
		} else if (is_opt(a, "--file-prefix-map")) {
			if (!(v = value(argc, argv, &i, "--file-prefix-map")) ||
			    !strchr(v, '='))
				return bad_usage("'%s' needs OLD=NEW", a);
			const char *eq = strchr(v, '=');
			o->prefix_old = ac_xrealloc(o->prefix_old, (o->nprefix + 1) * sizeof(char *));
			o->prefix_new = ac_xrealloc(o->prefix_new, (o->nprefix + 1) * sizeof(char *));
			o->prefix_cpp = ac_xrealloc(o->prefix_cpp, (o->nprefix + 1) * sizeof(char *));
			o->prefix_old[o->nprefix] = strndup(v, (size_t)(eq - v));
			o->prefix_new[o->nprefix] = strdup(eq + 1);
			/* __FILE__ in what asyncc's preprocessor expands (a function
			 * translated from its expansion) is mapped alike */
			if (asprintf(&o->prefix_cpp[o->nprefix], "-fmacro-prefix-map=%s", v) < 0)
				abort();
			ac_cpp_add_arg(&o->cpp, o->prefix_cpp[o->nprefix++]);
		} else if (!strcmp(a, "-Werror")) {
			o->werror = true;
		} else if (!strcmp(a, "-w")) {
			o->no_warn = true;
		} else if (!strncmp(a, "-W", 2)) {
			/* -Wall, -Wno-...: every warning is on by default */
		} else if (!strcmp(a, "-fno-diagnostics-color")) {
			o->color = 0;
		} else if (!strncmp(a, "-fdiagnostics-color", 19)) {
			const char *c = a[19] == '=' ? a + 20 : "always";
			if (!strcmp(c, "always"))
				o->color = 1;
			else if (!strcmp(c, "never"))
				o->color = 0;
			else if (!strcmp(c, "auto"))
				o->color = -1;
			else
				return bad_usage("unknown color mode '%s'", c);
		} else if (is_target_option(a) || !strcmp(a, "-trigraphs")) {
			ac_cpp_add_arg(&o->cpp, a);
			o->trigraphs |= !strcmp(a, "-ansi") || !strcmp(a, "-trigraphs");
		} else if (!strncmp(a, "-std=", 5) || is_optimize_option(a)) {
			ac_cpp_add_arg(&o->cpp, a);
			if (!strncmp(a, "-std=", 5)) /* the ISO modes, not the GNU ones */
				o->trigraphs = a[5] == 'c' || a[5] == 'i';
		} else {
			bool known = false;
			for (size_t k = 0; k < sizeof passthrough / sizeof *passthrough; k++) {
				const char *p = passthrough[k];
				if (strncmp(a, p, strlen(p)))
					continue;
				known = true;
				if (a[strlen(p)] == '\0') {
					if (i + 1 >= argc)
						return bad_usage("missing argument after '%s'", a);
					ac_cpp_add_arg(&o->cpp, a);
					ac_cpp_add_arg(&o->cpp, argv[++i]);
				} else {
					ac_cpp_add_arg(&o->cpp, a);
				}
				if (p[1] == 'D' || p[1] == 'U' || p[2] == 'n')
					if (o->cpp_mode == 0)
						o->cpp_mode = 1;
				break;
			}
			if (!known)
				return bad_usage("unknown option '%s'", a);
		}
	}
	if (!o->input)
		return bad_usage("%s", "no input file");
	if (!o->output)
		o->output = "-";
	return 0;
}

/* --file-prefix-map, for diagnostics and #line. */
static const char *map_path(void *ctx, const char *path)
{
	struct options *o = ctx;
	for (size_t i = 0; i < o->nprefix; i++) {
		size_t n = strlen(o->prefix_old[i]);
		if (strncmp(path, o->prefix_old[i], n))
			continue;
		free(o->path_buf);
		if (asprintf(&o->path_buf, "%s%s", o->prefix_new[i], path + n) < 0)
			return path;
		return o->path_buf;
	}
	return path;
}

/* The name #line gives the generated file: the output's; for standard
 * output, FILE.c for an input FILE.ca (asyncc FILE.ca > FILE.c), else
 * <stdout>. */
/* A path as the contents of a C string literal (#line's, the function
 * information's): `"` and `\` escaped, control characters in octal, as
 * gcc writes its line markers. */
static char *c_string(const char *path)
{
	struct ac_strbuf b;
	ac_strbuf_init(&b);
	for (const unsigned char *c = (const unsigned char *)path; *c; c++) {
		if (*c == '"' || *c == '\\')
			ac_strbuf_printf(&b, "\\%c", *c);
		else if (*c < ' ' || *c == 0x7f)
			ac_strbuf_printf(&b, "\\%03o", *c);
		else
			ac_strbuf_add(&b, (const char *)c, 1);
	}
	char *r = strdup(b.data ? b.data : "");
	ac_strbuf_free(&b);
	if (!r)
		ac_out_of_memory();
	return r;
}

static char *generated_name(struct options *o)
{
	size_t n = strlen(o->input);
	bool ca = n > 3 && !strcmp(o->input + n - 3, ".ca");
	const char *path = strcmp(o->output, "-") ? o->output : ca ? o->input : "<stdout>";
	char *name = strdup(map_path(o, path));
	if (!name)
		ac_out_of_memory();
	if (!strcmp(o->output, "-") && ca)
		name[strlen(name) - 1] = '\0';
	char *quoted = c_string(name);
	free(name);
	return quoted;
}

/* Does the text need the preprocessor: a directive other than a line marker,
 * at the start of a line?  Text that opens with a line marker is already
 * preprocessed. */
/* Does `t` hold a directive (`#`, or its digraph `%:`) or, when they are
 * on, a trigraph (`??<`), which the preprocessor must read? */
static bool needs_cpp(const char *t, size_t len, bool trigraphs)
{
	const char *p = t, *end = t + len;
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n'))
		p++;
	if (p + 2 < end && p[0] == '#' && p[1] == ' ' && p[2] >= '0' && p[2] <= '9')
		return false;
	for (const char *q = t; trigraphs && (q = memmem(q, (size_t)(end - q), "??", 2)); q++)
		if (q + 2 < end && q[2] && strchr("=/'()!<>-", q[2]))
			return true;
	for (const char *l = t; l < end;) {
		const char *s = l;
		while (s < end && (*s == ' ' || *s == '\t'))
			s++;
		if (s + 1 < end && s[0] == '%' && s[1] == ':')
			return true;
		if (s < end && *s == '#') {
			s++;
			while (s < end && (*s == ' ' || *s == '\t'))
				s++;
			if (s < end && !(*s >= '0' && *s <= '9') && *s != '\n')
				return true;
		}
		const char *nl = memchr(l, '\n', (size_t)(end - l));
		l = nl ? nl + 1 : end;
	}
	return false;
}

static bool opens_with_line_marker(const char *t, size_t len)
{
	const char *p = t, *end = t + len;
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n'))
		p++;
	return p + 2 < end && p[0] == '#' && p[1] == ' ' && p[2] >= '0' && p[2] <= '9';
}

/* Where <asyncc.h> is: $ASYNCC_INCLUDE, the build tree next to this
 * executable, or the installed include directory. */
static const char *runtime_include_dir(void)
{
	static char dir[PATH_MAX + 32];
	const char *env = getenv("ASYNCC_INCLUDE");
	if (env && *env)
		return env;
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	char probe[PATH_MAX + 64];
	if (n > 0) {
		exe[n] = '\0';
		snprintf(dir, sizeof dir, "%s/../include", dirname(exe));
		snprintf(probe, sizeof probe, "%s/asyncc.h", dir);
		if (access(probe, R_OK) == 0)
			return dir; /* installed: PREFIX/bin/asyncc, PREFIX/include */
	}
#ifdef AC_SOURCE_INCLUDE_DIR
	snprintf(probe, sizeof probe, "%s/asyncc.h", AC_SOURCE_INCLUDE_DIR);
	if (access(probe, R_OK) == 0)
		return AC_SOURCE_INCLUDE_DIR; /* running from the build tree */
#endif
	return AC_INCLUDE_DIR;
}

/* --------------------------------------------------------- interrupts */

/*
 * The temporary files asyncc is writing (the output's or the depfile's
 * beside it, --stats' in /tmp): an interrupt (SIGINT, SIGTERM, SIGHUP)
 * removes them, then ends asyncc by the signal, as it would have without
 * the handler.  A file is recorded and forgotten with the signals blocked,
 * so that none is created unrecorded nor removed after its rename; only
 * the thread that writes files takes them (see run_deep).  An output left
 * by an earlier run stays as it was: the new one had not replaced it yet.
 */
enum { MAX_TEMPS = 4 };
static char *volatile temp_files[MAX_TEMPS];
static volatile sig_atomic_t ntemp_files;
static const int interrupts[] = { SIGINT, SIGTERM, SIGHUP };

static void on_interrupt(int sig)
{
	for (sig_atomic_t i = 0; i < ntemp_files; i++)
		unlink(temp_files[i]);
	raise(sig); /* (SA_RESETHAND: by now the default, which ends us) */
}

/* The handlers, for the signals not ignored (nohup leaves SIGHUP so). */
static void catch_interrupts(void)
{
	struct sigaction sa, old;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_interrupt;
	sa.sa_flags = SA_RESETHAND;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof interrupts / sizeof *interrupts; i++)
		sigaddset(&sa.sa_mask, interrupts[i]);
	for (size_t i = 0; i < sizeof interrupts / sizeof *interrupts; i++)
		if (sigaction(interrupts[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
			sigaction(interrupts[i], &sa, NULL);
}

/* Blocks the interrupts in this thread; *old for unblock_interrupts. */
static void block_interrupts(sigset_t *old)
{
	sigset_t set;
	sigemptyset(&set);
	for (size_t i = 0; i < sizeof interrupts / sizeof *interrupts; i++)
		sigaddset(&set, interrupts[i]);
	pthread_sigmask(SIG_BLOCK, &set, old);
}

static void unblock_interrupts(const sigset_t *old)
{
	pthread_sigmask(SIG_SETMASK, old, NULL);
}

/* mkstemps(tmpl, suffixlen), the file recorded for on_interrupt. */
static int create_temp(char *tmpl, int suffixlen)
{
	sigset_t old;
	block_interrupts(&old);
	int fd = ntemp_files < MAX_TEMPS ? mkstemps(tmpl, suffixlen) : (errno = EMFILE, -1);
	int e = errno;
	if (fd >= 0) {
		temp_files[ntemp_files] = tmpl;
		ntemp_files++;
	}
	unblock_interrupts(&old);
	errno = e;
	return fd;
}

/* The temporary file `tmpl` renamed to `path` (or removed if `path` is
 * NULL), and forgotten: 0 or -errno. */
static int finish_temp(char *tmpl, const char *path)
{
	sigset_t old;
	block_interrupts(&old);
	int rc = path && rename(tmpl, path) < 0 ? -errno : 0;
	if (!path || rc)
		unlink(tmpl);
	for (sig_atomic_t i = 0; i < ntemp_files; i++)
		if (temp_files[i] == tmpl) {
			temp_files[i] = temp_files[ntemp_files - 1];
			ntemp_files--;
			break;
		}
	unblock_interrupts(&old);
	return rc;
}

/* ------------------------------------------------------------- output */

/* Is `path` something other than a file: a device (`-o /dev/null`), a
 * pipe, ...?  Written to in place; never replaced or removed. */
static bool is_special(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && !S_ISREG(st.st_mode);
}

static int write_all_to(int fd, const char *data, size_t len)
{
	for (size_t off = 0; off < len;) {
		ssize_t w = write(fd, data + off, len - off);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		off += (size_t)w;
	}
	return 0;
}

/* Where writing `path` lands (open with O_CREAT follows symbolic links,
 * also one that names no file yet): the real path of the directory of the
 * last link's target, and the target's name.  NULL if that directory
 * does not exist or the links loop. */
static char *landing_path(const char *path)
{
	char *p = strdup(path);
	for (int hops = 0; p && hops < 40; hops++) {
		struct stat st;
		char target[PATH_MAX];
		ssize_t n = 0;
		char *slash = strrchr(p, '/');
		if (lstat(p, &st) < 0 || !S_ISLNK(st.st_mode) ||
		    (n = readlink(p, target, sizeof target - 1)) < 0) {
			char *dir = slash ? strndup(p, slash == p ? 1 : (size_t)(slash - p))
					  : strdup(".");
			char *real = dir ? realpath(dir, NULL) : NULL, *r = NULL;
			const char *sep = real && real[strlen(real) - 1] == '/' ? "" : "/";
			if (real && asprintf(&r, "%s%s%s", real, sep, slash ? slash + 1 : p) < 0)
				r = NULL;
			free(dir);
			free(real);
			free(p);
			return r;
		}
		target[n] = '\0'; /* relative to the link's directory */
		int dirlen = target[0] == '/' || !slash ? 0 : (int)(slash - p + 1);
		char *next = NULL;
		if (asprintf(&next, "%.*s%s", dirlen, p, target) < 0)
			next = NULL;
		free(p);
		p = next;
	}
	free(p);
	return NULL;
}

/* Do `a` and `b` name the same file: the same path, the same file
 * (through a link), or where a write would land (a file yet to be
 * written, `dep.c` and `./dep.c`, a link to it, a linked directory)? */
static bool same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	if (!strcmp(a, b))
		return true;
	if (stat(a, &sa) == 0 && stat(b, &sb) == 0)
		return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
	char *la = landing_path(a), *lb = landing_path(b);
	bool same = la && lb && !strcmp(la, lb);
	free(la);
	free(lb);
	return same;
}

/* The process's umask, read at the start (umask() can only be read by
 * setting it). */
static mode_t file_umask;

/* The three strings a message names file `path` with: 'x.c', or
 * standard output for "-". */
#define QUOTED_FILE(path) strcmp((path), "-") ? "'" : "", \
	strcmp((path), "-") ? (path) : "standard output", strcmp((path), "-") ? "'" : ""

/* A file is written beside its path and renamed onto it: a reader never
 * sees half of it, a failure leaves the old one.  It is a new file, made
 * as the C compiler makes its output: mode 0666 less the umask. */
static int write_atomically(const char *path, const char *data, size_t len)
{
	if (!strcmp(path, "-")) {
		errno = 0;
		if (fwrite(data, 1, len, stdout) != len || fflush(stdout))
			return errno ? -errno : -EIO;
		return 0;
	}
	if (is_special(path)) {
		int fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
		if (fd < 0)
			return -errno;
		int rc = write_all_to(fd, data, len);
		if (close(fd) < 0 && !rc)
			rc = -errno;
		return rc;
	}
	struct stat st;
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
		/* a link to a file (or to none yet): the file is replaced (or
		 * made), the link stays */
		char *real = landing_path(path);
		if (real) {
			int rc = write_atomically(real, data, len);
			free(real);
			return rc;
		}
	}
	size_t n = strlen(path);
	char *tmp = malloc(n + 16);
	if (!tmp)
		return -ENOMEM;
	snprintf(tmp, n + 16, "%s.tmpXXXXXX", path);
	int fd = create_temp(tmp, 0);
	if (fd < 0) {
		int e = -errno;
		free(tmp);
		return e;
	}
	int rc = write_all_to(fd, data, len);
	if (!rc && fchmod(fd, 0666 & ~file_umask) < 0)
		rc = -errno;
	if (close(fd) < 0 && !rc)
		rc = -errno;
	int moved = finish_temp(tmp, rc ? NULL : path);
	free(tmp);
	return rc ? rc : moved;
}

/* The files cc -MD listed (after "x:"), one per string, quoted for make
 * as it wrote them: a blank after an odd number of backslashes is part of
 * a name; a backslash before the newline continues the line. */
static size_t split_deps(char *deps, char ***out)
{
	size_t n = 0, cap = 0;
	char **v = NULL;
	char *p = deps ? strchr(deps, ':') : NULL;
	if (p)
		p++;
	while (p && *p) {
		while (*p == ' ' || *p == '\n' || *p == '\t' ||
		       (*p == '\\' && p[1] == '\n'))
			p += *p == '\\' ? 2 : 1;
		if (!*p)
			break;
		char *w = p;
		size_t slashes = 0;
		while (*p && *p != '\n' && ((*p != ' ' && *p != '\t') || slashes % 2) &&
		       !(*p == '\\' && p[1] == '\n')) {
			slashes = *p == '\\' ? slashes + 1 : 0;
			p++;
		}
		bool end = !*p;
		if (*p && *p != '\\')
			*p++ = '\0';
		else if (*p) /* the backslash of a continued line */
			*p++ = '\0', p++;
		AC_GROW(v, cap, n);
		v[n++] = w;
		if (end)
			break;
	}
	*out = v;
	return n;
}

/* Is `path` the input file (or a link to it)? */
static bool is_input(const struct options *o, const char *path)
{
	struct stat in;
	return path && strcmp(path, "-") && strcmp(o->input, "-") &&
	       stat(o->input, &in) == 0 && same_file(o->input, path);
}

/* The dependency file -MD writes: -MF's, or the output's name with `.d`
 * for its suffix; NULL when there is none (to stdout, no -MF). */
static char *depfile_name(const struct options *o)
{
	const char *out = o->output;
	char *file = NULL;
	if (o->depfile) {
		file = strdup(o->depfile);
	} else if (strcmp(out, "-")) {
		const char *dot = strrchr(out, '.'), *slash = strrchr(out, '/');
		size_t n = dot && (!slash || dot > slash) ? (size_t)(dot - out) : strlen(out);
		if (asprintf(&file, "%.*s.d", (int)n, out) < 0)
			file = NULL;
	}
	return file;
}

/* Would the dependency file be written over the output (`-o x.c -MF
 * x.c`, or `-o x.d -MD`)?  Not a device or a pipe (`/dev/null` for both
 * is fine), which takes both. */
static bool depfile_is_output(const struct options *o)
{
	if (!o->md || o->check || !strcmp(o->output, "-") || is_special(o->output))
		return false;
	char *file = depfile_name(o);
	bool same = file && same_file(file, o->output);
	free(file);
	return same;
}

/*
 * The dependency file, as gcc writes it: `TARGETS: INPUT HEADERS...`
 * (the -MT and -MQ targets in their order, else the output quoted), and
 * with -MP `HEADER:` for each header.  The headers are the preprocessor's
 * (quoted by it); -MMD has it leave out the system headers.
 */
static int write_depfile(struct options *o, char *deps)
{
	char *file = depfile_name(o);
	if (!file) {
		free(file);
		fprintf(stderr, "asyncc: error: -MD needs -MF or -o FILE\n");
		return EXIT_USAGE;
	}
	if (is_input(o, file)) {
		fprintf(stderr, "asyncc: error: the depfile '%s' is the input file\n", file);
		free(file);
		return EXIT_USAGE;
	}
	char **files;
	size_t n = split_deps(deps, &files);
	struct ac_strbuf b, input;
	ac_strbuf_init(&b);
	ac_strbuf_init(&input);
	add_escaped(&input, o->input);
	for (size_t i = 0; i < o->ndeptargets; i++)
		ac_strbuf_printf(&b, "%s%s", i ? " " : "", o->deptargets[i]);
	if (!o->ndeptargets)
		add_escaped(&b, o->output);
	ac_strbuf_puts(&b, ":");
	if (strcmp(o->input, "-") && (n == 0 || strcmp(files[0], input.data))) {
		ac_strbuf_puts(&b, " ");
		ac_strbuf_puts(&b, input.data);
	}
	for (size_t i = 0; i < n; i++) {
		ac_strbuf_puts(&b, " \\\n ");
		ac_strbuf_puts(&b, files[i]);
	}
	ac_strbuf_puts(&b, "\n");
	if (o->mp)
		for (size_t i = 0; i < n; i++) {
			if (!strcmp(files[i], input.data))
				continue;
			ac_strbuf_puts(&b, "\n");
			ac_strbuf_puts(&b, files[i]);
			ac_strbuf_puts(&b, ":\n");
		}
	ac_strbuf_free(&input);
	int rc = write_atomically(file, b.data ? b.data : "", b.len);
	if (rc < 0)
		fprintf(stderr, "asyncc: error: cannot write %s%s%s: %s\n", QUOTED_FILE(file),
			strerror(-rc));
	ac_strbuf_free(&b);
	free(files);
	free(file);
	return rc < 0 ? EXIT_INPUT : 0;
}

/*
 * --stats: the byte size of each frame, as the C compiler lays it out.  The
 * generated file is checked with two conflicting declarations per frame,
 * `char x[sizeof(struct f__frame) + 1]` and `char x[1]`; the compiler's note
 * about the first one names the size.
 */
static void print_frame_sizes(struct options *o, struct ac_unit *u,
			      const struct ac_strbuf *out, FILE *to)
{
	struct ac_strbuf b;
	ac_strbuf_init(&b);
	ac_strbuf_add(&b, out->data ? out->data : "", out->len);
	size_t n = 0;
	for (struct ac_func *f = u->funcs; f; f = f->next, n++)
		ac_strbuf_printf(&b, "\nextern char ac__size_%s[sizeof(struct %s__frame) + 1];"
				 "\nextern char ac__size_%s[1];\n", f->proto->name,
				 f->proto->name, f->proto->name);
	char path[] = "/tmp/asyncc-stats-XXXXXX.c";
	int fd = n ? create_temp(path, 2) : -1;
	if (fd < 0) {
		ac_strbuf_free(&b);
		return;
	}
	bool ok = write(fd, b.data, b.len) == (ssize_t)b.len;
	close(fd);
	ac_strbuf_free(&b);
	struct ac_strbuf cmd;
	ac_strbuf_init(&cmd);
	ac_strbuf_printf(&cmd, "%s -fsyntax-only -w -fdiagnostics-color=never -I '%s'",
			 o->cpp.program, runtime_include_dir());
	for (size_t i = 0; i < o->cpp.nargs; i++)
		if (strcmp(o->cpp.args[i], "-I") && strcmp(o->cpp.args[i], runtime_include_dir()) &&
		    strncmp(o->cpp.args[i], "-fdiagnostics-color", 19))
			ac_strbuf_printf(&cmd, " '%s'", o->cpp.args[i]);
	ac_strbuf_printf(&cmd, " '%s' 2>&1", path);
	FILE *p = ok ? popen(cmd.data, "r") : NULL;
	char line[4096];
	while (p && fgets(line, sizeof line, p)) {
		char *s = strstr(line, "declaration of 'ac__size_");
		if (!s)
			s = strstr(line, "declaration of \u2018ac__size_");
		char *name = s ? strstr(s, "ac__size_") : NULL;
		char *arr = name ? strstr(name, "char[") : NULL;
		if (!arr)
			continue;
		name += 9;
		size_t len = strcspn(name, "'\xe2");
		unsigned long size = strtoul(arr + 5, NULL, 10);
		if (size > 0)
			fprintf(to, "%.*s: frame 'struct %.*s__frame' is %lu bytes\n",
				(int)len, name, (int)len, name, size - 1);
	}
	if (p)
		pclose(p);
	finish_temp(path, NULL);
	ac_strbuf_free(&cmd);
}

/* ------------------------------------------------------------- driver */

static bool use_color(int mode)
{
	if (mode >= 0)
		return mode;
	const char *nc = getenv("NO_COLOR");
	if (nc && *nc)
		return false;
	return isatty(2);
}

static void bind_typedefs(struct ac_unit *u, const struct options *o)
{
	for (size_t i = 0; i < o->ntypedefs; i++) {
		struct ac_name *n = ac_scopes_intern(&u->scopes, o->typedefs[i],
						     strlen(o->typedefs[i]));
		ac_scopes_bind(&u->scopes, n, AC_BIND_TYPEDEF);
	}
}

static void free_options(struct options *o)
{
	ac_cpp_free(&o->cpp);
	free(o->typedefs);
	for (size_t i = 0; i < o->nprefix; i++) {
		free(o->prefix_old[i]);
		free(o->prefix_new[i]);
		free(o->prefix_cpp[i]);
	}
	free(o->prefix_old);
	free(o->prefix_new);
	free(o->prefix_cpp);
	free(o->path_buf);
	for (size_t i = 0; i < o->ndeptargets; i++)
		free(o->deptargets[i]);
	free(o->deptargets);
}

/* Remove what an earlier run wrote, so that no stale output survives an
 * error. */
static void remove_output(const struct options *o)
{
	if (strcmp(o->output, "-") && !o->check && !is_special(o->output))
		unlink(o->output);
}

/* The translation proper, after the parse: the async functions of `unit`
 * made into state machines, written to the output (or, for --check,
 * only checked). */
static int emit_unit(struct options *o, struct ac_diag *diag,
		     struct ac_unit *unit, struct ac_source *orig, char *deps)
{
	/* --check translates too, into nothing: it reports every function
	 * that translation would refuse */
	struct ac_strbuf out;
	ac_strbuf_init(&out);
	struct ac_emit_options eo = {
		.line_directives = !o->no_line,
		.line_file = map_path(o, strcmp(o->input, "-") ? o->input : STDIN_NAME),
		.stats = o->stats && !o->check ? stderr : NULL,
		.check = o->check,
	};
	char *line_file = c_string(eo.line_file);
	eo.line_file = line_file;
	char *out_file = generated_name(o);
	eo.out_file = out_file;
	ac_emit(unit, orig, diag, &eo, &out);
	out.len = ac_text_restore_markers(out.data, out.len, &o->standins);
	free(line_file);
	free(out_file);
	if (o->stats && !o->stress && !o->check && !diag->nerrors)
		print_frame_sizes(o, unit, &out, stderr);
	int status = 0, rc;
	if (diag->nerrors) {
		status = EXIT_INPUT;
	} else if (o->check) {
		status = 0;
	} else if ((rc = write_atomically(o->output, out.data ? out.data : "",
					  out.len)) < 0) {
		ac_diag_plain(diag, AC_ERROR, "cannot write %s%s%s: %s", QUOTED_FILE(o->output),
			      strerror(-rc));
		status = EXIT_INPUT;
	}
	ac_strbuf_free(&out);
	if (!status && o->md && !o->check)
		status = write_depfile(o, deps);
	return status;
}

/*
 * Deeply nested input (a chain of thousands of `else if`, thousands of
 * nested parentheses) is read by recursive passes: the analysis and the
 * emitter walk the bodies of async functions (the parser's own stacks are
 * on the heap, and it builds trees bottom up).  They run on a thread whose
 * stack is 1 GiB of address space (pages are touched only as deep as the
 * input goes), so that nesting is limited by memory, as in GCC, and not by
 * the 8 MiB of the main thread.  A unit with no async function or
 * declaration has nothing for them to walk, and starting the thread would
 * cost more than reading a small file.
 */
static bool needs_deep_stack(const struct options *o, const struct ac_unit *u)
{
	return !o->on_deep_stack && (u->funcs || u->nasync_decls);
}

struct deep_call {
	int (*fn)(struct deep_call *);
	struct options *o;
	struct ac_diag *diag;
	struct ac_source *input;
	struct ac_unit *unit;
	char *deps;
	int status;
	sigset_t mask; /* the signal mask to run with */
};

static void *deep_thread(void *arg)
{
	struct deep_call *c = arg;
	unblock_interrupts(&c->mask);
	c->status = c->fn(c);
	return NULL;
}

/* c->fn(c) on a thread with a 1 GiB stack (on this one if none starts).
 * The interrupts are blocked here while it runs: the thread that writes
 * the files takes them (see create_temp). */
static int run_deep(struct deep_call *c)
{
	pthread_attr_t attr;
	pthread_t thread;
#ifdef M_ARENA_MAX
	/* one thread allocates at a time: the one heap serves it, and the
	 * thread does not pay for setting up a heap of its own */
	mallopt(M_ARENA_MAX, 1);
#endif
	c->o->on_deep_stack = true;
	if (pthread_attr_init(&attr) != 0)
		return c->fn(c);
	block_interrupts(&c->mask);
	bool started = pthread_attr_setstacksize(&attr, (size_t)1 << 30) == 0 &&
		       pthread_create(&thread, &attr, deep_thread, c) == 0;
	pthread_attr_destroy(&attr);
	if (started)
		pthread_join(thread, NULL);
	unblock_interrupts(&c->mask);
	return started ? c->status : c->fn(c); /* (on this thread's stack) */
}

static int emit_call(struct deep_call *c)
{
	return emit_unit(c->o, c->diag, c->unit, c->input, c->deps);
}

static int emit_deep(struct options *o, struct ac_diag *diag,
		     struct ac_unit *unit, struct ac_source *orig, char *deps)
{
	struct deep_call c = { .fn = emit_call, .o = o, .diag = diag, .input = orig,
				.unit = unit, .deps = deps };
	return run_deep(&c);
}

/* Is `at` inside the braces of a definition that begins with `async` (from
 * the `;` or `}` that ends what is before it)? */
static bool inside_async_body(const char *t, uint32_t at)
{
	uint32_t from = 0, open = 0;
	int depth = 0;
	for (uint32_t i = 0; i < at; i++) {
		if (t[i] == '"' || t[i] == '\'' || (t[i] == '/' && (t[i + 1] == '*' || t[i + 1] == '/'))) {
			i = ac_text_skip_lexeme(t, i, at) - 1;
			continue;
		}
		if (t[i] == '#' && (i == 0 || t[i - 1] == '\n')) { /* a directive's line */
			while (i < at && t[i] != '\n')
				i++;
			continue;
		}
		if (t[i] == '{' && depth++ == 0)
			open = i;
		else if (t[i] == '}' && depth > 0 && --depth == 0)
			from = i + 1;
		else if (t[i] == ';' && depth == 0)
			from = i + 1;
	}
	return depth > 0 && open >= from && ac_words_count(t, from, open, "async") > 0;
}

/* A `#line` in a .ca file renames the lines after it, which asyncc takes
 * for lines of another file: async code after one (or one in an async
 * function's body) is refused. */
static bool line_directive_before_async(struct ac_diag *diag, struct ac_source *orig)
{
	uint32_t end = (uint32_t)orig->len;
	uint32_t at = ac_line_directive(orig->text, 0, end);
	if (at == end || (!ac_words_count(orig->text, at, end, "async") &&
			  !inside_async_body(orig->text, at)))
		return false;
	uint32_t e = at;
	while (e < end && orig->text[e] != '\n')
		e++;
	ac_diag_at(diag, orig, AC_ERROR, at, e, "asyncc cannot translate async code "
		   "after a '#line' directive: place the directive after the last "
		   "async function or declaration, or remove it");
	return true;
}

/*
 * A function translated from its expansion is emitted from the
 * preprocessor's output, which has no comments, and a comment may matter
 * to the compiler (a FALLTHROUGH comment, for -Wimplicit-fallthrough): when
 * such a function's text has one, asyncc preprocesses again with the
 * comments kept (-C; not always: the headers' comments make cc -E a third
 * slower).
 */
static bool expansion_has_comments(const struct ac_unit *u, const struct ac_source *orig)
{
	const char *t = orig->text;
	for (const struct ac_func *f = u->funcs; f; f = f->next) {
		if (!f->text)
			continue;
		for (uint32_t i = f->orig_loc.start; i < f->orig_loc.end; i++) {
			if (t[i] == '/' && i + 1 < f->orig_loc.end && (t[i + 1] == '*' || t[i + 1] == '/'))
				return true;
			if (t[i] == '"' || t[i] == '\'')
				i = ac_text_skip_lexeme(t, i, f->orig_loc.end) - 1;
		}
	}
	return false;
}

/* The raw marker bytes of the preprocessor's output hidden as the input's
 * are (ac_standins), when it read the file itself: text from standard
 * input it was given with them hidden already. */
static void hide_markers_of_cpp(const struct options *o, struct ac_source *pre)
{
	if (strcmp(o->input, "-"))
		ac_source_hide_markers(pre, &o->standins);
}

/* Preprocesses the input once more, with the options of the first time
 * and `arg` (and `arg2`, if not NULL) besides, into *out (to free with
 * ac_source_free); `orig` is the text read from standard input. */
static int cpp_again(struct options *o, const char *arg, const char *arg2,
		     const struct ac_source *orig, struct ac_source *out)
{
	struct ac_cpp c;
	ac_cpp_init(&c);
	c.program = o->cpp.program;
	for (size_t i = 0; i < o->cpp.nargs; i++)
		ac_cpp_add_arg(&c, o->cpp.args[i]);
	ac_cpp_add_arg(&c, arg);
	if (arg2)
		ac_cpp_add_arg(&c, arg2);
	memset(out, 0, sizeof *out);
	char *deps = NULL;
	int rc = ac_cpp_run(&c, o->input, orig ? orig->text : "", orig ? orig->len : 0, out,
			    &deps);
	if (rc == 0)
		hide_markers_of_cpp(o, out);
	free(deps);
	ac_cpp_free(&c);
	return rc;
}

/* Does a word of `body` spell `name`? */
static bool names_itself(const char *body, size_t blen, const char *name, size_t n)
{
	for (size_t i = 0; i + n <= blen; i++)
		if (!memcmp(body + i, name, n) && (i == 0 || !ac_is_ident_char(body[i - 1])) &&
		    (i + n == blen || !ac_is_ident_char(body[i + n])))
			return true;
	return false;
}

/*
 * The macros in scope at the end of the file (`cc -dM`) whose body names
 * the macro itself: their expansion, written into the generated file,
 * would be expanded again there (`sa.sa_handler` is
 * `sa.__sigaction_handler.sa_handler`, which would become
 * `sa.__sigaction_handler.__sigaction_handler.sa_handler`).  Asked only
 * when a function is translated from its expansion.
 */
static char *self_naming_macros(struct options *o, struct ac_diag *diag,
				const struct ac_source *orig, const struct ac_func *f,
				bool *counter)
{
	struct ac_source defs;
	int rc = cpp_again(o, "-dM", NULL, orig, &defs);
	if (rc != 0) {
		ac_diag_line(diag, (struct ac_source *)orig, AC_WARNING, f->orig_loc.start,
			     "the preprocessor failed when run again to list the macros "
			     "(-dM): a macro that names itself may expand twice in '%s'",
			     f->proto->name);
		return NULL;
	}
	struct ac_strbuf names;
	ac_strbuf_init(&names);
	const char *t = defs.text, *end = defs.text + defs.len;
	while (t < end) {
		const char *nl = memchr(t, '\n', (size_t)(end - t));
		const char *le = nl ? nl : end;
		if (le - t > 8 && !memcmp(t, "#define ", 8)) {
			const char *name = t + 8, *p = name;
			while (p < le && ac_is_ident_char(*p))
				p++;
			size_t n = (size_t)(p - name);
			if (p < le && *p == '(') /* parameters: the body after them */
				while (p < le && *p != ')')
					p++;
			if (p < le && names_itself(p + 1, (size_t)(le - p - 1), "__COUNTER__", 11))
				*counter = true;
			if (n && p < le && names_itself(p + 1, (size_t)(le - p - 1), name, n) &&
			    !(n == 13 && !memcmp(name, "__BASE_FILE__", 13))) { /* (see cpp.c) */
				ac_strbuf_add(&names, name, n);
				ac_strbuf_add(&names, "\n", 1);
			}
		}
		t = le + 1;
	}
	ac_source_free(&defs);
	return names.data; /* (NULL when there are none) */
}

/* Is marker `m` of `pre` one that enters an included file (`# 1 "f.h" 1`),
 * not a `#line` of the source? */
static bool marker_enters(const struct ac_source *pre, size_t m)
{
	uint32_t e = pre->markers[m].offset;
	if (e == 0 || e > pre->len)
		return false;
	e--; /* the marker's '\n' */
	uint32_t b = e;
	while (b > 0 && pre->text[b - 1] != '\n')
		b--;
	const char *q = memrchr(pre->text + b, '"', e - b);
	for (const char *c = q ? q + 1 : pre->text + e; c < pre->text + e; c++)
		if (*c == '1' && c[-1] == ' ' && (c + 1 == pre->text + e || c[1] == ' '))
			return true;
	return false;
}

/*
 * The macros the headers define that are spelled like a word of the
 * generated code (the frame pointer F, the members hdr, result, aw, state,
 * flags, ...): the translation names its own otherwise, as it does for the
 * file's own macros.  The headers are the files the preprocessor's line
 * markers name; a `#define` of such a word anywhere in them counts (also
 * one undefined again or never reached: another name is harmless).
 */
static char *header_macros(struct ac_diag *diag, const struct ac_source *pre)
{
	static const char *const words[] = { "F", "hdr", "result", "aw", "task",
		"state", "flags", "M", "rc", "ac_return", "ac_self", "ac_i" };
	bool found[sizeof words / sizeof *words] = { false };
	for (size_t m = 1; m < pre->nmarkers; m++) {
		const char *file = pre->markers[m].file;
		bool seen = file == pre->markers[0].file || file[0] == '<';
		for (size_t k = 1; k < m && !seen; k++)
			seen = pre->markers[k].file == file;
		struct ac_source h;
		int rc = seen ? 0 : ac_source_read(&h, file);
		/* (a file a `#line` names need not exist: a header that went
		 * since the preprocessor read it, or cannot be read, is said) */
		if (rc < 0 && marker_enters(pre, m))
			ac_diag_plain(diag, AC_WARNING, "cannot read the header '%s' again to "
				      "look for macros named like generated code: %s", file,
				      strerror(-rc));
		if (seen || rc < 0)
			continue;
		for (const char *d = h.text; (d = memmem(d, h.len - (size_t)(d - h.text),
							 "define", 6)); d += 6) {
			const char *b = d; /* `#`, blanks, `define`, blanks, the name */
			while (b > h.text && (b[-1] == ' ' || b[-1] == '\t'))
				b--;
			if (b == h.text || b[-1] != '#')
				continue;
			const char *w = d + 6, *e;
			if (*w != ' ' && *w != '\t')
				continue;
			while (*w == ' ' || *w == '\t')
				w++;
			for (e = w; ac_is_ident_char(*e); e++)
				;
			for (size_t k = 0; k < sizeof words / sizeof *words; k++)
				found[k] |= strlen(words[k]) == (size_t)(e - w) &&
					    !memcmp(words[k], w, (size_t)(e - w)) && *e != '(';
		}
		ac_source_free(&h);
	}
	struct ac_strbuf names;
	ac_strbuf_init(&names);
	for (size_t k = 0; k < sizeof words / sizeof *words; k++)
		if (found[k])
			ac_strbuf_printf(&names, "%s\n", words[k]);
	return names.data;
}

/* Where the main file's text begins in the preprocessor's output `t`:
 * after the marker `# 1 "NAME"` (gcc) or `# 1 "NAME" 2` (clang, back from
 * the built-in lines) of the NAME its first line gives, or 0. */
static size_t main_text_start(const char *t, size_t n)
{
	if (n < 6 || (memcmp(t, "# 0 \"", 5) && memcmp(t, "# 1 \"", 5)))
		return 0;
	const char *q = memchr(t + 5, '\n', n - 5);
	if (!q)
		return 0;
	size_t name = (size_t)(q - (t + 4)); /* "NAME" with its quotes */
	char *marker = malloc(name + 6);
	if (!marker)
		return 0;
	memcpy(marker, "\n# 1 ", 5);
	memcpy(marker + 5, t + 4, name);
	size_t at = 1, found = 0;
	while (!found && at < n) {
		const char *m = memmem(t + at, n - at, marker, name + 5);
		if (!m)
			break;
		size_t e = (size_t)(m - t) + name + 5;
		if (e < n && t[e] == '\n')
			found = e + 1;
		else if (e + 2 < n && !memcmp(t + e, " 2\n", 3))
			found = e + 3;
		at = e;
	}
	free(marker);
	return found;
}

/* The next token of [*at, end) of `t` (blanks and line markers skipped):
 * its start, and *at moved past it; NULL at the end.  Numbers and identifiers are runs
 * of their characters, literals go to their closing quote, anything else
 * is one character. */
static const char *next_token(const char *t, size_t *at, size_t end, size_t *len)
{
	size_t i = *at;
	for (;;) {
		while (i < end && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r'))
			i++;
		if (i >= end)
			return NULL;
		if (t[i] != '#' || (i > 0 && t[i - 1] != '\n') || i + 2 >= end ||
		    t[i + 1] != ' ' || t[i + 2] < '0' || t[i + 2] > '9')
			break;
		while (i < end && t[i] != '\n') /* a line marker: where lines are */
			i++;
	}
	size_t j = i + 1;
	if (ac_is_ident_char(t[i]) || t[i] == '.') {
		while (j < end && (ac_is_ident_char(t[j]) || t[j] == '.'))
			j++;
	} else if (t[i] == '"' || t[i] == '\'') {
		while (j < end && t[j] != t[i] && t[j] != '\n')
			j += t[j] == '\\' ? 2 : 1;
		j = j < end ? j + 1 : end;
	}
	*at = j;
	*len = j - i;
	return t + i;
}

/* How far the second preprocessing moves the count (see count_counters). */
#define COUNTER_SHIFT 1000

/* Do the tokens x and y differ only in a number made by a __COUNTER__
 * (`7`, `tmp7`, `"7"`), y's COUNTER_SHIFT more? */
static bool counter_made(const char *x, size_t lx, const char *y, size_t ly)
{
	size_t i = 0;
	while (i < lx && i < ly && x[i] == y[i])
		i++;
	while (i > 0 && x[i - 1] >= '0' && x[i - 1] <= '9')
		i--; /* to the start of the digits */
	size_t ex = i, ey = i;
	while (ex < lx && x[ex] >= '0' && x[ex] <= '9')
		ex++;
	while (ey < ly && y[ey] >= '0' && y[ey] <= '9')
		ey++;
	if (ex == i || ey == i || ex - i > 18 || ey - i > 18 || lx - ex != ly - ey ||
	    memcmp(x + ex, y + ey, lx - ex))
		return false;
	unsigned long long a = strtoull(x + i, NULL, 10), b = strtoull(y + i, NULL, 10);
	return b == a + COUNTER_SHIFT;
}

/*
 * A function translated from its expansion holds the values its
 * __COUNTER__s took in asyncc's preprocessing; the C compiler, reading the
 * generated file, counts only the others, so the values after it would
 * repeat those.  The file is preprocessed again with COUNTER_SHIFT uses of
 * __COUNTER__ before it (`-include` of a memory file): the output is the
 * same but for the tokens a __COUNTER__ made, each that much more.  Those
 * inside such a function are the values it used, which emit_unit has the
 * compiler count after it.  (One used only by an `#if` in the function
 * makes no token: the directive, copied after the function, counts it
 * there.)  If the outputs do not line up (an `#if` on a __COUNTER__ chose
 * other lines), a function's count is -1.
 */
static void count_counters(struct options *o, const struct ac_source *pre,
			   struct ac_unit *u)
{
	/* (when any step fails, the functions are marked uncounted: a
	 * warning, not values that repeat) */
	int fd = memfd_create("asyncc-counter", 0), rc = fd < 0 ? -1 : 0;
	for (int i = 0; i < COUNTER_SHIFT && rc == 0; i++)
		if (write(fd, "__COUNTER__\n", 12) != 12)
			rc = -1;
	char path[64];
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	struct ac_source again;
	memset(&again, 0, sizeof again);
	if (rc == 0)
		rc = cpp_again(o, "-include", path, pre->orig, &again);
	if (fd >= 0)
		close(fd);
	if (rc == 0) /* as the first output's (with -C) */
		ac_text_blank_comment_hashes(again.text, again.len);
	size_t a = main_text_start(pre->text, pre->len);
	size_t b = rc == 0 ? main_text_start(again.text, again.len) : 0;
	size_t n = 0;
	for (const struct ac_func *f = u->funcs; f; f = f->next)
		n++;
	int *used = calloc(n + 1, sizeof *used);
	bool lined_up = a && b && used;
	while (lined_up) {
		size_t la, lb;
		const char *x = next_token(pre->text, &a, pre->len, &la);
		const char *y = next_token(again.text, &b, again.len, &lb);
		if (!x || !y) {
			lined_up = !x && !y;
			break;
		}


		if ((la == lb && !memcmp(x, y, la)) || !counter_made(x, la, y, lb))
			continue;
		size_t k = 0, at = (size_t)(x - pre->text);
		for (const struct ac_func *f = u->funcs; f; f = f->next, k++)
			if (f->text == pre && at >= f->loc.start && at < f->loc.end)
				used[k]++;
	}
	size_t k = 0;
	for (struct ac_func *f = u->funcs; f; f = f->next, k++)
		if (f->text == pre)
			f->counters = rc != 0 ? -2 : lined_up ? used[k] : -1;
	free(used);
	ac_source_free(&again);
}

static int translate(struct options *o, struct ac_diag *diag,
		     struct ac_source *orig)
{
	struct ac_source pre;
	struct ac_unit unit;
	char *deps = NULL;
	int rc;
	memset(&pre, 0, sizeof pre);
	bool cpp = o->cpp_mode > 0 ||
		   (o->cpp_mode == 0 && needs_cpp(orig->text, orig->len, o->trigraphs));
	/* Without directives, the text may still need the preprocessor (a
	 * predefined macro, a backslash-newline in a token): the parse finds
	 * out, holding its messages back, and stops if so.  Text that opens
	 * with a line marker is the preprocessor's output already. */
	bool probe = !cpp && o->cpp_mode == 0 && !opens_with_line_marker(orig->text, orig->len);
	bool comments = false; /* the preprocessor keeps them (-C) */
	if (!opens_with_line_marker(orig->text, orig->len) &&
	    line_directive_before_async(diag, orig))
		return EXIT_INPUT;
again:
	ac_unit_init(&unit);
	unit.stress = o->stress;
	unit.probe_predefined = probe;
	unit.headers_unread = o->cpp_mode < 0 && !opens_with_line_marker(orig->text, orig->len);
	bind_typedefs(&unit, o);

	struct ac_source *parsed = orig;
	int status = 0;
	if (cpp) {
		ac_cpp_add_arg(&o->cpp, "-I");
		ac_cpp_add_arg(&o->cpp, runtime_include_dir());
		rc = ac_cpp_run(&o->cpp, o->input, orig->text, orig->len, &pre,
				&deps);
		if (rc == 0 && comments)
			ac_text_blank_comment_hashes(pre.text, pre.len);
		if (rc == 0)
			hide_markers_of_cpp(o, &pre);
		if (rc != 0) {
			if (rc < 0)
				ac_diag_plain(diag, AC_ERROR,
					      "cannot run the preprocessor '%s': %s",
					      o->cpp.program, strerror(-rc));
			else if (WIFSIGNALED(o->cpp.status))
				ac_diag_plain(diag, AC_ERROR, "the preprocessor '%s' was killed "
					      "by signal %d (%s)", o->cpp.program,
					      WTERMSIG(o->cpp.status), strsignal(WTERMSIG(o->cpp.status)));
			else
				ac_diag_plain(diag, AC_ERROR, "the preprocessor '%s' failed "
					      "(exit status %d)", o->cpp.program,
					      WEXITSTATUS(o->cpp.status));
			status = EXIT_INPUT;
			goto done;
		}
		pre.orig = orig;
		parsed = &pre;
		uint32_t ls, ll;
		ac_source_line_span(orig, orig->len ? (uint32_t)orig->len - 1 : 0, &ls, &ll);
		ac_unit_mark_active_lines(&unit, &pre,
			ac_source_position(orig, orig->len ? (uint32_t)orig->len - 1 : 0).phys_line + 1);
	}

	struct ac_parser P;
	ac_parser_init(&P, &unit, parsed, diag);
	P.main_is_orig = !cpp;
	char *held = NULL;
	size_t nheld = 0;
	/* messages are held back while the parse may be done again */
	FILE *errs = diag->out, *hold = probe || (cpp && !comments)
		? open_memstream(&held, &nheld) : NULL;
	if (hold)
		diag->out = hold;
	ac_parse(&P);
	ac_parser_free(&P);
	bool again_with_comments = cpp && !comments && !diag->nerrors &&
				   expansion_has_comments(&unit, orig);
	if (hold) {
		diag->out = errs;
		fclose(hold);
		if (!P.wants_cpp && !again_with_comments)
			fwrite(held, 1, nheld, errs);
		free(held);
	}
	if (P.wants_cpp) {
		diag->nerrors = diag->nwarnings = 0;
		ac_unit_free(&unit);
		probe = false;
		cpp = true;
		goto again;
	}
	if (again_with_comments) {
		diag->nwarnings = 0;
		ac_unit_free(&unit);
		ac_source_free(&pre);
		memset(&pre, 0, sizeof pre);
		free(deps);
		deps = NULL;
		comments = true;
		ac_cpp_add_arg(&o->cpp, "-C");
		goto again;
	}
	if (diag->nerrors) {
		status = EXIT_INPUT;
		goto done;
	}
	if (cpp)
		unit.header_macros = header_macros(diag, &pre);
	for (const struct ac_func *f = unit.funcs; cpp && f; f = f->next)
		if (f->text) { /* translated from its expansion */
			bool counter = memmem(orig->text, orig->len, "__COUNTER__", 11) != NULL;
			unit.self_macros = self_naming_macros(o, diag, orig, f, &counter);
			if (counter)
				count_counters(o, &pre, &unit);
			break;
		}
	status = needs_deep_stack(o, &unit) ? emit_deep(o, diag, &unit, orig, deps)
						 : emit_unit(o, diag, &unit, orig, deps);
done:
	/* the process exits next: its pages go back all at once */
	ac_pages_keep_until_exit();
	free(deps);
	ac_unit_free(&unit);
	ac_source_free(&pre);
	return status;
}

static int translate_call(struct deep_call *c)
{
	return translate(c->o, c->diag, c->input);
}

/* Would writing the output overwrite the input (`-o x.ca`, or a link to
 * it)? */
static bool output_is_input(const struct options *o)
{
	return !o->check && is_input(o, o->output);
}

/* Would writing the output or the dependency file overwrite the input
 * or the other?  Said, and then nothing is written or removed. */
static bool files_clash(const struct options *o)
{
	return output_is_input(o) || depfile_is_output(o);
}

static int translate_file(struct options *o, struct ac_diag *diag)
{
	if (output_is_input(o)) {
		ac_diag_plain(diag, AC_ERROR, "the output '%s' is the input file", o->output);
		return EXIT_USAGE;
	}
	if (depfile_is_output(o)) {
		ac_diag_plain(diag, AC_ERROR, "the dependency file '%s' is the output file: "
			      "name another with -MF", o->depfile ? o->depfile : o->output);
		return EXIT_USAGE;
	}
	struct ac_source input;
	int rc = ac_source_read(&input, o->input);
	if (rc < 0) {
		ac_diag_plain(diag, AC_ERROR, "cannot read '%s': %s", o->input,
			      strerror(-rc));
		return EXIT_INPUT;
	}
	if (!strcmp(o->input, "-")) { /* named as gcc names it */
		free(input.name);
		input.name = strdup(STDIN_NAME);
		if (!input.name)
			ac_out_of_memory();
	}
	/* a UTF-8 byte order mark, which gcc ignores at the start of a file:
	 * dropped, so that the first line's columns and the line shown are
	 * gcc's, and the output is free of it (the NULs after the text stay) */
	if (input.len >= 3 && !memcmp(input.text, "\xef\xbb\xbf", 3)) {
		memmove(input.text, input.text + 3, input.len - 3);
		memset(input.text + input.len - 3, 0, 3);
		input.len -= 3;
	}
	ac_text_pick_standins(input.text, input.len, &o->standins);
	ac_source_hide_markers(&input, &o->standins);
	diag->standins = &o->standins;
	int status;
	if (o->stress) { /* every function is async: parse them deep too */
		struct deep_call c = { .fn = translate_call, .o = o, .diag = diag,
				       .input = &input };
		status = run_deep(&c);
	} else {
		status = translate(o, diag, &input);
	}
	ac_source_free(&input);
	return status;
}

int main(int argc, char **argv)
{
	struct options o;
	memset(&o, 0, sizeof o);
	ac_cpp_init(&o.cpp);
	o.color = -1;
	catch_interrupts();
	file_umask = umask(0);
	umask(file_umask);
	int rc = parse_args(&o, argc, argv);
	if (rc) {
		free_options(&o);
		return rc;
	}
	o.cpp.user_deps = o.mmd;
	/* the preprocessor's messages (#error, a missing header) coloured as
	 * asyncc's */
	ac_cpp_add_arg(&o.cpp, use_color(o.color) ? "-fdiagnostics-color=always"
						  : "-fdiagnostics-color=never");
	struct ac_diag diag;
	ac_diag_init(&diag, stderr, use_color(o.color));
	diag.werror = o.werror;
	diag.warnings_off = o.no_warn;
	diag.map_path = map_path;
	diag.map_ctx = &o;
	rc = translate_file(&o, &diag);
	if (rc && !files_clash(&o))
		remove_output(&o);
	ac_diag_free(&diag);
	free_options(&o);
	return rc;
}
