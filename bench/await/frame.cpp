/*
 * frame.cpp - typical.ca as C++20 coroutines.  The promise's operator new
 * records the frame size g++ asks for; prints key=value lines.
 */
#include <cstdio>
#include "task.hpp"

task<int> add1(int x)
{
	co_return x + 1;
}

task<int> typical(int n)
{
	int sum = 0;
	for (int i = 0; i < n; i++) {
		int a = co_await add1(i);
		int t = a * 2;
		sum += co_await add1(t);
	}
	co_return sum;
}

int main()
{
	std::size_t add1_size, typical_size;
	{
		task<int> c = add1(0);
		add1_size = task_last_frame_size;
	}
	task<int> t = typical(3);
	typical_size = task_last_frame_size;
	int r = t.run(); /* 2*1+1 + 2*2+1 + 2*3+1 = 15 */
	std::printf("cxx_add1_frame=%zu\ncxx_typical_frame=%zu\ncxx_check=%d\n",
		    add1_size, typical_size, r);
	return r == 15 ? 0 : 1;
}
