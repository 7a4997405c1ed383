/*
 * frame.c - what an async function's frame holds, and how each member is
 * declared.
 *
 * A local lives in the frame when its value must survive a suspension:
 * it is saved there before the suspension and restored after, or lives
 * there for good when its address is taken (or it is an array or a
 * compound literal, which decay to addresses).  Locals whose lifetimes
 * do not overlap share a slot (emit_slots colours them).  A member is
 * declared with everything its declaration says (qualifiers at every
 * level, alignment, attributes that make a different type); what cannot be
 * declared there (a VLA, ...) makes the function refused; the types of
 * the body it names are bodytypes.c's.
 */
#define _GNU_SOURCE
#include "emitter.h"
#include "parser.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool changes_type(const char *attr, size_t n);
static bool mentions_word(const char *s, size_t n, const char *w);

bool ac_frame_mentions_typeof(const char *s, size_t n)
{
	for (size_t i = 0; i + 6 <= n; i++)
		if (!memcmp(s + i, "typeof", 6) && (i == 0 || !ac_is_ident_char(s[i - 1]) ||
						    s[i - 1] == '_'))
			return true;
	return false;
}

/* Specifier text without storage classes and `async`; `const` dropped too
 * when `keep_qual` is false (a saved copy must be assignable).  Only words
 * of the specifiers themselves go, not those inside the parentheses of a
 * typeof or an attribute, nor in a literal. */
static bool names_no_type(const char *specs);

char *ac_frame_type_specs(struct emitter *E, struct ac_loc l, bool keep_qual)
{
	static const char *const drop[] = { "async", "static", "extern", "register",
					    "auto", "inline", "__inline", "__inline__",
					    "_Thread_local", "__thread", "typedef",
					    "__extension__", "_Noreturn" };
	static const char *const quals[] = { "const", "__const", "__const__" };
	const char *t = E->src->text;
	if (E->f && (ac_frame_mentions_typeof(t + l.start, l.end - l.start) ||
		     mentions_word(t + l.start, l.end - l.start, "__attribute__") ||
		     mentions_word(t + l.start, l.end - l.start, "__attribute") ||
		     mentions_word(t + l.start, l.end - l.start, "_Alignas") ||
		     mentions_word(t + l.start, l.end - l.start, "alignas"))) {
		/* typeof(local), __attribute__((aligned(sizeof local))),
		 * _Alignas(sizeof local): at file scope, of a value of the
		 * local's type */
		bool was = E->typing;
		E->typing = true;
		struct piece *p = NULL;
		size_t n = 0, cap = 0;
		ac_lower_text_refs(E, l, &p, &n, &cap);
		t = ac_lower_splice(E, l.start, l.end, p, n);
		free(p);
		E->typing = was;
		l = (struct ac_loc){ 0, (uint32_t)strlen(t) };
	}
	struct ac_strbuf b;
	ac_strbuf_init(&b);
	int depth = 0;
	for (uint32_t i = l.start; i < l.end;) {
		if (t[i] == '"' || t[i] == '\'') { /* a literal, as it is */
			uint32_t j = i + 1;
			while (j < l.end && t[j] != t[i])
				j += t[j] == '\\' ? 2 : 1;
			j = j < l.end ? j + 1 : l.end;
			ac_strbuf_add(&b, t + i, j - i);
			i = j;
			continue;
		}
		if (t[i] == '#' && i > l.start && t[i - 1] == '\n') {
			/* a line marker (`double complex` is `double` then a
			 * system header's `_Complex`) */
			while (i < l.end && t[i] != '\n')
				i++;
			continue;
		}
		uint32_t splice = ac_text_splice_at(t, i, l.end);
		if (splice) { /* kept for ac_frame_clean, which joins its lines */
			ac_strbuf_add(&b, t + i, splice - i);
			i = splice;
			continue;
		}
		if (!ac_is_ident_char(t[i])) {
			depth += (t[i] == '(') - (t[i] == ')');
			if (t[i] == '\n' || t[i] == '\t')
				ac_strbuf_add(&b, " ", 1);
			else
				ac_strbuf_add(&b, t + i, 1);
			i++;
			continue;
		}
		uint32_t j = i;
		while (j < l.end && ac_is_ident_char(t[j]))
			j++;
		if ((j - i == 13 && !memcmp(t + i, "__attribute__", 13)) ||
		    (j - i == 11 && !memcmp(t + i, "__attribute", 11))) {
			j = ac_text_skip_attribute(t, j, l.end); /* and its operands */
			if (changes_type(t + i, j - i)) /* the frame's copy needs it */
				ac_strbuf_add(&b, t + i, j - i);
			i = j;
			continue;
		}
		bool keep = true;
		for (size_t k = 0; depth == 0 && k < sizeof drop / sizeof *drop; k++)
			if (strlen(drop[k]) == j - i && !memcmp(drop[k], t + i, j - i))
				keep = false;
		for (size_t k = 0; depth == 0 && !keep_qual && k < sizeof quals / sizeof *quals;
		     k++)
			if (strlen(quals[k]) == j - i && !memcmp(quals[k], t + i, j - i))
				keep = false;
		if (keep)
			ac_strbuf_add(&b, t + i, j - i);
		i = j;
	}
	char *r = ac_frame_clean(E, b.data ? b.data : "");
	ac_strbuf_free(&b);
	/* squeeze blanks */
	char *o = r;
	for (char *p = r; *p; p++)
		if (!(*p == ' ' && (o == r || o[-1] == ' ')))
			*o++ = *p;
	while (o > r && o[-1] == ' ')
		o--;
	*o = '\0';
	return names_no_type(r) ? ac_arena_printf(E->arena, "int%s%s", *r ? " " : "", r) : r;
}

