/* parse.c - running the parser over a buffer, or over one declaration. */
#define _GNU_SOURCE
#include "parse.h"
#include "parser.h"
#include "lexer.h"
#include "predefined.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void mark_predefined(struct ac_unit *u);
static const char *body_directive(const struct ac_source *src, struct ac_loc l);
static size_t directive_name(const char *text, size_t len, const char **name);
static bool is_name(const char *w, size_t n, const char *want);

void ac_unit_init(struct ac_unit *u)
{
	memset(u, 0, sizeof *u);
	ac_arena_init(&u->arena);
	ac_scopes_init(&u->scopes);
	ac_lexer_install_keywords(&u->scopes);
	u->funcs_tail = &u->funcs;
}

void ac_unit_free(struct ac_unit *u)
{
	ac_scopes_free(&u->scopes);
	ac_arena_free(&u->arena);
	free(u->async_decls);
	free(u->active_lines);
	free(u->self_macros);
	free(u->macro_attrs);
	free(u->header_macros);
	memset(u, 0, sizeof *u);
}

void ac_parser_init(struct ac_parser *P, struct ac_unit *u,
		    struct ac_source *src, struct ac_diag *diag)
{
	memset(P, 0, sizeof *P);
	P->unit = u;
	P->src = src;
	P->diag = diag;
	P->arena = &u->arena;
	P->scopes = &u->scopes;
	P->mode = AC_PARSE_UNIT;
	P->main_is_orig = true;
	P->probe = u->probe_predefined;
	if (P->probe && !u->predefined_known)
		mark_predefined(u);
}


#define WHY_LEN 160 /* why a function is translated from its expansion */

/* ------------------------------------------- text the preprocessor changes */

/* The names `cc -dM -E` printed when asyncc was built (predefined.h, made
 * by compiler/meson.build), marked in the name table. */
static void mark_predefined(struct ac_unit *u)
{
	static const char *const names[] = { AC_PREDEFINED_NAMES };
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		struct ac_name *n = ac_scopes_intern(&u->scopes, names[i], strlen(names[i]));
		if (!n->keyword)
			n->keyword = AC_KEYWORD_PREDEFINED;
	}
	u->predefined_known = true;
}

bool ac_parser_predefined(struct ac_parser *P, struct ac_name *n)
{
	if (P->mode != AC_PARSE_UNIT || !P->probe || n->binding)
		return false;
	P->wants_cpp = true;
	P->had_fatal = true;
	return true;
}

/* Backslash-newlines the scanner found between tokens: `a \<newline> b`
 * keeps them apart, but `f\<newline>oo` or `+\<newline>=` joins them into
 * one, which only the preprocessor (and so cpp's output) gets right; so does
 * a backslash with blanks before its newline, or a lone one. */
void ac_parser_splice(struct ac_parser *P, const char *text, size_t len)
{
	if (!memchr(text, '\\', len))
		return;
	bool lone = len == 1; /* not followed by its newline */
	bool only_splices = true;
	for (size_t i = 0; i < len && only_splices; i += 2)
		only_splices = i + 1 < len && text[i] == '\\' && text[i + 1] == '\n';
	const char *buf = P->scan_buf;
	char before = text > buf ? text[-1] : ' ';
	char after = text[len];
	bool joins = only_splices && !strchr(" \t\n\v\f\r", before) && after &&
		     !strchr(" \t\n\v\f\r", after);
	if (!lone && !joins)
		return;
	P->wants_cpp = true;
	P->had_fatal = true;
}

/* ------------------------------------------------ function-like macros */

/* A function-like macro of the main file: where its name, parameters and
 * body lie in the text. */
struct ac_macro {
	uint32_t name, name_len;
	uint32_t params, params_end;  /* between the parentheses */
	uint32_t body, body_end;
	bool object_like;             /* no parameters (params == params_end) */
};

struct ac_macros {
	struct ac_macro *v;
	size_t n, cap;
};

static void macros_free(struct ac_macros *m)
{
	if (m)
		free(m->v);
	free(m);
}


/* Every `#define NAME(params) body` and `#define NAME body` of `src`. */
static struct ac_macros *macros_of(const struct ac_source *src)
{
	struct ac_macros *m = calloc(1, sizeof *m);
	if (!m)
		abort();
	const char *t = src->text;
	uint32_t n = (uint32_t)src->len;
	for (uint32_t i = 0; i < n; i++) {
		if (t[i] != '#' || (i && t[i - 1] != '\n' && t[i - 1] != ' ' && t[i - 1] != '\t'))
			continue;
		uint32_t j = i + 1;
		while (j < n && (t[j] == ' ' || t[j] == '\t'))
			j++;
		if (j + 6 >= n || memcmp(t + j, "define", 6) || ac_is_ident_char(t[j + 6]))
			continue;
		j += 6;
		while (j < n && (t[j] == ' ' || t[j] == '\t'))
			j++;
		struct ac_macro d = { .name = j };
		while (j < n && ac_is_ident_char(t[j]))
			j++;
		d.name_len = j - d.name;
		if (!d.name_len || j >= n)
			continue;
		d.object_like = t[j] != '(';
		if (!d.object_like) {
			d.params = j + 1;
			while (j < n && t[j] != ')' && t[j] != '\n')
				j++;
			d.params_end = j++;
		}
		d.body = j;
		j = ac_text_line_end(t, j, n);
		d.body_end = j;
		if (m->n == m->cap) {
			m->cap = m->cap ? 2 * m->cap : 16;
			m->v = realloc(m->v, m->cap * sizeof *m->v);
			if (!m->v)
				abort();
		}
		m->v[m->n++] = d;
		i = j;
	}
	return m;
}

static bool names_local(const struct ac_func *f, const char *s, uint32_t n)
{
	for (const struct ac_var *v = f->vars; v; v = v->next)
		if (strlen(v->name) == n && !memcmp(v->name, s, n))
			return true;
	return false;
}

/* Whether [at, end) of `t` names a local of `f`, a word of [skip, skip_end)
 * (the macro's parameters) excepted. */
static bool mentions_local(const char *t, uint32_t at, uint32_t end,
			   const struct ac_func *f, uint32_t skip, uint32_t skip_end)
{
	for (uint32_t i = at; i < end;) {
		if (t[i] == '"' || t[i] == '\'') { /* a literal */
			char q = t[i++];
			while (i < end && t[i] != q)
				i += t[i] == '\\' ? 2 : 1;
			i++;
			continue;
		}
		if (!ac_is_ident_char(t[i])) {
			i++;
			continue;
		}
		uint32_t j = i;
		while (j < end && ac_is_ident_char(t[j]))
			j++;
		bool param = false;
		for (uint32_t k = skip; k < skip_end && !param;) {
			while (k < skip_end && !ac_is_ident_char(t[k]))
				k++;
			uint32_t l = k;
			while (l < skip_end && ac_is_ident_char(t[l]))
				l++;
			param = l - k == j - i && !memcmp(t + k, t + i, j - i);
			k = l;
		}
		if (!param && names_local(f, t + i, j - i))
			return true;
		i = j;
	}
	return false;
}

/*
 * A local that ends up in the frame is renamed F->x in the text, which a
 * macro cannot follow: a macro body that names a local of the function, or
 * one that stringizes (#x) an argument naming a local, sees the name the
 * user wrote only in the function's expansion.
 */
static bool macros_need_expansion(struct ac_parser *P, const struct ac_source *orig,
				  const struct ac_func *f, char *why)
{
	if (!P->macros)
		P->macros = macros_of(orig);
	const struct ac_macros *m = P->macros;
	const char *t = orig->text;
	for (uint32_t i = f->loc.start; i < f->loc.end && m->n;) {
		if (!ac_is_ident_char(t[i]) || (i && ac_is_ident_char(t[i - 1]))) {
			i++;
			continue;
		}
		uint32_t j = i;
		while (j < f->loc.end && ac_is_ident_char(t[j]))
			j++;
		uint32_t k = j;
		while (k < f->loc.end && (t[k] == ' ' || t[k] == '\t'))
			k++;
		for (size_t q = 0; k < f->loc.end && t[k] == '(' && q < m->n; q++) {
			const struct ac_macro *d = &m->v[q];
			if (d->object_like || d->name_len != j - i ||
			    memcmp(t + d->name, t + i, j - i))
				continue;
			if (mentions_local(t, d->body, d->body_end, f, d->params, d->params_end)) {
				snprintf(why, WHY_LEN, "the macro '%.*s' names a local",
					 (int)(j - i), t + i);
				return true;
			}
			bool stringizes = false;
			for (uint32_t b = d->body; b + 1 < d->body_end; b++)
				stringizes |= t[b] == '#' && t[b + 1] != '#' &&
					      (b == d->body || t[b - 1] != '#');
			uint32_t a = k + 1;
			int depth = 1;
			while (a < f->loc.end && depth) {
				depth += t[a] == '(';
				depth -= t[a] == ')';
				a++;
			}
			if (stringizes && mentions_local(t, k, a, f, 0, 0)) {
				snprintf(why, WHY_LEN, "the macro '%.*s' makes a string "
					 "of a local's name", (int)(j - i), t + i);
				return true;
			}
		}
		i = j;
	}
	return false;
}

/* ------------------------------- macros of a position in a local's type */

static bool is_position_name(const char *w, uint32_t n)
{
	return ac_word_is(w, n, "__LINE__") || ac_word_is(w, n, "__FILE__") ||
	       ac_word_is(w, n, "__func__") || ac_word_is(w, n, "__FUNCTION__") ||
	       ac_word_is(w, n, "__PRETTY_FUNCTION__") || ac_word_is(w, n, "__COUNTER__");
}

static bool is_counter(const char *w, uint32_t n)
{
	return ac_word_is(w, n, "__COUNTER__");
}

/* Does [at, end) of `t` name a word `is` accepts (__LINE__ and the like)
 * through the file's macros (`depth` levels deep), or also directly when
 * `direct`?  Then the word that does is at *name. */
