/*
 * udp.c - UDP sockets: send and receive datagrams.
 *
 * Receiving runs only while a receive is pending (one at a time), and each
 * datagram goes straight into the receiver's buffer; datagrams that come
 * meanwhile wait in the kernel.  A send is tried at once and otherwise
 * waits in libuv's queue with its request in the frame.
 */
#include "asyncc-internal.h"

#include <stdlib.h>
#include <string.h>

AC__IO_CHECK(struct ac_udp_send__frame);
AC__IO_CHECK(struct ac_udp_recv__frame);
AC__IO_CHECK(struct ac_udp_close__frame);

#define AC__UDP_MAGIC 0x61637564u

struct ac_udp {
	uv_udp_t udp;       /* first: its `data` is the socket itself */
	uint32_t magic;     /* AC__UDP_MAGIC: told from a program's handle */
	struct ac_udp_recv__frame *receiver;
	struct ac_udp_close__frame *closer;
};

static void ac__udp_free_cb(uv_handle_t *h)
{
	ac_udp *u = h->data;
	struct ac_udp_close__frame *F = u->closer;
	free(u);
	if (F)
		ac__io_end((struct ac__io *)F, 0);
}

/* A UDP socket still open at ac_runtime_shutdown: closed and freed with
 * the loop (a pending receive is abandoned). */
bool ac__udp_close_left(uv_handle_t *h)
{
	ac_udp *u = h->data;
	if ((void *)u != (void *)h || u->magic != AC__UDP_MAGIC)
		return false; /* the program's own handle (ac_loop_get) */
	u->closer = NULL;
	uv_close(h, ac__udp_free_cb);
	return true;
}

int ac_udp_open(ac_udp **out, const char *host, int port, unsigned flags)
{
	struct sockaddr_storage ss;
	int rc;
	ac_udp *u = ac__socket_new(host, port, out, &ss, sizeof *u, &rc);
	if (!u)
		return rc;
	rc = uv_udp_init_ex(&ac__L.uv, &u->udp, ss.ss_family);
	if (rc < 0) {
		free(u);
		return rc;
	}
	u->udp.data = u;
	u->magic = AC__UDP_MAGIC;
	if (flags & AC_TCP_REUSEPORT)
		rc = ac__reuseport((uv_handle_t *)&u->udp);
	if (rc == 0)
		rc = uv_udp_bind(&u->udp, (struct sockaddr *)&ss,
				 (flags & AC_TCP_IPV6ONLY) ? UV_UDP_IPV6ONLY : 0);
	if (rc < 0) {
		uv_close((uv_handle_t *)&u->udp, ac__udp_free_cb);
		return rc;
	}
	*out = u;
	return 0;
}

int ac_udp_port(const ac_udp *u)
{
	struct sockaddr_storage ss;
	int len = sizeof ss;
	if (uv_udp_getsockname(&u->udp, (struct sockaddr *)&ss, &len) < 0)
		return AC_EINVAL;
	if (ss.ss_family == AF_INET6)
		return ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
	return ntohs(((struct sockaddr_in *)&ss)->sin_port);
}

/* ------------------------------------------------------------------ send */

static void ac__udp_send_cb(uv_udp_send_t *req, int status)
{
	ac__io_end(req->data, status);
}

static ac_status ac__udp_send_step(ac_task *self)
{
	struct ac_udp_send__frame *F = (void *)self;
	if (self->state)
		return ac__io_step(self);
	if (ac__cancelled(self))
		return ac__leaf_done(self, AC_ECANCELED);
	if (!F->u || !F->to || (!F->buf && F->n))
		return ac__leaf_done(self, AC_EINVAL);
	if (F->u->closer)
		return ac__leaf_done(self, UV_EBADF);
	uv_buf_t b = { .base = (char *)F->buf, .len = F->n };
	int rc = uv_udp_try_send(&F->u->udp, &b, 1, F->to);
	if (rc >= 0)
		return ac__leaf_done(self, 0);
	if (rc != UV_EAGAIN)
		return ac__leaf_done(self, rc);
	if ((rc = ac__io_begin((struct ac__io *)F)) < 0)
		return ac__leaf_done(self, rc);
	uv_udp_send_t *req = AC__UV(uv_udp_send_t, F->req);
	req->data = F;
	rc = uv_udp_send(req, &F->u->udp, &b, 1, F->to, ac__udp_send_cb);
	if (rc < 0)
		ac__io_end((struct ac__io *)F, rc);
	return AC_PENDING;
}

static void ac__udp_send_describe(FILE *out, const ac_task *t)
{
	const struct ac_udp_send__frame *F = (const void *)t;
	fprintf(out, " sending a datagram of %zu bytes", F->n);
}

/* A queued send cannot be withdrawn; it ends soon on its own. */
static AC__OP_INFO(ac__udp_send_info, "ac_udp_send",
		   struct ac_udp_send__frame, ac__udp_send_describe);

void ac_udp_send__init(struct ac_udp_send__frame *F, ac_udp *u,
		       const void *buf, size_t n, const struct sockaddr *to)
{
	ac__io_init((struct ac__io *)F, ac__udp_send_step, &ac__udp_send_info);
	F->u = u;
	F->buf = buf;
	F->n = n;
	F->to = to;
}

