/*
 * lower.c - expressions holding awaits, rewritten so that each await is a
 * suspension point of its own.
 *
 * An await can only suspend at the start of a statement, so the operands
 * evaluated before it are computed into temporaries first (in C's order,
 * left to right), the await is lowered to a call, a suspension and a
 * resumption, and the expression is rebuilt around the temporaries.  Each
 * rewrite is shown, before and after, above the function that performs it.
 * Text that needs no rewriting is copied as the user wrote it, with the
 * locals that live in the frame renamed.
 */
#define _GNU_SOURCE
#include "emitter.h"
#include "parser.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *await_result(struct emitter *E, const struct ac_expr *e,
				bool *is_void);
static void lower_operands(struct emitter *E, struct ac_expr *e);
static void lower_cond(struct emitter *E, struct ac_expr *e, bool discard);
static void lower_stmt_expr(struct emitter *E, struct ac_expr *e, bool discard);
static void lower_logical(struct emitter *E, struct ac_expr *e, bool discard);
static bool is_choose(const struct ac_expr *e);
static void lower_choose(struct emitter *E, struct ac_expr *e, bool discard);

/* ------------------------------------------------------- rendering text */

const struct ac_expr *ac_lower_strip(const struct ac_expr *e)
{
	while (e && e->kind == EX_PAREN)
		e = e->a;
	return e;
}

int ac_lower_cmp_pieces(const void *a, const void *b)
{
	const struct piece *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

/* Text of [start, end) with the pieces (sorted, disjoint) substituted. */
char *ac_lower_splice(struct emitter *E, uint32_t start, uint32_t end,
		    struct piece *p, size_t n)
{
	struct ac_strbuf b;
	ac_strbuf_init(&b);
	if (n)
		qsort(p, n, sizeof *p, ac_lower_cmp_pieces);
	uint32_t at = start;
	for (size_t i = 0; i < n; i++) {
		if (p[i].start < at)
			continue;
		ac_strbuf_add(&b, E->src->text + at, p[i].start - at);
		ac_strbuf_puts(&b, p[i].text);
		at = p[i].end;
	}
	ac_strbuf_add(&b, E->src->text + at, end - at);
	char *r = ac_arena_strndup(E->arena, b.data ? b.data : "", b.len);
	ac_strbuf_free(&b);
	return r;
}

static void add_piece(struct piece **p, size_t *n, size_t *cap, struct ac_loc l,
		      char *t);

/* A value of type `abstract` for a __typeof__: `(*(__typeof__(long) *)0)`.
 * An array's address is 1, not a null pointer, which gcc would find passed
 * where one may not be (`strlen(buf)`: -Wnonnull), nor a string's, whose
 * cast -Wcast-qual (with -Wwrite-strings) and -Wcast-align=strict find. */
static char *type_value(struct emitter *E, char *abstract)
{
	size_t n = strlen(abstract);
	while (n && abstract[n - 1] == ' ')
		abstract[--n] = '\0';
	bool array = n && (abstract[n - 1] == ']' ||
			   (n >= 2 && abstract[n - 2] == ':' && abstract[n - 1] == '>'));
	return ac_arena_printf(E->arena, "(*(__typeof__(%s) *)%s)", abstract,
			       array ? "1" : "0");
}

/* The second arm `c` of a `?:` in a __typeof__ whose first is `b`: when
 * the two may be the same to gcc (the same text, or a value of a type,
 * `(*(__typeof__(int) *)0)`, which is so whatever its type's text), a comma
 * expression with a call, which gcc does not fold away, so that
 * -Wduplicated-branches does not find them identical.  (Not any other:
 * a null pointer constant would be one no more.) */
static const char *other_arm(struct emitter *E, const char *b, const char *c)
{
	const char *v = c;
	while (*v == '(' && v[1] == '(')
		v++;
	if (E->stress || (strcmp(b, c) && strncmp(v, "(*(__typeof__(", 14)))
		return c; /* (--stress-resume: without <asyncc.h>, which names it) */
	return ac_arena_printf(E->arena, "(ac__typeof_arm(), %s)", c);
}

/* `c ? b : c2` for a __typeof__: as written, the operands rendered, `c2`
 * as other_arm. */
static char *render_cond_type(struct emitter *E, struct ac_expr *e)
{
	char *a = ac_lower_render(E, e->a), *b = ac_lower_render(E, e->b);
	const char *c = other_arm(E, b, ac_lower_render(E, e->c));
	const char *t = E->src->text;
	return ac_arena_printf(E->arena, "%.*s%s%.*s%s%.*s%s%.*s",
		(int)(e->a->loc.start - e->loc.start), t + e->loc.start, a,
		(int)(e->b->loc.start - e->a->loc.end), t + e->a->loc.end, b,
		(int)(e->c->loc.start - e->b->loc.end), t + e->b->loc.end, c,
		(int)(e->loc.end - e->c->loc.end), t + e->c->loc.end);
}

/* Is the attribute named [w, w + n) one that makes another type (`int
 * __attribute__((vector_size(16)))`), not one of the declaration? */
static bool makes_type(const char *w, uint32_t n)
{
	while (n > 4 && w[0] == '_' && w[1] == '_' && w[n - 1] == '_' && w[n - 2] == '_')
		w += 2, n -= 4; /* __mode__ */
	return ac_word_is(w, n, "vector_size") || ac_word_is(w, n, "mode") ||
	       ac_word_is(w, n, "may_alias") || ac_word_is(w, n, "ext_vector_type") ||
	       ac_word_is(w, n, "address_space");
}

/* The end of the parenthesized text at `i` (its '('), or `i`. */
static uint32_t skip_parens(const char *t, uint32_t i, uint32_t end)
{
	if (i >= end || t[i] != '(')
		return i;
	for (int depth = 0; i < end; i++) {
		if (t[i] == '"' || t[i] == '\'') {
			i = ac_text_skip_lexeme(t, i, end) - 1;
			continue;
		}
		depth += t[i] == '(' ? 1 : t[i] == ')' ? -1 : 0;
		if (depth == 0)
			return i + 1;
	}
	return end;
}

/*
 * A declaration's type without what belongs to the declaration only: its
 * alignment (`_Alignas(16) int`, `int __attribute__((aligned(16)))`: a
 * typeof of the variable is an int of its own alignment) and the
 * attributes that make no type (`unused`), which clang warns are ignored in
 * a type name.  Those inside a struct's braces are the struct's and stay.
 *
 *   int __attribute__((aligned(16), unused)) %s   ->   int %s
 */
static char *declared_type(struct emitter *E, const char *d)
{
	struct ac_strbuf b;
	ac_strbuf_init(&b);
	uint32_t end = (uint32_t)strlen(d), at = 0, i = 0;
	int braces = 0;
	while (i < end) {
		char c = d[i];
		if (c == '"' || c == '\'') {
			i = ac_text_skip_lexeme(d, i, end);
			continue;
		}
		braces += c == '{' ? 1 : c == '}' ? -1 : 0;
		if (!ac_is_ident_char(c) || (i > 0 && ac_is_ident_char(d[i - 1])) || braces > 0) {
			i++;
			continue;
		}
		uint32_t w = i;
		while (i < end && ac_is_ident_char(d[i]))
			i++;
		uint32_t n = i - w, j = i;
		while (j < end && ac_is_space(d[j]))
			j++;
		bool align = ac_word_is(d + w, n, "_Alignas") || ac_word_is(d + w, n, "alignas");
		bool attr = ac_word_is(d + w, n, "__attribute__") || ac_word_is(d + w, n, "__attribute");
		if (!(align || attr) || j >= end || d[j] != '(')
			continue;
		uint32_t close = skip_parens(d, j, end);
		ac_strbuf_printf(&b, "%.*s", (int)(w - at), d + at);
		at = i = close;
		if (align || j + 1 >= close || d[j + 1] != '(')
			continue;
		/* __attribute__((a, b(1), c)): keep the items that make a type */
		struct ac_strbuf keep;
		ac_strbuf_init(&keep);
		for (uint32_t k = j + 2; k < close - 2;) {
			while (k < close - 2 && (ac_is_space(d[k]) || d[k] == ','))
				k++;
			uint32_t s = k;
			while (k < close - 2 && ac_is_ident_char(d[k]))
				k++;
			uint32_t name_end = k;
			while (k < close - 2 && ac_is_space(d[k]))
				k++;
			k = skip_parens(d, k, close - 2);
			if (k == s) /* (not an item: leave it all) */
				k++;
			else if (makes_type(d + s, name_end - s))
				ac_strbuf_printf(&keep, "%s%.*s", keep.len ? ", " : "", (int)(k - s), d + s);
		}
		if (keep.len)
			ac_strbuf_printf(&b, "__attribute__((%s))", keep.data);
		ac_strbuf_free(&keep);
	}
	ac_strbuf_printf(&b, "%s", d + at);
	char *r = ac_arena_strndup(E->arena, b.data ? b.data : "", b.len);
	ac_strbuf_free(&b);
	return r;
}

/* `v`'s value for a __typeof__ at file scope, where its name means
 * nothing: `(*(__typeof__(long) *)0)`.  A variable-length array's bounds
 * name locals: any bound gives its elements' type, which is all a value
 * of it can show (`v[0] + await f()`: `int [1]` for `int [n]`). */
static char *var_type_value(struct emitter *E, struct ac_var *v)
{
	char *d = declared_type(E, ac_frame_typed_decl(E, v, ""));
	if (!v->is_vla)
		return type_value(E, d);
	char *r = ac_arena_strndup(E->arena, d, strlen(d)), *o = r;
	for (const char *c = d; *c; c++) {
		*o++ = *c;
		if (ac_bracket(c) != '[')
			continue;
		if (ac_bracket_len(c) == 2)
			*o++ = *++c;
		int depth = 1;
		while (c[1] && (depth += ac_bracket(c + 1) == '[' ? 1 :
					 ac_bracket(c + 1) == ']' ? -1 : 0) > 0)
			c++;
		*o++ = '1';
	}
	*o = '\0';
	return type_value(E, r);
}

/* `v`, named at `at`, as a value: its frame member, or its name; a value
 * of its type at file scope, where its name means nothing.  In an operand
 * of the step that is never evaluated (`sizeof(n + await f())`), a local
 * in scope keeps its name, for the compiler to see it used. */
static char *var_value(struct emitter *E, struct ac_var *v, struct ac_loc at)
{
	if (E->typing && !(E->in_step && v->scope_start <= E->unevaluated_at &&
			   E->unevaluated_at < v->scope_end)) {
		return var_type_value(E, v);
	}
	if (v->in_frame && !v->is_static)
		return ac_arena_printf(E->arena, FP "->%s", ac_frame_name(E, v));
	return (char *)ac_emit_text(E, at);
}

/* What rendering an operand that is never evaluated changes in `E`. */
struct unevaluated {
	bool typing, in_step;
	uint32_t at;
};

/* Enters `x`, never evaluated (sizeof's operand, say): its awaits are
 * values of their types, and, unless a __typeof__ at file scope is being
 * rendered already, the locals in scope at `x` keep their names. */
static struct unevaluated enter_unevaluated(struct emitter *E, struct ac_expr *x)
{
	struct unevaluated was = { E->typing, E->in_step, E->unevaluated_at };
	if (!E->typing) {
		E->in_step = true;
		E->unevaluated_at = x->loc.start;
	}
	E->typing = true;
	return was;
}

static void leave_unevaluated(struct emitter *E, struct unevaluated was)
{
	E->typing = was.typing;
	E->in_step = was.in_step;
	E->unevaluated_at = was.at;
}

/* `x`, which is never evaluated, in the step function or at file scope:
 * its awaits values of their types. */
static char *render_unevaluated(struct emitter *E, struct ac_expr *x)
{
	struct unevaluated was = enter_unevaluated(E, x);
	char *r = ac_lower_render(E, x);
	leave_unevaluated(E, was);
	return r;
}

/* A value of the type declared by `fmt` ("char *%s"), for a __typeof__. */
static char *fmt_type_value(struct emitter *E, const char *fmt)
{
	return type_value(E, ac_arena_printf(E->arena, fmt, ""));
}

/* The line breaks in [from, to) of `t`. */
static int count_lines(const char *t, uint32_t from, uint32_t to)
{
	int n = 0;
	for (uint32_t k = from; k < to; k++)
		n += t[k] == '\n';
	return n;
}

/* `__LINE__` at `offset`: the word itself where the generated file puts it
 * on a line mapped to its own (a macro that stringizes or pastes it then
 * sees the word, as in C), else its value (ac_emit resolves the marker). */
static char *line_value(struct emitter *E, uint32_t offset)
{
	return ac_arena_printf(E->arena, LINE_MARK "%u" LINE_MARK, ac_emit_line_of(E, offset));
}

bool ac_lower_awaits_within(struct emitter *E, struct ac_loc l)
{
	for (size_t k = 0; E->f && k < E->f->ninits; k++)
		if (E->f->inits[k]->has_await && E->f->inits[k]->loc.start >= l.start &&
		    E->f->inits[k]->loc.end <= l.end)
			return true;
	return false;
}

/* The innermost variable that the word at `l` names, or NULL. */
struct ac_var *ac_lower_var_at(struct emitter *E, struct ac_loc l)
{
	const char *t = E->src->text;
	struct ac_var *hit = NULL;
	for (struct ac_var *v = E->f->vars; v; v = v->next)
		if (strlen(v->name) == l.end - l.start && !memcmp(v->name, t + l.start, l.end - l.start) &&
		    v->scope_start <= l.start && l.start < v->scope_end &&
		    (!hit || v->scope_start > hit->scope_start))
			hit = v;
	return hit;
}

static int cmp_by_start_longest(const void *a, const void *b)
{
	const struct ac_expr *x = *(struct ac_expr *const *)a, *y = *(struct ac_expr *const *)b;
	if (x->loc.start != y->loc.start)
		return x->loc.start < y->loc.start ? -1 : 1;
	return x->loc.end > y->loc.end ? -1 : x->loc.end < y->loc.end;
}

/* The outermost operand of a typeof that awaits starting at `at` and
 * ending by `end`, or NULL.  (Looked up by where it starts: asked at each
 * character of the text around them, N sizeof nested took N^2.) */
static const struct ac_expr *typeof_operand_at(struct emitter *E, uint32_t at,
					       uint32_t end)
{
	struct ac_func *f = E->f;
	if (!f || !f->ntypeofs)
		return NULL;
	if (!f->typeofs_by_start) {
		f->typeofs_by_start = ac_arena_alloc(E->arena, f->ntypeofs * sizeof *f->typeofs);
		memcpy(f->typeofs_by_start, f->typeofs, f->ntypeofs * sizeof *f->typeofs);
		qsort(f->typeofs_by_start, f->ntypeofs, sizeof *f->typeofs, cmp_by_start_longest);
	}
	size_t lo = 0, hi = f->ntypeofs; /* the first starting at `at` or after */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (f->typeofs_by_start[mid]->loc.start < at)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < f->ntypeofs && f->typeofs_by_start[lo]->loc.start == at; lo++)
		if (f->typeofs_by_start[lo]->loc.end <= end)
			return f->typeofs_by_start[lo];
	return NULL;
}

