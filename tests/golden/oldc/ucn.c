/* Identifiers with UTF-8 letters and universal character names. */
#include <stdio.h>

static int \u00c1rea = 7;                  /* the same name as Área */
static int café(int größe) { return größe + Área; }
typedef int 整数;
static 整数 \u03c0 = 3;

int main(void)
{
	整数 ε = café(1) + π;
	printf("%d\n", ε);
	return 0;
}
