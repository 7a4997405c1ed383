/*
 * frames.c - hand-written equivalents of asyncc output; see frames.h.
 */
#include "frames.h"

#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

AC_ABI_CHECK(9);

char rt_trace_buf[4096];

void rt_trace(const char *fmt, ...)
{
	size_t len = strlen(rt_trace_buf);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(rt_trace_buf + len, sizeof rt_trace_buf - len, fmt, ap);
	va_end(ap);
}

void rt_trace_reset(void)
{
	rt_trace_buf[0] = '\0';
}

void rt_setup_virtual(void)
{
	rt_trace_reset();
	ac_clock_virtual(1);
}

void rt_setup_real(void)
{
	rt_trace_reset();
	ac_clock_virtual(0);
}

void rt_teardown(void)
{
	ck_assert_int_eq(ac_runtime_shutdown(), 0);
}

char *rt_dump_text(void)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	ck_assert_ptr_nonnull(out);
	ac_task_dump(out);
	fclose(out);
	return text;
}

/*
 * 1 async int twice(int x) {
 * 2     return 2 * x;
 * 3 }
 */
static ac_status twice__step(ac_task *self);
static const int twice__lines[] = { 1 };
static const ac_fn_info twice__info = { "twice", "t.ca", 1, 1, twice__lines,
					sizeof(struct twice__frame) };
void twice__init(struct twice__frame *F, int x)
{
	ac__task_init(&F->hdr, twice__step, &twice__info, &F->result);
	F->x = x;
}
ac_task *twice__new(int x)
{
	struct twice__frame *F = ac__frame_alloc(sizeof *F);
	if (!F)
		return NULL;
	twice__init(F, x);
	F->hdr.flags |= AC_TASK_HEAP;
	return &F->hdr;
}
static ac_status twice__step(ac_task *self)
{
	struct twice__frame *F = (struct twice__frame *)self;
	switch (F->hdr.state) {
	case 0:
		break;
	}
	F->result = 2 * F->x;
	return ac__task_finish(&F->hdr);
}

/*
 * 10 async int sleeper(int id, int ms) {
 * 11     trace("%d+%llu ", id, ac_now());
 * 12     int r = await ac_sleep(ms);
 * 13     trace("%d-%llu ", id, ac_now());
 * 14     return r == 0 ? id : r;
 * 15 }
 */
static ac_status sleeper__step(ac_task *self);
static const int sleeper__lines[] = { 10, 12 };
static const ac_fn_info sleeper__info = { "sleeper", "t.ca", 10, 2,
					  sleeper__lines,
					  sizeof(struct sleeper__frame) };
void sleeper__init(struct sleeper__frame *F, int id, int ms)
{
	ac__task_init(&F->hdr, sleeper__step, &sleeper__info, &F->result);
	F->id = id;
	F->ms = ms;
}
ac_task *sleeper__new(int id, int ms)
{
	struct sleeper__frame *F = ac__frame_alloc(sizeof *F);
	if (!F)
		return NULL;
	sleeper__init(F, id, ms);
	F->hdr.flags |= AC_TASK_HEAP;
	return &F->hdr;
}
static ac_status sleeper__step(ac_task *self)
{
	struct sleeper__frame *F = (struct sleeper__frame *)self;
	switch (F->hdr.state) {
	case 0:
		break;
	case 1:
		goto ac_L12;
	}
	rt_trace("%d+%llu ", F->id, (unsigned long long)ac_now());
	ac_sleep__init(&F->aw.a1, (uint64_t)F->ms);
	if (ac__await(&F->hdr, &F->aw.a1.hdr)) {
		F->hdr.state = 1;
		return AC_PENDING;
	ac_L12:;
	}
	F->r = *(int *)ac_task_result(&F->aw.a1.hdr);
	rt_trace("%d-%llu ", F->id, (unsigned long long)ac_now());
	F->result = F->r == 0 ? F->id : F->r;
	return ac__task_finish(&F->hdr);
}

/*
 * 16 async int slot_sleeper(int id, int ms) {
 * 17     trace("%d+%llu ", id, ac_now());
 * 18     int r = await ac_sleep(ms);
 * 19     trace("%d-%llu ", id, ac_now());
 *        return r == 0 ? id : r;
 *    }
 */
