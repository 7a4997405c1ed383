/* The operands of the paste come through another macro's parameter:
 * G(1) uses CAT(V_, n), which pastes V_ and G's argument 1. */
#define V_1 (1 +)
#define CAT(a, b) a##b
#define G(n) 2 * CAT(V_, n)
int y = G(1);
