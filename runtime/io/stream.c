/*
 * stream.c - byte streams (TCP, pipes, terminals): buffered reads, writes
 * that wait for the peer, shutdown and close.  See asyncc-internal.h for
 * the buffer's invariant.
 *
 * One read at a time per stream (another yields AC_EBUSY); writes queue in
 * the order they start.  A write is tried at once (uv_try_write) and waits
 * in libuv's queue, its request in the frame, only for what the kernel did
 * not take: a writer whose peer does not read waits, and nothing is copied.
 * Cancelling a pending read only withdraws it (the bytes keep arriving in
 * the buffer); a pending write or shutdown cannot be withdrawn from the
 * kernel's queue, so cancelling one closes the stream.
 */
#define _GNU_SOURCE /* memmem */
#include "asyncc-internal.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

typedef struct ac_stream_read__frame ac__read_frame;

AC__IO_CHECK(struct ac_stream_read__frame);
AC__IO_CHECK(struct ac_stream_write__frame);
AC__IO_CHECK(struct ac_stream_shutdown__frame);
AC__IO_CHECK(struct ac_stream_close__frame);
_Static_assert(sizeof(struct ac_stream_read_exact__frame) ==
			       sizeof(ac__read_frame) &&
		       sizeof(struct ac_stream_read_until__frame) ==
			       sizeof(ac__read_frame),
	       "the three reads share one frame layout");

static void ac__read_end(ac_stream *s, int result);

/*
 * Read deadlines.  A server moves a stream's deadline at every request, so
 * moving it later only records the new time; the heap entry, when it comes
 * due, re-arms itself for the recorded time if that is still ahead.  Only
 * an earlier deadline moves the entry.
 */
static AC__TIMER_CB void ac__deadline_cb(struct ac__timer *tm)
{
	ac_stream *s = (ac_stream *)((char *)tm - offsetof(ac_stream, deadline));
	if (s->deadline_at > s->deadline_armed) {
		s->deadline_armed = s->deadline_at;
		/* Re-arming needs a bucket only when no timer is due then; if
		 * even that fails (out of memory) the deadline passes now. */
		if (ac__timer_insert(tm, s->deadline_armed) == 0)
			return;
	}
	s->timed_out = true;
	if (s->reader)
		ac__read_end(s, AC_ETIMEDOUT);
}

static void ac__deadline_clear(ac_stream *s)
{
	if (ac__timer_armed(&s->deadline))
		ac__timer_remove(&s->deadline);
	s->deadline_at = 0;
	s->timed_out = false;
}

int ac_stream_set_deadline(ac_stream *s, uint64_t ms)
{
	if (!s || s->closing)
		return AC_EINVAL;
	if (ms == 0) {
		ac__deadline_clear(s);
		return 0;
	}
	uint64_t at = ac__timer_deadline(ms);
	s->timed_out = false;
	s->deadline_at = at;
	if (ac__timer_armed(&s->deadline)) {
		if (at >= s->deadline_armed)
			return 0; /* the entry re-arms itself when due */
		ac__timer_remove(&s->deadline);
	}
	s->deadline_armed = at;
	return ac__timer_insert(&s->deadline, at);
}

/*
 * The loop's list of streams.  A pending read is not in the table of
 * pending I/O (it starts and completes at every message: op.c), so the
 * task dump finds it here, through its stream; the list changes only when
 * a stream is made or freed.
 */
static void ac__stream_list(ac_stream *s)
{
	s->prev = NULL;
	s->next = ac__L.streams;
	if (s->next)
		s->next->prev = s;
	ac__L.streams = s;
	s->listed = true;
}

static void ac__stream_unlist(ac_stream *s)
{
	if (!s->listed)
		return; /* its loop was shut down */
	if (s->prev)
		s->prev->next = s->next;
	else
		ac__L.streams = s->next;
	if (s->next)
		s->next->prev = s->prev;
	s->listed = false;
}

void ac__streams_forget(void)
{
	for (ac_stream *s = ac__L.streams, *next; s; s = next) {
		next = s->next;
		s->prev = s->next = NULL;
		s->listed = false;
	}
	ac__L.streams = NULL;
}

