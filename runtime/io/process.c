/*
 * process.c - child processes: spawn with argv/env/cwd and piped stdio,
 * kill, wait.
 *
 * The process object lives until its wait completes: libuv's exit callback
 * records the status and closes the handle, and whichever comes last, the
 * close callback or the wait, frees it.  A cancelled wait kills the child
 * (SIGKILL) and still waits for it, so no zombie and no handle is left.
 */
#include "asyncc-internal.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>

AC__IO_CHECK(struct ac_process_wait__frame);

struct ac_process {
	uv_process_t proc;
	ac_stream *stdio[3];
	struct ac_process_wait__frame *waiter;
	int status;     /* exit status, or 128 + signal */
	bool exited;    /* the exit callback ran */
	bool closed;    /* ... and the handle is closed */
};

static void ac__process_closed(uv_handle_t *h)
{
	ac_process *p = h->data;
	struct ac_process_wait__frame *F = p->waiter;
	p->closed = true;
	if (!F)
		return; /* freed by the wait */
	bool cancelled = F->hdr.flags & AC_TASK_CANCELLED;
	int status = p->status;
	free(p);
	ac__io_end((struct ac__io *)F, cancelled ? AC_ECANCELED : status);
}

static void ac__process_exit(uv_process_t *h, int64_t status, int signum)
{
	ac_process *p = h->data;
	p->exited = true;
	p->status = signum ? 128 + signum : (int)status;
	uv_close((uv_handle_t *)h, ac__process_closed);
}

/* A spawn that failed: its handle and pipes are closed and freed. */
static void ac__process_failed_cb(uv_handle_t *h)
{
	free(h->data);
}

int ac_process_spawn(ac_process **out, const ac_process_options *o)
{
	if (!out || !o || !o->argv || !o->argv[0])
		return AC_EINVAL;
	int rc = ac__loop_ensure();
	if (rc < 0)
		return rc;
	ac_process *p = calloc(1, sizeof *p);
	if (!p)
		return AC_ENOMEM;
	uv_stdio_container_t io[3];
	static const unsigned piped[3] = { AC_PROCESS_PIPE_STDIN,
					   AC_PROCESS_PIPE_STDOUT,
					   AC_PROCESS_PIPE_STDERR };
	for (int i = 0; i < 3; i++) {
		io[i].flags = UV_INHERIT_FD;
		io[i].data.fd = i;
		if (!(o->flags & piped[i]))
			continue;
		ac_stream *s = ac__stream_new();
		if (!s || (rc = uv_pipe_init(&ac__L.uv, &s->h.pipe, 0)) < 0) {
			if (s)
				ac__stream_free(s);
			rc = s ? rc : AC_ENOMEM;
			goto err;
		}
		s->h.handle.data = s;
		p->stdio[i] = s;
		io[i].flags = UV_CREATE_PIPE |
			      (i == 0 ? UV_READABLE_PIPE : UV_WRITABLE_PIPE);
		io[i].data.stream = &s->h.stream;
	}
	uv_process_options_t po;
	memset(&po, 0, sizeof po);
	po.exit_cb = ac__process_exit;
	po.file = o->file ? o->file : o->argv[0];
	po.args = o->argv;
	po.env = o->env;
	po.cwd = o->cwd;
	po.stdio_count = 3;
	po.stdio = io;
	p->proc.data = p;
	rc = uv_spawn(&ac__L.uv, &p->proc, &po);
	if (rc < 0) {
		for (int i = 0; i < 3; i++)
			if (p->stdio[i])
				ac__stream_discard(p->stdio[i]);
		uv_close((uv_handle_t *)&p->proc, ac__process_failed_cb);
		return rc;
	}
	*out = p;
	return 0;
err:
	for (int i = 0; i < 3; i++)
		if (p->stdio[i])
			ac__stream_discard(p->stdio[i]);
	free(p);
	return rc;
}

ac_stream *ac_process_stdio(ac_process *p, int fd)
{
	return fd >= 0 && fd < 3 ? p->stdio[fd] : NULL;
}

int ac_process_pid(const ac_process *p)
{
	return p->proc.pid;
}

int ac_process_kill(ac_process *p, int signum)
{
	if (p->exited)
		return UV_ESRCH;
	return uv_process_kill(&p->proc, signum);
}

static ac_status ac__process_wait_step(ac_task *self)
{
	struct ac_process_wait__frame *F = (void *)self;
	ac_process *p = F->p;
	if (self->state)
		return ac__io_step(self);
	if (!p || p->waiter)
		return ac__leaf_done(self, AC_EINVAL);
	if (p->closed) {
		int status = p->status;
		free(p);
		return ac__leaf_done(self, ac__cancelled(self) ? AC_ECANCELED
							      : status);
	}
	int rc = ac__io_begin((struct ac__io *)F);
	if (rc < 0)
		return ac__leaf_done(self, rc);
	p->waiter = F;
	if (ac__cancelled(self))
		ac_process_kill(p, SIGKILL);
	return AC_PENDING;
}

static void ac__process_wait_cancel(ac_task *self)
{
	struct ac_process_wait__frame *F = (void *)self;
	if (ac__io_pending((struct ac__io *)F))
		ac_process_kill(F->p, SIGKILL);
}

static void ac__process_wait_describe(FILE *out, const ac_task *t)
{
	const struct ac_process_wait__frame *F = (const void *)t;
	fprintf(out, " waiting for process %d", F->p->proc.pid);
}

static AC__OP_INFO_CANCEL(ac__process_wait_info, "ac_process_wait",
		   struct ac_process_wait__frame, ac__process_wait_describe, ac__process_wait_cancel);

void ac_process_wait__init(struct ac_process_wait__frame *F, ac_process *p)
{
	ac__io_init((struct ac__io *)F, ac__process_wait_step,
		    &ac__process_wait_info);
	F->p = p;
}

AC__OP_NEW(ac_process_wait, (ac_process *p), p)
