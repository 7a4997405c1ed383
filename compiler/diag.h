/* diag.h - diagnostics in the GCC form `file:line:col: error: message`. */
#ifndef AC_DIAG_H
#define AC_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdint.h>

struct ac_source;
struct ac_standins;

enum ac_severity { AC_NOTE, AC_WARNING, AC_ERROR };

struct ac_diag {
	FILE *out;
	bool color;
	bool werror;
	/* -Werror's warnings are shown as errors but counted as warnings
	 * (by a diagnostic that holds messages back for a caller that counts
	 * them itself) */
	bool werror_counted_as_warnings;
	bool warnings_off;   /* -w */
	unsigned nerrors, nwarnings;
	unsigned max_errors; /* stop reporting after this many (0 = no limit) */
	/* The input's raw marker bytes (source.h), shown as the file holds
	 * them in the lines quoted; or NULL */
	const struct ac_standins *standins;
	/* Maps a file name as it will be printed (--file-prefix-map). */
	const char *(*map_path)(void *ctx, const char *path);
	void *map_ctx;
	char *map_buf;
};

void ac_diag_init(struct ac_diag *d, FILE *out, bool color);
void ac_diag_free(struct ac_diag *d);
/* Report at byte range [start, end) of `src`; prints the source line and a
 * caret when the position lies in a readable file. */
void ac_diag_at(struct ac_diag *d, struct ac_source *src, enum ac_severity sev,
		uint32_t start, uint32_t end, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
void ac_diag_vat(struct ac_diag *d, struct ac_source *src,
		 enum ac_severity sev, uint32_t start, uint32_t end,
		 const char *fmt, va_list ap);
/* Where the byte at `offset` of `src` is shown to the user: in the file as
 * written when `src` is preprocessor output that spells it there, and the
 * column counted as GCC displays it (a tab to the next multiple of 8). */
struct ac_position ac_diag_position(const struct ac_diag *d, struct ac_source *src,
				    uint32_t offset);
/* A diagnostic with no position (`asyncc: error: ...`). */
void ac_diag_plain(struct ac_diag *d, enum ac_severity sev, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* `file:line: note: ...` (no column, no caret), as --stress-resume uses. */
void ac_diag_line(struct ac_diag *d, struct ac_source *src,
		  enum ac_severity sev, uint32_t offset, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

#endif
