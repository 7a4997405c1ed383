int clamp(int x)
{
    if (x > 100 {
        return 100;
    }
    return x;
}
