/*
 * analyze.c - liveness of locals across the suspension points of a function.
 *
 * A backward dataflow over the statement tree: live_in(s) from live_out(s),
 * iterating loops (and, when the function has labels, the whole body) to a
 * fixed point.  Each suspension point records the variables live where it
 * resumes that are in scope there; those are spilled and reloaded.
 */
#include "analyze.h"
#include "arena.h"
#include "parser.h"

#include <stdlib.h>
#include <string.h>

typedef uint64_t *bits;

struct label_live {
	struct label_live *next;
	const char *name;
	bits live;
};

struct switch_ctx {
	bits acc;       /* union of live-in at its case labels */
	bool has_default;
};

struct an {
	struct ac_func *f;
	struct ac_analysis *res;
	struct ac_source *src;
	struct ac_diag *diag;
	struct ac_arena *arena;
	size_t w;
	struct label_live *labels;
	bool labels_changed;
	struct switch_ctx *sw;
	const uint64_t *brk, *cont; /* where a break, a continue goes from here */
	bits all;
	int nerrors;
	bool has_vla; /* a variably modified local: sizeof may read variables */
	bits block;   /* (scope_stmt) the variables the enclosing blocks declare,
			 before and after the statement */
	bits *loop_heads; /* by statement id: what was live at a loop's head
			     when it was last run (a run of the loop in an
			     enclosing loop's next round starts from there) */
	struct loop_sum *sums; /* by statement id: a closed loop's summary */
	bool quiet;       /* what the points get is not the last word: a
			     closed loop's rounds before its fixed point */
	unsigned kept;    /* allocations that outlive a round of a loop */
	unsigned labels_version; /* changes of what is live at the labels */
	bits ones;
};

/*
 * A closed loop: no goto, label, case of a switch outside it, asm goto, nor
 * a statement expression in the head of a loop within it (which may break
 * out of or continue the loop around it).  What is live before it depends
 * on what is live after it alone, and as everything here (a union of what
 * each path reads before it writes), it is gen + (out & pass): the loop
 * run once for out = nothing, once for out = everything, says which.
 */
struct loop_sum {
	bool closed;
	bool known;     /* (for this run of the liveness) */
	bits gen, pass;
	/* Another loop, unless a case of a switch around it is in it: what
	 * was live before it the last time, for what was live after it and
	 * where a break and a continue went from it, with the labels as they
	 * were (nothing changed them meanwhile).  The same again, its points
	 * have what they would get again. */
	bool memo;
	unsigned version;
	bool brk_null, cont_null;
	bits out, brk, cont, in;
};

/* ---------------------------------------------------------------- bits */

static bits bnew(struct an *A)
{
	return ac_arena_alloc(A->arena, A->w * sizeof(uint64_t));
}

static void bset(bits b, int i) { b[i / 64] |= (uint64_t)1 << (i % 64); }
static void bclr(bits b, int i) { b[i / 64] &= ~((uint64_t)1 << (i % 64)); }

static void bits_copy(struct an *A, bits d, const uint64_t *s)
{
	memcpy(d, s, A->w * sizeof *d);
}

static void bor(struct an *A, bits d, const uint64_t *s)
{
	for (size_t i = 0; i < A->w; i++)
		d[i] |= s[i];
}

static bool beq(struct an *A, const uint64_t *a, const uint64_t *b)
{
	return !memcmp(a, b, A->w * sizeof *a);
}

static bits bdup(struct an *A, const uint64_t *s)
{
	bits d = bnew(A);
	bits_copy(A, d, s);
	return d;
}

/* ---------------------------------------------------------- uses, defs */

static bool tracked(const struct ac_var *v)
{
	return v && !v->in_frame && !v->is_static;
}


/* Text the parser kept no tree for (initializer lists, compound literals,
 * sizeof operands, asm operands): every word naming a variable counts. */
static void uses_text(struct an *A, struct ac_loc loc, bits u)
{
	const char *t = A->src->text;
	for (uint32_t i = loc.start; i < loc.end;) {
		if (!ac_is_ident_char(t[i])) {
			i++;
			continue;
		}
		uint32_t j = i;
		while (j < loc.end && ac_is_ident_char(t[j]))
			j++;
		for (int k = 0; k < A->res->nvars; k++) {
			struct ac_var *v = A->res->vars[k];
			if (tracked(v) && strlen(v->name) == j - i &&
			    !memcmp(v->name, t + i, j - i))
				bset(u, k);
		}
		i = j;
	}
}

/* May the operand of the sizeof at `l` have a variable length array type,
 * whose size it evaluates?  Only through brackets, or a macro that makes
 * them (`ROWS(p, n)`): a word before '(' other than sizeof and the like. */
static bool may_size_vla(struct an *A, struct ac_loc l)
{
	const char *t = A->src->text;
	for (uint32_t i = l.start; i < l.end; i++)
		if (ac_bracket(t + i) == '[')
			return true;
	struct ac_words s = { .t = t, .at = l.start, .end = l.end };
	uint32_t w, n;
	while (ac_words_next(&s, &w, &n)) {
		uint32_t k = w + n;
		while (k < l.end && ac_is_space(t[k]))
			k++;
		if (k < l.end && t[k] == '(' && !ac_word_is(t + w, n, "sizeof") &&
		    !ac_word_is(t + w, n, "_Alignof") && !ac_word_is(t + w, n, "__alignof__") &&
		    !ac_word_is(t + w, n, "typeof") && !ac_word_is(t + w, n, "__typeof__"))
			return true;
	}
	return false;
}

/* Uses of `e` outside the subtree `skip` (an await's operand, evaluated and
 * passed before the suspension), and outside the operands of the awaits
 * and the awaiting statement expressions that end before offset `done`
 * (evaluated, left to right, before it: their values are temporaries, and
 * what a statement expression reads after its own awaits was live there,
 * not here). */
static void uses_skip_done(struct an *A, const struct ac_expr *e,
			   const struct ac_expr *skip, uint32_t done, bits u);

static void uses_skip(struct an *A, const struct ac_expr *e,
		      const struct ac_expr *skip, bits u)
{
	uses_skip_done(A, e, skip, 0, u);
}

static void uses_skip_done(struct an *A, const struct ac_expr *e,
			   const struct ac_expr *skip, uint32_t done, bits u)
{
	if (!e || e == skip)
		return;
	if ((e->kind == EX_AWAIT || (e->kind == EX_OPAQUE && e->stmts && e->has_await)) &&
	    e->loc.end <= done)
		return; /* its value is a temporary by now */
	switch (e->kind) {
	case EX_IDENT:
		if (tracked(e->var))
			bset(u, e->var->id);
		return;
	case EX_OPAQUE: /* text with no tree, and its awaiting elements */
		if (e->reads_nothing && !A->has_vla && !may_size_vla(A, e->loc))
			return; /* `p = malloc(sizeof *p)` does not read p */
		uses_text(A, e->loc, u);
		for (size_t i = 0; i < e->nargs; i++)
			uses_skip_done(A, e->args[i], skip, done, u);
		return;
	case EX_CAST: /* its type name may read locals: `(int (*)[n])buf` */
		if (e->a)
			uses_text(A, (struct ac_loc){ e->loc.start, e->a->loc.start }, u);
		break;
	case EX_ASSIGN:
		if (e->op == '=' && e->a && e->a->kind == EX_IDENT) {
			uses_skip_done(A, e->b, skip, done, u);
			return;
		}
		break;
	default:
		break;
	}
	uses_skip_done(A, e->a, skip, done, u);
	uses_skip_done(A, e->b, skip, done, u);
	uses_skip_done(A, e->c, skip, done, u);
	for (size_t i = 0; i < e->nargs; i++)
		uses_skip_done(A, e->args[i], skip, done, u);
}

