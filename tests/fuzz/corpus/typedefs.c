typedef int T;
struct s { T T; };
void f(void) { int T = 1; T++; { typedef long T; T x = 2; (void)x; } }
T g(T T) { return T; }
int add(a, b) int a; int b; { return a + b; }
