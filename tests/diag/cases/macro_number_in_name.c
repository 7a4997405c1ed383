/* A number from a macro's expansion is not taken for the digit that ends
 * a name on the line (the 1 of LEVEL1): the error is in the #define. */
#define LEVEL1 1 2
int LEVEL1;
