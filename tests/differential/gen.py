#!/usr/bin/env python3
"""gen.py - random async C programs for differential testing.

  gen.py SEED            print the program for SEED on standard output
  gen.py --forms F,.. SEED / --without F,.. SEED
                         only / all but these forms (see below)
  gen.py --list-forms    the forms and what they write
  gen.py --cc clang SEED the program for SEED, written for clang: the same
                         draws, spelled as clang 14 takes them where gcc's
                         spellings differ (switch-labels, stmt-attrs) and
                         without what clang alone warns of

The program (a .ca file) is valid C once `async` and `await` are erased
(`-Dasync= -Dawait=` with a prelude that makes ac_yield/ac_sleep plain
functions returning 0, see sync.h), and must print the same trace either
way.  It has awaits in loop conditions and steps, in switch controlling
expressions and case bodies, on either side of &&, || and ?:, in comma
expressions, nested in call arguments and in array subscripts, plus break,
continue, goto and early returns, and locals of several types (int, long,
double, pointers into arrays, structs) that live across suspensions.

C leaves the order of evaluation of most operands unspecified, so the
generator never puts two operands with a visible side effect (a helper that
prints) under one operator that does not sequence them: at most one operand
of +, -, <, ... and at most one argument of a call may print.  &&, ||, ?:
and the comma operator sequence their operands, so both sides may print.
The same seed always gives the same program.

On this base program the generator adds forms (FORMS below): side effects
in operands around awaits, assignment targets with side effects, nested and
void ?:, comma expressions, addresses held across suspensions, statement
expressions, typeof/__auto_type, names, labels and macros spelled like the
generated code's, __func__/__LINE__, continue in a switch in a loop, calls
with many awaiting arguments, return a, b; async const int, locals of
more types (bit-fields, unions, _Complex, _Atomic, static, ...), types
declared in the body, every compound assignment operator and awaiting
assignment targets, unary operators, casts, ?: chains and unevaluated
operands of awaits, designated and compound-literal initializers that
await, goto into blocks, computed goto and switches with default first,
block-scoped shadowing, recursive async functions, an async function
of many parameter types, task variables and task pointers awaited later,
results of every type, lexical forms (digraphs, wide strings, hex floats,
line splices), numeric edge values, C11 declarations, the rest of C's
statement forms, prototypes before definitions, and (AUDIT_FORMS) awaits
of printing helpers in builtins that never evaluate them, asm barriers
between awaits, designated initializers with nested braces and GNU
ranges, members of struct and union results read at once, compound
literals made in loops, switch bodies without braces, 128-bit, complex
and long double results, implicit conversions and variadic arguments of
awaited values.  Each
draws from its own random stream, so turning one off leaves the rest
unchanged.
"""

import random
import re
import sys

MOD = 1000   # int values stay in (-MOD*k, MOD*k) for small k: no overflow

# The forms the generator adds to the base program (gen.py --list-forms),
# each from its own random stream.  FORM_RATE is the chance that a form puts
# one of its statements before any statement of the base program (about 65
# per program); the others are decided once per program or per function.
FORMS = {
    "effects": "side effects in operands before/after awaits: fx() + await id(e), "
               "x++ + await sw(e), printf(.., fx(), await sw(e)), while (k-- > await ..)",
    "lvalues": "targets with side effects: arr[j++ & 7] op= await .., *q++ = await ..",
    "cond": "?: with awaits: two in one expression, nested, void arms as a statement; "
            "__builtin_choose_expr with awaits in both arms",
    "comma": "comma expressions with awaits: int z = (await id(e), y + 1)",
    "addresses": "&s.a, s.arr, (int[2]){..}, &param.b, ac_gather((ac_task *[]){ ta, tb }, 2), "
                 "{ (int[]){..} }, (int *[]){ (int[]){..}, &(int){..} } held across suspensions",
    "stmt-expr": "GNU statement expressions with and without awaits inside, with a goto, "
                 "break or continue out of them",
    "typeof": "typeof(v) m, __auto_type z, __typeof__(lv), int a[] = { v, v + 1 }, "
              "awaits and calls in typeof operands (never run), max_t-style macros, "
              "int m[][2] = { { v, 1 }, { 2 }, {} } and { sizeof v, 2, 3 }",
    "gen-names": "locals ac_t0/ac_h0/ac_c1, labels ac_L<line>/ac_return, "
                 "#define M/result/state/hdr/aw/rc, file-scope F/ac_self/ac_t1",
    "func-line": "__func__ and __LINE__, also in statements with awaits, stringized (also "
                 "through a macro that expands it first) and pasted; an #if group inside "
                 "a statement that awaits",
    "switch-continue": "continue in a switch in a loop after an await in a case",
    "switch-labels": "case/default/ordinary labels before declarations with awaits, case "
                     "ranges, chained labels, [[fallthrough]], a case inside an if block, "
                     "a label at the end of the switch",
    "stmt-attrs": "attributes before statements with awaits: GNU attributes as the body of an "
                  "if/else/while/for (an empty statement of their own, what follows them the "
                  "next statement), label attributes, C2x statement attributes",
    "braceless": "bodies without braces that await: if/else-if chains, an if-else in a then-branch, "
                 "an empty then-branch, while/for/do with one statement, for (;;) with a "
                 "break, a label on a single statement, nested without braces",
    "many-args": "a call with 64..80 awaiting arguments (per function: 0.25)",
    "return-comma": "return fx(k), v; (per return: 0.3) and helper cm: return x++, x * 2",
    "const-async": "async const int kc(int) among the awaited helpers (per program: 0.5)",
    "decls": "attributes after a declarator or before a later one (mode(HI), mode(QI), "
             "aligned), compound literals in _Generic associations, asm goto jumps past "
             "assignments, all across suspensions",
    "types": "locals of many types across suspensions: bit-fields, unions, anonymous "
             "members, _Complex, _Atomic, static, register, volatile, const, unsigned "
             "long long, float, function pointers, typeof of a static array sized by "
             "another static; an await in a do-while condition",
    "local-types": "types declared in the body: enum constants sizing frame arrays, "
                   "struct/union/enum types (tagged, anonymous, nested, with attributes) "
                   "and typedefs of locals across suspensions, a compound literal of one, "
                   "a static table of its own struct type, a typedef hiding the file's; "
                   "a variable-length array in a block no await suspends",
    "assign-ops": "every compound assignment operator (*= /= %= <<= >>= &= |= ^= += -=) "
                  "with an awaited operand, on int, unsigned, unsigned char, long, double, "
                  "members; targets that await (la[await ..], *await hp(..)); ++/-- of awaited "
                  "lvalues; a = b = await ..; if ((w = await ..) > k); assignments' values used",
    "operators": "-, ~, ! of awaits, casts to narrower types and (void), x ?: await .., "
                 "?: chains with awaits in the conditions, sizeof/_Alignof/_Generic of awaits "
                 "(never run), __builtin_expect, string literals subscripted by awaits, shifts "
                 "and relations of awaits, m[await ..][await ..], && / || chains",
    "initializers": "awaiting initializers: designated out of order and nested (.arr = { [2] = "
                    "..}), [k] = in arrays, [1].a = in arrays of structs, unions, compound "
                    "literals, char arrays from strings, scalars in braces, { await hs(..), .. }",
    "jumps": "goto into a loop body and into a block, switch with default first falling "
             "through and a switch in a case continuing the loop, loops three deep with break/"
             "continue at each level, goto out of nested loops, chained labels on an empty "
             "statement, computed goto (&&label), __label__ in a statement expression, a "
             "declaration before the first case",
    "shadowing": "block-scoped declarations hiding the function's variables (with other "
                 "types, twice nested), arr/st/lv, the file's functions fx and id, a loop "
                 "counter, siblings of one name and different types, all across awaits",
    "recursion": "async functions awaiting themselves (rec, with locals across the recursive "
                 "await; fib twice in one expression) and each other (ev, od)",
    "params": "an async function of 15 parameters of different types (char, short, unsigned, "
              "long long, float, double, long double, _Bool, pointer, struct, array, function "
              "pointer, string) changed across its awaits; an async void returning early",
    "temporaries": "array members of struct values (mk(e).arr, (await hs(..)).arr, "
                   "(c ? mk(a) : mk(b)).arr) passed to awaited calls or kept across a "
                   "later await; awaiting initializers naming the variable declared "
                   "(long x = await id((int)sizeof x))",
    "tasks": "task variables created, then awaited later (in another order, twice, "
             "reassigned, across loop iterations, in ?: and &&), async int t[3] with "
             "ac_gather and computed subscripts, run-time arrays of task pointers awaited "
             "with (async int) casts, async int h = ts[k], tasks in a struct, (async int *)",
    "ret-types": "awaits of async functions returning unions, enums, _Bool, char, signed and "
                 "unsigned char, short, unsigned short, float, long double, unsigned, unsigned "
                 "long long, large and small structs, struct pointers, function pointers, "
                 "const char *, int **; struct and union parameters by value",
    "lexical": "digraphs (<: :> <% %>), concatenated, wide and unicode strings, escapes in "
               "character constants, hex floats, octal/binary constants, a long identifier, "
               "_Static_assert in a block, line splices inside identifiers and await",
    "numeric": "unsigned wraparound, narrow types promoted across awaits, NaN/inf/-0.0/"
               "subnormals, pointer arithmetic and comparisons, arrays of arrays, "
               "function-pointer tables, signed/unsigned char arrays",
    "c11-decls": "_Alignas, static _Thread_local, flexible array members, several "
                 "declarators of which some await, extern and function declarations in a "
                 "block, auto, const volatile, _Static_assert between declarations, an "
                 "array typedef",
    "statements": "for with an expression and comma first clause, two declarations in a for, "
                  "for (;;), while (1), switches on char/long long/unsigned/enum, without "
                  "braces, empty, nested with a goto out; null statements, (void)await, "
                  "do ; while, do-while with break and continue",
    "decl-order": "awaits of async functions declared by prototypes (extern, static, static "
                  "inline, unnamed parameters) and defined after main",
    "builtins": "awaits of printing helpers in operands never run: __builtin_constant_p, "
                "__builtin_classify_type, __alignof__, __builtin_object_size, "
                "__builtin_types_compatible_p, _Generic's controlling expression (also "
                "nested in an awaited argument), sizeof in __builtin_choose_expr's "
                "condition; evaluated ones: __builtin_expect(_with_probability), a function "
                "chosen by _Generic called with an awaited argument, __builtin_unreachable "
                "behind an awaited test",
    "asm-barriers": "asm volatile(\"\" ::: \"memory\") between awaits, empty asm with "
                    "\"+r\", \"+m\", \"=r\"/\"0\" operands on locals kept across awaits, "
                    "in a loop",
    "designators": "awaiting initializers of arrays of arrays with nested braces and "
                   "designators ([2] = { [1] = .. }), arrays of structs ([1].arr[2] = ..), "
                   "strings in nested lists, .s[1] = in a union; GNU ranges [1 ... 3] = "
                   "await h0(..) run once (gcc; clang takes only constants there)",
    "aggregates": "struct and union results read at once: (await gn(..)).in.x, "
                  "(await gn(..)).arr[await ..], (await gu(..)).b[0], (await gnp(&g))->m = .., "
                  "a result passed by value, ?: of struct values, a compound literal's member",
    "loop-literals": "compound literals of arrays and structs made in each iteration of a "
                     "loop whose address is held across an await of that iteration, one in a "
                     "for's first clause, a pointer to a local array ((*pa)[..]) and a static "
                     "local with an initializer, its address held across awaits",
    "switch-braceless": "switch bodies of one statement without braces that await: a case "
                        "label's statement, default only, chained labels before an if/else, "
                        "a for loop, a switch in a switch",
    "wide-types": "results of unsigned __int128 and __int128 (where the compiler has them), "
                  "_Complex double and long double, kept and computed across awaits",
    "conversions": "implicit conversions of awaited values: initializers of _Bool, char, "
                   "unsigned char, float and int from double, long and int results, "
                   "arguments of char, short and float parameters, a return's, ?: of "
                   "mixed result types, char results compared",
    "variadic": "a variadic plain function and printf given awaited char, short, long, "
                "float and double values (promoted), one printing helper among them, "
                "nested in each other",
}
FORM_RATE = {
    "effects": 0.025,
    "lvalues": 0.025,
    "cond": 0.025,
    "comma": 0.017,
    "addresses": 0.025,
    "stmt-expr": 0.017,
    "typeof": 0.017,
    "gen-names": 0.025,
    "func-line": 0.017,
    "switch-continue": 0.013,
    "switch-labels": 0.013,
    "stmt-attrs": 0.013,
    "temporaries": 0.017,
    "braceless": 0.025,
    "decls": 0.025,
    "types": 0.025,
    "local-types": 0.034,
    "assign-ops": 0.017,
    "operators": 0.017,
    "initializers": 0.017,
    "jumps": 0.017,
    "shadowing": 0.013,
    "recursion": 0.009,
    "params": 0.009,
    "tasks": 0.017,
    "ret-types": 0.017,
    "lexical": 0.013,
    "numeric": 0.017,
    "c11-decls": 0.017,
    "statements": 0.017,
    "decl-order": 0.009,
    "builtins": 0.013,
    "asm-barriers": 0.009,
    "designators": 0.013,
    "aggregates": 0.013,
    "loop-literals": 0.013,
    "switch-braceless": 0.013,
    "wide-types": 0.009,
    "conversions": 0.013,
    "variadic": 0.009,
}

NEW_FORMS = {"tasks", "ret-types", "lexical", "numeric", "c11-decls", "statements",
             "decl-order"}

# the forms of the audit against C11 and GNU C of where an await may be:
# they share the helpers GEN_HELPERS
AUDIT_FORMS = {"builtins", "asm-barriers", "designators", "aggregates", "loop-literals",
               "switch-braceless", "wide-types", "conversions", "variadic"}

GEN_TYPES = r"""struct GN { int a; struct { int x, y; } in; int arr[3]; };
union GU { int i; unsigned char b[4]; short s[2]; };
struct GB { unsigned a : 3; int b : 5; };
"""

# quiet helpers of AUDIT_FORMS (no output, no change to the program's
# variables) and plain functions they call
GEN_HELPERS = r"""async struct GN gn(int k)
{
	struct GN g = { k, { k + 1, -k }, { k, 2 * k, 3 } };
	await ac_yield();
	g.arr[2] += k & 7;
	return g;
}

async union GU gu(int k)
{
	union GU u;
	u.i = 0;
	await ac_yield();
	u.i = k * 257;
	return u;
}

async struct GN gn2(int k)
{
	return await gn(k + 1);
}

async int gnx(int k)
{
	return (await gn(k)).in.x;
}

async struct GB gbf(int k)
{
	struct GB b = { (unsigned)k & 7, (k & 15) - 8 };
	await ac_yield();
	return b;
}

async struct GN *gnp(struct GN *p)
{
	await ac_yield();
	return p;
}

int gsum(struct GN g)
{
	return g.a + g.in.x * 3 + g.in.y + g.arr[0] + g.arr[1] + g.arr[2];
}

int gdbl(int k)
{
	return 2 * k;
}

async char gc(int k)
{
	await ac_yield();
	return (char)('a' + (k & 15));
}

async short gs(int k)
{
	await ac_yield();
	return (short)(k * 1001);
}

async float gf(int k)
{
	await ac_yield();
	return (float)k * 0.75f;
}

async long gl(int k)
{
	await ac_sleep(0);
	return (long)k * 100003L;
}

async double gd(int k)
{
	await ac_yield();
	return k / 4.0;
}

async char gcv(long x)
{
	await ac_yield();
	return x;
}

int takec(char c, short s, float f)
{
	return c + s % 100 + (int)(f * 4);
}

/* the sum of its arguments, of the kinds FMT names: i int, l long, d double */
int vsum(const char *fmt, ...)
{
	va_list ap;
	long s = 0;
	va_start(ap, fmt);
	for (const char *f = fmt; *f; f++)
		switch (*f) {
		case 'i':
			s += va_arg(ap, int);
			break;
		case 'l':
			s += va_arg(ap, long) % 1000;
			break;
		default:
			s += (long)(va_arg(ap, double) * 4);
			break;
		}
	va_end(ap);
	return (int)(s % 1000);
}

#ifdef __SIZEOF_INT128__
async unsigned __int128 gu128(int k)
{
	await ac_yield();
	return ((unsigned __int128)(unsigned)k << 80) + 12345;
}

async __int128 gi128(int k)
{
	await ac_yield();
	return -((__int128)(k & 1023) << 70) - 1;
}
#endif

async _Complex double gz(int k)
{
	await ac_yield();
	return k + 2.0 * k * 1.0i;
}

async long double gld(int k)
{
	await ac_yield();
	return k / 3.0L;
}
"""

# quiet helpers of the forms tasks and ret-types: results of every type
NEW_HELPERS = r"""async int *kptr(int *b, int k)
{
	await ac_yield();
	return b + (k & 7);
}

async long klong(long x)
{
	await ac_sleep(0);
	return x * 3 + 1;
}

async union KU rku(int k)
{
	union KU u = { 0 };
	await ac_yield();
	u.i = k * 7;
	return u;
}

async enum KE rke(int k)
{
	await ac_yield();
	return k & 1 ? KE_B : KE_C;
}

async _Bool rkb(int k)
{
	await ac_yield();
	return k & 2;
}

async char rkc(int k)
{
	await ac_sleep(0);
	return (char)('A' + (k & 15));
}

async signed char rksc(int k)
{
	await ac_yield();
	return (signed char)(k * 37);
}

async unsigned char rkuc(int k)
{
	await ac_yield();
	return (unsigned char)(k * 37 + 200);
}

async short rks(int k)
{
	await ac_yield();
	return (short)(k * 4099);
}

async unsigned short rkus(int k)
{
	await ac_yield();
	return (unsigned short)(k * -4099);
}

async float rkf(int k)
{
	await ac_yield();
	return (float)k / 4.0f;
}

async long double rkld(int k)
{
	await ac_yield();
	return k / 8.0L;
}

async unsigned rku32(int k)
{
	await ac_yield();
	return 0u - (unsigned)k;
}

async unsigned long long rku64(int k)
{
	await ac_yield();
	return 0ull - (unsigned long long)k * 3;
}

async struct KB rkbig(int k)
{
	struct KB b = { "kb", { k, k + 1, k + 2, k + 3, k + 4 } };
	await ac_yield();
	b.name[0] = (char)('a' + (k & 15));
	return b;
}

async struct KP rkp(int k)
{
	await ac_yield();
	return (struct KP){ (short)k, (short)-k };
}

async struct KP *rkpp(struct KP *p)
{
	await ac_yield();
	return p;
}

async kfn_t rkfn(int k)
{
	await ac_yield();
	return k & 1 ? k_twice : k_thrice;
}

async const char *rkstr(int k)
{
	static const char *const nm[] = { "zero", "one", "two" };
	await ac_yield();
	return nm[((k % 3) + 3) % 3];
}

async int **rkpp2(int **pp)
{
	await ac_yield();
	return pp;
}

async struct KP rkadd(struct KP a, struct KP b)
{
	await ac_yield();
	a.x = (short)(a.x + b.x);
	a.y = (short)(a.y - b.y);
	return a;
}

async int rksum(struct KB b, union KU u)
{
	await ac_yield();
	long s = u.i;
	for (int i = 0; i < 5; i++)
		s += b.v[i];
	return (int)(s % 1000);
}
"""

# the form decl-order's functions, defined after main
DECL_ORDER_DEFS = r"""async int kx_late(int x)
{
	await ac_yield();
	return x * 2 + 1;
}

static async int ks_late(int x)
{
	await ac_sleep(0);
	return x - 3;
}

async int kl2(int x, int y)
{
	await ac_yield();
	return (x ^ y) & 255;
}

static inline async int kin(int x)
{
	await ac_yield();
	return x + 100;
}
"""


def same(a, b):
    """Whether expressions A and B are the same but for parentheses."""
    strip = str.maketrans("", "", "() ")
    return a.translate(strip) == b.translate(strip)


def bare_equality(e):
    """E without its outer parentheses if they hold an equality: as the
    condition of an if or a loop, clang's -Wparentheses-equality takes
    (a == b) for a mistyped assignment."""
    if not (e.startswith("(") and e.endswith(")")):
        return e
    depth, eq = 0, False
    for k, ch in enumerate(e):
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0 and k < len(e) - 1:
            return e  # (a) op (b): not one pair around the whole
        if depth == 1 and e.startswith(" == ", k):
            eq = True
    return e[1:-1] if eq else e


