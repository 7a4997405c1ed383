/*
 * build.c - the builders the grammar's actions call.
 *
 * Scoping (which names are types) is kept for the whole file.  Trees are
 * built only while P->func is set: inside the body of an async function (or
 * of any function, under --stress-resume).  Elsewhere the expression and
 * statement builders return NULL at once.
 */
#include "blocking.h"
#include "parse.h"
#include "parser.h"
#include "strbuf.h"

#include <assert.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ac_name *ac_name_of(const char *interned)
{
	return (struct ac_name *)(interned - offsetof(struct ac_name, text));
}

const char *ac_parser_name(struct ac_parser *P, struct ac_loc loc)
{
	return ac_arena_strndup(P->arena, P->src->text + loc.start,
				loc.end - loc.start);
}

struct ac_loc ac_loc_span(struct ac_loc a, struct ac_loc b)
{
	return (struct ac_loc){ a.start, b.end };
}

static void count_error(struct ac_parser *P)
{
	P->nerrors++;
	if (P->diag->max_errors && P->diag->nerrors >= P->diag->max_errors)
		P->had_fatal = true;
}

void ac_parser_error_at(struct ac_parser *P, uint32_t start, uint32_t end,
			const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ac_diag_vat(P->diag, P->src, AC_ERROR, start, end, fmt, ap);
	va_end(ap);
	count_error(P);
}

void ac_parser_error_in_orig(struct ac_parser *P, uint32_t start, uint32_t end,
			     const char *fmt, ...)
{
	assert(P->src->orig);
	va_list ap;
	va_start(ap, fmt);
	ac_diag_vat(P->diag, P->src->orig, AC_ERROR, start, end, fmt, ap);
	va_end(ap);
	count_error(P);
}

static void warn_at(struct ac_parser *P, struct ac_loc loc, const char *fmt,
		    const char *arg)
{
	ac_diag_at(P->diag, P->src, AC_WARNING, loc.start, loc.end, fmt, arg);
}

static void close_scope(struct ac_parser *P, struct ac_loc block);
static struct ac_expr *braced_with_awaits(struct ac_parser *P, struct ac_loc loc);
static bool inits_within(struct ac_parser *P, struct ac_loc loc);
static bool awaits_within(struct ac_parser *P, struct ac_loc loc);
static uint32_t macro_attr_end(struct ac_parser *P, uint32_t at);

/* The function being built cannot be a state machine, because of what is
 * at `loc`: the first such reason is the one reported. */
static void refuse(struct ac_func *f, struct ac_loc loc, const char *why)
{
	if (f && !f->refusal) {
		f->refusal = why;
		f->refusal_loc = loc;
	}
}

/*
 * A tag, typedef name or enum constant declared in an async function's
 * body.  The body keeps the declaration; only a frame member or temporary
 * whose type names it would need it at file scope, where it means nothing
 * or something else (refused then: bodytypes.c).  One that hides a variable of
 * the function is refused here: asyncc finds a variable by name and place,
 * and would take the hidden variable's name for the variable.
 */
static struct ac_local_type *local_type(struct ac_parser *P, const char *name,
					struct ac_loc loc, bool tag, bool clash)
{
	struct ac_func *f = P->func;
	if (!f || P->scopes->depth == 0)
		return NULL;
	for (const struct ac_var *v = f->vars; !tag && v; v = v->next)
		if (!strcmp(v->name, name) && v->scope_start <= loc.start && loc.start < v->scope_end)
			refuse(f, loc, "a typedef name or enum constant declared in its body "
				       "hides one of its variables: rename one of them");
	AC_ARENA_GROW(P->arena, f->local_types, f->caplocal_types, f->nlocal_types);
	struct ac_local_type *t = &f->local_types[f->nlocal_types++];
	*t = (struct ac_local_type){ .name = name, .loc = loc, .tag = tag, .clash = clash };
	return t;
}

/* A struct, union or enum specifier with a body, in an async function's
 * body: what defines it, and its body. */
static struct ac_local_type *local_spec(struct ac_parser *P, const char *tag, struct ac_loc loc,
					struct ac_loc spec, struct ac_loc open, struct ac_loc close)
{
	struct ac_name *n = tag ? ac_name_of(tag) : NULL;
	if (P->scopes->depth == 0) {
		if (n)
			n->file_tag = 1;
		return NULL;
	}
	struct ac_local_type *t = local_type(P, tag, tag ? loc : spec, true, n && n->file_tag);
	if (t) {
		t->spec = spec;
		t->body = (struct ac_loc){ open.start, close.end };
	}
	return t;
}

/* Is [at, end) of the text only blanks and comments? */
static bool only_blanks(const char *t, uint32_t at, uint32_t end)
{
	for (uint32_t i = at; i < end; i++)
		if (t[i] == '/' && i + 1 < end && (t[i + 1] == '*' || t[i + 1] == '/'))
			i = ac_text_skip_lexeme(t, i, end) - 1;
		else if (!ac_is_space(t[i]))
			return false;
	return true;
}

/*
 * declaration: struct_or_union NAME ';' in an async function's body: a
 * forward declaration, which declares a new (incomplete) type in its
 * block, hiding any outer one of its name; a definition in the same block
 * completes it.  Recorded with the body's types: moved with them when the
 * frame names the tag (bodytypes.c).
 */
static void forward_declaration(struct ac_parser *P, struct ac_loc loc)
{
	const char *t = P->src->text;
	struct ac_loc n = P->named_tag_loc;
	if (!P->named_tag || n.start < loc.start || n.end > loc.end || t[loc.end - 1] != ';')
		return;
	uint32_t w = loc.start;
	while (w < n.start && ac_is_ident_char(t[w]))
		w++;
	if ((!ac_word_is(t + loc.start, w - loc.start, "struct") &&
	     !ac_word_is(t + loc.start, w - loc.start, "union")) ||
	    !only_blanks(t, w, n.start) || w == n.start || !only_blanks(t, n.end, loc.end - 1))
		return;
	struct ac_local_type *lt = local_type(P, P->named_tag, n, true,
					      ac_name_of(P->named_tag)->file_tag);
	if (lt)
		lt->forward = true;
}

/* Is the `{` at `brace` (after `from`) one of `({`? */
static bool opens_statement_expression(const char *from, const char *brace)
{
	while (brace > from && ac_is_space(brace[-1]))
		brace--;
	return brace > from && brace[-1] == '(';
}

/* ------------------------------------------------------------ scanning */


/* The text after `offset`, past blanks, comments and the line markers the
 * preprocessor puts around a system header's macro (`async bool f()`
 * becomes `async`, `# 3 "f.ca" 3 4`, `_Bool`, `# 3 "f.ca"`, `f()`). */
static const char *skip_blanks(struct ac_parser *P, uint32_t offset)
{
	const char *s = P->src->text + offset, *end = P->src->text + P->src->len;
	for (;;) {
		while (s < end && (*s == ' ' || *s == '\t' || *s == '\n' ||
				   *s == '\r' || *s == '\f' || *s == '\v'))
			s++;
		if (s + 1 < end && s[0] == '/' && s[1] == '*') {
			const char *c = strstr(s + 2, "*/");
			if (!c)
				return end;
			s = c + 2;
		} else if ((s + 1 < end && s[0] == '/' && s[1] == '/') ||
			   (s + 2 < end && s[0] == '#' && s > P->src->text && s[-1] == '\n' &&
			    s[1] == ' ' && s[2] >= '0' && s[2] <= '9')) {
			while (s < end && *s != '\n')
				s++;
		} else {
			return s;
		}
	}
}

/* The next word after `offset`, or NULL. */
static const char *next_word(struct ac_parser *P, uint32_t offset,
			     size_t *len)
{
	const char *s = skip_blanks(P, offset), *end = P->src->text + P->src->len;
	const char *w = s;
	while (s < end && ac_is_ident_char(*s))
		s++;
	*len = (size_t)(s - w);
	return *len && !(w[0] >= '0' && w[0] <= '9') ? w : NULL;
}

/* Does the text after `offset` begin a unary expression that is not a
 * word: `(g)()`, `*p`, `&x`, `-n`, `!ok`, `~m`? */
static bool unary_follows(struct ac_parser *P, uint32_t offset)
{
	const char *s = skip_blanks(P, offset);
	return s < P->src->text + P->src->len && *s && strchr("(*&-+!~", *s);
}

/* `async f(void)`: a word and '(' after `async` outside any function,
 * which C reads only as a declaration with no type (implicit int, which
 * the parser then refuses as such). */
static bool implicit_int_function(struct ac_parser *P, const char *w, size_t n)
{
	if (P->func || P->scopes->depth > 0)
		return false;
	const char *s = skip_blanks(P, (uint32_t)(w + n - P->src->text));
	return s < P->src->text + P->src->len && *s == '(';
}

/* Can this word continue the declaration specifiers of an async function? */
static bool begins_type(struct ac_parser *P, const char *w, size_t n)
{
	static const char *const kws[] = {
		"void", "char", "short", "int", "long", "float", "double",
		"signed", "unsigned", "_Bool", "_Complex", "struct", "union",
		"enum", "static", "extern", "inline", "__inline", "__inline__",
		"const", "volatile", "_Noreturn", "typeof", "__typeof__",
		"__int128", "_Atomic", "register", "auto", "__extension__",
		"_Thread_local", "__thread", "__attribute__", "__attribute",
		"_Alignas", "noreturn", "__signed__", "__auto_type", "_Float16",
		"_Float32", "_Float64", "_Float128", "_Float32x", "_Float64x",
		"_Float128x", "__float128", "__float80", "__ibm128", "_Decimal32",
		"_Decimal64", "_Decimal128", "__bf16", "__fp16", "__complex__",
		"__typeof", "typeof_unqual", "__typeof_unqual__", "_BitInt",
		"__const", "__const__", "__volatile__", "__volatile", "__restrict",
	};
	for (size_t i = 0; i < sizeof kws / sizeof *kws; i++)
		if (ac_word_is(w, n, kws[i]))
			return true;
	struct ac_name *name = ac_scopes_intern(P->scopes, w, n);
	return ac_name_is_typedef(name);
}

/*
 * A word from the scanner: a keyword, a type name, or an identifier.
 * `async` is a keyword only where an async declaration can begin: followed
 * by a type, a storage class or a qualifier.  `await` is one where a unary
 * expression can begin: inside an async function (or before an identifier
 * elsewhere, to report the misuse), unless the name is declared.
 */
int ac_parser_classify(struct ac_parser *P, YYSTYPE *val, const char *text,
		       size_t len)
{
	struct ac_name *n = ac_scopes_intern(P->scopes, text, len);
	if (n->keyword) {
		if (n->keyword != AC_KEYWORD_PREDEFINED)
			return (int)n->keyword;
		if (ac_parser_predefined(P, n)) {
			val->name = n->text;
			return IDENTIFIER; /* (the parse stops) */
		}
	}
	val->name = n->text;
	if (n->binding) {
		if (n->binding->kind == AC_BIND_TYPEDEF)
			return TYPEDEF_NAME;
		if (n->binding->depth > 0 || len != 5)
			return IDENTIFIER;
	}
	if (P->mode == AC_PARSE_FUNCTION && !P->func && P->unit->nmacro_attrs &&
	    macro_attr_end(P, (uint32_t)(text - P->scan_buf) + P->scan_origin))
		return ATTRIBUTE; /* a macro that expands to attributes */
	/* in an async function, `await` is the keyword even if the file
	 * declares something of that name (a local of that name hides it) */
	if (len == 5 && (!memcmp(text, "async", 5) || !memcmp(text, "await", 5))) {
		uint32_t end = (uint32_t)(text - P->scan_buf) + P->scan_origin + 5;
		size_t wn;
		const char *w = next_word(P, end, &wn);
		if (text[1] == 's')
			return w && (begins_type(P, w, wn) || ac_word_is(w, wn, "async") ||
				     implicit_int_function(P, w, wn)) ? ASYNC : IDENTIFIER;
		if (P->last_token == '.' || P->last_token == PTR_OP)
			return IDENTIFIER; /* a member: `v.await` */
		if (P->in_async)
			return AWAIT;
		if (n->binding)
			return IDENTIFIER;
		/* outside async functions, in a file that declares some:
		 * report the misuse, not an undeclared name */
		if (w || (P->unit->protos && unary_follows(P, end)))
			return AWAIT;
	}
	return IDENTIFIER;
}

/* `# 12 "file.h" 1 3` or `#line 12 "file.h"`: the next line is line 12. */
void ac_parser_line_marker(struct ac_parser *P, const char *text, size_t len,
			   uint32_t end)
{
	if (P->mode == AC_PARSE_FUNCTION)
		return; /* a second look at text whose markers are known */
	const char *s = text, *e = text + len;
	while (s < e && !(*s >= '0' && *s <= '9'))
		s++;
	uint32_t line = 0;
	for (; s < e && *s >= '0' && *s <= '9'; s++)
		line = line > (UINT32_MAX - 9) / 10 ? UINT32_MAX /* clamped */
						    : line * 10 + (uint32_t)(*s - '0');
	const char *q = memchr(s, '"', (size_t)(e - s));
	const char *file = NULL;
	size_t flen = 0;
	if (q) {
		/* the closing quote: memchr finds it unless a backslash
		 * escapes a quote in the name */
		const char *qe = memchr(q + 1, '"', (size_t)(e - q - 1));
		if (!qe || memchr(q + 1, '\\', (size_t)(qe - q - 1))) {
			qe = q + 1;
			while (qe < e && *qe != '"') {
				if (*qe == '\\' && qe + 1 < e)
					qe++;
				qe++;
			}
		}
		file = q + 1;
		flen = (size_t)(qe - file);
	}
	ac_source_add_marker(P->src, end + 1, line, file, flen);
}