static bool names_word(bool (*is)(const char *, uint32_t), const struct ac_macros *m,
		       const char *t, uint32_t at, uint32_t end, int depth, bool direct,
		       uint32_t *name, uint32_t *len)
{
	struct ac_words s = { .t = t, .at = at, .end = end };
	uint32_t w, n;
	while (ac_words_next(&s, &w, &n)) {
		if (s.member)
			continue;
		bool hit = direct && is(t + w, n);
		for (size_t q = 0; q < m->n && !hit && depth > 0; q++) {
			const struct ac_macro *d = &m->v[q];
			uint32_t dn, dl;
			hit = d->name_len == n && !memcmp(t + d->name, t + w, n) &&
			      names_word(is, m, t, d->body, d->body_end, depth - 1, true, &dn, &dl);
		}
		if (hit) {
			*name = w;
			*len = n;
			return true;
		}
	}
	return false;
}

/*
 * A local that lives in the frame has its type copied to the frame struct,
 * at file scope of the generated file: a macro there that expands to
 * __LINE__ or __FILE__ (`int a[SZ];` with `#define SZ (__LINE__ * 2)`,
 * `char at[] = WHERE;`) would take the values of that place.  Written
 * directly, they are replaced by their values where written; through a
 * macro, the function is translated from its expansion.
 */
static bool macros_in_types_name_positions(struct ac_parser *P, const struct ac_source *orig,
					   const struct ac_func *f, char *why)
{
	if (!P->macros)
		P->macros = macros_of(orig);
	const char *t = orig->text;
	for (const struct ac_var *v = f->vars; v; v = v->next) {
		if (v->is_static || (!v->param && (!v->decl || !v->dspec)))
			continue;
		struct ac_loc specs = v->param ? v->param->specs : v->dspec->loc;
		struct ac_declarator *d = v->param ? v->param->decl : v->decl->decl;
		/* the initializer of an array, which may size it */
		uint32_t end = !v->param && v->is_array && (v->decl->init || v->decl->init_is_list)
			? v->decl->init_loc.end : d ? d->loc.end : specs.end;
		uint32_t w, n; /* (written directly, they are replaced where written) */
		if (names_word(is_position_name, P->macros, t, specs.start, specs.end, 8, false,
			       &w, &n) ||
		    (d && names_word(is_position_name, P->macros, t, d->loc.start, end, 8, false,
				     &w, &n))) {
			snprintf(why, WHY_LEN, "the macro '%.*s' in the type of '%s' names a position",
				 (int)n, t + w, v->name);
			return true;
		}
	}
	return false;
}

/* A directive (not a line marker) at the start of a line in [at, end) of
 * `t`? */
static bool directive_within(const char *t, uint32_t at, uint32_t end)
{
	for (uint32_t i = at; i < end; i++) {
		if (t[i] != '\n')
			continue;
		uint32_t j = i + 1;
		while (j < end && (t[j] == ' ' || t[j] == '\t'))
			j++;
		const char *w;
		if (j < end && t[j] == '#' && directive_name(t + j, end - j, &w) > 0)
			return true;
	}
	return false;
}

/* A directive inside a statement that awaits, outside the statements it
 * holds (`s += i\n#ifdef X\n* await f()\n#endif\n;`, an #if in a loop's
 * condition): the rewritten statement would split its #if group.  A walk
 * with a stack of its own: blocks and `else if` chains may be nested as
 * deep as memory allows, and the parse runs on the main thread's stack
 * (see main.c). */
static bool directive_splits(const char *t, const struct ac_stmt *s)
{
	const struct ac_stmt **todo = NULL;
	size_t n = 0, cap = 0;
	bool found = false;
	AC_GROW(todo, cap, n);
	todo[n++] = s;
	while (n > 0 && !found) {
		s = todo[--n];
		if (!s || !s->has_await)
			continue;
		if (s->kind == ST_COMPOUND) {
			for (const struct ac_stmt *i = s->body; i; i = i->next) {
				AC_GROW(todo, cap, n);
				todo[n++] = i;
			}
			continue;
		}
		const struct ac_stmt *kids[] = { s->init, s->body, s->els };
		uint32_t at = s->loc.start;
		for (size_t k = 0; k < sizeof kids / sizeof *kids && !found; k++) {
			if (!kids[k])
				continue;
			found = directive_within(t, at, kids[k]->loc.start);
			AC_GROW(todo, cap, n);
			todo[n++] = kids[k];
			at = kids[k]->loc.end;
		}
		found |= directive_within(t, at, s->loc.end);
	}
	free(todo);
	return found;
}

static bool directives_split_statements(const struct ac_source *orig, const struct ac_func *f,
					char *why)
{
	if (!directive_splits(orig->text, f->body))
		return false;
	snprintf(why, WHY_LEN, "a directive inside a statement that awaits");
	return true;
}

/* A __COUNTER__ in the function, written or through a macro: the copies
 * of its text the translation makes (a local's type in the frame, a
 * temporary's) would count it again.  Translated from its expansion, the
 * function holds its values, and the compiler is made to count them
 * once (main.c's count_counters). */
static bool names_counter(struct ac_parser *P, const struct ac_source *orig,
			  const struct ac_func *f, char *why)
{
	if (!P->macros)
		P->macros = macros_of(orig);
	uint32_t w, n;
	if (!names_word(is_counter, P->macros, orig->text, f->loc.start, f->loc.end, 8, true,
			&w, &n))
		return false;
	snprintf(why, WHY_LEN, "'%.*s' names __COUNTER__", (int)n, orig->text + w);
	return true;
}

/* ------------------------------------- what macros do to locals, unseen */

/* The local of `f` (not static) the word [w, w + n) of `t` names, or NULL. */
static const struct ac_var *local_named(const struct ac_func *f, const char *t,
				       uint32_t w, uint32_t n)
{
	for (const struct ac_var *v = f->vars; v; v = v->next)
		if (!v->is_static && strlen(v->name) == n && !memcmp(v->name, t + w, n))
			return v;
	return NULL;
}

/* Does a local of `f` named `name` (any of them) live in memory? */
static bool in_memory(const struct ac_func *f, const char *name)
{
	for (const struct ac_var *v = f->vars; v; v = v->next)
		if (!strcmp(v->name, name) && (v->address_taken || v->is_array))
			return true;
	return false;
}

/* Is the word ending at `at` followed by a member `.`, past the `)`s that
 * close the `open` parentheses right before it (`(s).m`)? */
static bool member_follows(const char *t, uint32_t at, uint32_t end, int open)
{
	while (at < end && (ac_is_space(t[at]) || (t[at] == ')' && open-- > 0)))
		at++;
	return at + 1 < end && t[at] == '.' && t[at + 1] != '.';
}

/* Is the word ending at `at` followed by `[` or `->`, past the `)`s that
 * close the `open` parentheses right before it: `&p[i]`, `&p->m` take the
 * address of what `p` points to, not of `p`. */
static bool pointee_follows(const char *t, uint32_t at, uint32_t end, int open)
{
	while (at < end && (ac_is_space(t[at]) || (t[at] == ')' && open-- > 0)))
		at++;
	return at < end && (ac_bracket(t + at) == '[' ||
			    (t[at] == '-' && at + 1 < end && t[at + 1] == '>'));
}

struct use {
	const struct ac_var *v;
	uint32_t line;
	bool write;     /* assigned, incremented or decremented there */
};

/* Is the word [w, w + n) of t (in [start, end)) the target of `=`, `op=`,
 * `++` or `--`, parentheses around it or not, or one of its elements? */
static bool written_at(const char *t, uint32_t w, uint32_t n, uint32_t start, uint32_t end)
{
	uint32_t i = w + n;
	for (;;) { /* `(v) = `, `v[1] = ` */
		while (i < end && (ac_is_space(t[i]) || t[i] == ')'))
			i++;
		if (i >= end || ac_bracket(t + i) != '[')
			break;
		for (int depth = 0; i < end; i++) {
			depth += (ac_bracket(t + i) == '[') - (ac_bracket(t + i) == ']');
			if (depth == 0) {
				i += ac_bracket_len(t + i);
				break;
			}
		}
	}
	if (i + 1 < end) {
		char c = t[i], d = t[i + 1];
		if ((c == '=' && d != '=') || ((c == '+' || c == '-') && d == c) ||
		    (strchr("+-*/%&|^", c) && d == '=') ||
		    ((c == '<' || c == '>') && d == c && i + 2 < end && t[i + 2] == '='))
			return true;
	}
	uint32_t j = w;
	while (j > start && (ac_is_space(t[j - 1]) || t[j - 1] == '('))
		j--;
	return j >= start + 2 && (t[j - 1] == '+' || t[j - 1] == '-') && t[j - 2] == t[j - 1];
}

