/* --stress-resume: ordinary control flow (passes). */
#include <stdio.h>
#include <string.h>
struct pt { int x, y; };
static int sum(const int *a, int n) {
	int s = 0;
	for (int i = 0; i < n; i++) { if (a[i] < 0) continue; if (a[i] > 100) break; s += a[i]; }
	return s;
}
static struct pt mid(struct pt a, struct pt b) { struct pt m = {(a.x + b.x) / 2, (a.y + b.y) / 2}; return m; }
static int classify(int c) {
	switch (c) { case 0: return 10; case 1: case 2: c *= 3; /* fall through */ default: break; }
	int k = 0;
again:
	if (k++ < c) goto again;
	do { k--; } while (k > 5);
	return k;
}
int main(int argc, char **argv) {
	int a[4] = {1, 2, -3, 4};
	struct pt p = mid((struct pt){0, 0}, (struct pt){4, 6});
	char buf[16];
	strcpy(buf, argc > 1 ? argv[1] : "none");
	for (int i = 0; i < 4; i++) printf("%d ", classify(i));
	printf("%d %d %d %s\n", sum(a, 4), p.x, p.y, buf);
	return 0;
}
