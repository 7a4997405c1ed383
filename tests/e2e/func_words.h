/* A header's own macro of a name of the function's name (func_words.ca):
 * it keeps its meaning in async functions; one in a group the
 * preprocessor skips is no macro. */
#define __PRETTY_FUNCTION__ "the header's"
#if 0
#define __FUNCTION__ "never"
#endif
