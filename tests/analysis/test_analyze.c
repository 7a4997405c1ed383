/* test_analyze.c - liveness across suspensions and frame layout. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "emit.h"
#include "parse.h"

/* A parsed snippet: its unit, source and diagnostics. */
struct snippet {
	struct ac_unit unit;
	struct ac_source src;
	struct ac_diag diag;
	FILE *sink;
	char *msgs;
	size_t msgs_len;
};

static const char *prelude =
	"typedef struct ac_task ac_task;\n"
	"typedef struct ac_group { int n; } ac_group;\n"
	"async int ac_yield(void);\n"
	"async int val(int x);\n"
	"int use(int x);\n";

static void parse_snippet(struct snippet *s, const char *body)
{
	char *text;
	if (asprintf(&text, "%s%s", prelude, body) < 0)
		abort();
	ac_source_init_text(&s->src, "t.ca", text, strlen(text));
	free(text);
	ac_unit_init(&s->unit);
	s->sink = open_memstream(&s->msgs, &s->msgs_len);
	ac_diag_init(&s->diag, s->sink, false);
	struct ac_parser P;
	ac_parser_init(&P, &s->unit, &s->src, &s->diag);
	ac_parse(&P);
	ac_parser_free(&P);
	fflush(s->sink);
	ck_assert_msg(s->diag.nerrors == 0, "parse errors: %s", s->msgs);
}

static void free_snippet(struct snippet *s)
{
	fclose(s->sink);
	free(s->msgs);
	ac_diag_free(&s->diag);
	ac_unit_free(&s->unit);
	ac_source_free(&s->src);
}

static struct ac_func *func(struct snippet *s, const char *name)
{
	for (struct ac_func *f = s->unit.funcs; f; f = f->next)
		if (!strcmp(f->proto->name, name))
			return f;
	ck_abort_msg("no function %s", name);
	return NULL;
}

/* The variables saved at suspension point `i` (1-based), sorted by id,
 * as "a b c". */
static char *saved(struct snippet *s, struct ac_func *f, int i)
{
	struct ac_analysis *an = f->analysis;
	if (!an) {
		ck_assert_int_eq(ac_analyze(f, &s->src, &s->diag, &s->unit.arena), 0);
		an = f->analysis;
	}
	ck_assert_int_le(i, an->npoints);
	static char buf[256];
	buf[0] = '\0';
	for (int k = 0; k < an->nvars; k++)
		if (ac_bit(an->points[i - 1].live, k)) {
			if (buf[0])
				strcat(buf, " ");
			strcat(buf, an->vars[k]->name);
		}
	return buf;
}

START_TEST(dead_after_last_use)
{
	struct snippet s;
	parse_snippet(&s, "async int f(int a, int b) {\n"
			  "  int c = a + b;\n"
			  "  await ac_yield();\n"  /* a, b dead; c live */
			  "  use(c);\n"
			  "  await ac_yield();\n"  /* nothing live */
			  "  return 0;\n}\n");
	struct ac_func *f = func(&s, "f");
	ck_assert_str_eq(saved(&s, f, 1), "c");
	ck_assert_str_eq(saved(&s, f, 2), "");
	free_snippet(&s);
}
END_TEST

START_TEST(overwritten_is_dead)
{
	struct snippet s;
	parse_snippet(&s, "async int f(int a) {\n"
			  "  int x = a;\n"
			  "  await ac_yield();\n"  /* x is overwritten before use */
			  "  x = 3;\n"
			  "  return x + a;\n}\n");
	ck_assert_str_eq(saved(&s, func(&s, "f"), 1), "a");
	free_snippet(&s);
}
END_TEST

START_TEST(await_result_target_not_saved)
{
	struct snippet s;
	parse_snippet(&s, "async int f(int a) {\n"
			  "  int r = 0;\n"
			  "  r = await val(a);\n"  /* r is assigned after the await */
			  "  return r;\n}\n");
	ck_assert_str_eq(saved(&s, func(&s, "f"), 1), "");
	free_snippet(&s);
}
END_TEST

START_TEST(loop_carried)
{
	struct snippet s;
	parse_snippet(&s, "async int f(int n) {\n"
			  "  int sum = 0;\n"
			  "  for (int i = 0; i < n; i++)\n"
			  "    sum += await val(i);\n"
			  "  return sum;\n}\n");
	ck_assert_str_eq(saved(&s, func(&s, "f"), 1), "n sum i");
	free_snippet(&s);
}
END_TEST

