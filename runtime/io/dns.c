/*
 * dns.c - ac_getaddrinfo: getaddrinfo(3) on libuv's thread pool.
 *
 * Cancelling removes a lookup that has not started (AC_ECANCELED); one
 * already running is waited for, and its answer, which nobody will read, is
 * freed: a cancelled lookup always yields AC_ECANCELED and *res = NULL.
 */
#include "asyncc-internal.h"

AC__IO_CHECK(struct ac_getaddrinfo__frame);

static void ac__dns_done(uv_getaddrinfo_t *req, int status,
			 struct addrinfo *res)
{
	struct ac_getaddrinfo__frame *F = req->data;
	if (status == UV_EAI_CANCELED)
		status = AC_ECANCELED;
	if (status == 0 && (F->hdr.flags & AC_TASK_CANCELLED)) {
		uv_freeaddrinfo(res);
		res = NULL;
		status = AC_ECANCELED;
	}
	*F->res = status == 0 ? res : NULL;
	ac__io_end((struct ac__io *)F, status);
}

static ac_status ac__dns_step(ac_task *self)
{
	struct ac_getaddrinfo__frame *F = (void *)self;
	if (self->state)
		return ac__io_step(self);
	if (!F->res)
		return ac__leaf_done(self, AC_EINVAL);
	*F->res = NULL;
	if (!F->host && !F->service) /* nothing to look up (libuv: UV_EINVAL) */
		return ac__leaf_done(self, AC_EINVAL);
	if (ac__cancelled(self))
		return ac__leaf_done(self, AC_ECANCELED);
	int rc = ac__io_begin((struct ac__io *)F);
	if (rc < 0)
		return ac__leaf_done(self, rc);
	uv_getaddrinfo_t *req = AC__UV(uv_getaddrinfo_t, F->req);
	req->data = F;
	rc = uv_getaddrinfo(&ac__L.uv, req, ac__dns_done, F->host,
			    F->service, F->hints);
	if (rc < 0)
		ac__io_end((struct ac__io *)F, rc);
	return AC_PENDING;
}

static void ac__dns_cancel(ac_task *self)
{
	struct ac_getaddrinfo__frame *F = (void *)self;
	self->flags |= AC_TASK_CANCELLED;
	if (ac__io_pending((struct ac__io *)F))
		uv_cancel(AC__UV(uv_req_t, F->req));
}

static void ac__dns_describe(FILE *out, const ac_task *t)
{
	const struct ac_getaddrinfo__frame *F = (const void *)t;
	fprintf(out, " resolving %s", F->host ? F->host : "(null)");
}

static AC__OP_INFO_CANCEL(ac__dns_info, "ac_getaddrinfo",
		   struct ac_getaddrinfo__frame, ac__dns_describe, ac__dns_cancel);

void ac_getaddrinfo__init(struct ac_getaddrinfo__frame *F, const char *host,
			  const char *service, const struct addrinfo *hints,
			  struct addrinfo **res)
{
	ac__io_init((struct ac__io *)F, ac__dns_step, &ac__dns_info);
	F->host = host;
	F->service = service;
	F->hints = hints;
	F->res = res;
}

AC__OP_NEW(ac_getaddrinfo,
	   (const char *host, const char *service,
	    const struct addrinfo *hints, struct addrinfo **res),
	   host, service, hints, res)

void ac_freeaddrinfo(struct addrinfo *ai)
{
	uv_freeaddrinfo(ai);
}
