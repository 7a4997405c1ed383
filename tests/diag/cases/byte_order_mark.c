int x = 1 +* ; /* a byte order mark begins the file: gcc ignores it */
int y;
