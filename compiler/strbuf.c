/* strbuf.c - growable byte buffer. */
#include "strbuf.h"
#include "arena.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ac_strbuf_init(struct ac_strbuf *b)
{
	b->data = NULL;
	b->len = b->cap = 0;
}

void ac_strbuf_free(struct ac_strbuf *b)
{
	free(b->data);
	ac_strbuf_init(b);
}

static void reserve(struct ac_strbuf *b, size_t n)
{
	if (b->len + n + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 4096;
	while (cap < b->len + n + 1)
		cap *= 2;
	b->data = ac_xrealloc(b->data, cap);
	b->cap = cap;
}

void ac_strbuf_add(struct ac_strbuf *b, const char *s, size_t n)
{
	reserve(b, n);
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void ac_strbuf_puts(struct ac_strbuf *b, const char *s)
{
	ac_strbuf_add(b, s, strlen(s));
}

void ac_strbuf_printf(struct ac_strbuf *b, const char *fmt, ...)
{
	va_list ap;
	assert(fmt); /* (which GCC's sanitizer builds cannot see) */
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	reserve(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

size_t ac_strbuf_column(const struct ac_strbuf *b)
{
	size_t i = b->len;
	while (i > 0 && b->data[i - 1] != '\n')
		i--;
	return b->len - i;
}
