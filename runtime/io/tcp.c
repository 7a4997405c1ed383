/*
 * tcp.c - TCP listeners, accept, connect (with DNS), TCP_NODELAY.
 *
 * A listener keeps a FIFO queue of pending accepts.  libuv calls the
 * connection callback with one connection accepted by the kernel and stops
 * watching the socket until uv_accept takes it.  A connection that comes
 * while nobody accepts is taken anyway, into the listener's queue of up to
 * AC__ACCEPT_AHEAD streams, so that libuv goes on accepting in the same
 * poll: an accept loop that starts a task per connection is resumed after
 * that task is queued, not from the callback, and a burst of connections
 * would otherwise come in at one or two per round of the loop.  Past that
 * many, the next connection waits in libuv (`ready` says one is held) and
 * the backlog behind it in the kernel.  Each connection held costs a
 * descriptor: a process allowed few takes fewer ahead (an eighth of its
 * limit), or a burst would use them up and libuv would drop connections
 * (its answer to EMFILE) that the backlog could have kept.
 *
 * A connect resolves the host (skipped for a numeric address), then tries
 * each address in turn, each on a new stream; a failed attempt's stream is
 * closed and freed before the next starts.  Cancelling cancels the lookup
 * or closes the attempt's stream; the operation ends once libuv is done
 * with both.
 */
#include "asyncc-internal.h"

#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>

AC__IO_CHECK(struct ac_tcp_accept__frame);
AC__IO_CHECK(struct ac_tcp_server_close__frame);
AC__IO_CHECK(struct ac_tcp_connect__frame);

#define AC__ACCEPT_AHEAD 128

#define AC__SERVER_MAGIC 0x61637376u

struct ac_tcp_server {
	uv_tcp_t tcp;       /* first: its `data` is the server itself */
	uint32_t magic;     /* AC__SERVER_MAGIC: told from a program's handle */
	struct ac_tcp_accept__frame *head, *tail; /* pending accepts */
	struct ac_tcp_server_close__frame *closer;
	ac_stream *held, *held_tail; /* connections taken ahead of accepts */
	size_t nheld;
	bool ready;   /* libuv holds a connection for uv_accept */
	int error;    /* a listen error nobody was waiting to hear */
};

/* A numeric IPv4 or IPv6 address and port (host NULL: 0.0.0.0). */
int ac__ip_addr(const char *host, int port, struct sockaddr_storage *ss)
{
	if (port < 0 || port > 65535)
		return AC_EINVAL;
	if (!host)
		host = "0.0.0.0";
	if (uv_ip4_addr(host, port, (struct sockaddr_in *)ss) == 0)
		return 0;
	if (uv_ip6_addr(host, port, (struct sockaddr_in6 *)ss) == 0)
		return 0;
	return AC_EINVAL;
}

/* What opening a listener or a UDP socket starts with: host:port in *ss,
 * the loop, and a zeroed object of `size` bytes (the caller's), or NULL
 * with the error in *err. */
void *ac__socket_new(const char *host, int port, const void *out,
		     struct sockaddr_storage *ss, size_t size, int *err)
{
	void *obj = NULL;
	int rc = ac__ip_addr(host, port, ss);
	if (rc < 0 || !out)
		rc = AC_EINVAL;
	else if ((rc = ac__loop_ensure()) == 0 && !(obj = calloc(1, size)))
		rc = AC_ENOMEM;
	*err = rc;
	return obj;
}

/* SO_REUSEPORT on a handle's socket, before bind. */
int ac__reuseport(uv_handle_t *h)
{
	uv_os_fd_t fd;
	int on = 1, rc = uv_fileno(h, &fd);
	if (rc < 0)
		return rc;
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &on, sizeof on) < 0)
		return uv_translate_sys_error(errno);
	return 0;
}

/* ---------------------------------------------------------------- accept */

static void ac__server_free_cb(uv_handle_t *h)
{
	ac_tcp_server *srv = h->data;
	struct ac_tcp_server_close__frame *F = srv->closer;
	free(srv);
	if (F)
		ac__io_end((struct ac__io *)F, 0);
}