/* --------------------------------------------------------- declarations */

struct ac_dspec *ac_dspec_add(struct ac_parser *P, struct ac_dspec *d, int tok,
			      struct ac_loc loc)
{
	if (!d) {
		d = AC_NEW(P->arena, struct ac_dspec);
		d->loc = loc;
	}
	d->loc.end = loc.end;
	switch (tok) {
	case TYPEDEF: d->is_typedef = true; break;
	case STATIC: d->is_static = true; break;
	case EXTERN: d->is_extern = true; break;
	case REGISTER: d->is_register = true; break;
	case INLINE: d->is_inline = true; break;
	case THREAD_LOCAL: d->is_thread_local = true; break;
	case ASYNC:
		if (d->is_async) /* (GCC's word for `int int`) */
			ac_parser_error_at(P, loc.start, loc.end, "duplicate 'async'");
		d->is_async = true;
		d->async_loc = loc;
		break;
	case VA_LIST: /* an array type on most ABIs */
		d->has_type = true;
		d->array_type = true;
		break;
	case TYPEDEF_NAME: {
		d->has_type = true;
		struct ac_name *n = ac_scopes_intern(P->scopes, P->src->text + loc.start,
						     loc.end - loc.start);
		if (n->array_typedef)
			d->array_type = true; /* jmp_buf, va_list... */
		if (n->aggregate_typedef)
			d->aggregate_type = true;
		if (n->function_typedef)
			d->function_type = true;
		if (n->vla_typedef)
			d->vla_type = true;
		if (n->typeof_typedef)
			d->typeof_type = true;
		if (n->const_typedef)
			d->const_type = true;
		if (n->qualified_typedef)
			d->qualified_type = true;
		if (n->read_only_typedef)
			d->read_only_type = true;
		break;
	}
	case STRUCT: /* (or UNION: the specifier was read just before) */
		d->has_type = true;
		d->aggregate_type = true;
		if (P->struct_read_only)
			d->read_only_type = true;
		d->body = P->struct_body;
		break;
	case TYPEOF: /* (its operand was read just before) */
		d->has_type = true;
		d->typeof_type = true;
		d->vla_type |= P->type_vla;
		if (P->type_read_only)
			d->read_only_type = true;
		break;
	case CONST: case VOLATILE: case RESTRICT: case ATOMIC: case AUTO:
	case NORETURN: case ALIGNAS: case ATTRIBUTE:
		break;
	default: d->has_type = true; break;
	}
	return d;
}

/* An empty specifier list just before the declarator at `next`. */
struct ac_dspec *ac_dspec_implicit(struct ac_parser *P, struct ac_loc next)
{
	struct ac_dspec *d = AC_NEW(P->arena, struct ac_dspec);
	d->loc = (struct ac_loc){ next.start, next.start };
	return d;
}

static struct ac_dspec *current_dspec(struct ac_parser *P)
{
	return P->ndspec ? P->dspec_stack[P->ndspec - 1] : NULL;
}

void ac_decl_begin(struct ac_parser *P, struct ac_dspec *d)
{
	if (P->scopes->depth == 0)
		P->ntop_decls = 0;
	if (P->ndspec == P->capdspec) {
		P->capdspec = P->capdspec ? 2 * P->capdspec : 32;
		P->dspec_stack = realloc(P->dspec_stack,
					 P->capdspec * sizeof *P->dspec_stack);
		if (!P->dspec_stack)
			abort();
	}
	P->dspec_stack[P->ndspec++] = d;
}

void ac_decl_end(struct ac_parser *P)
{
	if (P->ndspec > 0)
		P->ndspec--;
}

struct ac_declarator *ac_build_declarator_name(struct ac_parser *P,
					       const char *name,
					       struct ac_loc loc)
{
	struct ac_declarator *d = AC_NEW(P->arena, struct ac_declarator);
	d->name = name;
	d->loc = d->name_loc = loc;
	return d;
}

struct ac_declarator *ac_declarator_pointer(struct ac_parser *P,
					    struct ac_declarator *d,
					    struct ac_loc loc)
{
	(void)P;
	d->loc = loc;
	d->is_pointer = true;
	d->wrapped = true;
	return d;
}

struct ac_declarator *ac_declarator_paren(struct ac_parser *P,
					  struct ac_declarator *d,
					  struct ac_loc loc)
{
	(void)P;
	d->loc = loc;
	return d;
}

/* Does `e` name a local of the function (which makes an array of that
 * size variable-length), or with `vla_only` a variably modified one?  A
 * walk with a stack of its own: the size may be nested as deep as memory
 * allows, and the parse runs on the main thread's stack (see main.c). */
static bool mentions_local(const struct ac_expr *e, bool vla_only)
{
	const struct ac_expr *small[64], **todo = small;
	size_t n = 0, cap = sizeof small / sizeof *small;
	bool found = false;
	if (e)
		todo[n++] = e;
	while (n > 0 && !found) {
		e = todo[--n];
		if (e->kind == EX_IDENT) {
			found = e->var && (!vla_only || e->var->is_vla);
			continue;
		}
		if (e->kind == EX_OPAQUE)
			continue;
		size_t need = n + e->nargs + 3;
		if (need > cap) {
			while (cap < need)
				cap *= 2;
			const struct ac_expr **t = todo == small ? NULL : todo;
			t = ac_xrealloc(t, cap * sizeof *t);
			if (todo == small)
				memcpy(t, small, n * sizeof *t);
			todo = t;
		}
		const struct ac_expr *kids[3] = { e->c, e->b, e->a };
		for (size_t i = 0; i < 3; i++)
			if (kids[i])
				todo[n++] = kids[i];
		for (size_t i = e->nargs; i-- > 0;)
			if (e->args[i])
				todo[n++] = e->args[i];
	}
	if (todo != small)
		free(todo);
	return found;
}

static bool mentions_variable(const struct ac_expr *e)
{
	return mentions_local(e, false);
}

/* direct_abstract_declarator: ... '[' array_size ']' */
static void refuse_awaiting_bound(struct ac_parser *P, struct ac_expr *size);

void ac_abstract_bound(struct ac_parser *P, struct ac_expr *size, struct ac_loc loc)
{
	refuse_awaiting_bound(P, size);
	if (mentions_variable(size))
		P->vm_bound_end = loc.end;
}

/* type_name: declaration_specifiers abstract_declarator_opt */
void ac_type_name(struct ac_parser *P, struct ac_dspec *ds, bool declarator, struct ac_loc loc)
{
	P->type_read_only = !declarator && ds && ds->read_only_type;
	if (ds && ds->vla_type) /* (a typedef of a variably modified type) */
		P->vm_bound_end = loc.end;
}

/* typeof ( expression ) or typeof ( type-name ) at `operand`: is the type
 * variably modified?  A bound in the type name that names a local, or an
 * expression that names a variably modified local (`typeof(vla)`; more
 * than needed, `typeof(vla[0])`, only keeps it out of the frame). */
void ac_typeof_vla(struct ac_parser *P, struct ac_expr *e, struct ac_loc operand)
{
	P->type_vla = (P->vm_bound_end > operand.start && P->vm_bound_end <= operand.end) ||
		      mentions_local(e, true);
}

struct ac_declarator *ac_declarator_array(struct ac_parser *P,
					  struct ac_declarator *d,
					  struct ac_expr *size,
					  struct ac_loc loc)
{
	refuse_awaiting_bound(P, size);
	d->loc = loc;
	if (!d->wrapped && !d->suffixed) {
		d->is_array = true;
		d->is_vla = mentions_variable(size);
	} else if (mentions_variable(size)) {
		d->is_vla = true;
	}
	d->suffixed = true;
	return d;
}

struct ac_declarator *ac_declarator_function(struct ac_parser *P,
					     struct ac_declarator *d,
					     struct ac_param *params,
					     bool knr, struct ac_loc loc)
{
	(void)P;
	d->loc = loc;
	if (!d->wrapped && !d->suffixed) {
		d->is_function = true;
		d->params = params;
		d->variadic = params && params->variadic;
		d->knr = knr;
		d->fn_loc = (struct ac_loc){ d->name_loc.start, loc.end };
	}
	d->fn_wrapped |= d->wrapped;
	d->suffixed = true;
	return d;
}

struct ac_param *ac_build_param(struct ac_parser *P, struct ac_dspec *d,
				struct ac_declarator *decl, struct ac_loc loc)
{
	struct ac_param *p = AC_NEW(P->arena, struct ac_param);
	p->decl = decl;
	p->dspec = d;
	p->specs = d ? d->loc : loc;
	p->loc = loc;
	return p;
}

struct ac_param *ac_build_knr_param(struct ac_parser *P, const char *name,
				    struct ac_loc loc)
{
	return ac_build_param(P, NULL, ac_build_declarator_name(P, name, loc),
			      loc);
}

struct ac_param *ac_param_append(struct ac_param *list, struct ac_param *p)
{
	if (!list) {
		p->tail = p;
		return p;
	}
	list->tail->next = p;
	list->tail = p;
	return list;
}

struct ac_param *ac_params_variadic(struct ac_parser *P, struct ac_param *l,
				    struct ac_loc loc)
{
	(void)P;
	(void)loc;
	l->variadic = true;
	return l;
}

/* The macros that expand to attributes in the heads of async
 * declarations (ac_parse_original), if `P` reads the text they are in. */
static const struct ac_macro_attr *macro_attrs_of(struct ac_parser *P)
{
	return P->src == P->unit->macro_attr_text ? P->unit->macro_attrs : NULL;
}

/* The end of such a macro's use that begins at `at`, or 0. */
static uint32_t macro_attr_end(struct ac_parser *P, uint32_t at)
{
	const struct ac_macro_attr *m = macro_attrs_of(P);
	for (size_t k = 0; m && k < P->unit->nmacro_attrs; k++)
		if (m[k].start == at)
			return m[k].end;
	return 0;
}

/* The items of the attribute whose operands are [at, end) (after the word
 * `__attribute__`) that make the result type of the function it is
 * written on (`int __attribute__((vector_size(16))) f(void)` returns a
 * vector), each as an attribute of its own, at `o`; past them. */
static char *put_result_attributes(char *o, const char *t, uint32_t at, uint32_t end)
{
	struct ac_words s = { .t = t, .at = at, .end = end };
	uint32_t w, n;
	while (ac_words_next(&s, &w, &n)) {
		if (!ac_word_is(t + w, n, "vector_size") && !ac_word_is(t + w, n, "__vector_size__"))
			continue;
		uint32_t e = ac_text_skip_attribute(t, w + n, end);
		o += sprintf(o, "__attribute__((%.*s)) ", (int)(e - w), t + w);
		s.at = e;
	}
	return o;
}

/* The result type `specs decl` of [buf, end) with the qualifiers of a
 * typedef or a typeof among the specifiers (`typedef const int cint;
 * async cint f(void)`) dropped, as written ones are: the type of a value
 * of it, which has none. */
static char *unqualified(struct ac_parser *P, char *buf, char *decl)
{
	char *specs_end = decl;
	while (specs_end > buf && specs_end[-1] == ' ')
		specs_end--;
	return ac_arena_printf(P->arena, "__typeof__(((void)0, (*(__typeof__(%.*s) *)0)))%s%s",
			       (int)(specs_end - buf), buf, *decl ? " " : "", decl);
}

/* The result type of an async function, as text: its specifiers without
 * `async`, storage classes and attributes (but those that make the type,
 * `vector_size`), and its declarator without
 * `name(params)`.  The result is assigned once the function returns, so a
 * qualifier of the result object itself (`const int`, `char *const`, a
 * `cint` typedef's) is dropped: it says nothing to the caller, who
 * receives a copy. */
