/*
 * fuzz_parser.c - libFuzzer target: arbitrary bytes through the front end
 * (scanner, parser, builders, diagnostics).
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
#include "parse.h"
#include "source.h"

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
