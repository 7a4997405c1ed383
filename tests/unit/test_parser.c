/* test_parser.c - C17 and the GNU extensions real headers use, parsed from
 * memory; and the errors the parser reports. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "parse.h"
#include "parser.h"
#include "lexer.h"
#include "source.h"

struct result {
	int nerrors;
	char *diags; /* everything printed */
};

static struct result parse_text(const char *name, const char *text)
{
	struct result r = { 0, NULL };
	size_t len = 0;
	FILE *f = open_memstream(&r.diags, &len);
	struct ac_source src;
	struct ac_unit u;
	struct ac_parser P;
	struct ac_diag d;
	ac_diag_init(&d, f, false);
	ac_source_init_text(&src, name, text, strlen(text));
	ac_unit_init(&u);
	ac_parser_init(&P, &u, &src, &d);
	r.nerrors = ac_parse(&P);
	ac_parser_free(&P);
	ac_unit_free(&u);
	ac_source_free(&src);
	ac_diag_free(&d);
	fclose(f);
	return r;
}

struct snippet {
	const char *name, *text;
};

/* Each must parse without a diagnostic. */
static const struct snippet good[] = {
	{ "attribute everywhere",
	  "__attribute__((visibility(\"default\"))) int a;\n"
	  "int __attribute__((aligned(8))) b;\n"
	  "int c __attribute__((unused)) = 1, d __attribute__((unused));\n"
	  "struct __attribute__((packed)) s { int x __attribute__((aligned(4))); } __attribute__((may_alias));\n"
	  "enum __attribute__((flag_enum)) e { E1 __attribute__((deprecated)) = 1, E2 } __attribute__((packed));\n"
	  "void f(int p __attribute__((unused)), int *__attribute__((nonnull)) q) __attribute__((noreturn));\n"
	  "int *__attribute__((aligned(8))) const ptr;\n"
	  "void g(void) { __attribute__((unused)) int x; L: __attribute__((unused)); int y __attribute__((cleanup(h))); }\n"
	  "static __inline__ __attribute__((always_inline)) int h2(void) { return 0; }\n"
	  "__attribute((noinline)) void f3(void);\n" },
	{ "__extension__",
	  "__extension__ typedef long long ll;\n"
	  "__extension__ struct s { __extension__ union { int a; float b; }; };\n"
	  "int f(void) { __extension__ int x = __extension__ 0; return __extension__ ({ x; }); }\n" },
	{ "asm statements and labels",
	  "int counter asm(\"real_counter\");\n"
	  "extern int f(int) __asm__(\"f_impl\") __attribute__((const));\n"
	  "asm(\".globl marker\");\n"
	  "void g(int x) {\n"
	  "  asm(\"nop\");\n"
	  "  __asm__ __volatile__(\"mov %1, %0\" : \"=r\"(x) : \"r\"(x) : \"memory\");\n"
	  "  asm volatile goto(\"jmp %l0\" :::: out);\n"
	  "  __asm__ inline(\"\");\n"
	  "  register int r asm(\"eax\") = 0;\n"
	  "out: (void)r;\n"
	  "}\n" },
	{ "typeof",
	  "int a; typeof(a) b; __typeof__(int *) c; __typeof(a + 1) d;\n"
	  "void f(void) { typeof(&a) p = &a; __typeof__(*p) q = *p; (void)q; }\n"
	  "#define max(x, y) ({ typeof(x) _x = (x); _x > (y) ? _x : (y); })\n"
	  "typeof_unqual(const int) e;\n" },
	{ "statement expressions",
	  "int f(int a) { int b = ({ int t = a * 2; t + 1; }); return ({ b; }) + ({ ; 0; }); }\n"
	  "int g(void) { return ({ }), 0; }\n" },
	{ "GNU builtins",
	  "typedef __builtin_va_list va_list;\n"
	  "struct s { int a; struct { int b[4]; } in; };\n"
	  "int f(int n, ...) { va_list ap; __builtin_va_start(ap, n); int x = __builtin_va_arg(ap, int);\n"
	  "  char *p = __builtin_va_arg(ap, char *); __builtin_va_end(ap); (void)p; return x; }\n"
	  "unsigned long o = __builtin_offsetof(struct s, in.b[2]);\n"
	  "int c = __builtin_types_compatible_p(int, const int);\n"
	  "int d = __builtin_types_compatible_p(struct s *, typeof(&(struct s){0}));\n"
	  "int e = __builtin_expect(1, 0);\n" },
	{ "_Generic",
	  "#define type_name(x) _Generic((x), int: \"int\", char *: \"string\", default: \"other\")\n"
	  "const char *n = _Generic(1.0, float: \"f\", double: \"d\", default: \"?\");\n"
	  "int f(int x) { return _Generic(x, int: 1, long: 2); }\n" },
	{ "_Static_assert",
	  "_Static_assert(sizeof(int) >= 2, \"int too small\");\n"
	  "_Static_assert(1);\n"
	  "static_assert(1, \"c2x spelling\");\n"
	  "struct s { int a; _Static_assert(1, \"in a struct\"); };\n"
	  "void f(void) { _Static_assert(1, \"in a block\"); }\n" },
	{ "_Alignas and _Alignof",
	  "_Alignas(16) char buf[64];\n"
	  "_Alignas(double) int x;\n"
	  "struct s { _Alignas(8) int a; };\n"
	  "unsigned long a1 = _Alignof(long), a2 = __alignof__(struct s), a3 = __alignof__ x;\n" },
	{ "_Atomic both forms",
	  "_Atomic int a;\n"
	  "_Atomic(int) b;\n"
	  "_Atomic(int *) c;\n"
	  "int *_Atomic d;\n"
	  "_Atomic(struct s *) e;\n"
	  "void f(_Atomic(long) *p, _Atomic unsigned q);\n" },
	{ "_Thread_local and __thread",
	  "_Thread_local int a;\n"
	  "static __thread int b;\n"
	  "extern _Thread_local int c;\n"
	  "void f(void) { static _Thread_local int d; (void)d; }\n" },
	{ "__int128",
	  "__int128 a; unsigned __int128 b; __int128_t c; __uint128_t d; signed __int128 e;\n"
	  "typedef unsigned __int128 u128;\n" },
	{ "_Complex",
	  "_Complex double a; double _Complex b; float __complex__ c; long double _Complex d;\n"
	  "double f(double _Complex z) { return __real__ z + __imag__ z; }\n"
	  "_Complex float g = 1.0if;\n" },
	{ "K&R definitions",
	  "int add(a, b) int a; int b; { return a + b; }\n"
	  "char *copy(dst, src, n) char *dst; const char *src; unsigned n; { while (n--) *dst++ = *src++; return dst; }\n"
	  "int noargs() { return 0; }\n"
	  "int decl();\n" },
	{ "designated initializers and ranges",
	  "struct p { int x, y; int a[4]; };\n"
	  "struct p v = { .x = 1, .y = 2, .a = { [0] = 1, [2 ... 3] = 7 } };\n"
	  "int arr[10] = { [1 ... 3] = 5, [7] = 1, 2, };\n"
	  "struct p w = { .a[1] = 3, .x = 0 };\n"
	  "struct p m[2] = { [0].x = 1, [1] = { .y = 2 } };\n" },
	{ "compound literals",
	  "struct p { int x, y; };\n"
	  "struct p *q = &(struct p){ 1, 2 };\n"
	  "int f(void) { int *a = (int[]){ 1, 2, 3, }; return ((struct p){ .y = 4 }).y + a[0] + (int){0}; }\n" },
	{ "bit-fields",
	  "struct flags { unsigned a : 1, b : 3; int : 0; signed c : 2 __attribute__((packed)); _Bool d : 1; };\n" },
	{ "case ranges",
	  "int cls(int c) { switch (c) { case '0' ... '9': return 1; case 'a' ... 'z': case 'A' ... 'Z': return 2; default: return 0; } }\n" },
	{ "labels as values",
	  "int f(int i) { static void *tab[] = { &&l1, &&l2 }; void *p = tab[i];\n"
	  "  goto *p; l1: return 1; l2: return 2; }\n"
	  "int g(void) { __label__ out; goto *&&out; out: return 0; }\n" },
	{ "deep nested declarators",
	  "int (*(*f)(int))[3];\n"
	  "void (*signal(int, void (*)(int)))(int);\n"
	  "char *(*(*x[3])(void))[5];\n"
	  "int (*const *volatile restrict_ptr)(const char *restrict, ...);\n"
	  "typedef void (*handler)(int);\n"
	  "handler (*table)[4];\n"
	  "int g(int (*cmp)(const void *, const void *), int (*arr)[2]);\n"
	  "void h(void) { int (*(*fp)(int))[3] = f; (void)fp; int (*a)[3] = (*f)(1); (void)a; }\n" },
	{ "__restrict and __inline",
	  "void *memcpy(void *__restrict d, const void *__restrict__ s, unsigned long n);\n"
	  "static __inline int f(void) { return 0; }\n"
	  "static __inline__ int g(void) { return 0; }\n"
	  "inline int h(int *restrict p) { return *p; }\n" },
	{ "__auto_type",
	  "int f(void) { __auto_type x = 1; __auto_type p = &x; return *p; }\n" },
	{ "typedef-name redeclared as variable in an inner scope",
	  "typedef int T;\n"
	  "void f(void) { int T = 1; T++; }\n"
	  "T after_f;\n"
	  "void g(void) { T x = 0; { long T = x; T += 2; } T y = x; (void)y; }\n"
	  "void h(int T) { T = 2; }\n"
	  "T back_at_file_scope;\n" },
	{ "T T members and variables",
	  "typedef int T;\n"
	  "struct s { T T; T U; };\n"
	  "void f(void) { T T; T = 1; }\n"
	  "T g(T T) { return T; }\n"
	  "T ok;\n" },
	{ "typedef in for scope",
	  "typedef int T;\n"
	  "void f(void) { for (int T = 0; T < 3; T++) ; T x = 1; (void)x; }\n" },
	{ "async and await as ordinary identifiers",
	  "typedef struct uv_async_s uv_async_t;\n"
	  "void f(uv_async_t *async) { int await = 1; (void)async; (void)await; }\n"
	  "int async;\n"
	  "int g(int await) { return await + async; }\n"
	  "struct s { int async, await; };\n"
	  "int h(struct s *p) { return p->async + p->await; }\n"
	  "void cb(uv_async_t *async);\n"
	  "void k(void) { int async = 0; async++; int await = async; await = await * 2; }\n" },
	{ "libuv-like header",
	  "typedef struct uv_loop_s uv_loop_t;\n"
	  "typedef struct uv_async_s uv_async_t;\n"
	  "typedef void (*uv_async_cb)(uv_async_t* handle);\n"
	  "int uv_async_init(uv_loop_t*, uv_async_t* async, uv_async_cb async_cb);\n"
	  "int uv_async_send(uv_async_t* async);\n" },
	{ "async functions",
	  "int get(int);\n"
	  "async int fetch(int fd) { int n = await get(fd); return n + await get(n); }\n"
	  "async void run(void) { await fetch(1); }\n"
	  "static async int helper(void);\n" },
	{ "async K&R definition",
	  "int get(int);\n"
	  "async int f(a, b) int a; long b; { return await get(a) + (int)b; }\n" },
	{ "line markers are not tokens",
	  "# 1 \"x.c\"\n# 1 \"<built-in>\"\n# 1 \"x.c\"\n#pragma once\n#line 5\nint a;\n" },
	{ "literals",
	  "const char *s = \"a\" \"b\" L\"c\" u8\"d\";\n"
	  "int c = 'x' + '\\n' + L'y' + u'z' + U'w' + '\\x41' + '\\101';\n"
	  "double d = 1.5e3 + .5 + 1. + 0x1.8p3 + 1e-3f + 2.0L;\n"
	  "unsigned long long n = 0xffULL + 0777 + 0b101 + 10u + 1'000;\n" },
	{ "_Pragma and digraphs",
	  "_Pragma(\"GCC diagnostic push\") int a;\n"
	  "int b<:2:> = <% 1, 2 %>;\n" },
	{ "nested functions",
	  "int f(int x) { int g(int y) { return x + y; } return g(1); }\n" },
	{ "empty file", "" },
	{ "only comments", "/* a */ // b\n/* c\n d */\n" },
	{ "stray semicolons", ";;\nint a;;\nstruct s { int a;; };\n" },
	{ "dangling else", "int f(int a, int b) { if (a) if (b) return 1; else return 2; return 0; }\n" },
	{ "for, while, do", "void f(int n) { for (;;) break; for (int i = 0, j = 1; i < n; i++, j++) continue; while (n--) ; do n++; while (n < 3); }\n" },
	{ "enum constants shadow", "typedef int E; void f(void) { enum { E = 1 }; int x = E; (void)x; }\n" },
	{ "unnamed parameters", "void f(int, char *, void (*)(void), int [], int [static 3], int [const]);\n" },
	{ "VLA parameters", "void f(int n, int a[n][n], int b[*]);\n" },
};

