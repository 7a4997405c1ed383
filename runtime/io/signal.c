/*
 * signal.c - await a signal.
 *
 * The frame holds its own uv_signal_t, started until the first delivery
 * (closed then: signals until that moment are caught).  The operation ends
 * only once the handle is closed (libuv is done with the frame's memory):
 * on the signal, or when cancelled.
 *
 * When the last watcher of a signal stops, libuv sets its action to the
 * default.  The program's own action (SIG_IGN: SIGHUP under nohup,
 * SIGPIPE; a handler of its own) must come back after the wait, so the
 * first wait saves it and the last one puts it back.
 */
#include "asyncc-internal.h"

#include <pthread.h>
#include <signal.h>

/* The program's action for each signal while waits (counted) have libuv's
 * handler in its place; any thread's loop may wait. */
static struct {
	pthread_mutex_t lock;
	int waits[NSIG];
	struct sigaction saved[NSIG];
} ac__sig = { .lock = PTHREAD_MUTEX_INITIALIZER };

static bool ac__signal_valid(int signum)
{
	return signum > 0 && signum < NSIG;
}

/* Before a handle starts: the first wait saves the program's action. */
static void ac__signal_save(int signum)
{
	if (!ac__signal_valid(signum))
		return;
	pthread_mutex_lock(&ac__sig.lock);
	if (ac__sig.waits[signum]++ == 0 &&
	    sigaction(signum, NULL, &ac__sig.saved[signum]) != 0)
		ac__sig.saved[signum].sa_handler = SIG_DFL;
	pthread_mutex_unlock(&ac__sig.lock);
}

/* After a handle stopped: the last wait puts the program's action back
 * where libuv left the default. */
static void ac__signal_restore(int signum)
{
	if (!ac__signal_valid(signum))
		return;
	pthread_mutex_lock(&ac__sig.lock);
	struct sigaction now;
	if (--ac__sig.waits[signum] == 0 && sigaction(signum, NULL, &now) == 0 &&
	    !(now.sa_flags & SA_SIGINFO) && now.sa_handler == SIG_DFL)
		sigaction(signum, &ac__sig.saved[signum], NULL);
	pthread_mutex_unlock(&ac__sig.lock);
}

AC__IO_CHECK(struct ac_signal_wait__frame);

static void ac__signal_closed(uv_handle_t *h)
{
	struct ac_signal_wait__frame *F = h->data;
	ac__io_end((struct ac__io *)F, F->result);
}

static void ac__signal_close(struct ac_signal_wait__frame *F, int result)
{
	if (uv_is_closing(AC__UV(uv_handle_t, F->sig)))
		return;
	F->result = result;
	uv_close(AC__UV(uv_handle_t, F->sig), ac__signal_closed);
	ac__signal_restore(F->signum);
}

static void ac__signal_cb(uv_signal_t *h, int signum)
{
	ac__signal_close(h->data, signum);
}

static ac_status ac__signal_step(ac_task *self)
{
	struct ac_signal_wait__frame *F = (void *)self;
	if (self->state)
		return ac__io_step(self);
	if (ac__cancelled(self))
		return ac__leaf_done(self, AC_ECANCELED);
	int rc = ac__io_begin((struct ac__io *)F);
	if (rc < 0)
		return ac__leaf_done(self, rc);
	if ((rc = uv_signal_init(&ac__L.uv, AC__UV(uv_signal_t, F->sig))) < 0) {
		ac__io_end((struct ac__io *)F, rc);
		return AC_PENDING;
	}
	AC__UV(uv_signal_t, F->sig)->data = F;
	/* not oneshot: that puts the default action back at the first
	 * signal, and a second one before the loop delivers the first (a
	 * double Ctrl-C) would end the program while the task still waits */
	ac__signal_save(F->signum);
	rc = uv_signal_start(AC__UV(uv_signal_t, F->sig), ac__signal_cb, F->signum);
	if (rc < 0)
		ac__signal_close(F, rc);
	return AC_PENDING;
}

static void ac__signal_cancel(ac_task *self)
{
	struct ac_signal_wait__frame *F = (void *)self;
	if (ac__io_pending((struct ac__io *)F))
		ac__signal_close(F, AC_ECANCELED);
}

static void ac__signal_describe(FILE *out, const ac_task *t)
{
	const struct ac_signal_wait__frame *F = (const void *)t;
	fprintf(out, " waiting for signal %d", F->signum);
}

static AC__OP_INFO_CANCEL(ac__signal_info, "ac_signal_wait",
		   struct ac_signal_wait__frame, ac__signal_describe, ac__signal_cancel);

void ac__signal_waits_ref(bool on)
{
	for (size_t i = 0; i < ac__L.io_count; i++) {
		ac_task *t = &ac__L.io_live[i]->hdr;
		if (ac__op_of(t) != &ac__signal_info)
			continue;
		uv_handle_t *h =
			AC__UV(uv_handle_t, ((struct ac_signal_wait__frame *)t)->sig);
		if (on)
			uv_ref(h);
		else
			uv_unref(h);
	}
}

void ac_signal_wait__init(struct ac_signal_wait__frame *F, int signum)
{
	ac__io_init((struct ac__io *)F, ac__signal_step, &ac__signal_info);
	F->signum = signum;
}

AC__OP_NEW(ac_signal_wait, (int signum), signum)
