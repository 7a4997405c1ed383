/*
 * coro.cpp - the loop of await.ca with C++20 coroutines: co_await of a child
 * coroutine that finishes without suspending.
 * Prints "<wall ns/iter> <thread CPU ns/iter> <acc>".
 */
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include "task.hpp"

task<int> add1(int x)
{
	co_return x + 1;
}

task<int> amain(long n)
{
	struct timespec t0, t1, c0, c1;
	int acc = 0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c0);
	for (long i = 0; i < n; i++)
		acc = co_await add1(acc);
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c1);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double ns = (t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec);
	double cpu = (c1.tv_sec - c0.tv_sec) * 1e9 + (c1.tv_nsec - c0.tv_nsec);
	std::printf("%.3f %.3f %d\n", n > 0 ? ns / n : 0.0,
		    n > 0 ? cpu / n : 0.0, acc);
	co_return 0;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? std::atol(argv[1]) : 1000000;
	return amain(n).run();
}
