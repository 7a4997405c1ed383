/* A name pasted from a fixed part and a parameter (V_ ## n, used as
 * GET(1)): traced into V_1's #define. */
#define V_1 (1 +)
#define GET(n) V_ ## n
int x = GET(1);