static int use_cmp(const void *a, const void *b)
{
	const struct use *x = a, *y = b;
	if (x->v != y->v)
		return x->v->id < y->v->id ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* The uses of locals of `f` in [at, end) of `src`, by .ca line, sorted; and
 * in *addr, whether one is used as an address or a struct (`&x`, `x.m`)
 * that the function's tree does not know of. */
static struct use *uses_of_locals(struct ac_source *src, uint32_t at, uint32_t end,
				  const struct ac_func *f, size_t *nuses, bool *addr)
{
	struct use *u = NULL;
	size_t n = 0, cap = 0;
	struct ac_words s = { .t = src->text, .at = at, .end = end };
	uint32_t w, len;
	while (ac_words_next(&s, &w, &len)) {
		const struct ac_var *v = s.member ? NULL : local_named(f, src->text, w, len);
		if (v) {
			if (!in_memory(f, v->name) &&
			    ((s.addr && !pointee_follows(src->text, w + len, end, s.open)) ||
			     member_follows(src->text, w + len, end, s.open)))
				*addr = true;
			if (n == cap) {
				cap = cap ? 2 * cap : 64;
				u = realloc(u, cap * sizeof *u);
				if (!u)
					abort();
			}
			u[n++] = (struct use){ v, ac_source_position(src, w).line,
					       written_at(src->text, w, len, at, end) };
		}
	}
	if (n)
		qsort(u, n, sizeof *u, use_cmp);
	*nuses = n;
	return u;
}

/* Does a call-like `W(...)` begin on .ca line `line` of the original text
 * [at, end), with `v` inside its parentheses, where W is a macro (no word W
 * is left in the expansion [pat, pend))?  Then the expansion may repeat
 * `v` as often as the macro uses that parameter. */
static bool macro_argument_on_line(struct ac_source *orig, uint32_t at, uint32_t end,
				   struct ac_source *pre, uint32_t pat, uint32_t pend,
				   const struct ac_var *v, uint32_t line)
{
	const char *t = orig->text;
	struct ac_words s = { .t = t, .at = at, .end = end };
	uint32_t w, n;
	while (ac_words_next(&s, &w, &n)) {
		uint32_t k = w + n;
		while (k < end && ac_is_space(t[k]))
			k++;
		if (k >= end || t[k] != '(' || ac_source_position(orig, w).line != line)
			continue;
		uint32_t close = k + 1;
		for (int depth = 1; close < end && depth; close++)
			depth += (t[close] == '(') - (t[close] == ')');
		bool inside = false;
		struct ac_words a = { .t = t, .at = k + 1, .end = close };
		uint32_t aw, an;
		while (!inside && ac_words_next(&a, &aw, &an))
			inside = !a.member && strlen(v->name) == an && !memcmp(v->name, t + aw, an);
		if (!inside)
			continue;
		bool left = false;
		struct ac_words e = { .t = pre->text, .at = pat, .end = pend };
		uint32_t ew, en;
		while (!left && ac_words_next(&e, &ew, &en))
			left = en == n && !memcmp(pre->text + ew, t + w, n);
		if (!left)
			return true;
	}
	return false;
}

/* The .ca lines of the braced initializers `= {` in [at, end) of `src`
 * (outside comments and literals), sorted; their number in *n. */
static uint32_t *init_braces(struct ac_source *src, uint32_t at, uint32_t end, size_t *n)
{
	const char *t = src->text;
	uint32_t *lines = NULL;
	size_t cnt = 0, cap = 0;
	for (uint32_t i = at; i < end; i++) {
		char c = t[i];
		if (c == '/' && i + 1 < end && (t[i + 1] == '*' || t[i + 1] == '/')) {
			const char *x = strstr(t + i + 2, t[i + 1] == '*' ? "*/" : "\n");
			i = x && x < t + end ? (uint32_t)(x - t) + (t[i + 1] == '*') : end;
		} else if (c == '"' || c == '\'') {
			for (i++; i < end && t[i] != c && t[i] != '\n'; i++)
				i += t[i] == '\\';
		} else if (c == '=' && i > at && !strchr("=!<>+-*/%&|^", t[i - 1]) &&
			   i + 1 < end && t[i + 1] != '=') {
			uint32_t j = i + 1;
			for (;;) { /* blanks and line markers (a system header's macro) */
				while (j < end && ac_is_space(t[j]))
					j++;
				if (j >= end || t[j] != '#' || t[j - 1] != '\n')
					break;
				while (j < end && t[j] != '\n')
					j++;
			}
			if (j < end && t[j] == '{') {
				if (cnt == cap) {
					cap = cap ? 2 * cap : 16;
					lines = realloc(lines, cap * sizeof *lines);
					if (!lines)
						abort();
				}
				lines[cnt++] = ac_source_position(src, i).line;
			}
		}
	}
	*n = cnt;
	return lines;
}

/* Does a macro make a braced initializer (`int a[3] = ARR_INIT;`,
 * `= PTHREAD_MUTEX_INITIALIZER`) that the text does not show?  A local in
 * the frame gets its initial value assigned, which takes a list only
 * where the translation sees one. */
static bool init_braces_hidden(struct ac_source *orig, uint32_t at, uint32_t end,
			       struct ac_source *pre, uint32_t pat, uint32_t pend)
{
	size_t no, np;
	uint32_t *lo = init_braces(orig, at, end, &no);
	uint32_t *lp = init_braces(pre, pat, pend, &np);
	bool hidden = false;
	for (size_t a = 0, b = 0; b < np && !hidden; b++) { /* both in line order */
		while (a < no && lo[a] < lp[b])
			a++;
		hidden = a == no || lo[a] != lp[b];
		a += !hidden;
	}
	free(lo);
	free(lp);
	return hidden;
}

/* The lines of a text the preprocessor kept (NULL: all). */
struct active {
	const struct ac_unit *u;
	struct ac_source *src;
};

static bool is_active(const struct active *a, uint32_t offset)
{
	if (!a || !a->u->active_lines)
		return true;
	uint32_t line = ac_source_position(a->src, offset).phys_line;
	return line < a->u->nactive_lines && a->u->active_lines[line];
}

/* How many words of [at, end), outside comments, literals and member
 * names, on lines the preprocessor kept, are ones `is` names. */
static size_t count_words(const struct active *a, const char *t, uint32_t at,
			  uint32_t end, bool (*is)(const char *w, size_t n))
{
	size_t count = 0;
	struct ac_words s = { .t = t, .at = at, .end = end };
	uint32_t w, n;
	while (ac_words_next(&s, &w, &n))
		count += !s.member && is(t + w, n) && is_active(a, w);
	return count;
}

/* `__func__`, `__FUNCTION__`, `__PRETTY_FUNCTION__`: the function's name. */
static bool is_func_name(const char *w, size_t n)
{
	return ac_word_is(w, n, "__func__") || ac_word_is(w, n, "__FUNCTION__") ||
	       ac_word_is(w, n, "__PRETTY_FUNCTION__");
}

/* The words a macro may stringize or paste that the translation gives a
 * meaning of its own: the function's name, and `__LINE__`, which the frame
 * (at file scope) gets as a number. */
static const char *const made_names[] = { "__func__", "__FUNCTION__",
					  "__PRETTY_FUNCTION__", "__LINE__" };

/* Does [s, s + n) hold one of made_names? */
static bool holds_made_name(const char *s, size_t n)
{
	for (size_t k = 0; k < sizeof made_names / sizeof *made_names; k++)
		if (memmem(s, n, made_names[k], strlen(made_names[k])))
			return true;
	return false;
}

/* String literals and words longer than the name in [at, end) of `t`, on
 * lines the preprocessor kept, that hold one of made_names: what a macro
 * makes of one it stringizes (`"__func__"`) or pastes (`x__func__`). */
static size_t count_names_made(const struct active *a, const char *t, uint32_t at,
			       uint32_t end)
{
	size_t count = 0;
	for (uint32_t i = at; i < end;) {
		uint32_t j = i + 1;
		if (t[i] == '"' || t[i] == '\'' ||
		    (t[i] == '/' && i + 1 < end && (t[i + 1] == '*' || t[i + 1] == '/'))) {
			j = ac_text_skip_lexeme(t, i, end);
			count += t[i] == '"' && holds_made_name(t + i, j - i) && is_active(a, i);
		} else if (ac_is_ident_char(t[i])) {
			while (j < end && ac_is_ident_char(t[j]))
				j++;
			count += !is_func_name(t + i, j - i) && !ac_word_is(t + i, j - i, "__LINE__") &&
				 holds_made_name(t + i, j - i) && is_active(a, i);
		}
		i = j;
	}
	return count;
}

/*
 * A macro that stringizes or pastes __func__ or __LINE__ (`S(__func__)`,
 * `XS(__func__)` with `#define XS(x) S(x)`, `CAT(x, __func__)`, `char
 * b[sizeof S(__LINE__)]`): translated unexpanded, `__func__` would reach it
 * as the generated file's macro of the function's name, which XS expands
 * before stringizing, and the frame's copy of a local's type would have
 * `__LINE__`'s value.  The expansion holds what the preprocessor made of
 * them, as in C.
 */
static bool macros_make_names(struct ac_parser *P, struct ac_source *orig,
			      const struct ac_func *f, uint32_t cpp_offset, uint32_t cpp_end,
			      char *why)
{
	if (count_names_made(NULL, P->src->text, cpp_offset, cpp_end) <=
	    count_names_made(&(struct active){ P->unit, orig }, orig->text, f->loc.start,
			     f->loc.end))
		return false;
	snprintf(why, WHY_LEN, "a macro stringizes or pastes __func__ or __LINE__");
	return true;
}

/* `__builtin_FUNCTION()`, which a macro defines as the name too (the
 * word itself is not replaced: its parentheses follow). */
static bool is_builtin_function(const char *w, size_t n)
{
	return ac_word_is(w, n, "__builtin_FUNCTION");
}

/* A call an async function cannot make (but va_arg, va_copy, va_end:
 * `va_arg(ap, int)` of a va_list parameter is the caller's business). */
static bool is_refused_call(const char *w, size_t n)
{
	return ac_build_refused_call(w, n) && !(n > 13 && !memcmp(w, "__builtin_va_", 13));
}

/* `return`, `goto`, `break`, `continue`. */
static bool is_jump(const char *w, size_t n)
{
	return ac_word_is(w, n, "return") || ac_word_is(w, n, "goto") ||
	       ac_word_is(w, n, "break") || ac_word_is(w, n, "continue");
}

/* How many types [at, end) declares: `typedef`s and `struct`, `union` or
 * `enum` bodies (`struct pt {`). */
static size_t types_declared_in(const struct active *a, const char *t, uint32_t at,
				uint32_t end)
{
	size_t count = 0;
	struct ac_words s = { .t = t, .at = at, .end = end };
	uint32_t w, n;
	while (ac_words_next(&s, &w, &n)) {
		if (s.member)
			continue;
		if (!is_active(a, w))
			continue;
		if (ac_word_is(t + w, n, "typedef")) {
			count++;
			continue;
		}
		if (!ac_word_is(t + w, n, "struct") && !ac_word_is(t + w, n, "union") &&
		    !ac_word_is(t + w, n, "enum"))
			continue;
		uint32_t i = w + n;
		while (i < end && ac_is_space(t[i]))
			i++;
		while (i < end && ac_is_ident_char(t[i]))
			i++;
		while (i < end && ac_is_space(t[i]))
			i++;
		count += i < end && t[i] == '{';
	}
	return count;
}

/* Does the expansion call setjmp, alloca, ... or declare a type (both
 * refused where the text shows them), or jump (`TRY(x)` expanding to `({
 * ...; if (r < 0) return r; ... })`, `CHECK(x)` to `goto fail`: a return
 * to rewrite, an edge the liveness must see) where the text does not? */
static const char *refused_calls_hidden(const struct ac_unit *u, struct ac_source *orig,
					uint32_t at, uint32_t end,
					struct ac_source *pre, uint32_t pat, uint32_t pend)
{
	struct active o = { u, orig }; /* the text's words in #if 0 do not count */
	if (count_words(NULL, pre->text, pat, pend, is_refused_call) >
	    count_words(&o, orig->text, at, end, is_refused_call))
		return "a macro calls setjmp, alloca or the like";
	if (types_declared_in(NULL, pre->text, pat, pend) >
	    types_declared_in(&o, orig->text, at, end))
		return "a macro declares a type";
	if (count_words(NULL, pre->text, pat, pend, is_jump) >
	    count_words(&o, orig->text, at, end, is_jump))
		return "a macro returns or jumps";
	return NULL;
}

/*
 * Does the expansion of the function use its locals in ways its original
 * text does not show?  A macro whose body names a local (`#define SHOW()
 * printf("%d", k)`, from the file, a header or -D) adds a use the liveness
 * of the original text misses; `ADDR(x)` expanding to `&(x)` takes an
 * address it does not see; an `#include` in the body brings text of its
 * own, a `#define` or `#undef` there changes what a macro means in the
 * declarations the frame copies to file scope.  Nor may it assign a local
 * on a line where the original text does not (`SWAP(lo, hi)`).  So, line by line, the expansion [pat, pend) may use a local no more
 * often than the original text does, except through the arguments of a
 * macro that repeats them (`MAX(k, 1)`); and it may not take the address of
 * a local the tree holds in a register.
 */
static bool macros_hide_locals(const struct ac_unit *u, struct ac_source *orig,
			       struct ac_source *pre,
			       uint32_t pat, uint32_t pend, const struct ac_func *f, char *why)
{
	const char *t = orig->text;
	for (uint32_t i = f->loc.start; i < f->loc.end; i++) {
		if (t[i] != '#' || (i > f->loc.start && t[i - 1] != '\n' && !ac_is_space(t[i - 1])))
			continue;
		uint32_t j = i + 1;
		while (j < f->loc.end && (t[j] == ' ' || t[j] == '\t'))
			j++;
		const char *w;
		size_t n = directive_name(t + j, f->loc.end - j, &w);
		if (is_name(w, n, "include") || is_name(w, n, "define") || is_name(w, n, "undef")) {
			/* text of its own; a macro the frame's types may use */
			snprintf(why, WHY_LEN, "#%.*s in its body", (int)n, w);
			return true;
		}
	}
	const char *refused = refused_calls_hidden(u, orig, f->loc.start, f->loc.end, pre,
						   pat, pend);
	if (refused) { /* `GRAB(n)` expanding to `__builtin_alloca(n)` */
		snprintf(why, WHY_LEN, "%s", refused);
		return true;
	}
	if (init_braces_hidden(orig, f->loc.start, f->loc.end, pre, pat, pend)) {
		snprintf(why, WHY_LEN, "a macro makes a braced initializer");
		return true;
	}
	size_t no, np;
	bool addr = false, unused = false;
	struct use *uo = uses_of_locals(orig, f->loc.start, f->loc.end, f, &no, &unused);
	struct use *up = uses_of_locals(pre, pat, pend, f, &np, &addr);
	bool hidden = addr;
	if (addr)
		snprintf(why, WHY_LEN, "a macro takes the address of a local, or a member of one");
	size_t a = 0;
	for (size_t b = 0; b < np && !hidden;) {
		size_t b2 = b;
		while (b2 < np && !use_cmp(&up[b], &up[b2]))
			b2++;
		while (a < no && use_cmp(&uo[a], &up[b]) < 0)
			a++;
		size_t a2 = a;
		while (a2 < no && !use_cmp(&uo[a2], &up[b]))
			a2++;
		size_t wo = 0, wp = 0;
		for (size_t i = a; i < a2; i++)
			wo += uo[i].write;
		for (size_t i = b; i < b2; i++)
			wp += up[i].write;
		if (wp > wo) { /* a macro assigns it: `SWAP(lo, hi)` */
			hidden = true;
			snprintf(why, WHY_LEN, "a macro assigns '%s' on line %u", up[b].v->name,
				 (unsigned)up[b].line);
		} else if (b2 - b > a2 - a &&
			   !macro_argument_on_line(orig, f->loc.start, f->loc.end, pre, pat,
						   pend, up[b].v, up[b].line)) {
			hidden = true;
			snprintf(why, WHY_LEN, "a macro uses '%s' on line %u", up[b].v->name,
				 (unsigned)up[b].line);
		}
		a = a2;
		b = b2;
	}
	free(uo);
	free(up);
	return hidden;
}

void ac_parser_free(struct ac_parser *P)
{
	ac_lexer_close(P);
	free(P->dspec_stack);
	P->dspec_stack = NULL;
	free(P->top_decls);
	P->top_decls = NULL;
	free(P->callees);
	P->callees = NULL;
	free(P->cond_taken);
	P->cond_taken = NULL;
	macros_free(P->macros);
	P->macros = NULL;
}

int ac_parse(struct ac_parser *P)
{
	/* C has about a distinct name per 400 bytes (sqlite3.c: 13,100 in
	 * 5 MB after cpp), besides the 2,000 or so of the system headers a
	 * file includes (1 MB files have 4,000 to 5,500): size the name
	 * table once. */
	if (P->mode != AC_PARSE_FUNCTION)
		ac_scopes_reserve(P->scopes, P->src->len / 400 + 2048);
	if (ac_lexer_open(P)) {
		ac_diag_plain(P->diag, AC_ERROR, "out of memory");
		return 1;
	}
	int rc = yyparse(P);
	if (rc != 0 && P->nerrors == 0)
		ac_parser_error_at(P, P->last_loc.start, P->last_loc.end,
				   "cannot parse this file");
	return (int)P->nerrors;
}

/*
 * The preprocessed parse found an async declaration of the main file at
 * `cpp_offset`; parse its original text (macros unexpanded, comments kept)
 * with the scopes as they stand, so that the emitter works from the text the
 * user wrote.
 */
/* Parses the external declaration at `start` of `src` into the unit;
 * returns its number of errors.  `quiet`: report nothing. */
/* Does the expansion declare locals, make labels (`LABEL(again);`, case
 * labels) or compound literals the text does not show?  The translation of
 * the text would not save those locals, follow those jumps, or move those
 * literals to the frame. */
struct seen;
static bool macros_make_more(const struct ac_parser *P, const struct seen *text, char *why);

/* A word before a `(` that encloses an await: a call, or a macro's use. */
struct call_word {
	const char *s;
	uint32_t n;
	size_t order; /* its place among those found, in the order found */
	bool seen;    /* the expansion spells it */
};

/* [s, s + n) against the word of `x`, in the order of a dictionary. */
static int cmp_word(const char *s, uint32_t n, const struct call_word *x)
{
	int c = memcmp(s, x->s, n < x->n ? n : x->n);
	return c ? c : (n > x->n) - (n < x->n);
}

/* By word, then in the order found. */
static int cmp_call_words(const void *a, const void *b)
{
	const struct call_word *x = a, *y = b;
	int c = cmp_word(x->s, x->n, y);
	return c ? c : (x->order > y->order) - (x->order < y->order);
}

/* The words W of the calls `W(` that enclose an await of `f`, from the
 * await outwards to its statement's start, await by await; their number. */
static size_t words_around_awaits(const struct ac_source *orig, const struct ac_func *f,
				  struct call_word **out)
{
	const char *t = orig->text;
	struct call_word *cw = NULL;
	size_t n = 0, cap = 0;
	for (int k = 0; k < f->nawaits; k++) {
		int depth = 0;
		for (uint32_t i = f->awaits[k]->loc.start; i > f->body_loc.start; i--) {
			char c = t[i - 1];
			if (c == ')' || c == ']' || c == '}') {
				depth++;
				continue;
			}
			if ((c == '(' || c == '[' || c == '{') && depth > 0) {
				depth--;
				continue;
			}
			if (c == '{' || c == ';')
				break; /* the statement's start */
			if (c != '(')
				continue;
			uint32_t e = i - 1;
			while (e > f->body_loc.start && ac_is_space(t[e - 1]))
				e--;
			uint32_t w = e;
			while (w > f->body_loc.start && ac_is_ident_char(t[w - 1]))
				w--;
			if (w == e || e - w >= 128 || (t[w] >= '0' && t[w] <= '9'))
				continue;
			AC_GROW(cw, cap, n);
			cw[n] = (struct call_word){ t + w, e - w, n, false };
			n++;
		}
	}
	*out = cw;
	return n;
}

/* Is an await of `f` in the arguments of a function-like macro (a call-like
 * `W(` whose word W is gone from the expansion [pat, pend))?  The macro
 * decides when it runs, and whether at all (`TIMED(await f())`,
 * `IF_DEBUG(await log())`, `RETRY(3, await connect())`, `#e`), which the
 * text does not show.  (The expansion is read once, for all the words: an
 * await inside N nested calls has N of them.) */
static bool await_in_macro_argument(const struct ac_source *orig, const struct ac_func *f,
				    const struct ac_source *pre, uint32_t pat, uint32_t pend,
				    char *why)
{
	struct call_word *cw;
	size_t n = words_around_awaits(orig, f, &cw);
	if (n == 0)
		return false;
	qsort(cw, n, sizeof *cw, cmp_call_words);
	size_t u = 0; /* each word once, where it was first found */
	for (size_t i = 0; i < n; i++)
		if (!u || cmp_word(cw[i].s, cw[i].n, &cw[u - 1]))
			cw[u++] = cw[i];
	struct ac_words s = { .t = pre->text, .at = pat, .end = pend };
	uint32_t w, len;
	while (ac_words_next(&s, &w, &len)) {
		if (s.member)
			continue;
		size_t lo = 0, hi = u;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			int c = cmp_word(pre->text + w, len, &cw[mid]);
			if (c == 0) {
				cw[mid].seen = true;
				break;
			}
			if (c > 0)
				lo = mid + 1;
			else
				hi = mid;
		}
	}
	struct call_word *gone = NULL; /* the first found that the expansion lacks */
	for (size_t i = 0; i < u && !s.spliced; i++) /* (spliced: a word may hide) */
		if (!cw[i].seen && (!gone || cw[i].order < gone->order))
			gone = &cw[i];
	if (gone)
		snprintf(why, WHY_LEN, "an await in the arguments of the macro '%.*s'",
			 (int)(gone->n < 64 ? gone->n : 64), gone->s);
	free(cw);
	return gone != NULL;
}

