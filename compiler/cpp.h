/* cpp.h - running the system preprocessor. */
#ifndef AC_CPP_H
#define AC_CPP_H

#include <stddef.h>

struct ac_source;

struct ac_cpp {
	const char *program;   /* "cc" unless ASYNCC_CPP or --cpp says (blanks
				* separate options of its own from it) */
	const char **args;     /* -I, -D, -U, -std, ... in order */
	size_t nargs, capargs;
	int status;            /* after a run that returned 1: its wait status */
	int user_deps;         /* the dependencies leave out system headers (-MMD) */
};

void ac_cpp_init(struct ac_cpp *c);
void ac_cpp_free(struct ac_cpp *c);
void ac_cpp_add_arg(struct ac_cpp *c, const char *arg);
/* Preprocesses `text` (named `name` in line markers).  On success returns 0
 * and fills *out with the preprocessor's output (to be freed with
 * ac_source_free), and sets *deps (malloc'd make-style dependency text; may
 * be NULL).  The preprocessor's own diagnostics go to
 * standard error.  Returns 1 if it failed (exited non-zero or was killed:
 * c->status says), -errno if it could not run. */
int ac_cpp_run(struct ac_cpp *c, const char *name, const char *text,
	       size_t len, struct ac_source *out, char **deps);

#endif
