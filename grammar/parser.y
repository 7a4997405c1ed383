/*
 * parser.y - C17 with the GNU extensions real headers use, plus the two
 * contextual words of the async dialect, `async` and `await`.
 *
 * A pure parser; every action is one call into the builders of
 * compiler/build.c.  Outside the bodies of async functions the builders do
 * almost nothing, so checking a large file costs little more than scanning it.
 *
 * Type names: the scanner returns TYPEDEF_NAME for identifiers that name a
 * type in the current scope.  Declaration specifiers are split into three
 * forms (ds_none: no type yet; ds_typed: a built-in, struct, union, enum or
 * typeof type; ds_tdname: a typedef name) so that, once a type has been
 * seen, a following TYPEDEF_NAME is the name being declared (`T T;`).
 */
%code requires {
#include "ast.h"
struct ac_parser;
typedef struct ac_loc YYLTYPE;
#define YYLTYPE_IS_DECLARED 1
}

%code {
#include <string.h>

#include "parse.h"
#include "lexer.h"

static int yylex(YYSTYPE *val, YYLTYPE *loc, struct ac_parser *P)
{
	return ac_lexer_next(P, val, loc);
}
static void yyerror(YYLTYPE *loc, struct ac_parser *P, const char *msg);

/* Nesting is limited by memory, not by a constant: the stacks (on the
 * heap, grown by doubling) may grow until an allocation fails. */
#define YYMAXDEPTH (YYSIZE_MAXIMUM / 64)

/* Builders are called only while a body is being built into a tree. */
#define B(call) (P->func ? (call) : NULL)

#define YYLLOC_DEFAULT(Cur, Rhs, N)                                          \
	do {                                                                 \
		if (N) {                                                     \
			(Cur).start = YYRHSLOC(Rhs, 1).start;                \
			(Cur).end = YYRHSLOC(Rhs, N).end;                    \
		} else {                                                     \
			(Cur).start = (Cur).end = YYRHSLOC(Rhs, 0).end;      \
		}                                                            \
	} while (0)
}

%define api.pure full
%define parse.error custom
%locations
%param {struct ac_parser *P}
/* The twenty-five shift/reduce conflicts, each resolved by shifting, as C
 * requires or as saves a reduction: `( x )`, and `x ;` in a block, take
 * the operand as it is, not made an expression first (which the forms with
 * commas need; on any other token the state still makes it one, so a
 * syntax error there is found where it was); `_Atomic (` is the type
 * specifier; a typedef name after storage classes or qualifiers alone is
 * the type (two states: in a declaration, and in the other places
 * specifiers go); attributes after a declarator (four states: after the
 * declarator, its asm label, attributes, or both), and after an enum body,
 * belong to it (each for GNU and C2x attributes); GNU attributes as the
 * body of an if or a loop take the ';' and the attributes after them;
 * `( T` in a parameter starts a declarator; and a typedef name that begins a file-scope declaration is its type, not the name an
 * implicit-int declaration declares (three states: at the start of a
 * translation unit or function, after a declaration, after
 * `__extension__`); a C2x attribute right after a declarator's name or
 * suffix (`int e [[gnu::aligned(8)]]`, `buf [[...]] [4]`, also a
 * function's, two states) is part of the declarator. */
%expect 25

%union {
	struct ac_expr *expr;
	struct ac_stmt *stmt;
	struct ac_dspec *dspec;
	struct ac_declarator *decl;
	struct ac_param *param;
	struct ac_init_decl *idecl;
	const char *name;
	int tok;
}

%token <name> IDENTIFIER "identifier" TYPEDEF_NAME "type name"
%token CONSTANT "constant" STRING_LITERAL "string literal"
%token ASYNC "async" AWAIT "await"
%token AUTO "auto" BREAK "break" CASE "case" CHAR "char" CONST "const"
%token CONTINUE "continue" DEFAULT "default" DO "do" DOUBLE "double"
%token ELSE "else" ENUM "enum" EXTERN "extern" FLOAT "float" FOR "for"
%token GOTO "goto" IF "if" INLINE "inline" INT "int" LONG "long"
%token REGISTER "register" RESTRICT "restrict" RETURN "return" SHORT "short"
%token SIGNED "signed" SIZEOF "sizeof" STATIC "static" STRUCT "struct"
%token SWITCH "switch" TYPEDEF "typedef" UNION "union" UNSIGNED "unsigned"
%token VOID "void" VOLATILE "volatile" WHILE "while"
%token ALIGNAS "_Alignas" ALIGNOF "_Alignof" ATOMIC "_Atomic" BOOL "_Bool"
%token COMPLEX "_Complex" IMAGINARY "_Imaginary" GENERIC "_Generic"
%token NORETURN "_Noreturn" STATIC_ASSERT "_Static_assert"
%token THREAD_LOCAL "_Thread_local"
%token ATTRIBUTE "__attribute__" EXTENSION "__extension__" ASM "asm"
%token STD_ATTRIBUTE "[[" /* C2x attributes, `[[gnu::unused]]`, one token */
%token TYPEOF "typeof" AUTO_TYPE "__auto_type" INT128 "__int128"
%token FLOATN "_FloatN" VA_LIST "__builtin_va_list"
%token BUILTIN_VA_ARG "__builtin_va_arg" BUILTIN_OFFSETOF "__builtin_offsetof"
%token BUILTIN_TYPES_COMPATIBLE_P "__builtin_types_compatible_p"
%token REAL "__real__" IMAG "__imag__" LABEL "__label__" PRAGMA_OP "_Pragma"
%token ELLIPSIS "..." RIGHT_ASSIGN ">>=" LEFT_ASSIGN "<<=" ADD_ASSIGN "+="
%token SUB_ASSIGN "-=" MUL_ASSIGN "*=" DIV_ASSIGN "/=" MOD_ASSIGN "%="
%token AND_ASSIGN "&=" XOR_ASSIGN "^=" OR_ASSIGN "|=" RIGHT_OP ">>"
%token LEFT_OP "<<" INC_OP "++" DEC_OP "--" PTR_OP "->" AND_OP "&&"
%token OR_OP "||" LE_OP "<=" GE_OP ">=" EQ_OP "==" NE_OP "!="
%token START_FUNCTION "start of function" RESYNC "resynchronization"
%token LABEL_END "end of block after a label" /* the last token (lexer.c) */