/* Loops nested 40 deep: each variable of an enclosing loop is live at the
 * await in the innermost (the analysis once ran the body of a loop nested
 * N deep 2^N times, and never ended here). */
START_TEST(deeply_nested_loops)
{
	enum { DEPTH = 40 };
	char body[8192], want[1024];
	int len = snprintf(body, sizeof body, "async int f(int n) {\n  int s = 0;\n");
	int wlen = snprintf(want, sizeof want, "s");
	for (int i = 0; i < DEPTH; i++) {
		if (i % 3 == 0)
			len += snprintf(body + len, sizeof body - (size_t)len,
					"  for (int v%d = 0; v%d < 2; v%d++) {\n", i, i, i);
		else if (i % 3 == 1)
			len += snprintf(body + len, sizeof body - (size_t)len,
					"  int v%d = 2; while (v%d-- > 0) {\n", i, i);
		else
			len += snprintf(body + len, sizeof body - (size_t)len,
					"  int v%d = 1; do {\n", i);
		wlen += snprintf(want + wlen, sizeof want - (size_t)wlen, " v%d", i);
	}
	len += snprintf(body + len, sizeof body - (size_t)len, "  s += await val(s);\n");
	for (int i = DEPTH - 1; i >= 0; i--)
		len += snprintf(body + len, sizeof body - (size_t)len, i % 3 == 2
				? "  } while (v%d-- > 0);\n" : "  }\n", i);
	snprintf(body + len, sizeof body - (size_t)len, "  return s;\n}\n");
	struct snippet sn;
	parse_snippet(&sn, body);
	ck_assert_str_eq(saved(&sn, func(&sn, "f"), 1), want);
	free_snippet(&sn);
}
END_TEST

START_TEST(scope_ended)
{
	struct snippet s;
	parse_snippet(&s, "async int f(void) {\n"
			  "  { int t = use(1); use(t); }\n"
			  "  await ac_yield();\n"
			  "  return 1;\n}\n");
	ck_assert_str_eq(saved(&s, func(&s, "f"), 1), "");
	free_snippet(&s);
}
END_TEST

START_TEST(branch_only)
{
	struct snippet s;
	parse_snippet(&s, "async int f(int a, int b) {\n"
			  "  if (await val(a))\n"
			  "    return b;\n"
			  "  return 0;\n}\n");
	ck_assert_str_eq(saved(&s, func(&s, "f"), 1), "b");
	free_snippet(&s);
}
END_TEST

START_TEST(goto_back_edge)
{
	struct snippet s;
	parse_snippet(&s, "async int f(void) {\n"
			  "  int k = 0;\n"
			  "again:\n"
			  "  k += await val(1);\n"
			  "  if (k < 3) goto again;\n"
			  "  return k;\n}\n");
	ck_assert_str_eq(saved(&s, func(&s, "f"), 1), "k");
	free_snippet(&s);
}
END_TEST

START_TEST(address_taken_lives_in_frame)
{
	struct snippet s;
	parse_snippet(&s, "async int f(void) {\n"
			  "  int x = 1, arr[4];\n"
			  "  int *p = &x;\n"
			  "  await ac_yield();\n"
			  "  return *p + arr[0];\n}\n");
	struct ac_func *f = func(&s, "f");
	ck_assert_str_eq(saved(&s, f, 1), "p");
	struct ac_analysis *an = f->analysis;
	for (int k = 0; k < an->nvars; k++) {
		struct ac_var *v = an->vars[k];
		if (!strcmp(v->name, "x") || !strcmp(v->name, "arr"))
			ck_assert_msg(v->in_frame, "%s should live in the frame", v->name);
		else
			ck_assert_msg(!v->in_frame, "%s should not", v->name);
	}
	free_snippet(&s);
}
END_TEST

/* An ac_group local lives in the frame, and the function's last
 * suspension point waits for it, with nothing else to save. */