static ac_status slot_sleeper__step(ac_task *self);
static const int slot_sleeper__lines[] = { 16, 18 };
static const ac_fn_info slot_sleeper__info = {
	"slot_sleeper", "t.ca", 16, 2, slot_sleeper__lines,
	sizeof(struct slot_sleeper__frame)
};
void slot_sleeper__init(struct slot_sleeper__frame *F, int id, int ms)
{
	ac__task_init(&F->hdr, slot_sleeper__step, &slot_sleeper__info,
		      &F->result);
	F->id = id;
	F->ms = ms;
}
static ac_status slot_sleeper__step(ac_task *self)
{
	struct slot_sleeper__frame *F = (struct slot_sleeper__frame *)self;
	switch (F->hdr.state) {
	case 0:
		break;
	case 1:
		goto ac_L18;
	}
	rt_trace("%d+%llu ", F->id, (unsigned long long)ac_now());
	if (ac__sleep_begin(&F->hdr, &F->aw.a1, (uint64_t)F->ms)) {
		F->hdr.state = 1;
		return AC_PENDING;
	ac_L18:;
	}
	F->r = ac__sleep_result(&F->aw.a1);
	rt_trace("%d-%llu ", F->id, (unsigned long long)ac_now());
	F->result = F->r == 0 ? F->id : F->r;
	return ac__task_finish(&F->hdr);
}

/*
 * 20 async int yielder(int id, int n) {
 * 21     for (int i = 0; i < n; i++) {
 * 22         trace("%d ", id);
 * 23         await ac_yield();
 * 24     }
 * 25     return n;
 * 26 }
 */
static ac_status yielder__step(ac_task *self);
static const int yielder__lines[] = { 20, 23 };
static const ac_fn_info yielder__info = { "yielder", "t.ca", 20, 2,
					  yielder__lines,
					  sizeof(struct yielder__frame) };
void yielder__init(struct yielder__frame *F, int id, int n)
{
	ac__task_init(&F->hdr, yielder__step, &yielder__info, &F->result);
	F->id = id;
	F->n = n;
}
ac_task *yielder__new(int id, int n)
{
	struct yielder__frame *F = ac__frame_alloc(sizeof *F);
	if (!F)
		return NULL;
	yielder__init(F, id, n);
	F->hdr.flags |= AC_TASK_HEAP;
	return &F->hdr;
}
static ac_status yielder__step(ac_task *self)
{
	struct yielder__frame *F = (struct yielder__frame *)self;
	switch (F->hdr.state) {
	case 0:
		break;
	case 1:
		goto ac_L23;
	}
	for (F->i = 0; F->i < F->n; F->i++) {
		rt_trace("%d ", F->id);
		ac_yield__init(&F->aw.a1);
		if (ac__await(&F->hdr, &F->aw.a1.hdr)) {
			F->hdr.state = 1;
			return AC_PENDING;
		ac_L23:;
		}
	}
	F->result = F->n;
	return ac__task_finish(&F->hdr);
}

/*
 * 30 async int nested(int ms) {
 * 31     return 100 + await sleeper(7, ms);
 * 32 }
 */
static ac_status nested__step(ac_task *self);
static const int nested__lines[] = { 30, 31 };
static const ac_fn_info nested__info = { "nested", "t.ca", 30, 2,
					 nested__lines,
					 sizeof(struct nested__frame) };
void nested__init(struct nested__frame *F, int ms)
{
	ac__task_init(&F->hdr, nested__step, &nested__info, &F->result);
	F->ms = ms;
}
ac_task *nested__new(int ms)
{
	struct nested__frame *F = ac__frame_alloc(sizeof *F);
	if (!F)
		return NULL;
	nested__init(F, ms);
	F->hdr.flags |= AC_TASK_HEAP;
	return &F->hdr;
}
static ac_status nested__step(ac_task *self)
{
	struct nested__frame *F = (struct nested__frame *)self;
	switch (F->hdr.state) {
	case 0:
		break;
	case 1:
		goto ac_L31;
	}
	sleeper__init(&F->aw.a1, 7, F->ms);
	if (ac__await(&F->hdr, &F->aw.a1.hdr)) {
		F->hdr.state = 1;
		return AC_PENDING;
	ac_L31:;
	}
	F->result = 100 + *(int *)ac_task_result(&F->aw.a1.hdr);
	return ac__task_finish(&F->hdr);
}