bool ac_lower_typeof_within(struct emitter *E, struct ac_loc l)
{
	for (size_t k = 0; E->f && k < E->f->ntypeofs; k++)
		if (E->f->typeofs[k]->loc.start >= l.start && E->f->typeofs[k]->loc.end <= l.end)
			return true;
	return false;
}

static char *stmt_expr_type(struct emitter *E, struct ac_expr *e);
static struct ac_expr *stmt_expr_at(struct emitter *E, uint32_t at, uint32_t end);

/* After `struct`, `union` or `enum` ending at `j`: where the body `{...}`
 * that its tag and attributes lead to ends, or 0 when none follows (the
 * word names a type defined elsewhere: `struct v *p`). */
static uint32_t type_body_end(const char *t, uint32_t j, uint32_t end)
{
	bool attr = false; /* the last word is `__attribute__` or `_Alignas` */
	while (j < end) {
		char b = ac_bracket(t + j);
		uint32_t w = j;
		while (j < end && ac_is_ident_char(t[j]))
			j++;
		if (j > w)
			attr = ac_word_is(t + w, j - w, "__attribute__") ||
			       ac_word_is(t + w, j - w, "__attribute") ||
			       ac_word_is(t + w, j - w, "_Alignas") || ac_word_is(t + w, j - w, "alignas");
		else if (ac_is_space(t[j]))
			j++;
		else if (t[j] == '(' && attr) { /* `__attribute__((packed))` */
			j = ac_text_skip_attribute(t, j, end);
			attr = false;
		} else if (b == '[' && ac_bracket(t + j + ac_bracket_len(t + j)) == '[')
			j = ac_text_skip_brackets(t, j, end); /* `[[gnu::packed]]` */
		else
			break;
	}
	if (j >= end || ac_bracket(t + j) != '{')
		return 0;
	int depth = 0;
	while (j < end) {
		char b = ac_bracket(t + j);
		if (ac_text_lexeme_at(t, j, end)) {
			j = ac_text_skip_lexeme(t, j, end);
			continue;
		}
		j += b ? ac_bracket_len(t + j) : 1;
		if (b == '{')
			depth++;
		else if (b == '}' && --depth == 0)
			return j;
	}
	return 0;
}

/* Variables named in text with no tree (initializer lists, sizeof operands,
 * asm operands): each frame-resident one becomes F->name (its type, when
 * typing).  Comments and literals are not code; a word after `.`, `->`,
 * `struct`, `union`, `enum` or `goto`, or the member operand of offsetof,
 * names no variable, nor does a member's or an enumerator's name in the
 * body of a type defined there (only its bounds, widths and operands do,
 * as in a declaration).
 *
 *   sizeof(struct { int v; char c[sizeof v]; })
 *        ->   sizeof(struct { int v; char c[sizeof F->v]; })
 */
void ac_lower_text_refs(struct emitter *E, struct ac_loc l, struct piece **p,
		      size_t *n, size_t *cap)
{
	const char *t = E->src->text;
	bool not_var = false;     /* the previous token makes the next word a tag */
	int offsetof_depth = -1;  /* paren depth of an offsetof's operands */
	int depth = 0;
	for (uint32_t i = l.start; i < l.end;) {
		char c = t[i];
		const struct ac_expr *x = typeof_operand_at(E, i, l.end);
		if (x && x->loc.start == l.start && x->loc.end == l.end)
			x = NULL; /* (the text is its own) */
		if (x) { /* `__typeof__(await f())`: a value of its type */
			add_piece(p, n, cap, x->loc, render_unevaluated(E, (struct ac_expr *)x));
			i = x->loc.end;
			continue;
		}
		struct ac_expr *b = E->typing && c == '(' ? stmt_expr_at(E, i, l.end) : NULL;
		if (b && !(b->loc.start == l.start && b->loc.end == l.end)) {
			/* `sizeof(({ int q = a; q; }))`: of a value of its type */
			add_piece(p, n, cap, b->loc, stmt_expr_type(E, b));
			i = b->loc.end;
			continue;
		}
		if (c == '"' || c == '\'' ||
		    (c == '/' && i + 1 < l.end && (t[i + 1] == '*' || t[i + 1] == '/'))) {
			i = ac_text_skip_lexeme(t, i, l.end);
			continue;
		}
		if (c == '#' && (i == 0 || t[i - 1] == '\n')) { /* a line marker */
			while (i < l.end && t[i] != '\n')
				i++;
			continue;
		}
		if (c >= '0' && c <= '9') { /* a number, with its suffix */
			while (i < l.end && (ac_is_ident_char(t[i]) || t[i] == '.'))
				i++;
			not_var = false;
			continue;
		}
		if (!ac_is_ident_char(c)) {
			if (c == '.' || (c == '>' && i > l.start && t[i - 1] == '-'))
				not_var = true;
			else if (c == '(')
				depth++;
			else if (c == ')') {
				if (--depth < offsetof_depth)
					offsetof_depth = -1;
			} else if (c == ',' && depth == offsetof_depth)
				not_var = true; /* offsetof(type, member) */
			else if (c != ' ' && c != '\t' && c != '\n')
				not_var = false;
			i++;
			continue;
		}
		uint32_t j = i;
		while (j < l.end && ac_is_ident_char(t[j]))
			j++;
		bool skip = not_var || (j < l.end && (t[j] == '"' || t[j] == '\''));
		/* (a literal's prefix: u"xy", L'a') */
		not_var = ac_word_is(t + i, j - i, "struct") || ac_word_is(t + i, j - i, "union") ||
			  ac_word_is(t + i, j - i, "enum") || ac_word_is(t + i, j - i, "goto");
		uint32_t body = not_var && !skip && t[i] != 'g' ? type_body_end(t, j, l.end) : 0;
		if (body) { /* `sizeof(struct { int v; char c[n]; })`: its members stay */
			ac_lower_decl_refs(E, (struct ac_loc){ j, body }, p, n, cap);
			i = body;
			not_var = false;
			continue;
		}
		if (ac_word_is(t + i, j - i, "offsetof") ||
		    ac_word_is(t + i, j - i, "__builtin_offsetof"))
			offsetof_depth = depth + 1;
		if (!skip && ac_word_is(t + i, j - i, "__LINE__")) {
			add_piece(p, n, cap, (struct ac_loc){ i, j }, line_value(E, i));
			i = j;
			continue;
		}
		struct ac_var *hit = skip ? NULL : ac_lower_var_at(E, (struct ac_loc){ i, j });
		if (hit && (E->typing || (hit->in_frame && !hit->is_static)))
			add_piece(p, n, cap, (struct ac_loc){ i, j },
				  var_value(E, hit, (struct ac_loc){ i, j }));
		i = j;
	}
}

/* The operands of the attributes in `((...))` at `l`: `aligned(sizeof v)`
 * names v, `aligned` and `unused` name nothing. */
static void attribute_refs(struct emitter *E, struct ac_loc l, struct piece **p,
			   size_t *n, size_t *cap)
{
	const char *t = E->src->text;
	int depth = 0;
	for (uint32_t i = l.start; i < l.end; i++) {
		if (t[i] == '"' || t[i] == '\'') {
			i = ac_text_skip_lexeme(t, i, l.end) - 1;
			continue;
		}
		if (t[i] == '(' && ++depth == 3) { /* an attribute's operands */
			uint32_t e = ac_text_skip_attribute(t, i, l.end);
			ac_lower_text_refs(E, (struct ac_loc){ i, e }, p, n, cap);
			i = e - 1;
			depth--;
		} else if (t[i] == ')') {
			depth--;
		}
	}
}

/* Where the expression that begins at `i` (after `sizeof`, `=` or `:`)
 * ends in a declaration's text: at a `,`, `;`, `=`, or a bracket or
 * parenthesis that closes what holds it. */
static uint32_t decl_expr_end(const char *t, uint32_t i, uint32_t end)
{
	int depth = 0;
	while (i < end) {
		char c = t[i], b = ac_bracket(t + i);
		if (ac_text_lexeme_at(t, i, end)) {
			i = ac_text_skip_lexeme(t, i, end);
			continue;
		}
		if (c == '(' || b == '[' || b == '{')
			depth++;
		else if (c == ')' || b == ']' || b == '}') {
			if (--depth < 0)
				break;
		} else if (depth == 0 && (c == ',' || c == ';' || c == '='))
			break;
		i += b ? ac_bracket_len(t + i) : 1;
	}
	return i;
}

/* After the word `w` (ending at `j`) of a declaration's text: where the
 * parenthesized operand that follows it ends, or 0 when none does. */
static uint32_t operand_parens_end(const char *t, uint32_t j, uint32_t end)
{
	while (j < end && ac_is_space(t[j]))
		j++;
	if (j >= end || t[j] != '(')
		return 0;
	return ac_text_skip_attribute(t, j, end);
}

/*
 * The words of a declaration's specifiers or declarator (not its
 * initializer) that are expressions naming locals: array bounds, the
 * operands of sizeof, _Alignof, _Alignas, typeof and attributes, and an
 * enumerator's value or a bit-field's width.  Each local the frame holds
 * becomes F->name there, as in any expression; member, parameter and
 * enumerator names stay as they are.
 *
 *   char (*p)[n]               ->   char (*p)[F->n]
 *   enum { K = sizeof v };     ->   enum { K = sizeof F->v };
 */
void ac_lower_decl_refs(struct emitter *E, struct ac_loc l, struct piece **p,
			size_t *n, size_t *cap)
{
	const char *t = E->src->text;
	static const char *const ops[] = { "sizeof", "_Alignof", "alignof", "__alignof__",
		"__alignof", "_Alignas", "alignas", "typeof", "__typeof__", "__typeof",
		"typeof_unqual", "__typeof_unqual__", "__typeof_unqual", "__attribute__",
		"__attribute" };
	int braces = 0;
	for (uint32_t i = l.start; i < l.end;) {
		char c = t[i], b = ac_bracket(t + i);
		if (ac_text_lexeme_at(t, i, l.end)) {
			i = ac_text_skip_lexeme(t, i, l.end);
			continue;
		}
		if (b == '[') { /* an array's bound */
			uint32_t e = ac_text_skip_brackets(t, i, l.end);
			ac_lower_text_refs(E, (struct ac_loc){ i, e }, p, n, cap);
			i = e;
			continue;
		}
		if (b == '{' || b == '}') {
			braces += b == '{' ? 1 : -1;
			i += ac_bracket_len(t + i);
			continue;
		}
		if (braces > 0 && (c == '=' || (c == ':' && t[i + 1] != ':'))) {
			/* an enumerator's value, a bit-field's width */
			uint32_t e = decl_expr_end(t, i + 1, l.end);
			ac_lower_text_refs(E, (struct ac_loc){ i + 1, e }, p, n, cap);
			i = e;
			continue;
		}
		if (!ac_is_ident_char(c) || (c >= '0' && c <= '9')) {
			i++;
			while (i < l.end && c >= '0' && c <= '9' && ac_is_ident_char(t[i]))
				i++;
			continue;
		}
		uint32_t j = i;
		while (j < l.end && ac_is_ident_char(t[j]))
			j++;
		bool op = false;
		for (size_t k = 0; k < sizeof ops / sizeof *ops && !op; k++)
			op = ac_word_is(t + i, j - i, ops[k]);
		if (!op) {
			i = j;
			continue;
		}
		uint32_t e = operand_parens_end(t, j, l.end);
		if (!e && (ac_word_is(t + i, j - i, "sizeof") || ac_word_is(t + i, j - i, "_Alignof") ||
			   ac_word_is(t + i, j - i, "__alignof__") || ac_word_is(t + i, j - i, "__alignof")))
			e = decl_expr_end(t, j, l.end); /* `sizeof v` */
		if (e) {
			if (t[i] == '_' && (ac_word_is(t + i, j - i, "__attribute__") ||
					    ac_word_is(t + i, j - i, "__attribute")))
				attribute_refs(E, (struct ac_loc){ j, e }, p, n, cap);
			else
				ac_lower_text_refs(E, (struct ac_loc){ j, e }, p, n, cap);
			i = e;
			continue;
		}
		i = j;
	}
}

/* A struct that is no object (a call's value, an assignment's, ...),
 * whose member is taken: `make().arr`. */
static bool is_rvalue_member(const struct ac_expr *e)
{
	if (e->kind != EX_MEMBER || e->op != '.')
		return false;
	const struct ac_expr *b = ac_lower_strip(e->a);
	while (b && b->kind == EX_UNARY && b->op == EXTENSION) /* `(__extension__ f()).a` */
		b = ac_lower_strip(b->a);
	if (!b)
		return false;
	switch (b->kind) {
	case EX_CALL:
	case EX_AWAIT:
	case EX_COND:
	case EX_COMMA:
	case EX_ASSIGN:
	case EX_CAST: /* GNU: `((struct S)s).arr` */
		return true;
	case EX_OPAQUE: /* ({ ... }).arr, _Generic(x, int: f(), default: g()).arr */
		return b->is_stmt_expr || (b->chooses_value && !b->chooses_object);
	default:
		return false;
	}
}