%right '=' MUL_ASSIGN DIV_ASSIGN MOD_ASSIGN ADD_ASSIGN SUB_ASSIGN LEFT_ASSIGN RIGHT_ASSIGN AND_ASSIGN XOR_ASSIGN OR_ASSIGN
%right '?' ':'
%left OR_OP
%left AND_OP
%left '|'
%left '^'
%left '&'
%left EQ_OP NE_OP
%left '<' '>' LE_OP GE_OP
%left LEFT_OP RIGHT_OP
%left '+' '-'
%left '*' '/' '%'
%precedence UNARY
%precedence '(' '[' '.' PTR_OP INC_OP DEC_OP

%precedence THEN
%precedence ELSE

%type <expr> assignment_expression expression expression_opt
%type <expr> constant_expression argument_list generic_selection array_size
%type <dspec> declaration_specifiers ds_none ds_typed ds_tdname decl_start
%type <dspec> implicit_start
%type <decl> declarator direct_declarator declarator_declared
%type <decl> abstract_declarator direct_abstract_declarator
%type <decl> pointer type_name
%type <param> parameter_list parameter_declaration identifier_list
%type <param> parameter_type_list
%type <idecl> init_declarator init_declarator_list
%type <stmt> declaration statement compound_statement block_item
%type <stmt> block_item_list labeled_statement expression_statement
%type <stmt> labeled_declaration label_decl_end
%type <stmt> selection_statement iteration_statement jump_statement
%type <stmt> asm_statement for_init fn_body labels_at_end label_end body
%type <name> any_identifier any_identifier_opt
%type <tok> ds_other type_qualifier
%type <tok> type_specifier
%type <tok> struct_body struct_declaration_list_opt struct_declaration
%type <tok> struct_declarator_list struct_declarator

%start start

%%

start
	: translation_unit
	| START_FUNCTION external_declaration
	;

translation_unit
	: %empty                                { ac_toplevel_start(P); }
	| translation_unit external_declaration { ac_toplevel_done(P); }
	;

external_declaration
	: function_definition
	| declaration                           { ac_decl_toplevel(P, $1); }
	| implicit_int_declaration
	| ';'
	| ASM ';'
	| EXTENSION external_declaration
	| error RESYNC                          { yyerrok; ac_parser_recovered(P); }
	;

/* ---------------------------------------------------------- expressions */

any_identifier
	: IDENTIFIER
	| TYPEDEF_NAME
	;

stmt_expr_open
	: '{'                                   { ac_block_begin(P); }
	;

string_literal
	: STRING_LITERAL
	| string_literal STRING_LITERAL
	;

offsetof_designator
	: any_identifier
	| offsetof_designator '.' any_identifier
	| offsetof_designator '[' expression ']'
	;

generic_selection
	: GENERIC '(' assignment_expression ',' generic_assoc_list ')' { $$ = B(ac_build_generic(P, $3, @$)); }
	;

generic_assoc_list
	: generic_association
	| generic_assoc_list ',' generic_association
	;

generic_association
	: type_name ':' assignment_expression   { ac_generic_association(P, $3); }
	| DEFAULT ':' assignment_expression     { ac_generic_association(P, $3); }
	;

/* Expressions.  C's chain of postfix, unary, cast, binary, conditional and
 * assignment expressions is one nonterminal here, its levels given by the
 * precedence table above (postfix operators bind tightest, then UNARY, the
 * prefix operators and casts, then the binary operators): a bare operand
 * costs one reduction instead of C's sixteen.  As in GCC, the left side of
 * an assignment is any operand: whether it is an lvalue is not a question
 * of syntax; nor is whether the operand of `++` or `sizeof` is a cast,
 * which GCC rejects later too. */