/* A listener still open at ac_runtime_shutdown: closed and freed with the
 * loop (what waits on it is abandoned). */
bool ac__server_close_left(uv_handle_t *h)
{
	ac_tcp_server *srv = h->data;
	if ((void *)srv != (void *)h || srv->magic != AC__SERVER_MAGIC)
		return false; /* the program's own handle (ac_loop_get) */
	srv->closer = NULL;
	uv_close(h, ac__server_free_cb);
	return true;
}

/* Takes the connection libuv holds: 0 and a new stream, or an error. */
static int ac__server_take(ac_tcp_server *srv, ac_stream **out)
{
	assert(srv->ready);
	ac_stream *s = ac__stream_new();
	if (!s)
		return AC_ENOMEM; /* stays held (ready): the next accept retries */
	int rc = uv_tcp_init(&ac__L.uv, &s->h.tcp);
	if (rc < 0) {
		ac__stream_free(s);
		return rc;
	}
	srv->ready = false;
	s->h.handle.data = s;
	rc = uv_accept((uv_stream_t *)&srv->tcp, &s->h.stream);
	if (rc < 0) {
		ac__stream_discard(s);
		return rc;
	}
	*out = s;
	return 0;
}

/* How many connections a listener takes ahead of accepts. */
static size_t ac__accept_ahead(void)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) < 0 || rl.rlim_cur == RLIM_INFINITY ||
	    rl.rlim_cur / 8 >= AC__ACCEPT_AHEAD)
		return AC__ACCEPT_AHEAD;
	return (size_t)(rl.rlim_cur / 8);
}

/* Takes the connection libuv holds into the queue, if it has room, so that
 * libuv accepts the next; an error is kept for the next accept. */
static void ac__server_hold(ac_tcp_server *srv)
{
	if (srv->nheld >= 4 && srv->nheld >= ac__accept_ahead())
		return; /* (the limit is asked only in a burst) */
	ac_stream *s;
	int rc = ac__server_take(srv, &s);
	if (rc < 0) {
		if (!srv->error && rc != AC_ENOMEM)
			srv->error = rc;
		return;
	}
	s->held_next = NULL;
	if (srv->held_tail)
		srv->held_tail->held_next = s;
	else
		srv->held = s;
	srv->held_tail = s;
	srv->nheld++;
}

static ac_stream *ac__server_unhold(ac_tcp_server *srv)
{
	ac_stream *s = srv->held;
	srv->held = s->held_next;
	if (!srv->held)
		srv->held_tail = NULL;
	s->held_next = NULL;
	srv->nheld--;
	return s;
}

static void ac__accept_unlink(ac_tcp_server *srv,
			      struct ac_tcp_accept__frame *F)
{
	struct ac_tcp_accept__frame **p = &srv->head, *prev = NULL;
	while (*p != F) {
		prev = *p;
		p = &(*p)->next;
	}
	*p = F->next;
	if (srv->tail == F)
		srv->tail = prev;
	F->next = NULL;
}

static void ac__connection_cb(uv_stream_t *h, int status)
{
	ac_tcp_server *srv = h->data;
	struct ac_tcp_accept__frame *F = srv->head;
	if (status < 0) {
		if (!F) {
			srv->error = status;
			return;
		}
		ac__accept_unlink(srv, F);
		ac__io_end((struct ac__io *)F, status);
		return;
	}
	srv->ready = true;
	if (!F) {
		ac__server_hold(srv); /* else libuv holds it */
		return;
	}
	ac__accept_unlink(srv, F);
	ac__io_end((struct ac__io *)F, ac__server_take(srv, F->out));
}

