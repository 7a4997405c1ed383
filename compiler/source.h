/* source.h - source buffers, line markers and positions. */
#ifndef AC_SOURCE_H
#define AC_SOURCE_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

/* A `# 12 "file.h"` line marker (or #line) found while scanning. */
struct ac_marker {
	uint32_t offset;  /* byte offset of the line that follows the marker */
	uint32_t line;    /* its line number in `file` */
	const char *file; /* interned; owned by the source */
};

/* A file held in memory, plus what the scanner learned of its lines. */
struct ac_source {
	char *name;        /* as given on the command line ("-" = stdin, which
			    * main.c renames "<stdin>", as gcc names it) */
	char *text;        /* contents; text[len] and text[len + 1] are NUL
			      (the scanner reads the buffer in place) */
	size_t len;
	size_t text_map;   /* bytes mapped for text (ac_pages_alloc), or 0 if
			      it was malloc'ed */
	struct ac_marker *markers; /* in offset order */
	size_t nmarkers, capmarkers;
	char **files;      /* interned marker file names */
	size_t *file_lens; /* their lengths, compared before their text */
	size_t nfiles, capfiles;
	size_t last_len;   /* length of the last marker's file name */
	uint32_t *line_starts; /* built lazily: offset of each physical line */
	size_t nlines;
	unsigned char *continues; /* built lazily: 1 for each physical line
				   * begun in a block comment or after a
				   * backslash-newline */
	struct ac_source *orig; /* preprocessor output: the original main file */
};

/* Where a byte offset lies, for diagnostics and #line. */
struct ac_position {
	const char *file; /* logical file (after line markers) */
	uint32_t line;    /* logical line */
	uint32_t col;     /* 1-based byte column in the physical line */
	uint32_t phys_line; /* 1-based physical line in the buffer */
	bool in_main;     /* not inside an included file */
};

/* Bytes a source buffer holds past its text: two NULs. */
enum { AC_SOURCE_PAD = 2 };

int ac_source_read(struct ac_source *src, const char *path);
/* A copy of `text`. */
void ac_source_init_text(struct ac_source *src, const char *name,
			 const char *text, size_t len);
/* All that is left to read of `fd`, as file `name`. */
int ac_source_read_fd(struct ac_source *src, const char *name, int fd);
void ac_source_free(struct ac_source *src);
/* Null characters in [start, end) outside literals (gcc reads them as
 * blanks) become spaces, so that the text can be copied as C strings.
 * Returns the offset of one inside a string or character constant, which
 * is kept, or UINT32_MAX. */
uint32_t ac_source_blank_nuls(struct ac_source *src, uint32_t start, uint32_t end);
void ac_source_add_marker(struct ac_source *src, uint32_t offset,
			  uint32_t line, const char *file, size_t file_len);
struct ac_position ac_source_position(struct ac_source *src, uint32_t offset);
/* The line of the main file `offset` is at; inside an included file, the
 * line of the outermost #include that brought it (the line before the one
 * the main file resumes at). */
uint32_t ac_source_main_line(struct ac_source *src, uint32_t offset);
/* ac_source_position(src, offset).in_main, without indexing lines. */
bool ac_source_in_main(const struct ac_source *src, uint32_t offset);
/* For preprocessor output: the offset in src->orig of the token at
 * [start, end), found on its original line; false if it came from a macro. */
bool ac_source_map_to_orig(struct ac_source *src, uint32_t start,
			   uint32_t end, uint32_t *orig_offset);
/* How a token of a macro's expansion came to a line of the main file, as
 * GCC's notes tell it: from the spelling at `def` in the #define of the
 * innermost macro (UINT32_MAX if not found in the main file), through the
 * names in `via` (innermost first: each in the #define of the next), to
 * the outermost macro's name on the line, at [use, use_end).  Offsets in
 * src->orig.  A name pasted together (`V_ ## n`) is at its first operand,
 * and spelled in full in `pasted_name`. */
enum { AC_MACRO_DEPTH = 16, AC_MACRO_NAME_MAX = 64 };
struct ac_macro_trace {
	uint32_t use, use_end;
	uint32_t def;
	bool pasted;          /* the outermost #define pastes tokens (##) */
	unsigned nvia;
	struct ac_macro_name {
		uint32_t start, end;
		char pasted_name[AC_MACRO_NAME_MAX]; /* "" if spelled at start */
	} via[AC_MACRO_DEPTH];
};

/* For a token of the main file in preprocessor output that
 * ac_source_map_to_orig cannot place (it came from a macro's expansion):
 * the macros it went through.  False if the position is not in the main
 * file. */
bool ac_source_macro_use(struct ac_source *src, uint32_t start, uint32_t end,
			 struct ac_macro_trace *tr);
/* Did the token at `o` of src->orig, where ac_source_map_to_orig put the
 * token at [start, end), come from a macro's definition instead (it lies
 * in the use of a macro whose body spells it, or pastes tokens)?  Then
 * *tr says whence. */
bool ac_source_in_macro_body(struct ac_source *src, uint32_t start, uint32_t end,
			     uint32_t o, struct ac_macro_trace *tr);
