/*
 * scope.h - which identifiers are type names, scope by scope.
 *
 * C cannot be parsed without knowing which identifiers name types; the
 * scanner asks this table about every identifier it reads.  Names are
 * interned once; each interned name carries the stack of its bindings
 * (innermost first), and each scope the list of bindings to pop at its end.
 */
#ifndef AC_SCOPE_H
#define AC_SCOPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"

struct ac_var;
struct ac_proto;

enum ac_binding_kind { AC_BIND_ORDINARY, AC_BIND_TYPEDEF, AC_BIND_ENUM };

struct ac_binding {
	struct ac_binding *shadowed;   /* the next outer binding of the name */
	struct ac_binding *scope_next; /* the scope's other bindings */
	struct ac_name *name;
	enum ac_binding_kind kind;
	unsigned depth;
	struct ac_var *var;            /* a local of an async function */
	struct ac_proto *proto;        /* an async function */
	bool read_only_result;         /* a plain function whose result is a
					  struct C cannot assign */
};

struct ac_name {
	struct ac_binding *binding;    /* innermost, or NULL */
	uint32_t hash;
	uint32_t len;
	unsigned frame_tag : 1;         /* `struct NAME {` with NAME ending in __frame */
	unsigned array_typedef : 1;     /* a typedef of an array type */
	unsigned function_typedef : 1;  /* a typedef of a function type */
	unsigned vla_typedef : 1;       /* of a variably modified type */
	unsigned typeof_typedef : 1;    /* of a typeof (maybe an array) */
	unsigned aggregate_typedef : 1; /* of a struct, union or array type */
	unsigned const_typedef : 1;     /* of a const type (`typedef const int cint`) */
	unsigned qualified_typedef : 1; /* of a const, volatile or _Atomic type */
	unsigned read_only_tag : 1;     /* `struct NAME` has a const member
					   (itself or in a member's type) */
	unsigned read_only_typedef : 1; /* a typedef of such a struct or union */
	unsigned file_tag : 1;          /* a struct, union or enum tag the file
					   defines at file scope */
	unsigned moved_tag : 1;         /* a tag, or an ordinary name, of an */
	unsigned moved_ordinary : 1;    /* async function's body that the
					   output declares at file scope */
	unsigned keyword : 16;          /* the parser's token for a keyword, or
					   AC_KEYWORD_PREDEFINED */
	char text[];
};

/* The `keyword` of a name the compiler predefines as a macro, marked only
 * while a file is read without the preprocessor: found where keywords are,
 * it costs other words nothing. */
enum { AC_KEYWORD_PREDEFINED = 0xffff };

struct ac_name_slot {
	uint32_t hash, len;
	struct ac_name *name;           /* NULL: the slot is free */
};

struct ac_scopes {
	struct ac_name_slot *slots;     /* open-addressed table of names */
	size_t nslots, nnames;
	struct ac_arena own;            /* names and bindings themselves */
	struct ac_binding **scopes;    /* scopes[d]: bindings made at depth d */
	unsigned depth, capdepth;
	struct ac_binding *free_bindings;
};

void ac_scopes_init(struct ac_scopes *s);
void ac_scopes_free(struct ac_scopes *s);
struct ac_name *ac_scopes_intern(struct ac_scopes *s, const char *text,
				 size_t len);
/* Room for about `names` names before the table grows. */
void ac_scopes_reserve(struct ac_scopes *s, size_t names);
void ac_scopes_push(struct ac_scopes *s);
void ac_scopes_pop(struct ac_scopes *s);
struct ac_binding *ac_scopes_bind(struct ac_scopes *s, struct ac_name *n,
				  enum ac_binding_kind kind);

static inline bool ac_name_is_typedef(const struct ac_name *n)
{
	return n->binding && n->binding->kind == AC_BIND_TYPEDEF;
}

#endif
