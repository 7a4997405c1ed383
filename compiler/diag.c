/* diag.c - `file:line:col: error: message`, the source line and a caret. */
#include "diag.h"
#include "source.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

void ac_diag_init(struct ac_diag *d, FILE *out, bool color)
{
	memset(d, 0, sizeof *d);
	d->out = out;
	d->color = color;
	d->max_errors = 20;
}

void ac_diag_free(struct ac_diag *d)
{
	free(d->map_buf);
	d->map_buf = NULL;
}

static const char *sev_name(enum ac_severity s)
{
	return s == AC_ERROR ? "error" : s == AC_WARNING ? "warning" : "note";
}

static const char *sev_color(enum ac_severity s)
{
	return s == AC_ERROR ? "\033[1;31m" : s == AC_WARNING ? "\033[1;35m"
							      : "\033[1;36m";
}

/* Counts the diagnostic; returns false if it is not to be printed.  A
 * warning -Werror makes an error is shown as one, with `[-Werror]` after its
 * message (what `*promoted` says), as GCC shows it. */
static bool count(struct ac_diag *d, enum ac_severity *sev, bool *promoted)
{
	*promoted = false;
	if (*sev == AC_WARNING) {
		if (d->warnings_off)
			return false;
		if (d->werror) {
			*promoted = true;
			if (d->werror_counted_as_warnings) {
				d->nwarnings++;
				*sev = AC_ERROR;
				return true;
			}
			*sev = AC_ERROR;
		}
	}
	if (*sev == AC_ERROR) {
		d->nerrors++;
		if (d->max_errors && d->nerrors > d->max_errors)
			return false;
	} else if (*sev == AC_WARNING) {
		d->nwarnings++;
	}
	return true;
}

static const char *mapped(struct ac_diag *d, const char *path)
{
	return d->map_path ? d->map_path(d->map_ctx, path) : path;
}

/* The bytes of the character at t[i] (before t[end]), as GCC reads them: a
 * well-formed UTF-8 sequence, two bytes that stand for one of the file's
 * (source.h: ac_standins), or one byte. */
static uint32_t char_len(const struct ac_diag *d, const char *t, uint32_t i,
			 uint32_t end)
{
	unsigned char c = (unsigned char)t[i];
	char raw;
	if (d->standins && ac_text_restored_byte(d->standins, t + i, t + end, &raw) == 2)
		return 2;
	uint32_t n = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3
		   : c >= 0xf0 && c <= 0xf4 ? 4 : 1;
	for (uint32_t k = 1; k < n; k++)
		if (i + k >= end || ((unsigned char)t[i + k] & 0xc0) != 0x80)
			return 1;
	return n;
}

/* Columns as GCC counts them: a tab advances to the next multiple of 8, a
 * character counts once (a UTF-8 one, or a byte that is none). */
static unsigned display_column(const struct ac_diag *d, struct ac_source *src,
			       uint32_t offset)
{
	uint32_t ls, len;
	ac_source_line_span(src, offset, &ls, &len);
	unsigned col = 1;
	for (uint32_t i = ls; i < offset; i += char_len(d, src->text, i, ls + len))
		col = src->text[i] == '\t' ? (col - 1) / 8 * 8 + 9 : col + 1;
	return col;
}

/* The end of a message's first line: `[-Werror]` for a warning made an
 * error. */
static void end_message(struct ac_diag *d, bool promoted)
{
	if (promoted)
		fputs(" [-Werror]", d->out);
	fputc('\n', d->out);
}

struct ac_position ac_diag_position(const struct ac_diag *d, struct ac_source *src,
				    uint32_t offset)
{
	uint32_t o;
	if (src->orig && ac_source_map_to_orig(src, offset, offset + 1, &o)) {
		src = src->orig;
		offset = o;
	}
	struct ac_position pos = ac_source_position(src, offset);
	pos.col = display_column(d, src, offset);
	return pos;
}

static void head(struct ac_diag *d, enum ac_severity sev, const char *where)
{
	if (d->color)
		fprintf(d->out, "\033[1m%s:\033[0m %s%s:\033[0m ", where,
			sev_color(sev), sev_name(sev));
	else
		fprintf(d->out, "%s: %s: ", where, sev_name(sev));
}

/* The line as the user wrote it (without the carriage return of a CRLF
 * line end), then a caret (and tildes) under the range.  Tabs are kept in
 * the caret line so that it lines up in a terminal. */
static void show_line(struct ac_diag *d, struct ac_source *src,
		      enum ac_severity sev, uint32_t start, uint32_t end)
{
	uint32_t ls, len;
	ac_source_line_span(src, start, &ls, &len);
	uint32_t shown = len > 0 && src->text[ls + len - 1] == '\r' ? len - 1 : len;
	fputc(' ', d->out);
	for (uint32_t i = ls; i < ls + shown;) { /* a null character shows as a blank */
		char c = src->text[i];
		i += d->standins ? (uint32_t)ac_text_restored_byte(d->standins, src->text + i,
								    src->text + ls + shown, &c) : 1;
		fputc(c ? c : ' ', d->out);
	}
	fputs("\n ", d->out);
	/* a column for each character, as display_column counts them */
	uint32_t i = ls;
	for (; i < start; i += char_len(d, src->text, i, ls + len))
		fputc(src->text[i] == '\t' ? '\t' : ' ', d->out);
	if (d->color)
		fputs(sev_color(sev), d->out);
	fputc('^', d->out);
	for (i += char_len(d, src->text, i, ls + len); i < end && i < ls + shown;
	     i += char_len(d, src->text, i, ls + len))
		fputc('~', d->out);
	if (d->color)
		fputs("\033[0m", d->out);
	fputc('\n', d->out);
}