static void uses_expr(struct an *A, const struct ac_expr *e, bits u)
{
	uses_skip(A, e, NULL, u);
}

/* Variables that evaluating `e` always assigns with `=` (not on the
 * conditional side of &&, || or ?:): their old values are dead after it. */
static bool jumps_out_of(const struct ac_stmt *s);

/* May evaluating `e` leave it half done: a goto, break, continue or return
 * in one of its statement expressions?  Then what it assigns later is not
 * sure to be assigned. */
static bool jumps_out(const struct ac_expr *e)
{
	if (!e)
		return false;
	if (e->stmts && jumps_out_of(e->stmts))
		return true;
	if (jumps_out(e->a) || jumps_out(e->b) || jumps_out(e->c))
		return true;
	for (size_t i = 0; i < e->nargs; i++)
		if (jumps_out(e->args[i]))
			return true;
	return false;
}

static bool jumps_out_of(const struct ac_stmt *s)
{
	for (; s; s = s->next) {
		if (s->kind == ST_GOTO || s->kind == ST_BREAK || s->kind == ST_CONTINUE ||
		    s->kind == ST_RETURN)
			return true;
		if (jumps_out(s->e1) || jumps_out(s->e2) || jumps_out(s->e3) ||
		    jumps_out_of(s->init) || jumps_out_of(s->body) || jumps_out_of(s->els))
			return true;
		if (s->decl)
			for (const struct ac_init_decl *i = s->decl->decls; i; i = i->next)
				if (jumps_out(i->init))
					return true;
	}
	return false;
}

/* Do the operands of this call go unevaluated (or only one of them, which
 * the text does not say)? */
static bool unevaluated_call(const struct ac_expr *e)
{
	static const char *const fns[] = { "__builtin_choose_expr", "__builtin_constant_p",
		"__builtin_object_size", "__builtin_dynamic_object_size",
		"__builtin_classify_type", "__builtin_types_compatible_p" };
	if (e->kind != EX_CALL || !e->a || e->a->kind != EX_IDENT || !e->a->name)
		return false;
	for (size_t i = 0; i < sizeof fns / sizeof *fns; i++)
		if (!strcmp(e->a->name, fns[i]))
			return true;
	return false;
}

/* The variables `e` surely assigns with `=` (not under &&, || or ?:, nor
 * in operands never evaluated), where the assignment ends at or after
 * offset `from`, the end of an await: one that ends before it (before the
 * await, or in its operand) runs before the suspension, which must save
 * the value. */
static void must_kill_from(const struct ac_expr *e, uint32_t from, bits k)
{
	if (!e)
		return;
	switch (e->kind) {
	case EX_ASSIGN:
		if (e->op == '=' && e->a && e->a->kind == EX_IDENT && tracked(e->a->var) &&
		    e->loc.end >= from)
			bset(k, e->a->var->id);
		must_kill_from(e->b, from, k);
		return;
	case EX_LOGAND:
	case EX_LOGOR:
	case EX_COND:
		must_kill_from(e->a, from, k);
		return;
	case EX_OPAQUE:
	case EX_IDENT:
	case EX_CONST:
		return;
	default:
		if (unevaluated_call(e))
			return;
		must_kill_from(e->a, from, k);
		must_kill_from(e->b, from, k);
		for (size_t i = 0; i < e->nargs; i++)
			must_kill_from(e->args[i], from, k);
		return;
	}
}

static void must_kill(const struct ac_expr *e, bits k)
{
	if (!jumps_out(e))
		must_kill_from(e, 0, k);
}

/* What is live at the label `name` (as far as known). */
static struct label_live *label(struct an *A, const char *name)
{
	for (struct label_live *l = A->labels; l; l = l->next)
		if (!strcmp(l->name, name))
			return l;
	struct label_live *l = AC_NEW(A->arena, struct label_live);
	A->kept++;
	A->labels_version++;
	l->name = name;
	l->live = bnew(A);
	l->next = A->labels;
	A->labels = l;
	return l;
}

/*
 * A statement expression may leave the expression that holds it: a goto, or
 * a break or continue of the loop or switch around it (`#define CHECK(x)
 * ({ if (!(x)) goto fail; })`).  What is live where it goes is live before
 * the expression.  A return needs only what it names, which the text of the
 * statement expression counts already.
 */
static void escapes_stmts(struct an *A, const struct ac_stmt *s, bool in_loop,
			  bool in_switch, bits live);

static void escapes_expr(struct an *A, const struct ac_expr *e, bool in_loop,
			 bool in_switch, bits live)
{
	if (!e)
		return;
	if (e->stmts)
		escapes_stmts(A, e->stmts, in_loop, in_switch, live);
	escapes_expr(A, e->a, in_loop, in_switch, live);
	escapes_expr(A, e->b, in_loop, in_switch, live);
	escapes_expr(A, e->c, in_loop, in_switch, live);
	for (size_t i = 0; i < e->nargs; i++)
		escapes_expr(A, e->args[i], in_loop, in_switch, live);
}

static void escapes_stmts(struct an *A, const struct ac_stmt *s, bool in_loop,
			  bool in_switch, bits live)
{
	for (; s; s = s->next) {
		bool loop = s->kind == ST_WHILE || s->kind == ST_DO || s->kind == ST_FOR;
		if (s->kind == ST_GOTO)
			bor(A, live, s->computed_goto ? A->all : label(A, s->label)->live);
		else if (s->kind == ST_BREAK && !in_loop && !in_switch && A->brk)
			bor(A, live, A->brk);
		else if (s->kind == ST_CONTINUE && !in_loop && A->cont)
			bor(A, live, A->cont);
		/* a loop's own header counts as outside it: taken for either */
		escapes_expr(A, s->e1, in_loop, in_switch, live);
		escapes_expr(A, s->e2, in_loop, in_switch, live);
		escapes_expr(A, s->e3, in_loop, in_switch, live);
		escapes_stmts(A, s->init, in_loop, in_switch, live);
		escapes_stmts(A, s->body, in_loop || loop, in_switch || s->kind == ST_SWITCH,
			      live);
		escapes_stmts(A, s->els, in_loop, in_switch, live);
		if (s->decl)
			for (const struct ac_init_decl *i = s->decl->decls; i; i = i->next)
				escapes_expr(A, i->init, in_loop, in_switch, live);
	}
}

/* live = uses(e) + (live - kills(e)) + where its statement expressions
 * jump to: the liveness before evaluating `e`. */
