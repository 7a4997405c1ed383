/* lexer.c - what the parser sees of the scanner's tokens. */
#include "parse.h"
#include "parser.h"
#include "scanner.h"
#include "lexer.h"

#include <assert.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

static int scan(struct ac_parser *P, YYSTYPE *val, struct ac_loc *loc)
{
	if (P->have_peek) {
		P->have_peek = false;
		*val = *P->peek_val;
		*loc = P->peek_loc;
		return P->peek_token;
	}
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

/* `( ... )` with nested parentheses, folded into `loc`.  Returns false at
 * the end of input. */
static bool skip_parens(struct ac_parser *P, struct ac_loc *loc)
{
	YYSTYPE v;
	struct ac_loc l;
	int depth = 1; /* the '(' at *loc is already read */
	for (;;) {
		int t = scan(P, &v, &l);
		if (t == YYEOF) {
			ac_parser_error_at(P, loc->start, loc->end,
					   "expected ')' to close '(' of this "
					   "operand list");
			return false;
		}
		loc->end = l.end;
		if (t == '(')
			depth++;
		else if (t == ')' && --depth == 0)
			return true;
	}
}

/* __attribute__((...)), asm [volatile|inline|goto] (...) and _Pragma("...")
 * reach the parser as one token (or none, for _Pragma). */
static int fold(struct ac_parser *P, int tok, YYSTYPE *val,
		struct ac_loc *loc)
{
	YYSTYPE v;
	struct ac_loc l;
	int next = scan(P, &v, &l);
	if (tok == ASM)
		while (next == VOLATILE || next == INLINE || next == GOTO) {
			loc->end = l.end;
			next = scan(P, &v, &l);
		}
	if (next != '(') {
		unscan(P, next, &v, l);
		return tok;
	}
	struct ac_loc open = l;
	if (!skip_parens(P, &open))
		return YYEOF;
	loc->end = open.end;
	(void)val;
	return tok;
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
	P->brackets[P->nbrackets++] = (struct ac_bracket){ offset, c, NULL };
}

static void track_brackets(struct ac_parser *P, int tok, struct ac_loc loc)
{
	switch (tok) {
	case '(': push_bracket(P, '(', loc.start); break;
	case '[': push_bracket(P, '[', loc.start); break;
	case '{': push_bracket(P, '{', loc.start); break;
	case ')': case ']': case '}':
		if (P->nbrackets > 0)
			P->nbrackets--;
		break;
	default:
		break;
	}
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

int ac_lexer_next(struct ac_parser *P, YYSTYPE *val, struct ac_loc *loc)
{
	if (P->mode == AC_PARSE_FUNCTION && !P->started) {
		P->started = true;
		loc->start = loc->end = P->start_offset;
		return START_FUNCTION;
	}
	if (P->stop || P->had_fatal)
		return YYEOF;
	if (P->resync)
		return resync(P, val, loc);
	int tok;
	do {
		tok = scan(P, val, loc);
		if (tok == ATTRIBUTE || tok == ASM || tok == PRAGMA_OP)
			tok = fold(P, tok, val, loc);
	} while (tok == PRAGMA_OP);
	track_brackets(P, tok, *loc);
	P->prev_token = P->last_token;
	P->prev_loc = P->last_loc;
	P->last_token = tok;
	P->last_loc = *loc;
	return tok;
}

/* "'x'" for a token name as bison spells it ("\"int\"", "';'", "identifier"). */
static const char *token_words(char *buf, size_t size, const char *name)
{
	size_t n = strlen(name);
	if (n >= 2 && name[0] == '"' && name[n - 1] == '"') {
		const char *inner = name + 1;
		size_t len = n - 2;
		static const char *bare[] = { "identifier", "type name", "constant",
					      "string literal" };
		for (size_t i = 0; i < sizeof bare / sizeof *bare; i++)
			if (strlen(bare[i]) == len && !memcmp(bare[i], inner, len)) {
				snprintf(buf, size, "%.*s", (int)len, inner);
				return buf;
			}
		snprintf(buf, size, "'%.*s'", (int)len, inner);
		return buf;
	}
	snprintf(buf, size, "%s", name);
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

void ac_report_syntax_error(struct ac_parser *P, struct ac_loc loc,
			    bool at_eof, const char *got, const int *kinds,
			    const char **names, int n, bool expression)
{
	char what[256], tok[96];
	(void)kinds;
	P->resync = true;
	if (at_eof && P->nbrackets > 0) {
		const struct ac_bracket *b = &P->brackets[P->nbrackets - 1];
		struct ac_position pos = ac_source_position(P->src, b->offset);
		if (b->what)
			ac_parser_error_at(P, loc.start, loc.end,
				"expected %s to close %s opened at line %u",
				bracket_close(b->open), b->what, pos.line);
		else
			ac_parser_error_at(P, loc.start, loc.end,
				"expected %s to close '%c' opened at line %u:%u",
				bracket_close(b->open), b->open, pos.line,
				pos.col);
		return;
	}
	if (!at_eof && P->last_token == IDENTIFIER &&
	    P->prev_token == IDENTIFIER) {
		const char *name = ac_parser_name(P, P->prev_loc);
		ac_parser_error_at(P, P->prev_loc.start, P->prev_loc.end,
			"unknown type name '%s' (if a header declares it, "
			"pass its directory with -I, or --typedef %s)",
			name, name);
		return;
	}
	describe_expected(what, sizeof what, names, n, expression);
	if (at_eof) {
		ac_parser_error_at(P, loc.start, loc.end, "%s at end of input",
				   what);
		return;
	}
	const char *t = token_words(tok, sizeof tok, got);
	if (t[0] == '\'' && strlen(t) <= 5)
		ac_parser_error_at(P, loc.start, loc.end, "%s before %s token",
				   what, t);
	else if (!strcmp(t, "constant"))
		ac_parser_error_at(P, loc.start, loc.end,
				   "%s before numeric constant", what);
	else if (!strcmp(t, "string literal"))
		ac_parser_error_at(P, loc.start, loc.end,
				   "%s before string constant", what);
	else if (!strcmp(t, "identifier") || !strcmp(t, "type name"))
		ac_parser_error_at(P, loc.start, loc.end, "%s before '%s'", what,
				   ac_parser_name(P, loc));
	else
		ac_parser_error_at(P, loc.start, loc.end, "%s before %s", what, t);
}

void ac_parser_recovered(struct ac_parser *P)
{
	while (P->scopes->depth > 0)
		ac_scopes_pop(P->scopes);
	P->ndspec = 0;
	P->func = NULL;
	P->in_async = false;
}

int ac_lexer_open(struct ac_parser *P)
{
	if (ac_scan_lex_init_extra(P, &P->scanner))
		return -1;
	P->scan_origin = P->mode == AC_PARSE_FUNCTION ? P->start_offset : 0;
	size_t n = P->src->len - P->scan_origin;
	P->scan_buf = malloc(n + 2);
	if (!P->scan_buf)
		return -1;
	memcpy(P->scan_buf, P->src->text + P->scan_origin, n);
	P->scan_buf[n] = P->scan_buf[n + 1] = '\0';
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
	free(P->scan_buf);
	P->scan_buf = NULL;
	free(P->peek_val);
	P->peek_val = NULL;
	free(P->brackets);
	P->brackets = NULL;
	P->nbrackets = P->capbrackets = 0;
}