/* ------------------------------ arrays their initializer lists size */

/* A line of the original text that does not count: a directive, or a
 * line of an `#if` group not taken. */
static bool orig_line_skipped(const void *ctx, uint32_t at, uint32_t end)
{
	const struct active *a = ctx;
	const char *t = a->src->text;
	while (at < end && (t[at] == ' ' || t[at] == '\t'))
		at++;
	return (at < end && t[at] == '#') || !is_active(a, at);
}

/* A line of the expansion that does not count: a line marker. */
static bool pre_line_skipped(const void *ctx, uint32_t at, uint32_t end)
{
	const char *t = ctx;
	while (at < end && (t[at] == ' ' || t[at] == '\t'))
		at++;
	return at < end && t[at] == '#';
}

/* Does the frame count the elements of the braced list at `open` of the
 * text, the compiler not being able to (ac_frame_constant_list): does it
 * name a local of `f`, or call something? */
static bool list_counted_in_text(const char *t, uint32_t open, uint32_t end,
				 const struct ac_func *f)
{
	int depth = 0;
	uint32_t close = open;
	for (; close < end; close++) {
		if (t[close] == '"' || t[close] == '\'' || t[close] == '/') {
			close = ac_text_skip_lexeme(t, close, end) - 1;
			continue;
		}
		depth += t[close] == '{';
		if (t[close] == '}' && --depth == 0)
			break;
	}
	struct ac_words s = { .t = t, .at = open, .end = close };
	uint32_t w, n;
	while (ac_words_next(&s, &w, &n)) {
		if (s.member)
			continue;
		if (local_named(f, t, w, n))
			return true;
		uint32_t k = w + n;
		while (k < close && ac_is_space(t[k]))
			k++;
		if (k < close && t[k] == '(' && !ac_word_is(t + w, n, "sizeof") &&
		    !ac_word_is(t + w, n, "_Alignof") && !ac_word_is(t + w, n, "__alignof__"))
			return true;
	}
	return false;
}