ac_stream *ac__stream_new(void)
{
	ac_stream *s = ac__frame_alloc(sizeof *s);
	if (!s)
		return NULL;
	memset(s, 0, sizeof *s);
	s->h.handle.data = s;
	ac__timer_init(&s->deadline, ac__deadline_cb);
	ac__stream_list(s);
	return s;
}

static void ac__rbuf_free(char *b, size_t cap);

/* Takes `s` off the loop's list and frees it (its handle is closed, or
 * was never initialised). */
void ac__stream_free(ac_stream *s)
{
	ac__stream_unlist(s);
	if (s->rbuf)
		ac__rbuf_free(s->rbuf, s->rcap);
	ac__frame_free(s, sizeof *s);
}

static void ac__stream_free_cb(uv_handle_t *h)
{
	ac__stream_free(h->data);
}

void ac__stream_discard(ac_stream *s)
{
	uv_close(&s->h.handle, ac__stream_free_cb);
}

/* ac_runtime_shutdown: the pending reads, not in the table of pending I/O,
 * end as cancelled (their tasks are abandoned with the others).  True if
 * there was one. */
bool ac__streams_end_reads(void)
{
	bool any = false;
	for (ac_stream *s = ac__L.streams; s; s = s->next)
		if (s->reader) {
			ac__read_end(s, AC_ECANCELED);
			any = true;
		}
	return any;
}

/* ac_runtime_shutdown, once pending I/O is abandoned: the streams still
 * open (a read pending, or only left open) are closed with the loop and
 * freed, and so are those a cancelled write closed that the program did
 * not close after; their pointers go with them. */
void ac__streams_close(void)
{
	for (ac_stream *s = ac__L.streams, *next; s; s = next) {
		next = s->next;
		if (s->closed)
			ac__stream_free(s);
		else if (!s->closing && !uv_is_closing(&s->h.handle)) {
			s->closing = true;
			uv_close(&s->h.handle, ac__stream_free_cb);
		}
	}
}

uv_stream_t *ac_stream_handle(ac_stream *s)
{
	return &s->h.stream;
}

size_t ac_stream_buffered(const ac_stream *s)
{
	return s->rlen;
}

int ac_stream_open(ac_stream **out, int fd)
{
	int rc = ac__loop_ensure();
	if (rc < 0)
		return rc;
	ac_stream *s = ac__stream_new();
	if (!s)
		return AC_ENOMEM;
	switch (uv_guess_handle(fd)) {
	case UV_TTY:
		rc = uv_tty_init(&ac__L.uv, &s->h.tty, fd, 0);
		break;
	case UV_NAMED_PIPE:
		if ((rc = uv_pipe_init(&ac__L.uv, &s->h.pipe, 0)) == 0 &&
		    (rc = uv_pipe_open(&s->h.pipe, fd)) < 0) {
			ac__stream_discard(s);
			return rc;
		}
		break;
	case UV_TCP:
		if ((rc = uv_tcp_init(&ac__L.uv, &s->h.tcp)) == 0 &&
		    (rc = uv_tcp_open(&s->h.tcp, fd)) < 0) {
			ac__stream_discard(s);
			return rc;
		}
		break;
	default:
		rc = AC_EINVAL; /* a regular file: use ac_fs_* */
		break;
	}
	if (rc < 0) {
		ac__stream_free(s);
		return rc;
	}
	s->h.handle.data = s;
	*out = s;
	return 0;
}

/* ------------------------------------------------------------- buffer */

/* The buffer's memory: a block of the frame pool at the default size (no
 * malloc per stream in steady state), malloc'd when a read needs more. */
static void ac__rbuf_free(char *b, size_t cap)
{
	if (cap == AC__STREAM_BUF)
		ac__frame_free(b, cap);
	else
		free(b);
}

/* Makes room for `need` bytes in the buffer (moving its bytes to the
 * front). */