/* `_Generic(x, int: f(), default: s).arr`: an object or not, by the type. */
static bool is_member_of_either(const struct ac_expr *e)
{
	if (e->kind != EX_MEMBER || e->op != '.')
		return false;
	const struct ac_expr *b = ac_lower_strip(e->a);
	while (b && b->kind == EX_UNARY && b->op == EXTENSION)
		b = ac_lower_strip(b->a);
	return b && b->kind == EX_OPAQUE && b->chooses_value && b->chooses_object;
}

static bool needs_render(struct emitter *E, const struct ac_expr *e);

/* Must `e`, which does not await, be rendered: does it name a local the
 * frame holds, or a struct not an object that is kept? */
static bool names_frame(struct emitter *E, const struct ac_expr *e)
{
	if (E->keeping && is_rvalue_member(e))
		return true;
	if (e->kind == EX_IDENT)
		return (e->var && e->var->in_frame && !e->var->is_static) ||
		       (e->name && !strcmp(e->name, "__LINE__"));
	if (e->kind == EX_OPAQUE || (e->kind == EX_CAST && E->an->npoints))
		return true; /* may name frame variables (a cast, in its type) */
	for (size_t i = 0; i < e->nargs; i++)
		if (needs_render(E, e->args[i]))
			return true;
	return needs_render(E, e->a) || needs_render(E, e->b) || needs_render(E, e->c);
}

/* Is `e` not to be copied as written?  (Its operators, nested N deep
 * around a local of the frame, are each asked as they are rendered: the
 * answer is kept, for the operands' own does not change as the function
 * is lowered: only one that awaits, or its operands, get a temporary.) */
static bool needs_render(struct emitter *E, const struct ac_expr *e)
{
	if (!e)
		return false;
	if (e->lowered || e->has_await || e->is_async_call || e->has_unevaluated ||
	    E->typing)
		return true;
	signed char *memo = (signed char *)&e->render_memo[E->keeping > 0];
	if (!*memo)
		*memo = 1 + names_frame(E, e);
	return *memo == 2;
}

/* The value of `e`, for a __typeof__ in the frame (at file scope): the
 * locals it names and the temporaries it uses stand for values of their
 * types. */
char *ac_lower_type_text(struct emitter *E, struct ac_expr *e)
{
	bool was = E->typing, was_in_step = E->in_step;
	E->typing = true;
	E->in_step = false;
	char *r = ac_lower_render(E, e);
	E->typing = was;
	E->in_step = was_in_step;
	return r;
}

static void set_lowered(struct ac_expr *e, char *as, const char *type_fmt)
{
	e->lowered = as;
	e->lowered_type = type_fmt;
}

/* The type name of a compound literal `( T ){ ... }` and where its braces
 * start. */
static char *literal_type(struct emitter *E, const struct ac_expr *e,
			  uint32_t *braces)
{
	const char *t = E->src->text;
	uint32_t i = e->loc.start, open = 0;
	while (i < e->loc.end && t[i] != '(')
		i++;
	open = i;
	int depth = 0;
	for (; i < e->loc.end; i++) {
		if (t[i] == '(')
			depth++;
		else if (t[i] == ')' && --depth == 0)
			break;
	}
	*braces = i + 1;
	struct ac_loc l = { open + 1, i };
	if (ac_frame_mentions_typeof(t + l.start, l.end - l.start))
		return ac_frame_type_specs(E, l, true); /* `(typeof(x)){ 5 }`: x's type */
	return ac_arena_strndup(E->arena, t + l.start, l.end - l.start);
}

/* Is the line at `at` a directive, or one the preprocessor dropped? */
static bool skipped_line(const void *ctx, uint32_t at, uint32_t end)
{
	const struct emitter *E = ctx;
	const char *t = E->src->text;
	uint32_t i = at;
	while (i < end && (t[i] == ' ' || t[i] == '\t'))
		i++;
	if (i < end && ac_is_hash(t + i))
		return true;
	const struct ac_unit *u = E->unit;
	if (E->src != E->unit_src || !u || !u->active_lines)
		return false;
	uint32_t line = ac_source_position(E->src, at).phys_line;
	return line < u->nactive_lines && !u->active_lines[line];
}

/* Elements of the braced list at `at` (ac_text_list_elements); lines the
 * preprocessor drops do not count. */
long ac_lower_literal_elements(struct emitter *E, uint32_t at, uint32_t end,
			     bool *string, int *unbraced)
{
	return ac_text_list_elements(E->src->text, at, end, skipped_line, E, string, unbraced);
}

/*
 * A compound literal lives in the block that holds it, which a suspension
 * leaves: it lives in the frame instead.
 *
 *   (T){ init }  ->  (*(__typeof__(F->ac_lit0) *)
 *                      __builtin_memcpy(TO_BYTES &F->ac_lit0, FROM_BYTES &(T){ init },
 *                                       sizeof F->ac_lit0))
 */
/* The `[` of an array of unknown size in a literal's type, or NULL. */
static char *unsized_bracket(char *type)
{
	int depth = 0;
	for (char *c = type; *c; c++) {
		if (*c == '(')
			depth++;
		else if (*c == ')')
			depth--;
		else if (ac_bracket(c) == '[' && depth == 0) {
			char *r = c + ac_bracket_len(c);
			while (*r == ' ')
				r++;
			return ac_bracket(r) == ']' ? c : NULL;
		}
	}
	return NULL;
}

/* A value of a compound literal's type, for a __typeof__ (at file scope a
 * literal would want constants in its list), or NULL where its elements
 * cannot be counted. */
static char *literal_value(struct emitter *E, struct ac_expr *e)
{
	uint32_t braces;
	char *type = literal_type(E, e, &braces);
	char *open = unsized_bracket(type);
	if (!open)
		return type_value(E, type);
	bool string;
	int unbraced;
	long n = ac_lower_literal_elements(E, braces, e->loc.end, &string, &unbraced);
	const char *close = ac_find_bracket(open, ']');
	close += ac_bracket_len(close);
	if (n < 0 || string || !ac_frame_count_is_size(e->of_aggregates,
						       memchr(type, '*', (size_t)(open - type)),
						       close, unbraced))
		return NULL;
	return type_value(E, ac_arena_printf(E->arena, "%.*s[%ld]%s", (int)(open - type), type, n,
					     close));
}

/* The member of the frame that holds compound literal `e`, declared; NULL
 * when its array's size cannot be told (render_opaque says so). */
static char *literal_in_frame(struct emitter *E, struct ac_expr *e)
{
	uint32_t braces;
	char *type = literal_type(E, e, &braces);
	char *open = unsized_bracket(type); /* an array of unknown size: count */
	if (open && ac_frame_constant_list(E, (struct ac_loc){ braces, e->loc.end })) {
		/* the compiler sizes it, through macros and elided braces */
		type = ac_arena_printf(E->arena, "__typeof__(%s)", ac_emit_text(E, e->loc));
	} else if (open) {
		bool string;
		int unbraced;
		long n = ac_lower_literal_elements(E, braces, e->loc.end, &string, &unbraced);
		const char *close = ac_find_bracket(open, ']');
		close += ac_bracket_len(close);
		if (n < 0 || !ac_frame_count_is_size(e->of_aggregates, memchr(type, '*', (size_t)(open - type)),
						     close, unbraced))
			return NULL;
		const char *size = ac_arena_printf(E->arena, "%ld", n);
		if (string && !memchr(type, '*', (size_t)(open - type))) { /* sizeof "abc", from the text between the braces */
			const char *t = E->src->text;
			uint32_t a = braces, z = e->loc.end;
			while (a < z && t[a] != '"')
				a++;
			while (z > a && t[z - 1] != '"')
				z--;
			size = ac_arena_printf(E->arena, "sizeof %.*s", (int)(z - a), t + a);
		}
		type = ac_arena_printf(E->arena, "%.*s[%s]%s", (int)(open - type), type,
				       size, close);
	}
	char *name = ac_names_fresh(E, ac_arena_printf(E->arena, "ac_lit%d", E->nlits++));
	struct literal *l = AC_NEW(E->arena, struct literal);
	l->at = e->loc.start;
	l->decl = ac_arena_printf(E->arena, "__typeof__(%s) %s", ac_frame_clean(E, type), name);
	l->next = E->lits;
	E->lits = l;
	return name;
}

/*
 * C keeps a struct that is no object until the end of the full expression:
 * an array member of it, decayed to a pointer, is valid until then.  A
 * pointer kept across a suspension needs it in the frame:
 *
 *   make().arr   ->   (*(F->ac_rv0 = make(), &F->ac_rv0)).arr
 */
static char *rvalue_in_frame(struct emitter *E, struct ac_expr *e)
{
	char *name = ac_names_fresh(E, ac_arena_printf(E->arena, "ac_rv%d", E->nlits++));
	struct literal *l = AC_NEW(E->arena, struct literal);
	l->at = e->loc.start;
	l->decl = ac_arena_printf(E->arena, "__typeof__(%s) %s",
				  ac_lower_type_text(E, e->a), name);
	l->next = E->lits;
	E->lits = l;
	return ac_arena_printf(E->arena, "(*(" FP "->%s = %s, &" FP "->%s))%s", name,
			       ac_lower_render(E, e->a), name,
			       ac_emit_text(E, (struct ac_loc){ e->a->loc.end, e->loc.end }));
}

/* Comparisons, !, && and || yield an int. */
static bool is_truth_value(const struct ac_expr *e)
{
	switch (e->kind) {
	case EX_LOGAND:
	case EX_LOGOR:
		return true;
	case EX_UNARY:
		return e->op == '!';
	case EX_BINARY:
		return e->op == EQ_OP || e->op == NE_OP || e->op == LE_OP ||
		       e->op == GE_OP || e->op == '<' || e->op == '>';
	default:
		return false;
	}
}

/* Refuses (once) statement expression `e` when it defines a type without a
 * tag that did not move before the frame (see bodytypes.c): its value may
 * have that type, which a declaration outside the block, in the frame or
 * at the top of the step function, cannot name (a copy of `struct { ...
 * }` there would be another type). */
static void refuse_block_type(struct emitter *E, struct ac_expr *e)
{
	for (size_t k = 0; k < E->f->nlocal_types && !E->named_local_type; k++) {
		const struct ac_local_type *lt = &E->f->local_types[k];
		if (lt->name || lt->moved || !lt->spec.end || lt->spec.start < e->loc.start ||
		    lt->spec.end > e->loc.end)
			continue;
		E->named_local_type = true; /* (reported once) */
		ac_diag_at(E->diag, E->src, AC_ERROR, lt->spec.start, lt->spec.end,
			   "async function '%s' cannot be made resumable: its frame (at "
			   "file scope) would hold a local or value of the type of a "
			   "statement expression that defines a type without a tag, which "
			   "the frame cannot declare%s%s%s: declare the type at file scope",
			   E->f->proto->name, lt->stuck ? " (" : "", lt->stuck ? lt->stuck : "",
			   lt->stuck ? ")" : "");
		E->nerrors++;
	}
}

/* A statement expression's value, for a __typeof__ at file scope (a block
 * cannot stand there): its last expression statement's after lvalue
 * conversion, as C gives it, with the block's locals values of their
 * declared types (themselves typed so when a statement expression's):
 *
 *   ({ __typeof__(a) _a = (a); _a; })  ->  ((void)0, (*(__typeof__(int) *)0))
 */
static char *stmt_expr_type(struct emitter *E, struct ac_expr *e)
{
	struct ac_stmt *last = e->stmts ? (e->stmts->tail ? e->stmts->tail : e->stmts) : NULL;
	while (last && (last->kind == ST_LABEL || last->kind == ST_CASE ||
			last->kind == ST_DEFAULT)) /* `done: x;` */
		last = last->body;
	if (!last || last->kind != ST_EXPR || !last->e1)
		return "((void)0)";
	if (!E->in_step)
		refuse_block_type(E, e);
	return ac_arena_printf(E->arena, "((void)0, (%s))", ac_lower_render(E, last->e1));
}

/* The statement expression whose text starts at `at` and ends by `end`, or
 * NULL. */
static struct ac_expr *stmt_expr_at(struct emitter *E, uint32_t at, uint32_t end)
{
	for (size_t k = 0; E->f && k < E->f->nstmt_exprs; k++) {
		struct ac_expr *x = E->f->stmt_exprs[k];
		if (x->loc.start == at && x->loc.end <= end)
			return x;
	}
	return NULL;
}

static const char *cond_type(struct emitter *E, struct ac_expr *b, struct ac_expr *c);

/* The most ?: whose types a ?:'s temporary's type spells out: beyond, the
 * temporaries of those within are named (N ?: nested would otherwise take
 * N types of growing length). */
enum { AC_TYPE_WEIGHT = 32 };

/* The type of temporary `t`, spelled out (for the frame). */
const char *ac_lower_frame_type(struct emitter *E, struct temp *t)
{
	if (!t->names)
		return t->type;
	if (!t->expanded) {
		bool was = E->by_name;
		E->by_name = false;
		struct ac_expr *e = t->cond;
		t->expanded = cond_type(E, e->b ? e->b : e->a, e->c);
		E->by_name = was;
	}
	return t->expanded;
}

/* A value of the type of `t`, temporary of a ?:, for a __typeof__: typing
 * the type of another ?:'s for the step, its name when its type is long;
 * else its type spelled out. */
static char *cond_temp_type(struct emitter *E, struct temp *t)
{
	if (!E->by_name)
		return fmt_type_value(E, ac_lower_frame_type(E, t));
	if (t->weight >= AC_TYPE_WEIGHT) {
		E->named = true;
		return t->name;
	}
	E->named |= t->names;
	E->weight = t->weight > E->weight ? t->weight : E->weight;
	return fmt_type_value(E, t->type);
}