START_TEST(test_good)
{
	const struct snippet *s = &good[_i];
	struct result r = parse_text("snippet.c", s->text);
	ck_assert_msg(r.nerrors == 0, "%s: %d errors:\n%s\n--- text:\n%s",
		      s->name, r.nerrors, r.diags, s->text);
	ck_assert_msg(r.diags[0] == '\0', "%s: diagnostics:\n%s", s->name, r.diags);
	free(r.diags);
}
END_TEST

struct bad {
	const char *name, *text;
	int nerrors;        /* exactly this many */
	const char *first;  /* the first diagnostic starts with this */
};

static const struct bad bad[] = {
	{ "missing ';'", "int f(void) {\n  int x = 1\n  return x;\n}\n", 1,
	  "t.c:3:3: error: expected ',' or ';' before 'return'\n" },
	{ "missing ';' before '}'", "int f(int x) {\n  return x\n}\n", 1,
	  "t.c:2:11: error: expected ';' before '}' token\n" },
	{ "missing ')'", "int f(int x) {\n  if (x > 1 {\n    return 1;\n  }\n  return 0;\n}\n", 1,
	  "t.c:2:12: error: expected ')' before '{' token\n" },
	{ "unclosed body", "int fetch(void) {\n  return 1;\n", 1,
	  "t.c:2:3: error: expected '}' to close the body of 'fetch' opened at line 1\n" },
	{ "unclosed inner block", "int f(int x) {\n  if (x) {\n    x++;\n}\n", 1,
	  "t.c:4:1: error: expected '}' to close the body of 'f' opened at line 1\n" },
	{ "unclosed parenthesis at end", "int x = (1 +\n", 1,
	  "t.c:1:1: error: expected ')' to close '(' opened at line 1:9\n" },
	{ "await outside async", "int get(int);\nint f(void) { return await get(1); }\n", 1,
	  "t.c:2:22: error: 'await' outside async function\n" },
	{ "unknown type name in a block", "void f(void) {\n  foo_t x;\n}\n", 1,
	  "t.c:2:3: error: unknown type name 'foo_t' (if a header declares it, pass its directory with -I, or --typedef foo_t)\n" },
	{ "unknown type name of a parameter", "void f(uv_async_t *async);\n", 1,
	  "t.c:1:8: error: unknown type name 'uv_async_t'" },
	{ "unknown type name at file scope", "static foo_t *p;\n", 1,
	  "t.c:1:8: error: unknown type name 'foo_t'" },
	{ "not an unknown type: an operand", "int f(int a, int b) { return a b; }\n", 1,
	  "t.c:1:31: error: expected ';' before 'b'\n" },
	{ "unterminated comment", "int a;\n/* no end\nint b;\n", 1,
	  "t.c:2:1: error: unterminated comment\n" },
	{ "unterminated comment in a body", "int f(void) {\n /* no end\n", 1,
	  "t.c:2:2: error: unterminated comment\n" },
	{ "unterminated string", "const char *s = \"abc;\nint b;\n", 1,
	  "t.c:1:17: error: missing terminating \" character\n" },
	{ "unterminated char", "int c = 'a;\n", 1,
	  "t.c:1:9: error: missing terminating ' character\n" },
	{ "stray characters", "int a = 1 ` ;\nint b = 2 \\ ;\n", 2,
	  "t.c:1:11: error: stray '`' in program\n" },
	{ "stray UTF-8 counted once", "int a \xe2\x80\x94;\n", 1,
	  "t.c:1:7: error: stray '\\342' in program\n" },
	{ "several errors, each once",
	  "int a(void) { return 1 }\n"
	  "int b(void) { return 2; }\n"
	  "int c(void) { int x = ; return x; }\n"
	  "int d(void) { return (4; }\n"
	  "int e(void) { return 5; }\n", 3,
	  "t.c:1:23: error: expected ';' before '}' token\n" },
	{ "errors right after recovery are reported",
	  "int g(x y) int x; { }\nstatic foo_t x;\n", 3,
	  "t.c:1:7: error: unknown type name 'x'" },
	{ "a body after a declarator that is not a function",
	  "async int x { return 1; }\nint (*fp)(void) { return 0; }\nint ok;\n", 2,
	  "t.c:1:13: error: expected '=', ',', ';', 'asm' or '__attribute__' before '{' token\n" },
	{ "keyword named in quotes", "int f(void) { int x = 1 while; }\n", 1,
	  "t.c:1:25: error: expected ',' or ';' before 'while'\n" },
	{ "operator named as a token", "int f(int *p) { return p ->; }\n", 1,
	  "t.c:1:28: error: expected identifier or type name before ';' token\n" },
};