/* Old C's implicit int: specifiers with qualifiers only (`register r`,
 * `const c`, once the storage class is dropped). */
static bool names_no_type(const char *specs)
{
	static const char *const quals[] = { "const", "volatile", "restrict", "__const",
		"__const__", "__volatile__", "__volatile", "__restrict", "__restrict__", "_Atomic" };
	struct ac_words s = { .t = specs, .at = 0, .end = (uint32_t)strlen(specs) };
	uint32_t w, n;
	while (ac_words_next(&s, &w, &n)) {
		bool qual = false;
		for (size_t i = 0; !qual && i < sizeof quals / sizeof *quals; i++)
			qual = ac_word_is(specs + w, n, quals[i]);
		if (!qual)
			return false;
	}
	return !strpbrk(specs, "()");
}

/* Does this attribute make a different type (a vector, a machine mode)
 * or alignment, which a copy in the frame must have too? */
static bool changes_type(const char *attr, size_t n)
{
	static const char *const kinds[] = { "vector_size", "__vector_size__",
		"mode", "__mode__", "aligned", "__aligned__" };
	for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++)
		if (mentions_word(attr, n, kinds[k]))
			return true;
	return false;
}

/* Text for a declaration in the frame: without line splices (a
 * backslash-newline, which on one line would be a stray backslash), line
 * markers (a .i input has them inside long declarations) and comments (a
 * `//` one would take the rest), on one line. */
char *ac_frame_clean(struct emitter *E, const char *s)
{
	char *u = ac_arena_strndup(E->arena, s, strlen(s));
	size_t len = ac_text_unsplice(u);
	s = u;
	char *r = ac_arena_strndup(E->arena, s, len), *o = r;
	bool line_start = true;
	for (const char *p = s; *p; p++) {
		if (line_start && ac_is_hash(p)) {
			while (*p && *p != '\n')
				p++;
			if (!*p)
				break;
			continue;
		}
		if (*p == '"' || *p == '\'' || (*p == '/' && (p[1] == '/' || p[1] == '*'))) {
			size_t n = ac_text_skip_lexeme(p, 0, (uint32_t)(len - (size_t)(p - s)));
			if (*p == '/') { /* a comment: a blank */
				*o++ = ' ';
			} else {
				for (size_t k = 0; k < n; k++)
					*o++ = p[k] == '\n' ? ' ' : p[k];
			}
			p += n - 1;
			line_start = false;
			continue;
		}
		line_start = *p == '\n';
		*o++ = *p == '\n' ? ' ' : *p;
	}
	*o = '\0';
	return r;
}

/* The declarator of a parameter declared as an array, as the pointer C
 * makes of it: `lst[]` -> `(*lst)`, `m[4][8]` -> `(*m)[8]`, `a[const 2]` ->
 * `(*const a)` (without that const unless `keep_const`), `(b)[4]` ->
 * `((*b))`: what stands between the name and its '[' stays. */
static char *decayed(struct emitter *E, struct ac_declarator *d, const char *name,
		     bool keep_const)
{
	const char *t = E->src->text;
	uint32_t i = d->name_loc.end;
	while (i < d->loc.end && ac_bracket(t + i) != '[')
		i++;
	uint32_t open = i;
	int depth = 0;
	for (; i < d->loc.end; i++) {
		if (ac_bracket(t + i) == '[')
			depth++;
		else if (ac_bracket(t + i) == ']' && --depth == 0)
			break;
	}
	uint32_t past = i < d->loc.end ? i + ac_bracket_len(t + i) : i + 1;
	static const char *const quals[] = { "const", "__const", "__const__", "volatile",
		"__volatile", "__volatile__", "restrict", "__restrict", "__restrict__" };
	struct ac_strbuf q;
	ac_strbuf_init(&q);
	struct ac_words s = { .t = t, .at = open, .end = i };
	uint32_t w, n;
	while (ac_words_next(&s, &w, &n))
		for (size_t k = keep_const ? 0 : 3; k < sizeof quals / sizeof *quals; k++)
			if (ac_word_is(t + w, n, quals[k]))
				ac_strbuf_printf(&q, "%s ", quals[k]);
	char *r = ac_arena_printf(E->arena, "%.*s(*%s%s)%.*s%.*s",
		(int)(d->name_loc.start - d->loc.start), t + d->loc.start,
		q.data ? q.data : "", name, (int)(open - d->name_loc.end), t + d->name_loc.end,
		(int)(d->loc.end - past), t + past);
	ac_strbuf_free(&q);
	return r;
}

/* A declarator's prefix without the `const` of the object itself (after
 * its last '*': `*const p`): a saved copy must be assignable.  Those of
 * what it points to stay (`const char *const *names`).  With `keep`, the
 * prefix as written. */
static char *unconst_prefix(struct emitter *E, struct ac_declarator *d, bool keep)
{
	char *p = ac_arena_strndup(E->arena, E->src->text + d->loc.start,
				   d->name_loc.start - d->loc.start);
	char *last = strrchr(p, '*');
	if (!last || keep)
		return p;
	struct ac_words s = { .t = p, .at = (uint32_t)(last - p), .end = (uint32_t)strlen(p) };
	uint32_t at, n;
	while (ac_words_next(&s, &at, &n)) /* (literals in attributes are skipped) */
		if (ac_word_is(p + at, n, "const") || ac_word_is(p + at, n, "__const") ||
		    ac_word_is(p + at, n, "__const__"))
			memset(p + at, ' ', n);
	return p;
}

