/*
 * names.c - the names the translation makes up.
 *
 * Generated names must not capture or be captured by the user's (a local
 * `ac_t0`, a label `ac_return`, an enumerator `F`, a macro `result`): each
 * is chosen fresh for the translation unit, its spelling with '_' appended
 * until no word of the input spells it.  The generated text names the
 * fixed ones through markers (see emitter.h), replaced once the unit is
 * emitted.
 */
#include "emitter.h"
#include "parser.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t word_hash(const char *s, uint32_t n)
{
	uint32_t h = 2166136261u;
	for (uint32_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

bool ac_names_has(const struct wordset *w, const char *s, uint32_t n)
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

void ac_names_add(struct wordset *w, const char *s, uint32_t n)
{
	if (2 * (w->len + 1) > w->cap) {
		struct wordset g = { NULL, w->cap ? 2 * w->cap : 1024, 0 };
		g.slots = calloc(g.cap, sizeof *g.slots);
		if (!g.slots)
			ac_out_of_memory();
		for (size_t i = 0; i < w->cap; i++)
			if (w->slots[i].s)
				ac_names_add(&g, w->slots[i].s, w->slots[i].n);
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
void ac_names_collect(struct wordset *w, struct wordset *macros,
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
					ac_names_add(macros, t + j, k - j);
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
				ac_names_add(w, t + i, j - i);
			i = j;
		} else {
			i++;
		}
	}
}

/* `base`, or `base_`, `base__`...: the first no word of the input spells. */
char *ac_names_fresh(struct emitter *E, const char *base)
{
	char *r = ac_arena_printf(E->arena, "%s", base);
	while (ac_names_has(&E->words, r, (uint32_t)strlen(r)))
		r = ac_arena_printf(E->arena, "%s_", r);
	return r;
}

/* The generated text with its name markers replaced (see FP). */
void ac_names_resolve(struct emitter *E, struct ac_strbuf *out, size_t from)
{
	struct { char code; const char *name; } names[] = {
		{ 'F', ac_names_fresh(E, "F") }, { 'h', ac_names_fresh(E, "hdr") }, { 'r', ac_names_fresh(E, "result") },
		{ 'a', ac_names_fresh(E, "aw") }, { 't', ac_names_fresh(E, "task") },
		{ 'R', ac_names_fresh(E, "ac_return") }, { 's', ac_names_fresh(E, "ac_self") },
		{ 'i', ac_names_fresh(E, "ac_i") }, { 'M', ac_names_fresh(E, "M") }, { 'c', ac_names_fresh(E, "rc") },
		{ 'x', ac_names_fresh(E, "state") },
		{ 'T', ac_names_has(&E->macros, "state", 5) ? "(*ac__state_of(&" FP "->" HDR "))"
							 : FP "->" HDR ".state" },
		{ 'L', ac_names_has(&E->macros, "flags", 5) ? "(*ac__flags_of(&" FP "->" HDR "))"
							 : FP "->" HDR ".flags" },
		{ 'P', "ac__value_of(" FP "->" AW "." TASK ")" },
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