AC__OP_NEW(ac_udp_send,
	   (ac_udp *u, const void *buf, size_t n, const struct sockaddr *to),
	   u, buf, n, to)

/* --------------------------------------------------------------- receive */

static void ac__udp_recv_end(ac_udp *u, int result)
{
	struct ac_udp_recv__frame *F = u->receiver;
	u->receiver = NULL;
	uv_udp_recv_stop(&u->udp);
	ac__io_end((struct ac__io *)F, result);
}

static void ac__udp_alloc_cb(uv_handle_t *h, size_t suggested, uv_buf_t *buf)
{
	ac_udp *u = h->data;
	(void)suggested;
	buf->base = u->receiver ? u->receiver->buf : NULL;
	buf->len = u->receiver ? u->receiver->n : 0;
}

static void ac__udp_recv_cb(uv_udp_t *h, ssize_t nread, const uv_buf_t *buf,
			    const struct sockaddr *addr, unsigned flags)
{
	ac_udp *u = h->data;
	(void)buf;
	(void)flags;
	if (!u->receiver || (nread == 0 && !addr))
		return; /* nothing more to read now */
	if (nread >= 0 && addr && u->receiver->from) {
		size_t len = addr->sa_family == AF_INET6
				     ? sizeof(struct sockaddr_in6)
				     : sizeof(struct sockaddr_in);
		memcpy(u->receiver->from, addr, len);
	}
	ac__udp_recv_end(u, (int)nread);
}

static ac_status ac__udp_recv_step(ac_task *self)
{
	struct ac_udp_recv__frame *F = (void *)self;
	ac_udp *u = F->u;
	if (self->state)
		return ac__io_step(self);
	if (ac__cancelled(self))
		return ac__leaf_done(self, AC_ECANCELED);
	if (!u || !F->buf || F->n == 0 || F->n > INT32_MAX)
		return ac__leaf_done(self, AC_EINVAL);
	if (u->closer)
		return ac__leaf_done(self, UV_EBADF);
	if (u->receiver)
		return ac__leaf_done(self, AC_EBUSY);
	int rc = ac__io_begin((struct ac__io *)F);
	if (rc < 0)
		return ac__leaf_done(self, rc);
	u->receiver = F;
	rc = uv_udp_recv_start(&u->udp, ac__udp_alloc_cb, ac__udp_recv_cb);
	if (rc < 0)
		ac__udp_recv_end(u, rc);
	return AC_PENDING;
}

static void ac__udp_recv_cancel(ac_task *self)
{
	struct ac_udp_recv__frame *F = (void *)self;
	if (ac__io_pending((struct ac__io *)F) && F->u->receiver == F)
		ac__udp_recv_end(F->u, AC_ECANCELED);
}

static void ac__udp_recv_describe(FILE *out, const ac_task *t)
{
	const struct ac_udp_recv__frame *F = (const void *)t;
	fprintf(out, " receiving on UDP port %d", ac_udp_port(F->u));
}

static AC__OP_INFO_CANCEL(ac__udp_recv_info, "ac_udp_recv",
		   struct ac_udp_recv__frame, ac__udp_recv_describe, ac__udp_recv_cancel);

void ac_udp_recv__init(struct ac_udp_recv__frame *F, ac_udp *u, void *buf,
		       size_t n, struct sockaddr_storage *from)
{
	ac__io_init((struct ac__io *)F, ac__udp_recv_step, &ac__udp_recv_info);
	F->u = u;
	F->buf = buf;
	F->n = n;
	F->from = from;
}

AC__OP_NEW(ac_udp_recv,
	   (ac_udp *u, void *buf, size_t n, struct sockaddr_storage *from), u,
	   buf, n, from)

/* ----------------------------------------------------------------- close */

static ac_status ac__udp_close_step(ac_task *self)
{
	struct ac_udp_close__frame *F = (void *)self;
	ac_udp *u = F->u;
	if (self->state)
		return ac__io_step(self);
	if (!u || u->closer)
		return ac__leaf_done(self, AC_EINVAL);
	int rc = ac__io_begin((struct ac__io *)F);
	if (rc < 0)
		return ac__leaf_done(self, rc);
	u->closer = F;
	if (u->receiver)
		ac__udp_recv_end(u, AC_ECANCELED);
	uv_close((uv_handle_t *)&u->udp, ac__udp_free_cb);
	return AC_PENDING;
}

static void ac__udp_close_describe(FILE *out, const ac_task *t)
{
	(void)t;
	fprintf(out, " closing a UDP socket");
}

static AC__OP_INFO(ac__udp_close_info, "ac_udp_close",
		   struct ac_udp_close__frame, ac__udp_close_describe);

void ac_udp_close__init(struct ac_udp_close__frame *F, ac_udp *u)
{
	ac__io_init((struct ac__io *)F, ac__udp_close_step,
		    &ac__udp_close_info);
	F->u = u;
}

AC__OP_NEW(ac_udp_close, (ac_udp *u), u)