class Gen:
    def __init__(self, seed, forms=None, cc="gcc"):
        self.r = random.Random(seed)
        # The compiler the program is for: "clang" (14 and later) gets the
        # spellings clang accepts where gcc's differ, from the same random
        # draws, so that a seed makes the same program but for them.
        self.clang = cc == "clang"
        self.out = []
        self.label = 0
        self.lineno = 0
        self.helpers = []      # (name, kind) kind: int, long, double, ptr, struct, void
        self.workers = []      # names of int workers callable from later code
        # The forms of FORMS (below) that this program may use, each drawn
        # from its own random stream: turning a form off (--without) leaves
        # the rest of the program as it was, and with every form off the
        # program is the one the generator made before the forms existed.
        self.forms = set(FORMS) if forms is None else set(forms)
        self.fr = {f: random.Random("%d/%s" % (seed, f)) for f in FORMS}
        self.tag = 0           # numbers the trace lines of the forms
        self.awl = 0           # numbers the ac_L<line> label placeholders
        self.fn_labels = set()
        self.fn_cgoto = False
        self.macros = []       # object-like macros named like generated code
        self.names = []        # file-scope names like generated ones
        self.quiet = ["id", "sw"]  # async helpers that do not print

    def chance(self, p):
        return self.r.random() < p

    # ------------------------------------------------------------ helpers

    def helpers_code(self):
        r = self.r
        c = []
        n = r.randint(2, 4)
        for k in range(n):
            waits = r.choice(["ac_yield()", "ac_sleep(0)"])
            mul = r.randint(2, 9)
            add = r.randint(0, 50)
            if self.chance(0.5):
                loop = ("\tfor (int i = 0; i < ((a %% %d) + %d) %% %d; i++)\n"
                        "\t\tawait %s;\n" % (r.randint(2, 5), MOD, r.randint(2, 4), waits))
            else:
                loop = ("\tint n = a & %d;\n\twhile (n-- > 0)\n\t\tawait %s;\n"
                        % (r.choice([1, 3, 7]), waits))
            c.append("async int h%d(int a)\n{\n\tprintf(\"h%d(%%d)\\n\", a);\n%s"
                     "\tif (a < 0)\n\t\treturn (a * %d - %d) %% %d;\n"
                     "\treturn (a * %d + %d) %% %d;\n}\n"
                     % (k, k, loop, mul, add, MOD, mul, add, MOD))
            self.helpers.append(("h%d" % k, "int"))
        # two-argument helper
        c.append("async int h2a(int a, int b)\n{\n\tprintf(\"h2a(%d,%d)\\n\", a, b);\n"
                 "\tawait ac_yield();\n\tif ((a ^ b) & 1)\n\t\tawait ac_sleep(0);\n"
                 "\treturn (a - b) % " + str(MOD) + ";\n}\n")
        c.append("async long hl(long x)\n{\n\tprintf(\"hl(%ld)\\n\", x);\n"
                 "\tfor (long i = 0; i < (x & 3); i++)\n\t\tawait ac_yield();\n"
                 "\treturn (x * 31 + 7) % 100003;\n}\n")
        c.append("async double hd(double x)\n{\n\tprintf(\"hd(%.3f)\\n\", x);\n"
                 "\tawait ac_yield();\n\treturn x * 0.5 + 1.25;\n}\n")
        c.append("async int *hp(int *base, int k)\n{\n\tprintf(\"hp(%d)\\n\", k);\n"
                 "\tif (k & 1)\n\t\tawait ac_yield();\n"
                 "\treturn base + ((k % 8) + 8) % 8;\n}\n")
        c.append("async struct S hs(struct S s, int k)\n{\n"
                 "\tprintf(\"hs(%d,%ld,%d)\\n\", s.a, s.b, k);\n"
                 "\tawait ac_yield();\n\ts.a = (s.a + k) % " + str(MOD) + ";\n"
                 "\ts.arr[((k % 3) + 3) % 3] += 1;\n\ts.c += 0.25;\n\treturn s;\n}\n")
        c.append("async void hv(int *p, int k)\n{\n\tprintf(\"hv(%d)\\n\", k);\n"
                 "\tawait ac_yield();\n\t*p = (*p + k) % " + str(MOD) + ";\n}\n")
        return "\n".join(c)

    # ------------------------------------------------------------ expressions

    def await_int(self, depth, scope):
        """An await of an int helper (prints: has a side effect)."""
        name = self.r.choice([h for h, k in self.helpers if k == "int"])
        kind = self.r.random()
        if kind < 0.15 and depth > 0:
            # nested: await f(await g(x))
            return "await %s(await %s)" % (name, self.await_int(depth - 1, scope)[6:]) \
                if False else "await %s(%s)" % (name, self.await_int(depth - 1, scope))
        if kind < 0.25:
            return "await h2a(%s, %s)" % self.args_one_effect(depth, scope, 2)
        if kind < 0.32 and self.workers and depth > 0:
            w = self.r.choice(self.workers)
            return "await %s(%s, %s)" % ((w,) + self.args_one_effect(depth, scope, 2))
        return "await %s(%s)" % (name, self.pure_int(scope, 1))

    def args_one_effect(self, depth, scope, n):
        """n call arguments, at most one of which prints."""
        k = self.r.randrange(n + 1)
        return tuple(self.int_expr(depth - 1, scope, effects=(i == k))
                     for i in range(n))

    def pure_int(self, scope, depth):
        """A small int expression without side effects."""
        r = self.r
        ints = scope["int"]
        choice = r.random()
        if choice < 0.3 or depth <= 0:
            # never a bare constant (gcc warns about constants in boolean
            # contexts, e.g. as an arm of ?: under ||)
            return r.choice(ints)
        if choice < 0.45:
            return "arr[%s & 7]" % r.choice(ints) if ints else "arr[3]"
        if choice < 0.55 and scope["ptr"]:
            return "*%s" % r.choice(scope["ptr"])
        if choice < 0.62:
            return "st.a"
        if choice < 0.68:
            return "st.arr[%d]" % r.randrange(3)
        if choice < 0.72:
            return "(int)(lv %% %d)" % r.randint(5, 97)
        op = r.choice(["+", "-", "^", "&", "|", "%"])
        a = self.pure_int(scope, depth - 1)
        b = self.pure_int(scope, depth - 1) if self.chance(0.5) else str(r.randint(1, 30))
        if op == "%":
            return "(%s %% %d)" % (a, r.randint(2, 9))
        if same(a, b):  # gcc warns about x == x, x - x ...
            b = str(r.randint(1, 30))
        if self.clang and op == "|" and b.isdigit():
            # clang's -Wtautological-bitwise-compare: x | 3 is always true
            # as an operand of && or ||
            op = "^"
        return "(%s %s %s)" % (a, op, b)

    def int_expr(self, depth, scope, effects=True):
        """An int expression; if EFFECTS, it may print (await helpers)."""
        r = self.r
        if not effects or depth <= 0:
            return self.pure_int(scope, 1 if depth > 0 else 0)
        c = r.random()
        if c < 0.25:
            return self.await_int(depth, scope)
        if c < 0.4:
            # an operator that does not sequence: one side may print
            op = r.choice(["+", "-", "^", "*3 +", "<", "==", ">="])
            if op == "*3 +":
                a = self.int_expr(depth - 1, scope, True)
                return "(%s * 3 + %s)" % (a, self.pure_int(scope, 1))
            a = self.int_expr(depth - 1, scope, True)
            b = self.pure_int(scope, 1)
            if same(a, b):  # gcc warns about x == x
                b = str(r.randint(1, 30))
            if r.random() < 0.5:
                return "(%s %s %s)" % (a, op, b)
            return "(%s %s %s)" % (b, op, a)
        if c < 0.5:
            op = r.choice(["&&", "||"])
            return "(%s %s %s)" % (self.int_expr(depth - 1, scope), op,
                                   self.int_expr(depth - 1, scope))
        if c < 0.6:
            return "(%s ? %s : %s)" % (self.int_expr(depth - 1, scope),
                                       self.int_expr(depth - 1, scope),
                                       self.int_expr(depth - 1, scope))
        if c < 0.67:
            # comma: the left operand is cast to void (asyncc emits a
            # statement for it that gcc -Wunused-value flags otherwise)
            return "((void)%s, %s)" % (self.int_expr(depth - 1, scope),
                                       self.int_expr(depth - 1, scope))
        if c < 0.75:
            return "arr[(%s) & 7]" % self.int_expr(depth - 1, scope)
        if c < 0.8:
            return "(int)(await hl(%s) %% %d)" % (self.int_expr(depth - 1, scope),
                                                  r.randint(10, 500))
        if c < 0.85:
            return "*await hp(arr, %s)" % self.int_expr(depth - 1, scope)
        if c < 0.9:
            return "(await hs(st, %s)).a" % self.int_expr(depth - 1, scope)
        if c < 0.93:
            return "(int)await hd(%s)" % self.int_expr(depth - 1, scope)
        return self.pure_int(scope, 2)

    def cond(self, depth, scope):
        c = self.int_expr(depth, scope) + (" & 1" if self.chance(0.3) else "")
        return bare_equality(c) if self.clang else c

    # ------------------------------------------------------------ statements

    def emit(self, ind, s):
        self.out.append("\t" * ind + s)

    def trace(self, ind, scope):
        self.lineno += 1
        vs = scope["int"][:3]
        fmt = " ".join(["%d"] * len(vs))
        args = "".join(", " + v for v in vs)
        self.emit(ind, 'printf("t%d: %s\\n"%s);' % (self.lineno, fmt, args))

    def assign(self, ind, scope, depth):
        r = self.r
        c = r.random()
        ints = [v for v in scope["int"] if v not in scope["loopvars"]]
        if c < 0.45:
            v = r.choice(ints)
            op = r.choice(["=", "+=", "-=", "^="])
            self.emit(ind, "%s %s (%s) %% %d;" % (v, op, self.int_expr(depth, scope), MOD))
        elif c < 0.55:
            # store through a subscript that awaits; the value must not print
            self.emit(ind, "arr[(%s) & 7] = %s;" % (self.int_expr(depth, scope),
                                                    self.pure_int(scope, 1)))
        elif c < 0.62:
            self.emit(ind, "lv = (lv * 3 + await hl(%s)) %% 1000003;"
                      % self.int_expr(depth - 1, scope))
        elif c < 0.68:
            self.emit(ind, "dv = await hd(dv) + (%s) * 0.125;" % self.pure_int(scope, 1))
        elif c < 0.75 and scope["ptr"]:
            p = r.choice(scope["ptr"])
            if self.chance(0.5):
                self.emit(ind, "%s = await hp(arr, %s);" % (p, self.int_expr(depth - 1, scope)))
            else:
                self.emit(ind, "*%s = (*%s + %s) %% %d;" % (p, p, self.int_expr(depth, scope), MOD))
        elif c < 0.8:
            self.emit(ind, "st = await hs(st, %s);" % self.int_expr(depth - 1, scope))
        elif c < 0.85:
            self.emit(ind, "await hv(&%s, %s);" % (r.choice(ints), self.int_expr(depth - 1, scope)))
        elif c < 0.9:
            self.emit(ind, "%s;" % self.await_int(depth, scope))
        else:
            self.emit(ind, "st.b += %s;" % self.int_expr(depth, scope))

    def block(self, ind, scope, depth, n, loop):
        for _ in range(n):
            self.stmt(ind, scope, depth, loop)

    def stmt(self, ind, scope, depth, loop):
        self.forms_here(ind, scope, loop)
        r = self.r
        c = r.random()
        if depth <= 0 or c < 0.35:
            self.assign(ind, scope, 2)
            if self.chance(0.3):
                self.trace(ind, scope)
            return
        if c < 0.45:
            self.emit(ind, "if (%s) {" % self.cond(2, scope))
            self.block(ind + 1, scope, depth - 1, r.randint(1, 2), loop)
            if self.chance(0.5):
                self.emit(ind, "} else {")
                self.block(ind + 1, scope, depth - 1, r.randint(1, 2), loop)
            self.emit(ind, "}")
        elif c < 0.53:
            self.loop_while(ind, scope, depth)
        elif c < 0.61:
            self.loop_do(ind, scope, depth)
        elif c < 0.71:
            self.loop_for(ind, scope, depth)
        elif c < 0.79:
            self.switch(ind, scope, depth, loop)
        elif c < 0.84 and loop:
            self.emit(ind, "if (%s)" % self.cond(2, scope))
            self.emit(ind + 1, r.choice(["break;", "continue;"]))
        elif c < 0.89:
            lab = self.newlabel()
            self.emit(ind, "if (%s)" % self.cond(2, scope))
            self.emit(ind + 1, "goto %s;" % lab)
            self.block(ind, scope, depth - 1, r.randint(1, 2), loop)
            self.emit(ind - 1 if ind > 1 else ind, "%s:" % lab)
            self.trace(ind, scope)
        elif c < 0.93:
            # a backward goto, bounded by a counter
            lab = self.newlabel()
            cnt = self.counter(scope)
            self.emit(ind, "%s = 0;" % cnt)
            self.emit(ind - 1 if ind > 1 else ind, "%s:" % lab)
            self.block(ind, scope, depth - 1, 1, loop)
            self.emit(ind, "if (++%s < 3 && (%s))" % (cnt, self.cond(1, scope)))
            self.emit(ind + 1, "goto %s;" % lab)
        elif c < 0.97 and scope["ret"]:
            self.emit(ind, "if (%s)" % self.cond(2, scope))
            self.emit(ind + 1, "return %s%s;" % (self.return_comma(), self.int_expr(1, scope)))
        else:
            self.emit(ind, "{")
            self.block(ind + 1, scope, depth - 1, 2, loop)
            self.emit(ind, "}")

    def newlabel(self):
        self.label += 1
        return "L%d" % self.label

    def counter(self, scope):
        name = "c%d" % (len(scope["counters"]) + 1)
        scope["counters"].append(name)
        return name

    def loop_while(self, ind, scope, depth):
        cnt = self.counter(scope)
        self.emit(ind, "%s = 0;" % cnt)
        self.emit(ind, "while (%s++ < %d && (%s)) {" % (cnt, self.r.randint(1, 4),
                                                      self.cond(2, scope)))
        self.block(ind + 1, scope, depth - 1, self.r.randint(1, 3), True)
        self.emit(ind, "}")

    def loop_do(self, ind, scope, depth):
        cnt = self.counter(scope)
        self.emit(ind, "%s = 0;" % cnt)
        self.emit(ind, "do {")
        self.block(ind + 1, scope, depth - 1, self.r.randint(1, 3), True)
        self.emit(ind, "} while (++%s < %d && (%s));" % (cnt, self.r.randint(1, 4),
                                                       self.cond(2, scope)))

    def loop_for(self, ind, scope, depth):
        r = self.r
        i = "i%d" % (len(scope["int"]))
        bound = r.choice(["%d" % r.randint(1, 4),
                          "(%s & 3) + 1" % self.await_int(1, scope)])
        step = r.choice(["%s++" % i, "%s += (%s & 1) + 1" % (i, self.await_int(1, scope)),
                         "%s += 1 + ((%s) & 1)" % (i, self.int_expr(1, scope))])
        inner = dict(scope, int=scope["int"] + [i], loopvars=scope["loopvars"] + [i])
        self.emit(ind, "for (int %s = 0; %s < %s; %s) {" % (i, i, bound, step))
        self.block(ind + 1, inner, depth - 1, r.randint(1, 3), True)
        self.emit(ind, "}")

    def switch(self, ind, scope, depth, loop):
        r = self.r
        self.emit(ind, "switch ((%s) & 3) {" % self.int_expr(2, scope))
        cases = r.sample([0, 1, 2, 3], r.randint(1, 3))
        for k in cases:
            self.emit(ind, "case %d:" % k)
            self.block(ind + 1, scope, depth - 1, r.randint(1, 2), loop)
            if self.chance(0.7):
                self.emit(ind + 1, "break;")
            else:
                self.emit(ind + 1, "/* fall through */")
        if self.chance(0.6):
            self.emit(ind, "default:")
            self.block(ind + 1, scope, depth - 1, 1, loop)
        else:
            self.emit(ind, "default:")
            self.emit(ind + 1, "break;")
        self.emit(ind, "}")

    # ------------------------------------------------------------ forms
    #
    # Expressions, names and addresses that a translation most easily gets
    # wrong (issue 8).  Each is written so that the program stays well
    # defined and order-independent with async/await erased: operands that
    # print or modify a variable share an unsequenced operator only with
    # awaits of the quiet helpers (id, sw, kc, cm), which neither print nor
    # touch the program's variables.

    def fvar(self, r, scope):
        """An int variable the form may modify (not a for-loop counter)."""
        return r.choice([v for v in scope["int"] if v not in scope["loopvars"]])

    def pexp(self, r, scope, avoid=()):
        """A small pure int expression that does not read AVOID."""
        vs = [v for v in scope["int"] if v not in avoid]
        c = r.random()
        if c < 0.3 or not vs:
            return str(r.randint(0, 20))
        v = r.choice(vs)
        if c < 0.6:
            return v
        if c < 0.8:
            return "(%s & 15)" % v
        return "(%s + %d)" % (v, r.randint(1, 9))

    def qa(self, r, arg):
        """An await of a quiet helper (no output, no side effect)."""
        return "await %s(%s)" % (r.choice(self.quiet), arg)

    def newtag(self, form):
        """The trace tag of a form's statement: the form's name, numbered
        (run.py --classify names the form of the first differing line)."""
        self.tag += 1
        return "%s%d" % (form, self.tag)

    def pr(self, ind, tag, vals):
        """printf of a form's values (int expressions)."""
        self.emit(ind, 'printf("%s:%s\\n"%s);' % (
            tag, " %d" * len(vals), "".join(", " + v for v in vals)))

    def forms_here(self, ind, scope, loop):
        """Before each statement, each form may put one of its own."""
        for f, p in FORM_RATE.items():
            r = self.fr[f]
            if f in self.forms and r.random() < p:
                self.emit(ind, "/* %s */" % f)
                getattr(self, "form_" + f.replace("-", "_"))(r, ind, scope, loop)

    def prelude_forms(self):
        """File-scope declarations: helpers' types, names and macros that
        look like the generated code's (defined after <asyncc.h>)."""
        if not self.forms:
            return []
        out = ["struct B { char data[16]; int n; };",
               "int fx(int k);", ""]
        if "typeof" in self.forms: # (lists that leave out braces, as C allows)
            out += ["#pragma GCC diagnostic ignored \"-Wmissing-braces\"", ""]
        if "gen-names" in self.forms:
            r = self.fr["gen-names"]
            if r.random() < 0.7:
                self.macros = r.sample(["M", "result", "state", "hdr", "aw", "rc"],
                                       r.randint(1, 3))
                out += ["#define %s %d" % (m, r.randint(1, 9)) for m in self.macros]
            if r.random() < 0.6:
                names = r.sample(["F", "ac_self", "ac_t1", "ac_h0", "ac_c2"],
                                 r.randint(1, 3))
                if r.random() < 0.5:
                    out.append("enum { %s };" % ", ".join(
                        "%s = %d" % (n, r.randint(1, 9)) for n in names))
                else:
                    out += ["int %s = %d;" % (n, r.randint(1, 9)) for n in names]
                self.names = names
            out.append("")
        if "types" in self.forms:
            out += ["struct BF { unsigned a : 3; int b : 5; unsigned c : 1; };",
                    "union U { int i; unsigned char b[4]; };",
                    "struct AN { int k; union { int ui; short us; }; struct { char ch; } in; };",
                    # C cannot assign these: the frame copies their bytes
                    "struct RO { const int k; int m; };",
                    "typedef struct { struct RO r; char *const p; } ROT;",
                    "async struct RO hro(int k)\n{\n\tawait ac_yield();\n"
                    "\tstruct RO v = { k %% %d, 1 };\n\treturn v;\n}" % MOD,
                    ""]
        if "local-types" in self.forms:
            out += ["typedef int LTH; /* hidden by a typedef of a body */", ""]
        if "stmt-attrs" in self.forms:
            # gcc warns that GNU attributes on an empty statement and C2x
            # ones on other statements are ignored; the program means it
            out += ['#pragma GCC diagnostic ignored "-Wattributes"', ""]
        if self.forms & AUDIT_FORMS:
            out.append(GEN_TYPES)
        if self.forms & NEW_FORMS:
            # task pointers are integers once async and await are erased
            out += ["#ifdef SYNC",
                    "typedef intptr_t task_p;",
                    "static inline __attribute__((unused)) int "
                    "ac_gather(const void *t, size_t n)",
                    "{\n\t(void)t;\n\t(void)n;\n\treturn 0;\n}",
                    "#else",
                    "typedef ac_task *task_p;",
                    "#endif",
                    "union KU { int i; unsigned char b[4]; };",
                    "enum KE { KE_A = 1, KE_B = 5, KE_C = -3 };",
                    "struct KP { short x, y; };",
                    "struct KB { char name[20]; long v[5]; };",
                    "struct KF { int n; short tag; int d[]; };",
                    "struct KBF { unsigned a : 3; signed b : 4; _Bool c : 1; "
                    "unsigned long long d : 35; };",
                    "typedef int (*kfn_t)(int);",
                    "int k_global = 7;",
                    "int k_twice(int k)\n{\n\treturn 2 * k;\n}",
                    "int k_thrice(int k)\n{\n\treturn 3 * k + 1;\n}", ""]
        return out

    def helpers_forms(self):
        """The quiet helpers the forms await and a printing plain function."""
        if not self.forms:
            return []
        c = ["int fx(int k)\n{\n\tprintf(\"fx(%d)\\n\", k);\n\treturn k * 3 % 17;\n}\n",
             "async int id(int x)\n{\n\treturn x;\n}\n",
             "async int sw(int x)\n{\n\tawait ac_yield();\n\treturn x;\n}\n",
             "async void put(int x)\n{\n\tawait ac_yield();\n\tprintf(\"put(%d)\\n\", x);\n}\n",
             # members and array members of a parameter held across a suspension
             "async int pm(struct S s, int k)\n{\n\tlong *pb = &s.b;\n\tint *pa = s.arr;\n"
             "\tint *px = &s.a;\n\tawait ac_yield();\n\t*pb += k;\n\tpa[1] += k;\n\t*px -= k;\n"
             "\treturn (int)(s.b %% %d) + s.arr[1] + s.a %% %d;\n}\n" % (MOD, MOD)]
        if "temporaries" in self.forms:
            c.append("struct S mk(int k)\n{\n\tstruct S s = { k, k + 1, 0.5, { k, 2 * k, 3 } };"
                     "\n\treturn s;\n}\n")
            c.append("int rs(const int *p, int k)\n{\n\treturn p[0] + p[1] * 5 + p[2] + k;\n}\n")
            # reads its array after suspending, the stack clobbered
            c.append("async int rd(const int *p, int k)\n{\n\tawait ac_yield();\n"
                     "\tvolatile char junk[512];\n\tfor (int i = 0; i < 512; i++)\n"
                     "\t\tjunk[i] = (char)i;\n\t(void)junk;\n"
                     "\treturn (p[0] + p[1] * 3 + p[2] * 7 + k) %% %d;\n}\n" % MOD)
        if "stmt-expr" in self.forms or "decls" in self.forms:
            # suspends, then writes over the stack its caller's step used
            c.append("__attribute__((noinline)) void clobber(void)\n{\n"
                     "\tvolatile char junk[4096];\n\tfor (int i = 0; i < 4096; i++)\n"
                     "\t\tjunk[i] = (char)(i * 7);\n\t(void)junk;\n}\n")
            c.append("async int cl(int x)\n{\n\tawait ac_yield();\n\tclobber();\n"
                     "\treturn x;\n}\n")
        if "types" in self.forms:
            c.append("int tw(int k)\n{\n\treturn 2 * k + 1;\n}\n")
        if "recursion" in self.forms:
            c.append("async int rec(int n, int k)\n{\n\tint loc[3] = { n, k, n + k };\n"
                     "\tprintf(\"rec(%%d,%%d)\\n\", n, k);\n\tif (n <= 0)\n\t\treturn k;\n"
                     "\tawait ac_yield();\n\tint r = await rec(n - 1, k + loc[2] %% 7);\n"
                     "\tloc[1] += r;\n\treturn (loc[0] + loc[1] + loc[2]) %% %d;\n}\n" % MOD)
            c.append("async int fib(int n)\n{\n\tif (n < 2) {\n\t\tawait ac_yield();\n"
                     "\t\treturn n;\n\t}\n\treturn await fib(n - 1) + await fib(n - 2);\n}\n")
            c.append("async int od(int n);\n\nasync int ev(int n)\n{\n\tint k = n;\n"
                     "\tif (k & 1)\n\t\tawait ac_sleep(0);\n"
                     "\treturn k == 0 ? 1 : await od(k - 1);\n}\n")
            c.append("async int od(int n)\n{\n\tawait ac_yield();\n"
                     "\treturn n == 0 ? 0 : await ev(n - 1);\n}\n")
        if "params" in self.forms:
            c.append("int inc(int k)\n{\n\treturn k + 1;\n}\n")
            c.append(
                "async double mp(char c, short s, unsigned u, long long ll, float f, double d,\n"
                "\t\tint *p, struct S sv, const char *str, int ar[], _Bool b,\n"
                "\t\tunsigned char uc, int (*fn)(int), long double ld, int n)\n{\n"
                "\tprintf(\"mp(%d,%d,%u,%lld,%.2f,%.2f,%d,%d,%s,%d,%d,%d,%.2Lf,%d)\\n\", c, s, u,\n"
                "\t       ll, f, d, *p, sv.arr[2], str, ar[1], b, uc, ld, n);\n"
                "\tc += (char)await sw(1);\n\ts = (short)(s * 2 + await sw(n & 7));\n"
                "\tu <<= await sw(3);\n\tll -= await sw(4);\n\tf /= (float)await sw(2);\n"
                "\td += await sw(5);\n\t*p += await sw(6);\n\tsv.arr[2] += await sw(7);\n"
                "\tstr += await sw(1);\n\tar[1] += await sw(8);\n\tb = !b || await sw(n & 1);\n"
                "\tuc = (unsigned char)(uc + await sw(200));\n\tn = fn(n) + await sw(n);\n"
                "\tld *= await sw(2);\n"
                "\tprintf(\"mp: %d %d %u %lld %.2f %.2f %d %d %s %d %d %d %.2Lf %d\\n\", c, s, u,\n"
                "\t       ll, f, d, *p, sv.arr[2], str, ar[1], b, uc, ld, n);\n"
                "\treturn d + f + (double)ll + (double)ld + n;\n}\n")
            c.append("async void ve(int *p, int n)\n{\n\tfor (int i = 0; i < 6; i++) {\n"
                     "\t\t*p += await sw(i);\n\t\tif (i == n)\n\t\t\treturn;\n\t}\n"
                     "\t*p = -*p;\n}\n")
        if self.forms & NEW_FORMS:
            c.append(NEW_HELPERS)
        if self.forms & AUDIT_FORMS:
            c.append(GEN_HELPERS)
        if "decl-order" in self.forms:
            c.append("extern async int kx_late(int);\nstatic async int ks_late(int x);\n"
                     "async int kl2(int, int);\nstatic inline async int kin(int x);\n")
        if "const-async" in self.forms and self.fr["const-async"].random() < 0.5:
            # gcc -Wextra warns that the qualifier means nothing; asyncc
            # must not make the frame's result member read-only
            c.append("#pragma GCC diagnostic ignored \"-Wignored-qualifiers\"\n"
                     "async const int kc(int x)\n{\n\tawait ac_yield();\n\treturn x + 1;\n}\n")
            self.quiet.append("kc")
        if "return-comma" in self.forms and self.fr["return-comma"].random() < 0.5:
            c.append("async int cm(int x)\n{\n\tawait ac_yield();\n\treturn x++, x * 2;\n}\n")
            self.quiet.append("cm")
        return c

    def return_comma(self):
        """'fx(K), ' before a returned value, sometimes (return a, b;)."""
        if "return-comma" not in self.forms:
            return ""
        r = self.fr["return-comma"]
        if r.random() < 0.3:
            return "fx(%d), " % r.randint(0, 9)
        return ""

    def many_args(self, scope):
        """A call with 64..80 awaiting arguments (a fixed operand limit)."""
        if "many-args" not in self.forms:
            return []
        r = self.fr["many-args"]
        if r.random() >= 0.25:
            return []
        n = r.randint(64, 80)
        args = [self.qa(r, self.pexp(r, scope)) for _ in range(n)]
        tag = self.newtag("many-args")
        out = ["\t/* many-args */",
               '\tprintf("%s:%s\\n",' % (tag, " %d" * n)]
        for k in range(0, n, 4):
            out.append("\t\t" + ", ".join(args[k:k + 4]) + (");" if k + 4 >= n else ","))
        return out

    def resolve_labels(self, text):
        """ac_L@N@ labels become ac_L<line of the await marked /*@N@*/>,
        the name asyncc gives the state of that await."""
        lines = text.split("\n")
        where = {}
        for i, l in enumerate(lines):
            for m in re.findall(r"/\*@(\d+)@\*/", l):
                where[m] = i + 1
        out = []
        for l in lines:
            l = re.sub(r"ac_L@(\d+)@", lambda m: "ac_L%d" % where[m.group(1)], l)
            out.append(re.sub(r" ?/\*@\d+@\*/", "", l))
        return "\n".join(out)

    def form_effects(self, r, ind, scope, loop):
        """Side effects in operands before and after awaits."""
        v = self.fvar(r, scope)
        e = self.pexp(r, scope, avoid=[v])
        k = r.randint(0, 9)
        t = self.newtag("effects")
        c = r.randrange(8)
        self.emit(ind, "{")
        i = ind + 1
        if c == 0:
            self.emit(i, "int r = fx(%d) + %s;" % (k, self.qa(r, e)))
            self.pr(i, t, ["r"])
        elif c == 1:
            self.emit(i, "int r = %s * 2 - fx(%d);" % (self.qa(r, e), k))
            self.pr(i, t, ["r"])
        elif c == 2:
            self.emit(i, "int r = %s++ + %s;" % (v, self.qa(r, e)))
            self.pr(i, t, ["r", v])
        elif c == 3:
            self.emit(i, 'printf("%s: %%d %%d\\n", fx(%d), %s);' % (t, k, self.qa(r, e)))
        elif c == 4:
            self.emit(i, "int k = %d;" % r.randint(1, 4))
            self.emit(i, "while (k-- > %s)" % self.qa(r, str(r.randint(0, 2))))
            self.pr(i + 1, t, ["k"])
            self.pr(i, t, ["k"])
        elif c == 5:
            self.emit(i, "%s = (%s + fx(%d) * %s) %% %d;" % (v, v, k, self.qa(r, e), MOD))
            self.pr(i, t, [v])
        elif c == 6:
            self.emit(i, "int r = %s-- - %s + %s;" % (v, self.qa(r, e), self.qa(r, e)))
            self.pr(i, t, ["r", v])
        else:
            self.emit(i, "int r = (fx(%d), %s++) * 2 + %s;" % (k, v, self.qa(r, e)))
            self.pr(i, t, ["r", v])
        self.emit(ind, "}")

    def form_lvalues(self, r, ind, scope, loop):
        """Assignment targets with side effects, the value awaited."""
        v = self.fvar(r, scope)
        e = self.pexp(r, scope, avoid=[v])
        t = self.newtag("lvalues")
        c = r.randrange(7)
        op = r.choice(["=", "+=", "-=", "^="])
        self.emit(ind, "{")
        i = ind + 1
        if c == 0:
            self.emit(i, "int j = %d;" % r.randrange(8))
            self.emit(i, "arr[j++ & 7] %s %s;" % (op, self.qa(r, e)))
            self.pr(i, t, ["j", "arr[(j - 1) & 7]"])
        elif c == 1:
            self.emit(i, "int *q = &arr[%d];" % r.randrange(6))
            self.emit(i, "*q++ %s %s;" % (op, self.qa(r, e)))
            self.emit(i, "*q++ = %s;" % self.qa(r, e))
            self.pr(i, t, ["(int)(q - arr)", "q[-1]", "q[-2]"])
        elif c == 2:
            self.emit(i, "arr[%s++ & 7] %s %s;" % (v, op, self.qa(r, e)))
            self.pr(i, t, [v])
        elif c == 3:
            self.emit(i, "st.arr[%s-- & 1] %s %s;" % (v, op, self.qa(r, e)))
            self.pr(i, t, [v, "st.arr[0]", "st.arr[1]"])
        elif c == 4:
            self.emit(i, "arr[fx(%d) & 7] %s %s;" % (r.randint(0, 9), op, self.qa(r, e)))
        elif c == 5:
            self.emit(i, "int j = %d;" % r.randrange(8))
            self.emit(i, "arr[++j & 7] %s %s + %s;" % (op, self.qa(r, e), self.qa(r, e)))
            self.pr(i, t, ["j", "arr[j & 7]"])
        else:
            self.emit(i, "int *q = p0;")
            self.emit(i, "*q++ %s %s;" % (op, self.qa(r, e)))
            self.pr(i, t, ["(int)(q - p0)", "*p0"])
        self.emit(ind, "}")

    def form_cond(self, r, ind, scope, loop):
        """?: with awaits in its arms: two in one expression, nested, void."""
        v = self.fvar(r, scope)
        n = "(%s & 3)" % v
        a, b, d = (self.pexp(r, scope, avoid=[v]) for _ in range(3))
        t = self.newtag("cond")
        c = r.randrange(9)
        self.emit(ind, "{")
        i = ind + 1
        if c == 7:
            # only the arm the constant picks runs
            self.emit(i, "__builtin_choose_expr(%d, await put(%s), await put(%s));"
                      % (r.randrange(2), a, b))
        elif c == 8:
            self.emit(i, "int r = __builtin_choose_expr(sizeof(int) %s 4, %s, (long)%s * 2) + %s;"
                      % (r.choice(["==", "!="]), self.qa(r, a), self.qa(r, b), v))
            self.pr(i, t, ["r"])
        elif c == 0:
            self.emit(i, "int r = (%s ? %s : 0) + (%s ? %s : 0);"
                      % (n, self.qa(r, a), n, self.qa(r, b)))
            self.pr(i, t, ["r"])
        elif c == 1:
            self.emit(i, "int r = %s ? (%s > 1 ? %s : 2) : 3;" % (n, n, self.qa(r, a)))
            self.pr(i, t, ["r"])
        elif c == 2:
            self.emit(i, "%s > 1 ? await put(%s) : await put(%s);" % (n, a, b))
        elif c == 3:
            self.emit(i, "%s = (%s & 1 ? %s : %s) + (%s ? 1 : %s);"
                      % (v, v, self.qa(r, a), self.qa(r, b), n, self.qa(r, d)))
            self.pr(i, t, [v])
        elif c == 4:
            self.emit(i, "int r = %s ? %s ? %s : 4 : 5;" % (n, self.qa(r, a), self.qa(r, b)))
            self.pr(i, t, ["r"])
        elif c == 5:
            self.emit(i, "%s ? (void)0 : %s > 1 ? await put(%s) : await put(%s);"
                      % (n, n, a, b))
        else:
            self.emit(i, "if ((%s ? %s : 0) > (%s ? 0 : %s))" % (n, self.qa(r, a), n, self.qa(r, b)))
            self.pr(i + 1, t, [v])
        self.emit(ind, "}")

    def form_comma(self, r, ind, scope, loop):
        """Comma expressions whose operands await."""
        v = self.fvar(r, scope)
        e = self.pexp(r, scope, avoid=[v])
        t = self.newtag("comma")
        c = r.randrange(5)
        self.emit(ind, "{")
        i = ind + 1
        if c == 0:
            self.emit(i, "int z = (%s, %s + 1);" % (self.qa(r, e), v))
            self.pr(i, t, ["z"])
        elif c == 1:
            self.emit(i, "%s = (fx(%d), %s) %% %d;" % (v, r.randint(0, 9), self.qa(r, e), MOD))
            self.pr(i, t, [v])
        elif c == 2:
            self.emit(i, "int z = (%s++, %s);" % (v, self.qa(r, v)))
            self.pr(i, t, ["z", v])
        elif c == 3:
            self.emit(i, "int z = (await put(%s), %s);" % (e, self.qa(r, e)))
            self.pr(i, t, ["z"])
        else:
            self.emit(i, "int z = %s;" % e)
            self.emit(i, "for (int j = 0, m = %s & 3; j < m; j++, z = (z + %s) %% %d)"
                      % (self.qa(r, e), self.qa(r, "j"), MOD))
            self.pr(i + 1, t, ["j", "z"])
        self.emit(ind, "}")

    def form_addresses(self, r, ind, scope, loop):
        """Addresses of members, array members, compound literals and task
        arrays held across a suspension."""
        v = self.fvar(r, scope)
        e = self.pexp(r, scope, avoid=[v])
        t = self.newtag("addresses")
        c = r.randrange(10)
        self.emit(ind, "{")
        i = ind + 1
        if c == 8:
            # compound literals nested in a braced initializer
            self.emit(i, "int *pp[2] = { (int[]){ %s, 1 }, [1] = (int[2]){ %s, %d } };"
                      % (v, e, r.randint(0, 9)))
            self.emit(i, "pp[0][1] += %s;" % self.qa(r, e))
            self.pr(i, t, ["pp[0][0]", "pp[0][1]", "pp[1][0]", "pp[1][1]"])
        elif c == 9:
            # ... and in another compound literal
            self.emit(i, "int **qq = (int *[]){ (int[]){ %s, 5 }, &(int){ %s } };" % (v, e))
            self.emit(i, "*qq[1] += %s;" % self.qa(r, e))
            self.pr(i, t, ["qq[0][0]", "qq[0][1]", "*qq[1]"])
        elif c == 0:
            self.emit(i, "struct S s2 = { %s, %d, 0.5, { 1, 2, 3 } };" % (e, r.randint(0, 9)))
            self.emit(i, "int *p = &s2.a;")
            self.emit(i, "await ac_yield();")
            self.emit(i, "*p += %s;" % self.qa(r, e))
            self.pr(i, t, ["s2.a", "*p"])
        elif c == 1:
            self.emit(i, "struct S s2 = st;")
            self.emit(i, "int *q = s2.arr;")
            self.emit(i, "long *pb = &s2.b;")
            self.emit(i, "q[1] += %s;" % self.qa(r, e))
            self.emit(i, "*pb += q[1];")
            self.pr(i, t, ["s2.arr[1]", "(int)s2.b"])
        elif c == 2:
            self.emit(i, 'struct B bb = { "abc", %d };' % r.randint(0, 9))
            self.emit(i, "char *cp = bb.data;")
            self.emit(i, "await ac_yield();")
            self.emit(i, "cp[1] = (char)('a' + (%s & 15));" % self.qa(r, e))
            self.emit(i, 'printf("%s: %%s %%d\\n", bb.data, bb.n);' % t)
        elif c == 3:
            self.emit(i, "int *ca = (int[2]){ %s, %d };" % (v, r.randint(0, 9)))
            self.emit(i, "ca[1] += %s;" % self.qa(r, e))
            self.pr(i, t, ["ca[0]", "ca[1]"])
        elif c == 4:
            self.emit(i, "async int ta = %s(%s);" % (r.choice(self.quiet), e))
            self.emit(i, "async int tb = %s(%s);" % (r.choice(self.quiet), v))
            self.out.append("#ifndef SYNC")
            self.emit(i, "await ac_gather((ac_task *[]){ ta, tb }, 2);")
            self.out.append("#endif")
            self.emit(i, 'printf("%s: %%d %%d\\n", await ta, await tb);' % t)
        elif c == 5:
            self.emit(i, "%s = (%s + await pm(st, %s)) %% %d;" % (v, v, e, MOD))
            self.pr(i, t, [v])
        elif c == 6:
            self.emit(i, "int loc[4] = { %s, 2, 3, 4 };" % e)
            self.emit(i, "int *lp = loc + %d;" % r.randrange(4))
            self.emit(i, "*lp += %s;" % self.qa(r, e))
            self.pr(i, t, ["loc[0]", "loc[1]", "loc[2]", "loc[3]"])
        else:
            self.emit(i, "struct S s2 = st, *sp = &s2;")
            self.emit(i, "int (*ap)[3] = &s2.arr;")
            self.emit(i, "sp->a += %s;" % self.qa(r, e))
            self.emit(i, "(*ap)[2] += sp->a;")
            self.pr(i, t, ["s2.a", "s2.arr[2]"])
        self.emit(ind, "}")

    def form_decls(self, r, ind, scope, loop):
        """Declarations whose attributes make their type, compound literals
        chosen by _Generic, and asm goto, across suspensions."""
        v = self.fvar(r, scope)
        e = self.pexp(r, scope, avoid=[v])
        t = self.newtag("decls")
        c = r.randrange(5)
        self.emit(ind, "{")
        i = ind + 1
        if c == 0:
            # 16 bits: the sum wraps as a short does
            self.emit(i, "int m __attribute__((mode(HI))) = (short)(%s * 4099);" % e)
            self.emit(i, "m += (short)(%s * 3001);" % self.qa(r, e))
            self.pr(i, t, ["(int)m", "(int)sizeof m"])
        elif c == 1:
            self.emit(i, "int k = %s, __attribute__((mode(QI))) q = (signed char)%s;" % (v, e))
            self.emit(i, "q += (signed char)(%s * 37);" % self.qa(r, e))
            self.pr(i, t, ["k", "(int)q", "(int)sizeof q"])
        elif c == 2:
            self.emit(i, "int *gp = _Generic(%s, int: (int[]){ %s, %s }, default: (int *)0);"
                      % (v, v, e))
            self.emit(i, "gp[1] += await cl(%s);" % e)
            self.pr(i, t, ["gp[0]", "gp[1]"])
        elif c == 3:
            label = t.replace("-", "_") + "_out"
            self.emit(i, "int w = %s;" % e)
            self.emit(i, "await cl(w);")
            self.out.append("#if defined __x86_64__ || defined __i386__")
            self.emit(i, 'if (%s & 1) asm goto("jmp %%l[%s]" : : : : %s);' % (v, label, label))
            self.out.append("#else")
            self.emit(i, "if (%s & 1) goto %s;" % (v, label))
            self.out.append("#endif")
            self.emit(i, "w = %d;" % r.randint(0, 9))
            self.emit(ind, "%s:" % label)
            self.pr(i, t, ["w"])
        else:
            # the alignment is cb's, not cn's
            self.emit(i, "char cb[8] __attribute__((aligned(16))) = { 0 }, cn = 1;")
            self.emit(i, "char *cp = cb, *cnp = &cn;")
            self.emit(i, "cp[1] = (char)(%s & 63);" % self.qa(r, e))
            self.pr(i, t, ["(int)((unsigned long)cp % 16)", "cb[1]", "(int)__alignof__(cn)",
                           "*cnp"])
        self.emit(ind, "}")

    def form_types(self, r, ind, scope, loop):
        """Locals of the types C has beyond int, long, double and pointers,
        written before a suspension and read after it."""
        v = self.fvar(r, scope)
        e = self.pexp(r, scope, avoid=[v])
        t = self.newtag("types")
        c = r.randrange(12)
        self.emit(ind, "{")
        i = ind + 1
        if c == 11:
            # structs with a const member, from a list, an await, a local
            self.emit(i, "struct RO ro = { %s, %s };" % (e, v))
            self.emit(i, "ROT rt = { { %s, 2 }, \"pq\" };" % self.qa(r, e))
            self.emit(i, "ro.m += %s;" % self.qa(r, v))
            self.emit(i, "struct RO r2 = %s, r3 = ro;" % r.choice(
                ["await hro(%s)" % e, "(%s) ? await hro(%s) : ro" % (self.qa(r, v), e)]))
            self.pr(i, t, ["ro.k", "ro.m", "rt.r.k", "rt.r.m", "rt.p[1]", "r2.k", "r2.m",
                           "r3.k"])
        elif c == 10:
            # typeof of a static array sized by another static
            self.emit(i, "static const int tb[] = { 1, 2, 3 };")
            self.emit(i, "static int cnt[sizeof tb / sizeof *tb];")
            self.emit(i, "__typeof__(cnt) cp = { %s, 0, tb[2] };" % e)
            self.emit(i, "cp[1] = %s;" % self.qa(r, v))
            self.pr(i, t, ["(int)sizeof cp", "cp[0]", "cp[1]", "cp[2]", "cnt[0]"])
        elif c == 0:
            self.emit(i, "struct BF bf = "
                      "{ %s & 7, %s %% 16, 1 };" % (e, v))
            self.emit(i, "bf.b = (bf.b + %s) %% 16;" % self.qa(r, e))
            self.emit(i, "bf.a += %s & 7;" % self.qa(r, v))
            self.pr(i, t, ["(int)bf.a", "(int)bf.b", "(int)bf.c"])
        elif c == 1:
            self.emit(i, "union U u;")
            self.emit(i, "u.i = %s;" % e)
            self.emit(i, "u.b[0] = (unsigned char)(u.b[0] ^ %s);" % self.qa(r, v))
            self.pr(i, t, ["u.i", "(int)sizeof u"])
        elif c == 2:
            self.emit(i, "_Complex double z = %s;" % e)
            self.emit(i, "__imag__ z = %s;" % v)
            self.emit(i, "z = z * (double)(%s %% 7 + 1);" % self.qa(r, e))
            self.pr(i, t, ["(int)__real__ z", "(int)__imag__ z"])
        elif c == 3:
            self.emit(i, "_Atomic int at = %s;" % e)
            self.emit(i, "at += %s;" % self.qa(r, v))
            self.emit(i, "at++;")
            self.pr(i, t, ["(int)at"])
        elif c == 4:
            self.emit(i, "static int sc;")
            self.emit(i, "sc = (sc + %s) %% %d;" % (self.qa(r, e), MOD))
            self.pr(i, t, ["sc"])
        elif c == 5:
            self.emit(i, "int k = 0;")
            self.emit(i, "do")
            self.emit(i + 1, "k++;")
            self.emit(i, "while (k < (%s & 3));" % self.qa(r, e))
            self.pr(i, t, ["k"])
        elif c == 6:
            self.emit(i, "register int rg = %s;" % e)
            self.emit(i, "volatile int vo = %s;" % v)
            self.emit(i, "const int kk = %s;" % self.qa(r, e))
            self.emit(i, "const char *const ks = \"ab\";")
            self.emit(i, "rg += %s;" % self.qa(r, v))
            self.emit(i, "vo += kk;")
            # the const of the object itself, kept in the frame
            self.pr(i, t, ["rg", "vo", "kk", "ks[1]",
                           "_Generic(&kk, const int *: 1, default: 0)",
                           "_Generic(&ks, const char *const *: 2, default: 0)",
                           "__builtin_types_compatible_p(__typeof__(kk), const int)"])
        elif c == 7:
            self.emit(i, "struct AN an "
                      "= { %s, { %s }, { 'a' } };" % (v, e))
            self.emit(i, "an.ui += %s;" % self.qa(r, e))
            self.emit(i, "an.in.ch++;")
            self.pr(i, t, ["an.k", "an.ui", "an.in.ch"])
        elif c == 8:
            self.emit(i, "unsigned long long ull = (unsigned)%s * 4000000000ULL;" % e)
            self.emit(i, "float fl = %s * 0.5f;" % v)
            self.emit(i, "ull += (unsigned)%s;" % self.qa(r, v))
            self.emit(i, "fl += (float)%s;" % self.qa(r, e))
            self.pr(i, t, ["(int)(ull % 1000)", "(int)(fl * 2)"])
        else:
            self.emit(i, "int (*fp)(int) = tw, (*gp)(int) = 0;")
            self.emit(i, "int w = fp(%s);" % self.qa(r, e))
            self.emit(i, "gp = fp;")
            self.emit(i, "w += gp(%s);" % self.qa(r, v))
            self.pr(i, t, ["w"])
        self.emit(ind, "}")

    def form_stmt_expr(self, r, ind, scope, loop):
        """GNU statement expressions, with and without awaits inside."""
        v = self.fvar(r, scope)
        e = self.pexp(r, scope, avoid=[v])
        t = self.newtag("stmt-expr")
        c = r.randrange(9)
        self.emit(ind, "{")
        i = ind + 1
        if c == 6:
            # a goto out of a statement expression skips an assignment
            self.emit(i, "int w = %s;" % e)
            self.emit(i, "await cl(w);")
            self.emit(i, "({ if (%s & 1) goto skip_%s; });" % (v, t.replace("-", "_")))
            self.emit(i, "w = %d;" % r.randint(0, 9))
            self.emit(ind, "skip_%s:" % t.replace("-", "_"))
            self.pr(i, t, ["w"])
        elif c == 7:
            # a break or continue of the loop around it
            jump = r.choice(["break", "continue"])
            self.emit(i, "int w = %s;" % e)
            self.emit(i, "for (int j = 0; j < 4; j++) {")
            self.emit(i + 1, "await cl(j);")
            self.emit(i + 1, "int z = ({ if (j == (%s & 3)) %s; j; });" % (v, jump))
            self.emit(i + 1, "w = z + %d;" % r.randint(0, 9))
            self.emit(i, "}")
            self.pr(i, t, ["w"])
        elif c == 8:
            # ... of a switch, in a loop
            self.emit(i, "int w = %s;" % e)
            self.emit(i, "for (int j = 0; j < 3; j++) {")
            self.emit(i + 1, "%s = (%s + await cl(j)) %% %d;" % (v, v, MOD))
            self.emit(i + 1, "switch (%s & 1) {" % v)
            self.emit(i + 1, "case 0:")
            self.emit(i + 2, "({ if (j == 1) break; });")
            self.emit(i + 2, "w = j;")
            self.emit(i + 2, "break;")
            self.emit(i + 1, "default:")
            self.emit(i + 2, "({ if (j == 2) continue; });")
            self.emit(i + 2, "w = -j;")
            self.emit(i + 1, "}")
            self.emit(i, "}")
            self.pr(i, t, ["w", v])
        elif c == 0:
            self.emit(i, "int w = ({ int x = 7; x + %s; });" % v)
            self.emit(i, "await ac_yield();")
            self.pr(i, t, ["w"])
        elif c == 1:
            self.emit(i, "%s = ({ int q = %s %% 100; q * 2 + 1; }) + %s %% 7;" % (v, v, self.qa(r, e)))
            self.pr(i, t, [v])
        elif c == 2:
            self.emit(i, "int w = ({ int q = %s; q + 1; });" % self.qa(r, e))
            self.pr(i, t, ["w"])
        elif c == 3:
            self.emit(i, "int w = ({ int q = %s; await ac_yield(); q * 2; }) + 1;" % self.qa(r, e))
            self.pr(i, t, ["w"])
        elif c == 4:
            # an inner declaration hides a variable that lives in the frame
            self.emit(i, "int w = ({ int %s = %d; %s + 1; });" % (v, r.randint(0, 9), v))
            self.emit(i, "%s = (%s + %s) %% %d;" % (v, v, self.qa(r, e), MOD))
            self.pr(i, t, ["w", v])
        else:
            self.emit(i, "(void)({ await put(%s); 0; });" % e)
        self.emit(ind, "}")

    def form_local_types(self, r, ind, scope, loop):
        """Types declared in the body (each name once in the program), for
        locals that live across suspensions and for some that do not."""
        v = self.fvar(r, scope)
        e = self.pexp(r, scope, avoid=[v])
        t = self.newtag("local")
        n = self.tag
        c = r.randrange(13)
        self.emit(ind, "{")
        i = ind + 1
        if c == 0:  # an enum constant sizing an array of the frame
            self.emit(i, "enum { LN%d = %d };" % (n, r.randint(2, 6)))
            self.emit(i, "int la[LN%d] = { %s };" % (n, e))
            self.emit(i, "la[LN%d - 1] = %s;" % (n, self.qa(r, v)))
            self.pr(i, t, ["la[0]", "la[LN%d - 1]" % n, "(int)sizeof la"])
        elif c == 1:  # a tagged struct
            self.emit(i, "struct LS%d { int a; char b[3]; } ls = { %s, \"xy\" };" % (n, e))
            self.emit(i, "ls.a += %s;" % self.qa(r, v))
            self.pr(i, t, ["ls.a", "ls.b[1]", "(int)sizeof(struct LS%d)" % n])
        elif c == 2:  # without a tag, over lines
            self.emit(i, "struct {")
            self.emit(i + 1, "int a, b;")
            self.emit(i, "} la = { %s, %s };" % (v, e))
            self.emit(i, "la.b = la.a + %s;" % self.qa(r, e))
            self.pr(i, t, ["la.a", "la.b"])
        elif c == 3:  # a typedef of a type the file knows
            self.emit(i, "typedef long LW%d;" % n)
            self.emit(i, "LW%d lw[2] = { %s, %s };" % (n, e, v))
            self.emit(i, "lw[1] += %s;" % self.qa(r, e))
            self.pr(i, t, ["(int)lw[0]", "(int)lw[1]", "(int)sizeof(LW%d)" % n])
        elif c == 4:  # a typedef of a struct without a tag
            self.emit(i, "typedef struct { int k; short s; } LT%d;" % n)
            self.emit(i, "LT%d lt = { %s, 2 };" % (n, e))
            self.emit(i, "lt.k *= %s %% 3 + 1;" % self.qa(r, v))
            self.pr(i, t, ["lt.k", "lt.s"])
        elif c == 5:  # an enum type
            self.emit(i, "enum LE%d { LA%d = 1, LB%d = 4 } le = LA%d;" % (n, n, n, n))
            self.emit(i, "if (%s > 3)" % self.qa(r, e))
            self.emit(i + 1, "le = LB%d;" % n)
            self.pr(i, t, ["(int)le", "LB%d" % n])
        elif c == 6:  # hiding the file's typedef, between suspensions
            self.emit(i, "typedef unsigned char LTH;")
            self.emit(i, "LTH q = (LTH)(%s + 250);" % e)
            self.pr(i, t, ["(int)q", "(int)sizeof(LTH)"])
        elif c == 7:  # a struct sized by an enum constant of the body
            self.emit(i, "enum { LM%d = 3 };" % n)
            self.emit(i, "struct LB%d { int v[LM%d]; } lb = { { %s, %s, 1 } };" % (n, n, e, v))
            self.emit(i, "lb.v[LM%d - 1] += %s;" % (n, self.qa(r, e)))
            self.pr(i, t, ["lb.v[0]", "lb.v[2]", "(int)sizeof lb"])
        elif c == 8:  # nested types, one named outside its parent
            self.emit(i, "struct LO%d { struct LI%d { int a; } in; int b; } lo = { { %s }, %s };"
                      % (n, n, e, v))
            self.emit(i, "struct LI%d li = lo.in;" % n)
            self.emit(i, "li.a += %s;" % self.qa(r, v))
            self.pr(i, t, ["lo.in.a", "li.a", "lo.b"])
        elif c == 9:  # in a for loop's declaration; packed
            self.emit(i, "int acc = 0;")
            self.emit(i, "for (struct { char c; int s; } __attribute__((packed)) lf = { 0, %s };"
                      " lf.c < 2; lf.c++)" % e)
            self.emit(i + 1, "acc += lf.s + %s + (int)sizeof lf;" % self.qa(r, "lf.c"))
            self.pr(i, t, ["acc"])
        elif c == 10:  # a compound literal of a type of the body
            self.emit(i, "struct LC%d { int a, b; };" % n)
            self.emit(i, "int lc = ((struct LC%d){ %s, %s }).b + %s;" % (n, e, v, self.qa(r, e)))
            self.pr(i, t, ["lc"])
        elif c == 12:  # a variable-length array in a block no await suspends
            self.emit(i, "int vn = (%s & 3) + 1;" % self.qa(r, e))
            self.emit(i, "{")
            self.emit(i + 1, "int va[vn];")
            self.emit(i + 1, "for (int vi = 0; vi < vn; vi++)")
            self.emit(i + 2, "va[vi] = vi + %s;" % v)
            self.pr(i + 1, t, ["va[vn - 1]", "(int)sizeof va"])
            self.emit(i, "}")
            self.emit(i, "vn += %s;" % self.qa(r, v))
            self.pr(i, t, ["vn"])
        else:  # a static table of a struct type of its own
            self.emit(i, "static const struct { int k, v; } tab[] = { { 1, 2 }, { 3, 4 } };")
            self.emit(i, "int s = tab[(%s) & 1].v + %s;" % (e, self.qa(r, v)))
            self.pr(i, t, ["s", "(int)(sizeof tab / sizeof tab[0])"])
        self.emit(ind, "}")

    def form_temporaries(self, r, ind, scope, loop):
        """Struct values that are no objects, whose array member is used
        after a suspension; initializers naming the variable they declare."""
        v = self.fvar(r, scope)
        e = self.pexp(r, scope, avoid=[v])
        t = self.newtag("temporaries")
        c = r.randrange(7)
        self.emit(ind, "{")
        i = ind + 1
        if c == 0:
            self.emit(i, "%s = await rd(mk(%s).arr, %d);" % (v, e, r.randint(0, 9)))
        elif c == 1:
            self.emit(i, "%s = await rd((await hs(st, %s)).arr, %s);" % (v, e, v))
        elif c == 2:
            self.emit(i, "%s = await rd((%s & 1 ? mk(%s) : mk(%d)).arr, 1);" % (v, v, e, r.randint(0, 9)))
        elif c == 3:
            self.emit(i, "struct S s3;")
            self.emit(i, "%s = await rd((s3 = mk(%s)).arr, %d);" % (v, e, r.randint(0, 9)))
            self.emit(i, "%s = (%s + s3.arr[1]) %% %d;" % (v, v, MOD))
        elif c == 4:
            self.emit(i, "%s = (%s + rs(mk(%s).arr, %s)) %% %d;" % (v, v, e, self.qa(r, v), MOD))
        elif c == 5:
            self.emit(i, "%s = (%s + mk(%s).arr[1] + %s) %% %d;" % (v, v, e, self.qa(r, v), MOD))
        else:
            self.emit(i, "char %s_o = 1;" % v)
            self.emit(i, "{")
            self.emit(i + 1, "long %s_o = await id((int)sizeof %s_o), %s_w = %s_o + await id(%s);"
                      % (v, v, v, v, e))
            self.emit(i + 1, "%s = (int)((%s_o + %s_w) %% %d);" % (v, v, v, MOD))
            self.emit(i, "}")
            self.emit(i, "%s = (%s + %s_o) %% %d;" % (v, v, v, MOD))
        self.pr(i, t, [v])
        self.emit(ind, "}")

    def form_typeof(self, r, ind, scope, loop):
        """typeof / __auto_type locals and arrays sized by their initializer."""
        v = self.fvar(r, scope)
        e = self.pexp(r, scope, avoid=[v])
        t = self.newtag("typeof")
        c = r.randrange(9)
        self.emit(ind, "{")
        i = ind + 1
        if c == 8:
            # arrays of arrays sized by lists that name locals: braced
            # (counted), or braces left out with the locals only in sizeof
            self.emit(i, "int mb[][2] = { { %s, 1 }, { 2 }, {} };" % v)
            self.emit(i, "long me[][3] = { sizeof %s, 2, 3, 4, (long)sizeof(%s + 1) };" % (v, v))
            self.emit(i, "mb[1][1] = %s;" % self.qa(r, e))
            self.pr(i, t, ["mb[0][0]", "mb[1][1]", "(int)(sizeof mb / sizeof *mb)",
                           "(int)(sizeof me / sizeof *me)", "(int)me[1][1]"])
        elif c == 6:
            # awaits (and a call that prints) in typeof operands never run
            self.emit(i, "__typeof__(fx(%s) + await sw(%s)) tm = (__typeof__(lv + await id(%s)))%s;"
                      % (v, v, v, e))
            self.emit(i, "__typeof__(await sw(1)) tn = (__typeof__(await id(2)))%s;" % self.qa(r, e))
            self.emit(i, "await ac_yield();")
            self.pr(i, t, ["(int)(tm % 1000)", "tn", "(int)sizeof(__typeof__(await id(tn)))"])
        elif c == 7:
            # kernel-style max_t: each argument in a __typeof__
            a, b = [self.qa(r, e), v]
            if r.random() < 0.5:
                a, b = b, a
            self.emit(i, "int mx = ({ __typeof__(%s) _a = (%s); __typeof__(%s) _b = (%s); "
                      "_a > _b ? _a : _b; });" % (a, a, b, b))
            self.pr(i, t, ["mx"])
        elif c == 0:
            self.emit(i, "typeof(%s) m = %s + 1;" % (v, v))
            self.emit(i, "await ac_yield();")
            self.pr(i, t, ["m"])
        elif c == 1:
            self.emit(i, "__auto_type z = %s + 1;" % self.qa(r, e))
            self.emit(i, "await ac_yield();")
            self.pr(i, t, ["z"])
        elif c == 2:
            self.emit(i, "__typeof__(lv) lz = lv + %s;" % self.qa(r, e))
            self.pr(i, t, ["(int)(lz % 1000)"])
        elif c == 3:
            self.emit(i, "int ai[] = { %s, %s + 1, 3 };" % (v, v))
            self.emit(i, "ai[2] += %s;" % self.qa(r, e))
            self.pr(i, t, ["ai[0]", "ai[2]", "(int)(sizeof ai / sizeof ai[0])"])
        elif c == 4:
            self.emit(i, "__auto_type pp = &arr[%s & 7];" % e)
            self.emit(i, "await ac_yield();")
            self.emit(i, "*pp += 1;")
            self.pr(i, t, ["*pp"])
        else:
            self.emit(i, "typeof(st) s3 = st;")
            self.emit(i, "s3.a = %s;" % self.qa(r, e))
            self.pr(i, t, ["s3.a", "s3.arr[0]"])
        self.emit(ind, "}")

    def form_gen_names(self, r, ind, scope, loop):
        """Locals, labels, macros and file-scope names spelled like the
        generated code's own."""
        v = self.fvar(r, scope)
        e = self.pexp(r, scope, avoid=[v])
        t = self.newtag("gen-names")
        c = r.randrange(8)
        if c == 4 and not self.macros:
            c = 0
        if c == 5 and not self.names:
            c = 1
        if c == 6 and "ac_return" in self.fn_labels:
            c = 7
        self.emit(ind, "{")
        i = ind + 1
        if c == 0:
            self.emit(i, "int ac_t0 = %s;" % v)
            self.emit(i, "int r = %s + ac_t0;" % self.qa(r, e))
            self.pr(i, t, ["r", "ac_t0"])
        elif c == 1:
            self.emit(i, "int ac_h0 = fx(%d);" % r.randint(0, 9))
            self.emit(i, "ac_h0 += %s;" % self.qa(r, e))
            self.pr(i, t, ["ac_h0"])
        elif c == 2:
            self.emit(i, "int ac_c1 = %s & 3, ac_c2 = 1;" % v)
            self.emit(i, "int r = ac_c1 ? %s : ac_c2;" % self.qa(r, e))
            self.pr(i, t, ["r", "ac_c1"])
        elif c == 3:
            self.emit(i, "int ac_t1 = %s, ac_t2 = ac_t1 + %s;" % (self.qa(r, e), self.qa(r, e)))
            self.pr(i, t, ["ac_t1", "ac_t2"])
        elif c == 4:
            m = r.sample(self.macros, min(2, len(self.macros)))
            self.emit(i, "%s = (%s + %s + %s) %% %d;" % (v, self.qa(r, e), " + ".join(m), v, MOD))
            self.pr(i, t, [v] + m)
        elif c == 5:
            self.emit(i, "%s = (%s + %s) %% %d;" % (v, " + ".join(self.names), self.qa(r, e), MOD))
            self.pr(i, t, [v] + self.names)
        elif c == 6:
            self.fn_labels.add("ac_return")
            self.emit(i, "if (%s == 4242)" % v)
            self.emit(i + 1, "goto ac_return;")
            self.emit(i, "%s = (%s + %s) %% %d;" % (v, v, self.qa(r, e), MOD))
            self.out.append("ac_return:")
            self.pr(i, t, [v])
        else:
            # a label named like the state of an await of this function
            self.awl += 1
            two = r.random() < 0.4
            lab = "ac_L@%d@%s" % (self.awl, "_2" if two else "")
            self.emit(i, "if (%s == 4242)" % v)
            self.emit(i + 1, "goto %s;" % lab)
            rhs = "%s + %s" % (self.qa(r, e), self.qa(r, v)) if two else self.qa(r, e)
            self.emit(i, "%s = (%s) %% %d; /*@%d@*/" % (v, rhs, MOD, self.awl))
            self.out.append("%s:" % lab)
            self.pr(i, t, [v])
        self.emit(ind, "}")

    def form_func_line(self, r, ind, scope, loop):
        """__func__ and __LINE__, also in statements that await."""
        v = self.fvar(r, scope)
        e = self.pexp(r, scope, avoid=[v])
        t = self.newtag("func-line")
        c = r.randrange(9)
        if c == 8:  # an #if group inside a statement that awaits, to its end
            self.emit(ind, "%s = %s" % (v, self.qa(r, e)))
            self.emit(ind, "#if %d" % r.randrange(2))
            self.emit(ind + 1, "+ %s * __LINE__" % self.qa(r, v))
            self.emit(ind, "#else")
            self.emit(ind + 1, "- __LINE__")
            self.emit(ind, "#endif")
            self.emit(ind + 1, ";")
            self.emit(ind, "%s = (%s %% %d + %d) %% %d;" % (v, v, MOD, MOD, MOD))
            self.pr(ind, t, [v])
        elif c == 0:
            self.emit(ind, 'printf("%s: %%s %%d\\n", __func__, __LINE__);' % t)
        elif c == 1:
            self.emit(ind, 'printf("%s: %%s %%d %%d\\n", __func__, __LINE__, %s);' % (t, self.qa(r, e)))
        elif c == 2:
            self.emit(ind, "%s = (%s + __LINE__ + %s) %% %d;" % (v, v, self.qa(r, e), MOD))
            self.pr(ind, t, [v])
        elif c == 3:
            self.emit(ind, 'printf("%s: %%d %%d %%s\\n",' % t)
            self.emit(ind + 1, "__LINE__,")
            self.emit(ind + 1, "%s, __func__);" % self.qa(r, e))
        elif c == 5:  # stringized: the word, then the value
            self.emit(ind, 'printf("%s: %%s %%s %%d\\n", STR_(__LINE__), XSTR_(__LINE__), %s);'
                      % (t, self.qa(r, e)))
        elif c == 4:  # __func__ stringized and pasted: the word
            self.emit(ind, "%s = (%s + CAT_(fn, __func__) + %s) %% %d;"
                      % (v, v, self.qa(r, e), MOD))
            self.emit(ind, 'printf("%s: %%s %%s %%s\\n", STR_(__func__), STR_(__FUNCTION__), '
                      'XSTR_(__func__));' % t)
            self.pr(ind, t, [v])
        elif c == 6:  # pasted: a name, not a number
            self.emit(ind, "{")
            self.emit(ind + 1, "int CAT_(ln, __LINE__) = %s;" % self.qa(r, e))
            self.emit(ind + 1, "%s = (%s + ln__LINE__) %% %d;" % (v, v, MOD))
            self.emit(ind, "}")
            self.pr(ind, t, [v])
        else:
            self.emit(ind, "{")
            self.emit(ind + 1, "const char *fn = __func__;")
            self.emit(ind + 1, "int ln = %s + __LINE__;" % self.qa(r, "0"))
            self.emit(ind + 1, "await ac_yield();")
            self.emit(ind + 1, 'printf("%s: %%s %%d\\n", fn, ln);' % t)
            self.emit(ind, "}")

    def form_switch_continue(self, r, ind, scope, loop):
        """continue inside a switch inside a loop, after an await in a case."""
        v = self.fvar(r, scope)
        t = self.newtag("switch-continue")
        self.emit(ind, "{")
        i = ind + 1
        self.emit(i, "int prev = %s, acc = 0;" % v)
        if r.random() < 0.5:
            self.emit(i, "for (int j = 0; j < %d; j++) {" % r.randint(3, 6))
        else:
            self.emit(i, "int j = -1;")
            self.emit(i, "while (++j < %d) {" % r.randint(3, 6))
        # prev is read at the top of the body and set after the switch:
        # after the await in the first case only the continue reaches a use
        cases = [("case %d:" % k) for k in r.sample(range(4), 3)]
        self.emit(i + 1, "acc += prev;")
        self.emit(i + 1, "switch ((j + %d) & 3) {" % r.randint(0, 3))
        self.emit(i + 1, cases[0])
        self.emit(i + 2, "%s;" % r.choice(["await ac_yield()", "await ac_sleep(0)",
                                            "acc += " + self.qa(r, "j")]))
        self.emit(i + 2, "continue;")
        self.emit(i + 1, cases[1])
        # (reading prev inside the switch would make it live there anyway)
        self.emit(i + 2, "acc += %s;" % self.qa(r, r.choice(["j & 7", "j + 1", "prev & 7"])))
        self.emit(i + 2, "break;")
        self.emit(i + 1, cases[2])
        self.emit(i + 2, "if (j > 2)")
        self.emit(i + 3, "continue;")
        self.emit(i + 2, "acc += 3;")
        self.emit(i + 2, "break;")
        self.emit(i + 1, "default:")
        self.emit(i + 2, "break;")
        self.emit(i + 1, "}")
        self.emit(i + 1, "prev = j;")
        self.emit(i, "}")
        self.pr(i, t, ["acc", "prev"])
        self.emit(ind, "}")

    def form_braceless(self, r, ind, scope, loop):
        """Single statements as bodies, each of which may await."""
        v = self.fvar(r, scope)
        t = self.newtag("braceless")
        e = lambda: self.pexp(r, scope, avoid=[v])
        one = lambda: r.choice(["%s = (%s + %s) %% %d;" % (v, v, self.qa(r, e()), MOD),
                                "%s += %s & 3;" % (v, self.qa(r, e())),
                                "%s ^= %s;" % (v, e()),
                                "await ac_yield();"])
        self.emit(ind, "{")
        i = ind + 1
        c = r.randrange(7)
        if c == 0:  # an else-if chain
            self.emit(i, "if ((%s & 3) == 0)" % self.qa(r, e()))
            self.emit(i + 1, one())
            self.emit(i, "else if ((%s & 3) == 1)" % self.qa(r, e()))
            self.emit(i + 1, one())
            self.emit(i, "else if (%s & 1)" % e())
            self.emit(i + 1, one())
            self.emit(i, "else")
            self.emit(i + 1, one())
        elif c == 1:  # if-else nested in a then-branch: the first else is its
            # (gcc warns of a dangling else with no outer else: -Wdangling-else)
            self.emit(i, "if (%s & 1)" % self.qa(r, e()))
            self.emit(i + 1, "if (%s & 2)" % e())
            self.emit(i + 2, one())
            self.emit(i + 1, "else")
            self.emit(i + 2, one())
            self.emit(i, "else")
            self.emit(i + 1, one())
        elif c == 2:  # an empty then-branch
            self.emit(i, "if (%s & 1)" % self.qa(r, e()))
            self.emit(i + 1, ";")
            self.emit(i, "else")
            self.emit(i + 1, one())
        elif c == 3:  # loops of one statement
            self.emit(i, "int k = 0;")
            self.emit(i, "while (k++ < %d)" % r.randint(1, 3))
            self.emit(i + 1, one())
            self.emit(i, "for (k = 0; k < %s; k++)" % r.choice(["2", self.qa(r, "2")]))
            self.emit(i + 1, one())
            self.emit(i, "do")
            self.emit(i + 1, one())
            self.emit(i, "while (--k > 0);")
        elif c == 4:  # for (;;) with a break, braceless nesting
            self.emit(i, "int k = %d;" % r.randint(1, 3))
            self.emit(i, "for (;;)")
            self.emit(i + 1, "if (--k < 0)")
            self.emit(i + 2, "break;")
            self.emit(i + 1, "else")
            self.emit(i + 2, "for (int j = 0; j < 2; j++)")
            self.emit(i + 3, one())
        elif c == 5:  # a label on a single statement, jumped to backward
            lab = self.newlabel()
            self.emit(i, "int k = 0;")
            self.emit(i - 1, "%s:" % lab)
            self.emit(i, one())
            self.emit(i, "if (++k < %d)" % r.randint(2, 3))
            self.emit(i + 1, "goto %s;" % lab)
        else:  # nested single statements: while of if of while
            self.emit(i, "int k = 0, m;")
            self.emit(i, "while (k++ < 2)")
            self.emit(i + 1, "if (%s & 1)" % self.qa(r, "k"))
            self.emit(i + 2, "for (m = 0; m < 2; m++)")
            self.emit(i + 3, one())
            self.emit(i + 1, "else")
            self.emit(i + 2, "while (0)")
            self.emit(i + 3, one())
        self.pr(i, t, [v])
        self.emit(ind, "}")

    def form_switch_labels(self, r, ind, scope, loop):
        """Labels where C puts them less often: before declarations (whose
        initializers await), a case range, labels in a chain, a case inside
        an if block of the switch (Duff's device), an ordinary label before
        a declaration reached by a bounded backward goto, a label at the
        end of the switch, and fallthrough attributes.  clang 14 wants a
        statement after a label: for it the labels before a declaration
        and at the end of the switch end with ';'."""
        v = self.fvar(r, scope)
        t = self.newtag("switch-labels")
        n = self.tag
        sc = ";" if self.clang else ""
        fall = lambda: r.choice(["[[fallthrough]];", "__attribute__((fallthrough));"])
        self.emit(ind, "{")
        i = ind + 1
        self.emit(i, "int acc = %s, k = 0;" % self.pexp(r, scope))
        self.emit(i, "switch ((%s + %d) & 7) {" % (v, r.randint(0, 7)))
        self.emit(i, "case 0:%s int d%d = %s;" % (sc, n, self.qa(r, self.pexp(r, scope))))
        self.emit(i + 1, "acc += d%d;" % n)
        self.emit(i + 1, fall() if r.random() < 0.7 else "break;")
        self.emit(i, "case 1 ... 2: case 3:")
        self.emit(i + 1, "acc += %s;" % self.qa(r, "acc & 7"))
        self.emit(i + 1, "if (acc & 1) {")
        self.emit(i, "case 4:")
        self.emit(i + 2, "acc += 10;")
        self.emit(i + 2, "acc += %s;" % self.qa(r, "acc & 7"))
        self.emit(i + 1, "}")
        self.emit(i + 1, "break;")
        self.emit(i, "case 5:%s %s" % (sc, r.choice(["[[maybe_unused]] int e%d = acc;" % n,
                                            "__attribute__((unused)) int e%d = acc;" % n])))
        self.emit(i + 1, fall())
        self.emit(i, "default:")
        self.emit(i, "again%d:%s int f%d = %s;" % (n, sc, n, self.qa(r, "k + acc")))
        self.emit(i + 1, "acc += f%d;" % n)
        self.emit(i + 1, "if (k++ < %d)" % r.randint(0, 2))
        self.emit(i + 2, "goto again%d;" % n)
        self.emit(i + 1, "break;")
        if r.random() < 0.5:
            self.emit(i, "case 7:" + sc)
        self.emit(i, "}")
        self.pr(i, t, ["acc", "k"])
        self.emit(ind, "}")

    def form_stmt_attrs(self, r, ind, scope, loop):
        """Attributes before statements, as gcc reads them: GNU attributes
        as the body of an if, else, while or for are an empty statement
        (with their ';', or alone, and then the awaiting statement after
        them runs whatever the condition), GNU attributes after a label's
        ':' are the label's, C2x attributes belong to the statement.
        clang takes only statement attributes before a statement, and reads
        GNU ones without their ';' as the next statement's: for it the
        bodies are nomerge with the ';' (on a line of its own: -Wempty-body)
        and the C2x attributes clang::nomerge (run.py passes clang 14
        -fdouble-square-bracket-attributes)."""
        v = self.fvar(r, scope)
        t = self.newtag("stmt-attrs")
        n = self.tag
        lab = lambda: r.choice(["__attribute__((unused))", "__attribute__((cold))",
                                "__attribute__((unused)) __attribute__((hot))"])
        if self.clang:
            gnu = lambda: r.choice(["__attribute__((nomerge))", "__attribute__((nomerge))",
                                    "__attribute__((nomerge)) __attribute__((nomerge))"])
            std = lambda: r.choice(["[[clang::nomerge]]", "[[clang::nomerge]]",
                                    "[[clang::nomerge, clang::nomerge]]"])
        else:
            gnu, std = lab, lambda: r.choice(["[[gnu::hot]]", "[[gnu::cold]]",
                                              "[[gnu::hot, gnu::cold]]"])

        def body(head):  # GNU attributes as the whole body of HEAD
            if self.clang:
                self.emit(i, "%s %s" % (head, gnu()))
                self.emit(i + 1, ";")
            else:
                self.emit(i, "%s %s" % (head, gnu()))
        cond = "(%s & %d)" % (v, r.choice([1, 2, 3]))
        self.emit(ind, "{")
        i = ind + 1
        self.emit(i, "int acc = %s, k = 0;" % self.pexp(r, scope))
        for m in range(r.randint(2, 4)):
            c = r.random()
            aw = self.qa(r, r.choice(["acc & 7", "k + 1", self.pexp(r, scope)]))
            # (what follows the attributes on the next line, where gcc
            # reads it: -Wmisleading-indentation is right otherwise)
            if c < 0.2:
                body("if %s" % cond)
                self.emit(i, "acc += %s;" % aw)
            elif c < 0.3:
                body("if %s acc++; else" % cond)
                self.emit(i, "acc += %s;" % aw)
            elif c < 0.4:
                body("for (int j = 0; j < 2; j++)")
                self.emit(i, "acc += %s;" % aw)
            elif c < 0.5:
                # (the body is empty where the attributes are a statement:
                # the condition must be false whatever the awaits made k)
                body("while ((k & 127) > 200)")
                self.emit(i, "{ acc += %s; }" % aw)
            elif c < 0.6:
                if self.clang:
                    body("if %s" % cond)
                else:
                    self.emit(i, "if %s %s;" % (cond, gnu()))
            elif c < 0.75:
                self.emit(i, "%s acc += %s;" % (std(), aw))
                self.emit(i, "if %s %s { acc -= %s; } else %s k += %s;" % (
                    cond, std(), self.qa(r, "k & 3"), std(), aw))
            else:
                self.emit(i, "k = 0;")
                self.emit(i - 1, "again%d_%d: %s" % (n, m, lab()))
                self.emit(i, "acc += %s;" % aw)
                self.emit(i, "if (k++ < %d)" % r.randint(0, 2))
                self.emit(i + 1, "goto again%d_%d;" % (n, m))
        self.pr(i, t, ["acc", "k"])
        self.emit(ind, "}")

    def awaiting_block(self, r, scope, form):
        """What a form's block starts from: a variable v it may change, an
        expression e of others, the tag t its output is printed under, and
        q(x), x (or another expression) awaited."""
        v = self.fvar(r, scope)
        e = self.pexp(r, scope, avoid=[v])
        t = self.newtag(form)
        q = lambda x=None: self.qa(r, x if x is not None else self.pexp(r, scope, avoid=[v]))
        return v, e, t, q

    def form_assign_ops(self, r, ind, scope, loop):
        """Every compound assignment operator with an awaited right operand,
        targets that await (a subscript, *await hp(..), a member), ++ and --
        of awaited lvalues, chained assignments, and an assignment's value
        used; on int, unsigned, unsigned char, long and double."""
        v = self.fvar(r, scope)
        e = self.pexp(r, scope, avoid=[v])
        t = self.newtag("assign-ops")
        c = r.randrange(8)
        op = r.choice(["*=", "/=", "%=", "<<=", ">>=", "&=", "|=", "^=", "+=", "-="])

        def rhs(op=op):
            # the right operand, awaited, in the range OP is defined for
            # (the targets start at 0..255: no overflow, no negative shift)
            a = self.qa(r, self.pexp(r, scope, avoid=[v]))
            if op in ("/=", "%="):
                return "((%s & 7) + 1)" % a
            if op in ("<<=", ">>="):
                return "(%s & 7)" % a
            if op == "*=":
                return "(%s %% 50)" % a
            return a
        self.emit(ind, "{")
        i = ind + 1
        if c == 0:  # a local, and the value of the assignment
            self.emit(i, "int w = %s & 255;" % e)
            self.emit(i, "w %s %s;" % (op, rhs()))
            op2 = r.choice(["+=", "-=", "^=", "|=", "&="])
            self.emit(i, "int w2 = (w %s %s) * 2;" % (op2, rhs(op2)))
            self.pr(i, t, ["w", "w2"])
        elif c == 1:  # an element chosen by an await
            self.emit(i, "int la[8] = { %s & 255, 2, 3, 4, 5, 6, 7, 8 };" % e)
            self.emit(i, "la[%s & 7] %s %s;" % (self.qa(r, v), op, rhs()))
            self.emit(i, "la[(%s & 3) + %s] %s %s;" % (self.qa(r, e), r.choice(["0", "4"]),
                                                       op, rhs()))
            self.pr(i, t, ["la[%d]" % k for k in range(8)])
        elif c == 2:  # through the pointer an await returns (hp prints)
            self.emit(i, "int la[8] = { 1, 2, %s & 255, 4, 5, 6, 7, 8 };" % e)
            self.emit(i, "*await hp(la, %s) %s %s;" % (self.pexp(r, scope), op, rhs()))
            self.emit(i, "(await hp(la, %d))[1] %s %s;" % (r.randrange(6), op, rhs()))
            self.pr(i, t, ["la[%d]" % k for k in range(8)])
        elif c == 3:  # members, one chosen by an await
            self.emit(i, "struct S s2 = { %s & 255, 5, 1.5, { 1, 2, 3 } };" % e)
            self.emit(i, "s2.arr[%s & 1] %s %s;" % (self.qa(r, v), op, rhs()))
            self.emit(i, "s2.b %s %s;" % (op, rhs()))
            self.emit(i, "s2.c %s %s;" % (r.choice(["+=", "-=", "*=", "/="]),
                                        "((%s & 7) + 1)" % self.qa(r, e)))
            self.pr(i, t, ["s2.a", "s2.arr[0]", "s2.arr[1]", "(int)s2.b", "(int)(s2.c * 64)"])
        elif c == 4:  # other types: the conversions back are the target's
            self.emit(i, "unsigned uw = (unsigned)%s;" % e)
            self.emit(i, "unsigned char cw = (unsigned char)%s;" % v)
            self.emit(i, "long lw = %s & 255;" % e)
            self.emit(i, "double dw = %s * 0.5;" % v)
            self.emit(i, "uw %s %s;" % (op, rhs()))
            self.emit(i, "cw %s %s;" % (op, rhs()))
            self.emit(i, "lw %s %s;" % (op, rhs()))
            self.emit(i, "dw %s %s;" % (r.choice(["+=", "-=", "*=", "/="]),
                                      "((%s & 7) + 1)" % self.qa(r, e)))
            self.pr(i, t, ["(int)(uw % 1000)", "cw", "(int)lw", "(int)(dw * 8)"])
        elif c == 5:  # ++ and -- of awaited lvalues
            self.emit(i, "int la[8] = { %s, 2, 3, 4, 5, 6, 7, 8 };" % e)
            self.emit(i, "int r = la[%s & 7]++;" % self.qa(r, v))
            self.emit(i, "r += ++la[(%s & 3) + 4];" % self.qa(r, e))
            self.emit(i, "--*await hp(la, %d);" % r.randrange(8))
            self.emit(i, "(*await hp(la, %d))++;" % r.randrange(8))
            self.emit(i, "r += st.arr[%s & 1]-- - %s;" % (self.qa(r, e), self.qa(r, v)))
            self.emit(i, "st.arr[1]++;")
            self.pr(i, t, ["r"] + ["la[%d]" % k for k in range(8)])
        elif c == 6:  # chained, and in a condition
            self.emit(i, "int w1, w2;")
            self.emit(i, "w1 = w2 = %s;" % self.qa(r, e))
            self.emit(i, "if ((w2 = %s) > %d)" % (self.qa(r, v), r.randint(0, 9)))
            self.emit(i + 1, "w1++;")
            self.emit(i, "w1 = (w2 -= %s) * 2 + w1;" % self.qa(r, e))
            self.emit(i, "%s = (%s + (w1 += %s)) %% %d;" % (v, v, self.qa(r, e), MOD))
            self.pr(i, t, ["w1", "w2", v])
        else:  # the value of a compound assignment, then awaited again
            self.emit(i, "int w = %s & 255;" % v)
            self.emit(i, "int r = (w %s %s) + %s;" % (op, rhs(), self.qa(r, e)))
            self.emit(i, "r = (w %s= %s) ? %s : w;" % (r.choice(["+", "-", "^", "|"]),
                                                     self.qa(r, e), self.qa(r, "r & 15")))
            self.pr(i, t, ["w", "r"])
        self.emit(ind, "}")

    def form_operators(self, r, ind, scope, loop):
        """Operators the base program leaves out, with awaited operands:
        unary -, ~, !, casts to narrower types, GNU ?: without a middle, ?:
        chains with awaits in the conditions, sizeof/_Alignof/_Generic/
        __builtin_expect, string literals subscripted, shifts and
        relations, two awaited subscripts, && and || chains."""
        v, e, t, q = self.awaiting_block(r, scope, "operators")
        c = r.randrange(9)
        self.emit(ind, "{")
        i = ind + 1
        if c == 0:
            self.emit(i, "int r = -%s + ~%s + !%s + !!%s;" % (q(), q(), q(), q()))
            self.pr(i, t, ["r"])
        elif c == 1:
            self.emit(i, "signed char sc = (signed char)(%s * 37);" % q())
            self.emit(i, "unsigned char uc = (unsigned char)%s;" % q(v))
            self.emit(i, "short sh = (short)(%s * 100);" % q())
            self.emit(i, "_Bool bo = (_Bool)%s;" % q())
            self.emit(i, "(void)%s;" % q())
            self.emit(i, "float fl = (float)%s / 4;" % q())
            self.emit(i, "await ac_yield();")
            self.pr(i, t, ["sc", "uc", "sh", "bo", "(int)(fl * 4)"])
        elif c == 2:
            self.emit(i, "int r = %s ?: %s;" % (r.choice(["(%s & 1)" % v, q()]), q()))
            self.emit(i, "r += %s ?: %s ?: %d;" % (r.choice(["(%s & 2)" % v, "(r & 1)"]),
                                                  q("r & 1"), r.randint(1, 9)))
            self.pr(i, t, ["r"])
        elif c == 3:
            self.emit(i, "int r = %s > %d ? %s : %s & 1 ? %d : %s > 2 ? %s : %d;"
                      % (q(), r.randint(0, 9), q(), q(), r.randint(0, 9), v, q(),
                         r.randint(0, 9)))
            self.pr(i, t, ["r"])
        elif c == 4:  # unevaluated operands: sizeof and _Generic never run them
            self.emit(i, "int r = (int)(sizeof %s + sizeof(await hs(st, %s)) + _Alignof(struct S));"
                      % (q(), v))
            self.emit(i, "r += _Generic(%s, int: 10, default: 20) + "
                      "_Generic(await hp(arr, %s), int *: 1, default: 2);" % (q(), v))
            self.emit(i, "if (__builtin_expect(%s, 1))" % q())
            self.emit(i + 1, "r++;")
            self.pr(i, t, ["r"])
        elif c == 5:  # string literals
            # (clang's -Wstring-plus-int warns of a literal's + unless cast)
            self.emit(i, 'const char *s = %s"abcdefgh" + (%s & 3);'
                      % ("(const char *)" if self.clang else "", q()))
            self.emit(i, 'char sb[] = "wxyz";')
            self.emit(i, "sb[%s & 3] = \"ijklmnop\"[%s & 7];" % (q(v), q()))
            self.emit(i, "await ac_yield();")
            self.emit(i, 'printf("%s: %%s %%s %%d\\n", s, sb, (int)sizeof sb);' % t)
        elif c == 6:  # shifts and relations
            self.emit(i, "int r = (%s & 15) << (%s & 7) | (%s & 255) >> (%s & 3);"
                      % (q(), q(), q(), q(v)))
            self.emit(i, "r += (%s < %s) == (%s >= %d);" % (e, q(v), q(), r.randint(0, 9)))
            self.emit(i, "r += %s != %s;" % (q(), v))
            self.pr(i, t, ["r"])
        elif c == 7:  # awaits in both subscripts of an array of arrays
            self.emit(i, "int m2[3][4] = { { %s }, { 2, 3 } };" % e)
            self.emit(i, "m2[(%s & 1) + 1][%s & 3] += %s;" % (q(), q(v), q()))
            self.emit(i, "m2[0][%s & 3] = m2[%s & 1][1];" % (q(), q()))
            self.pr(i, t, ["m2[0][0]", "m2[0][1]", "m2[0][2]", "m2[0][3]", "m2[1][1]",
                           "m2[1][2]", "m2[2][%d]" % r.randrange(4)])
        else:  # && and || chains, a printing operand sequenced
            self.emit(i, "int r = (%s > %d && %s < %d && fx(%d)) || (%s & 1);"
                      % (q(), r.randint(0, 9), q(v), r.randint(0, 99), r.randint(0, 9), q()))
            self.emit(i, "r += !(%s & 1) || !%s || %s;" % (q(), q(), q()))
            self.pr(i, t, ["r"])
        self.emit(ind, "}")

    def form_initializers(self, r, ind, scope, loop):
        """Initializers that await: designated (out of order, nested, array
        elements, arrays of structs), unions, compound literals, char
        arrays from strings, scalars in braces, a struct value awaited as a
        member's."""
        v, e, t, q = self.awaiting_block(r, scope, "initializers")
        c = r.randrange(8)
        self.emit(ind, "{")
        i = ind + 1
        if c == 0:
            self.emit(i, "struct S s2 = { .b = %s, .a = %s, .arr = { [2] = %s, [0] = %s } };"
                      % (q(), q(), q(), v))
            self.emit(i, "await ac_yield();")
            self.pr(i, t, ["s2.a", "(int)s2.b", "(int)s2.c", "s2.arr[0]", "s2.arr[1]",
                           "s2.arr[2]"])
        elif c == 1:
            self.emit(i, "int la[6] = { [4] = %s, [1] = %s, %s };" % (q(), q(v), e))
            self.emit(i, "la[0] += %s;" % q())
            self.pr(i, t, ["la[%d]" % k for k in range(6)])
        elif c == 2:
            self.emit(i, "union { int i; short s[2]; unsigned char b[4]; } u = { .i = %s };" % q())
            self.emit(i, "union { long l; int i; } u2 = { %s };" % q(v))
            self.emit(i, "u.s[0] += (short)%s;" % q())
            self.pr(i, t, ["u.i", "u.b[0]", "u2.i"])
        elif c == 3:
            self.emit(i, "struct S sa[2] = { [1].a = %s, [0].arr[1] = %s, [1].arr = { %s } };"
                      % (q(), q(v), q()))
            self.emit(i, "sa[0].a = %s;" % q())
            self.pr(i, t, ["sa[0].a", "sa[0].arr[1]", "sa[1].a", "sa[1].arr[0]", "sa[1].arr[1]"])
        elif c == 4:
            self.emit(i, "int *cl = (int[3]){ %s, [2] = %s };" % (q(), q(v)))
            self.emit(i, "struct S sc = (struct S){ .a = %s, .c = 1.5 };" % q())
            self.emit(i, "await ac_yield();")
            self.emit(i, "cl[1] += sc.a;")
            self.pr(i, t, ["cl[0]", "cl[1]", "cl[2]", "sc.a", "(int)sc.b", "(int)(sc.c * 2)"])
        elif c == 5:
            self.emit(i, 'char s1[] = "hello", s2[8] = "ab";')
            self.emit(i, "char *sp = s1 + (%s & 3);" % q())
            self.emit(i, "await ac_yield();")
            self.emit(i, "*sp = (char)('A' + (%s & 15));" % q(v))
            self.emit(i, "s2[2] = *sp;")
            self.emit(i, 'printf("%s: %%s %%s %%d\\n", s1, s2, (int)sizeof s1);' % t)
        elif c == 6:
            self.emit(i, "int k = { %s };" % q())
            self.emit(i, "struct S s3 = { %s, %s, 0.5, { %s } };" % (q(), v, q()))
            self.emit(i, "long lw = { (long)%s * 3 };" % q())
            self.pr(i, t, ["k", "s3.a", "(int)s3.b", "s3.arr[0]", "s3.arr[2]", "(int)lw"])
        else:
            self.emit(i, "struct { struct S s; int k; } w = { await hs(st, %s), %s };" % (e, q(v)))
            self.emit(i, "w.k += %s;" % q())
            self.pr(i, t, ["w.s.a", "w.s.arr[0]", "w.k"])
        self.emit(ind, "}")

    def form_jumps(self, r, ind, scope, loop):
        """Jumps the base program leaves out: goto into a loop body and into
        a block, switch with default first and falling through, a switch in
        a switch continuing the loop, loops three deep with break and
        continue at each level, goto out of nested loops, labels in a chain
        and on an empty statement, computed goto, local labels of a
        statement expression, a declaration before the first case."""
        v, e, t, q = self.awaiting_block(r, scope, "jumps")
        n = self.tag
        c = r.randrange(8)
        if c == 6 and self.fn_cgoto:
            # gcc takes each goto * for a jump to every label whose address
            # is taken, past the other blocks' initializations, and warns
            # at -O2 (-Wmaybe-uninitialized): one computed goto a function
            c = 5
        self.fn_cgoto |= c == 6
        self.emit(ind, "{")
        i = ind + 1
        self.emit(i, "int acc = %s, k = 0;" % e)
        if c == 0:  # into a loop body
            self.emit(i, "goto in%d;" % n)
            self.emit(i, "while (k < %s) {" % r.choice(["%d" % r.randint(1, 3), q("3")]))
            self.emit(i + 1, "acc += %s;" % q("k"))
            self.emit(i, "in%d:" % n)
            self.emit(i + 1, "acc += 10;")
            self.emit(i + 1, "k++;")
            self.emit(i + 1, "await ac_yield();")
            self.emit(i, "}")
        elif c == 1:  # into a block past a declaration, from below
            self.emit(i, "if (k > 100) {")
            self.emit(i + 1, "int h;")
            self.emit(i, "into%d:" % n)
            self.emit(i + 1, "h = %s;" % q("k + acc"))
            self.emit(i + 1, "acc += h % 100;")
            self.emit(i + 1, "k++;")
            self.emit(i, "}")
            self.emit(i, "if (k < %d)" % r.randint(1, 3))
            self.emit(i + 1, "goto into%d;" % n)
        elif c == 2:  # default first, falling through; a switch in a switch
            self.emit(i, "for (int j = 0; j < 5; j++) {")
            self.emit(i + 1, "switch (%s) {" % q("j"))
            self.emit(i + 1, "default:")
            self.emit(i + 2, "acc += %s;" % q())
            self.emit(i + 2, "/* fall through */")
            self.emit(i + 1, "case 1:")
            self.emit(i + 2, "acc += %s;" % q("j"))
            self.emit(i + 2, "/* fall through */")
            self.emit(i + 1, "case 2:")
            self.emit(i + 2, "acc++;")
            self.emit(i + 2, "break;")
            self.emit(i + 1, "case 3:")
            self.emit(i + 2, "switch (%s & 7) {" % q("j + %s" % v))
            self.emit(i + 2, "case %d:" % r.randrange(8))
            self.emit(i + 3, "acc += %s;" % q())
            self.emit(i + 3, "continue;")
            self.emit(i + 2, "default:")
            self.emit(i + 3, "acc -= 1;")
            self.emit(i + 2, "}")
            self.emit(i + 2, "acc += 1000;")
            self.emit(i + 1, "}")
            self.emit(i + 1, "acc += j;")
            self.emit(i, "}")
        elif c == 3:  # three deep, break and continue at each level
            self.emit(i, "for (int j = 0; j < 3; j++) {")
            self.emit(i + 1, "int m = 0;")
            self.emit(i + 1, "while (%s < %d) {" % (q("m"), r.randint(3, 6)))
            self.emit(i + 2, "do {")
            self.emit(i + 3, "m++;")
            self.emit(i + 3, "if (%s & 1)" % q("m + j"))
            self.emit(i + 4, "continue;")
            self.emit(i + 3, "acc += m;")
            self.emit(i + 3, "if (m > %d)" % r.randint(2, 5))
            self.emit(i + 4, "break;")
            self.emit(i + 2, "} while (%s < %d);" % (q("m"), r.randint(2, 4)))
            self.emit(i + 2, "if (%s == %d)" % (q("m"), r.randint(2, 5)))
            self.emit(i + 3, "break;")
            self.emit(i + 2, "if (m & 1)")
            self.emit(i + 3, "continue;")
            self.emit(i + 2, "acc += %s;" % q("m"))
            self.emit(i + 1, "}")
            self.emit(i + 1, "if (j == %d)" % r.randrange(3))
            self.emit(i + 2, "continue;")
            self.emit(i + 1, "acc += j + m;")
            self.emit(i, "}")
        elif c == 4:  # out of nested loops
            self.emit(i, "for (int a1 = 0; a1 < 4; a1++)")
            self.emit(i + 1, "for (int b1 = 0; b1 < 4; b1++) {")
            self.emit(i + 2, "acc += %s;" % q("a1 * b1"))
            self.emit(i + 2, "k++;")
            self.emit(i + 2, "if (a1 * b1 == %d)" % r.choice([2, 3, 4, 6]))
            self.emit(i + 3, "goto out%d;" % n)
            self.emit(i + 1, "}")
            self.emit(i - 1, "out%d:" % n)
        elif c == 5:  # labels in a chain, on an empty statement
            self.emit(i - 1, "la%d: lb%d:" % (n, n))
            self.emit(i, ";")
            self.emit(i, "k++;")
            self.emit(i, "acc += %s;" % q("k"))
            self.emit(i, "if (k < 2)")
            self.emit(i + 1, "goto la%d;" % n)
            self.emit(i, "if (k < %d)" % r.randint(2, 4))
            self.emit(i + 1, "goto lb%d;" % n)
        elif c == 6:  # computed goto (GNU), the table kept across awaits
            self.emit(i, "void *tab[] = { &&ja%d, &&jb%d, &&jc%d };" % (n, n, n))
            self.emit(i, "goto *tab[%s & 1];" % q())
            self.emit(i - 1, "ja%d:" % n)
            self.emit(i, "acc += %s;" % q())
            self.emit(i, "k++;")
            self.emit(i, "goto *tab[k < 2 ? k : 2];")
            self.emit(i - 1, "jb%d:" % n)
            self.emit(i, "acc += %s;" % q("k"))
            self.emit(i, "k++;")
            self.emit(i, "goto *tab[k < %d ? 0 : 2];" % r.randint(2, 4))
            self.emit(i - 1, "jc%d:" % n)
            self.emit(i, "acc += k;")
        else:  # local labels; a declaration before the first case
            self.emit(i, "k = ({ __label__ out; int z = %s; if (z & 1) goto out; "
                      "z = %s; out: z + 1; });" % (q(), q()))
            self.emit(i, "switch (%s & 3) {" % q())
            self.emit(i, "\tint d;")
            self.emit(i, "case 0:")
            self.emit(i + 1, "d = %d;" % r.randint(0, 9))
            self.emit(i + 1, "acc += d;")
            self.emit(i + 1, "break;")
            self.emit(i, "case 1:")
            self.emit(i + 1, "d = %s;" % q())
            self.emit(i + 1, "await ac_yield();")
            self.emit(i + 1, "acc += d;")
            self.emit(i + 1, "break;")
            self.emit(i, "default:")
            self.emit(i + 1, "break;")
            self.emit(i, "}")
        self.pr(i, t, ["acc", "k"])
        self.emit(ind, "}")

    def form_shadowing(self, r, ind, scope, loop):
        """Block-scoped declarations hiding the function's variables (of
        other types), the file's functions and a loop's counter, each kept
        across awaits with what it hides; siblings of one name."""
        v = self.fvar(r, scope)
        e = self.pexp(r, scope, avoid=[v])
        t = self.newtag("shadowing")
        n = self.tag
        c = r.randrange(6)
        self.emit(ind, "{")
        i = ind + 1
        self.emit(i, "int keep = %s %% 100;" % v)
        if c == 0:  # a variable of the function, twice, with other types
            self.emit(i, "{")
            self.emit(i + 1, "long %s = 1000L * %s;" % (v, self.qa(r, e)))
            self.emit(i + 1, "{")
            self.emit(i + 2, "double %s = 0.5;" % v)
            self.emit(i + 2, "await ac_yield();")
            self.emit(i + 2, "%s += %s;" % (v, self.qa(r, "keep")))
            self.emit(i + 2, "keep += (int)(%s * 2);" % v)
            self.emit(i + 1, "}")
            self.emit(i + 1, "keep += (int)(%s %% 1000);" % v)
            self.emit(i, "}")
        elif c == 1:  # the arrays, struct and long of the function
            self.emit(i, "{")
            self.emit(i + 1, 'char arr[3] = "xy";')
            self.emit(i + 1, "double st = %s * 0.25;" % self.qa(r, e))
            self.emit(i + 1, "struct S lv = { 1, 2, 0.5, { %s } };" % self.qa(r, "keep"))
            self.emit(i + 1, "await ac_yield();")
            self.emit(i + 1, "keep += arr[1] + (int)(st * 4) + lv.arr[0];")
            self.emit(i, "}")
            self.emit(i, "keep += arr[%d] + st.a + (int)(lv %% 100);" % r.randrange(8))
        elif c == 2:  # siblings of one name and different types
            self.emit(i, "{")
            self.emit(i + 1, "int s%d = %s;" % (n, self.qa(r, e)))
            self.emit(i + 1, "await ac_yield();")
            self.emit(i + 1, "keep += s%d;" % n)
            self.emit(i, "}")
            self.emit(i, "{")
            self.emit(i + 1, "double s%d = %s * 0.5;" % (n, self.qa(r, "keep")))
            self.emit(i + 1, "await ac_yield();")
            self.emit(i + 1, "keep += (int)(s%d * 2);" % n)
            self.emit(i, "}")
            self.emit(i, "{")
            self.emit(i + 1, "struct S s%d = { .a = %s };" % (n, self.qa(r, e)))
            self.emit(i + 1, "await ac_yield();")
            self.emit(i + 1, "keep += s%d.a;" % n)
            self.emit(i, "}")
        elif c == 3:  # a loop's counter hidden in its body
            self.emit(i, "for (int j = 0; j < 2; j++) {")
            self.emit(i + 1, "int j2 = j;")
            self.emit(i + 1, "{")
            self.emit(i + 2, "int j = %s;" % self.qa(r, "j2 + 10"))
            self.emit(i + 2, "await ac_yield();")
            self.emit(i + 2, "keep += j;")
            self.emit(i + 1, "}")
            self.emit(i + 1, "keep += j;")
            self.emit(i, "}")
        elif c == 4:  # the file's functions hidden by locals
            self.emit(i, "{")
            self.emit(i + 1, "int fx = %s, id = await sw(keep);" % self.qa(r, e))
            self.emit(i + 1, "await sw(fx);")
            self.emit(i + 1, "keep += fx + id;")
            self.emit(i, "}")
            self.emit(i, "keep += %s;" % self.qa(r, "keep & 7"))
        else:  # the hidden variable read in the initializer of its hider
            self.emit(i, "{")
            self.emit(i + 1, "int k%d = %s;" % (n, self.qa(r, v)))
            self.emit(i + 1, "{")
            self.emit(i + 2, "long k%d_2 = k%d + 1, %s = k%d_2 * 2;" % (n, n, v, n))
            self.emit(i + 2, "await ac_yield();")
            self.emit(i + 2, "keep += (int)(%s %% 1000);" % v)
            self.emit(i + 1, "}")
            self.emit(i + 1, "keep += k%d %% 1000;" % n)
            self.emit(i, "}")
        self.emit(i, "%s = (%s + keep) %% %d;" % (v, v, MOD))
        self.pr(i, t, [v, "keep"])
        self.emit(ind, "}")

    def form_recursion(self, r, ind, scope, loop):
        """Async functions that await themselves (rec prints, fib awaits
        itself twice in one expression) or each other (ev, od)."""
        v = self.fvar(r, scope)
        e = self.pexp(r, scope, avoid=[v])
        t = self.newtag("recursion")
        c = r.randrange(3)
        self.emit(ind, "{")
        i = ind + 1
        if c == 0:
            self.emit(i, "%s = (%s + await rec(%s & 3, %s %% 10)) %% %d;" % (v, v, e, v, MOD))
            self.pr(i, t, [v])
        elif c == 1:
            self.emit(i, "int r = await fib(%s & 7) + await fib(%s & 3) * 2;" % (e, v))
            self.pr(i, t, ["r"])
        else:
            self.emit(i, "int r = await ev(%s & 7) * 10 + await od(%s & 7);" % (e, v))
            self.pr(i, t, ["r"])
        self.emit(ind, "}")

    def form_params(self, r, ind, scope, loop):
        """An async function of many parameters of different types (char,
        short, unsigned, long long, float, double, long double, _Bool,
        pointers, a struct, an array, a function pointer), each changed
        across its awaits; an async void function returning early."""
        v = self.fvar(r, scope)
        e = self.pexp(r, scope, avoid=[v])
        t = self.newtag("params")
        c = r.randrange(2)
        self.emit(ind, "{")
        i = ind + 1
        if c == 0:
            self.emit(i, "int pw = %s, pa[3] = { 1, %s, 3 };" % (e, v))
            self.emit(i, "struct S ps = st;")
            self.emit(i, "double md = await mp((char)(%s & 63), (short)%s, (unsigned)%s, "
                      "(long long)%s * 100000, %s * 0.5f, %s * 0.25, &pw, ps, \"%s\", pa, "
                      "%s & 1, (unsigned char)(%s + 200), inc, %s * 1.5L, %s);"
                      % (e, v, e, v, e, v, r.choice(["xyz", "pq", "abcd"]), v, e, v, e))
            self.pr(i, t, ["(int)((long long)md % 1000)", "pw", "pa[1]", "ps.arr[2]"])
        else:
            self.emit(i, "int pw = %s %% 100;" % v)
            self.emit(i, "await ve(&pw, %s & 7);" % e)
            self.pr(i, t, ["pw"])
        self.emit(ind, "}")

    # ------------------------------------------------------------ forms (2)
    #
    # Forms of the dialect and of C11 the forms above never write: task
    # variables and task pointers awaited later, results of every type,
    # lexical forms, C11 declarations, numeric edge values, the rest of
    # C's statement forms, and prototypes before definitions.

    def form_tasks(self, r, ind, scope, loop):
        """Task variables created and awaited later (reordered, twice,
        reassigned, across loop iterations), task arrays with ac_gather and
        computed subscripts, run-time arrays of task pointers awaited with
        casts, a task variable aliasing a pointer, tasks in a struct."""
        v, e, t, q = self.awaiting_block(r, scope, "tasks")
        h = lambda: r.choice(self.quiet)
        c = r.randrange(7)
        self.emit(ind, "{")
        i = ind + 1
        if c == 0:
            self.emit(i, "async int kt1 = %s(%s), kt2 = %s(%s);" % (h(), e, h(), v))
            self.emit(i, "int k = %s;" % v)
            self.emit(i, "await ac_yield();")
            self.emit(i, "k += await kt2 * 3;")
            self.emit(i, "k += await kt1 + await kt2;")
            self.pr(i, t, ["k", "await kt1"])
        elif c == 1:
            self.emit(i, "async int kt;")
            self.emit(i, "kt = %s(%s);" % (h(), e))
            self.emit(i, "int k = await kt;")
            self.emit(i, "kt = %s(k + 1);" % h())
            self.emit(i, "k += await kt * 2;")
            self.pr(i, t, ["k"])
        elif c == 2:
            self.emit(i, "async int kts[3] = { %s(%s), %s(%s), %s(%s + 1) };"
                      % (h(), e, h(), v, h(), e))
            if r.random() < 0.7:
                self.emit(i, "await ac_gather(kts, 3);")
            self.emit(i, "int k = await kts[%s & 1] + await kts[2] * 2;" % v)
            self.emit(i, "k += await kts[%s] - await kts[0];" % r.randrange(3))
            self.pr(i, t, ["k"])
        elif c == 3:
            self.emit(i, "int kn = (%s & 3) + 1;" % e)
            self.emit(i, "task_p *kts = malloc((size_t)kn * sizeof *kts);")
            self.emit(i, "long ks = 0;")
            self.emit(i, "if (kts) {")
            self.emit(i + 1, "for (int j = 0; j < kn; j++)")
            self.emit(i + 2, "kts[j] = %s(j * 7 + %s);" % (h(), v))
            self.emit(i + 1, "if (%s & 1)" % v)
            self.emit(i + 2, "await ac_gather(kts, (size_t)kn);")
            self.emit(i + 1, "for (int j = kn - 1; j >= 0; j--)")
            self.emit(i + 2, "ks += await (async int)kts[j];")
            self.emit(i + 1, "async int kh = kts[kn - 1];")
            self.emit(i + 1, "ks += await kh * 10;")
            self.emit(i + 1, "free(kts);")
            self.emit(i, "}")
            self.pr(i, t, ["kn", "(int)ks"])
        elif c == 4:
            self.emit(i, "task_p kq[2] = { (task_p)kptr(arr, %s), (task_p)klong(%s) };" % (e, v))
            self.emit(i, "struct { int n; task_p t; } kw = { 1, %s(%s) };" % (h(), e))
            self.emit(i, "await ac_yield();")
            self.emit(i, "*await (async int *)kq[0] += 1;")
            self.emit(i, "long kl = await (async long)kq[1] + await (async long)kq[1];")
            self.emit(i, "int k = await (async int)kw.t + *await (async int *)kq[0];")
            self.pr(i, t, ["k", "(int)(kl % 1000)", "arr[%s & 7]" % e])
        elif c == 5:
            self.emit(i, "async int kprev = %s(%s);" % (h(), v))
            self.emit(i, "int k = 0;")
            self.emit(i, "for (int j = 0; j < 3; j++) {")
            self.emit(i + 1, "k += await kprev;")
            self.emit(i + 1, "kprev = %s(k %% 100 + j);" % h())
            self.emit(i, "}")
            self.emit(i, "k += await kprev;")
            self.pr(i, t, ["k"])
        else:
            self.emit(i, "async int ka = %s(%s), kb = %s(%s);" % (h(), e, h(), v))
            self.emit(i, "int k = (%s & 1) ? await ka : await kb;" % v)
            self.emit(i, "k += (%s > 3 && await ka > 2) || await kb > 5;" % e)
            self.emit(i, "k += await ka + await kb;")
            self.pr(i, t, ["k"])
        self.emit(ind, "}")

    def form_ret_types(self, r, ind, scope, loop):
        """Awaits of async functions of every result type: unions, enums,
        _Bool, the char types, short, float, long double, unsigned types,
        large and small structs, struct pointers, function pointers,
        strings, int **; structs and unions passed by value."""
        v, e, t, q = self.awaiting_block(r, scope, "ret-types")
        c = r.randrange(6)
        self.emit(ind, "{")
        i = ind + 1
        if c == 0:
            self.emit(i, "union KU ku = await rku(%s);" % e)
            self.emit(i, "enum KE ke = await rke(%s);" % v)
            self.emit(i, "_Bool kb = await rkb(%s);" % e)
            self.emit(i, "int k = await rkb(%s) + await rkb(%s + 2) + (await rke(%s) == KE_B);"
                      % (e, v, e))
            self.pr(i, t, ["ku.i", "ku.b[0]", "(int)ke", "kb", "k"])
        elif c == 1:
            self.emit(i, "int k = await rkc(%s) + await rkuc(%s);" % (e, v))
            self.emit(i, "k += (await rksc(%s)) * (await rks(%s) %% 100);" % (e, v))
            self.emit(i, "unsigned short kus = await rkus(%s);" % e)
            self.emit(i, "signed char ksc = await rksc(%s);" % v)
            self.emit(i, "k += kus %% 1000 + (await rkus(%s) > 30000) - ksc;" % v)
            self.pr(i, t, ["k", "kus", "ksc"])
        elif c == 2:
            self.emit(i, "float kf = await rkf(%s);" % e)
            self.emit(i, "long double kld = await rkld(%s) + kf;" % v)
            self.emit(i, "int k = (int)(await rkf(%s) * 4 + kld * 8);" % v)
            self.pr(i, t, ["(int)(kf * 4)", "(int)(kld * 8)", "k"])
        elif c == 3:
            self.emit(i, "unsigned ku = await rku32(%s) + 5u;" % e)
            self.emit(i, "unsigned long long ull = await rku64(%s) / 7;" % v)
            self.emit(i, "int k = (await rku32(%s) > 3u) + (int)(ku %% 1000) + (int)(ull %% 1000);"
                      % v)
            self.pr(i, t, ["k", "(int)(ku % 1000)", "(int)(ull % 1000)"])
        elif c == 4:
            self.emit(i, "struct KB kbg = await rkbig(%s);" % e)
            self.emit(i, "struct KP kpt = await rkp(%s), *kpp = await rkpp(&kpt);" % v)
            self.emit(i, "struct KP ksq = await rkadd(kpt, await rkp(%s));" % e)
            self.emit(i, "int k = await rksum(await rkbig(%s), await rku(%s)) + kpp->x + ksq.x * 3"
                      " + ksq.y;" % (v, e))
            self.emit(i, "k += (int)(await rkbig(%s)).v[4] + (await rkp(%s)).y;" % (e, v))
            self.pr(i, t, ["kbg.name[0]", "(int)kbg.v[2]", "kpt.y", "k"])
        else:
            self.emit(i, "kfn_t kfn = await rkfn(%s);" % e)
            self.emit(i, "int k = kfn(%s %% 100) + (await rkfn(%s))(%s & 15);" % (v, v, e))
            self.emit(i, "k += (int)strlen(await rkstr(%s)) + (await rkstr(%s))[0];" % (e, v))
            self.emit(i, "int *kip = &arr[%s & 7], **kipp = await rkpp2(&kip);" % e)
            self.emit(i, "k += **kipp;")
            self.pr(i, t, ["k"])
        self.emit(ind, "}")

    def form_lexical(self, r, ind, scope, loop):
        """Digraphs, concatenated, wide and unicode strings, character
        constants with escapes, hex floats, octal and binary constants,
        a long identifier, _Static_assert in a block, a line splice inside
        tokens (the function is then translated from its expansion)."""
        v, e, t, q = self.awaiting_block(r, scope, "lexical")
        c = r.randrange(5)
        self.emit(ind, "<%" if c == 0 else "{")
        i = ind + 1
        if c <= 1:
            self.emit(i, "int ka<:3:> = <%% %s, %s, 3 %%>;" % (e, q()))
            self.emit(i, "ka<:%s & 1:> += %s;" % (q(), v))
            self.pr(i, t, ["ka[0]", "ka[1]", "ka<:2:>"])
        elif c == 2:
            self.emit(i, "_Static_assert(sizeof(int) >= 4, \"int\");")
            self.emit(i, 'const char *ks = "ab" "c" /* between */ "d" "\\x41\\101";')
            self.emit(i, 'const wchar_t *kw = L"w\\x41" L"z";')
            self.emit(i, 'const char16_t *k16 = u"\\u00e9t";')
            self.emit(i, 'const char32_t *k32 = U"\\U0001F600x";')
            self.emit(i, 'const char *k8 = u8"h\\u00e9";')
            self.emit(i, "int kch = 'a' + '\\n' + '\\x7f' + '\\0' + '\\'' + '\\101' + L'x' + %s;"
                      % q())
            self.emit(i, "_Static_assert(sizeof \"ab\" \"c\" == 4, \"concat\");")
            self.pr(i, t, ["ks[%s & 3]" % q(), "ks[5]", "(int)kw[1]", "(int)k16[0]",
                           "(int)k32[0] % 1000", "(unsigned char)k8[2]", "kch"])
        elif c == 3:
            self.emit(i, "double khf = 0x1.8p3 + 0x.1p-2 + 0X1P+1 + %s;" % q())
            self.emit(i, "unsigned long kl = 0x7fffffffUL + 0777 + 0b1011 + 10u + (unsigned)%s;"
                      % q(v))
            self.emit(i, "long long kll = 0x7fffffffffffffffLL - (long long)(%s & 1023);" % q())
            self.emit(i, "int %s = %s;" % (self.longid(), q()))
            self.emit(i, "%s += (int)khf;" % self.longid())
            self.pr(i, t, ["(int)(khf * 16)", "(int)(kl % 1000)", "(int)(kll % 1000)",
                           self.longid()])
        else:
            self.out.append("\t" * i + "int kspl\\\nit = %s, kq = 4\\\n2;" % q())
            self.out.append("\t" * i + "kspl\\\nit += aw\\\nait id(kq);")
            self.pr(i, t, ["ksplit", "kq"])
        self.emit(ind, "%>" if c == 0 else "}")

    def longid(self):
        return "k_this_is_a_rather_long_identifier_" + "abcdefghij_0123456789_" * 4 + "end"

    def form_numeric(self, r, ind, scope, loop):
        """Unsigned wraparound, integer promotions of narrow types, float
        edge values (NaN, infinities, -0.0, subnormals), pointer
        arithmetic and comparisons, arrays of arrays, function-pointer
        tables, signed and unsigned char arrays, all across awaits."""
        v, e, t, q = self.awaiting_block(r, scope, "numeric")
        c = r.randrange(7)
        self.emit(ind, "{")
        i = ind + 1
        if c == 0:
            self.emit(i, "unsigned ku = 0u - (unsigned)%s;" % q())
            self.emit(i, "ku += 4000000000u + (unsigned)%s;" % q(v))
            self.emit(i, "unsigned char kcc = (unsigned char)(250 + %s);" % q())
            self.emit(i, "kcc += (unsigned char)%s;" % q("10"))
            self.emit(i, "unsigned short ks = (unsigned short)(65530u + (unsigned)%s);" % q())
            self.emit(i, "ks = (unsigned short)(ks + %s);" % q("10"))
            self.emit(i, "unsigned long long kl = 0ull - (unsigned long long)%s;" % q())
            self.pr(i, t, ["(int)(ku % 1000)", "kcc", "ks", "(int)(kl % 1000)"])
        elif c == 1:
            self.emit(i, "unsigned char ka = (unsigned char)%s, kb = 200;" % e)
            self.emit(i, "int k = ka * kb + %s;" % q())
            self.emit(i, "k += ~ka + %s - (kb << %s);" % (q(), q("3")))
            self.emit(i, "signed char ksc = (signed char)(%s & 127);" % q(v))
            self.emit(i, "short ksh = (short)-5;")
            self.emit(i, "unsigned ku = (unsigned)(ksh + %s);" % q("1"))
            self.emit(i, "int kneg = -ksc + %s;" % q())
            self.emit(i, "_Bool kb1 = %s, kb2 = ka;" % q())
            self.pr(i, t, ["k", "kneg", "(int)(ku % 1000)", "kb1", "kb2", "(int)sizeof(+ka)"])
        elif c == 2:
            self.emit(i, "double kn = __builtin_nan(\"\"), ki = __builtin_inf(), kz = -0.0;")
            self.emit(i, "double kd = __DBL_MIN__ / 4, km = __DBL_MAX__;")
            self.emit(i, "float kf = __FLT_MIN__ / 8;")
            self.emit(i, "kn += %s;" % q())
            self.emit(i, "ki = -ki * %s;" % q("1"))
            self.emit(i, "kz *= %s;" % q("1"))
            self.emit(i, "kd *= %s;" % q("2"))
            self.emit(i, "km *= %s;" % q("2"))
            self.emit(i, "kf *= (float)%s;" % q("4"))
            self.pr(i, t, ["__builtin_isnan(kn)", "__builtin_isinf_sign(ki)",
                           "__builtin_signbit(kz) != 0", "kd == __DBL_MIN__ / 2",
                           "__builtin_isinf_sign(km)", "kf == __FLT_MIN__ / 2",
                           "kn != kn"])
        elif c == 3:
            self.emit(i, "int k2[3][4] = { { 1, 2, 3, 4 }, { 5, 6, 7, 8 }, { %s, 10, 11, 12 } };"
                      % e)
            self.emit(i, "int (*row)[4] = k2 + (%s & 1);" % q())
            self.emit(i, "int *kb = &k2[0][0], *ke = &k2[2][3], *km = kb + (%s & 7);" % q())
            self.emit(i, "long kd = ke - km;")
            self.emit(i, "int klt = km < ke && kb <= km, keq = km == &k2[1][%s & 3];" % q())
            self.emit(i, "int kx = 1, *px = &kx;")
            self.emit(i, "await ac_yield();")
            self.emit(i, "klt += (px == &kx) * 2 + (&row[1][0] - &row[0][0] == 4) * 4;")
            self.emit(i, "(*row)[%s & 3] += k2[%s & 1][2];" % (q(), q()))
            self.pr(i, t, ["(int)kd", "klt", "keq", "row[0][0]", "k2[0][1]", "k2[1][2]"])
        elif c == 4:
            self.emit(i, "int (*const ktab[3])(int) = { k_twice, k_thrice, k_twice };")
            self.emit(i, "int (*const *ktp)(int) = ktab;")
            self.emit(i, "int k = ktab[%s & 1](%s) + ktp[%s & 1](%s %% 100);"
                      % (q(), q(), q(v), v))
            self.emit(i, "k += (*ktab[2])(%s);" % q())
            self.pr(i, t, ["k"])
        elif c == 6:
            # compound assignments that convert back to a narrow type
            self.emit(i, "_Bool kb = 0;")
            self.emit(i, "kb += %s;" % q("2"))
            self.emit(i, "int kb1 = kb;")
            self.emit(i, "kb -= %s;" % q("1"))
            self.emit(i, "kb ^= %s;" % q("4"))
            self.emit(i, "signed char ksc = 100;")
            self.emit(i, "ksc += %s;" % q("100"))
            self.emit(i, "ksc *= %s;" % q("3"))
            self.emit(i, "unsigned short kus = 65000;")
            self.emit(i, "kus += %s;" % q("1000"))
            self.emit(i, "kus <<= %s;" % q("4"))
            self.emit(i, "char kch = 'z';")
            self.emit(i, "kch /= %s;" % q("3"))
            self.emit(i, "kch %%= %s;" % q("7"))
            self.emit(i, "float kf = 1.5f;")
            self.emit(i, "kf *= (float)%s * 1e30f;" % q("1"))
            self.emit(i, "kf *= (float)%s * 1e30f;" % q("1"))
            self.emit(i, "struct KBF kbf = { 7, -8, 0, (1ull << 35) - 1 };")
            self.emit(i, "kbf.a += %s;" % q("3"))
            self.emit(i, "kbf.b -= %s;" % q("1"))
            self.emit(i, "kbf.c += %s;" % q("2"))
            self.emit(i, "kbf.d += %s;" % q("5"))
            self.emit(i, "int *kp = arr + 4;")
            self.emit(i, "kp += %s & 3;" % q())
            self.emit(i, "kp -= %s & 3;" % q())
            self.pr(i, t, ["kb1", "kb", "ksc", "kus", "kch", "__builtin_isinf_sign(kf)",
                           "(int)kbf.a", "(int)kbf.b", "kbf.c", "(int)kbf.d", "(int)(kp - arr)"])
        else:
            self.emit(i, "signed char ksa[4] = { -1, -128, 127, (signed char)(%s & 63) };" % e)
            self.emit(i, "unsigned char kua[4] = { 255, 0, 128, 1 };")
            self.emit(i, "ksa[%s & 3] += 1;" % q())
            self.emit(i, "kua[%s & 3] += 1;" % q())
            self.emit(i, "int k = ksa[0] * kua[0] + ksa[1] * kua[2] + %s;" % q())
            self.pr(i, t, ["k", "ksa[0]", "ksa[1]", "ksa[2]", "ksa[3]", "kua[0]", "kua[1]",
                           "kua[3]"])
        self.emit(ind, "}")

    def form_c11_decls(self, r, ind, scope, loop):
        """_Alignas, _Thread_local, flexible array members, declarations
        of several declarators of which some await (and name the ones
        before), extern and function declarations in a block, auto,
        const volatile, _Static_assert between declarations, an array
        typedef."""
        v, e, t, q = self.awaiting_block(r, scope, "c11-decls")
        c = r.randrange(7)
        self.emit(ind, "{")
        i = ind + 1
        if c == 0:
            self.emit(i, "_Alignas(32) char kal[8] = \"al\";")
            self.emit(i, "_Alignas(long double) int ki = %s;" % q())
            self.emit(i, "char *kp = kal;")
            self.emit(i, "await ac_yield();")
            self.emit(i, "kp[1] = (char)('a' + (%s & 15));" % q())
            self.pr(i, t, ["(int)((unsigned long)kal % 32)", "(int)((unsigned long)&ki % 16)",
                           "kal[1]", "ki"])
        elif c == 1:
            self.emit(i, "static _Thread_local int ktl = 3;")
            self.emit(i, "static _Thread_local long ktl2;")
            self.emit(i, "ktl = (ktl + %s) %% %d;" % (q(), MOD))
            self.emit(i, "ktl2 += %s;" % q())
            self.pr(i, t, ["ktl", "(int)(ktl2 % 1000)"])
        elif c == 2:
            self.emit(i, "struct KF *kf = malloc(sizeof *kf + 4 * sizeof(int));")
            self.emit(i, "if (kf) {")
            self.emit(i + 1, "kf->n = 4;")
            self.emit(i + 1, "for (int j = 0; j < 4; j++)")
            self.emit(i + 2, "kf->d[j] = %s + j;" % q())
            self.emit(i + 1, "int *kd = kf->d + 2;")
            self.emit(i + 1, "await ac_yield();")
            self.emit(i + 1, "*kd += kf->n;")
            self.pr(i + 1, t, ["kf->d[0]", "kf->d[1]", "kf->d[2]", "kf->d[3]"])
            self.emit(i + 1, "free(kf);")
            self.emit(i, "}")
        elif c == 3:
            self.emit(i, "int ka = %s, *kpa = &ka, kb = *kpa + %s, kcc[2] = { kb, %s }, "
                      "(*kpc)[2] = &kcc;" % (q(), q(), q("kb")))
            self.emit(i, "double kd = ka, ke = kd * %s, kf;" % q())
            self.emit(i, "kf = ke + kd;")
            self.pr(i, t, ["ka", "kb", "kcc[1]", "(*kpc)[0]", "(int)ke", "(int)kf"])
        elif c == 4:
            self.emit(i, "extern int k_global;")
            self.emit(i, "int k_twice(int);")
            self.emit(i, "k_global = (k_global + %s) %% %d;" % (q(), MOD))
            self.emit(i, "int k = k_twice(k_global) + %s;" % q())
            self.pr(i, t, ["k", "k_global"])
        elif c == 5:
            self.emit(i, "auto int ka = %s;" % q())
            self.emit(i, "register unsigned kr = (unsigned)%s;" % q(v))
            self.emit(i, "const volatile int kcv = ka;")
            self.emit(i, "volatile long kvl = %s;" % q())
            self.emit(i, "kr += (unsigned)kcv + (unsigned)%s;" % q())
            self.pr(i, t, ["ka", "(int)(kr % 1000)", "kcv", "(int)kvl"])
        else:
            self.emit(i, "typedef int k_arr3[3];")
            self.emit(i, "k_arr3 kx = { %s, 2, 3 };" % q())
            self.emit(i, "_Static_assert(sizeof kx == 3 * sizeof(int), \"k_arr3\");")
            self.emit(i, "int ky = kx[0] + %s;" % q())
            self.emit(i, "_Static_assert(_Alignof(k_arr3) == _Alignof(int), \"align\");")
            self.emit(i, "kx[2] += ky;")
            self.pr(i, t, ["kx[0]", "kx[2]", "ky"])
        self.emit(ind, "}")

    def form_statements(self, r, ind, scope, loop):
        """C's statement forms the base program leaves out: for with an
        expression (and comma) as its first clause, several declarations
        in it, for (;;), switches on char, long long, enum and unsigned,
        without braces, empty, nested; null statements, (void)await,
        do ; while, an empty then-branch."""
        v, e, t, q = self.awaiting_block(r, scope, "statements")
        c = r.randrange(6)
        self.emit(ind, "{")
        i = ind + 1
        self.emit(i, "int k = 0, ka, kb;")
        if c == 0:
            self.emit(i, "for (ka = %s & 3, kb = 0; ka < 6; ka++, kb += %s & 1)" % (q(), q("ka")))
            self.emit(i + 1, "k += ka * kb;")
            self.emit(i, "for (int kcc = %s & 1, kd = %s & 3; kcc < kd + 2; kcc++)" % (q(), q()))
            self.emit(i + 1, "k += kcc;")
            self.emit(i, "ka = kb = 0;")
        elif c == 1:
            self.emit(i, "ka = %s & 15; kb = 0;" % q())
            self.emit(i, "for (;;) {")
            # (cm's values are all even: the bound ends its loop)
            self.emit(i + 1, "if ((%s & 1) || ka > 40)" % q("ka"))
            self.emit(i + 2, "break;")
            self.emit(i + 1, "ka++;")
            self.emit(i + 1, "k++;")
            self.emit(i, "}")
            self.emit(i, "while (1)")
            self.emit(i + 1, "if (++kb > (%s & 3))" % q())
            self.emit(i + 2, "break;")
        elif c == 2:
            self.emit(i, "ka = %s; kb = %s;" % (q(), q(v)))
            self.emit(i, "switch (%s & 1) case 1: k += 1000;" % q("ka"))
            self.emit(i, "switch ((char)(%s & 3)) { case 'a': k++; break; case 2: k += 2; "
                      "break; default: k += 3; }" % q("kb"))
            self.emit(i, "switch ((long long)(%s & 3) * 1000000000LL) { case 0: k += 5; break; "
                      "case 2000000000LL: k += 7; break; default: k += 11; }" % q())
            self.emit(i, "switch ((unsigned)(%s & 1) - 1u) { case 4294967295u: k += 13; break; "
                      "default: ; }" % q("ka"))
            self.emit(i, "switch ((enum KE)(%s %% 3)) { case KE_A: k *= 2; /* fall through */ "
                      "case KE_B: k += 3; break; default: k -= 1; }" % q())
            self.emit(i, "switch (kb) { }")
            self.emit(i, "switch (%s) { default: break; }" % q())
        elif c == 3:
            self.emit(i, "ka = %s & 3; kb = %s & 1;" % (q(), q()))
            self.emit(i, "switch (ka) {")
            self.emit(i, "case 0:")
            self.emit(i + 1, "switch (%s) {" % q("kb"))
            self.emit(i + 1, "case 1:")
            self.emit(i + 2, "k += 17;")
            self.emit(i + 2, "break;")
            self.emit(i + 1, "default:")
            self.emit(i + 2, "k += %s;" % q())
            self.emit(i + 2, "goto k_out%d;" % self.tag)
            self.emit(i + 1, "}")
            self.emit(i + 1, "k += 100;")
            self.emit(i + 1, "break;")
            self.emit(i, "case 1:")
            self.emit(i + 1, "k += %s;" % q())
            self.emit(i + 1, "break;")
            self.emit(i, "default:")
            self.emit(i + 1, "k -= %s;" % q("ka"))
            self.emit(i, "}")
            self.emit(i - 1 if i > 1 else i, "k_out%d:" % self.tag)
        elif c == 4:
            self.emit(i, "ka = %s; kb = 0;" % q())
            self.emit(i, ";;")
            self.emit(i, "(void)%s;" % q())
            self.emit(i, "if (ka & 1) ; else k += %s;" % q())
            self.emit(i, "while (0) k += %s;" % q())
            # (false for every quiet helper of 0: kc(0) is 1, cm(0) 2)
            self.emit(i, "do { ; } while (%s < 0);" % q("kb"))
            self.emit(i, "{ }")
            self.emit(i, "{ ; }")
        else:
            self.emit(i, "ka = %s; kb = 1;" % q())
            self.emit(i, "do {")
            self.emit(i + 1, "if (kb++ > 3) break;")
            self.emit(i + 1, "if (%s & 1) continue;" % q("ka + kb"))
            self.emit(i + 1, "k += kb;")
            self.emit(i, "} while (%s);" % q("kb < 5"))
        self.pr(i, t, ["k", "ka", "kb"])
        self.emit(ind, "}")

    def form_decl_order(self, r, ind, scope, loop):
        """Awaits of async functions declared by prototypes (extern,
        static, inline, a parameter without a name) and defined after
        main."""
        v, e, t, q = self.awaiting_block(r, scope, "decl-order")
        self.emit(ind, "{")
        i = ind + 1
        self.emit(i, "int k = await kx_late(%s) + await ks_late(%s) * 2;" % (e, q()))
        self.emit(i, "k += await kl2(%s, %s) + await kin(%s);" % (q(), v, e))
        self.pr(i, t, ["k"])
        self.emit(ind, "}")

    # ------------------------------------------------------------ forms (3)
    #
    # Where C11 and the GNU extensions real code uses let an await stand,
    # or put something next to a suspension, that the forms above never
    # write (AUDIT_FORMS; their quiet helpers are GEN_HELPERS).  h0 and h1
    # print: in an operand C never evaluates they must stay silent.

    def loud(self, r):
        """A printing int helper (every program has h0 and h1)."""
        return r.choice(["h0", "h1"])

    def form_builtins(self, r, ind, scope, loop):
        """Builtins whose operands never run, with awaits of printing
        helpers in them, and builtins whose operands do run."""
        v, e, t, q = self.awaiting_block(r, scope, "builtins")
        h = self.loud(r)
        c = r.randrange(7)
        self.emit(ind, "{")
        i = ind + 1
        if c == 6:
            # a compound literal and a statement expression never run;
            # __builtin_choose_expr's other arm of another type
            self.emit(i, "int r = (int)sizeof (int[]){ await %s(%s), 2, 3 };" % (h, v))
            self.emit(i, "__typeof__(({ await %s(%s); 1L; })) kl = %s;" % (h, e, q()))
            self.emit(i, "r += (int)(sizeof kl + kl) + __builtin_choose_expr(1, %s, await gn(3)) + "
                      "__builtin_choose_expr(0, await gn(4), %s);" % (q(), q(v)))
            self.pr(i, t, ["r"])
        elif c == 0:
            self.emit(i, "int r = __builtin_constant_p(await %s(%s)) + "
                      "__builtin_constant_p(await hd(%s)) * 2;" % (h, v, e))
            self.emit(i, "r += __builtin_constant_p(%s + await %s(%s)) * 4 + "
                      "__builtin_constant_p(sizeof(await hl(%s))) * 8;" % (v, h, e, v))
            self.pr(i, t, ["r"])
        elif c == 1:
            self.emit(i, "int r = __builtin_classify_type(await hd(%s)) * 100 + "
                      "(int)__alignof__(await hl(%s));" % (e, v))
            self.emit(i, "r += __builtin_types_compatible_p(__typeof__(await hs(st, %s)), "
                      "struct S) * 1000;" % v)
            self.emit(i, "r += (__builtin_object_size(await hp(arr, %s), 0) != 0) * 10000 + %s;"
                      % (e, q()))
            self.pr(i, t, ["r"])
        elif c == 2:
            self.emit(i, "int r = 0;")
            self.emit(i, "if (__builtin_expect(await %s(%s) > %d, 0))" % (h, e, r.randint(0, 60)))
            self.emit(i + 1, "r++;")
            self.emit(i, "long kx = __builtin_expect(await hl(%s), 7L);" % v)
            self.emit(i, "r += __builtin_expect_with_probability(%s & 1, 1, 0.25);" % q())
            self.pr(i, t, ["r", "(int)(kx % 1000)"])
        elif c == 3:
            self.emit(i, "int r = _Generic(%s + %s, int: fx, default: gdbl)(%s);"
                      % (v, q(), q()))
            self.emit(i, "r += await id(_Generic(await %s(%s), int: 1, long: 2, default: 3)) + "
                      "_Generic(await hl(%s), long: 10, default: 20);" % (h, v, e))
            self.pr(i, t, ["r"])
        elif c == 4:
            self.emit(i, "int r = __builtin_choose_expr(sizeof(await hl(%s)) == sizeof(long), "
                      "%s, await %s(%s));" % (v, q(), h, e))
            self.emit(i, "if (await id(%s & 7) > 100)" % v)
            self.emit(i + 1, "__builtin_unreachable();")
            self.emit(i, "r += %s;" % q())
            self.pr(i, t, ["r"])
        else:
            self.emit(i, "int r = __builtin_constant_p(%d) ? %s : await %s(%s);"
                      % (r.randint(0, 9), q(), h, v))
            self.emit(i, "r += (int)sizeof(__typeof__(await %s(%s)));" % (h, e))
            self.pr(i, t, ["r"])
        self.emit(ind, "}")

    def form_asm_barriers(self, r, ind, scope, loop):
        """Empty asm statements between awaits: memory clobbers, and
        operands that are locals kept across the awaits around them."""
        v, e, t, q = self.awaiting_block(r, scope, "asm-barriers")
        c = r.randrange(4)
        self.emit(ind, "{")
        i = ind + 1
        if c == 0:
            self.emit(i, "int w = %s;" % e)
            self.emit(i, 'asm volatile("" ::: "memory");')
            self.emit(i, "w += %s;" % q())
            self.emit(i, '__asm__ __volatile__("" ::: "memory");')
            self.emit(i, "w += %s;" % q(v))
            self.pr(i, t, ["w"])
        elif c == 1:
            self.emit(i, "int w = %s;" % q())
            self.emit(i, '__asm__ volatile("" : "+r"(w));')
            self.emit(i, "w += %s;" % q())
            self.emit(i, '__asm__("" : "+r"(w));')
            self.emit(i, "int w2;")
            self.emit(i, '__asm__("" : "=r"(w2) : "0"(w + %d));' % r.randint(1, 9))
            self.emit(i, "w2 += %s;" % q(v))
            self.pr(i, t, ["w", "w2"])
        elif c == 2:
            self.emit(i, "int la[4] = { %s, 1, 2, 3 };" % e)
            self.emit(i, '__asm__ volatile("" : "+m"(la[1]));')
            self.emit(i, "la[1] += %s;" % q())
            self.emit(i, 'asm volatile("" : : "r"(la[1]) : "memory");')
            self.emit(i, "la[2] = %s;" % q(v))
            self.pr(i, t, ["la[0]", "la[1]", "la[2]", "la[3]"])
        else:
            self.emit(i, "int acc = %s;" % e)
            self.emit(i, "for (int j = 0; j < %d; j++) {" % r.randint(2, 4))
            self.emit(i + 1, "acc += %s;" % q("j"))
            self.emit(i + 1, 'asm volatile("" ::: "memory");')
            self.emit(i + 1, "if (acc & 1)")
            self.emit(i + 2, 'asm volatile("");')
            self.emit(i + 1, "acc += %s;" % q("acc & 7"))
            self.emit(i, "}")
            self.pr(i, t, ["acc"])
        self.emit(ind, "}")

    def form_designators(self, r, ind, scope, loop):
        """Awaiting initializers with designators and nested braces."""
        v, e, t, q = self.awaiting_block(r, scope, "designators")
        c = r.randrange(4)
        self.emit(ind, "{")
        i = ind + 1
        if c == 0:
            # a range's initializer runs once (gcc); clang 14 takes only
            # constants there: the await then fills the range after it
            h, k = self.loud(r), r.randint(0, 9)
            if self.clang:
                self.emit(i, "int kr[6] = { [1 ... 3] = %d, [5] = %s };" % (k, q()))
                self.emit(i, "kr[1] = kr[2] = kr[3] = await %s(%s);" % (h, e))
            else:
                self.emit(i, "int kr[6] = { [1 ... 3] = await %s(%s), [5] = %s };" % (h, e, q()))
            self.emit(i, "kr[0] = %d;" % k)
            self.emit(i, "kr[2] += %s;" % q(v))
            self.pr(i, t, ["kr[%d]" % j for j in range(6)])
        elif c == 1:
            self.emit(i, "int km[3][4] = { [2] = { [1] = %s, %s }, [0] = { [3] = %s }, { %s } };"
                      % (q(), q(), q(), q(v)))
            self.emit(i, "km[1][%s & 3] += %s;" % (q(), q()))
            self.pr(i, t, ["km[0][3]", "km[1][0]", "km[1][1]", "km[1][2]", "km[1][3]",
                           "km[2][1]", "km[2][2]", "km[2][0]"])
        elif c == 2:
            self.emit(i, "struct S ks[3] = { { %s, 5, 0.5, { 1 } }, [2] = { .arr = { [1] = %s }, "
                      ".a = %s }, [1].arr[2] = %s };" % (q(), q(), q(v), q()))
            self.emit(i, "await ac_yield();")
            self.pr(i, t, ["ks[0].a", "ks[0].arr[0]", "ks[1].arr[2]", "ks[1].a", "ks[2].a",
                           "ks[2].arr[1]", "(int)ks[2].b"])
        else:
            self.emit(i, 'struct B kb[2] = { [1] = { "zz", %s }, [0] = { .n = %s, .data = "ab" } };'
                      % (q(), q(v)))
            self.emit(i, "union { int i; short s[2]; } ku = { .s[1] = (short)%s };" % q())
            self.emit(i, "kb[0].data[2] = (char)('a' + (%s & 15));" % q())
            self.emit(i, 'printf("%s: %%s %%d %%s %%d %%d %%d\\n", kb[0].data, kb[0].n, '
                      'kb[1].data, kb[1].n, ku.s[0], ku.s[1]);' % t)
        self.emit(ind, "}")

    def form_aggregates(self, r, ind, scope, loop):
        """Struct and union results whose members are read at once."""
        v, e, t, q = self.awaiting_block(r, scope, "aggregates")
        c = r.randrange(5)
        self.emit(ind, "{")
        i = ind + 1
        if c == 4:
            # bit-fields of a result; results returned as awaited
            self.emit(i, "int r = (await gbf(%s)).a + (await gbf(%s)).b * 10;" % (e, v))
            self.emit(i, "struct GB gb = await gbf(%s);" % q())
            self.emit(i, "gb.b += %s & 3;" % q())
            self.emit(i, "r += (await gn2(%s)).a + await gnx(%s);" % (e, q(v)))
            self.pr(i, t, ["r", "(int)gb.a", "(int)gb.b"])
        elif c == 0:
            self.emit(i, "int r = (await gn(%s)).in.x + (await gn(%s)).arr[%s & 1] * 2 + "
                      "(await gu(%s)).b[0];" % (e, v, q(), e))
            self.emit(i, "r += (await gn(%s)).in.y - (await gnp(&(struct GN){ .a = %s }))->a;"
                      % (q(), v))
            self.pr(i, t, ["r"])
        elif c == 1:
            self.emit(i, "struct GN g = { .a = %s };" % e)
            self.emit(i, "(await gnp(&g))->in.y = %s;" % q())
            self.emit(i, "(await gnp(&g))->arr[%s & 1] += %s;" % (q(), q(v)))
            self.emit(i, "(*await gnp(&g)).in.x -= %s;" % q())
            self.pr(i, t, ["g.a", "g.in.x", "g.in.y", "g.arr[0]", "g.arr[1]"])
        elif c == 2:
            self.emit(i, "int r = gsum(await gn(%s)) + ((struct GN){ .a = %s, .in.y = %s }).in.y;"
                      % (e, q(), q(v)))
            self.emit(i, "struct GN g2 = %s & 1 ? await gn(%s) : await gn(%s + 1);" % (v, e, v))
            self.emit(i, "r += g2.a + (%s & 2 ? g2 : await gn(%d)).arr[2];" % (v, r.randint(0, 9)))
            self.pr(i, t, ["r", "g2.in.x"])
        else:
            self.emit(i, "union GU u = await gu(%s);" % e)
            self.emit(i, "u.s[1] += (short)%s;" % q())
            self.emit(i, "int r = (await gu(%s)).s[0] + u.b[1] + (int)sizeof((await gu(1)).b);" % v)
            self.pr(i, t, ["r", "u.s[0]", "u.s[1]"])
        self.emit(ind, "}")

    def form_loop_literals(self, r, ind, scope, loop):
        """Compound literals made in each iteration whose address is held
        across an await of the iteration; a pointer to a local array; a
        static local with an initializer, its address held."""
        v, e, t, q = self.awaiting_block(r, scope, "loop-literals")
        c = r.randrange(6)
        self.emit(ind, "{")
        i = ind + 1
        self.emit(i, "int acc = %s, k = 0;" % e)
        if c == 5:  # the address of the loop's counter, in its first clause
            self.emit(i, "for (int j = %s & 1, *pj = &j; j < 3; j++)" % q())
            self.emit(i + 1, "acc += *pj * 10 + %s;" % q("j"))
        elif c == 0:
            self.emit(i, "for (int j = 0; j < %d; j++) {" % r.randint(2, 4))
            self.emit(i + 1, "int *cp = (int[3]){ j, %s, 0 };" % v)
            self.emit(i + 1, "cp[2] = %s;" % q("j"))
            self.emit(i + 1, "acc += cp[0] + cp[1] + cp[2];")
            self.emit(i, "}")
        elif c == 1:
            self.emit(i, "while (k < %d) {" % r.randint(1, 3))
            self.emit(i + 1, "struct S *sp = &(struct S){ .a = k, .arr = { %s } };" % v)
            self.emit(i + 1, "await ac_yield();")
            self.emit(i + 1, "sp->a += %s;" % q("k"))
            self.emit(i + 1, "acc += sp->a + sp->arr[0];")
            self.emit(i + 1, "k++;")
            self.emit(i, "}")
        elif c == 2:
            self.emit(i, "int loc[4] = { %s, 2, 3, 4 };" % v)
            self.emit(i, "int (*pa)[4] = &loc, *end = *pa + 4;")
            self.emit(i, "await ac_yield();")
            self.emit(i, "(*pa)[%s & 3] += %s;" % (q(), q()))
            self.emit(i, "for (int *lp = *pa; lp < end; lp++)")
            self.emit(i + 1, "acc += *lp + %s;" % q("k++"))
        elif c == 3:
            self.emit(i, "static int kst = %d;" % r.randint(1, 9))
            self.emit(i, "int *sp = &kst;")
            self.emit(i, "kst = (kst + %s) %% %d;" % (q(), MOD))
            self.emit(i, "*sp = *sp * 2 %% %d + %s;" % (MOD, q(v)))
            self.emit(i, "acc += kst;")
        else:
            self.emit(i, "for (int *lq = (int[]){ %s & 3, 2, 3, 9 }; *lq < 3; lq++)" % v)
            self.emit(i + 1, "acc += %s;" % q("*lq"))
            self.emit(i, "do {")
            self.emit(i + 1, "int *dp = (int[2]){ k, %s };" % q("k"))
            self.emit(i + 1, "acc += dp[0] + dp[1] + %s;" % q())
            self.emit(i, "} while (++k < %d);" % r.randint(1, 3))
        self.pr(i, t, ["acc", "k"])
        self.emit(ind, "}")

    def form_switch_braceless(self, r, ind, scope, loop):
        """switch bodies of one statement, without braces, that await."""
        v, e, t, q = self.awaiting_block(r, scope, "switch-braceless")
        c = r.randrange(6)
        self.emit(ind, "{")
        i = ind + 1
        self.emit(i, "int acc = %s, k = %s;" % (e, v))
        if c == 5:  # a case range (GNU)
            self.emit(i, "switch (%s & 7)" % q("k"))
            self.emit(i, "case 1 ... %d: acc += %s;" % (r.randint(2, 6), q("acc & 7")))
        elif c == 0:
            self.emit(i, "switch (%s & 3)" % q())
            self.emit(i + 1, "case %d: acc += %s;" % (r.randrange(4), q()))
        elif c == 1:
            self.emit(i, "switch (k & 3)")
            self.emit(i, "default:")
            self.emit(i + 1, "acc += %s;" % q("acc & 7"))
        elif c == 2:
            self.emit(i, "switch (%s & 3)" % q("k"))
            self.emit(i, "case 0: case %d:" % r.randint(1, 3))
            self.emit(i + 1, "if (acc & 1)")
            self.emit(i + 2, "acc += %s;" % q("3"))
            self.emit(i + 1, "else")
            self.emit(i + 2, "acc -= %s;" % q())
        elif c == 3:
            self.emit(i, "switch (k & 1)")
            self.emit(i, "case %d:" % r.randrange(2))
            self.emit(i + 1, "for (int j = 0; j < 2; j++)")
            self.emit(i + 2, "acc += %s;" % q("j"))
        else:
            self.emit(i, "switch (k & 1)")
            self.emit(i, "case %d:" % r.randrange(2))
            self.emit(i + 1, "switch (%s & 1)" % q())
            self.emit(i + 1, "case %d: acc += %s;" % (r.randrange(2), q("5")))
        self.emit(i, "acc += %s;" % q())
        self.pr(i, t, ["acc", "k"])
        self.emit(ind, "}")

    def form_wide_types(self, r, ind, scope, loop):
        """Results of 128-bit integer, complex and long double types."""
        v, e, t, q = self.awaiting_block(r, scope, "wide-types")
        c = r.randrange(4)
        self.emit(ind, "{")
        i = ind + 1
        if c <= 1:
            self.out.append("#ifdef __SIZEOF_INT128__")
        if c == 0:
            self.emit(i, "unsigned __int128 ku = await gu128(%s);" % e)
            self.emit(i, "ku += (unsigned __int128)(unsigned)%s << 64;" % q())
            self.emit(i, "ku *= (unsigned)%s + 1u;" % q(v))
            self.pr(i, t, ["(int)(ku >> 80 & 0xffff)", "(int)(ku >> 64 & 0xffff)",
                           "(int)(ku % 1000)"])
        elif c == 1:
            self.emit(i, "__int128 ki = await gi128(%s) * (%s + 1);" % (e, q()))
            self.emit(i, "ki /= 3;")
            self.emit(i, "ki -= await gu128(%s) >> 70;" % q(v))
            self.pr(i, t, ["(int)(ki % 1000)", "(int)(ki >> 100)", "(int)(ki >> 64 & 0xffff)"])
        elif c == 2:
            self.emit(i, "_Complex double kz = await gz(%s) * (double)%s;" % (e, q()))
            self.emit(i, "double kr = __real__ (await gz(%s)) + __imag__ kz;" % v)
            self.emit(i, "kz += await gz(%s);" % q())
            self.pr(i, t, ["(int)kr", "(int)__real__ kz", "(int)__imag__ kz"])
        else:
            self.emit(i, "long double kld = await gld(%s) * 3.0L;" % e)
            self.emit(i, "kld /= %s + 1;" % q("3"))
            self.emit(i, "kld += await gld(%s) + (long double)%s;" % (q(), v))
            self.pr(i, t, ["(int)(kld * 1000)"])
        if c <= 1:
            self.out.append("#endif")
        self.emit(ind, "}")

    def form_conversions(self, r, ind, scope, loop):
        """Implicit conversions of awaited values."""
        v, e, t, q = self.awaiting_block(r, scope, "conversions")
        h = self.loud(r)
        c = r.randrange(3)
        self.emit(ind, "{")
        i = ind + 1
        if c == 0:
            self.emit(i, "_Bool cvb = await gd(%s);" % e)
            self.emit(i, "char cvc = await gl(%s);" % v)
            self.emit(i, "unsigned char cvu = await %s(%s);" % (h, v))
            self.emit(i, "float cvf = await gl(%s);" % e)
            self.emit(i, "int cvi = await gd(%s);" % q())
            self.emit(i, "cvb = await gs(%s);" % q())
            self.pr(i, t, ["cvb", "cvc", "cvu", "(int)(cvf / 1000)", "cvi"])
        elif c == 1:
            self.emit(i, "int r = takec(await gl(%s), await gd(%s), await gl(%s));" % (v, e, q()))
            self.emit(i, "r += await gcv(await gl(%s)) + await gcv(%s);" % (e, q()))
            self.pr(i, t, ["r"])
        else:
            self.emit(i, "double cvd = %s & 1 ? await gl(%s) : await gd(%s);" % (v, e, v))
            self.emit(i, "long cvl = (%s & 2 ? await gc(%s) : await gs(%s)) * 1000L;" % (v, e, v))
            self.emit(i, "int cvcmp = (await gc(%s) > 'f') + (await gs(%s) < -5000);" % (e, q()))
            self.pr(i, t, ["(int)cvd", "(int)(cvl % 100000)", "cvcmp",
                           "(int)sizeof(%s & 1 ? await gc(1) : await gs(2))" % v])
        self.emit(ind, "}")

    def form_variadic(self, r, ind, scope, loop):
        """Awaited values of narrow and wide types as variadic arguments."""
        v, e, t, q = self.awaiting_block(r, scope, "variadic")
        h = self.loud(r)
        c = r.randrange(4)
        self.emit(ind, "{")
        i = ind + 1
        if c == 3:  # long double, and a conversion in the argument
            self.emit(i, 'printf("%s: %%.3Lf %%Lg %%d\\n", await gld(%s), (long double)await gd(%s), '
                      '(int)(await gl(%s) %% 1000));' % (t, e, v, q()))
        elif c == 0:
            self.emit(i, 'int r = vsum("idld", await gc(%s), await gf(%s), await gl(%s), '
                      'await gd(%s));' % (e, v, q(), e))
            self.pr(i, t, ["r"])
        elif c == 1:
            self.emit(i, 'printf("%s: %%d %%ld %%.2f %%d %%c %%.2f\\n", await gs(%s), '
                      'await gl(%s), await gd(%s), await %s(%s), await gc(%s), await gf(%s));'
                      % (t, e, v, q(), h, e, v, q()))
        else:
            self.emit(i, 'int r = vsum("iid", await id(vsum("i", await gc(%s))), '
                      'fx(%d) ? await gs(%s) : 0, await gf(%s));'
                      % (v, r.randint(0, 9), e, q()))
            self.pr(i, t, ["r"])
        self.emit(ind, "}")

    # ------------------------------------------------------------ functions

    def function(self, name, params, is_main):
        r = self.r
        self.out = []
        self.fn_labels = set()
        self.fn_cgoto = False    # a computed goto in this function (form jumps)
        nints = r.randint(2, 4)
        ints = ["x%d" % k for k in range(nints)]
        scope = {"int": list(params) + ints, "ptr": ["p0", "p1"],
                 "ret": not is_main, "counters": [], "loopvars": []}
        self.block(1, scope, 3, r.randint(3, 4), False)
        body = self.out
        head = []
        if is_main:
            head.append("async int main(void)\n{")
        else:
            head.append("async int %s(%s)\n{" % (name, ", ".join("int " + p for p in params)))
        head.append('\tprintf("enter %s\\n");' % name)
        head.append("\tint arr[8] = {%s};" % ", ".join(str(r.randint(0, 9)) for _ in range(8)))
        head.append("\tstruct S st = {%d, %d, %.2f, {1, 2, 3}};" % (
            r.randint(0, 9), r.randint(0, 99), r.randint(0, 8) / 4))
        head.append("\tlong lv = %d;" % r.randint(0, 1000))
        head.append("\tdouble dv = %.2f;" % (r.randint(0, 40) / 4))
        for k, v in enumerate(ints):
            head.append("\tint %s = %s;" % (v, params[k % len(params)] if params and self.chance(0.5)
                                             else str(r.randint(-5, 20))))
        head.append("\tint *p0 = &arr[%d], *p1 = &arr[%d];" % (r.randrange(8), r.randrange(8)))
        if scope["counters"]:
            head.append("\tint %s;" % ", ".join(scope["counters"]))
        tail = []
        allv = scope["int"]
        tail.append('\tprintf("%s end: %s | %%ld %%.4f %%d %%d | %%d %%ld %%.3f %%d %%d %%d\\n", %s, lv, dv, *p0, *p1, '
                    'st.a, st.b, st.c, st.arr[0], st.arr[1], st.arr[2]);'
                    % (name, " ".join(["%d"] * len(allv)), ", ".join(allv)))
        tail.append('\tprintf("%s arr: %%d %%d %%d %%d %%d %%d %%d %%d\\n", arr[0], arr[1], '
                    'arr[2], arr[3], arr[4], arr[5], arr[6], arr[7]);' % name)
        many = self.many_args(scope)
        if is_main:
            tail.append("\treturn 0;\n}\n")
        else:
            tail.append("\treturn %s(%s) %% %d;\n}\n" % (self.return_comma(), " + ".join(allv), MOD))
        return "\n".join(head + body + many + tail)

    def program(self):
        r = self.r
        parts = ["/* Generated by tests/differential/gen.py: do not edit. */",
                 "#include <stdio.h>"]
        if self.forms & NEW_FORMS:  # before the macros of the form gen-names
            parts += ["#include <stdlib.h>", "#include <string.h>", "#include <stdint.h>",
                      "#include <wchar.h>", "#include <uchar.h>"]
        if self.forms & AUDIT_FORMS:
            parts += ["#include <stdarg.h>"]
        parts += [
                 "#ifndef SYNC",
                 "#include <asyncc.h>",
                 "#endif",
                 "",
                 "struct S { int a; long b; double c; int arr[3]; };",
                 "#define STR_(x) #x",
                 "#define XSTR_(x) STR_(x)",
                 "#define CAT_(a, b) a##b",
                 "int fn__func__ = 3; /* CAT_(fn, __func__) */",
                 ""] + self.prelude_forms() + [self.helpers_code()] + self.helpers_forms()
        nw = r.randint(1, 3)
        for k in range(nw):
            name = "w%d" % k
            parts.append(self.function(name, ["a", "b"], False))
            self.workers.append(name)
        body = self.function("main", [], True)
        # main calls every worker at least once
        calls = "\n".join('\tprintf("%s -> %%d\\n", await %s(%d, %d));' % (w, w, r.randint(0, 50), r.randint(-5, 5))
                          for w in self.workers)
        if "decl-order" in self.forms:
            calls += ('\n\tprintf("decl-order: %d\\n", await kx_late(1) + await ks_late(2)'
                      ' + await kl2(3, 4) + await kin(5));')
        body = body.replace('\tprintf("enter main\\n");',
                            '\tprintf("enter main\\n");\n' + calls, 1)
        parts.append(body)
        if "decl-order" in self.forms:
            parts.append(DECL_ORDER_DEFS)
        return self.resolve_labels("\n".join(parts))


