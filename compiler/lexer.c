/* lexer.c - what the parser sees of the scanner's tokens. */
#include "parse.h"
#include "parser.h"
#include "scanner.h"
#include "lexer.h"

#include <assert.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

/* A token read ahead, and what reading it did to the parse's flags (set
 * again when it is handed out, as if it were read then). */
struct ac_queued_token {
	int tok;
	YYSTYPE val;
	struct ac_loc loc;
	bool stop, had_fatal, wants_cpp;
};

static __attribute__((noinline)) int unqueue(struct ac_parser *P, YYSTYPE *val, struct ac_loc *loc)
{
	struct ac_queued_token *q = &P->queue[P->qhead++];
	if (P->qhead == P->nqueue) {
		P->qhead = P->nqueue = 0;
		P->queued = false;
	}
	*val = q->val;
	*loc = q->loc;
	P->stop |= q->stop;
	P->had_fatal |= q->had_fatal;
	P->wants_cpp |= q->wants_cpp;
	return q->tok;
}

static inline __attribute__((always_inline)) int scan(struct ac_parser *P,
							YYSTYPE *val,
							struct ac_loc *loc)
{
	if (P->have_peek) {
		P->have_peek = false;
		*val = *P->peek_val;
		*loc = P->peek_loc;
		return P->peek_token;
	}
	if (__builtin_expect(P->queued, 0))
		return unqueue(P, val, loc);
	return ac_scan_lex(val, loc, P->scanner);
}

static void unscan(struct ac_parser *P, int tok, YYSTYPE *val,
		   struct ac_loc loc)
{
	assert(!P->have_peek);
	P->have_peek = true;
	P->peek_token = tok;
	*P->peek_val = *val;
	P->peek_loc = loc;
}

/* `( ... )` (or `[ ... ]`) with nested brackets, folded into `loc`.
 * Returns false at the end of input. */
static bool skip_group(struct ac_parser *P, struct ac_loc *loc, int open,
		       int close)
{
	YYSTYPE v;
	struct ac_loc l;
	int depth = 1; /* the opener at *loc is already read */
	for (;;) {
		int t = scan(P, &v, &l);
		if (t == YYEOF) {
			ac_parser_error_at(P, loc->start, loc->end,
					   "expected '%c' to close '%c' of this "
					   "%s", close, open, open == '(' ?
					   "operand list" : "attribute list");
			return false;
		}
		loc->end = l.end;
		if (t == open)
			depth++;
		else if (t == close && --depth == 0)
			return true;
	}
}

static bool skip_parens(struct ac_parser *P, struct ac_loc *loc)
{
	return skip_group(P, loc, '(', ')');
}

/* Might the token after the one ending at `end` be `c`?  The next byte
 * that is not a blank says it, unless a comment, a directive or a
 * backslash-newline comes first: then the scanner is asked. */
static bool next_may_be(struct ac_parser *P, uint32_t end, char c)
{
	const char *t = P->src->text + end;
	while (*t == ' ' || *t == '\t' || *t == '\n' || *t == '\r')
		t++;
	return *t == c || *t == '/' || *t == '#' || *t == '\\' ||
	       (c == '[' && *t == '<') || (c == '}' && *t == '%');
}

/* What fold_brackets returns for C2x attributes that begin a statement. */
enum { STATEMENT_ATTRIBUTES = -1 };

static bool ends_statement_start(int tok);

/* The tokens that may follow attributes at the start of a declaration. */
static bool starts_declaration(int t)
{
	switch (t) {
	case INT: case CHAR: case SHORT: case LONG: case FLOAT: case DOUBLE:
	case VOID: case SIGNED: case UNSIGNED: case BOOL: case TYPEDEF_NAME:
	case INT128: case FLOATN: case COMPLEX: case IMAGINARY: case VA_LIST:
	case STRUCT: case UNION: case ENUM: case TYPEOF: case AUTO_TYPE:
	case TYPEDEF: case EXTERN: case STATIC: case THREAD_LOCAL: case AUTO:
	case REGISTER: case INLINE: case NORETURN: case ASYNC: case CONST:
	case VOLATILE: case RESTRICT: case ATOMIC: case ALIGNAS:
	case ATTRIBUTE: case EXTENSION: case STATIC_ASSERT:
		return true;
	default:
		return false;
	}
}

/* C2x attributes, `[[gnu::unused]]`, reach the parser as one STD_ATTRIBUTE
 * token, as `__attribute__((unused))` reaches it as one ATTRIBUTE: no
 * expression begins with '[', so `[ [` always opens them.  Before a
 * statement (`[[gnu::hot]] x++;`, `if (x) [[gnu::cold]] return;`) they are
 * the statement's, which GCC reads as if they were not there: they do not
 * reach the parser at all (STATEMENT_ATTRIBUTES), and stay in the text
 * (GCC ignores them on such statements, with a warning). */
static int fold_brackets(struct ac_parser *P, YYSTYPE *val, struct ac_loc *loc)
{
	YYSTYPE v;
	struct ac_loc l;
	if (!next_may_be(P, loc->end, '['))
		return '[';
	int next = scan(P, &v, &l);
	if (next != '[') {
		unscan(P, next, &v, l);
		return '[';
	}
	struct ac_loc inner = l;
	if (!skip_group(P, &inner, '[', ']'))
		return YYEOF;
	int t = scan(P, &v, &l);
	if (t != ']') {
		ac_parser_error_at(P, l.start, l.end,
				   "expected ']' before %s", t == YYEOF ?
				   "end of input" : "this token");
		unscan(P, t, &v, l);
		loc->end = inner.end;
		return STD_ATTRIBUTE;
	}
	loc->end = l.end;
	(void)val;
	ac_build_attribute(P, *loc);
	if (!ends_statement_start(P->last_token))
		return STD_ATTRIBUTE;
	t = scan(P, &v, &l);
	unscan(P, t, &v, l);
	/* (before a ';' too: `[[fallthrough]];` stays one item, which code
	 * put before a statement cannot split) */
	return starts_declaration(t) || t == ';' ? STD_ATTRIBUTE : STATEMENT_ATTRIBUTES;
}

/* A ':' just before a '}': a label at the end of a block, which the
 * parser is told by a LABEL_END token between the two. */
static void label_at_end(struct ac_parser *P, uint32_t end)
{
	YYSTYPE v;
	struct ac_loc l;
	if (!next_may_be(P, end, '}'))
		return;
	int next = scan(P, &v, &l);
	unscan(P, next, &v, l);
	if (next == '}') {
		P->label_end = true;
		P->label_end_loc = (struct ac_loc){ l.start, l.end };
	}
}

