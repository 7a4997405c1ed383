typedef struct uv_async_s uv_async_t;
void on_async(uv_async_t *async) { int await = 1; (void)async; (void)await; }
int async;
struct s { int async, await; };
