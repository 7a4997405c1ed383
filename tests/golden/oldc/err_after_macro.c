/* A stray token after a macro's use is where it was written. */
int puts(const char *);
#define NAME (1 ? "k" : "")
void f(void)
{
	puts(NAME));
}