assignment_expression
	: IDENTIFIER                            { $$ = ac_build_ident(P, $1, @$); }
	| CONSTANT                              { $$ = B(ac_build_leaf(P, EX_CONST, @$)); }
	| string_literal                        { $$ = B(ac_build_leaf(P, EX_CONST, @$)); }
	| '(' assignment_expression ')'         { $$ = B(ac_build_unary(P, EX_PAREN, '(', @1, $2, @$)); }
	| '(' expression ')'                    { $$ = B(ac_build_unary(P, EX_PAREN, '(', @1, $2, @$)); }
	| generic_selection
	| '(' stmt_expr_open block_item_list '}' ')' { $$ = ac_build_stmt_expr(P, $3, @$); }
	| '(' stmt_expr_open '}' ')'            { $$ = ac_build_stmt_expr(P, NULL, @$); }
	| BUILTIN_VA_ARG '(' assignment_expression ',' type_name ')' { $$ = B(ac_build_opaque(P, @$, $3)); }
	| BUILTIN_OFFSETOF '(' type_name ',' offsetof_designator ')' { $$ = B(ac_build_opaque(P, @$, NULL)); }
	| BUILTIN_TYPES_COMPATIBLE_P '(' type_name ',' type_name ')' { $$ = B(ac_build_opaque(P, @$, NULL)); }
	| assignment_expression '[' expression ']' { $$ = ac_build_binary(P, EX_INDEX, '[', @2, $1, $3, @$); }
	| assignment_expression '(' ')'            { $$ = B(ac_build_call(P, $1, NULL, @$)); }
	| assignment_expression '(' argument_list ')' { $$ = B(ac_build_call(P, $1, $3, @$)); }
	| assignment_expression '.' IDENTIFIER { $$ = B(ac_build_member(P, $1, '.', $3, @$)); }
	| assignment_expression '.' TYPEDEF_NAME { $$ = B(ac_build_member(P, $1, '.', $3, @$)); }
	| assignment_expression PTR_OP IDENTIFIER { $$ = B(ac_build_member(P, $1, PTR_OP, $3, @$)); }
	| assignment_expression PTR_OP TYPEDEF_NAME { $$ = B(ac_build_member(P, $1, PTR_OP, $3, @$)); }
	| assignment_expression INC_OP             { $$ = B(ac_build_unary(P, EX_POSTFIX, INC_OP, @2, $1, @$)); }
	| assignment_expression DEC_OP             { $$ = B(ac_build_unary(P, EX_POSTFIX, DEC_OP, @2, $1, @$)); }
	| '(' type_name ')' '{' initializer_list_opt '}' { $$ = ac_build_compound_literal(P, @$); }
	| '(' type_name ')' '{' initializer_list ',' '}' { $$ = ac_build_compound_literal(P, @$); }
	| INC_OP assignment_expression %prec UNARY { $$ = B(ac_build_unary(P, EX_UNARY, INC_OP, @1, $2, @$)); }
	| DEC_OP assignment_expression %prec UNARY { $$ = B(ac_build_unary(P, EX_UNARY, DEC_OP, @1, $2, @$)); }
	| '&' assignment_expression %prec UNARY { $$ = B(ac_build_unary(P, EX_UNARY, '&', @1, $2, @$)); }
	| '*' assignment_expression %prec UNARY { $$ = B(ac_build_unary(P, EX_UNARY, '*', @1, $2, @$)); }
	| '+' assignment_expression %prec UNARY { $$ = B(ac_build_unary(P, EX_UNARY, '+', @1, $2, @$)); }
	| '-' assignment_expression %prec UNARY { $$ = B(ac_build_unary(P, EX_UNARY, '-', @1, $2, @$)); }
	| '~' assignment_expression %prec UNARY { $$ = B(ac_build_unary(P, EX_UNARY, '~', @1, $2, @$)); }
	| '!' assignment_expression %prec UNARY { $$ = B(ac_build_unary(P, EX_UNARY, '!', @1, $2, @$)); }
	| SIZEOF assignment_expression %prec UNARY { $$ = B(ac_build_sizeof(P, $2, @$)); }
	/* `sizeof (T) - x` subtracts: the type in parentheses is sizeof's
	 * operand, not a cast of what follows (UNARY outranks '-'). */
	| SIZEOF '(' type_name ')' %prec UNARY  { $$ = B(ac_build_opaque(P, @$, NULL)); }
	| ALIGNOF '(' type_name ')' %prec UNARY { $$ = B(ac_build_opaque(P, @$, NULL)); }
	| ALIGNOF assignment_expression %prec UNARY { $$ = B(ac_build_sizeof(P, $2, @$)); }
	| AND_OP any_identifier                 { $$ = B(ac_build_opaque(P, @$, NULL)); }
	| EXTENSION assignment_expression %prec UNARY { $$ = B(ac_build_unary(P, EX_UNARY, EXTENSION, @1, $2, @$)); }
	| REAL assignment_expression %prec UNARY { $$ = B(ac_build_unary(P, EX_UNARY, REAL, @1, $2, @$)); }
	| IMAG assignment_expression %prec UNARY { $$ = B(ac_build_unary(P, EX_UNARY, IMAG, @1, $2, @$)); }
	| AWAIT assignment_expression %prec UNARY { $$ = ac_build_await(P, $2, @1, @$); }
	| '(' type_name ')' assignment_expression %prec UNARY { $$ = B(ac_build_unary(P, EX_CAST, '(', @1, $4, @$)); }
	| assignment_expression '*' assignment_expression { $$ = B(ac_build_binary(P, EX_BINARY, '*', @2, $1, $3, @$)); }
	| assignment_expression '/' assignment_expression { $$ = B(ac_build_binary(P, EX_BINARY, '/', @2, $1, $3, @$)); }
	| assignment_expression '%' assignment_expression { $$ = B(ac_build_binary(P, EX_BINARY, '%', @2, $1, $3, @$)); }
	| assignment_expression '+' assignment_expression { $$ = B(ac_build_binary(P, EX_BINARY, '+', @2, $1, $3, @$)); }
	| assignment_expression '-' assignment_expression { $$ = B(ac_build_binary(P, EX_BINARY, '-', @2, $1, $3, @$)); }
	| assignment_expression LEFT_OP assignment_expression { $$ = B(ac_build_binary(P, EX_BINARY, LEFT_OP, @2, $1, $3, @$)); }
	| assignment_expression RIGHT_OP assignment_expression { $$ = B(ac_build_binary(P, EX_BINARY, RIGHT_OP, @2, $1, $3, @$)); }
	| assignment_expression '<' assignment_expression { $$ = B(ac_build_binary(P, EX_BINARY, '<', @2, $1, $3, @$)); }
	| assignment_expression '>' assignment_expression { $$ = B(ac_build_binary(P, EX_BINARY, '>', @2, $1, $3, @$)); }
	| assignment_expression LE_OP assignment_expression { $$ = B(ac_build_binary(P, EX_BINARY, LE_OP, @2, $1, $3, @$)); }
	| assignment_expression GE_OP assignment_expression { $$ = B(ac_build_binary(P, EX_BINARY, GE_OP, @2, $1, $3, @$)); }
	| assignment_expression EQ_OP assignment_expression { $$ = B(ac_build_binary(P, EX_BINARY, EQ_OP, @2, $1, $3, @$)); }
	| assignment_expression NE_OP assignment_expression { $$ = B(ac_build_binary(P, EX_BINARY, NE_OP, @2, $1, $3, @$)); }
	| assignment_expression '&' assignment_expression { $$ = B(ac_build_binary(P, EX_BINARY, '&', @2, $1, $3, @$)); }
	| assignment_expression '^' assignment_expression { $$ = B(ac_build_binary(P, EX_BINARY, '^', @2, $1, $3, @$)); }
	| assignment_expression '|' assignment_expression { $$ = B(ac_build_binary(P, EX_BINARY, '|', @2, $1, $3, @$)); }
	| assignment_expression AND_OP assignment_expression { $$ = B(ac_build_binary(P, EX_LOGAND, AND_OP, @2, $1, $3, @$)); }
	| assignment_expression OR_OP assignment_expression { $$ = B(ac_build_binary(P, EX_LOGOR, OR_OP, @2, $1, $3, @$)); }
	| assignment_expression '?' expression ':' assignment_expression { $$ = B(ac_build_cond(P, $1, $3, $5, @$)); }
	| assignment_expression '?' ':' assignment_expression { $$ = B(ac_build_cond(P, $1, NULL, $4, @$)); }
	| assignment_expression '=' assignment_expression { $$ = B(ac_build_binary(P, EX_ASSIGN, '=', @2, $1, $3, @$)); }
	| assignment_expression MUL_ASSIGN assignment_expression { $$ = B(ac_build_binary(P, EX_ASSIGN, MUL_ASSIGN, @2, $1, $3, @$)); }
	| assignment_expression DIV_ASSIGN assignment_expression { $$ = B(ac_build_binary(P, EX_ASSIGN, DIV_ASSIGN, @2, $1, $3, @$)); }
	| assignment_expression MOD_ASSIGN assignment_expression { $$ = B(ac_build_binary(P, EX_ASSIGN, MOD_ASSIGN, @2, $1, $3, @$)); }
	| assignment_expression ADD_ASSIGN assignment_expression { $$ = B(ac_build_binary(P, EX_ASSIGN, ADD_ASSIGN, @2, $1, $3, @$)); }
	| assignment_expression SUB_ASSIGN assignment_expression { $$ = B(ac_build_binary(P, EX_ASSIGN, SUB_ASSIGN, @2, $1, $3, @$)); }
	| assignment_expression LEFT_ASSIGN assignment_expression { $$ = B(ac_build_binary(P, EX_ASSIGN, LEFT_ASSIGN, @2, $1, $3, @$)); }
	| assignment_expression RIGHT_ASSIGN assignment_expression { $$ = B(ac_build_binary(P, EX_ASSIGN, RIGHT_ASSIGN, @2, $1, $3, @$)); }
	| assignment_expression AND_ASSIGN assignment_expression { $$ = B(ac_build_binary(P, EX_ASSIGN, AND_ASSIGN, @2, $1, $3, @$)); }
	| assignment_expression XOR_ASSIGN assignment_expression { $$ = B(ac_build_binary(P, EX_ASSIGN, XOR_ASSIGN, @2, $1, $3, @$)); }
	| assignment_expression OR_ASSIGN assignment_expression { $$ = B(ac_build_binary(P, EX_ASSIGN, OR_ASSIGN, @2, $1, $3, @$)); }
	;

