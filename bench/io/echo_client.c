/*
 * echo_client.c - load generator for echo servers: C connections, each
 * sending a SIZE-byte message and sending the next as soon as the whole
 * echo is back, for SECONDS.  Prints the number of round trips.
 *
 *     echo_client PORT CONNECTIONS SECONDS [SIZE]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uv.h>

struct conn {
	uv_tcp_t tcp;
	uv_connect_t creq;
	uv_write_t wreq;
	size_t got;
	char in[4096];
};

static char msg[4096];
static size_t size = 64;
static unsigned long long trips;
static int stopping;

static void send_msg(struct conn *c);

static void on_alloc(uv_handle_t *h, size_t s, uv_buf_t *buf)
{
	struct conn *c = h->data;
	(void)s;
	*buf = uv_buf_init(c->in, sizeof c->in);
}

static void on_read(uv_stream_t *s, ssize_t n, const uv_buf_t *buf)
{
	struct conn *c = s->data;
	(void)buf;
	if (n < 0) {
		if (!stopping)
			fprintf(stderr, "echo_client: %s\n", uv_strerror((int)n));
		uv_close((uv_handle_t *)s, NULL);
		return;
	}
	c->got += (size_t)n;
	if (c->got >= size) {
		c->got -= size;
		trips++;
		if (!stopping)
			send_msg(c);
	}
}

static void on_write(uv_write_t *req, int status)
{
	(void)req;
	(void)status;
}

static void send_msg(struct conn *c)
{
	uv_buf_t b = uv_buf_init(msg, (unsigned)size);
	if (uv_try_write((uv_stream_t *)&c->tcp, &b, 1) == (int)size)
		return;
	uv_write(&c->wreq, (uv_stream_t *)&c->tcp, &b, 1, on_write);
}

static void on_connect(uv_connect_t *req, int status)
{
	struct conn *c = req->data;
	if (status < 0) {
		fprintf(stderr, "echo_client: connect: %s\n", uv_strerror(status));
		exit(1);
	}
	uv_tcp_nodelay(&c->tcp, 1);
	uv_read_start((uv_stream_t *)&c->tcp, on_alloc, on_read);
	send_msg(c);
}

static void on_stop(uv_timer_t *t)
{
	stopping = 1;
	printf("%llu\n", trips);
	fflush(stdout);
	exit(0);
	(void)t;
}

int main(int argc, char **argv)
{
	if (argc < 4)
		return 2;
	int port = atoi(argv[1]), n = atoi(argv[2]), secs = atoi(argv[3]);
	if (argc > 4)
		size = (size_t)atoi(argv[4]);
	memset(msg, 'x', sizeof msg);
	uv_loop_t *loop = uv_default_loop();
	struct sockaddr_in addr;
	uv_ip4_addr("127.0.0.1", port, &addr);
	struct conn *cs = calloc((size_t)n, sizeof *cs);
	for (int i = 0; i < n; i++) {
		uv_tcp_init(loop, &cs[i].tcp);
		cs[i].tcp.data = &cs[i];
		cs[i].creq.data = &cs[i];
		uv_tcp_connect(&cs[i].creq, &cs[i].tcp, (struct sockaddr *)&addr,
			       on_connect);
	}
	uv_timer_t stop;
	uv_timer_init(loop, &stop);
	uv_timer_start(&stop, on_stop, (uint64_t)secs * 1000, 0);
	return uv_run(loop, UV_RUN_DEFAULT);
}
