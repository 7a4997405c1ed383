/*
 * ast.h - the syntax tree of async function bodies.
 *
 * Only the bodies of async functions (and, with --stress-resume, of every
 * function) are built into trees; the rest of a file is checked by the parser
 * and then copied through as text.  Every node records its byte range in the
 * source, so that the emitter can copy user code verbatim.
 */
#ifndef AC_AST_H
#define AC_AST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"

struct ac_loc {
	uint32_t start, end; /* byte offsets [start, end) */
};

struct ac_var;
struct ac_func;
struct ac_lowered_text;
struct temp;

enum ac_expr_kind {
	EX_IDENT,     /* name */
	EX_CONST,     /* number, character or string literal */
	EX_PAREN,     /* ( a ) */
	EX_CALL,      /* a ( args ) */
	EX_INDEX,     /* a [ b ] */
	EX_MEMBER,    /* a . name  /  a -> name */
	EX_POSTFIX,   /* a ++  /  a -- */
	EX_UNARY,     /* op a (also ++a, sizeof a, &a, *a, __extension__ a) */
	EX_CAST,      /* ( type ) a */
	EX_BINARY,    /* a op b, except the four below */
	EX_LOGAND,    /* a && b */
	EX_LOGOR,     /* a || b */
	EX_COND,      /* a ? b : c   (b may be NULL: GNU a ?: c) */
	EX_COMMA,     /* a , b */
	EX_ASSIGN,    /* a op= b */
	EX_AWAIT,     /* await a */
	EX_OPAQUE,    /* anything else: sizeof(type), _Generic, compound literal,
			 statement expression...: copied as text; may not
			 contain an await */
};

struct ac_expr {
	enum ac_expr_kind kind;
	struct ac_loc loc;
	int op;                  /* token of the operator */
	struct ac_loc op_loc;    /* where the operator is */
	struct ac_expr *a, *b, *c;
	struct ac_expr **args;   /* call arguments */
	size_t nargs, capargs;
	struct ac_var *var;      /* EX_IDENT naming a local of the function */
	const char *name;        /* EX_IDENT, EX_MEMBER */
	bool has_await;          /* an await somewhere inside */
	bool has_call;           /* a call, assignment or ++/-- inside */
	bool is_async_call;      /* EX_CALL of an async function (creates a task) */
	bool has_task_call;      /* such a call somewhere inside */
	bool read_only_value;    /* EX_CALL of a plain function whose result is a
				    struct C cannot assign (EX_IDENT: the
				    function's name) */
	signed char render_memo[2]; /* lower.c: whether it must be rendered (not
				    copied), once asked, not keeping and
				    keeping (0: not yet, 1: no, 2: yes) */
	signed char read_only_memo; /* lower.c: whether its value is a struct C
				    cannot assign, once asked (0: not yet, 1:
				    no, 2: yes) */
	bool is_task_cast;       /* EX_CAST to a task type: ( async T ) a */
	bool task_read_only;     /* ... T is a struct C cannot assign */
	bool task_qualified;     /* ... T names a qualified typedef (`cint`) */
	bool has_task_cast;      /* such a cast somewhere inside */
	struct ac_proto *callee; /* the async function called or awaited */
	int await_id;            /* EX_AWAIT: index among the function's awaits */
	bool is_literal;         /* EX_OPAQUE: a compound literal ( T ){ ... } */
	bool of_aggregates;      /* ... whose T is a struct, union or array type */
	bool has_literal;        /* such a literal somewhere inside */
	bool has_unevaluated;    /* an await in an unevaluated operand inside */
	bool reads_nothing;      /* EX_OPAQUE: sizeof or _Alignof of an
				  * expression, which reads no variable's value */
	bool is_stmt_expr;       /* EX_OPAQUE: a statement expression ({ ... }) */
	bool chooses_value;      /* EX_OPAQUE: a _Generic one of whose */
	bool chooses_object;     /* associations is a value, or an object */
	bool is_unevaluated;     /* EX_OPAQUE: sizeof a (or the like), a awaiting */
	struct ac_stmt *stmts;   /* ... its block items, when one awaits */
	/* Set by the emitter once the expression has been evaluated into a
	 * temporary: the text standing for its value, and that temporary's
	 * type as a declaration format ("int %s"). */
	char *lowered;
	const char *lowered_type;
	struct temp *lowered_temp; /* lower.c: the temporary of a ?: */
	struct ac_lowered_text *lowered_text; /* lower.c: EX_COMMA: its value's
				    text, pieces of which are the values of
				    the commas within it (not copied) */
};

