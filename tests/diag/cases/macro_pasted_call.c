/* A function-like macro whose name a paste makes at the end of another
 * macro's body, called with arguments that follow that macro's use
 * (CAT(G, ET)(1)): GCC traces it through GET and V_1; asyncc reports it on
 * the line of the use (listed in gcc-differs), never outside the file. */
#define V_1 (1 +)
#define GET(n) V_ ## n
#define CAT(a, b) a##b
int w = CAT(G, ET)(1);