static char *result_text(struct ac_parser *P, struct ac_dspec *ds,
			 struct ac_declarator *d, const char *member)
{
	static const char *const drop[] = {
		"async", "static", "extern", "inline", "__inline", "__inline__",
		"_Noreturn", "noreturn", "register", "auto", "__extension__",
	};
	static const char *const quals[] = {
		"const", "__const", "volatile", "__volatile", "__volatile__",
		"restrict", "__restrict", "__restrict__", "_Atomic",
	};
	const char *t = P->src->text;
	uint32_t last_star = 0;
	for (uint32_t i = d->loc.start; i < d->fn_loc.start; i++)
		if (t[i] == '*')
			last_star = i + 1;
	char *buf = ac_arena_alloc(P->arena, 2 * (ds->loc.end - ds->loc.start) +
					      (d->loc.end - d->loc.start) +
					      strlen(member) + 4);
	char *o = buf;
	for (uint32_t i = ds->loc.start; i < ds->loc.end;) {
		if (t[i] == '#' && (i == 0 || t[i - 1] == '\n')) {
			while (i < ds->loc.end && t[i] != '\n') /* a line marker */
				i++;
			continue;
		}
		if (ac_bracket(t + i) == '[' && ac_bracket(t + i + ac_bracket_len(t + i)) == '[') {
			i = ac_text_skip_brackets(t, i, ds->loc.end); /* `[[gnu::cold]]` */
			continue;
		}
		uint32_t splice = ac_text_splice_at(t, i, ds->loc.end);
		if (splice) { /* a backslash-newline: on one line, none */
			i = splice;
			continue;
		}
		if (ac_is_ident_char(t[i]) && macro_attr_end(P, i)) {
			i = macro_attr_end(P, i); /* `WUR`: attributes */
			continue;
		}
		if (ac_is_ident_char(t[i])) {
			uint32_t j = i;
			while (j < ds->loc.end && ac_is_ident_char(t[j]))
				j++;
			if (ac_word_is(t + i, j - i, "__attribute__") ||
			    ac_word_is(t + i, j - i, "__attribute")) {
				/* no attribute belongs to a result type, but
				 * vector_size: its operands and the rest,
				 * which are the function's, are left out */
				uint32_t e = ac_text_skip_attribute(t, j, ds->loc.end);
				o = put_result_attributes(o, t, j, e);
				i = e;
				continue;
			}
			bool keep = true;
			for (size_t k = 0; k < sizeof drop / sizeof *drop; k++)
				if (ac_word_is(t + i, j - i, drop[k]))
					keep = false;
			uint32_t after = j;
			while (after < ds->loc.end && (t[after] == ' ' || t[after] == '\t'))
				after++;
			bool specifier = after < ds->loc.end && t[after] == '('; /* _Atomic(T) */
			for (size_t k = 0; !last_star && !specifier && k < sizeof quals / sizeof *quals; k++)
				if (ac_word_is(t + i, j - i, quals[k]))
					keep = false;
			if (keep) {
				memcpy(o, t + i, j - i);
				o += j - i;
				*o++ = ' ';
			}
			i = j;
		} else if (t[i] == '/' && (t[i + 1] == '/' || t[i + 1] == '*')) {
			i = ac_text_skip_lexeme(t, i, ds->loc.end); /* a comment: on one line, none */
		} else {
			if (t[i] != ' ' && t[i] != '\t' && t[i] != '\n')
				*o++ = t[i];
			i++;
		}
	}
	/* the declarator, without the qualifiers after its last '*' (and
	 * without parentheses around the name alone: `int (f)(void)`) */
	char *decl_start = o;
	bool only_parens = true;
	for (uint32_t i = d->loc.start; i < d->fn_loc.start; i++)
		only_parens &= t[i] == '(' || t[i] == ' ' || t[i] == '\t' || t[i] == '\n';
	for (uint32_t i = d->loc.start; i < d->fn_loc.start;) {
		if (i >= last_star && ac_is_ident_char(t[i])) {
			uint32_t j = i;
			while (j < d->fn_loc.start && ac_is_ident_char(t[j]))
				j++;
			bool qual = false;
			for (size_t k = 0; k < sizeof quals / sizeof *quals; k++)
				qual |= ac_word_is(t + i, j - i, quals[k]);
			if (!qual) {
				memcpy(o, t + i, j - i);
				o += j - i;
			}
			i = j;
			continue;
		}
		if (t[i] == '/' && (t[i + 1] == '/' || t[i + 1] == '*')) {
			i = ac_text_skip_lexeme(t, i, d->fn_loc.start);
			*o++ = ' ';
			continue;
		}
		uint32_t splice = ac_text_splice_at(t, i, d->fn_loc.start);
		if (splice) {
			i = splice;
			continue;
		}
		*o++ = t[i++] == '\n' ? ' ' : t[i - 1];
	}
	if (only_parens)
		o = decl_start;
	o += sprintf(o, "%s", member);
	memcpy(o, t + d->fn_loc.end, d->loc.end - d->fn_loc.end);
	o += d->loc.end - d->fn_loc.end;
	while (o > buf && o[-1] == ' ')
		o--;
	*o = '\0';
	if (!last_star && (ds->qualified_type || ds->const_type || ds->typeof_type))
		buf = unqualified(P, buf, decl_start);
	ac_text_unsplice(buf);
	return buf;
}

static bool in_main_file(struct ac_parser *P, uint32_t offset)
{
	if (P->main_is_orig && P->src->nmarkers == 0)
		return true;
	return ac_source_in_main(P->src, offset);
}

static struct ac_proto *find_proto(const char *name)
{
	for (struct ac_binding *b = ac_name_of(name)->binding; b; b = b->shadowed)
		if (b->proto)
			return b->proto;
	return NULL;
}

/* The attributes of each declaration of an async function, which its
 * constructor f() takes, as written (a declaration of the main file is
 * read again from its original text: not from the preprocessor's output),
 * and the uses of macros among them. */
static void add_attributes(struct ac_parser *P, struct ac_dspec *ds, struct ac_declarator *d,
			   struct ac_proto *p)
{
	struct ac_strbuf b;
	ac_strbuf_init(&b);
	if (P->mode != AC_PARSE_UNIT || P->main_is_orig || !in_main_file(P, d->loc.start))
		ac_text_attributes(P->src->text, ds->loc.start, ds->loc.end, &b, macro_attrs_of(P),
				   macro_attrs_of(P) ? P->unit->nmacro_attrs : 0);
	const char *attrs = b.len ? b.data : "";
	const struct ac_macro_attr *m = macro_attrs_of(P);
	for (size_t k = 0; m && k < P->unit->nmacro_attrs; k++) {
		bool known = false;
		for (size_t i = 0; i < p->nattr_macros; i++)
			known |= p->attr_macros[i] == k;
		if (known || m[k].start < ds->loc.start || m[k].end > ds->loc.end)
			continue;
		AC_ARENA_GROW(P->arena, p->attr_macros, p->capattr_macros, p->nattr_macros);
		p->attr_macros[p->nattr_macros++] = k;
	}
	if (!p->attributes) /* (the same declaration is met again in a re-parse) */
		p->attributes = ac_arena_strndup(P->arena, attrs, strlen(attrs));
	else if (!strstr(p->attributes, attrs))
		p->attributes = ac_arena_printf(P->arena, "%s%s", p->attributes, attrs);
	ac_strbuf_free(&b);
}

static struct ac_proto *take_declaration(struct ac_parser *P, struct ac_dspec *ds,
					 struct ac_declarator *d, struct ac_proto *p);

static struct ac_proto *register_proto(struct ac_parser *P,
				       struct ac_dspec *ds,
				       struct ac_declarator *d,
				       struct ac_proto *p)
{
	if (!p) {
		p = AC_NEW(P->arena, struct ac_proto);
		p->next = P->unit->protos;
		P->unit->protos = p;
	}
	P->keep_scratch = true; /* a redeclaration points `p` at its own text */
	if (p->defined) {
		/* a prototype after the definition: the parameters keep the
		 * definition's names (`int f(int x, int y) {...}` then
		 * `int f(int y, int x);` or `int f(int, int);`) */
		add_attributes(P, ds, d, p);
		return p;
	}
	return take_declaration(P, ds, d, p);
}

/* `p` is declared by `ds d` (the definition's, or the last prototype's
 * before it: f() and f__init() take its parameters). */
static struct ac_proto *take_declaration(struct ac_parser *P, struct ac_dspec *ds,
					 struct ac_declarator *d, struct ac_proto *p)
{
	p->name = d->name;
	p->dspec = ds;
	p->decl = d;
	p->src = P->src;
	p->is_static |= ds->is_static; /* (a declaration after a static one is) */
	p->result_type = result_text(P, ds, d, "");
	p->result_member = result_text(P, ds, d, "result");
	p->returns_void = !strcmp(p->result_type, "void");
	p->result_read_only = ds->read_only_type && !d->is_pointer;
	add_attributes(P, ds, d, p);
	if (in_main_file(P, d->loc.start))
		p->in_main = true;
	struct ac_name *frame = ac_scopes_intern(
		P->scopes, ac_arena_printf(P->arena, "%s__frame", d->name),
		strlen(d->name) + 7);
	p->frame_known = frame->frame_tag;
	return p;
}


/* Does the word [w, w + n) of `t` spell const (`const`, `__const`,
 * `__const__`), or with `any`, also volatile or _Atomic? */
static bool is_qualifier_word(const char *t, uint32_t w, uint32_t n, bool any)
{
	static const char *const words[] = { "const", "__const", "__const__", "volatile",
		"__volatile", "__volatile__", "_Atomic" };
	for (size_t k = 0; k < (any ? sizeof words / sizeof *words : 3); k++)
		if (ac_word_is(t + w, n, words[k]))
			return true;
	return false;
}

/* Is [from, to) of `t` a word spelling const (`const`, `__const`,
 * `__const__`) somewhere (with `any`, or volatile or _Atomic)? */
static bool names_const(const char *t, uint32_t from, uint32_t to, bool any)
{
	struct ac_words s = { .t = t, .at = from, .end = to };
	uint32_t w, n;
	while (ac_words_next(&s, &w, &n))
		if (is_qualifier_word(t, w, n, any))
			return true;
	return false;
}

/* Is there a word spelling const in [from, to) of `t` outside braces
 * (`const struct { int x; }`, not `struct { const char *s; }`)?  With
 * `any`, or volatile or _Atomic. */
static bool names_const_outside_braces(const char *t, uint32_t from, uint32_t to, bool any)
{
	int depth = 0;
	uint32_t at = from;
	struct ac_words s = { .t = t, .at = from, .end = to };
	uint32_t w, n;
	while (ac_words_next(&s, &w, &n)) {
		for (; at < w; at++)
			depth += (ac_bracket(t + at) == '{') - (ac_bracket(t + at) == '}');
		at = w + n;
		if (depth == 0 && is_qualifier_word(t, w, n, any))
			return true;
	}
	return false;
}

/* Do the specifiers `ds` name const outside braces (with `any`, or
 * volatile or _Atomic)?  A struct or union body among them is stepped
 * over whole (not word by word: a member of each of n nested structs
 * would read the n bodies inside it). */
static bool dspec_names_const(const char *t, const struct ac_dspec *ds, bool any)
{
	struct ac_loc b = ds->body;
	if (b.end <= b.start || b.start < ds->loc.start || b.end > ds->loc.end)
		return names_const_outside_braces(t, ds->loc.start, ds->loc.end, any);
	return names_const_outside_braces(t, ds->loc.start, b.start, any) ||
	       names_const_outside_braces(t, b.end, ds->loc.end, any);
}

/* Is the object itself const (`const int k`, `char *const p`, `cint k` of
 * a const typedef, a parameter `int a[const 2]`), or may it be (`typeof(*p)
 * v`, which a pointer to const makes const)?  Such a local cannot be
 * restored by assignment: it lives in the frame, which assigns it through
 * an unqualified view. */
static bool is_const_object(struct ac_parser *P, struct ac_dspec *ds,
			    struct ac_declarator *d)
{
	const char *t = P->src->text;
	if (ds && !d->is_pointer && !d->is_array && !d->is_function && !ds->is_async &&
	    (ds->const_type || ds->typeof_type)) /* (a name, maybe in parentheses) */
		return true;
	if (d->is_array) { /* what the first brackets hold, or the elements' const */
		uint32_t open = d->name_loc.end;
		while (open < d->loc.end && ac_bracket(t + open) != '[')
			open++;
		uint32_t close = open;
		while (close < d->loc.end && ac_bracket(t + close) != ']')
			close++;
		if (names_const(t, open, close, false))
			return true;
	} else if (d->is_pointer) { /* a const after the last '*' of the prefix */
		uint32_t star = d->loc.start;
		for (uint32_t i = d->loc.start; i < d->name_loc.start; i++)
			if (t[i] == '*')
				star = i;
		return names_const(t, star, d->name_loc.start, false);
	}
	return ds && dspec_names_const(t, ds, false);
}

/* Is the type of the object a typedef `d` declares qualified itself
 * (const, volatile or _Atomic: `typedef volatile int vint`, `typedef
 * char *const cp`, `typedef cint cint2`)?  A value of it is not, which a
 * function's result is. */
static bool is_qualified_type(struct ac_parser *P, struct ac_dspec *ds,
			      struct ac_declarator *d)
{
	const char *t = P->src->text;
	if (d->is_array || d->is_function)
		return false;
	if (d->is_pointer) {
		uint32_t star = d->loc.start;
		for (uint32_t i = d->loc.start; i < d->name_loc.start; i++)
			if (t[i] == '*')
				star = i;
		return names_const(t, star, d->name_loc.start, true);
	}
	return ds->qualified_type || ds->const_type || dspec_names_const(t, ds, true);
}

static struct ac_var *new_var(struct ac_parser *P, struct ac_declarator *d,
			      struct ac_dspec *ds)
{
	struct ac_func *f = P->func;
	struct ac_var *v = AC_NEW(P->arena, struct ac_var);
	v->name = d->name;
	v->dspec = ds;
	v->id = f->nvars++;
	v->depth = (int)P->scopes->depth;
	v->is_static = ds && (ds->is_static || ds->is_extern ||
			      ds->is_thread_local);
	v->is_array = d->is_array || (ds && ds->array_type && !d->wrapped && !d->suffixed);
	v->is_vla = d->is_vla || (ds && ds->vla_type);
	v->is_task = ds && ds->is_async;
	if (v->is_task && v->is_static)
		ac_parser_error_at(P, d->name_loc.start, d->name_loc.end,
				   "a task variable cannot be static or extern: a task "
				   "belongs to one call of the function that creates it "
				   "(declare 'async ... %s' without it)", d->name);
	v->scope_start = d->name_loc.start;
	v->scope_end = UINT32_MAX;
	v->is_const = is_const_object(P, ds, d);
	v->stored_by_copy = ds && (ds->read_only_type || ds->const_type) && !d->is_pointer &&
			    !d->is_function && !v->is_array && !v->is_task;
	const char *brace = ds ? memchr(P->src->text + ds->loc.start, '{',
					ds->loc.end - ds->loc.start) : NULL;
	v->typed_by_block = brace && opens_statement_expression(P->src->text + ds->loc.start,
								 brace);
	for (struct ac_var *o = f->vars; o; o = o->next)
		if (!strcmp(o->name, v->name))
			o->shadowed_name = v->shadowed_name = true;
	*f->vars_tail = v;
	f->vars_tail = &v->next;
	return v;
}