/*
 * The frame holds an array that its initializer list sizes (`int a[] = {
 * c, d };`, `(int[]){ c, d }`, `async int t[] = { f(1), f(2) };`) with
 * as many elements as the list shows, when the list names a local or
 * calls something (else the compiler counts them).  A macro
 * in the list that expands to nothing or to several elements (`{ c,
 * EMPTY }`, `{ PAIR(c) }`) makes the count in the text wrong.  So each
 * such list of the text, in order, must count as many elements as the
 * same list of the expansion [pat, pend).
 */
static bool macros_resize_arrays(const struct ac_unit *u, struct ac_source *orig,
				 const struct ac_func *f, struct ac_source *pre,
				 uint32_t pat, uint32_t pend, char *why)
{
	struct active o = { u, orig };
	const char *t = orig->text, *p = pre->text;
	uint32_t end = f->loc.end;
	uint32_t i = ac_text_next_sizing_list(t, f->loc.start, end, orig_line_skipped, &o);
	uint32_t j = ac_text_next_sizing_list(p, pat, pend, pre_line_skipped, p);
	for (; i < end; i = ac_text_next_sizing_list(t, i + 1, end, orig_line_skipped, &o),
			j = ac_text_next_sizing_list(p, j + 1, pend, pre_line_skipped, p)) {
		if (j >= pend) {
			snprintf(why, WHY_LEN, "a macro hides how many elements the list on "
				 "line %u has", ac_source_position(orig, i).line);
			return true;
		}
		if (!list_counted_in_text(t, i, end, f))
			continue;
		bool s1, s2;
		long n = ac_text_list_elements(t, i, end, orig_line_skipped, &o, &s1, NULL);
		long m = ac_text_list_elements(p, j, pend, pre_line_skipped, p, &s2, NULL);
		if (n != m) {
			snprintf(why, WHY_LEN, "a macro changes how many elements the list "
				 "on line %u has", ac_source_position(orig, i).line);
			return true;
		}
	}
	return false;
}

/* ------------------------------- attribute macros in a declaration */

/* Is t[i] the first character of its line but for blanks? */
static bool starts_line(const char *t, uint32_t i)
{
	while (i > 0 && (t[i - 1] == ' ' || t[i - 1] == '\t'))
		i--;
	return i == 0 || t[i - 1] == '\n';
}

/* The next token of `t` at or after `i`, before `end` (past blanks,
 * comments, splices and, in the preprocessor's output, line markers),
 * ending at *e; `end` when there is none, UINT32_MAX at a directive. */
static uint32_t head_token(const char *t, uint32_t i, uint32_t end, uint32_t *e)
{
	for (;;) {
		while (i < end && ac_is_space(t[i]))
			i++;
		uint32_t splice = i < end ? ac_text_splice_at(t, i, end) : 0;
		if (i >= end)
			return *e = end;
		if (t[i] == '/' && i + 1 < end && (t[i + 1] == '*' || t[i + 1] == '/'))
			i = ac_text_skip_lexeme(t, i, end);
		else if (splice)
			i = splice;
		else if (t[i] == '#' && starts_line(t, i))
			return *e = UINT32_MAX;
		else
			break;
	}
	*e = i + 1;
	if (ac_is_ident_char(t[i]))
		while (*e < end && ac_is_ident_char(t[*e]))
			(*e)++;
	else if (t[i] == '"' || t[i] == '\'')
		*e = ac_text_skip_lexeme(t, i, end);
	return i;
}

/* The same, past the preprocessor's line markers. */
static uint32_t pre_token(const char *t, uint32_t i, uint32_t end, uint32_t *e)
{
	uint32_t at;
	while ((at = head_token(t, i, end, e)) == UINT32_MAX) {
		for (i = (uint32_t)(strchr(t + i, '#') - t); i < end && t[i] != '\n'; i++)
			;
	}
	return at;
}

static bool same_token(const char *a, uint32_t as, uint32_t ae, const char *b, uint32_t bs,
		       uint32_t be)
{
	return ae - as == be - bs && !memcmp(a + as, b + bs, ae - as);
}

/* Is [at, end) of the preprocessor's output only attribute specifiers
 * (and `inline`: glibc's __always_inline is `__inline` and an attribute),
 * or nothing? */
static bool only_attributes(const char *p, uint32_t at, uint32_t end)
{
	uint32_t e;
	for (at = pre_token(p, at, end, &e); at < end; at = pre_token(p, e, end, &e)) {
		if (ac_word_is(p + at, e - at, "__attribute__") ||
		    ac_word_is(p + at, e - at, "__attribute")) {
			uint32_t o = pre_token(p, e, end, &e);
			if (o >= end || p[o] != '(')
				return false;
			e = ac_text_skip_attribute(p, o, end);
		} else if (ac_bracket(p + at) == '[') {
			e = ac_text_skip_brackets(p, at, end);
		} else if (!ac_word_is(p + at, e - at, "inline") &&
			   !ac_word_is(p + at, e - at, "__inline") &&
			   !ac_word_is(p + at, e - at, "__inline__")) {
			return false;
		}
	}
	return true;
}

static void add_macro_attribute(struct ac_unit *u, uint32_t start, uint32_t end,
				const char *expansion)
{
	for (size_t k = 0; k < u->nmacro_attrs; k++)
		if (u->macro_attrs[k].start == start)
			return; /* (a declaration read twice) */
	if (u->nmacro_attrs == u->capmacro_attrs) {
		u->capmacro_attrs = u->capmacro_attrs ? 2 * u->capmacro_attrs : 8;
		u->macro_attrs = realloc(u->macro_attrs, u->capmacro_attrs * sizeof *u->macro_attrs);
		if (!u->macro_attrs)
			abort();
	}
	u->macro_attrs[u->nmacro_attrs++] = (struct ac_macro_attr){ start, end, expansion };
}

/* The token after a macro's use whose name ends at `e` in `o` (after its
 * arguments, if it has some); *use_end: where the use ends. */
static uint32_t macro_use_end(const char *o, uint32_t e, uint32_t oend, uint32_t *use_end,
			      uint32_t *ae)
{
	*use_end = e;
	uint32_t at = head_token(o, e, oend, ae);
	if (at < oend && o[at] == '(') { /* a function-like macro's arguments */
		*use_end = ac_text_skip_attribute(o, at, oend);
		at = head_token(o, *use_end, oend, ae);
	}
	return at;
}

/* Where, in the preprocessor's output from `pt`, the token [at, ae) of the
 * original comes next outside brackets: the end of a macro's expansion;
 * UINT32_MAX when the head ends first. */
static uint32_t expansion_end(const char *o, uint32_t at, uint32_t ae, const char *p,
			      uint32_t pt, uint32_t pend)
{
	uint32_t x = pt, xe;
	pre_token(p, pt, pend, &xe);
	for (int d = 0; x < pend && !(d == 0 && same_token(o, at, ae, p, x, xe));
	     x = pre_token(p, xe, pend, &xe)) {
		if (d == 0 && (p[x] == '{' || p[x] == ';'))
			return UINT32_MAX;
		d += p[x] == '(' || p[x] == '[';
		d -= p[x] == ')' || p[x] == ']';
	}
	return x < pend ? x : UINT32_MAX;
}

