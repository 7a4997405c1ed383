/*
 * emit.c - the generated C file.
 *
 * Everything outside async functions is copied byte for byte.  Each async
 * function becomes:
 *
 *   struct NAME__frame { ac_task hdr; T result; saved locals...; union aw; };
 *   NAME__init()  - fills a frame in place (the caller's frame embeds it)
 *   NAME()        - a heap task, for plain C callers and stored tasks
 *   NAME__step()  - the body, resumed by a switch that jumps to ac_L<line>
 *
 * Inside the step function the user's statements are kept as written; only
 * statements holding an await are restructured, and locals live across a
 * suspension are saved into the frame before it and restored after it.
 */
#define _GNU_SOURCE
#include "emit.h"
#include "analyze.h"
#include "parser.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
#define TRES "\001P"   /* F->aw.task->result */

struct wordset {
	struct word { const char *s; uint32_t n; } *slots;
	size_t cap, len;
};

struct loop_ctx {
	struct loop_ctx *up;
	bool is_switch;
	const char *cont;       /* label continue must jump to, or NULL */
	bool cont_used;
};

struct temp {
	struct temp *next;
	char *name;
	const char *type;       /* member declaration with %s for the name */
	uint64_t *spilled_at;   /* points where it is saved (bitset by point) */
	bool spilled;
};

/* A compound literal moved into the frame. */
struct literal {
	struct literal *next;
	char *decl;
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
	const char *fname;       /* NAME of NAME__frame, NAME__step */
	bool stress;
	bool dirty;              /* generated lines since the last #line */
	struct loop_ctx *loops;
	struct temp *temps, **temps_tail;
	int ntemps;
	struct temp **live_temps; /* temps of the statement being lowered */
	int nlive_temps, caplive;
	int live_base;           /* temporaries live around a statement expression */
	int nconts;
	bool has_return;
	bool heap_await;         /* some await needs a heap callee */
	struct ac_strbuf aw;     /* members of the callee-frame union */
	bool typing;             /* rendering for a __typeof__ at file scope */
	struct ac_strbuf *mapped_buf; /* where the last #line went, */
	size_t mapped_at;        /* ... just after it, */
	uint32_t mapped_line;    /* ... and the line it named */
	const char *mapped_file;
	struct wordset words;    /* every identifier of the input */
	struct wordset macros;   /* the macros it defines */
	struct literal *lits;    /* compound literals living in the frame */
	int nlits;
	const char *indent;
	uint32_t skip_to;        /* sync() consumed the source up to here */
	const char *cur_file;    /* preprocessed input: the logical file */
	struct ac_source *unit_src; /* the input (E->src may be its expansion) */
};

/* ------------------------------------------------------------- helpers */

static const char *text(struct emitter *E, struct ac_loc l)
{
	return ac_arena_strndup(E->arena, E->src->text + l.start, l.end - l.start);
}

static void error_at(struct emitter *E, struct ac_loc l, const char *fmt,
		     const char *arg)
{
	ac_diag_at(E->diag, E->src, AC_ERROR, l.start, l.end, fmt, arg);
	E->nerrors++;
}

static uint32_t line_of(struct emitter *E, uint32_t offset)
{
	struct ac_position p = ac_source_position(E->src, offset);
	E->cur_file = p.file;
	return p.line;
}

static void put(struct emitter *E, const char *s)
{
	ac_strbuf_puts(E->out, s);
}

static void putn(struct emitter *E, const char *s, size_t n)
{
	ac_strbuf_add(E->out, s, n);
}

static void line_directive(struct emitter *E, uint32_t line)
{
	if (!E->opt->line_directives)
		return;
	struct ac_strbuf *o = E->out;
	if (o->len && o->data[o->len - 1] == '\n') { /* replace a #line just made */
		size_t s = o->len - 1;
		while (s > 0 && o->data[s - 1] != '\n')
			s--;
		if (!strncmp(o->data + s, "#line ", 6))
			o->len = s;
	}
	if (E->unit_src->nmarkers) /* preprocessed input: its own marker form */
		ac_strbuf_printf(o, "# %u \"%s\"\n", line, E->cur_file);
	else
		ac_strbuf_printf(o, "#line %u \"%s\"\n", line, E->opt->line_file);
	E->mapped_buf = o;
	E->mapped_at = o->len;
	E->mapped_line = line;
	E->mapped_file = E->cur_file;
}

static void newline(struct emitter *E)
{
	struct ac_strbuf *o = E->out;
	while (o->len && (o->data[o->len - 1] == ' ' || o->data[o->len - 1] == '\t'))
		o->len--;
	if (o->len)
		o->data[o->len] = '\0';
	if (o->len && o->data[o->len - 1] != '\n')
		put(E, "\n");
}