static void through_expr(struct an *A, const struct ac_expr *e, bits live)
{
	bits k = bnew(A);
	must_kill(e, k);
	for (size_t i = 0; i < A->w; i++)
		live[i] &= ~k[i];
	uses_expr(A, e, live);
	escapes_expr(A, e, false, false, live);
}

/* in = uses(e) + (out - kill(e)) */
static bits live_expr_stmt(struct an *A, const struct ac_expr *e, const uint64_t *out)
{
	bits in = bdup(A, out);
	through_expr(A, e, in);
	return in;
}

static bits live_stmt(struct an *A, struct ac_stmt *s, const uint64_t *out,
		      const uint64_t *brk, const uint64_t *cont);
static bits live_items(struct an *A, struct ac_stmt *first, const uint64_t *out,
		       const uint64_t *brk, const uint64_t *cont);

/* Each await in `e` (the whole expression `root`) resumes needing what `root`
 * still reads besides the await's own operand, and what is live `after`
 * `root` that `root` does not overwrite. */
static void point_live_in(struct an *A, const struct ac_expr *root,
			  const struct ac_expr *e, const uint64_t *after)
{
	if (!e || !e->has_await)
		return;
	if (e->kind == EX_OPAQUE && e->stmts) {
		/* a statement expression: its statements run on to what `root`
		 * still reads (not the operands of the awaits before it, which
		 * are temporaries by then) and what is live after that `root`
		 * does not overwrite after it; a break or continue in it may
		 * reach anything */
		bits out = bdup(A, after);
		bits k = bnew(A);
		if (!jumps_out(root))
			must_kill_from(root, e->loc.end, k);
		for (size_t i = 0; i < A->w; i++)
			out[i] &= ~k[i];
		uses_skip_done(A, root, e, e->loc.start, out);
		live_items(A, e->stmts, out, A->all, A->all);
		return;
	}
	if (e->kind == EX_AWAIT) {
		struct ac_point *p = A->res->by_await[e->await_id];
		if (p) {
			bits live = bdup(A, after);
			bits k = bnew(A);
			if (!jumps_out(root))
				must_kill_from(root, e->loc.end, k);
			for (size_t i = 0; i < A->w; i++)
				live[i] &= ~k[i];
			uses_skip_done(A, root, e->a, e->loc.start, live);
			escapes_expr(A, root, false, false, live);
			bits_copy(A, p->live, live);
		}
	}
	point_live_in(A, root, e->a, after);
	point_live_in(A, root, e->b, after);
	point_live_in(A, root, e->c, after);
	for (size_t i = 0; i < e->nargs; i++)
		point_live_in(A, root, e->args[i], after);
}

static void point_live(struct an *A, const struct ac_expr *e, const uint64_t *after)
{
	point_live_in(A, e, e, after);
}

/* ----------------------------------------------------------- statements */

static bits live_stmt(struct an *A, struct ac_stmt *s, const uint64_t *out,
		      const uint64_t *brk, const uint64_t *cont);

static bits live_decl(struct an *A, struct ac_stmt *s, const uint64_t *out)
{
	bits live = bdup(A, out);
	size_t n = 0;
	for (struct ac_init_decl *d = s->decl->decls; d; d = d->next)
		n++;
	struct ac_init_decl **v = malloc((n ? n : 1) * sizeof *v);
	if (!v)
		abort();
	n = 0;
	for (struct ac_init_decl *d = s->decl->decls; d; d = d->next)
		v[n++] = d;
	while (n-- > 0) { /* backwards */
		struct ac_init_decl *d = v[n];
		if ((d->var && d->var->in_frame) || d->decl->is_vla || s->decl->dspec->is_typedef)
			uses_text(A, d->decl->loc, live); /* array bounds, read here if VLAs' */
		if (d->var && tracked(d->var)) /* (not its own name in them) */
			bclr(live, d->var->id);
		point_live(A, d->init, live);
		if (d->init)
			through_expr(A, d->init, live);
		else if (d->init_is_list)
			uses_text(A, d->init_loc, live);
	}
	if (s->decl->dspec->typeof_type) /* `__typeof__(char[n]) buf;` */
		uses_text(A, s->decl->dspec->loc, live);
	free(v);
	return live;
}

/* Where the fixed point at loop `s`'s head starts: what it was the last
 * time, which is never more than it is now (what is live after the loop
 * only grows from one round of an enclosing loop to the next).  Starting
 * each round from nothing would run the body of a loop nested N deep 2^N
 * times. */
static bits loop_head(struct an *A, const struct ac_stmt *s)
{
	if (s->id >= 0 && s->id < A->f->nstmts && A->loop_heads[s->id])
		return A->loop_heads[s->id];
	bits head = bnew(A);
	A->kept++;
	if (s->id >= 0 && s->id < A->f->nstmts)
		A->loop_heads[s->id] = head;
	return head;
}

/* One round of loop `s` from what is live at its head: what is live there
 * before it.  while: the head is before the condition; do: the body's
 * entry, the condition after it; for: before the condition (the step
 * comes before the head, the body before the step). */
static bits loop_round(struct an *A, struct ac_stmt *s, const uint64_t *head,
		       const uint64_t *out)
{
	bits next;
	if (s->kind == ST_WHILE) {
		next = bdup(A, out);
		bits body = live_stmt(A, s->body, head, out, head);
		bor(A, next, body);
		point_live(A, s->e1, next);
		through_expr(A, s->e1, next);
	} else if (s->kind == ST_DO) {
		bits cond = bdup(A, out);
		bor(A, cond, head);
		point_live(A, s->e1, cond);
		through_expr(A, s->e1, cond);
		next = live_stmt(A, s->body, cond, out, cond);
	} else {
		point_live(A, s->e3, head);
		bits step = live_expr_stmt(A, s->e3, head);
		next = live_stmt(A, s->body, step, out, step);
		if (s->e2) {
			bor(A, next, out);
			point_live(A, s->e2, next);
			through_expr(A, s->e2, next);
		}
	}
	return next;
}

/* head = the fixed point of the rounds of loop `s` from `head`.  What a
 * round allocates is given back after it, unless something lasting (a
 * label, the head of a loop run the first time) came of it. */
static void loop_fix(struct an *A, struct ac_stmt *s, bits head, const uint64_t *out)
{
	for (bool same = false; !same;) {
		struct ac_arena_mark m = ac_arena_mark(A->arena);
		unsigned kept = A->kept;
		bits next = loop_round(A, s, head, out);
		same = beq(A, next, head);
		bits_copy(A, head, next);
		if (A->kept == kept)
			ac_arena_release(A->arena, m);
	}
}

/* What is live before loop `s`, `head` being what is at its head. */
static bits loop_entry(struct an *A, struct ac_stmt *s, const uint64_t *head,
		       const uint64_t *out)
{
	if (s->kind == ST_FOR && s->init)
		return live_stmt(A, s->init, head, out, out);
	return bdup(A, head); /* (the caller may change it: not the next start) */
}

/* The summary of closed loop `s`, worked out the first time it is asked
 * for (the summaries of the loops within first, when asked for by its
 * rounds). */
