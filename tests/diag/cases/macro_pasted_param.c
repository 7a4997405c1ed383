/* A name pasted from a fixed part and a parameter (V_ ## n, used as
 * GET(",(", 1): the comma and parenthesis in the literal do not end an
 * argument): traced into V_1's #define. */
#define V_1 (1 +)
#define GET(s, n) V_ ## n
int x = GET(",(", 1);