/* The variables named in the text of `l` around the pieces p[0..n) (its
 * operands, rendered already), added to them.  (Not in theirs: the
 * operand of `sizeof(sizeof(await f()))` was rendered by its own; scanning
 * it again at each level would render it 2^N times.) */
static void text_refs_between(struct emitter *E, struct ac_loc l, struct piece **p,
			      size_t *n, size_t *cap)
{
	size_t holes = *n;
	if (holes > 1)
		qsort(*p, holes, sizeof **p, ac_lower_cmp_pieces);
	uint32_t at = l.start;
	for (size_t i = 0; i <= holes; i++) {
		uint32_t end = i < holes ? (*p)[i].start : l.end;
		if (end > at)
			ac_lower_text_refs(E, (struct ac_loc){ at, end }, p, n, cap);
		if (i < holes && (*p)[i].end > at)
			at = (*p)[i].end;
	}
}

static void render_into(struct emitter *E, struct ac_expr *e, struct ac_strbuf *out);

/* What ac_lower_render gives for `e` when it is not the text of `e` with
 * its operands' renderings spliced in (a temporary, a local, a value of a
 * type, text with pieces of its own), or NULL. */
static char *render_whole(struct emitter *E, struct ac_expr *e)
{
	if (e->lowered && E->typing && e->kind == EX_COMMA && e->b)
		return NULL; /* (b), rendered by render_into */
	if (e->lowered_text && !E->typing)
		return NULL; /* ... and its kept text */
	if (e->lowered && E->typing && e->lowered_temp)
		return cond_temp_type(E, e->lowered_temp);
	if (e->lowered && E->typing)
		return e->lowered_type ? fmt_type_value(E, e->lowered_type) : "((void)0)";
	if (e->lowered)
		return e->lowered;
	if (!needs_render(E, e))
		return (char *)ac_emit_text(E, e->loc);
	if (e->kind == EX_IDENT && e->var)
		return var_value(E, e->var, e->loc);
	if (e->kind == EX_IDENT && e->name && !strcmp(e->name, "__LINE__"))
		return line_value(E, e->loc.start);
	if (e->kind == EX_IDENT || e->kind == EX_CONST)
		return (char *)ac_emit_text(E, e->loc);
	if (E->typing && is_truth_value(e) && !E->choosing)
		return "0"; /* an int, whatever its operands */
	if (E->typing && !E->choosing && e->kind == EX_COND && e->b && e->c &&
	    e->a->loc.end <= e->b->loc.start && e->b->loc.end <= e->c->loc.start)
		return render_cond_type(E, e);
	if (E->typing && e->kind == EX_OPAQUE && e->is_stmt_expr)
		return stmt_expr_type(E, e);
	if (E->typing && !E->in_step && e->kind == EX_OPAQUE &&
	    !strncmp(E->src->text + e->loc.start, "&&", 2))
		return "((void *)0)"; /* a label's address, where no label is */
	if (e->kind == EX_AWAIT && (E->typing || e->await_id < 0)) {
		bool is_void; /* never evaluated: a value of its result's type */
		const char *rm = await_result(E, e, &is_void);
		return is_void || !rm ? "((void)0)" : fmt_type_value(E, ac_lower_member_fmt(E, rm));
	}
	if (E->keeping && !E->typing && is_rvalue_member(e))
		return rvalue_in_frame(E, e);
	if (E->keeping && !E->typing && is_member_of_either(e))
		ac_emit_error(E, e->loc, "%s", "a member of a _Generic that chooses an object "
			      "or a value (a call's, say) is kept across an await here: the "
			      "translation cannot tell which; give it a local first");
	if (E->typing && is_choose(e)) {
		/* the choice's value decides its type: its text, locals (in
		 * sizeof, say) as values of their types */
		E->choosing++;
		char *c = ac_lower_render(E, e->args[0]);
		E->choosing--;
		return ac_arena_printf(E->arena, "__builtin_choose_expr(%s, %s, %s)", c,
				       ac_lower_render(E, e->args[1]),
				       ac_lower_render(E, e->args[2]));
	}
	char *lit = E->typing && e->kind == EX_OPAQUE && e->is_literal ? literal_value(E, e) : NULL;
	if (lit)
		return lit;
	if (e->kind == EX_OPAQUE && e->is_unevaluated && e->a->kind == EX_CALL &&
	    e->a->a && e->a->a->kind == EX_IDENT) {
		const char *fn = e->a->a->name;
		if (!strcmp(fn, "__builtin_constant_p"))
			return "0"; /* __builtin_constant_p(await ...): never a constant */
		/* an operand with side effects: the size of an object unknown
		 * (a null pointer's, which the sanitizers may evaluate) */
		if ((!strcmp(fn, "__builtin_object_size") ||
		     !strcmp(fn, "__builtin_dynamic_object_size")) && e->a->nargs == 2)
			return ac_arena_printf(E->arena, "%s((void *)0, %s)", fn,
					       ac_emit_text(E, e->a->args[1]->loc));
	}
	return NULL; /* an operator, or text with pieces: render_into */
}

/* `x`, never evaluated, into `out` (as render_unevaluated). */
static void render_unevaluated_into(struct emitter *E, struct ac_expr *x, struct ac_strbuf *out)
{
	struct unevaluated was = enter_unevaluated(E, x);
	render_into(E, x, out);
	leave_unevaluated(E, was);
}

/* The text of opaque `e` into `out`, with its operands (what awaits, holds
 * a compound literal or is never evaluated: sizeof's, _Generic's
 * controlling expression, a value of its type) and the variables named
 * between them rendered in place.  The operands are rendered into `out`
 * where they are written (sizeof nested N deep is not N copies of its
 * text) when they are in the order they are rendered in; else first, then
 * spliced in. */
static void render_opaque_text(struct emitter *E, struct ac_expr *e, struct ac_strbuf *out)
{
	struct piece *p = NULL; /* the operands first, their texts NULL */
	size_t n = 0, cap = 0;
	if (e->is_unevaluated)
		add_piece(&p, &n, &cap, e->a->loc, NULL);
	for (size_t i = 0; i < e->nargs; i++)
		add_piece(&p, &n, &cap, e->args[i]->loc, NULL);
	size_t nkids = n;
	bool ordered = true;
	for (size_t i = 1; i < n; i++)
		ordered = ordered && p[i - 1].start < p[i - 1].end && p[i].start >= p[i - 1].end;
	for (size_t i = 0; i < nkids && !ordered; i++) {
		bool uneval = e->is_unevaluated && i == 0;
		struct ac_expr *k = uneval ? e->a : e->args[i - e->is_unevaluated];
		p[i].text = uneval ? render_unevaluated(E, k) : ac_lower_render(E, k);
	}
	text_refs_between(E, e->loc, &p, &n, &cap);
	if (n)
		qsort(p, n, sizeof *p, ac_lower_cmp_pieces);
	uint32_t at = e->loc.start;
	size_t kid = 0; /* the next operand to render in place */
	for (size_t i = 0; i < n; i++) {
		if (p[i].start < at)
			continue;
		ac_strbuf_add(out, E->src->text + at, p[i].start - at);
		if (p[i].text) {
			ac_strbuf_puts(out, p[i].text);
		} else if (e->is_unevaluated && kid == 0) {
			render_unevaluated_into(E, e->a, out);
			kid++;
		} else {
			render_into(E, e->args[kid++ - e->is_unevaluated], out);
		}
		at = p[i].end;
	}
	ac_strbuf_add(out, E->src->text + at, e->loc.end - at);
	free(p);
}

/* Opaque `e` into `out`; a compound literal copied into the frame as it
 * is made, when the function suspends (see literal_in_frame).  Its member
 * is named before its text is rendered, so that the text is rendered in
 * place: of literals nested, the outer one is named first. */
static void render_opaque(struct emitter *E, struct ac_expr *e, struct ac_strbuf *out)
{
	bool to_frame = !E->typing && e->is_literal && E->an->npoints && !E->in_static;
	char *name = to_frame ? literal_in_frame(E, e) : NULL;
	if (name)
		ac_strbuf_printf(out, "(*(__typeof__(" FP "->%s) *)__builtin_memcpy(" TO_BYTES
				 "&" FP "->%s, " FROM_BYTES "&", name, name);
	render_opaque_text(E, e, out);
	if (name)
		ac_strbuf_printf(out, ", sizeof " FP "->%s))", name);
	else if (to_frame)
		ac_emit_error(E, e->loc, "%s", "this compound literal names locals and has "
			      "designators or braces left out: give its array a size, "
			      "so that the frame can hold it across a suspension");
}

/* A part of an operator's text rendered otherwise: an operand, or text. */
struct part {
	uint32_t start, end;
	struct ac_expr *kid; /* rendered when its turn comes, or NULL */
	char *text;
};