/* __attribute__((...)), asm [volatile|inline|goto] (...) and _Pragma("...")
 * reach the parser as one token (or none, for _Pragma). */
static int fold(struct ac_parser *P, int tok, YYSTYPE *val,
		struct ac_loc *loc)
{
	YYSTYPE v;
	struct ac_loc l;
	bool scanned = !P->have_peek && !P->queued; /* by the scanner, now */
	int next = scan(P, &v, &l);
	if (tok == ASM)
		while (next == VOLATILE || next == INLINE || next == GOTO) {
			loc->end = l.end;
			scanned = !P->have_peek && !P->queued;
			next = scan(P, &v, &l);
		}
	if (next != '(') {
		unscan(P, next, &v, l);
		return tok;
	}
	/* The operands' words need not be read one by one (and interned),
	 * unless a name the compiler predefines may be among them. */
	struct ac_loc open = l;
	uint32_t end = scanned && !P->probe ? ac_scan_skip_parens(P->scanner) : 0;
	if (end)
		open.end = end;
	else if (!skip_parens(P, &open))
		return YYEOF;
	loc->end = open.end;
	(void)val;
	if (tok == ATTRIBUTE)
		ac_build_attribute(P, *loc);
	return tok;
}

/* GNU attributes after a label's ':' (`out: __attribute__((unused))`)
 * are the label's, and GCC reads the statement or declaration after
 * them as if they were not there; they go into the ':' token here.  A
 * label is an identifier and ':' where a statement may begin: after ';',
 * a brace, another label, `)` (the body of an if or a loop), `else`,
 * `do` or GNU attributes (a body of their own); `case X:` and `c ? x :`
 * are not labels. */
static bool ends_statement_start(int tok)
{
	return tok == ';' || tok == '{' || tok == '}' || tok == ':' ||
	       tok == ')' || tok == ELSE || tok == DO || tok == ATTRIBUTE ||
	       tok == LABEL_END;
}

static void fold_label_attributes(struct ac_parser *P, struct ac_loc *loc)
{
	YYSTYPE v;
	struct ac_loc l;
	while (next_may_be(P, loc->end, '_')) {
		int next = scan(P, &v, &l);
		if (next != ATTRIBUTE) {
			unscan(P, next, &v, l);
			return;
		}
		if (fold(P, next, &v, &l) == YYEOF)
			return;
		loc->end = l.end;
	}
}

/* Could a '(' after token `prev` open a parenthesized declarator?  Not
 * after a name, ')' or ']': that one opens a function's parameters (or
 * a call's arguments). */
static bool may_open_declarator(int prev)
{
	return prev != IDENTIFIER && prev != ')' && prev != ']';
}

/* The next token, read ahead into the queue (not handed out yet), with
 * what reading it did to the parse's flags; true if it did nothing. */
static bool read_ahead(struct ac_parser *P)
{
	if (P->nqueue == P->capqueue) {
		P->capqueue = P->capqueue ? 2 * P->capqueue : 16;
		P->queue = ac_xrealloc(P->queue, P->capqueue * sizeof *P->queue);
	}
	struct ac_queued_token *t = &P->queue[P->nqueue++];
	if (P->have_peek) { /* (left by fold, after attributes without operands) */
		P->have_peek = false;
		t->tok = P->peek_token;
		t->val = *P->peek_val;
		t->loc = P->peek_loc;
	} else {
		t->tok = scan(P, &t->val, &t->loc);
	}
	if (t->tok == ATTRIBUTE)
		t->tok = fold(P, ATTRIBUTE, &t->val, &t->loc);
	t->stop = P->stop;
	t->had_fatal = P->had_fatal;
	t->wants_cpp = P->wants_cpp;
	P->stop = P->had_fatal = P->wants_cpp = false;
	return !(t->stop | t->had_fatal | t->wants_cpp);
}

/* GNU attributes right after the '(' of a parenthesized declarator,
 * `int (__attribute__((unused)) q);`, `char (__attribute__((aligned(8)))
 * buf)[4];`, are the declarator's; GCC takes them so when the token after
 * them cannot begin declaration specifiers (else the '(' opens a
 * parameter list and they are its first parameter's).  Such attributes
 * do not reach the parser (they stay in the text), which then has the
 * plain `( declarator )`: a name, '*' or '(' after them folds them here;
 * after anything else they are handed out as read (queued). */
static void fold_paren_attributes(struct ac_parser *P, struct ac_loc *loc)
{
	if (P->queued || P->have_peek || !may_open_declarator(P->last_token) ||
	    !next_may_be(P, loc->end, '_'))
		return;
	P->nqueue = P->qhead = 0;
	bool plain;
	do
		plain = read_ahead(P);
	while (plain && P->queue[P->nqueue - 1].tok == ATTRIBUTE);
	while (P->have_peek) /* (the last attributes read stopped the parse) */
		read_ahead(P);
	struct ac_queued_token *last = &P->queue[P->nqueue - 1];
	if (plain && P->nqueue > 1 &&
	    (last->tok == IDENTIFIER || last->tok == '*' || last->tok == '(')) {
		unscan(P, last->tok, &last->val, last->loc);
		P->nqueue = 0;
		return;
	}
	P->queued = true;
}

static void push_bracket(struct ac_parser *P, char c, uint32_t offset)
{
	if (P->nbrackets == P->capbrackets) {
		P->capbrackets = P->capbrackets ? 2 * P->capbrackets : 64;
		P->brackets = realloc(P->brackets,
				      P->capbrackets * sizeof *P->brackets);
		if (!P->brackets)
			abort();
	}
	/* (called before the '{' is the last token: that is the one before) */
	bool init = c == '{' && (P->nbrackets ? P->brackets[P->nbrackets - 1].init :
				 P->last_token == '=' && !P->func &&
				 P->mode == AC_PARSE_UNIT);
	P->brackets[P->nbrackets++] = (struct ac_bracket){ offset, c, NULL, init };
	if (init)
		P->items_next = true;
}

/* A closer pops its own opener, and any '(' or '[' left open inside a '{'
 * it closes: after a syntax error the brackets need not balance.  A closer
 * with no opener of its kind (above the innermost '{', for ')' and ']') is
 * ignored. */