/* Does the declarator declare a function: `double half(int)`, or `fn_t g`
 * with fn_t a typedef of a function type? */
static bool declares_function(const struct ac_dspec *ds, const struct ac_declarator *d)
{
	return d->is_function ||
	       (ds->function_type && !d->is_pointer && !d->wrapped && !d->suffixed);
}

/* A function declared in an async function's body (`double half(int);`)
 * is declared again at file scope before its frame, whose types and the
 * step's temporaries (`__typeof__(half(3))`) may name it. */
static void note_block_function(struct ac_parser *P, const struct ac_dspec *ds,
				const struct ac_declarator *d)
{
	struct ac_func *f = P->func;
	AC_ARENA_GROW(P->arena, f->fn_decls, f->capfn_decls, f->nfn_decls);
	f->fn_decls[f->nfn_decls++] = (struct ac_fn_decl){ ds->loc, d->loc };
}

struct ac_declarator *ac_declare(struct ac_parser *P, struct ac_declarator *d)
{
	struct ac_dspec *ds = current_dspec(P);
	P->pending_decl = d;
	if (!d || !d->name || !ds)
		return d;
	if (P->mode == AC_PARSE_FUNCTION && ds->is_async && d->is_function &&
	    P->scopes->depth == 0 && P->ntop_decls < P->ncpp_names)
		/* the compiler's name for it (`#define work real_work`): its
		 * frame, constructor and awaits take that name */
		d->name = P->cpp_names[P->ntop_decls];
	struct ac_name *n = ac_name_of(d->name);
	struct ac_proto *old = ds->is_async && d->is_function ? find_proto(d->name)
							       : NULL;
	struct ac_binding *b = ac_scopes_bind(
		P->scopes, n, ds->is_typedef ? AC_BIND_TYPEDEF : AC_BIND_ORDINARY);
	b->var = NULL;
	b->proto = NULL;
	b->read_only_result = d->is_function && !ds->is_typedef && ds->read_only_type &&
			      !d->is_pointer;
	if (ds->is_typedef) {
		local_type(P, d->name, d->name_loc, false, b->shadowed != NULL);
		n->array_typedef = !d->wrapped && (d->is_array || (ds->array_type && !d->suffixed));
		n->function_typedef = declares_function(ds, d);
		n->vla_typedef = d->is_vla || ds->vla_type;
		n->typeof_typedef = ds->typeof_type && !d->is_pointer && !d->suffixed && !d->wrapped;
		n->aggregate_typedef = !d->is_pointer && !d->is_function &&
				       (n->array_typedef || (ds->aggregate_type && !d->wrapped));
		n->const_typedef = !n->array_typedef && !d->is_function && is_const_object(P, ds, d);
		n->qualified_typedef = !n->array_typedef && is_qualified_type(P, ds, d);
		n->read_only_typedef = ds->read_only_type && !d->is_pointer && !d->is_function;
		return d;
	}
	if (ds->is_async && d->is_function && P->scopes->depth > 0) {
		/* (its frame and constructor are declared at file scope) */
		if (P->func != NULL || (!P->in_async && P->mode == AC_PARSE_UNIT))
			/* (unless a body follows: a nested definition) */
			P->inner_async_proto = true, P->inner_proto_name = d->name_loc;
		return d;
	}
	if (ds->is_async && d->is_function)
		b->proto = register_proto(P, ds, d, old);
	if (ds->is_async && d->fn_wrapped && !d->is_function &&
	    (P->scopes->depth > 0 ? P->func != NULL : P->mode != AC_PARSE_FUNCTION))
		/* `async int (*fp)(int)`: what would awaiting its call yield? */
		ac_parser_error_at(P, d->name_loc.start, d->name_loc.end,
				   "a pointer to an async function is not supported: "
				   "declare 'ac_task *(*%s)(...)' and await its task "
				   "with a cast, '(async T)'", d->name);
	if (ds->is_async && P->scopes->depth == 0) {
		if (P->ntop_decls == P->captop_decls) {
			P->captop_decls = P->captop_decls ? 2 * P->captop_decls : 8;
			P->top_decls = realloc(P->top_decls,
					       P->captop_decls * sizeof *P->top_decls);
			if (!P->top_decls)
				abort();
		}
		P->top_decls[P->ntop_decls++] = d;
	}
	else if (P->scopes->depth > 0 && declares_function(ds, d)) {
		if (P->func && !ds->is_async) {
			note_block_function(P, ds, d);
			d->declared_above = !b->shadowed || b->shadowed->depth == 0;
		}
	} else if (P->scopes->depth > 0) {
		P->locals_seen++;
		if (P->func)
			b->var = new_var(P, d, ds);
	}
	return d;
}

/* Does the initializer at `init` name the variable `v` it initializes
 * (`long x = await v(sizeof x)`), not an inner one of the same name that
 * it declares (the `_a` of a MIN in a MAX's argument)? */
static bool names_itself(struct ac_parser *P, const struct ac_var *v, struct ac_loc init)
{
	struct ac_words s = { .t = P->src->text, .at = init.start, .end = init.end };
	uint32_t w, n;
	while (ac_words_next(&s, &w, &n)) {
		if (s.member || !ac_word_is(s.t + w, n, v->name))
			continue;
		bool inner = false;
		for (const struct ac_var *o = P->func->vars; o && !inner; o = o->next)
			inner = o != v && o->scope_start >= init.start && o->scope_start <= w &&
				w < o->scope_end && !strcmp(o->name, v->name);
		if (!inner)
			return true;
	}
	return false;
}

/* `__auto_type q = (int (*)[n])buf;`: is q's type variably modified (as
 * for typeof, ac_typeof_vla)? */
static bool auto_type_vla(struct ac_parser *P, const struct ac_var *v,
			  const struct ac_expr *init, struct ac_loc init_loc)
{
	if (!v->dspec || !ac_words_count(P->src->text, v->dspec->loc.start, v->dspec->loc.end,
					 "__auto_type"))
		return false;
	return (P->vm_bound_end > init_loc.start && P->vm_bound_end <= init_loc.end) ||
	       mentions_local(init, true);
}

struct ac_init_decl *ac_build_init_decl(struct ac_parser *P,
					struct ac_declarator *d,
					struct ac_expr *init,
					struct ac_loc init_loc, bool is_list)
{
	if (!P->func)
		return NULL;
	struct ac_init_decl *i = AC_NEW(P->arena, struct ac_init_decl);
	i->decl = d;
	i->init = init;
	i->init_loc = init_loc;
	i->init_is_list = is_list;
	if (is_list && inits_within(P, init_loc))
		i->init = braced_with_awaits(P, init_loc);
	i->loc = (struct ac_loc){ d->loc.start, init_loc.end };
	if (!init && !is_list)
		i->loc.end = d->loc.end;
	struct ac_name *n = ac_name_of(d->name);
	if (n->binding && n->binding->var) {
		i->var = n->binding->var;
		i->var->decl = i;
		if (i->init && i->init->has_await && names_itself(P, i->var, init_loc))
			/* `long x = await v(sizeof x);`: its awaits run before it
			 * is declared, where `x` would name another */
			i->var->address_taken = true;
		if (init && auto_type_vla(P, i->var, init, init_loc))
			i->var->is_vla = true;
	}
	return i;
}

struct ac_init_decl *ac_init_decl_append(struct ac_init_decl *list,
					 struct ac_init_decl *d)
{
	if (!d)
		return list;
	if (!list) {
		d->tail = d;
		return d;
	}
	list->tail->next = d;
	list->tail = d;
	return list;
}

static void record_async_decl(struct ac_parser *P, struct ac_dspec *d,
			      struct ac_loc loc)
{
	struct ac_unit *u = P->unit;
	if (u->nasync_decls == u->capasync_decls) {
		u->capasync_decls = u->capasync_decls ? 2 * u->capasync_decls : 16;
		u->async_decls = realloc(u->async_decls,
					 u->capasync_decls * sizeof *u->async_decls);
		if (!u->async_decls)
			abort();
	}
	struct ac_async_decl *a = &u->async_decls[u->nasync_decls++];
	P->keep_scratch = true;
	a->loc = loc;
	a->orig_loc = loc;
	a->text = NULL;
	a->dspec = d;
	a->ndecls = P->ntop_decls;
	a->decls = ac_arena_alloc(P->arena, (P->ntop_decls + 1) * sizeof *a->decls);
	if (P->ntop_decls)
		memcpy(a->decls, P->top_decls, P->ntop_decls * sizeof *a->decls);
}

struct ac_stmt *ac_build_declaration(struct ac_parser *P, struct ac_dspec *d,
				     struct ac_init_decl *list,
				     struct ac_loc loc)
{
	ac_decl_end(P);
	if (P->inner_async_proto)
		ac_parser_error_at(P, P->inner_proto_name.start, P->inner_proto_name.end,
				   "an async function's prototype inside a function: "
				   "declare '%s' at file scope",
				   ac_parser_name(P, P->inner_proto_name));
	P->inner_async_proto = false;
	if (P->scopes->depth == 0 && d->is_async && !d->is_typedef) {
		if (P->main_is_orig && in_main_file(P, loc.start))
			record_async_decl(P, d, loc);
		else if (in_main_file(P, loc.start))
			ac_parse_original(P, loc.start, loc.end, 0);
	}
	if (!P->func)
		return NULL;
	struct ac_stmt *s = ac_build_stmt(P, ST_DECL, loc);
	s->decl = AC_NEW(P->arena, struct ac_decl);
	s->decl->dspec = d;
	s->decl->decls = list;
	s->decl->loc = loc;
	if (!list && !d->is_typedef)
		forward_declaration(P, loc);
	if (d->is_typedef || !list) /* moved whole, if moved (bodytypes.c) */
		for (size_t k = 0; k < P->func->nlocal_types; k++) {
			struct ac_local_type *t = &P->func->local_types[k];
			if (t->decl.end == 0 && t->loc.start >= loc.start && t->loc.end <= loc.end)
				t->decl = loc;
		}
	for (struct ac_init_decl *i = list; i; i = i->next) {
		if (i->var)
			i->var->decl_stmt = s;
		if (i->init && i->init->has_await && i->var && i->var->is_static)
			ac_parser_error_at(P, i->init_loc.start, i->init_loc.end,
					   "an await in the initializer of '%s', which has "
					   "static storage: it is set once, before the "
					   "program runs; assign it instead", i->var->name);
		else if (i->init && i->init->has_await)
			s->has_await = true;
	}
	return s;
}

void ac_decl_toplevel(struct ac_parser *P, struct ac_stmt *decl)
{
	(void)decl;
	if (P->mode == AC_PARSE_FUNCTION)
		P->stop = true;
}

void ac_toplevel_start(struct ac_parser *P)
{
	P->scratch = ac_arena_mark(P->arena);
	P->keep_scratch = false;
	P->inner_async_proto = false; /* (one left by a declaration cut short) */
}

/*
 * After each top-level declaration of a whole file: if it left nothing that
 * lasts (no async function, prototype or task variable: names and their
 * bindings live in the name table), the arena gives back what it took for
 * the declaration's specifiers, declarators and parameters.  Checking a big
 * file of plain C then runs in a few pages that stay in the cache.
 */
void ac_toplevel_done(struct ac_parser *P)
{
	if (P->mode == AC_PARSE_UNIT && !P->unit->stress && !P->keep_scratch &&
	    !P->func && P->ndspec == 0 && P->nbrackets == 0) {
		P->pending_decl = NULL;
		ac_arena_release(P->arena, P->scratch);
	}
	ac_toplevel_start(P);
}

void ac_enum_constant(struct ac_parser *P, const char *name, struct ac_loc loc)
{
	local_type(P, name, loc, false, ac_name_of(name)->binding != NULL);
	ac_scopes_bind(P->scopes, ac_name_of(name), AC_BIND_ENUM);
}

/* enum_specifier: ENUM NAME? '{' enumerator_list '}': its constants are
 * defined by it too */
void ac_enum_defined(struct ac_parser *P, const char *tag, struct ac_loc loc,
		     struct ac_loc spec, struct ac_loc open, struct ac_loc close)
{
	struct ac_local_type *e = local_spec(P, tag, loc, spec, open, close);
	if (e)
		e->is_enum = true;
	struct ac_func *f = P->func;
	for (size_t k = 0; f && P->scopes->depth > 0 && k < f->nlocal_types; k++) {
		struct ac_local_type *t = &f->local_types[k];
		if (!t->tag && t->spec.end == 0 && t->loc.start > open.start && t->loc.end < close.end) {
			t->spec = spec;
			t->body = (struct ac_loc){ open.start, close.end };
			t->is_enum = true;
		}
	}
}

