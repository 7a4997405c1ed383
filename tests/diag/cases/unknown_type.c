int start(void)
{
    uv_loop_t loop;
    return 0;
}