static void pop_bracket(struct ac_parser *P, char open)
{
	for (size_t i = P->nbrackets; i-- > 0;) {
		if (P->brackets[i].open == open) {
			P->nbrackets = i;
			return;
		}
		if (P->brackets[i].open == '{')
			return;
	}
}

static void track_brackets(struct ac_parser *P, int tok, struct ac_loc loc)
{
	switch (tok) {
	case '(': push_bracket(P, '(', loc.start); break;
	case '[': push_bracket(P, '[', loc.start); break;
	case '{': push_bracket(P, '{', loc.start); break;
	case ')': pop_bracket(P, '('); break;
	case ']': pop_bracket(P, '['); break;
	case '}': pop_bracket(P, '{'); break;
	default:
		break;
	}
}

static bool is_bracket(int tok)
{
	return tok == '(' || tok == ')' || tok == '[' || tok == ']' ||
	       tok == '{' || tok == '}';
}

static size_t brace_depth(struct ac_parser *P)
{
	size_t n = 0;
	for (size_t i = 0; i < P->nbrackets; i++)
		n += P->brackets[i].open == '{';
	return n;
}

/* After a syntax error: drop tokens up to the end of the current top-level
 * declaration (a ';' or '}' at brace depth 0), then tell the parser. */
static int resync(struct ac_parser *P, YYSTYPE *val, struct ac_loc *loc)
{
	bool at_boundary = brace_depth(P) == 0 &&
			   (P->last_token == ';' || P->last_token == '}');
	while (!at_boundary) {
		int t = scan(P, val, loc);
		if (t == YYEOF)
			return YYEOF;
		if (t == ATTRIBUTE || t == ASM)
			t = fold(P, t, val, loc);
		track_brackets(P, t, *loc);
		P->last_token = t;
		at_boundary = (t == ';' || t == '}') && brace_depth(P) == 0;
	}
	P->resync = false;
	P->nbrackets = 0;
	return RESYNC;
}

/* The first token of the line of `t` that starts at `ls`, blanks and
 * comments aside, looked for up to `last` (a word whole). */
static struct ac_loc first_token_of_line(const char *t, size_t len, uint32_t ls,
					 uint32_t last)
{
	uint32_t i = ls;
	for (;;) {
		while (i < last && (t[i] == ' ' || t[i] == '\t' || t[i] == '\f' ||
				    t[i] == '\v' || t[i] == '\r'))
			i++;
		if (i + 1 < last && t[i] == '/' && t[i + 1] == '*') {
			const char *c = strstr(t + i + 2, "*/");
			if (!c || (uint32_t)(c - t) >= last)
				break;
			i = (uint32_t)(c - t) + 2;
			continue;
		}
		break;
	}
	if (i > last)
		i = last;
	uint32_t e = i;
	while (e < len && (t[e] == '_' || (t[e] >= 'a' && t[e] <= 'z') ||
			   (t[e] >= 'A' && t[e] <= 'Z') || (t[e] >= '0' && t[e] <= '9')))
		e++;
	return (struct ac_loc){ i, e > i ? e : i + 1 };
}

/* Where "at end of input" is reported: as GCC does, at the first token of
 * the line holding the last token. */
static struct ac_loc eof_loc(struct ac_parser *P)
{
	uint32_t last = P->last_loc.start, ls;
	if (P->last_token == 0 || last >= P->src->len)
		return (struct ac_loc){ (uint32_t)P->src->len, (uint32_t)P->src->len };
	const char *t = P->src->text;
	for (ls = last; ls > 0 && t[ls - 1] != '\n'; ls--)
		; /* the start of its line (no line index needed) */
	return first_token_of_line(t, P->src->len, ls, last);
}

/* For preprocessor output whose line at `at` (that of eof_loc) is a line
 * of the main file: the first token of that line in the original file (a
 * macro's expansion may have put another first on the output's line).
 * False otherwise. */
static bool eof_loc_in_orig(struct ac_parser *P, uint32_t at, struct ac_loc *loc)
{
	struct ac_source *o = P->src->orig;
	if (!o || at >= P->src->len)
		return false;
	struct ac_position pos = ac_source_position(P->src, at);
	uint32_t ls = ac_source_line_offset(o, pos.line);
	if (!pos.in_main || ls >= o->len)
		return false;
	uint32_t le = ls;
	while (le < o->len && o->text[le] != '\n')
		le++;
	*loc = first_token_of_line(o->text, o->len, ls, le);
	return true;
}

/* The tokens that need more than passing on: folded GNU operand lists, and
 * the end of input. */
static int special_token(struct ac_parser *P, int tok, YYSTYPE *val,
			 struct ac_loc *loc)
{
	while (tok == ATTRIBUTE || tok == ASM || tok == PRAGMA_OP) {
		tok = fold(P, tok, val, loc);
		if (tok != PRAGMA_OP)
			break;
		tok = scan(P, val, loc);
	}
	if (tok == YYEOF)
		*loc = eof_loc(P);
	return tok;
}

/* What a token needs besides passing on (one look-up for most tokens,
 * which need nothing). */
enum { TK_FOLD = 1, TK_BRACKET_OPEN, TK_COLON, TK_COMMA, TK_BRACKET,
       TK_PAREN_OPEN };
static const unsigned char token_care[LABEL_END + 1] = { /* the last token */
	[YYEOF] = TK_FOLD, [ATTRIBUTE] = TK_FOLD, [ASM] = TK_FOLD,
	[PRAGMA_OP] = TK_FOLD, ['['] = TK_BRACKET_OPEN, [':'] = TK_COLON,
	['('] = TK_PAREN_OPEN, [')'] = TK_BRACKET, [']'] = TK_BRACKET,
	['{'] = TK_BRACKET, ['}'] = TK_BRACKET, [','] = TK_COMMA,
};

/* A token that needs more than passing on or bracket tracking: kept out
 * of ac_lexer_next, which then needs few registers to save. */
