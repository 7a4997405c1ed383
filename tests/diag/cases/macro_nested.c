/* An error inside the expansion of a macro that another one uses: at the
 * token in the innermost #define, with a note for each macro of the chain. */
#define INNER (1 +)
#define MIDDLE INNER
#define OUTER 2 * MIDDLE
int x = OUTER;
