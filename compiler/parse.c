/* parse.c - running the parser over a buffer, or over one declaration. */
#include "parse.h"
#include "parser.h"
#include "lexer.h"

#include <stdlib.h>
#include <string.h>

void ac_unit_init(struct ac_unit *u)
{
	memset(u, 0, sizeof *u);
	ac_arena_init(&u->arena);
	ac_scopes_init(&u->scopes, &u->arena);
	u->funcs_tail = &u->funcs;
}

void ac_unit_free(struct ac_unit *u)
{
	ac_scopes_free(&u->scopes);
	ac_arena_free(&u->arena);
	free(u->async_decls);
	memset(u, 0, sizeof *u);
}

void ac_parser_init(struct ac_parser *P, struct ac_unit *u,
		    struct ac_source *src, struct ac_diag *diag)
{
	memset(P, 0, sizeof *P);
	P->unit = u;
	P->src = src;
	P->diag = diag;
	P->arena = &u->arena;
	P->scopes = &u->scopes;
	P->mode = AC_PARSE_UNIT;
	P->main_is_orig = true;
}

void ac_parser_free(struct ac_parser *P)
{
	ac_lexer_close(P);
	free(P->dspec_stack);
	P->dspec_stack = NULL;
	free(P->top_decls);
	P->top_decls = NULL;
}

int ac_parse(struct ac_parser *P)
{
	if (ac_lexer_open(P)) {
		ac_diag_plain(P->diag, AC_ERROR, "out of memory");
		return 1;
	}
	int rc = yyparse(P);
	if (rc != 0 && P->nerrors == 0)
		ac_parser_error_at(P, P->last_loc.start, P->last_loc.end,
				   "cannot parse this file");
	return (int)P->nerrors;
}

/*
 * The preprocessed parse found an async declaration of the main file at
 * `cpp_offset`; parse its original text (macros unexpanded, comments kept)
 * with the scopes as they stand, so that the emitter works from the text the
 * user wrote.
 */
void ac_parse_original(struct ac_parser *P, uint32_t cpp_offset)
{
	struct ac_source *orig = P->src->orig;
	uint32_t start;
	if (!orig)
		return;
	uint32_t end = cpp_offset;
	const char *t = P->src->text;
	while (end < P->src->len && (t[end] == '_' || (t[end] >= 'a' && t[end] <= 'z') ||
				     (t[end] >= 'A' && t[end] <= 'Z') ||
				     (t[end] >= '0' && t[end] <= '9')))
		end++;
	if (end == cpp_offset)
		end++;
	if (!ac_source_map_to_orig(P->src, cpp_offset, end, &start)) {
		ac_parser_error_at(P, cpp_offset, cpp_offset + 1,
			"asyncc cannot find the original text of this async "
			"declaration (does it begin inside a macro?)");
		return;
	}
	struct ac_parser sub;
	ac_parser_init(&sub, P->unit, orig, P->diag);
	sub.mode = AC_PARSE_FUNCTION;
	sub.start_offset = start;
	ac_parse(&sub);
	P->nerrors += sub.nerrors;
	ac_parser_free(&sub);
}