static const char *typed_text(struct emitter *E, struct ac_loc l);

/* Past the attributes that follow a declarator ending at `at` (`char
 * buf[8] __attribute__((aligned(32)));`). */
static uint32_t attributes_end(struct emitter *E, uint32_t at)
{
	const char *t = E->src->text;
	uint32_t end = E->src->len;
	for (;;) {
		uint32_t i = at;
		while (i < end && ac_is_space(t[i]))
			i++;
		uint32_t j = i;
		while (j < end && ac_is_ident_char(t[j]))
			j++;
		if (!ac_word_is(t + i, j - i, "__attribute__") &&
		    !ac_word_is(t + i, j - i, "__attribute"))
			return at;
		at = ac_text_skip_attribute(t, j, end);
	}
}

/* Where the attributes written right before `at` begin (`int c = 1,
 * __attribute__((mode(DI))) d`), not before `floor`. */
static uint32_t attributes_start(struct emitter *E, uint32_t at, uint32_t floor)
{
	const char *t = E->src->text;
	for (;;) {
		uint32_t i = at;
		while (i > floor && ac_is_space(t[i - 1]))
			i--;
		if (i <= floor || t[i - 1] != ')')
			return at;
		int depth = 0;
		uint32_t open = i;
		while (open > floor) { /* back to the matching '(' */
			open--;
			depth += (t[open] == ')') - (t[open] == '(');
			if (!depth)
				break;
		}
		uint32_t w = open;
		while (w > floor && ac_is_space(t[w - 1]))
			w--;
		uint32_t k = w;
		while (k > floor && ac_is_ident_char(t[k - 1]))
			k--;
		if (depth || (!ac_word_is(t + k, w - k, "__attribute__") &&
			      !ac_word_is(t + k, w - k, "__attribute")))
			return at;
		at = k;
	}
}

/* The attributes written before and after a local's or a parameter's
 * declarator (`int x __attribute__((mode(DI)))`, `char b[8]
 * __attribute__((aligned(32)))`) that make its type or alignment: the
 * frame's copy keeps them, operands naming locals read as values of their
 * types.  (Those among the specifiers stay with them.) */
static const char *declarator_attributes(struct emitter *E, const struct ac_var *v)
{
	const struct ac_declarator *d = v->param ? v->param->decl : v->decl ? v->decl->decl : NULL;
	if (!d)
		return "";
	uint32_t floor = v->param ? v->param->specs.end : v->dspec ? v->dspec->loc.end : d->loc.start;
	uint32_t end = v->decl && (v->decl->init || v->decl->init_is_list)
		? v->decl->init_loc.start : attributes_end(E, d->loc.end);
	struct ac_loc spans[2] = { { attributes_start(E, d->loc.start, floor), d->loc.start },
				   { d->loc.end, end } };
	const char *t = E->src->text;
	struct ac_strbuf b;
	ac_strbuf_init(&b);
	for (int s = 0; s < 2; s++)
		for (uint32_t i = spans[s].start; i + 11 <= spans[s].end; i++) {
			if (memcmp(t + i, "__attribute", 11) || (i && ac_is_ident_char(t[i - 1])))
				continue;
			uint32_t j = i + 11;
			while (j < spans[s].end && ac_is_ident_char(t[j]))
				j++;
			j = ac_text_skip_attribute(t, j, spans[s].end);
			if (changes_type(t + i, j - i))
				ac_strbuf_printf(&b, " %s", typed_text(E, (struct ac_loc){ i, j }));
			i = j - 1;
		}
	char *r = ac_arena_strndup(E->arena, b.data ? b.data : "", b.len);
	ac_strbuf_free(&b);
	return r;
}

/* The names whose value depends on where they stand (`char where[] =
 * __FILE__;`, `int l[__LINE__];`), in a declaration moved from `at` in the
 * function to the frame, at file scope of the generated file: their values
 * where they were written. */
static char *frame_member_decl(struct emitter *E, struct ac_var *v, const char *name,
			       bool keep_const);

static char *values_where_written(struct emitter *E, char *decl, uint32_t at)
{
	if (!strstr(decl, "__"))
		return decl;
	struct ac_position pos = ac_source_position(E->src, at);
	const char *file = E->unit_src->nmarkers ? pos.file : E->opt->line_file;
	struct ac_strbuf b;
	ac_strbuf_init(&b);
	uint32_t end = (uint32_t)strlen(decl), done = 0, w, n;
	struct ac_words s = { .t = decl, .at = 0, .end = end };
	while (ac_words_next(&s, &w, &n)) {
		const char *v = NULL;
		if (ac_word_is(decl + w, n, "__FILE__") && E->opt->line_directives)
			v = ac_arena_printf(E->arena, "\"%s\"", file); /* (else the output's, as in the body) */
		else if (ac_word_is(decl + w, n, "__LINE__"))
			v = ac_arena_printf(E->arena, "%u", pos.line);
		if (!v || s.member)
			continue;
		ac_strbuf_printf(&b, "%.*s%s", (int)(w - done), decl + done, v);
		done = w + n;
	}
	if (!done) {
		ac_strbuf_free(&b);
		return decl;
	}
	ac_strbuf_printf(&b, "%s", decl + done);
	char *r = ac_arena_strndup(E->arena, b.data, b.len);
	ac_strbuf_free(&b);
	return r;
}

