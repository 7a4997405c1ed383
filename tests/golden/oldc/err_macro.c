/* An error in a macro's expansion: at the token in the #define, as gcc. */
#define INCOMPLETE (1 +)
#define CALL(a) ((a) * )
int x = 1;
int y = INCOMPLETE;
int z = CALL(2);
