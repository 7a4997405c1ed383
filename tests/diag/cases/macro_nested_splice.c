/* The token in a #define continued with a backslash-newline: on the line
 * where it is spelled. */
#define INNER (1 + \
)
#define OUTER INNER
int x = OUTER;
int y = 2;
