/* No #include: uv_timer_t is unknown. */
uv_timer_t *make_timer(void);