argument_list
	: assignment_expression                 { $$ = B(ac_args_append(P, NULL, $1)); }
	| argument_list ',' assignment_expression { $$ = B(ac_args_append(P, $1, $3)); }
	;

expression
	: assignment_expression
	| expression ',' assignment_expression  { $$ = ac_build_binary(P, EX_COMMA, ',', @2, $1, $3, @$); }
	;

expression_opt
	: %empty                                { $$ = NULL; }
	| expression
	;

constant_expression
	: assignment_expression                 { $$ = ac_build_constant(P, $1); }
	;

/* --------------------------------------------------------- declarations */

declaration
	: decl_start ';'                        { $$ = ac_build_declaration(P, $1, NULL, @$); }
	| decl_start init_declarator_list ';'   { $$ = ac_build_declaration(P, $1, $2, @$); }
	| static_assert_declaration             { $$ = ac_build_stmt(P, ST_OTHER, @$); }
	;

/* (from the three forms, not declaration_specifiers: a reduction fewer
 * for each declaration) */
decl_start
	: ds_typed                              { ac_decl_begin(P, $1); $$ = $1; }
	| ds_tdname                             { ac_decl_begin(P, $1); $$ = $1; }
	| ds_none                               { ac_decl_begin(P, $1); $$ = $1; }
	;

static_assert_declaration
	: STATIC_ASSERT '(' constant_expression ',' string_literal ')' ';'
	| STATIC_ASSERT '(' constant_expression ')' ';'
	;

/* Specifiers that are not a type: storage classes and function specifiers
 * straight here (a reduction fewer each), the qualifiers, which pointers
 * take too, through type_qualifier. */
ds_other
	: TYPEDEF       { $$ = TYPEDEF; }
	| EXTERN        { $$ = EXTERN; }
	| STATIC        { $$ = STATIC; }
	| THREAD_LOCAL  { $$ = THREAD_LOCAL; }
	| AUTO          { $$ = AUTO; }
	| REGISTER      { $$ = REGISTER; }
	| INLINE        { $$ = INLINE; }
	| NORETURN      { $$ = NORETURN; }
	| type_qualifier
	| ALIGNAS '(' type_name ')'             { $$ = ALIGNAS; }
	| ALIGNAS '(' constant_expression ')'   { $$ = ALIGNAS; }
	| ATTRIBUTE                             { $$ = ATTRIBUTE; }
	| STD_ATTRIBUTE                         { $$ = ATTRIBUTE; }
	| ASYNC                                 { $$ = ASYNC; }
	;

ds_none
	: ds_other                              { $$ = ac_dspec_add(P, NULL, $1, @1); }
	| ds_none ds_other                      { $$ = ac_dspec_add(P, $1, $2, @2); }
	;

