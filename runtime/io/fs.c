/*
 * fs.c - files on libuv's thread pool: open, read, write, close, stat,
 * unlink, rename, and whole-file helpers.
 *
 * The single-call operations share one frame layout (AC__FS_FIELDS) and
 * one step; `kind` says which libuv call it makes.  The whole-file helpers
 * run the whole open/read/close sequence as one piece of work on a pool
 * thread, so a file costs one trip through the pool.
 *
 * Cancelling removes a request that has not started (AC_ECANCELED).  One
 * that already runs is waited for and reports what it did (a descriptor
 * opened, bytes written), so a cancelled task can still release it; only
 * ac_fs_read_file frees its data and yields AC_ECANCELED.  A close is
 * never cancelled: it runs in a cancelled task too.
 */
#include "asyncc-internal.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct ac_fs_open__frame ac__fs_frame;
typedef struct ac_fs_read_file__frame ac__file_frame;

AC__IO_CHECK(ac__fs_frame);
AC__IO_CHECK(ac__file_frame);

enum { AC__FS_OPEN, AC__FS_READ, AC__FS_WRITE, AC__FS_CLOSE, AC__FS_STAT,
       AC__FS_UNLINK, AC__FS_RENAME };

/* stat(2)'s struct from libuv's. */
static void ac__stat_from_uv(struct stat *st, const uv_stat_t *u)
{
	memset(st, 0, sizeof *st);
	st->st_dev = (dev_t)u->st_dev;
	st->st_ino = (ino_t)u->st_ino;
	st->st_mode = (mode_t)u->st_mode;
	st->st_nlink = (nlink_t)u->st_nlink;
	st->st_uid = (uid_t)u->st_uid;
	st->st_gid = (gid_t)u->st_gid;
	st->st_rdev = (dev_t)u->st_rdev;
	st->st_size = (off_t)u->st_size;
	st->st_blksize = (blksize_t)u->st_blksize;
	st->st_blocks = (blkcnt_t)u->st_blocks;
	st->st_atim.tv_sec = u->st_atim.tv_sec;
	st->st_atim.tv_nsec = u->st_atim.tv_nsec;
	st->st_mtim.tv_sec = u->st_mtim.tv_sec;
	st->st_mtim.tv_nsec = u->st_mtim.tv_nsec;
	st->st_ctim.tv_sec = u->st_ctim.tv_sec;
	st->st_ctim.tv_nsec = u->st_ctim.tv_nsec;
}

static void ac__fs_cb(uv_fs_t *req)
{
	ac__fs_frame *F = req->data;
	ssize_t r = req->result;
	if (r >= 0 && F->kind == AC__FS_STAT && F->st)
		ac__stat_from_uv(F->st, &req->statbuf);
	uv_fs_req_cleanup(req);
	ac__io_end((struct ac__io *)F, r > INT_MAX ? INT_MAX : (int)r);
}

/* Starts the libuv call for F's kind. */
static int ac__fs_start(ac__fs_frame *F)
{
	uv_loop_t *l = &ac__L.uv;
	uv_fs_t *r = AC__UV(uv_fs_t, F->req);
	uv_buf_t b = { .base = F->buf, .len = F->n };
	switch (F->kind) {
	case AC__FS_OPEN:
		return uv_fs_open(l, r, F->path, F->flags, F->mode, ac__fs_cb);
	case AC__FS_READ:
		return uv_fs_read(l, r, F->fd, &b, 1, F->off, ac__fs_cb);
	case AC__FS_WRITE:
		return uv_fs_write(l, r, F->fd, &b, 1, F->off, ac__fs_cb);
	case AC__FS_CLOSE:
		return uv_fs_close(l, r, F->fd, ac__fs_cb);
	case AC__FS_STAT:
		return uv_fs_stat(l, r, F->path, ac__fs_cb);
	case AC__FS_UNLINK:
		return uv_fs_unlink(l, r, F->path, ac__fs_cb);
	default:
		return uv_fs_rename(l, r, F->path, F->path2, ac__fs_cb);
	}
}

static ac_status ac__fs_step(ac_task *self)
{
	ac__fs_frame *F = (void *)self;
	if (self->state)
		return ac__io_step(self);
	/* a close runs even in a cancelled task, which releases its file so */
	if (F->kind != AC__FS_CLOSE && ac__cancelled(self))
		return ac__leaf_done(self, AC_ECANCELED);
	bool needs_path = F->kind == AC__FS_OPEN || F->kind >= AC__FS_STAT;
	if ((needs_path && !F->path) ||
	    (F->kind == AC__FS_RENAME && !F->path2) || F->n > INT_MAX ||
	    ((F->kind == AC__FS_READ || F->kind == AC__FS_WRITE) && !F->buf &&
	     F->n))
		return ac__leaf_done(self, AC_EINVAL);
	int rc = ac__io_begin((struct ac__io *)F);
	if (rc < 0)
		return ac__leaf_done(self, rc);
	AC__UV(uv_fs_t, F->req)->data = F;
	rc = ac__fs_start(F);
	if (rc < 0)
		ac__io_end((struct ac__io *)F, rc);
	return AC_PENDING;
}