/* The declared type of something, as text pieces of the source. */
struct ac_declarator {
	struct ac_loc loc;        /* the whole declarator */
	struct ac_loc name_loc;   /* the identifier (empty for abstract ones) */
	const char *name;
	struct ac_loc fn_loc;     /* `name(params)` of a function declarator */
	struct ac_param *params;  /* parameters of that function declarator */
	bool is_function;         /* name is directly a function */
	bool is_array;            /* name is directly an array */
	bool is_vla;              /* ... of variable length */
	bool is_pointer;          /* some pointer level */
	bool variadic;
	bool knr;                 /* K&R identifier list */
	bool wrapped;             /* a pointer applies to the name first */
	bool suffixed;            /* an array or function suffix applies */
	bool fn_wrapped;          /* a function suffix after a pointer: (*f)(int) */
	bool declared_above;      /* a function declared in an async function's
				     body, no local of its name around it: the
				     file-scope declaration before the frame
				     declares it for the step too */
};

struct ac_param {
	struct ac_param *next;
	struct ac_param *tail;    /* on the first of a list */
	bool variadic;            /* on the first: `, ...` follows */
	struct ac_declarator *decl; /* may be abstract */
	struct ac_loc specs;      /* declaration specifiers text */
	struct ac_loc loc;        /* the whole parameter */
	struct ac_dspec *dspec;
};

/* Declaration specifiers. */
struct ac_dspec {
	struct ac_loc loc;
	struct ac_loc async_loc;  /* `async`, if present */
	bool is_typedef, is_static, is_extern, is_async, is_register, is_inline;
	bool is_thread_local;
	bool has_type;
	bool array_type;          /* the type is an array typedef (va_list) */
	bool aggregate_type;      /* a struct, union or array (by a typedef) */
	bool function_type;       /* the type is a function typedef (`fn_t`) */
	bool vla_type;            /* a typedef of a variably modified type */
	bool typeof_type;         /* typeof(...): may be an array type */
	bool const_type;          /* names a const typedef (`cint`) */
	bool qualified_type;      /* ... or a volatile or _Atomic one (`vint`) */
	bool read_only_type;      /* a struct or union with a const member,
				     which C cannot assign */
	struct ac_loc body;       /* a struct or union specifier's braces and
				     what they hold, if it has them */
};

struct ac_init_decl {
	struct ac_init_decl *next;
	struct ac_init_decl *tail; /* on the first of a list */
	struct ac_declarator *decl;
	struct ac_expr *init;     /* NULL when absent */
	struct ac_loc init_loc;   /* the initializer's text (brace lists too) */
	bool init_is_list;        /* { ... } */
	struct ac_var *var;
	struct ac_loc loc;        /* declarator and initializer */
};

struct ac_decl {
	struct ac_dspec *dspec;
	struct ac_init_decl *decls;
	struct ac_loc loc;
};

enum ac_stmt_kind {
	ST_COMPOUND, ST_DECL, ST_EXPR, ST_EMPTY, ST_IF, ST_WHILE, ST_DO, ST_FOR,
	ST_SWITCH, ST_CASE, ST_DEFAULT, ST_LABEL, ST_GOTO, ST_BREAK,
	ST_CONTINUE, ST_RETURN, ST_ASM, ST_OTHER,
};