/*
 * Which structs C cannot assign: those with a const member, or a member
 * of such a type (an array of them too).  A local, parameter or result
 * of one is stored in the frame by copying its bytes.
 *
 *   struct_declarator: declarator  ->  the kind of object it declares
 */
int ac_member_declarator(struct ac_parser *P, struct ac_declarator *d)
{
	if (!d || d->is_function)
		return 0;
	if (!d->is_pointer)
		return AC_MEMBER_OBJECT; /* of the specifiers' type, or an array of it */
	const char *t = P->src->text;
	uint32_t star = d->loc.start;
	for (uint32_t i = d->loc.start; i < d->name_loc.start; i++)
		if (t[i] == '*')
			star = i;
	return names_const(t, star, d->name_loc.start, false) ? AC_MEMBER_CONST_POINTER : 0;
}

/* struct_declaration: declaration_specifiers struct_declarator_list ';' */
int ac_member_declaration(struct ac_parser *P, struct ac_dspec *ds, int kinds)
{
	if (kinds & AC_MEMBER_CONST_POINTER)
		return 1;
	if (!(kinds & AC_MEMBER_OBJECT) || !ds)
		return 0;
	/* (a member of a typeof type may be const: copied to be safe) */
	return ds->read_only_type || ds->const_type || ds->typeof_type ||
	       dspec_names_const(P->src->text, ds, false);
}

/* struct_or_union_specifier: struct_or_union '{' struct_body '}' */
void ac_struct_specified(struct ac_parser *P, int read_only, struct ac_loc spec,
			 struct ac_loc open, struct ac_loc close)
{
	P->struct_read_only = read_only;
	P->struct_body = (struct ac_loc){ open.start, close.end };
	local_spec(P, NULL, spec, spec, open, close);
}

/* struct_or_union_specifier: struct_or_union NAME '{' struct_body '}' */
void ac_struct_defined(struct ac_parser *P, const char *tag, struct ac_loc loc,
		       int read_only, struct ac_loc spec, struct ac_loc open,
		       struct ac_loc close)
{
	P->struct_read_only = read_only;
	P->struct_body = (struct ac_loc){ open.start, close.end };
	local_spec(P, tag, loc, spec, open, close);
	struct ac_name *name = ac_name_of(tag);
	if (P->scopes->depth > 0) { /* (a block's tag may be the frame's too:
				       copying its bytes is right for any) */
		name->read_only_tag |= read_only != 0;
		return;
	}
	name->read_only_tag = read_only != 0;
	size_t n = strlen(tag);
	if (n > 7 && !strcmp(tag + n - 7, "__frame"))
		name->frame_tag = 1;
}

/* typeof ( expression ): of a type C may not assign?  That of a local
 * or of a call of a function declared in the file asyncc knows; any other
 * (`typeof(*p)`, `typeof(global)`, `typeof(z + 1)`) may be a struct with a
 * const member or a const-qualified _Complex, so its values are copied. */
void ac_typeof_expr(struct ac_parser *P, struct ac_expr *e)
{
	const struct ac_expr *x = e;
	while (x && x->kind == EX_PAREN)
		x = x->a;
	if (x && x->kind == EX_IDENT && x->var)
		P->type_read_only = x->var->stored_by_copy || x->var->is_const;
	else if (x && x->kind == EX_CALL && x->a && x->a->kind == EX_IDENT && !x->a->var)
		P->type_read_only = x->read_only_value;
	else
		P->type_read_only = true;
}

/* struct_or_union_specifier: struct_or_union NAME */
void ac_struct_named(struct ac_parser *P, const char *tag, struct ac_loc loc)
{
	P->struct_read_only = ac_name_of(tag)->read_only_tag;
	P->struct_body = (struct ac_loc){ 0, 0 };
	P->named_tag = tag;
	P->named_tag_loc = loc;
}

/* Elements of braced initializers are kept only if they await, create a
 * task or hold a compound literal: the list itself stays text, and those
 * elements are lowered in place. */
void ac_initializer_expr(struct ac_parser *P, struct ac_expr *e)
{
	struct ac_func *f = P->func;
	if (f && e && !(e->has_await || e->has_task_call || e->has_literal ||
			e->has_unevaluated) && e->has_call) {
		AC_ARENA_GROW(P->arena, f->effect_inits, f->capeffect_inits, f->neffect_inits);
		f->effect_inits[f->neffect_inits++] = e;
	}
	if (!f || !e || !(e->has_await || e->has_task_call || e->has_literal || e->has_unevaluated))
		return;
	size_t n = f->ninits;
	AC_ARENA_GROW(P->arena, f->inits, f->capinits, n);
	AC_ARENA_GROW(P->arena, f->init_parent, f->capinit_parent, n);
	f->inits[n] = e;
	f->init_parent[n] = SIZE_MAX;
	f->ninits++;
	/* the elements it holds were read before it, just before */
	while (f->ninit_roots) {
		size_t r = f->init_roots[f->ninit_roots - 1];
		struct ac_loc l = f->inits[r]->loc;
		if (l.start < e->loc.start || l.end > e->loc.end ||
		    (l.start == e->loc.start && l.end == e->loc.end))
			break;
		f->init_parent[r] = n;
		f->ninit_roots--;
	}
	AC_ARENA_GROW(P->arena, f->init_roots, f->capinit_roots, f->ninit_roots);
	f->init_roots[f->ninit_roots++] = n;
}

/* Does another element of f->inits that lies in `loc` hold f->inits[i]?
 * (Elements nest: if one does, the smallest that holds it does.  Asking
 * each other element made a literal nested N deep take N^3 steps.) */
static bool init_nested(const struct ac_func *f, size_t i, struct ac_loc loc)
{
	size_t k = f->init_parent[i];
	return k != SIZE_MAX && f->inits[k]->loc.start >= loc.start &&
	       f->inits[k]->loc.end <= loc.end;
}

static int cmp_expr_start(const void *a, const void *b)
{
	const struct ac_expr *x = *(struct ac_expr *const *)a, *y = *(struct ac_expr *const *)b;
	return x->loc.start < y->loc.start ? -1 : x->loc.start > y->loc.start;
}

/* Adds to `e`, a braced list at `loc` that awaits, the outermost of its
 * elements with an effect and no await, in their order: evaluated before
 * the awaits after them (`{ bump(), await get() }`), as gcc and clang do. */
static void add_effect_elements(struct ac_func *f, struct ac_parser *P, struct ac_expr *e,
				struct ac_loc loc)
{
	size_t had = e->nargs;
	for (size_t i = 0; i < f->neffect_inits; i++) {
		struct ac_expr *x = f->effect_inits[i];
		bool inside = x->loc.start < loc.start || x->loc.end > loc.end;
		for (size_t k = 0; k < had && !inside; k++)
			inside = e->args[k]->loc.start <= x->loc.start && x->loc.end <= e->args[k]->loc.end;
		for (size_t k = 0; k < f->neffect_inits && !inside; k++) {
			const struct ac_expr *y = f->effect_inits[k];
			inside = k != i && y->loc.start <= x->loc.start && x->loc.end <= y->loc.end &&
				 y->loc.end - y->loc.start > x->loc.end - x->loc.start &&
				 y->loc.start >= loc.start && y->loc.end <= loc.end;
		}
		if (!inside)
			ac_args_append(P, e, x);
	}
	if (e->nargs > had)
		qsort(e->args, e->nargs, sizeof *e->args, cmp_expr_start);
}

/* An opaque node for braced text at `loc`, with its awaiting elements and
 * those holding compound literals (the outermost ones) as operands. */
static struct ac_expr *braced_with_awaits(struct ac_parser *P, struct ac_loc loc)
{
	struct ac_func *f = P->func;
	struct ac_expr *e = AC_NEW(P->arena, struct ac_expr);
	e->kind = EX_OPAQUE;
	e->loc = loc;
	e->has_call = true;
	for (size_t i = 0; i < f->ninits; i++) {
		struct ac_expr *x = f->inits[i];
		if (x->loc.start < loc.start || x->loc.end > loc.end)
			continue;
		if (!init_nested(f, i, loc)) {
			ac_args_append(P, e, x);
			e->has_await |= x->has_await; /* a statement expression's return */
		}
	}
	e->has_await |= awaits_within(P, loc);
	if (e->has_await)
		add_effect_elements(f, P, e, loc);
	return e;
}

/* ------------------------------------------------------------ functions */

/* Binds the parameters of the function whose body begins, so that one
 * named like a typedef hides it in the body; `make_vars`: also record them
 * as variables of the async function being built. */
/* Does an array dimension of this parameter after the first (which decays
 * to a pointer; a pointer to an array's first is kept, `char (*p)[n]`)
 * name a variable, `int m[][n]`, or any have an effect that C runs at the
 * function's entry, `int b[a++]`? */
static bool variably_modified(struct ac_parser *P, const struct ac_declarator *d)
{
	const char *t = P->src->text;
	int depth = 0, dims = 0, free_dims = d->is_array ? 1 : 0;
	for (uint32_t i = d->name_loc.end; i < d->loc.end; i++) {
		if (ac_bracket(t + i) == '[' && depth++ == 0)
			dims++;
		else if (ac_bracket(t + i) == ']')
			depth--;
		else if (depth > 0 && ((t[i] == '+' && t[i + 1] == '+') ||
				       (t[i] == '-' && t[i + 1] == '-') ||
				       (t[i] == '=' && t[i + 1] != '=' && !strchr("=<>!", t[i - 1]))))
			return true;
		else if (depth > 0 && dims > free_dims && ac_is_ident_char(t[i]) &&
			 !ac_is_ident_char(t[i - 1]) && !(t[i] >= '0' && t[i] <= '9')) {
			uint32_t j = i;
			while (j < d->loc.end && ac_is_ident_char(t[j]))
				j++;
			struct ac_name *n = ac_scopes_intern(P->scopes, t + i, j - i);
			/* a parameter or local (file-scope names mean the same
			 * in the frame) */
			if (!n->keyword && n->binding && n->binding->kind == AC_BIND_ORDINARY &&
			    n->binding->depth > 0)
				return true;
			i = j - 1;
		}
	}
	return false;
}

/* `(void)`: no parameters. */
static bool is_void_list(struct ac_parser *P, const struct ac_declarator *d)
{
	const struct ac_param *p = d->params;
	if (!p || p->next || (p->decl && p->decl->loc.end > p->decl->loc.start))
		return false;
	return ac_word_is(P->src->text + p->specs.start, p->specs.end - p->specs.start,
			  "void");
}

static void declare_params(struct ac_parser *P, struct ac_declarator *d,
			   bool make_vars)
{
	if (!d || !d->is_function)
		return;
	for (struct ac_param *p = d->params; p; p = p->next) {
		if (make_vars && (!p->decl || !p->decl->name) && !is_void_list(P, d))
			refuse(P->func, p->loc, "a parameter has no name (its frame "
						"could not keep it)");
		if (!p->decl || !p->decl->name)
			continue;
		if (make_vars && variably_modified(P, p->decl))
			refuse(P->func, p->decl->loc, "a parameter has a variably modified "
						      "type, which its frame cannot declare");
		struct ac_name *n = ac_name_of(p->decl->name);
		struct ac_binding *b = ac_scopes_bind(P->scopes, n,
						      AC_BIND_ORDINARY);
		b->proto = NULL;
		b->var = NULL;
		if (make_vars && P->func) {
			b->var = new_var(P, p->decl, p->dspec);
			b->var->param = p;
		}
	}
}

/* Should the body about to be parsed be built into a tree? */
static bool builds_body(struct ac_parser *P, struct ac_dspec *ds)
{
	if (!ds->is_async && !P->unit->stress)
		return false;
	if (!P->main_is_orig)
		return false; /* built by the parse of the original text */
	return true;
}

void ac_function_begin(struct ac_parser *P)
{
	struct ac_dspec *ds = current_dspec(P);
	struct ac_declarator *d = P->pending_decl;
	if (P->nbrackets > 0 && d && d->name)
		P->brackets[P->nbrackets - 1].body_of = d->name;
	ac_scopes_push(P->scopes);
	if (d && !d->is_function) { /* `int x { ... }`: not a function */
		ac_parser_error_at(P, P->last_loc.start, P->last_loc.end,
			"expected '=', ',', ';', 'asm' or '__attribute__' "
			"before '{' token");
		return;
	}
	P->inner_async_proto = false; /* a definition, not a prototype */
	if (P->scopes->depth > 1) { /* a GNU nested function */
		if (ds && ds->is_async && !P->func) {
			ac_parser_error_at(P, d->name_loc.start, d->name_loc.end,
				"async function '%s' is defined inside another "
				"function; define it at file scope", d->name);
			if (!P->nested_async)
				P->nested_async = P->scopes->depth;
		}
		refuse(P->func, d->name_loc, "it defines a nested function");
		declare_params(P, d, false);
		return;
	}
	P->in_async = ds && (ds->is_async || P->unit->stress);
	P->awaits_seen = P->locals_seen = P->labels_seen = P->literals_seen = 0;
	P->ncallees = 0;
	P->def_name = d ? d->name : NULL;
	if (!ds || !d || !builds_body(P, ds)) {
		declare_params(P, d, false);
		return;
	}
	if (ds->is_async && !in_main_file(P, d->loc.start)) {
		ac_parser_error_at(P, d->name_loc.start, d->name_loc.end,
			"async function '%s' is defined in an included file; "
			"define it in a .ca file and declare it in the header",
			d->name);
		declare_params(P, d, false);
		return;
	}
	struct ac_func *f = AC_NEW(P->arena, struct ac_func);
	P->keep_scratch = true;
	f->vars_tail = &f->vars;
	struct ac_name *n = ac_name_of(d->name);
	f->proto = n->binding ? n->binding->proto : NULL;
	if (f->proto) /* (the definition names the parameters, whatever prototypes came since) */
		take_declaration(P, ds, d, f->proto);
	else { /* --stress-resume: a plain function */
		f->proto = register_proto(P, ds, d, NULL);
		f->stressed = true;
	}
	f->proto->defined = true;
	f->proto->func = f;
	f->is_main = !strcmp(d->name, "main");
	P->func = f;
	declare_params(P, d, true);
	if (!P->func)
		return;
	if (d->variadic)
		refuse(f, d->name_loc, "it is variadic");
	if (d->knr)
		refuse(f, d->name_loc, "it has a K&R parameter list");
	else if (!ds->has_type) /* no type to give its frame and wrapper */
		refuse(f, d->name_loc, "its return type is implicit int");
}

