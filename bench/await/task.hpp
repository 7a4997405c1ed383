/*
 * task.hpp - the smallest honest C++20 task: lazy start (initial_suspend is
 * suspend_always), co_await starts the child by symmetric transfer and the
 * child's final_suspend transfers straight back to its continuation.  The
 * frame is freed by the task's destructor.
 *
 * The promise's operator new records the size the compiler asks for (that is
 * the coroutine frame size).  With -DTASK_POOL the frames come from a
 * one-size free list (what libasyncc's ac__frame_alloc does for heap frames),
 * to show what the allocation alone costs.
 */
#include <coroutine>
#include <cstddef>
#include <cstdlib>
#include <exception>
#include <new>
#include <utility>

inline std::size_t task_last_frame_size;

#ifdef TASK_POOL
struct task_pool_block { task_pool_block *next; };
inline task_pool_block *task_pool_head;
inline std::size_t task_pool_size;
#endif

template <class T> struct task {
	struct promise_type {
		T value{};
		std::coroutine_handle<> cont;

		static void *operator new(std::size_t n)
		{
			task_last_frame_size = n;
#ifdef TASK_POOL
			if (n == task_pool_size && task_pool_head) {
				void *p = task_pool_head;
				task_pool_head = task_pool_head->next;
				return p;
			}
#endif
			return ::operator new(n);
		}
		static void operator delete(void *p, std::size_t n)
		{
#ifdef TASK_POOL
			if (!task_pool_size)
				task_pool_size = n;
			if (n == task_pool_size) {
				auto *b = static_cast<task_pool_block *>(p);
				b->next = task_pool_head;
				task_pool_head = b;
				return;
			}
#endif
			::operator delete(p, n);
		}

		task get_return_object()
		{
			return task{std::coroutine_handle<promise_type>::from_promise(*this)};
		}
		std::suspend_always initial_suspend() noexcept { return {}; }
		struct final_awaiter {
			bool await_ready() noexcept { return false; }
			std::coroutine_handle<>
			await_suspend(std::coroutine_handle<promise_type> h) noexcept
			{
				return h.promise().cont; /* symmetric transfer back */
			}
			void await_resume() noexcept {}
		};
		final_awaiter final_suspend() noexcept { return {}; }
		void return_value(T v) { value = v; }
		void unhandled_exception() { std::terminate(); }
	};

	std::coroutine_handle<promise_type> h;

	explicit task(std::coroutine_handle<promise_type> h) : h(h) {}
	task(task &&o) noexcept : h(std::exchange(o.h, {})) {}
	task(const task &) = delete;
	~task()
	{
		if (h)
			h.destroy();
	}

	/* co_await: start the child by symmetric transfer; it resumes us. */
	bool await_ready() noexcept { return false; }
	std::coroutine_handle<> await_suspend(std::coroutine_handle<> c) noexcept
	{
		h.promise().cont = c;
		return h;
	}
	T await_resume() { return h.promise().value; }

	/* Run a top-level task to completion (it must not suspend on I/O). */
	T run()
	{
		h.promise().cont = std::noop_coroutine();
		h.resume();
		return h.promise().value;
	}
};