/* Does the braced list at `l` name no local and call nothing, so that a
 * compound literal of it may stand at file scope (`sizeof` and the like
 * aside)?  Then the compiler sizes it: through its macros, `#if`s and
 * elided braces (`int m[][2] = { 1, 2, 3, 4 }`), which counting by hand
 * would miss. */
/* Is the word at `w` a label's address (`{ &&done, &&again }`)? */
static bool is_label_address(const char *t, uint32_t from, uint32_t w)
{
	uint32_t b = w;
	while (b > from && ac_is_space(t[b - 1]))
		b--;
	if (b < from + 2 || t[b - 1] != '&' || t[b - 2] != '&')
		return false;
	b -= 2;
	while (b > from && ac_is_space(t[b - 1]))
		b--;
	return b == from || strchr("{,(=?:", t[b - 1]);
}

bool ac_frame_constant_list(struct emitter *E, struct ac_loc l)
{
	const char *t = E->src->text;
	for (uint32_t i = l.start; i < l.end; i++) {
		if (t[i] == ')') { /* a compound literal in it: no constant */
			uint32_t j = i + 1;
			while (j < l.end && ac_is_space(t[j]))
				j++;
			if (j < l.end && ac_bracket(t + j) == '{')
				return false;
		}
		if (t[i] != '\n') /* the copy would lose a directive */
			continue;
		uint32_t j = i + 1;
		while (j < l.end && (t[j] == ' ' || t[j] == '\t'))
			j++;
		if (j < l.end && ac_is_hash(t + j))
			return false;
	}
	struct ac_words s = { .t = t, .at = l.start, .end = l.end };
	uint32_t w, n;
	while (ac_words_next(&s, &w, &n)) {
		if (s.member)
			continue;
		for (const struct ac_var *v = E->f->vars; v; v = v->next)
			if (strlen(v->name) == n && !memcmp(v->name, t + w, n))
				return false;
		if (is_label_address(t, l.start, w)) /* `&&done`: the function's */
			return false;
		uint32_t k = w + n;
		while (k < l.end && ac_is_space(t[k]))
			k++;
		if (k < l.end && t[k] == '(' && !ac_word_is(t + w, n, "sizeof") &&
		    !ac_word_is(t + w, n, "_Alignof") && !ac_word_is(t + w, n, "__alignof__") &&
		    !ac_word_is(t + w, n, "offsetof") && !ac_word_is(t + w, n, "__builtin_offsetof"))
			return false;
	}
	return true;
}

/* The text at `l` for file scope: each local it names (in `[sizeof x]`,
 * say) a value of its type there. */
static const char *typed_text(struct emitter *E, struct ac_loc l)
{
	bool was = E->typing;
	E->typing = true;
	struct piece *p = NULL;
	size_t n = 0, cap = 0;
	ac_lower_text_refs(E, l, &p, &n, &cap);
	char *r = ac_lower_splice(E, l.start, l.end, p, n);
	free(p);
	E->typing = was;
	return r;
}

/* "T name" for a variable's declaration, with the name replaced: without
 * the const of the object itself, so that a value can be assigned to it. */
char *ac_frame_member_decl(struct emitter *E, struct ac_var *v, const char *name)
{
	struct ac_declarator *d = v->param ? v->param->decl : v->decl->decl;
	return values_where_written(E, frame_member_decl(E, v, name, false), d->loc.start);
}

/* "T name" as declared, const and all: for the type of a value of it. */
char *ac_frame_typed_decl(struct emitter *E, struct ac_var *v, const char *name)
{
	struct ac_declarator *d = v->param ? v->param->decl : v->decl->decl;
	return values_where_written(E, frame_member_decl(E, v, name, true), d->loc.start);
}

/*
 * The frame's member for a variable.  A const one (`const int n`, `char
 * *const p`) keeps its const: the body reads it, and `&n`, `typeof(n)` and
 * _Generic see what the source declared.  Its value is assigned once,
 * through an unqualified view of the same storage:
 *
 *   const int n = await f();  ->  union { const int n; int n_set; };
 *                                 ...  F->n_set = ac_t0;
 *
 * (A union may be read through another member than the one last stored;
 * `int` and `const int` have one representation.)  Arrays keep theirs
 * already: they are copied in, not assigned.
 */
char *ac_frame_slot_decl(struct emitter *E, struct ac_var *v)
{
	const char *name = ac_frame_name(E, v), *set = ac_frame_set_name(E, v);
	if (set == name)
		return ac_frame_typed_decl(E, v, name);
	return ac_arena_printf(E->arena, "__extension__ union { %s; %s; }", ac_frame_typed_decl(E, v, name),
			       ac_frame_member_decl(E, v, set));
}

/* The member a variable's value is assigned to: its own, or for a const
 * one its unqualified view (see ac_frame_slot_decl). */
const char *ac_frame_set_name(struct emitter *E, struct ac_var *v)
{
	if (v->set_name)
		return v->set_name;
	const char *name = ac_frame_name(E, v);
	v->set_name = (char *)name;
	if (!v->is_const || (v->is_array && !v->param) || v->is_task || v->stored_by_copy)
		return name;
	bool assigned = v->param || (v->decl && (v->decl->init ||
						 (v->decl->init_is_list && !v->maybe_array)));
	if (!assigned) /* (an array by its typeof is copied in) */
		return name;
	/* its const is one the frame's declaration drops? */
	if (strcmp(frame_member_decl(E, v, "", true), frame_member_decl(E, v, "", false)))
		v->set_name = ac_names_fresh(E, ac_arena_printf(E->arena, "%s_set", name));
	return v->set_name;
}

