/*
 * parse.h - the parser's state and the builders its grammar actions call.
 *
 * grammar/parser.y is a pure bison parser and grammar/scanner.l a reentrant
 * flex scanner; both keep all their state in struct ac_parser.
 */
#ifndef AC_PARSE_H
#define AC_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "scope.h"
#include "source.h"

/* `async int f(int);` or `async int t;` at file scope: rewritten to C. */
struct ac_async_decl {
	struct ac_loc loc;
	struct ac_dspec *dspec;
	struct ac_declarator **decls;
	size_t ndecls;
	/* Read from the preprocessor's output (its original text is not C
	 * until its macros expand: `async PUB(int) f(int);`): that text, and
	 * the original text it replaces; else NULL. */
	struct ac_source *text;
	struct ac_loc orig_loc;
};

/* The parser's knowledge of the translation unit. */
struct ac_unit {
	struct ac_arena arena;
	struct ac_scopes scopes;
	struct ac_proto *protos;        /* every async function seen */
	struct ac_func *funcs, **funcs_tail; /* async definitions of the main file */
	struct ac_async_decl *async_decls; /* top-level async prototypes and
					   task variables of the main file */
	size_t nasync_decls, capasync_decls;
	struct ac_name *frame_tags;     /* unused placeholder */
	bool stress;                    /* --stress-resume */
	int nskipped;                   /* ... functions the parse left as they are */
	/* With the preprocessor: which lines of the main file produced tokens
	 * (1 byte a line), to tell the active branch of an #if in an async
	 * function's original text. */
	uint8_t *active_lines;
	size_t nactive_lines;
	/* A file read without the preprocessor (and not its output): watch
	 * for names the compiler predefines as macros. */
	bool probe_predefined;
	/* --no-cpp: no header is read (<asyncc.h>'s declarations neither) */
	bool headers_unread;
	bool predefined_known;          /* they are marked in the name table */
	/* A #pragma pack in the unit: frames are laid out with the default
	 * packing (the runtime needs its tasks aligned). */
	bool packs;
	/* With functions translated from their expansion: the macros of the
	 * headers that name themselves (`#define sa_handler
	 * __sigaction_handler.sa_handler`), which the compiler would expand
	 * again in that text; names separated by '\n' (malloc'd), or NULL. */
	char *self_macros;
	struct ac_macro_attr *macro_attrs; /* in the text macro_attr_text */
	size_t nmacro_attrs, capmacro_attrs;
	const struct ac_source *macro_attr_text;
	char *header_macros; /* the headers' macros spelled like a generated
				word (F, hdr, state, ...), one a line */
};

enum ac_parse_mode {
	AC_PARSE_UNIT,      /* a whole translation unit */
	AC_PARSE_FUNCTION,  /* one function definition (original text) */
};

struct ac_parser {
	struct ac_unit *unit;
	struct ac_source *src;        /* the buffer being scanned */
	struct ac_source *orig;       /* the original main file, for sub-parses */
	struct ac_diag *diag;
	struct ac_arena *arena;
	struct ac_scopes *scopes;
	void *scanner;
	char *scan_buf;
	uint32_t scan_origin;          /* offset in src of scan_buf[0] */
	enum ac_parse_mode mode;
	bool started;                 /* the first token is sent (for
					 AC_PARSE_FUNCTION: START_FUNCTION) */
	bool stop;                    /* AC_PARSE_FUNCTION: definition complete */
	uint32_t start_offset;        /* AC_PARSE_FUNCTION: where to begin */
	bool main_is_orig;            /* src holds the main file's own text */
	struct ac_macros *macros;     /* function-like macros of the main file */

	/* Per-declaration state. */
	struct ac_dspec **dspec_stack;
	size_t ndspec, capdspec;