static struct loop_sum *loop_summary(struct an *A, struct ac_stmt *s)
{
	struct loop_sum *m = &A->sums[s->id];
	if (m->known)
		return m;
	bool quiet = A->quiet;
	A->quiet = true;
	bits none = bnew(A), head = bnew(A);
	loop_fix(A, s, head, none);
	bits_copy(A, m->gen, loop_entry(A, s, head, none));
	memset(head, 0, A->w * sizeof *head);
	loop_fix(A, s, head, A->ones);
	bits_copy(A, m->pass, loop_entry(A, s, head, A->ones));
	A->quiet = quiet;
	m->known = true;
	return m;
}

/* Are `a` (maybe none) and what `m` kept (`none`) the same? */
static bool same_edge(struct an *A, const uint64_t *a, const uint64_t *kept, bool none)
{
	return a ? !none && beq(A, a, kept) : none;
}

static void keep_edge(struct an *A, const uint64_t *a, bits kept, bool *none)
{
	*none = !a;
	if (a)
		bits_copy(A, kept, a);
}

/* A loop that is not closed: its rounds from what was live at its head
 * the last time, unless what it was run for is the same as the last time
 * (then what was live before it then, `m` being where that is kept). */
static bits live_open_loop(struct an *A, struct ac_stmt *s, const uint64_t *out,
			   struct loop_sum *m)
{
	const uint64_t *brk = A->brk, *cont = A->cont;
	if (m && m->memo && m->version == A->labels_version && beq(A, m->out, out) &&
	    same_edge(A, brk, m->brk, m->brk_null) && same_edge(A, cont, m->cont, m->cont_null))
		return bdup(A, m->in);
	unsigned version = A->labels_version;
	bits head = loop_head(A, s);
	loop_fix(A, s, head, out);
	bits in = loop_entry(A, s, head, out);
	if (m && (m->memo = version == A->labels_version)) {
		m->version = version;
		bits_copy(A, m->out, out);
		keep_edge(A, brk, m->brk, &m->brk_null);
		keep_edge(A, cont, m->cont, &m->cont_null);
		bits_copy(A, m->in, in);
	}
	return in;
}

/*
 * A loop: its rounds from what was live at its head the last time, to a
 * fixed point.  A closed loop takes what is live before it from its
 * summary while the rounds of a loop around it look for theirs (the points
 * within are given theirs by the last round, which comes after); else its
 * rounds find its head from nothing, the loops within by their summaries,
 * and one more round, which changes nothing, gives the points within what
 * they keep.  Rounds that ran each loop within in full would run the body
 * of a nest of loops N deep N^3 times.
 */
static bits live_loop(struct an *A, struct ac_stmt *s, const uint64_t *out)
{
	if (s->id < 0 || s->id >= A->f->nstmts)
		return live_open_loop(A, s, out, NULL);
	if (!A->sums[s->id].closed)
		return live_open_loop(A, s, out, A->sums[s->id].in ? &A->sums[s->id] : NULL);
	struct loop_sum *m = loop_summary(A, s);
	if (A->quiet) {
		bits in = bdup(A, out);
		for (size_t i = 0; i < A->w; i++)
			in[i] = m->gen[i] | (in[i] & m->pass[i]);
		return in;
	}
	bits head = bnew(A);
	A->quiet = true;
	loop_fix(A, s, head, out);
	A->quiet = false;
	loop_fix(A, s, head, out);
	return loop_entry(A, s, head, out);
}

/* `continue` in the body of a switch continues the enclosing loop. */
static bits live_switch(struct an *A, struct ac_stmt *s, const uint64_t *out,
			const uint64_t *cont)
{
	struct switch_ctx ctx = { bnew(A), false }, *saved = A->sw;
	A->sw = &ctx;
	live_stmt(A, s->body, out, out, cont);
	A->sw = saved;
	bits in = ctx.acc;
	if (!ctx.has_default)
		bor(A, in, out);
	point_live(A, s->e1, in);
	through_expr(A, s->e1, in);
	return in;
}

/* A block's items, backwards from what is live after the last. */
static bits live_items(struct an *A, struct ac_stmt *first, const uint64_t *out,
		       const uint64_t *brk, const uint64_t *cont)
{
	size_t n = 0;
	for (struct ac_stmt *i = first; i; i = i->next)
		n++;
	struct ac_stmt **v = malloc((n ? n : 1) * sizeof *v);
	if (!v)
		abort();
	n = 0;
	for (struct ac_stmt *i = first; i; i = i->next)
		v[n++] = i;
	bits in = bdup(A, out);
	while (n-- > 0) {
		in = live_stmt(A, v[n], in, brk, cont);
		struct ac_point *p = A->res->before[v[n]->id];
		if (p)
			bits_copy(A, p->live, in);
	}
	free(v);
	return in;
}

/*
 * asm goto ("..." : outputs : inputs : clobbers : L1, L2): the statement
 * may go on, or jump to any label of its last list; what is live there is
 * live before it.
 */
static void asm_goto_edges(struct an *A, struct ac_loc l, bits in)
{
	const char *t = A->src->text;
	struct ac_words s = { .t = t, .at = l.start, .end = l.end };
	uint32_t w, n, open = l.end;
	bool is_goto = false;
	while (ac_words_next(&s, &w, &n) && !is_goto) /* the words before '(' */
		is_goto = ac_word_is(t + w, n, "goto");
	for (uint32_t i = l.start; i < l.end && is_goto; i++)
		if (t[i] == '(') {
			open = i;
			break;
		}
	int depth = 0, colons = 0;
	uint32_t labels = l.end, close = l.end;
	for (uint32_t i = open; i < l.end; i++) {
		if (t[i] == '"' || t[i] == '\'' || (t[i] == '/' && (t[i + 1] == '*' || t[i + 1] == '/'))) {
			i = ac_text_skip_lexeme(t, i, l.end) - 1;
			continue;
		}
		depth += (t[i] == '(' || t[i] == '[') - (t[i] == ')' || t[i] == ']');
		if (depth == 0) {
			close = i;
			break;
		}
		if (depth == 1 && t[i] == ':' && ++colons == 4)
			labels = i + 1;
	}
	struct ac_words ls = { .t = t, .at = labels, .end = close };
	while (labels < close && ac_words_next(&ls, &w, &n)) {
		char *name = ac_arena_strndup(A->arena, t + w, n);
		bor(A, in, label(A, name)->live);
	}
}