static __attribute__((noinline)) int special_care(struct ac_parser *P, int care,
						  int tok, YYSTYPE *val,
						  struct ac_loc *loc)
{
	switch (care) {
	case TK_FOLD:
		tok = special_token(P, tok, val, loc);
		if (is_bracket(tok))
			track_brackets(P, tok, *loc);
		break;
	case TK_BRACKET_OPEN:
		tok = fold_brackets(P, val, loc);
		if (tok == '[')
			track_brackets(P, tok, *loc);
		if (tok != STATEMENT_ATTRIBUTES)
			break;
		tok = scan(P, val, loc);
		care = token_care[tok];
		if (care == TK_BRACKET)
			track_brackets(P, tok, *loc);
		else if (care)
			tok = special_care(P, care, tok, val, loc);
		break;
	case TK_COLON:
		if (P->last_token == IDENTIFIER && ends_statement_start(P->prev_token))
			fold_label_attributes(P, loc);
		label_at_end(P, loc->end);
		break;
	case TK_PAREN_OPEN:
		track_brackets(P, tok, *loc);
		fold_paren_attributes(P, loc);
		break;
	case TK_COMMA:
		P->items_next = P->nbrackets && P->brackets[P->nbrackets - 1].init;
		break;
	}
	return tok;
}

static void note_token(struct ac_parser *P, int tok, struct ac_loc loc)
{
	P->prev2_token = P->prev_token;
	P->prev_token = P->last_token;
	P->prev_loc = P->last_loc;
	P->last_token = tok;
	P->last_loc = loc;
}

/*
 * Initializers at file scope, `= { ... }`, are most of some files (tables:
 * tree-sitter's parser.c is 4.6 MB of them), and the parser builds nothing
 * for them.  When the parser has taken a '{' or ',' of such an initializer
 * (or of a list directly in one), the items that follow are read here, and
 * those of the plainest kind (designators and expressions of constants,
 * strings, names that are not types, unary and binary operators and
 * parentheses) are stepped over: the parser then gets the list's '}', and
 * reaches the state the whole list would have led it to.  An item with a
 * braced list is handed to the parser up to its '{'; at anything else (a
 * cast, a call, sizeof, a keyword, an error, a token whose reading stopped
 * the parse) the tokens read of the item, and of the one stepped over just
 * before it, are queued and handed to the parser as if nothing had been
 * read ahead: the parser meets each token in the state it would have, and
 * the tokens read ahead are plain ones, whose reading does not depend on
 * what the parser does with those before them (nothing is declared in an
 * initializer's plain items).
 */
enum { QI_MAX = 96 }; /* tokens of an item and the one before it */
enum { QI_BAIL, QI_COMMA, QI_CLOSE, QI_NESTED };

struct quick_items {
	struct ac_parser *P;
	size_t n;
	struct ac_queued_token buf[QI_MAX];
};

/* The next token, kept; -1 if there is no room, or if reading it stopped
 * the parse (what it set is kept with it, for when it is handed out). */
static int qi_read(struct quick_items *q)
{
	struct ac_parser *P = q->P;
	if (q->n == QI_MAX)
		return -1;
	struct ac_queued_token *t = &q->buf[q->n++];
	t->tok = scan(P, &t->val, &t->loc);
	t->stop = P->stop;
	t->had_fatal = P->had_fatal;
	t->wants_cpp = P->wants_cpp;
	if (!(t->stop | t->had_fatal | t->wants_cpp))
		return t->tok;
	P->stop = P->had_fatal = P->wants_cpp = false; /* (all were, to get here) */
	return -1;
}

static bool qi_binary(int t)
{
	switch (t) {
	case '*': case '/': case '%': case '+': case '-': case LEFT_OP:
	case RIGHT_OP: case '<': case '>': case LE_OP: case GE_OP: case EQ_OP:
	case NE_OP: case '&': case '^': case '|': case AND_OP: case OR_OP:
		return true;
	default:
		return false;
	}
}

/* A plain expression from its first token `t`; returns the token after it,
 * or -1. */
static int qi_expr(struct quick_items *q, int t)
{
	unsigned depth = 0;
	for (;;) {
		while (t == '-' || t == '+' || t == '~' || t == '!' || t == '&' ||
		       t == '*' || t == '(') {
			depth += t == '(';
			t = qi_read(q);
		}
		if (t == STRING_LITERAL) {
			do
				t = qi_read(q);
			while (t == STRING_LITERAL);
		} else if (t == CONSTANT || t == IDENTIFIER) {
			t = qi_read(q);
		} else {
			return -1;
		}
		while (t == ')' && depth > 0) {
			depth--;
			t = qi_read(q);
		}
		if (!qi_binary(t))
			return depth ? -1 : t;
		t = qi_read(q);
	}
}

/* A plain item from its first token `t`: designators, '=' and an
 * expression, up to the ',' or '}' after it; or the item's start up to the
 * '{' of a list. */
static int qi_item(struct quick_items *q, int t)
{
	if (t == '[' || t == '.') {
		do {
			if (t == '[') {
				if (qi_expr(q, qi_read(q)) != ']')
					return QI_BAIL;
			} else {
				t = qi_read(q);
				if (t != IDENTIFIER && t != TYPEDEF_NAME)
					return QI_BAIL;
			}
			t = qi_read(q);
		} while (t == '[' || t == '.');
		if (t != '=')
			return QI_BAIL;
		t = qi_read(q);
	}
	if (t == '{')
		return QI_NESTED;
	t = qi_expr(q, t);
	return t == ',' ? QI_COMMA : t == '}' ? QI_CLOSE : QI_BAIL;
}

static bool qi_item_start(int t)
{
	switch (t) {
	case '[': case '.': case '{': case '(': case '-': case '+': case '~':
	case '!': case '&': case '*': case CONSTANT: case IDENTIFIER:
	case STRING_LITERAL:
		return true;
	default:
		return false;
	}
}

/* The first `k` tokens read are stepped over: the last ones are noted as
 * if the parser had had them (messages name them), the rest move up. */
static void qi_drop(struct quick_items *q, size_t k)
{
	for (size_t i = k > 3 ? k - 3 : 0; i < k; i++)
		note_token(q->P, q->buf[i].tok, q->buf[i].loc);
	memmove(q->buf, q->buf + k, (q->n - k) * sizeof *q->buf);
	q->n -= k;
}

/* All the tokens read, for the parser to have next. */
static void qi_queue(struct quick_items *q)
{
	struct ac_parser *P = q->P;
	if (q->n > P->capqueue) {
		P->capqueue = QI_MAX;
		P->queue = ac_xrealloc(P->queue, P->capqueue * sizeof *P->queue);
	}
	memcpy(P->queue, q->buf, q->n * sizeof *q->buf);
	P->nqueue = q->n;
	P->qhead = 0;
	P->queued = true;
}

/* The items after the '{' or ',' the parser last had, stepped over: true
 * with the list's '}' in *val and *loc, or false with the tokens to hand
 * out queued. */