static void ac__fs_cancel(ac_task *self)
{
	ac__fs_frame *F = (void *)self;
	if (F->kind != AC__FS_CLOSE && ac__io_pending((struct ac__io *)F))
		uv_cancel(AC__UV(uv_req_t, F->req)); /* (a close is not dropped) */
}

static void ac__fs_describe(FILE *out, const ac_task *t)
{
	const ac__fs_frame *F = (const void *)t;
	static const char *const what[] = { "opening", "reading", "writing",
					    "closing", "stat of", "unlinking",
					    "renaming" };
	fprintf(out, " %s", what[F->kind]);
	if (F->path)
		fprintf(out, " %s", F->path);
	else
		fprintf(out, " fd %d", F->fd);
}

/* The operations on one file or name share a frame and its hooks. */
#define AC__FS_INFO(var, name)                                               \
	static AC__OP_INFO_CANCEL(var, name, ac__fs_frame, ac__fs_describe,  \
				  ac__fs_cancel)
AC__FS_INFO(ac__fs_open_info, "ac_fs_open");
AC__FS_INFO(ac__fs_read_info, "ac_fs_read");
AC__FS_INFO(ac__fs_write_info, "ac_fs_write");
AC__FS_INFO(ac__fs_close_info, "ac_fs_close");
AC__FS_INFO(ac__fs_stat_info, "ac_fs_stat");
AC__FS_INFO(ac__fs_unlink_info, "ac_fs_unlink");
AC__FS_INFO(ac__fs_rename_info, "ac_fs_rename");

static void ac__fs_init(void *frame, int kind, const struct ac__op_info *info)
{
	ac__fs_frame *F = frame;
	ac__io_init((struct ac__io *)F, ac__fs_step, info);
	F->kind = kind;
	F->fd = -1;
	F->flags = F->mode = 0;
	F->path = F->path2 = NULL;
	F->buf = NULL;
	F->n = 0;
	F->off = -1;
	F->st = NULL;
}

void ac_fs_open__init(struct ac_fs_open__frame *F, const char *path,
		      int flags, int mode)
{
	ac__fs_init(F, AC__FS_OPEN, &ac__fs_open_info);
	F->path = path;
	F->flags = flags;
	F->mode = mode;
}

void ac_fs_read__init(struct ac_fs_read__frame *F, int fd, void *buf,
		      size_t n, int64_t off)
{
	ac__fs_init(F, AC__FS_READ, &ac__fs_read_info);
	F->fd = fd;
	F->buf = buf;
	F->n = n;
	F->off = off < 0 ? -1 : off;
}

void ac_fs_write__init(struct ac_fs_write__frame *F, int fd, const void *buf,
		       size_t n, int64_t off)
{
	ac__fs_init(F, AC__FS_WRITE, &ac__fs_write_info);
	F->fd = fd;
	F->buf = (void *)buf; /* only read from */
	F->n = n;
	F->off = off < 0 ? -1 : off;
}

void ac_fs_close__init(struct ac_fs_close__frame *F, int fd)
{
	ac__fs_init(F, AC__FS_CLOSE, &ac__fs_close_info);
	F->fd = fd;
}

void ac_fs_stat__init(struct ac_fs_stat__frame *F, const char *path,
		      struct stat *st)
{
	ac__fs_init(F, AC__FS_STAT, &ac__fs_stat_info);
	F->path = path;
	F->st = st;
}

void ac_fs_unlink__init(struct ac_fs_unlink__frame *F, const char *path)
{
	ac__fs_init(F, AC__FS_UNLINK, &ac__fs_unlink_info);
	F->path = path;
}

void ac_fs_rename__init(struct ac_fs_rename__frame *F, const char *from,
			const char *to)
{
	ac__fs_init(F, AC__FS_RENAME, &ac__fs_rename_info);
	F->path = from;
	F->path2 = to;
}

AC__OP_NEW(ac_fs_open, (const char *path, int flags, int mode), path, flags,
	   mode)
AC__OP_NEW(ac_fs_read, (int fd, void *buf, size_t n, int64_t off), fd, buf, n,
	   off)
AC__OP_NEW(ac_fs_write, (int fd, const void *buf, size_t n, int64_t off), fd,
	   buf, n, off)
AC__OP_NEW(ac_fs_close, (int fd), fd)
AC__OP_NEW(ac_fs_stat, (const char *path, struct stat *st), path, st)
AC__OP_NEW(ac_fs_unlink, (const char *path), path)
AC__OP_NEW(ac_fs_rename, (const char *from, const char *to), from, to)

/* ----------------------------------------------------- whole files */

static const struct ac__op_info ac__read_file_info;

/* Whether F is a read (else a write) of a whole file. */
static bool ac__file_reading(const ac__file_frame *F)
{
	return F->hdr.info == &ac__read_file_info.fn;
}

/* On a pool thread: the whole file into a malloc'd, NUL-terminated buffer;
 * 0 or a negative errno. */