struct ac_stmt {
	enum ac_stmt_kind kind;
	struct ac_loc loc;
	struct ac_stmt *next;     /* next item of the enclosing block */
	struct ac_stmt *tail;     /* on the first item: the last */
	struct ac_stmt *body;     /* compound: first item; loops, if, switch, labels */
	struct ac_stmt *els;      /* if: else branch */
	struct ac_stmt *init;     /* for: a declaration used as init */
	struct ac_expr *e1, *e2, *e3; /* if/while/switch/return/expr: e1; for: e1;e2;e3 */
	struct ac_decl *decl;     /* ST_DECL */
	const char *label;        /* ST_LABEL, ST_GOTO */
	struct ac_loc close_loc;  /* compound: the closing brace */
	bool has_await;           /* an await in this statement or below */
	bool before_cases;        /* in a switch body before its first case */
	bool computed_goto;
	int id;                   /* index, for the analysis */
};

/* A local variable or parameter of an async function. */
struct ac_var {
	struct ac_var *next;      /* all variables of the function */
	const char *name;
	struct ac_init_decl *decl; /* NULL for parameters */
	struct ac_param *param;
	struct ac_dspec *dspec;
	struct ac_stmt *decl_stmt;
	int id;
	int depth;                /* block nesting */
	bool is_static;           /* static/extern: never in the frame */
	bool address_taken;       /* &x somewhere: must live in the frame */
	bool is_array;
	bool is_vla;
	bool maybe_array;         /* typeof(...) x: may be an array (analysis) */
	bool is_task;             /* declared with `async T` */
	bool is_group;            /* an `ac_group` the function waits for at
				     its end (analysis) */
	bool is_const;            /* the object itself is const (`const int
				     n`, `cint n`, or maybe `typeof(x) n`) */
	bool stored_by_copy;      /* its value is stored into the frame by
				     copying its bytes: a struct or union with
				     a const member, which C cannot assign, or
				     a local const by its type's name (gcc
				     keeps that const of a _Complex through
				     the expressions that drop qualifiers) */
	bool in_frame;            /* decided by the analysis */
	bool spilled;             /* saved and restored around suspensions */
	bool unnamed_in_body;     /* a parameter the body never names */
	bool unchanged;           /* a parameter the body never assigns: its
				     frame slot keeps what f__init stored, so
				     suspensions restore it without saving */
	bool shadowed_name;       /* another variable has the same name */
	bool typed_by_block;      /* its type is a statement expression's
				     (`__typeof__(({ x; })) t`), which the
				     frame names by the block's last value */
	bool never_in_frame;      /* declared in a statement expression that
				     does not await: never live across one */
	int slot;                 /* frame slot (analysis) */
	uint32_t scope_start, scope_end; /* where its name refers to it */
	uint32_t block_start;     /* where the block it lives in begins */
	char *frame_name;         /* member name in the frame */
	char *set_name;           /* a const one's unqualified view in the
				     frame, which its value is assigned to */
};

/* An async function known to the translation unit (defined or declared). */
struct ac_proto {
	struct ac_proto *next;
	const char *name;
	struct ac_dspec *dspec;
	struct ac_declarator *decl;
	struct ac_loc loc;        /* the whole declaration */
	struct ac_source *src;    /* where its text lives */
	char *result_type;        /* C type of the result ("int", "char *") */
	char *result_member;      /* declaration of the result member */
	char *attributes;         /* those of its declarations' specifiers, each
				     followed by a space ("" for none) */
	size_t *attr_macros;      /* the macros among them, written as such:
				     their indices in the unit's macro_attrs */
	size_t nattr_macros, capattr_macros;
	bool returns_void;
	bool result_read_only;    /* a struct with a const member: stored
				     by copying its bytes */
	bool defined;             /* has a body in this file */
	bool frame_known;         /* struct NAME__frame is complete here */
	bool in_main;             /* declared in the main file */
	bool is_static;
	struct ac_func *func;
};

