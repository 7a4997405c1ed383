/*
 * bodytypes.c - types declared in an async function's body that its
 * frame, at file scope, must name: copied or moved before the frame.
 */
#include "emitter.h"
#include "parser.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Types declared in the body that the frame needs (a local of the type
 * lives in it, or a value kept across an await has it) are declared before
 * the frame too, in one of two ways.
 *
 * A copy, for enumeration constants and typedef names of types the file
 * knows (values, and the same types under other names): declared again
 * under fresh names, which the frame's declarations use; the body keeps its
 * own declarations.
 *
 *   enum { N = 16 };                  enum { f__N = 16 };
 *   char buf[N];                      struct f__frame { ... char buf[f__N]; ... };
 *
 * A move, for struct, union and enum types (a copy would be another type):
 * declared before the frame by their own names, their definitions blanked
 * in the body, which names them as before.  A type without a tag gets one
 * (`struct ac_s1`), written where its body was.
 *
 *   struct pt { int x, y; } p;        struct pt { int x, y; };
 *   await g(); return p.x;            struct f__frame { ... struct pt p; ... };
 *                                     ...  struct pt /+ declared above +/ p;
 *
 * Either only where the frame's words mean what the body's do: the name is
 * declared once in the body, hides nothing visible where it is declared,
 * is no variable's name, and (for a move) the file defines no tag of its
 * name and no function before moved one; the definition names no variable
 * of the function, nor a type of the body that stays there.  What the frame
 * still names of the body is refused (ac_bodytypes_named).
 */
enum { KEEP, COPY, MOVE };

static struct ac_loc unit_of(const struct ac_func *f, const struct ac_local_type *t)
{
	struct ac_loc u = t->decl.end ? t->decl : t->spec;
	for (size_t j = 0; j < f->nlocal_types; j++) { /* the outermost holding it */
		const struct ac_local_type *o = &f->local_types[j];
		struct ac_loc w = o->decl.end ? o->decl : o->spec;
		if (w.end && w.start <= u.start && u.end <= w.end &&
		    w.end - w.start > u.end - u.start)
			u = w;
	}
	return u;
}

static bool within(struct ac_loc in, struct ac_loc l)
{
	return in.start <= l.start && l.end <= in.end && l.end > l.start;
}

static bool is_word(const char *t, uint32_t w, uint32_t n, const char *name)
{
	return name && strlen(name) == n && !memcmp(t + w, name, n);
}

/* Marks in `hit` the types of the body that [at, end) names: by a word,
 * or, for one without a tag, by holding its specifier (when `holding`).  Returns whether
 * it marked one it had not. */
static bool names_types(const struct ac_func *f, const char *t, uint32_t at, uint32_t end,
			bool *hit, bool holding)
{
	bool more = false;
	for (size_t k = 0; holding && k < f->nlocal_types; k++) {
		const struct ac_local_type *lt = &f->local_types[k];
		if (!hit[k] && !lt->name && within((struct ac_loc){ at, end }, lt->spec))
			hit[k] = more = true;
	}
	struct ac_words s = { .t = t, .at = at, .end = end };
	uint32_t w, n;
	while (ac_words_next(&s, &w, &n))
		for (size_t k = 0; k < f->nlocal_types && !s.member && !(t[w] >= '0' && t[w] <= '9'); k++)
			if (!hit[k] && is_word(t, w, n, f->local_types[k].name))
				hit[k] = more = true;
	return more;
}

/* Marks the types without a tag that the statement expressions in [at,
 * end) define: a temporary holding one's value has its type, which only a
 * tag names again.
 *
 *   ({ struct { int a; } q = { 1 }; q; }).a + await f()
 */
static void block_types(const struct ac_func *f, const char *t, uint32_t at, uint32_t end,
			bool *named)
{
	for (size_t k = 0; k < f->nstmt_exprs; k++) {
		struct ac_loc l = f->stmt_exprs[k]->loc;
		if (at <= l.start && l.end <= end)
			names_types(f, t, l.start, l.end, named, true);
	}
}

/* The types of the body that values kept across awaits may have: those
 * an awaiting statement names (its temporaries are typed by its operands)
 * or its statement expressions define, and those of compound literals,
 * which the frame holds.  (More than the frame needs costs only a type
 * declared before it.) */
