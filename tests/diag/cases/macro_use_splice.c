/* The use of a macro on a line continued with a backslash-newline: the
 * note is where the name is spelled. */
#define INNER (1 +)
#define OUTER INNER
int x = \
  OUTER;
int y = 3;