static int ac__rbuf_reserve(ac_stream *s, size_t need)
{
	if (need < AC__STREAM_BUF)
		need = AC__STREAM_BUF;
	if (s->rpos > 0 && s->rlen > 0)
		memmove(s->rbuf, s->rbuf + s->rpos, s->rlen);
	s->rpos = 0;
	if (s->rcap >= need)
		return 0;
	char *b = need == AC__STREAM_BUF ? ac__frame_alloc(need) : malloc(need);
	if (!b)
		return AC_ENOMEM;
	if (s->rlen)
		memcpy(b, s->rbuf, s->rlen);
	if (s->rbuf)
		ac__rbuf_free(s->rbuf, s->rcap);
	s->rbuf = b;
	s->rcap = need;
	return 0;
}

static void ac__rbuf_take(ac_stream *s, void *dst, size_t n)
{
	memcpy(dst, s->rbuf + s->rpos, n);
	s->rpos += n;
	s->rlen -= n;
	if (s->rlen == 0)
		s->rpos = 0;
}

/* The length of the first match of F's delimiter that ends within F->n
 * bytes of the buffer, or 0. */
static size_t ac__rbuf_find(const ac_stream *s, const ac__read_frame *F)
{
	size_t len = s->rlen < F->n ? s->rlen : F->n;
	const char *p = memmem(s->rbuf + s->rpos, len, F->delim, F->dlen);
	return p ? (size_t)(p - (s->rbuf + s->rpos)) + F->dlen : 0;
}

static bool ac__read_ready_slow(ac_stream *s, ac__read_frame *F,
				int *result);

/* Whether the read F can complete now, and with what.  Inline for the
 * common case, a plain read and nothing buffered: it is asked once per
 * read that waits, and again in every read callback. */
static inline bool ac__read_ready(ac_stream *s, ac__read_frame *F,
				  int *result)
{
	if (F->kind == AC__READ_SOME && s->rlen == 0 && !s->error)
		return false;
	return ac__read_ready_slow(s, F, result);
}

static __attribute__((noinline)) bool
ac__read_ready_slow(ac_stream *s, ac__read_frame *F, int *result)
{
	switch (F->kind) {
	case AC__READ_SOME:
		if (s->rlen > 0) {
			size_t n = s->rlen < F->n ? s->rlen : F->n;
			ac__rbuf_take(s, F->buf, n);
			*result = (int)n;
			return true;
		}
		if (s->error) {
			*result = s->error == AC_EOF ? 0 : s->error;
			return true;
		}
		return false;
	case AC__READ_EXACT:
		if (s->rlen >= F->n) {
			ac__rbuf_take(s, F->buf, F->n);
			*result = (int)F->n;
			return true;
		}
		break;
	default: {
		size_t len = ac__rbuf_find(s, F);
		if (len > 0) {
			ac__rbuf_take(s, F->buf, len);
			*result = (int)len;
			return true;
		}
		if (s->rlen >= F->n) {
			*result = AC_ENOBUFS;
			return true;
		}
		break;
	}
	}
	if (s->error) {
		*result = s->error;
		return true;
	}
	return false;
}

/* ------------------------------------------------------------ reading */

static void ac__read_end(ac_stream *s, int result)
{
	ac__read_frame *F = s->reader;
	s->reader = NULL;
	ac__io_end((struct ac__io *)F, result);
}

static void ac__read_stop(ac_stream *s)
{
	if (s->reading) {
		uv_read_stop(&s->h.stream);
		s->reading = false;
	}
}

static void ac__alloc_cb(uv_handle_t *h, size_t suggested, uv_buf_t *buf)
{
	ac_stream *s = h->data;
	ac__read_frame *F = s->reader;
	(void)suggested;
	if (F && F->kind == AC__READ_SOME && s->rlen == 0) {
		s->user_buf = true;
		buf->base = F->buf;
		buf->len = F->n; /* at most INT_MAX (ac__read_step) */
		return;
	}
	s->user_buf = false;
	if (!s->rbuf || s->rpos + s->rlen == s->rcap) {
		if (ac__rbuf_reserve(s, s->rcap) < 0 || s->rlen == s->rcap) {
			*buf = uv_buf_init(NULL, 0); /* read_cb: UV_ENOBUFS */
			return;
		}
	}
	size_t room = s->rcap - s->rpos - s->rlen;
	buf->base = s->rbuf + s->rpos + s->rlen;
	buf->len = room > UINT_MAX ? UINT_MAX : room;
}

