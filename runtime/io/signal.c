/*
 * signal.c - await a signal.
 *
 * The frame holds its own uv_signal_t, started until the first delivery
 * (closed then: signals until that moment are caught).  The operation ends
 * only once the handle is closed (libuv is done with the frame's memory):
 * on the signal, or when cancelled.
 *
 * When the last watcher of a signal stops, libuv sets its action to the
 * default.  A signal the program ignored (SIG_IGN: SIGHUP under nohup,
 * SIGPIPE) must stay ignored after the wait, so the first wait notes it
 * and the last one puts it back.
 */
#include "asyncc-internal.h"

#include <signal.h>
#include <stdatomic.h>

/* Signals ignored before a wait installed libuv's handler. */
static atomic_bool ac__signal_was_ignored[NSIG];

static bool ac__signal_valid(int signum)
{
	return signum > 0 && signum < NSIG;
}

/* Before the handle starts: notes whether the program ignores `signum`. */
static void ac__signal_note_ignored(int signum)
{
	struct sigaction sa;
	if (ac__signal_valid(signum) && sigaction(signum, NULL, &sa) == 0 &&
	    sa.sa_handler == SIG_IGN)
		atomic_store(&ac__signal_was_ignored[signum], true);
}

/* After the handle stopped: if it was the last, libuv left the default
 * action; an ignored signal is ignored again. */
static void ac__signal_restore_ignored(int signum)
{
	struct sigaction sa;
	if (!ac__signal_valid(signum) ||
	    !atomic_load(&ac__signal_was_ignored[signum]) ||
	    sigaction(signum, NULL, &sa) != 0 || sa.sa_handler != SIG_DFL)
		return;
	sa.sa_handler = SIG_IGN;
	sa.sa_flags = 0;
	sigemptyset(&sa.sa_mask);
	if (sigaction(signum, &sa, NULL) == 0)
		atomic_store(&ac__signal_was_ignored[signum], false);
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
	ac__signal_restore_ignored(F->signum);
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
	ac__signal_note_ignored(F->signum);
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

void ac_signal_wait__init(struct ac_signal_wait__frame *F, int signum)
{
	ac__io_init((struct ac__io *)F, ac__signal_step, &ac__signal_info);
	F->signum = signum;
}

AC__OP_NEW(ac_signal_wait, (int signum), signum)
