//go:build unix

package main

import (
	"syscall"
	"time"
)

// cpuTime is the processor time the process has used so far, user and
// system, on every core; ok is false where it cannot be read.
func cpuTime() (d time.Duration, ok bool) {
	var u syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &u) != nil {
		return 0, false
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano()), true
}
