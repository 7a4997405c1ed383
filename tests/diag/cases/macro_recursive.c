/* Macros that name themselves, or each other: what they name again is not
 * expanded again (so not in the expansion), and tracing through them ends. */
#define SELF (sizeof(struct SELF *) +)
#define PING PONG
#define PONG (sizeof(struct PING *) +)
#define A(x) B(x) B(x)
#define B(x) A(x) A(x)
unsigned long x = SELF;
unsigned long y = PING;
int z = A(1 +);
