/* strbuf.h - a growable byte buffer for the generated text. */
#ifndef AC_STRBUF_H
#define AC_STRBUF_H

#include <stddef.h>

struct ac_strbuf {
	char *data;
	size_t len, cap;
};

void ac_strbuf_init(struct ac_strbuf *b);
void ac_strbuf_free(struct ac_strbuf *b);
void ac_strbuf_add(struct ac_strbuf *b, const char *s, size_t n);
void ac_strbuf_puts(struct ac_strbuf *b, const char *s);
void ac_strbuf_printf(struct ac_strbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The column (0-based) at which the next byte will land. */
size_t ac_strbuf_column(const struct ac_strbuf *b);

#endif