static void ac__read_cb(uv_stream_t *h, ssize_t nread, const uv_buf_t *buf)
{
	ac_stream *s = h->data;
	bool user = s->user_buf;
	(void)buf;
	s->user_buf = false;
	if (nread == 0)
		return;
	if (nread > 0 && user) {
		/* Nothing was buffered, so the next read (if it started) cannot
		 * complete yet and the buffer is not full. */
		ac__read_end(s, (int)nread);
		return;
	}
	if (nread > 0) {
		s->rlen += (size_t)nread;
	} else {
		s->error = (int)nread; /* UV_EOF (AC_EOF) or an error */
		ac__read_stop(s);
	}
	int result;
	if (s->reader && ac__read_ready(s, s->reader, &result))
		ac__read_end(s, result);
	if (!s->reader && s->rbuf && s->rlen == s->rcap)
		ac__read_stop(s); /* full: the peer waits */
}

static ac_status ac__read_start(ac_task *self);

/* The common case inline, the rest in ac__read_start: a plain read of a
 * stream already reading, nothing buffered (a server's read of the next
 * request, at every message). */
static ac_status ac__read_step(ac_task *self)
{
	ac__read_frame *F = (void *)self;
	ac_stream *s = F->s;
	if (self->state)
		return ac__io_step(self);
	if (F->kind != AC__READ_SOME || !s || !F->buf || F->n - 1 >= INT_MAX ||
	    !s->reading || s->closing || s->reader || s->timed_out ||
	    s->rlen || s->error || ac__cancelled(self) ||
	    ac__io_begin_unlisted((struct ac__io *)F) < 0)
		return ac__read_start(self);
	s->reader = F;
	return AC_PENDING;
}

static __attribute__((noinline)) ac_status ac__read_start(ac_task *self)
{
	ac__read_frame *F = (void *)self;
	ac_stream *s = F->s;
	if (ac__cancelled(self))
		return ac__leaf_done(self, AC_ECANCELED);
	if (!s || !F->buf || F->n == 0 || F->n > INT_MAX ||
	    (F->kind == AC__READ_UNTIL && F->dlen == 0))
		return ac__leaf_done(self, AC_EINVAL);
	if (s->closing)
		return ac__leaf_done(self, UV_EBADF);
	if (s->reader)
		return ac__leaf_done(self, AC_EBUSY);
	int rc;
	if (s->timed_out)
		return ac__leaf_done(self, AC_ETIMEDOUT);
	if (F->kind != AC__READ_SOME &&
	    (rc = ac__rbuf_reserve(s, F->n)) < 0)
		return ac__leaf_done(self, rc);
	if (ac__read_ready(s, F, &rc))
		return ac__leaf_done(self, rc);
	if ((rc = ac__io_begin_unlisted((struct ac__io *)F)) < 0)
		return ac__leaf_done(self, rc);
	s->reader = F;
	if (!s->reading) {
		rc = uv_read_start(&s->h.stream, ac__alloc_cb, ac__read_cb);
		if (rc < 0)
			ac__read_end(s, rc);
		else
			s->reading = true;
	}
	return AC_PENDING;
}

/* Withdraws the read; what arrives stays buffered for the next one.  (Once
 * it ended, its stream may be gone.) */
static void ac__read_cancel(ac_task *self)
{
	ac__read_frame *F = (void *)self;
	if (ac__io_pending((struct ac__io *)F) && F->s->reader == F)
		ac__read_end(F->s, AC_ECANCELED);
}