void ac_function_end(struct ac_parser *P, struct ac_stmt *body,
		     struct ac_loc loc)
{
	struct ac_dspec *ds = current_dspec(P);
	close_scope(P, loc);
	ac_scopes_pop(P->scopes);
	ac_decl_end(P);
	if (P->scopes->depth < P->nested_async)
		P->nested_async = 0;
	if (P->scopes->depth > 0)
		return; /* end of a nested function */
	struct ac_func *f = P->func;
	P->func = NULL;
	P->in_async = false;
	if (f) {
		f->body = body;
		f->loc = loc;
		f->body_loc = body ? body->loc : loc;
		*P->unit->funcs_tail = f;
		P->unit->funcs_tail = &f->next;
	}
	if (P->mode == AC_PARSE_FUNCTION) {
		P->stop = true;
		return;
	}
	if (!P->main_is_orig && ds && (ds->is_async || P->unit->stress) &&
	    in_main_file(P, loc.start))
		ac_parse_original(P, loc.start, loc.end, P->awaits_seen + 1);
}

struct ac_stmt *ac_nested_function(struct ac_parser *P, struct ac_loc loc)
{
	if (!P->func)
		return NULL;
	return ac_build_stmt(P, ST_OTHER, loc);
}

/* --------------------------------------------------------------- blocks */

void ac_block_begin(struct ac_parser *P)
{
	ac_scopes_push(P->scopes);
}

void ac_block_end(struct ac_parser *P)
{
	ac_scopes_pop(P->scopes);
}

struct ac_stmt *ac_stmt_append(struct ac_stmt *list, struct ac_stmt *s)
{
	if (!s)
		return list;
	if (!list) {
		s->tail = s;
		return s;
	}
	list->tail->next = s;
	list->tail = s;
	return list;
}

static void mark_await(struct ac_stmt *s, const struct ac_expr *e)
{
	if (e && e->has_await)
		s->has_await = true;
}

static void mark_await_stmt(struct ac_stmt *s, const struct ac_stmt *child)
{
	if (child && child->has_await)
		s->has_await = true;
}

static struct ac_stmt *compound(struct ac_parser *P, struct ac_stmt *items,
				struct ac_loc loc)
{
	if (!P->func)
		return NULL;
	struct ac_stmt *s = ac_build_stmt(P, ST_COMPOUND, loc);
	s->body = items;
	s->close_loc = (struct ac_loc){ loc.end - 1, loc.end };
	for (struct ac_stmt *i = items; i; i = i->next)
		mark_await_stmt(s, i);
	return s;
}

/* The variables of the scope about to close, that of `block`, are visible
 * up to its end. */
static void close_scope(struct ac_parser *P, struct ac_loc block)
{
	if (!P->func)
		return;
	for (struct ac_binding *b = P->scopes->scopes[P->scopes->depth]; b;
	     b = b->scope_next)
		if (b->var) {
			b->var->scope_end = block.end;
			b->var->block_start = block.start;
		}
}

struct ac_stmt *ac_build_compound(struct ac_parser *P, struct ac_stmt *items,
				  struct ac_loc loc)
{
	close_scope(P, loc);
	ac_block_end(P);
	return compound(P, items, loc);
}

struct ac_stmt *ac_build_body(struct ac_parser *P, struct ac_stmt *items,
			      struct ac_loc loc)
{
	return compound(P, items, loc);
}

/* ----------------------------------------------------------- statements */

/* C2x attributes and the statement `s` after them, as the body of an if or
 * a loop: `[[fallthrough]];` is kept whole, as written. */
struct ac_stmt *ac_build_attributed(struct ac_parser *P, struct ac_stmt *s,
				   struct ac_loc loc)
{
	return s && s->kind == ST_EMPTY ? ac_build_stmt(P, ST_OTHER, loc) : s;
}

struct ac_stmt *ac_build_stmt(struct ac_parser *P, enum ac_stmt_kind k,
			      struct ac_loc loc)
{
	if (!P->func)
		return NULL;
	struct ac_stmt *s = AC_NEW(P->arena, struct ac_stmt);
	s->kind = k;
	s->loc = loc;
	s->id = P->func->nstmts++;
	return s;
}

/* The first word `await` of the text at `loc` (not a member's name: `s.await`),
 * refused with `message`: text kept as written, where no await is lowered. */
static void refuse_await_word(struct ac_parser *P, struct ac_loc loc, const char *message)
{
	struct ac_words w = { .t = P->src->text, .at = loc.start, .end = loc.end };
	uint32_t at, n;
	while (ac_words_next(&w, &at, &n))
		if (!w.member && ac_word_is(P->src->text + at, n, "await")) {
			ac_parser_error_at(P, at, at + n, "%s", message);
			return;
		}
}

/* asm_statement: ASM ';' -- the scanner keeps its operands as text, where
 * an await cannot stand */
struct ac_stmt *ac_build_asm(struct ac_parser *P, struct ac_loc loc)
{
	struct ac_stmt *s = ac_build_stmt(P, ST_ASM, loc);
	if (s)
		refuse_await_word(P, loc, "'await' is not supported in an asm operand: "
				  "await into a local before the asm");
	return s;
}

/* __attribute__((...)) or [[...]] at `loc`, in an async function: its
 * operands are kept as text, and are constants (`aligned(8)`) */
void ac_build_attribute(struct ac_parser *P, struct ac_loc loc)
{
	if (P->in_async && P->func)
		refuse_await_word(P, loc, "an await in an attribute's operand: C computes "
				  "its value while compiling, before anything runs");
}

static const struct ac_expr *strip_parens(const struct ac_expr *e)
{
	while (e && e->kind == EX_PAREN)
		e = e->a;
	return e;
}

struct ac_stmt *ac_build_expr_stmt(struct ac_parser *P, struct ac_expr *e,
				   struct ac_loc loc)
{
	struct ac_stmt *s = ac_build_stmt(P, e ? ST_EXPR : ST_EMPTY, loc);
	if (!s)
		return NULL;
	s->e1 = e;
	mark_await(s, e);
	const struct ac_expr *c = strip_parens(e);
	if (c && c->kind == EX_CALL && c->is_async_call)
		warn_at(P, c->loc, "result of async call '%s' is never awaited",
			c->callee->name);
	return s;
}

struct ac_stmt *ac_build_if(struct ac_parser *P, struct ac_expr *c,
			    struct ac_stmt *then, struct ac_stmt *els,
			    struct ac_loc loc)
{
	struct ac_stmt *s = ac_build_stmt(P, ST_IF, loc);
	if (!s)
		return NULL;
	s->e1 = c;
	s->body = then;
	s->els = els;
	mark_await(s, c);
	mark_await_stmt(s, then);
	mark_await_stmt(s, els);
	return s;
}

static const struct ac_stmt *loose_jump_stmts(const struct ac_stmt *s, bool brk, bool cont);

/* A break (where `brk` is false) or continue (where `cont` is) in the
 * statement expressions of `e`. */
static const struct ac_stmt *loose_jump_expr(const struct ac_expr *e, bool brk, bool cont)
{
	if (!e)
		return NULL;
	const struct ac_stmt *j = loose_jump_stmts(e->stmts, brk, cont);
	if (!j)
		j = loose_jump_expr(e->a, brk, cont);
	if (!j)
		j = loose_jump_expr(e->b, brk, cont);
	if (!j)
		j = loose_jump_expr(e->c, brk, cont);
	for (size_t i = 0; !j && i < e->nargs; i++)
		j = loose_jump_expr(e->args[i], brk, cont);
	return j;
}

static const struct ac_stmt *loose_jump_stmts(const struct ac_stmt *s, bool brk, bool cont)
{
	for (; s; s = s->next) {
		if ((s->kind == ST_BREAK && !brk) || (s->kind == ST_CONTINUE && !cont))
			return s;
		bool loop = s->kind == ST_WHILE || s->kind == ST_DO || s->kind == ST_FOR;
		bool b = brk || loop || s->kind == ST_SWITCH, c = cont || loop;
		const struct ac_stmt *j = loose_jump_expr(s->e1, brk, cont);
		if (!j)
			j = loose_jump_expr(s->e2, brk, cont);
		if (!j)
			j = loose_jump_expr(s->e3, brk, cont);
		if (!j && s->decl)
			for (const struct ac_init_decl *i = s->decl->decls; !j && i; i = i->next)
				j = loose_jump_expr(i->init, brk, cont);
		if (!j)
			j = loose_jump_stmts(s->init, brk, cont);
		if (!j)
			j = loose_jump_stmts(s->body, b, c);
		if (!j)
			j = loose_jump_stmts(s->els, brk, cont);
		if (j)
			return j;
	}
	return NULL;
}

/* A loop whose condition or step awaits is rewritten (emit.c,
 * emit_cond_loop): a `break` or `continue` in a statement expression in
 * either (`rewritten`), which gcc binds to the loop around it and clang to
 * the loop itself, is refused. */
static void refuse_loose_jumps(struct ac_parser *P, const struct ac_expr *e, bool rewritten)
{
	if (!P->func || !e || !rewritten)
		return;
	const struct ac_stmt *j = loose_jump_expr(e, false, false);
	if (j)
		refuse(P->func, j->loc, "a 'break' or 'continue' in a statement expression "
		       "in the condition or step of a loop that awaits would leave the "
		       "loop asyncc rewrites it into; test in the body instead");
}

struct ac_stmt *ac_build_loop(struct ac_parser *P, enum ac_stmt_kind k,
			      struct ac_expr *c, struct ac_stmt *body,
			      struct ac_loc loc)
{
	struct ac_stmt *s = ac_build_stmt(P, k, loc);
	if (!s)
		return NULL;
	s->e1 = c;
	s->body = body;
	mark_await(s, c);
	mark_await_stmt(s, body);
	if (k == ST_WHILE || k == ST_DO)
		refuse_loose_jumps(P, c, c && c->has_await);
	if (k == ST_SWITCH && body && body->kind == ST_COMPOUND)
		for (struct ac_stmt *i = body->body;
		     i && i->kind != ST_CASE && i->kind != ST_DEFAULT && i->kind != ST_LABEL;
		     i = i->next)
			i->before_cases = true; /* never runs */
	return s;
}

struct ac_stmt *ac_build_for(struct ac_parser *P, struct ac_stmt *init_decl,
			     struct ac_expr *init, struct ac_expr *cond,
			     struct ac_expr *step, struct ac_stmt *body,
			     struct ac_loc loc)
{
	(void)init;
	close_scope(P, loc);
	ac_block_end(P);
	struct ac_stmt *s = ac_build_stmt(P, ST_FOR, loc);
	if (!s)
		return NULL;
	s->init = init_decl;
	s->e2 = cond;
	s->e3 = step;
	s->body = body;
	mark_await_stmt(s, init_decl);
	mark_await(s, cond);
	mark_await(s, step);
	mark_await_stmt(s, body);
	bool rewritten = (cond && cond->has_await) || (step && step->has_await);
	refuse_loose_jumps(P, cond, rewritten);
	refuse_loose_jumps(P, step, rewritten);
	return s;
}

struct ac_stmt *ac_build_labeled(struct ac_parser *P, enum ac_stmt_kind k,
				 const char *label, struct ac_expr *e,
				 struct ac_stmt *body, struct ac_loc loc)
{
	P->labels_seen++;
	struct ac_stmt *s = ac_build_stmt(P, k, loc);
	if (!s)
		return NULL;
	s->label = label;
	s->e1 = e;
	s->body = body;
	mark_await_stmt(s, body);
	if (k == ST_LABEL) {
		P->func->has_goto = true;
		AC_ARENA_GROW(P->arena, P->func->labels, P->func->caplabels, P->func->nlabels);
		P->func->labels[P->func->nlabels++] = loc.start;
	}
	return s;
}

/* Whether `e` cannot be of type void: a name (of a local), a constant, an
 * arithmetic or an assignment (a call, a cast, `?:`, a comma might be). */