ds_typed
	: type_specifier                        { $$ = ac_dspec_add(P, NULL, $1, @1); }
	| ds_none type_specifier                { $$ = ac_dspec_add(P, $1, $2, @2); }
	| ds_typed type_specifier               { $$ = ac_dspec_add(P, $1, $2, @2); }
	| ds_typed ds_other                     { $$ = ac_dspec_add(P, $1, $2, @2); }
	;

ds_tdname
	: TYPEDEF_NAME                          { $$ = ac_dspec_add(P, NULL, TYPEDEF_NAME, @1); }
	| ds_none TYPEDEF_NAME                  { $$ = ac_dspec_add(P, $1, TYPEDEF_NAME, @2); }
	| ds_tdname ds_other                    { $$ = ac_dspec_add(P, $1, $2, @2); }
	;

declaration_specifiers
	: ds_typed
	| ds_tdname
	| ds_none
	;

/* GNU attributes may begin a declarator after the comma; they belong to
 * it alone. */
init_declarator_list
	: init_declarator                       { $$ = ac_init_decl_append(NULL, $1); }
	| init_declarator_list ',' init_declarator { $$ = ac_init_decl_append($1, $3); }
	| init_declarator_list ',' attributes init_declarator { $$ = ac_init_decl_append($1, $4); }
	;

attributes
	: ATTRIBUTE
	| STD_ATTRIBUTE
	| attributes ATTRIBUTE
	| attributes STD_ATTRIBUTE
	;

init_declarator
	: declarator_declared                   { $$ = ac_build_init_decl(P, $1, NULL, @1, false); }
	| declarator_declared '=' assignment_expression { $$ = ac_build_init_decl(P, $1, $3, @3, false); }
	| declarator_declared '=' braced_initializer { $$ = ac_build_init_decl(P, $1, NULL, @3, true); }
	;

/* A declarator whose name enters the current scope before its initializer. */
declarator_declared
	: declarator                            { $$ = ac_declare(P, $1); }
	| declarator asm_attributes             { $$ = ac_declare(P, $1); }
	;

/* An asm label, attributes, or both, after a declarator: without empty
 * rules for the declarators that have neither, which are most. */
asm_attributes
	: ASM
	| ASM attributes
	| attributes
	;

attributes_opt
	: %empty
	| attributes_opt ATTRIBUTE
	| attributes_opt STD_ATTRIBUTE
	;

type_specifier
	: VOID          { $$ = VOID; }
	| CHAR          { $$ = CHAR; }
	| SHORT         { $$ = SHORT; }
	| INT           { $$ = INT; }
	| LONG          { $$ = LONG; }
	| FLOAT         { $$ = FLOAT; }
	| DOUBLE        { $$ = DOUBLE; }
	| SIGNED        { $$ = SIGNED; }
	| UNSIGNED      { $$ = UNSIGNED; }
	| BOOL          { $$ = BOOL; }
	| COMPLEX       { $$ = COMPLEX; }
	| IMAGINARY     { $$ = IMAGINARY; }
	| INT128        { $$ = INT128; }
	| FLOATN        { $$ = FLOATN; }
	| VA_LIST       { $$ = VA_LIST; }
	| AUTO_TYPE     { $$ = AUTO_TYPE; }
	| struct_or_union_specifier { $$ = STRUCT; }
	| enum_specifier            { $$ = ENUM; }
	| TYPEOF '(' expression ')' { ac_typeof_operand(P, $3); ac_typeof_expr(P, $3); ac_typeof_vla(P, $3, @3); $$ = TYPEOF; }
	| TYPEOF '(' type_name ')'  { ac_typeof_vla(P, NULL, @3); $$ = TYPEOF; }
	| ATOMIC '(' type_name ')'  { $$ = AC_ATOMIC_SPECIFIER; }
	;

struct_or_union_specifier
	: struct_or_union attributes_opt '{' struct_body '}' { ac_struct_specified(P, $4, @$, @3, @5); }
	| struct_or_union attributes_opt any_identifier '{' struct_body '}' { ac_struct_defined(P, $3, @3, $5, @$, @4, @6); }
	| struct_or_union attributes_opt any_identifier { ac_struct_named(P, $3, @3); }
	;

any_identifier_opt
	: %empty                                { $$ = NULL; }
	| any_identifier
	;

struct_or_union
	: STRUCT
	| UNION
	;

/* GCC accepts the last member without its ';' (with a warning). */
/* Their values: has the struct a member C cannot assign (const, or of a
 * type that has one)?  For members, the kinds of object they declare. */
struct_body
	: struct_declaration_list_opt
	| struct_declaration_list_opt declaration_specifiers struct_declarator_list
						{ $$ = $1 | ac_member_declaration(P, $2, $3); }
	;

struct_declaration_list_opt
	: %empty                                { $$ = 0; }
	| struct_declaration_list_opt struct_declaration { $$ = $1 | $2; }
	;

struct_declaration
	: declaration_specifiers ';'            { $$ = ac_member_declaration(P, $1, AC_MEMBER_OBJECT); }
	| declaration_specifiers struct_declarator_list ';' { $$ = ac_member_declaration(P, $1, $2); }
	| static_assert_declaration             { $$ = 0; }
	| EXTENSION struct_declaration          { $$ = $2; }
	| ';'                                   { $$ = 0; }
	;

struct_declarator_list
	: struct_declarator
	| struct_declarator_list ',' struct_declarator { $$ = $1 | $3; }
	;

struct_declarator
	: declarator                            { $$ = ac_member_declarator(P, $1); }
	| declarator attributes                 { $$ = ac_member_declarator(P, $1); }
	| ':' constant_expression attributes_opt { (void)$2; $$ = 0; }
	| declarator ':' constant_expression attributes_opt { (void)$3; $$ = ac_member_declarator(P, $1); }
	;