/* Generated lines: on their own lines, indented like the statement. */
static void gen(struct emitter *E, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void gen(struct emitter *E, const char *fmt, ...)
{
	newline(E);
	put(E, E->indent);
	va_list ap;
	va_start(ap, fmt);
	char *s;
	if (vasprintf(&s, fmt, ap) < 0)
		abort();
	va_end(ap);
	put(E, s);
	free(s);
	put(E, "\n");
	E->dirty = true;
}

/* A generated line holding the user's text from `offset` follows: a #line,
 * so that gcc's messages and __LINE__ in it name the .ca line. */
static void user_line(struct emitter *E, uint32_t offset)
{
	newline(E);
	uint32_t line = line_of(E, offset);
	struct ac_strbuf *o = E->out;
	if (E->mapped_buf == o && E->mapped_at <= o->len && E->mapped_file == E->cur_file) {
		uint32_t now = E->mapped_line; /* the line the next one maps to */
		for (size_t i = E->mapped_at; i < o->len; i++)
			now += o->data[i] == '\n';
		if (now == line)
			return;
	}
	line_directive(E, line);
}

/* Before user text at `offset` that follows generated lines: a #line, and
 * padding so the text keeps its column. */
static void sync(struct emitter *E, uint32_t offset)
{
	if (!E->dirty)
		return;
	newline(E);
	uint32_t ls, len, i;
	ac_source_line_span(E->src, offset, &ls, &len);
	for (i = offset; i < ls + len && (E->src->text[i] == ' ' || E->src->text[i] == '\t'); i++)
		;
	if (i == ls + len) { /* only blanks up to the newline: resume after it */
		line_directive(E, line_of(E, offset) + 1);
		E->dirty = false;
		E->skip_to = i < E->src->len ? i + 1 : i;
		return;
	}
	line_directive(E, line_of(E, offset));
	for (uint32_t c = ls; c < offset; c++)
		put(E, E->src->text[c] == '\t' ? "\t" : " ");
	E->dirty = false;
}

static const char *indent_of(struct emitter *E, uint32_t offset)
{
	uint32_t ls, len, i;
	ac_source_line_span(E->src, offset, &ls, &len);
	for (i = ls; i < ls + len && (E->src->text[i] == ' ' || E->src->text[i] == '\t'); i++)
		;
	return ac_arena_printf(E->arena, "%.*s", (int)(i - ls), E->src->text + ls);
}


static char *clean(struct emitter *E, const char *s);
struct piece;
static void text_refs(struct emitter *E, struct ac_loc l, struct piece **p,
		      size_t *n, size_t *cap);
static char *splice(struct emitter *E, uint32_t start, uint32_t end,
		    struct piece *p, size_t n);

static char *type_text(struct emitter *E, struct ac_expr *e);
static long literal_elements(struct emitter *E, uint32_t at, uint32_t end,
			     bool *string);
static bool mentions_word(const char *s, size_t n, const char *w);
static bool changes_type(const char *attr, size_t n);

static bool mentions_typeof(const char *s, size_t n)
{
	for (size_t i = 0; i + 6 <= n; i++)
		if (!memcmp(s + i, "typeof", 6) && (i == 0 || !ac_is_ident_char(s[i - 1]) ||
						    s[i - 1] == '_'))
			return true;
	return false;
}

static uint32_t word_hash(const char *s, uint32_t n)
{
	uint32_t h = 2166136261u;
	for (uint32_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static bool words_has(const struct wordset *w, const char *s, uint32_t n)
{
	if (!w->cap)
		return false;
	for (size_t i = word_hash(s, n) & (w->cap - 1);; i = (i + 1) & (w->cap - 1)) {
		if (!w->slots[i].s)
			return false;
		if (w->slots[i].n == n && !memcmp(w->slots[i].s, s, n))
			return true;
	}
}

static void words_add(struct wordset *w, const char *s, uint32_t n)
{
	if (2 * (w->len + 1) > w->cap) {
		struct wordset g = { NULL, w->cap ? 2 * w->cap : 1024, 0 };
		g.slots = calloc(g.cap, sizeof *g.slots);
		if (!g.slots)
			abort();
		for (size_t i = 0; i < w->cap; i++)
			if (w->slots[i].s)
				words_add(&g, w->slots[i].s, w->slots[i].n);
		free(w->slots);
		*w = g;
	}
	size_t i = word_hash(s, n) & (w->cap - 1);
	for (; w->slots[i].s; i = (i + 1) & (w->cap - 1))
		if (w->slots[i].n == n && !memcmp(w->slots[i].s, s, n))
			return;
	w->slots[i] = (struct word){ s, n };
	w->len++;
}

/* Every identifier-like word of `src` outside comments and literals; the
 * names it #defines also into `macros`. */
static void words_of(struct wordset *w, struct wordset *macros,
		     const struct ac_source *src, struct ac_loc range)
{
	const char *t = src->text;
	uint32_t n = range.end;
	for (uint32_t i = range.start; i < n;) {
		char c = t[i];
		if (c == '#') { /* # define NAME */
			uint32_t j = i + 1;
			while (j < n && (t[j] == ' ' || t[j] == '\t'))
				j++;
			if (j + 6 < n && !memcmp(t + j, "define", 6) && !ac_is_ident_char(t[j + 6])) {
				j += 6;
				while (j < n && (t[j] == ' ' || t[j] == '\t'))
					j++;
				uint32_t k = j;
				while (k < n && ac_is_ident_char(t[k]))
					k++;
				if (k > j)
					words_add(macros, t + j, k - j);
			}
			i++;
			continue;
		}
		if (c == '/' && i + 1 < n && t[i + 1] == '*') {
			for (i += 2; i + 1 < n && !(t[i] == '*' && t[i + 1] == '/'); i++)
				;
			i += 2;
		} else if (c == '/' && i + 1 < n && t[i + 1] == '/') {
			while (i < n && t[i] != '\n')
				i++;
		} else if ((c == '"' || c == '\'') && (i == 0 || !ac_is_ident_char(t[i - 1]))) {
			for (i++; i < n && t[i] != c && t[i] != '\n'; i += t[i] == '\\' ? 2 : 1)
				;
			i++;
		} else if (ac_is_ident_char(c)) {
			uint32_t j = i;
			while (j < n && ac_is_ident_char(t[j]))
				j++;
			if (!(c >= '0' && c <= '9'))
				words_add(w, t + i, j - i);
			i = j;
		} else {
			i++;
		}
	}
}

/* `base`, or `base_`, `base__`...: the first no word of the input spells. */
static char *fresh(struct emitter *E, const char *base)
{
	char *r = ac_arena_printf(E->arena, "%s", base);
	while (words_has(&E->words, r, (uint32_t)strlen(r)))
		r = ac_arena_printf(E->arena, "%s_", r);
	return r;
}

/* Specifier text without storage classes and `async`; `const`/`volatile`
 * dropped too when `keep_qual` is false (a saved copy must be assignable). */
static char *type_specs(struct emitter *E, struct ac_loc l, bool keep_qual)
{
	static const char *const drop[] = { "async", "static", "extern", "register",
					    "auto", "inline", "__inline", "__inline__",
					    "_Thread_local", "__thread", "typedef",
					    "__extension__", "_Noreturn" };
	static const char *const quals[] = { "const", "volatile", "__const",
					     "__volatile__", "__volatile" };
	const char *t = E->src->text;
	if (E->f && mentions_typeof(t + l.start, l.end - l.start)) {
		/* typeof(local): at file scope, of a value of the local's type */
		bool was = E->typing;
		E->typing = true;
		struct piece *p = NULL;
		size_t n = 0, cap = 0;
		text_refs(E, l, &p, &n, &cap);
		t = splice(E, l.start, l.end, p, n);
		free(p);
		E->typing = was;
		l = (struct ac_loc){ 0, (uint32_t)strlen(t) };
	}
	struct ac_strbuf b;
	ac_strbuf_init(&b);
	for (uint32_t i = l.start; i < l.end;) {
		if (!ac_is_ident_char(t[i])) {
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
		for (size_t k = 0; k < sizeof drop / sizeof *drop; k++)
			if (strlen(drop[k]) == j - i && !memcmp(drop[k], t + i, j - i))
				keep = false;
		for (size_t k = 0; !keep_qual && k < sizeof quals / sizeof *quals; k++)
			if (strlen(quals[k]) == j - i && !memcmp(quals[k], t + i, j - i))
				keep = false;
		if (keep)
			ac_strbuf_add(&b, t + i, j - i);
		i = j;
	}
	char *r = clean(E, b.data ? b.data : "");
	ac_strbuf_free(&b);
	/* squeeze blanks */
	char *o = r;
	for (char *p = r; *p; p++)
		if (!(*p == ' ' && (o == r || o[-1] == ' ')))
			*o++ = *p;
	while (o > r && o[-1] == ' ')
		o--;
	*o = '\0';
	return r;
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

/* Text for a declaration in the frame: without line markers (a .i input
 * has them inside long declarations) and on one line. */
static char *clean(struct emitter *E, const char *s)
{
	char *r = ac_arena_strndup(E->arena, s, strlen(s)), *o = r;
	bool line_start = true;
	for (const char *p = s; *p; p++) {
		if (line_start && *p == '#') {
			while (*p && *p != '\n')
				p++;
			if (!*p)
				break;
			continue;
		}
		line_start = *p == '\n';
		*o++ = *p == '\n' ? ' ' : *p;
	}
	*o = '\0';
	return r;
}

/* The declarator of a parameter declared as an array, as the pointer C
 * makes of it: `lst[]` -> `(*lst)`, `m[4][8]` -> `(*m)[8]`. */
static char *decayed(struct emitter *E, struct ac_declarator *d, const char *name)
{
	const char *t = E->src->text;
	uint32_t i = d->name_loc.end;
	while (i < d->loc.end && t[i] != '[')
		i++;
	int depth = 0;
	for (; i < d->loc.end; i++) {
		if (t[i] == '[')
			depth++;
		else if (t[i] == ']' && --depth == 0)
			break;
	}
	return ac_arena_printf(E->arena, "%.*s(*%s)%.*s",
		(int)(d->name_loc.start - d->loc.start), t + d->loc.start, name,
		(int)(d->loc.end - (i + 1)), t + i + 1);
}

/* A declarator's prefix without the qualifiers of the object itself (those
 * after its last '*': `*const p`): a saved copy must be assignable.  Those
 * of what it points to stay (`const char *const *names`). */
static char *unconst_prefix(struct emitter *E, struct ac_declarator *d)
{
	char *p = ac_arena_strndup(E->arena, E->src->text + d->loc.start,
				   d->name_loc.start - d->loc.start);
	char *last = strrchr(p, '*'), *w;
	if (!last)
		return p;
	static const char *const quals[] = { "const", "volatile", "__const",
					     "__volatile__", "__volatile", "restrict",
					     "__restrict", "__restrict__" };
	for (size_t k = 0; k < sizeof quals / sizeof *quals; k++) {
		size_t n = strlen(quals[k]);
		while ((w = strstr(last, quals[k])) && !ac_is_ident_char(w[n]) && !ac_is_ident_char(w[-1]))
			memmove(w, w + n, strlen(w + n) + 1);
	}
	return p;
}

/* The alignment a local's declaration asks with __attribute__((aligned)):
 * the frame's copy keeps it (_Alignas stays among the specifiers). */
static const char *aligned_attributes(struct emitter *E, const struct ac_var *v)
{
	if (v->param || !v->decl || !v->dspec)
		return "";
	const char *t = E->src->text;
	uint32_t end = v->decl->init || v->decl->init_is_list ? v->decl->init_loc.start
							      : v->decl->loc.end;
	struct ac_strbuf b;
	ac_strbuf_init(&b);
	for (uint32_t i = v->dspec->loc.start; i + 13 <= end; i++) {
		if (memcmp(t + i, "__attribute__", 13) || (i && ac_is_ident_char(t[i - 1])))
			continue;
		uint32_t j = ac_text_skip_attribute(t, i + 13, end);
		if (mentions_word(t + i, j - i, "aligned") ||
		    mentions_word(t + i, j - i, "__aligned__"))
			ac_strbuf_printf(&b, " %.*s", (int)(j - i), t + i);
		i = j - 1;
	}
	char *r = ac_arena_strndup(E->arena, b.data ? b.data : "", b.len);
	ac_strbuf_free(&b);
	return r;
}

/* "T name" for a variable's declaration, with the name replaced. */
static char *member_decl(struct emitter *E, struct ac_var *v, const char *name)
{
	struct ac_declarator *d = v->param ? v->param->decl : v->decl->decl;
	struct ac_loc specs = v->param ? v->param->specs : v->dspec->loc;
	if (v->is_task) /* the pointers before the name belong to the result */
		return ac_arena_printf(E->arena, "ac_task *%s%.*s", name,
			(int)(d->loc.end - d->name_loc.end), E->src->text + d->name_loc.end);
	char *sp = type_specs(E, specs, d->is_pointer || (v->param && d->is_array));
	if (v->param && d->is_array)
		return clean(E, ac_arena_printf(E->arena, "%s %s", sp, decayed(E, d, name)));
	const char *t = E->src->text;
	if (v->decl && v->decl->init && mentions_word(sp, strlen(sp), "__auto_type")) {
		/* the initializer's type, after lvalue conversion */
		char *x = type_text(E, v->decl->init), *w = strstr(sp, "__auto_type");
		sp = ac_arena_printf(E->arena, "%.*s__typeof__(((void)0, (%s)))%s",
				     (int)(w - sp), sp, x, w + 11);
	}
	if (!v->param && d->is_array && v->decl && v->decl->init_is_list &&
	    strstr(text(E, d->loc), "[]")) {
		/* sized by its initializer list: count its elements */
		bool string;
		long n = literal_elements(E, v->decl->init_loc.start, v->decl->init_loc.end,
					  &string);
		const char *suffix = text(E, (struct ac_loc){ d->name_loc.end, d->loc.end });
		const char *open = strstr(suffix, "[]");
		if (n >= 0 && !string && open)
			return clean(E, ac_arena_printf(E->arena, "%s %s%s%.*s[%ld]%s", sp,
				unconst_prefix(E, d), name, (int)(open - suffix), suffix, n,
				open + 2));
	}
	if (!v->param && d->is_array && v->decl && (v->decl->init_is_list || v->decl->init) &&
	    strstr(text(E, d->loc), "[]")) {
		/* sized by its initializer: the type of the same compound literal */
		return clean(E, ac_arena_printf(E->arena, "__typeof__((%s %.*s%.*s)%s%s%s) %s", sp,
			(int)(d->name_loc.start - d->loc.start), t + d->loc.start,
			(int)(d->loc.end - d->name_loc.end), t + d->name_loc.end,
			v->decl->init_is_list ? "" : "{", text(E, v->decl->init_loc),
			v->decl->init_is_list ? "" : "}", name));
	}
	return clean(E, ac_arena_printf(E->arena, "%s %s%s%.*s%s", sp, unconst_prefix(E, d),
		name, (int)(d->loc.end - d->name_loc.end), t + d->name_loc.end,
		aligned_attributes(E, v)));
}

static const char *frame_name(struct emitter *E, struct ac_var *v)
{
	if (v->frame_name)
		return v->frame_name;
	int n = 0;
	for (struct ac_var *o = E->f->vars; o && o != v; o = o->next)
		n += !strcmp(o->name, v->name);
	/* the frame's own members are spelled unlike any word of the input */
	v->frame_name = n ? fresh(E, ac_arena_printf(E->arena, "%s_%d", v->name, n + 1))
			  : ac_arena_printf(E->arena, "%s", v->name);
	return v->frame_name;
}

/* ------------------------------------------------------- rendering text */

static const struct ac_expr *strip(const struct ac_expr *e)
{
	while (e && e->kind == EX_PAREN)
		e = e->a;
	return e;
}

struct piece {
	uint32_t start, end;
	char *text;
};

static int cmp_piece(const void *a, const void *b)
{
	const struct piece *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

/* Text of [start, end) with the pieces (sorted, disjoint) substituted. */
static char *splice(struct emitter *E, uint32_t start, uint32_t end,
		    struct piece *p, size_t n)
{
	struct ac_strbuf b;
	ac_strbuf_init(&b);
	if (n)
		qsort(p, n, sizeof *p, cmp_piece);
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

static char *render(struct emitter *E, struct ac_expr *e);
static const char *await_result(struct emitter *E, const struct ac_expr *e,
				bool *is_void);
static char *member_fmt(struct emitter *E, const char *result_member);
static void add_piece(struct piece **p, size_t *n, size_t *cap, struct ac_loc l,
		      char *t);

/* `v`'s value for a __typeof__ at file scope, where its name means
 * nothing: `(*(__typeof__(int [4]) *)0)`. */
static char *var_type_value(struct emitter *E, struct ac_var *v)
{
	char *d = member_decl(E, v, "");
	size_t n = strlen(d);
	while (n && d[n - 1] == ' ')
		d[--n] = '\0';
	return ac_arena_printf(E->arena, "(*(__typeof__(%s) *)0)", d);
}

/* A value of the type declared by `fmt` ("char *%s"), for a __typeof__. */
static char *fmt_type_value(struct emitter *E, const char *fmt)
{
	char *abstract = ac_arena_printf(E->arena, fmt, "");
	size_t n = strlen(abstract);
	while (n && abstract[n - 1] == ' ')
		abstract[--n] = '\0';
	return ac_arena_printf(E->arena, "(*(__typeof__(%s) *)0)", abstract);
}

static bool is_func_name(const char *s, size_t n)
{
	return (n == 8 && !memcmp(s, "__func__", 8)) ||
	       (n == 12 && !memcmp(s, "__FUNCTION__", 12)) ||
	       (n == 19 && !memcmp(s, "__PRETTY_FUNCTION__", 19));
}

/* The function's name as the user wrote it: the step function's own
 * __func__ would be NAME__step. */
static char *func_name_literal(struct emitter *E)
{
	return ac_arena_printf(E->arena, "\"%s\"", E->f->proto->name);
}


/* Just after a comment or a literal starting at `i`. */
static uint32_t skip_lexeme(const char *t, uint32_t i, uint32_t end)
{
	if (t[i] == '/' && i + 1 < end && t[i + 1] == '*') {
		for (i += 2; i + 1 < end && !(t[i] == '*' && t[i + 1] == '/'); i++)
			;
		return i + 2 < end ? i + 2 : end;
	}
	if (t[i] == '/' && i + 1 < end && t[i + 1] == '/') {
		while (i < end && t[i] != '\n')
			i++;
		return i;
	}
	char q = t[i++]; /* a string or character literal */
	while (i < end && t[i] != q && t[i] != '\n')
		i += t[i] == '\\' ? 2 : 1;
	return i < end ? i + 1 : end;
}

/* Variables named in text with no tree (initializer lists, sizeof operands,
 * asm operands): each frame-resident one becomes F->name (its type, when
 * typing).  Comments and literals are not code; a word after `.`, `->`,
 * `struct`, `union`, `enum` or `goto`, or the member operand of offsetof,
 * names no variable. */
static void text_refs(struct emitter *E, struct ac_loc l, struct piece **p,
		      size_t *n, size_t *cap)
{
	const char *t = E->src->text;
	bool not_var = false;     /* the previous token makes the next word a tag */
	int offsetof_depth = -1;  /* paren depth of an offsetof's operands */
	int depth = 0;
	for (uint32_t i = l.start; i < l.end;) {
		char c = t[i];
		if (c == '"' || c == '\'' ||
		    (c == '/' && i + 1 < l.end && (t[i + 1] == '*' || t[i + 1] == '/'))) {
			i = skip_lexeme(t, i, l.end);
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
		bool skip = not_var;
		not_var = ac_word_is(t + i, j - i, "struct") || ac_word_is(t + i, j - i, "union") ||
			  ac_word_is(t + i, j - i, "enum") || ac_word_is(t + i, j - i, "goto");
		if (ac_word_is(t + i, j - i, "offsetof") ||
		    ac_word_is(t + i, j - i, "__builtin_offsetof"))
			offsetof_depth = depth + 1;
		if (!skip && ac_word_is(t + i, j - i, "__LINE__")) {
			add_piece(p, n, cap, (struct ac_loc){ i, j },
				  ac_arena_printf(E->arena, "%u", line_of(E, i)));
			i = j;
			continue;
		}
		if (!skip && is_func_name(t + i, j - i)) {
			add_piece(p, n, cap, (struct ac_loc){ i, j }, func_name_literal(E));
			i = j;
			continue;
		}
		/* the innermost variable of that name visible here */
		struct ac_var *hit = NULL;
		for (struct ac_var *v = skip ? NULL : E->f->vars; v; v = v->next)
			if (strlen(v->name) == j - i && !memcmp(v->name, t + i, j - i) &&
			    v->scope_start <= i && i < v->scope_end &&
			    (!hit || v->scope_start > hit->scope_start))
				hit = v;
		if (hit && E->typing)
			add_piece(p, n, cap, (struct ac_loc){ i, j }, var_type_value(E, hit));
		else if (hit && hit->in_frame && !hit->is_static)
			add_piece(p, n, cap, (struct ac_loc){ i, j },
				  ac_arena_printf(E->arena, FP "->%s", frame_name(E, hit)));
		i = j;
	}
}

static bool needs_render(struct emitter *E, const struct ac_expr *e)
{
	if (!e)
		return false;
	if (e->lowered || e->has_await || e->is_async_call || E->typing)
		return true;
	if (e->kind == EX_IDENT)
		return (e->var && e->var->in_frame && !e->var->is_static) ||
		       (e->name && (is_func_name(e->name, strlen(e->name)) ||
				    !strcmp(e->name, "__LINE__")));
	if (e->kind == EX_OPAQUE)
		return true; /* may name frame variables */
	for (size_t i = 0; i < e->nargs; i++)
		if (needs_render(E, e->args[i]))
			return true;
	return needs_render(E, e->a) || needs_render(E, e->b) || needs_render(E, e->c);
}

/* The value of `e`, for a __typeof__ in the frame (at file scope): the
 * locals it names and the temporaries it uses stand for values of their
 * types. */
static char *type_text(struct emitter *E, struct ac_expr *e)
{
	bool was = E->typing;
	E->typing = true;
	char *r = render(E, e);
	E->typing = was;
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
	return ac_arena_strndup(E->arena, t + open + 1, i - open - 1);
}

/* Elements of the braced list at `at`, or -1 when designators or a string
 * make the count unclear; `*string` tells a lone string literal. */
static long literal_elements(struct emitter *E, uint32_t at, uint32_t end,
			     bool *string)
{
	const char *t = E->src->text;
	long n = 0;
	int depth = 0;
	bool any = false;
	*string = false;
	while (at < end && t[at] != '{')
		at++;
	for (uint32_t i = at; i < end; i++) {
		char c = t[i];
		if (c == '"' || c == '\'' || (c == '/' && i + 1 < end &&
					      (t[i + 1] == '*' || t[i + 1] == '/'))) {
			if (c == '"' && depth == 1 && !any && n == 0)
				*string = true;
			i = skip_lexeme(t, i, end) - 1;
			any |= c != '/';
			continue;
		}
		if (c == '{' || c == '(' || c == '[') {
			if ((c == '[' || c == '.') && depth == 1 && !any)
				return -1; /* a designator */
			depth++;
		} else if (c == '}' || c == ')' || c == ']') {
			if (--depth == 0)
				break;
		} else if (c == '.' && depth == 1 && !any) {
			return -1;
		} else if (c == ',' && depth == 1) {
			n += any;
			any = false;
			*string = false;
		} else if (c != ' ' && c != '\t' && c != '\n') {
			any = true;
		}
	}
	return n + any;
}

/*
 * A compound literal lives in the block that holds it, which a suspension
 * leaves: it lives in the frame instead.
 *
 *   (T){ init }  ->  (*(__typeof__(F->ac_lit0) *)
 *                      __builtin_memcpy((void *)&F->ac_lit0, &(T){ init },
 *                                       sizeof F->ac_lit0))
 */
static char *literal_in_frame(struct emitter *E, struct ac_expr *e, char *text)
{
	uint32_t braces;
	char *type = literal_type(E, e, &braces);
	char *open = NULL;
	int depth = 0;
	for (char *c = type; *c; c++) { /* an array of unknown size: count */
		if (*c == '(')
			depth++;
		else if (*c == ')')
			depth--;
		else if (*c == '[' && depth == 0 && !open) {
			char *r = c + 1;
			while (*r == ' ')
				r++;
			if (*r == ']')
				open = c;
		}
	}
	if (open) {
		bool string;
		long n = literal_elements(E, braces, e->loc.end, &string);
		if (n < 0)
			return text;
		char *close = strchr(open, ']');
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
				       size, close + 1);
	}
	char *name = fresh(E, ac_arena_printf(E->arena, "ac_lit%d", E->nlits++));
	struct literal *l = AC_NEW(E->arena, struct literal);
	l->decl = ac_arena_printf(E->arena, "__typeof__(%s) %s", clean(E, type), name);
	l->next = E->lits;
	E->lits = l;
	return ac_arena_printf(E->arena,
		"(*(__typeof__(" FP "->%s) *)__builtin_memcpy((void *)&" FP "->%s, &%s, sizeof " FP "->%s))",
		name, name, text, name);
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

/* A statement expression's value, for a __typeof__ at file scope: its last
 * expression statement's (a block cannot stand there). */
static char *stmt_expr_type(struct emitter *E, struct ac_expr *e)
{
	struct ac_stmt *last = e->stmts ? (e->stmts->tail ? e->stmts->tail : e->stmts) : NULL;
	if (last && last->kind == ST_EXPR && last->e1)
		return render(E, last->e1);
	return "((void)0)";
}

static char *render(struct emitter *E, struct ac_expr *e)
{
	if (!e)
		return "";
	if (e->lowered && E->typing && e->kind == EX_COMMA && e->b)
		return ac_arena_printf(E->arena, "(%s)", render(E, e->b));
	if (e->lowered && E->typing)
		return e->lowered_type ? fmt_type_value(E, e->lowered_type) : "((void)0)";
	if (e->lowered)
		return e->lowered;
	if (!needs_render(E, e))
		return (char *)text(E, e->loc);
	if (e->kind == EX_IDENT && e->var)
		return E->typing ? var_type_value(E, e->var)
				 : ac_arena_printf(E->arena, FP "->%s", frame_name(E, e->var));
	if (e->kind == EX_IDENT && e->name && is_func_name(e->name, strlen(e->name)))
		return func_name_literal(E);
	if (e->kind == EX_IDENT && e->name && !strcmp(e->name, "__LINE__"))
		return ac_arena_printf(E->arena, "%u", line_of(E, e->loc.start));
	if (e->kind == EX_IDENT || e->kind == EX_CONST)
		return (char *)text(E, e->loc);
	if (E->typing && is_truth_value(e))
		return "0"; /* an int, whatever its operands */
	if (E->typing && e->kind == EX_OPAQUE && e->is_stmt_expr)
		return stmt_expr_type(E, e);
	if (e->kind == EX_AWAIT && (E->typing || e->await_id < 0)) {
		bool is_void; /* never evaluated: a value of its result's type */
		const char *rm = await_result(E, e, &is_void);
		return is_void || !rm ? "((void)0)" : fmt_type_value(E, member_fmt(E, rm));
	}
	struct piece *p = NULL;
	size_t n = 0, cap = 0;
	if (e->kind == EX_OPAQUE && e->is_unevaluated && e->a->kind == EX_CALL)
		return "0"; /* __builtin_constant_p(await ...): never a constant */
	if (e->kind == EX_OPAQUE && e->is_unevaluated) {
		bool was = E->typing;
		E->typing = true;
		add_piece(&p, &n, &cap, e->a->loc, render(E, e->a));
		E->typing = was;
		char *r = splice(E, e->loc.start, e->loc.end, p, n);
		free(p);
		return r;
	}
	if (e->kind == EX_OPAQUE) {
		text_refs(E, e->loc, &p, &n, &cap);
		for (size_t i = 0; i < e->nargs; i++) { /* awaiting elements */
			size_t k = 0;
			for (size_t j = 0; j < n; j++) /* drop refs inside them */
				if (p[j].start < e->args[i]->loc.start ||
				    p[j].end > e->args[i]->loc.end)
					p[k++] = p[j];
			n = k;
			add_piece(&p, &n, &cap, e->args[i]->loc, render(E, e->args[i]));
		}
	} else {
		struct ac_expr *kids[3] = { e->a, e->b, e->c };
		for (int i = 0; i < 3; i++)
			if (kids[i] && needs_render(E, kids[i]))
				add_piece(&p, &n, &cap, kids[i]->loc, render(E, kids[i]));
		for (size_t i = 0; i < e->nargs; i++)
			if (needs_render(E, e->args[i]))
				add_piece(&p, &n, &cap, e->args[i]->loc, render(E, e->args[i]));
	}
	char *r = splice(E, e->loc.start, e->loc.end, p, n);
	free(p);
	if (E->typing)
		return r;
	if (e->kind == EX_OPAQUE && e->is_literal && E->an->npoints)
		r = literal_in_frame(E, e, r);
	if (e->kind == EX_CALL && e->is_async_call && !E->stress)
		r = ac_arena_printf(E->arena, "ac__adopt(&" FP "->" HDR ", %s)", r);
	return r;
}

/* ------------------------------------------------------------ suspension */

static void push_live(struct emitter *E, struct temp *t)
{
	if (E->nlive_temps == E->caplive) {
		E->caplive = E->caplive ? 2 * E->caplive : 16;
		E->live_temps = realloc(E->live_temps, (size_t)E->caplive * sizeof *E->live_temps);
		if (!E->live_temps)
			abort();
	}
	E->live_temps[E->nlive_temps++] = t;
}

/* A temporary of the function (declared at the top of its step function,
 * saved in its frame when live across a suspension); `type_fmt` may be
 * filled in later. */
static struct temp *new_temp_unlisted(struct emitter *E, const char *type_fmt)
{
	struct temp *t = AC_NEW(E->arena, struct temp);
	t->name = fresh(E, ac_arena_printf(E->arena, "ac_t%d", E->ntemps++));
	t->type = type_fmt;
	t->spilled_at = ac_arena_alloc(E->arena, ((size_t)E->an->npoints / 64 + 1) * 8);
	*E->temps_tail = t;
	E->temps_tail = &t->next;
	return t;
}

static struct temp *new_temp(struct emitter *E, const char *type_fmt)
{
	struct temp *t = new_temp_unlisted(E, type_fmt);
	push_live(E, t);
	return t;
}

/* Save what is live, suspend, and restore it on resumption. */
static void suspend(struct emitter *E, struct ac_point *p, const char *cond)
{
	const char *in = E->indent;
	char *inner = ac_arena_printf(E->arena, "%s\t", in);
	if (cond) {
		gen(E, "if (%s) {", cond);
		E->indent = inner;
	}
	for (int i = 0; i < E->an->nvars; i++)
		if (ac_bit(p->live, i))
			gen(E, FP "->%s = %s;", frame_name(E, E->an->vars[i]),
			    E->an->vars[i]->name);
	for (int i = 0; i < E->nlive_temps; i++) {
		struct temp *t = E->live_temps[i];
		t->spilled = true;
		t->spilled_at[(p->state - 1) / 64] |= (uint64_t)1 << ((p->state - 1) % 64);
		gen(E, FP "->%s = %s;", t->name, t->name);
	}
	if (E->stress) {
		gen(E, FP "->" SSTATE " = %d;", p->state);
		gen(E, "return 0;");
	} else {
		gen(E, STATE " = %d;", p->state);
		gen(E, "return AC_PENDING;");
	}
	bool any = false;
	newline(E);
	line_directive(E, p->line);
	ac_strbuf_printf(E->out, "%s:", p->label);
	for (int i = 0; i < E->an->nvars; i++)
		if (ac_bit(p->live, i)) {
			if (!any)
				put(E, "\n");
			any = true;
			gen(E, "%s = " FP "->%s;", E->an->vars[i]->name,
			    frame_name(E, E->an->vars[i]));
		}
	for (int i = 0; i < E->nlive_temps; i++) {
		if (!any)
			put(E, "\n");
		any = true;
		gen(E, "%s = " FP "->%s;", E->live_temps[i]->name, E->live_temps[i]->name);
	}
	if (!any)
		put(E, ";\n");
	E->dirty = true;
	if (cond) {
		E->indent = in;
		gen(E, "}");
	}
}

/* The result type of what `e` (an await) awaits, as "T %s", or NULL. */
static const char *await_result(struct emitter *E, const struct ac_expr *e,
				bool *is_void)
{
	const struct ac_expr *op = strip(e->a);
	*is_void = false;
	if (e->callee) {
		*is_void = e->callee->returns_void;
		return e->callee->result_member;
	}
	const struct ac_expr *base = op;
	while (base && base->kind == EX_INDEX)
		base = strip(base->a);
	if (base && base->kind == EX_IDENT && base->var && base->var->is_task) {
		struct ac_var *v = base->var;
		struct ac_declarator *d = v->param ? v->param->decl : v->decl->decl;
		char *t = type_specs(E, v->dspec->loc, true);
		char *prefix = ac_arena_strndup(E->arena, E->src->text + d->loc.start,
						d->name_loc.start - d->loc.start);
		*is_void = !strcmp(t, "void") && !strchr(prefix, '*');
		return ac_arena_printf(E->arena, "%s %sresult", t, prefix);
	}
	return NULL;
}

/* "char *result" -> "char *%s" */
static char *member_fmt(struct emitter *E, const char *result_member)
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
	return ac_arena_printf(E->arena, "(%s *)", abstract);
}

static void lower(struct emitter *E, struct ac_expr *e, bool discard);

/* `(void) a` */
static bool is_void_cast(struct emitter *E, const struct ac_expr *e)
{
	if (!e->a)
		return false;
	char *t = type_specs(E, (struct ac_loc){ e->loc.start, e->a->loc.start }, true);
	return !strcmp(t, "(void)") || !strcmp(t, "( void )") || !strcmp(t, "(void )") ||
	       !strcmp(t, "( void)");
}

static void lower_operands(struct emitter *E, struct ac_expr *e);

/* Whether evaluating what is left of `e` (its lowered parts stand for
 * temporaries) still has an effect: a call, an assignment, ++ or --. */
static bool residual_effects(const struct ac_expr *e)
{
	if (e && e->lowered) /* a temporary, or the right operand of a comma */
		return e->kind == EX_COMMA && e->b && e->b->lowered != e->lowered &&
		       strcmp(e->lowered, "((void)0)") && residual_effects(e->b);
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
static void emit_discarded(struct emitter *E, struct ac_expr *e)
{
	if (residual_effects(e)) {
		user_line(E, e->loc.start);
		gen(E, "%s;", render(E, e));
	} else if (reads_temp(e)) {
		user_line(E, e->loc.start);
		gen(E, "(void)(%s);", render(E, e));
	}
}

/* The header of the callee frame F->aw.M: its `hdr`, named as this unit
 * names it when the callee is defined here, else as <asyncc.h> does, unless
 * a word of the input spells that. */
static char *callee_hdr(struct emitter *E, const struct ac_proto *c, const char *m)
{
	if (c->func)
		return ac_arena_printf(E->arena, "&" FP "->" AW ".%s." HDR, m);
	if (words_has(&E->macros, "hdr", 3))
		return ac_arena_printf(E->arena, "(ac_task *)&" FP "->" AW ".%s", m);
	return ac_arena_printf(E->arena, "&" FP "->" AW ".%s.hdr", m);
}

/* ... and its result, of type `fmt`. */
static char *callee_result(struct emitter *E, const struct ac_proto *c,
			   const char *m, const char *fmt)
{
	if (c->func)
		return ac_arena_printf(E->arena, FP "->" AW ".%s." RES, m);
	if (words_has(&E->macros, "result", 6))
		return ac_arena_printf(E->arena, "*%sac__result_of((ac_task *)&" FP "->" AW ".%s)",
				       result_cast(E, fmt), m);
	return ac_arena_printf(E->arena, FP "->" AW ".%s.result", m);
}

/*
 *   await f(args)   ->   f__init(&F->aw.f_L12, args);
 *                        if (ac__await(&F->hdr, &F->aw.f_L12.hdr)) {
 *                                save; F->hdr.state = N; return AC_PENDING;
 *                        ac_L12: restore;
 *                        }
 *                        ac_t0 = F->aw.f_L12.result;
 */
static void lower_await(struct emitter *E, struct ac_expr *e, bool discard)
{
	struct ac_point *p = E->an->by_await[e->await_id];
	struct ac_expr *op = (struct ac_expr *)strip(e->a);
	bool is_void;
	const char *rm = await_result(E, e, &is_void);
	if (!rm && op && op->kind == EX_CALL && op->a && op->a->kind == EX_IDENT &&
	    !op->a->var) {
		const char *name = op->a->name;
		error_at(E, op->a->loc, "%s", ac_arena_printf(E->arena,
			"'%s' is not declared as an async function%s", name,
			!strncmp(name, "ac_", 3) ? ": the runtime's operations are "
			"declared in <asyncc.h>; #include <asyncc.h>" : ""));
		return;
	}
	if (!rm) {
		error_at(E, e->loc, "cannot tell what this await yields: await a call "
			 "of an async function, or a variable declared 'async T'%s", "");
		return;
	}
	char *result;
	const char *fmt = member_fmt(E, rm);
	const struct ac_proto *c = e->callee;
	if (c && op->kind == EX_CALL) {
		int live = E->nlive_temps;
		lower_operands(E, op);
		struct ac_strbuf args;
		ac_strbuf_init(&args);
		for (size_t i = 0; i < op->nargs; i++)
			ac_strbuf_printf(&args, "%s%s", i ? ", " : "", render(E, op->args[i]));
		const char *a = args.data ? args.data : "";
		E->nlive_temps = live; /* the arguments are passed before suspending */
		bool inline_frame = is_await_frame_inline(E, c);
		if (inline_frame) {
			char *m = fresh(E, ac_arena_printf(E->arena, "%s_%s", c->name, p->suffix));
			ac_strbuf_printf(&E->aw, "\t\tstruct %s__frame %s; /* line %u */\n",
					 c->name, m, p->line);
			user_line(E, e->loc.start);
			gen(E, "%s__init(&" FP "->" AW ".%s%s%s);", c->name, m, *a ? ", " : "", a);
			if (c->func) /* its step is visible: call it directly */
				suspend(E, p, ac_arena_printf(E->arena,
					"ac__await_step(&" FP "->" HDR ", %s, %s__step)", callee_hdr(E, c, m), c->name));
			else
				suspend(E, p, ac_arena_printf(E->arena,
					"ac__await(&" FP "->" HDR ", %s)", callee_hdr(E, c, m)));
			result = callee_result(E, c, m, fmt);
		} else {
			E->heap_await = true;
			user_line(E, e->loc.start);
			gen(E, FP "->" AW "." TASK " = ac__checked(%s(%s), \"%s\");", c->name, a, c->name);
			suspend(E, p, "ac__await(&" FP "->" HDR ", " FP "->" AW "." TASK ")");
			result = ac_arena_printf(E->arena, "*%s" TRES,
						 result_cast(E, fmt));
		}
		ac_strbuf_free(&args);
		if (!is_void && !discard) {
			struct temp *t = new_temp(E, fmt);
			gen(E, "%s = %s;", t->name, result);
			set_lowered(e, t->name, fmt);
		} else {
			set_lowered(e, "((void)0)", NULL);
		}
		if (!inline_frame)
			gen(E, "ac_task_free(" FP "->" AW "." TASK ");");
		return;
	}
	lower(E, e->a, false);
	E->heap_await = true;
	user_line(E, e->loc.start);
	gen(E, FP "->" AW "." TASK " = %s;", render(E, e->a));
	suspend(E, p, "ac__await(&" FP "->" HDR ", " FP "->" AW "." TASK ")");
	if (!is_void && !discard) {
		struct temp *t = new_temp(E, fmt);
		gen(E, "%s = *%s" TRES ";", t->name, result_cast(E, fmt));
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

static bool is_truth_value(const struct ac_expr *e);

/* The declaration format ("int %s") of a temporary holding `e`'s value,
 * when it can be read off `e` (a temporary, a local, ++/-- of one, a small
 * integer constant), or NULL. */
static const char *plain_type(struct emitter *E, const struct ac_expr *e)
{
	e = strip(e);
	if (!e)
		return NULL;
	if (e->lowered)
		return e->kind == EX_COMMA ? NULL : e->lowered_type;
	if (e->kind == EX_COND && e->b) {
		const char *tb = plain_type(E, e->b), *tc = plain_type(E, e->c);
		return tb && tc && !strcmp(tb, tc) ? tb : NULL;
	}
	if (is_truth_value(e))
		return "int %s";
	if ((e->kind == EX_POSTFIX || (e->kind == EX_UNARY &&
	     (e->op == INC_OP || e->op == DEC_OP))) && e->a)
		e = strip(e->a);
	if (e->kind == EX_IDENT && e->var && !e->var->is_array && !e->var->is_task &&
	    !(e->var->param && (e->var->param->decl && e->var->param->decl->is_array))) {
		char *d = member_decl(E, e->var, "%s");
		return strchr(d, '[') || strchr(d, '(') ? NULL : d;
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

/* The declaration format of a temporary holding the value of `e`. */
static const char *value_type(struct emitter *E, struct ac_expr *e)
{
	const char *fmt = plain_type(E, e);
	if (fmt)
		return fmt;
	char *x = type_text(E, e);
	return ac_arena_printf(E->arena, "__typeof__(1 ? (%s) : (%s)) %%s",
			       escape_percent(E, x), escape_percent(E, x));
}

/* ... and of `c ? b : c2`. */
static const char *cond_type(struct emitter *E, struct ac_expr *b, struct ac_expr *c)
{
	const char *tb = plain_type(E, b), *tc = plain_type(E, c);
	if (tb && tc && !strcmp(tb, tc))
		return tb;
	return ac_arena_printf(E->arena, "__typeof__(1 ? (%s) : (%s)) %%s",
			       escape_percent(E, type_text(E, b)),
			       escape_percent(E, type_text(E, c)));
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
	char *value = render(E, e);
	struct temp *t = new_temp(E, fmt);
	user_line(E, e->loc.start);
	gen(E, "%s = %s;", t->name, value);
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
		lower(E, ord[i], false);
	}
	free(ord);
}

/* Evaluates `e` (which has an await) into temporaries: its value is then
 * e->lowered, or what render() makes of it.  `discard`: its value is not
 * used. */
static void lower_cond(struct emitter *E, struct ac_expr *e, bool discard);
static void lower_stmt_expr(struct emitter *E, struct ac_expr *e, bool discard);
static void lower_logical(struct emitter *E, struct ac_expr *e, bool discard);

/*
 * Evaluate the awaits of `e` in C's order, leaving the rest of `e` to be
 * rendered with temporaries in their place.  Short-circuit operators and ?:
 * become ifs, so that an await on the side not taken never runs.
 */
static void lower(struct emitter *E, struct ac_expr *e, bool discard)
{
	if (!e || !e->has_await || e->lowered)
		return;
	switch (e->kind) {
	case EX_AWAIT:
		lower_await(E, e, discard);
		return;
	case EX_PAREN:
		lower(E, e->a, discard);
		return;
	case EX_OPAQUE:
		if (e->is_stmt_expr && e->stmts) {
			lower_stmt_expr(E, e, discard);
			return;
		}
		lower_operands(E, e);
		return;
	case EX_CAST: /* (void) await f(): the value is not used */
		lower(E, e->a, discard || is_void_cast(E, e));
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
		lower(E, e->a, true);
		emit_discarded(E, e->a);
		lower(E, e->b, discard);
		if (discard) {
			emit_discarded(E, e->b);
			set_lowered(e, "((void)0)", NULL);
		} else {
			set_lowered(e, ac_arena_printf(E->arena, "(%s)", render(E, e->b)), NULL);
		}
		return;
	default:
		lower_operands(E, e);
		return;
	}
}

/*
 *   a && await f()   ->   ac_t0 = 0;
 *                         if (a) { <await f() into ac_t1>  ac_t0 = !!(ac_t1); }
 */
static void lower_logical(struct emitter *E, struct ac_expr *e, bool discard)
{
	int live = E->nlive_temps;
	lower(E, e->a, false);
	if (!e->b->has_await)
		return;
	bool and = e->kind == EX_LOGAND;
	struct temp *t = discard ? NULL : new_temp_unlisted(E, "int %s");
	if (t)
		gen(E, "%s = %d;", t->name, and ? 0 : 1);
	user_line(E, e->loc.start);
	gen(E, and ? "if (%s) {" : "if (!(%s)) {", render(E, e->a));
	/* The left operand's temporaries are used up by the test, and the
	 * result is assigned only after the right operand. */
	E->nlive_temps = live;
	const char *in = E->indent;
	E->indent = ac_arena_printf(E->arena, "%s\t", in);
	lower(E, e->b, discard);
	if (t) {
		user_line(E, e->b->loc.start);
		gen(E, "%s = !!(%s);", t->name, render(E, e->b));
	} else {
		emit_discarded(E, e->b);
	}
	E->nlive_temps = live;
	E->indent = in;
	gen(E, "}");
	if (t) {
		push_live(E, t);
		set_lowered(e, t->name, t->type);
	} else {
		set_lowered(e, "((void)0)", NULL);
	}
}

static void emit_stmt(struct emitter *E, struct ac_stmt *s);
static void begin_statement(struct emitter *E);

/*
 *   ({ s1; s2; e; })   ->   {
 *                                   s1; s2;          (lowered like any)
 *                                   ac_t0 = e;
 *                           }
 *                           and the value is ac_t0
 */
static void lower_stmt_expr(struct emitter *E, struct ac_expr *e, bool discard)
{
	int base = E->live_base;
	E->live_base = E->nlive_temps; /* saved by the suspensions inside too */
	const char *in = E->indent;
	struct ac_stmt *last = e->stmts->tail ? e->stmts->tail : e->stmts;
	struct temp *t = NULL;
	user_line(E, e->loc.start);
	gen(E, "{");
	for (struct ac_stmt *s = e->stmts; s; s = s->next) {
		if (s == last && s->kind == ST_EXPR && !discard) {
			E->indent = ac_arena_printf(E->arena, "%s\t", in);
			begin_statement(E);
			lower(E, s->e1, false);
			t = new_temp_unlisted(E, value_type(E, s->e1));
			user_line(E, s->e1->loc.start);
			gen(E, "%s = %s;", t->name, render(E, s->e1));
		} else if (s == last && s->kind == ST_EXPR && s->e1) {
			/* the value is not used: only its effects */
			E->indent = ac_arena_printf(E->arena, "%s\t", in);
			begin_statement(E);
			lower(E, s->e1, true);
			emit_discarded(E, s->e1);
		} else {
			emit_stmt(E, s);
		}
	}
	E->indent = in;
	gen(E, "}");
	E->nlive_temps = E->live_base;
	E->live_base = base;
	if (t) {
		push_live(E, t);
		set_lowered(e, t->name, t->type);
	} else {
		set_lowered(e, "((void)0)", NULL);
	}
}

/* One arm of ?:, into `t` (or for its effects only). */
static void lower_arm(struct emitter *E, struct ac_expr *arm, struct temp *t,
		      int live)
{
	E->nlive_temps = live;
	lower(E, arm, t == NULL);
	char *r = render(E, arm);
	if (t) {
		user_line(E, arm->loc.start);
		gen(E, "%s = %s;", t->name, r);
	} else {
		emit_discarded(E, arm);
	}
	E->nlive_temps = live;
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
	lower(E, e->a, false);
	if (!(e->b && e->b->has_await) && !e->c->has_await)
		return;
	if (!e->b) {
		if (!e->a->lowered) { /* the test is also the value */
			const char *fmt = value_type(E, e->a);
			struct temp *c = new_temp(E, fmt);
			user_line(E, e->loc.start);
			gen(E, "%s = %s;", c->name, render(E, e->a));
			set_lowered(e->a, c->name, fmt);
		}
		live0 = E->nlive_temps; /* kept for the value */
	}
	struct temp *t = discard ? NULL : new_temp_unlisted(E, NULL);
	const char *in = E->indent;
	char *inner = ac_arena_printf(E->arena, "%s\t", in);
	user_line(E, e->loc.start);
	gen(E, "if (%s) {", render(E, e->a));
	E->indent = inner;
	lower_arm(E, e->b ? e->b : e->a, t, live0);
	E->indent = in;
	gen(E, "} else {");
	E->indent = inner;
	lower_arm(E, e->c, t, live0);
	E->indent = in;
	gen(E, "}");
	if (t) {
		t->type = cond_type(E, e->b ? e->b : e->a, e->c);
		push_live(E, t);
		set_lowered(e, t->name, t->type);
	} else {
		set_lowered(e, "((void)0)", NULL);
	}
}

/* ------------------------------------------------------------ statements */

static void emit_stmt(struct emitter *E, struct ac_stmt *s);

/* A statement starts with only the temporaries of the expression around
 * it, when it is one of a statement expression's. */
static void begin_statement(struct emitter *E)
{
	E->nlive_temps = E->live_base;
}

/* User text [start, end) with the child statements emitted in place and the
 * expression pieces substituted. */
static void emit_region(struct emitter *E, uint32_t start, uint32_t end,
			struct ac_stmt **kids, size_t nk, struct piece *p,
			size_t np)
{
	if (np)
		qsort(p, np, sizeof *p, cmp_piece);
	uint32_t at = start;
	size_t ip = 0;
	for (size_t k = 0; k <= nk; k++) {
		uint32_t stop = k < nk ? kids[k]->loc.start : end;
		while (ip < np && p[ip].start < stop) {
			if (p[ip].start >= at) {
				sync(E, at);
				if (E->skip_to > at && E->skip_to <= p[ip].start)
					at = E->skip_to;
				putn(E, E->src->text + at, p[ip].start - at);
				put(E, p[ip].text);
				at = p[ip].end;
			}
			ip++;
		}
		if (stop > at) {
			sync(E, at);
			if (E->skip_to > at && E->skip_to <= stop)
				at = E->skip_to;
			putn(E, E->src->text + at, stop - at);
		}
		if (k < nk) {
			emit_stmt(E, kids[k]);
			at = kids[k]->loc.end;
		}
	}
}

static void add_piece(struct piece **p, size_t *n, size_t *cap, struct ac_loc l,
		      char *t)
{
	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 8;
		*p = realloc(*p, *cap * sizeof **p);
		if (!*p)
			abort();
	}
	(*p)[(*n)++] = (struct piece){ l.start, l.end, t };
}

static void expr_piece(struct emitter *E, struct ac_expr *e,
		       struct piece **p, size_t *n, size_t *cap)
{
	if (e && needs_render(E, e))
		add_piece(p, n, cap, e->loc, render(E, e));
}

static void stmt_kids(struct ac_stmt *s, struct ac_stmt **k, size_t *n)
{
	*n = 0;
	if (s->kind == ST_COMPOUND) {
		for (struct ac_stmt *i = s->body; i; i = i->next)
			k[(*n)++] = i;
		return;
	}
	if (s->init)
		k[(*n)++] = s->init;
	if (s->body)
		k[(*n)++] = s->body;
	if (s->els)
		k[(*n)++] = s->els;
}

static size_t count_kids(struct ac_stmt *s)
{
	size_t n = 3;
	if (s->kind == ST_COMPOUND)
		for (struct ac_stmt *i = s->body; i; i = i->next)
			n++;
	return n;
}

static struct loop_ctx *push_loop(struct emitter *E, struct loop_ctx *l,
				  bool is_switch, const char *cont)
{
	l->up = E->loops;
	l->is_switch = is_switch;
	l->cont = cont;
	l->cont_used = false;
	E->loops = l;
	return l;
}

static const char *continue_label(struct emitter *E)
{
	for (struct loop_ctx *l = E->loops; l; l = l->up)
		if (!l->is_switch) {
			if (l->cont)
				l->cont_used = true;
			return l->cont;
		}
	return NULL;
}

static void emit_return(struct emitter *E, struct ac_stmt *s)
{
	E->has_return = true;
	sync(E, s->loc.start);
	bool comma = s->e1 && strip(s->e1) == s->e1 && s->e1->kind == EX_COMMA;
	if (s->e1 && !E->f->proto->returns_void)
		ac_strbuf_printf(E->out, comma ? "{ " FP "->" RES " = (%s); goto " RET "; }"
					       : "{ " FP "->" RES " = %s; goto " RET "; }",
				 render(E, s->e1));
	else if (s->e1)
		ac_strbuf_printf(E->out, "{ %s; goto " RET "; }", render(E, s->e1));
	else
		put(E, "goto " RET ";");
}

/* A task where a value is expected (`if (slow(0))`, `int v = slow(1);`):
 * almost surely a forgotten await. */
static void check_task_value(struct emitter *E, const struct ac_expr *e)
{
	const struct ac_expr *c = strip(e);
	if (!c || c->kind != EX_CALL || !c->is_async_call || !c->callee)
		return;
	error_at(E, c->loc, "%s", ac_arena_printf(E->arena,
		"'%s' creates a task, not its value: did you mean 'await %s'?",
		c->callee->name, text(E, c->loc)));
}

static void check_task_values(struct emitter *E, const struct ac_expr *e)
{
	if (!e || !e->has_task_call)
		return;
	switch (e->kind) {
	case EX_LOGAND:
	case EX_LOGOR:
		check_task_value(E, e->a);
		check_task_value(E, e->b);
		break;
	case EX_COND:
		check_task_value(E, e->a);
		break;
	case EX_UNARY:
		if (e->op == '!' || e->op == '-' || e->op == '~')
			check_task_value(E, e->a);
		break;
	case EX_BINARY:
		check_task_value(E, e->a);
		check_task_value(E, e->b);
		break;
	default:
		break;
	}
	check_task_values(E, e->a);
	check_task_values(E, e->b);
	check_task_values(E, e->c);
	for (size_t i = 0; i < e->nargs; i++)
		check_task_values(E, e->args[i]);
}

static void check_tasks_in(struct emitter *E, const struct ac_stmt *s)
{
	for (; s; s = s->next) {
		switch (s->kind) {
		case ST_IF:
		case ST_WHILE:
		case ST_DO:
		case ST_SWITCH:
			check_task_value(E, s->e1);
			break;
		case ST_FOR:
			check_task_value(E, s->e2);
			break;
		case ST_DECL:
			for (struct ac_init_decl *i = s->decl->decls; i; i = i->next)
				if (i->var && !i->var->is_task && !i->decl->is_pointer &&
				    !i->init_is_list)
					check_task_value(E, i->init);
			break;
		default:
			break;
		}
		check_task_values(E, s->e1);
		check_task_values(E, s->e2);
		check_task_values(E, s->e3);
		if (s->kind == ST_DECL)
			for (struct ac_init_decl *i = s->decl->decls; i; i = i->next)
				check_task_values(E, i->init);
		if (s->kind == ST_COMPOUND)
			check_tasks_in(E, s->body);
		else if (s->body)
			check_tasks_in(E, s->body);
		if (s->els)
			check_tasks_in(E, s->els);
		if (s->init)
			check_tasks_in(E, s->init);
	}
}

/* A declaration: variables in the frame get their initial value assigned;
 * task variables become ac_task pointers. */
static void emit_decl(struct emitter *E, struct ac_stmt *s)
{
	struct ac_decl *d = s->decl;
	bool special = d->dspec->is_async;
	for (struct ac_init_decl *i = d->decls; i; i = i->next)
		if ((i->var && i->var->in_frame && !i->var->is_static) ||
		    (i->init && i->init->has_await))
			special = true;
	if (!special || d->dspec->is_static || d->dspec->is_extern ||
	    d->dspec->is_typedef) {
		struct piece *p = NULL;
		size_t n = 0, cap = 0;
		if (!d->dspec->is_static && !d->dspec->is_extern &&
		    mentions_typeof(E->src->text + d->dspec->loc.start,
				    d->dspec->loc.end - d->dspec->loc.start))
			text_refs(E, d->dspec->loc, &p, &n, &cap); /* typeof(local) */
		for (struct ac_init_decl *i = d->decls; i; i = i->next) {
			expr_piece(E, i->init, &p, &n, &cap);
			if (i->init_is_list && !d->dspec->is_static)
				text_refs(E, i->init_loc, &p, &n, &cap);
		}
		emit_region(E, s->loc.start, s->loc.end, NULL, 0, p, n);
		free(p);
		return;
	}
	/* One declaration per declarator, each after its initializer's awaits. */
	sync(E, s->loc.start);
	E->indent = indent_of(E, s->loc.start);
	char *specs = d->dspec->is_async ? "ac_task *" : (char *)text(E, d->dspec->loc);
	if (!d->dspec->is_async && mentions_typeof(specs, strlen(specs))) {
		struct piece *p = NULL; /* typeof(local) */
		size_t n = 0, cap = 0;
		text_refs(E, d->dspec->loc, &p, &n, &cap);
		specs = splice(E, d->dspec->loc.start, d->dspec->loc.end, p, n);
		free(p);
	}
	for (struct ac_init_decl *i = d->decls; i; i = i->next) {
		begin_statement(E);
		lower(E, i->init, false);
		struct ac_var *v = i->var;
		char *init = NULL;
		if (i->init)
			init = render(E, i->init);
		else if (i->init_is_list) {
			struct piece *p = NULL;
			size_t n = 0, cap = 0;
			text_refs(E, i->init_loc, &p, &n, &cap);
			if (v && v->is_task) /* adopt the tasks it creates */
				init = splice(E, i->init_loc.start, i->init_loc.end, p, n);
			else
				init = splice(E, i->init_loc.start, i->init_loc.end, p, n);
			free(p);
		}
		if (v && v->in_frame) { /* the frame holds it: assign the initial value */
			const char *m = frame_name(E, v);
			if (!init)
				continue;
			user_line(E, i->loc.start);
			if (v->is_array) /* arrays are not assignable: copy */
				gen(E, "__builtin_memcpy(" FP "->%s, &(__typeof__(" FP "->%s))%s%s%s, sizeof " FP "->%s);",
				    m, m, i->init_is_list ? "" : "{ ", init,
				    i->init_is_list ? "" : " }", m);
			else if (i->init_is_list)
				gen(E, FP "->%s = (__typeof__(" FP "->%s))%s;", m, m, init);
			else
				gen(E, FP "->%s = %s;", m, init);
			continue;
		}
		char *decl = v && v->is_task
			? ac_arena_printf(E->arena, "%s%.*s", v->name,
				(int)(i->decl->loc.end - i->decl->name_loc.end),
				E->src->text + i->decl->name_loc.end)
			: (char *)text(E, i->decl->loc);
		user_line(E, i->loc.start);
		if (init)
			gen(E, "%s %s = %s;", specs, decl, init);
		else
			gen(E, "%s %s;", specs, decl);
	}
}

static void emit_cond_loop(struct emitter *E, struct ac_stmt *s)
{
	const char *in = indent_of(E, s->loc.start);
	char *inner = ac_arena_printf(E->arena, "%s\t", in);
	char *cont = fresh(E, ac_arena_printf(E->arena, "ac_continue_%d", ++E->nconts));
	struct loop_ctx l;
	E->indent = in;
	if (s->kind == ST_FOR) {
		gen(E, "{");
		E->indent = inner;
		if (s->init && s->init->kind == ST_DECL)
			emit_decl(E, s->init);
		else if (s->init && s->init->e1) {
			begin_statement(E);
			lower(E, s->init->e1, true);
			emit_discarded(E, s->init->e1);
		}
		E->indent = in;
	}
	gen(E, "for (;;) {");
	E->indent = inner;
	if (s->kind != ST_DO && (s->kind == ST_WHILE ? s->e1 : s->e2)) {
		struct ac_expr *c = s->kind == ST_WHILE ? s->e1 : s->e2;
		begin_statement(E);
		lower(E, c, false);
		user_line(E, c->loc.start);
		gen(E, "if (!(%s))", render(E, c));
		gen(E, "\tbreak;");
	}
	push_loop(E, &l, false, s->kind == ST_WHILE ? NULL : cont);
	emit_stmt(E, s->body);
	E->loops = l.up;
	E->indent = inner;
	if (l.cont_used) {
		newline(E);
		ac_strbuf_printf(E->out, "%s%s:;\n", in, cont);
	}
	if (s->kind == ST_DO) {
		begin_statement(E);
		lower(E, s->e1, false);
		user_line(E, s->e1->loc.start);
		gen(E, "if (!(%s))", render(E, s->e1));
		gen(E, "\tbreak;");
	} else if (s->kind == ST_FOR && s->e3) {
		begin_statement(E);
		lower(E, s->e3, true);
		emit_discarded(E, s->e3);
	}
	E->indent = in;
	gen(E, "}");
	if (s->kind == ST_FOR)
		gen(E, "}");
}

static bool own_await(const struct ac_stmt *s)
{
	switch (s->kind) {
	case ST_FOR:
		return (s->init && s->init->has_await) || (s->e2 && s->e2->has_await) ||
		       (s->e3 && s->e3->has_await);
	case ST_DECL:
		for (struct ac_init_decl *i = s->decl->decls; i; i = i->next)
			if (i->init && i->init->has_await)
				return true;
		return false;
	default:
		return s->e1 && s->e1->has_await;
	}
}

/* A statement whose own expressions await: their awaits first, then the
 * statement with temporaries in their place. */
static void emit_lowered(struct emitter *E, struct ac_stmt *s)
{
	const char *in = indent_of(E, s->loc.start);
	E->indent = in;
	newline(E);
	line_directive(E, line_of(E, s->loc.start));
	switch (s->kind) {
	case ST_WHILE:
	case ST_DO:
	case ST_FOR:
		emit_cond_loop(E, s);
		return;
	case ST_DECL:
		emit_decl(E, s);
		return;
	default:
		break;
	}
	gen(E, "{");
	E->indent = ac_arena_printf(E->arena, "%s\t", in);
	begin_statement(E);
	bool void_return = s->kind == ST_RETURN && E->f->proto->returns_void;
	lower(E, s->e1, s->kind == ST_EXPR || void_return);
	char *r = render(E, s->e1);
	switch (s->kind) {
	case ST_EXPR:
		emit_discarded(E, s->e1);
		break;
	case ST_RETURN:
		E->has_return = true;
		if (void_return)
			emit_discarded(E, s->e1);
		if (!void_return) {
			user_line(E, s->e1->loc.start);
			gen(E, FP "->" RES " = %s;", r);
		}
		gen(E, "goto " RET ";");
		break;
	case ST_IF:
		user_line(E, s->e1->loc.start);
		gen(E, "if (%s)", r);
		emit_stmt(E, s->body);
		if (s->els) {
			E->indent = ac_arena_printf(E->arena, "%s\t", in);
			gen(E, "else");
			emit_stmt(E, s->els);
		}
		break;
	case ST_GOTO: /* goto *ops[await f()]; */
		user_line(E, s->e1->loc.start);
		gen(E, "goto *%s;", r);
		break;
	case ST_SWITCH: {
		user_line(E, s->e1->loc.start);
		gen(E, "switch (%s)", r);
		struct loop_ctx l;
		push_loop(E, &l, true, NULL);
		emit_stmt(E, s->body);
		E->loops = l.up;
		break;
	}
	default:
		error_at(E, s->loc, "asyncc cannot lower an await here%s", "");
		break;
	}
	E->indent = in;
	gen(E, "}");
}

static void emit_stmt(struct emitter *E, struct ac_stmt *s)
{
	struct ac_point *p = E->an->before[s->id];
	if (p) {
		E->indent = indent_of(E, s->loc.start);
		begin_statement(E);
		suspend(E, p, NULL);
	}
	if (own_await(s)) {
		emit_lowered(E, s);
		return;
	}
	struct loop_ctx l;
	switch (s->kind) {
	case ST_RETURN:
		emit_return(E, s);
		return;
	case ST_CONTINUE: {
		const char *c = continue_label(E);
		if (c) {
			sync(E, s->loc.start);
			ac_strbuf_printf(E->out, "goto %s;", c);
			return;
		}
		break;
	}
	case ST_DECL:
		emit_decl(E, s);
		return;
	case ST_WHILE:
	case ST_DO:
	case ST_FOR:
		push_loop(E, &l, false, NULL);
		break;
	case ST_SWITCH:
		push_loop(E, &l, true, NULL);
		break;
	default:
		break;
	}
	struct ac_stmt **kids = malloc(count_kids(s) * sizeof *kids);
	size_t nk;
	stmt_kids(s, kids, &nk);
	struct piece *pc = NULL;
	size_t np = 0, cap = 0;
	if (s->kind == ST_FOR) {
		expr_piece(E, s->e2, &pc, &np, &cap);
		expr_piece(E, s->e3, &pc, &np, &cap);
	} else if (s->kind == ST_ASM || s->kind == ST_OTHER) {
		text_refs(E, s->loc, &pc, &np, &cap);
	} else if (s->kind != ST_CASE && s->kind != ST_COMPOUND) {
		expr_piece(E, s->e1, &pc, &np, &cap);
	}
	emit_region(E, s->loc.start, s->loc.end, kids, nk, pc, np);
	free(pc);
	free(kids);
	if (s->kind == ST_WHILE || s->kind == ST_DO || s->kind == ST_FOR ||
	    s->kind == ST_SWITCH)
		E->loops = l.up;
}

/* ------------------------------------------------------------ functions */

struct slot {
	struct slot *next;
	char *decl;          /* "int x" */
	uint64_t *points;    /* points where it is saved */
	int color;
	bool fixed;          /* lives in the frame for good: never shared */
};

static void add_slot(struct emitter *E, struct slot ***tail, char *decl,
		     uint64_t *points, bool fixed)
{
	struct slot *s = AC_NEW(E->arena, struct slot);
	s->decl = decl;
	s->points = points;
	s->fixed = fixed;
	**tail = s;
	*tail = &s->next;
}

/* Slots saved at no common point share storage: a union per color. */
static void emit_frame_slots(struct emitter *E, struct slot *slots, size_t words)
{
	int ncolors = 0;
	for (struct slot *s = slots; s; s = s->next) {
		int c = 0;
		for (;; c++) {
			bool clash = s->fixed;
			for (struct slot *o = slots; o != s && !clash; o = o->next) {
				if (o->color != c)
					continue;
				if (o->fixed) {
					clash = true;
					break;
				}
				for (size_t w = 0; w < words; w++)
					if (o->points[w] & s->points[w])
						clash = true;
			}
			if (!clash || (s->fixed && c >= ncolors))
				break;
		}
		s->color = c;
		if (c + 1 > ncolors)
			ncolors = c + 1;
	}
	FILE *st = E->opt->stats;
	for (int c = 0; st && c < ncolors; c++) {
		int n = 0;
		for (struct slot *s = slots; s; s = s->next)
			n += s->color == c;
		fprintf(st, "  slot %d%s:\n", c, n > 1 ? " (shared: a union)" : "");
		for (struct slot *s = slots; s; s = s->next) {
			if (s->color != c)
				continue;
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
	for (int c = 0; c < ncolors; c++) {
		int n = 0;
		for (struct slot *s = slots; s; s = s->next)
			n += s->color == c;
		if (n == 1) {
			for (struct slot *s = slots; s; s = s->next)
				if (s->color == c)
					ac_strbuf_printf(E->out, "\t%s;\n", s->decl);
			continue;
		}
		put(E, "\tunion {\n");
		for (struct slot *s = slots; s; s = s->next)
			if (s->color == c)
				ac_strbuf_printf(E->out, "\t\t%s;\n", s->decl);
		put(E, "\t};\n");
	}
}

static char *params_text(struct emitter *E, struct ac_declarator *d, bool names)
{
	struct ac_strbuf b;
	ac_strbuf_init(&b);
	for (struct ac_param *p = d->params; p; p = p->next) {
		if (names)
			ac_strbuf_printf(&b, "%s%s", b.len ? ", " : "",
					 p->decl && p->decl->name ? p->decl->name : "");
		else
			ac_strbuf_printf(&b, "%s%s", b.len ? ", " : "", text(E, p->loc));
	}
	if (!names && !b.len)
		ac_strbuf_puts(&b, "void");
	char *r = ac_arena_strndup(E->arena, b.data ? b.data : "", b.len);
	ac_strbuf_free(&b);
	return r;
}

static bool is_void_params(struct emitter *E, struct ac_declarator *d)
{
	return !d->params || (!d->params->next && !d->params->decl &&
			      !strcmp(type_specs(E, d->params->specs, true), "void"));
}

static void emit_function(struct emitter *E, struct ac_func *f)
{
	struct ac_proto *pr = f->proto;
	struct ac_declarator *d = pr->decl;
	E->f = f;
	E->an = f->analysis;
	E->fname = pr->name;
	E->stress = f->stressed;
	E->temps = NULL;
	E->temps_tail = &E->temps;
	E->ntemps = 0;
	E->live_base = 0;
	E->has_return = false;
	E->heap_await = false;
	E->loops = NULL;
	E->nconts = 0;
	E->lits = NULL;
	E->nlits = 0;
	for (int i = 0; i < E->an->npoints; i++)
		E->an->points[i].label = fresh(E, E->an->points[i].label);
	ac_strbuf_init(&E->aw);
	const char *st = pr->is_static || f->stressed ? "static " : "";
	const char *n = pr->name;
	bool is_main = f->is_main && !f->stressed;
	bool vparams = is_void_params(E, d);

	if (!f->stressed)
		check_tasks_in(E, f->body);
	/* The body first, into its own buffer: it decides the temporaries. */
	struct ac_strbuf body, *saved = E->out;
	ac_strbuf_init(&body);
	E->out = &body;
	E->indent = "\t";
	E->dirty = true;
	emit_stmt(E, f->body);
	newline(E);
	E->out = saved;

	/* The frame. */
	uint32_t line = line_of(E, f->loc.start);
	newline(E);
	line_directive(E, line);
	ac_strbuf_printf(E->out, "/* %s %s(): state machine generated by asyncc */\n",
			 f->stressed ? "resumable" : "async", n);
	ac_strbuf_printf(E->out, "struct %s__frame {\n", n);
	put(E, E->stress ? "\tint " SSTATE ";\n" : "\tac_task " HDR ";\n");
	if (!pr->returns_void)
		ac_strbuf_printf(E->out, "\t%s;\n", ac_arena_printf(E->arena, member_fmt(E, pr->result_member), RES));
	struct slot *slots = NULL, **tail = &slots;
	bool over_aligned = false; /* a member asks for more than malloc's */
	size_t words = (size_t)E->an->npoints / 64 + 1;
	for (struct ac_var *v = f->vars; v; v = v->next) {
		if (v->is_static)
			continue;
		uint64_t *pts = ac_arena_alloc(E->arena, words * 8);
		for (int i = 0; i < E->an->npoints; i++)
			if (ac_bit(E->an->points[i].live, v->id))
				pts[i / 64] |= (uint64_t)1 << (i % 64);
		bool used = v->in_frame || v->param;
		for (size_t w = 0; w < words; w++)
			used |= pts[w] != 0;
		if (!used)
			continue;
		if (v->param && !v->in_frame) /* live at entry */
			pts[words - 1] |= (uint64_t)1 << 63;
		char *decl = member_decl(E, v, frame_name(E, v));
		over_aligned |= strstr(decl, "_Alignas") || strstr(decl, "aligned");
		add_slot(E, &tail, decl, pts, v->in_frame);
	}
	for (struct temp *t = E->temps; t; t = t->next)
		if (t->spilled)
			add_slot(E, &tail, ac_arena_printf(E->arena, t->type, t->name),
				 t->spilled_at, false);
	for (struct literal *l = E->lits; l; l = l->next)
		add_slot(E, &tail, l->decl, ac_arena_alloc(E->arena, words * 8), true);
	if (E->opt->stats) {
		fprintf(E->opt->stats, "%s:%u: %s function '%s': %d suspension points, frame 'struct %s__frame'\n",
			E->opt->line_file, line, f->stressed ? "resumable" : "async", n,
			E->an->npoints, n);
		fprintf(E->opt->stats, "  state 0: start at line %u\n", line);
		for (int i = 0; i < E->an->npoints; i++)
			fprintf(E->opt->stats, "  state %d: %s, line %u%s\n", E->an->points[i].state,
				E->an->points[i].label, E->an->points[i].line,
				E->an->points[i].await ? "" : " (stress point)");
		fprintf(E->opt->stats, "  header: %s\n", E->stress ? "int state" : "ac_task hdr");
		if (!pr->returns_void)
			fprintf(E->opt->stats, "  result: %s\n", pr->result_member);
	}
	emit_frame_slots(E, slots, words);
	if (E->opt->stats && (E->aw.len || E->heap_await))
		fprintf(E->opt->stats, "  callee frames (a union: one await at a time):\n%s%s",
			E->heap_await ? "\t\tac_task *task; /* heap callee or stored task */\n" : "",
			E->aw.len ? E->aw.data : "");
	if (E->aw.len || E->heap_await) {
		put(E, "\tunion { /* the frames of awaited calls, one at a time */\n");
		if (E->heap_await)
			put(E, "\t\tac_task *" TASK ";\n");
		if (E->aw.len)
			put(E, E->aw.data);
		put(E, "\t} " AW ";\n");
	}
	put(E, "};\n");

	/* State table, init, constructor. */
	if (!E->stress) {
		ac_strbuf_printf(E->out, "static ac_status %s__step(ac_task *" SELF ");\n", n);
		ac_strbuf_printf(E->out, "static const int %s__lines[] = { %u", n, line);
		for (int i = 0; i < E->an->npoints; i++)
			ac_strbuf_printf(E->out, ", %u", E->an->points[i].line);
		put(E, " };\n");
		ac_strbuf_printf(E->out,
			"static const ac_fn_info %s__info = { \"%s\", \"%s\", %u, %d, %s__lines, sizeof(struct %s__frame) };\n",
			n, n, E->opt->line_file, line, E->an->npoints + 1, n, n);
	} else {
		ac_strbuf_printf(E->out, "static int %s__step(struct %s__frame *" FP ");\n", n, n);
	}
	ac_strbuf_printf(E->out, "%s%svoid %s__init(struct %s__frame *" FP "%s%s)\n{\n",
			 st, is_main ? "static " : "", n, n, vparams ? "" : ", ",
			 vparams ? "" : params_text(E, d, false));
	if (E->stress)
		put(E, "\t" FP "->" SSTATE " = 0;\n");
	else
		ac_strbuf_printf(E->out, "\tac__task_init(&" FP "->" HDR ", %s__step, &%s__info, %s);\n",
				 n, n, pr->returns_void ? "NULL" : "&" FP "->" RES);
	for (struct ac_var *v = f->vars; v; v = v->next)
		if (v->param)
			ac_strbuf_printf(E->out, "\t" FP "->%s = %s;\n", frame_name(E, v), v->name);
	put(E, "}\n");
	if (!E->stress && !is_main) {
		/* a static function awaited only inline never needs its heap
		 * constructor: no -Wunused-function for that */
		ac_strbuf_printf(E->out, "%sac_task *%s(%s)\n{\n",
				 *st ? "static __attribute__((unused)) " : "", n,
				 params_text(E, d, false));
		ac_strbuf_printf(E->out, "\tstruct %s__frame *" FP " = %s;\n"
			"\tif (!" FP ")\n\t\treturn NULL;\n\t%s__init(" FP "%s%s);\n"
			"\t" FLAGS " |= AC_TASK_HEAP;\n\treturn &" FP "->" HDR ";\n}\n",
			n, over_aligned ? ac_arena_printf(E->arena,
				"ac__frame_alloc_aligned(sizeof *" FP ", _Alignof(struct %s__frame))", n)
				: "ac__frame_alloc(sizeof *" FP ")",
			n, vparams ? "" : ", ", params_text(E, d, true));
	}

	/* The step function. */
	line_directive(E, line);
	if (E->stress) /* the step may call the wrapper: declare it first */
		ac_strbuf_printf(E->out, "%s;\n",
			text(E, (struct ac_loc){ f->loc.start, f->body_loc.start }));
	if (E->stress)
		ac_strbuf_printf(E->out, "static int %s__step(struct %s__frame *" FP ")\n{\n", n, n);
	else
		ac_strbuf_printf(E->out,
			"static ac_status %s__step(ac_task *" SELF ")\n{\n"
			"\tstruct %s__frame *" FP " = (struct %s__frame *)" SELF ";\n", n, n, n);
	for (struct ac_var *v = f->vars; v; v = v->next)
		if (v->param && !v->in_frame)
			ac_strbuf_printf(E->out, "\t%s;\n", member_decl(E, v, v->name));
	for (struct temp *t = E->temps; t; t = t->next)
		ac_strbuf_printf(E->out, "\t%s;\n", ac_arena_printf(E->arena, t->type, t->name));
	if (E->an->npoints) {
		ac_strbuf_printf(E->out, "\tswitch (%s) {\n\tcase 0:\n\t\tbreak;\n",
				 E->stress ? FP "->" SSTATE : STATE);
		for (int i = 0; i < E->an->npoints; i++)
			ac_strbuf_printf(E->out, "\tcase %d:\n\t\tgoto %s;\n",
					 E->an->points[i].state, E->an->points[i].label);
		put(E, "\t}\n");
	}
	for (struct ac_var *v = f->vars; v; v = v->next)
		if (v->param && !v->in_frame)
			ac_strbuf_printf(E->out, "\t%s = " FP "->%s;\n", v->name, frame_name(E, v));
	put(E, body.data ? body.data : "");
	ac_strbuf_free(&body);
	if (E->has_return)
		put(E, RET ":\n");
	if (E->stress)
		put(E, "\t" FP "->" SSTATE " = -1;\n\treturn 1;\n}\n");
	else
		put(E, "\tac__finish(&" FP "->" HDR ");\n\treturn AC_DONE;\n}\n");

	/* Entry points with the original signatures. */
	if (E->stress || is_main)
		line_directive(E, line);
	if (E->stress) {
		ac_strbuf_printf(E->out, "%s\n{\n\tstruct %s__frame " FP ";\n\t%s__init(&" FP "%s%s);\n"
			"\twhile (!%s__step(&" FP "))\n\t\t;\n%s}\n",
			text(E, (struct ac_loc){ f->loc.start, f->body_loc.start }), n, n,
			vparams ? "" : ", ", params_text(E, d, true), n,
			pr->returns_void ? "" : "\treturn " FP "." RES ";\n");
	} else if (is_main) {
		ac_strbuf_printf(E->out,
			"int main(%s)\n{\n\tstruct main__frame " MAINF ";\n\tmain__init(&" MAINF "%s%s);\n"
			"\tint " RC " = ac_run(&" MAINF "." HDR ");\n\tac_runtime_shutdown();\n"
			"\tif (" RC " < 0) {\n\t\tfprintf(stderr, \"asyncc: %%s\\n\", ac_strerror(" RC "));\n"
			"\t\treturn 1;\n\t}\n\treturn %s;\n}\n",
			params_text(E, d, false), vparams ? "" : ", ", params_text(E, d, true),
			pr->returns_void ? "0" : MAINF "." RES);
	}
	ac_strbuf_free(&E->aw);
}

/* `async T f(...);` becomes the constructor's prototype `ac_task *f(...);`;
 * `async T t;` a task pointer. */
static void emit_async_decl(struct emitter *E, const struct ac_async_decl *a)
{
	const char *storage = a->dspec->is_static ? "static "
			    : a->dspec->is_extern ? "extern " : "";
	for (size_t i = 0; i < a->ndecls; i++) {
		struct ac_declarator *d = a->decls[i];
		if (d->is_function)
			ac_strbuf_printf(E->out, "%s%sac_task *%s;", i ? " " : "", storage,
					 text(E, d->fn_loc));
		else
			ac_strbuf_printf(E->out, "%s%sac_task *%s%s;", i ? " " : "", storage,
					 d->name, text(E, (struct ac_loc){ d->name_loc.end,
									 d->loc.end }));
	}
	/* keep the line count, so that what follows stays on its line */
	for (uint32_t i = a->loc.start; i < a->loc.end; i++)
		if (E->src->text[i] == '\n')
			put(E, "\n");
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

/* What keeps a function from being a state machine, or NULL. */
static const char *unsupported(struct ac_source *src, const struct ac_func *f,
			       struct ac_loc *where)
{
	if (f->refusal) {
		*where = f->refusal_loc;
		return f->refusal;
	}
	for (const struct ac_var *v = f->vars; v; v = v->next) {
		if (!v->param && v->dspec && !v->is_static && f->nawaits + f->stressed > 0 &&
		    declares_cleanup(src, v) && (*where = v->decl->decl->name_loc, true))
			return "a local declared with __attribute__((cleanup)) would be "
			       "cleaned up at every suspension";
		if (v->param) {
			const char *s = src->text + v->param->specs.start;
			size_t n = v->param->specs.end - v->param->specs.start;
			if (mentions_word(s, n, "va_list") || mentions_word(s, n, "__gnuc_va_list") ||
			    mentions_word(s, n, "__builtin_va_list")) {
				*where = v->param->specs;
				return "it takes a va_list, which cannot be copied into a frame";
			}
		}
		if (v->is_array && v->decl && !v->is_static) {
			const struct ac_declarator *d = v->decl->decl;
			for (const struct ac_var *o = f->vars; o; o = o->next)
				if (o != v && mentions_word(src->text + d->name_loc.end,
							    d->loc.end - d->name_loc.end, o->name) &&
				    (*where = d->loc, true))
					return "the size of one of its arrays names a local";
		}
	}
	return NULL;
}

/* The function's text is copied as C strings: its null characters become
 * blanks, except inside literals, where they are refused. */
static const char *nul_in_literal(struct emitter *E, struct ac_func *f)
{
	uint32_t at = ac_source_blank_nuls(E->src, f->loc.start, f->loc.end);
	if (at == UINT32_MAX)
		return NULL;
	ac_diag_at(E->diag, E->src, AC_ERROR, at, at + 1, "async function '%s' cannot "
		   "be made resumable: a literal in it holds a null character; "
		   "write it '\\0'", f->proto->name);
	return "null character";
}

static int cmp_loc(const void *a, const void *b)
{
	const struct ac_loc *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

/* The preprocessor directives of the original text [l.start, l.end), each
 * on its own line: a function translated from its expansion replaces its
 * original text, but not the conditionals around its parts. */
static void keep_directives(struct emitter *E, const struct ac_source *orig,
			    struct ac_loc l)
{
	const char *t = orig->text;
	for (uint32_t i = l.start; i < l.end; i++) {
		if (i != l.start && t[i - 1] != '\n')
			continue;
		uint32_t j = i;
		while (j < l.end && (t[j] == ' ' || t[j] == '\t'))
			j++;
		if (j >= l.end || t[j] != '#')
			continue;
		uint32_t e = j;
		while (e < orig->len && (t[e] != '\n' || t[e - 1] == '\\'))
			e++;
		newline(E);
		putn(E, t + j, e - j);
		put(E, "\n");
		i = e;
	}
}

/* The generated text with its name markers replaced (see FP). */
static void resolve_names(struct emitter *E, struct ac_strbuf *out, size_t from)
{
	struct { char code; const char *name; } names[] = {
		{ 'F', fresh(E, "F") }, { 'h', fresh(E, "hdr") }, { 'r', fresh(E, "result") },
		{ 'a', fresh(E, "aw") }, { 't', fresh(E, "task") },
		{ 'R', fresh(E, "ac_return") }, { 's', fresh(E, "ac_self") },
		{ 'i', fresh(E, "ac_i") }, { 'M', fresh(E, "M") }, { 'c', fresh(E, "rc") },
		{ 'x', fresh(E, "state") },
		{ 'T', words_has(&E->macros, "state", 5) ? "(*ac__state_of(&" FP "->" HDR "))"
							 : FP "->" HDR ".state" },
		{ 'L', words_has(&E->macros, "flags", 5) ? "(*ac__flags_of(&" FP "->" HDR "))"
							 : FP "->" HDR ".flags" },
		{ 'P', words_has(&E->macros, "result", 6) ? "ac__result_of(" FP "->" AW "." TASK ")"
							  : FP "->" AW "." TASK "->result" },
	};
	struct ac_strbuf b;
	ac_strbuf_init(&b);
	for (int pass = 0; pass < 2; pass++) { /* T, L, P hold markers themselves */
		const char *t = out->data ? out->data + from : "";
		size_t n = out->len - from;
		b.len = 0;
		for (size_t i = 0; i < n;) {
			const char *m = memchr(t + i, '\001', n - i);
			size_t at = m ? (size_t)(m - t) : n;
			ac_strbuf_add(&b, t + i, at - i); /* up to the next marker */
			if (at + 1 >= n) {
				ac_strbuf_add(&b, t + at, n - at);
				break;
			}
			const char *name = "\001";
			size_t len = 1;
			for (size_t k = 0; k < sizeof names / sizeof *names; k++)
				if (names[k].code == t[at + 1])
					name = names[k].name, len = 2;
			ac_strbuf_puts(&b, name);
			i = at + len;
		}
		out->len = from;
		ac_strbuf_add(out, b.data ? b.data : "", b.len);
	}
	ac_strbuf_free(&b);
}

int ac_emit(struct ac_unit *u, struct ac_source *orig, struct ac_diag *diag,
	    const struct ac_emit_options *opt, struct ac_strbuf *out)
{
	struct emitter E = { .unit = u, .src = orig, .diag = diag, .opt = opt,
			     .arena = &u->arena, .out = out, .cur_file = opt->line_file,
			     .unit_src = orig };
	size_t nf = 0;
	for (struct ac_func *f = u->funcs; f; f = f->next)
		nf++;
	if (nf == 0 && u->nasync_decls == 0) {
		ac_strbuf_add(out, orig->text, orig->len);
		if (u->stress)
			ac_diag_plain(diag, AC_NOTE, "0 functions made resumable, 0 skipped");
		return 0;
	}
	struct ac_loc *items = malloc((nf + u->nasync_decls + 1) * sizeof *items);
	struct ac_func **funcs = malloc((nf + 1) * sizeof *funcs);
	size_t n = 0;
	for (struct ac_func *f = u->funcs; f; f = f->next) {
		funcs[n] = f;
		items[n++] = f->text ? f->orig_loc : f->loc;
	}
	for (size_t i = 0; i < u->nasync_decls; i++)
		items[n++] = u->async_decls[i].loc;
	qsort(items, n, sizeof *items, cmp_loc);

	bool stress = u->stress;
	int nresumable = 0, nskipped = 0;
	words_of(&E.words, &E.macros, orig, (struct ac_loc){ 0, (uint32_t)orig->len });
	for (struct ac_func *f = u->funcs; f; f = f->next)
		if (f->text) /* what its expansion names besides */
			words_of(&E.words, &E.macros, f->text, f->loc);
	size_t start = out->len;
	ac_strbuf_printf(out, "/* Generated by asyncc from %s: edit that file, not this one. */\n",
			 opt->line_file);
	if (!stress)
		put(&E, "#include <asyncc.h>\n#include <stdio.h>\nAC_ABI_CHECK(1);\n");
	line_directive(&E, 1);
	uint32_t at = 0;
	for (size_t i = 0; i < n; i++) {
		if (items[i].start < at)
			continue;
		putn(&E, orig->text + at, items[i].start - at);
		struct ac_func *f = NULL;
		for (size_t k = 0; k < nf; k++)
			if ((funcs[k]->text ? funcs[k]->orig_loc : funcs[k]->loc).start ==
			    items[i].start)
				f = funcs[k];
		E.src = f && f->text ? f->text : orig; /* expanded text: see parse.c */
		struct ac_loc where = f ? f->proto->decl->name_loc : (struct ac_loc){ 0, 0 };
		const char *why = f ? unsupported(E.src, f, &where) : NULL;
		if (f && why && f->stressed) {
			ac_diag_line(diag, E.src, AC_NOTE, f->loc.start,
				     "'%s' not made resumable: %s", f->proto->name, why);
			nskipped++;
			putn(&E, orig->text + items[i].start, items[i].end - items[i].start);
		} else if (f && why) {
			ac_diag_at(diag, E.src, AC_ERROR, where.start, where.end,
				   "async function '%s' cannot be made resumable: %s",
				   f->proto->name, why);
			E.nerrors++;
		} else if (f && (why = nul_in_literal(&E, f))) {
			E.nerrors++;
		} else if (f) {
			nresumable += f->stressed;
			if (ac_analyze(f, E.src, diag, &u->arena) == 0)
				emit_function(&E, f);
			E.src = orig;
			if (f->text) /* the replaced text's directives (#else, #endif) stay */
				keep_directives(&E, orig, items[i]);
			newline(&E);
			line_directive(&E, line_of(&E, items[i].end));
			uint32_t ls, len;
			ac_source_line_span(orig, items[i].end, &ls, &len);
			for (uint32_t c = ls; c < items[i].end; c++)
				put(&E, " ");
		} else {
			for (size_t k = 0; k < u->nasync_decls; k++)
				if (u->async_decls[k].loc.start == items[i].start)
					emit_async_decl(&E, &u->async_decls[k]);
		}
		at = items[i].end;
	}
	putn(&E, orig->text + at, orig->len - at);
	resolve_names(&E, out, start);
	free(E.words.slots);
	free(E.macros.slots);
	if (stress)
		ac_diag_plain(diag, AC_NOTE, "%d functions made resumable, %d skipped",
			      nresumable, nskipped);
	free(items);
	free(funcs);
	free(E.live_temps);
	return E.nerrors;
}
