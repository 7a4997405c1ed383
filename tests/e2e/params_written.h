/* a macro from a header that assigns whatever `n` names where it is used */
#define BUMP_N() (n += 100)
