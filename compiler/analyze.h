/*
 * analyze.h - what must survive each suspension of an async function.
 *
 * Liveness over the function's control flow decides which locals are saved
 * into the frame before a suspension and restored after it; locals whose
 * address is taken (and arrays) live in the frame for good.
 */
#ifndef AC_ANALYZE_H
#define AC_ANALYZE_H

#include <stdbool.h>
#include <stdint.h>

#include "ast.h"
#include "diag.h"
#include "source.h"

/* A point where the function may suspend: an await, or (--stress-resume) the
 * start of a statement. */
struct ac_point {
	struct ac_expr *await;  /* NULL for a --stress-resume point, or ... */
	struct ac_var *group;   /* ... the wait for this group at the end */
	struct ac_stmt *stmt;   /* the statement holding it, or before it */
	int state;              /* its number in the state switch (1, 2, ...) */
	uint32_t line;          /* its .ca line */
	char *label;            /* ac_L12, ac_L12_2, ... */
	char *suffix;           /* L12, L12_2: for names of callee frames */
	uint64_t *live;         /* variables (by id) to save and restore */
};

struct ac_analysis {
	struct ac_var **vars;   /* by id */
	int nvars;
	size_t words;           /* of each bitset */
	struct ac_point *points;
	int npoints;
	struct ac_point **by_await;   /* await_id -> point */
	struct ac_point **before;     /* stmt id -> stress point, or NULL */
};

static inline bool ac_bit(const uint64_t *b, int i)
{
	return (b[i / 64] >> (i % 64)) & 1;
}

/* Can `v` hold a value across an await of `f` (or a resumption of it)? */
bool ac_awaits_in_lifetime(const struct ac_func *f, const struct ac_var *v);

/* Computes f->analysis.  Returns the number of errors reported. */
int ac_analyze(struct ac_func *f, struct ac_source *src, struct ac_diag *diag,
	       struct ac_arena *arena);

#endif
