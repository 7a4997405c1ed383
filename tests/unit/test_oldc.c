/* test_oldc.c - the C that gcc -std=gnu11 reads and asyncc once did not:
 * implicit int, GNU and C2x forms, UTF-8 and UCN identifiers, deep nesting,
 * predefined macros and backslash-newlines in files without directives.
 * Every case also asks gcc for its verdict on the same text, so that no
 * case assumes what gcc does. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "diag.h"
#include "parse.h"
#include "source.h"

struct result {
	int nerrors;
	bool wants_cpp;
	char *diags;
};

/* Parses `text` as a file with no directive; `probe`: watching for the
 * macros the compiler predefines, and for tokens spliced by
 * backslash-newlines. */
static struct result parse(const char *text, bool probe)
{
	struct result r = { 0, false, NULL };
	size_t len = 0;
	FILE *f = open_memstream(&r.diags, &len);
	struct ac_source src;
	struct ac_unit u;
	struct ac_parser P;
	struct ac_diag d;
	ac_diag_init(&d, f, false);
	ac_source_init_text(&src, "t.c", text, strlen(text));
	ac_unit_init(&u);
	u.probe_predefined = probe;
	ac_parser_init(&P, &u, &src, &d);
	r.nerrors = ac_parse(&P);
	r.wants_cpp = P.wants_cpp;
	ac_parser_free(&P);
	ac_unit_free(&u);
	ac_source_free(&src);
	ac_diag_free(&d);
	fclose(f);
	return r;
}

/* gcc -std=gnu11 -fsyntax-only on `text`: does it accept it? */
static bool gcc_accepts(const char *text)
{
	char path[] = "/tmp/asyncc-oldc-XXXXXX.c";
	int fd = mkstemps(path, 2);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, strlen(text)), (int)strlen(text));
	close(fd);
	char cmd[256];
	const char *gcc = getenv("GCC");
	snprintf(cmd, sizeof cmd, "%s -std=gnu11 -w -fsyntax-only %s 2>/dev/null",
		 gcc && *gcc ? gcc : "gcc", path);
	int status = system(cmd);
	unlink(path);
	ck_assert_msg(status != -1 && WIFEXITED(status) && WEXITSTATUS(status) != 127,
		      "cannot run gcc");
	return WEXITSTATUS(status) == 0;
}

struct snippet {
	const char *name, *text;
	bool accepted; /* by gcc, and so by asyncc */
};

static const struct snippet snippets[] = {
	/* implicit int */
	{ "K&R definition", "f(x) int x; { return x; }\n", true },
	{ "K&R, several declarations", "foo(a, b, c) register a; char *b; { return a + *b + c; }\n", true },
	{ "main()", "main() { return 0; }\n", true },
	{ "static g(int y)", "static g(int y) { register i = y; return i; }\n", true },
	{ "extern x; register i;", "extern x;\nint f(void) { register i = 1; auto j = i; return j; }\n", true },
	{ "no specifier at all", "x;\n*p, q[2];\nconst c = 1;\n", true },
	{ "typedef name begins a declaration", "typedef int T;\nT;\nT v;\n", true },
	{ "an unknown type in a block", "int f(void) { foo_t x; return 0; }\n", false },
	/* GNU forms */
	{ "old-style designators", "struct s { int a, b; } v = { a: 1, b: 2 };\n", true },
	{ "nested old-style designators", "struct t { struct { int x; } in; int y; } w = { in: { x: 1 }, y: 2 };\n", true },
	{ "label at the end of a block", "void f(int x) { if (x) goto l; x++; l: }\n", true },
	{ "several labels at the end", "void f(void) { a: b: }\n", true },
	{ "case and default at the end", "void f(int x) { switch (x) { case 1: case 2 ... 3: default: } }\n", true },
	{ "label at the end of a statement expression", "int f(void) { return ({ l: }), 0; }\n", true },
	{ "a label is not an if's statement", "void f(int x) { if (x) l: }\n", false },
	{ "a conditional needs its third operand", "int f(int x) { return x ? 1 : }\n", false },
	{ "no ';' after the last member", "struct t { int a; int b };\nunion u { int a; char *b };\n", true },
	{ "parameter forward declarations", "void f(int n; int n, int a[n]) { (void)a; }\n", true },
	{ "forward declarations and ...", "void g(int n; int m; int n, int m, ...);\n", true },
	{ "attributes after a declarator's comma", "__attribute__((noreturn)) void d0(void), __attribute__((format(printf, 1, 2))) d1(const char *, ...), d2(void);\n", true },
	{ "__builtin_convertvector takes a type", "typedef long long V __attribute__((vector_size(16)));\ntypedef double W __attribute__((vector_size(16)));\nW f(V *v) { return __builtin_convertvector(*v, W); }\n", true },
	/* C2x attributes */
	{ "[[fallthrough]]", "int f(int x) { switch (x) { case 1: x++; [[fallthrough]]; case 2: return x; } return 0; }\n", true },
	{ "[[gnu::unused]] declarations", "[[gnu::unused]] static int g;\nvoid f(void) { [[gnu::unused]] int q; int r [[gnu::unused]]; }\n", true },
	{ "[[deprecated(\"...\")]] with brackets inside", "[[deprecated(\"use [x]\")]] int old(void);\n", true },
	/* UTF-8 and UCN identifiers */
	{ "UCN identifier", "int \\u00c1 = 1;\nint *p = &\\u00c1;\n", true },
	{ "UTF-8 identifier", "int caf\xc3\xa9 = 2;\nint gr\xc3\xb6\xc3\x9f" "e(int \xce\xb5) { return \xce\xb5; }\n", true },
	{ "both spellings, one name", "typedef int \\u00c1;\n\xc3\x81 x;\n", true },
	{ "euro sign is a letter (C11 annex D)", "int \xe2\x82\xac = 3;\n", true },
	{ "multiplication sign is not", "int f(int w, int h) { return w \xc3\x97 h; }\n", false },
	{ "a UCN below U+00A0", "int \\u0041;\n", false },
	{ "combining mark first", "int \\u0300a;\n", false },
};

