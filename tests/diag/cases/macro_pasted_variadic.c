/* Three operands, and the variable arguments of a variadic macro, pasted
 * into the name of the macro with the error. */
#define V_1 (1 +)
#define CAT3(a, b, c) a##b##c
#define VCAT(a, ...) a ## __VA_ARGS__
int z = CAT3(V, _, 1);
int w = VCAT(V_, 1) * 2;