static int cmp_parts(const void *a, const void *b)
{
	const struct part *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

/* `e`, an operator, into `out`: its text with the operands that need it
 * rendered in their places.  The operands are rendered where they are
 * written, into the same buffer, which is what keeps an expression nested
 * N deep from costing N copies of its text (when they come in the order
 * they are rendered: C's order of writing, which they always are). */
static void render_parts(struct emitter *E, struct ac_expr *e, struct ac_strbuf *out)
{
	struct part *p = NULL;
	size_t n = 0, cap = 0;
	if (e->kind == EX_CAST && e->a) { /* `(int (*)[n])buf`, not `(int (*)(int n))g` */
		struct piece *refs = NULL;
		size_t nrefs = 0, caprefs = 0;
		ac_lower_decl_refs(E, (struct ac_loc){ e->loc.start, e->a->loc.start },
				   &refs, &nrefs, &caprefs);
		if (nrefs)
			qsort(refs, nrefs, sizeof *refs, ac_lower_cmp_pieces);
		for (size_t i = 0; i < nrefs; i++) {
			AC_GROW(p, cap, n);
			p[n++] = (struct part){ refs[i].start, refs[i].end, NULL, refs[i].text };
		}
		free(refs);
	}
	struct ac_expr *kids[3] = { e->a, e->b, e->c };
	for (size_t i = 0; i < 3 + e->nargs; i++) {
		struct ac_expr *k = i < 3 ? kids[i] : e->args[i - 3];
		if (k && needs_render(E, k)) {
			AC_GROW(p, cap, n);
			p[n++] = (struct part){ k->loc.start, k->loc.end, k, NULL };
		}
	}
	bool ordered = true;
	for (size_t i = 1; i < n; i++)
		ordered = ordered && p[i].start >= p[i - 1].end;
	for (size_t i = 0; i < n && !ordered; i++)
		if (p[i].kid) /* rendered in the order above, spliced in place */
			p[i].text = ac_lower_render(E, p[i].kid);
	if (!ordered)
		qsort(p, n, sizeof *p, cmp_parts);
	uint32_t at = e->loc.start;
	for (size_t i = 0; i < n; i++) {
		if (p[i].start < at)
			continue;
		ac_strbuf_add(out, E->src->text + at, p[i].start - at);
		if (p[i].text)
			ac_strbuf_puts(out, p[i].text);
		else
			render_into(E, p[i].kid, out);
		at = p[i].end;
	}
	ac_strbuf_add(out, E->src->text + at, e->loc.end - at);
	free(p);
}

/*
 * The value of a comma `(a, b)` whose b awaits is `(b)`, b as rendered
 * when the comma is lowered (its awaits temporaries), kept as text.  The
 * values of the commas b holds are not copied into that text: it is kept in
 * pieces, each followed by the value of a comma within (rendered where it
 * stands), so that N commas nested around an await are N pieces, not N
 * texts of growing length.
 */
struct text_piece {
	size_t start, end;     /* of the text */
	struct ac_expr *comma; /* whose value follows, or NULL */
};

struct ac_lowered_text {
	char *text;
	struct text_piece *p;
	size_t n;
};

/* A comma's value being rendered into `out`: its pieces so far, the last
 * ending at `mark`. */
struct ac_lowered_build {
	struct ac_strbuf *out;
	size_t mark;
	struct text_piece *p;
	size_t n, cap;
};

static void end_piece(struct ac_lowered_build *b, struct ac_expr *comma)
{
	AC_GROW(b->p, b->cap, b->n);
	b->p[b->n++] = (struct text_piece){ b->mark, b->out->len, comma };
	b->mark = b->out->len;
}

/* The value of lowered comma `e` into `out`: in the comma being kept
 * there, a piece of it; else its text, the commas within in place. */
static void put_comma_value(struct emitter *E, struct ac_expr *e, struct ac_strbuf *out)
{
	struct ac_lowered_build *b = E->keeping_comma;
	if (b && b->out == out) {
		end_piece(b, e);
		return;
	}
	const struct ac_lowered_text *l = e->lowered_text;
	for (size_t i = 0; i < l->n; i++) {
		ac_strbuf_add(out, l->text + l->p[i].start, l->p[i].end - l->p[i].start);
		if (l->p[i].comma)
			put_comma_value(E, l->p[i].comma, out);
	}
}

static void render_into(struct emitter *E, struct ac_expr *e, struct ac_strbuf *out)
{
	if (e && e->lowered && E->typing && e->kind == EX_COMMA && e->b) {
		ac_strbuf_puts(out, "(");
		render_into(E, e->b, out);
		ac_strbuf_puts(out, ")");
		return;
	}
	if (e && e->lowered_text && !E->typing) {
		put_comma_value(E, e, out);
		return;
	}
	char *whole = e ? render_whole(E, e) : "";
	if (whole) {
		ac_strbuf_puts(out, whole);
		return;
	}
	if (e->kind == EX_OPAQUE) {
		render_opaque(E, e, out);
		return;
	}
	bool adopt = !E->typing && e->kind == EX_CALL && e->is_async_call && !E->stress;
	if (adopt)
		ac_strbuf_puts(out, "ac__adopt(&" FP "->" HDR ", ");
	render_parts(E, e, out);
	if (adopt)
		ac_strbuf_puts(out, ")");
}

char *ac_lower_render(struct emitter *E, struct ac_expr *e)
{
	char *whole = e ? render_whole(E, e) : "";
	if (whole)
		return whole;
	struct ac_strbuf b;
	ac_strbuf_init(&b);
	render_into(E, e, &b);
	char *r = ac_arena_strndup(E->arena, b.data ? b.data : "", b.len);
	ac_strbuf_free(&b);
	return r;
}

/*
 * `e` as the condition of an if made from a test:
 *   (a == b) ? await f() : c   ->   if (a == b) {
 * clang's -Wparentheses-equality takes `if ((a == b))`, which the program
 * did not write, for a mistyped assignment.  Only parentheses written in
 * the file around an equality go; an assignment keeps them (gcc's
 * -Wparentheses asks for them).
 */
static char *render_test(struct emitter *E, struct ac_expr *e)
{
	const char *t = E->src->text;
	struct ac_expr *in = e;
	while (in->kind == EX_PAREN && in->a && !in->lowered && !in->lowered_text &&
	       t[in->loc.start] == '(' && t[in->loc.end - 1] == ')' &&
	       in->a->loc.start > in->loc.start && in->a->loc.end < in->loc.end)
		in = in->a;
	if (in == e || in->kind != EX_BINARY || in->op != EQ_OP)
		in = e;
	return ac_lower_render(E, in);
}

/* `e`, evaluated now for a value used after a suspension. */
static char *render_kept(struct emitter *E, struct ac_expr *e)
{
	E->keeping++;
	char *r = ac_lower_render(E, e);
	E->keeping--;
	return r;
}

/* ------------------------------------------------------------ suspension */

static void push_live(struct emitter *E, struct temp *t)
{
	AC_GROW(E->live_temps, E->caplive, (size_t)E->nlive_temps);
	E->live_temps[E->nlive_temps++] = t;
}

/* A temporary of the function (declared at the top of its step function,
 * saved in its frame when live across a suspension) for the value of the
 * user's text at `at`; `type_fmt` may be filled in later. */
static struct temp *new_temp_unlisted(struct emitter *E, const char *type_fmt, uint32_t at)
{
	struct temp *t = AC_NEW(E->arena, struct temp);
	t->at = at;
	t->name = ac_names_fresh(E, ac_arena_printf(E->arena, "ac_t%d", E->ntemps++));
	t->type = type_fmt;
	t->spilled_at = ac_arena_alloc(E->arena, ((size_t)E->an->npoints / 64 + 1) * 8);
	t->link = E->temps_tail;
	*E->temps_tail = t;
	E->temps_tail = &t->next;
	return t;
}

/* Move `t` to the end of the temporaries: after those its type names. */
static void declare_last(struct emitter *E, struct temp *t)
{
	if (!t->next)
		return;
	*t->link = t->next;
	t->next->link = t->link;
	t->next = NULL;
	t->link = E->temps_tail;
	*E->temps_tail = t;
	E->temps_tail = &t->next;
}

static struct temp *new_temp(struct emitter *E, const char *type_fmt, uint32_t at)
{
	struct temp *t = new_temp_unlisted(E, type_fmt, at);
	push_live(E, t);
	return t;
}

/* Save what is live (parameters the body never assigns are in the frame
 * already), suspend, and restore it on resumption.  With `state_first`,
 * the state is set before `cond` runs the awaited function's first step,
 * so that what it shows of its callers (ac_task_dump, ASYNCC_DEBUG, gdb's
 * `ac bt`) names this await's line. */
static void suspend(struct emitter *E, struct ac_point *p, const char *cond,
		    bool state_first)
{
	/* one line, charged to the await's: `next` in a debugger goes over it */
	struct ac_strbuf b;
	ac_strbuf_init(&b);
	if (state_first)
		ac_strbuf_printf(&b, STATE " = %d; ", p->state);
	if (cond)
		ac_strbuf_printf(&b, "if (%s) { ", cond);
	for (int i = 0; i < E->an->nvars; i++)
		if (ac_bit(p->live, i) && !E->an->vars[i]->unchanged)
			ac_strbuf_printf(&b, FP "->%s = %s; ", ac_frame_name(E, E->an->vars[i]),
					 E->an->vars[i]->name);
	for (int i = 0; i < E->nlive_temps; i++) {
		struct temp *t = E->live_temps[i];
		t->spilled = true;
		t->spilled_at[(p->state - 1) / 64] |= (uint64_t)1 << ((p->state - 1) % 64);
		ac_strbuf_printf(&b, "%s; ", ac_frame_store(E, ac_arena_printf(E->arena, FP "->%s",
			t->name), t->name, t->bytes));
	}
	if (E->stress)
		ac_strbuf_printf(&b, FP "->" SSTATE " = %d; return 0; ", p->state);
	else if (state_first)
		ac_strbuf_puts(&b, "return AC_PENDING; ");
	else
		ac_strbuf_printf(&b, STATE " = %d; return AC_PENDING; ", p->state);
	ac_strbuf_printf(&b, "%s:", p->label);
	bool any = false;
	for (int i = 0; i < E->an->nvars; i++)
		if (ac_bit(p->live, i)) {
			ac_strbuf_printf(&b, " %s = " FP "->%s;", E->an->vars[i]->name,
					 ac_frame_name(E, E->an->vars[i]));
			any = true;
		}
	for (int i = 0; i < E->nlive_temps; i++) {
		struct temp *t = E->live_temps[i];
		ac_strbuf_printf(&b, " %s;", ac_frame_store(E, t->name, ac_arena_printf(E->arena,
			FP "->%s", t->name), t->bytes));
		any = true;
	}
	ac_strbuf_puts(&b, any ? "" : ";");
	if (cond)
		ac_strbuf_puts(&b, " }");
	ac_emit_gen(E, "%s", b.data);
	ac_strbuf_free(&b);
}

/*
 *   save; F->hdr.state = N; return AC_PENDING;  ac_L12: restore;
 * with `cond`:  if (cond) { ... }
 */
void ac_lower_suspend(struct emitter *E, struct ac_point *p, const char *cond)
{
	suspend(E, p, cond, false);
}

/*
 *   F->hdr.state = N; if (ac__await(...)) { save; return AC_PENDING; ac_L12: restore; }
 * for an await that may run the awaited function's code before it returns.
 */
void ac_lower_suspend_await(struct emitter *E, struct ac_point *p, const char *cond)
{
	suspend(E, p, cond, true);
}

/* The cast of `await (async T)t`, or NULL. */
static const struct ac_expr *task_cast(const struct ac_expr *await)
{
	const struct ac_expr *op = ac_lower_strip(await->a);
	return op && op->kind == EX_CAST && op->is_task_cast ? op : NULL;
}

/* Is `e`'s value a struct C cannot assign (a const member), as far as
 * asyncc can tell: an await of such a result, a local of such a type, a
 * plain function's result of such a type, a choice or comma yielding one?
 * Its temporaries copy its bytes. */
static bool is_read_only_value(const struct ac_expr *e)
{
	e = ac_lower_strip(e);
	if (!e)
		return false;
	switch (e->kind) {
	case EX_AWAIT: {
		if (e->callee)
			return e->callee->result_read_only;
		if (task_cast(e))
			return task_cast(e)->task_read_only;
		const struct ac_expr *base = ac_lower_strip(e->a);
		while (base && base->kind == EX_INDEX)
			base = ac_lower_strip(base->a);
		if (!base || base->kind != EX_IDENT || !base->var || !base->var->is_task)
			return false;
		const struct ac_var *v = base->var;
		const struct ac_declarator *d = v->param ? v->param->decl : v->decl->decl;
		return v->dspec && v->dspec->read_only_type && !d->is_pointer;
	}
	case EX_IDENT:
		return e->var && e->var->stored_by_copy;
	case EX_CALL:
		return e->read_only_value;
	case EX_COND: /* (asked of each of N nested ?: once) */
		if (!e->read_only_memo)
			((struct ac_expr *)e)->read_only_memo = 1 +
				(is_read_only_value(e->b ? e->b : e->a) || is_read_only_value(e->c));
		return e->read_only_memo == 2;
	case EX_COMMA:
		return is_read_only_value(e->b);
	default:
		return false;
	}
}

/* `T` of the cast `(async T)`, as asyncc writes types ("char *"). */
static char *task_cast_type(struct emitter *E, const struct ac_expr *c)
{
	uint32_t close = c->a->loc.start;
	while (close > c->loc.start + 1 && E->src->text[close - 1] != ')')
		close--;
	return ac_frame_type_specs(E, (struct ac_loc){ c->loc.start + 1, close - 1 }, true);
}

/* Does the type `t` name a qualifier, or a typeof, which may be one? */
static bool names_qualifier(const char *t)
{
	static const char *const words[] = { "const", "__const", "__const__", "volatile",
		"__volatile", "__volatile__", "_Atomic", "typeof", "__typeof", "__typeof__" };
	struct ac_words s = { .t = t, .at = 0, .end = (uint32_t)strlen(t) };
	uint32_t w, n;
	while (ac_words_next(&s, &w, &n))
		for (size_t k = 0; k < sizeof words / sizeof *words; k++)
			if (ac_word_is(t + w, n, words[k]))
				return true;
	return false;
}

/* "T result", or when T may be qualified (`const int`, `cint`, `char
 * *const`) the type of a value of it, which is not: temporaries of it are
 * assigned.
 *
 *   __typeof__(((void)0, (*(__typeof__(cint) *)0))) result
 */
static const char *result_of_type(struct emitter *E, const char *t, bool qualified)
{
	size_t n = strlen(t);
	while (n && t[n - 1] == ' ')
		n--;
	t = ac_arena_strndup(E->arena, t, n);
	if (qualified || names_qualifier(t))
		return ac_arena_printf(E->arena, "__typeof__(((void)0, (*(__typeof__(%s) *)0))) result", t);
	return ac_arena_printf(E->arena, "%s%sresult", t, n && t[n - 1] == '*' ? "" : " ");
}

/* "T result" for `(async T)`, or NULL when T is not specifiers and `*`s
 * (a function or array type: a typedef names it). */
static const char *task_cast_result(struct emitter *E, const struct ac_expr *c,
				    bool *is_void)
{
	char *t = task_cast_type(E, c);
	if (!*t || strpbrk(t, "([{"))
		return NULL;
	*is_void = !strcmp(t, "void");
	return result_of_type(E, t, c->task_qualified);
}

/* The result member of what `e` (an await) awaits ("T result"), or NULL. */
static const char *await_result(struct emitter *E, const struct ac_expr *e,
				bool *is_void)
{
	const struct ac_expr *op = ac_lower_strip(e->a);
	*is_void = false;
	if (e->callee) {
		*is_void = e->callee->returns_void;
		return e->callee->result_member;
	}
	if (task_cast(e))
		return task_cast_result(E, task_cast(e), is_void);
	const struct ac_expr *base = op;
	while (base && base->kind == EX_INDEX)
		base = ac_lower_strip(base->a);
	if (base && base->kind == EX_IDENT && base->var && base->var->is_task) {
		struct ac_var *v = base->var;
		struct ac_declarator *d = v->param ? v->param->decl : v->decl->decl;
		char *t = ac_frame_type_specs(E, v->dspec->loc, true);
		char *prefix = ac_arena_strndup(E->arena, E->src->text + d->loc.start,
						d->name_loc.start - d->loc.start);
		*is_void = !strcmp(t, "void") && !strchr(prefix, '*');
		if (!*is_void)
			return result_of_type(E, ac_frame_clean(E, ac_arena_printf(E->arena, "%s %s", t, prefix)),
					      !strchr(prefix, '*') && (v->dspec->qualified_type ||
								      v->dspec->const_type));
		return ac_arena_printf(E->arena, "%s %sresult", t, prefix);
	}
	return NULL;
}

/* "char *result" -> "char *%s" */
char *ac_lower_member_fmt(struct emitter *E, const char *result_member)
{
	const char *r = strstr(result_member, "result");
	while (r && (ac_is_ident_char(r[6]) || (r > result_member && ac_is_ident_char(r[-1]))))
		r = strstr(r + 1, "result");
	if (!r)
		return ac_arena_printf(E->arena, "%s %%s", result_member);
	return ac_arena_printf(E->arena, "%.*s%%s%s", (int)(r - result_member),
			       result_member, r + 6);
}

static char *result_cast(struct emitter *E, const char *fmt)
{
	char *abstract = ac_arena_printf(E->arena, fmt, "");
	size_t n = strlen(abstract);
	while (n && abstract[n - 1] == ' ')
		abstract[--n] = '\0';
	if (strpbrk(abstract, "([")) /* `int (*)(int)`: a pointer to it, through typeof */
		return ac_arena_printf(E->arena, "(__typeof__(%s) *)", abstract);
	return ac_arena_printf(E->arena, "(%s%s*)", abstract,
			       n && abstract[n - 1] == '*' ? "" : " ");
}

/* `(void) a` */
static bool is_void_cast(struct emitter *E, const struct ac_expr *e)
{
	if (!e->a)
		return false;
	char *t = ac_frame_type_specs(E, (struct ac_loc){ e->loc.start, e->a->loc.start }, true);
	return !strcmp(t, "(void)") || !strcmp(t, "( void )") || !strcmp(t, "(void )") ||
	       !strcmp(t, "( void)");
}

/* Whether evaluating what is left of `e` (its lowered parts stand for
 * temporaries) still has an effect: a call, an assignment, ++ or --. */
static bool residual_effects(const struct ac_expr *e)
{
	if (e && e->lowered) /* a temporary, or the right operand of a comma */
		return e->kind == EX_COMMA && e->b && strcmp(e->lowered, "((void)0)") &&
		       residual_effects(e->b);
	if (!e || (!e->has_call && !e->has_await))
		return false;
	switch (e->kind) {
	case EX_CALL:
	case EX_ASSIGN:
	case EX_POSTFIX:
	case EX_AWAIT:
		return true;
	case EX_OPAQUE:
		if (e->nargs == 0)
			return e->has_call;
		break;
	case EX_UNARY:
		if (e->op == INC_OP || e->op == DEC_OP)
			return true;
		break;
	default:
		break;
	}
	for (size_t i = 0; i < e->nargs; i++)
		if (residual_effects(e->args[i]))
			return true;
	return residual_effects(e->a) || residual_effects(e->b) ||
	       residual_effects(e->c);
}

static bool is_await_frame_inline(struct emitter *E, const struct ac_proto *c)
{
	return c->frame_known || (c->func && c->func->loc.start < E->f->loc.start &&
				  c->src == E->src && !c->func->stressed);
}

/* Whether what is left of `e` reads a temporary holding a value. */
static bool reads_temp(const struct ac_expr *e)
{
	if (!e)
		return false;
	if (e->lowered)
		return e->lowered_type != NULL || e->kind == EX_COMMA;
	if (!e->has_await)
		return false;
	for (size_t i = 0; i < e->nargs; i++)
		if (reads_temp(e->args[i]))
			return true;
	return reads_temp(e->a) || reads_temp(e->b) || reads_temp(e->c);
}

/* What is left of `e`, whose value is not used, as a statement: its
 * effects, or a (void) use of the temporaries it read (gcc would call
 * them set but not used). */
void ac_lower_discarded(struct emitter *E, struct ac_expr *e)
{
	if (residual_effects(e)) {
		ac_emit_user_line(E, e->loc.start);
		ac_emit_gen(E, "%s;", ac_lower_render(E, e));
	} else if (reads_temp(e)) {
		/* `await f() == 1;` stays a comparison whose value is not used,
		 * which the compiler warns of as it would of the source */
		const struct ac_expr *x = ac_lower_strip(e);
		bool unused = !x->lowered && x->kind == EX_BINARY;
		ac_emit_user_line(E, e->loc.start);
		ac_emit_gen(E, unused ? "%s;" : "(void)(%s);", ac_lower_render(E, e));
	}
}

/* The header of the callee frame F->aw.M: its `hdr`, named as this unit
 * names it when the callee is defined here, else as <asyncc.h> does, unless
 * a word of the input spells that. */
static char *callee_hdr(struct emitter *E, const struct ac_proto *c, const char *m)
{
	if (c->func)
		return ac_arena_printf(E->arena, "&" FP "->" AW ".%s." HDR, m);
	if (ac_names_has(&E->macros, "hdr", 3))
		return ac_arena_printf(E->arena, "(ac_task *)&" FP "->" AW ".%s", m);
	return ac_arena_printf(E->arena, "&" FP "->" AW ".%s.hdr", m);
}

/* ... and its result, of type `fmt`. */
static char *callee_result(struct emitter *E, const struct ac_proto *c,
			   const char *m, const char *fmt)
{
	if (c->func)
		return ac_arena_printf(E->arena, FP "->" AW ".%s." RES, m);
	if (ac_names_has(&E->macros, "result", 6))
		return ac_arena_printf(E->arena, "*%sac__value_of((ac_task *)&" FP "->" AW ".%s)",
				       result_cast(E, fmt), m);
	return ac_arena_printf(E->arena, FP "->" AW ".%s.result", m);
}

/* Does the type text name a macro of the file (`#define int long`)?  It
 * may mean one type where the callee's frame was declared and another
 * where a temporary for its result is. */
static bool names_macro(struct emitter *E, const char *s)
{
	for (; *s; s++) {
		if (!ac_is_ident_char(*s))
			continue;
		const char *w = s;
		while (ac_is_ident_char(s[1]))
			s++;
		if (!(*w >= '0' && *w <= '9') && ac_names_has(&E->macros, w, (uint32_t)(s + 1 - w)))
			return true;
	}
	return false;
}

/* The type of a temporary for the result of `c`, whose frame is declared
 * in the file: the result member's own type (without its qualifiers) where
 * its text names a macro, which may mean another type here.
 *
 *   int %s   ->   __typeof__(((void)0, ((struct c__frame *)0)->result)) %s
 */
static const char *callee_result_type(struct emitter *E, const struct ac_proto *c,
				      const char *fmt)
{
	if (!names_macro(E, fmt) || ac_names_has(&E->macros, "result", 6))
		return fmt;
	return ac_arena_printf(E->arena, "__typeof__(((void)0, ((struct %s__frame *)0)->" RES ")) %%s",
			       c->name);
}

/* The runtime's operations whose await needs no frame of its own: the
 * awaiting task waits through a slot of its own frame (struct ac__sleep,
 * struct ac__waiter in <asyncc.h>), which the begin function sets up. */
struct slot_op {
	const char *name;   /* the operation, as declared in <asyncc.h> */
	size_t nargs;
	const char *slot;   /* the slot's type */
	const char *begin;  /* (self, slot, args...): 1 if self must suspend */
	const char *result; /* (slot): the result */
};

static const struct slot_op slot_ops[] = {
	{ "ac_sleep", 1, "struct ac__sleep", "ac__sleep_begin", "ac__sleep_result" },
	{ "ac_chan_send", 2, "struct ac__waiter", "ac__chan_send_begin", "ac__waiter_result" },
	{ "ac_chan_recv", 2, "struct ac__waiter", "ac__chan_recv_begin", "ac__waiter_result" },
	{ "ac_event_wait", 1, "struct ac__waiter", "ac__event_wait_begin", "ac__waiter_result" },
	{ "ac_sem_acquire", 1, "struct ac__waiter", "ac__sem_acquire_begin", "ac__waiter_result" },
	{ "ac_mutex_lock", 1, "struct ac__waiter", "ac__mutex_lock_begin", "ac__waiter_result" },
	/* not waits in a list: a write tried at once and a read of what is
	 * buffered, operations of their own (in the slot) only when they wait */
	{ "ac_stream_write", 3, "struct ac_stream_write__frame", "ac__stream_write_begin",
	  "ac__stream_write_result" },
	{ "ac_stream_read", 3, "struct ac_stream_read__frame", "ac__stream_read_begin",
	  "ac__stream_read_result" },
};

/* The slot operation `await c(...)` calls, if c is the runtime's own
 * (declared in an included header, with its frame there). */
static const struct slot_op *runtime_slot_op(const struct ac_proto *c,
					     const struct ac_expr *call)
{
	if (!c->frame_known || c->defined || c->in_main)
		return NULL;
	for (size_t i = 0; i < sizeof slot_ops / sizeof *slot_ops; i++)
		if (!strcmp(c->name, slot_ops[i].name) && call->nargs == slot_ops[i].nargs)
			return &slot_ops[i];
	return NULL;
}

/*
 *   await ac_chan_recv(c, &v)  ->
 *       if (ac__chan_recv_begin(&F->hdr, &F->aw.ac_chan_recv_L12, c, &v)) {
 *               save; F->hdr.state = N; return AC_PENDING;
 *       ac_L12: restore;
 *       }
 *       ac_t0 = ac__waiter_result(&F->aw.ac_chan_recv_L12);
 * The task itself waits (in the channel's list, the timers, ...): an await
 * of these costs a slot of the frame and no frame of its own.
 */
static char *lower_slot_op(struct emitter *E, struct ac_point *p, const struct slot_op *op,
			   const char *args)
{
	char *m = ac_names_fresh(E, ac_arena_printf(E->arena, "%s_%s", op->name, p->suffix));
	ac_strbuf_printf(&E->aw, "\t\t%s %s; /* line %u */\n", op->slot, m, p->line);
	ac_lower_suspend(E, p, ac_arena_printf(E->arena,
		"%s(&" FP "->" HDR ", &" FP "->" AW ".%s, %s)", op->begin, m, args));
	return ac_arena_printf(E->arena, "%s(&" FP "->" AW ".%s)", op->result, m);
}

/* Whether the specifiers `t` name a type that is certainly not a task:
 * built-in types, or a struct, union or enum other than ac_task (a
 * typedef name may be anything: the C compiler checks those). */
static bool never_a_task(const char *t)
{
	static const char *const words[] = { "void", "char", "short", "int", "long",
		"float", "double", "signed", "unsigned", "_Bool", "_Complex", "const",
		"volatile", "__int128" };
	if (!strncmp(t, "struct ", 7) || !strncmp(t, "union ", 6) || !strncmp(t, "enum ", 5))
		return strcmp(t, "struct ac_task") != 0;
	for (const char *w = t; *w;) {
		size_t n = strcspn(w, " ");
		bool known = false;
		for (size_t k = 0; k < sizeof words / sizeof *words && !known; k++)
			known = strlen(words[k]) == n && !memcmp(words[k], w, n);
		if (!known)
			return false;
		w += n + (w[n] == ' ');
	}
	return *t != '\0';
}

/* The `*`s and `[`s of the local v's declarator, outside the bounds. */
static int declarator_levels(struct emitter *E, const struct ac_var *v)
{
	struct ac_declarator *d = v->param ? v->param->decl : v->decl->decl;
	int levels = 0, depth = 0;
	for (uint32_t i = d->loc.start; i < d->loc.end; i++) {
		char b = ac_bracket(E->src->text + i);
		levels += depth == 0 && (E->src->text[i] == '*' || b == '[');
		depth += (b == '[') - (b == ']');
	}
	return levels;
}

/* Can the local v never hold a task: declared with no `*` or `[` and a
 * type of words that name no pointer (`int n`, `struct point p`)? */
bool ac_lower_never_task(struct emitter *E, const struct ac_var *v)
{
	if (!v || v->is_task || !v->dspec || (v->param ? !v->param->decl : !v->decl))
		return false;
	return declarator_levels(E, v) == 0 &&
	       never_a_task(ac_frame_type_specs(E, v->dspec->loc, false));
}

/* Can a result of type t (as in ac_proto's result_type) never be a task? */
bool ac_lower_never_task_type(const char *t)
{
	return !strchr(t, '*') && strcmp(t, "void") && never_a_task(t);
}

/* `await (async T)x`: x, with k subscripts applied to a local, must be an
 * ac_task * (or a void *) where the local's declaration shows its type. */
static bool check_task_pointer(struct emitter *E, const struct ac_expr *cast)
{
	const struct ac_expr *x = ac_lower_strip(cast->a), *base = x;
	int k = 0;
	for (; base && base->kind == EX_INDEX; k++)
		base = ac_lower_strip(base->a);
	if (!base || base->kind != EX_IDENT || !base->var || base->var->is_task)
		return true;
	struct ac_var *v = base->var;
	char *specs = ac_frame_type_specs(E, v->dspec->loc, false);
	int levels = declarator_levels(E, v);
	bool task = !strcmp(specs, "ac_task") || !strcmp(specs, "struct ac_task") ||
		    !strcmp(specs, "void");
	if (task ? levels == k + 1 : !never_a_task(specs))
		return true;
	ac_emit_error(E, x->loc, "%s", ac_arena_printf(E->arena,
		"'%s' is not an 'ac_task *': '%s' awaits a task pointer",
		ac_emit_text(E, x->loc), ac_emit_text(E, (struct ac_loc){ cast->loc.start,
			cast->a->loc.start })));
	return false;
}

/* An async function of the file whose declaration comes after the await
 * (`await helper(2)` above `async int helper(int x) {...}`): as in C, a
 * function is known from its first declaration on.  The reason, or "". */
static const char *declared_later(struct emitter *E, const char *name)
{
	for (struct ac_proto *p = E->unit->protos; p; p = p->next) {
		if (!p->in_main || !p->decl || !p->src || strcmp(p->name, name))
			continue;
		const char *t = p->result_type;
		size_t n = strlen(t);
		return ac_arena_printf(E->arena, ": it is declared as one at line %u, "
			"below; declare it before its first use (async %s%s%s(...);)",
			(unsigned)ac_source_position(p->src, p->decl->loc.start).line,
			t, n && t[n - 1] == '*' ? "" : " ", name);
	}
	return "";
}

/*
 *   await f(args)   ->   f__init(&F->aw.f_L12, args);
 *                        F->hdr.state = N;
 *                        if (ac__await(&F->hdr, &F->aw.f_L12.hdr)) {
 *                                save; return AC_PENDING;
 *                        ac_L12: restore;
 *                        }
 *                        ac_t0 = F->aw.f_L12.result;
 *
 *   await t, await (async T)t   ->   F->aw.task = ac__await_checked(&F->hdr, t, 12);
 *                                    <suspend as above on F->aw.task>
 *                                    ac_t0 = *(T *)ac__value_of(F->aw.task);
 *   (a NULL t ends the program naming the function and the line)
 */
static void lower_await(struct emitter *E, struct ac_expr *e, bool discard)
{
	if (e->await_id < 0)
		return; /* never evaluated: rendered as a value of its type */
	struct ac_point *p = E->an->by_await[e->await_id];
	struct ac_expr *op = (struct ac_expr *)ac_lower_strip(e->a);
	bool is_void;
	const char *rm = await_result(E, e, &is_void);
	if (!rm && op && op->kind == EX_CALL && op->a && op->a->kind == EX_IDENT &&
	    !op->a->var) {
		const char *name = op->a->name;
		const char *why = ""; /* the runtime's operations: where they are */
		if (!strncmp(name, "ac_", 3) && E->unit->headers_unread)
			why = ac_arena_printf(E->arena, ": the runtime's operations are "
				"declared in <asyncc.h>, which asyncc does not read with "
				"--no-cpp; drop --no-cpp, or declare it in the file as "
				"<asyncc.h> does (async int %s(...);)", name);
		else if (!strncmp(name, "ac_", 3))
			why = ": the runtime's operations are declared in <asyncc.h>; "
			      "#include <asyncc.h>";
		else
			why = declared_later(E, name);
		ac_emit_error(E, op->a->loc, "%s", ac_arena_printf(E->arena,
			"'%s' is not declared as an async function%s", name, why));
		return;
	}
	if (!rm && task_cast(e)) {
		ac_emit_error(E, task_cast(e)->loc, "%s", ac_arena_printf(E->arena,
			"cannot declare a result of type '%s': name the type with a typedef "
			"(typedef int (*fn)(void); ... await (async fn)t)",
			task_cast_type(E, task_cast(e))));
		return;
	}
	if (!rm) {
		ac_emit_error(E, e->loc, "cannot tell what this await yields: await a call "
			 "of an async function, a variable declared 'async T', or a task "
			 "pointer cast to its task type, 'await (async T)t'%s", "");
		return;
	}
	char *result;
	const char *fmt = ac_lower_member_fmt(E, rm);
	const struct ac_proto *c = e->callee;
	if (c && op->kind == EX_CALL) {
		int live = E->nlive_temps;
		lower_operands(E, op);
		struct ac_strbuf args;
		ac_strbuf_init(&args);
		/* the line breaks before each argument stay: a __LINE__ in it,
		 * and the compiler's messages on it, keep their line */
		int behind = 0; /* source lines passed that the output has not */
		uint32_t at = e->loc.start;
		for (size_t i = 0; i < op->nargs; i++) {
			behind += count_lines(E->src->text, at, op->args[i]->loc.start);
			ac_strbuf_puts(&args, i ? (behind > 0 ? "," : ", ") : "");
			for (; behind > 0; behind--)
				ac_strbuf_puts(&args, "\n");
			const char *arg = render_kept(E, op->args[i]);
			ac_strbuf_puts(&args, arg);
			at = op->args[i]->loc.end;
			behind += count_lines(E->src->text, op->args[i]->loc.start, at) -
				  count_lines(arg, 0, (uint32_t)strlen(arg));
		}
		const char *a = args.data ? args.data : "";
		E->nlive_temps = live; /* the arguments are passed before suspending */
		bool inline_frame = is_await_frame_inline(E, c);
		const struct slot_op *so = inline_frame ? runtime_slot_op(c, op) : NULL;
		if (so) {
			ac_emit_user_line(E, e->loc.start);
			result = lower_slot_op(E, p, so, a);
		} else if (inline_frame) {
			char *m = ac_names_fresh(E, ac_arena_printf(E->arena, "%s_%s", c->name, p->suffix));
			ac_strbuf_printf(&E->aw, "\t\tstruct %s__frame %s; /* line %u */\n",
					 c->name, m, p->line);
			ac_emit_user_line(E, e->loc.start);
			ac_emit_gen(E, "%s__init(&" FP "->" AW ".%s%s%s);", c->name, m, *a ? ", " : "", a);
			if (c->func) /* its step is visible: call it directly */
				ac_lower_suspend_await(E, p, ac_arena_printf(E->arena,
					"ac__await_step(&" FP "->" HDR ", %s, %s__step)", callee_hdr(E, c, m), c->name));
			else
				ac_lower_suspend_await(E, p, ac_arena_printf(E->arena,
					"ac__await(&" FP "->" HDR ", %s)", callee_hdr(E, c, m)));
			result = callee_result(E, c, m, fmt);
		} else {
			E->heap_await = true;
			ac_emit_user_line(E, e->loc.start);
			ac_emit_gen(E, FP "->" AW "." TASK " = ac__checked(%s(%s), \"%s\");", c->name, a, c->name);
			ac_lower_suspend_await(E, p, "ac__await(&" FP "->" HDR ", " FP "->" AW "." TASK ")");
			result = ac_arena_printf(E->arena, "*%s" TRES,
						 result_cast(E, fmt));
		}
		ac_strbuf_free(&args);
		if (!is_void && !discard) {
			if (inline_frame && !so)
				fmt = callee_result_type(E, c, fmt);
			struct temp *t = new_temp(E, fmt, e->loc.start);
			t->bytes = is_read_only_value(e);
			ac_emit_gen(E, "%s;", ac_frame_store(E, t->name, result, t->bytes));
			set_lowered(e, t->name, fmt);
		} else {
			set_lowered(e, "((void)0)", NULL);
		}
		if (!inline_frame)
			ac_emit_gen(E, "ac_task_free(" FP "->" AW "." TASK ");");
		return;
	}
	struct ac_expr *task = e->a;
	if (task_cast(e)) { /* await (async T)t: t itself is the task */
		task = task_cast(e)->a;
		if (!check_task_pointer(E, task_cast(e)))
			return;
	}
	ac_lower(E, task, false);
	E->heap_await = true;
	ac_emit_user_line(E, e->loc.start);
	ac_emit_gen(E, FP "->" AW "." TASK " = ac__await_checked(&" FP "->" HDR ", %s, %u);",
		    ac_lower_render(E, task), p->line);
	ac_lower_suspend_await(E, p, "ac__await(&" FP "->" HDR ", " FP "->" AW "." TASK ")");
	if (!is_void && !discard) {
		struct temp *t = new_temp(E, fmt, e->loc.start);
		t->bytes = is_read_only_value(e);
		ac_emit_gen(E, "%s;", ac_frame_store(E, t->name, ac_arena_printf(E->arena,
			"*%s" TRES, result_cast(E, fmt)), t->bytes));
		set_lowered(e, t->name, fmt);
	} else {
		set_lowered(e, "((void)0)", NULL);
	}
}

static char *escape_percent(struct emitter *E, const char *s)
{
	struct ac_strbuf b;
	ac_strbuf_init(&b);
	for (; *s; s++) {
		ac_strbuf_add(&b, s, 1);
		if (*s == '%') /* a format's literal percent */
			ac_strbuf_add(&b, s, 1);
	}
	char *r = ac_arena_strndup(E->arena, b.data ? b.data : "", b.len);
	ac_strbuf_free(&b);
	return r;
}

/* The type of `c ? b : c2` when both are of the type `fmt`: `fmt`, promoted
 * (`c ? uc1 : uc2`, unsigned chars, is an int). */
static const char *cond_same_type(struct emitter *E, const char *fmt)
{
	if (!strcmp(fmt, "int %s"))
		return fmt;
	char *v = escape_percent(E, fmt_type_value(E, fmt));
	return ac_arena_printf(E->arena, "__typeof__(1 ? %s : %s) %%s", v, other_arm(E, v, v));
}

/* The declaration format ("int %s") of a temporary holding `e`'s value,
 * when it can be read off `e` (a temporary, a local, ++/-- of one, a small
 * integer constant), or NULL. */
static const char *plain_type(struct emitter *E, const struct ac_expr *e)
{
	e = ac_lower_strip(e);
	if (!e)
		return NULL;
	const struct temp *t = e->lowered ? e->lowered_temp : NULL;
	if (t && (t->names || (E->by_name && t->weight >= AC_TYPE_WEIGHT)))
		return NULL; /* named, or spelled out: cond_temp_type */
	if (t && E->by_name)
		E->weight = t->weight > E->weight ? t->weight : E->weight;
	if (e->lowered)
		return e->kind == EX_COMMA ? NULL : e->lowered_type;
	if (e->kind == EX_COND && e->b) {
		const char *tb = plain_type(E, e->b), *tc = plain_type(E, e->c);
		return tb && tc && !strcmp(tb, tc) ? cond_same_type(E, tb) : NULL;
	}
	if (is_truth_value(e))
		return "int %s";
	if ((e->kind == EX_POSTFIX || (e->kind == EX_UNARY &&
	     (e->op == INC_OP || e->op == DEC_OP))) && e->a)
		e = ac_lower_strip(e->a);
	if (e->kind == EX_IDENT && e->var && !e->var->is_array && !e->var->is_task &&
	    !(e->var->param && (e->var->param->decl && e->var->param->decl->is_array))) {
		char *d = ac_frame_member_decl(E, e->var, "%s");
		return ac_find_bracket(d, '[') || strchr(d, '(') ? NULL : d;
	}
	if (e->kind == EX_CONST) {
		const char *t = E->src->text + e->loc.start;
		uint32_t n = e->loc.end - e->loc.start;
		bool digits = n > 0 && n <= 9;
		for (uint32_t i = 0; i < n && digits; i++)
			digits = t[i] >= '0' && t[i] <= '9';
		if (digits || (n >= 3 && n <= 4 && t[0] == '\''))
			return "int %s";
	}
	return NULL;
}

/* The longest text of a value whose type a temporary's type spells twice
 * (`1 ? (x) : (ac__typeof_arm(), (x))`); a longer one is spelled once. */
enum { AC_TYPE_TEXT_TWICE = 240 };

/* The declaration format of a temporary holding the value of `e`: of
 * `1 ? (x) : (x)`, x's type after lvalue conversion; when x is long, of
 * `((void)0, (x))`, the same but that a char or short stays one.  (x
 * holds the types of the temporaries within, as values: spelled twice at
 * each level, N statement expressions nested, `({ (int)(({ await f(); }));
 * })`, took types 2^N long.) */
static const char *value_type(struct emitter *E, struct ac_expr *e)
{
	const char *fmt = plain_type(E, e);
	if (fmt)
		return fmt;
	const struct ac_expr *s = ac_lower_strip(e);
	if (s->kind == EX_ASSIGN && ac_lower_strip(s->a)->kind == EX_MEMBER)
		/* a member's, which may be a bit-field's: of its left
		 * operand, through ?:, which promotes it (clang's __typeof__
		 * of `s.bf = 6` is the bit-field's declared `unsigned`, where
		 * the value promotes to int) */
		e = s->a;
	char *x = ac_lower_type_text(E, e);
	if (s->kind == EX_ASSIGN && e != s->a)
		/* the left operand's type, as the compiler sees it: clang
		 * keeps the _Atomic of `at += 3`, which it refuses to `?:` or
		 * to assign to an int */
		return ac_arena_printf(E->arena, "__typeof__((%s)) %%s", escape_percent(E, x));
	x = ac_arena_printf(E->arena, "(%s)", escape_percent(E, x));
	if (strlen(x) > AC_TYPE_TEXT_TWICE)
		return ac_arena_printf(E->arena, "__typeof__(((void)0, %s)) %%s", x);
	return ac_arena_printf(E->arena, "__typeof__(1 ? %s : %s) %%s", x, other_arm(E, x, x));
}

/* ... and of `c ? b : c2`. */
static const char *cond_type(struct emitter *E, struct ac_expr *b, struct ac_expr *c)
{
	const char *tb = plain_type(E, b), *tc = plain_type(E, c);
	if (tb && tc && !strcmp(tb, tc))
		return cond_same_type(E, tb);
	char *xb = ac_arena_printf(E->arena, "(%s)", escape_percent(E, ac_lower_type_text(E, b)));
	char *xc = ac_arena_printf(E->arena, "(%s)", escape_percent(E, ac_lower_type_text(E, c)));
	return ac_arena_printf(E->arena, "__typeof__(1 ? %s : %s) %%s", xb,
			       other_arm(E, xb, xc));
}

/*
 * An operand evaluated before an awaiting one, whose evaluation has an
 * effect, is evaluated first into a temporary (saved across the suspension
 * like any):
 *
 *   g() + await f()   ->   ac_t0 = g();  <await f() into ac_t1>  ac_t0 + ac_t1
 */
static void hoist(struct emitter *E, struct ac_expr *e)
{
	if (!e || e->lowered || !residual_effects(e))
		return;
	const char *fmt = value_type(E, e);
	char *value = render_kept(E, e);
	struct temp *t = new_temp(E, fmt, e->loc.start);
	t->bytes = is_read_only_value(e);
	ac_emit_user_line(E, e->loc.start);
	ac_emit_gen(E, "%s;", ac_frame_store(E, t->name, value, t->bytes));
	set_lowered(e, t->name, fmt);
}

/* The operands of `e` in C's order of writing; an assignment's target is
 * evaluated after its value (C leaves the order open), so it is never
 * hoisted: it is stored through, not copied. */
static void lower_operands(struct emitter *E, struct ac_expr *e)
{
	size_t n = 0;
	struct ac_expr **ord = malloc((3 + e->nargs) * sizeof *ord);
	if (!ord)
		abort();
	struct ac_expr *kids[3] = { e->a, e->b, e->c };
	for (int i = 0; i < 3; i++)
		if (kids[i])
			ord[n++] = kids[i];
	for (size_t i = 0; i < e->nargs; i++)
		ord[n++] = e->args[i];
	size_t last = 0;
	for (size_t i = 0; i < n; i++)
		if (ord[i]->has_await)
			last = i + 1;
	bool target = e->kind == EX_ASSIGN;
	for (size_t i = 0; i < last; i++) {
		if (!ord[i]->has_await)
			continue;
		for (size_t k = target ? 1 : 0; k < i; k++)
			hoist(E, ord[k]);
		ac_lower(E, ord[i], false);
	}
	free(ord);
}

/* Lowered comma `e` stands for `(b)`, b rendered now (see
 * put_comma_value). */
static void keep_comma_value(struct emitter *E, struct ac_expr *e)
{
	struct ac_strbuf out;
	ac_strbuf_init(&out);
	struct ac_lowered_build b = { &out, 0, NULL, 0, 0 }, *was = E->keeping_comma;
	E->keeping_comma = &b;
	ac_strbuf_puts(&out, "(");
	render_into(E, e->b, &out);
	ac_strbuf_puts(&out, ")");
	end_piece(&b, NULL);
	E->keeping_comma = was;
	struct ac_lowered_text *l = AC_NEW(E->arena, struct ac_lowered_text);
	l->text = ac_arena_strndup(E->arena, out.data, out.len);
	l->n = b.n;
	l->p = ac_arena_alloc(E->arena, b.n * sizeof *b.p);
	memcpy(l->p, b.p, b.n * sizeof *b.p);
	free(b.p);
	ac_strbuf_free(&out);
	set_lowered(e, "(b)", NULL); /* (not "((void)0)": see residual_effects) */
	e->lowered_text = l;
}

/*
 * Evaluate the awaits of `e` in C's order, leaving the rest of `e` to be
 * rendered with temporaries in their place.  Short-circuit operators and ?:
 * become ifs, so that an await on the side not taken never runs.
 */
void ac_lower(struct emitter *E, struct ac_expr *e, bool discard)
{
	if (!e || !e->has_await || e->lowered)
		return;
	if (is_choose(e)) {
		lower_choose(E, e, discard);
		return;
	}
	switch (e->kind) {
	case EX_AWAIT:
		lower_await(E, e, discard);
		return;
	case EX_PAREN:
		ac_lower(E, e->a, discard);
		return;
	case EX_OPAQUE:
		if (e->is_stmt_expr && e->stmts) {
			lower_stmt_expr(E, e, discard);
			return;
		}
		if (e->is_unevaluated)
			return; /* sizeof(await f()): nothing runs */
		lower_operands(E, e);
		return;
	case EX_CAST: /* (void) await f(): the value is not used */
		ac_lower(E, e->a, discard || is_void_cast(E, e));
		return;
	case EX_UNARY: /* __extension__ ({ ...; void_call(); }): a value as unused as a */
		if (e->op == EXTENSION) {
			ac_lower(E, e->a, discard);
			return;
		}
		lower_operands(E, e);
		return;
	case EX_LOGAND:
	case EX_LOGOR:
		lower_logical(E, e, discard);
		return;
	case EX_COND:
		lower_cond(E, e, discard);
		return;
	case EX_COMMA:
		/*
		 *   (a, b)   ->   a;  <b's awaits>   and the value is (b)
		 */
		ac_lower(E, e->a, true);
		E->keeping += e->b->has_await; /* `(p = make().arr, f(p, await g()))` */
		ac_lower_discarded(E, e->a);
		E->keeping -= e->b->has_await;
		ac_lower(E, e->b, discard);
		if (discard) {
			ac_lower_discarded(E, e->b);
			set_lowered(e, "((void)0)", NULL);
		} else {
			keep_comma_value(E, e);
		}
		return;
	default:
		lower_operands(E, e);
		return;
	}
}

/* `e`'s value is temporary `t`, assigned on every branch (none: void). */
static void value_in(struct emitter *E, struct ac_expr *e, struct temp *t)
{
	if (t) {
		push_live(E, t);
		set_lowered(e, t->name, t->type);
		if (t->cond)
			e->lowered_temp = t;
	} else {
		set_lowered(e, "((void)0)", NULL);
	}
}

/*
 *   a && await f()   ->   ac_t0 = 0;
 *                         if (a) { <await f() into ac_t1>  ac_t0 = !!(ac_t1); }
 */
static void lower_logical(struct emitter *E, struct ac_expr *e, bool discard)
{
	int live = E->nlive_temps;
	ac_lower(E, e->a, false);
	if (!e->b->has_await)
		return;
	bool and = e->kind == EX_LOGAND;
	struct temp *t = discard ? NULL : new_temp_unlisted(E, "int %s", UINT32_MAX);
	if (t)
		ac_emit_gen(E, "%s = %d;", t->name, and ? 0 : 1);
	ac_emit_user_line(E, e->loc.start);
	ac_emit_gen(E, and ? "if (%s) {" : "if (!(%s)) {",
		    and ? render_test(E, e->a) : ac_lower_render(E, e->a));
	/* The left operand's temporaries are used up by the test, and the
	 * result is assigned only after the right operand. */
	E->nlive_temps = live;
	const char *in = E->indent;
	E->indent = ac_emit_deeper(E, in);
	ac_lower(E, e->b, discard);
	if (t) {
		ac_emit_user_line(E, e->b->loc.start);
		ac_emit_gen(E, "%s = !!(%s);", t->name, ac_lower_render(E, e->b));
	} else {
		ac_lower_discarded(E, e->b);
	}
	E->nlive_temps = live;
	E->indent = in;
	ac_emit_gen(E, "}");
	value_in(E, e, t);
}

/*
 *   ({ s1; s2; e; })   ->   {
 *                                   s1; s2;          (lowered like any)
 *                                   ac_t0 = e;
 *                           }
 *                           and the value is ac_t0
 */
/* The #pragma lines between `from` and `to`, where only blanks, comments
 * and directives are (between the statements of a statement expression,
 * which is written statement by statement): kept, each on its own line
 * (`_Pragma("GCC diagnostic push")` in a macro is one in the expansion). */
static void keep_pragmas(struct emitter *E, uint32_t from, uint32_t to)
{
	const char *t = E->src->text;
	bool line_start = false;
	for (uint32_t i = from; i < to;) {
		if (t[i] == '/' && i + 1 < to && t[i + 1] == '*') {
			const char *c = strstr(t + i + 2, "*/");
			i = c ? (uint32_t)(c - t) + 2 : to;
		} else if (t[i] == '/' && i + 1 < to && t[i + 1] == '/') {
			while (i < to && t[i] != '\n')
				i++;
		} else if (t[i] == '#' && line_start) {
			uint32_t end = i;
			while (end < to && t[end] != '\n')
				end += t[end] == '\\' && end + 1 < to ? 2 : 1;
			uint32_t w = i + 1;
			while (w < end && (t[w] == ' ' || t[w] == '\t'))
				w++;
			if (end - w >= 6 && !memcmp(t + w, "pragma", 6)) {
				ac_emit_newline(E);
				ac_emit_putn(E, t + i, end - i);
				ac_emit_put(E, "\n");
			}
			i = end;
		} else {
			if (t[i] == '\n')
				line_start = true;
			else if (t[i] != ' ' && t[i] != '\t')
				line_start = false;
			i++;
		}
	}
}

static void lower_stmt_expr(struct emitter *E, struct ac_expr *e, bool discard)
{
	int base = E->live_base;
	E->live_base = E->nlive_temps; /* saved by the suspensions inside too */
	const char *in = E->indent;
	struct ac_stmt *last = e->stmts->tail ? e->stmts->tail : e->stmts;
	struct temp *t = NULL;
	ac_emit_user_line(E, e->loc.start);
	ac_emit_gen(E, "{");
	uint32_t at = e->loc.start;
	for (struct ac_stmt *s = e->stmts; s; s = s->next) {
		keep_pragmas(E, at, s->loc.start);
		at = s->loc.end;
		if (s == last && s->kind == ST_LABEL && !E->an->before[s->id]) {
			/* `l: e;` last: the label, then the value */
			while (s->kind == ST_LABEL && s->body && !E->an->before[s->id]) {
				ac_emit_user_line(E, s->loc.start);
				ac_emit_gen(E, "%s:;", s->label);
				s = s->body;
			}
			last = s;
		}
		if (s == last && s->kind == ST_EXPR && !discard) {
			refuse_block_type(E, e); /* (`t` is declared outside) */
			E->indent = ac_emit_deeper(E, in);
			ac_emit_begin_statement(E);
			ac_lower(E, s->e1, false);
			t = new_temp_unlisted(E, value_type(E, s->e1), s->e1->loc.start);
			t->bytes = is_read_only_value(s->e1);
			ac_emit_user_line(E, s->e1->loc.start);
			ac_emit_gen(E, "%s;", ac_frame_store(E, t->name, ac_lower_render(E, s->e1),
							     t->bytes));
		} else if (s == last && s->kind == ST_EXPR && s->e1) {
			/* the value is not used: only its effects */
			E->indent = ac_emit_deeper(E, in);
			ac_emit_begin_statement(E);
			ac_lower(E, s->e1, true);
			ac_lower_discarded(E, s->e1);
		} else {
			ac_emit_stmt(E, s);
		}
	}
	E->indent = in;
	ac_emit_gen(E, "}");
	E->nlive_temps = E->live_base;
	E->live_base = base;
	value_in(E, e, t);
}

/* One arm of ?:, into `t` (or for its effects only). */
/* One arm of a choice: its awaits, then its value into `t` (through
 * `fmt`, "%s" or a format naming it), or nothing more when discarded. */
static void lower_arm(struct emitter *E, struct ac_expr *arm, struct temp *t,
		      int live, const char *fmt)
{
	E->nlive_temps = live;
	ac_lower(E, arm, t == NULL);
	if (t) {
		char *r = ac_arena_printf(E->arena, fmt, render_kept(E, arm));
		ac_emit_user_line(E, arm->loc.start);
		ac_emit_gen(E, "%s;", ac_frame_store(E, t->name, r, t->bytes));
	} else {
		ac_lower_discarded(E, arm);
	}
	E->nlive_temps = live;
}

/* The type of `t`, temporary of ?: `e`: those of the ?: within it whose
 * temporaries' types are long (see AC_TYPE_WEIGHT) by name, `t` declared
 * after them. */
static void type_cond_temp(struct emitter *E, struct ac_expr *e, struct temp *t)
{
	E->by_name = true;
	E->named = false;
	E->weight = 0;
	t->type = cond_type(E, e->b ? e->b : e->a, e->c);
	E->by_name = false;
	t->cond = e;
	t->weight = 1 + E->weight;
	t->names = E->named;
	if (t->names)
		declare_last(E, t);
}

/*
 *   c ? await f() : 0   ->   if (c) { <await f() into ac_t0>  ac_t1 = ac_t0; }
 *                            else { ac_t1 = 0; }
 *
 * The result's type is the conditional's own: __typeof__ of both arms.
 * GNU `c ?: b` evaluates c once, into a temporary.
 */
static void lower_cond(struct emitter *E, struct ac_expr *e, bool discard)
{
	int live0 = E->nlive_temps;
	ac_lower(E, e->a, false);
	if (!(e->b && e->b->has_await) && !e->c->has_await)
		return;
	if (!e->b) {
		if (!e->a->lowered) { /* the test is also the value */
			const char *fmt = value_type(E, e->a);
			struct temp *c = new_temp(E, fmt, e->loc.start);
			ac_emit_user_line(E, e->loc.start);
			ac_emit_gen(E, "%s = %s;", c->name, ac_lower_render(E, e->a));
			set_lowered(e->a, c->name, fmt);
		}
		live0 = E->nlive_temps; /* kept for the value */
	}
	/* (its type is the arms': a mismatch is told at the second's line) */
	struct temp *t = discard ? NULL : new_temp_unlisted(E, NULL, e->c->loc.start);
	if (t)
		t->bytes = is_read_only_value(e);
	const char *in = E->indent;
	const char *inner = ac_emit_deeper(E, in);
	ac_emit_user_line(E, e->loc.start);
	ac_emit_gen(E, "if (%s) {", render_test(E, e->a));
	E->indent = inner;
	lower_arm(E, e->b ? e->b : e->a, t, live0, "%s");
	E->indent = in;
	ac_emit_gen(E, "} else {");
	E->indent = inner;
	lower_arm(E, e->c, t, live0, "%s");
	E->indent = in;
	ac_emit_gen(E, "}");
	if (t)
		type_cond_temp(E, e, t);
	value_in(E, e, t);
}

/* `__builtin_choose_expr(c, a, b)` with an await (or a statement
 * expression's return) in `a` or `b`: only the one chosen may run. */
static bool is_choose(const struct ac_expr *e)
{
	return e->kind == EX_CALL && e->nargs == 3 && e->a && e->a->kind == EX_IDENT &&
	       e->a->name && !strcmp(e->a->name, "__builtin_choose_expr") &&
	       (e->args[1]->has_await || e->args[2]->has_await);
}

/* The value of arm `arm` (1 or 2) of __builtin_choose_expr, as a format
 * for lower_arm: through a choice that gives the temporary a zero in the
 * arm not chosen (dead code there, but C checks its types, and its states
 * are cases of the switch). */
static const char *choice_fmt(struct emitter *E, struct ac_expr *e, int arm, struct temp *t)
{
	if (!t)
		return "%s";
	char *c = escape_percent(E, ac_lower_render(E, e->args[0]));
	char *zero = ac_arena_printf(E->arena, "(__typeof__(%s)){ 0 }", t->name);
	return ac_arena_printf(E->arena, "__builtin_choose_expr(%s, %s, %s)", c,
			       arm == 1 ? "%s" : zero, arm == 1 ? zero : "%s");
}

/*
 *   __builtin_choose_expr(c, await f(), b)
 *     ->  if (__builtin_choose_expr(c, 1, 0)) {
 *             <await f() into ac_t0>
 *             ac_t1 = __builtin_choose_expr(c, ac_t0, (__typeof__(ac_t1)){ 0 });
 *         } else {
 *             ac_t1 = __builtin_choose_expr(c, (__typeof__(ac_t1)){ 0 }, b);
 *         }
 *
 * The constant `c` picks the branch, so the other arm's awaits never run.
 */
static void lower_choose(struct emitter *E, struct ac_expr *e, bool discard)
{
	int live0 = E->nlive_temps;
	struct temp *t = discard ? NULL : new_temp_unlisted(E, value_type(E, e), e->loc.start);
	const char *in = E->indent;
	const char *inner = ac_emit_deeper(E, in);
	ac_emit_user_line(E, e->loc.start);
	ac_emit_gen(E, "if (__builtin_choose_expr(%s, 1, 0)) {", ac_lower_render(E, e->args[0]));
	E->indent = inner;
	lower_arm(E, e->args[1], t, live0, choice_fmt(E, e, 1, t));
	E->indent = in;
	ac_emit_gen(E, "} else {");
	E->indent = inner;
	lower_arm(E, e->args[2], t, live0, choice_fmt(E, e, 2, t));
	E->indent = in;
	ac_emit_gen(E, "}");
	value_in(E, e, t);
}

static void add_piece(struct piece **p, size_t *n, size_t *cap, struct ac_loc l,
		      char *t)
{
	AC_GROW(*p, *cap, *n);
	(*p)[(*n)++] = (struct piece){ l.start, l.end, t };
}

void ac_lower_expr_piece(struct emitter *E, struct ac_expr *e,
		       struct piece **p, size_t *n, size_t *cap)
{
	if (e && needs_render(E, e))
		add_piece(p, n, cap, e->loc, ac_lower_render(E, e));
}