static ac_status ac__accept_step(ac_task *self)
{
	struct ac_tcp_accept__frame *F = (void *)self;
	ac_tcp_server *srv = F->srv;
	if (self->state)
		return ac__io_step(self);
	if (ac__cancelled(self))
		return ac__leaf_done(self, AC_ECANCELED);
	if (!srv || !F->out)
		return ac__leaf_done(self, AC_EINVAL);
	if (srv->closer)
		return ac__leaf_done(self, UV_EBADF);
	if (srv->held) {
		*F->out = ac__server_unhold(srv);
		if (srv->ready)
			ac__server_hold(srv); /* libuv accepts on */
		return ac__leaf_done(self, 0);
	}
	if (srv->error) {
		int rc = srv->error;
		srv->error = 0;
		return ac__leaf_done(self, rc);
	}
	if (srv->ready && !srv->head)
		return ac__leaf_done(self, ac__server_take(srv, F->out));
	int rc = ac__io_begin((struct ac__io *)F);
	if (rc < 0)
		return ac__leaf_done(self, rc);
	F->next = NULL;
	if (srv->tail)
		srv->tail->next = F;
	else
		srv->head = F;
	srv->tail = F;
	return AC_PENDING;
}

static void ac__accept_cancel(ac_task *self)
{
	struct ac_tcp_accept__frame *F = (void *)self;
	if (!ac__io_pending((struct ac__io *)F))
		return;
	ac__accept_unlink(F->srv, F);
	ac__io_end((struct ac__io *)F, AC_ECANCELED);
}

static void ac__accept_describe(FILE *out, const ac_task *t)
{
	const struct ac_tcp_accept__frame *F = (const void *)t;
	fprintf(out, " accepting on port %d", ac_tcp_server_port(F->srv));
}

static AC__OP_INFO_CANCEL(ac__accept_info, "ac_tcp_accept",
		   struct ac_tcp_accept__frame, ac__accept_describe, ac__accept_cancel);

void ac_tcp_accept__init(struct ac_tcp_accept__frame *F, ac_tcp_server *srv,
			 ac_stream **out)
{
	ac__io_init((struct ac__io *)F, ac__accept_step, &ac__accept_info);
	F->srv = srv;
	F->out = out;
	F->next = NULL;
}

AC__OP_NEW(ac_tcp_accept, (ac_tcp_server *srv, ac_stream **out), srv, out)

/* ---------------------------------------------------------------- listen */

int ac_tcp_listen(ac_tcp_server **out, const char *host, int port,
		  int backlog, unsigned flags)
{
	struct sockaddr_storage ss;
	int rc;
	ac_tcp_server *srv = ac__socket_new(host, port, out, &ss, sizeof *srv, &rc);
	if (!srv)
		return rc;
	rc = uv_tcp_init_ex(&ac__L.uv, &srv->tcp, ss.ss_family);
	if (rc < 0) {
		free(srv);
		return rc;
	}
	srv->tcp.data = srv;
	srv->magic = AC__SERVER_MAGIC;
	if (flags & AC_TCP_REUSEPORT)
		rc = ac__reuseport((uv_handle_t *)&srv->tcp);
	if (rc == 0)
		rc = uv_tcp_bind(&srv->tcp, (struct sockaddr *)&ss,
				 (flags & AC_TCP_IPV6ONLY) ? UV_TCP_IPV6ONLY : 0);
	if (rc == 0)
		rc = uv_listen((uv_stream_t *)&srv->tcp, backlog,
			       ac__connection_cb);
	if (rc < 0) {
		uv_close((uv_handle_t *)&srv->tcp, ac__server_free_cb);
		return rc;
	}
	*out = srv;
	return 0;
}

int ac_tcp_server_port(const ac_tcp_server *srv)
{
	struct sockaddr_storage ss;
	int len = sizeof ss;
	if (uv_tcp_getsockname(&srv->tcp, (struct sockaddr *)&ss, &len) < 0)
		return AC_EINVAL;
	if (ss.ss_family == AF_INET6)
		return ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
	return ntohs(((struct sockaddr_in *)&ss)->sin_port);
}