static bool quick_items(struct ac_parser *P, YYSTYPE *val, struct ac_loc *loc)
{
	struct quick_items q;
	q.P = P;
	q.n = 0;
	size_t held = 0; /* the item stepped over last, with its ',' */
	for (;;) {
		int t = qi_read(&q), r = QI_BAIL;
		if (t == '}' || qi_item_start(t)) {
			qi_drop(&q, held);
			held = 0;
			r = t == '}' ? QI_CLOSE : qi_item(&q, t);
		}
		if (r == QI_COMMA) {
			held = q.n;
			continue;
		}
		if (r == QI_CLOSE) {
			qi_drop(&q, q.n - 1);
			*val = q.buf[0].val;
			*loc = q.buf[0].loc;
			return true;
		}
		qi_queue(&q);
		return false;
	}
}

static bool in_initializer(struct ac_parser *P)
{
	return (P->last_token == '{' || P->last_token == ',') && P->nbrackets &&
	       P->brackets[P->nbrackets - 1].init && !P->queued && !P->have_peek;
}

/* What the parser gets of a token the scanner (or the queue) gave. */
static inline __attribute__((always_inline)) int pass_token(struct ac_parser *P,
							    int tok, YYSTYPE *val,
							    struct ac_loc *loc)
{
	int care = token_care[tok];
	if (care == TK_BRACKET)
		track_brackets(P, tok, *loc);
	else if (care)
		tok = special_care(P, care, tok, val, loc);
	note_token(P, tok, *loc);
	return tok;
}

/* The start of a function's second look, the end after an error, the
 * resynchronization after a syntax error, tokens queued, and the items of
 * an initializer. */
static __attribute__((noinline)) int unusual_state(struct ac_parser *P, YYSTYPE *val,
						   struct ac_loc *loc)
{
	if (P->mode == AC_PARSE_FUNCTION && !P->started) {
		P->started = true;
		loc->start = loc->end = P->start_offset;
		return START_FUNCTION;
	}
	if (P->label_end && !(P->stop || P->had_fatal || P->resync)) {
		P->label_end = false;
		*loc = P->label_end_loc;
		note_token(P, LABEL_END, *loc);
		return LABEL_END;
	}
	if (P->stop || P->had_fatal)
		return YYEOF;
	if (P->resync)
		return resync(P, val, loc);
	bool items = P->items_next;
	P->items_next = false;
	if (items && in_initializer(P) && quick_items(P, val, loc))
		return pass_token(P, '}', val, loc);
	return pass_token(P, scan(P, val, loc), val, loc);
}

int ac_lexer_next(struct ac_parser *P, YYSTYPE *val, struct ac_loc *loc)
{
	if (P->stop | P->had_fatal | P->resync | !P->started | P->label_end |
	    P->queued | P->items_next)
		return unusual_state(P, val, loc);
	return pass_token(P, scan(P, val, loc), val, loc);
}

/* A token's name as bison spells it ("identifier", "';'", "return", "->"),
 * in GCC's words: names of token classes bare, every other token quoted. */
static const char *token_words(char *buf, size_t size, const char *name)
{
	static const char *bare[] = { "identifier", "type name", "constant",
				      "string literal", "end of file" };
	for (size_t i = 0; i < sizeof bare / sizeof *bare; i++)
		if (!strcmp(bare[i], name)) {
			snprintf(buf, size, "%s", name);
			return buf;
		}
	if (name[0] == '\'' || name[0] == '"')
		snprintf(buf, size, "%s", name);
	else
		snprintf(buf, size, "'%s'", name);
	return buf;
}

static bool expects(const char **names, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(names[i], name))
			return true;
	return false;
}

/* What the parser wanted, in GCC's words. */
static void describe_expected(char *buf, size_t size, const char **names,
			      int n, bool expression)
{
	char w[4][64];
	if (expression) {
		snprintf(buf, size, "expected expression");
	} else if (n == 2 && expects(names, n, "','") && expects(names, n, "';'")) {
		snprintf(buf, size, "expected ',' or ';'");
	} else if (n == 2 && expects(names, n, "','") && expects(names, n, "')'")) {
		snprintf(buf, size, "expected ')'"); /* as GCC says */
	} else if (n == 2 && expects(names, n, "','") && expects(names, n, "']'")) {
		snprintf(buf, size, "expected ']'");
	} else if (n >= 1 && n <= 3) {
		size_t used = (size_t)snprintf(buf, size, "expected ");
		for (int i = 0; i < n && used < size; i++)
			used += (size_t)snprintf(buf + used, size - used, "%s%s",
				i == 0 ? "" : i == n - 1 ? " or " : ", ",
				token_words(w[i], sizeof w[i], names[i]));
	} else if (expects(names, n, "','") && expects(names, n, "';'")) {
		snprintf(buf, size, "expected ',' or ';'");
	} else if (expects(names, n, "';'")) {
		snprintf(buf, size, "expected ';'");
	} else if (expects(names, n, "')'")) {
		snprintf(buf, size, "expected ')'");
	} else if (expects(names, n, "']'")) {
		snprintf(buf, size, "expected ']'");
	} else if (expects(names, n, "\"identifier\"")) {
		snprintf(buf, size, "expected identifier or '('");
	} else {
		snprintf(buf, size, "expected declaration or statement");
	}
}

static const char *bracket_close(char open)
{
	return open == '(' ? "')'" : open == '[' ? "']'" : "'}'";
}

/* Does the token at `offset` begin a statement or declaration: is it the
 * first of the file, or does ';', '{' or '}' precede it (comments and
 * blanks aside)? */
static bool starts_statement(struct ac_parser *P, uint32_t offset)
{
	const char *t = P->src->text;
	uint32_t i = offset;
	for (;;) {
		while (i > 0 && (t[i - 1] == ' ' || t[i - 1] == '\t' ||
				 t[i - 1] == '\n' || t[i - 1] == '\r'))
			i--;
		if (i >= 2 && t[i - 1] == '/' && t[i - 2] == '*') {
			uint32_t j = i - 2;
			while (j >= 2 && !(t[j - 2] == '/' && t[j - 1] == '*'))
				j--;
			if (j < 2)
				return false;
			i = j - 2;
			continue;
		}
		break;
	}
	if (i == 0 || t[i - 1] == ';' || t[i - 1] == '{' || t[i - 1] == '}')
		return true;
	/* ... or a storage class or qualifier: `static T x` */
	static const char *const quals[] = { "const", "volatile", "static",
		"extern", "register", "auto", "_Thread_local", "__thread",
		"typedef", "inline", "_Atomic" };
	uint32_t w = i;
	while (w > 0 && (t[w - 1] == '_' || (t[w - 1] >= 'a' && t[w - 1] <= 'z') ||
			 (t[w - 1] >= 'A' && t[w - 1] <= 'Z') ||
			 (t[w - 1] >= '0' && t[w - 1] <= '9')))
		w--;
	for (size_t k = 0; k < sizeof quals / sizeof *quals; k++)
		if (strlen(quals[k]) == i - w && !memcmp(t + w, quals[k], i - w))
			return true;
	return false;
}