START_TEST(test_bad)
{
	const struct bad *b = &bad[_i];
	struct result r = parse_text("t.c", b->text);
	ck_assert_msg(r.nerrors == b->nerrors, "%s: %d errors, expected %d:\n%s",
		      b->name, r.nerrors, b->nerrors, r.diags);
	ck_assert_msg(!strncmp(r.diags, b->first, strlen(b->first)),
		      "%s: expected a diagnostic starting\n%s\ngot\n%s", b->name,
		      b->first, r.diags);
	free(r.diags);
}
END_TEST

START_TEST(test_many_errors_stop)
{
	/* after max_errors the parser stops, and says nothing more */
	char *text = malloc(64 * 100 + 1);
	text[0] = '\0';
	for (int i = 0; i < 100; i++)
		strcat(text, "int f(void) { return 1 }\n");
	struct result r = parse_text("t.c", text);
	ck_assert_int_ge(r.nerrors, 20);
	size_t lines = 0;
	for (const char *p = r.diags; (p = strstr(p, ": error: ")); p++)
		lines++;
	ck_assert_uint_eq(lines, 20);
	free(r.diags);
	free(text);
}
END_TEST

START_TEST(test_deep_nesting)
{
	/* deeply nested parentheses and blocks neither crash nor fail */
	size_t depth = 2000;
	char *text = malloc(depth * 4 + 64);
	char *o = text;
	o += sprintf(o, "int f(int x) { return ");
	for (size_t i = 0; i < depth; i++)
		*o++ = '(';
	*o++ = 'x';
	for (size_t i = 0; i < depth; i++)
		*o++ = ')';
	o += sprintf(o, "; }\n");
	*o = '\0';
	struct result r = parse_text("t.c", text);
	ck_assert_msg(r.nerrors == 0, "%s", r.diags);
	free(r.diags);
	free(text);
}
END_TEST