/* The offset where physical line `line` (1-based) starts, or len. */
uint32_t ac_source_line_offset(struct ac_source *src, uint32_t line);
/* After the word `__attribute__` ending at `at` of `t`: the offset just
 * past its parenthesized operands (at most `end`). */
uint32_t ac_text_skip_attribute(const char *t, uint32_t at, uint32_t end);
/* Where the C2x attribute specifier `[[ ... ]]` at `at` ends. */
uint32_t ac_text_skip_brackets(const char *t, uint32_t at, uint32_t end);
/* The attribute specifiers of [from, to) (`__attribute__((...))`,
 * `[[...]]`) that the function creating an async function's task takes,
 * each followed by a space, appended to `out` on one line (without line
 * markers): not those that describe the call of its body (`noreturn`,
 * `always_inline`, `pure`, ...).  A use of one of `macros` (its text's
 * macros that expand to attributes) is copied as written, or as its
 * expansion without those.  Their length. */
struct ac_strbuf;
/* A macro in an async declaration's head that expands to attributes
 * (`WUR`, `__nonnull((1))`): its use [start, end) in the original text,
 * and its expansion (from the preprocessor's output). */
struct ac_macro_attr {
	uint32_t start, end;
	const char *expansion;
};
size_t ac_text_attributes(const char *t, uint32_t from, uint32_t to, struct ac_strbuf *out,
			  const struct ac_macro_attr *macros, size_t nmacros);
/* The use `m` of such a macro of `t`, as ac_text_attributes writes it
 * (`written`), and as the attributes of its expansion (`expanded`), each
 * item followed by a space: the second is valid where the macro is not. */
void ac_text_macro_attribute(const char *t, const struct ac_macro_attr *m,
			     struct ac_strbuf *written, struct ac_strbuf *expanded);

/* Where the `#define NAME` in force at `at` of `o` is (an offset in it, one
 * for each #define), or UINT32_MAX where NAME is no macro of `o`. */
uint32_t ac_source_define_at(const struct ac_source *o, const char *name, size_t n,
			     uint32_t at);

/* Can `c` be part of an identifier (GNU C allows '$')?  The one predicate
 * every pass that reads source text uses. */
static inline bool ac_is_ident_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '$' ||
	       (unsigned char)c >= 0x80; /* UTF-8 letters (see below) */
}