	/* The function whose body is being parsed. */
	struct ac_func *func;         /* non-NULL while building a body */
	int fn_depth;                 /* block depth inside the body */
	bool in_async;                /* `await` is a keyword */
	size_t nested_async;          /* scope depth of the body of an async
					 function defined in another (refused:
					 its awaits are not reported again) */
	int awaits_seen;              /* awaits in the current function body */
	int locals_seen;              /* ... its block-scope declarators */
	int labels_seen;              /* ... labels, case and default labels */
	int literals_seen;            /* ... compound literals */
	const struct ac_proto **callees; /* ... the async functions its words
					    name, in order (a name bound to
					    one, written or expanded) */
	size_t ncallees, capcallees;
	const char *def_name;         /* the name of the definition being
					 read, as the text being scanned has it */
	const char *const *cpp_names; /* the names the preprocessed parse
					 gave the async declarators of the
					 declaration whose text is read (the
					 compiler's: `#define f real_f`) */
	size_t ncpp_names;
	struct ac_param *pending_params; /* parameters for the next body */
	struct ac_declarator *pending_decl;
	bool inner_async_proto;        /* `extern async int w(int);` in a body, */
	struct ac_loc inner_proto_name; /* refused at its ';': w's name */
	struct ac_declarator **top_decls; /* declarators of the current
					     top-level async declaration */
	size_t ntop_decls, captop_decls;
	struct ac_dspec *pending_dspec;
	struct ac_expr **associations; /* of the _Generics being read, */
	size_t nassociations, capassociations; /* innermost last */
	unsigned brace_depth;
	bool struct_read_only;        /* the struct or union specifier just
					 read has a member C cannot assign */
	struct ac_loc struct_body;    /* its braces and what they hold (empty
					 without a body) */
	const char *named_tag;        /* the last `struct NAME` without a */
	struct ac_loc named_tag_loc;  /* body read, and where NAME is */
	bool type_read_only;          /* ... the type name or typeof just read */
	bool type_vla;                /* the typeof just read is variably modified */
	uint32_t vm_bound_end;        /* the end of the last bound that names a
					 local in an abstract declarator */

	/* Open brackets, for "expected '}' to close ... opened at line N". */
	struct ac_bracket {
		uint32_t offset;
		char open;
		const char *body_of; /* "fetch" for the body of fetch, or NULL
					(named at once, said only if left open) */
		bool init;           /* '{' of an initializer at file scope, or
					of a list directly in one */
	} *brackets;
	size_t nbrackets, capbrackets;
	struct ac_loc prev_loc;       /* the token before the last one */
	struct ac_loc last_loc;       /* the last token returned */
	int prev_token, last_token;
	int prev2_token;              /* the token before prev_token */
	bool resync;                  /* error recovery: skipping to top level */
	bool have_peek;               /* one token of lookahead */
	bool label_end;               /* LABEL_END comes next (see lexer.c) */
	struct ac_loc label_end_loc;
	int peek_token;
	union YYSTYPE *peek_val;
	struct ac_loc peek_loc;
	/* Tokens read ahead in a file-scope initializer that could not be
	 * stepped over, handed out again in order (see lexer.c). */
	struct ac_queued_token *queue;
	size_t nqueue, qhead, capqueue;
	bool queued;                  /* nqueue > 0 */
	bool items_next;              /* the parser took the '{' or ',' of an
					 initializer's list */

	/* Conditional groups met in the original text of an async function. */
	bool skipping;                /* the scanner is in an inactive branch */
	unsigned skip_depth;          /* #if nesting inside it */
	bool *cond_taken;             /* per open group: a branch was active */
	size_t ncond, capcond;

	unsigned nerrors;
	unsigned last_error_line;
	bool had_fatal;
	/* The text needs the preprocessor after all (a predefined macro, a
	 * backslash-newline inside a token): the parse stopped, to be done
	 * again on the preprocessor's output. */
	bool wants_cpp;
	bool probe;                   /* unit->probe_predefined */

	/* The arena as it stood after the last top-level declaration, and
	 * whether the current one stored what it allocated in something that
	 * lasts (a prototype, a function, an async declaration): see
	 * ac_toplevel_done. */
	struct ac_arena_mark scratch;
	bool keep_scratch;
};

/* Parse all of p->src; returns the number of errors. */
int ac_parse(struct ac_parser *p);
void ac_parser_init(struct ac_parser *p, struct ac_unit *u,
		    struct ac_source *src, struct ac_diag *diag);