/* `prefix` `depth` times `open`, `middle`, `depth` times `close`, `suffix`. */
static char *nested_text(const char *prefix, const char *open, size_t depth,
			 const char *middle, const char *close, const char *suffix)
{
	size_t lp = strlen(prefix), lo = strlen(open), lm = strlen(middle);
	size_t lc = strlen(close), ls = strlen(suffix);
	char *text = malloc(lp + depth * (lo + lc) + lm + ls + 1);
	ck_assert_ptr_nonnull(text);
	char *o = text;
	memcpy(o, prefix, lp), o += lp;
	for (size_t i = 0; i < depth; i++, o += lo)
		memcpy(o, open, lo);
	memcpy(o, middle, lm), o += lm;
	for (size_t i = 0; i < depth; i++, o += lc)
		memcpy(o, close, lc);
	memcpy(o, suffix, ls + 1);
	return text;
}

static void parses_nested(const char *prefix, const char *open, size_t depth,
			  const char *middle, const char *close, const char *suffix)
{
	char *text = nested_text(prefix, open, depth, middle, close, suffix);
	struct result r = parse_text("deep.ca", text);
	ck_assert_msg(r.nerrors == 0, "%.200s", r.diags);
	free(r.diags);
	free(text);
}

/* Deep nesting costs time in proportion to its depth (the tcase's timeout,
 * 20 s, fails what grows with its square: 60,000 parentheses in an async
 * function took 15 s, 12,000 nested struct members 18 s; all of it takes
 * 1.5 s now, 6 s in the sanitizer build), and a million parentheses at
 * file scope neither crash nor fail. */
