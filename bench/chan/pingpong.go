// pingpong.go - the same ping-pong in Go: goroutines and buffered channels
// of capacity 1.  The runner sets GOMAXPROCS (1: one thread, like the
// asyncc loop and Node; also the machine's cores).  The CPU column is the
// process's (getrusage), so it includes Go's own threads (GC, scheduler).
// Usage: go run pingpong.go ROUNDS PAIRS (the runner builds it first).
package main

import (
	"fmt"
	"os"
	"strconv"
	"sync"
	"syscall"
	"time"
)

func pinger(ping, pong chan int, rounds int, ok *bool, wg *sync.WaitGroup) {
	defer wg.Done()
	v := 0
	for i := 0; i < rounds; i++ {
		ping <- v
		v = <-pong
	}
	*ok = v == rounds
}

func ponger(ping, pong chan int, rounds int, wg *sync.WaitGroup) {
	defer wg.Done()
	for i := 0; i < rounds; i++ {
		v := <-ping
		pong <- v + 1
	}
}

func cpuNs() float64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return float64(ru.Utime.Nano() + ru.Stime.Nano())
}

func main() {
	rounds, pairs := 1000, 1000
	if len(os.Args) > 1 {
		rounds, _ = strconv.Atoi(os.Args[1])
	}
	if len(os.Args) > 2 {
		pairs, _ = strconv.Atoi(os.Args[2])
	}
	ok := make([]bool, pairs)
	var wg sync.WaitGroup
	t0, c0 := time.Now(), cpuNs()
	wg.Add(2 * pairs)
	for i := 0; i < pairs; i++ {
		ping, pong := make(chan int, 1), make(chan int, 1)
		go pinger(ping, pong, rounds, &ok[i], &wg)
		go ponger(ping, pong, rounds, &wg)
	}
	wg.Wait()
	c1, t1 := cpuNs(), time.Now()
	n := 2.0 * float64(rounds) * float64(pairs)
	sum := rounds * pairs
	for _, x := range ok {
		if !x {
			sum = -1
		}
	}
	fmt.Printf("%.3f %.3f %d\n", float64(t1.Sub(t0).Nanoseconds())/n, (c1-c0)/n, sum)
}
