/*
 * emitter.h - the state the emitter's files share: emit.c (the output,
 * statements and functions), lower.c (expressions holding awaits),
 * frame.c (what a frame holds), bodytypes.c (the body's types it names)
 * and names.c (fresh names).
 */
#ifndef AC_EMITTER_H
#define AC_EMITTER_H

#include "emit.h"
#include "analyze.h"

#include <stdint.h>


/*
 * Names the translation makes up must not capture or be captured by the
 * user's (a local `ac_t0`, a label `ac_return`, an enumerator `F`, a macro
 * `result`): each is chosen fresh for the translation unit, its spelling
 * with '_' appended until no word of the input spells it.  The generated
 * text names the fixed ones through these markers, replaced once the unit
 * is emitted (see resolve_names).
 */
#define FP "\001F"     /* the frame pointer, F */
#define HDR "\001h"    /* the frame's task header member, hdr */
#define RES "\001r"    /* its result member, result */
#define AW "\001a"     /* its union of callee frames, aw */
#define TASK "\001t"   /* ... and that union's task pointer, task */
#define RET "\001R"    /* the label of the function's end, ac_return */
#define SELF "\001s"   /* the step function's parameter, ac_self */
#define IDX "\001i"    /* a loop index, ac_i */
#define MAINF "\001M"  /* main's frame, M */
#define RC "\001c"     /* main's status, rc */
#define SSTATE "\001x" /* --stress-resume frames: the state member, state */
#define STATE "\001T"  /* F->hdr.state */
#define FLAGS "\001L"  /* F->hdr.flags */
#define TRES "\001P"   /* ac__value_of(F->aw.task) */
#define GLUE "\001G"   /* a line of its own: #line back to the generated file */
#define LINE_MARK "\002" /* around a .ca line number: __LINE__ or its value */

/* The casts of __builtin_memcpy's arguments where an object of a const or
 * volatile type is copied: through an integer, which takes the qualifier
 * away with no pointer-to-pointer cast for -Wcast-qual to warn of. */
#define TO_BYTES "(void *)(unsigned long)"
#define FROM_BYTES "(const void *)(unsigned long)"

struct wordset {
	struct word { const char *s; uint32_t n; } *slots;
	size_t cap, len;
};

struct temp {
	struct temp *next, **link; /* link: what points to it in the list */
	char *name;
	const char *type;       /* member declaration with %s for the name */
	uint32_t at;            /* the user's text it holds the value of */
	uint64_t *spilled_at;   /* points where it is saved (bitset by point) */
	bool spilled;
	bool bytes;             /* of a struct with a const member: copied */
	struct ac_expr *cond;   /* the ?: whose value it holds, or NULL */
	int weight;             /* ... the ?: held by the temporaries whose
				    types its type spells, itself counted */
	bool names;             /* its type names temporaries (of ?: within),
				    declared before it: in the step only */
	const char *expanded;   /* ... its type spelled out, once asked */
};

/* A compound literal moved into the frame. */
struct literal {
	struct literal *next;
	char *decl;
	uint32_t at;            /* the user's text its type is of */
};

struct emitter {
	struct ac_unit *unit;
	struct ac_source *src;
	struct ac_diag *diag;
	const struct ac_emit_options *opt;
	struct ac_arena *arena;
	struct ac_strbuf *out;
	int nerrors;