static void ac__read_describe(FILE *out, const ac_task *t)
{
	const ac__read_frame *F = (const void *)t;
	static const char *const what[] = { "some bytes", "exactly", "until" };
	fprintf(out, " reading %s", what[F->kind]);
	if (F->kind == AC__READ_EXACT)
		fprintf(out, " %zu bytes", F->n);
	fprintf(out, " from stream %p (%zu buffered)", (const void *)F->s,
		F->s->rlen);
}

static AC__OP_INFO_CANCEL(ac__read_info, "ac_stream_read", ac__read_frame,
		   ac__read_describe, ac__read_cancel);
static AC__OP_INFO_CANCEL(ac__read_exact_info, "ac_stream_read_exact",
		   ac__read_frame, ac__read_describe, ac__read_cancel);
static AC__OP_INFO_CANCEL(ac__read_until_info, "ac_stream_read_until",
		   ac__read_frame, ac__read_describe, ac__read_cancel);

static void ac__read_init(ac__read_frame *F, const struct ac__op_info *info,
			  int kind, ac_stream *s, void *buf, size_t n)
{
	ac__io_init((struct ac__io *)F, ac__read_step, info);
	F->s = s;
	F->buf = buf;
	F->n = n;
	F->delim = NULL;
	F->dlen = 0;
	F->kind = kind;
}

void ac_stream_read__init(struct ac_stream_read__frame *F, ac_stream *s,
			  void *buf, size_t n)
{
	ac__read_init(F, &ac__read_info, AC__READ_SOME, s, buf, n);
}

void ac_stream_read_exact__init(struct ac_stream_read_exact__frame *F,
				ac_stream *s, void *buf, size_t n)
{
	ac__read_init((ac__read_frame *)F, &ac__read_exact_info,
		      AC__READ_EXACT, s, buf, n);
}

void ac_stream_read_until__init(struct ac_stream_read_until__frame *F,
				ac_stream *s, void *buf, size_t max,
				const char *delim)
{
	ac__read_frame *R = (ac__read_frame *)F;
	ac__read_init(R, &ac__read_until_info, AC__READ_UNTIL, s, buf, max);
	R->delim = delim;
	R->dlen = delim ? strlen(delim) : 0;
}

AC__OP_NEW(ac_stream_read, (ac_stream *s, void *buf, size_t n), s, buf, n)

/* A plain read awaited by a task: bytes already buffered are taken at once
 * (only the slot's result is set), and a read that waits is started here,
 * not through an await and its step.  Anything unusual goes the common
 * way. */
static __attribute__((noinline)) int
ac__stream_read_begin_slow(ac_task *self, struct ac_stream_read__frame *F,
			   ac_stream *s, void *buf, size_t n)
{
	if (!(self->flags & AC_TASK_CANCELLED) && s && buf && n - 1 < INT_MAX &&
	    !s->closing && !s->reader && !s->timed_out && s->rlen > 0) {
		size_t k = s->rlen < n ? s->rlen : n;
		ac__rbuf_take(s, buf, k);
		F->result = (int)k;
		return 0;
	}
	ac_stream_read__init(F, s, buf, n);
	return ac__await(self, &F->hdr);
}

int ac__stream_read_begin(ac_task *self, struct ac_stream_read__frame *F,
			  ac_stream *s, void *buf, size_t n)
{
	if ((self->flags & AC_TASK_CANCELLED) || !s || !buf ||
	    n - 1 >= INT_MAX || !s->reading || s->closing || s->reader ||
	    s->timed_out || s->rlen || s->error)
		return ac__stream_read_begin_slow(self, F, s, buf, n);
	ac__read_init(F, &ac__read_info, AC__READ_SOME, s, buf, n);
	F->hdr.flags |= AC_TASK_STARTED;
	F->hdr.waiter = self;
	F->hdr.state = 1; /* as ac__io_begin_unlisted */
	F->link.slot = AC__IO_UNLISTED;
	self->awaiting = &F->hdr;
	s->reader = F;
	return 1;
}
AC__OP_NEW(ac_stream_read_exact, (ac_stream *s, void *buf, size_t n), s, buf,
	   n)