static inline bool ac_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* The bracket `[`, `]`, `{` or `}` at `p`, also when spelt by its digraph
 * `<:`, `:>`, `<%` or `%>`; else 0.  p[1] must be readable (a string, or
 * a source's text, which ends with two NULs).  No bracket begins at a
 * digraph's second byte in valid C (`<:>` is no C), so a scan byte by byte
 * may read them without stepping over it. */
static inline char ac_bracket(const char *p)
{
	switch (p[0]) {
	case '[': case ']': case '{': case '}':
		return p[0];
	case '<':
		return p[1] == ':' ? '[' : p[1] == '%' ? '{' : 0;
	case ':':
		return p[1] == '>' ? ']' : 0;
	case '%':
		return p[1] == '>' ? '}' : 0;
	default:
		return 0;
	}
}

/* The length of the bracket at `p`: 2 for a digraph, else 1. */
static inline int ac_bracket_len(const char *p)
{
	return ac_bracket(p) && ac_bracket(p) != p[0] ? 2 : 1;
}

/* The first bracket `b` in the string `s` (`strchr`, reading digraphs
 * too), or NULL. */
static inline const char *ac_find_bracket(const char *s, char b)
{
	for (; *s; s++)
		if (ac_bracket(s) == b)
			return s;
	return NULL;
}

/* Does a `#` begin at `p`, or its digraph `%:`? */
static inline bool ac_is_hash(const char *p)
{
	return p[0] == '#' || (p[0] == '%' && p[1] == ':');
}

/* C text read word by word, outside comments and literals: each word comes
 * with what the tokens right before it say of it.  Start with
 * `{ .t = text, .at = start, .end = end }`. */
struct ac_words {
	const char *t;
	uint32_t at, end;
	bool member;    /* the word follows `.` or `->`: a member name */
	bool addr;      /* ... a unary `&` and then only `(` */
	int open;       /* ... that many `(` that group (no call's) */
	bool spliced;   /* a backslash was met outside literals (a line splice
			   or a universal character name may hide a word) */
	bool operand;   /* the last token ends an operand: a `&` is binary */
	uint32_t last, last_len; /* the word returned before */
};

/* The next word: its offset in *w and its length in *n; false at the end. */
bool ac_words_next(struct ac_words *s, uint32_t *w, uint32_t *n);

/* Where the text's first `#line` directive (or `# 12`) starts, from
 * [at, end); `end` when there is none. */
uint32_t ac_line_directive(const char *t, uint32_t at, uint32_t end);
/* Do the first two words of the pragma text [w, end) (after `#pragma`, or
 * inside `_Pragma("`) match one of `names` (a NULL second word matches
 * any)?  And is it one that annotates the loop after it (`GCC unroll N`,
 * `GCC ivdep`, `GCC novector`, `clang loop ...`, `unroll`, `nounroll`)? */
bool ac_pragma_is(const char *w, const char *end, const char *const (*names)[2], size_t n);
bool ac_is_loop_pragma(const char *w, const char *end);

/* How many times [at, end) spells `word` as a word outside comments and
 * literals that is not a member name (after `.` or `->`); -1 if the text
 * could hide a word (a line splice or a universal character name). */
int ac_words_count(const char *t, uint32_t at, uint32_t end, const char *word);

/* May the character `cp` (a code point above ASCII) be part of an
 * identifier, as C11's annex D says (D.1), and begin one (D.2)? */
bool ac_ucs_in_identifier(uint32_t cp);
bool ac_ucs_starts_identifier(uint32_t cp);

/* Is [s, s + n) the word `w`? */
static inline bool ac_word_is(const char *s, size_t n, const char *w)
{
	size_t i = 0;
	for (; i < n && w[i] && s[i] == w[i]; i++)
		;
	return i == n && !w[i];
}

/* Whether a string, a character constant or a comment starts at t[i]
 * (what ac_text_skip_lexeme skips). */
static inline bool ac_text_lexeme_at(const char *t, uint32_t i, uint32_t end)
{
	return t[i] == '"' || t[i] == '\'' ||
	       (t[i] == '/' && i + 1 < end && (t[i + 1] == '*' || t[i + 1] == '/'));
}
/* Just after the comment or the string or character literal that starts
 * at `i` of `t`. */
uint32_t ac_text_skip_lexeme(const char *t, uint32_t i, uint32_t end);

/* Just past the line splice (a backslash, blanks a compiler allows, then
 * a newline) at `i` of [i, end), or 0 when there is none. */
uint32_t ac_text_splice_at(const char *t, uint32_t i, uint32_t end);

/* Where the line at `i` of [i, end) ends, its line splices followed (a
 * directive's last line): its '\n', or `end`. */
uint32_t ac_text_line_end(const char *t, uint32_t i, uint32_t end);

/* Drops the line splices (a backslash, blanks a compiler allows, then a
 * newline) from the string `s`, in place; its new length. */
size_t ac_text_unsplice(char *s);

/* Does the line at `at` not count (a directive, a line of an `#if` group
 * not taken)? */
typedef bool ac_line_skipped_fn(const void *ctx, uint32_t at, uint32_t end);

/* The elements of the braced list at or after `at` of `t` (`{ a, b, }`:
 * 2), or -1 when a designator makes the count unclear; `*string` tells a
 * lone string literal.  Comments, literals and skipped lines are not
 * elements.  *unbraced (if not NULL) tells how its elements begin: 0 all
 * with `{`, 1 some with a string literal, 2 some otherwise (where the
 * elements are aggregates, their braces are elided: the count is not the
 * array's size). */
long ac_text_list_elements(const char *t, uint32_t at, uint32_t end,
			   ac_line_skipped_fn *skipped, const void *ctx, bool *string,
			   int *unbraced);

/* The `{` of the next braced list in [at, end) that sizes an array: after
 * `[]` (more `[N]` may follow) and `=` (`int a[] = {`) or `)` (a compound
 * literal, `(int[]){`); `end` when there is none. */
uint32_t ac_text_next_sizing_list(const char *t, uint32_t at, uint32_t end,
				  ac_line_skipped_fn *skipped, const void *ctx);

/* A line inside a block comment that opens with `#` (the preprocessor's
 * output with comments kept, -C): the `#` becomes a blank, so that no
 * reader of that output takes the line for a line marker or a directive. */
void ac_text_blank_comment_hashes(char *t, size_t n);

/* The bytes the translation writes as markers into its output (emitter.h:
 * \001, \002) that the input holds raw (in a literal or a comment): each is
 * replaced by a byte the input does not use, and back in the output.  When
 * the input uses every byte value, each is written as two bytes instead: an
 * escape byte and a UTF-8 continuation byte, which GCC's columns do not
 * count, so that the columns of what follows stay the file's. */
struct ac_standins {
	int n;
	char raw[2], stand[2];
	char escape;  /* the escape byte, or 0 (stand-ins) */
};
/* Picks stand-ins for the marker bytes `t` holds, or an escape byte. */
void ac_text_pick_standins(const char *t, size_t n, struct ac_standins *s);
/* Replaces the raw marker bytes of `src`'s text by their stand-ins, or
 * escapes them (then the text is longer, and copied). */
void ac_source_hide_markers(struct ac_source *src, const struct ac_standins *s);
/* The reverse, in place, on the output: its new length. */
size_t ac_text_restore_markers(char *t, size_t n, const struct ac_standins *s);
/* The byte of the input that the text at `t` (before `end`) stands for, in
 * *c; returns the bytes it takes there (1, or 2 for an escape). */
size_t ac_text_restored_byte(const struct ac_standins *s, const char *t,
			     const char *end, char *c);

/* The physical line containing `offset`: start offset and length. */
void ac_source_line_span(struct ac_source *src, uint32_t offset,
			 uint32_t *start, uint32_t *len);

#endif
