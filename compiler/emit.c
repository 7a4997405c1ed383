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
#define _GNU_SOURCE
#include "emitter.h"
#include "parser.h"

#define AC_ABI_STR_(n) #n
#define AC_ABI_STR_OF(n) AC_ABI_STR_(n)
#define AC_ABI_STR AC_ABI_STR_OF(AC_ABI)

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------- helpers */

const char *ac_emit_text(struct emitter *E, struct ac_loc l)
{
	return ac_arena_strndup(E->arena, E->src->text + l.start, l.end - l.start);
}

void ac_emit_error(struct emitter *E, struct ac_loc l, const char *fmt,
		     const char *arg)
{
	ac_diag_at(E->diag, E->src, AC_ERROR, l.start, l.end, fmt, arg);
	E->nerrors++;
}

uint32_t ac_emit_line_of(struct emitter *E, uint32_t offset)
{
	struct ac_position p = ac_source_position(E->src, offset);
	E->cur_file = p.file;
	E->cur_in_main = p.in_main;
	return p.line;
}

void ac_emit_put(struct emitter *E, const char *s)
{
	ac_strbuf_puts(E->out, s);
}

void ac_emit_putn(struct emitter *E, const char *s, size_t n)
{
	ac_strbuf_add(E->out, s, n);
}

/* A #line (or a GLUE marker) as the last line of `o` is dropped: another
 * replaces it. */
static void drop_line_just_made(struct ac_strbuf *o)
{
	if (!o->len || o->data[o->len - 1] != '\n')
		return;
	size_t s = o->len - 1;
	while (s > 0 && o->data[s - 1] != '\n')
		s--;
	if (!strncmp(o->data + s, "#line ", 6) || !strncmp(o->data + s, GLUE "\n", 3) ||
	    (o->data[s] == '#' && o->data[s + 1] == ' ' && o->data[s + 2] >= '0' &&
	     o->data[s + 2] <= '9'))
		o->len = s;
}

/* What follows is the translator's own code (frame, constructors, the
 * dispatch): it is attributed to the generated file, not to a .ca line. */
void ac_emit_glue(struct emitter *E)
{
	if (!E->opt->line_directives)
		return;
	ac_emit_newline(E);
	drop_line_just_made(E->out);
	ac_emit_put(E, GLUE "\n");
	E->mapped_buf = NULL;
	E->dirty = true;
}

void ac_emit_line(struct emitter *E, uint32_t line)
{
	if (!E->opt->line_directives)
		return;
	struct ac_strbuf *o = E->out;
	drop_line_just_made(o);
	if (E->unit_src->nmarkers) /* preprocessed input: its own marker form */
		ac_strbuf_printf(o, "# %u \"%s\"\n", line, E->cur_file);
	else /* (a file #included in a function translated from its expansion: its own) */
		ac_strbuf_printf(o, "#line %u \"%s\"\n", line,
				 E->cur_in_main ? E->opt->line_file : E->cur_file);
	E->mapped_buf = o;
	E->mapped_at = o->len;
	E->mapped_line = line;
	E->mapped_file = E->cur_file;
}

void ac_emit_newline(struct emitter *E)
{
	struct ac_strbuf *o = E->out;
	while (o->len && (o->data[o->len - 1] == ' ' || o->data[o->len - 1] == '\t'))
		o->len--;
	if (o->len)
		o->data[o->len] = '\0';
	if (o->len && o->data[o->len - 1] != '\n')
		ac_emit_put(E, "\n");
}

static void pin_line(struct emitter *E, uint32_t offset);
static void put_at(struct emitter *E, uint32_t at);

static bool runs_no_code(const char *line)
{
	static const char *const forms[] = { "{", "}", "else", "} else {", "else {" };
	for (size_t i = 0; i < sizeof forms / sizeof *forms; i++)
		if (!strcmp(line, forms[i]))
			return true;
	return false;
}

/* Generated lines: on their own lines, indented like the statement, and
 * charged to the .ca line of the construct they come from (a line that is
 * only braces runs no code and needs no #line). */
void ac_emit_gen(struct emitter *E, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s;
	if (vasprintf(&s, fmt, ap) < 0)
		ac_out_of_memory();
	va_end(ap);
	ac_emit_newline(E);
	if (E->pinned && !runs_no_code(s))
		pin_line(E, E->pin);
	ac_emit_put(E, E->indent);
	ac_emit_put(E, s);
	free(s);
	ac_emit_put(E, "\n");
	E->dirty = true;
}

/* A generated line holding the user's text from `offset` follows: a #line,
 * so that gcc's messages and __LINE__ in it name the .ca line. */
void ac_emit_user_line(struct emitter *E, uint32_t offset)
{
	E->pin = offset; /* the generated lines that follow belong to it too */
	E->pinned = true;
	pin_line(E, offset);
}

/* A declaration of the frame or of the step function's top, `indent` and
 * `decl`, holding the user's text at `at` (UINT32_MAX: none, or the
 * function's head's): charged to its .ca line, so that gcc's messages on
 * that text name it.  *user says whether a line before was, and the caller
 * then ends the run of them with ac_emit_glue. */
void ac_emit_user_decl(struct emitter *E, const char *indent, const char *decl,
		       uint32_t at, bool *user)
{
	if (at != UINT32_MAX && E->opt->line_directives) {
		if (!*user)
			E->mapped_buf = NULL;
		pin_line(E, at);
		*user = true;
	}
	ac_strbuf_printf(E->out, "%s%s;\n", indent, decl);
}

/* The next output line maps to the line of `offset`: a #line unless it
 * already does. */
static void pin_line(struct emitter *E, uint32_t offset)
{
	ac_emit_newline(E);
	uint32_t line = ac_emit_line_of(E, offset);
	struct ac_strbuf *o = E->out;
	if (E->mapped_buf == o && E->mapped_at <= o->len && E->mapped_file == E->cur_file) {
		uint32_t now = E->mapped_line; /* the line the next one maps to */
		for (size_t i = E->mapped_at; i < o->len; i++)
			now += o->data[i] == '\n';
		if (now == line)
			return;
	}
	ac_emit_line(E, line);
}

/* Before user text at `offset` that follows generated lines: a #line, and
 * padding so the text keeps its column. */
