/*
 * group.c - task groups.
 *
 * Every child gets a small heap frame, its link, which is the child's
 * waiter: when the child finishes, the loop steps the link (task.c), which
 * records a failure, leaves the group's list and, if it was the last child
 * while the group is waited for, makes the waiting ac_group_wait frame its
 * own waiter so that the loop resumes it next.  Links are detached heap
 * frames: the loop frees them once stepped.  So a completion costs O(1),
 * and the group can cancel its running children by walking its list.
 *
 * Failure: a child whose result slot holds a negative int.  The first one
 * is kept in `error` and cancels the others (they usually fail with
 * AC_ECANCELED, which does not replace it).
 */
#include "asyncc-internal.h"

struct ac__group_link {
	ac_task hdr;
	struct ac__wait node; /* in group->children */
	ac_group *g;
	ac_task *child;
};

static struct ac__group_link *ac__link_of(struct ac__wait *w)
{
	return (struct ac__group_link *)((char *)w -
					 offsetof(struct ac__group_link, node));
}

int ac_group_init(ac_group *g)
{
	if (!g)
		return AC_EINVAL;
	g->children.prev = g->children.next = &g->children;
	g->running = 0;
	g->error = 0;
	g->cancelled = 0;
	g->finished = 0;
	g->waiter = NULL;
	return 0;
}

void ac_group_cancel(ac_group *g)
{
	g->cancelled = 1;
	for (struct ac__wait *w = g->children.next; w != &g->children;
	     w = w->next)
		ac_task_cancel(ac__link_of(w)->child);
}

/* The child finished: see the file comment. */
static ac_status ac__group_child_step(ac_task *self)
{
	struct ac__group_link *L = (struct ac__group_link *)self;
	ac_group *g = L->g;
	ac_task *c = L->child;
	assert(c->flags & AC_TASK_DONE);
	L->node.prev->next = L->node.next;
	L->node.next->prev = L->node.prev;
	assert(g->running > 0);
	g->running--;
	const int *res = ac__result_of(c);
	int r = res ? *res : 0;
	if (r < 0 && g->error == 0) {
		g->error = r;
		ac_group_cancel(g);
	}
	self->flags |= AC_TASK_DONE;
	self->waiter = NULL;
	if (g->running == 0 && g->waiter) {
		self->waiter = g->waiter; /* the loop resumes the wait next */
		g->waiter = NULL;
	}
	return AC_DONE;
}

static void ac__group_child_describe(FILE *out, const ac_task *t)
{
	const struct ac__group_link *L = (const void *)t;
	fprintf(out, " child of group %p", (const void *)L->g);
}

/* A child link's completion matters to the task waiting on the group. */
static ac_task *ac__group_child_successor(const ac_task *t)
{
	return ((const struct ac__group_link *)t)->g->waiter;
}

const struct ac__op_info ac__group_child_info = {
	{ "ac_group child", "<runtime>", 0, 0, NULL,
	  sizeof(struct ac__group_link) },
	ac__group_child_describe, ac__group_child_successor, NULL, NULL
};

/*
 * A task created in an async function belongs to that frame (ac__adopt),
 * which cancels it when it returns.  The frame that holds the group as a
 * local waits for it before returning, so the tasks it spawns into it stay
 * its own (their results can be read after the wait).  Any other creator
 * (a child spawning a sibling, a helper given the group) may return while
 * the task runs: the task passes to the group, no frame owns it, and the
 * runtime frees it when it finishes, like a task from plain C.
 */
static void ac__group_adopt(ac_group *g, ac_task *t)
{
	ac_task *owner = ac__owner_of(t);
	if (!owner)
		return;
	const char *lo = (const char *)owner;
	if ((const char *)g >= lo && (const char *)g < lo + owner->info->frame_size)
		return;
	ac__task_unadopt(owner, t);
}

