/* source.c - files in memory, and byte offsets turned into positions. */
#include "source.h"
#include "arena.h"
#include "strbuf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (!p) {
		fputs("asyncc: out of memory\n", stderr);
		exit(70);
	}
	return p;
}

static char *xstrndup(const char *s, size_t n)
{
	char *p = xrealloc(NULL, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static void adopt_text(struct ac_source *src, const char *name,
		       char *text, size_t len)
{
	memset(src, 0, sizeof *src);
	src->name = xstrndup(name, strlen(name));
	text[len] = text[len + 1] = '\0';
	src->text = text;
	src->len = len;
}

void ac_source_init_text(struct ac_source *src, const char *name,
			 const char *text, size_t len)
{
	char *copy = xrealloc(NULL, len + AC_SOURCE_PAD);
	memcpy(copy, text, len);
	adopt_text(src, name, copy, len);
}

/* In a file whose lines all end with a carriage return alone (old Mac
 * files), each ends a line, as the preprocessor reads it: it becomes a
 * line feed, byte for byte.  (Elsewhere a stray one is kept as it is.) */
static void lone_crs_end_lines(char *t, size_t len)
{
	if (memchr(t, '\n', len))
		return;
	for (char *c = memchr(t, '\r', len); c; c = memchr(c + 1, '\r', len - (size_t)(c + 1 - t)))
		*c = '\n';
}

/* Reads `fd` from where it stands to its end, with read(2) straight into
 * mapped pages, sized from fstat when it is a regular file. */
int ac_source_read_fd(struct ac_source *src, const char *name, int fd)
{
	struct stat st;
	size_t cap = 1 << 16, len = 0;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
		cap = (size_t)st.st_size + AC_SOURCE_PAD + 1; /* +1: sees EOF */
	char *buf = ac_pages_alloc(&cap);
	int err = 0;
	for (;;) {
		if (len + AC_SOURCE_PAD >= cap) {
			size_t grown = 2 * cap;
			buf = ac_pages_grow(buf, cap, &grown);
			cap = grown;
		}
		ssize_t n = read(fd, buf + len, cap - len - AC_SOURCE_PAD);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			err = -errno;
		if (n <= 0)
			break;
		len += (size_t)n;
		if (len > UINT32_MAX - 16) {
			err = -EFBIG;
			break;
		}
	}
	if (err) {
		ac_pages_free(buf, cap);
		return err;
	}
	lone_crs_end_lines(buf, len);
	memset(src, 0, sizeof *src);
	src->name = xstrndup(name, strlen(name));
	src->text = buf; /* mapped pages are zero: the NULs are there */
	src->len = len;
	src->text_map = cap;
	return 0;
}

/* Reads all of `path` ("-" is standard input).  Returns 0 or -errno. */
int ac_source_read(struct ac_source *src, const char *path)
{
	bool from_stdin = !strcmp(path, "-");
	int fd = from_stdin ? 0 : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	int rc = ac_source_read_fd(src, path, fd);
	if (!from_stdin)
		close(fd);
	return rc;
}

uint32_t ac_source_blank_nuls(struct ac_source *src, uint32_t start, uint32_t end)
{
	char *t = src->text;
	if (!memchr(t + start, '\0', end - start))
		return UINT32_MAX;
	char quote = 0;   /* inside a '...' or "..." constant */
	char comment = 0; /* inside a comment: '*' or '/' */
	for (uint32_t i = start; i < end; i++) {
		char c = t[i];
		if (c == '\0') {
			if (quote)
				return i;
			t[i] = ' ';
		} else if (comment) {
			if (comment == '*' ? c == '/' && i > start && t[i - 1] == '*' : c == '\n')
				comment = 0;
		} else if (quote) {
			if (c == '\\' && i + 1 < end && t[i + 1] != '\0')
				i++;
			else if (c == quote || c == '\n')
				quote = 0;
		} else if (c == '"' || c == '\'') {
			quote = c;
		} else if (c == '/' && i + 1 < end && (t[i + 1] == '*' || t[i + 1] == '/')) {
			comment = t[++i];
		}
	}
	return UINT32_MAX;
}

void ac_source_free(struct ac_source *src)
{
	for (size_t i = 0; i < src->nfiles; i++)
		free(src->files[i]);
	free(src->files);
	free(src->file_lens);
	if (src->markers)
		ac_pages_free(src->markers, src->capmarkers * sizeof *src->markers);
	free(src->line_starts);
	free(src->continues);
	free(src->name);
	if (src->text_map)
		ac_pages_free(src->text, src->text_map);
	else
		free(src->text);
	memset(src, 0, sizeof *src);
}

/* The interned copy of file name f (n bytes); *len is its length (shorter
 * than n if f holds a NUL). */
static const char *intern_file(struct ac_source *src, const char *f, size_t n,
			       size_t *len)
{
	/* Markers mostly name the file of the marker before, or the main
	 * file: try those first.  Lengths are compared before the names,
	 * most of which are long paths that differ in length. */
	if (src->nmarkers && src->last_len == n &&
	    !memcmp(src->markers[src->nmarkers - 1].file, f, n)) {
		*len = n;
		return src->markers[src->nmarkers - 1].file;
	}
	for (size_t i = 0; i < src->nfiles; i++)
		if (src->file_lens[i] == n &&
		    !memcmp(src->files[i], f, n)) { /* f may hold a NUL */
			*len = n;
			return src->files[i];
		}
	if (src->nfiles == src->capfiles) { /* (doubled: a .i names 100s) */
		src->capfiles = src->capfiles ? 2 * src->capfiles : 16;
		src->files = xrealloc(src->files, src->capfiles * sizeof *src->files);
		src->file_lens = xrealloc(src->file_lens,
					  src->capfiles * sizeof *src->file_lens);
	}
	char *copy = xstrndup(f, n);
	*len = src->file_lens[src->nfiles] = strlen(copy);
	return src->files[src->nfiles++] = copy;
}

/* Room for more markers (a preprocessed file has one every 10-15 lines),
 * in pages shared with the text (see ac_pages_alloc). */
static void grow_markers(struct ac_source *src)
{
	size_t old = src->capmarkers * sizeof *src->markers;
	size_t size = old ? 2 * old : 64 * sizeof *src->markers;
	src->markers = old ? ac_pages_grow(src->markers, old, &size)
			   : ac_pages_alloc(&size);
	src->capmarkers = size / sizeof *src->markers;
}

void ac_source_add_marker(struct ac_source *src, uint32_t offset,
			  uint32_t line, const char *file, size_t file_len)
{
	const char *name;
	size_t len = src->last_len;
	if (file)
		name = intern_file(src, file, file_len, &len);
	else if (src->nmarkers)
		name = src->markers[src->nmarkers - 1].file;
	else
		name = intern_file(src, src->name, strlen(src->name), &len);
	if (src->nmarkers == src->capmarkers)
		grow_markers(src);
	src->markers[src->nmarkers++] = (struct ac_marker){ offset, line, name };
	src->last_len = len;
}

static void index_lines(struct ac_source *src)
{
	size_t cap = 1024, n = 0;
	uint32_t *starts = xrealloc(NULL, cap * sizeof *starts);
	starts[n++] = 0;
	for (const char *p = src->text, *end = src->text + src->len;
	     (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++) {
		if (n == cap)
			starts = xrealloc(starts, (cap *= 2) * sizeof *starts);
		starts[n++] = (uint32_t)(p - src->text) + 1;
	}
	src->line_starts = starts;
	src->nlines = n;
}

/* Index of the physical line holding `offset` (0-based). */
static size_t phys_line(struct ac_source *src, uint32_t offset)
{
	if (!src->line_starts)
		index_lines(src);
	size_t lo = 0, hi = src->nlines;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (src->line_starts[mid] <= offset)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

void ac_source_line_span(struct ac_source *src, uint32_t offset,
			 uint32_t *start, uint32_t *len)
{
	size_t l = phys_line(src, offset);
	*start = src->line_starts[l];
	const char *nl = memchr(src->text + *start, '\n', src->len - *start);
	*len = nl ? (uint32_t)(nl - (src->text + *start))
		  : (uint32_t)(src->len - *start);
}

/* Index + 1 of the last marker at or before `offset`, or 0. */
static size_t marker_before(const struct ac_source *src, uint32_t offset)
{
	size_t lo = 0, hi = src->nmarkers;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (src->markers[mid].offset <= offset)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

bool ac_source_in_main(const struct ac_source *src, uint32_t offset)
{
	size_t m = marker_before(src, offset);
	return m == 0 || src->markers[m - 1].file == src->markers[0].file;
}

/* The main file is the one named by the first line marker (cc -E output),
 * or the source itself. */
struct ac_position ac_source_position(struct ac_source *src, uint32_t offset)
{
	struct ac_position pos = { src->name, 0, 0, 0, true };
	size_t l = phys_line(src, offset);
	pos.phys_line = (uint32_t)l + 1;
	pos.col = offset - src->line_starts[l] + 1;
	pos.line = pos.phys_line;
	size_t lo = marker_before(src, offset);
	if (lo > 0) {
		const struct ac_marker *m = &src->markers[lo - 1];
		size_t ml = phys_line(src, m->offset);
		pos.file = m->file;
		pos.line = m->line + (uint32_t)(l - ml);
		pos.in_main = m->file == src->markers[0].file;
	}
	return pos;
}

uint32_t ac_source_main_line(struct ac_source *src, uint32_t offset)
{
	struct ac_position pos = ac_source_position(src, offset);
	if (pos.in_main)
		return pos.line;
	for (size_t m = marker_before(src, offset); m < src->nmarkers; m++)
		if (src->markers[m].file == src->markers[0].file)
			return src->markers[m].line > 1 ? src->markers[m].line - 1 : 1;
	return pos.line;
}

uint32_t ac_source_line_offset(struct ac_source *src, uint32_t line)
{
	if (!src->line_starts)
		index_lines(src);
	if (line == 0 || line > src->nlines)
		return (uint32_t)src->len;
	return src->line_starts[line - 1];
}

/* Is hay[i, i + tn) the token `tok`, whole (a word or number not part of
 * a longer one: the `1` of `X1` is not the token 1)? */
static bool token_at(const char *hay, size_t n, size_t i, const char *tok,
		     size_t tn)
{
	if (memcmp(hay + i, tok, tn))
		return false;
	return !ac_is_ident_char(tok[0]) ||
	       ((i == 0 || !ac_is_ident_char(hay[i - 1])) &&
		(i + tn >= n || !ac_is_ident_char(hay[i + tn])));
}

static size_t count_occurrences(const char *hay, size_t n, const char *tok,
				size_t tn)
{
	size_t c = 0;
	for (size_t i = 0; tn && i + tn <= n; i++)
		if (token_at(hay, n, i, tok, tn))
			c++;
	return c;
}

/* Is the line at t[i] a line marker (`# 9 "file.ca" 3 4`)? */
static bool marker_line(const char *t, uint32_t i)
{
	return t[i] == '#' && t[i + 1] == ' ' && t[i + 2] >= '0' && t[i + 2] <= '9';
}

/*
 * Where a macro of a system header expands, cc -E breaks the line into
 * pieces, each after a line marker of the same line (`# 9 "f.ca" 3 4`, then
 * `# 9 "f.ca"` after the expansion).  [*from, *to) of src->text: the pieces
 * of the line holding `at`, the markers between them included.
 */
static void line_pieces(struct ac_source *src, uint32_t at, uint32_t *from, uint32_t *to)
{
	const char *t = src->text;
	uint32_t ls, len, line = ac_source_position(src, at).line;
	ac_source_line_span(src, at, &ls, &len);
	*from = ls;
	*to = ls + len;
	while (*from > 0) { /* the marker before, and the piece before it */
		uint32_t ms, ml, ps, pl;
		ac_source_line_span(src, *from - 1, &ms, &ml);
		if (!marker_line(t, ms) || ms == 0)
			break;
		ac_source_line_span(src, ms - 1, &ps, &pl);
		struct ac_position pp = ac_source_position(src, ps);
		if (!pp.in_main || pp.line != line || marker_line(t, ps))
			break;
		*from = ps;
	}
	while (*to < src->len && marker_line(t, *to + 1)) { /* and after */
		uint32_t ms, ml;
		ac_source_line_span(src, *to + 1, &ms, &ml);
		if (ms + ml >= src->len)
			break;
		struct ac_position np = ac_source_position(src, ms + ml + 1);
		if (!np.in_main || np.line != line || marker_line(t, ms + ml + 1))
			break;
		uint32_t ns, nl;
		ac_source_line_span(src, ms + ml + 1, &ns, &nl);
		*to = ns + nl;
	}
}

/* src->text[from, to) without its line markers (each line's newline
 * kept, as a blank), with `*at` moved to where it is in that text.  The
 * text is src->text itself when there are none; else *own, to free. */
static const char *without_markers(const struct ac_source *src, uint32_t from, uint32_t to,
				   uint32_t *at, uint32_t *len, char **own)
{
	const char *t = src->text;
	*own = NULL;
	bool any = false;
	for (uint32_t i = from; i < to && !any; i++)
		any = t[i] == '\n' && marker_line(t, i + 1);
	if (!any) {
		*at -= from;
		*len = to - from;
		return t + from;
	}
	char *b = xrealloc(NULL, to - from + 1);
	uint32_t n = 0, moved = *at - from;
	for (uint32_t i = from; i < to;) {
		if (i == *at)
			moved = n;
		if (t[i] == '\n' && marker_line(t, i + 1)) {
			const char *nl = memchr(t + i + 1, '\n', to - i - 1);
			b[n++] = ' ';
			i = nl ? (uint32_t)(nl - t) + 1 : to;
			continue;
		}
		b[n++] = t[i++];
	}
	b[n] = '\0';
	*at = moved;
	*len = n;
	return *own = b;
}

/* Marks each line of `o` that goes on from the one before it: begun inside
 * a block comment, or after a backslash-newline (o->continues, one byte a
 * line, made once). */
static void mark_continued_lines(struct ac_source *o)
{
	if (!o->line_starts)
		index_lines(o);
	unsigned char *cont = xrealloc(NULL, o->nlines + 1);
	memset(cont, 0, o->nlines + 1);
	const char *t = o->text;
	char in = 0; /* '*', '/', '"', '\'' or 0 */
	size_t line = 0;
	for (uint32_t i = 0, n = (uint32_t)o->len; i < n; i++) {
		uint32_t past = ac_text_splice_at(t, i, n);
		if (past) {
			i = past - 1;
			cont[++line] = 1;
			continue;
		}
		char c = t[i];
		if (c == '\n') {
			line++;
			cont[line] = in == '*';
			if (in != '*')
				in = 0;
		} else if (in == '*') {
			if (c == '*' && t[i + 1] == '/')
				in = 0, i++;
		} else if (in == '"' || in == '\'') {
			if (c == '\\')
				i++;
			else if (c == in)
				in = 0;
		} else if (!in && c == '/' && (t[i + 1] == '*' || t[i + 1] == '/')) {
			in = t[++i];
		} else if (!in && (c == '"' || c == '\'')) {
			in = c;
		}
	}
	o->continues = cont;
}

/* Past blanks, newlines, comments and backslash-newlines at t[i]. */
static uint32_t skip_gap(const char *t, uint32_t i, uint32_t end)
{
	for (;;) {
		uint32_t past = ac_text_splice_at(t, i, end);
		if (past)
			i = past;
		else if (i < end && ac_is_space(t[i]))
			i++;
		else if (i + 1 < end && t[i] == '/' && (t[i + 1] == '*' || t[i + 1] == '/'))
			i = ac_text_skip_lexeme(t, i, end);
		else
			return i;
	}
}

/*
 * Walks the cpp text c[q..) and the original o[p..) together, token by
 * token: blanks, comments and backslash-newlines differ between them, the
 * rest is the same until a macro's expansion.  The offset in `o` of
 * c[target] (of the end of the token before it if that is a blank), or
 * UINT32_MAX where they part before it.
 */
static uint32_t walk_to(const char *c, uint32_t q, uint32_t cend, uint32_t target,
			const char *o, uint32_t p, uint32_t oend)
{
	char quote = 0;
	for (;;) {
		if (!quote) {
			uint32_t gap_end = skip_gap(c, q, cend);
			if (target >= q && (target < gap_end || gap_end >= cend))
				return p; /* a blank: just after the token before */
			q = gap_end;
			p = skip_gap(o, p, oend);
		} else {
			uint32_t past;
			while ((past = ac_text_splice_at(o, p, oend)) != 0)
				p = past;
		}
		if (q == target)
			return p;
		if (q >= cend || p >= oend || c[q] != o[p])
			return UINT32_MAX;
		if (quote && c[q] == '\\' && q + 1 < cend && p + 1 < oend && c[q + 1] == o[p + 1])
			q++, p++; /* an escape: the byte after it is no quote */
		else if (quote && c[q] == quote)
			quote = 0;
		else if (!quote && (c[q] == '"' || c[q] == '\''))
			quote = c[q];
		q++, p++;
	}
}

/* The offset in `o` of the token at c[start] of the cpp line numbered
 * `line` that begins at `cls`, walked to from the nearest line before it
 * that goes on from none (and the same one of the cpp text); UINT32_MAX if
 * the token is not as written there. */
static uint32_t walked_offset(struct ac_source *src, uint32_t cls, uint32_t cend,
			      uint32_t line, uint32_t start, size_t tn)
{
	struct ac_source *o = src->orig;
	if (!o->continues)
		mark_continued_lines(o);
	if (line == 0 || line > o->nlines)
		return UINT32_MAX;
	uint32_t first = line, c0 = cls;
	for (; first > 1 && o->continues[first - 1]; first--) {
		if (c0 == 0)
			return UINT32_MAX;
		for (c0--; c0 > 0 && src->text[c0 - 1] != '\n'; c0--)
			;
	}
	struct ac_position p0 = ac_source_position(src, c0);
	if (!p0.in_main || p0.line != first)
		return UINT32_MAX;
	char *own;
	uint32_t rel = start, clen;
	const char *c = without_markers(src, c0, cend, &rel, &clen, &own);
	uint32_t at = walk_to(c, 0, clen, rel, o->text, o->line_starts[first - 1],
			      (uint32_t)o->len);
	const char *tok = src->text + start; /* the token is there whole */
	if (at != UINT32_MAX && !ac_is_space(*tok) &&
	    (at + tn > o->len || memcmp(o->text + at, tok, tn) ||
	     (ac_is_ident_char(tok[0]) && ac_is_ident_char(o->text[at + tn]))))
		at = UINT32_MAX;
	free(own);
	return at;
}

/* Found by walking the two lines together (walked_offset); else, the k-th
 * spelling of the token on its piece of the cpp line is taken to be the k-th
 * on the original line: true for every token that no macro expansion moved. */
bool ac_source_map_to_orig(struct ac_source *src, uint32_t start,
			   uint32_t end, uint32_t *orig_offset)
{
	struct ac_source *o = src->orig;
	if (!o)
		return false;
	struct ac_position pos = ac_source_position(src, start);
	if (!pos.in_main)
		return false;
	uint32_t cls, cend, ols, olen;
	line_pieces(src, start, &cls, &cend);
	uint32_t lo = ac_source_line_offset(o, pos.line);
	if (lo >= o->len && o->len > 0)
		return false;
	ac_source_line_span(o, lo, &ols, &olen);
	const char *tok = src->text + start;
	size_t tn = end > start ? end - start : 1;
	if (ac_is_ident_char(tok[0])) /* a word or number is matched whole */
		for (tn = 0; start + tn < cend && ac_is_ident_char(tok[tn]); tn++)
			;
	uint32_t walked = walked_offset(src, cls, cend, pos.line, start, tn);
	if (walked != UINT32_MAX) {
		*orig_offset = walked;
		return true;
	}
	if (ac_is_space(*tok)) /* blanks are not where cc -E put them */
		return false;
	ac_source_line_span(src, start, &cls, &cend);
	size_t k = count_occurrences(src->text + cls, start - cls, tok, tn);
	for (size_t i = 0; i + tn <= olen; i++) {
		if (!token_at(o->text + ols, olen, i, tok, tn))
			continue;
		if (k-- == 0) {
			*orig_offset = ols + (uint32_t)i;
			return true;
		}
	}
	return false;
}

/* If a directive `#WORD NAME` starts at t[i] (`#` first on its line, but
 * for blanks), the offset just past NAME; else UINT32_MAX. */
static uint32_t directive_on(const struct ac_source *o, uint32_t i, const char *word,
			     const char *name, size_t n)
{
	const char *t = o->text;
	size_t wn = strlen(word);
	if (t[i] != '#' || (i && t[i - 1] != '\n' && t[i - 1] != ' ' && t[i - 1] != '\t'))
		return UINT32_MAX;
	uint32_t j = i + 1;
	while (j < o->len && (t[j] == ' ' || t[j] == '\t'))
		j++;
	if (j + wn >= o->len || memcmp(t + j, word, wn) || ac_is_ident_char(t[j + wn]))
		return UINT32_MAX;
	for (j += (uint32_t)wn; j < o->len && (t[j] == ' ' || t[j] == '\t'); j++)
		;
	if (j + n > o->len || memcmp(t + j, name, n) || ac_is_ident_char(t[j + n]))
		return UINT32_MAX;
	return j + (uint32_t)n;
}

/* The offset of the `#define NAME` in force at offset `limit` of `o` (the
 * last one before it, unless an #undef NAME follows that) just past NAME
 * and its parameter list (whose '(' is then at *params; else *params is
 * UINT32_MAX), or UINT32_MAX. */
static uint32_t find_define(const struct ac_source *o, const char *name,
			    size_t n, uint32_t limit, uint32_t *line_end,
			    uint32_t *params)
{
	const char *t = o->text;
	uint32_t found = UINT32_MAX;
	*line_end = 0;
	*params = UINT32_MAX;
	for (uint32_t i = 0; i < o->len && i < limit; i++) {
		if (t[i] != '#')
			continue;
		if (directive_on(o, i, "undef", name, n) != UINT32_MAX) {
			found = UINT32_MAX;
			continue;
		}
		uint32_t j = directive_on(o, i, "define", name, n);
		if (j == UINT32_MAX)
			continue;
		*params = t[j] == '(' ? j : UINT32_MAX;
		if (t[j] == '(') {
			while (j < o->len && t[j] != ')' && t[j] != '\n')
				j++;
			j += t[j] == ')';
		}
		uint32_t e = ac_text_line_end(t, j, o->len);
		found = j;
		*line_end = e;
		i = e; /* the next line */
	}
	if (found == UINT32_MAX)
		*params = UINT32_MAX;
	return found;
}

uint32_t ac_source_define_at(const struct ac_source *o, const char *name, size_t n,
			     uint32_t at)
{
	uint32_t line_end, params;
	return find_define(o, name, n, at, &line_end, &params);
}

static bool blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Where the use of the macro named at [p, w) of line `l` ends: after its
 * name, or after its arguments in parentheses. */
static uint32_t use_end_of(const char *l, uint32_t n, uint32_t p, uint32_t w)
{
	uint32_t k = w;
	int depth = 0;
	while (k < n && blank(l[k]))
		k++;
	if (w == p || k >= n || l[k] != '(')
		return w;
	for (; k < n; k++) {
		depth += l[k] == '(';
		if (l[k] == ')' && --depth == 0)
			return k + 1;
	}
	return n;
}

/* After the expansion the cpp line `c` and the original `o` end alike (but
 * for blanks): the offset in `o` of the byte at `at` of `c`, if it lies in
 * that common end, which does not reach back to `limit`; else UINT32_MAX. */
static uint32_t from_the_end(const char *c, uint32_t cn, const char *o,
			     uint32_t on, uint32_t at, uint32_t limit)
{
	uint32_t a = cn, b = on;
	for (;;) {
		while (a > 0 && blank(c[a - 1]))
			a--;
		while (b > 0 && blank(o[b - 1]))
			b--;
		if (a == 0 || b <= limit || c[a - 1] != o[b - 1])
			return UINT32_MAX;
		if (--a == at)
			return b - 1;
		b--;
	}
}

/* Does the word at `i` of `t` begin a word (not continue one)? */
static bool word_starts(const char *t, uint32_t from, uint32_t i)
{
	return (t[i] == '_' || t[i] == '$' || (t[i] >= 'a' && t[i] <= 'z') ||
		(t[i] >= 'A' && t[i] <= 'Z')) && (i == from || !ac_is_ident_char(t[i - 1]));
}

/* A token of an expansion, as it is looked for in the #defines it may
 * come from. */
/* A piece of text: a parameter's name, an argument, an operand of ##. */
struct span {
	const char *s;
	uint32_t n;
};

struct sought {
	const char *text;       /* its spelling (a word whole) */
	size_t len;
	char before, after;     /* the bytes next to it, blanks aside */
	unsigned budget;        /* macros it may still look up */
	uint32_t limit;         /* the use: the #defines in force there */
	/* the macros being expanded, outermost first: their names are not
	 * expanded again inside (`#define f(a) f(x * (a))`) */
	struct span active[AC_MACRO_DEPTH + 1];
	unsigned nactive;
};

/* Has `o` a #define of the word [name, name + n)?  Each look-up reads the
 * file, and a trace makes a bounded number of them (a macro whose
 * expansion names itself, or a cycle of them, ends there). */
static bool names_macro(const struct ac_source *o, const char *name, size_t n,
			struct sought *s)
{
	uint32_t line_end, params;
	for (unsigned i = 0; i < s->nactive; i++)
		if (s->active[i].n == n && !memcmp(s->active[i].s, name, n))
			return false;
	if (s->budget == 0)
		return false;
	s->budget--;
	return find_define(o, name, n, s->limit, &line_end, &params) != UINT32_MAX;
}

/* The byte next to t[i] in direction `dir` (-1, +1) within [lo, hi),
 * blanks and backslash-newlines aside, or 0 at the edge. */
static char neighbour(const char *t, uint32_t i, int dir, uint32_t lo, uint32_t hi)
{
	for (i += dir; i >= lo && i < hi; i += dir)
		if (!blank(t[i]) && t[i] != '\n' && t[i] != '\r' && !ac_text_splice_at(t, i, hi))
			return t[i];
	return 0;
}

/* Is the spelling at [i, w) of the body [lo, hi) the token sought: the
 * same text (a whole word, for a word) with the same byte before or after
 * it, or at an end of the body?  (The same word in a macro's argument,
 * `F(while)` where F's body is `do ... while (0)`, is not.) */
static bool spelled_at(const char *t, uint32_t i, uint32_t w, uint32_t lo,
		       uint32_t hi, const struct sought *s)
{
	size_t n = w > i ? w - i : s->len;
	if (n != s->len || i + n > hi || memcmp(t + i, s->text, n))
		return false;
	char before = neighbour(t, i, -1, lo, hi);
	char after = neighbour(t, i + (uint32_t)n - 1, 1, lo, hi);
	return !before || before == s->before || !after || after == s->after;
}

/* The arguments of one use of a function-like macro: each parameter's name
 * in its #define and the text the use gives it, in which a parameter of
 * the macro whose body makes the use is already replaced by its own
 * argument (so `CAT(V_, n)` in the body of `G(n)`, used as `G(1)`, gives
 * CAT's b the text `1`). */
enum { MACRO_ARGS = 32 };
struct margs {
	unsigned n;
	struct span param[MACRO_ARGS], arg[MACRO_ARGS];
};

/* Past the blank, newline or backslash-newline at t[i] of [i, end), or 0. */
static uint32_t blank_or_splice(const char *t, uint32_t i, uint32_t end)
{
	if (i < end && (blank(t[i]) || t[i] == '\n' || t[i] == '\r'))
		return i + 1;
	return ac_text_splice_at(t, i, end);
}

/* [lo, hi) of `t` without the blanks (and backslash-newlines) at its ends. */
static struct span trimmed(const char *t, uint32_t lo, uint32_t hi)
{
	for (uint32_t past; (past = blank_or_splice(t, lo, hi)) != 0;)
		lo = past;
	while (hi > lo && (blank(t[hi - 1]) || t[hi - 1] == '\n' || t[hi - 1] == '\r' ||
			   t[hi - 1] == '\\'))
		hi--;
	return (struct span){ t + lo, hi - lo };
}

/* `x` itself, or the argument of `m` for the parameter that `x` names. */
static struct span substituted(struct span x, const struct margs *m)
{
	for (unsigned i = 0; m && i < m->n; i++)
		if (m->param[i].n == x.n && !memcmp(m->param[i].s, x.s, x.n))
			return m->arg[i];
	return x;
}

/* Splits the parenthesized list that opens at t[open] (and ends before
 * `hi`) at its top-level commas, trimmed, into out[]; false if it is not
 * closed or has more than MACRO_ARGS items.  A variadic parameter list's
 * last item takes the rest of the arguments, commas and all, when `rest`
 * is set. */
static bool split_list(const char *t, uint32_t open, uint32_t hi,
		       struct span out[MACRO_ARGS], unsigned *n, unsigned rest)
{
	int depth = 0;
	uint32_t from = open + 1;
	*n = 0;
	for (uint32_t k = open; k < hi; k++) {
		if (t[k] == '"' || t[k] == '\'') { /* commas and parentheses in a literal */
			char q = t[k];
			for (k++; k < hi && t[k] != q && t[k] != '\n'; k++)
				k += t[k] == '\\';
			continue;
		}
		depth += t[k] == '(';
		bool last = rest && *n + 1 == rest;
		if ((t[k] == ',' && depth == 1 && !last) || (t[k] == ')' && --depth == 0)) {
			if (*n == MACRO_ARGS)
				return false;
			out[(*n)++] = trimmed(t, from, k);
			from = k + 1;
			if (t[k] == ')') {
				if (*n == 1 && out[0].n == 0)
					*n = 0; /* F() */
				return true;
			}
		}
	}
	return false;
}

/* The parameters of the #define whose list opens at o->text[params], and
 * the arguments of its use whose list opens at the first '(' of t[at, hi)
 * past blanks, with `outer`'s parameters replaced.  False if there is no
 * such list (a function-like macro's name alone is not expanded). */
static bool read_args(const struct ac_source *o, uint32_t params, const char *t,
		      uint32_t at, uint32_t hi, const struct margs *outer,
		      struct margs *m)
{
	unsigned np, na;
	const char *nl = memchr(o->text + params, '\n', o->len - params);
	uint32_t line_end = nl ? (uint32_t)(nl - o->text) : (uint32_t)o->len;
	if (!split_list(o->text, params, line_end, m->param, &np, 0))
		return false;
	for (uint32_t past; (past = blank_or_splice(t, at, hi)) != 0;)
		at = past;
	bool variadic = np && m->param[np - 1].n >= 3 &&
		!memcmp(m->param[np - 1].s + m->param[np - 1].n - 3, "...", 3);
	if (variadic) {
		struct span *v = &m->param[np - 1];
		*v = v->n == 3 ? (struct span){ "__VA_ARGS__", 11 }
			       : trimmed(v->s, 0, v->n - 3);
	}
	if (at >= hi || t[at] != '(' || !split_list(t, at, hi, m->arg, &na, variadic ? np : 0))
		return false;
	m->n = np < na ? np : na;
	for (unsigned i = 0; i < m->n; i++)
		m->arg[i] = substituted(m->arg[i], outer);
	return true;
}

/* The operand of ## that starts at t[i]: a run of identifier characters,
 * or the one byte. */
static uint32_t operand_end(const char *t, uint32_t i, uint32_t hi)
{
	uint32_t w = i;
	while (w < hi && ac_is_ident_char(t[w]))
		w++;
	return w > i ? w : i + 1;
}

/* The offset of the `##` after the operand ending at `w`, or UINT32_MAX. */
static uint32_t paste_after(const char *t, uint32_t w, uint32_t hi)
{
	while (w < hi && blank(t[w]))
		w++;
	return w + 1 < hi && t[w] == '#' && t[w + 1] == '#' ? w : UINT32_MAX;
}

/* The name that `a ## b ## ...`, starting at t[i] with its first operand
 * ending at `w`, pastes together once `m`'s parameters are replaced, into
 * name[]; returns where the chain ends.  name is "" if it is too long. */
static uint32_t paste_chain(const char *t, uint32_t i, uint32_t w, uint32_t hi,
			    const struct margs *m, char name[AC_MACRO_NAME_MAX])
{
	size_t len = 0;
	bool fits = true;
	for (;;) {
		struct span x = substituted((struct span){ t + i, w - i }, m);
		fits = fits && len + x.n < AC_MACRO_NAME_MAX;
		if (fits) {
			memcpy(name + len, x.s, x.n);
			len += x.n;
		}
		uint32_t h = paste_after(t, w, hi);
		if (h == UINT32_MAX)
			break;
		for (i = h + 2; i < hi && blank(t[i]); i++)
			;
		if (i >= hi)
			break;
		w = operand_end(t, i, hi);
	}
	name[fits ? len : 0] = 0;
	return w;
}

/* The spelling of the token sought in t[lo, hi) nearest to offset `at`,
 * closer than *best_d (updated), or UINT32_MAX.  The bytes next to it are
 * not compared: an argument lands in another context. */
static uint32_t spelled_near(const char *t, uint32_t lo, uint32_t hi, uint32_t at,
			     const struct sought *s, uint32_t *best_d)
{
	uint32_t best = UINT32_MAX;
	for (uint32_t i = lo; i < hi; i++) {
		uint32_t w = i;
		if (word_starts(t, lo, i))
			while (w < hi && ac_is_ident_char(t[w]))
				w++;
		uint32_t d = i > at ? i - at : at - i;
		size_t n = w > i ? w - i : s->len;
		if (d < *best_d && n == s->len && i + n <= hi && !memcmp(t + i, s->text, n)) {
			best = i;
			*best_d = d;
		}
		if (w > i)
			i = w - 1;
	}
	return best;
}

/* A macro used in a body: its name (or the first operand of the ## that
 * pastes it), and where its arguments may follow. */
struct inner_use {
	struct ac_macro_name name;
	uint32_t args_at;
};

/* Is [i, w) of `t` the name of a macro a trace may go into (not one of
 * the parameters of the macro whose body it is in)? */
static bool inner_macro(const struct ac_source *o, const char *t, uint32_t i,
			uint32_t w, const struct margs *m, struct sought *s)
{
	struct span x = { t + i, w - i };
	return substituted(x, m).s == x.s && names_macro(o, x.s, x.n, s);
}

/*
 * Where the token sought that stands `rel` bytes into the expansion of a
 * macro comes from, the body of whose #define is [body, body_end) of `o`
 * and whose use gave it the arguments `m` (NULL for an object-like macro):
 * its spelling in the body nearest to `rel`, outside the uses of other
 * macros the body makes (their names and arguments are not in the
 * expansion) and the operands of ##; failing that, the expansion of one of
 * those macros (by name, or pasted together: `V_ ## n`), which is then
 * added to tr->via.  Sets tr->def; false if not found.
 */
static bool trace_body(const struct ac_source *o, uint32_t body, uint32_t body_end,
		       uint32_t rel, const struct margs *m, struct sought *s,
		       struct ac_macro_trace *tr, unsigned depth)
{
	const char *t = o->text;
	struct inner_use inner[AC_MACRO_DEPTH];
	uint32_t best = UINT32_MAX, best_d = UINT32_MAX;
	unsigned ninner = 0;
	while (body < body_end && blank(t[body]))
		body++;
	for (uint32_t i = body; i < body_end; i++) {
		uint32_t w = i;
		if (word_starts(t, body, i)) {
			while (w < body_end && ac_is_ident_char(t[w]))
				w++;
		}
		bool room = depth < AC_MACRO_DEPTH && ninner < AC_MACRO_DEPTH;
		uint32_t op = i == body || !ac_is_ident_char(t[i - 1]) ?
			operand_end(t, i, body_end) : i;
		if (op > i && ac_is_ident_char(t[i]) && paste_after(t, op, body_end) != UINT32_MAX) {
			char name[AC_MACRO_NAME_MAX];
			uint32_t e = paste_chain(t, i, op, body_end, m, name);
			uint32_t line_end, params = UINT32_MAX;
			if (room && name[0] && names_macro(o, name, strlen(name), s)) {
				find_define(o, name, strlen(name), s->limit, &line_end, &params);
				struct inner_use *u = &inner[ninner++];
				u->name.start = i;
				u->name.end = op;
				memcpy(u->name.pasted_name, name, sizeof name);
				u->args_at = e;
			}
			/* the operands are not in the expansion, nor the
			 * arguments of a function-like macro they paste */
			i = (params != UINT32_MAX ? use_end_of(t, body_end, i, e) : e) - 1;
			continue;
		}
		if (w > i && word_starts(t, body, i) && room && inner_macro(o, t, i, w, m, s)) {
			inner[ninner++] = (struct inner_use){ { i, w, "" }, w };
			i = use_end_of(t, body_end, i, w) - 1; /* not expanded text */
			continue;
		}
		uint32_t d = i - body > rel ? i - body - rel : rel - (i - body);
		if (d < best_d && spelled_at(t, i, w, body, body_end, s)) {
			best = i;
			best_d = d;
		}
		if (w > i)
			i = w - 1;
	}
	if (best != UINT32_MAX) {
		tr->def = best;
		return true;
	}
	for (unsigned k = 0; k < ninner; k++) {
		struct inner_use *u = &inner[k];
		const char *name = u->name.pasted_name[0] ? u->name.pasted_name : t + u->name.start;
		size_t n = u->name.pasted_name[0] ? strlen(name) : u->name.end - u->name.start;
		uint32_t line_end, params, into = u->name.start - body;
		uint32_t b = find_define(o, name, n, s->limit, &line_end, &params);
		struct margs args;
		if (params != UINT32_MAX &&
		    !read_args(o, params, t, u->args_at, body_end, m, &args))
			continue; /* its arguments are not in the body */
		s->active[s->nactive++] = (struct span){ name, (uint32_t)n };
		bool found = trace_body(o, b, line_end, rel > into ? rel - into : 0,
					params != UINT32_MAX ? &args : NULL, s, tr, depth + 1);
		s->nactive--;
		if (found) {
			tr->via[tr->nvia++] = u->name;
			return true;
		}
	}
	/* last, among the arguments of the macros the body uses: passed on
	 * to where a parameter puts it */
	uint32_t best_d_args = UINT32_MAX;
	for (unsigned k = 0; k < ninner; k++) {
		struct inner_use *u = &inner[k];
		uint32_t e = use_end_of(t, body_end, u->name.start, u->args_at);
		uint32_t at = spelled_near(t, u->args_at, e, body + rel, s, &best_d_args);
		if (at != UINT32_MAX)
			best = at;
	}
	if (best != UINT32_MAX) {
		tr->def = best;
		return true;
	}
	return false;
}

/* Does the body of a #define, t[0..n), paste tokens (`a##b`)? */
static bool pastes(const char *t, size_t n)
{
	for (size_t i = 0; i + 1 < n; i++)
		if (t[i] == '#' && t[i + 1] == '#')
			return true;
	return false;
}

/* The token at `start` of the cpp line [ls, ls + len) of `src`, as it is
 * looked for in the #defines. */
static struct sought sought_at(const char *t, uint32_t start, size_t tn, uint32_t ls,
			       uint32_t len)
{
	size_t word = 0; /* a word is looked for whole */
	while (start + word < ls + len && ac_is_ident_char(t[start + word]))
		word++;
	struct sought s = { t + start, word ? word : tn, 0, 0, 64, UINT32_MAX, { { NULL, 0 } }, 0 };
	s.before = neighbour(t, start, -1, ls, ls + len);
	s.after = neighbour(t, start + (uint32_t)s.len - 1, 1, ls, ls + len);
	return s;
}

/* Where the cpp line `c` and the original line `l` part (but for blanks,
 * which cc -E changes), in each, at the start of the word they part in. */
static void lines_part(const char *c, uint32_t clen, const char *l, uint32_t olen,
		       uint32_t *cp, uint32_t *lp)
{
	uint32_t p = 0, q = 0;
	for (;; p++, q++) {
		while (p < olen && blank(l[p]))
			p++;
		while (q < clen && blank(c[q]))
			q++;
		if (p >= olen || q >= clen || l[p] != c[q])
			break;
	}
	for (; p > 0 && q > 0 && ac_is_ident_char(l[p - 1]); p--, q--)
		; /* back to the start of a word the two share a part of */
	while (p < olen && blank(l[p]))
		p++;
	*cp = q;
	*lp = p;
}

/* Where the lines part may lie inside the arguments of a function-like
 * macro whose expansion begins like its use (`#define f(a) f(x * (a))`):
 * if no macro is named at `*p` of `l`, back to the nearest one before it
 * whose use spans *p, and `*q` of `c` back by as many bytes (blanks
 * aside).  A few words are tried: each costs a look through the file. */
static void back_to_use(const struct ac_source *o, uint32_t ols, const char *l,
			uint32_t olen, const char *c, uint32_t *p, uint32_t *q)
{
	uint32_t w = *p, params, line_end;
	while (w < olen && ac_is_ident_char(l[w]))
		w++;
	if (w > *p && find_define(o, l + *p, w - *p, ols + *p, &line_end, &params) != UINT32_MAX)
		return;
	unsigned tries = 8;
	for (uint32_t k = *p; k-- > 0 && tries > 0;) {
		if (!word_starts(l, 0, k))
			continue;
		uint32_t kw = k;
		while (kw < olen && ac_is_ident_char(l[kw]))
			kw++;
		tries--;
		if (find_define(o, l + k, kw - k, ols + k, &line_end, &params) == UINT32_MAX ||
		    params == UINT32_MAX || use_end_of(l, olen, k, kw) <= *p)
			continue;
		for (uint32_t i = *p; i > k; i--) /* the lines agree from k to *p */
			if (!blank(l[i - 1]))
				while (*q > 0 && blank(c[--*q]))
					;
		*p = k;
		return;
	}
}

/* ac_source_macro_use() of the token at c[rel] of the cpp line c[0, clen)
 * (its pieces joined), and the original line l at o->text[ols, ols + olen). */
static bool trace_use(const struct ac_source *o, uint32_t ols, uint32_t olen, const char *l,
		      const char *c, uint32_t clen, uint32_t rel, size_t tn,
		      struct ac_macro_trace *tr)
{
	uint32_t p, q; /* where the lines part, in each */
	lines_part(c, clen, l, olen, &q, &p);
	back_to_use(o, ols, l, olen, c, &p, &q);
	uint32_t w = p;
	while (w < olen && ac_is_ident_char(l[w]))
		w++;
	uint32_t after = from_the_end(c, clen, l, olen, rel, use_end_of(l, olen, p, w));
	tr->def = UINT32_MAX;
	tr->pasted = false;
	tr->nvia = 0;
	if (after != UINT32_MAX) {
		tr->use = ols + after;
		tr->use_end = tr->use + (uint32_t)tn;
		return true;
	}
	tr->use = ols + (p < olen ? p : olen);
	tr->use_end = ols + (w > p ? w : (p < olen ? p + 1 : olen));
	uint32_t params, body_end;
	uint32_t body = w > p ? find_define(o, l + p, w - p, ols + p, &body_end, &params)
			      : UINT32_MAX;
	if (body == UINT32_MAX)
		return true;
	struct sought s = sought_at(c, rel, tn, 0, clen);
	s.limit = ols + p;
	s.active[s.nactive++] = (struct span){ l + p, w - p };
	struct margs args;
	bool has_args = params != UINT32_MAX &&
		read_args(o, params, o->text, ols + w, ols + olen, NULL, &args);
	tr->pasted = pastes(o->text + body, body_end - body);
	if (!trace_body(o, body, body_end, rel >= q ? rel - q : 0,
			has_args ? &args : NULL, &s, tr, 0))
		tr->nvia = 0;
	return true;
}

/*
 * The cpp line and the original one agree (but for blanks) up to where the
 * expansion begins: the word there is the macro's name.  A token after the
 * use is where the two lines end alike; one inside it is traced through the
 * macro's #define (see trace_body).
 */
bool ac_source_macro_use(struct ac_source *src, uint32_t start, uint32_t end,
			 struct ac_macro_trace *tr)
{
	struct ac_source *o = src->orig;
	if (!o || !ac_source_position(src, start).in_main)
		return false;
	uint32_t cls, cend, ols, olen;
	uint32_t lo = ac_source_line_offset(o, ac_source_position(src, start).line);
	if (lo > o->len)
		return false;
	ac_source_line_span(o, lo < o->len ? lo : (o->len ? o->len - 1 : 0), &ols, &olen);
	olen -= olen > 0 && o->text[ols + olen - 1] == '\r'; /* (a CRLF line end) */
	line_pieces(src, start, &cls, &cend);
	char *own;
	uint32_t rel = start, clen; /* start, in c */
	const char *c = without_markers(src, cls, cend, &rel, &clen, &own);
	const char *l = o->text + ols;
	bool found = trace_use(o, ols, olen, l, c, clen, rel, end > start ? end - start : 1, tr);
	free(own);
	return found;
}

bool ac_source_in_macro_body(struct ac_source *src, uint32_t start, uint32_t end,
			     uint32_t o, struct ac_macro_trace *tr)
{
	if (!ac_source_macro_use(src, start, end, tr))
		return false;
	uint32_t use_end = use_end_of(src->orig->text, (uint32_t)src->orig->len,
				      tr->use, tr->use_end);
	return (tr->def != UINT32_MAX || tr->pasted) && o >= tr->use && o < use_end;
}

uint32_t ac_text_skip_attribute(const char *t, uint32_t at, uint32_t end)
{
	int depth = 0;
	for (; at < end; at++) {
		if (t[at] == '(')
			depth++;
		else if (t[at] == ')' && --depth == 0)
			return at + 1;
	}
	return end;
}

uint32_t ac_text_skip_brackets(const char *t, uint32_t at, uint32_t end)
{
	int depth = 0;
	for (; at < end; at++) {
		if (t[at] == '"' || t[at] == '\'') {
			at = ac_text_skip_lexeme(t, at, end) - 1;
			continue;
		}
		char b = ac_bracket(t + at);
		if (b == '[')
			depth++;
		else if (b == ']' && --depth == 0)
			return at + ac_bracket_len(t + at);
	}
	return end;
}

/* Copy [from, to) of `t` to `out` on one line: without the preprocessor's
 * line markers (around a system header's macro in an expansion), with a
 * space for each run of blanks, newlines, splices and comments. */
static void put_one_line(struct ac_strbuf *out, const char *t, uint32_t from, uint32_t to)
{
	bool blank = false, wrote = false;
	for (uint32_t i = from; i < to;) {
		uint32_t j = i;
		if (t[i] == '#' && (i == 0 || t[i - 1] == '\n')) { /* a line marker */
			while (j < to && t[j] != '\n')
				j++;
		} else if (t[i] == '/' && i + 1 < to && (t[i + 1] == '*' || t[i + 1] == '/')) {
			j = ac_text_skip_lexeme(t, i, to);
		} else if (ac_text_splice_at(t, i, to)) {
			j = ac_text_splice_at(t, i, to);
		} else if (ac_is_space(t[i])) {
			j = i + 1;
		} else {
			if (blank && wrote)
				ac_strbuf_add(out, " ", 1);
			blank = false;
			wrote = true;
			j = t[i] == '"' || t[i] == '\'' ? ac_text_skip_lexeme(t, i, to) : i + 1;
			ac_strbuf_add(out, t + i, j - i);
			i = j;
			continue;
		}
		blank = true;
		i = j;
	}
}

/* Does the attribute `name` (`noreturn`, `__const__`, `gnu::pure`) say
 * what calling the function does, which is not what calling the function
 * that creates its task does (it returns at once, a new task each time),
 * or makes its result's type (`vector_size`), which is not the task's?
 * Those are left to the body and to the result. */
static bool describes_call(const char *t, uint32_t w, uint32_t n)
{
	static const char *const names[] = {
		"noreturn", "_Noreturn", "always_inline", "gnu_inline", "const",
		"pure", "returns_nonnull", "malloc", "alloc_size", "alloc_align",
		"assume_aligned", "reproducible", "unsequenced",
		"vector_size", /* (the result's type: not an ac_task *'s) */
	};
	if (n > 4 && !memcmp(t + w, "__", 2) && !memcmp(t + w + n - 2, "__", 2))
		w += 2, n -= 4;
	for (size_t k = 0; k < sizeof names / sizeof *names; k++)
		if (ac_word_is(t + w, n, names[k]))
			return true;
	return false;
}

/* The items of the attribute list [from, to) (`nonnull(1), noreturn`)
 * a task's constructor keeps (with `all`, all of them), separated by
 * ", "; how many. */
static int put_attribute_items(struct ac_strbuf *out, const char *t, uint32_t from,
			       uint32_t to, bool all)
{
	int kept = 0;
	for (uint32_t i = from; i < to;) {
		uint32_t e = i, name = 0, nlen = 0;
		int depth = 0;
		for (; e < to && (depth > 0 || t[e] != ','); e++) {
			if (t[e] == '"' || t[e] == '\'' ||
			    (t[e] == '/' && e + 1 < to && (t[e + 1] == '*' || t[e + 1] == '/'))) {
				e = ac_text_skip_lexeme(t, e, to) - 1;
			} else if (t[e] == '#' && (e == 0 || t[e - 1] == '\n')) {
				while (e + 1 < to && t[e + 1] != '\n')
					e++;
			} else if (t[e] == '(') {
				depth++;
			} else if (t[e] == ')') {
				depth--;
			} else if (depth == 0 && ac_is_ident_char(t[e]) && !ac_is_ident_char(t[e - 1])) {
				name = e; /* the last word before operands: `gnu::pure` */
				for (nlen = 0; e + 1 < to && ac_is_ident_char(t[e + 1]); e++)
					nlen++;
				nlen++;
			}
		}
		size_t before = out->len;
		if (kept)
			ac_strbuf_add(out, ", ", 2);
		put_one_line(out, t, i, e);
		if ((nlen && !all && describes_call(t, name, nlen)) || out->len == before + (kept ? 2 : 0))
			out->len = before; /* (or an empty item) */
		else
			kept++;
		i = e + 1;
	}
	return kept;
}

/* Past blanks and line markers at `i` (before `end`), or back over them
 * before `i` (after `begin`). */
static uint32_t skip_marked_blanks(const char *t, uint32_t i, uint32_t end)
{
	while (i < end && (ac_is_space(t[i]) || (t[i] == '#' && (i == 0 || t[i - 1] == '\n'))))
		if (t[i++] == '#')
			while (i < end && t[i] != '\n')
				i++;
	return i;
}

static uint32_t back_over_blanks(const char *t, uint32_t i, uint32_t begin)
{
	for (;;) {
		while (i > begin && ac_is_space(t[i - 1]))
			i--;
		uint32_t ls = i; /* the line before a newline: a line marker? */
		while (ls > begin && t[ls - 1] != '\n')
			ls--;
		if (ls == i || t[ls] != '#' || (ls > 0 && t[ls - 1] != '\n'))
			return i;
		i = ls;
	}
}

/* One attribute specifier of [w, e), `__attribute__((...))` (the word
 * ending at `after`) or `[[...]]`, as a task's constructor takes it:
 * without the items describes_call() leaves to the body; nothing when
 * none is left. */
static void put_attribute(struct ac_strbuf *out, const char *t, uint32_t w, uint32_t after,
			  uint32_t e, bool all)
{
	bool std = after == w;
	uint32_t open, close;
	if (std) {
		open = w + (uint32_t)ac_bracket_len(t + w);
		open += (uint32_t)ac_bracket_len(t + open);
		close = e;
		for (int n = 0; n < 2 && close > open; n++)
			close -= close >= 2 && t[close - 2] == ':' && t[close - 1] == '>' ? 2 : 1;
	} else {
		open = skip_marked_blanks(t, after, e);
		if (open < e && t[open] == '(')
			open = skip_marked_blanks(t, open + 1, e);
		close = back_over_blanks(t, e, open);
		if (close > open && t[close - 1] == ')')
			close = back_over_blanks(t, close - 1, open);
		if (open >= e || t[open] != '(' || close <= open || t[close - 1] != ')') {
			put_one_line(out, t, w, e); /* (not the usual two parentheses) */
			ac_strbuf_add(out, " ", 1);
			return;
		}
		open++, close--;
	}
	size_t before = out->len;
	ac_strbuf_puts(out, std ? "[[" : "__attribute__((");
	if (put_attribute_items(out, t, open, close, all) == 0)
		out->len = before;
	else
		ac_strbuf_puts(out, std ? "]] " : ")) ");
}

/* The use of one of `macros` that begins at `w`, or NULL. */
static const struct ac_macro_attr *macro_use_at(const struct ac_macro_attr *macros,
						size_t n, uint32_t w)
{
	for (size_t k = 0; k < n; k++)
		if (macros[k].start == w)
			return &macros[k];
	return NULL;
}

static size_t put_attributes(const char *t, uint32_t from, uint32_t to, struct ac_strbuf *out,
			     const struct ac_macro_attr *macros, size_t nmacros, bool all);

/* A use of a macro that expands to attributes: as written, unless its
 * expansion has some a task's constructor leaves out (then what is left
 * of the expansion). */
static void put_macro_attribute(struct ac_strbuf *out, const char *t,
				const struct ac_macro_attr *m)
{
	struct ac_strbuf kept, all;
	ac_strbuf_init(&kept);
	ac_strbuf_init(&all);
	uint32_t n = (uint32_t)strlen(m->expansion);
	put_attributes(m->expansion, 0, n, &kept, NULL, 0, false);
	put_attributes(m->expansion, 0, n, &all, NULL, 0, true);
	if (kept.len == all.len) {
		put_one_line(out, t, m->start, m->end);
		ac_strbuf_add(out, " ", 1);
	} else if (kept.len) {
		ac_strbuf_add(out, kept.data, kept.len);
	}
	ac_strbuf_free(&kept);
	ac_strbuf_free(&all);
}

void ac_text_macro_attribute(const char *t, const struct ac_macro_attr *m,
			     struct ac_strbuf *written, struct ac_strbuf *expanded)
{
	put_macro_attribute(written, t, m);
	put_attributes(m->expansion, 0, (uint32_t)strlen(m->expansion), expanded, NULL, 0, false);
}

size_t ac_text_attributes(const char *t, uint32_t from, uint32_t to, struct ac_strbuf *out,
			  const struct ac_macro_attr *macros, size_t nmacros)
{
	return put_attributes(t, from, to, out, macros, nmacros, false);
}

/* ac_text_attributes(), with `all`: also those describes_call() leaves
 * out. */
static size_t put_attributes(const char *t, uint32_t from, uint32_t to, struct ac_strbuf *out,
			     const struct ac_macro_attr *macros, size_t nmacros, bool all)
{
	size_t start = out->len;
	struct ac_words s = { .t = t, .at = from, .end = to };
	uint32_t w, len, at = from;
	for (;;) {
		/* a `[[` before the next word */
		bool more = ac_words_next(&s, &w, &len);
		uint32_t stop = more ? w : to;
		for (uint32_t i = at; i + 1 < stop; i++)
			if (ac_bracket(t + i) == '[' && ac_bracket(t + i + ac_bracket_len(t + i)) == '[') {
				uint32_t e = ac_text_skip_brackets(t, i, to);
				put_attribute(out, t, i, i, e, all);
				i = e - 1;
			}
		if (!more)
			break;
		at = w + len;
		const struct ac_macro_attr *m = macro_use_at(macros, nmacros, w);
		if (m) {
			put_macro_attribute(out, t, m);
			s.at = at = m->end;
		} else if (ac_word_is(t + w, len, "__attribute__") ||
			   ac_word_is(t + w, len, "__attribute")) {
			uint32_t e = ac_text_skip_attribute(t, at, to);
			put_attribute(out, t, w, at, e, all);
			s.at = at = e;
		}
	}
	return out->len - start;
}

/* C11 annex D.1: the ranges of characters allowed in identifiers. */
static const uint32_t ucs_ranges[][2] = {
	{ 0x00A8, 0x00A8 }, { 0x00AA, 0x00AA }, { 0x00AD, 0x00AD },
	{ 0x00AF, 0x00AF }, { 0x00B2, 0x00B5 }, { 0x00B7, 0x00BA },
	{ 0x00BC, 0x00BE }, { 0x00C0, 0x00D6 }, { 0x00D8, 0x00F6 },
	{ 0x00F8, 0x00FF }, { 0x0100, 0x167F }, { 0x1681, 0x180D },
	{ 0x180F, 0x1FFF }, { 0x200B, 0x200D }, { 0x202A, 0x202E },
	{ 0x203F, 0x2040 }, { 0x2054, 0x2054 }, { 0x2060, 0x206F },
	{ 0x2070, 0x218F }, { 0x2460, 0x24FF }, { 0x2776, 0x2793 },
	{ 0x2C00, 0x2DFF }, { 0x2E80, 0x2FFF }, { 0x3004, 0x3007 },
	{ 0x3021, 0x302F }, { 0x3031, 0x303F }, { 0x3040, 0xD7FF },
	{ 0xF900, 0xFD3D }, { 0xFD40, 0xFDCF }, { 0xFDF0, 0xFE44 },
	{ 0xFE47, 0xFFFD },
};

bool ac_ucs_in_identifier(uint32_t cp)
{
	if (cp >= 0x10000) /* 10000-1FFFD, 20000-2FFFD, ... E0000-EFFFD */
		return cp <= 0xEFFFF && (cp & 0xFFFF) <= 0xFFFD;
	for (size_t i = 0; i < sizeof ucs_ranges / sizeof *ucs_ranges; i++)
		if (cp >= ucs_ranges[i][0] && cp <= ucs_ranges[i][1])
			return true;
	return false;
}

/* D.2: combining marks may not begin one. */
bool ac_ucs_starts_identifier(uint32_t cp)
{
	return !((cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1DC0 && cp <= 0x1DFF) ||
		 (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0xFE20 && cp <= 0xFE2F));
}

/* Words after which a `&` is a unary operator. */
static bool ends_operand(const char *w, uint32_t n)
{
	static const char *const kw[] = { "return", "sizeof", "case", "else", "do",
					  "__extension__", "_Alignof", "__alignof__" };
	for (size_t i = 0; i < sizeof kw / sizeof *kw; i++)
		if (ac_word_is(w, n, kw[i]))
			return false;
	return true;
}

bool ac_words_next(struct ac_words *s, uint32_t *w, uint32_t *n)
{
	const char *t = s->t;
	if (s->last_len) { /* the word before is the last token now */
		s->operand = ends_operand(t + s->last, s->last_len);
		s->member = s->addr = false;
		s->open = 0;
		s->last_len = 0;
	}
	while (s->at < s->end) {
		uint32_t i = s->at;
		char c = t[i], d = i + 1 < s->end ? t[i + 1] : 0;
		if (ac_is_space(c)) {
			s->at++;
		} else if (c == '/' && (d == '*' || d == '/')) {
			const char *x = strstr(t + i + 2, d == '*' ? "*/" : "\n");
			s->at = x && x < t + s->end ? (uint32_t)(x - t) + (d == '*' ? 2 : 1) : s->end;
		} else if (c == '"' || c == '\'') {
			for (i++; i < s->end && t[i] != c && t[i] != '\n'; i++)
				i += t[i] == '\\';
			s->at = i + 1;
			s->operand = true;
			s->member = s->addr = false;
			s->open = 0;
		} else if (ac_is_ident_char(c)) {
			uint32_t j = i;
			while (j < s->end && ac_is_ident_char(t[j]))
				j++;
			*w = s->last = i;
			*n = s->last_len = j - i;
			s->at = j;
			return true;
		} else {
			/* a punctuator; the longest of -- -> -= && &= ++ += || |= */
			bool amp = c == '&' && d != '&' && d != '=';
			bool paren = c == '(';
			s->spliced |= c == '\\';
			s->member = c == '.' || (c == '-' && d == '>');
			s->addr = amp ? !s->operand : s->addr && paren;
			/* a call's parenthesis does not group the word after it */
			s->open = paren && !s->operand ? s->open + 1 : 0;
			s->operand = c == ')' || c == ']';
			s->at += (c == '-' || c == '&' || c == '+' || c == '|') &&
				 (d == c || (c == '-' && d == '>') || d == '=') ? 2 : 1;
		}
	}
	return false;
}

/* Is the word at `w` the name or number of a directive: `#` before it
 * alone on its line, which no backslash continues from the line before? */
static bool starts_directive(const char *t, uint32_t at, uint32_t w)
{
	uint32_t i = w;
	while (i > at && (t[i - 1] == ' ' || t[i - 1] == '\t'))
		i--;
	if (i == at || t[i - 1] != '#')
		return false;
	i--;
	while (i > at && (t[i - 1] == ' ' || t[i - 1] == '\t'))
		i--;
	if (i == at)
		return true;
	if (t[--i] != '\n')
		return false;
	while (i > at && (t[i - 1] == ' ' || t[i - 1] == '\t' || t[i - 1] == '\r' ||
			  t[i - 1] == '\f' || t[i - 1] == '\v'))
		i--; /* (a splice: a backslash, blanks a compiler allows, a newline) */
	return i == at || t[i - 1] != '\\';
}

uint32_t ac_line_directive(const char *t, uint32_t at, uint32_t end)
{
	struct ac_words s = { .t = t, .at = at, .end = end };
	uint32_t w, n;
	while (ac_words_next(&s, &w, &n))
		if (((n == 4 && !memcmp(t + w, "line", 4)) ||
		     (t[w] >= '0' && t[w] <= '9')) && starts_directive(t, at, w)) {
			while (w > at && t[w - 1] != '#')
				w--;
			return w - 1;
		}
	return end;
}

int ac_words_count(const char *t, uint32_t at, uint32_t end, const char *word)
{
	size_t len = strlen(word);
	int count = 0;
	struct ac_words s = { .t = t, .at = at, .end = end };
	uint32_t w, n;
	while (ac_words_next(&s, &w, &n))
		count += !s.member && n == len && !memcmp(t + w, word, len);
	return s.spliced ? -1 : count;
}

uint32_t ac_text_skip_lexeme(const char *t, uint32_t i, uint32_t end)
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

uint32_t ac_text_splice_at(const char *t, uint32_t i, uint32_t end)
{
	if (i >= end || t[i] != '\\')
		return 0;
	for (i++; i < end && (t[i] == ' ' || t[i] == '\t' || t[i] == '\r' || t[i] == '\f' ||
			      t[i] == '\v'); i++)
		;
	return i < end && t[i] == '\n' ? i + 1 : 0;
}

uint32_t ac_text_line_end(const char *t, uint32_t i, uint32_t end)
{
	while (i < end && t[i] != '\n') {
		uint32_t past = ac_text_splice_at(t, i, end);
		i = past ? past : i + 1;
	}
	return i;
}

size_t ac_text_unsplice(char *s)
{
	char *o = s;
	size_t len = strlen(s);
	for (uint32_t i = 0; i < len;) {
		uint32_t past = ac_text_splice_at(s, i, (uint32_t)len);
		if (past) {
			i = past;
			continue;
		}
		*o++ = s[i++];
	}
	*o = '\0';
	return (size_t)(o - s);
}

static bool starts_lexeme(const char *t, uint32_t i, uint32_t end)
{
	return t[i] == '"' || t[i] == '\'' ||
	       (t[i] == '/' && i + 1 < end && (t[i + 1] == '*' || t[i + 1] == '/'));
}

/* Past the line that `\n` at `i` ends, when `skipped` drops the next one:
 * the offset of the next line's `\n` (or end); else `i`. */
static uint32_t past_skipped_line(const char *t, uint32_t i, uint32_t end,
				  ac_line_skipped_fn *skipped, const void *ctx)
{
	if (t[i] != '\n' || !skipped(ctx, i + 1, end))
		return i;
	for (i++; i < end && t[i] != '\n'; i++)
		;
	return i;
}

/* How an element of a braced list begins: with a `{` or a compound literal
 * (0), a string literal (1), or anything else (2: for an aggregate, its
 * braces are elided). */
static int element_start(const char *t, uint32_t i, uint32_t end)
{
	if (t[i] == '"' || ((t[i] == 'L' || t[i] == 'u' || t[i] == 'U') &&
			    (t[i + 1] == '"' || t[i + 1] == '8')))
		return 1;
	if (ac_bracket(t + i) == '{')
		return 0;
	if (t[i] != '(')
		return 2;
	int depth = 0; /* `(struct pt){ 1, 2 }` */
	for (; i < end; i++) {
		if (starts_lexeme(t, i, end))
			i = ac_text_skip_lexeme(t, i, end) - 1;
		else if (t[i] == '(')
			depth++;
		else if (t[i] == ')' && --depth == 0)
			break;
	}
	for (i++; i < end && ac_is_space(t[i]); i++)
		;
	return i < end && ac_bracket(t + i) == '{' ? 0 : 2;
}

long ac_text_list_elements(const char *t, uint32_t at, uint32_t end,
			   ac_line_skipped_fn *skipped, const void *ctx, bool *string,
			   int *unbraced)
{
	long n = 0;
	int depth = 0, ub = 0;
	bool any = false;
	*string = false;
	while (at < end && ac_bracket(t + at) != '{')
		at++;
	for (uint32_t i = at; i < end; i++) {
		uint32_t past = past_skipped_line(t, i, end, skipped, ctx);
		if (past != i) {
			/* a directive, or a line of an #if group not taken */
			i = past - 1;
			continue;
		}
		char c = ac_bracket(t + i) ? ac_bracket(t + i) : t[i];
		if (depth == 1 && !any && !ac_is_space(c) && c != '}' &&
		    !(c == '/' && (t[i + 1] == '*' || t[i + 1] == '/')) && element_start(t, i, end) > ub)
			ub = element_start(t, i, end);
		if (starts_lexeme(t, i, end)) {
			if (c == '"' && depth == 1 && !any && n == 0)
				*string = true;
			i = ac_text_skip_lexeme(t, i, end) - 1;
			any |= c != '/';
			continue;
		}
		if (c == '{' || c == '(' || c == '[') {
			if (c == '[' && depth == 1 && !any)
				return -1; /* a designator */
			any |= depth == 1;
			depth++;
			i += ac_bracket_len(t + i) - 1;
		} else if (c == '}' || c == ')' || c == ']') {
			if (--depth == 0)
				break;
			i += ac_bracket_len(t + i) - 1;
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
	if (unbraced)
		*unbraced = ub;
	return n + any;
}

/* Past blanks, comments and attributes at `i`. */
static uint32_t skip_blanks_and_attributes(const char *t, uint32_t i, uint32_t end)
{
	for (;;) {
		while (i < end && ac_is_space(t[i]))
			i++;
		if (i + 1 < end && t[i] == '/' && (t[i + 1] == '*' || t[i + 1] == '/')) {
			i = ac_text_skip_lexeme(t, i, end);
			continue;
		}
		uint32_t j = i;
		while (j < end && ac_is_ident_char(t[j]))
			j++;
		if (!ac_word_is(t + i, j - i, "__attribute__") &&
		    !ac_word_is(t + i, j - i, "__attribute"))
			return i;
		i = ac_text_skip_attribute(t, j, end);
	}
}

/* After `]` at `i`: more `[...]`, then `= {` or `) {` (comments and
 * attributes between)?  The offset of the `{`, or 0. */
static uint32_t list_after_brackets(const char *t, uint32_t i, uint32_t end)
{
	for (;;) {
		i = skip_blanks_and_attributes(t, i, end);
		if (i >= end || ac_bracket(t + i) != '[')
			break;
		for (int depth = 0; i < end; i++) {
			depth += ac_bracket(t + i) == '[';
			if (ac_bracket(t + i) == ']' && --depth == 0)
				break;
		}
		i += i < end ? ac_bracket_len(t + i) : 1;
	}
	if (i >= end || (t[i] != ')' && t[i] != '=') || (t[i] == '=' && t[i + 1] == '='))
		return 0;
	i = skip_blanks_and_attributes(t, i + 1, end);
	return i < end && ac_bracket(t + i) == '{' ? i : 0;
}

uint32_t ac_text_next_sizing_list(const char *t, uint32_t at, uint32_t end,
				  ac_line_skipped_fn *skipped, const void *ctx)
{
	for (uint32_t i = at; i < end; i++) {
		uint32_t past = past_skipped_line(t, i, end, skipped, ctx);
		if (past != i) {
			i = past - 1;
			continue;
		}
		if (starts_lexeme(t, i, end)) {
			i = ac_text_skip_lexeme(t, i, end) - 1;
			continue;
		}
		if (ac_bracket(t + i) != '[')
			continue;
		uint32_t j = skip_blanks_and_attributes(t, i + ac_bracket_len(t + i), end);
		uint32_t open = j < end && ac_bracket(t + j) == ']' ?
				list_after_brackets(t, j + ac_bracket_len(t + j), end) : 0;
		if (open)
			return open;
	}
	return end;
}

void ac_text_blank_comment_hashes(char *t, size_t n)
{
	bool line_start = true;
	for (size_t i = 0; i < n; i++) {
		char c = t[i];
		if (line_start && c == '#') { /* a directive or a marker: to its end */
			while (i + 1 < n && t[i + 1] != '\n')
				i++;
			continue;
		}
		if (c == '"' || c == '\'') {
			i = ac_text_skip_lexeme(t, (uint32_t)i, (uint32_t)n) - 1;
			line_start = false;
			continue;
		}
		if (c == '/' && i + 1 < n && t[i + 1] == '*') {
			for (i += 2; i + 1 < n && !(t[i] == '*' && t[i + 1] == '/'); i++) {
				if (t[i] != '\n')
					continue;
				size_t j = i + 1;
				while (j < n && (t[j] == ' ' || t[j] == '\t'))
					j++;
				if (j < n && t[j] == '#')
					t[j] = ' ';
			}
			i++;
			line_start = false;
			continue;
		}
		if (c == '/' && i + 1 < n && t[i + 1] == '/') {
			while (i + 1 < n && t[i + 1] != '\n')
				i++;
			continue;
		}
		line_start = c == '\n' || (line_start && (c == ' ' || c == '\t'));
	}
}

/* The escape byte (ac_standins), and the continuation bytes that follow
 * it for itself and for each marker byte. */
enum { ESCAPE = '\003', ESCAPED_SELF = 0x80, ESCAPED_MARKER = 0x81 };
static const char markers[2] = { '\001', '\002' };

void ac_text_pick_standins(const char *t, size_t n, struct ac_standins *s)
{
	bool used[256] = { false };
	for (size_t i = 0; i < n; i++)
		used[(unsigned char)t[i]] = true;
	memset(s, 0, sizeof *s);
	unsigned c = 3; /* control bytes C gives no meaning, then the rest */
	for (int k = 0; k < 2; k++) {
		if (!used[(unsigned char)markers[k]])
			continue;
		while (c < 256 && (used[c] || c == '\t' || c == '\n' || c == '\v' ||
				   c == '\f' || c == '\r' || (c >= ' ' && c < 0x7f)))
			c++;
		if (c == 256) { /* every byte value is used */
			memset(s, 0, sizeof *s);
			s->escape = ESCAPE;
			return;
		}
		s->raw[s->n] = markers[k];
		s->stand[s->n++] = (char)c++;
	}
}

/* The marker byte `c` is (0, 1), the escape byte (2), or neither (-1). */
static int escaped_kind(char c)
{
	return c == markers[0] ? 0 : c == markers[1] ? 1 : c == ESCAPE ? 2 : -1;
}

/* `src`'s text with each marker byte and escape byte as two bytes. */
static void escape_markers(struct ac_source *src)
{
	size_t extra = 0;
	for (size_t i = 0; i < src->len; i++)
		extra += escaped_kind(src->text[i]) >= 0;
	if (!extra)
		return;
	if (src->len + extra > UINT32_MAX - 16)
		ac_out_of_memory();
	char *t = malloc(src->len + extra + AC_SOURCE_PAD);
	if (!t)
		ac_out_of_memory();
	size_t n = 0;
	for (size_t i = 0; i < src->len; i++) {
		int k = escaped_kind(src->text[i]);
		if (k < 0) {
			t[n++] = src->text[i];
			continue;
		}
		t[n++] = ESCAPE;
		t[n++] = (char)(k == 2 ? ESCAPED_SELF : ESCAPED_MARKER + k);
	}
	memset(t + n, 0, AC_SOURCE_PAD);
	if (src->text_map)
		ac_pages_free(src->text, src->text_map);
	else
		free(src->text);
	src->text = t;
	src->len = n;
	src->text_map = 0;
	free(src->line_starts);
	src->line_starts = NULL;
	src->nlines = 0;
}

void ac_source_hide_markers(struct ac_source *src, const struct ac_standins *s)
{
	if (s->escape) {
		escape_markers(src);
		return;
	}
	char *t = src->text;
	size_t n = src->len;
	for (int k = 0; k < s->n; k++)
		for (char *p = memchr(t, s->raw[k], n); p;
		     p = memchr(p + 1, s->raw[k], n - (size_t)(p + 1 - t)))
			*p = s->stand[k];
}

size_t ac_text_restored_byte(const struct ac_standins *s, const char *t,
			     const char *end, char *c)
{
	*c = *t;
	if (s->escape) {
		unsigned char next = t + 1 < end ? (unsigned char)t[1] : 0;
		if (*t != ESCAPE || next < ESCAPED_SELF || next > ESCAPED_MARKER + 1)
			return 1;
		*c = next == ESCAPED_SELF ? ESCAPE : markers[next - ESCAPED_MARKER];
		return 2;
	}
	for (int k = 0; k < s->n; k++)
		if (*t == s->stand[k])
			*c = s->raw[k];
	return 1;
}

size_t ac_text_restore_markers(char *t, size_t n, const struct ac_standins *s)
{
	if (!t)
		return n;
	if (s->escape) {
		size_t j = 0;
		for (size_t i = 0; i < n;)
			i += ac_text_restored_byte(s, t + i, t + n, &t[j++]);
		return j;
	}
	for (int k = 0; k < s->n; k++)
		for (char *p = memchr(t, s->stand[k], n); p;
		     p = memchr(p + 1, s->stand[k], n - (size_t)(p + 1 - t)))
			*p = s->raw[k];
	return n;
}

bool ac_pragma_is(const char *w, const char *end, const char *const (*names)[2], size_t n)
{
	const char *word[2];
	size_t len[2] = { 0, 0 };
	for (int k = 0; k < 2; k++) { /* the first two words */
		while (w < end && (*w == ' ' || *w == '\t'))
			w++;
		for (word[k] = w; w < end && ac_is_ident_char(*w); w++)
			;
		len[k] = (size_t)(w - word[k]);
	}
	for (size_t i = 0; i < n; i++)
		if (ac_word_is(word[0], len[0], names[i][0]) &&
		    (!names[i][1] || ac_word_is(word[1], len[1], names[i][1])))
			return true;
	return false;
}

bool ac_is_loop_pragma(const char *w, const char *end)
{
	static const char *const names[][2] = { { "GCC", "unroll" }, { "GCC", "ivdep" },
		{ "GCC", "novector" }, { "clang", "loop" }, { "unroll", NULL },
		{ "nounroll", NULL } };
	return ac_pragma_is(w, end, names, sizeof names / sizeof *names);
}