/*
 * 40 async int victim(void) {
 * 41     int r1 = await ac_sleep(10000);
 * 42     trace("v1=%d@%llu ", r1, ac_now());
 * 43     int r2 = await ac_sleep(5);
 * 44     int r3 = await ac_yield();
 * 45     trace("v2=%d v3=%d@%llu ", r2, r3, ac_now());
 * 46     return r1;
 * 47 }
 */
static ac_status victim__step(ac_task *self);
static const int victim__lines[] = { 40, 41, 43, 44 };
static const ac_fn_info victim__info = { "victim", "t.ca", 40, 4,
					 victim__lines,
					 sizeof(struct victim__frame) };
void victim__init(struct victim__frame *F)
{
	ac__task_init(&F->hdr, victim__step, &victim__info, &F->result);
}
ac_task *victim__new(void)
{
	struct victim__frame *F = ac__frame_alloc(sizeof *F);
	if (!F)
		return NULL;
	victim__init(F);
	F->hdr.flags |= AC_TASK_HEAP;
	return &F->hdr;
}
static ac_status victim__step(ac_task *self)
{
	struct victim__frame *F = (struct victim__frame *)self;
	switch (F->hdr.state) {
	case 0:
		break;
	case 1:
		goto ac_L41;
	case 2:
		goto ac_L43;
	case 3:
		goto ac_L44;
	}
	ac_sleep__init(&F->aw.a1, 10000);
	if (ac__await(&F->hdr, &F->aw.a1.hdr)) {
		F->hdr.state = 1;
		return AC_PENDING;
	ac_L41:;
	}
	F->r1 = F->aw.a1.result;
	rt_trace("v1=%d@%llu ", F->r1, (unsigned long long)ac_now());
	ac_sleep__init(&F->aw.a2, 5);
	if (ac__await(&F->hdr, &F->aw.a2.hdr)) {
		F->hdr.state = 2;
		return AC_PENDING;
	ac_L43:;
	}
	F->r2 = F->aw.a2.result;
	ac_yield__init(&F->aw.a3);
	if (ac__await(&F->hdr, &F->aw.a3.hdr)) {
		F->hdr.state = 3;
		return AC_PENDING;
	ac_L44:;
	}
	F->r3 = F->aw.a3.result;
	rt_trace("v2=%d v3=%d@%llu ", F->r2, F->r3, (unsigned long long)ac_now());
	F->result = F->r1;
	return ac__task_finish(&F->hdr);
}

/*
 * 50 async int canceller(ac_task *target, int ms) {
 * 51     await ac_sleep(ms);
 * 52     trace("cancel@%llu ", ac_now());
 * 53     return ac_task_cancel(target);
 * 54 }
 */
static ac_status canceller__step(ac_task *self);
static const int canceller__lines[] = { 50, 51 };
static const ac_fn_info canceller__info = { "canceller", "t.ca", 50, 2,
					    canceller__lines,
					    sizeof(struct canceller__frame) };
void canceller__init(struct canceller__frame *F, ac_task *target, int ms)
{
	ac__task_init(&F->hdr, canceller__step, &canceller__info, &F->result);
	F->target = target;
	F->ms = ms;
}
ac_task *canceller__new(ac_task *target, int ms)
{
	struct canceller__frame *F = ac__frame_alloc(sizeof *F);
	if (!F)
		return NULL;
	canceller__init(F, target, ms);
	F->hdr.flags |= AC_TASK_HEAP;
	return &F->hdr;
}
static ac_status canceller__step(ac_task *self)
{
	struct canceller__frame *F = (struct canceller__frame *)self;
	switch (F->hdr.state) {
	case 0:
		break;
	case 1:
		goto ac_L51;
	}
	ac_sleep__init(&F->aw.a1, (uint64_t)F->ms);
	if (ac__await(&F->hdr, &F->aw.a1.hdr)) {
		F->hdr.state = 1;
		return AC_PENDING;
	ac_L51:;
	}
	rt_trace("cancel@%llu ", (unsigned long long)ac_now());
	F->result = ac_task_cancel(F->target);
	return ac__task_finish(&F->hdr);
}

/*
 * 70 async int gather3(int ms1, int ms2, int ms3) {
 * 71     ac_task *t[3] = { sleeper(1, ms1), sleeper(2, ms2), sleeper(3, ms3) };
 * 72     int g = await ac_gather(t, 3);
 * 73     trace("g=%d@%llu ", g, ac_now());
 * 74     int s = await t[0];
 * 75     s += await t[1];
 * 76     s += await t[2];
 * 77     return s;
 * 78 }
 */