/*
 * `lhs = value`, or for a struct C cannot assign (a const member) a copy
 * of its bytes, the value going through a compound literal of one
 * element:
 *
 *   F->p = g(x)  ->  __builtin_memcpy(TO_BYTES &F->p, FROM_BYTES (__typeof__(F->p)[1]){ g(x) }, sizeof F->p)
 *
 * Storing into the frame is its initialization, which C allows of const
 * members: the frame's storage was never declared const.  (The casts let
 * the bytes of a volatile one be copied, `cvint a = await f();`, and take
 * the qualifiers away with no warning: see TO_BYTES.)
 */
char *ac_frame_store(struct emitter *E, const char *lhs, const char *value, bool bytes)
{
	if (!bytes)
		return ac_arena_printf(E->arena, "%s = %s", lhs, value);
	return ac_arena_printf(E->arena, "__builtin_memcpy(" TO_BYTES "&%s, " FROM_BYTES "(__typeof__(%s)[1]){ %s }, sizeof %s)",
			       lhs, lhs, value, lhs);
}

/* The first `[]` of `s` (`[ ]`, a comment between too): its '[', and in *end
 * the character after its ']'; NULL when there is none. */
static const char *empty_brackets(const char *s, const char **end)
{
	for (const char *o = ac_find_bracket(s, '['); o; o = ac_find_bracket(o + 1, '[')) {
		const char *c = o + ac_bracket_len(o);
		for (;;) {
			while (ac_is_space(*c))
				c++;
			if (c[0] != '/' || c[1] != '*')
				break;
			const char *e = strstr(c + 2, "*/");
			if (!e)
				return NULL;
			c = e + 2;
		}
		if (ac_bracket(c) == ']') {
			*end = c + ac_bracket_len(c);
			return o;
		}
	}
	return NULL;
}

bool ac_frame_count_is_size(bool aggregates, bool pointers, const char *rest, int unbraced)
{
	if (unbraced == 0 || pointers)
		return true;
	while (ac_is_space(*rest))
		rest++;
	if (ac_bracket(rest) == '[') /* of arrays, which a string literal may fill */
		return unbraced < 2;
	return !aggregates;
}