AC__OP_NEW(ac_stream_read_until,
	   (ac_stream *s, void *buf, size_t max, const char *delim), s, buf,
	   max, delim)

/* ------------------------------------------------------------ writing */

static void ac__write_cb(uv_write_t *req, int status)
{
	ac__io_end(req->data, status);
}

static ac_status ac__write_step(ac_task *self)
{
	struct ac_stream_write__frame *F = (void *)self;
	ac_stream *s = F->s;
	if (self->state)
		return ac__io_step(self);
	if (ac__cancelled(self))
		return ac__leaf_done(self, AC_ECANCELED);
	if (!s || (!F->buf && F->n))
		return ac__leaf_done(self, AC_EINVAL);
	if (s->closing)
		return ac__leaf_done(self, UV_EBADF);
	size_t done = 0;
	/* write_queue_size is libuv's public field (what
	 * uv_stream_get_write_queue_size returns, without the call). */
	while (done < F->n && s->h.stream.write_queue_size == 0) {
		uv_buf_t b = { .base = (char *)F->buf + done, .len = F->n - done };
		int n = uv_try_write(&s->h.stream, &b, 1);
		if (n == UV_EAGAIN)
			break;
		if (n < 0)
			return ac__leaf_done(self, n);
		done += (size_t)n;
	}
	if (done == F->n)
		return ac__leaf_done(self, 0);
	int rc = ac__io_begin((struct ac__io *)F);
	if (rc < 0)
		return ac__leaf_done(self, rc);
	/* libuv writes the rest when the peer makes room. */
	uv_buf_t b = { .base = (char *)F->buf + done, .len = F->n - done };
	uv_write_t *req = AC__UV(uv_write_t, F->req);
	req->data = F;
	rc = uv_write(req, &s->h.stream, &b, 1, ac__write_cb);
	if (rc < 0)
		ac__io_end((struct ac__io *)F, rc);
	return AC_PENDING;
}

static void ac__write_cancel(ac_task *self)
{
	struct ac_stream_write__frame *F = (void *)self;
	if (ac__io_pending((struct ac__io *)F))
		ac__stream_abort(F->s);
}

static void ac__write_describe(FILE *out, const ac_task *t)
{
	const struct ac_stream_write__frame *F = (const void *)t;
	fprintf(out, " writing %zu bytes to stream %p (peer not reading)",
		F->n, (const void *)F->s);
}

static AC__OP_INFO_CANCEL(ac__write_info, "ac_stream_write",
		   struct ac_stream_write__frame, ac__write_describe, ac__write_cancel);

void ac_stream_write__init(struct ac_stream_write__frame *F, ac_stream *s,
			   const void *buf, size_t n)
{
	ac__io_init((struct ac__io *)F, ac__write_step, &ac__write_info);
	F->s = s;
	F->buf = buf;
	F->n = n;
}

AC__OP_NEW(ac_stream_write, (ac_stream *s, const void *buf, size_t n), s,
	   buf, n)

/* The usual write (a server's reply: the kernel takes all of it) is over
 * without an operation: no frame set up, no step. */
int ac__stream_write_begin(ac_task *self, struct ac_stream_write__frame *F,
			   ac_stream *s, const void *buf, size_t n)
{
	if (!(self->flags & AC_TASK_CANCELLED) && s && buf && n - 1 < INT_MAX &&
	    !s->closing && s->h.stream.write_queue_size == 0) {
		uv_buf_t b = { .base = (char *)buf, .len = n };
		int w = uv_try_write(&s->h.stream, &b, 1);
		if (w == (int)n || (w < 0 && w != UV_EAGAIN)) {
			F->result = w < 0 ? w : 0;
			return 0;
		}
		if (w > 0) { /* the rest waits for the peer */
			buf = (const char *)buf + w;
			n -= (size_t)w;
		}
	}
	ac_stream_write__init(F, s, buf, n);
	return ac__await(self, &F->hdr);
}

/* ------------------------------------------------------------ shutdown */

static void ac__shutdown_cb(uv_shutdown_t *req, int status)
{
	ac__io_end(req->data, status);
}

