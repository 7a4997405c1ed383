/* lexer.h - the token stream between the flex scanner and the parser. */
#ifndef AC_LEXER_H
#define AC_LEXER_H

#include <stdbool.h>
#include <stdint.h>

struct ac_parser;
struct ac_scopes;
union YYSTYPE;

/* The parser's yylex: scanner tokens, with GNU attribute and asm operand
 * lists folded into one token each, bracket tracking for messages, and the
 * resynchronization that error recovery needs. */
int ac_lexer_next(struct ac_parser *P, union YYSTYPE *val,
		  struct ac_loc *loc);
int ac_lexer_open(struct ac_parser *P);
/* Enters C's keywords into the name table, which the scanner consults for
 * every word. */
void ac_lexer_install_keywords(struct ac_scopes *s);
void ac_lexer_close(struct ac_parser *P);
/* After a '(' the scanner just returned: steps over the text up to the
 * ')' that closes it, if nothing in it needs the scanner's care (see
 * scanner.l), and returns the offset just past it; else 0. */
uint32_t ac_scan_skip_parens(void *scanner);
/* A word holding UTF-8 letters or UCNs, at `text` in the scanner's buffer:
 * its token (0 if its first character is stray: reported), and in *used
 * how many bytes of it are the token. */
int ac_lexer_extended_word(struct ac_parser *P, union YYSTYPE *val,
			   const char *text, size_t len, size_t *used);

/* A syntax error: report it in GCC's words and start resynchronizing. */
void ac_report_syntax_error(struct ac_parser *P, struct ac_loc loc,
			    bool at_eof, const char *got, const int *kinds,
			    const char **names, int n, bool expression);
void ac_parser_recovered(struct ac_parser *P);

#endif