static void values_types(const struct ac_func *f, const char *t, const struct ac_stmt *s,
			 bool *named)
{
	for (; s; s = s->next) {
		const struct ac_expr *e[3] = { s->e1, s->e2, s->e3 };
		for (int i = 0; i < 3; i++)
			if (e[i] && e[i]->has_await) {
				names_types(f, t, e[i]->loc.start, e[i]->loc.end, named, false);
				block_types(f, t, e[i]->loc.start, e[i]->loc.end, named);
			}
		if (s->kind == ST_DECL && s->has_await) {
			names_types(f, t, s->loc.start, s->loc.end, named, false);
			block_types(f, t, s->loc.start, s->loc.end, named);
		}
		values_types(f, t, s->init, named);
		values_types(f, t, s->els, named);
		if (s->kind != ST_DECL)
			values_types(f, t, s->body, named);
	}
}

static void literal_types(const struct ac_func *f, const char *t, bool *named)
{
	for (uint32_t i = f->body_loc.start; i < f->body_loc.end; i++) {
		if (ac_bracket(t + i) != '{')
			continue;
		uint32_t close = i; /* `( type ) {` */
		while (close > f->body_loc.start && ac_is_space(t[close - 1]))
			close--;
		if (close == f->body_loc.start || t[close - 1] != ')')
			continue;
		uint32_t open = close - 1;
		for (int depth = 0; open > f->body_loc.start; open--)
			if (t[open] == ')')
				depth++;
			else if (t[open] == '(' && --depth == 0)
				break;
		uint32_t b = open; /* not `if (c) {`, `FOR_EACH(x) {` */
		while (b > f->body_loc.start && ac_is_space(t[b - 1]))
			b--;
		uint32_t w = b;
		while (w > f->body_loc.start && ac_is_ident_char(t[w - 1]))
			w--;
		if (w < b && !ac_word_is(t + w, b - w, "return") && !ac_word_is(t + w, b - w, "sizeof"))
			continue;
		names_types(f, t, open, close, named, true);
	}
}

/* Where a value goes in a type's text: in parentheses or brackets, or
 * after `=` or `:` (an enumerator's value, a bit-field's width) up to the
 * next `,`, `;` or brace; read one character at a time. */
struct value_pos {
	int depth;
	bool value;
};

static uint32_t value_pos_step(struct value_pos *p, const char *s)
{
	char c = ac_bracket(s) ? ac_bracket(s) : *s;
	if (c == '(' || c == '[')
		p->depth++;
	else if (c == ')' || c == ']')
		p->depth--;
	else if (c == '=' || c == ':')
		p->value = true;
	else if (c == ',' || c == ';' || c == '{' || c == '}')
		p->value = false;
	return (uint32_t)ac_bracket_len(s) - 1; /* a digraph's second byte */
}

/* Does [at, end), a type's definition, use a variable of the function (in
 * an array bound, a bit-field's width, an enumerator's value, sizeof or
 * typeof), or what only the function has? */
static bool names_function_things(const struct ac_func *f, const char *t, uint32_t at,
				  uint32_t end)
{
	struct value_pos p = { 0, false };
	for (uint32_t i = at; i < end; i++) {
		char c = t[i];
		if (c == '"' || c == '\'') {
			i = ac_text_skip_lexeme(t, i, end) - 1;
			continue;
		}
		uint32_t splice = ac_text_splice_at(t, i, end);
		if (splice && !(i > at && ac_is_ident_char(t[i - 1]) && splice < end &&
				ac_is_ident_char(t[splice]))) {
			i = splice - 1; /* between tokens: a blank */
			continue;
		}
		if (ac_is_hash(t + i) || c == '\\')
			return true; /* a directive, a splice in a word, a UCN: keep it simple */
		uint32_t more = value_pos_step(&p, t + i);
		if (more) {
			i += more;
			continue;
		}
		if (!ac_is_ident_char(c) || (i > at && ac_is_ident_char(t[i - 1])))
			continue;
		uint32_t j = i;
		while (j < end && ac_is_ident_char(t[j]))
			j++;
		uint32_t b = i; /* a member's name: after `.` or `->` */
		while (b > at && ac_is_space(t[b - 1]))
			b--;
		bool member = b > at && (t[b - 1] == '.' || (t[b - 1] == '>' && b - 1 > at &&
							      t[b - 2] == '-'));
		if (ac_word_is(t + i, j - i, "await") || ac_word_is(t + i, j - i, "__func__") ||
		    ac_word_is(t + i, j - i, "__FUNCTION__") ||
		    ac_word_is(t + i, j - i, "__PRETTY_FUNCTION__"))
			return true;
		for (const struct ac_var *v = f->vars; v && !member && (p.depth > 0 || p.value); v = v->next)
			if (ac_word_is(t + i, j - i, v->name))
				return true;
		i = j - 1;
	}
	return false;
}

