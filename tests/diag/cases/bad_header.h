/* A header with a syntax error in an inline function. */
struct point {
    int x;
    int y;
};

static inline int dot(struct point a, struct point b)
{
    return a.x * b.x + a.y * b.y
}
