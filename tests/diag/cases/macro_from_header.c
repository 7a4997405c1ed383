/* A macro defined in a header, whose expansion has the error: reported at
 * the use in this file (GCC goes into the header: listed in gcc-differs),
 * at the macro's name, not at the digit that ends another name (X11, LEVEL11). */
#include "level_macro.h"
int X11 = LEVEL11;