static bool has_value(const struct ac_expr *e)
{
	while (e && e->kind == EX_PAREN)
		e = e->a;
	if (!e)
		return false;
	switch (e->kind) {
	case EX_IDENT:
		return e->var != NULL;
	case EX_CONST:
	case EX_INDEX:
	case EX_POSTFIX:
	case EX_BINARY:
	case EX_LOGAND:
	case EX_LOGOR:
	case EX_ASSIGN:
		return true;
	case EX_UNARY:
		return e->op != '*' && e->op != EXTENSION;
	default:
		return false;
	}
}

/* return expr;  in an async void function, and  return;  in one with a
 * result: what the compiler would say of them, which the translation
 * (an assignment to the frame's result and a jump) hides from it. */
static void check_return(struct ac_parser *P, struct ac_stmt *s)
{
	const struct ac_proto *p = P->func->proto;
	if (P->func->stressed || !p)
		return;
	if (!s->e1 && !p->returns_void)
		warn_at(P, s->loc, "'return' with no value, in function returning non-void%s", "");
	else if (s->e1 && p->returns_void && has_value(s->e1))
		warn_at(P, s->e1->loc, "'return' with a value, in function returning void%s", "");
}

struct ac_stmt *ac_build_jump(struct ac_parser *P, enum ac_stmt_kind k,
			      const char *label, struct ac_expr *e,
			      struct ac_loc loc)
{
	struct ac_stmt *s = ac_build_stmt(P, k, loc);
	if (!s)
		return NULL;
	s->label = label;
	s->e1 = e;
	mark_await(s, e);
	if (k == ST_RETURN)
		check_return(P, s);
	if (k == ST_GOTO) {
		P->func->has_goto = true;
		if (!label) {
			s->computed_goto = true;
			P->func->has_computed_goto = true;
		}
	}
	return s;
}

/* ---------------------------------------------------------- expressions */

static struct ac_expr *new_expr(struct ac_parser *P, enum ac_expr_kind k,
				struct ac_loc loc)
{
	struct ac_expr *e = AC_NEW(P->arena, struct ac_expr);
	e->kind = k;
	e->loc = loc;
	struct ac_func *f = P->func;
	if (f && f->ntypeofs) { /* `(__typeof__(await f()))x`: its type has one */
		struct ac_loc t = f->typeofs[f->ntypeofs - 1]->loc;
		e->has_unevaluated = t.start >= loc.start && t.end <= loc.end;
	}
	return e;
}

static void inherit(struct ac_expr *e, const struct ac_expr *c)
{
	if (!c)
		return;
	e->has_await |= c->has_await;
	e->has_call |= c->has_call;
	e->has_task_call |= c->has_task_call;
	e->has_task_cast |= c->has_task_cast;
	e->has_literal |= c->has_literal;
	e->has_unevaluated |= c->has_unevaluated;
}

/* The async function a word of an async function's body names, noted
 * (the parse of its text and that of its expansion must name the same). */
static void note_callee(struct ac_parser *P, const struct ac_binding *b)
{
	if (!P->in_async || !b || !b->proto || b->var)
		return;
	if (P->ncallees == P->capcallees) {
		P->capcallees = P->capcallees ? 2 * P->capcallees : 16;
		P->callees = realloc(P->callees, P->capcallees * sizeof *P->callees);
		if (!P->callees)
			abort();
	}
	P->callees[P->ncallees++] = b->proto;
}

struct ac_expr *ac_build_ident(struct ac_parser *P, const char *name,
			       struct ac_loc loc)
{
	note_callee(P, ac_name_of(name)->binding);
	if (!P->func)
		return NULL;
	struct ac_expr *e = new_expr(P, EX_IDENT, loc);
	e->name = name;
	struct ac_binding *b = ac_name_of(name)->binding;
	if (b) {
		e->var = b->var;
		e->callee = b->proto;
		e->read_only_value = b->read_only_result; /* (of its call) */
	}
	return e;
}

struct ac_expr *ac_build_leaf(struct ac_parser *P, enum ac_expr_kind k,
			      struct ac_loc loc)
{
	return P->func ? new_expr(P, k, loc) : NULL;
}

struct ac_expr *ac_build_opaque(struct ac_parser *P, struct ac_loc loc,
				struct ac_expr *inner)
{
	if (!P->func)
		return NULL;
	if (inner && (inner->has_await || inner->has_unevaluated))
		ac_parser_error_at(P, inner->loc.start, inner->loc.end,
				   "'await' is not supported in this operand");
	struct ac_expr *e = new_expr(P, EX_OPAQUE, loc);
	e->a = inner;
	if (inner)
		e->has_call = inner->has_call;
	return e;
}

/* An initializer element that awaits, creates a task or holds a compound
 * literal lies in `loc`. */
static bool inits_within(struct ac_parser *P, struct ac_loc loc)
{
	struct ac_func *f = P->func;
	for (size_t i = f->ninits; i-- > 0;)
		if (f->inits[i]->loc.start >= loc.start && f->inits[i]->loc.end <= loc.end)
			return true;
	return false;
}

static bool awaits_within(struct ac_parser *P, struct ac_loc loc)
{
	struct ac_func *f = P->func;
	for (int i = f->nawaits - 1; i >= 0; i--)
		if (f->awaits[i]->loc.start >= loc.start &&
		    f->awaits[i]->loc.end <= loc.end)
			return true;
	return false;
}

/* A return among these statements (or in what they hold) leaves the step
 * function unless it is rewritten: `#define TRY(e) ({ ... return r_; ... })`. */
static bool returns_in(const struct ac_stmt *s)
{
	for (; s; s = s->next)
		if (s->kind == ST_RETURN || s->has_await || returns_in(s->body) ||
		    returns_in(s->els) || returns_in(s->init))
			return true;
	return false;
}

struct ac_expr *ac_build_stmt_expr(struct ac_parser *P, struct ac_stmt *items,
				   struct ac_loc loc)
{
	close_scope(P, loc); /* its locals are not seen after it */
	ac_block_end(P);
	if (!P->func)
		return NULL;
	struct ac_expr *e = new_expr(P, EX_OPAQUE, loc);
	e->has_call = true;
	e->is_stmt_expr = true;
	e->stmts = items;
	AC_ARENA_GROW(P->arena, P->func->stmt_exprs, P->func->capstmt_exprs,
		      P->func->nstmt_exprs);
	P->func->stmt_exprs[P->func->nstmt_exprs++] = e;
	if (awaits_within(P, loc) || returns_in(items)) { /* lowered as statements */
		e->has_await = true;
	} else {
		for (struct ac_var *v = P->func->vars; v; v = v->next)
			if (v->decl && v->decl->loc.start > loc.start &&
			    v->decl->loc.end < loc.end)
				v->never_in_frame = true;
	}
	return e;
}

/* Does the type name of the compound literal at `loc` name a struct, union
 * or array type (as its elements' type when it is an array)? */
static bool literal_of_aggregates(struct ac_parser *P, struct ac_loc loc)
{
	const char *t = P->src->text;
	uint32_t end = loc.start;
	while (end < loc.end && ac_bracket(t + end) != '{')
		end++;
	struct ac_words s = { .t = t, .at = loc.start, .end = end };
	uint32_t w, n;
	while (ac_words_next(&s, &w, &n))
		if (ac_word_is(t + w, n, "struct") || ac_word_is(t + w, n, "union") ||
		    ac_scopes_intern(P->scopes, t + w, n)->aggregate_typedef)
			return true;
	return false;
}

struct ac_expr *ac_build_compound_literal(struct ac_parser *P,
					  struct ac_loc loc)
{
	P->literals_seen++;
	if (!P->func)
		return NULL;
	struct ac_expr *e = inits_within(P, loc) ? braced_with_awaits(P, loc)
						 : new_expr(P, EX_OPAQUE, loc);
	e->of_aggregates = literal_of_aggregates(P, loc);
	e->has_call = true;
	e->is_literal = true;
	e->has_literal = true;
	return e;
}

/* An operand C never evaluates (sizeof, _Alignof, __builtin_constant_p, ...):
 * its awaits never run, so they are no suspension points; the emitter
 * puts a value of their result type in their place. */
static void unevaluated(struct ac_parser *P, struct ac_expr *a)
{
	struct ac_func *f = P->func;
	while (f->nawaits > 0 && f->awaits[f->nawaits - 1]->loc.start >= a->loc.start &&
	       f->awaits[f->nawaits - 1]->loc.end <= a->loc.end) {
		f->awaits[--f->nawaits]->await_id = -1;
		f->nunevaluated++;
	}
}

/* An await in `e` where C needs the value before the await could run
 * (`what`: a constant expression, an array's size): refused at the first,
 * and its awaits are no suspension points. */
static void refuse_awaits(struct ac_parser *P, struct ac_expr *e, const char *what,
			  const char *instead)
{
	struct ac_func *f = P->func;
	if (!e || !e->has_await || !f)
		return;
	const struct ac_expr *first = NULL;
	for (int i = f->nawaits - 1; i >= 0; i--)
		if (f->awaits[i]->loc.start >= e->loc.start && f->awaits[i]->loc.end <= e->loc.end)
			first = f->awaits[i];
	if (first)
		ac_parser_error_at(P, first->op_loc.start, first->op_loc.end,
				   "an await in %s: %s", what, instead);
	unevaluated(P, e);
}

/* constant_expression: assignment_expression (a case label, an
 * enumerator's value, a bit-field's width, _Static_assert, _Alignas, an
 * array designator) */
struct ac_expr *ac_build_constant(struct ac_parser *P, struct ac_expr *e)
{
	refuse_awaits(P, e, "a constant expression",
		      "C computes its value while compiling, before anything runs");
	return e;
}

/* The size of an array type (`char buf[await f()]`, `sizeof(int[await
 * f()])`), computed where the type is: before the await could resume. */
static void refuse_awaiting_bound(struct ac_parser *P, struct ac_expr *size)
{
	refuse_awaits(P, size, "the size of an array",
		      "await the size into a local first (`size_t n = await f(); char buf[n];`)");
}

/* typeof ( expression ): its awaits never run; the emitter puts values of
 * their types in their place wherever the type's text is copied. */
void ac_typeof_operand(struct ac_parser *P, struct ac_expr *x)
{
	if (!P->func || !x || !(x->has_await || x->has_unevaluated))
		return;
	unevaluated(P, x);
	AC_ARENA_GROW(P->arena, P->func->typeofs, P->func->captypeofs, P->func->ntypeofs);
	P->func->typeofs[P->func->ntypeofs++] = x;
}

/* sizeof a, _Alignof a, and _Generic(a, ...): `a` is never evaluated. */
struct ac_expr *ac_build_sizeof(struct ac_parser *P, struct ac_expr *a,
				struct ac_loc loc)
{
	if (!P->func)
		return NULL;
	struct ac_expr *e = new_expr(P, EX_OPAQUE, loc);
	if (a && (a->has_await || a->has_unevaluated)) { /* sizeof(sizeof(await f())) too */
		unevaluated(P, a);
		e->a = a;
		e->is_unevaluated = e->has_unevaluated = true;
		/* as a typeof's: where it is copied as text (a case label, an
		 * array bound, an enumerator), a value of its type */
		AC_ARENA_GROW(P->arena, P->func->typeofs, P->func->captypeofs, P->func->ntypeofs);
		P->func->typeofs[P->func->ntypeofs++] = a;
	}
	e->reads_nothing = true;
	return e;
}

/* Whether `x` designates an object (an lvalue), as a struct whose member
 * is taken: a name, *p, a[i], p->m, s.m of an object, a compound literal,
 * a _Generic that chooses one; not a call's value, an assignment's, a
 * cast's, a statement expression's... */
static bool is_object(const struct ac_expr *x)
{
	while (x && (x->kind == EX_PAREN || (x->kind == EX_UNARY && x->op == EXTENSION) ||
		     (x->kind == EX_MEMBER && x->op == '.')))
		x = x->a;
	if (!x)
		return false;
	switch (x->kind) {
	case EX_IDENT:
	case EX_INDEX:
	case EX_MEMBER: /* -> */
		return true;
	case EX_UNARY:
		return x->op == '*';
	case EX_OPAQUE:
		return x->is_literal || (x->chooses_object && !x->chooses_value);
	default:
		return false;
	}
}

/* An association of a _Generic: one that awaits is refused (the
 * translation would run it whichever is chosen); one that holds a compound
 * literal is kept, for the literal to move to the frame when chosen. */
void ac_generic_association(struct ac_parser *P, struct ac_expr *x)
{
	if (!P->func || !x)
		return;
	AC_ARENA_GROW(P->arena, P->associations, P->capassociations, P->nassociations);
	P->associations[P->nassociations++] = x;
	if (x->has_await)
		ac_parser_error_at(P, x->loc.start, x->loc.end,
				   "'await' is not supported in this operand");
	else if (x->has_literal || x->has_unevaluated) /* (sizeof(await f()): its type) */
		ac_initializer_expr(P, x);
}

