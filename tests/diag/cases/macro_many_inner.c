/* A body that uses more macros than a trace keeps (16) before a paste:
 * the paste is not traced (the error is at the use), and nothing is
 * written past the trace's table. */
#define M0 0
#define M1 1
#define M2 2
#define M3 3
#define M4 4
#define M5 5
#define M6 6
#define M7 7
#define M8 8
#define M9 9
#define M10 10
#define M11 11
#define M12 12
#define M13 13
#define M14 14
#define M15 15
#define M16 16
#define M17 17
#define V_1 (1 +)
#define BIG(n) M0 + M1 + M2 + M3 + M4 + M5 + M6 + M7 + M8 + M9 + M10 + M11 + M12 + M13 + M14 + M15 + M16 + M17 + V_ ## n
int x = BIG(1);