/* Does the pragma text [w, end) (after `#pragma`, or in `_Pragma("`)
 * leave the layout of types alone: a diagnostic's, a loop's, a message? */
static bool layout_free_pragma(const char *w, const char *end)
{
	static const char *const names[][2] = { { "GCC", "diagnostic" },
		{ "clang", "diagnostic" }, { "message", NULL }, { "STDC", NULL } };
	return ac_is_loop_pragma(w, end) ||
	       ac_pragma_is(w, end, names, sizeof names / sizeof *names);
}

/* Is there in [at, end) of the body a `#pragma` or `_Pragma` that may
 * change the layout of a type defined after it (`#pragma pack(1)`,
 * `scalar_storage_order`, any asyncc does not know)?  Before the frame,
 * at file scope, the type would be laid out without it. */
static bool pragma_before(const char *t, uint32_t at, uint32_t end)
{
	bool line_start = true;
	for (uint32_t i = at; i < end; i++) {
		char c = t[i];
		if (c == '"' || c == '\'' || (c == '/' && i + 1 < end &&
					       (t[i + 1] == '*' || t[i + 1] == '/'))) {
			i = ac_text_skip_lexeme(t, i, end) - 1;
			line_start = false;
			continue;
		}
		if (c == '\n') {
			line_start = true;
			continue;
		}
		if (ac_is_space(c))
			continue;
		uint32_t w = i + 1, e;
		if (c == '#' && line_start) { /* `# pragma words`, to the line's end */
			while (w < end && (t[w] == ' ' || t[w] == '\t'))
				w++;
			for (e = w; e < end && ac_is_ident_char(t[e]); e++)
				;
			if (ac_word_is(t + w, e - w, "pragma")) {
				uint32_t le = e;
				while (le < end && t[le] != '\n')
					le++;
				if (!layout_free_pragma(t + e, t + le))
					return true;
			}
		} else if (c == '_' && (i == at || !ac_is_ident_char(t[i - 1])) &&
			   end - i > 7 && !memcmp(t + i, "_Pragma", 7) &&
			   !ac_is_ident_char(t[i + 7])) {
			for (w = i + 7; w < end && (ac_is_space(t[w]) || t[w] == '('); w++)
				;
			if (w >= end || t[w] != '"')
				return true; /* (a macro's argument, say: unknown) */
			for (e = ++w; e < end && t[e] != '"' && t[e] != '\n'; e++)
				;
			if (!layout_free_pragma(t + w, t + e))
				return true;
		}
		line_start = false;
	}
	return false;
}

/* Do the tag declarations `a` and `b` of the body declare one type: one
 * a forward declaration (`struct node;`) in the block of the other (no
 * brace or parenthesis between them opens or closes that block)? */
static bool one_type(const char *t, const struct ac_local_type *a,
		     const struct ac_local_type *b)
{
	if (!a->forward && !b->forward)
		return false;
	uint32_t from = a->loc.start < b->loc.start ? a->loc.start : b->loc.start;
	uint32_t to = a->loc.start < b->loc.start ? b->loc.start : a->loc.start;
	int braces = 0, parens = 0;
	for (uint32_t i = from; i < to; i++) {
		char c = t[i];
		if (c == '"' || c == '\'' || (c == '/' && i + 1 < to &&
					       (t[i + 1] == '*' || t[i + 1] == '/')))
			i = ac_text_skip_lexeme(t, i, to) - 1;
		else if ((c == '{' && ++braces < 0) || (c == '}' && --braces < 0) ||
			 (c == '(' && ++parens < 0) || (c == ')' && --parens < 0))
			return false;
	}
	return braces == 0 && parens == 0;
}

/* Why `lt`, whose definition is [u), may be neither copied nor moved
 * (`how`), or NULL. */
