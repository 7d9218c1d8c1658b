//go:build !unix

package main

// runnerCPU is unknown here (-1): the fanout summary then leaves the runner's CPU out.
func runnerCPU() float64 { return -1 }
