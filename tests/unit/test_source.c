/* test_source.c - positions, line markers (`# 12 "x.h" 1 3`, `#line`) and
 * the mapping of preprocessed tokens back to the original text. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "parse.h"
#include "source.h"

static uint32_t offset_of(const struct ac_source *s, const char *needle)
{
	const char *p = strstr(s->text, needle);
	ck_assert_msg(p != NULL, "'%s' not in the text", needle);
	return (uint32_t)(p - s->text);
}

/* Scans `src` with the real scanner, so that its line markers are recorded. */
static int scan_markers(struct ac_source *src)
{
	struct ac_unit u;
	struct ac_parser P;
	struct ac_diag d;
	FILE *null = fopen("/dev/null", "w");
	ac_diag_init(&d, null, false);
	ac_unit_init(&u);
	ac_parser_init(&P, &u, src, &d);
	int n = ac_parse(&P);
	ac_parser_free(&P);
	ac_unit_free(&u);
	ac_diag_free(&d);
	fclose(null);
	return n;
}

START_TEST(test_positions_plain)
{
	struct ac_source s;
	const char *t = "int a;\n\tint b;\n\nx";
	ac_source_init_text(&s, "plain.c", t, strlen(t));
	struct ac_position p = ac_source_position(&s, 0);
	ck_assert_str_eq(p.file, "plain.c");
	ck_assert_uint_eq(p.line, 1);
	ck_assert_uint_eq(p.col, 1);
	ck_assert(p.in_main);
	p = ac_source_position(&s, offset_of(&s, "b;"));
	ck_assert_uint_eq(p.line, 2);
	ck_assert_uint_eq(p.col, 6); /* byte columns: a tab is one column */
	ck_assert_uint_eq(p.phys_line, 2);
	p = ac_source_position(&s, offset_of(&s, "x"));
	ck_assert_uint_eq(p.line, 4);
	ck_assert_uint_eq(p.col, 1);
	/* the end of the buffer is a valid position */
	p = ac_source_position(&s, (uint32_t)s.len);
	ck_assert_uint_eq(p.line, 4);
	ck_assert_uint_eq(p.col, 2);
	ac_source_free(&s);
}
END_TEST

START_TEST(test_line_offset_and_span)
{
	struct ac_source s;
	const char *t = "one\ntwo two\n\nfour";
	ac_source_init_text(&s, "x.c", t, strlen(t));
	ck_assert_uint_eq(ac_source_line_offset(&s, 1), 0);
	ck_assert_uint_eq(ac_source_line_offset(&s, 2), 4);
	ck_assert_uint_eq(ac_source_line_offset(&s, 4), 13);
	ck_assert_uint_eq(ac_source_line_offset(&s, 0), s.len);
	ck_assert_uint_eq(ac_source_line_offset(&s, 99), s.len);
	uint32_t start, len;
	ac_source_line_span(&s, 6, &start, &len);
	ck_assert_uint_eq(start, 4);
	ck_assert_uint_eq(len, 7);
	ac_source_line_span(&s, 12, &start, &len); /* the empty line */
	ck_assert_uint_eq(start, 12);
	ck_assert_uint_eq(len, 0);
	ac_source_line_span(&s, 15, &start, &len); /* no final newline */
	ck_assert_uint_eq(start, 13);
	ck_assert_uint_eq(len, 4);
	ac_source_free(&s);
}
END_TEST

START_TEST(test_empty_source)
{
	struct ac_source s;
	ac_source_init_text(&s, "empty.c", "", 0);
	struct ac_position p = ac_source_position(&s, 0);
	ck_assert_uint_eq(p.line, 1);
	ck_assert_uint_eq(p.col, 1);
	ck_assert_int_eq(scan_markers(&s), 0);
	ac_source_free(&s);
}
END_TEST

START_TEST(test_add_marker_direct)
{
	struct ac_source s;
	const char *t = "a\nb\nc\nd\ne\n";
	ac_source_init_text(&s, "main.c", t, strlen(t));
	ac_source_add_marker(&s, 0, 1, "main.c", 6);
	ac_source_add_marker(&s, 4, 10, "inc.h", 5);   /* "c" is inc.h:10 */
	ac_source_add_marker(&s, 8, 3, "main.c", 6);   /* "e" is main.c:3 */
	struct ac_position p = ac_source_position(&s, 2);
	ck_assert_str_eq(p.file, "main.c");
	ck_assert_uint_eq(p.line, 2);
	ck_assert(p.in_main);
	p = ac_source_position(&s, 6);
	ck_assert_str_eq(p.file, "inc.h");
	ck_assert_uint_eq(p.line, 11);
	ck_assert(!p.in_main);
	ck_assert_uint_eq(p.phys_line, 4);
	p = ac_source_position(&s, 8);
	ck_assert_str_eq(p.file, "main.c");
	ck_assert_uint_eq(p.line, 3);
	ck_assert(p.in_main);
	/* file names are interned: the same pointer for the same name */
	ck_assert_ptr_eq(s.markers[0].file, s.markers[2].file);
	/* a name with a NUL byte (fuzzed input) is not the name before it */
	ac_source_add_marker(&s, 8, 3, "main.c\0x", 8);
	ac_source_add_marker(&s, 8, 3, "main.c", 6);
	ck_assert_ptr_ne(s.markers[3].file, s.markers[2].file);
	ck_assert_str_eq(s.markers[4].file, "main.c");
	s.nmarkers = 3;
	/* a marker without a file name keeps the current file */
	ac_source_add_marker(&s, 10, 40, NULL, 0);
	ck_assert_ptr_eq(s.markers[3].file, s.markers[2].file);
	ac_source_free(&s);
}
END_TEST