/*
 * The head of an async declaration (up to its body's `{` or its `;`) in
 * the original text from `oi` and in the preprocessor's output from `pi`:
 * the same tokens, but where a macro of the original (`WUR`,
 * `__nonnull((1))`, `__attribute_noinline__`) expands to attribute
 * specifiers.  With `record`, each such macro use is recorded with its
 * expansion: the parse of the original takes it for attributes, and the
 * translation copies it as written.  With `any`, a macro may expand to
 * other tokens too (`EXT` to `extern`).  False when the two do not match so.
 */
static bool align_head(struct ac_parser *P, const struct ac_source *orig, uint32_t oi,
		       uint32_t pi, uint32_t pend, bool record, bool any)
{
	const char *o = orig->text, *p = P->src->text;
	uint32_t oend = (uint32_t)orig->len, oe, pe;
	int depth = 0;
	for (;;) {
		uint32_t pt = pre_token(p, pi, pend, &pe);
		uint32_t ot = head_token(o, oi, oend, &oe);
		if (ot == UINT32_MAX || ot >= oend)
			return false;
		if (pt >= pend || (depth == 0 && (p[pt] == '{' || p[pt] == ';')))
			return pt < pend && same_token(o, ot, oe, p, pt, pe);
		if (same_token(o, ot, oe, p, pt, pe)) {
			depth += p[pt] == '(' || p[pt] == '[';
			depth -= p[pt] == ')' || p[pt] == ']';
			oi = oe, pi = pe;
			continue;
		}
		if (!ac_is_ident_char(o[ot]) || (o[ot] >= '0' && o[ot] <= '9'))
			return false;
		uint32_t use_end = oe, ae, x;
		uint32_t at = macro_use_end(o, oe, oend, &use_end, &ae);
		/* the expansion: up to the token after the macro's use; when that
		 * token is a macro's too (`my_nonnull my_noinline async`), the
		 * two uses are one */
		while (at < oend && (x = expansion_end(o, at, ae, p, pt, pend)) == UINT32_MAX) {
			if (!ac_is_ident_char(o[at]) || (o[at] >= '0' && o[at] <= '9'))
				return false;
			at = macro_use_end(o, ae, oend, &use_end, &ae);
		}
		if (at >= oend || (!any && !only_attributes(p, pt, x)))
			return false;
		if (record)
			add_macro_attribute(P->unit, ot, use_end,
					    ac_arena_strndup(P->arena, p + pt, x - pt));
		oi = use_end, pi = x;
	}
}

/*
 * Where the original text of the async declaration at `cpp_offset` of the
 * preprocessor's output begins when its first token is a macro's
 * (`WUR async int f(int);`): before its `async`, the farthest word (or
 * a macro's arguments) from which the heads match (align_head).  Else,
 * if a macro there expands to more than attributes (`EXT async int
 * f(int);`, with `EXT` for `extern`), the farthest word from which they
 * match so, with *expanded set: the declaration is read from its
 * expansion.
 */
static bool head_in_macro(struct ac_parser *P, const struct ac_source *orig,
			  uint32_t cpp_offset, uint32_t cpp_end, uint32_t *start,
			  bool *expanded)
{
	const char *p = P->src->text, *o = orig->text;
	uint32_t pt, pe, at;
	for (pt = pre_token(p, cpp_offset, cpp_end, &pe); pt < cpp_end; pt = pre_token(p, pe, cpp_end, &pe))
		if (ac_word_is(p + pt, pe - pt, "async"))
			break;
	if (pt >= cpp_end || !ac_source_map_to_orig(P->src, pt, pe, &at))
		return false;
	/* back over words, parenthesized arguments, blanks and block
	 * comments, not into a directive or a line with a // comment */
	uint32_t cand[16], n = 0, i = at;
	bool stop = false;
	while (n < 16 && !stop) {
		while (i > 0 && ac_is_space(o[i - 1]) && !stop) {
			if (o[--i] != '\n')
				continue;
			uint32_t ls = i;
			while (ls > 0 && o[ls - 1] != '\n')
				ls--;
			stop = memmem(o + ls, i - ls, "//", 2) || memchr(o + ls, '#', i - ls) ||
			       (i > 0 && o[i - 1] == '\\');
		}
		if (stop)
			break;
		if (i >= 2 && o[i - 1] == '/' && o[i - 2] == '*') {
			const char *c = o + i - 2;
			while (c > o + 1 && !(c[-2] == '/' && c[-1] == '*'))
				c--;
			i = (uint32_t)(c - o) - 2;
			continue;
		}
		if (i > 0 && o[i - 1] == ')') { /* a macro's arguments */
			int d = 0;
			uint32_t k = i;
			do {
				k--;
				d += (o[k] == ')') - (o[k] == '(');
			} while (k > 0 && d > 0);
			if (d != 0)
				break;
			i = k;
			while (i > 0 && (o[i - 1] == ' ' || o[i - 1] == '\t'))
				i--;
		}
		if (i == 0 || !ac_is_ident_char(o[i - 1]))
			break;
		while (i > 0 && ac_is_ident_char(o[i - 1]))
			i--;
		cand[n++] = i;
	}
	for (int any = 0; any < 2; any++)
		for (uint32_t k = n; k-- > 0;)
			if (align_head(P, orig, cand[k], cpp_offset, cpp_end, false, any)) {
				*start = cand[k];
				*expanded = any;
				return true;
			}
	return false;
}

/* What a parse of one function saw (parse_one). */
struct seen {
	int locals, labels, literals;
	const char *callee; /* an async function the expansion names where the
			       text does not (or the text's), or NULL */
};

/* The first async function that the words of the text (`text`) and of
 * the expansion (`P`) of a function name differently: one named through
 * a macro (`#define work real_work`, `#define W(k) work(k, 0)`); or NULL. */
static const char *other_callee(const struct ac_parser *P, const struct ac_parser *text)
{
	for (size_t i = 0; i < P->ncallees || i < text->ncallees; i++) {
		if (i < P->ncallees && i < text->ncallees && P->callees[i] == text->callees[i])
			continue;
		return i < P->ncallees ? P->callees[i]->name : text->callees[i]->name;
	}
	return NULL;
}

/* Does the text name an async function where its expansion names another
 * (or none)?  An await must set up the frame of the function the compiler
 * calls. */
static bool macros_name_callees(const struct seen *text, char *why)
{
	if (text->callee)
		snprintf(why, WHY_LEN, "a macro names the async function '%s'", text->callee);
	return text->callee != NULL;
}

static bool macros_make_more(const struct ac_parser *P, const struct seen *text, char *why)
{
	const char *what = P->locals_seen > text->locals ? "a macro declares a local"
			 : P->labels_seen > text->labels ? "a macro makes a label"
			 : P->literals_seen > text->literals ? "a macro makes a compound literal"
			 : NULL;
	if (what)
		snprintf(why, WHY_LEN, "%s", what);
	return what != NULL;
}

static unsigned parse_one(struct ac_parser *P, struct ac_source *src,
			  uint32_t start, bool quiet, struct ac_func **made,
			  struct seen *seen)
{
	struct ac_diag held, *diag = P->diag;
	char *text = NULL;
	size_t len = 0;
	FILE *mem = NULL;
	if (quiet) { /* messages are held back, and shown only on success */
		mem = open_memstream(&text, &len);
		if (!mem)
			abort();
		held = *P->diag;
		held.out = mem;
		held.nerrors = held.nwarnings = 0;
		held.max_errors = 1;
		/* a held warning is not a failed parse (the counts are added
		 * below), but -Werror shows it as an error */
		held.werror_counted_as_warnings = true;
		held.map_buf = NULL;
		diag = &held;
	}
	struct ac_func **tail = P->unit->funcs_tail;
	struct ac_parser sub;
	ac_parser_init(&sub, P->unit, src, diag);
	sub.mode = AC_PARSE_FUNCTION;
	sub.start_offset = start;
	sub.cpp_names = P->cpp_names;
	sub.ncpp_names = P->ncpp_names;
	ac_parse(&sub);
	if (seen)
		*seen = (struct seen){ sub.locals_seen, sub.labels_seen, sub.literals_seen,
				       other_callee(P, &sub) };
	unsigned n = sub.nerrors + (unsigned)(quiet ? held.nerrors : 0);
	ac_parser_free(&sub);
	while (P->scopes->depth > 0) /* an aborted parse leaves scopes open */
		ac_scopes_pop(P->scopes);
	*made = *tail; /* the function it added, if any */
	if (quiet && n != 0 && *tail) { /* a failed try adds none */
		P->unit->funcs_tail = tail;
		*tail = NULL;
		*made = NULL;
	}
	if (quiet) {
		fclose(mem);
		if (n == 0) {
			fwrite(text, 1, len, P->diag->out);
			P->diag->nwarnings += held.nwarnings;
			if (P->diag->werror)
				P->diag->nerrors += held.nwarnings;
		}
		ac_diag_free(&held);
		free(text);
	}
	return n;
}

/* Where the original text of a function that begins at `start` and ends on
 * the line [ls, le) ends: after the '}' that closes its first '{', if that
 * is on the line (code may follow it there); else after the line's last
 * '}'; `ls` when the line has none (the body is a macro's). */
static uint32_t body_end_on_line(const struct ac_source *orig, uint32_t start, uint32_t ls,
				 uint32_t le)
{
	const char *t = orig->text;
	int depth = 0;
	for (uint32_t i = start; i < le; i++) {
		if (t[i] == '"' || t[i] == '\'' ||
		    (t[i] == '/' && i + 1 < le && (t[i + 1] == '*' || t[i + 1] == '/'))) {
			i = ac_text_skip_lexeme(t, i, le) - 1;
			continue;
		}
		if (t[i] == '{')
			depth++;
		else if (t[i] == '}' && depth > 0 && --depth == 0) {
			if (i >= ls)
				return i + 1;
			break;
		}
	}
	uint32_t end = le;
	while (end > ls && t[end - 1] != '}')
		end--;
	return end;
}

/* Does the line of the original text that holds the word [at, end) of
 * the expansion spell it with a backslash-newline inside (`asy\` newline
 * `nc`), which the preprocessor joined? */