static int ac__slurp(const char *path, char **data, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	struct stat st;
	size_t cap = fstat(fd, &st) == 0 && st.st_size > 0
			     ? (size_t)st.st_size + 1 : 4096;
	size_t n = 0;
	char *buf = malloc(cap);
	int rc = buf ? 0 : -ENOMEM;
	while (rc == 0) {
		if (n + 1 >= cap) {
			/* full (a regular file, read to its size): grow only if
			 * it goes on, not to learn that it ends */
			char c;
			ssize_t r = read(fd, &c, 1);
			if (r < 0 && errno == EINTR)
				continue;
			if (r <= 0) {
				rc = r < 0 ? -errno : 0;
				break;
			}
			char *b = realloc(buf, cap * 2);
			if (!b) {
				rc = -ENOMEM;
				break;
			}
			buf = b;
			cap *= 2;
			buf[n++] = c;
			continue;
		}
		ssize_t r = read(fd, buf + n, cap - n - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			rc = -errno;
		else if (r == 0)
			break;
		else
			n += (size_t)r;
	}
	close(fd);
	if (rc < 0) {
		free(buf);
		return rc;
	}
	buf[n] = '\0';
	*data = buf;
	*len = n;
	return 0;
}

/* On a pool thread: create or truncate, write everything, close. */
static int ac__spill(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return -errno;
	int rc = 0;
	while (len > 0) {
		ssize_t w = write(fd, data, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			rc = -errno;
			break;
		}
		data += w;
		len -= (size_t)w;
	}
	if (close(fd) < 0 && rc == 0)
		rc = -errno;
	return rc;
}

static void ac__file_work(uv_work_t *req)
{
	ac__file_frame *F = req->data;
	if (ac__file_reading(F))
		F->value = ac__slurp(F->path, &F->got, &F->got_len);
	else
		F->value = ac__spill(F->path, F->wdata, F->wlen);
}

static void ac__file_done(uv_work_t *req, int status)
{
	ac__file_frame *F = req->data;
	int rc = status < 0 ? status : F->value;
	if (rc == 0 && ac__file_reading(F) &&
	    (F->hdr.flags & AC_TASK_CANCELLED)) {
		free(F->got);
		rc = AC_ECANCELED;
	} else if (rc == 0 && ac__file_reading(F)) {
		*F->data = F->got;
		*F->len = F->got_len;
	}
	ac__io_end((struct ac__io *)F, rc);
}

static ac_status ac__file_step(ac_task *self)
{
	ac__file_frame *F = (void *)self;
	if (self->state)
		return ac__io_step(self);
	if (ac__cancelled(self))
		return ac__leaf_done(self, AC_ECANCELED);
	if (!F->path || (ac__file_reading(F) && (!F->data || !F->len)) ||
	    (!ac__file_reading(F) && !F->wdata && F->wlen))
		return ac__leaf_done(self, AC_EINVAL);
	int rc = ac__io_begin((struct ac__io *)F);
	if (rc < 0)
		return ac__leaf_done(self, rc);
	uv_work_t *req = AC__UV(uv_work_t, F->req);
	req->data = F;
	rc = uv_queue_work(&ac__L.uv, req, ac__file_work, ac__file_done);
	if (rc < 0)
		ac__io_end((struct ac__io *)F, rc);
	return AC_PENDING;
}

static void ac__file_cancel(ac_task *self)
{
	ac__file_frame *F = (void *)self;
	self->flags |= AC_TASK_CANCELLED;
	if (ac__io_pending((struct ac__io *)F))
		uv_cancel(AC__UV(uv_req_t, F->req));
}

static void ac__file_describe(FILE *out, const ac_task *t)
{
	const ac__file_frame *F = (const void *)t;
	fprintf(out, " %s the whole of %s",
		ac__file_reading(F) ? "reading" : "writing",
		F->path);
}

static AC__OP_INFO_CANCEL(ac__read_file_info, "ac_fs_read_file", ac__file_frame,
		   ac__file_describe, ac__file_cancel);
static AC__OP_INFO_CANCEL(ac__write_file_info, "ac_fs_write_file", ac__file_frame,
		   ac__file_describe, ac__file_cancel);

static void ac__file_init(ac__file_frame *F, const struct ac__op_info *info,
			  const char *path)
{
	ac__io_init((struct ac__io *)F, ac__file_step, info);
	F->path = path;
	F->data = NULL;
	F->wdata = NULL;
	F->len = NULL;
	F->wlen = 0;
	F->got = NULL;
	F->got_len = 0;
	F->value = 0;
}

void ac_fs_read_file__init(struct ac_fs_read_file__frame *F, const char *path,
			   char **data, size_t *len)
{
	ac__file_init(F, &ac__read_file_info, path);
	F->data = data;
	F->len = len;
	if (data)
		*data = NULL;
}

void ac_fs_write_file__init(struct ac_fs_write_file__frame *F,
			    const char *path, const void *data, size_t len)
{
	ac__file_init((ac__file_frame *)F, &ac__write_file_info, path);
	F->wdata = data;
	F->wlen = len;
}

AC__OP_NEW(ac_fs_read_file, (const char *path, char **data, size_t *len),
	   path, data, len)
AC__OP_NEW(ac_fs_write_file, (const char *path, const void *data, size_t len),
	   path, data, len)