static const char *stuck_how(struct emitter *E, const struct ac_func *f,
			     const struct ac_local_type *lt, struct ac_loc u, int how)
{
	const char *t = E->src->text;
	if (lt->clash)
		return lt->tag ? "the file defines a tag of its name"
			       : "it hides a name declared outside it";
	if (lt->name) {
		for (size_t j = 0; j < f->nlocal_types; j++)
			if (&f->local_types[j] != lt && f->local_types[j].tag == lt->tag &&
			    f->local_types[j].name && !strcmp(f->local_types[j].name, lt->name) &&
			    !(lt->tag && one_type(t, lt, &f->local_types[j])))
				return lt->forward || f->local_types[j].forward
				       ? "its name is declared twice in the body, in two blocks: "
					 "a forward declaration declares another type there"
				       : "its name is declared twice in the body";
		for (const struct ac_var *v = f->vars; !lt->tag && v; v = v->next)
			if (!strcmp(v->name, lt->name))
				return "a variable of the function has its name";
		struct ac_name *n = ac_scopes_intern(&E->unit->scopes, lt->name, strlen(lt->name));
		if (how == MOVE && (lt->tag ? n->moved_tag : n->moved_ordinary))
			return "a type of its name was moved before another function";
	}
	if (names_function_things(f, t, u.start, u.end))
		return "its definition names a variable of the function";
	if (how == MOVE && pragma_before(t, f->body_loc.start, u.start))
		return "a #pragma before it in the body may change its layout, which a "
		       "declaration before the frame would not have";
	return NULL;
}

/* The end of the attributes after a struct's body, which are the type's
 * (`struct pt { ... } __attribute__((packed)) p;`), from `at`. */
static uint32_t after_attributes(const char *t, uint32_t at)
{
	for (;;) {
		uint32_t i = at;
		while (ac_is_space(t[i]))
			i++;
		if (strncmp(t + i, "__attribute", 11))
			return at;
		i += 11;
		while (ac_is_ident_char(t[i]) || ac_is_space(t[i]))
			i++;
		if (t[i] != '(')
			return at;
		int depth = 0;
		do {
			if (t[i] == '"' || t[i] == '\'') {
				i = ac_text_skip_lexeme(t, i, (uint32_t)strlen(t + i) + i);
				continue;
			}
			depth += t[i] == '(' ? 1 : t[i] == ')' ? -1 : 0;
			i++;
		} while (depth > 0 && t[i]);
		at = i;
	}
}

/* Blanks [start, end) of the text but its line breaks. */
static void blank(char *t, uint32_t start, uint32_t end)
{
	for (uint32_t i = start; i < end; i++)
		if (t[i] != '\n')
			t[i] = ' ';
}

/* Writes `w` into the blanked [start, end), where it holds it on one line
 * with a blank on each side (the first such place; only at `start` when
 * `first`).  Returns where it ends, or 0. */
static uint32_t write_in_blanks(char *t, uint32_t start, uint32_t end, const char *w,
				bool first)
{
	size_t n = strlen(w);
	for (uint32_t i = start; i + n + 2 <= end && (!first || i == start); i++) {
		if (memchr(t + i, '\n', n + 2) || (i > start && t[i - 1] != ' ' && t[i - 1] != '\n'))
			continue;
		memcpy(t + i + 1, w, n);
		return i + 1 + (uint32_t)n;
	}
	return 0;
}

/* Is the word at `w` of `text` where a value goes (struct value_pos),
 * not a member's or an enumerator's name? */
static bool in_value(const char *text, uint32_t w)
{
	struct value_pos p = { 0, false };
	for (uint32_t i = 0; i < w; i++) {
		if (text[i] == '"' || text[i] == '\'')
			i = ac_text_skip_lexeme(text, i, w) - 1;
		else
			i += value_pos_step(&p, text + i);
	}
	return p.depth > 0 || p.value;
}

/* `text` with each word naming a copied type of the body by its copy's
 * name (not members, `p.N`; with `values_only`, only where values go). */
static char *with_copies(struct emitter *E, const char *text, bool values_only)
{
	const struct ac_func *f = E->f;
	struct ac_strbuf b;
	ac_strbuf_init(&b);
	struct ac_words s = { .t = text, .at = 0, .end = (uint32_t)strlen(text) };
	uint32_t w, n, at = 0;
	while (ac_words_next(&s, &w, &n))
		for (size_t k = 0; k < f->nlocal_types && !s.member; k++)
			if (f->local_types[k].copy && !f->local_types[k].tag &&
			    is_word(text, w, n, f->local_types[k].name) &&
			    (!values_only || in_value(text, w))) {
				ac_strbuf_printf(&b, "%.*s%s", (int)(w - at), text + at,
						 f->local_types[k].copy);
				at = w + n;
				break;
			}
	ac_strbuf_printf(&b, "%s", text + at);
	char *r = ac_arena_strndup(E->arena, b.data ? b.data : "", b.len);
	ac_strbuf_free(&b);
	return r;
}

