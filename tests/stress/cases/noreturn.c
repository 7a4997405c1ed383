/* --stress-resume: a void function with an attribute before or after void. */
#include <stdio.h>
#include <stdlib.h>
static __attribute__((noreturn)) void die(int code) { printf("die %d\n", code); exit(code); }
static void __attribute__((noreturn)) die2(int code) { die(code); }
int main(int argc, char **argv) { (void)argv; if (argc > 5) die(1); die2(0); }