static bits live_stmt_in(struct an *A, struct ac_stmt *s, const uint64_t *out,
			 const uint64_t *brk, const uint64_t *cont)
{
	bits in;
	switch (s->kind) {
	case ST_COMPOUND:
		return live_items(A, s->body, out, brk, cont);
	case ST_DECL:
		return live_decl(A, s, out);
	case ST_EXPR:
		point_live(A, s->e1, out);
		return live_expr_stmt(A, s->e1, out);
	case ST_IF: {
		bits t = live_stmt(A, s->body, out, brk, cont);
		bits e = s->els ? live_stmt(A, s->els, out, brk, cont) : bdup(A, out);
		bor(A, t, e);
		point_live(A, s->e1, t);
		through_expr(A, s->e1, t);
		return t;
	}
	case ST_WHILE:
	case ST_DO:
	case ST_FOR:
		return live_loop(A, s, out);
	case ST_SWITCH:
		return live_switch(A, s, out, cont);
	case ST_CASE:
	case ST_DEFAULT:
		in = live_stmt(A, s->body, out, brk, cont);
		if (A->sw) {
			bor(A, A->sw->acc, in);
			if (s->kind == ST_DEFAULT)
				A->sw->has_default = true;
		}
		return in;
	case ST_LABEL: {
		in = live_stmt(A, s->body, out, brk, cont);
		struct label_live *l = label(A, s->label);
		bits merged = bdup(A, l->live);
		bor(A, merged, in);
		if (!beq(A, merged, l->live)) {
			bits_copy(A, l->live, merged);
			A->labels_changed = true;
			A->labels_version++;
		}
		return in;
	}
	case ST_GOTO:
		if (s->computed_goto) { /* `goto *tbl[await f()]`: anywhere next */
			point_live(A, s->e1, A->all);
			in = bdup(A, A->all);
			uses_expr(A, s->e1, in);
			return in;
		}
		return bdup(A, label(A, s->label)->live);
	case ST_BREAK:
		return bdup(A, brk ? brk : out);
	case ST_CONTINUE:
		return bdup(A, cont ? cont : out);
	case ST_RETURN:
		in = bnew(A);
		point_live(A, s->e1, in);
		through_expr(A, s->e1, in);
		return in;
	case ST_ASM:
		in = bdup(A, out);
		asm_goto_edges(A, s->loc, in);
		uses_text(A, s->loc, in);
		return in;
	case ST_OTHER:
		in = bdup(A, out);
		uses_text(A, s->loc, in);
		return in;
	case ST_EMPTY:
		return bdup(A, out);
	}
	return bdup(A, out);
}

static bits live_stmt(struct an *A, struct ac_stmt *s, const uint64_t *out,
		      const uint64_t *brk, const uint64_t *cont)
{
	if (!s)
		return bdup(A, out);
	const uint64_t *saved_brk = A->brk, *saved_cont = A->cont;
	A->brk = brk;
	A->cont = cont;
	bits in = live_stmt_in(A, s, out, brk, cont);
	A->brk = saved_brk;
	A->cont = saved_cont;
	return in;
}

/* ----------------------------------------------------- scope and points */

struct scope_walk {
	struct an *A;
	bits scope;
};

static bool fix_shadowing(struct an *A, struct ac_point *p, const uint64_t *scope);

static void scope_stmt(struct an *A, struct ac_stmt *s, bits scope, bool *changed);

/* Only what is in `scope` can be saved and restored at `p`.  A variable of
 * an enclosing block live there but declared after it (a `goto` back before
 * its declaration, then forward past it: `again: await f(); if (done) goto
 * use; int x = 1; done = 1; goto again; use: return x;`) lives in the frame.
 * Returns whether one was put there. */
static bool restrict_point(struct an *A, struct ac_point *p, const uint64_t *scope)
{
	bool changed = false;
	for (int i = 0; i < A->res->nvars; i++) {
		struct ac_var *v = A->res->vars[i];
		if (ac_bit(p->live, i) && !ac_bit(scope, i) && ac_bit(A->block, i) &&
		    tracked(v) && !v->never_in_frame) {
			v->in_frame = true;
			changed = true;
		}
	}
	for (size_t i = 0; i < A->w; i++)
		p->live[i] &= scope[i];
	return changed;
}

/* Marks in `b` the variables the block whose first item is `s` declares
 * (after labels too: `use: int x;`). */
static void block_vars(const struct ac_stmt *s, bits b)
{
	for (; s; s = s->next) {
		const struct ac_stmt *d = s;
		while (d && (d->kind == ST_LABEL || d->kind == ST_CASE || d->kind == ST_DEFAULT))
			d = d->body;
		if (d && d->kind == ST_DECL)
			for (const struct ac_init_decl *i = d->decl->decls; i; i = i->next)
				if (i->var)
					bset(b, i->var->id);
	}
}

/* scope_stmt over the items of a block from `first`. */
static void scope_block(struct an *A, struct ac_stmt *first, const uint64_t *scope,
			bool *changed)
{
	bits inner = bdup(A, scope), outer = A->block;
	A->block = bdup(A, outer);
	block_vars(first, A->block);
	for (struct ac_stmt *i = first; i; i = i->next)
		scope_stmt(A, i, inner, changed);
	A->block = outer;
}


static void scope_expr(struct an *A, const struct ac_expr *e, const uint64_t *scope,
		       bool *changed)
{
	if (!e || !e->has_await)
		return;
	if (e->kind == EX_OPAQUE && e->stmts) { /* a block of its own */
		scope_block(A, e->stmts, scope, changed);
		return;
	}
	if (e->kind == EX_AWAIT) {
		struct ac_point *p = A->res->by_await[e->await_id];
		if (p) {
			*changed |= restrict_point(A, p, scope);
			*changed |= fix_shadowing(A, p, scope);
		}
	}
	scope_expr(A, e->a, scope, changed);
	scope_expr(A, e->b, scope, changed);
	scope_expr(A, e->c, scope, changed);
	for (size_t i = 0; i < e->nargs; i++)
		scope_expr(A, e->args[i], scope, changed);
}

/* A saved variable hidden by an inner one of the same name cannot be named
 * where it is restored: it lives in the frame instead. */
static bool fix_shadowing(struct an *A, struct ac_point *p, const uint64_t *scope)
{
	bool changed = false;
	for (int i = 0; i < A->res->nvars; i++) {
		struct ac_var *v = A->res->vars[i];
		if (!ac_bit(p->live, i) || !v->shadowed_name || v->never_in_frame ||
		    v->in_frame)
			continue;
		for (int j = 0; j < A->res->nvars; j++) {
			struct ac_var *w = A->res->vars[j];
			if (j != i && ac_bit(scope, j) && w->depth > v->depth &&
			    !strcmp(w->name, v->name)) {
				v->in_frame = true;
				changed = true;
			}
		}
	}
	return changed;
}

static void scope_stmt(struct an *A, struct ac_stmt *s, bits scope, bool *changed)
{
	if (!s)
		return;
	struct ac_point *p = A->res->before[s->id];
	if (p) {
		*changed |= restrict_point(A, p, scope);
		*changed |= fix_shadowing(A, p, scope);
	}
	switch (s->kind) {
	case ST_COMPOUND:
		scope_block(A, s->body, scope, changed);
		return;
	case ST_DECL:
		for (struct ac_init_decl *d = s->decl->decls; d; d = d->next) {
			scope_expr(A, d->init, scope, changed);
			if (d->var)
				bset(scope, d->var->id);
		}
		return;
	case ST_FOR: {
		bits inner = bdup(A, scope);
		scope_stmt(A, s->init, inner, changed);
		scope_expr(A, s->e2, inner, changed);
		scope_expr(A, s->e3, inner, changed);
		scope_stmt(A, s->body, inner, changed);
		return;
	}
	default:
		scope_expr(A, s->e1, scope, changed);
		scope_stmt(A, s->body, scope, changed);
		scope_stmt(A, s->els, scope, changed);
		return;
	}
}

/* ------------------------------------------ declarations jumped past */