static ac_status gather3__step(ac_task *self);
static const int gather3__lines[] = { 70, 72, 74, 75, 76 };
static const ac_fn_info gather3__info = { "gather3", "t.ca", 70, 5,
					  gather3__lines,
					  sizeof(struct gather3__frame) };
void gather3__init(struct gather3__frame *F, int ms1, int ms2, int ms3)
{
	ac__task_init(&F->hdr, gather3__step, &gather3__info, &F->result);
	F->ms[0] = ms1;
	F->ms[1] = ms2;
	F->ms[2] = ms3;
}
ac_task *gather3__new(int ms1, int ms2, int ms3)
{
	struct gather3__frame *F = ac__frame_alloc(sizeof *F);
	if (!F)
		return NULL;
	gather3__init(F, ms1, ms2, ms3);
	F->hdr.flags |= AC_TASK_HEAP;
	return &F->hdr;
}
static ac_status gather3__step(ac_task *self)
{
	struct gather3__frame *F = (struct gather3__frame *)self;
	switch (F->hdr.state) {
	case 0:
		break;
	case 1:
		goto ac_L72;
	case 2:
		goto ac_L74;
	case 3:
		goto ac_L75;
	case 4:
		goto ac_L76;
	}
	for (int i = 0; i < 3; i++) {
		F->t[i] = sleeper__new(i + 1, F->ms[i]);
		ac__task_adopt(&F->hdr, F->t[i]);
	}
	ac_gather__init(&F->aw.a1, F->t, 3);
	if (ac__await(&F->hdr, &F->aw.a1.hdr)) {
		F->hdr.state = 1;
		return AC_PENDING;
	ac_L72:;
	}
	F->g = F->aw.a1.result;
	rt_trace("g=%d@%llu ", F->g, (unsigned long long)ac_now());
	if (ac__await(&F->hdr, F->t[0])) {
		F->hdr.state = 2;
		return AC_PENDING;
	ac_L74:;
	}
	F->s = *(int *)ac_task_result(F->t[0]);
	if (ac__await(&F->hdr, F->t[1])) {
		F->hdr.state = 3;
		return AC_PENDING;
	ac_L75:;
	}
	F->s += *(int *)ac_task_result(F->t[1]);
	if (ac__await(&F->hdr, F->t[2])) {
		F->hdr.state = 4;
		return AC_PENDING;
	ac_L76:;
	}
	F->s += *(int *)ac_task_result(F->t[2]);
	F->result = F->s;
	return ac__task_finish(&F->hdr);
}

/*
 * 80 async int producer(ac_chan *c, int id, int n) {
 * 81     for (int i = 0; i < n; i++) {
 * 82         int v = id * 100 + i;
 * 83         int r = await ac_chan_send(c, &v);
 * 84         trace("s%d=%d@%llu ", v, r, ac_now());
 * 85         if (r < 0)
 * 86             return r;
 * 87     }
 * 88     return n;
 * 89 }
 */
static ac_status producer__step(ac_task *self);
static const int producer__lines[] = { 80, 83 };
static const ac_fn_info producer__info = { "producer", "t.ca", 80, 2,
					   producer__lines,
					   sizeof(struct producer__frame) };
void producer__init(struct producer__frame *F, ac_chan *c, int id, int n)
{
	ac__task_init(&F->hdr, producer__step, &producer__info, &F->result);
	F->c = c;
	F->id = id;
	F->n = n;
}
ac_task *producer__new(ac_chan *c, int id, int n)
{
	struct producer__frame *F = ac__frame_alloc(sizeof *F);
	if (!F)
		return NULL;
	producer__init(F, c, id, n);
	F->hdr.flags |= AC_TASK_HEAP;
	return &F->hdr;
}
static ac_status producer__step(ac_task *self)
{
	struct producer__frame *F = (struct producer__frame *)self;
	switch (F->hdr.state) {
	case 0:
		break;
	case 1:
		goto ac_L83;
	}
	for (F->i = 0; F->i < F->n; F->i++) {
		F->v = F->id * 100 + F->i;
		ac_chan_send__init(&F->aw.a1, F->c, &F->v);
		if (ac__await(&F->hdr, &F->aw.a1.hdr)) {
			F->hdr.state = 1;
			return AC_PENDING;
		ac_L83:;
		}
		F->r = F->aw.a1.result;
		rt_trace("s%d=%d@%llu ", F->v, F->r,
			 (unsigned long long)ac_now());
		if (F->r < 0) {
			F->result = F->r;
			goto ac_return;
		}
	}
	F->result = F->n;
ac_return:
	return ac__task_finish(&F->hdr);
}

