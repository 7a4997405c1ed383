/* A character of several bytes before the error takes one column, under
 * the caret too. */
const char *s = "héllo wörld €"; int x = 1 +* ;