/* What goes before the frame for `m`: a copy with its names the copies',
 * or a type moved there, which keeps its own but names the copies of
 * others in its values. */
char *ac_bodytypes_def(struct emitter *E, const struct moved_type *m)
{
	return with_copies(E, m->def, m->end > m->start);
}

#define NOTE "/* declared above */"

static struct moved_type *new_moved(struct emitter *E, struct ac_loc u)
{
	AC_GROW(E->moved, E->capmoved, E->nmoved);
	struct moved_type *m = &E->moved[E->nmoved++];
	m->start = u.start;
	m->end = u.end;
	m->orig = ac_arena_strndup(E->arena, E->src->text + u.start, u.end - u.start);
	m->def = NULL;
	return m;
}

/* The copy of [u): enumeration constants (the enum's body, without its
 * tag) or a typedef, its names those of the copies.  The text stays. */
static void copy_unit(struct emitter *E, struct ac_func *f, struct ac_loc u)
{
	const char *t = E->src->text;
	for (size_t k = 0; k < f->nlocal_types; k++) {
		struct ac_local_type *lt = &f->local_types[k];
		if (within(u, lt->loc) && lt->name && !lt->tag)
			lt->copy = ac_names_fresh(E, ac_arena_printf(E->arena, "%s__%s",
								     f->proto->name, lt->name));
	}
	struct moved_type *m = new_moved(E, u);
	m->start = m->end = 0; /* (nothing blanked) */
	const struct ac_local_type *e = NULL;
	for (size_t k = 0; k < f->nlocal_types; k++)
		if (f->local_types[k].is_enum && f->local_types[k].tag && within(u, f->local_types[k].spec))
			e = &f->local_types[k];
	char *text = e ? ac_arena_printf(E->arena, "enum %.*s", (int)(e->body.end - e->body.start),
					 t + e->body.start)
		       : ac_arena_strndup(E->arena, t + u.start, u.end - u.start);
	size_t n = strlen(text);
	while (n && (ac_is_space(text[n - 1]) || text[n - 1] == ';'))
		text[--n] = '\0';
	m->def = text; /* (its names become the copies' in ac_bodytypes_named) */
	m->line = u.start;
}

/* Declares [u) before the frame by its own names, blanked in the body. */
static void move_unit(struct emitter *E, struct ac_func *f, struct ac_loc u)
{
	char *t = E->src->text;
	const struct ac_local_type *owner = NULL; /* the specifier the unit is */
	for (size_t k = 0; k < f->nlocal_types; k++)
		if (f->local_types[k].decl.end == 0 && f->local_types[k].spec.start == u.start &&
		    f->local_types[k].spec.end == u.end)
			owner = &f->local_types[k];
	if (owner) /* (its attributes go with it) */
		u.end = after_attributes(t, u.end);
	struct moved_type *m = new_moved(E, u);
	m->line = u.start;
	if (!owner) { /* `typedef struct { ... } cell;`, `struct pt { ... };` */
		uint32_t end = u.end;
		while (end > u.start && (ac_is_space(t[end - 1]) || t[end - 1] == ';'))
			end--;
		m->def = ac_arena_strndup(E->arena, t + u.start, end - u.start);
		blank(t, u.start, u.end); /* an empty statement stays */
		if (!write_in_blanks(t, u.start - 1, u.end, NOTE ";", true))
			t[u.start] = ';';
	} else if (owner->name) { /* `struct pt { ... } p;`: `struct pt p;` stays */
		m->def = m->orig;
		blank(t, owner->body.start, u.end);
		write_in_blanks(t, owner->body.start - 1, u.end, NOTE, true);
	} else { /* `struct { ... } p;`: `struct ac_s1 p;` stays */
		char *tag = ac_names_fresh(E, ac_arena_printf(E->arena, "ac_s%d", ++E->nanon));
		m->def = ac_arena_printf(E->arena, "%.*s%s %.*s", (int)(owner->body.start - u.start),
					 t + u.start, tag, (int)(u.end - owner->body.start),
					 t + owner->body.start);
		blank(t, owner->body.start, u.end);
		uint32_t at = write_in_blanks(t, owner->body.start - 1, u.end, tag, false);
		if (!at) { /* (no room for the tag: it stays) */
			memcpy(t + u.start, m->orig, u.end - u.start);
			E->nmoved--;
			return;
		}
		write_in_blanks(t, at, u.end, NOTE, true);
	}
	for (size_t k = 0; k < f->nlocal_types; k++) {
		struct ac_local_type *lt = &f->local_types[k];
		if (!within(u, lt->loc) && !(lt->spec.end && within(u, lt->spec)))
			continue;
		lt->moved = true;
		if (lt->name) {
			struct ac_name *n = ac_scopes_intern(&E->unit->scopes, lt->name, strlen(lt->name));
			if (lt->tag)
				n->moved_tag = 1;
			else
				n->moved_ordinary = 1;
		}
	}
}

