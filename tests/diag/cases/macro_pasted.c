/* A macro whose name is pasted together (IN##NER) cannot be traced: the
 * error is reported at the use of the outer macro, never outside the file
 * (GCC traces the paste: listed in gcc-differs). */
#define CAT(a, b) a##b
#define INNER (1 +)
int x = CAT(IN, NER);
