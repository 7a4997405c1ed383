#!/usr/bin/env python3
"""gen.py - random async C programs for differential testing.

  gen.py SEED            print the program for SEED on standard output

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
"""

import random
import sys

MOD = 1000   # int values stay in (-MOD*k, MOD*k) for small k: no overflow


def same(a, b):
    """Whether expressions A and B are the same but for parentheses."""
    strip = str.maketrans("", "", "() ")
    return a.translate(strip) == b.translate(strip)


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.out = []
        self.label = 0
        self.lineno = 0
        self.helpers = []      # (name, kind) kind: int, long, double, ptr, struct, void
        self.workers = []      # names of int workers callable from later code

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
        return self.int_expr(depth, scope) + (" & 1" if self.chance(0.3) else "")

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
            self.emit(ind + 1, "return %s;" % self.int_expr(1, scope))
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

    # ------------------------------------------------------------ functions

    def function(self, name, params, is_main):
        r = self.r
        self.out = []
        nints = r.randint(2, 4)
        ints = ["x%d" % k for k in range(nints)]
        scope = {"int": list(params) + ints, "ptr": ["p0", "p1"],
                 "ret": not is_main, "counters": [], "loopvars": []}
        self.block(1, scope, 3, r.randint(3, 6), False)
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
        if is_main:
            tail.append("\treturn 0;\n}\n")
        else:
            tail.append("\treturn (%s) %% %d;\n}\n" % (" + ".join(allv), MOD))
        return "\n".join(head + body + tail)

    def program(self):
        r = self.r
        parts = ["/* Generated by tests/differential/gen.py: do not edit. */",
                 "#include <stdio.h>",
                 "#ifndef SYNC",
                 "#include <asyncc.h>",
                 "#endif",
                 "",
                 "struct S { int a; long b; double c; int arr[3]; };",
                 "",
                 self.helpers_code()]
        nw = r.randint(1, 3)
        for k in range(nw):
            name = "w%d" % k
            parts.append(self.function(name, ["a", "b"], False))
            self.workers.append(name)
        body = self.function("main", [], True)
        # main calls every worker at least once
        calls = "\n".join('\tprintf("%s -> %%d\\n", await %s(%d, %d));' % (w, w, r.randint(0, 50), r.randint(-5, 5))
                          for w in self.workers)
        body = body.replace('\tprintf("enter main\\n");',
                            '\tprintf("enter main\\n");\n' + calls, 1)
        parts.append(body)
        return "\n".join(parts)


def main():
    seed = int(sys.argv[1])
    sys.stdout.write(Gen(seed).program())


if __name__ == "__main__":
    main()