static bool word_spliced(struct ac_parser *P, struct ac_source *orig,
			 uint32_t at, uint32_t end)
{
	struct ac_position pos = ac_source_position(P->src, at);
	uint32_t i = ac_source_line_offset(orig, pos.line);
	if (!pos.in_main || i >= orig->len)
		return false;
	const char *t = orig->text, *w = P->src->text + at;
	size_t n = end - at;
	for (; i < orig->len && t[i] != '\n'; i++) {
		size_t k = 0, j = i;
		bool spliced = false;
		while (j < orig->len && k < n) {
			if (t[j] == '\\' && j + 1 < orig->len && t[j + 1] == '\n') {
				j += 2, spliced = true;
			} else if (t[j] == '\\' && j + 2 < orig->len && t[j + 1] == '\r' &&
				   t[j + 2] == '\n') {
				j += 3, spliced = true;
			} else if (t[j] == w[k]) {
				j++, k++;
			} else {
				break;
			}
		}
		if (k == n && spliced && (i == 0 || !ac_is_ident_char(t[i - 1])))
			return true;
	}
	return false;
}

/* Where the original text of an async declaration that begins at `start`
 * ends: just past its ';' (the first outside brackets, comments and
 * literals), which must be on the line of the preprocessed text's ';' at
 * `semi`; 0 if it is not, or a directive lies before it (at *directive). */
static uint32_t decl_end_in_orig(struct ac_parser *P, struct ac_source *orig,
				 uint32_t start, uint32_t semi, uint32_t *directive)
{
	const char *t = orig->text;
	uint32_t n = (uint32_t)orig->len;
	int depth = 0;
	*directive = UINT32_MAX;
	for (uint32_t i = start; i < n; i++) {
		if (t[i] == '"' || t[i] == '\'' ||
		    (t[i] == '/' && i + 1 < n && (t[i + 1] == '*' || t[i + 1] == '/'))) {
			i = ac_text_skip_lexeme(t, i, n) - 1;
		} else if (t[i] == '#' && starts_line(t, i)) {
			*directive = i;
			return 0;
		} else if (t[i] == '(' || t[i] == '[' || t[i] == '{') {
			depth++;
		} else if (t[i] == ')' || t[i] == ']' || t[i] == '}') {
			depth--;
		} else if (t[i] == ';' && depth <= 0) {
			uint32_t ls, len;
			ac_source_line_span(orig, i, &ls, &len);
			uint32_t want = ac_source_line_offset(orig, ac_source_position(P->src, semi).line);
			return ls == want ? i + 1 : 0;
		}
	}
	return 0;
}

/*
 * An async prototype or task variable of the main file whose original text
 * at `start` is not C until its macros expand (`async PUB(int) f(int);`,
 * `async RET_T g(void);`, `async int h(PARAM_T x);`, or `expanded`: a
 * macro of its head is more than attributes) is read, like such a
 * definition, from the preprocessor's output at [cpp_offset, cpp_end): its
 * declaration replaces the original text up to the ';'.  When neither
 * parses, the original's messages are shown.
 */
static void parse_declaration_original(struct ac_parser *P, struct ac_source *orig,
				       uint32_t start, uint32_t cpp_offset, uint32_t cpp_end,
				       bool expanded)
{
	struct ac_unit *u = P->unit;
	size_t ndecls = u->nasync_decls;
	struct ac_func *f;
	if (!expanded && parse_one(P, orig, start, true, &f, NULL) == 0)
		return;
	u->nasync_decls = ndecls;
	uint32_t semi = cpp_end, directive = UINT32_MAX;
	while (semi > cpp_offset && P->src->text[semi - 1] != ';')
		semi--;
	uint32_t end = semi > cpp_offset ? decl_end_in_orig(P, orig, start, semi - 1, &directive)
					 : 0;
	if (end == 0 && directive != UINT32_MAX) {
		uint32_t de = directive + 1; /* `#if`: its '#' and name */
		while (de < orig->len && (orig->text[de] == ' ' || orig->text[de] == '\t'))
			de++;
		while (de < orig->len && ac_is_ident_char(orig->text[de]))
			de++;
		ac_parser_error_in_orig(P, directive, de, "asyncc reads this async "
			"declaration from its preprocessed text (its macros are not C "
			"unexpanded), which cannot keep a directive inside it: move the "
			"directive out of the declaration");
		return;
	}
	if (end != 0 && parse_one(P, P->src, cpp_offset, true, &f, NULL) == 0 &&
	    u->nasync_decls == ndecls + 1) {
		u->async_decls[ndecls].text = P->src;
		u->async_decls[ndecls].orig_loc = (struct ac_loc){ start, end };
		return;
	}
	u->nasync_decls = ndecls;
	P->nerrors += parse_one(P, orig, start, false, &f, NULL);
}

/* Where `word` is first spelled as a word in [at, end) of `t` (a
 * function's name in its definition), or `end`. */
static uint32_t word_in_text(const char *t, uint32_t at, uint32_t end, const char *word)
{
	size_t n = strlen(word);
	for (uint32_t i = at; i + n <= end; i++)
		if (!memcmp(t + i, word, n) && (i == 0 || !ac_is_ident_char(t[i - 1])) &&
		    !ac_is_ident_char(t[i + n]))
			return i;
	return end;
}

/*
 * The preprocessed parse found an async declaration of the main file at
 * `cpp_offset`; parse its original text (macros unexpanded, comments kept)
 * with the scopes as they stand, so that the emitter works from the text the
 * user wrote.  A definition whose original text does not parse (a macro
 * that is not C before expansion) is translated from its preprocessed text.
 */
static void parse_original(struct ac_parser *P, uint32_t cpp_offset, uint32_t cpp_end,
			   int definition)
{
	struct ac_source *orig = P->src->orig;
	P->keep_scratch = true; /* what the second look builds lasts */
	uint32_t start;
	bool expanded = false; /* a macro of its head is more than attributes */
	if (!orig)
		return;
	uint32_t end = cpp_offset;
	const char *t = P->src->text;
	while (end < P->src->len && (t[end] == '_' || (t[end] >= 'a' && t[end] <= 'z') ||
				     (t[end] >= 'A' && t[end] <= 'Z') ||
				     (t[end] >= '0' && t[end] <= '9')))
		end++;
	if (end == cpp_offset)
		end++;
	if (!ac_source_map_to_orig(P->src, cpp_offset, end, &start) && P->unit->stress) {
		/* --stress-resume: such a function stays as it is */
		ac_diag_at(P->diag, P->src, AC_NOTE, cpp_offset, end,
			   "not made resumable: its definition begins inside a "
			   "macro%s", "");
		P->unit->nskipped += definition != 0;
		return;
	}
	if (!ac_source_map_to_orig(P->src, cpp_offset, end, &start) &&
	    !head_in_macro(P, orig, cpp_offset, cpp_end, &start, &expanded)) {
		if (word_spliced(P, orig, cpp_offset, end)) {
			ac_parser_error_at(P, cpp_offset, end,
				"'%.*s' is split by a backslash-newline here: "
				"asyncc reads an async declaration's words as written; "
				"join the lines", (int)(end - cpp_offset), t + cpp_offset);
			return;
		}
		ac_parser_error_at(P, cpp_offset, cpp_offset + 1,
			"asyncc cannot find the original text of this async "
			"declaration: does it begin inside a macro? (In a .ca "
			"file, write 'async T'; AC_ASYNC(T) is for headers.)");
		return;
	}
	P->unit->macro_attr_text = orig;
	if (!expanded)
		align_head(P, orig, start, cpp_offset, cpp_end, true, false);
	struct ac_func *f;
	if (!definition) {
		parse_declaration_original(P, orig, start, cpp_offset, cpp_end, expanded);
		return;
	}
	char why[WHY_LEN] = "its text is not C until its macros expand";
	struct seen seen;
	if (expanded)
		snprintf(why, sizeof why, "a macro in its head expands to more than attributes");
	if (!expanded && parse_one(P, orig, start, true, &f, &seen) == 0) {
		const char *d = f ? body_directive(orig, f->loc) : NULL;
		snprintf(why, sizeof why, "%s%s%s", d ? "a #" : "a macro holds an await",
			 d ? d : "", d ? " in its body" : "");
		/* an await a macro hides would be lost, or a macro would not
		 * see a local: translate the expansion */
		if (!f || (f->nawaits + f->nunevaluated == definition - 1 &&
			   !macros_need_expansion(P, orig, f, why) &&
			   !macros_hide_locals(P->unit, orig, P->src, cpp_offset, cpp_end, f,
					       why) &&
			   !await_in_macro_argument(orig, f, P->src, cpp_offset, cpp_end, why) &&
			   !macros_make_more(P, &seen, why) &&
			   !macros_name_callees(&seen, why) &&
			   !macros_in_types_name_positions(P, orig, f, why) &&
			   !names_counter(P, orig, f, why) &&
			   !directives_split_statements(orig, f, why) &&
			   !macros_make_names(P, orig, f, cpp_offset, cpp_end, why) &&
			   !macros_resize_arrays(P->unit, orig, f, P->src, cpp_offset, cpp_end,
						 why))) {
			if (f) /* (the original's uses in an #if group it skips are none) */
				f->names_in_macros =
					count_words(NULL, P->src->text, cpp_offset, cpp_end,
						    is_func_name) >
					count_words(&(struct active){ P->unit, orig }, orig->text,
						    f->loc.start, f->loc.end, is_func_name) ||
					count_words(NULL, P->src->text, cpp_offset, cpp_end,
						    is_builtin_function) > 0;
			return;
		}
		P->unit->funcs_tail = &P->unit->funcs; /* drop it again */
		while (*P->unit->funcs_tail && *P->unit->funcs_tail != f)
			P->unit->funcs_tail = &(*P->unit->funcs_tail)->next;
		*P->unit->funcs_tail = NULL;
	}
	/* Fall back to the expanded text. */
	if (parse_one(P, P->src, cpp_offset, false, &f, NULL) != 0 || !f) {
		P->nerrors++;
		return;
	}
	f->text = P->src;
	f->names_in_macros = count_words(NULL, P->src->text, f->loc.start, f->loc.end,
					 is_builtin_function) > 0;
	f->orig_loc.start = start;
	struct ac_position last = ac_source_position(P->src, f->loc.end - 1);
	uint32_t ls, len;
	ac_source_line_span(orig, ac_source_line_offset(orig, last.line), &ls, &len);
	f->orig_loc.end = body_end_on_line(orig, start, ls, ls + len);
	if (f->orig_loc.end == ls || f->orig_loc.end <= start) {
		/* the body is a macro's: the whole line, if the definition
		 * begins it (not inside a macro's arguments: F(int, f)) */
		uint32_t sls, slen, i;
		ac_source_line_span(orig, start, &sls, &slen);
		for (i = sls; i < start && (orig->text[i] == ' ' || orig->text[i] == '\t'); i++)
			;
		if (i < start) {
			P->unit->funcs_tail = &P->unit->funcs; /* drop it again */
			while (*P->unit->funcs_tail && *P->unit->funcs_tail != f)
				P->unit->funcs_tail = &(*P->unit->funcs_tail)->next;
			*P->unit->funcs_tail = NULL;
			if (P->unit->stress) {
				uint32_t word = start;
				while (word < orig->len && ac_is_ident_char(orig->text[word]))
					word++;
				ac_diag_at(P->diag, orig, AC_NOTE, start, word > start ? word : start + 1,
					   "'%s' not made resumable: its definition is made by "
					   "a macro", f->proto->name);
				P->unit->nskipped++;
			} else
				ac_parser_error_at(P, cpp_offset, cpp_offset + 1, "async "
					"function '%s' is defined by a macro: asyncc cannot "
					"replace its text", f->proto->name);
			return;
		}
		f->orig_loc.end = ls + len;
	}
	uint32_t at = word_in_text(orig->text, start, f->orig_loc.end, f->proto->name);
	size_t n = at < f->orig_loc.end ? strlen(f->proto->name) : 1;
	if (at >= f->orig_loc.end)
		at = start; /* (a name a macro makes: at the definition) */
	ac_diag_at(P->diag, orig, AC_NOTE, at, at + (uint32_t)n,
		   "'%s' uses macros asyncc cannot translate unexpanded (%s): "
		   "translated from its preprocessed text", f->proto->name, why);
}

