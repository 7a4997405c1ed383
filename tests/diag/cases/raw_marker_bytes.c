/* The line quoted holds the raw bytes of the file, also those asyncc
 * uses as its own marks. */
const char *s = "F";  int x = 1 +* ;
int y = 2 ;
