/* For macro_from_header.c */
#define LEVEL11 1 1