/*
 * A jump may enter a variable's scope past its declaration: a case label
 * after it whose switch is before it, a label after it that a goto before
 * it or after its block (or a computed goto, or an asm goto, anywhere)
 * names.  There the variable holds no value, and a suspension on that path
 * would copy it into the frame (a read of an indeterminate local that the
 * program never does, which clang calls uninitialized):
 *
 *   switch (n) {
 *   case 0:; int d = await f(); ...; break;
 *   case 1: await g(); ...          (saving d here reads nothing written)
 *
 * Such a variable that a suspension would save lives in the frame instead,
 * which no suspension copies.
 */
struct jump {
	const char *label; /* a goto's or a label's name; NULL: a case, or a
			      jump that may reach any label */
	uint32_t at, from; /* where it lands, where it leaves from */
};

struct jumps {
	struct jump *v;
	size_t n, cap;
	struct jump *labels;
	size_t nlabels, caplabels;
};

static void add_jump(struct jump **v, size_t *n, size_t *cap, struct jump j)
{
	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 16;
		*v = realloc(*v, *cap * sizeof **v);
		if (!*v)
			abort();
	}
	(*v)[(*n)++] = j;
}

static void jumps_stmts(struct an *A, const struct ac_stmt *s, uint32_t sw,
			struct jumps *J);

static void jumps_expr(struct an *A, const struct ac_expr *e, uint32_t sw,
		       struct jumps *J)
{
	if (!e || !e->has_await)
		return;
	if (e->stmts)
		jumps_stmts(A, e->stmts, sw, J);
	jumps_expr(A, e->a, sw, J);
	jumps_expr(A, e->b, sw, J);
	jumps_expr(A, e->c, sw, J);
	for (size_t i = 0; i < e->nargs; i++)
		jumps_expr(A, e->args[i], sw, J);
}

/* The jumps of statements `s` and on, in the switch that starts at `sw`. */
static void jumps_stmts(struct an *A, const struct ac_stmt *s, uint32_t sw,
			struct jumps *J)
{
	for (; s; s = s->next) {
		if ((s->kind == ST_CASE || s->kind == ST_DEFAULT) && sw != UINT32_MAX)
			add_jump(&J->v, &J->n, &J->cap, (struct jump){ NULL, s->loc.start, sw });
		else if (s->kind == ST_LABEL)
			add_jump(&J->labels, &J->nlabels, &J->caplabels,
				 (struct jump){ s->label, s->loc.start, 0 });
		else if (s->kind == ST_GOTO)
			add_jump(&J->v, &J->n, &J->cap, (struct jump){
				s->computed_goto ? NULL : s->label, UINT32_MAX, s->loc.start });
		else if (s->kind == ST_ASM &&
			 ac_words_count(A->src->text, s->loc.start, s->loc.end, "goto"))
			add_jump(&J->v, &J->n, &J->cap,
				 (struct jump){ NULL, UINT32_MAX, s->loc.start });
		jumps_expr(A, s->e1, sw, J);
		jumps_expr(A, s->e2, sw, J);
		jumps_expr(A, s->e3, sw, J);
		jumps_stmts(A, s->init, sw, J);
		jumps_stmts(A, s->body, s->kind == ST_SWITCH ? s->loc.start : sw, J);
		jumps_stmts(A, s->els, sw, J);
		if (s->decl)
			for (const struct ac_init_decl *i = s->decl->decls; i; i = i->next)
				jumps_expr(A, i->init, sw, J);
	}
}

static bool in_scope(const struct ac_var *v, uint32_t at)
{
	return v->scope_start <= at && at < v->scope_end;
}

static bool jumped_past(const struct jumps *J, const struct ac_var *v)
{
	for (size_t i = 0; i < J->n; i++) {
		const struct jump *j = &J->v[i];
		if (in_scope(v, j->from))
			continue;
		if (j->at != UINT32_MAX) { /* a case label */
			if (in_scope(v, j->at))
				return true;
			continue;
		}
		for (size_t k = 0; k < J->nlabels; k++)
			if (in_scope(v, J->labels[k].at) &&
			    (!j->label || !strcmp(j->label, J->labels[k].label)))
				return true;
	}
	return false;
}

/* Puts in the frame the variables of the function that a suspension would
 * save and a jump may reach uninitialized; returns whether there were any. */
static bool frame_jumped_past(struct an *A)
{
	struct jumps J = { 0 };
	bool changed = false;
	jumps_stmts(A, A->f->body, UINT32_MAX, &J);
	for (int k = 0; k < A->res->nvars && (J.n || J.nlabels); k++) {
		struct ac_var *v = A->res->vars[k];
		if (!tracked(v) || v->param || v->never_in_frame)
			continue;
		bool saved = false;
		for (int i = 0; i < A->res->npoints && !saved; i++)
			saved = ac_bit(A->res->points[i].live, k);
		if (saved && jumped_past(&J, v)) {
			v->in_frame = true;
			changed = true;
		}
	}
	free(J.v);
	free(J.labels);
	return changed;
}

/* ------------------------------------------- parameters never assigned */

struct refs {
	const struct ac_var *v;
	int reads;      /* names of v in the tree */
	bool written;   /* ... one of them assigned, incremented or decremented */
};

static const struct ac_expr *unparen(const struct ac_expr *e)
{
	while (e && e->kind == EX_PAREN)
		e = e->a;
	return e;
}

/* Does storing to `e` store to `v`: `v`, `__real__ v`, an element of `v`
 * when `v` (no pointer, no array) may be a vector (`v[1] = x`), or a call
 * (a macro, then) given `v`? */
static bool names_var(const struct ac_expr *e, const struct ac_var *v)
{
	e = unparen(e);
	if (e && e->kind == EX_UNARY && (e->op == REAL || e->op == IMAG))
		return names_var(e->a, v);
	if (e && e->kind == EX_INDEX && v->param && !v->param->decl->is_pointer &&
	    !v->param->decl->is_array)
		return names_var(e->a, v);
	if (e && e->kind == EX_CALL) /* a macro stored to: `LVAL(n) = 5` */
		for (size_t i = 0; i < e->nargs; i++)
			if (names_var(e->args[i], v))
				return true;
	return e && e->kind == EX_IDENT && e->var == v;
}

static void refs_stmt(struct refs *r, const struct ac_stmt *s);

static void refs_expr(struct refs *r, const struct ac_expr *e)
{
	if (!e)
		return;
	if (e->kind == EX_IDENT && e->var == r->v)
		r->reads++;
	if ((e->kind == EX_ASSIGN || e->kind == EX_POSTFIX ||
	     (e->kind == EX_UNARY && (e->op == INC_OP || e->op == DEC_OP))) &&
	    names_var(e->a, r->v))
		r->written = true;
	refs_expr(r, e->a);
	refs_expr(r, e->b);
	refs_expr(r, e->c);
	for (size_t i = 0; i < e->nargs; i++)
		refs_expr(r, e->args[i]);
	for (const struct ac_stmt *i = e->stmts; i; i = i->next)
		refs_stmt(r, i);
}

static void refs_stmt(struct refs *r, const struct ac_stmt *s)
{
	for (; s; s = s->next) {
		refs_expr(r, s->e1);
		refs_expr(r, s->e2);
		refs_expr(r, s->e3);
		if (s->decl)
			for (const struct ac_init_decl *d = s->decl->decls; d; d = d->next)
				refs_expr(r, d->init);
		refs_stmt(r, s->init);
		refs_stmt(r, s->body);
		refs_stmt(r, s->els);
	}
}