/* ... with the names the preprocessed parse gave its declarators, which
 * the parse of the text gives them too: a macro may rename a function
 * (`#define work real_work`), and the compiler sees the new name. */
void ac_parse_original(struct ac_parser *P, uint32_t cpp_offset, uint32_t cpp_end,
		       int definition)
{
	size_t n = definition ? P->def_name != NULL : P->ntop_decls;
	const char **names = calloc(n + 1, sizeof *names);
	if (!names)
		abort();
	for (size_t i = 0; i < n; i++)
		names[i] = definition ? P->def_name : P->top_decls[i]->name;
	P->cpp_names = names;
	P->ncpp_names = n;
	parse_original(P, cpp_offset, cpp_end, definition);
	P->cpp_names = NULL;
	P->ncpp_names = 0;
	free(names);
}

/* ------------------------------------------------- conditional groups */

void ac_unit_mark_active_lines(struct ac_unit *u, struct ac_source *pre,
			       size_t orig_lines)
{
	u->nactive_lines = orig_lines + 2;
	u->active_lines = calloc(u->nactive_lines, 1);
	if (!u->active_lines)
		abort();
	const char *t = pre->text, *end = t + pre->len, *main = NULL;
	size_t main_len = 0, line = 1;
	bool in_main = true;
	for (const char *l = t; l < end;) {
		const char *nl = memchr(l, '\n', (size_t)(end - l));
		const char *e = nl ? nl : end;
		if (e - l > 2 && l[0] == '#' && l[1] == ' ' && l[2] >= '0' && l[2] <= '9') {
			line = strtoul(l + 2, NULL, 10);
			const char *q = memchr(l, '"', (size_t)(e - l));
			const char *qe = q ? memchr(q + 1, '"', (size_t)(e - q - 1)) : NULL;
			if (q && qe) {
				if (!main) {
					main = q + 1;
					main_len = (size_t)(qe - q - 1);
				}
				in_main = (size_t)(qe - q - 1) == main_len &&
					  !memcmp(q + 1, main, main_len);
			}
		} else {
			const char *c = l;
			while (c < e && (*c == ' ' || *c == '\t' || *c == '\r'))
				c++;
			if (c < e && in_main && line < u->nactive_lines)
				u->active_lines[line] = 1;
			line++;
		}
		l = nl ? nl + 1 : end;
	}
}

/* The first #include or #line in `l` of `src` ("include", "line"), or NULL:
 * what brings in text the function's own does not show. */
static const char *body_directive(const struct ac_source *src, struct ac_loc l)
{
	const char *t = src->text;
	for (uint32_t i = l.start; i < l.end; i++) {
		if (t[i] != '#' || (i > l.start && t[i - 1] != '\n' && t[i - 1] != ' ' &&
				    t[i - 1] != '\t'))
			continue;
		uint32_t b = i;
		while (b > l.start && (t[b - 1] == ' ' || t[b - 1] == '\t'))
			b--;
		if (b > l.start && t[b - 1] != '\n')
			continue; /* not at a line's start */
		const char *w;
		size_t n = directive_name(t + i, l.end - i, &w);
		if (is_name(w, n, "include"))
			return "include";
		if (is_name(w, n, "line"))
			return "line";
	}
	return NULL;
}

/* The directive's name: "if", "ifdef", "else", ... */
static size_t directive_name(const char *text, size_t len, const char **name)
{
	const char *s = text, *e = text + len;
	while (s < e && (*s == ' ' || *s == '\t' || *s == '#'))
		s++;
	const char *w = s;
	while (s < e && *s >= 'a' && *s <= 'z')
		s++;
	*name = w;
	return (size_t)(s - w);
}

static bool is_name(const char *w, size_t n, const char *want)
{
	return n == strlen(want) && !memcmp(w, want, n);
}

/* Does the branch that starts after the directive at `offset` hold a line
 * that produced tokens in the preprocessor's output? */
static bool branch_active(struct ac_parser *P, uint32_t offset)
{
	struct ac_source *src = P->src;
	uint8_t *active = P->unit->active_lines;
	uint32_t line = ac_source_position(src, offset).phys_line;
	int depth = 0;
	for (uint32_t l = line + 1;; l++) {
		uint32_t at = ac_source_line_offset(src, l);
		if (at >= src->len)
			return false;
		const char *s = src->text + at;
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '#') {
			const char *w;
			size_t n = directive_name(s, strlen(s), &w);
			if (is_name(w, n, "if") || is_name(w, n, "ifdef") || is_name(w, n, "ifndef"))
				depth++;
			else if (is_name(w, n, "endif") && depth-- == 0)
				return false;
			else if ((is_name(w, n, "else") || is_name(w, n, "elif")) && depth == 0)
				return false;
			continue;
		}
		if (l < P->unit->nactive_lines && active[l])
			return true;
	}
}

static void push_group(struct ac_parser *P, bool taken)
{
	if (P->ncond == P->capcond) {
		P->capcond = P->capcond ? 2 * P->capcond : 8;
		P->cond_taken = realloc(P->cond_taken, P->capcond * sizeof *P->cond_taken);
		if (!P->cond_taken)
			abort();
	}
	P->cond_taken[P->ncond++] = taken;
}

/*
 * In the original text of an async function, only the branches of #if groups
 * that the preprocessor kept are parsed; the others are skipped like
 * comments (and copied to the output as they are, directives and all).
 */
/* #pragma pack(N) or pack(push, N): does the directive `text` set a
 * packing?  (pack(), pack(push), pack(pop) only go back to one, as
 * <asyncc.h> does.) */
static bool is_pack_pragma(const char *w, size_t n, const char *end)
{
	if (!is_name(w, n, "pragma"))
		return false;
	const char *s = w + n;
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	if (end - s < 5 || memcmp(s, "pack", 4) || (isalnum((unsigned char)s[4]) || s[4] == '_'))
		return false;
	for (s += 4; s < end && *s != ')'; s++)
		if (isdigit((unsigned char)*s))
			return true;
	return false;
}

bool ac_parser_directive(struct ac_parser *P, const char *text, size_t len,
			 uint32_t offset)
{
	const char *w;
	size_t n = directive_name(text, len, &w);
	if (is_pack_pragma(w, n, text + len))
		P->unit->packs = true;
	if (!P->unit->active_lines || P->mode != AC_PARSE_FUNCTION)
		return false;
	if (is_name(w, n, "if") || is_name(w, n, "ifdef") || is_name(w, n, "ifndef")) {
		bool active = branch_active(P, offset);
		push_group(P, active);
		P->skip_depth = 0;
		return !active;
	}
	if (is_name(w, n, "elif") || is_name(w, n, "else")) {
		if (P->ncond == 0)
			return false;
		P->skip_depth = 0;
		return true; /* an earlier branch was the active one */
	}
	if (is_name(w, n, "endif") && P->ncond > 0)
		P->ncond--;
	return false;
}

bool ac_parser_skipped_directive(struct ac_parser *P, const char *text,
				 size_t len, uint32_t offset)
{
	const char *w;
	size_t n = directive_name(text, len, &w);
	if (is_name(w, n, "if") || is_name(w, n, "ifdef") || is_name(w, n, "ifndef")) {
		P->skip_depth++;
		return true;
	}
	if (is_name(w, n, "endif")) {
		if (P->skip_depth > 0) {
			P->skip_depth--;
			return true;
		}
		if (P->ncond > 0)
			P->ncond--;
		return false;
	}
	if ((is_name(w, n, "elif") || is_name(w, n, "else")) && P->skip_depth == 0 &&
	    P->ncond > 0 && !P->cond_taken[P->ncond - 1] && branch_active(P, offset)) {
		P->cond_taken[P->ncond - 1] = true;
		return false;
	}
	return true;
}