void ac_parser_free(struct ac_parser *p);
void ac_unit_init(struct ac_unit *u);
void ac_unit_free(struct ac_unit *u);

/* Scanner hooks. */
union YYSTYPE;
int ac_parser_classify(struct ac_parser *p, union YYSTYPE *val,
		       const char *text, size_t len);
void ac_parser_line_marker(struct ac_parser *p, const char *text, size_t len,
			   uint32_t end);
/* A directive of the original text: true if the lines after it are in an
 * inactive #if branch and must be skipped. */
bool ac_parser_directive(struct ac_parser *p, const char *text, size_t len,
			 uint32_t offset);
/* A directive met while skipping: true to go on skipping. */
bool ac_parser_skipped_directive(struct ac_parser *p, const char *text,
				 size_t len, uint32_t offset);
/* An unbound name read without the preprocessor, which the compiler
 * predefines as a macro (`__SIZE_TYPE__`): true, and the parse stops. */
bool ac_parser_predefined(struct ac_parser *p, struct ac_name *n);
/* A backslash-newline between tokens at [start, start + len) of the scanned
 * text, read without the preprocessor: the parse stops if it may splice
 * two tokens into one (`f\<newline>oo`), or is not a plain splice. */
void ac_parser_splice(struct ac_parser *p, const char *text, size_t len);
/* `stray '\1' in program` for each byte of `text` (at `start`, `len`
 * bytes), named as the file holds it (its raw marker bytes, source.h). */
void ac_parser_stray(struct ac_parser *p, uint32_t start, const char *text, size_t len);
/* Marks the main file's lines that have tokens in preprocessor output. */
void ac_unit_mark_active_lines(struct ac_unit *u, struct ac_source *pre,
			       size_t orig_lines);