/* Is the text after `offset` the start of a declarator: `*` or a name? */
static bool next_starts_declarator(struct ac_parser *P, uint32_t offset)
{
	const char *t = P->src->text;
	size_t i = offset;
	while (i < P->src->len && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' ||
				   t[i] == '\r'))
		i++;
	if (i >= P->src->len)
		return false;
	char c = t[i];
	return c == '*' || c == '_' || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z');
}

/* A token after which an identifier is a declarator, not a type. */
static bool is_type_token(int t)
{
	switch (t) {
	case INT: case CHAR: case SHORT: case LONG: case FLOAT: case DOUBLE:
	case VOID: case SIGNED: case UNSIGNED: case BOOL: case TYPEDEF_NAME:
	case INT128: case FLOATN: case COMPLEX:
		return true;
	default:
		return false;
	}
}

/* The '(' or '[' still open that a missing `close` would close: the
 * innermost bracket, the token in error (at `at`, read already) aside;
 * NULL if that is another kind. */
static const struct ac_bracket *unclosed(struct ac_parser *P, char close,
					 uint32_t at)
{
	char open = close == ')' ? '(' : '[';
	for (size_t i = P->nbrackets; i-- > 0;) {
		const struct ac_bracket *b = &P->brackets[i];
		if (b->offset == at)
			continue;
		return b->open == open ? b : NULL;
	}
	return NULL;
}

/* `, to close '(' opened at line N:C` after "expected ')'" (or ']') at
 * `at`, when the bracket it would close is on another line, as GCC's note
 * "to match this '('" comes when it is; else nothing. */
static const char *opened_where(struct ac_parser *P, char *buf, size_t size,
				const char *what, uint32_t at, uint32_t token)
{
	buf[0] = 0;
	char close = !strcmp(what, "expected ')'") ? ')' :
		     !strcmp(what, "expected ']'") ? ']' : 0;
	const struct ac_bracket *b = close ? unclosed(P, close, token) : NULL;
	if (!b)
		return buf;
	struct ac_position pos = ac_diag_position(P->diag, P->src, b->offset),
			   here = ac_diag_position(P->diag, P->src, at);
	if (pos.line != here.line || strcmp(pos.file, here.file))
		snprintf(buf, size, ", to close '%c' opened at line %u:%u",
			 b->open, pos.line, pos.col);
	return buf;
}

void ac_report_syntax_error(struct ac_parser *P, struct ac_loc loc,
			    bool at_eof, const char *got, const int *kinds,
			    const char **names, int n, bool expression)
{
	char what[256], tok[96];
	(void)kinds;
	P->resync = true;
	if (P->had_fatal)
		return; /* the scanner gave up, or too many errors: no more */
	if (at_eof && P->nbrackets > 0) {
		const struct ac_bracket *b = &P->brackets[P->nbrackets - 1];
		struct ac_position pos = ac_diag_position(P->diag, P->src, b->offset);
		if (b->body_of)
			ac_parser_error_at(P, loc.start, loc.end,
				"expected %s to close the body of '%s' opened at line %u",
				bracket_close(b->open), b->body_of, pos.line);
		else
			ac_parser_error_at(P, loc.start, loc.end,
				"expected %s to close '%c' opened at line %u:%u",
				bracket_close(b->open), b->open, pos.line,
				pos.col);
		return;
	}
	/* `T x`, `(T *p` in a parameter list, `T *p` at file scope: T is
	 * most likely a type whose declaration asyncc did not see. */
	const struct ac_loc *unknown = NULL;
	/* A K&R identifier list: `f(T x)` or `f(T *p)` outside any body (in a
	 * body, `f(a b)` is a call missing a ','). */
	bool knr_list = n == 2 && expects(names, n, "')'") &&
			expects(names, n, "','") && brace_depth(P) == 0;
	/* A short list of expected tokens means the name was an operand:
	 * `return a b`, `x = a b`. */
	bool after_type = is_type_token(P->prev2_token);
	if (!at_eof && P->last_token == IDENTIFIER && P->prev_token == IDENTIFIER &&
	    after_type) {
		/* `int stray x`: a declarator followed by junk, as GCC says it */
		ac_parser_error_at(P, loc.start, loc.end,
			"expected '=', ',', ';', 'asm' or '__attribute__' before '%s'",
			ac_parser_name(P, loc));
		return;
	}
	if (!at_eof && P->last_token == IDENTIFIER &&
	    P->prev_token == IDENTIFIER &&
	    (n == 0 || n > 3 || knr_list || starts_statement(P, P->prev_loc.start)))
		unknown = &P->prev_loc;
	else if (!at_eof && P->last_token == '*' && P->prev_token == IDENTIFIER &&
		 (knr_list || starts_statement(P, P->prev_loc.start)))
		unknown = &P->prev_loc;
	else if (!at_eof && P->last_token == IDENTIFIER && P->nbrackets == 0 &&
		 next_starts_declarator(P, loc.end))
		unknown = &loc;
	if (unknown) {
		const char *name = ac_parser_name(P, *unknown);
		if (P->unit->headers_unread)
			ac_parser_error_at(P, unknown->start, unknown->end,
				"unknown type name '%s' (with --no-cpp asyncc reads no "
				"header: if one declares it, drop --no-cpp, or --typedef %s)",
				name, name);
		else
			ac_parser_error_at(P, unknown->start, unknown->end,
				"unknown type name '%s' (if a header declares it, "
				"pass its directory with -I, or --typedef %s)",
				name, name);
		return;
	}
	describe_expected(what, sizeof what, names, n, expression);
	/* at file scope, as GCC says it */
	if (!at_eof && !strcmp(what, "expected declaration or statement") &&
	    brace_depth(P) == (P->last_token == '{'))
		snprintf(what, sizeof what, "expected identifier or '('");
	/* `int 1`, `int )` outside parentheses, `__attribute__((hot)) return`
	 * in a block: the declarator is missing */
	bool specified = is_type_token(P->prev_token) ||
			 (P->prev_token == ATTRIBUTE && ends_statement_start(P->prev2_token));
	if (!at_eof && specified && P->last_token != IDENTIFIER &&
	    (n == 0 || expects(names, n, "identifier")) &&
	    (P->nbrackets == 0 || P->brackets[P->nbrackets - 1].open == '{'))
		snprintf(what, sizeof what, "expected identifier or '('");
	/* A missing closing token is reported just after the token it should
	 * follow, as GCC does. */
	struct ac_loc at = loc;
	uint32_t o;
	if (!at_eof && P->prev_token != 0 &&
	    (!strcmp(what, "expected ';'") || !strcmp(what, "expected ')'") ||
	     !strcmp(what, "expected ']'")) &&
	    /* unless that token came from a macro: then at the next one */
	    (!P->src->orig || !ac_source_position(P->src, P->prev_loc.start).in_main ||
	     ac_source_map_to_orig(P->src, P->prev_loc.start, P->prev_loc.end, &o)))
		at = (struct ac_loc){ P->prev_loc.end, P->prev_loc.end + 1 };
	if (at_eof) {
		struct ac_loc o;
		if (eof_loc_in_orig(P, at.start, &o))
			ac_parser_error_in_orig(P, o.start, o.end, "%s at end of input", what);
		else
			ac_parser_error_at(P, at.start, at.end, "%s at end of input", what);
		return;
	}
	char opened[96];
	opened_where(P, opened, sizeof opened, what, at.start, loc.start);
	const char *t = token_words(tok, sizeof tok, got);
	bool punct = t[0] == '\'' && t[1] != '_' &&
		     !(t[1] >= 'a' && t[1] <= 'z') && !(t[1] >= 'A' && t[1] <= 'Z');
	if (punct)
		ac_parser_error_at(P, at.start, at.end, "%s before %s token%s",
				   what, t, opened);
	else if (!strcmp(t, "constant"))
		ac_parser_error_at(P, at.start, at.end,
				   "%s before numeric constant%s", what, opened);
	else if (!strcmp(t, "string literal"))
		ac_parser_error_at(P, at.start, at.end,
				   "%s before string constant%s", what, opened);
	else if (!strcmp(t, "identifier") || !strcmp(t, "type name"))
		ac_parser_error_at(P, at.start, at.end, "%s before '%s'%s", what,
				   ac_parser_name(P, loc), opened);
	else
		ac_parser_error_at(P, at.start, at.end, "%s before %s%s", what, t,
				   opened);
}

