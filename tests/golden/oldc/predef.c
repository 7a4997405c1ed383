/* No directive, but macros the compiler predefines: the file is read as
 * the compiler sees it, expanded. */
typedef __SIZE_TYPE__ size_t;
typedef __PTRDIFF_TYPE__ ptrdiff_t;
typedef __INTPTR_TYPE__ intptr_t;
typedef __UINT32_TYPE__ uint32_t;
typedef __CHAR16_TYPE__ char16_t;
typedef __WCHAR_TYPE__ wchar_t;

int printf(const char *, ...);

static size_t length(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

int main(void)
{
	uint32_t u = __INT_MAX__ / 2;
	char16_t c = u'x';
	ptrdiff_t d = &"abc"[2] - &"abc"[0];
	intptr_t i = (intptr_t)d;
	printf("%zu %u %d %td %ld\n", length("four"), u, c, d, (long)i);
	return 0;
}