	/* The function being emitted. */
	struct ac_func *f;
	struct ac_analysis *an;
	struct ac_func *outside_of; /* (frame.c) for this function: */
	const char **outside_names; /* its locals' names, a hash table */
	bool *outside;              /* used where no local of the name is */
	size_t outside_cap;
	const char *fname;       /* NAME of NAME__frame, NAME__step */
	bool stress;
	bool dirty;              /* generated lines since the last #line */
	struct temp *temps, **temps_tail;
	int ntemps;
	struct temp **live_temps; /* temps of the statement being lowered */
	int nlive_temps;
	size_t caplive;
	int live_base;           /* temporaries live around a statement expression */
	int nloops;
	bool has_return;
	bool heap_await;         /* some await needs a heap callee */
	struct ac_strbuf aw;     /* members of the callee-frame union */
	bool named_local_type;   /* a type of the frame names one of the body's */
	bool typing;             /* rendering for a __typeof__ at file scope */
	bool in_step;            /* ... or an unevaluated operand in the step
				    function, starting at unevaluated_at:
				    locals in scope there keep their names */
	uint32_t unevaluated_at;
	int keeping;             /* rendering a value kept across a suspension */
	int choosing;            /* typing __builtin_choose_expr's constant */
	bool by_name;            /* typing a ?:'s temporary for the step:
				    the temporaries of the ?: within, whose
				    types are long, by name */
	bool named;              /* ... one was named */
	int weight;              /* ... the largest weight spelled out */
	struct ac_lowered_build *keeping_comma; /* lower.c: the value of a
				    comma being kept, as it is rendered */
	bool in_static;          /* rendering a static's initializer: its
				    compound literals are static too */
	struct ac_strbuf *mapped_buf; /* where the last #line went, */
	size_t mapped_at;        /* ... just after it, */
	uint32_t mapped_line;    /* ... and the line it named */
	const char *mapped_file;
	struct wordset words;    /* every identifier of the input */
	struct wordset macros;   /* the macros it defines */
	struct wordset self_macros; /* the headers' macros that name themselves */
	struct wordset hidden;   /* those set aside around the function being
				    emitted (hide_macros) */
	struct literal *lits;    /* compound literals living in the frame */
	struct moved_type {      /* types of the body declared before the frame */
		uint32_t start, end;     /* the text blanked in the body */
		char *orig;              /* what it held */
		char *def;               /* the declaration before the frame */
		uint32_t line;           /* where it was: the text's offset */
	} *moved;
	size_t nmoved, capmoved;
	int nanon;               /* tags given to types without one */
	int nlits;
	const char *indent;
	uint32_t skip_to;        /* sync() consumed the source up to here */
	const char *cur_file;    /* preprocessed input: the logical file */
	bool cur_in_main;        /* ... and whether it is the main one */
	uint32_t pin;            /* generated lines go to this offset's line */
	bool pinned;
	struct ac_source *unit_src; /* the input (E->src may be its expansion) */
};

/* A replacement for the source text [start, end). */
struct piece {
	uint32_t start, end;
	char *text;
};

/* A member of a frame, and the suspension points where it is saved. */
struct slot {
	struct slot *next;
	char *decl;          /* "int x" */
	uint32_t at;         /* the user's text it declares, or UINT32_MAX */
	uint64_t *points;    /* points where it is saved */
	int color;
	bool fixed;          /* lives in the frame for good: never shared */
	bool entry;          /* a parameter read at the start only: may share
				the callee frames' storage */
};

/* emit.c: writing the output, statements and functions */
const char *ac_emit_text(struct emitter *E, struct ac_loc l);
void ac_emit_error(struct emitter *E, struct ac_loc l, const char *fmt,
		   const char *arg);
