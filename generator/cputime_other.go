//go:build !unix

package main

import "time"

// cpuTime is not read on this system: build -v shows wall times only.
func cpuTime() (time.Duration, bool) { return 0, false }