START_TEST(test_nesting_linear)
{
	parses_nested("async int f(void) { int x = ", "(", 60000, "1", ")", "; return x; }\n");
	parses_nested("struct s { ", "struct { ", 12000, "int a;", " } m;", " };\n");
	parses_nested("int x = ", "(", 1000000, "1", ")", ";\n");
}
END_TEST

/* Tokens the scanner reads without its automaton when it can (integers,
 * literals, punctuators), next to the ones only the automaton reads:
 * each case, as the tokens it must give and their texts. */
struct tok {
	int kind;
	const char *text;
};

static const struct {
	const char *text;
	struct tok toks[10];
} token_cases[] = {
	{ "0x1fULL+1", { { CONSTANT, "0x1fULL" }, { '+', "+" }, { CONSTANT, "1" } } },
	{ "1u 1lu 0777 1LL", { { CONSTANT, "1u" }, { CONSTANT, "1lu" }, { CONSTANT, "0777" }, { CONSTANT, "1LL" } } },
	{ "123abc 0xg", { { CONSTANT, "123" }, { IDENTIFIER, "abc" }, { CONSTANT, "0" }, { IDENTIFIER, "xg" } } },
	{ "1'000 1.5e3f .5 1.", { { CONSTANT, "1'000" }, { CONSTANT, "1.5e3f" }, { CONSTANT, ".5" }, { CONSTANT, "1." } } },
	{ "0x1p3 1wb 1uwb", { { CONSTANT, "0x1p3" }, { CONSTANT, "1wb" }, { CONSTANT, "1uwb" } } },
	{ "'\\'' '\"' 'ab' L'y'", { { CONSTANT, "'\\''" }, { CONSTANT, "'\"'" }, { CONSTANT, "'ab'" }, { CONSTANT, "L'y'" } } },
	{ "\"a\\\"b\" \"\" u8\"x\"", { { STRING_LITERAL, "\"a\\\"b\"" }, { STRING_LITERAL, "\"\"" }, { STRING_LITERAL, "u8\"x\"" } } },
	{ "\"a\\\nb\" x", { { STRING_LITERAL, "\"a\\\nb\"" }, { IDENTIFIER, "x" } } },
	{ "a->b-->c", { { IDENTIFIER, "a" }, { PTR_OP, "->" }, { IDENTIFIER, "b" }, { DEC_OP, "--" }, { '>', ">" }, { IDENTIFIER, "c" } } },
	{ "a<<=b>>=c<=d", { { IDENTIFIER, "a" }, { LEFT_ASSIGN, "<<=" }, { IDENTIFIER, "b" }, { RIGHT_ASSIGN, ">>=" }, { IDENTIFIER, "c" }, { LE_OP, "<=" }, { IDENTIFIER, "d" } } },
	{ "a+++b&&c||d", { { IDENTIFIER, "a" }, { INC_OP, "++" }, { '+', "+" }, { IDENTIFIER, "b" }, { AND_OP, "&&" }, { IDENTIFIER, "c" }, { OR_OP, "||" }, { IDENTIFIER, "d" } } },
	{ "x...y..z", { { IDENTIFIER, "x" }, { ELLIPSIS, "..." }, { IDENTIFIER, "y" }, { '.', "." }, { '.', "." }, { IDENTIFIER, "z" } } },
	{ "<: :> <% %> %=", { { '[', "<:" }, { ']', ":>" }, { '{', "<%" }, { '}', "%>" }, { MOD_ASSIGN, "%=" } } },
	{ "a/ *p/=b/*c*/d//e\nf", { { IDENTIFIER, "a" }, { '/', "/" }, { '*', "*" }, { IDENTIFIER, "p" }, { DIV_ASSIGN, "/=" }, { IDENTIFIER, "b" }, { IDENTIFIER, "d" }, { IDENTIFIER, "f" } } },
	{ "a==b!=c^=d|=e", { { IDENTIFIER, "a" }, { EQ_OP, "==" }, { IDENTIFIER, "b" }, { NE_OP, "!=" }, { IDENTIFIER, "c" }, { XOR_ASSIGN, "^=" }, { IDENTIFIER, "d" }, { OR_ASSIGN, "|=" }, { IDENTIFIER, "e" } } },
};