enum_specifier
	: ENUM attributes_opt any_identifier_opt '{' enumerator_list '}' attributes_opt
						{ ac_enum_defined(P, $3, @3, @$, @4, @6); }
	| ENUM attributes_opt any_identifier_opt '{' enumerator_list ',' '}' attributes_opt
						{ ac_enum_defined(P, $3, @3, @$, @4, @7); }
	| ENUM attributes_opt any_identifier
	;

enumerator_list
	: enumerator
	| enumerator_list ',' enumerator
	;

enumerator
	: any_identifier attributes_opt          { ac_enum_constant(P, $1, @1); }
	| any_identifier attributes_opt '=' constant_expression { ac_enum_constant(P, $1, @1); }
	;

type_qualifier
	: CONST         { $$ = CONST; }
	| RESTRICT      { $$ = RESTRICT; }
	| VOLATILE      { $$ = VOLATILE; }
	| ATOMIC        { $$ = ATOMIC; }
	;

declarator
	: direct_declarator
	| pointer direct_declarator             { $$ = ac_declarator_pointer(P, $2, @$); }
	;

direct_declarator
	: IDENTIFIER                            { $$ = ac_build_declarator_name(P, $1, @$); }
	| TYPEDEF_NAME                          { $$ = ac_build_declarator_name(P, $1, @$); }
	| '(' declarator ')'                    { $$ = ac_declarator_paren(P, $2, @$); }
	| direct_declarator STD_ATTRIBUTE       { $$ = ac_declarator_paren(P, $1, @$); }
	| direct_declarator '[' array_size ']'  { $$ = ac_declarator_array(P, $1, $3, @$); }
	| direct_declarator params_open parameter_type_list ')' { $$ = ac_declarator_function(P, $1, $3, false, @$); }
	| direct_declarator params_open ')'     { $$ = ac_declarator_function(P, $1, NULL, false, @$); }
	| direct_declarator params_open identifier_list ')' { $$ = ac_declarator_function(P, $1, $3, true, @$); }
	;

params_open
	: '('
	;

array_size
	: type_qualifier_list_opt               { $$ = NULL; }
	| type_qualifier_list_opt assignment_expression { $$ = $2; }
	| STATIC type_qualifier_list_opt assignment_expression { $$ = $3; }
	| type_qualifier_list STATIC assignment_expression { $$ = $3; }
	| type_qualifier_list_opt '*'           { $$ = NULL; }
	;

pointer
	: '*'                                   { $$ = NULL; }
	| '*' type_qualifier_list               { $$ = NULL; }
	| '*' pointer                           { $$ = NULL; }
	| '*' type_qualifier_list pointer       { $$ = NULL; }
	;

type_qualifier_list_opt
	: %empty
	| type_qualifier_list
	;

type_qualifier_list
	: type_qualifier
	| ATTRIBUTE
	| STD_ATTRIBUTE
	| type_qualifier_list type_qualifier
	| type_qualifier_list ATTRIBUTE
	| type_qualifier_list STD_ATTRIBUTE
	;

parameter_type_list
	: parameter_list
	| parameter_list ',' ELLIPSIS           { $$ = ac_params_variadic(P, $1, @3); }
	| parameter_forward_list parameter_list { $$ = $2; }
	| parameter_forward_list parameter_list ',' ELLIPSIS { $$ = ac_params_variadic(P, $2, @4); }
	;

/* GNU's parameter forward declarations, `void f(int n; int n, int a[n])`:
 * they declare no parameter. */
parameter_forward_list
	: parameter_list ';'
	| parameter_forward_list parameter_list ';'
	;

parameter_list
	: parameter_declaration                 { $$ = ac_param_append(NULL, $1); }
	| parameter_list ',' parameter_declaration { $$ = ac_param_append($1, $3); }
	;

parameter_declaration
	: declaration_specifiers declarator     { $$ = ac_build_param(P, $1, $2, @$); }
	| declaration_specifiers declarator attributes { $$ = ac_build_param(P, $1, $2, @$); }
	| declaration_specifiers abstract_declarator { $$ = ac_build_param(P, $1, $2, @$); }
	| declaration_specifiers                { $$ = ac_build_param(P, $1, NULL, @$); }
	;

identifier_list
	: IDENTIFIER                            { $$ = ac_param_append(NULL, ac_build_knr_param(P, $1, @1)); }
	| identifier_list ',' IDENTIFIER        { $$ = ac_param_append($1, ac_build_knr_param(P, $3, @3)); }
	;

type_name
	: declaration_specifiers                { $$ = NULL; ac_type_name(P, $1, false, @$); }
	| declaration_specifiers abstract_declarator { $$ = NULL; ac_type_name(P, $1, true, @$); }
	;

abstract_declarator
	: pointer                               { $$ = NULL; }
	| direct_abstract_declarator
	| pointer direct_abstract_declarator    { $$ = NULL; }
	;

direct_abstract_declarator
	: '(' abstract_declarator ')'           { $$ = NULL; }
	| '[' array_size ']'                    { $$ = NULL; ac_abstract_bound(P, $2, @2); }
	| direct_abstract_declarator '[' array_size ']' { $$ = NULL; ac_abstract_bound(P, $3, @3); }
	| params_open parameter_type_list ')'   { $$ = NULL; }
	| params_open ')'                       { $$ = NULL; }
	| direct_abstract_declarator params_open parameter_type_list ')' { $$ = NULL; }
	| direct_abstract_declarator params_open ')' { $$ = NULL; }
	;

braced_initializer
	: '{' initializer_list_opt '}'
	| '{' initializer_list ',' '}'
	;

initializer
	: assignment_expression                 { ac_initializer_expr(P, $1); }
	| braced_initializer
	;

initializer_list_opt
	: %empty
	| initializer_list
	;

initializer_list
	: designated_initializer
	| initializer_list ',' designated_initializer
	;