uint32_t ac_emit_line_of(struct emitter *E, uint32_t offset);
void ac_emit_put(struct emitter *E, const char *s);
void ac_emit_putn(struct emitter *E, const char *s, size_t n);
void ac_emit_line(struct emitter *E, uint32_t line);
void ac_emit_glue(struct emitter *E);
void ac_emit_newline(struct emitter *E);
void ac_emit_gen(struct emitter *E, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void ac_emit_user_line(struct emitter *E, uint32_t offset);
void ac_emit_user_decl(struct emitter *E, const char *indent, const char *decl,
		       uint32_t at, bool *user);
void ac_emit_begin_statement(struct emitter *E);
const char *ac_emit_deeper(struct emitter *E, const char *in);
void ac_emit_stmt(struct emitter *E, struct ac_stmt *s);

/* frame.c: what lives in the frame, declared how, and what is refused */
bool ac_frame_mentions_typeof(const char *s, size_t n);
bool ac_frame_constant_list(struct emitter *E, struct ac_loc l);
char *ac_frame_type_specs(struct emitter *E, struct ac_loc l, bool keep_qual);
char *ac_frame_clean(struct emitter *E, const char *s);
char *ac_frame_member_decl(struct emitter *E, struct ac_var *v, const char *name);
char *ac_frame_typed_decl(struct emitter *E, struct ac_var *v, const char *name);
char *ac_frame_slot_decl(struct emitter *E, struct ac_var *v);
const char *ac_frame_set_name(struct emitter *E, struct ac_var *v);
char *ac_frame_store(struct emitter *E, const char *lhs, const char *value, bool bytes);
const char *ac_frame_name(struct emitter *E, struct ac_var *v);
struct slot *ac_frame_add_slot(struct emitter *E, struct slot ***tail, char *decl,
		       uint64_t *points, bool fixed);
void ac_frame_emit_slots(struct emitter *E, struct slot *slots, size_t words,
			 struct ac_strbuf *entry);
const char *ac_frame_unsupported(struct ac_source *src, const struct ac_func *f,
				 struct ac_loc *where);
const char *ac_frame_nul_in_literal(struct emitter *E, struct ac_func *f);

/* names.c: names fresh for the translation unit */
bool ac_names_has(const struct wordset *w, const char *s, uint32_t n);
void ac_names_add(struct wordset *w, const char *s, uint32_t n);
void ac_names_collect(struct wordset *w, struct wordset *macros,
		      const struct ac_source *src, struct ac_loc range);
char *ac_names_fresh(struct emitter *E, const char *base);
void ac_names_resolve(struct emitter *E, struct ac_strbuf *out, size_t from);

/* lower.c: expressions holding awaits, rewritten around suspensions */
const struct ac_expr *ac_lower_strip(const struct ac_expr *e);
bool ac_lower_never_task(struct emitter *E, const struct ac_var *v);
bool ac_lower_never_task_type(const char *t);
int ac_lower_cmp_pieces(const void *a, const void *b); /* for qsort */
char *ac_lower_splice(struct emitter *E, uint32_t start, uint32_t end,
		      struct piece *p, size_t n);
void ac_lower_text_refs(struct emitter *E, struct ac_loc l, struct piece **p,
			size_t *n, size_t *cap);
/* Locals the frame holds named in a declaration's bounds, sizeof,
 * _Alignas, typeof or attribute operands, enumerator values, widths. */
void ac_lower_decl_refs(struct emitter *E, struct ac_loc l, struct piece **p,
			size_t *n, size_t *cap);
char *ac_lower_type_text(struct emitter *E, struct ac_expr *e);
const char *ac_lower_frame_type(struct emitter *E, struct temp *t);
/* The innermost variable that the word at `l` names, or NULL. */
struct ac_var *ac_lower_var_at(struct emitter *E, struct ac_loc l);
/* Does a typeof operand that awaits lie in `l`? */
bool ac_lower_typeof_within(struct emitter *E, struct ac_loc l);
/* Is the count of a list's elements (ac_lower_literal_elements, its
 * `unbraced`) the size of the array it initializes, whose elements have a
 * struct or union type (`aggregates`) or are `pointers`, and `rest` after
 * its `[]` (`[2]`: arrays)?  Not for aggregates whose braces are left out:
 * `int m[][2] = { 1, 2, 3, 4 }` has 2 rows, `struct pt p[] = { 1, 2 }` one
 * element. */
bool ac_frame_count_is_size(bool aggregates, bool pointers, const char *rest, int unbraced);

/* bodytypes.c: types declared in the body that the frame names, declared
 * before it (moved or copied), or the function refused */
void ac_bodytypes_move(struct emitter *E, struct ac_func *f);
void ac_bodytypes_restore(struct emitter *E);
const char *ac_bodytypes_stuck(struct emitter *E, const struct ac_func *f);
char *ac_bodytypes_def(struct emitter *E, const struct moved_type *m);
char *ac_bodytypes_named(struct emitter *E, const char *decl, const struct ac_var *v);
/* Does an initializer element that awaits lie in `l`? */
bool ac_lower_awaits_within(struct emitter *E, struct ac_loc l);
long ac_lower_literal_elements(struct emitter *E, uint32_t at, uint32_t end,
			     bool *string, int *unbraced);
char *ac_lower_render(struct emitter *E, struct ac_expr *e);
void ac_lower_suspend(struct emitter *E, struct ac_point *p, const char *cond);
void ac_lower_suspend_await(struct emitter *E, struct ac_point *p, const char *cond);
char *ac_lower_member_fmt(struct emitter *E, const char *result_member);
void ac_lower_discarded(struct emitter *E, struct ac_expr *e);
void ac_lower(struct emitter *E, struct ac_expr *e, bool discard);
void ac_lower_expr_piece(struct emitter *E, struct ac_expr *e,
			 struct piece **p, size_t *n, size_t *cap);

#endif