static char *frame_member_decl(struct emitter *E, struct ac_var *v, const char *name,
			       bool keep_const)
{
	struct ac_declarator *d = v->param ? v->param->decl : v->decl->decl;
	struct ac_loc specs = v->param ? v->param->specs : v->dspec->loc;
	if (v->is_task) { /* the pointers before the name belong to the result */
		const char *suffix = ac_emit_text(E, (struct ac_loc){ d->name_loc.end, d->loc.end });
		const char *close = NULL, *open = empty_brackets(suffix, &close);
		bool string;
		long n = open && v->decl && v->decl->init_is_list
			? ac_lower_literal_elements(E, v->decl->init_loc.start,
						    v->decl->init_loc.end, &string, NULL) : -1;
		if (n >= 0) /* `async int t[] = { f(1), f(2) };`: counted */
			return ac_arena_printf(E->arena, "ac_task *%s%.*s[%ld]%s", name,
					       (int)(open - suffix), suffix, n, close);
		return ac_arena_printf(E->arena, "ac_task *%s%s", name, suffix);
	}
	bool array_typedef = v->param && v->param->dspec && v->param->dspec->array_type &&
			     !d->is_pointer && !d->is_array && !d->wrapped && !d->suffixed;
	/* the qualifiers of an array's elements stay: it is not assigned */
	char *sp = ac_frame_type_specs(E, specs, keep_const || d->is_pointer || d->is_array ||
					array_typedef);
	if (v->param && d->is_array)
		return ac_frame_clean(E, ac_arena_printf(E->arena, "%s %s", sp,
							 decayed(E, d, name, keep_const)));
	if (v->param && d->is_function) /* `int f(int)`: `int (*f)(int)`, as C adjusts it */
		return ac_frame_clean(E, ac_arena_printf(E->arena, "%s %.*s(*%s)%.*s", sp,
			(int)(d->name_loc.start - d->loc.start), E->src->text + d->loc.start, name,
			(int)(d->loc.end - d->name_loc.end), E->src->text + d->name_loc.end));
	if (v->param && v->param->dspec && v->param->dspec->function_type && !d->is_pointer &&
	    !d->wrapped && !d->suffixed) /* `fn_t h`: `fn_t *h` */
		return ac_frame_clean(E, ac_arena_printf(E->arena, "%s *%s", sp, name));
	if (array_typedef) /* `vec3 a`, `va_list ap`: a pointer to the first element */
		return ac_frame_clean(E, ac_arena_printf(E->arena, "__typeof__(&(*(%s *)0)[0]) %s",
							 sp, name));
	const char *t = E->src->text;
	if (v->decl && v->decl->init && mentions_word(sp, strlen(sp), "__auto_type")) {
		/* the initializer's type, after lvalue conversion */
		char *x = ac_lower_type_text(E, v->decl->init), *w = strstr(sp, "__auto_type");
		sp = ac_arena_printf(E->arena, "%.*s__typeof__(((void)0, (%s)))%s",
				     (int)(w - sp), sp, x, w + 11);
	}
	const char *close = NULL;
	bool unsized = d->is_array && empty_brackets(ac_emit_text(E, d->loc), &close);
	if (!v->param && unsized && v->decl && v->decl->init_is_list &&
	    !ac_frame_constant_list(E, v->decl->init_loc)) {
		/* sized by its initializer list, which names locals: count its
		 * elements (a constant one, below, the compiler counts) */
		bool string;
		int unbraced;
		long n = ac_lower_literal_elements(E, v->decl->init_loc.start, v->decl->init_loc.end,
					  &string, &unbraced);
		const char *suffix = ac_emit_text(E, (struct ac_loc){ d->name_loc.end, d->loc.end });
		const char *open = empty_brackets(suffix, &close);
		const char *prefix = ac_emit_text(E, (struct ac_loc){ d->loc.start, d->name_loc.start });
		if (n >= 0 && open && !ac_frame_count_is_size(v->dspec->aggregate_type,
							      strchr(prefix, '*'), close, unbraced))
			n = -1; /* `int m[][2] = { c, 2, 3, 4 }`: the compiler sizes it */
		if (n < 0 && ac_lower_awaits_within(E, v->decl->init_loc))
			ac_emit_error(E, v->decl->init_loc, "%s", "this array is sized by an initializer "
				      "that awaits and has designators or braces left out, "
				      "which the frame cannot count: give the array its size");
		if (n >= 0 && !string && open)
			return ac_frame_clean(E, ac_arena_printf(E->arena, "%s %s%s%.*s[%ld]%s%s", sp,
				unconst_prefix(E, d, keep_const), name, (int)(open - suffix), suffix, n,
				close, declarator_attributes(E, v)));
	}
	if (!v->param && unsized && v->decl && (v->decl->init_is_list || v->decl->init)) {
		/* sized by its initializer: the type of the same compound literal */
		return ac_frame_clean(E, ac_arena_printf(E->arena, "__typeof__((%s %.*s%.*s)%s%s%s) %s%s", sp,
			(int)(d->name_loc.start - d->loc.start), t + d->loc.start,
			(int)(d->loc.end - d->name_loc.end), t + d->name_loc.end,
			v->decl->init_is_list ? "" : "{", typed_text(E, v->decl->init_loc),
			v->decl->init_is_list ? "" : "}", name, declarator_attributes(E, v)));
	}
	const char *suffix = ac_arena_strndup(E->arena, t + d->name_loc.end,
					      d->loc.end - d->name_loc.end);
	if ((v->is_static && d->is_array && ac_bracket(suffix + strspn(suffix, " \t\n")) == '[') ||
	    ac_lower_typeof_within(E, (struct ac_loc){ d->name_loc.end, d->loc.end }))
		/* named by a typeof in the frame: `static int n[sizeof tbl]`,
		 * another static local the size reads, has no name there;
		 * `int a[sizeof(__typeof__(await f()))]`: a value of its type */
		suffix = typed_text(E, (struct ac_loc){ d->name_loc.end, d->loc.end });
	struct ac_dspec *ds = v->param ? v->param->dspec : v->dspec;
	if (v->param && ds && ds->typeof_type && !d->is_pointer && !d->suffixed && !d->wrapped)
		/* `__typeof__(arr) a`, `__typeof__(fn) f`: a parameter of an
		 * array or function type is a pointer (any other, unqualified) */
		return ac_arena_printf(E->arena, "__typeof__(((void)0, (*(__typeof__(%s) *)0))) %s",
				       ac_frame_type_specs(E, specs, true), name);
	if (!keep_const && v->is_const && ds && (ds->const_type || ds->typeof_type) &&
	    !d->is_pointer) {
		/* const by its type's name (`cint c`, `typeof(*p) v`): the type
		 * of a value of it, which has no qualifiers */
		char *as_declared = ac_frame_type_specs(E, specs, true);
		return ac_arena_printf(E->arena, "__typeof__(((void)0, (*(__typeof__(%s) *)0))) %s",
				       as_declared, name);
	}
	return ac_frame_clean(E, ac_arena_printf(E->arena, "%s %s%s%s%s", sp, unconst_prefix(E, d, keep_const),
		name, suffix, declarator_attributes(E, v)));
}

/* Does the function name `name` where no local of that name is in scope:
 * something of the file (`double cnt;`), which a type in the frame may
 * name too?  Then a member of that name in one of the frame's anonymous
 * unions would hide it from the types of the members after the union
 * (clang looks it up there: `union { int cnt; ... }; __typeof__(1 ? (tr(1)
 * + cnt) : ...) ac_t1;` is an invalid use of the member). */
static uint32_t word_hash(const char *w, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)w[i]) * 16777619u;
	return h;
}

/* The slot of the local named [w, w + n) in the table of `E->f`'s local
 * names, or where it would go. */
static size_t outside_slot(const struct emitter *E, const char *w, size_t n)
{
	size_t mask = E->outside_cap - 1, i = word_hash(w, n) & mask;
	while (E->outside_names[i] && (strlen(E->outside_names[i]) != n ||
				       memcmp(E->outside_names[i], w, n)))
		i = (i + 1) & mask;
	return i;
}

/* One pass over the function's text: which of its locals' names it uses
 * where no local of the name is in scope. */