/* Is `v` declared `__auto_type`, with an initializer that gives its type? */
static bool auto_typed(const char *t, const struct ac_var *v)
{
	if (!v->decl->init)
		return false;
	struct ac_words s = { .t = t, .at = v->dspec->loc.start, .end = v->dspec->loc.end };
	uint32_t w, n;
	while (ac_words_next(&s, &w, &n))
		if (is_word(t, w, n, "__auto_type"))
			return true;
	return false;
}

/* Can [u) be a copy: only constants and typedef names of it are named
 * (`named`), and a typedef of it defines no type of its own? */
static bool copyable(const struct ac_func *f, struct ac_loc u, const bool *named)
{
	bool body = false;
	for (size_t k = 0; k < f->nlocal_types; k++) {
		const struct ac_local_type *lt = &f->local_types[k];
		if (!within(u, lt->loc) && !(lt->spec.end && within(u, lt->spec)))
			continue;
		if (lt->tag && !lt->is_enum)
			return false; /* a struct or union */
		if (lt->tag && named[k])
			return false; /* the enum's type */
		body |= lt->tag;
	}
	for (size_t k = 0; k < f->nlocal_types; k++) /* `typedef enum { A } kind;` */
		if (body && !f->local_types[k].tag && named[k] && !f->local_types[k].is_enum &&
		    within(u, f->local_types[k].loc))
			return false;
	return true;
}

void ac_bodytypes_move(struct emitter *E, struct ac_func *f)
{
	E->nmoved = 0;
	E->f = f;
	size_t n = f->nlocal_types;
	if (!n)
		return;
	const char *t = E->src->text;
	bool *named = calloc(n, sizeof *named);
	bool *names = calloc(n * n, sizeof *names); /* names[k * n + j]: k's unit names j */
	int *how = calloc(n, sizeof *how);
	if (!named || !names || !how)
		ac_out_of_memory();
	/* what the frame's locals name, through typeof too, and what the
	 * definitions of those name */
	values_types(f, t, f->body, named);
	literal_types(f, t, named);
	for (bool more = true; more;) {
		more = false;
		for (const struct ac_var *v = f->vars; v; v = v->next) {
			if (v->is_static || v->param || !v->decl || !(v->in_frame || v->spilled))
				continue;
			const struct ac_declarator *d = v->decl->decl;
			more |= names_types(f, t, v->dspec->loc.start, v->dspec->loc.end, named, true);
			more |= names_types(f, t, d->loc.start, d->loc.end, named, true);
			if (auto_typed(t, v)) /* typed by its initializer */
				more |= names_types(f, t, v->decl->init_loc.start,
						    v->decl->init_loc.end, named, true);
		}
		for (size_t k = 0; k < n; k++)
			if (named[k]) {
				struct ac_loc u = unit_of(f, &f->local_types[k]);
				more |= names_types(f, t, u.start, u.end, named, false);
			}
	}
	for (size_t k = 0; k < n; k++) {
		struct ac_local_type *lt = &f->local_types[k];
		struct ac_loc u = unit_of(f, lt);
		names_types(f, t, u.start, u.end, names + k * n, false);
		if (!named[k])
			continue;
		how[k] = copyable(f, u, named) ? COPY : MOVE;
		lt->stuck = stuck_how(E, f, lt, u, how[k]);
	}
	/* a unit moves or is copied whole, with all it names */
	for (bool changed = true; changed;) {
		changed = false;
		for (size_t k = 0; k < n; k++) {
			struct ac_local_type *lt = &f->local_types[k];
			struct ac_loc u = unit_of(f, lt);
			for (size_t j = 0; j < n && named[k] && !lt->stuck; j++) {
				struct ac_loc w = unit_of(f, &f->local_types[j]);
				bool same = w.start == u.start && w.end == u.end;
				/* (a moved type names a copy in its values only:
				 * `struct s { T a[N]; }` moves typedef T with it) */
				bool typedef_named = names[j * n + k] && named[j] && !lt->tag &&
						     !lt->is_enum && !f->local_types[j].stuck;
				if ((same || typedef_named) && how[j] == MOVE && how[k] == COPY) {
					how[k] = MOVE;
					lt->stuck = stuck_how(E, f, lt, u, MOVE);
					changed = true;
				}
				if (f->local_types[j].stuck && (same || names[k * n + j])) {
					lt->stuck = "it names a type of the body that stays there";
					changed = true;
				}
			}
		}
	}
	for (size_t k = 0; k < n; k++) {
		struct ac_local_type *lt = &f->local_types[k];
		if (!named[k] || lt->stuck || lt->moved || lt->copy)
			continue;
		struct ac_loc u = unit_of(f, lt);
		if (how[k] == COPY)
			copy_unit(E, f, u);
		else
			move_unit(E, f, u);
	}
	free(named);
	free(names);
	free(how);
	/* in the order of the text: a definition names those before it */
	for (size_t i = 1; i < E->nmoved; i++)
		for (size_t j = i; j > 0 && E->moved[j].line < E->moved[j - 1].line; j--) {
			struct moved_type x = E->moved[j];
			E->moved[j] = E->moved[j - 1];
			E->moved[j - 1] = x;
		}
}