struct ac_expr *ac_build_generic(struct ac_parser *P, struct ac_expr *a,
				 struct ac_loc loc)
{
	struct ac_expr *e = ac_build_sizeof(P, a, loc);
	if (!e)
		return NULL;
	e->reads_nothing = false; /* the chosen association is evaluated */
	while (P->nassociations && P->associations[P->nassociations - 1]->loc.start >= loc.start) {
		bool object = is_object(P->associations[--P->nassociations]);
		e->chooses_object |= object;
		e->chooses_value |= !object;
	}
	struct ac_func *f = P->func;
	for (size_t i = 0; i < f->ninits; i++) { /* the outermost in an association */
		struct ac_expr *x = f->inits[i];
		if (x->loc.start < loc.start || x->loc.end > loc.end ||
		    !(x->has_literal || x->has_unevaluated) ||
		    (a && x->loc.start >= a->loc.start && x->loc.end <= a->loc.end))
			continue;
		if (!init_nested(f, i, loc)) {
			ac_args_append(P, e, x);
			e->has_literal |= x->has_literal;
			e->has_unevaluated |= x->has_unevaluated;
			e->has_call = true;
		}
	}
	return e;
}

/* GCC's built-in functions that look at their operands without evaluating
 * them. */
static bool never_evaluates(const char *fn)
{
	return !strcmp(fn, "__builtin_constant_p") || !strcmp(fn, "__builtin_object_size") ||
	       !strcmp(fn, "__builtin_dynamic_object_size") ||
	       !strcmp(fn, "__builtin_classify_type");
}

/* Whether the word `async` is in [start, end): the type of a cast
 * `(async int)t`, which only `await` may take. */
static bool names_async(const char *t, uint32_t start, uint32_t end)
{
	for (uint32_t i = start; i < end;) {
		uint32_t j = i;
		while (j < end && ac_is_ident_char(t[j]))
			j++;
		if (j - i == 5 && !memcmp(t + i, "async", 5))
			return true;
		i = j > i ? j : i + 1;
	}
	return false;
}

/* Does the cast `( async T )` in [from, to) name a struct C cannot assign
 * (`struct pt`, a typedef of one), not a pointer to it? */
static bool names_read_only_type(struct ac_parser *P, uint32_t from, uint32_t to)
{
	const char *t = P->src->text;
	struct ac_words s = { .t = t, .at = from, .end = to };
	uint32_t w, n;
	bool tag = false, read_only = false;
	for (uint32_t i = from; i < to; i++)
		if (t[i] == '*' || ac_bracket(t + i) == '[')
			return false;
	while (ac_words_next(&s, &w, &n)) {
		struct ac_name *name = ac_scopes_intern(P->scopes, t + w, n);
		if (tag)
			read_only |= name->read_only_tag;
		else if (ac_name_is_typedef(name))
			read_only |= name->read_only_typedef;
		tag = ac_word_is(t + w, n, "struct") || ac_word_is(t + w, n, "union");
	}
	return read_only;
}

/* Does the cast `( async T )` in [from, to) name a typedef of a qualified
 * type (`cint`, `vint`), whose values are not? */
static bool names_qualified_typedef(struct ac_parser *P, uint32_t from, uint32_t to)
{
	const char *t = P->src->text;
	struct ac_words s = { .t = t, .at = from, .end = to };
	uint32_t w, n;
	while (ac_words_next(&s, &w, &n)) {
		struct ac_name *name = ac_scopes_intern(P->scopes, t + w, n);
		if (ac_name_is_typedef(name) && name->qualified_typedef)
			return true;
	}
	return false;
}

struct ac_expr *ac_build_unary(struct ac_parser *P, enum ac_expr_kind k,
			       int op, struct ac_loc op_loc,
			       struct ac_expr *a, struct ac_loc loc)
{
	if (!P->func)
		return NULL;
	struct ac_expr *e = new_expr(P, k, loc);
	e->op = op;
	e->op_loc = op_loc;
	e->a = a;
	inherit(e, a);
	if (op == INC_OP || op == DEC_OP)
		e->has_call = true;
	if (k == EX_PAREN && a)
		e->is_async_call = a->is_async_call, e->callee = a->callee;
	if (k == EX_CAST && a && names_async(P->src->text, loc.start, a->loc.start)) {
		e->is_task_cast = e->has_task_cast = true;
		e->task_read_only = names_read_only_type(P, loc.start, a->loc.start);
		e->task_qualified = names_qualified_typedef(P, loc.start, a->loc.start);
	}
	/* (the parentheses looked through only under a '&': each level of
	 * `((((x))))` would look through all those inside it) */
	const struct ac_expr *base = op == '&' ? strip_parens(a) : NULL;
	if (base && base->kind == EX_IDENT && base->var)
		base->var->address_taken = true;
	return e;
}

/* `ts[i]` of a task variable that is not an array: `async int *ts =
 * malloc(...)` declares one task whose result is an `int *`. */
static void check_task_index(struct ac_parser *P, const struct ac_expr *a)
{
	while (a && a->kind == EX_PAREN)
		a = a->a;
	if (!a || a->kind != EX_IDENT || !a->var || !a->var->is_task || a->var->is_array)
		return;
	ac_parser_error_at(P, a->loc.start, a->loc.end,
			   "'%s' is one task, not an array of tasks (a '*' after "
			   "'async T' belongs to the result type): tasks made at run "
			   "time go in an array of 'ac_task *', awaited as "
			   "'await (async T)ts[i]'", a->name);
}

struct ac_expr *ac_build_binary(struct ac_parser *P, enum ac_expr_kind k,
				int op, struct ac_loc op_loc,
				struct ac_expr *a, struct ac_expr *b,
				struct ac_loc loc)
{
	if (!P->func)
		return NULL;
	struct ac_expr *e = new_expr(P, k, loc);
	e->op = op;
	e->op_loc = op_loc;
	e->a = a;
	e->b = b;
	inherit(e, a);
	inherit(e, b);
	if (k == EX_ASSIGN)
		e->has_call = true;
	if (k == EX_INDEX)
		check_task_index(P, a);
	return e;
}

struct ac_expr *ac_build_cond(struct ac_parser *P, struct ac_expr *a,
			      struct ac_expr *b, struct ac_expr *c,
			      struct ac_loc loc)
{
	if (!P->func)
		return NULL;
	struct ac_expr *e = new_expr(P, EX_COND, loc);
	e->a = a;
	e->b = b;
	e->c = c;
	inherit(e, a);
	inherit(e, b);
	inherit(e, c);
	return e;
}

struct ac_expr *ac_args_append(struct ac_parser *P, struct ac_expr *list,
			       struct ac_expr *arg)
{
	if (!P->func)
		return NULL;
	if (!list)
		list = new_expr(P, EX_OPAQUE, arg ? arg->loc : (struct ac_loc){ 0, 0 });
	if (list->nargs == list->capargs) {
		size_t cap = list->capargs ? 2 * list->capargs : 4;
		struct ac_expr **args = ac_arena_alloc(P->arena, cap * sizeof *args);
		if (list->nargs)
			memcpy(args, list->args, list->nargs * sizeof *args);
		list->args = args;
		list->capargs = cap;
	}
	list->args[list->nargs++] = arg;
	inherit(list, arg);
	return list;
}

/* Calls an async function cannot make: what they keep lives in the step
 * function's stack frame, which a suspension leaves. */
static const struct {
	const char *name, *why;
} refused_calls[] = {
	{ "setjmp", "it calls setjmp, whose context would not survive a suspension" },
	{ "_setjmp", NULL }, { "sigsetjmp", NULL }, { "__sigsetjmp", NULL },
	{ "__sigsetjmp_cancel", NULL }, /* glibc's pthread_cleanup_push, with gcc */
	{ "__builtin_setjmp", NULL }, { "savectx", NULL }, { "vfork", NULL },
	{ "getcontext", NULL },
	{ "alloca", "it calls alloca, whose memory would not survive a suspension" },
	{ "__builtin_alloca", NULL }, { "__builtin_alloca_with_align", NULL },
	{ "__builtin_alloca_with_align_and_max", NULL },
	{ "va_start", "it uses va_start or the frame address" },
	{ "__builtin_frame_address", NULL }, { "__builtin_return_address", NULL },
	{ "__builtin_apply_args", NULL },
};

/* Why a call of `name` is refused in an async function, or NULL. */
static const char *refused_call(const char *name, size_t n)
{
	const char *why = NULL;
	for (size_t i = 0; i < sizeof refused_calls / sizeof *refused_calls; i++) {
		if (refused_calls[i].why)
			why = refused_calls[i].why;
		if (ac_word_is(name, n, refused_calls[i].name))
			return why;
	}
	/* (va_copy and va_end of a list the caller gave, `va_copy(ap,
	 * *app)`, need no frame of the function's own) */
	if (n > 13 && !memcmp(name, "__builtin_va_", 13) &&
	    !ac_word_is(name, n, "__builtin_va_copy") && !ac_word_is(name, n, "__builtin_va_end"))
		return "it uses va_start or the frame address";
	return NULL;
}

bool ac_build_refused_call(const char *name, size_t n)
{
	return refused_call(name, n) != NULL;
}

static void note_special_call(struct ac_parser *P, const char *name,
			      struct ac_loc loc)
{
	const char *why = refused_call(name, strlen(name));
	if (why)
		refuse(P->func, loc, why);
}

struct ac_expr *ac_build_call(struct ac_parser *P, struct ac_expr *fn,
			      struct ac_expr *args, struct ac_loc loc)
{
	if (!P->func)
		return NULL;
	struct ac_expr *e = new_expr(P, EX_CALL, loc);
	e->a = fn;
	if (args) {
		e->args = args->args;
		e->nargs = args->nargs;
		inherit(e, args);
	}
	inherit(e, fn);
	e->has_call = true;
	const struct ac_expr *callee = fn;
	while (callee && callee->kind == EX_PAREN) /* (alloca)(n) */
		callee = callee->a;
	if (callee && callee->kind == EX_IDENT && callee != fn)
		note_special_call(P, callee->name, callee->loc);
	if (fn && fn->kind == EX_IDENT) {
		note_special_call(P, fn->name, fn->loc);
		const char *alt = fn->var || P->unit->stress ? NULL
				: ac_blocking_alternative(fn->name);
		if (alt)
			ac_diag_at(P->diag, P->src, AC_WARNING, fn->loc.start,
				   fn->loc.end, "'%s' blocks the event loop (and every "
				   "other task) in async function '%s'; use %s",
				   fn->name, P->func->proto->name, alt);
		e->read_only_value = fn->read_only_value && !fn->var && !fn->callee;
		if (fn->callee && !fn->var) {
			e->is_async_call = true;
			e->has_task_call = true;
			e->callee = fn->callee;
		}
		if (e->has_await && never_evaluates(fn->name)) {
			/* the operands are never evaluated */
			struct ac_expr *u = new_expr(P, EX_OPAQUE, loc);
			unevaluated(P, e);
			u->a = e;
			u->is_unevaluated = true;
			u->has_call = true;
			return u;
		}
	}
	return e;
}

struct ac_expr *ac_build_member(struct ac_parser *P, struct ac_expr *a,
				int op, const char *name, struct ac_loc loc)
{
	if (!P->func)
		return NULL;
	struct ac_expr *e = new_expr(P, EX_MEMBER, loc);
	e->a = a;
	e->op = op;
	e->name = name;
	inherit(e, a);
	/* `s.m` may be an array that decays, or have its address taken: the
	 * struct lives in the frame, where such a pointer stays valid. */
	const struct ac_expr *base = a;
	while (base && (base->kind == EX_PAREN ||
			(base->kind == EX_MEMBER && base->op == '.')))
		base = base->a;
	if (op == '.' && base && base->kind == EX_IDENT && base->var)
		base->var->address_taken = true;
	return e;
}

struct ac_expr *ac_build_await(struct ac_parser *P, struct ac_expr *a,
			       struct ac_loc await_loc, struct ac_loc loc)
{
	if (!P->in_async) {
		if (!P->nested_async) /* (in a refused nested one: said) */
			ac_parser_error_at(P, await_loc.start, await_loc.end,
					   "'await' outside async function");
		return NULL;
	}
	P->awaits_seen++;
	if (!P->func)
		return NULL;
	struct ac_func *f = P->func;
	struct ac_expr *e = new_expr(P, EX_AWAIT, loc);
	e->a = a;
	e->op_loc = await_loc;
	inherit(e, a);
	e->has_await = true;
	e->has_call = true;
	const struct ac_expr *c = strip_parens(a);
	if (c && c->kind == EX_CALL && c->is_async_call) {
		e->callee = c->callee;
		((struct ac_expr *)c)->is_async_call = false; /* it is awaited */
		a->is_async_call = false;
	}
	AC_ARENA_GROW(P->arena, f->awaits, f->cap_awaits, (size_t)f->nawaits);
	e->await_id = f->nawaits;
	f->awaits[f->nawaits++] = e;
	return e;
}

bool ac_knr_allowed(struct ac_parser *P, int next_token, struct ac_loc next)
{
	struct ac_declarator *d = P->pending_decl;
	if (d && d->is_function && d->knr)
		return true;
	switch (next_token) { /* what would begin a K&R parameter declaration */
	case TYPEDEF_NAME: case INT: case CHAR: case LONG: case SHORT:
	case UNSIGNED: case SIGNED: case FLOAT: case DOUBLE: case VOID:
	case STRUCT: case UNION: case ENUM: case CONST: case VOLATILE:
	case STATIC: case EXTERN: case REGISTER: case BOOL:
		break;
	default:
		return true; /* the usual syntax error follows */
	}
	/* GCC points just after the declarator, where the ';' belongs */
	ac_parser_error_at(P, P->prev_loc.end, P->prev_loc.end + 1,
			   "expected ';' before '%s'", ac_parser_name(P, next));
	P->resync = true;
	return false;
}
