int get(int fd);

int plain(int fd)
{
    int n = await get(fd);
    return n;
}
