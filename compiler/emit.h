/* emit.h - generating the C file: the original text, with async functions
 * turned into state machines. */
#ifndef AC_EMIT_H
#define AC_EMIT_H

#include <stdbool.h>
#include <stdio.h>

#include "diag.h"
#include "parse.h"
#include "strbuf.h"

/* The runtime ABI generated code is written for: AC_ABI_VERSION of
 * runtime/asyncc.h (tests/install checks they agree). */
#define AC_ABI 9

struct ac_emit_options {
	bool line_directives;  /* #line back to the .ca file */
	const char *line_file; /* the name #line uses for the input */
	const char *out_file;  /* ... and for the generated file (its own code) */
	FILE *stats;           /* --stats: frame layouts go here */
	bool check;            /* --check: only the messages are wanted, so a
				  file with nothing to translate is not copied */
};

/* Writes the translation of `orig` to `out`; returns the number of errors. */
int ac_emit(struct ac_unit *u, struct ac_source *orig, struct ac_diag *diag,
	    const struct ac_emit_options *opt, struct ac_strbuf *out);

#endif