int ac_group_spawn(ac_group *g, ac_task *t)
{
	if (!g || !t)
		return AC_EINVAL;
	if (g->finished || (t->flags & AC_TASK_STARTED))
		return AC_EBUSY;
	struct ac__group_link *L = ac__frame_alloc(sizeof *L);
	if (!L)
		return AC_ENOMEM;
	ac__op_init(&L->hdr, ac__group_child_step, &ac__group_child_info,
		    NULL);
	L->hdr.flags |= AC_TASK_STARTED | AC_TASK_HEAP | AC_TASK_DETACHED;
	L->hdr.awaiting = t;
	L->g = g;
	L->child = t;
	struct ac__wait *q = &g->children;
	L->node.prev = q->prev;
	L->node.next = q;
	q->prev->next = &L->node;
	q->prev = &L->node;
	g->running++;
	t->flags |= AC_TASK_STARTED;
	if (t->flags & AC__TASK_OWNED)
		ac__group_adopt(g, t);
	if ((t->flags & AC_TASK_HEAP) && !(t->flags & AC__TASK_OWNED))
		t->flags |= AC_TASK_DETACHED;
	if (g->cancelled)
		t->flags |= AC_TASK_CANCELLED;
	t->waiter = &L->hdr;
	ac__ready_push(t);
	return 0;
}

static ac_status ac__group_wait_done(struct ac_group_wait__frame *F)
{
	ac_group *g = F->g;
	g->finished = 1;
	int rc = g->error;
	if (rc == 0 && (F->hdr.flags & AC_TASK_CANCELLED))
		rc = AC_ECANCELED;
	return ac__leaf_done(&F->hdr, rc);
}

/* state 0: wait unless no child runs; state 1: the last child finished. */
static ac_status ac__group_wait_step(ac_task *self)
{
	struct ac_group_wait__frame *F = (struct ac_group_wait__frame *)self;
	ac_group *g = F->g;
	if (self->state == 1) {
		assert(g->running == 0);
		return ac__group_wait_done(F);
	}
	if (g->waiter)
		return ac__leaf_done(self, AC_EBUSY);
	if (ac__cancelled(self)) {
		self->flags |= AC_TASK_CANCELLED;
		ac_group_cancel(g);
	}
	if (g->running == 0)
		return ac__group_wait_done(F);
	g->waiter = self;
	self->state = 1;
	return AC_PENDING;
}

static void ac__group_wait_cancel(ac_task *self)
{
	ac_group_cancel(((struct ac_group_wait__frame *)self)->g);
}

static void ac__group_wait_describe(FILE *out, const ac_task *t)
{
	const ac_group *g = ((const struct ac_group_wait__frame *)t)->g;
	fprintf(out, " waiting for group %p: %zu running%s", (const void *)g,
		g->running, g->error ? ", failed" : "");
}

/* A running child has had its wait end (ac_wait_for). */
static bool ac__group_wait_woken(const ac_task *self, bool delivering)
{
	const ac_group *g = ((const struct ac_group_wait__frame *)self)->g;
	for (const struct ac__wait *w = g->children.next; w != &g->children;
	     w = w->next)
		if (ac__chain_woken(ac__link_of((struct ac__wait *)w)->child, delivering))
			return true;
	return false;
}

AC__OP_INFO_WOKEN(ac__group_wait_info, "ac_group_wait", struct ac_group_wait__frame,
		  ac__group_wait_describe, ac__group_wait_cancel,
		  ac__group_wait_woken);

void ac_group_wait__init(struct ac_group_wait__frame *F, ac_group *g)
{
	ac__op_init(&F->hdr, ac__group_wait_step, &ac__group_wait_info,
		    &F->result);
	F->result = 0;
	F->g = g;
}

ac_task *ac_group_wait(ac_group *g)
{
	struct ac_group_wait__frame *F = ac__frame_alloc(sizeof *F);
	if (!F)
		return NULL;
	ac_group_wait__init(F, g);
	F->hdr.flags |= AC_TASK_HEAP;
	return &F->hdr;
}
