/* A macro #undef'd and defined again: the error is traced into the
 * definition in force at the use, not the first one. */
#define LIMIT (1 + 2)
#undef LIMIT
#define LIMIT (1 +)
int x = LIMIT;