/*
 * 90 async int consumer(ac_chan *c, int id, int ms) {
 * 91     int v, got = 0, r;
 * 92     while ((r = await ac_chan_recv(c, &v)) == 0) {
 * 93         trace("r%d=%d@%llu ", id, v, ac_now());
 * 94         got++;
 * 95         if (ms)
 * 96             await ac_sleep(ms);
 * 97     }
 * 98     trace("r%d:%d ", id, r);
 * 99     return got;
 * 100 }
 */
static ac_status consumer__step(ac_task *self);
static const int consumer__lines[] = { 90, 92, 96 };
static const ac_fn_info consumer__info = { "consumer", "t.ca", 90, 3,
					   consumer__lines,
					   sizeof(struct consumer__frame) };
void consumer__init(struct consumer__frame *F, ac_chan *c, int id, int ms)
{
	ac__task_init(&F->hdr, consumer__step, &consumer__info, &F->result);
	F->c = c;
	F->id = id;
	F->ms = ms;
}
ac_task *consumer__new(ac_chan *c, int id, int ms)
{
	struct consumer__frame *F = ac__frame_alloc(sizeof *F);
	if (!F)
		return NULL;
	consumer__init(F, c, id, ms);
	F->hdr.flags |= AC_TASK_HEAP;
	return &F->hdr;
}
static ac_status consumer__step(ac_task *self)
{
	struct consumer__frame *F = (struct consumer__frame *)self;
	switch (F->hdr.state) {
	case 0:
		break;
	case 1:
		goto ac_L92;
	case 2:
		goto ac_L96;
	}
	F->got = 0;
	for (;;) {
		ac_chan_recv__init(&F->aw.a1, F->c, &F->v);
		if (ac__await(&F->hdr, &F->aw.a1.hdr)) {
			F->hdr.state = 1;
			return AC_PENDING;
		ac_L92:;
		}
		if ((F->r = F->aw.a1.result) != 0)
			break;
		rt_trace("r%d=%d@%llu ", F->id, F->v,
			 (unsigned long long)ac_now());
		F->got++;
		if (F->ms) {
			ac_sleep__init(&F->aw.a2, (uint64_t)F->ms);
			if (ac__await(&F->hdr, &F->aw.a2.hdr)) {
				F->hdr.state = 2;
				return AC_PENDING;
			ac_L96:;
			}
		}
	}
	rt_trace("r%d:%d ", F->id, F->r);
	F->result = F->got;
	return ac__task_finish(&F->hdr);
}

/*
 * 110 async int closer(ac_chan *c, int ms) {
 * 111     await ac_sleep(ms);
 * 112     trace("close@%llu ", ac_now());
 * 113     ac_chan_close(c);
 * 114     return 0;
 * 115 }
 */
static ac_status closer__step(ac_task *self);
static const int closer__lines[] = { 110, 111 };
static const ac_fn_info closer__info = { "closer", "t.ca", 110, 2,
					 closer__lines,
					 sizeof(struct closer__frame) };
void closer__init(struct closer__frame *F, ac_chan *c, int ms)
{
	ac__task_init(&F->hdr, closer__step, &closer__info, &F->result);
	F->c = c;
	F->ms = ms;
}
static ac_status closer__step(ac_task *self)
{
	struct closer__frame *F = (struct closer__frame *)self;
	switch (F->hdr.state) {
	case 0:
		break;
	case 1:
		goto ac_L111;
	}
	ac_sleep__init(&F->aw.a1, (uint64_t)F->ms);
	if (ac__await(&F->hdr, &F->aw.a1.hdr)) {
		F->hdr.state = 1;
		return AC_PENDING;
	ac_L111:;
	}
	rt_trace("close@%llu ", (unsigned long long)ac_now());
	ac_chan_close(F->c);
	F->result = 0;
	return ac__task_finish(&F->hdr);
}