void ac_parser_error_at(struct ac_parser *p, uint32_t start, uint32_t end,
			const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* An error at [start, end) of the original main file of preprocessor
 * output (P->src->orig), where no token of the output lies. */
void ac_parser_error_in_orig(struct ac_parser *p, uint32_t start, uint32_t end,
			     const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* ---- builders called from grammar actions (build.c) ---- */
struct ac_loc ac_loc_span(struct ac_loc a, struct ac_loc b);

struct ac_dspec *ac_build_dspec(struct ac_parser *p, struct ac_loc loc);
/* Old C's declaration with no specifier: `main() {}`, `x;` (implicit int). */
struct ac_dspec *ac_dspec_implicit(struct ac_parser *p, struct ac_loc next);
struct ac_dspec *ac_dspec_add(struct ac_parser *p, struct ac_dspec *d,
			      int token, struct ac_loc loc);
void ac_decl_begin(struct ac_parser *p, struct ac_dspec *d);
void ac_decl_end(struct ac_parser *p);
struct ac_declarator *ac_build_declarator_name(struct ac_parser *p,
					       const char *name,
					       struct ac_loc loc);
struct ac_declarator *ac_declarator_pointer(struct ac_parser *p,
					    struct ac_declarator *d,
					    struct ac_loc loc);
struct ac_declarator *ac_declarator_paren(struct ac_parser *p,
					  struct ac_declarator *d,
					  struct ac_loc loc);
struct ac_declarator *ac_declarator_array(struct ac_parser *p,
					  struct ac_declarator *d,
					  struct ac_expr *size,
					  struct ac_loc loc);
struct ac_declarator *ac_declarator_function(struct ac_parser *p,
					     struct ac_declarator *d,
					     struct ac_param *params,
					     bool knr, struct ac_loc loc);
struct ac_declarator *ac_declare(struct ac_parser *p, struct ac_declarator *d);
struct ac_param *ac_build_param(struct ac_parser *p, struct ac_dspec *d,
				struct ac_declarator *decl, struct ac_loc loc);
struct ac_param *ac_param_append(struct ac_param *list, struct ac_param *p);
struct ac_param *ac_build_knr_param(struct ac_parser *p, const char *name,
				    struct ac_loc loc);

struct ac_init_decl *ac_build_init_decl(struct ac_parser *p,
					struct ac_declarator *d,
					struct ac_expr *init,
					struct ac_loc init_loc, bool is_list);
struct ac_init_decl *ac_init_decl_append(struct ac_init_decl *list,
					 struct ac_init_decl *d);
struct ac_stmt *ac_build_declaration(struct ac_parser *p, struct ac_dspec *d,
				     struct ac_init_decl *list,
				     struct ac_loc loc);
void ac_enum_constant(struct ac_parser *p, const char *name, struct ac_loc loc);
void ac_enum_defined(struct ac_parser *p, const char *tag, struct ac_loc loc,
		     struct ac_loc spec, struct ac_loc open, struct ac_loc close);

void ac_function_begin(struct ac_parser *p);
void ac_function_end(struct ac_parser *p, struct ac_stmt *body,
		     struct ac_loc loc);
void ac_block_begin(struct ac_parser *p);
void ac_block_end(struct ac_parser *p);

struct ac_expr *ac_build_ident(struct ac_parser *p, const char *name,
			       struct ac_loc loc);
struct ac_expr *ac_build_leaf(struct ac_parser *p, enum ac_expr_kind k,
			      struct ac_loc loc);
struct ac_expr *ac_build_unary(struct ac_parser *p, enum ac_expr_kind k,
			       int op, struct ac_loc op_loc,
			       struct ac_expr *a, struct ac_loc loc);
struct ac_expr *ac_build_binary(struct ac_parser *p, enum ac_expr_kind k,
				int op, struct ac_loc op_loc,
				struct ac_expr *a, struct ac_expr *b,
				struct ac_loc loc);
struct ac_expr *ac_build_cond(struct ac_parser *p, struct ac_expr *a,
			      struct ac_expr *b, struct ac_expr *c,
			      struct ac_loc loc);
/* Is `name` one of the calls an async function cannot make (setjmp,
 * alloca, va_start, ...)? */
bool ac_build_refused_call(const char *name, size_t n);
struct ac_expr *ac_build_call(struct ac_parser *p, struct ac_expr *fn,
			      struct ac_expr *args, struct ac_loc loc);
struct ac_expr *ac_build_member(struct ac_parser *p, struct ac_expr *a,
				int op, const char *name, struct ac_loc loc);
struct ac_expr *ac_build_await(struct ac_parser *p, struct ac_expr *a,
			       struct ac_loc await_loc, struct ac_loc loc);
struct ac_expr *ac_build_opaque(struct ac_parser *p, struct ac_loc loc,
				struct ac_expr *inner);
struct ac_expr *ac_args_append(struct ac_parser *p, struct ac_expr *list,
			       struct ac_expr *arg);

struct ac_stmt *ac_build_attributed(struct ac_parser *p, struct ac_stmt *s,
				   struct ac_loc loc);
struct ac_stmt *ac_build_asm(struct ac_parser *p, struct ac_loc loc);
struct ac_stmt *ac_build_stmt(struct ac_parser *p, enum ac_stmt_kind k,
			      struct ac_loc loc);
struct ac_stmt *ac_build_expr_stmt(struct ac_parser *p, struct ac_expr *e,
				   struct ac_loc loc);
struct ac_stmt *ac_build_compound(struct ac_parser *p, struct ac_stmt *items,
				  struct ac_loc loc);
struct ac_stmt *ac_stmt_append(struct ac_stmt *list, struct ac_stmt *s);
struct ac_stmt *ac_build_if(struct ac_parser *p, struct ac_expr *c,
			    struct ac_stmt *then, struct ac_stmt *els,
			    struct ac_loc loc);
struct ac_stmt *ac_build_loop(struct ac_parser *p, enum ac_stmt_kind k,
			      struct ac_expr *c, struct ac_stmt *body,
			      struct ac_loc loc);
struct ac_stmt *ac_build_for(struct ac_parser *p, struct ac_stmt *init_decl,
			     struct ac_expr *init, struct ac_expr *cond,
			     struct ac_expr *step, struct ac_stmt *body,
			     struct ac_loc loc);
struct ac_stmt *ac_build_labeled(struct ac_parser *p, enum ac_stmt_kind k,
				 const char *label, struct ac_expr *e,
				 struct ac_stmt *body, struct ac_loc loc);
struct ac_stmt *ac_build_jump(struct ac_parser *p, enum ac_stmt_kind k,
			      const char *label, struct ac_expr *e,
			      struct ac_loc loc);

struct ac_stmt *ac_build_body(struct ac_parser *p, struct ac_stmt *items,
			      struct ac_loc loc);
struct ac_expr *ac_build_stmt_expr(struct ac_parser *p, struct ac_stmt *items,
				   struct ac_loc loc);
struct ac_expr *ac_build_compound_literal(struct ac_parser *p,
					  struct ac_loc loc);
struct ac_expr *ac_build_sizeof(struct ac_parser *p, struct ac_expr *e,
				struct ac_loc loc);
/* _Generic(e, T: x, default: y): `e` is never evaluated; the associations
 * that hold a compound literal (ac_generic_association) are its operands. */
struct ac_expr *ac_build_generic(struct ac_parser *p, struct ac_expr *e,
				 struct ac_loc loc);
void ac_generic_association(struct ac_parser *p, struct ac_expr *x);
struct ac_param *ac_params_variadic(struct ac_parser *p, struct ac_param *l,
				    struct ac_loc loc);
/* Members C cannot assign, by the kinds of object a member declarator
 * declares (see ac_member_declarator). */
enum { AC_MEMBER_OBJECT = 1, AC_MEMBER_CONST_POINTER = 2 };
/* The type specifier `_Atomic(T)`, told from the qualifier `_Atomic`. */
enum { AC_ATOMIC_SPECIFIER = -2 };
int ac_member_declarator(struct ac_parser *p, struct ac_declarator *d);
int ac_member_declaration(struct ac_parser *p, struct ac_dspec *ds, int kinds);
void ac_struct_specified(struct ac_parser *p, int read_only, struct ac_loc spec,
			 struct ac_loc open, struct ac_loc close);
void ac_struct_defined(struct ac_parser *p, const char *tag, struct ac_loc loc,
		       int read_only, struct ac_loc spec, struct ac_loc open,
		       struct ac_loc close);
void ac_struct_named(struct ac_parser *p, const char *tag, struct ac_loc loc);
void ac_typeof_operand(struct ac_parser *p, struct ac_expr *x);
void ac_typeof_expr(struct ac_parser *p, struct ac_expr *e);
void ac_typeof_vla(struct ac_parser *p, struct ac_expr *e, struct ac_loc operand);
void ac_type_name(struct ac_parser *p, struct ac_dspec *ds, bool declarator,
		  struct ac_loc loc);
void ac_abstract_bound(struct ac_parser *p, struct ac_expr *size, struct ac_loc loc);
struct ac_expr *ac_build_constant(struct ac_parser *p, struct ac_expr *e);
void ac_build_attribute(struct ac_parser *p, struct ac_loc loc);
struct ac_stmt *ac_nested_function(struct ac_parser *p, struct ac_loc loc);
void ac_decl_toplevel(struct ac_parser *p, struct ac_stmt *decl);
void ac_toplevel_start(struct ac_parser *p);
void ac_toplevel_done(struct ac_parser *p);
void ac_initializer_expr(struct ac_parser *p, struct ac_expr *e);
bool ac_knr_allowed(struct ac_parser *p, int next_token, struct ac_loc next);

const char *ac_parser_name(struct ac_parser *p, struct ac_loc loc);
struct ac_name *ac_name_of(const char *interned);
/* Parse the original text of one async declaration or definition that the
 * preprocessed parse found at [cpp_offset, cpp_end) (parse.c).
 * `definition`: 0 for a declaration, else 1 + the number of awaits the
 * preprocessed text of the function holds. */
void ac_parse_original(struct ac_parser *p, uint32_t cpp_offset, uint32_t cpp_end,
		       int definition);

#endif