START_TEST(test_snippet)
{
	const struct snippet *s = &snippets[_i];
	ck_assert_msg(gcc_accepts(s->text) == s->accepted,
		      "%s: gcc %s it", s->name, s->accepted ? "rejects" : "accepts");
	struct result r = parse(s->text, false);
	if (s->accepted)
		ck_assert_msg(r.nerrors == 0 && r.diags[0] == '\0',
			      "%s: %d errors:\n%s", s->name, r.nerrors, r.diags);
	else
		ck_assert_msg(r.nerrors > 0, "%s: accepted", s->name);
	free(r.diags);
}
END_TEST

/* head, n units (each formatted with its number twice), mid, n closes,
 * tail: one malloc'd string. */
static char *repeat(const char *head, const char *unit, size_t n,
		    const char *mid, const char *close, const char *tail)
{
	char *t = NULL;
	size_t len = 0;
	FILE *o = open_memstream(&t, &len);
	ck_assert_ptr_nonnull(o);
	fputs(head, o);
	for (size_t i = 0; i < n; i++)
		fprintf(o, unit, (int)i + 1, (int)i + 1);
	fputs(mid, o);
	for (size_t i = 0; i < n; i++)
		fputs(close, o);
	fputs(tail, o);
	ck_assert_int_eq(fclose(o), 0);
	return t;
}

START_TEST(test_depth)
{
	/* limited by memory, not by a parser stack constant */
	char *texts[] = {
		repeat("int f(int x) {\n if (x == 0) return 0;\n",
		       " else if (x == %d) return %d;\n", 5000, "", "", " return -1;\n}\n"),
		repeat("int f(int x) { return ", "(", 10000, "x", ")", "; }\n"),
		repeat("void f(int x) ", "{", 10000, "x++;", "}", "\n"),
	};
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
		ck_assert_msg(gcc_accepts(texts[i]), "gcc rejects deep text %zu", i);
		struct result r = parse(texts[i], false);
		ck_assert_msg(r.nerrors == 0, "deep text %zu: %s", i, r.diags);
		free(r.diags);
		free(texts[i]);
	}
}
END_TEST

/* A file that gcc reads expanded: the parse stops and asks for cpp. */
static const struct snippet needs_cpp[] = {
	{ "__SIZE_TYPE__", "typedef __SIZE_TYPE__ size_t;\n", true },
	{ "__CHAR16_TYPE__ after other code", "int a;\ntypedef __CHAR16_TYPE__ c16;\n", true },
	{ "unix", "int f(void) { return unix; }\n", true },
	{ "splice in a name", "int f\\\noo(int x);\n", true },
	{ "splice in an operator", "int f(int x) { x +\\\n= 1; return x; }\n", true },
	{ "splice with blanks before the newline", "int f(int x) { return x +\\ \n 1; }\n", true },
};

/* ... and files that do not need it. */
static const struct snippet plain[] = {
	{ "builtins are not macros", "int f(int x) { return __builtin_expect(x, 0) + __alignof__(int); }\n", true },
	{ "splice between tokens", "int f(int x) { return x + \\\n 1; }\n", true },
	{ "splice in a string", "const char *s = \"a\\\nb\";\n", true },
	{ "__func__", "const char *f(void) { return __func__; }\n", true },
	{ "reserved names a header declares", "struct _IO_FILE;\ntypedef struct _IO_FILE __FILE;\nextern int __uflow(__FILE *);\n", true },
};

START_TEST(test_needs_cpp)
{
	const struct snippet *s = &needs_cpp[_i];
	ck_assert_msg(gcc_accepts(s->text), "%s: gcc rejects it", s->name);
	struct result r = parse(s->text, true);
	ck_assert_msg(r.wants_cpp, "%s: read without the preprocessor", s->name);
	free(r.diags);
}
END_TEST

START_TEST(test_plain)
{
	const struct snippet *s = &plain[_i];
	ck_assert_msg(gcc_accepts(s->text), "%s: gcc rejects it", s->name);
	struct result r = parse(s->text, true);
	ck_assert_msg(!r.wants_cpp && r.nerrors == 0, "%s: wants cpp %d, errors:\n%s",
		      s->name, r.wants_cpp, r.diags);
	free(r.diags);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("oldc");
	TCase *tc = tcase_create("oldc");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_snippet, 0, (int)(sizeof snippets / sizeof *snippets));
	tcase_add_test(tc, test_depth);
	tcase_add_loop_test(tc, test_needs_cpp, 0, (int)(sizeof needs_cpp / sizeof *needs_cpp));
	tcase_add_loop_test(tc, test_plain, 0, (int)(sizeof plain / sizeof *plain));
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