/* The token that ends where the blank at `at` begins, or `at`. */
static uint32_t token_before(const struct ac_source *src, uint32_t at)
{
	const char *t = src->text;
	if (at == 0 || at >= src->len || !strchr(" \t\n\r", t[at]))
		return at;
	uint32_t b = at;
	while (b > 0 && ac_is_ident_char(t[b - 1]))
		b--;
	return b < at ? b : at - 1;
}

/* "in expansion of macro 'NAME'" at [start, end) of src, where NAME is
 * spelled unless it was pasted together. */
static void note_expansion(struct ac_diag *d, struct ac_source *src,
			   uint32_t start, uint32_t end, const char *pasted_name)
{
	struct ac_position pos = ac_source_position(src, start);
	char where[4096];
	snprintf(where, sizeof where, "%s:%u:%u", mapped(d, pos.file),
		 pos.line, display_column(d, src, start));
	head(d, AC_NOTE, where);
	if (pasted_name && *pasted_name)
		fprintf(d->out, "in expansion of macro '%s'\n", pasted_name);
	else
		fprintf(d->out, "in expansion of macro '%.*s'\n", (int)(end - start),
			src->text + start);
	show_line(d, src, AC_NOTE, start, end);
}

/* The notes of a message from a macro's expansion, as GCC gives them:
 * each macro, from the innermost to the one the line uses. */
static void note_expansions(struct ac_diag *d, struct ac_source *src,
			    const struct ac_macro_trace *tr)
{
	for (unsigned i = 0; i < tr->nvia; i++)
		note_expansion(d, src, tr->via[i].start, tr->via[i].end,
			       tr->via[i].pasted_name);
	note_expansion(d, src, tr->use, tr->use_end, NULL);
}

void ac_diag_vat(struct ac_diag *d, struct ac_source *src,
		 enum ac_severity sev, uint32_t start, uint32_t end,
		 const char *fmt, va_list ap)
{
	/* a position lies in the text it is reported against */
	assert(start <= end && end <= src->len + 1);
	bool promoted;
	if (!count(d, &sev, &promoted))
		return;
	uint32_t o, before;
	struct ac_macro_trace tr;
	struct ac_source *note_src = NULL;
	if (src->orig && ac_source_map_to_orig(src, start, end, &o) &&
	    !ac_source_in_macro_body(src, start, end, o, &tr)) {
		end = o + (end - start);
		start = o;
		src = src->orig;
	} else if (src->orig && (before = token_before(src, start)) < start &&
		   ac_source_map_to_orig(src, before, start, &o)) {
		/* just after a token ("expected ';' before ..."): after it
		 * in the original text, wherever cpp put the blank */
		start = o + (start - before);
		end = start + 1;
		src = src->orig;
	} else if (src->orig && ac_source_macro_use(src, start, end, &tr)) {
		/* from a macro's expansion: as GCC, at the token in the
		 * innermost macro's definition, with a note for each macro it
		 * went through; or at the use, if the definition is elsewhere */
		src = src->orig;
		if (tr.def != UINT32_MAX) {
			end = tr.def + (end - start);
			start = tr.def;
			note_src = src;
		} else {
			start = tr.use;
			end = tr.use_end;
		}
	}
	struct ac_position pos = ac_source_position(src, start);
	char where[4096];
	snprintf(where, sizeof where, "%s:%u:%u", mapped(d, pos.file), pos.line,
		 display_column(d, src, start));
	head(d, sev, where);
	vfprintf(d->out, fmt, ap);
	end_message(d, promoted);
	show_line(d, src, sev, start, end > start ? end : start + 1);
	if (note_src)
		note_expansions(d, note_src, &tr);
}

void ac_diag_at(struct ac_diag *d, struct ac_source *src, enum ac_severity sev,
		uint32_t start, uint32_t end, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ac_diag_vat(d, src, sev, start, end, fmt, ap);
	va_end(ap);
}

void ac_diag_line(struct ac_diag *d, struct ac_source *src,
		  enum ac_severity sev, uint32_t offset, const char *fmt, ...)
{
	assert(offset <= src->len + 1);
	bool promoted;
	if (!count(d, &sev, &promoted))
		return;
	struct ac_position pos = ac_source_position(src, offset);
	char where[4096];
	snprintf(where, sizeof where, "%s:%u", mapped(d, pos.file), pos.line);
	head(d, sev, where);
	va_list ap;
	va_start(ap, fmt);
	vfprintf(d->out, fmt, ap);
	va_end(ap);
	end_message(d, promoted);
}

void ac_diag_plain(struct ac_diag *d, enum ac_severity sev, const char *fmt, ...)
{
	bool promoted;
	if (!count(d, &sev, &promoted))
		return;
	head(d, sev, "asyncc");
	va_list ap;
	va_start(ap, fmt);
	vfprintf(d->out, fmt, ap);
	va_end(ap);
	end_message(d, promoted);
}
