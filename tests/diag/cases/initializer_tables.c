/* Tables at file scope: errors after plain items, in nested lists, after
 * an item the parser reads itself (a cast), and after the table. */
enum { A, B, C };
typedef unsigned short T;

static const int plain[] = { [A] = 1, [B] = 2 << 3, [C] = -(4 + 5), };

static const struct { int n; const char *s; } rows[] = {
	{ .n = 1, .s = "one" },
	{ .n = 2, .s = "two" "2" },
	{ .n = 3, .s = },
};

static const int grid[2][3] = { { 1, 2, 3 }, { 4, , 6 } };

static const T casts[] = { 1, (T)2, 3 4 };

static const int after[] = { 1, 2, 3 }
static const int next = 1;
