#include "bad_header.h"

int norm(struct point p)
{
    return p.x * p.x + p.y * p.y;
}