/* `name: value` is GNU's old form of `.name = value`. */
designated_initializer
	: initializer
	| designator_list '=' initializer
	| IDENTIFIER ':' initializer
	;

designator_list
	: designator
	| designator_list designator
	;

designator
	: '[' constant_expression ']'
	| '[' constant_expression ELLIPSIS constant_expression ']'
	| '.' any_identifier
	;

/* ----------------------------------------------------------- statements */

statement
	: labeled_statement
	| compound_statement
	| expression_statement
	| selection_statement
	| iteration_statement
	| jump_statement
	| asm_statement
	;

labeled_statement
	: IDENTIFIER ':' statement              { $$ = ac_build_labeled(P, ST_LABEL, $1, NULL, $3, @$); }
	| CASE constant_expression ':' statement { $$ = ac_build_labeled(P, ST_CASE, NULL, $2, $4, @$); }
	| CASE constant_expression ELLIPSIS constant_expression ':' statement { $$ = ac_build_labeled(P, ST_CASE, NULL, $2, $6, @$); }
	| DEFAULT ':' statement                 { $$ = ac_build_labeled(P, ST_DEFAULT, NULL, NULL, $3, @$); }
	;

compound_statement
	: block_open block_item_list '}'        { $$ = ac_build_compound(P, $2, @$); }
	| block_open '}'                        { $$ = ac_build_compound(P, NULL, @$); }
	;

block_open
	: '{'                                   { ac_block_begin(P); }
	;

block_item_list
	: block_item                            { $$ = ac_stmt_append(NULL, $1); }
	| block_item_list block_item            { $$ = ac_stmt_append($1, $2); }
	;

/* The kinds of statement are listed here again, rather than `statement`,
 * and an expression statement's two forms too: a reduction or two fewer
 * per statement. */
block_item
	: declaration
	| EXTENSION declaration                 { $$ = $2; }
	| labeled_statement
	| compound_statement
	| ';'                                   { $$ = ac_build_stmt(P, ST_EMPTY, @$); }
	| assignment_expression ';'             { $$ = ac_build_expr_stmt(P, $1, @$); }
	| expression ';'                        { $$ = ac_build_expr_stmt(P, $1, @$); }
	| selection_statement
	| iteration_statement
	| jump_statement
	| asm_statement
	| LABEL identifier_list ';'             { $$ = ac_build_stmt(P, ST_OTHER, @$); }
	| function_definition                   { $$ = ac_nested_function(P, @$); }
	| labeled_declaration
	| labels_at_end
	;

/* Labels before a declaration (`l: int x;`, `case 0: [[fallthrough]];`,
 * `default: __attribute__((fallthrough));`, `case 1: case 2: T y;`), which
 * GCC accepts in a block: an attribute alone with its ';' is a
 * declaration here. */
labeled_declaration
	: IDENTIFIER ':' label_decl_end         { $$ = ac_build_labeled(P, ST_LABEL, $1, NULL, $3, @$); }
	| CASE constant_expression ':' label_decl_end { $$ = ac_build_labeled(P, ST_CASE, NULL, $2, $4, @$); }
	| CASE constant_expression ELLIPSIS constant_expression ':' label_decl_end { $$ = ac_build_labeled(P, ST_CASE, NULL, $2, $6, @$); }
	| DEFAULT ':' label_decl_end            { $$ = ac_build_labeled(P, ST_DEFAULT, NULL, NULL, $3, @$); }
	;

label_decl_end
	: declaration
	| EXTENSION declaration                 { $$ = $2; }
	| labeled_declaration
	;

/* Labels just before the '}' of a block (`l: }`, `default: }`), which GCC
 * accepts: the lexer sends LABEL_END between such a ':' and the '}'. */
labels_at_end
	: IDENTIFIER ':' label_end              { $$ = ac_build_labeled(P, ST_LABEL, $1, NULL, $3, @$); }
	| CASE constant_expression ':' label_end { $$ = ac_build_labeled(P, ST_CASE, NULL, $2, $4, @$); }
	| CASE constant_expression ELLIPSIS constant_expression ':' label_end { $$ = ac_build_labeled(P, ST_CASE, NULL, $2, $6, @$); }
	| DEFAULT ':' label_end                 { $$ = ac_build_labeled(P, ST_DEFAULT, NULL, NULL, $3, @$); }
	;

label_end
	: LABEL_END                             { $$ = ac_build_stmt(P, ST_EMPTY, @$); }
	| labels_at_end
	;

expression_statement
	: ';'                                   { $$ = ac_build_stmt(P, ST_EMPTY, @$); }
	| expression ';'                        { $$ = ac_build_expr_stmt(P, $1, @$); }
	;

selection_statement
	: IF '(' expression ')' body %prec THEN { $$ = ac_build_if(P, $3, $5, NULL, @$); }
	| IF '(' expression ')' body ELSE body  { $$ = ac_build_if(P, $3, $5, $7, @$); }
	| SWITCH '(' expression ')' body        { $$ = ac_build_loop(P, ST_SWITCH, $3, $5, @$); }
	;

iteration_statement
	: WHILE '(' expression ')' body         { $$ = ac_build_loop(P, ST_WHILE, $3, $5, @$); }
	| DO body WHILE '(' expression ')' ';'  { $$ = ac_build_loop(P, ST_DO, $5, $2, @$); }
	| for_open for_init expression_opt ';' expression_opt ')' body { $$ = ac_build_for(P, $2, NULL, $3, $5, $7, @$); }
	;

/* The body of an if, else, switch, while, do or for.  GCC reads GNU
 * attributes there as an empty statement of their own: with the ';' that
 * follows them (`else __attribute__((fallthrough));`, kept as written),
 * or, before anything else, alone, what follows being the next item of
 * the enclosing block (`if (x) __attribute__((unused)) n++;` increments n
 * whatever x is; GCC warns).  C2x attributes before a statement do not
 * reach the parser (see fold_brackets in lexer.c), but before a
 * declaration they do, and the declaration is then the error, as GCC
 * says. */
