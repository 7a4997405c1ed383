/*
 * echo_uv.c - the baseline: an echo server written by hand on libuv, the
 * way an experienced libuv programmer would, and the limit for a design
 * built on libuv.  Each connection has a 4000-byte buffer (as the asyncc
 * sample's frame has); a read is echoed with uv_try_write, and only what
 * the kernel did not take goes through uv_write, with reading stopped
 * until it is written (the same backpressure the sample has).
 *
 *     echo_uv PORT
 */
#include <stdio.h>
#include <stdlib.h>
#include <uv.h>

struct conn {
	uv_tcp_t tcp;
	uv_write_t req;
	char buf[4000];
};

static void on_close(uv_handle_t *h)
{
	free(h->data);
}

static void on_alloc(uv_handle_t *h, size_t size, uv_buf_t *buf)
{
	struct conn *c = h->data;
	(void)size;
	*buf = uv_buf_init(c->buf, sizeof c->buf);
}

static void on_read(uv_stream_t *s, ssize_t n, const uv_buf_t *buf);

static void on_write(uv_write_t *req, int status)
{
	struct conn *c = req->data;
	if (status < 0) {
		uv_close((uv_handle_t *)&c->tcp, on_close);
		return;
	}
	uv_read_start((uv_stream_t *)&c->tcp, on_alloc, on_read);
}

static void on_read(uv_stream_t *s, ssize_t n, const uv_buf_t *buf)
{
	struct conn *c = s->data;
	if (n < 0) {
		uv_close((uv_handle_t *)s, on_close);
		return;
	}
	if (n == 0)
		return;
	uv_buf_t b = uv_buf_init(buf->base, (unsigned)n);
	int w = uv_try_write(s, &b, 1);
	if (w == n)
		return;
	if (w < 0 && w != UV_EAGAIN) {
		uv_close((uv_handle_t *)s, on_close);
		return;
	}
	if (w > 0)
		b = uv_buf_init(buf->base + w, (unsigned)(n - w));
	uv_read_stop(s);
	c->req.data = c;
	if (uv_write(&c->req, s, &b, 1, on_write) < 0)
		uv_close((uv_handle_t *)s, on_close);
}

static void on_connection(uv_stream_t *server, int status)
{
	if (status < 0)
		return;
	struct conn *c = malloc(sizeof *c);
	uv_tcp_init(server->loop, &c->tcp);
	c->tcp.data = c;
	if (uv_accept(server, (uv_stream_t *)&c->tcp) < 0) {
		uv_close((uv_handle_t *)&c->tcp, on_close);
		return;
	}
	uv_tcp_nodelay(&c->tcp, 1);
	uv_read_start((uv_stream_t *)&c->tcp, on_alloc, on_read);
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	uv_loop_t *loop = uv_default_loop();
	uv_tcp_t server;
	struct sockaddr_in addr;
	uv_ip4_addr("127.0.0.1", atoi(argv[1]), &addr);
	uv_tcp_init(loop, &server);
	if (uv_tcp_bind(&server, (struct sockaddr *)&addr, 0) < 0 ||
	    uv_listen((uv_stream_t *)&server, 4096, on_connection) < 0) {
		fprintf(stderr, "echo_uv: cannot listen\n");
		return 1;
	}
	return uv_run(loop, UV_RUN_DEFAULT);
}