START_TEST(test_scanned_gcc_markers)
{
	struct ac_source s;
	const char *t =
		"# 1 \"main.c\"\n"
		"# 1 \"<built-in>\"\n"
		"# 1 \"main.c\"\n"
		"# 1 \"/usr/include/x.h\" 1 3 4\n"
		"typedef int x_t;\n"
		"\n"
		"typedef long y_t;\n"
		"# 12 \"main.c\" 2\n"
		"x_t a;\n"
		"y_t b;\n";
	ac_source_init_text(&s, "main.c", t, strlen(t));
	ck_assert_int_eq(scan_markers(&s), 0);
	ck_assert_uint_eq(s.nmarkers, 5);
	struct ac_position p = ac_source_position(&s, offset_of(&s, "typedef long"));
	ck_assert_str_eq(p.file, "/usr/include/x.h");
	ck_assert_uint_eq(p.line, 3);
	ck_assert_uint_eq(p.col, 1);
	ck_assert(!p.in_main);
	p = ac_source_position(&s, offset_of(&s, "a;"));
	ck_assert_str_eq(p.file, "main.c");
	ck_assert_uint_eq(p.line, 12);
	ck_assert_uint_eq(p.col, 5);
	ck_assert(p.in_main);
	p = ac_source_position(&s, offset_of(&s, "y_t b"));
	ck_assert_uint_eq(p.line, 13);
	ac_source_free(&s);
}
END_TEST

START_TEST(test_scanned_line_directive)
{
	struct ac_source s;
	const char *t =
		"int a;\n"
		"#line 100 \"gen.y\"\n"
		"int b;\n"
		"#line 200\n"
		"int c;\n"
		"  #  line 7 \"sp.c\"\n"
		"int d;\n";
	ac_source_init_text(&s, "x.c", t, strlen(t));
	ck_assert_int_eq(scan_markers(&s), 0);
	struct ac_position p = ac_source_position(&s, offset_of(&s, "int a"));
	ck_assert_str_eq(p.file, "x.c");
	ck_assert_uint_eq(p.line, 1);
	p = ac_source_position(&s, offset_of(&s, "int b"));
	ck_assert_str_eq(p.file, "gen.y");
	ck_assert_uint_eq(p.line, 100);
	p = ac_source_position(&s, offset_of(&s, "int c"));
	ck_assert_str_eq(p.file, "gen.y"); /* #line N keeps the file */
	ck_assert_uint_eq(p.line, 200);
	p = ac_source_position(&s, offset_of(&s, "int d"));
	ck_assert_str_eq(p.file, "sp.c");
	ck_assert_uint_eq(p.line, 7);
	ac_source_free(&s);
}
END_TEST

START_TEST(test_marker_with_escaped_quote)
{
	struct ac_source s;
	const char *t = "# 5 \"dir\\\"x.h\" 1\nint a;\n";
	ac_source_init_text(&s, "m.c", t, strlen(t));
	ck_assert_int_eq(scan_markers(&s), 0);
	ck_assert_uint_eq(s.nmarkers, 1);
	struct ac_position p = ac_source_position(&s, offset_of(&s, "int"));
	ck_assert_uint_eq(p.line, 5);
	ck_assert_str_eq(p.file, "dir\\\"x.h");
	ac_source_free(&s);
}
END_TEST

/* The preprocessed text of `orig`, with its markers. */
static void make_pair(struct ac_source *orig, struct ac_source *pre,
		      const char *otext, const char *ptext)
{
	ac_source_init_text(orig, "m.c", otext, strlen(otext));
	ac_source_init_text(pre, "m.c", ptext, strlen(ptext));
	pre->orig = orig;
	ck_assert_int_eq(scan_markers(pre), 0);
}