body
	: statement
	| gnu_attributes ';'                    { $$ = ac_build_stmt(P, ST_OTHER, @$); }
	| gnu_attributes                        { $$ = ac_build_stmt(P, ST_EMPTY, @$); }
	| std_attributes statement              { $$ = ac_build_attributed(P, $2, @$); }
	;

gnu_attributes
	: ATTRIBUTE
	| gnu_attributes ATTRIBUTE
	;

std_attributes
	: STD_ATTRIBUTE
	| std_attributes STD_ATTRIBUTE
	;

for_open
	: FOR '('                               { ac_block_begin(P); }
	;

for_init
	: expression_opt ';'                    { $$ = ac_build_expr_stmt(P, $1, @$); }
	| declaration
	;

jump_statement
	: GOTO any_identifier ';'               { $$ = ac_build_jump(P, ST_GOTO, $2, NULL, @$); }
	| GOTO '*' expression ';'               { $$ = ac_build_jump(P, ST_GOTO, NULL, $3, @$); }
	| CONTINUE ';'                          { $$ = ac_build_jump(P, ST_CONTINUE, NULL, NULL, @$); }
	| BREAK ';'                             { $$ = ac_build_jump(P, ST_BREAK, NULL, NULL, @$); }
	| RETURN expression_opt ';'             { $$ = ac_build_jump(P, ST_RETURN, NULL, $2, @$); }
	;

asm_statement
	: ASM ';'                               { $$ = ac_build_asm(P, @$); }
	;

/* ------------------------------------------------------------ functions */

function_definition
	: decl_start declarator_declared fn_body { ac_function_end(P, $3, @$); }
	| decl_start declarator_declared knr_start knr_declaration_list
	  { P->pending_decl = $2; /* not the last K&R parameter's */ }
	  fn_body { ac_function_end(P, $6, @$); }
	;

/* Old C's implicit int at file scope, which GCC accepts with a warning:
 * `main() { ... }`, `f(x) int x; { ... }`, `x;`, `*p, q[2];`. */
implicit_int_declaration
	: implicit_start declarator_declared fn_body { ac_function_end(P, $3, ac_loc_span(@2, @3)); }
	| implicit_start declarator_declared knr_start knr_declaration_list
	  { P->pending_decl = $2; }
	  fn_body { ac_function_end(P, $6, ac_loc_span(@2, @6)); }
	| implicit_start init_declarator_list ';' { ac_decl_toplevel(P, ac_build_declaration(P, $1, $2, ac_loc_span(@2, @3))); }
	;

/* No specifier at all: the next token begins a declarator. */
implicit_start
	: %empty                                { $$ = ac_dspec_implicit(P, yylloc); ac_decl_begin(P, $$); }
	;

/* Declarations between `)` and `{` only follow a K&R parameter list; after
 * any other declarator the ';' is missing, which is what GCC says. */
knr_start
	: %empty                                { if (yychar != YYEMPTY && !ac_knr_allowed(P, yychar, yylloc)) YYERROR; }
	;

knr_declaration_list
	: declaration                           { (void)$1; }
	| knr_declaration_list declaration      { (void)$2; }
	;

fn_body
	: fn_open block_item_list '}'           { $$ = ac_build_body(P, $2, @$); }
	| fn_open '}'                           { $$ = ac_build_body(P, NULL, @$); }
	;

fn_open
	: '{'                                   { ac_function_begin(P); }
	;

%%

/* Does the parser, in this state, accept the start of an expression?
 * Asked by shifting a constant in a copy of the state: cheaper to approximate
 * from the expected-token list, which lists CONSTANT exactly when an
 * expression may begin. */
static bool ac_expects_expression(const yypcontext_t *ctx)
{
	yysymbol_kind_t all[YYNTOKENS];
	int n = yypcontext_expected_tokens(ctx, all, YYNTOKENS);
	for (int i = 0; i < n; i++)
		if (all[i] == YYSYMBOL_CONSTANT)
			return true;
	return false;
}

/* "expected X before Y": GCC's form, from the tokens this state accepts. */
static int
yyreport_syntax_error(const yypcontext_t *ctx, struct ac_parser *P)
{
	yysymbol_kind_t expected[8];
	int n = yypcontext_expected_tokens(ctx, expected, 8);
	yysymbol_kind_t got = yypcontext_token(ctx);
	const YYLTYPE *loc = yypcontext_location(ctx);
	int kinds[8];
	const char *names[8];
	if (n < 0)
		n = 0; /* more than 8: described by category */
	for (int i = 0; i < n; i++) {
		kinds[i] = expected[i];
		names[i] = yysymbol_name(expected[i]);
	}
	/* ',' or ';' ends an init-declarator ("expected ',' or ';'", as GCC
	 * says); after an expression statement or a return value GCC says
	 * "expected ';'". */
	if (n == 2 && yystos[*ctx->yyssp] != YYSYMBOL_init_declarator_list &&
	    ((!strcmp(names[0], "';'") && !strcmp(names[1], "','")) ||
	     (!strcmp(names[0], "','") && !strcmp(names[1], "';'")))) {
		int semi = names[0][1] == ';' ? 0 : 1;
		kinds[0] = kinds[semi];
		names[0] = names[semi];
		n = 1;
	}
	ac_report_syntax_error(P, *loc, got == YYSYMBOL_YYEOF,
			       got == YYSYMBOL_LABEL_END ? "'}'" : yysymbol_name(got),
			       kinds, names, n, yypcontext_expected_tokens(ctx, NULL, 0) > 0 && ac_expects_expression(ctx));
	return 0;
}

static void yyerror(YYLTYPE *loc, struct ac_parser *P, const char *msg)
{
	ac_parser_error_at(P, loc->start, loc->end, "%s", msg);
}