static void find_outside_names(struct emitter *E)
{
	size_t nvars = 0, cap = 16;
	for (struct ac_var *v = E->f->vars; v; v = v->next)
		nvars++;
	while (cap < 2 * nvars)
		cap *= 2;
	E->outside_cap = cap;
	E->outside_names = ac_arena_alloc(E->arena, cap * sizeof *E->outside_names);
	E->outside = ac_arena_alloc(E->arena, cap * sizeof *E->outside);
	memset(E->outside_names, 0, cap * sizeof *E->outside_names);
	memset(E->outside, 0, cap * sizeof *E->outside);
	for (struct ac_var *v = E->f->vars; v; v = v->next)
		E->outside_names[outside_slot(E, v->name, strlen(v->name))] = v->name;
	struct ac_loc l = E->f->loc;
	struct ac_words s = { .t = E->src->text, .at = l.start, .end = l.end };
	uint32_t w, n;
	while (ac_words_next(&s, &w, &n)) {
		size_t i = outside_slot(E, E->src->text + w, n);
		if (!s.member && E->outside_names[i] && !E->outside[i] &&
		    !ac_lower_var_at(E, (struct ac_loc){ w, w + n }))
			E->outside[i] = true;
	}
	E->outside_of = E->f;
}

static bool names_outside_locals(struct emitter *E, const char *name)
{
	if (E->outside_of != E->f)
		find_outside_names(E);
	return E->outside[outside_slot(E, name, strlen(name))];
}

const char *ac_frame_name(struct emitter *E, struct ac_var *v)
{
	if (v->frame_name)
		return v->frame_name;
	int n = 0;
	for (struct ac_var *o = E->f->vars; o && o != v; o = o->next)
		n += !strcmp(o->name, v->name);
	if (names_outside_locals(E, v->name))
		n++; /* `cnt_2` (and a second local cnt, `cnt_3`) */
	/* the frame's own members are spelled unlike any word of the input */
	v->frame_name = n ? ac_names_fresh(E, ac_arena_printf(E->arena, "%s_%d", v->name, n + 1))
			  : ac_arena_printf(E->arena, "%s", v->name);
	return v->frame_name;
}

struct slot *ac_frame_add_slot(struct emitter *E, struct slot ***tail, char *decl,
			       uint64_t *points, bool fixed)
{
	struct slot *s = AC_NEW(E->arena, struct slot);
	s->decl = decl;
	s->at = UINT32_MAX;
	s->points = points;
	s->fixed = fixed;
	s->entry = false;
	s->next = NULL;
	**tail = s;
	*tail = &s->next;
	return s;
}

static void *zeroed(size_t n, size_t size)
{
	void *p = calloc(n, size);
	if (!p)
		abort();
	return p;
}

/* Colors `slots`, returning how many: each the first color no slot before
 * it that is saved at a common point has, nor a fixed one; a fixed one, a
 * color of its own.  (The points of the slots of a color are kept as one
 * set: asking each slot before took slots times colors.) */
static int color_slots(struct slot *slots, size_t words)
{
	struct color {
		bool fixed;
		uint64_t *points;
	} *colors = NULL;
	size_t ncolors = 0, cap = 0;
	for (struct slot *s = slots; s; s = s->next) {
		size_t c = s->fixed ? ncolors : 0;
		for (; c < ncolors; c++) {
			bool clash = colors[c].fixed;
			for (size_t w = 0; w < words && !clash; w++)
				clash = (colors[c].points[w] & s->points[w]) != 0;
			if (!clash)
				break;
		}
		if (c == ncolors) {
			AC_GROW(colors, cap, ncolors);
			colors[ncolors].fixed = s->fixed;
			colors[ncolors++].points = zeroed(words, sizeof (uint64_t));
		}
		for (size_t w = 0; w < words; w++)
			colors[c].points[w] |= s->points[w];
		s->color = (int)c;
	}
	for (size_t c = 0; c < ncolors; c++)
		free(colors[c].points);
	free(colors);
	return (int)ncolors;
}

/* Slots saved at no common point share storage: a union per color.  A
 * parameter read at the start only that shares its color with nothing
 * goes to `entry` instead, to share the callee frames' storage (which is
 * then never larger than keeping it apart). */
void ac_frame_emit_slots(struct emitter *E, struct slot *slots, size_t words,
			 struct ac_strbuf *entry)
{
	int ncolors = color_slots(slots, words);
	/* the slots of color c, in their order: by[first[c]] to by[first[c + 1]] */
	size_t nslots = 0;
	for (struct slot *s = slots; s; s = s->next)
		nslots++;
	size_t *first = zeroed((size_t)ncolors + 2, sizeof *first);
	struct slot **by = zeroed(nslots + 1, sizeof *by);
	for (struct slot *s = slots; s; s = s->next)
		first[s->color + 2]++;
	for (int c = 0; c < ncolors; c++)
		first[c + 2] += first[c + 1];
	for (struct slot *s = slots; s; s = s->next)
		by[first[s->color + 1]++] = s;
	for (int c = 0; c < ncolors; c++) {
		if (first[c + 1] - first[c] != 1 || !entry || !by[first[c]]->entry)
			continue;
		ac_strbuf_printf(entry, "\t\t\t%s;\n", by[first[c]]->decl);
		by[first[c]]->color = -1; /* not among the slots */
	}
	FILE *st = E->opt->stats;
	for (int c = 0; st && c < ncolors; c++) {
		size_t n = first[c + 1] - first[c];
		if (n == 0 || by[first[c]]->color != c)
			continue;
		fprintf(st, "  slot %d%s:\n", c, n > 1 ? " (shared: a union)" : "");
		for (size_t k = first[c]; k < first[c + 1]; k++) {
			struct slot *s = by[k];
			fprintf(st, "    %-28s", s->decl);
			if (s->fixed) {
				fprintf(st, " lives in the frame (address taken or array)\n");
				continue;
			}
			fprintf(st, " saved across:");
			bool any = false;
			for (int i = 0; i < E->an->npoints; i++)
				if ((s->points[i / 64] >> (i % 64)) & 1) {
					fprintf(st, " %s", E->an->points[i].label);
					any = true;
				}
			if ((s->points[words - 1] >> 63) & 1)
				fprintf(st, "%s", any ? "; a parameter" : " none; a parameter");
			fputc('\n', st);
		}
	}
	bool user = false; /* the line before is charged to a .ca line */
	for (int c = 0; c < ncolors; c++) {
		size_t n = first[c + 1] - first[c];
		if (n == 0 || by[first[c]]->color != c)
			continue; /* (its parameter went to `entry`) */
		if (n == 1) {
			ac_emit_user_decl(E, "\t", by[first[c]]->decl, by[first[c]]->at, &user);
			continue;
		}
		if (user)
			ac_emit_glue(E);
		user = false;
		ac_emit_put(E, "\t__extension__ union {\n"); /* (anonymous: C11, or -pedantic warns) */
		for (size_t k = first[c]; k < first[c + 1]; k++)
			ac_emit_user_decl(E, "\t\t", by[k]->decl, by[k]->at, &user);
		if (user)
			ac_emit_glue(E);
		user = false;
		ac_emit_put(E, "\t};\n");
	}
	if (user)
		ac_emit_glue(E);
	free(first);
	free(by);
}