/* A parser over `text`, its messages thrown away. */
struct quiet_parser {
	struct ac_source src;
	struct ac_unit u;
	struct ac_parser P;
	struct ac_diag d;
	FILE *null;
};

static void quiet_open(struct quiet_parser *q, const char *name, const char *text)
{
	q->null = fopen("/dev/null", "w");
	ck_assert_ptr_nonnull(q->null);
	ac_diag_init(&q->d, q->null, false);
	ac_source_init_text(&q->src, name, text, strlen(text));
	ac_unit_init(&q->u);
	ac_parser_init(&q->P, &q->u, &q->src, &q->d);
}

static void quiet_close(struct quiet_parser *q)
{
	ac_parser_free(&q->P);
	ac_unit_free(&q->u);
	ac_source_free(&q->src);
	ac_diag_free(&q->d);
	fclose(q->null);
}

START_TEST(test_tokens)
{
	const char *text = token_cases[_i].text;
	struct quiet_parser q;
	quiet_open(&q, "tokens.c", text);
	ck_assert_int_eq(ac_lexer_open(&q.P), 0);
	for (size_t i = 0;; i++) {
		YYSTYPE v;
		struct ac_loc l;
		int t = ac_lexer_next(&q.P, &v, &l);
		const struct tok *want = i < 10 ? &token_cases[_i].toks[i] : NULL;
		if (!want || !want->text) {
			ck_assert_msg(t == 0, "%s: token %zu: %d, expected the end", text, i, t);
			break;
		}
		ck_assert_msg(t == want->kind, "%s: token %zu is %d, expected %d", text, i, t, want->kind);
		ck_assert_msg(l.end - l.start == strlen(want->text) &&
			      !memcmp(q.src.text + l.start, want->text, l.end - l.start),
			      "%s: token %zu is '%.*s', expected '%s'", text, i,
			      (int)(l.end - l.start), q.src.text + l.start, want->text);
	}
	ck_assert_int_eq(q.P.nerrors, 0);
	quiet_close(&q);
}
END_TEST

