/*
 * own.c - which heap tasks each frame owns.
 *
 * A task created by an async call inside an async function belongs to the
 * calling frame until it finishes (ac__adopt).  The frame header has no
 * room for that list (every byte of it is a byte of every sleeping task),
 * and most frames own nothing, so the lists live in a table keyed by the
 * owner: open addressing with linear probing, at most half full, deletion
 * by shifting the following entries back.  An owner in the table has
 * AC_TASK_OWNS set, so frames that own nothing never look here.
 */
#include "asyncc-internal.h"

#include <stdlib.h>
#include <string.h>

#define OWN (ac__L.owners)

static size_t ac__owner_hash(const ac_task *owner, size_t cap)
{
	uintptr_t h = (uintptr_t)owner;
	h ^= h >> 17;
	h *= (uintptr_t)0x9e3779b97f4a7c15u;
	return (size_t)(h >> 7) & (cap - 1);
}

/* The slot of `owner` in table `tb`, or the free slot where it would go. */
static struct ac__owned *ac__slot_in(struct ac__owners *tb, const ac_task *owner)
{
	if (tb->last && tb->last->owner == owner)
		return tb->last;
	size_t i = ac__owner_hash(owner, tb->cap);
	while (tb->slot[i].owner && tb->slot[i].owner != owner)
		i = (i + 1) & (tb->cap - 1);
	return &tb->slot[i];
}

static struct ac__owned *ac__owned_slot(const ac_task *owner)
{
	return ac__slot_in(&OWN, owner);
}

/* Makes room in `tb` for one more entry. */
static bool ac__table_reserve(struct ac__owners *tb)
{
	if (2 * (tb->count + 1) <= tb->cap)
		return true;
	struct ac__owners old = *tb;
	size_t cap = old.cap ? old.cap * 2 : 16;
	struct ac__owned *slot = calloc(cap, sizeof *slot);
	if (!slot)
		return false;
	tb->slot = slot;
	tb->cap = cap;
	tb->last = NULL;
	for (size_t i = 0; i < old.cap; i++)
		if (old.slot[i].owner)
			*ac__slot_in(tb, old.slot[i].owner) = old.slot[i];
	free(old.slot);
	return true;
}

/* Records that `owner` owns the heap task `t`; out of memory ends the
 * program, as a frame that cannot be allocated does. */
void ac__own(ac_task *owner, ac_task *t)
{
	if (!ac__table_reserve(&OWN))
		ac__out_of_memory(owner->info->name);
	struct ac__owned *o = ac__owned_slot(owner);
	if (!o->owner) {
		*o = (struct ac__owned){ owner, NULL, 0, 0, NULL };
		OWN.count++;
		owner->flags |= AC_TASK_OWNS;
	}
	if (o->n == o->cap) {
		size_t cap = o->cap ? o->cap * 2 : 4;
		ac_task **v = realloc(o->tasks, cap * sizeof *v);
		if (!v)
			ac__out_of_memory(owner->info->name);
		o->tasks = v;
		o->cap = cap;
	}
	o->tasks[o->n++] = t;
	OWN.last = o;
}

/* Index of `t` in o's list (searched from the newest), or o->n. */
static size_t ac__owned_index(const struct ac__owned *o, const ac_task *t)
{
	for (size_t i = o->n; i > 0; i--)
		if (o->tasks[i - 1] == t)
			return i - 1;
	return o->n;
}

bool ac__owns(ac_task *owner, const ac_task *t)
{
	if (!(owner->flags & AC_TASK_OWNS) || OWN.count == 0)
		return false; /* (or the table went with a shutdown) */
	const struct ac__owned *o = ac__owned_slot(owner);
	return ac__owned_index(o, t) < o->n;
}

/* Removes the entry at slot `o` of `tb`, shifting back the entries after
 * it that probed past it. */