void ac_parser_stray(struct ac_parser *P, uint32_t start, const char *text, size_t len)
{
	for (size_t i = 0; i < len;) {
		char c = text[i];
		size_t k = P->diag->standins ? ac_text_restored_byte(P->diag->standins, text + i,
								     text + len, &c) : 1;
		ac_parser_error_at(P, start + (uint32_t)i, start + (uint32_t)(i + k),
				   "stray '\\%o' in program", (unsigned char)c);
		i += k;
	}
}

void ac_parser_recovered(struct ac_parser *P)
{
	while (P->scopes->depth > 0)
		ac_scopes_pop(P->scopes);
	P->ndspec = 0;
	P->func = NULL;
	P->in_async = false;
}

/* The character at `s` (an ASCII byte, a UTF-8 sequence or a UCN): its
 * code point, and its length in *n. */
static uint32_t decode_char(const char *s, size_t *n)
{
	const unsigned char *u = (const unsigned char *)s;
	if (u[0] == '\\') { /* \uXXXX or \UXXXXXXXX: the scanner checked */
		*n = u[1] == 'u' ? 6 : 10;
		uint32_t cp = 0;
		for (size_t i = 2; i < *n; i++)
			cp = cp << 4 | (uint32_t)(u[i] <= '9' ? u[i] - '0' : (u[i] | 0x20) - 'a' + 10);
		return cp;
	}
	if (u[0] < 0x80) {
		*n = 1;
		return u[0];
	}
	size_t k = u[0] >= 0xf0 ? 4 : u[0] >= 0xe0 ? 3 : 2;
	uint32_t cp = u[0] & (0x7f >> k);
	for (size_t i = 1; i < k; i++)
		cp = cp << 6 | (u[i] & 0x3f);
	*n = k;
	return cp;
}