START_TEST(test_map_to_orig)
{
	struct ac_source orig, pre;
	make_pair(&orig, &pre,
		  "#include \"h.h\"\n"
		  "#define SEVEN 7\n"
		  "int value =  SEVEN + value2;\n"
		  "int  other = value;\n",
		  "# 1 \"m.c\"\n"
		  "# 1 \"h.h\" 1\n"
		  "int value;\n"
		  "# 2 \"m.c\" 2\n"
		  "\n"
		  "int value = 7 + value2;\n"
		  "int other = value;\n");
	uint32_t o;
	/* a token of the main file, found on its original line */
	uint32_t at = offset_of(&pre, "value = 7");
	ck_assert(ac_source_map_to_orig(&pre, at, at + 5, &o));
	ck_assert_uint_eq(o, offset_of(&orig, "value =  SEVEN"));
	/* the second 'value' of a line maps to the second in the original */
	at = offset_of(&pre, "value;\n") ;
	at = (uint32_t)(strstr(pre.text + offset_of(&pre, "int other"), "value") - pre.text);
	ck_assert(ac_source_map_to_orig(&pre, at, at + 5, &o));
	ck_assert_uint_eq(o, (uint32_t)(strstr(orig.text + offset_of(&orig, "int  other"), "value") - orig.text));
	/* the expansion of a macro is not in the original */
	at = offset_of(&pre, "7 +");
	ck_assert(!ac_source_map_to_orig(&pre, at, at + 1, &o));
	/* a token of an included file is not in the main file */
	at = offset_of(&pre, "int value;");
	ck_assert(!ac_source_map_to_orig(&pre, at, at + 3, &o));
	/* without an original there is nothing to map to */
	ck_assert(!ac_source_map_to_orig(&orig, 0, 1, &o));
	ac_source_free(&pre);
	ac_source_free(&orig);
}
END_TEST

START_TEST(test_diag_maps_to_orig)
{
	/* a diagnostic at a preprocessed token names the original line */
	struct ac_source orig, pre;
	make_pair(&orig, &pre,
		  "#define N 3\n"
		  "int  arr[N];\n",
		  "# 1 \"m.c\"\n"
		  "\n"
		  "int arr[3];\n");
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct ac_diag d;
	ac_diag_init(&d, f, false);
	uint32_t at = offset_of(&pre, "arr");
	ac_diag_at(&d, &pre, AC_ERROR, at, at + 3, "bad %s", "arr");
	ac_diag_free(&d);
	fclose(f);
	ck_assert_str_eq(buf, "m.c:2:6: error: bad arr\n int  arr[N];\n      ^~~\n");
	ck_assert_uint_eq(d.nerrors, 1);
	free(buf);
	ac_source_free(&pre);
	ac_source_free(&orig);
}
END_TEST

START_TEST(test_diag_format)
{
	struct ac_source s;
	const char *t = "int x = 1\nint y;\n";
	ac_source_init_text(&s, "f.c", t, strlen(t));
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct ac_diag d;
	ac_diag_init(&d, f, false);
	ac_diag_at(&d, &s, AC_WARNING, 4, 5, "w");
	d.warnings_off = true;
	ac_diag_at(&d, &s, AC_WARNING, 4, 5, "hidden");
	d.warnings_off = false;
	d.werror = true;
	ac_diag_at(&d, &s, AC_WARNING, 10, 13, "promoted");
	ac_diag_plain(&d, AC_WARNING, "plain promoted");
	d.werror_counted_as_warnings = true;
	ac_diag_at(&d, &s, AC_WARNING, 10, 13, "held");
	ac_diag_plain(&d, AC_NOTE, "plain %d", 1);
	ac_diag_line(&d, &s, AC_NOTE, 12, "line note");
	ac_diag_free(&d);
	fclose(f);
	ck_assert_str_eq(buf,
		"f.c:1:5: warning: w\n int x = 1\n     ^\n"
		"f.c:2:1: error: promoted [-Werror]\n int y;\n ^~~\n"
		"asyncc: error: plain promoted [-Werror]\n"
		"f.c:2:1: error: held [-Werror]\n int y;\n ^~~\n"
		"asyncc: note: plain 1\n"
		"f.c:2: note: line note\n");
	ck_assert_uint_eq(d.nwarnings, 2);
	ck_assert_uint_eq(d.nerrors, 2);
	free(buf);
	ac_source_free(&s);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("source");
	TCase *tc = tcase_create("source");
	tcase_add_test(tc, test_positions_plain);
	tcase_add_test(tc, test_line_offset_and_span);
	tcase_add_test(tc, test_empty_source);
	tcase_add_test(tc, test_add_marker_direct);
	tcase_add_test(tc, test_scanned_gcc_markers);
	tcase_add_test(tc, test_scanned_line_directive);
	tcase_add_test(tc, test_marker_with_escaped_quote);
	tcase_add_test(tc, test_map_to_orig);
	tcase_add_test(tc, test_diag_maps_to_orig);
	tcase_add_test(tc, test_diag_format);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