static ac_status ac__shutdown_step(ac_task *self)
{
	struct ac_stream_shutdown__frame *F = (void *)self;
	if (self->state)
		return ac__io_step(self);
	if (ac__cancelled(self))
		return ac__leaf_done(self, AC_ECANCELED);
	if (!F->s)
		return ac__leaf_done(self, AC_EINVAL);
	if (F->s->closing)
		return ac__leaf_done(self, UV_EBADF);
	int rc = ac__io_begin((struct ac__io *)F);
	if (rc < 0)
		return ac__leaf_done(self, rc);
	uv_shutdown_t *req = AC__UV(uv_shutdown_t, F->req);
	req->data = F;
	rc = uv_shutdown(req, &F->s->h.stream, ac__shutdown_cb);
	if (rc < 0)
		ac__io_end((struct ac__io *)F, rc);
	return AC_PENDING;
}

static void ac__shutdown_cancel(ac_task *self)
{
	struct ac_stream_shutdown__frame *F = (void *)self;
	if (ac__io_pending((struct ac__io *)F))
		ac__stream_abort(F->s);
}

static void ac__shutdown_describe(FILE *out, const ac_task *t)
{
	const struct ac_stream_shutdown__frame *F = (const void *)t;
	fprintf(out, " shutting down stream %p", (const void *)F->s);
}

static AC__OP_INFO_CANCEL(ac__shutdown_info, "ac_stream_shutdown",
		   struct ac_stream_shutdown__frame, ac__shutdown_describe, ac__shutdown_cancel);

void ac_stream_shutdown__init(struct ac_stream_shutdown__frame *F,
			      ac_stream *s)
{
	ac__io_init((struct ac__io *)F, ac__shutdown_step, &ac__shutdown_info);
	F->s = s;
}

AC__OP_NEW(ac_stream_shutdown, (ac_stream *s), s)

/* --------------------------------------------------------------- close */

static void ac__close_cb(uv_handle_t *h)
{
	ac_stream *s = h->data;
	s->closed = true;
	struct ac_stream_close__frame *F = s->closer;
	if (F) {
		ac__stream_free(s);
		ac__io_end((struct ac__io *)F, 0);
	}
}

/* Starts closing: the pending read ends now; libuv ends pending writes
 * with UV_ECANCELED before the close callback. */
static void ac__stream_close_handle(ac_stream *s)
{
	if (s->closing)
		return;
	s->closing = true;
	ac__deadline_clear(s);
	ac__read_stop(s);
	if (s->reader)
		ac__read_end(s, AC_ECANCELED);
	uv_close(&s->h.handle, ac__close_cb);
}

void ac__stream_abort(ac_stream *s)
{
	ac__stream_close_handle(s);
}

static ac_status ac__close_step(ac_task *self)
{
	struct ac_stream_close__frame *F = (void *)self;
	ac_stream *s = F->s;
	if (self->state)
		return ac__io_step(self);
	if (!s)
		return ac__leaf_done(self, AC_EINVAL);
	assert(!s->closer);
	if (s->closed) {
		ac__stream_free(s);
		return ac__leaf_done(self, 0);
	}
	int rc = ac__io_begin((struct ac__io *)F);
	if (rc < 0)
		return ac__leaf_done(self, rc);
	s->closer = F;
	ac__stream_close_handle(s);
	return AC_PENDING;
}

static void ac__close_describe(FILE *out, const ac_task *t)
{
	const struct ac_stream_close__frame *F = (const void *)t;
	fprintf(out, " closing stream %p", (const void *)F->s);
}

/* A close cannot be withdrawn: it ends soon and frees the stream. */
static AC__OP_INFO(ac__close_info, "ac_stream_close",
		   struct ac_stream_close__frame, ac__close_describe);

void ac_stream_close__init(struct ac_stream_close__frame *F, ac_stream *s)
{
	ac__io_init((struct ac__io *)F, ac__close_step, &ac__close_info);
	F->s = s;
}

AC__OP_NEW(ac_stream_close, (ac_stream *s), s)
