//go:build unix

package main

import "syscall"

// runnerCPU is the CPU seconds (user and system) this process has used so far; -1 when unknown.
func runnerCPU() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return -1
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}
