/* A header of a project or library that defines macros spelled like the
 * words of the generated code (tests/e2e/header_words.ca). */
#define F 1.0f
#define hdr header_version
#define result res_field
#define state st_state
#define flags fl
#define aw awx
#define task tsk
#define M 77
#define rc (-1)
#define ac_return do_return
#define ac_self me
#define ac_i idx
