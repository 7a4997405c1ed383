int one(void)
{
    int a = 1
    return a;
}

int two(int x)
{
    if (x > 0 {
        return 1;
    }
    return 0;
}

int three(void)
{
    return 3;
}

int four(int y)
{
    y = y + ;
    return y;
}