int ac_tcp_nodelay(ac_stream *s, int on)
{
	if (!s || s->h.handle.type != UV_TCP)
		return AC_EINVAL;
	return uv_tcp_nodelay(&s->h.tcp, on);
}

/* ----------------------------------------------------------- server close */

static ac_status ac__server_close_step(ac_task *self)
{
	struct ac_tcp_server_close__frame *F = (void *)self;
	ac_tcp_server *srv = F->srv;
	if (self->state)
		return ac__io_step(self);
	if (!srv || srv->closer)
		return ac__leaf_done(self, AC_EINVAL);
	int rc = ac__io_begin((struct ac__io *)F);
	if (rc < 0)
		return ac__leaf_done(self, rc);
	srv->closer = F;
	while (srv->held)
		ac__stream_discard(ac__server_unhold(srv));
	while (srv->head) {
		struct ac_tcp_accept__frame *A = srv->head;
		ac__accept_unlink(srv, A);
		ac__io_end((struct ac__io *)A, AC_ECANCELED);
	}
	uv_close((uv_handle_t *)&srv->tcp, ac__server_free_cb);
	return AC_PENDING;
}

static void ac__server_close_describe(FILE *out, const ac_task *t)
{
	(void)t;
	fprintf(out, " closing a listener");
}

static AC__OP_INFO(ac__server_close_info, "ac_tcp_server_close",
		   struct ac_tcp_server_close__frame,
		   ac__server_close_describe);

void ac_tcp_server_close__init(struct ac_tcp_server_close__frame *F,
			       ac_tcp_server *srv)
{
	ac__io_init((struct ac__io *)F, ac__server_close_step,
		    &ac__server_close_info);
	F->srv = srv;
}

AC__OP_NEW(ac_tcp_server_close, (ac_tcp_server *srv), srv)

/* --------------------------------------------------------------- connect */

static void ac__connect_next(struct ac_tcp_connect__frame *F, int last_error);
static void ac__connect_closed(uv_handle_t *h);

/* Ends the connect (every libuv request and handle of it is done). */
static void ac__connect_end(struct ac_tcp_connect__frame *F, int result)
{
	if (F->ai)
		uv_freeaddrinfo(F->ai);
	F->ai = F->next = NULL;
	if (result == 0 && F->cancelled) {
		ac__stream_discard(F->s);
		result = AC_ECANCELED;
	} else if (result == 0) {
		F->s->maker = NULL;
		*F->out = F->s;
	}
	F->s = NULL;
	ac__io_end((struct ac__io *)F, result);
}

/* Closes the attempt's stream; ac__connect_closed goes on. */
static void ac__connect_abandon(struct ac_tcp_connect__frame *F, int err)
{
	F->s->error = err;
	F->s->closing = true;
	uv_close(&F->s->h.handle, ac__connect_closed);
}

/* A failed attempt's stream is closed: try the next address. */
static void ac__connect_closed(uv_handle_t *h)
{
	ac_stream *s = h->data;
	struct ac_tcp_connect__frame *F = s->maker;
	int err = s->error;
	ac__stream_free(s);
	F->s = NULL;
	ac__connect_next(F, err);
}

static void ac__connect_cb(uv_connect_t *req, int status)
{
	struct ac_tcp_connect__frame *F = req->data;
	if (status == 0) {
		ac__connect_end(F, 0);
		return;
	}
	if (!F->s->closing) /* (a cancellation closes it itself) */
		ac__connect_abandon(F, status);
}

/* Starts a connection to `addr` on a new stream: 0, or an error (then no
 * stream is left). */
static int ac__connect_try(struct ac_tcp_connect__frame *F,
			   const struct sockaddr *addr)
{
	ac_stream *s = ac__stream_new();
	if (!s)
		return AC_ENOMEM;
	int rc = uv_tcp_init(&ac__L.uv, &s->h.tcp);
	if (rc < 0) {
		ac__stream_free(s);
		return rc;
	}
	s->h.handle.data = s;
	s->maker = F;
	F->s = s;
	uv_connect_t *req = AC__UV(uv_connect_t, F->req);
	req->data = F;
	rc = uv_tcp_connect(req, &s->h.tcp, addr, ac__connect_cb);
	if (rc < 0) {
		F->s = NULL;
		ac__stream_discard(s);
	}
	return rc;
}

