void on_wakeup(uv_async_t *async)
{
    (void)async;
}