def parse_forms(only=None, without=None):
    """The set of forms from --forms/--without lists (comma-separated)."""
    forms = set(FORMS)
    if only:
        forms = set(only.split(",")) - {"", "none"}
    if without:
        forms -= set(without.split(","))
    unknown = forms - set(FORMS)
    if unknown:
        raise SystemExit("gen.py: unknown form(s) %s; forms: %s"
                         % (", ".join(sorted(unknown)), ", ".join(FORMS)))
    return forms


def main():
    import argparse
    ap = argparse.ArgumentParser(description="Print the program for SEED.")
    ap.add_argument("--forms", help="only these forms (comma-separated; "
                    "'none' for the base program)")
    ap.add_argument("--without", help="all forms but these")
    ap.add_argument("--cc", choices=["gcc", "clang"], default="gcc",
                    help="the compiler the program is written for")
    ap.add_argument("--list-forms", action="store_true",
                    help="list the forms and what they produce")
    ap.add_argument("seed", type=int, nargs="?")
    a = ap.parse_args()
    if a.list_forms:
        for f, doc in FORMS.items():
            print("%-16s %s" % (f, doc))
        return
    if a.seed is None:
        ap.error("SEED is required")
    sys.stdout.write(Gen(a.seed, parse_forms(a.forms, a.without), a.cc).program())


if __name__ == "__main__":
    main()