/* An async function definition of the main file. */
struct ac_func {
	struct ac_func *next;
	struct ac_proto *proto;
	struct ac_loc loc;        /* whole definition (in `text`) */
	struct ac_loc body_loc;   /* { ... } */
	struct ac_source *text;   /* preprocessed text it was parsed from, when
				     its original text does not parse; else NULL */
	struct ac_loc orig_loc;   /* then: its span in the original file */
	int counters;             /* then: the __COUNTER__s its expansion used
				     (-1: the outputs did not line up, -2: the
				     second preprocessing failed) */
	struct ac_stmt *body;
	struct ac_var *vars, **vars_tail;
	int nvars;
	int nawaits;
	int nunevaluated;         /* awaits in operands C never evaluates */
	int nstmts;
	bool is_main;
	bool stressed;            /* made resumable by --stress-resume */
	bool names_in_macros;     /* a macro of it names __func__ or the like,
				     or it calls __builtin_FUNCTION() */
	bool has_goto;
	bool has_computed_goto;
	uint32_t *labels;         /* where each label of a goto stands */
	size_t nlabels, caplabels;
	const char *refusal;      /* the first thing in it that keeps it from
				     being a state machine (a VLA, setjmp,
				     a local type, ...), or NULL */
	struct ac_loc refusal_loc; /* where that is */
	struct ac_expr **awaits;  /* every await, in source order */
	size_t cap_awaits;
	struct ac_expr **inits;   /* initializer elements holding an await */
	size_t ninits, capinits;
	size_t *init_parent;      /* ... of each, the smallest that holds it
				     (an index of inits), or SIZE_MAX */
	size_t capinit_parent;
	size_t *init_roots;       /* ... those held by none so far */
	size_t ninit_roots, capinit_roots;
	struct ac_expr **effect_inits; /* ... holding no await, but a call, an
					  assignment or ++/-- */
	size_t neffect_inits, capeffect_inits;
	struct ac_expr **typeofs; /* typeof operands holding an await (never
				     evaluated), in the order they end */
	size_t ntypeofs, captypeofs;
	struct ac_expr **typeofs_by_start; /* ... by where they start, the
					      longest first (made when asked) */
	struct ac_expr **stmt_exprs; /* every statement expression, in the
					order they end (a __typeof__ at file
					scope types one from its last value) */
	size_t nstmt_exprs, capstmt_exprs;
	struct ac_local_type {    /* tags, typedef names and enum constants
				     declared in the body, and struct, union
				     and enum types without a tag (bodytypes.c) */
		const char *name; /* NULL: a type without a tag */
		struct ac_loc loc;  /* its name (or the specifier) */
		struct ac_loc spec; /* the specifier that defines it (an enum
				       constant's enum), `struct pt { ... }`;
				       empty for a typedef name */
		struct ac_loc body; /* that specifier's `{ ... }` */
		struct ac_loc decl; /* the whole declaration, when it is a
				       typedef or declares nothing else
				       (`struct pt { ... };`); else empty */
		bool tag;         /* a tag (else an ordinary identifier) */
		bool is_enum;     /* an enum's tag or specifier, or a constant */
		bool forward;     /* a tag's forward declaration, `struct s;` */
		bool clash;       /* a name visible where it is declared, or a
				     tag the file defines, has its name */
		bool moved;       /* (emit) declared before the frame instead */
		const char *copy; /* (emit) or the name of a copy declared there */
		const char *stuck; /* (emit) why it is neither */
	} *local_types;
	size_t nlocal_types, caplocal_types;
	struct ac_fn_decl {       /* block-scope function declarations */
		struct ac_loc specs, decl;
	} *fn_decls;
	size_t nfn_decls, capfn_decls;
	void *analysis;           /* analyze.c's results */
};

#endif