/*
 * A parameter keeps in its frame slot what f__init stored there, so a
 * suspension need not store it again, unless the body may assign it.  The
 * proof is on the tree and the text together: no assignment, ++ or -- in
 * the tree names it, and every word of the body that spells its name is a
 * name of it in the tree.  So text the parser kept no tree for (asm
 * operands, initializer lists, sizeof operands), a shadowing declaration,
 * a label of that name, disqualify it.  (Its address taken, it lives in
 * the frame anyway; a macro naming it is expanded before translation.)
 * One the body never names at all is not even read into a local (which
 * -Wall would call set but not used).
 */
static void find_unchanged(struct an *A)
{
	for (struct ac_var *v = A->f->vars; v; v = v->next) {
		if (!v->param || !tracked(v))
			continue;
		struct refs r = { .v = v };
		refs_stmt(&r, A->f->body);
		int words = ac_words_count(A->src->text, A->f->body_loc.start,
					    A->f->body_loc.end, v->name);
		v->unnamed_in_body = r.reads == 0 && words == 0;
		v->unchanged = !v->shadowed_name && !r.written && r.reads == words;
	}
}

/* ---------------------------------------------------------------- setup */

static void add_point(struct an *A, struct ac_expr *await, struct ac_stmt *s,
		      uint32_t offset)
{
	struct ac_analysis *r = A->res;
	struct ac_point *p = &r->points[r->npoints++];
	p->await = await;
	p->stmt = s;
	p->state = r->npoints;
	p->line = ac_source_main_line(A->src, offset); /* (the file of the dump's table) */
	p->live = bnew(A);
	int same = 0;
	for (int i = 0; i < r->npoints - 1; i++)
		same += r->points[i].line == p->line;
	p->suffix = same ? ac_arena_printf(A->arena, "L%u_%d", p->line, same + 1)
			 : ac_arena_printf(A->arena, "L%u", p->line);
	p->label = ac_arena_printf(A->arena, "ac_%s", p->suffix);
}

/* `__label__ a, b;` must open its block: no point goes before it. */
static bool declares_local_labels(struct an *A, const struct ac_stmt *s)
{
	const char *t = A->src->text + s->loc.start;
	return s->kind == ST_OTHER && s->loc.end - s->loc.start > 9 &&
	       !memcmp(t, "__label__", 9) && !ac_is_ident_char(t[9]);
}

static void stress_points(struct an *A, struct ac_stmt *s)
{
	if (!s)
		return;
	if (s->kind == ST_COMPOUND) {
		for (struct ac_stmt *i = s->body; i; i = i->next) {
			if (i->kind != ST_CASE && i->kind != ST_DEFAULT &&
			    i->kind != ST_LABEL && !declares_local_labels(A, i)) {
				add_point(A, NULL, i, i->loc.start);
				A->res->before[i->id] = &A->res->points[A->res->npoints - 1];
			}
			stress_points(A, i);
		}
		return;
	}
	if (s->kind == ST_FOR)
		stress_points(A, s->init);
	stress_points(A, s->body);
	stress_points(A, s->els);
}

static int count_stmts_max(struct ac_func *f)
{
	return f->nstmts + 1;
}

/* Whether the specifiers at `l` declare an ac_group (qualifiers aside). */
static bool names_group(const char *t, struct ac_loc l)
{
	static const char *const skip[] = { "const", "volatile", "register", "auto",
					    "__extension__", "struct" };
	int groups = 0, others = 0;
	for (uint32_t i = l.start; i < l.end;) {
		uint32_t j = i;
		while (j < l.end && ac_is_ident_char(t[j]))
			j++;
		if (j == i) {
			i++;
			continue;
		}
		bool skipped = false;
		for (size_t k = 0; k < sizeof skip / sizeof *skip && !skipped; k++)
			skipped = strlen(skip[k]) == j - i && !memcmp(skip[k], t + i, j - i);
		if (j - i == 8 && !memcmp(t + i, "ac_group", 8))
			groups++;
		else if (!skipped)
			others++;
		i = j;
	}
	return groups == 1 && others == 0;
}

/*
 * A local `ac_group g;` belongs to the frame like the tasks the function
 * creates: the function initialises it when it starts and awaits
 * ac_group_wait(&g) at its end, after every return, cancelled or not
 * (emit.c), so that its owner never returns while children run.  It lives
 * in the frame from start to end.
 */
static void find_groups(struct an *A)
{
	for (struct ac_var *v = A->f->vars; v; v = v->next) {
		if (v->param || v->is_static || !v->decl || !v->dspec ||
		    v->decl->decl->is_pointer || v->decl->decl->is_function ||
		    v->dspec->is_typedef || !names_group(A->src->text, v->dspec->loc))
			continue;
		struct ac_loc at = v->decl->decl->loc;
		if (v->is_array || v->never_in_frame) {
			ac_diag_at(A->diag, A->src, AC_ERROR, at.start, at.end,
				   v->is_array ? "an array of task groups in async function '%s': "
				   "asyncc waits for each 'ac_group' local when the function "
				   "returns, and cannot for an array; declare the groups one by one"
				   : "a task group declared in a statement expression of async "
				   "function '%s': asyncc waits for each 'ac_group' local when the "
				   "function returns, and cannot for this one", A->f->proto->name);
			A->nerrors++;
			continue;
		}
		v->is_group = true;
		v->in_frame = true;
	}
}

/* Is an await where `v` may hold a value the step must find again when it
 * resumes?  Where `v` is in scope, or before it in its block when a label
 * there may take the step back (`again: await f(); ... int a[2]; ... goto
 * again;`): `v` lives from its block's start to its end.  If not, no
 * resumed step jumps past its declaration, and no pointer to it outlives
 * its block: it stays a local of the step function as written, whatever
 * it is (an array, a struct, a local whose address is taken). */
static bool awaits_within(const struct ac_func *f, uint32_t from, uint32_t to)
{
	for (int i = 0; i < f->nawaits; i++)
		if (f->awaits[i]->loc.start >= from && f->awaits[i]->loc.start < to)
			return true;
	return false;
}

bool ac_awaits_in_lifetime(const struct ac_func *f, const struct ac_var *v)
{
	if (f->stressed || awaits_within(f, v->scope_start, v->scope_end))
		return true;
	for (size_t i = 0; i < f->nlabels; i++)
		if (f->labels[i] >= v->block_start && f->labels[i] < v->scope_start)
			return awaits_within(f, v->block_start, v->scope_start);
	return false;
}

/* `typeof(a) b;` may declare an array, which decays to a pointer into the
 * frame only if it lives there. */
static bool maybe_array(const struct ac_var *v)
{
	return v->decl && v->dspec && v->dspec->typeof_type &&
	       !v->decl->decl->wrapped && !v->decl->decl->suffixed;
}

