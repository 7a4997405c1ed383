/*
 * http_uv.c - the baseline HTTP server: libuv and http-parser by hand, the
 * same responses as samples/http_server.ca (GET / -> 200 "hello", else
 * 404; keep-alive and pipelining; 400 and close on a parse error).  Each
 * connection has a 2048-byte input and output buffer like the sample's.
 *
 *     http_uv PORT
 */
#include <http_parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uv.h>

struct conn {
	uv_tcp_t tcp;
	uv_write_t req;
	http_parser parser;
	int root;
	int keep;
	size_t out_len;
	char in[2048];
	char out[2048];
};

static const char ok[] = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
			 "Content-Length: 5\r\n\r\nhello";
static const char not_found[] = "HTTP/1.1 404 Not Found\r\n"
				"Content-Length: 9\r\n\r\nnot found";
static const char bad[] = "HTTP/1.1 400 Bad Request\r\n"
			  "Content-Length: 0\r\nConnection: close\r\n\r\n";

static int on_begin(http_parser *p)
{
	struct conn *c = p->data;
	c->root = 1;
	return 0;
}

static int on_url(http_parser *p, const char *at, size_t len)
{
	struct conn *c = p->data;
	c->root = c->root && len == 1 && at[0] == '/';
	return 0;
}

static int on_complete(http_parser *p)
{
	struct conn *c = p->data;
	const char *r = c->root ? ok : not_found;
	size_t n = c->root ? sizeof ok - 1 : sizeof not_found - 1;
	if (c->out_len + n <= sizeof c->out) {
		memcpy(c->out + c->out_len, r, n);
		c->out_len += n;
	}
	c->keep = http_should_keep_alive(p);
	return 0;
}

static const http_parser_settings settings = {
	.on_message_begin = on_begin,
	.on_url = on_url,
	.on_message_complete = on_complete,
};

static void on_close(uv_handle_t *h)
{
	free(h->data);
}

static void on_alloc(uv_handle_t *h, size_t size, uv_buf_t *buf)
{
	struct conn *c = h->data;
	(void)size;
	*buf = uv_buf_init(c->in, sizeof c->in);
}

static void on_read(uv_stream_t *s, ssize_t n, const uv_buf_t *buf);

static void on_write(uv_write_t *req, int status)
{
	struct conn *c = req->data;
	c->out_len = 0;
	if (status < 0 || !c->keep)
		uv_close((uv_handle_t *)&c->tcp, on_close);
	else
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
	size_t done = http_parser_execute(&c->parser, &settings, buf->base, (size_t)n);
	if (done != (size_t)n || HTTP_PARSER_ERRNO(&c->parser) != HPE_OK) {
		memcpy(c->out, bad, sizeof bad - 1);
		c->out_len = sizeof bad - 1;
		c->keep = 0;
	}
	if (c->out_len == 0)
		return;
	uv_buf_t b = uv_buf_init(c->out, (unsigned)c->out_len);
	int w = uv_try_write(s, &b, 1);
	if (w == (int)c->out_len && c->keep) {
		c->out_len = 0;
		return;
	}
	if (w < 0 && w != UV_EAGAIN) {
		uv_close((uv_handle_t *)s, on_close);
		return;
	}
	if (w > 0)
		b = uv_buf_init(c->out + w, (unsigned)(c->out_len - (size_t)w));
	else if (w == (int)c->out_len)
		b = uv_buf_init(c->out, 0);
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
	http_parser_init(&c->parser, HTTP_REQUEST);
	c->parser.data = c;
	c->out_len = 0;
	c->keep = 1;
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
		fprintf(stderr, "http_uv: cannot listen\n");
		return 1;
	}
	return uv_run(loop, UV_RUN_DEFAULT);
}