/* Which structs C cannot assign (a const member, also through a member's
 * type), told by their tags and typedefs; pointers to const are not. */
START_TEST(test_read_only_structs)
{
	static const char text[] =
		"struct ro { const int x; int y; };\n"
		"struct cp { char *const p; };\n"
		"struct pc { const char *p; int (*f)(const int); };\n"
		"struct outer { int k; struct ro in[2]; };\n"
		"struct holds_ptr { struct ro *p; };\n"
		"struct nested { struct inner { int a; } i; const struct inner j; };\n"
		"struct inner2 { struct { const char *s; } a; struct { const int c : 3; } b; };\n"
		"struct anon { int n; struct { __const__ int k; }; };\n"
		"typedef struct { const char *name; } named;\n"
		"typedef struct { const long v; } cv;\n"
		"typedef struct ro ro_t, *ro_p;\n"
		"typedef union { cv v; int i; } holds_cv;\n";
	static const struct { const char *name; int tag, type; } want[] = {
		{ "ro", 1, -1 }, { "cp", 1, -1 }, { "pc", 0, -1 }, { "outer", 1, -1 },
		{ "holds_ptr", 0, -1 }, { "nested", 1, -1 }, { "inner", 0, -1 },
		{ "inner2", 1, -1 }, { "anon", 1, -1 }, { "named", -1, 0 },
		{ "cv", -1, 1 }, { "ro_t", -1, 1 }, { "ro_p", -1, 0 }, { "holds_cv", -1, 1 },
	};
	struct quiet_parser q;
	quiet_open(&q, "ro.c", text);
	ck_assert_int_eq(ac_parse(&q.P), 0);
	for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
		struct ac_name *n = ac_scopes_intern(&q.u.scopes, want[i].name, strlen(want[i].name));
		if (want[i].tag >= 0)
			ck_assert_msg(n->read_only_tag == want[i].tag, "struct %s: %d", want[i].name,
				      n->read_only_tag);
		if (want[i].type >= 0)
			ck_assert_msg(n->read_only_typedef == want[i].type && !n->const_typedef,
				      "typedef %s: %d %d", want[i].name, n->read_only_typedef,
				      n->const_typedef);
	}
	quiet_close(&q);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("parser");
	TCase *tc = tcase_create("parser");
	tcase_set_timeout(tc, 30);
	tcase_add_loop_test(tc, test_good, 0, (int)(sizeof good / sizeof *good));
	tcase_add_loop_test(tc, test_bad, 0, (int)(sizeof bad / sizeof *bad));
	tcase_add_test(tc, test_many_errors_stop);
	tcase_add_test(tc, test_deep_nesting);
	tcase_add_test(tc, test_read_only_structs);
	tcase_add_loop_test(tc, test_tokens, 0, (int)(sizeof token_cases / sizeof *token_cases));
	suite_add_tcase(s, tc);
	TCase *linear = tcase_create("linear");
	tcase_set_timeout(linear, 20);
	tcase_add_test(linear, test_nesting_linear);
	suite_add_tcase(s, linear);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