/* The `{` of a type `v`'s declaration defines that the frame cannot
 * repeat as the same type: a struct, union or enum without a tag that
 * did not move, or (`*literal`) a compound literal in a typeof whose list
 * is not constant, which file scope wants (`typeof((int[]){ 1, 2 }) v;`
 * is fine).  Or NULL. */
static const char *own_type(struct emitter *E, const struct ac_func *f,
			    const struct ac_var *v, bool *literal)
{
	if (!v->dspec)
		return NULL;
	const char *brace = NULL;
	*literal = false;
	if (v->typed_by_block) { /* `__typeof__(({ ... }))`: a type without a
				    tag defined in the block, left there */
		for (size_t k = 0; k < f->nlocal_types; k++)
			if (!f->local_types[k].moved && f->local_types[k].spec.end &&
			    within(v->dspec->loc, f->local_types[k].spec) && !brace)
				brace = E->src->text + f->local_types[k].body.start;
		return brace;
	}
	for (uint32_t i = v->dspec->loc.start; i < v->dspec->loc.end && !brace; i++)
		if (ac_bracket(E->src->text + i) == '{')
			brace = E->src->text + i;
	*literal = true;
	for (size_t k = 0; k < f->nlocal_types; k++)
		if (!f->local_types[k].moved && f->local_types[k].spec.end &&
		    within(v->dspec->loc, f->local_types[k].spec))
			*literal = false;
	if (brace && *literal && ac_frame_constant_list(E, (struct ac_loc){
		(uint32_t)(brace - E->src->text), v->dspec->loc.end }))
		return NULL;
	return brace;
}

/* What keeps a function --stress-resume would make resumable as it was:
 * a local the frame holds whose type names one of the body's that is not
 * declared before the frame, or NULL.  (An async function is refused at
 * the local: ac_bodytypes_named.) */
const char *ac_bodytypes_stuck(struct emitter *E, const struct ac_func *f)
{
	const char *t = E->src->text;
	bool *hit = calloc(f->nlocal_types + 1, sizeof *hit);
	if (!hit)
		ac_out_of_memory();
	const char *why = NULL;
	for (const struct ac_var *v = f->vars; v && !why; v = v->next) {
		if (v->is_static || v->param || !v->decl || !(v->in_frame || v->spilled))
			continue;
		const struct ac_declarator *d = v->decl->decl;
		bool literal;
		if (own_type(E, f, v, &literal))
			why = literal ? "its frame would name a compound literal's type whose "
					"list is not constant"
				      : "its frame would name a type defined in a local's declaration";
		names_types(f, t, v->dspec->loc.start, v->dspec->loc.end, hit, true);
		names_types(f, t, d->loc.start, d->loc.end, hit, true);
		for (size_t k = 0; k < f->nlocal_types && !why; k++) {
			const struct ac_local_type *lt = &f->local_types[k];
			if (hit[k] && !lt->moved && !lt->copy)
				why = ac_arena_printf(E->arena, "its frame would name %s%s%s%s%s",
					lt->name ? "'" : "a type defined in a local's declaration",
					lt->name ? lt->name : "", lt->name ? "', declared in its body" : "",
					lt->stuck ? ": " : "", lt->stuck ? lt->stuck : "");
		}
	}
	free(hit);
	return why;
}

