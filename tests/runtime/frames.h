/*
 * frames.h - async functions written by hand exactly as asyncc emits them,
 * shared by the runtime test suites, plus a trace buffer to check order.
 *
 * The .ca source each frame stands for is given above its definition in
 * frames.c.
 */
#ifndef RT_FRAMES_H
#define RT_FRAMES_H

#include "asyncc.h"

/* ------------------------------------------------------------ tracing */
extern char rt_trace_buf[4096];
void rt_trace(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void rt_trace_reset(void);

/* Fixture helpers: virtual clock on; shutdown must leave nothing behind. */
void rt_setup_virtual(void);
void rt_setup_real(void);
void rt_teardown(void);

/* What ac_task_dump prints now, as a string the caller frees. */
char *rt_dump_text(void);

/* ------------------------------------------------- async int twice(int x) */
struct twice__frame {
	ac_task hdr;
	int result;
	int x;
};
void twice__init(struct twice__frame *F, int x);
ac_task *twice__new(int x);

/* ---------------------------------------- async int sleeper(int id, int ms) */
struct sleeper__frame {
	ac_task hdr;
	int result;
	int id;
	int ms;
	int r;
	union {
		struct ac_sleep__frame a1;
	} aw;
};
void sleeper__init(struct sleeper__frame *F, int id, int ms);
ac_task *sleeper__new(int id, int ms);

/* ---------------------------- async int slot_sleeper(int id, int ms)
 * The same as sleeper, but its sleep is the slot asyncc emits for `await
 * ac_sleep(ms)` written as such: the task waits in the timers itself. */
struct slot_sleeper__frame {
	ac_task hdr;
	int result;
	int id;
	int ms;
	int r;
	union {
		struct ac__sleep a1;
	} aw;
};
void slot_sleeper__init(struct slot_sleeper__frame *F, int id, int ms);

/* ---------------------------------------- async int yielder(int id, int n) */
struct yielder__frame {
	ac_task hdr;
	int result;
	int id;
	int n;
	int i;
	union {
		struct ac_yield__frame a1;
	} aw;
};
void yielder__init(struct yielder__frame *F, int id, int n);
ac_task *yielder__new(int id, int n);

/* ------------------------------------------------ async int nested(int ms) */
struct nested__frame {
	ac_task hdr;
	int result;
	int ms;
	union {
		struct sleeper__frame a1;
	} aw;
};
void nested__init(struct nested__frame *F, int ms);
ac_task *nested__new(int ms);

/* ----------------------------------------------------- async int victim() */
struct victim__frame {
	ac_task hdr;
	int result;
	int r1, r2, r3;
	union {
		struct ac_sleep__frame a1;
		struct ac_sleep__frame a2;
		struct ac_yield__frame a3;
	} aw;
};
void victim__init(struct victim__frame *F);
ac_task *victim__new(void);

/* ------------------------- async int canceller(ac_task *target, int ms) */
struct canceller__frame {
	ac_task hdr;
	int result;
	ac_task *target;
	int ms;
	union {
		struct ac_sleep__frame a1;
	} aw;
};
void canceller__init(struct canceller__frame *F, ac_task *target, int ms);
ac_task *canceller__new(ac_task *target, int ms);

/* ---------------------------- async int gather3(int ms1, int ms2, int ms3) */
struct gather3__frame {
	ac_task hdr;
	int result;
	int ms[3];
	ac_task *t[3];
	int g;
	int s;
	union {
		struct ac_gather__frame a1;
	} aw;
};
void gather3__init(struct gather3__frame *F, int ms1, int ms2, int ms3);
ac_task *gather3__new(int ms1, int ms2, int ms3);

/* ------------------------------ async int producer(ac_chan *c, int id, int n) */
struct producer__frame {
	ac_task hdr;
	int result;
	ac_chan *c;
	int id;
	int n;
	int i;
	int v; /* its address is taken: lives in the frame */
	int r;
	union {
		struct ac_chan_send__frame a1;
	} aw;
};
void producer__init(struct producer__frame *F, ac_chan *c, int id, int n);
ac_task *producer__new(ac_chan *c, int id, int n);

/* ------------------------ async int consumer(ac_chan *c, int id, int ms) */
struct consumer__frame {
	ac_task hdr;
	int result;
	ac_chan *c;
	int id;
	int ms;
	int v;
	int got;
	int r;
	union {
		struct ac_chan_recv__frame a1;
		struct ac_sleep__frame a2;
	} aw;
};
void consumer__init(struct consumer__frame *F, ac_chan *c, int id, int ms);
ac_task *consumer__new(ac_chan *c, int id, int ms);

/* --------------------------------- async int closer(ac_chan *c, int ms) */
struct closer__frame {
	ac_task hdr;
	int result;
	ac_chan *c;
	int ms;
	union {
		struct ac_sleep__frame a1;
	} aw;
};
void closer__init(struct closer__frame *F, ac_chan *c, int ms);

#endif /* RT_FRAMES_H */