static void ac__slot_delete(struct ac__owners *tb, struct ac__owned *o)
{
	size_t i = (size_t)(o - tb->slot), j = i;
	for (;;) {
		j = (j + 1) & (tb->cap - 1);
		if (!tb->slot[j].owner)
			break;
		size_t h = ac__owner_hash(tb->slot[j].owner, tb->cap);
		/* j's entry may move to i unless its home lies in (i, j] */
		bool stays = i <= j ? (i < h && h <= j) : (i < h || h <= j);
		if (stays)
			continue;
		tb->slot[i] = tb->slot[j];
		i = j;
	}
	tb->slot[i].owner = NULL;
	tb->count--;
}

static void ac__owned_delete(struct ac__owned *o)
{
	ac__slot_delete(&OWN, o);
}

/*
 * Held tasks (task.c): a task its returned owner waits for while another
 * task awaits it.  Its completion asks which owner that is: a second
 * table of the same kind, keyed by the held task, whose entry names the
 * owner in `holder`.
 */
void ac__held_put(ac_task *t, ac_task *owner)
{
	if (!ac__table_reserve(&ac__L.held))
		ac__out_of_memory(owner->info->name);
	struct ac__owned *o = ac__slot_in(&ac__L.held, t);
	assert(!o->owner);
	*o = (struct ac__owned){ .owner = t, .holder = owner };
	ac__L.held.count++;
}

ac_task *ac__held_take(const ac_task *t)
{
	struct ac__owned *o = ac__slot_in(&ac__L.held, t);
	assert(o->owner == t);
	ac_task *owner = o->holder;
	ac__slot_delete(&ac__L.held, o);
	ac__L.held.last = NULL;
	return owner;
}

struct ac__owned ac__owned_take(ac_task *owner)
{
	struct ac__owned none = { NULL, NULL, 0, 0, NULL };
	if (!(owner->flags & AC_TASK_OWNS) || OWN.count == 0) {
		owner->flags &= ~AC_TASK_OWNS; /* (the table went with a shutdown) */
		return none;
	}
	struct ac__owned *o = ac__owned_slot(owner);
	assert(o->owner == owner);
	struct ac__owned r = *o;
	ac__owned_delete(o);
	owner->flags &= ~AC_TASK_OWNS;
	return r;
}

/* The frame whose list holds `t`, searching the whole table: for a task
 * whose owner is not on the running chain (ac__owner_of looks there
 * first). */
ac_task *ac__owner_find(const ac_task *t)
{
	for (size_t i = 0; i < OWN.cap; i++) {
		const struct ac__owned *o = &OWN.slot[i];
		if (o->owner && ac__owned_index(o, t) < o->n)
			return o->owner;
	}
	return NULL;
}

/* The owner of `t` when `t` is the task adopted last and still the newest
 * in its owner's list (a loop that makes a task and detaches or spawns it
 * at once), else NULL: the case answered without a search. */
ac_task *ac__owner_last(const ac_task *t)
{
	const struct ac__owned *o = OWN.last;
	if (o && o->owner && o->n && o->tasks[o->n - 1] == t)
		return o->owner;
	return NULL;
}

/* Takes `t` off owner's list. */
void ac__disown(ac_task *owner, ac_task *t)
{
	struct ac__owned *o = ac__owned_slot(owner);
	size_t i = ac__owned_index(o, t);
	assert(o->owner == owner && i < o->n);
	if (i + 1 < o->n) /* (usually the newest: nothing to move) */
		memmove(&o->tasks[i], &o->tasks[i + 1],
			(o->n - i - 1) * sizeof *o->tasks);
	o->n--;
}

/* Forgets every list (shutdown); the tasks in them are abandoned. */
void ac__owners_drop(void)
{
	for (size_t i = 0; i < OWN.cap; i++)
		if (OWN.slot[i].owner)
			free(OWN.slot[i].tasks); /* (owners may be gone: not touched) */
	free(OWN.slot);
	OWN.slot = NULL;
	OWN.last = NULL;
	OWN.cap = OWN.count = 0;
	free(ac__L.held.slot);
	memset(&ac__L.held, 0, sizeof ac__L.held);
}
