/* A macro whose name is pasted together (IN##NER): the error is at the
 * token in INNER's #define, with a note at the paste for INNER (named as
 * pasted) and one at the use of CAT, as GCC reports it. */
#define CAT(a, b) a##b
#define INNER (1 +)
int x = CAT(IN, NER);