static void collect_vars(struct an *A)
{
	struct ac_analysis *r = A->res;
	r->nvars = A->f->nvars;
	r->vars = ac_arena_alloc(A->arena, (size_t)(r->nvars + 1) * sizeof *r->vars);
	for (struct ac_var *v = A->f->vars; v; v = v->next) {
		r->vars[v->id] = v;
		v->maybe_array = maybe_array(v);
		/* (a statement expression's type is never an array's) */
		if ((v->address_taken || v->is_array || v->is_const || v->stored_by_copy ||
		     (v->maybe_array && !v->typed_by_block)) &&
		    !v->never_in_frame && !v->is_vla && /* (no await in a VLA's scope) */
		    (v->is_task || v->param || ac_awaits_in_lifetime(A->f, v)))
			v->in_frame = !v->is_static;
	}
	A->all = bnew(A);
	for (int i = 0; i < r->nvars; i++)
		if (tracked(r->vars[i]))
			bset(A->all, i);
}

/* What in statements `s` and on keeps the loops around them from being
 * closed: OPEN_JUMP a goto, a label, an asm goto, a statement expression in
 * a loop's head; OPEN_CASE a case of a switch not within; OPEN_BLOCK (of an
 * expression) a statement expression.  Marks the loops closed or not. */
enum { OPEN_JUMP = 1, OPEN_CASE = 2, OPEN_BLOCK = 4 };

static int open_stmts(struct an *A, const struct ac_stmt *s);

static int open_expr(struct an *A, const struct ac_expr *e)
{
	if (!e)
		return 0;
	int open = open_expr(A, e->a) | open_expr(A, e->b) | open_expr(A, e->c);
	for (size_t i = 0; i < e->nargs; i++)
		open |= open_expr(A, e->args[i]);
	if (e->stmts)
		open |= OPEN_BLOCK | open_stmts(A, e->stmts);
	return open;
}

static int open_stmts(struct an *A, const struct ac_stmt *s)
{
	int open = 0;
	for (; s; s = s->next) {
		bool loop = s->kind == ST_WHILE || s->kind == ST_DO || s->kind == ST_FOR;
		int o = 0;
		if (s->kind == ST_GOTO || s->kind == ST_LABEL ||
		    (s->kind == ST_ASM &&
		     ac_words_count(A->src->text, s->loc.start, s->loc.end, "goto")))
			o |= OPEN_JUMP;
		if (s->kind == ST_CASE || s->kind == ST_DEFAULT)
			o |= OPEN_CASE;
		int head = open_expr(A, s->e1) | open_expr(A, s->e2) | open_expr(A, s->e3);
		if (loop && (head & OPEN_BLOCK))
			o |= OPEN_JUMP;
		o |= head;
		if (s->decl)
			for (const struct ac_init_decl *i = s->decl->decls; i; i = i->next)
				o |= open_expr(A, i->init);
		o |= open_stmts(A, s->init) | open_stmts(A, s->els);
		o |= open_stmts(A, s->body) & ~(s->kind == ST_SWITCH ? OPEN_CASE : 0);
		o &= ~OPEN_BLOCK;
		if (loop && !o && s->id >= 0 && s->id < A->f->nstmts) {
			struct loop_sum *m = &A->sums[s->id];
			m->closed = true;
			m->gen = bnew(A);
			m->pass = bnew(A);
		} else if (loop && !(o & OPEN_CASE) && s->id >= 0 && s->id < A->f->nstmts) {
			struct loop_sum *m = &A->sums[s->id];
			m->out = bnew(A);
			m->brk = bnew(A);
			m->cont = bnew(A);
			m->in = bnew(A);
		}
		open |= o;
	}
	return open;
}

static void run_liveness(struct an *A)
{
	size_t n = (size_t)A->f->nstmts + 1;
	A->loop_heads = ac_arena_alloc(A->arena, n * sizeof *A->loop_heads);
	memset(A->loop_heads, 0, n * sizeof *A->loop_heads);
	for (size_t i = 0; i < n; i++) /* (A->all may have changed) */
		A->sums[i].known = A->sums[i].memo = false;
	for (int iter = 0; iter < 100; iter++) {
		A->labels_changed = false;
		bits none = bnew(A);
		live_stmt(A, A->f->body, none, NULL, NULL);
		if (!A->labels_changed)
			break;
	}
}

int ac_analyze(struct ac_func *f, struct ac_source *src, struct ac_diag *diag,
	       struct ac_arena *arena)
{
	struct ac_analysis *r = AC_NEW(arena, struct ac_analysis);
	struct an A = { .f = f, .res = r, .src = src, .diag = diag, .arena = arena };
	for (const struct ac_var *v = f->vars; v; v = v->next)
		A.has_vla |= v->is_vla;
	f->analysis = r;
	A.w = (size_t)(f->nvars + 64) / 64;
	r->words = A.w;
	A.ones = bnew(&A);
	memset(A.ones, 0xff, A.w * sizeof *A.ones);
	A.sums = ac_arena_alloc(arena, ((size_t)f->nstmts + 1) * sizeof *A.sums);
	open_stmts(&A, f->body);
	if (!f->stressed)
		find_groups(&A);
	collect_vars(&A);
	int maxpoints = f->nawaits + (f->stressed ? count_stmts_max(f) : f->nvars);
	r->points = ac_arena_alloc(arena, (size_t)(maxpoints + 1) * sizeof *r->points);
	r->by_await = ac_arena_alloc(arena, (size_t)(f->nawaits + 1) * sizeof *r->by_await);
	r->before = ac_arena_alloc(arena, (size_t)(f->nstmts + 1) * sizeof *r->before);
	if (f->stressed) {
		stress_points(&A, f->body);
	} else {
		for (int i = 0; i < f->nawaits; i++) {
			add_point(&A, f->awaits[i], NULL, f->awaits[i]->loc.start);
			r->by_await[i] = &r->points[r->npoints - 1];
		}
		/* the waits for the groups, at the closing brace: nothing
		 * but the frame is live there */
		for (struct ac_var *v = f->vars; v; v = v->next)
			if (v->is_group) {
				add_point(&A, NULL, NULL, f->body_loc.end ? f->body_loc.end - 1 : 0);
				r->points[r->npoints - 1].group = v;
			}
	}
	for (int pass = 0; pass < 8; pass++) {
		run_liveness(&A);
		bits scope = bnew(&A);
		for (struct ac_var *v = f->vars; v; v = v->next)
			if (v->param)
				bset(scope, v->id);
		bool changed = false;
		A.block = bnew(&A);
		scope_stmt(&A, f->body, scope, &changed);
		changed |= frame_jumped_past(&A);
		if (!changed)
			break;
		for (int i = 0; i < r->nvars; i++) /* in_frame may have grown */
			if (!tracked(r->vars[i]))
				bclr(A.all, i);
		/* what the labels were found to need grows from pass to pass:
		 * not the variables that now live in the frame */
		for (struct label_live *l = A.labels; l; l = l->next)
			for (size_t i = 0; i < A.w; i++)
				l->live[i] &= A.all[i];
	}
	for (int i = 0; i < r->npoints; i++)
		for (int k = 0; k < r->nvars; k++)
			if (ac_bit(r->points[i].live, k))
				r->vars[k]->spilled = true;
	find_unchanged(&A);
	return A.nerrors;
}