static size_t encode_utf8(uint32_t cp, char *o)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xc0 | cp >> 6);
		o[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xe0 | cp >> 12);
		o[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		o[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (char)(0xf0 | cp >> 18);
	o[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	o[2] = (char)(0x80 | (cp >> 6 & 0x3f));
	o[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/*
 * A word with characters beyond ASCII, checked as GCC checks it (C11's
 * annex D) and entered in the name table in UTF-8, so that `\u00c1` and
 * `Á` are one name.  A UTF-8 character C11 does not allow ends the word
 * (`a×b` is `a`, a stray '×', `b`); a UCN it does not allow is an error in
 * the word.
 */
int ac_lexer_extended_word(struct ac_parser *P, YYSTYPE *val, const char *text,
			   size_t len, size_t *used)
{
	uint32_t at = (uint32_t)(text - P->scan_buf) + P->scan_origin;
	char small[256], *name = len * 2 <= sizeof small ? small : malloc(len * 2);
	size_t n = 0, i = 0;
	if (!name)
		abort();
	while (i < len) {
		size_t k;
		uint32_t cp = decode_char(text + i, &k);
		bool ucn = text[i] == '\\';
		if (cp < 0x80 && !ucn) {
			name[n++] = text[i++];
			continue;
		}
		if (ucn && cp < 0xa0 && cp != '$' && cp != '@' && cp != '`')
			ac_parser_error_at(P, at, at + (uint32_t)len,
				"%.*s is not a valid universal character", (int)k, text + i);
		else if (cp == '$')
			; /* GNU C's '$' */
		else if (!ac_ucs_in_identifier(cp) && !ucn)
			break; /* stray, or the end of the word */
		else if (!ac_ucs_in_identifier(cp))
			ac_parser_error_at(P, at, at + (uint32_t)len,
				"universal character %.*s is not valid in an identifier",
				(int)k, text + i);
		else if (i == 0 && !ac_ucs_starts_identifier(cp))
			ac_parser_error_at(P, at, at + (uint32_t)len,
				"%s character %.*s is not valid at the start of an "
				"identifier", ucn ? "universal" : "extended", (int)k, text);
		n += encode_utf8(cp, name + n);
		i += k;
	}
	int tok = 0;
	if (i == 0) { /* a stray character */
		size_t k;
		decode_char(text, &k);
		ac_parser_error_at(P, at, at + (uint32_t)k, "stray '\\%o' in program",
				   (unsigned char)text[0]);
		i = k;
	} else {
		tok = ac_parser_classify(P, val, name, n);
	}
	if (name != small)
		free(name);
	*used = i;
	return tok;
}

/* C's keywords with GNU's spellings of them; `async` and `await` are not
 * among them (they are keywords only in context: ac_parser_classify). */
static const struct {
	const char *word;
	int token;
} keywords[] = {
	{ "auto", AUTO },
	{ "break", BREAK },
	{ "case", CASE },
	{ "char", CHAR },
	{ "const", CONST },
	{ "__const", CONST },
	{ "__const__", CONST },
	{ "continue", CONTINUE },
	{ "default", DEFAULT },
	{ "do", DO },
	{ "double", DOUBLE },
	{ "else", ELSE },
	{ "enum", ENUM },
	{ "extern", EXTERN },
	{ "float", FLOAT },
	{ "for", FOR },
	{ "goto", GOTO },
	{ "if", IF },
	{ "inline", INLINE },
	{ "__inline", INLINE },
	{ "__inline__", INLINE },
	{ "int", INT },
	{ "long", LONG },
	{ "register", REGISTER },
	{ "restrict", RESTRICT },
	{ "__restrict", RESTRICT },
	{ "__restrict__", RESTRICT },
	{ "return", RETURN },
	{ "short", SHORT },
	{ "signed", SIGNED },
	{ "__signed", SIGNED },
	{ "__signed__", SIGNED },
	{ "sizeof", SIZEOF },
	{ "static", STATIC },
	{ "struct", STRUCT },
	{ "switch", SWITCH },
	{ "typedef", TYPEDEF },
	{ "union", UNION },
	{ "unsigned", UNSIGNED },
	{ "void", VOID },
	{ "volatile", VOLATILE },
	{ "__volatile", VOLATILE },
	{ "__volatile__", VOLATILE },
	{ "while", WHILE },
	{ "_Alignas", ALIGNAS },
	{ "_Alignof", ALIGNOF },
	{ "__alignof", ALIGNOF },
	{ "__alignof__", ALIGNOF },
	{ "_Atomic", ATOMIC },
	{ "_Bool", BOOL },
	{ "_Complex", COMPLEX },
	{ "__complex", COMPLEX },
	{ "__complex__", COMPLEX },
	{ "_Imaginary", IMAGINARY },
	{ "_Generic", GENERIC },
	{ "_Noreturn", NORETURN },
	{ "_Static_assert", STATIC_ASSERT },
	{ "static_assert", STATIC_ASSERT },
	{ "_Thread_local", THREAD_LOCAL },
	{ "__thread", THREAD_LOCAL },
	{ "__attribute__", ATTRIBUTE },
	{ "__attribute", ATTRIBUTE },
	{ "__extension__", EXTENSION },
	{ "asm", ASM },
	{ "__asm", ASM },
	{ "__asm__", ASM },
	{ "typeof", TYPEOF },
	{ "__typeof", TYPEOF },
	{ "__typeof__", TYPEOF },
	{ "typeof_unqual", TYPEOF },
	{ "__typeof_unqual__", TYPEOF },
	{ "__auto_type", AUTO_TYPE },
	{ "__int128", INT128 },
	{ "__int128_t", INT128 },
	{ "__uint128_t", INT128 },
	{ "_Float16", FLOATN },
	{ "_Float32", FLOATN },
	{ "_Float64", FLOATN },
	{ "_Float128", FLOATN },
	{ "_Float32x", FLOATN },
	{ "_Float64x", FLOATN },
	{ "_Float128x", FLOATN },
	{ "__float128", FLOATN },
	{ "__float80", FLOATN },
	{ "__ibm128", FLOATN },
	{ "__bf16", FLOATN },
	{ "_Decimal32", FLOATN },
	{ "_Decimal64", FLOATN },
	{ "_Decimal128", FLOATN },
	{ "__builtin_va_list", VA_LIST },
	{ "__builtin_va_arg", BUILTIN_VA_ARG },
	{ "__builtin_convertvector", BUILTIN_VA_ARG }, /* (expression, type) */
	{ "__builtin_offsetof", BUILTIN_OFFSETOF },
	{ "__builtin_types_compatible_p", BUILTIN_TYPES_COMPATIBLE_P },
	{ "__real__", REAL },
	{ "__real", REAL },
	{ "__imag__", IMAG },
	{ "__imag", IMAG },
	{ "__label__", LABEL },
	{ "_Pragma", PRAGMA_OP },
};

void ac_lexer_install_keywords(struct ac_scopes *s)
{
	for (size_t i = 0; i < sizeof keywords / sizeof *keywords; i++)
		ac_scopes_intern(s, keywords[i].word,
				 strlen(keywords[i].word))->keyword =
			(unsigned)keywords[i].token;
}

int ac_lexer_open(struct ac_parser *P)
{
	if (ac_scan_lex_init_extra(P, &P->scanner))
		return -1;
	P->scan_origin = P->mode == AC_PARSE_FUNCTION ? P->start_offset : 0;
	/* a whole file starts at once; a function with START_FUNCTION */
	P->started = P->mode != AC_PARSE_FUNCTION;
	size_t n = P->src->len - P->scan_origin;
	/* In place: the source ends in the two NULs flex wants. */
	P->scan_buf = P->src->text + P->scan_origin;
	assert(P->scan_buf[n] == '\0' && P->scan_buf[n + 1] == '\0');
	P->peek_val = malloc(sizeof(YYSTYPE));
	if (!P->peek_val)
		return -1;
	ac_scan__scan_buffer(P->scan_buf, n + 2, P->scanner);
	return 0;
}

void ac_lexer_close(struct ac_parser *P)
{
	if (P->scanner)
		ac_scan_lex_destroy(P->scanner);
	P->scanner = NULL;
	P->scan_buf = NULL;
	free(P->peek_val);
	P->peek_val = NULL;
	free(P->queue);
	P->queue = NULL;
	P->nqueue = P->qhead = P->capqueue = 0;
	free(P->brackets);
	P->brackets = NULL;
	P->nbrackets = P->capbrackets = 0;
}