/* The body's text as it was. */
void ac_bodytypes_restore(struct emitter *E)
{
	for (size_t i = 0; i < E->nmoved; i++)
		if (E->moved[i].end > E->moved[i].start)
			memcpy(E->src->text + E->moved[i].start, E->moved[i].orig,
			       E->moved[i].end - E->moved[i].start);
}

/* The type of the body that `text` names and the frame cannot, or NULL. */
static const struct ac_local_type *local_type_in(const struct ac_func *f, const char *text)
{
	struct ac_words s = { .t = text, .at = 0, .end = (uint32_t)strlen(text) };
	uint32_t w, n;
	while (ac_words_next(&s, &w, &n))
		for (size_t k = 0; k < f->nlocal_types && !s.member && !(text[w] >= '0' && text[w] <= '9'); k++)
			if (!f->local_types[k].moved && !f->local_types[k].copy &&
			    is_word(text, w, n, f->local_types[k].name))
				return &f->local_types[k];
	return NULL;
}

/*
 * A declaration that goes into the frame or at the top of the step
 * function, outside the body, for `v` (or a temporary when NULL): its
 * words that name copies of the body's types (see above) name the copies;
 * a type of the body it still names makes the function refused (once).
 */
char *ac_bodytypes_named(struct emitter *E, const char *decl, const struct ac_var *v)
{
	struct ac_func *f = E->f;
	const struct ac_local_type *t = local_type_in(f, decl);
	bool literal = false;
	const char *brace = !t && v ? own_type(E, f, v, &literal) : NULL;
	if (!f->nlocal_types && !brace)
		return (char *)decl;
	if ((!t && !brace) || E->named_local_type)
		return with_copies(E, decl, false);
	E->named_local_type = true; /* (reported once) */
	const char *fn = f->proto->name;
	const char *why = t && t->stuck ? t->stuck : NULL;
	struct ac_loc at = v ? (v->param ? v->param->decl : v->decl->decl)->name_loc : t->loc;
	if (brace && literal)
		ac_diag_at(E->diag, E->src, AC_ERROR, at.start, at.end,
			   "async function '%s' cannot be made resumable: '%s' lives in its frame "
			   "(at file scope) and its type is a compound literal's whose list is "
			   "not constant, which the frame cannot name: write the type", fn, v->name);
	else if (brace)
		ac_diag_at(E->diag, E->src, AC_ERROR, at.start, at.end,
			   "async function '%s' cannot be made resumable: '%s' lives in its frame "
			   "(at file scope) and its type is defined in its declaration, which "
			   "the frame cannot repeat: declare the type at file scope", fn, v->name);
	else if (v)
		ac_diag_at(E->diag, E->src, AC_ERROR, at.start, at.end,
			   "async function '%s' cannot be made resumable: '%s' lives in its frame "
			   "(at file scope) and its type names '%s', declared in its body%s%s%s: "
			   "declare '%s' at file scope", fn, v->name, t->name,
			   why ? ", which cannot be declared before the frame (" : "",
			   why ? why : "", why ? ")" : "", t->name);
	else
		ac_diag_at(E->diag, E->src, AC_ERROR, at.start, at.end,
			   "async function '%s' cannot be made resumable: a value it keeps "
			   "outside its body (across an await) has a type that names '%s', "
			   "declared in its body%s%s%s: declare '%s' at file scope", fn, t->name,
			   why ? ", which cannot be declared before the frame (" : "",
			   why ? why : "", why ? ")" : "", t->name);
	if (t && v)
		ac_diag_at(E->diag, E->src, AC_NOTE, t->loc.start, t->loc.end,
			   "'%s' is declared here", t->name);
	E->nerrors++;
	return (char *)decl;
}