START_TEST(group_waited_for_at_the_end)
{
	struct snippet s;
	parse_snippet(&s, "async int f(int a) {\n"
			  "  if (a) return 1;\n"
			  "  ac_group g;\n"
			  "  int b = use(a);\n"
			  "  await ac_yield();\n"
			  "  return b;\n}\n");
	struct ac_func *f = func(&s, "f");
	ck_assert_str_eq(saved(&s, f, 1), "b");
	struct ac_analysis *an = f->analysis;
	ck_assert_int_eq(an->npoints, 2);
	ck_assert_ptr_null(an->points[1].await);
	ck_assert_str_eq(an->points[1].group->name, "g");
	ck_assert_uint_eq(an->points[1].line, 12); /* the closing brace */
	ck_assert_str_eq(saved(&s, f, 2), "");
	for (int k = 0; k < an->nvars; k++)
		ck_assert_msg(an->vars[k]->is_group == !strcmp(an->vars[k]->name, "g") &&
			      (an->vars[k]->in_frame == !strcmp(an->vars[k]->name, "g")),
			      "%s", an->vars[k]->name);
	free_snippet(&s);
}
END_TEST

START_TEST(shadowed_live_variable_moves_to_frame)
{
	struct snippet s;
	parse_snippet(&s, "async int f(void) {\n"
			  "  int x = use(1);\n"
			  "  { int x = 2; await ac_yield(); use(x); }\n"
			  "  return x;\n}\n");
	struct ac_func *f = func(&s, "f");
	ck_assert_str_eq(saved(&s, f, 1), "x"); /* the inner one */
	ck_assert(f->vars->in_frame);            /* the outer one */
	ck_assert(!f->vars->next->in_frame);
	free_snippet(&s);
}
END_TEST

/* Variables never saved at the same point share storage. */
START_TEST(disjoint_lifetimes_share_a_slot)
{
	struct snippet s;
	parse_snippet(&s, "async int f(void) {\n"
			  "  int a = use(1);\n"
			  "  await ac_yield();\n"
			  "  use(a);\n"
			  "  double b = use(2);\n"
			  "  await ac_yield();\n"
			  "  return (int)b;\n}\n");
	struct ac_strbuf out;
	ac_strbuf_init(&out);
	struct ac_emit_options o = { .line_directives = false, .line_file = "t.ca" };
	ck_assert_int_eq(ac_emit(&s.unit, &s.src, &s.diag, &o, &out), 0);
	ck_assert_msg(strstr(out.data, "\t__extension__ union {\n\t\tint a;\n\t\tdouble b;\n\t};\n") != NULL,
		      "a and b should share a union:\n%s", out.data);
	ac_strbuf_free(&out);
	free_snippet(&s);
}
END_TEST

START_TEST(overlapping_lifetimes_do_not_share)
{
	struct snippet s;
	parse_snippet(&s, "async int f(void) {\n"
			  "  int a = use(1), b = use(2);\n"
			  "  await ac_yield();\n"
			  "  return a + b;\n}\n");
	struct ac_strbuf out;
	ac_strbuf_init(&out);
	struct ac_emit_options o = { .line_directives = false, .line_file = "t.ca" };
	ck_assert_int_eq(ac_emit(&s.unit, &s.src, &s.diag, &o, &out), 0);
	ck_assert_ptr_nonnull(strstr(out.data, "\tint a;\n\tint b;\n"));
	ck_assert_ptr_null(strstr(out.data, "union {\n\t\tint a;"));
	ac_strbuf_free(&out);
	free_snippet(&s);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("analyze");
	TCase *t = tcase_create("liveness");
	tcase_add_test(t, dead_after_last_use);
	tcase_add_test(t, overwritten_is_dead);
	tcase_add_test(t, await_result_target_not_saved);
	tcase_add_test(t, loop_carried);
	tcase_add_test(t, scope_ended);
	tcase_add_test(t, branch_only);
	tcase_add_test(t, goto_back_edge);
	tcase_add_test(t, address_taken_lives_in_frame);
	tcase_add_test(t, shadowed_live_variable_moves_to_frame);
	tcase_add_test(t, group_waited_for_at_the_end);
	suite_add_tcase(s, t);
	TCase *l = tcase_create("layout");
	tcase_add_test(t, deeply_nested_loops);
	tcase_add_test(l, disjoint_lifetimes_share_a_slot);
	tcase_add_test(l, overlapping_lifetimes_do_not_share);
	suite_add_tcase(s, l);
	SRunner *r = srunner_create(s);
	srunner_run_all(r, CK_NORMAL);
	int failed = srunner_ntests_failed(r);
	srunner_free(r);
	return failed ? 1 : 0;
}
