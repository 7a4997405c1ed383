/* emit.c - placeholder: passthrough */
#include "emit.h"

int ac_emit(struct ac_unit *u, struct ac_source *orig, struct ac_diag *diag,
	    const struct ac_emit_options *opt, struct ac_strbuf *out)
{
	(void)u; (void)diag; (void)opt;
	ac_strbuf_add(out, orig->text, orig->len);
	return 0;
}
