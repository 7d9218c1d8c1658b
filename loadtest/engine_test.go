package main

import (
	"math/rand"
	"sync"
	"testing"
	"time"
)

func TestPhaseRunsEveryIterationWhenWorkersAreFree(t *testing.T) {
	var mu sync.Mutex
	seen := map[int64]bool{}
	// More workers than iterations: none may be dropped, however the machine schedules them
	// (also not the first one, due at once while the workers are still starting).
	res := Phase{Rate: 1000, Duration: 200 * time.Millisecond, MaxInflight: 256}.Run(func(it int64, _ *rand.Rand) {
		mu.Lock()
		seen[it] = true
		mu.Unlock()
	})
	if res.Scheduled != 200 || res.Completed != 200 || res.Dropped != 0 || len(seen) != 200 {
		t.Fatalf("scheduled %d completed %d dropped %d distinct %d", res.Scheduled, res.Completed, res.Dropped, len(seen))
	}
}

func TestPhaseDropsIterationsWhileEveryWorkerIsBusy(t *testing.T) {
	res := Phase{Rate: 100, Duration: 500 * time.Millisecond, MaxInflight: 1}.Run(func(int64, *rand.Rand) {
		time.Sleep(100 * time.Millisecond)
	})
	// One worker busy 100 ms per iteration at 10 ms intervals over 500 ms: at most 5 can start
	// (6 if the last one's start is late), every other one is dropped.
	if res.Completed < 1 || res.Completed > 6 || res.Dropped != res.Scheduled-res.Completed {
		t.Fatalf("scheduled %d completed %d dropped %d", res.Scheduled, res.Completed, res.Dropped)
	}
}

func TestIterationRandomnessDependsOnTheIterationOnly(t *testing.T) {
	draw := func(it int64) []int {
		src := &splitMix64{}
		r := rand.New(src)
		r.Intn(100) // state left over from an earlier iteration must not matter
		src.Seed(it*7919 + 17)
		return []int{r.Intn(100), r.Intn(100), r.Intn(1000)}
	}
	a, b, c := draw(42), draw(42), draw(43)
	if a[0] != b[0] || a[1] != b[1] || a[2] != b[2] {
		t.Fatalf("same iteration, different draws: %v %v", a, b)
	}
	if a[0] == c[0] && a[1] == c[1] && a[2] == c[2] {
		t.Fatalf("iterations 42 and 43 drew the same: %v", a)
	}
}
