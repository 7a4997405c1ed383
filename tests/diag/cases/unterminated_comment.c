int first(void)
{
    return 1;
}

/* this comment is never closed
int second(void)
{
    return 2;
}