static void sync(struct emitter *E, uint32_t offset)
{
	if (!E->dirty)
		return;
	ac_emit_newline(E);
	uint32_t ls, len, i;
	ac_source_line_span(E->src, offset, &ls, &len);
	for (i = offset; i < ls + len && (E->src->text[i] == ' ' || E->src->text[i] == '\t'); i++)
		;
	if (i == ls + len) { /* only blanks up to the newline: resume after it */
		ac_emit_line(E, ac_emit_line_of(E, offset) + 1);
		E->dirty = false;
		E->skip_to = i < E->src->len ? i + 1 : i;
		return;
	}
	ac_emit_line(E, ac_emit_line_of(E, offset));
	for (uint32_t c = ls; c < offset; c++)
		ac_emit_put(E, E->src->text[c] == '\t' ? "\t" : " ");
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

/*
 * The indentation of the lines the translation writes one level inside
 * a statement indented by `in` (the leading blanks of its .ca line): one
 * more of the blank `in` ends with, a tab when it has none.  The user's
 * lines keep their own blanks, so tabs after tabs, spaces after spaces
 * (as in a function translated from its expansion, which `cc -E` indents
 * with spaces): mixing the two put a generated `else` where clang, with
 * tabs 8 columns wide, saw the body of the loop before it (`in` of 6
 * spaces and a tab, the loop's body at 8 spaces: -Wmisleading-indentation).
 * At most AC_GEN_INDENT in a row (an await inside N nested `&&` or `?:`
 * opens N nested blocks, which would otherwise take N^2 of them).
 */
enum { AC_GEN_INDENT = 32 };

const char *ac_emit_deeper(struct emitter *E, const char *in)
{
	size_t n = strlen(in), run = 0;
	char step = n && in[n - 1] == ' ' ? ' ' : '\t';
	while (run < n && run < AC_GEN_INDENT && in[n - 1 - run] == step)
		run++;
	return run == AC_GEN_INDENT ? in : ac_arena_printf(E->arena, "%s%c", in, step);
}

/* A statement starts with only the temporaries of the expression around
 * it, when it is one of a statement expression's. */
void ac_emit_begin_statement(struct emitter *E)
{
	E->nlive_temps = E->live_base;
}

/* The loop pragma at `i` in [i, to): `#pragma ...` to the end of its line,
 * or `_Pragma("...")`; its end, or 0 when there is none. */
static uint32_t loop_pragma_at(const char *t, uint32_t i, uint32_t to)
{
	uint32_t w, end;
	if (t[i] == '#') {
		for (w = i + 1; w < to && (t[w] == ' ' || t[w] == '\t'); w++)
			;
		if (to - w < 7 || memcmp(t + w, "pragma", 6) || ac_is_ident_char(t[w + 6]))
			return 0;
		w += 6; /* the pragma's words, to the end of the line */
		for (end = w; end < to && t[end] != '\n'; end++)
			if (t[end] == '\\' || (t[end] == '/' && end + 1 < to &&
					       (t[end + 1] == '*' || t[end + 1] == '/')))
				return 0; /* (continued, or with a comment: left as it is) */
		return ac_is_loop_pragma(t + w, t + end) ? end : 0;
	}
	if (to - i < 10 || memcmp(t + i, "_Pragma", 7) || (i && ac_is_ident_char(t[i - 1])))
		return 0;
	for (w = i + 7; w < to && (t[w] == ' ' || t[w] == '\t' || t[w] == '('); w++)
		;
	if (w >= to || t[w] != '"')
		return 0;
	for (end = ++w; end < to && t[end] != '"' && t[end] != '\\' && t[end] != '\n'; end++)
		;
	if (end >= to || t[end] != '"' || !ac_is_loop_pragma(t + w, t + end))
		return 0;
	for (end++; end < to && (t[end] == ' ' || t[end] == '\t'); end++)
		;
	return end < to && t[end] == ')' ? end + 1 : 0;
}

/*
 * The text between statements, before `next`.  A loop pragma before a
 * loop that awaits becomes a comment: the loop is now a state machine's,
 * resumed at case labels inside it, which gcc can neither unroll nor
 * vectorise (it rejects `GCC unroll` and `GCC ivdep` there), and the hint
 * changes no result:
 *
 *   #pragma GCC unroll 4   ->   / * #pragma GCC unroll 4 (a loop that awaits) * /
 */
static void emit_between(struct emitter *E, uint32_t from, uint32_t to,
			 const struct ac_stmt *next)
{
	const char *t = E->src->text;
	bool loop = next && next->has_await &&
		    (next->kind == ST_WHILE || next->kind == ST_DO || next->kind == ST_FOR);
	uint32_t at = from;
	for (uint32_t i = from, end; loop && i < to; i++) {
		if ((t[i] != '#' && t[i] != '_') || !(end = loop_pragma_at(t, i, to)))
			continue;
		ac_emit_putn(E, t + at, i - at);
		ac_emit_put(E, "/* ");
		ac_emit_putn(E, t + i, end - i);
		ac_emit_put(E, " (a loop that awaits) */");
		at = end;
		i = end - 1;
	}
	ac_emit_putn(E, t + at, to - at);
}

/* User text [start, end) with the child statements emitted in place and the
 * expression pieces substituted. */
static void emit_region(struct emitter *E, uint32_t start, uint32_t end,
			struct ac_stmt **kids, size_t nk, struct piece *p,
			size_t np)
{
	if (np)
		qsort(p, np, sizeof *p, ac_lower_cmp_pieces);
	uint32_t at = start;
	size_t ip = 0;
	for (size_t k = 0; k <= nk; k++) {
		uint32_t stop = k < nk ? kids[k]->loc.start : end;
		while (ip < np && p[ip].start < stop) {
			if (p[ip].start >= at) {
				sync(E, at);
				if (E->skip_to > at && E->skip_to <= p[ip].start)
					at = E->skip_to;
				ac_emit_putn(E, E->src->text + at, p[ip].start - at);
				ac_emit_put(E, p[ip].text);
				at = p[ip].end;
			}
			ip++;
		}
		if (stop > at) {
			sync(E, at);
			if (E->skip_to > at && E->skip_to <= stop)
				at = E->skip_to;
			emit_between(E, at, stop, k < nk ? kids[k] : NULL);
		}
		if (k < nk) {
			ac_emit_stmt(E, kids[k]);
			at = kids[k]->loc.end;
		}
	}
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

/* The next output line maps to the line of `at`, and is blank up to its
 * column. */
static void put_at(struct emitter *E, uint32_t at)
{
	uint32_t ls, len;
	ac_emit_newline(E);
	ac_emit_line(E, ac_emit_line_of(E, at));
	ac_source_line_span(E->src, at, &ls, &len);
	for (uint32_t c = ls; c < at; c++)
		ac_emit_put(E, E->src->text[c] == '\t' ? "\t" : " ");
}

static size_t count_kids(struct ac_stmt *s)
{
	size_t n = 3;
	if (s->kind == ST_COMPOUND)
		for (struct ac_stmt *i = s->body; i; i = i->next)
			n++;
	return n;
}

static void emit_return(struct emitter *E, struct ac_stmt *s)
{
	E->has_return = true;
	sync(E, s->loc.start);
	bool comma = s->e1 && ac_lower_strip(s->e1) == s->e1 && s->e1->kind == EX_COMMA;
	if (s->e1 && !E->f->proto->returns_void)
		ac_strbuf_printf(E->out, "{ %s; goto " RET "; }", ac_frame_store(E, FP "->" RES,
			ac_arena_printf(E->arena, comma ? "(%s)" : "%s", ac_lower_render(E, s->e1)),
			E->f->proto->result_read_only));
	else if (s->e1)
		ac_strbuf_printf(E->out, "{ %s; goto " RET "; }", ac_lower_render(E, s->e1));
	else
		ac_emit_put(E, "goto " RET ";");
}

/* A task where a value is expected (`if (slow(0))`, `int v = slow(1);`):
 * almost surely a forgotten await. */
static void check_task_value(struct emitter *E, const struct ac_expr *e)
{
	const struct ac_expr *c = ac_lower_strip(e);
	if (!c || c->kind != EX_CALL || !c->is_async_call || !c->callee)
		return;
	ac_emit_error(E, c->loc, "%s", ac_arena_printf(E->arena,
		"'%s' creates a task, not its value: did you mean 'await %s'?",
		c->callee->name, ac_emit_text(E, c->loc)));
}

/* A task variable where only a value can go (a local that cannot hold a
 * pointer, an async int's result): `int n = t;`.  True when it is one. */
static bool check_task_var(struct emitter *E, const struct ac_expr *e)
{
	const struct ac_expr *c = ac_lower_strip(e);
	if (!c || c->kind != EX_IDENT || !c->var || !c->var->is_task)
		return false;
	ac_emit_error(E, c->loc, "%s", ac_arena_printf(E->arena,
		"'%s' is a task, not its value: did you mean 'await %s'?",
		c->name, c->name));
	return true;
}

static void check_task_stored(struct emitter *E, const struct ac_expr *e)
{
	if (!check_task_var(E, e))
		check_task_value(E, e);
}

/* Whether the cast c names a type that cannot hold a task: `(long)`,
 * `(unsigned int)` (not `(void)`, a pointer or a typedef name). */
static bool cast_to_value(struct emitter *E, const struct ac_expr *c)
{
	const char *t = E->src->text;
	uint32_t from = c->loc.start, to = c->a->loc.start;
	if (from >= to || t[from] != '(')
		return false;
	while (to > from && t[to - 1] != ')')
		to--;
	from++, to--; /* inside the parentheses */
	while (from < to && t[from] == ' ')
		from++;
	while (to > from && t[to - 1] == ' ')
		to--;
	return to > from && ac_lower_never_task_type(ac_emit_text(E,
		(struct ac_loc){ from, to }));
}

/* `n = slow(1)` or `n = t` into an `int n`. */
static void check_assigned(struct emitter *E, const struct ac_expr *a)
{
	const struct ac_expr *to = ac_lower_strip(a->a);
	if (to && to->kind == EX_IDENT && ac_lower_never_task(E, to->var))
		check_task_stored(E, a->b);
}

static void check_task_values(struct emitter *E, const struct ac_expr *e)
{
	if (!e || !(e->has_task_call || e->has_task_cast))
		return;
	if (e->kind == EX_CAST && e->is_task_cast) {
		ac_emit_error(E, e->loc, "%s", ac_arena_printf(E->arena,
			"a cast to a task type is the operand of 'await' only: "
			"'await %s'", ac_emit_text(E, e->loc)));
		return;
	}
	const struct ac_expr *op = e->kind == EX_AWAIT ? ac_lower_strip(e->a) : NULL;
	if (op && op->kind == EX_CAST && op->is_task_cast) {
		check_task_values(E, op->a); /* await (async T)t */
		return;
	}
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
	case EX_ASSIGN:
		check_assigned(E, e);
		break;
	case EX_CAST: /* `(long)slow(1)` */
		if (e->a && cast_to_value(E, e))
			check_task_stored(E, e->a);
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
		case ST_EXPR: { /* `n = t;`: the check below looks only where a
				 * call makes a task */
			const struct ac_expr *a = ac_lower_strip(s->e1);
			if (a && a->kind == EX_ASSIGN && !a->b->has_task_call)
				check_assigned(E, a);
			break;
		}
		case ST_RETURN: /* `return slow(1);` from an async int */
			if (ac_lower_never_task_type(E->f->proto->result_type))
				check_task_stored(E, s->e1);
			break;
		case ST_DECL:
			for (struct ac_init_decl *i = s->decl->decls; i; i = i->next) {
				if (!i->var || i->init_is_list)
					continue;
				if (ac_lower_never_task(E, i->var))
					check_task_stored(E, i->init);
				else if (!i->var->is_task && !i->decl->is_pointer)
					check_task_value(E, i->init);
			}
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

/* Does the initializer `init` begin with a string literal ("..", L"..")? */
static bool is_string(const char *init)
{
	while (*init == '(' || *init == ' ')
		init++;
	if (*init == 'L' || *init == 'U' || *init == 'u')
		init += init[0] == 'u' && init[1] == '8' ? 2 : 1;
	return *init == '"';
}

/* Where an initializer goes after the declarator ending at `at`: after
 * its attributes and asm label (`int x __attribute__((unused)) = 0`,
 * `register int r asm("rbx") = 0`), before the `,` or `;`. */
static uint32_t declarator_end(struct emitter *E, uint32_t at, uint32_t end)
{
	const char *t = E->src->text;
	uint32_t last = at;
	for (int depth = 0; at < end; at++) {
		char c = t[at];
		if (c == '/' && at + 1 < end && (t[at + 1] == '*' || t[at + 1] == '/')) {
			const char *x = strstr(t + at + 2, t[at + 1] == '*' ? "*/" : "\n");
			if (!x || x >= t + end)
				return UINT32_MAX;
			at = (uint32_t)(x - t) + (t[at + 1] == '*'); /* a comment: a blank */
			continue;
		}
		if (c == '#' || c == '\'' || c == '\\')
			return UINT32_MAX; /* a directive: left alone */
		if (c == '(' || c == '[')
			depth++;
		else if (c == ')' || c == ']')
			depth--;
		else if (depth == 0 && (c == ',' || c == ';'))
			break;
		else if (c == '"') { /* the asm label's string */
			for (at++; at < end && t[at] != '"'; at++)
				at += t[at] == '\\';
		}
		if (!ac_is_space(c))
			last = at + 1;
	}
	return last;
}

/* Do the specifiers `t` name an arithmetic type or an enum (not a struct,
 * union or typedef name, whose zero is spelled otherwise)? */
static bool scalar_specs(const char *t, uint32_t at, uint32_t end)
{
	static const char *const words[] = { "int", "char", "short", "long", "signed",
		"unsigned", "float", "double", "_Bool", "_Complex", "__int128", "const",
		"volatile", "register", "auto", "_Atomic", "__signed__", "__const",
		"__volatile__", "__extension__", "_Float16", "_Float32", "_Float64",
		"_Float128", "_Float32x", "_Float64x", "_Float128x", "__float128",
		"__float80", "__ibm128", "_Decimal32", "_Decimal64", "_Decimal128",
		"__bf16", "__fp16", "__complex__", "_Imaginary" };
	struct ac_words s = { .t = t, .at = at, .end = end };
	uint32_t w, n;
	bool any = false, tag = false;
	while (ac_words_next(&s, &w, &n)) {
		bool known = tag;
		tag = ac_word_is(t + w, n, "enum");
		for (size_t i = 0; !known && i < sizeof words / sizeof *words; i++)
			known = ac_word_is(t + w, n, words[i]);
		if (!known && !tag)
			return false;
		any = true;
	}
	return any && !tag;
}

/*
 * A local the function saves across a suspension, declared without an
 * initializer, starts at zero: the save copies it even on the paths where
 * nothing assigned it yet (`int y; if (n) y = 1; await f(); if (n) ...`),
 * and a copy of an indeterminate value is what gcc -O2 warns of.
 *
 *   int y;   ->   int y = 0;
 */
static bool starts_at_zero(struct emitter *E, const struct ac_decl *d,
			   const struct ac_init_decl *i)
{
	const struct ac_var *v = i->var;
	if (!v || v->in_frame || v->is_static || !v->spilled ||
	    i->init || i->init_is_list || d->dspec->is_extern || d->dspec->is_typedef)
		return false;
	const struct ac_declarator *dc = i->decl;
	if (dc->is_array || dc->is_function || dc->is_vla ||
	    (v->decl_stmt && v->decl_stmt->before_cases) ||
	    declarator_end(E, dc->loc.end, v->decl_stmt ? v->decl_stmt->loc.end
							 : i->loc.end) == UINT32_MAX)
		return false;
	return dc->is_pointer || v->is_task || /* (`async int t;` is an ac_task *) */
	       scalar_specs(E->src->text, d->dspec->loc.start, d->dspec->loc.end);
}

/* The zero a local that starts at zero gets: `{ 0 }` for a vector (`int v
 * __attribute__((vector_size(16)))`). */
static char *zero_of(struct emitter *E, const struct ac_decl *d)
{
	const char *t = E->src->text;
	return ac_words_count(t, d->loc.start, d->loc.end, "vector_size") > 0 ||
	       ac_words_count(t, d->loc.start, d->loc.end, "__vector_size__") > 0
		? " = { 0 }" : " = 0";
}

/* A typedef of the body that the frame names by a copy (bodytypes.c), and
 * that the declaration of `held`, which the frame holds, names: the step
 * names it there, or gcc finds it unused (-Wunused-local-typedefs).
 *
 *   (void)(line *)0; -- in l's type
 */
static void name_local_typedefs(struct emitter *E, const struct ac_decl *d,
				const struct ac_var *held)
{
	const struct ac_func *f = E->f;
	const char *t = E->src->text;
	struct ac_loc in[2] = { d->dspec->loc, held->decl->decl->loc };
	for (size_t k = 0; k < f->nlocal_types; k++) {
		const struct ac_local_type *lt = &f->local_types[k];
		bool hit = false;
		for (int i = 0; i < 2 && lt->copy && !lt->is_enum && !hit; i++) {
			struct ac_words s = { .t = t, .at = in[i].start, .end = in[i].end };
			uint32_t w, n;
			while (!hit && ac_words_next(&s, &w, &n))
				hit = !s.member && strlen(lt->name) == n && !memcmp(t + w, lt->name, n);
		}
		if (hit)
			ac_emit_gen(E, "(void)(%s *)0; /* in %s's type */", lt->name, held->name);
	}
}

/*
 * A local the frame holds whose type names locals that stay in the step
 * (`short s = 3; __typeof__(s) d = 1;`): the frame, at file scope, names
 * values of their types instead, so the step names them where `d` was
 * declared, for the compiler to see them used:
 *
 *   (void)sizeof s; -- in `d`'s type
 */
static void name_type_locals(struct emitter *E, const struct ac_decl *d,
			     const struct ac_var *held)
{
	const char *t = E->src->text;
	name_local_typedefs(E, d, held);
	if (!ac_frame_mentions_typeof(t + d->dspec->loc.start, d->dspec->loc.end - d->dspec->loc.start))
		return;
	struct ac_words s = { .t = t, .at = d->dspec->loc.start, .end = d->dspec->loc.end };
	uint32_t w, n;
	while (ac_words_next(&s, &w, &n)) {
		struct ac_var *hit = s.member ? NULL : ac_lower_var_at(E, (struct ac_loc){ w, w + n });
		if (hit && (!hit->in_frame || hit->is_static) &&
		    hit->scope_start < d->dspec->loc.start) /* (not a statement expression's own) */
			ac_emit_gen(E, "(void)sizeof %s; /* in %s's type */", hit->name, held->name);
	}
}

/*
 * A declarator with the attributes and the asm label written after it, up
 * to its initializer's `=` (or the `,` or `;` after it), for the step's
 * own declaration of it: the attributes may make its type, the label its
 * register.
 *
 *   int big __attribute__((mode(DI))) = await y(1);  ->  int big __attribute__((mode(DI))) = ac_t0;
 *   register long v asm("r12") = await y(2);        ->  register long v asm("r12") = ac_t1;
 */
static char *declarator_with_suffix(struct emitter *E, const struct ac_init_decl *i,
				    uint32_t end)
{
	const char *t = E->src->text;
	const struct ac_declarator *dc = i->decl;
	uint32_t at = dc->loc.end, last = at;
	for (int depth = 0; at < end;) {
		char c = t[at];
		if (c == '"' || c == '\'' || (c == '/' && at + 1 < end && (t[at + 1] == '*' || t[at + 1] == '/'))) {
			at = ac_text_skip_lexeme(t, at, end);
			if (c != '/')
				last = at;
			continue;
		}
		if (c == '(' || c == '[')
			depth++;
		else if (c == ')' || c == ']')
			depth--;
		else if (depth == 0 && (c == '=' || c == ',' || c == ';' || c == '{'))
			break;
		if (!ac_is_space(c))
			last = at + 1;
		at++;
	}
	struct piece *p = NULL;
	size_t n = 0, cap = 0;
	ac_lower_decl_refs(E, dc->loc, &p, &n, &cap); /* `(*p)[n]` */
	ac_lower_text_refs(E, (struct ac_loc){ dc->loc.end, last }, &p, &n, &cap);
	char *r = ac_lower_splice(E, dc->loc.start, last, p, n);
	free(p);
	return ac_frame_clean(E, r);
}

/* Does the declaration only declare functions that the file-scope
 * declarations before the frame declare for the step too (`double
 * half(int), third(int);`, no type defined in it)?  Declared again in the
 * step, they would be redundant (-Wredundant-decls). */
static bool declared_above(struct emitter *E, const struct ac_decl *d)
{
	if (d->dspec->is_typedef || d->dspec->is_async ||
	    memchr(E->src->text + d->dspec->loc.start, '{', d->dspec->loc.end - d->dspec->loc.start))
		return false;
	for (const struct ac_init_decl *i = d->decls; i; i = i->next)
		if (!i->decl->declared_above || i->init || i->init_is_list)
			return false;
	return d->decls != NULL;
}

/* Does a label (`case 1:`, `again:`) end just before `at`? */
static bool after_label(struct emitter *E, uint32_t at)
{
	const char *t = E->src->text;
	while (at > 0 && ac_is_space(t[at - 1]))
		at--;
	return at > 0 && t[at - 1] == ':';
}

/* A declaration: variables in the frame get their initial value assigned;
 * task variables become ac_task pointers; functions declared before the
 * frame are not declared again (an empty statement stays after a label).
 *
 *   double half(int), third(int);   ->   (nothing)
 */
static void emit_decl(struct emitter *E, struct ac_stmt *s)
{
	struct ac_decl *d = s->decl;
	if (declared_above(E, d)) {
		struct piece p = { s->loc.start, s->loc.end, after_label(E, s->loc.start) ? (char *)";" : (char *)"" };
		emit_region(E, s->loc.start, s->loc.end, NULL, 0, &p, 1);
		return;
	}
	bool special = d->dspec->is_async;
	for (struct ac_init_decl *i = d->decls; i; i = i->next)
		if ((i->var && i->var->in_frame && !i->var->is_static) ||
		    (i->init && i->init->has_await))
			special = true;
	if (!special || d->dspec->is_static || d->dspec->is_extern ||
	    d->dspec->is_typedef) {
		struct piece *p = NULL;
		size_t n = 0, cap = 0;
		if (ac_frame_mentions_typeof(E->src->text + d->dspec->loc.start,
					     d->dspec->loc.end - d->dspec->loc.start) ||
		    ac_lower_typeof_within(E, d->dspec->loc)) /* typeof(local), sizeof(await f()) */
			ac_lower_text_refs(E, d->dspec->loc, &p, &n, &cap);
		else /* `_Alignas(sizeof v)`, `enum { K = sizeof v }` */
			ac_lower_decl_refs(E, d->dspec->loc, &p, &n, &cap);
		bool is_static = d->dspec->is_static || d->dspec->is_extern;
		E->in_static = is_static;
		for (struct ac_init_decl *i = d->decls; i; i = i->next) {
			if (is_static && !i->decl->is_function && !i->decl->fn_wrapped)
				/* `static char sb[sizeof buf]` of a local in the frame */
				ac_lower_text_refs(E, (struct ac_loc){ i->decl->name_loc.end,
						   i->decl->loc.end }, &p, &n, &cap);
			else if (!is_static) /* `char vla[n]`, `int (*p)[n]` */
				ac_lower_decl_refs(E, i->decl->loc, &p, &n, &cap);
			ac_lower_expr_piece(E, i->init, &p, &n, &cap);
			if (i->init_is_list && !d->dspec->is_static)
				ac_lower_text_refs(E, i->init_loc, &p, &n, &cap);
			if (starts_at_zero(E, d, i)) {
				uint32_t at = declarator_end(E, i->decl->loc.end, s->loc.end);
				AC_GROW(p, cap, n);
				p[n++] = (struct piece){ at, at, zero_of(E, d) };
			}
		}
		E->in_static = false;
		emit_region(E, s->loc.start, s->loc.end, NULL, 0, p, n);
		free(p);
		return;
	}
	/* One declaration per declarator, each after its initializer's awaits. */
	sync(E, s->loc.start);
	E->indent = indent_of(E, s->loc.start);
	char *specs = d->dspec->is_async ? "ac_task *" : (char *)ac_emit_text(E, d->dspec->loc);
	if (!d->dspec->is_async && (ac_frame_mentions_typeof(specs, strlen(specs)) ||
				    ac_lower_typeof_within(E, d->dspec->loc))) {
		struct piece *p = NULL; /* typeof(local) */
		size_t n = 0, cap = 0;
		ac_lower_text_refs(E, d->dspec->loc, &p, &n, &cap);
		specs = ac_lower_splice(E, d->dspec->loc.start, d->dspec->loc.end, p, n);
		free(p);
	} else if (!d->dspec->is_async) {
		struct piece *p = NULL; /* `_Alignas(sizeof v)` */
		size_t n = 0, cap = 0;
		ac_lower_decl_refs(E, d->dspec->loc, &p, &n, &cap);
		if (n)
			specs = ac_lower_splice(E, d->dspec->loc.start, d->dspec->loc.end, p, n);
		free(p);
	}
	for (struct ac_init_decl *i = d->decls; i; i = i->next) {
		ac_emit_begin_statement(E);
		ac_lower(E, i->init, false);
		struct ac_var *v = i->var;
		char *init = NULL;
		if (i->init)
			init = ac_lower_render(E, i->init);
		else if (i->init_is_list) {
			struct piece *p = NULL;
			size_t n = 0, cap = 0;
			ac_lower_text_refs(E, i->init_loc, &p, &n, &cap);
			if (v && v->is_task) /* adopt the tasks it creates */
				init = ac_lower_splice(E, i->init_loc.start, i->init_loc.end, p, n);
			else
				init = ac_lower_splice(E, i->init_loc.start, i->init_loc.end, p, n);
			free(p);
		}
		if (v && v->in_frame) { /* the frame holds it: assign the initial value */
			const char *m = ac_frame_name(E, v);
			name_type_locals(E, d, v);
			if (!init)
				continue;
			ac_emit_user_line(E, i->loc.start);
			if (v->is_array || (v->maybe_array && (i->init_is_list || is_string(init)))) {
				/* arrays are not assignable: copy, the value at
				 * its column (for gcc's messages on it) */
				ac_emit_gen(E, "__builtin_memcpy(" TO_BYTES "%s" FP "->%s, " FROM_BYTES "&(__typeof__(" FP "->%s))",
				    v->is_array ? "" : "&", m, m);
				put_at(E, i->init_is_list ? i->init_loc.start : i->init->loc.start);
				ac_strbuf_printf(E->out, "%s%s%s, sizeof " FP "->%s);\n", i->init_is_list ? "" : "{",
						 init, i->init_is_list ? "" : " }", m);
				E->dirty = true;
			}
			else if (v->stored_by_copy) /* (a list is the one element's) */
				ac_emit_gen(E, "%s;", ac_frame_store(E, ac_arena_printf(E->arena,
					FP "->%s", m), init, true));
			else if (i->init_is_list) /* (a const one's through its view) */
				ac_emit_gen(E, FP "->%s = (__typeof__(" FP "->%s))%s;",
					    ac_frame_set_name(E, v), ac_frame_set_name(E, v), init);
			else
				ac_emit_gen(E, FP "->%s = %s;", ac_frame_set_name(E, v), init);
			continue;
		}
		char *decl = v && v->is_task
			? ac_arena_printf(E->arena, "%s%.*s", v->name,
				(int)(i->decl->loc.end - i->decl->name_loc.end),
				E->src->text + i->decl->name_loc.end)
			: declarator_with_suffix(E, i, s->loc.end);
		ac_emit_user_line(E, i->loc.start);
		if (init)
			ac_emit_gen(E, "%s %s = %s;", specs, decl, init);
		else
			ac_emit_gen(E, "%s %s%s;", specs, decl, starts_at_zero(E, d, i) ? zero_of(E, d) : "");
	}
}

/* `if (!(c)) break;`, c's awaits before it */
static void emit_loop_test(struct emitter *E, struct ac_expr *c)
{
	ac_emit_begin_statement(E);
	ac_lower(E, c, false);
	ac_emit_user_line(E, c->loc.start);
	ac_emit_gen(E, "if (!(%s))", ac_lower_render(E, c));
	const char *in = E->indent;
	E->indent = ac_emit_deeper(E, in);
	ac_emit_gen(E, "break;");
	E->indent = in;
}

/*
 * A loop whose condition or step awaits becomes `for (;;)` with them as
 * statements in its body.  What runs after the body (a for's step, a do's
 * condition) goes at the top, past which the first round enters, so that a
 * `continue` is C's own, wherever it is (in a statement expression, in a
 * macro):
 *
 *   for (i = 0; c; i += await f())      i = 0;
 *           body                         goto ac_first_1;
 *                                        for (;;) {
 *                                                i += ...await f()...;
 *                                        ac_first_1:;
 *                                                if (!(c)) break;
 *                                                body
 *                                        }
 *
 *   do body while (await f());           goto ac_first_2;
 *                                        for (;;) {
 *                                                if (!(...await f()...)) break;
 *                                        ac_first_2:;
 *                                                body
 *                                        }
 */
static void emit_cond_loop(struct emitter *E, struct ac_stmt *s)
{
	const char *in = indent_of(E, s->loc.start);
	const char *inner = ac_emit_deeper(E, in);
	bool rotated = s->kind == ST_DO || (s->kind == ST_FOR && s->e3);
	char *first = rotated ? ac_names_fresh(E, ac_arena_printf(E->arena, "ac_first_%d",
								 ++E->nloops)) : NULL;
	E->indent = in;
	if (s->kind == ST_FOR) {
		ac_emit_gen(E, "{");
		E->indent = inner;
		if (s->init && s->init->kind == ST_DECL)
			emit_decl(E, s->init);
		else if (s->init && s->init->e1) {
			ac_emit_begin_statement(E);
			ac_lower(E, s->init->e1, true);
			ac_lower_discarded(E, s->init->e1);
		}
		E->indent = in;
	}
	if (first)
		ac_emit_gen(E, "goto %s;", first);
	ac_emit_gen(E, "for (;;) {");
	E->indent = inner;
	if (s->kind == ST_FOR && s->e3) {
		ac_emit_begin_statement(E);
		ac_lower(E, s->e3, true);
		ac_lower_discarded(E, s->e3);
	}
	if (s->kind == ST_DO)
		emit_loop_test(E, s->e1);
	if (first) {
		ac_emit_newline(E);
		ac_strbuf_printf(E->out, "%s%s:;\n", in, first);
	}
	if (s->kind != ST_DO && (s->kind == ST_WHILE ? s->e1 : s->e2))
		emit_loop_test(E, s->kind == ST_WHILE ? s->e1 : s->e2);
	ac_emit_stmt(E, s->body);
	E->indent = in;
	ac_emit_gen(E, "}");
	if (s->kind == ST_FOR)
		ac_emit_gen(E, "}");
}

/* Does the declaration in a for's init declare several variables, one in
 * the frame?  It becomes statements (`F->i = 0; int *pi = &F->i;`), which
 * the init clause cannot hold. */
static bool init_splits(const struct ac_stmt *init)
{
	if (!init || init->kind != ST_DECL || !init->decl->decls->next)
		return false;
	for (const struct ac_init_decl *i = init->decl->decls; i; i = i->next)
		if (i->var && i->var->in_frame && !i->var->is_static)
			return true;
	return false;
}

/* Does `s` await in its own expressions (or need its form changed like
 * such a statement: emit_lowered)? */
static bool own_await(const struct ac_stmt *s)
{
	switch (s->kind) {
	case ST_FOR:
		return (s->init && s->init->has_await) || (s->e2 && s->e2->has_await) ||
		       (s->e3 && s->e3->has_await) || init_splits(s->init);
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
	ac_emit_newline(E);
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
	ac_emit_gen(E, "{");
	E->indent = ac_emit_deeper(E, in);
	ac_emit_begin_statement(E);
	bool void_return = s->kind == ST_RETURN && E->f->proto->returns_void;
	ac_lower(E, s->e1, s->kind == ST_EXPR || void_return);
	char *r = ac_lower_render(E, s->e1);
	switch (s->kind) {
	case ST_EXPR:
		ac_lower_discarded(E, s->e1);
		break;
	case ST_RETURN:
		E->has_return = true;
		if (void_return)
			ac_lower_discarded(E, s->e1);
		ac_emit_user_line(E, s->e1->loc.start);
		if (!void_return)
			ac_emit_gen(E, "%s; goto " RET ";", ac_frame_store(E, FP "->" RES, r,
				E->f->proto->result_read_only));
		else
			ac_emit_gen(E, "goto " RET ";");
		break;
	case ST_IF:
		ac_emit_user_line(E, s->e1->loc.start);
		ac_emit_gen(E, "if (%s)", r);
		ac_emit_stmt(E, s->body);
		if (s->els) {
			E->indent = ac_emit_deeper(E, in);
			ac_emit_gen(E, "else");
			ac_emit_stmt(E, s->els);
		}
		break;
	case ST_GOTO: /* goto *ops[await f()]; */
		ac_emit_user_line(E, s->e1->loc.start);
		ac_emit_gen(E, "goto *%s;", r);
		break;
	case ST_SWITCH: {
		ac_emit_user_line(E, s->e1->loc.start);
		ac_emit_gen(E, "switch (%s)", r);
		ac_emit_stmt(E, s->body);
		break;
	}
	default:
		ac_emit_error(E, s->loc, "asyncc cannot lower an await here%s", "");
		break;
	}
	E->indent = in;
	ac_emit_gen(E, "}");
}

static void emit_stmt_at(struct emitter *E, struct ac_stmt *s);

/* A statement; the lines generated for it are charged to its .ca lines. */
void ac_emit_stmt(struct emitter *E, struct ac_stmt *s)
{
	uint32_t pin = E->pin;
	bool pinned = E->pinned;
	E->pin = s->loc.start;
	E->pinned = true;
	emit_stmt_at(E, s);
	E->pin = pin;
	E->pinned = pinned;
}

static void emit_stmt_at(struct emitter *E, struct ac_stmt *s)
{
	struct ac_point *p = E->an->before[s->id];
	if (p) {
		E->indent = indent_of(E, s->loc.start);
		ac_emit_begin_statement(E);
		ac_lower_suspend(E, p, NULL);
	}
	if (own_await(s)) {
		emit_lowered(E, s);
		return;
	}
	switch (s->kind) {
	case ST_RETURN:
		emit_return(E, s);
		return;
	case ST_DECL:
		emit_decl(E, s);
		return;
	default:
		break;
	}
	struct ac_stmt **kids = malloc(count_kids(s) * sizeof *kids);
	size_t nk;
	stmt_kids(s, kids, &nk);
	struct piece *pc = NULL;
	size_t np = 0, cap = 0;
	if (s->kind == ST_FOR) {
		ac_lower_expr_piece(E, s->e2, &pc, &np, &cap);
		ac_lower_expr_piece(E, s->e3, &pc, &np, &cap);
	} else if (s->kind == ST_ASM || s->kind == ST_OTHER) {
		ac_lower_text_refs(E, s->loc, &pc, &np, &cap);
	} else if (s->kind == ST_CASE) { /* `case sizeof buf:` of a local in the frame */
		ac_lower_text_refs(E, (struct ac_loc){ s->loc.start, s->body ? s->body->loc.start
								      : s->loc.end }, &pc, &np, &cap);
	} else if (s->kind != ST_COMPOUND) {
		ac_lower_expr_piece(E, s->e1, &pc, &np, &cap);
	}
	emit_region(E, s->loc.start, s->loc.end, kids, nk, pc, np);
	free(pc);
	free(kids);
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
			ac_strbuf_printf(&b, "%s%s", b.len ? ", " : "", ac_emit_text(E, p->loc));
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
			      !strcmp(ac_frame_type_specs(E, d->params->specs, true), "void"));
}

/*
 * The end of a function that declares task groups: whichever way it ends
 * (a return, its closing brace, a cancellation, which reaches them too),
 * it waits for each group, so that it never returns while children run:
 *
 *   ac_return:
 *           ac_group_wait__init(&F->aw.ac_group_L30, &F->g);
 *           if (ac__await(&F->hdr, &F->aw.ac_group_L30.hdr)) { ...; ac_L30:; }
 *           return ac__finish(&F->hdr);
 *
 * A group already waited for yields at once.  The function's start
 * initialises each group (ac_group_init), so one declared after a return,
 * or never initialised, is empty rather than garbage.
 */
static bool emit_group_waits(struct emitter *E, struct ac_func *f)
{
	bool any = false;
	for (int i = 0; i < E->an->npoints; i++) {
		struct ac_point *p = &E->an->points[i];
		if (!p->group)
			continue;
		if (!any && E->has_return)
			ac_emit_put(E, RET ":\n");
		any = true;
		const char *g = ac_frame_name(E, p->group);
		char *m = ac_names_fresh(E, ac_arena_printf(E->arena, "ac_group_%s", p->suffix));
		ac_strbuf_printf(&E->aw, "\t\tstruct ac_group_wait__frame %s; /* line %u: waits for %s */\n",
				 m, p->line, g);
		E->indent = "\t";
		E->pin = f->body_loc.end ? f->body_loc.end - 1 : 0; /* the closing brace */
		E->pinned = true;
		ac_emit_begin_statement(E);
		ac_emit_gen(E, "ac_group_wait__init(&" FP "->" AW ".%s, &" FP "->%s);", m, g);
		ac_lower_suspend(E, p, ac_arena_printf(E->arena, ac_names_has(&E->macros, "hdr", 3)
			? "ac__await(&" FP "->" HDR ", (ac_task *)&" FP "->" AW ".%s)"
			: "ac__await(&" FP "->" HDR ", &" FP "->" AW ".%s.hdr)", m));
	}
	E->pinned = false;
	return any;
}

/* Of a function's attributes, those its other external symbol (f__init)
 * takes too, which say how it links: `weak`, `visibility(...)`.  (Not
 * the others: f__init has a parameter more, and callers only await.) */
static const char *linkage_attributes(struct emitter *E, const char *attrs)
{
	struct ac_strbuf b;
	ac_strbuf_init(&b);
	uint32_t end = (uint32_t)strlen(attrs), w, n;
	struct ac_words s = { .t = attrs, .at = 0, .end = end };
	while (ac_words_next(&s, &w, &n)) {
		if (ac_word_is(attrs + w, n, "weak") || ac_word_is(attrs + w, n, "__weak__"))
			ac_strbuf_puts(&b, "__attribute__((weak)) ");
		else if (ac_word_is(attrs + w, n, "visibility") ||
			 ac_word_is(attrs + w, n, "__visibility__")) {
			uint32_t e = ac_text_skip_attribute(attrs, w + n, end);
			ac_strbuf_printf(&b, "__attribute__((%.*s)) ", (int)(e - w), attrs + w);
			s.at = e;
		}
	}
	char *r = ac_arena_strndup(E->arena, b.data ? b.data : "", b.len);
	ac_strbuf_free(&b);
	return r;
}

/* The null pointer the translation writes: NULL, unless the file's NULL is
 * set aside around the function (hide_macros). */
static const char *null_of(struct emitter *E)
{
	return ac_names_has(&E->hidden, "NULL", 4) ? "((void *)0)" : "NULL";
}

/* `attrs` with the item `from` (whole, where items begin) replaced by `to`. */
static const char *replace_item(struct emitter *E, const char *attrs, const char *from,
				const char *to)
{
	size_t n = strlen(from);
	struct ac_strbuf b;
	ac_strbuf_init(&b);
	for (const char *a = attrs; *a;) {
		if ((a == attrs || a[-1] == ' ') && !strncmp(a, from, n)) {
			ac_strbuf_puts(&b, to);
			a += n;
		} else {
			ac_strbuf_add(&b, a++, 1);
		}
	}
	const char *r = ac_arena_strndup(E->arena, b.data ? b.data : "", b.len);
	ac_strbuf_free(&b);
	return r;
}

/* Does the compiler read the macro use `m` (of the text `o`) at `place`
 * as at its own: not set aside there (hide_macros), the same #define in
 * force? */
static bool macro_holds_at(struct emitter *E, const struct ac_source *o,
			   const struct ac_macro_attr *m, uint32_t place)
{
	const char *name = o->text + m->start;
	size_t n = 0;
	while (m->start + n < m->end && ac_is_ident_char(name[n]))
		n++;
	return !ac_names_has(&E->hidden, name, (uint32_t)n) &&
	       ac_source_define_at(o, name, n, m->start) == ac_source_define_at(o, name, n, place);
}

/* The use `m` of a macro of `o`, as written among attributes. */
static char *macro_written(struct emitter *E, const struct ac_source *o,
			   const struct ac_macro_attr *m, char **expanded)
{
	struct ac_strbuf w, x;
	ac_strbuf_init(&w);
	ac_strbuf_init(&x);
	ac_text_macro_attribute(o->text, m, &w, &x);
	char *r = ac_arena_strndup(E->arena, w.data ? w.data : "", w.len);
	if (expanded)
		*expanded = ac_arena_strndup(E->arena, x.data ? x.data : "", x.len);
	ac_strbuf_free(&w);
	ac_strbuf_free(&x);
	return r;
}

/*
 * The attributes of f's constructor: its declarations', as written; but a
 * macro among them that the compiler would not read so at f's definition
 * is written as its expansion: one set aside around a function translated
 * from its expansion (hide_macros: `#define noinline __attribute__((
 * noinline))`, whose expansion names it), or one of a prototype that is
 * not defined at the definition, or defined otherwise (`#undef NOINL`
 * after `NOINL async int f(int);`).  (What a prototype's attributes say
 * of a function holds for its definition too.)
 */
static const char *constructor_attributes(struct emitter *E, const struct ac_func *f)
{
	const struct ac_proto *pr = f->proto;
	const struct ac_source *o = E->unit->macro_attr_text;
	uint32_t place = f->text ? f->orig_loc.start : f->loc.start;
	const char *attrs = pr->attributes;
	for (size_t i = 0; o && i < pr->nattr_macros; i++) {
		const struct ac_macro_attr *m = &E->unit->macro_attrs[pr->attr_macros[i]];
		if (macro_holds_at(E, o, m, place))
			continue;
		char *expanded, *written = macro_written(E, o, m, &expanded);
		bool kept = false; /* the same words of another declaration hold */
		for (size_t k = 0; k < pr->nattr_macros && !kept; k++) {
			const struct ac_macro_attr *other = &E->unit->macro_attrs[pr->attr_macros[k]];
			kept = k != i && macro_holds_at(E, o, other, place) &&
			       !strcmp(macro_written(E, o, other, NULL), written);
		}
		if (kept)
			attrs = ac_arena_printf(E->arena, "%s%s", attrs, expanded);
		else if (*written)
			attrs = replace_item(E, attrs, written, expanded);
	}
	return attrs;
}

static const char *const function_names[] = { "__func__", "__FUNCTION__",
	"__PRETTY_FUNCTION__", "__builtin_FUNCTION" };

/* Does f's text name __func__, __FUNCTION__ or __PRETTY_FUNCTION__? */
static bool names_function(struct emitter *E, const struct ac_func *f)
{
	const char *t = E->src->text;
	struct ac_words s = { .t = t, .at = f->loc.start, .end = f->loc.end };
	uint32_t w, n;
	while (ac_words_next(&s, &w, &n))
		for (size_t i = 0; i < 3 && !s.member; i++)
			if (ac_word_is(t + w, n, function_names[i]))
				return true;
	return false;
}

/*
 * Around the frame and the step function, the names of the function's
 * name mean the array f__name (the step's own __func__ would be
 * "f__step"; the frame is at file scope), for the code and the macros it
 * uses, which see the word itself (`S(__func__)` is "__func__"):
 *
 *   #pragma push_macro("__func__")   ...frame, step...   #undef __func__
 *   #ifndef __func__                                  #pragma pop_macro("__func__")
 *   #define __func__ f__name
 *   #endif
 *
 * and so __FUNCTION__, __PRETTY_FUNCTION__ and __builtin_FUNCTION(), all
 * four, since a program's macro may make one of another.  A macro the
 * program has defined by then keeps its meaning.  (No #define of the
 * program's is inside: a body that has one is translated from its
 * expansion and its directives replayed after the function.)
 */
static void name_function_macros(struct emitter *E, const char *n, bool begin)
{
	size_t count = sizeof function_names / sizeof *function_names;
	for (size_t i = 0; i < count; i++) {
		const char *w = function_names[i];
		if (begin)
			ac_strbuf_printf(E->out, "#pragma push_macro(\"%s\")\n", w);
		else
			ac_strbuf_printf(E->out, "#undef %s\n#pragma pop_macro(\"%s\")\n", w, w);
	}
	for (size_t i = 0; begin && i < count; i++)
		ac_strbuf_printf(E->out, "#ifndef %s\n#define %s%s %s__name\n#endif\n",
				 function_names[i], function_names[i], i == 3 ? "()" : "", n);
}

/* Whether a local is a value of the frame at suspension point `i`: saved
 * there, or one that lives in the frame for good (an array, an address
 * taken) and is in scope there. */
static bool saved_at(struct emitter *E, struct ac_var *v, int i)
{
	struct ac_point *p = &E->an->points[i];
	if (!v->in_frame)
		return ac_bit(p->live, v->id);
	if (v->param)
		return true;
	uint32_t at = p->await ? p->await->loc.start : p->stmt ? p->stmt->loc.start : 0;
	return v->scope_start <= at && at < v->scope_end;
}

/*
 * The frame's members that hold the function's locals in each state, for
 * debuggers (tools/gdb/asyncc.py; a union's members share storage, and
 * only the one saved at the task's suspension point means anything):
 *
 *   static const char f__saved[] __attribute__((used)) = "n;n a;n b";
 *
 * one list per state, separated by `;`, of members separated by spaces,
 * `member=name` where the .ca name differs (`x_2=x`).  State 0 has the
 * parameters; asyncc's temporaries are left out.
 */
/* A parameter the body never names has no frame slot: nothing reads it.
 * The entry point (f or main) leaves it unnamed too, so the compiler's
 * -Wunused-parameter says so, as for the plain C function. */
static bool unused_param(const struct emitter *E, const struct ac_var *v)
{
	return v->param && v->unnamed_in_body && !v->in_frame && !E->stress;
}

static bool has_unused_param(const struct emitter *E, const struct ac_func *f)
{
	for (const struct ac_var *v = f->vars; v; v = v->next)
		if (unused_param(E, v))
			return true;
	return false;
}

/* The frame's copies of the parameters, `F->x = x;` (
 * each between `pre` and `post`): those of the parameters the body never
 * names are `(void)x;` in f__init, nothing in an entry point. */
static void emit_param_stores(struct emitter *E, struct ac_func *f, const char *fr,
			      const char *pre, const char *post, bool in_init)
{
	for (struct ac_var *v = f->vars; v; v = v->next)
		if (unused_param(E, v)) {
			if (in_init)
				ac_strbuf_printf(E->out, "%s(void)%s;%s", pre, v->name, post);
		} else if (v->param && v->stored_by_copy)
			/* (through a compound literal: gcc 12 -O2 fails on a
			 * copy of a volatile parameter's own bytes) */
			ac_strbuf_printf(E->out, "%s%s;%s", pre, ac_frame_store(E, ac_arena_printf(E->arena,
					 "%s%s", fr, ac_frame_set_name(E, v)), v->name, true), post);
		else if (v->param)
			ac_strbuf_printf(E->out, "%s%s%s = %s;%s", pre, fr, ac_frame_set_name(E, v),
					 v->name, post);
}

/*
 * The head of an entry point, `ac_task *f(int used, int unused)`, on f's
 * line; when a parameter is unused, its parameters as written, each at its
 * .ca line and column, for the compiler's message about it:
 *
 *   #line 3 "f.ca"
 *   ac_task *f(
 *   #line 3 "f.ca"
 *             int used, int unused)
 */
static void emit_entry_head(struct emitter *E, struct ac_func *f, const char *head,
			    uint32_t line)
{
	struct ac_declarator *d = f->proto->decl;
	ac_emit_line(E, line);
	if (!has_unused_param(E, f) || !d->params) {
		ac_strbuf_printf(E->out, "%s(%s)\n", head, params_text(E, d, false));
		return;
	}
	uint32_t from = d->params->loc.start, to = from, ls, len;
	for (struct ac_param *p = d->params; p; p = p->next)
		to = p->loc.end;
	for (uint32_t i = from; i < to; i++)
		if (E->src->text[i] == '#') { /* a directive between them: as before */
			ac_strbuf_printf(E->out, "%s(%s)\n", head, params_text(E, d, false));
			return;
		}
	ac_strbuf_printf(E->out, "%s(\n", head);
	ac_emit_line(E, ac_emit_line_of(E, from));
	ac_source_line_span(E->src, from, &ls, &len);
	for (uint32_t c = ls; c < from; c++)
		ac_emit_put(E, E->src->text[c] == '\t' ? "\t" : " ");
	ac_emit_putn(E, E->src->text + from, to - from);
	ac_emit_put(E, ")\n");
}

static void emit_saved_table(struct emitter *E, struct ac_func *f, const char *n)
{
	ac_strbuf_printf(E->out, "static const char %s__saved[] __attribute__((used)) = \"", n);
	for (int i = -1; i < E->an->npoints; i++) {
		if (i >= 0)
			ac_emit_put(E, ";");
		const char *sep = "";
		for (struct ac_var *v = f->vars; v; v = v->next) {
			if (v->is_static || v->never_in_frame || unused_param(E, v) ||
			    !(i < 0 ? v->param != NULL : saved_at(E, v, i)))
				continue;
			const char *m = ac_frame_name(E, v);
			ac_strbuf_printf(E->out, strcmp(m, v->name) ? "%s%s=%s" : "%s%s", sep, m, v->name);
			sep = " ";
		}
	}
	ac_emit_put(E, "\"; /* each state's locals in the frame, for debuggers */\n");
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
	E->nloops = 0;
	E->lits = NULL;
	E->nlits = 0;
	E->skip_to = 0; /* an offset into another function's text (its expansion) */
	E->named_local_type = false;
	for (int i = 0; i < E->an->npoints; i++)
		E->an->points[i].label = ac_names_fresh(E, E->an->points[i].label);
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
	ac_emit_stmt(E, f->body);
	ac_emit_newline(E);
	bool group_waits = !f->stressed && emit_group_waits(E, f);
	E->out = saved;

	/* The frame, after the types of the body it needs. */
	uint32_t line = ac_emit_line_of(E, f->loc.start);
	uint32_t open_line = ac_emit_line_of(E, f->body_loc.start);
	uint32_t close_line = ac_emit_line_of(E, f->body_loc.end ? f->body_loc.end - 1 : 0);
	for (size_t i = 0; i < E->nmoved; i++) {
		ac_emit_newline(E);
		ac_emit_line(E, ac_emit_line_of(E, E->moved[i].line));
		ac_strbuf_printf(E->out, "%s; /* %s the body of %s(), for its frame */\n",
				 ac_bodytypes_def(E, &E->moved[i]),
				 E->moved[i].end > E->moved[i].start ? "from" : "copied from", n);
	}
	ac_emit_glue(E);
	ac_strbuf_printf(E->out, "/* %s %s(): state machine generated by asyncc */\n",
			 f->stressed ? "resumable" : "async", n);
	bool names = f->names_in_macros || names_function(E, f);
	if (names) { /* __func__ in the frame and the step: f's name */
		ac_strbuf_printf(E->out, E->stress /* (without <asyncc.h>) */
				 ? "static const char %s__name[] __attribute__((unused)) = \"%s\";\n"
				 : "static const char %s__name[] __attribute__((unused)) = "
				 "AC__FUNC_NAME(%s); /* its __func__: \"%s\" unless a macro renames it */\n",
				 n, n, n);
		name_function_macros(E, n, true);
	}
	for (size_t i = 0; i < f->nfn_decls; i++) { /* for the frame and temporaries */
		char *decl = ac_frame_clean(E, ac_arena_printf(E->arena, "%s %s",
			ac_emit_text(E, f->fn_decls[i].specs), ac_emit_text(E, f->fn_decls[i].decl)));
		ac_strbuf_printf(E->out, "%s; /* declared in %s() */\n",
				 ac_bodytypes_named(E, decl, NULL), n);
	}
	if (E->unit->packs) /* the runtime needs its tasks aligned */
		ac_emit_put(E, "#pragma pack(push)\n#pragma pack()\n");
	ac_strbuf_printf(E->out, "struct %s__frame {\n", n);
	ac_emit_put(E, E->stress ? "\tint " SSTATE ";\n" : "\tac_task " HDR ";\n");
	if (!pr->returns_void)
		ac_strbuf_printf(E->out, "\t%s;\n", ac_arena_printf(E->arena, ac_lower_member_fmt(E, pr->result_member), RES));
	struct slot *slots = NULL, **tail = &slots;
	size_t words = (size_t)E->an->npoints / 64 + 1;
	bool has_aw = E->aw.len || E->heap_await;
	struct ac_strbuf entry; /* parameters read at the start only */
	ac_strbuf_init(&entry);
	for (struct ac_var *v = f->vars; v; v = v->next) {
		if (v->is_static)
			continue;
		uint64_t *pts = ac_arena_alloc(E->arena, words * 8);
		for (int i = 0; i < E->an->npoints; i++)
			if (ac_bit(E->an->points[i].live, v->id))
				pts[i / 64] |= (uint64_t)1 << (i % 64);
		bool used = v->in_frame || (v->param && !unused_param(E, v));
		for (size_t w = 0; w < words; w++)
			used |= pts[w] != 0;
		if (!used)
			continue;
		char *decl = ac_bodytypes_named(E, ac_frame_slot_decl(E, v), v);
		bool saved = false;
		for (size_t w = 0; w < words; w++)
			saved |= pts[w] != 0;
		if (v->param && !v->in_frame) /* live at entry */
			pts[words - 1] |= (uint64_t)1 << 63;
		struct slot *sl = ac_frame_add_slot(E, &tail, decl, pts, v->in_frame);
		sl->at = v->decl ? v->decl->decl->loc.start : UINT32_MAX;
		/* read into its local when the function starts, before any
		 * callee frame is made: it may share their storage */
		sl->entry = v->param && !v->in_frame && !saved && has_aw && !E->stress;
	}
	for (struct temp *t = E->temps; t; t = t->next) /* (as the step declares them) */
		if (t->spilled)
			ac_lower_frame_type(E, t);
	for (struct temp *t = E->temps; t; t = t->next) { /* (all at the step's top) */
		t->type = ac_bodytypes_named(E, t->type, NULL);
		if (t->spilled)
			ac_frame_add_slot(E, &tail, ac_arena_printf(E->arena, t->names ?
					  ac_bodytypes_named(E, t->expanded, NULL) : t->type,
					  t->name), t->spilled_at, false)->at = t->at;
	}
	for (struct literal *l = E->lits; l; l = l->next) {
		l->decl = ac_bodytypes_named(E, l->decl, NULL);
		ac_frame_add_slot(E, &tail, l->decl, ac_arena_alloc(E->arena, words * 8),
				  true)->at = l->at;
	}
	if (E->opt->stats) {
		fprintf(E->opt->stats, "%s:%u: %s function '%s': %d suspension points, frame 'struct %s__frame'\n",
			E->opt->line_file, line, f->stressed ? "resumable" : "async", n,
			E->an->npoints, n);
		fprintf(E->opt->stats, "  state 0: start at line %u\n", line);
		for (int i = 0; i < E->an->npoints; i++)
			fprintf(E->opt->stats, "  state %d: %s, line %u%s\n", E->an->points[i].state,
				E->an->points[i].label, E->an->points[i].line,
				E->an->points[i].await ? "" : E->an->points[i].group
				? ac_arena_printf(E->arena, " (waits for group '%s' at the end)",
						  E->an->points[i].group->name) : " (stress point)");
		fprintf(E->opt->stats, "  header: %s\n", E->stress ? "int state" : "ac_task hdr");
		if (!pr->returns_void)
			fprintf(E->opt->stats, "  result: %s\n", pr->result_member);
	}
	ac_frame_emit_slots(E, slots, words, &entry);
	if (E->opt->stats && has_aw)
		fprintf(E->opt->stats, "  callee frames (a union: one await at a time):\n%s%s",
			E->heap_await ? "\t\tac_task *task; /* heap callee or stored task */\n" : "",
			E->aw.len ? E->aw.data : "");
	if (E->opt->stats && entry.len)
		fprintf(E->opt->stats, "  parameters read at the start only, in the callee "
			"frames' storage:\n%s", entry.data);
	if (has_aw) {
		const char *in = entry.len ? "\t" : "";
		if (entry.len) /* (anonymous: F->p and F->aw.x as before) */
			ac_strbuf_printf(E->out, "\t__extension__ union {\n\t\tstruct { /* parameters "
					 "read at the start only */\n%s\t\t};\n", entry.data);
		ac_strbuf_printf(E->out, "%s\tunion { /* the frames of awaited calls, one at "
				 "a time */\n", in);
		if (E->heap_await)
			ac_strbuf_printf(E->out, "%s\t\tac_task *" TASK ";\n", in);
		for (const char *l = E->aw.data; E->aw.len && *l;) {
			const char *nl = strchr(l, '\n');
			size_t n = nl ? (size_t)(nl - l + 1) : strlen(l);
			ac_strbuf_printf(E->out, "%s%.*s", in, (int)n, l);
			l += n;
		}
		ac_strbuf_printf(E->out, "%s\t} " AW ";\n", in);
		if (entry.len)
			ac_emit_put(E, "\t};\n");
	}
	ac_strbuf_free(&entry);
	ac_emit_put(E, "};\n");
	if (E->unit->packs)
		ac_emit_put(E, "#pragma pack(pop)\n");

	/* State table, init, constructor. */
	if (!E->stress) {
		ac_strbuf_printf(E->out, "static ac_status %s__step(ac_task *" SELF ");\n", n);
		ac_strbuf_printf(E->out, "static const ac_line %s__lines[] = { %u", n, line);
		for (int i = 0; i < E->an->npoints; i++)
			ac_strbuf_printf(E->out, ", %u", E->an->points[i].line);
		ac_emit_put(E, " };\n");
		emit_saved_table(E, f, n);
		ac_strbuf_printf(E->out,
			"static const ac_fn_info %s__info = { \"%s\", \"%s\", %u, %d, %s__lines, sizeof(struct %s__frame) };\n",
			n, n, E->opt->line_file, line, E->an->npoints + 1, n, n);
	} else {
		ac_strbuf_printf(E->out, "static int %s__step(struct %s__frame *" FP ");\n", n, n);
	}
	/* (an entry point that leaves a parameter unnamed does f__init's
	 * work itself: a static f__init may then be called by nothing) */
	bool quiet_init = (*st || is_main) && has_unused_param(E, f);
	const char *attrs = constructor_attributes(E, f);
	const char *init_head = ac_arena_printf(E->arena, "%s%s%s%svoid %s__init(struct %s__frame *" FP "%s%s)",
		linkage_attributes(E, attrs), st, is_main ? "static " : "",
		quiet_init ? "__attribute__((unused)) " : "", n, n, vparams ? "" : ", ",
		vparams ? "" : params_text(E, d, false));
	if (!*st && !is_main) /* other files await it: declared (-Wmissing-prototypes) */
		ac_strbuf_printf(E->out, "%s;\n", init_head);
	ac_strbuf_printf(E->out, "%s\n{\n", init_head);
	if (E->stress)
		ac_emit_put(E, "\t" FP "->" SSTATE " = 0;\n");
	else
		ac_strbuf_printf(E->out, "\tac__task_init(&" FP "->" HDR ", %s__step, &%s__info, %s);\n",
				 n, n, pr->returns_void ? null_of(E) : "&" FP "->" RES);
	emit_param_stores(E, f, FP "->", "\t", "\n", true);
	ac_emit_put(E, "}\n");
	if (!E->stress && !is_main) {
		/* a static function awaited only inline never needs its heap
		 * constructor: no -Wunused-function for that.  Its body is
		 * one line, the line of f's '{': `break f` stops there */
		emit_entry_head(E, f, ac_arena_printf(E->arena, "%s%sac_task *%s", attrs,
				*st ? "static __attribute__((unused)) " : "", n), line);
		ac_emit_line(E, open_line);
		ac_strbuf_printf(E->out, "{ struct %s__frame *" FP " = %s; if (!" FP ") return %s; ",
			n, ac_arena_printf(E->arena,
				"ac__frame_new(sizeof *" FP ", __alignof__(struct %s__frame))", n),
			null_of(E));
		if (has_unused_param(E, f)) { /* f__init's work, without them */
			ac_strbuf_printf(E->out, "ac__task_init(&" FP "->" HDR ", %s__step, &%s__info, %s);",
					 n, n, pr->returns_void ? null_of(E) : "&" FP "->" RES);
			emit_param_stores(E, f, FP "->", " ", "", false);
		} else {
			ac_strbuf_printf(E->out, "%s__init(" FP "%s%s);", n, vparams ? "" : ", ",
					 params_text(E, d, true));
		}
		ac_emit_put(E, " " FLAGS " |= AC_TASK_HEAP; return &" FP "->" HDR "; }\n");
	}

	/* Arrays that were separate locals share the frame: gcc's -Wrestrict
	 * then sees `strncat(F->joined, F->words[i], ...)` as two pointers
	 * into one object that may overlap, which separate locals cannot.
	 * Not the user's mistake: that warning is off in such a step. */
	int frame_arrays = E->nlits;
	for (struct ac_var *v = f->vars; v; v = v->next)
		frame_arrays += v->is_array && v->in_frame;
	bool quiet_restrict = frame_arrays >= 2 && !E->unit_src->nmarkers; /* .i: no #if */
	/* A `goto *p` whose target came back from the frame may reach, for
	 * gcc, every label whose address is taken, over the resume jumps past
	 * the locals' initializers: -Wmaybe-uninitialized that the program
	 * does not have. */
	bool quiet_uninit = f->has_computed_goto && !E->unit_src->nmarkers;

	/* The step function: its head is f's, its dispatch generated code. */
	if (E->stress) { /* the step may call the wrapper: declare it first */
		ac_emit_glue(E);
		ac_strbuf_printf(E->out, "%s;\n",
			ac_emit_text(E, (struct ac_loc){ f->loc.start, f->body_loc.start }));
	}
	ac_emit_glue(E);
	if (quiet_restrict || quiet_uninit)
		ac_strbuf_printf(E->out, "#if defined __GNUC__ && !defined __clang__\n"
			    "#pragma GCC diagnostic push\n%s%s#endif\n",
			    quiet_restrict ? "#pragma GCC diagnostic ignored \"-Wrestrict\"\n" : "",
			    quiet_uninit ? "#pragma GCC diagnostic ignored \"-Wmaybe-uninitialized\"\n" : "");
	if (E->stress)
		ac_strbuf_printf(E->out, "static int %s__step(struct %s__frame *" FP ")\n{\n", n, n);
	else
		ac_strbuf_printf(E->out, "static ac_status %s__step(ac_task *" SELF ")\n{\n", n);
	if (!E->stress) /* (through void *: a frame may be aligned beyond the
			 * header, and -Wcast-align would say so) */
		ac_strbuf_printf(E->out, "\tstruct %s__frame *" FP " = (struct %s__frame *)(void *)"
				 SELF ";\n", n, n);
	for (struct ac_var *v = f->vars; v; v = v->next)
		if (v->param && !v->in_frame && !v->unnamed_in_body)
			ac_strbuf_printf(E->out, "\t%s;\n", ac_frame_member_decl(E, v, v->name));
	bool user = false;
	for (struct temp *t = E->temps; t; t = t->next)
		ac_emit_user_decl(E, "\t", ac_arena_printf(E->arena, t->type, t->name), t->at, &user);
	if (user)
		ac_emit_glue(E);
	if (E->an->npoints) {
		/* (a default: -Wswitch-default asks every switch for one; the
		 * jumps into the locals' scopes, where they are restored, are
		 * what gcc's -Wjump-misses-init warns of: not the program's) */
		ac_strbuf_printf(E->out, "%s\tswitch (%s) {\n\tcase 0:\n\tdefault:\n\t\tbreak;\n",
				 E->stress ? "" : "\tAC__RESUMES_BEGIN\n", /* (in <asyncc.h>) */
				 E->stress ? FP "->" SSTATE : STATE);
		for (int i = 0; i < E->an->npoints; i++)
			ac_strbuf_printf(E->out, "\tcase %d:\n\t\tgoto %s;\n",
					 E->an->points[i].state, E->an->points[i].label);
		ac_emit_put(E, E->stress ? "\t}\n" : "\t}\n\tAC__RESUMES_END\n");
	}
	for (struct ac_var *v = f->vars; v; v = v->next)
		if (v->param && !v->in_frame && !v->unnamed_in_body)
			ac_strbuf_printf(E->out, "\t%s = " FP "->%s;\n", v->name, ac_frame_name(E, v));
	for (struct ac_var *v = f->vars; v; v = v->next)
		if (v->is_group) /* waited for at the end: see emit_group_waits */
			ac_strbuf_printf(E->out, "\tac_group_init(&" FP "->%s);\n", ac_frame_name(E, v));
	ac_emit_put(E, body.data ? body.data : "");
	ac_strbuf_free(&body);
	ac_emit_newline(E);
	if (E->has_return && !group_waits)
		ac_emit_put(E, RET ":\n");
	ac_emit_line(E, close_line); /* the epilogue is the closing brace's */
	if (E->stress)
		ac_emit_put(E, "\t" FP "->" SSTATE " = -1; return 1; }\n");
	else
		ac_emit_put(E, "\treturn ac__finish(&" FP "->" HDR "); }\n");
	if (quiet_restrict || quiet_uninit)
		ac_emit_put(E, "#if defined __GNUC__ && !defined __clang__\n"
			    "#pragma GCC diagnostic pop\n#endif\n");
	if (names)
		name_function_macros(E, n, false);

	/* Entry points with the original signatures: the head on f's line,
	 * the body on one line, that of f's '{' (`break main` stops there). */
	if (E->stress || is_main)
		ac_emit_line(E, line);
	if (E->stress) {
		ac_strbuf_printf(E->out, "%s\n",
			ac_emit_text(E, (struct ac_loc){ f->loc.start, f->body_loc.start }));
		ac_emit_line(E, open_line);
		ac_strbuf_printf(E->out, "{ struct %s__frame " FP "; %s__init(&" FP "%s%s); "
			"while (!%s__step(&" FP ")) continue; %s}\n", n, n,
			vparams ? "" : ", ", params_text(E, d, true), n,
			pr->returns_void ? "" : "return " FP "." RES "; ");
	} else if (is_main) {
		/* the frame starts at zero: a main that reaches its closing
		 * brace returns 0, as C's does; its return ends the program,
		 * so it does not wait for the tasks it owns (AC_TASK_MAIN) */
		emit_entry_head(E, f, "int main", line);
		ac_emit_line(E, open_line);
		ac_emit_put(E, "{ struct main__frame " MAINF " = { 0 }; int " RC "; ");
		if (has_unused_param(E, f)) { /* main__init's work, without them */
			ac_strbuf_printf(E->out, "ac__task_init(&" MAINF "." HDR ", main__step, &main__info, %s);",
					 pr->returns_void ? null_of(E) : "&" MAINF "." RES);
			emit_param_stores(E, f, MAINF ".", " ", "", false);
		} else {
			ac_strbuf_printf(E->out, "main__init(&" MAINF "%s%s);", vparams ? "" : ", ",
					 params_text(E, d, true));
		}
		ac_strbuf_printf(E->out, " "
			"*ac__flags_of(&" MAINF "." HDR ") |= AC_TASK_MAIN; "
			RC " = ac_run(&" MAINF "." HDR "); ac_runtime_shutdown(); "
			"if (" RC " < 0) { fprintf(stderr, \"asyncc: %%s\\n\", ac_strerror(" RC ")); "
			"return 1; } return %s; }\n",
			pr->returns_void ? "0" : MAINF "." RES);
	}
	ac_strbuf_free(&E->aw);
}

/* The end of the use of one of `macros` that begins at `at`, or 0. */
static uint32_t macro_use_end(const struct ac_macro_attr *macros, size_t n, uint32_t at)
{
	for (size_t k = 0; k < n; k++)
		if (macros[k].start == at)
			return macros[k].end;
	return 0;
}

/* The text at `l` of an async declaration: as written, or, when it is read
 * from the preprocessor's output, on one line (without its line markers),
 * so that the declaration keeps to the lines of the text it replaces. */
static const char *decl_text(struct emitter *E, const struct ac_async_decl *a,
			     struct ac_loc l)
{
	if (!a->text)
		return ac_emit_text(E, l);
	const char *t = E->src->text;
	char *buf = ac_arena_alloc(E->arena, l.end - l.start + 1), *o = buf;
	for (uint32_t i = l.start; i < l.end; i++) {
		if (t[i] == '#' && (i == 0 || t[i - 1] == '\n')) {
			while (i + 1 < l.end && t[i + 1] != '\n') /* a line marker */
				i++;
			continue;
		}
		*o++ = t[i] == '\n' ? ' ' : t[i];
	}
	*o = 0;
	return buf;
}

/* `async T f(...);` becomes the constructor's prototype `ac_task *f(...);`;
 * `async T t;` a task pointer. */
static void emit_async_decl(struct emitter *E, const struct ac_async_decl *a)
{
	struct ac_source *orig = E->src;
	size_t out_start = E->out->len;
	if (a->text) /* (see parse_declaration_original) */
		E->src = a->text;
	const char *storage = a->dspec->is_static ? "static "
			    : a->dspec->is_extern ? "extern " : "";
	const char *t = E->src->text;
	struct ac_strbuf ab;
	ac_strbuf_init(&ab);
	const struct ac_macro_attr *macros = E->src == E->unit->macro_attr_text
		? E->unit->macro_attrs : NULL;
	size_t nmacros = macros ? E->unit->nmacro_attrs : 0;
	ac_text_attributes(t, a->dspec->loc.start, a->dspec->loc.end, &ab, macros, nmacros);
	char *attrs = ac_arena_strndup(E->arena, ab.len ? ab.data : "", ab.len);
	ac_strbuf_free(&ab);
	for (size_t i = 0; i < a->ndecls; i++) {
		struct ac_declarator *d = a->decls[i];
		/* what follows the parameters: an asm label, attributes */
		uint32_t end = i + 1 < a->ndecls ? a->decls[i + 1]->loc.start : a->loc.end;
		uint32_t after = d->is_function ? d->fn_loc.end : d->loc.end;
		struct ac_strbuf lb;
		ac_strbuf_init(&lb);
		for (uint32_t k = after; k < end; k++) {
			uint32_t e = k;
			if (ac_is_ident_char(t[k]) && (k == after || !ac_is_ident_char(t[k - 1]))) {
				while (e < end && ac_is_ident_char(t[e]))
					e++;
				if (ac_word_is(t + k, e - k, "asm") || ac_word_is(t + k, e - k, "__asm") ||
				    ac_word_is(t + k, e - k, "__asm__")) {
					e = ac_text_skip_attribute(t, e, end);
					ac_strbuf_add(&lb, " ", 1);
					for (; k < e; k++)
						ac_strbuf_add(&lb, t[k] == '\n' ? " " : t + k, 1);
				} else if (ac_word_is(t + k, e - k, "__attribute__") ||
					   ac_word_is(t + k, e - k, "__attribute") ||
					   macro_use_end(macros, nmacros, k)) {
					e = macro_use_end(macros, nmacros, k)
						? macro_use_end(macros, nmacros, k)
						: ac_text_skip_attribute(t, e, end);
					size_t before = lb.len;
					ac_strbuf_add(&lb, " ", 1);
					if (ac_text_attributes(t, k, e, &lb, macros, nmacros) == 0)
						lb.len = before;
					else
						lb.len--; /* (its trailing space) */
				}
				k = e - 1;
			}
		}
		char *label = ac_arena_strndup(E->arena, lb.len ? lb.data : "", lb.len);
		ac_strbuf_free(&lb);
		for (uint32_t k = after; !d->is_function && k < end; k++) {
			if (t[k] == '"' || t[k] == '\'') {
				k = ac_text_skip_lexeme(t, k, end) - 1;
			} else if (t[k] == '=') {
				ac_emit_error(E, (struct ac_loc){ k, k + 1 }, "a task variable at "
					"file scope cannot have an initializer: C runs no code "
					"there (assign '%s' its task in a function)", d->name);
				break;
			}
		}
		if (d->is_function)
			ac_strbuf_printf(E->out, "%s%s%sac_task *%s%s;", i ? " " : "", attrs, storage,
					 decl_text(E, a, d->fn_loc), label);
		else
			ac_strbuf_printf(E->out, "%s%sac_task *%s%s;", i ? " " : "", storage,
					 d->name, decl_text(E, a, (struct ac_loc){ d->name_loc.end,
									     d->loc.end }));
	}
	/* keep the line count, so that what follows stays on its line: the
	 * lines of the text it replaces that the declaration does not take
	 * (its parameters may be on several) */
	E->src = orig;
	size_t taken = 0, lines = 0;
	for (size_t i = out_start; i < E->out->len; i++)
		taken += E->out->data[i] == '\n';
	for (uint32_t i = a->orig_loc.start; i < a->orig_loc.end; i++)
		lines += orig->text[i] == '\n';
	for (; taken < lines; taken++)
		ac_emit_put(E, "\n");
}

/* After a function translated from its expansion, which holds the
 * values of the __COUNTER__s it used: the compiler counts them too, so
 * that those after it go on from there. */
static void count_past(struct emitter *E, const struct ac_func *f)
{
	ac_emit_newline(E);
	ac_emit_put(E, "#if __COUNTER__");
	for (int i = 1; i < f->counters; i++)
		ac_emit_put(E, " + __COUNTER__");
	ac_strbuf_printf(E->out, " < 0 /* the %d used in '%s' above */\n#endif\n",
			 f->counters, f->proto->name);
}

/* What the unit translates, in the order of the text: a function with a
 * body (f), or a top-level async prototype (async_decls[decl]). */
struct item {
	struct ac_loc loc;
	struct ac_func *f;
	size_t decl;
};

static int cmp_item(const void *a, const void *b)
{
	const struct item *x = a, *y = b;
	if (x->loc.start != y->loc.start)
		return x->loc.start < y->loc.start ? -1 : 1;
	return x->decl < y->decl ? -1 : x->decl > y->decl; /* (as they came) */
}

/* The preprocessor directives of the original text [l.start, l.end), each
 * on its own line: a function translated from its expansion replaces its
 * original text, but not the conditionals around its parts, nor the macros
 * it defines for what follows.  Directives whose effect the expansion holds
 * already (#include, #pragma, #line) are not repeated. */
static bool directive_in_expansion(const char *t, uint32_t at, uint32_t end)
{
	static const char *const names[] = { "include", "include_next", "import",
					     "pragma", "line" };
	at++; /* the '#' */
	while (at < end && (t[at] == ' ' || t[at] == '\t'))
		at++;
	uint32_t w = at;
	while (w < end && ac_is_ident_char(t[w]))
		w++;
	if (w > at && t[at] >= '0' && t[at] <= '9')
		return true; /* # 12 "file" */
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (ac_word_is(t + at, w - at, names[i]))
			return true;
	return false;
}

/* A file the expansion of a function enters through an #include in its
 * body (or in a file so included): `file`, #included at `line` of `from`
 * (names interned by the expansion's source). */
struct body_include {
	const char *from, *file;
	uint32_t line;
};

/* The #includes the line markers of f's expansion show in its body: a
 * marker naming the file below the current one returns to it, at the line
 * after the #include. */
static size_t body_includes(const struct ac_func *f, struct body_include **out)
{
	const struct ac_source *x = f->text;
	const char *stack[64];
	int depth = 0;
	size_t n = 0;
	*out = NULL;
	if (!x->nmarkers)
		return 0;
	stack[0] = x->markers[0].file;
	for (size_t m = 0; m < x->nmarkers && x->markers[m].offset < f->loc.end; m++) {
		const struct ac_marker *k = &x->markers[m];
		if (k->offset < f->loc.start || k->file == stack[depth])
			continue;
		if (depth > 0 && k->file == stack[depth - 1]) {
			struct body_include *b = realloc(*out, (n + 1) * sizeof *b);
			if (!b)
				ac_out_of_memory();
			*out = b;
			b[n++] = (struct body_include){ k->file, stack[depth], k->line - 1 };
			depth--;
		} else if (depth + 1 < (int)(sizeof stack / sizeof *stack)) {
			stack[++depth] = k->file;
		}
	}
	return n;
}

static bool is_include(const char *t, uint32_t at, uint32_t end)
{
	at++; /* the '#' */
	while (at < end && (t[at] == ' ' || t[at] == '\t'))
		at++;
	return end - at >= 7 && !memcmp(t + at, "include", 7);
}

/*
 * The directives of [l.start, l.end) of `src` (the text of `file`), after
 * the function: those of its own text (#else, #endif, #define), and for
 * each #include in it, those of the file it brought, which the expansion
 * holds no more (a #define there must still reach the code after the
 * function; its conditionals come too, so an include guard is defined).
 */
static void keep_directives_of(struct emitter *E, struct ac_source *src, const char *file,
			       struct ac_loc l, const struct body_include *inc, size_t ninc,
			       int depth)
{
	const char *t = src->text;
	for (uint32_t i = l.start; i < l.end; i++) {
		if (i != l.start && t[i - 1] != '\n')
			continue;
		uint32_t j = i;
		while (j < l.end && (t[j] == ' ' || t[j] == '\t'))
			j++;
		if (j >= l.end || t[j] != '#')
			continue;
		uint32_t e = ac_text_line_end(t, j, src->len);
		if (directive_in_expansion(t, j, e)) {
			uint32_t line = is_include(t, j, e) ? ac_source_position(src, j).line : 0;
			for (size_t k = 0; k < ninc && line && depth < 64; k++) {
				struct ac_source child;
				if (inc[k].from != file || inc[k].line != line)
					continue;
				int rc = ac_source_read(&child, inc[k].file);
				if (rc < 0) { /* (only if it went since the preprocessor read it) */
					ac_diag_plain(E->diag, AC_WARNING, "cannot read '%s' again "
						      "to repeat its directives after the function "
						      "that includes it: %s", inc[k].file, strerror(-rc));
					break;
				}
				keep_directives_of(E, &child, inc[k].file,
						   (struct ac_loc){ 0, (uint32_t)child.len }, inc, ninc,
						   depth + 1);
				ac_source_free(&child);
				break;
			}
			i = e;
			continue;
		}
		ac_emit_newline(E);
		ac_emit_putn(E, t + j, e - j);
		ac_emit_put(E, "\n");
		i = e;
	}
}

static void keep_directives(struct emitter *E, struct ac_source *orig,
			    const struct ac_func *f, struct ac_loc l)
{
	struct body_include *inc;
	size_t n = body_includes(f, &inc);
	keep_directives_of(E, orig, f->text->nmarkers ? f->text->markers[0].file : NULL,
			   l, inc, n, 0);
	free(inc);
}

/*
 * A function translated from its expansion is emitted expanded, so the
 * compiler must not expand it again: a macro the file defines whose name
 * is still in the expanded text, outside its comments and literals (one
 * that names itself, `#define check(t) check(#t, ...)`, or through
 * another) is set aside around it.  (The names are in E->hidden while the
 * function is emitted: what the translation writes there does without.)
 *
 *   #pragma push_macro("check")      ...the function...
 *   #undef check                     #pragma pop_macro("check")
 *
 * Returns how many names were set aside (`hide`) or restored.
 */
static size_t hide_macros(struct emitter *E, struct ac_func *f, bool hide)
{
	struct wordset seen = { 0 };
	const char *t = f->text->text;
	size_t n = 0;
	for (uint32_t i = f->loc.start; i < f->loc.end;) {
		if (t[i] == '"' || t[i] == '\'') { /* a literal: not names */
			char q = t[i++];
			while (i < f->loc.end && t[i] != q && t[i] != '\n')
				i += t[i] == '\\' ? 2 : 1;
			i++;
			continue;
		}
		if (t[i] == '/' && i + 1 < f->loc.end && (t[i + 1] == '*' || t[i + 1] == '/')) {
			/* a comment (the preprocessor keeps them, -C): not names */
			bool line = t[i + 1] == '/';
			for (i += 2; i < f->loc.end && (line ? t[i] != '\n'
						  : !(t[i] == '*' && i + 1 < f->loc.end && t[i + 1] == '/'));)
				i++;
			i += line ? 0 : 2;
			continue;
		}
		if (t[i] >= '0' && t[i] <= '9') { /* a number, suffix and all */
			while (i < f->loc.end && ac_is_ident_char(t[i]))
				i++;
			continue;
		}
		if (!ac_is_ident_char(t[i])) {
			i++;
			continue;
		}
		uint32_t j = i;
		while (j < f->loc.end && ac_is_ident_char(t[j]))
			j++;
		if ((ac_names_has(&E->macros, t + i, j - i) ||
		     ac_names_has(&E->self_macros, t + i, j - i)) &&
		    !ac_names_has(&seen, t + i, j - i)) {
			ac_names_add(&seen, t + i, j - i);
			if (hide)
				ac_names_add(&E->hidden, t + i, j - i);
			ac_emit_newline(E);
			if (hide)
				ac_strbuf_printf(E->out, "#pragma push_macro(\"%.*s\")\n#undef %.*s\n",
						 (int)(j - i), t + i, (int)(j - i), t + i);
			else
				ac_strbuf_printf(E->out, "#pragma pop_macro(\"%.*s\")\n",
						 (int)(j - i), t + i);
			n++;
		}
		i = j;
	}
	free(seen.slots);
	if (!hide) {
		free(E->hidden.slots);
		E->hidden = (struct wordset){ 0 };
	}
	return n;
}

/* The directive on the line at `l` (before `e`), after its `#` and blanks:
 * its word's start, or NULL for a line that is no directive. */
static const char *directive_word(const char *l, const char *e)
{
	while (l < e && (*l == ' ' || *l == '\t'))
		l++;
	if (l == e || *l != '#')
		return NULL;
	for (l++; l < e && (*l == ' ' || *l == '\t');)
		l++;
	return l;
}

static bool word_is(const char *w, const char *e, const char *word)
{
	size_t n = strlen(word);
	return (size_t)(e - w) >= n && !memcmp(w, word, n) &&
	       (w + n == e || !ac_is_ident_char(w[n]));
}

/*
 * The macros the file defines above `at` that <asyncc.h> could read, when
 * the file has not included it there: each line `#define NAME` but those
 * of reserved names (`_GNU_SOURCE`, `__x`: the system headers' own), one a
 * line in `names`.  None when a line above includes <asyncc.h>.
 */
static void macros_above(const struct ac_source *src, uint32_t at, struct ac_strbuf *names)
{
	const char *t = src->text, *end = t + at;
	size_t from = names->len;
	for (const char *l = t; l < end;) {
		const char *nl = memchr(l, '\n', (size_t)(end - l));
		const char *e = nl ? nl : end, *w = directive_word(l, e);
		if (w && word_is(w, e, "include") && memmem(w, (size_t)(e - w), "<asyncc.h>", 10)) {
			names->len = from;
			return;
		}
		if (w && word_is(w, e, "define")) {
			for (w += 6; w < e && (*w == ' ' || *w == '\t');)
				w++;
			const char *n = w;
			while (n < e && ac_is_ident_char(*n))
				n++;
			if (n > w && w[0] != '_' && !(w[0] >= '0' && w[0] <= '9'))
				ac_strbuf_printf(names, "%.*s\n", (int)(n - w), w);
		}
		l = nl ? nl + 1 : end;
	}
}

/*
 * The last point in [from, to] of file-scope text between declarations:
 * after a `;` outside brackets, or around a directive's line that follows
 * one; `from` if none.  The first async declaration's head may begin
 * before `to` (`my_nonnull my_noinline async int f(int *p);`: what is found
 * is where `async` or its last macro begins), so the header goes there.
 */
static uint32_t prelude_point(const struct ac_source *src, uint32_t from, uint32_t to)
{
	const char *t = src->text;
	uint32_t best = from;
	int depth = 0;
	bool in_decl = false, line_start = from == 0 || t[from - 1] == '\n';
	for (uint32_t i = from; i < to; i++) {
		char c = t[i];
		if (c == '/' && i + 1 < to && (t[i + 1] == '*' || t[i + 1] == '/')) {
			const char *e = t[i + 1] == '*' ? strstr(t + i + 2, "*/") /* (NUL-ended) */
							: strchr(t + i + 2, '\n');
			i = e ? (uint32_t)(e - t) + (t[i + 1] == '*') : to;
			continue;
		}
		bool directive = line_start && c == '#';
		if (directive || c == '"' || c == '\'') {
			bool safe = directive && depth == 0 && !in_decl;
			char close = directive ? '\n' : c;
			if (safe)
				best = i;
			if (directive)
				i = ac_text_line_end(t, i, to);
			else
				for (i++; i < to && t[i] != close; i++)
					if (t[i] == '\\')
						i++;
			if (safe && i < to)
				best = i + 1;
			in_decl |= !directive;
			line_start = directive;
			continue;
		}
		if (c == '\n' || c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
			line_start |= c == '\n';
			continue;
		}
		line_start = false;
		in_decl = true;
		if (c == '(' || c == '[' || c == '{')
			depth++;
		else if ((c == ')' || c == ']' || c == '}') && depth > 0)
			depth--;
		else if (c == ';' && depth == 0) {
			best = i + 1;
			in_decl = false;
		}
	}
	return best;
}

/*
 * The runtime's header, where generated code first needs it: just before
 * the first async declaration, on a line of its own, with the .ca's line
 * and column given back after it.  What the file writes above it (`#define
 * _GNU_SOURCE`, its includes) comes first, as in the .ca: at the top, the
 * header's <stdio.h> would have been read before the file's feature
 * macros.  A file that has not included <asyncc.h> by then and defines
 * macros above has them set aside around it (`#define state 3` must not
 * rename the task's member):
 *
 *   #pragma push_macro("state")   #include <asyncc.h>
 *   #undef state                  #pragma pop_macro("state")
 */
static void emit_prelude(struct emitter *E, uint32_t at)
{
	struct ac_strbuf names;
	ac_strbuf_init(&names);
	macros_above(E->unit_src, at, &names);
	ac_emit_glue(E); /* (a failed AC_ABI_CHECK names the generated file) */
	for (char *n = names.data, *nl; n && (nl = strchr(n, '\n')); n = nl + 1)
		ac_strbuf_printf(E->out, "#pragma push_macro(\"%.*s\")\n#undef %.*s\n",
				 (int)(nl - n), n, (int)(nl - n), n);
	ac_emit_put(E, "#include <asyncc.h>\n");
	for (char *n = names.data, *nl; n && (nl = strchr(n, '\n')); n = nl + 1)
		ac_strbuf_printf(E->out, "#pragma pop_macro(\"%.*s\")\n", (int)(nl - n), n);
	ac_emit_put(E, "AC_ABI_CHECK(" AC_ABI_STR ");\n");
	ac_strbuf_free(&names);
	E->src = E->unit_src;
	ac_emit_line(E, ac_emit_line_of(E, at));
	uint32_t ls, len;
	ac_source_line_span(E->unit_src, at, &ls, &len);
	for (uint32_t c = ls; c < at; c++)
		ac_emit_put(E, " ");
}

/* Is the line [l, e) a line marker with flag 3 (`# 16 "f.ca" 3 4`: what
 * follows comes from a system header, whose warnings gcc does not show)? */
static bool system_marker(const char *l, const char *e)
{
	if (e - l < 4 || l[0] != '#' || l[1] != ' ' || l[2] < '0' || l[2] > '9')
		return false;
	const char *q = memchr(l, '"', (size_t)(e - l));
	const char *qe = q ? q + 1 : NULL;
	while (qe && qe < e && *qe != '"')
		qe += *qe == '\\' ? 2 : 1;
	for (const char *c = qe ? qe + 1 : e; c + 1 < e; c++)
		if (c[0] == ' ' && c[1] == '3' && (c + 2 == e || c[2] == ' ' || c[2] == '\n'))
			return true;
	return false;
}

/*
 * The line marker [l, e) (`# 22 "f.ca" 3 4`, which the preprocessor puts
 * around a system header's macro in a function translated from its
 * expansion) as the #line it stands for (`#line 22 "f.ca"`): the marker
 * form is GNU's, and `-pedantic -Werror` refuses it in a .c file.  Its
 * flags go: the system header's flag 3 would hide warnings in that text,
 * and gcc shows none there at -Wall -Wextra (glibc writes its macros for
 * -pedantic users, with __extension__).
 */
static void put_marker_as_line(struct ac_strbuf *b, const char *l, const char *e)
{
	const char *q = memchr(l, '"', (size_t)(e - l)), *qe = q ? q + 1 : NULL;
	while (qe && qe < e && *qe != '"')
		qe += *qe == '\\' && qe + 1 < e ? 2 : 1;
	if (!qe || qe >= e) { /* (no file name: kept as it is) */
		ac_strbuf_add(b, l, (size_t)(e - l));
		return;
	}
	ac_strbuf_printf(b, "#line %.*s\n", (int)(qe + 1 - (l + 2)), l + 2);
}

/*
 * Each GLUE line becomes a #line naming the generated file and the line
 * after it: what follows is the translator's code.  In a preprocessed
 * input (a .i, with its own line markers) directives keep that form; there,
 * after a line marker of a system header, the next directive is a line
 * marker too: a #line would keep the flag, and gcc would show no warning
 * for the rest.  Elsewhere, line markers become #line.
 */
static void resolve_glue(struct emitter *E, struct ac_strbuf *out, size_t from)
{
	if (!E->opt->line_directives)
		return;
	struct ac_strbuf b;
	ac_strbuf_init(&b);
	const char *t = out->data ? out->data : "";
	uint32_t line = 1;
	for (size_t i = 0; i < from; i++)
		line += t[i] == '\n';
	const char *form = E->unit_src->nmarkers ? "# %u \"%s\"" : "#line %u \"%s\"";
	bool in_system = false;
	for (size_t i = from; i < out->len;) {
		const char *nl = memchr(t + i, '\n', out->len - i);
		size_t end = nl ? (size_t)(nl - t) + 1 : out->len;
		if (end - i == 3 && !memcmp(t + i, GLUE "\n", 3)) {
			ac_strbuf_printf(&b, in_system ? "# %u \"%s\"" : form, line + 1,
					 E->opt->out_file);
			ac_strbuf_puts(&b, "\n");
			in_system = false;
		} else if (!E->unit_src->nmarkers && t[i] == '#' && end - i > 3 &&
			   t[i + 1] == ' ' && t[i + 2] >= '0' && t[i + 2] <= '9') {
			put_marker_as_line(&b, t + i, t + end);
		} else if (in_system && end - i > 6 && !memcmp(t + i, "#line ", 6)) {
			ac_strbuf_printf(&b, "# %.*s", (int)(end - i - 6), t + i + 6);
			in_system = false;
		} else {
			if (t[i] == '#' && end - i > 2 && t[i + 1] == ' ')
				in_system = system_marker(t + i, t + end);
			ac_strbuf_add(&b, t + i, end - i);
		}
		line++;
		i = end;
	}
	out->len = from;
	ac_strbuf_add(out, b.data ? b.data : "", b.len);
	ac_strbuf_free(&b);
}

/* Is [l, e) a #line directive or a line marker?  *mapped: the .ca line
 * it maps the next line to, 0 for the generated file. */
static bool is_line_directive(struct emitter *E, const char *l, const char *e,
			      uint32_t *mapped)
{
	const char *n = l + (e - l > 6 && !memcmp(l, "#line ", 6) ? 6 : 2);
	if (l[0] != '#' || n >= e || *n < '0' || *n > '9')
		return false;
	*mapped = (uint32_t)strtoul(n, NULL, 10);
	const char *q = memchr(n, '"', (size_t)(e - n));
	size_t k = E->opt->out_file ? strlen(E->opt->out_file) : 0;
	if (q && k && (size_t)(e - q) > k + 1 && !memcmp(q + 1, E->opt->out_file, k) &&
	    q[k + 1] == '"')
		*mapped = 0;
	return true;
}

/*
 * Each `__LINE__` marker (LINE_MARK N LINE_MARK, see line_value in
 * lower.c) becomes the word __LINE__ on a line the #line directives map to
 * .ca line N, and N elsewhere (a statement the translation moved or
 * joined, the frame, output without #line).
 */
static void resolve_lines(struct emitter *E, struct ac_strbuf *out, size_t from)
{
	if (!memchr(out->data + from, LINE_MARK[0], out->len - from))
		return;
	struct ac_strbuf b;
	ac_strbuf_init(&b);
	const char *t = out->data;
	uint32_t mapped = 0; /* the .ca line of the line at i, 0: none */
	for (size_t i = from; i < out->len;) {
		const char *nl = memchr(t + i, '\n', out->len - i);
		size_t end = nl ? (size_t)(nl - t) + 1 : out->len;
		if (is_line_directive(E, t + i, t + end, &mapped)) {
			ac_strbuf_add(&b, t + i, end - i);
			i = end;
			continue;
		}
		for (size_t k = i; k < end;) { /* the text up to each pair of marks */
			const char *open = memchr(t + k, LINE_MARK[0], end - k);
			const char *close = open ? memchr(open + 1, LINE_MARK[0],
							  (size_t)(t + end - open - 1)) : NULL;
			if (!close) {
				ac_strbuf_add(&b, t + k, end - k);
				break;
			}
			ac_strbuf_add(&b, t + k, (size_t)(open - (t + k)));
			uint32_t line = (uint32_t)strtoul(open + 1, NULL, 10);
			if (E->opt->line_directives && mapped && line == mapped)
				ac_strbuf_puts(&b, "__LINE__");
			else
				ac_strbuf_add(&b, open + 1, (size_t)(close - (open + 1)));
			k = (size_t)(close - t) + 1;
		}
		mapped += mapped != 0;
		i = end;
	}
	out->len = from;
	ac_strbuf_add(out, b.data ? b.data : "", b.len);
	ac_strbuf_free(&b);
}

/* Adds each name of the "\n"-separated `list` to `a` (and `b`). */
static void add_names(struct wordset *a, struct wordset *b, const char *list)
{
	for (const char *m = list; m && *m;) {
		size_t n = strcspn(m, "\n");
		ac_names_add(a, m, (uint32_t)n);
		if (b)
			ac_names_add(b, m, (uint32_t)n);
		m += n + (m[n] == '\n');
	}
}

int ac_emit(struct ac_unit *u, struct ac_source *orig, struct ac_diag *diag,
	    const struct ac_emit_options *opt, struct ac_strbuf *out)
{
	struct emitter E = { .unit = u, .src = orig, .diag = diag, .opt = opt,
			     .arena = &u->arena, .out = out, .cur_file = opt->line_file,
			     .cur_in_main = true,
			     .unit_src = orig };
	size_t nf = 0;
	for (struct ac_func *f = u->funcs; f; f = f->next)
		nf++;
	if (nf == 0 && u->nasync_decls == 0) {
		if (!opt->check)
			ac_strbuf_add(out, orig->text, orig->len);
		if (u->stress)
			ac_diag_plain(diag, AC_NOTE, "0 functions made resumable, 0 skipped");
		return 0;
	}
	struct item *items = malloc((nf + u->nasync_decls + 1) * sizeof *items);
	size_t n = 0;
	for (struct ac_func *f = u->funcs; f; f = f->next)
		items[n++] = (struct item){ f->text ? f->orig_loc : f->loc, f, SIZE_MAX };
	for (size_t i = 0; i < u->nasync_decls; i++)
		items[n++] = (struct item){ u->async_decls[i].orig_loc, NULL, i };
	qsort(items, n, sizeof *items, cmp_item);

	bool stress = u->stress;
	int nresumable = 0, nskipped = u->nskipped;
	add_names(&E.self_macros, NULL, u->self_macros);
	add_names(&E.macros, &E.words, u->header_macros); /* (they rename words too) */
	ac_names_collect(&E.words, &E.macros, orig, (struct ac_loc){ 0, (uint32_t)orig->len });
	for (struct ac_func *f = u->funcs; f; f = f->next)
		if (f->text) /* what its expansion names besides */
			ac_names_collect(&E.words, &E.macros, f->text, f->loc);
	for (size_t i = 0; i < u->nasync_decls; i++)
		if (u->async_decls[i].text)
			ac_names_collect(&E.words, &E.macros, u->async_decls[i].text,
					 u->async_decls[i].loc);
	size_t start = out->len;
	ac_strbuf_puts(out, "/* Generated by asyncc from ");
	for (const char *c = opt->line_file; *c; c++) /* (`*` then `/` would end it) */
		ac_strbuf_puts(out, c[0] == '*' && c[1] == '/' ? "*\\" : (char[2]){ *c, 0 });
	ac_strbuf_puts(out, ": edit that file, not this one. */\n");
	ac_emit_line(&E, 1);
	uint32_t at = 0;
	for (size_t i = 0; i < n; i++) {
		struct ac_loc item = items[i].loc;
		if (item.start < at)
			continue;
		if (i == 0 && !stress) {
			uint32_t p = prelude_point(orig, at, item.start);
			ac_emit_putn(&E, orig->text + at, p - at);
			emit_prelude(&E, p);
			at = p;
		}
		ac_emit_putn(&E, orig->text + at, item.start - at);
		struct ac_func *f = items[i].f;
		E.src = f && f->text ? f->text : orig; /* expanded text: see parse.c */
		struct ac_loc where = f ? f->proto->decl->name_loc : (struct ac_loc){ 0, 0 };
		const char *why = f ? ac_frame_unsupported(E.src, f, &where) : NULL;
		if (f && why && f->stressed) {
			ac_diag_at(diag, E.src, AC_NOTE, where.start, where.end,
				   "'%s' not made resumable: %s", f->proto->name, why);
			nskipped++;
			ac_emit_putn(&E, orig->text + item.start, item.end - item.start);
		} else if (f && why) {
			ac_diag_at(diag, E.src, AC_ERROR, where.start, where.end,
				   "async function '%s' cannot be made resumable: %s",
				   f->proto->name, why);
			E.nerrors++;
		} else if (f && (why = ac_frame_nul_in_literal(&E, f))) {
			E.nerrors++;
		} else if (f) {
			nresumable += f->stressed;
			if (ac_analyze(f, E.src, diag, &u->arena) == 0) {
				ac_bodytypes_move(&E, f);
				why = f->stressed ? ac_bodytypes_stuck(&E, f) : NULL;
				if (why) { /* left as it was, like those above */
					ac_bodytypes_restore(&E);
					ac_diag_at(diag, E.src, AC_NOTE, where.start, where.end,
						   "'%s' not made resumable: %s", f->proto->name, why);
					E.src = orig;
					nresumable--;
					nskipped++;
					ac_emit_putn(&E, orig->text + item.start,
						     item.end - item.start);
					at = item.end;
					continue;
				}
				size_t hidden = f->text ? hide_macros(&E, f, true) : 0;
				emit_function(&E, f);
				ac_bodytypes_restore(&E);
				if (hidden)
					hide_macros(&E, f, false);
			}
			E.src = orig;
			if (f->counters > 0) /* see count_counters in main.c */
				count_past(&E, f);
			else if (f->counters < 0)
				ac_diag_line(diag, orig, AC_WARNING, item.start,
					     "asyncc cannot count the __COUNTER__ values '%s' "
					     "uses (%s): the values after it may repeat them",
					     f->proto->name, f->counters == -2
					     ? "the preprocessor failed when run again to count them"
					     : "an #if on __COUNTER__ takes other lines when counted again");
			if (f->text) /* the replaced text's directives (#else, #endif) stay */
				keep_directives(&E, orig, f, item);
			else /* and those between its head and its body (`#ifdef ALT`
			      * before one of two bodies) */
				keep_directives_of(&E, orig, NULL, (struct ac_loc){
					f->proto->decl->loc.end, f->body_loc.start }, NULL, 0, 0);
			ac_emit_newline(&E);
			ac_emit_line(&E, ac_emit_line_of(&E, item.end));
			uint32_t ls, len;
			ac_source_line_span(orig, item.end, &ls, &len);
			for (uint32_t c = ls; c < item.end; c++)
				ac_emit_put(&E, " ");
		} else { /* all the prototypes of one declaration */
			for (size_t k = i; k < n && !items[k].f && items[k].loc.start == item.start; k++)
				emit_async_decl(&E, &u->async_decls[items[k].decl]);
		}
		at = item.end;
	}
	ac_emit_putn(&E, orig->text + at, orig->len - at);
	ac_names_resolve(&E, out, start);
	resolve_glue(&E, out, start);
	resolve_lines(&E, out, start);
	free(E.words.slots);
	free(E.macros.slots);
	free(E.self_macros.slots);
	free(E.hidden.slots);
	if (stress)
		ac_diag_plain(diag, AC_NOTE, "%d functions made resumable, %d skipped",
			      nresumable, nskipped);
	free(items);
	free(E.live_temps);
	free(E.moved);
	return E.nerrors;
}