/* Tries the resolved addresses from F->next on; last_error is what the
 * connect ends with when none is left. */
static void ac__connect_next(struct ac_tcp_connect__frame *F, int last_error)
{
	while (!F->cancelled && F->next) {
		struct addrinfo *a = F->next;
		F->next = a->ai_next;
		if (a->ai_family != AF_INET && a->ai_family != AF_INET6)
			continue;
		int rc = ac__connect_try(F, a->ai_addr);
		if (rc == 0)
			return;
		last_error = rc;
	}
	ac__connect_end(F, F->cancelled ? AC_ECANCELED : last_error);
}

static void ac__connect_resolved(uv_getaddrinfo_t *req, int status,
				 struct addrinfo *res)
{
	struct ac_tcp_connect__frame *F = req->data;
	F->ai = F->next = res;
	ac__connect_next(F, status < 0 ? status : UV_EAI_NONAME);
}

static ac_status ac__connect_step(ac_task *self)
{
	struct ac_tcp_connect__frame *F = (void *)self;
	if (self->state)
		return ac__io_step(self);
	if (ac__cancelled(self))
		return ac__leaf_done(self, AC_ECANCELED);
	if (!F->out || !F->host || F->port <= 0 || F->port > 65535)
		return ac__leaf_done(self, AC_EINVAL);
	int rc = ac__io_begin((struct ac__io *)F);
	if (rc < 0)
		return ac__leaf_done(self, rc);
	struct sockaddr_storage *addr = AC__UV(struct sockaddr_storage, F->addr);
	if (ac__ip_addr(F->host, F->port, addr) == 0) {
		rc = ac__connect_try(F, (struct sockaddr *)addr);
		if (rc < 0)
			ac__connect_end(F, rc);
		return AC_PENDING;
	}
	static const struct addrinfo hints = { .ai_socktype = SOCK_STREAM,
					       .ai_family = AF_UNSPEC };
	char port[8];
	snprintf(port, sizeof port, "%d", F->port);
	uv_getaddrinfo_t *dns = AC__UV(uv_getaddrinfo_t, F->dns);
	dns->data = F;
	rc = uv_getaddrinfo(&ac__L.uv, dns, ac__connect_resolved, F->host,
			    port, &hints);
	if (rc < 0)
		ac__connect_end(F, rc);
	return AC_PENDING;
}

static void ac__connect_cancel(ac_task *self)
{
	struct ac_tcp_connect__frame *F = (void *)self;
	if (!ac__io_pending((struct ac__io *)F) || F->cancelled)
		return;
	F->cancelled = 1;
	if (F->s && !F->s->closing)
		ac__connect_abandon(F, AC_ECANCELED);
	else if (!F->s)
		uv_cancel(AC__UV(uv_req_t, F->dns));
}

static void ac__connect_describe(FILE *out, const ac_task *t)
{
	const struct ac_tcp_connect__frame *F = (const void *)t;
	fprintf(out, " %s %s port %d", F->s ? "connecting to" : "resolving",
		F->host, F->port);
}

static AC__OP_INFO_CANCEL(ac__connect_info, "ac_tcp_connect",
		   struct ac_tcp_connect__frame, ac__connect_describe, ac__connect_cancel);

void ac_tcp_connect__init(struct ac_tcp_connect__frame *F, ac_stream **out,
			  const char *host, int port)
{
	ac__io_init((struct ac__io *)F, ac__connect_step, &ac__connect_info);
	F->out = out;
	F->host = host;
	F->port = port;
	F->cancelled = 0;
	F->s = NULL;
	F->ai = F->next = NULL;
}

AC__OP_NEW(ac_tcp_connect, (ac_stream **out, const char *host, int port), out,
	   host, port)