static bool mentions_word(const char *s, size_t n, const char *w)
{
	size_t wn = strlen(w);
	for (size_t i = 0; i + wn <= n; i++)
		if (!memcmp(s + i, w, wn) && (i == 0 || !ac_is_ident_char(s[i - 1])) &&
		    (i + wn == n || !ac_is_ident_char(s[i + wn])))
			return true;
	return false;
}

static bool declares_cleanup(struct ac_source *src, const struct ac_var *v)
{
	uint32_t start = v->dspec->loc.start, end = v->decl ? v->decl->loc.end : start;
	if (v->decl && (v->decl->init || v->decl->init_is_list))
		end = v->decl->init_loc.start;
	if (end < start)
		return false;
	return mentions_word(src->text + start, end - start, "cleanup") ||
	       mentions_word(src->text + start, end - start, "__cleanup__");
}

/* Is an await of `f` where `v` is in scope?  (A variable-length array
 * that none suspends stays a local of the step function, which no resumed
 * step jumps into: C forbids a jump into its scope.) */
static bool awaits_in_scope(const struct ac_func *f, const struct ac_var *v)
{
	for (int i = 0; i < f->nawaits; i++)
		if (f->awaits[i]->loc.start >= v->scope_start &&
		    f->awaits[i]->loc.start < v->scope_end)
			return true;
	return false;
}

/* What keeps a function from being a state machine, or NULL. */
const char *ac_frame_unsupported(struct ac_source *src, const struct ac_func *f,
			       struct ac_loc *where)
{
	if (f->refusal) {
		*where = f->refusal_loc;
		return f->refusal;
	}
	for (const struct ac_var *v = f->vars; v; v = v->next) {
		if (v->is_vla && !v->is_static && (f->stressed || awaits_in_scope(f, v)) &&
		    (*where = v->decl ? v->decl->decl->loc : v->param->loc, true))
			return f->stressed
				? "it declares a variable-length array, which cannot live in a frame"
				: "a variable-length array (or a pointer to one) is in scope at an "
				  "await, and its frame cannot hold it: end its block before the await";
		if (!v->param && v->dspec && !v->is_static && f->nawaits + f->stressed > 0 &&
		    declares_cleanup(src, v) && (*where = v->decl->decl->name_loc, true))
			return "a local declared with __attribute__((cleanup)) would be "
			       "cleaned up at every suspension";
		if (v->param) {
			const char *s = src->text + v->param->specs.start;
			size_t n = v->param->specs.end - v->param->specs.start;
			bool pointer = v->param->decl && (v->param->decl->is_pointer ||
							   v->param->decl->is_array);
			if (!pointer && (mentions_word(s, n, "va_list") ||
					 mentions_word(s, n, "__gnuc_va_list") ||
					 mentions_word(s, n, "__builtin_va_list"))) {
				*where = v->param->specs;
				return "it takes a va_list, which cannot be copied into a frame";
			}
		}
		if (v->is_array && v->decl && !v->is_static && !v->is_vla &&
		    (v->is_task || ac_awaits_in_lifetime(f, v))) { /* (in the frame) */
			const struct ac_declarator *d = v->decl->decl;
			uint32_t at = d->name_loc.end; /* (a local whose scope is there) */
			for (const struct ac_var *o = f->vars; o; o = o->next)
				if (o != v && o->scope_start <= at && at < o->scope_end &&
				    mentions_word(src->text + d->name_loc.end,
							    d->loc.end - d->name_loc.end, o->name) &&
				    (*where = d->loc, true))
					return "the size of one of its arrays names a local";
		}
	}
	return NULL;
}

/* The function's text is copied as C strings: its null characters become
 * blanks, except inside literals, where they are refused. */
const char *ac_frame_nul_in_literal(struct emitter *E, struct ac_func *f)
{
	uint32_t at = ac_source_blank_nuls(E->src, f->loc.start, f->loc.end);
	if (at == UINT32_MAX)
		return NULL;
	ac_diag_at(E->diag, E->src, AC_ERROR, at, at + 1, "async function '%s' cannot "
		   "be made resumable: a literal in it holds a null character; "
		   "write it '\\0'", f->proto->name);
	return "null character";
}
