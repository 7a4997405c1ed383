/*
 * fuzz_parser.c - libFuzzer target: arbitrary bytes through the whole
 * translation (scanner, parser, builders, analysis, lowering, emission,
 * refusals and diagnostics, whose positions the diagnostics module asserts
 * lie in the text they name).
 *
 *   clang -fsanitize=fuzzer,address,undefined ...   (see run-fuzz.sh)
 *
 * Diagnostics go to /dev/null; every byte sequence must be handled without
 * a crash, a leak, undefined behaviour or a hang.  The input is parsed as a
 * whole file, and once more with `--stress-resume`'s "every function is
 * async" setting, so that the tree builders see every function body.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "emit.h"
#include "parse.h"
#include "source.h"
#include "strbuf.h"

static FILE *devnull;

static void parse_once(const uint8_t *data, size_t size, bool stress)
{
	struct ac_source src;
	struct ac_unit unit;
	struct ac_parser P;
	struct ac_diag diag;
	ac_diag_init(&diag, devnull, false);
	ac_source_init_text(&src, "fuzz.ca", (const char *)data, size);
	ac_unit_init(&unit);
	unit.stress = stress;
	ac_parser_init(&P, &unit, &src, &diag);
	ac_parse(&P);
	ac_parser_free(&P);
	if (!diag.nerrors) { /* what a translation would do with it */
		struct ac_strbuf out;
		ac_strbuf_init(&out);
		struct ac_emit_options eo = { .line_directives = true,
					      .line_file = "fuzz.ca", .out_file = "fuzz.c" };
		ac_emit(&unit, &src, &diag, &eo, &out);
		ac_strbuf_free(&out);
	}
	ac_unit_free(&unit);
	ac_source_free(&src);
	ac_diag_free(&diag);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!devnull) {
		devnull = fopen("/dev/null", "w");
		if (!devnull)
			abort();
	}
	if (size > (1u << 16))
		return 0;
	parse_once(data, size, false);
	parse_once(data, size, true);
	return 0;
}
